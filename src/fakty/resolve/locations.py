"""Places: one entity per nominative name; a bare "края" / "области" joins the one place of
that kind in the document (and is dropped when there is none, or more than one)."""
from __future__ import annotations

from . import merge


def resolve(records, context):
    from fakty.grammars.locations import is_anaphor

    groups: dict[str, list] = {}
    anaphors = []
    for record in records:
        if is_anaphor(record):
            anaphors.append(record)
        else:
            groups.setdefault(record.name.lower(), []).append(record)
    for anaphor in anaphors:
        same_kind = [g for g in groups.values() if g[0].kind == anaphor.kind]
        if len(same_kind) == 1:
            same_kind[0].append(anaphor)
    return [merge(group, context) for group in groups.values()]
