"""Organizations: mentions of one thing become one entity.

Mentions join when they share a key: the nominative name; the quoted name inside it
("ОЭЗ «Технополис Москва»", "«Технополис Москва»", "Технополис Москва"); the innermost
quoted name after a kind word ("АО «ОЭЗ «Лотос»" and "ОЭЗ "Лотос""); the name without a
trailing country ("Министерство промышленности и торговли [Российской Федерации]"); an
abbreviation defined in the text ("Особая экономическая зона (ОЭЗ)") or the initials of a
name ("ТПП РФ" for "Торгово-промышленная палата Российской Федерации").
A bare kind word ("Ассоциация", "Центра", "ОЭЗ") joins the one entity with that
abbreviation or of that kind, or is dropped. Then the quoted names and abbreviations of
each entity are looked up in the rest of the text ("Моспром" alone, which the tagger calls
a person).
"""
from __future__ import annotations

import re

from . import merge

_QUOTED = re.compile(r"[«\"](.+)[»\"]?")
_FUNCTION_WORDS = {"и", "по", "в", "во", "с", "со", "при", "для", "на", "о", "об", "имени", "им"}


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[«»\"]", " ", text).lower().split())


def quoted_names(name: str) -> list[str]:
    """'АО «ОЭЗ «Лотос»' -> ['ОЭЗ «Лотос', 'Лотос'] (the outer, then the innermost after a kind)."""
    from fakty.grammars.organizations import kind_of

    out = []
    first = next((i for i, c in enumerate(name) if c in "«\""), None)
    if first is None:
        return out
    outer = name[first + 1:].rstrip("»\"")
    out.append(outer)
    inner_at = next((i for i, c in enumerate(outer) if c in "«\""), None)
    if inner_at is not None and kind_of(outer[:inner_at].strip() or "-"):
        out.append(outer[inner_at + 1:].rstrip("»\""))
    return [q for q in out if q.strip()]


def initials(name: str) -> str:
    """'Торгово-промышленная палата Российской Федерации' -> 'ТППРФ'; an abbreviation in the
    name counts whole ('Ассоциация кластеров, технопарков и ОЭЗ' -> 'АКТОЭЗ')."""
    words = re.findall(r"\w+", re.sub(r"[«\"].*", "", name))
    return "".join(w if w.isupper() and len(w) > 1 else w[0].upper()
                   for w in words if w.lower() not in _FUNCTION_WORDS)


def _without_country(name: str) -> str | None:
    from fakty.grammars.locations import known_places

    words = name.split()
    for n in (2, 1):
        if len(words) > n + 1 and words[-n][:1].isupper():
            from fakty.morph import nominative_phrase

            place = known_places().get(nominative_phrase(words[-n:]).lower())
            if place and place[1] == "страна":
                return " ".join(words[:-n])
    return None


def keys(record) -> set[str]:
    out = {_plain(record.name)}
    out.update(_plain(q) for q in quoted_names(record.name))
    short = _without_country(record.name)
    if short:
        out.add(_plain(short))
    if record.abbreviation:
        out.add("abbr:" + record.abbreviation.replace(" ", "").upper())
    if " " in record.name and "«" not in record.name and '"' not in record.name:
        whole = initials(record.name)
        if len(whole) >= 3:
            out.add("abbr:" + whole)
        if short and len(initials(short)) >= 3:
            out.add("abbr:" + initials(short))
    if record.name.replace(" ", "").isupper() and len(record.name) >= 2:
        out.add("abbr:" + record.name.replace(" ", "").replace("-", ""))
    return {k for k in out if k and k != "abbr:"}


def resolve(records, context):
    from fakty.grammars.organizations import is_anaphor

    anaphors = [r for r in records if is_anaphor(r)]
    groups: list[list] = []
    group_keys: list[set[str]] = []
    for record in (r for r in records if not is_anaphor(r)):
        mine = keys(record)
        joined = [i for i, k in enumerate(group_keys) if k & mine]
        if not joined:
            groups.append([record])
            group_keys.append(mine)
            continue
        target = joined[0]
        groups[target].append(record)
        group_keys[target] |= mine
        for i in reversed(joined[1:]):  # the record ties two groups together
            groups[target].extend(groups.pop(i))
            group_keys[target] |= group_keys.pop(i)
    for anaphor in anaphors:
        word = anaphor.name.replace(" ", "").upper()
        by_abbreviation = [g for g, k in zip(groups, group_keys) if "abbr:" + word in k]
        same_kind = [g for g in groups if any(r.kind == anaphor.kind for r in g)]
        for candidates in (by_abbreviation, same_kind):
            if len(candidates) == 1:
                candidates[0].append(anaphor)
                break
    entities = []
    for group in groups:
        group.sort(key=lambda r: (r.spans[0].start, r.spans[0].stop))
        full = next((r for r in group if r.kind and any(c in r.name for c in "«\"")), None) or \
            next((r for r in group if r.kind), group[0])
        names = list(dict.fromkeys(r.name for r in group if not is_anaphor(r)))
        abbreviation = next((r.abbreviation for r in group if r.abbreviation), None) or \
            next((r.name for r in group if r.name.replace(" ", "").isupper()
              and r.name not in (full.kind, full.name)), None)
        entity = merge(group, context, name=full.name, kind=full.kind or next(
            (r.kind for r in group if r.kind), None), abbreviation=abbreviation,
            aliases=[n for n in names if n != full.name])
        entities.append(_find_more(entity, context))
    return _drop_shared_spans(entities)


def _find_more(entity, context):
    """Spans of the entity's quoted names found bare elsewhere in the text."""
    from fakty.records import Span

    text = context.cleaned.original
    names = {q for n in [entity.name] + entity.aliases for q in quoted_names(n)}
    names = {n for n in names if len(n) >= 4 and n[:1].isupper()}
    if not names:
        return entity
    taken = [(s.start, s.stop) for s in entity.spans]
    found = []
    for name in sorted(names, key=len, reverse=True):
        ending = r"[а-яё]{0,2}" if re.search(r"[а-яё]$", name) else ""
        for m in re.finditer(r"(?<![\w«\"-])" + re.escape(name) + ending + r"(?![\w-])", text):
            start, stop = m.start(), m.end()
            if start > 0 and text[start - 1] in "«\"" and stop < len(text) and text[stop] in "»\"":
                start, stop = start - 1, stop + 1
            if any(start < b and a < stop for a, b in taken):
                continue
            taken.append((start, stop))
            found.append(Span(start=start, stop=stop, text=text[start:stop]))
    if not found:
        return entity
    spans = sorted(entity.spans + found, key=lambda s: (s.start, s.stop))
    return entity.model_copy(update={"spans": spans})


def _drop_shared_spans(entities):
    """A span found by name lookup that another entity already has stays with that one."""
    owner: dict[tuple[int, int], int] = {}
    for i, e in enumerate(entities):
        for s in e.spans:
            owner.setdefault((s.start, s.stop), i)
    out = []
    for i, e in enumerate(entities):
        spans = [s for s in e.spans if owner[(s.start, s.stop)] == i]
        out.append(e if len(spans) == len(e.spans) else e.model_copy(update={"spans": spans}))
    return [e for e in out if e.spans]
