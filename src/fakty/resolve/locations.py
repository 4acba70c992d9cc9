"""Places: one entity per nominative name."""
from __future__ import annotations

from . import merge


def resolve(records, context):
    groups: dict[str, list] = {}
    for record in records:
        groups.setdefault(record.name.lower(), []).append(record)
    return [merge(group, context) for group in groups.values()]
