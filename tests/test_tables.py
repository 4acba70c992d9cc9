"""Tables: one typed pandas DataFrame per record type (`fakty.to_frames`, `Document.tables()`)."""
from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal

import pytest

import fakty
from fakty import DateValue, Document, DocumentError, Figure, Span

from conftest import FIXTURES

pd = pytest.importorskip("pandas", reason="pandas is in the test extra: pip install -e '.[test]'")


def gold(name: str) -> Document:
    return Document.model_validate(json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def frames():
    names = ["001_a2611bcb571f4053", "003_9afe9a9381d0fe53", "004_81d7c216ccd40b0c"]
    return fakty.to_frames([gold(n) for n in names] + [DocumentError(id="bad", error="X", message="y")])


def test_one_frame_per_record_type_plus_positions_and_documents(frames):
    assert list(frames) == ["organizations", "persons", "locations", "events", "figures", "dates", "durations",
                            "agreements", "ownerships", "positions", "documents"]
    documents = frames["documents"]
    assert documents.document_id.tolist() == ["001_a2611bcb571f4053", "003_9afe9a9381d0fe53",
                                              "004_81d7c216ccd40b0c"]  # the DocumentError is left out
    assert documents.persons.tolist() == [2, 3, 2] and str(documents.persons.dtype) == "Int64"
    assert len(frames["figures"]) == documents.figures.sum() == 7


def test_numbers_are_numbers_and_dates_are_dates(frames):
    figures = frames["figures"]
    assert figures.value.dtype == "float64" and figures.value.sum() == 1_100_000_000 + 230 + 17 + 10 + 30 + 386
    row = figures[figures.unit == "RUB"].iloc[0]
    assert row.period == pd.Timestamp("2024-01-01") and row.period_iso == "2024" and row.period_precision == "year"
    change = figures[figures.document_id == "003_9afe9a9381d0fe53"].iloc[0]  # "с 2 миллиардов рублей до 100 миллионов"
    assert pd.isna(change.value) and (change.low, change.high) == (1e8, 2e9) and change.change == "decline"
    events = frames["events"]
    assert str(events.date.dtype).startswith("datetime64")
    assert events.set_index("name").date["Петербургский международный экономический форум"] == pd.Timestamp("2024-01-01")
    assert str(events.ordinal.dtype) == "Int64" and str(events.recurring.dtype) == "boolean"
    assert str(frames["dates"].value.dtype).startswith("datetime64")


def test_positions_have_their_own_table_with_person_and_organization_names(frames):
    positions = frames["positions"].set_index("person")
    assert positions.loc["Олег Кочетков", "title"] == "директор"
    assert positions.loc["Олег Кочетков", "organization"] == "«СтанкоМашСтрой»"
    assert positions.loc["Сергей Собянин", "location"] == "Москва"
    assert pd.isna(positions.loc["Сергей Собянин", "organization"])
    persons = frames["persons"].set_index("name")
    assert persons.loc["Степан Коваленко", "titles"] == ["заместитель руководителя"]


def test_references_get_the_referred_records_label_and_spans_their_counts(frames):
    events = frames["events"]
    assert all(len(ids) == len(names) for ids, names in zip(events.organizer_ids, events.organizers))
    organizations = frames["organizations"]
    assert (organizations.mentions >= 1).all() and str(organizations.start.dtype) == "Int64"


def test_a_document_without_an_id_is_named_by_its_place():
    text = "Рост на 5% в третьем квартале 2025 года."
    doc = Document(text=text, figures=[
        Figure(id="fig-1", kind="percent", value=Decimal(5), unit="%", spans=[Span(start=8, stop=10, text="5%")],
               period=DateValue(year=2025, quarter=3, precision="quarter", iso="2025-Q3"))])
    frame = doc.tables()["figures"]
    assert frame.document_id.tolist() == ["0"]
    assert frame.period[0] == pd.Timestamp("2025-07-01") and frame.period_iso[0] == "2025-Q3"
    assert frame.text[0] == "5%" and frame.mentions[0] == 1


def test_to_pandas_keeps_one_row_per_record():
    doc = gold("004_81d7c216ccd40b0c")
    frame = doc.to_pandas()
    assert len(frame) == sum(doc.counts().values())
    assert set(frame.type) == {"Organization", "Person", "Location", "Event", "Figure", "Date", "Agreement"}


def test_without_pandas_the_error_says_what_to_install():
    code = ("import sys; sys.modules['pandas'] = None\n"
            "import fakty\n"
            "try:\n    fakty.Document(text='').tables()\n"
            "except ImportError as e:\n    print(e)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert 'pip install "fakty[pandas]"' in result.stdout, result.stderr
