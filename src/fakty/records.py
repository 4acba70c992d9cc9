"""The records fakty returns: frozen pydantic models, exportable as JSON Schema.

Every record that stands for something in the text carries `spans` pointing into the
caller's original text (`document.text[span.start:span.stop] == span.text`) and an `id`
that is stable inside its document.
"""
from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Iterator, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(Record):
    start: int = Field(description="offset of the first character in the original text")
    stop: int = Field(description="offset after the last character")
    text: str = Field(description="original_text[start:stop]")


Precision = Literal["day", "month", "quarter", "half", "year", "decade"]


class DateValue(Record):
    """A calendar value: a day, month, quarter, half-year or year, or a range of them."""

    year: Optional[int] = None
    month: Optional[int] = None
    day: Optional[int] = None
    quarter: Optional[int] = Field(None, description="1-4 when precision is quarter")
    half: Optional[int] = Field(None, description="1-2 when precision is half")
    precision: Precision = "day"
    part: Optional[Literal["start", "middle", "end"]] = Field(
        None, description="'в конце 2023 года' -> end")
    relation: Literal["on", "since", "until", "by"] = Field(
        "on", description="the preposition's meaning: с 2020 -> since, до 2030 -> until, к 2030 -> by")
    end: Optional[DateValue] = Field(None, description="end of a range ('16-17 октября')")
    relative: bool = Field(False, description="said relative to the publication date ('вчера')")
    shift: Optional[int] = Field(None, description="for relative dates: -1 for 'вчера' / 'в прошлом году'")
    shift_unit: Optional[Literal["day", "week", "month", "year"]] = None
    iso: Optional[str] = Field(None, description="2018-11-23, 2018-11, 2018, 2025-Q3, 2025-H1, a/b for ranges")


class Entity(Record):
    id: str = ""
    spans: list[Span] = Field(default_factory=list)

    @property
    def text(self) -> str:
        return self.spans[0].text if self.spans else ""


class Date(Entity):
    value: DateValue


class Location(Entity):
    name: str
    kind: Optional[str] = Field(None, description="город, область, край, страна, …")


class Organization(Entity):
    name: str = Field(description="nominative name")
    kind: Optional[str] = Field(None, description="ОЭЗ, АО, министерство, ассоциация, …")
    abbreviation: Optional[str] = None
    aliases: list[str] = Field(default_factory=list)
    parent_id: Optional[str] = Field(None, description="the organization named inside this one's "
                                     "name that it belongs to: 'Политическое бюро Национального "
                                     "фронта' -> Национальный фронт")


class Position(Record):
    title: str = Field(description="nominative title: 'заместитель руководителя'")
    organization_id: Optional[str] = None
    location_id: Optional[str] = Field(None, description="'мэр Москвы': the place of the office")
    acting: bool = Field(False, description="и.о.")
    span: Optional[Span] = Field(None, description="the title as written with its organization or "
                                 "place: 'заместителя руководителя Департамента … города Москвы'")


class Person(Entity):
    name: str = Field(description="nominative full name")
    first: Optional[str] = None
    middle: Optional[str] = None
    last: Optional[str] = None
    positions: list[Position] = Field(default_factory=list)


FigureKind = Literal["money", "percent", "count", "other"]
Qualifier = Literal["exact", "more_than", "less_than", "approx"]


class Figure(Entity):
    kind: FigureKind
    value: Optional[Decimal] = Field(None, description="with the multiplier applied")
    unit: Optional[str] = Field(None, description="ISO currency, %, п.п., or the counted noun's lemma")
    qualifier: Qualifier = "exact"
    low: Optional[Decimal] = None
    high: Optional[Decimal] = None
    change: Optional[Literal["growth", "decline"]] = None
    subject: Optional[str] = Field(None, description="what is counted or measured")
    period: Optional[DateValue] = None


class Event(Entity):
    kind: str = Field(description="конгресс, форум, конференция, пленарное заседание, …")
    name: str = Field(description="nominative name")
    ordinal: Optional[int] = None
    recurring: bool = False
    date: Optional[DateValue] = None
    location_id: Optional[str] = None
    organizer_ids: list[str] = Field(default_factory=list)
    supporter_ids: list[str] = Field(default_factory=list)
    participants: Optional[Figure] = None
    parent_id: Optional[str] = None


# the Document's lists, in the order they are written out
RECORD_TYPES: dict[str, type[Entity]] = {
    "organizations": Organization,
    "persons": Person,
    "locations": Location,
    "events": Event,
    "figures": Figure,
    "dates": Date,
}


class Document(Record):
    id: Optional[str] = None
    text: str
    title: Optional[str] = None
    published: Optional[dt.date] = None
    boilerplate: list[Span] = Field(default_factory=list, description="page furniture, not news")
    timed_out: bool = Field(False, description="the time limit (timeout=) ran out before every sentence "
                            "was read: the records are those found until then")
    organizations: list[Organization] = Field(default_factory=list)
    persons: list[Person] = Field(default_factory=list)
    locations: list[Location] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    dates: list[Date] = Field(default_factory=list)

    def records(self) -> Iterator[Entity]:
        for field in RECORD_TYPES:
            yield from getattr(self, field)

    def get(self, id: str) -> Optional[Entity]:
        return next((r for r in self.records() if r.id == id), None)

    def to_json(self, **kwargs) -> str:
        return self.model_dump_json(**kwargs)

    def to_dict(self) -> dict:
        return self.model_dump(mode="json")

    def to_pandas(self):
        """One row per record: type, id, text of the first span, and the record's fields."""
        import pandas as pd

        return pd.DataFrame(flatten(self))

    def _repr_html_(self) -> str:
        from .display import render_html

        return render_html(self)


class DocumentError(Record):
    """What `pipe()` yields for an input that could not be processed."""

    id: Optional[str] = None
    error: str = Field(description="exception type")
    message: str


def flatten(document: Document) -> list[dict]:
    """Records as flat dicts (nested values as JSON strings), for tables and dataframes."""
    rows = []
    for field, cls in RECORD_TYPES.items():
        for record in getattr(document, field):
            data = record.model_dump(mode="json", exclude={"spans"})
            row = {"document_id": document.id, "type": cls.__name__, "id": record.id,
                   "start": record.spans[0].start if record.spans else None,
                   "stop": record.spans[0].stop if record.spans else None,
                   "text": record.text}
            for key, value in data.items():
                if key == "id":
                    continue
                row[key] = json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else value
            rows.append(row)
    return rows


def json_schema() -> dict:
    return Document.model_json_schema()
