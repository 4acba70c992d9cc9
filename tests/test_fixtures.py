"""The gold fixtures are valid: offsets, references, field values (see fixtures/README.md).

Every set is checked: the five seed pages (fixtures/) and the two sets of ten held-out
factru-dev texts (fixtures/heldout/ and fixtures/heldout2/, see their README.md).
"""
from __future__ import annotations

import importlib.util
import json
import re

import pytest

from fakty import Document, Event, Figure, Location, Organization

from conftest import FACTRU_DEV, FIXTURES

HELDOUT_SETS = ("heldout", "heldout2")
PAGES = sorted(p.stem for p in FIXTURES.glob("*.json"))
# every held-out text as "set/name"
HELDOUT_PAGES = [f"{folder}/{p.stem}" for folder in HELDOUT_SETS for p in sorted((FIXTURES / folder).glob("*.json"))]
# every gold file, as "name" (seed page) or "set/name"
ALL = PAGES + HELDOUT_PAGES


def load(name: str) -> Document:
    return Document.model_validate(json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8")))


def test_every_seed_page_has_its_gold():
    texts = sorted(p.stem for p in FIXTURES.glob("*.txt"))
    assert len(PAGES) == 5 and PAGES == texts


@pytest.mark.parametrize("folder", HELDOUT_SETS)
def test_every_heldout_text_has_its_gold_and_the_license(folder):
    texts = sorted(p.stem for p in (FIXTURES / folder).glob("*.txt"))
    golds = sorted(p.stem for p in (FIXTURES / folder).glob("*.json"))
    assert len(golds) == 10 and golds == texts
    assert "MIT" in (FIXTURES / folder / "LICENSE").read_text(encoding="utf-8")


def test_the_heldout_sets_share_no_text():
    first, second = ({p.stem for p in (FIXTURES / folder).glob("*.txt")} for folder in HELDOUT_SETS)
    assert not first & second


@pytest.mark.parametrize("name", HELDOUT_PAGES)
def test_heldout_texts_are_factru_dev_texts_unchanged(name):
    original = FACTRU_DEV / f"{name.split('/')[1]}.txt"
    assert (FIXTURES / f"{name}.txt").read_bytes() == original.read_bytes()


@pytest.mark.parametrize("name", ALL)
def test_gold_text_is_the_page_text(name):
    assert load(name).text == (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")


def _all_spans(doc: Document):
    for record in doc.records():
        for span in record.spans:
            yield record.id, span
        for position in getattr(record, "positions", []):
            if position.span:
                yield record.id, position.span
        if isinstance(record, Event) and record.participants:
            for span in record.participants.spans:
                yield record.id, span
    for span in doc.boilerplate:
        yield "boilerplate", span


@pytest.mark.parametrize("name", ALL)
def test_every_offset_points_at_its_text(name):
    doc = load(name)
    for owner, span in _all_spans(doc):
        assert 0 <= span.start < span.stop <= len(doc.text), (owner, span)
        assert doc.text[span.start:span.stop] == span.text, (owner, span)


@pytest.mark.parametrize("name", ALL)
def test_ids_are_unique_and_every_reference_resolves(name):
    doc = load(name)
    ids = [r.id for r in doc.records()]
    assert len(ids) == len(set(ids)) and all(ids)
    kinds = {r.id: type(r) for r in doc.records()}
    for record in doc.records():
        for position in getattr(record, "positions", []):
            assert position.organization_id is None or kinds.get(position.organization_id) is Organization
            assert position.location_id is None or kinds.get(position.location_id) is Location
        if isinstance(record, Event):
            assert record.location_id is None or kinds.get(record.location_id) is Location
            assert record.parent_id is None or kinds.get(record.parent_id) is Event
            for ref in record.organizer_ids + record.supporter_ids:
                assert kinds.get(ref) is Organization, (record.id, ref)


@pytest.mark.parametrize("name", ALL)
def test_every_record_has_a_mention_and_valid_values(name):
    doc = load(name)
    for record in doc.records():
        assert record.spans, record.id
    for org in doc.organizations:
        assert org.name.strip() and org.kind
    for person in doc.persons:
        assert person.last and person.last in person.name
        assert all(p.title and p.title == p.title.strip() and p.span for p in person.positions)
    for loc in doc.locations:
        assert loc.name.strip() and loc.kind
    for event in doc.events:
        assert event.kind and event.name.strip()
        assert event.ordinal is None or event.ordinal > 0
    figures = doc.figures + [e.participants for e in doc.events if e.participants]
    for figure in figures:
        _check_figure(figure)
    for date in doc.dates:
        _check_date(date.value)
    for event in doc.events:
        if event.date:
            _check_date(event.date)


def _check_figure(figure: Figure) -> None:
    assert figure.value is not None or (figure.low is not None and figure.high is not None), figure.id
    if figure.low is not None and figure.high is not None:
        assert figure.low <= figure.high, figure.id
    if figure.kind == "money":
        assert re.fullmatch(r"[A-Z]{3}", figure.unit or ""), figure.id
    elif figure.kind == "percent":
        assert figure.unit in ("%", "п.п."), figure.id
    elif figure.kind == "count":
        # the counted noun phrase in the nominative singular: "рабочее место", "компания-резидент"
        assert re.fullmatch(r"[а-яё-]+( [а-яё-]+)*", figure.unit or ""), figure.id
    assert figure.subject, figure.id


def _check_date(value) -> None:
    if value.iso and value.year:
        parts = [f"{value.year:04d}"] + [f"{x:02d}" for x in (value.month, value.day) if x]
        parts += [f"Q{value.quarter}"] if value.quarter else [f"H{value.half}"] if value.half else []
        assert value.iso.split("/")[0] == "-".join(parts), value
    if value.relative:  # the shift may be unsaid ("несколько дней назад"), the unit never
        assert value.shift_unit, value
    if value.precision == "day" and not value.relative:
        assert value.month and value.day, value


@pytest.mark.parametrize("name", ALL)
def test_no_gold_fact_inside_boilerplate(name):
    doc = load(name)
    for record in doc.records():
        for span in record.spans:
            assert not any(b.start <= span.start and span.stop <= b.stop for b in doc.boilerplate), (record.id, span)


def test_the_published_dates_are_the_pages_own():
    assert str(load("000_f32622456d1a8adb").published) == "2025-10-07"
    assert str(load("002_9558e3017ce42363").published) == "2018-12-02"
    assert all(load(n).published is None for n in PAGES if n[:3] in ("001", "003", "004"))
    assert all(load(n).published is None for n in HELDOUT_PAGES)  # factru texts print no date


def test_fixtures_are_what_annotations_py_builds():
    """The JSON is generated from fixtures/annotations.py; editing one without the other is a mistake."""
    import sys

    sys.path.insert(0, str(FIXTURES))
    try:
        import annotations as source
    finally:
        sys.path.remove(str(FIXTURES))
    for build in source.PAGES:
        page = build()
        assert page.document() == load(page.name), page.name


@pytest.mark.parametrize("folder", HELDOUT_SETS)
def test_heldout_fixtures_are_what_their_annotations_py_builds(folder):
    spec = importlib.util.spec_from_file_location(f"{folder}_annotations", FIXTURES / folder / "annotations.py")
    source = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(source)
    assert len(source.PAGES) == 10
    for build in source.PAGES:
        page = build()
        assert page.document() == load(f"{folder}/{page.name}"), page.name
