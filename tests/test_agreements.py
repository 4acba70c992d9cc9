"""Agreements, ownership and meetings (grammars/agreements.py, resolve/agreements.py): the
example table beside the grammar, and the behaviours it is built on."""
from __future__ import annotations

import pytest

from examples import example_groups, parse_fields

EXAMPLES = example_groups("agreements_examples.tsv", columns=2)


def labels(doc, ids) -> str:
    ids = [ids] if isinstance(ids, str) else list(ids or [])
    return " | ".join(doc.get(i).label if doc.get(i) is not None else f"?{i}" for i in ids)


def _date(value) -> str:
    if value is None:
        return "None"
    if value.iso:
        return value.iso
    return f"{value.month:02d}-{value.day:02d}" if value.month and value.day else str(value.year)


# an example field -> how to read it from a record
FIELDS = {
    "parties": lambda doc, r: labels(doc, r.party_ids),
    "signers": lambda doc, r: labels(doc, r.signer_ids),
    "amount": lambda doc, r: labels(doc, r.amount_id),
    "event": lambda doc, r: labels(doc, r.event_id),
    "owner": lambda doc, r: labels(doc, r.owner_id),
    "owned": lambda doc, r: labels(doc, r.owned_id),
    "participants": lambda doc, r: labels(doc, r.participant_ids),
    "date": lambda doc, r: _date(r.date),
    "share": lambda doc, r: str(r.share.normalize()) if r.share is not None else "None",
}


def mismatches(doc, record, fields: str) -> dict:
    out = {}
    for name, want in parse_fields(fields).items():
        got = FIELDS[name](doc, record) if name in FIELDS else str(getattr(record, name))
        if got != want:
            out[name] = (want, got)
    return out


def _relevant(field, records):
    if field == "events":  # meetings: the events with participants
        return [r for r in records if r.participant_ids]
    return list(records)


@pytest.mark.parametrize("inputs, expected", EXAMPLES, ids=[" | ".join(i) for i, _ in EXAMPLES])
def test_agreements_example_table(extractor, inputs, expected):
    phrase, field = inputs
    doc = extractor(phrase)
    found = _relevant(field, getattr(doc, field))
    assert sorted({r.text for r in found}) == sorted({text for text, _ in expected})
    for text, fields in expected:
        candidates = [r for r in found if r.text == text]
        assert any(not mismatches(doc, r, fields) for r in candidates), \
            [mismatches(doc, r, fields) for r in candidates]
