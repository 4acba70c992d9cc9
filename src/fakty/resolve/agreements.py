"""Agreements and ownership: mentions grouped into entities (registered as resolvers in
`fakty/records.py`, as a plugin registers its own; they run after the built-in types).

Agreements:
1. Named mentions of one agreement become one ("Хартии технологического суверенитета" and
   "Хартии промышленного технологического суверенитета и импортозамещения": one kind, and
   the words of one name are among the other's).
   Their dates are counted from the publication date, as Date records are.
2. A mention with no name, parties or subject ("Соглашение было подписано в пятницу",
   "к Хартии присоединились …") refers back to the agreement of its kind named last before
   it; it adds its span, and a date, value or event that one lacks. With none before it, it
   stands alone only if it says something (a party, a value, a date), else it is dropped.
Ownership: the same relation said twice (owner, owned, kind; for a purchase also the share and
date: two purchases are two deals) is one record.
"""
from __future__ import annotations

import re

from ..lexicons import fold
from ..morph import lemma
from . import merge
from .dates import anchor


def _name_words(name: str) -> set[str]:
    return {fold(lemma(w)) for w in re.findall(r"\w+", name.lower()) if len(w) > 2}


def _same(a, b) -> bool:
    if a.kind != b.kind or not a.name or not b.name:
        return False
    wa, wb = _name_words(a.name), _name_words(b.name)
    return wa <= wb or wb <= wa


def _bare(record) -> bool:
    return not (record.name or record.party_ids or record.signer_ids or record.subject)


def resolve_agreements(records, context):
    groups: list[list] = []
    for record in sorted(records, key=lambda r: r.spans[0].start):
        if _bare(record):
            before = [g for g in groups if g[0].kind == record.kind]
            if before:
                before[-1].append(record)
            elif record.amount_id or record.date or record.event_id:
                groups.append([record])
            continue
        group = next((g for g in groups if _same(g[0], record)), None)
        if group is None:
            groups.append([record])
        else:
            group.append(record)
    for group in groups:
        agreement = _merge(group, context)
        yield _dated(agreement, context)


def _merge(group, context):
    first = group[0]
    named = next((r.name for r in sorted(group, key=lambda r: -len(r.name or "")) if r.name), None)
    return merge(group, context, name=named,
                 subject=next((r.subject for r in group if r.subject), None),
                 party_ids=list(dict.fromkeys(i for r in group for i in r.party_ids)),
                 signer_ids=list(dict.fromkeys(i for r in group for i in r.signer_ids)),
                 amount_id=next((r.amount_id for r in group if r.amount_id), None),
                 date=next((r.date for r in group if r.date), first.date),
                 event_id=next((r.event_id for r in group if r.event_id), None))


def resolve_ownerships(records, context):
    seen: dict[tuple, list] = {}
    for record in records:
        if not record.owner_id or not record.owned_id:
            continue
        key = (record.kind, context.aliases.get(record.owner_id, record.owner_id),
               context.aliases.get(record.owned_id, record.owned_id))
        if record.kind == "acquisition":  # purchases at other times or of other shares are other deals
            key += (record.share, record.date)
        seen.setdefault(key, []).append(record)
    for group in seen.values():
        yield _dated(merge(group, context), context)


def _dated(record, context):
    """A date the grammar read ('в прошлом году') counted from the publication date, as the
    Date records are."""
    return record.model_copy(update={"date": anchor(record.date, context.published)}) if record.date else record
