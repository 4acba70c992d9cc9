"""Persons: a later mention joins an earlier one with the same surname unless the first
names differ ('Коваленко' and 'Степан Коваленко' are one person)."""
from __future__ import annotations

from . import merge


def _compatible(a, b) -> bool:
    if not (a.last and b.last):
        return a.name.lower() == b.name.lower()
    if a.last.lower() != b.last.lower():
        return False
    if a.first and b.first:
        return _first_names_agree(a.first, b.first)
    return True


def _first_names_agree(x: str, y: str) -> bool:
    x, y = x.rstrip(".").lower(), y.rstrip(".").lower()
    if len(x) == 1 or len(y) == 1:  # an initial
        return x[0] == y[0]
    return x == y


def resolve(records, context):
    groups: list[list] = []
    for record in records:
        for group in groups:
            if all(_compatible(record, other) for other in group):
                group.append(record)
                break
        else:
            groups.append([record])
    entities = []
    for group in groups:
        fullest = max(group, key=lambda r: (bool(r.first), bool(r.middle), len(r.name)))
        positions = [p for r in group for p in r.positions]
        entities.append(merge(group, context, name=fullest.name, first=fullest.first,
                              middle=fullest.middle, last=fullest.last, positions=positions))
    return entities
