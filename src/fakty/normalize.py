"""Stage 6, normalize: final order and ids, so the same text gives byte-identical JSON.

Entities of each registered type are sorted by their first span (then their JSON), get ids
from the type's prefix (`org-1`, `per-2`, a plugin's `lic-1`), and every reference is rewritten to the final id. Nominative names and values are
made by the grammars (with `fakty.morph`); this stage only fixes what the whole document
needs.
"""
from __future__ import annotations

from .records import Entity, record_types
from .resolve import rewrite_references


def _order(record: Entity):
    first = record.spans[0] if record.spans else None
    return (first.start if first else -1, first.stop if first else -1,
            record.model_dump_json(exclude={"id"}))


def normalize(entities: dict[str, list[Entity]]) -> dict[str, list[Entity]]:
    final_ids: dict[str, str] = {}
    ordered: dict[str, list[Entity]] = {}
    for t in record_types():  # built-in and plugin types alike: the registry's prefixes
        records = sorted(entities.get(t.field, []), key=_order)
        for number, record in enumerate(records, 1):
            final_ids[record.id] = f"{t.prefix}-{number}"
        ordered[t.field] = records
    out = {}
    for field, records in ordered.items():
        out[field] = [
            rewrite_references(r.model_copy(update={"id": final_ids[r.id]}), final_ids)
            for r in records
        ]
    # a reference to something that did not survive resolution is dropped, not left dangling
    known = set(final_ids.values())
    return {field: [_drop_dangling(r, known) for r in records] for field, records in out.items()}


def _drop_dangling(record, known: set[str]):
    from pydantic import BaseModel

    updates = {}
    for name in type(record).model_fields:
        value = getattr(record, name)
        if name.endswith("_id") and name != "id" and isinstance(value, str) and value not in known:
            updates[name] = None
        elif name.endswith("_ids") and isinstance(value, list):
            kept = [v for v in value if v in known]
            if kept != value:
                updates[name] = kept
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel) and name != "spans":
            new = [_drop_dangling(v, known) for v in value]
            if new != value:
                updates[name] = new
        elif isinstance(value, BaseModel) and name not in ("end", "period", "date"):
            new = _drop_dangling(value, known)
            if new != value:
                updates[name] = new
    return record.model_copy(update=updates) if updates else record
