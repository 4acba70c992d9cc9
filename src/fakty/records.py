"""The records fakty returns: frozen pydantic models, exportable as JSON Schema.

Every record that stands for something in the text carries `spans` pointing into the
caller's original text (`document.text[span.start:span.stop] == span.text`) and an `id`
that is stable inside its document.

Record types are registered: `register_record(cls, field=, prefix=)` names the Document list
a type goes into and the prefix of its ids. The built-in types are registered below; a
plugin registers its own `Entity` subclass the same way, and every stage (resolve,
normalize, JSON, tables, the HTML view, the JSON Schema) then handles it like a built-in.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any, Callable, Iterator, Literal, Optional, TypeVar, overload

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, model_validator


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(Record):
    start: int = Field(description="offset of the first character in the original text")
    stop: int = Field(description="offset after the last character")
    text: str = Field(description="original_text[start:stop]")


Precision = Literal["day", "month", "quarter", "half", "year", "decade", "century"]


class DateValue(Record):
    """A calendar value: a day, month, quarter, half-year, year, decade or century, or a range of
    them. A century is its first year ("XXI век": year 2001, iso "20")."""

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
    relative: bool = Field(False, description="said relative to the publication date ('вчера') or to a "
                           "time the story names (see counted_from)")
    shift: Optional[int] = Field(None, description="for relative dates: -1 for 'вчера' / 'в прошлом году'")
    counted_from: Literal["publication", "story"] = Field(
        "publication", description="what a relative date counts from: the publication date, or a time the "
        "story names ('на следующий день', 'годом позже', 'в тот же день': not resolved, no iso)")
    shift_unit: Optional[Literal["day", "week", "month", "year"]] = None
    weekday: Optional[int] = Field(None, description="1 (понедельник) to 7 (воскресенье) for 'в пятницу': "
                                   "relative, the last such day on or before the publication date")
    iso: Optional[str] = Field(None, description="2018-11-23, 2018-11, 2018, 2025-Q3, 2025-H1, a/b for ranges")


class Entity(Record):
    id: str = ""
    spans: list[Span] = Field(default_factory=list)

    @property
    def text(self) -> str:
        return self.spans[0].text if self.spans else ""

    @property
    def label(self) -> str:
        """A short name for tables and the HTML view: the record's `name`, else its first
        span's text (a record type may define its own)."""
        name = getattr(self, "name", None)
        return name if isinstance(name, str) and name else self.text


class Date(Entity):
    value: DateValue

    @property
    def label(self) -> str:
        return self.value.iso or self.text


class Duration(Entity):
    """A stretch of time, not a calendar value: "15 лет", "за пять лет", "в течение года",
    "от 5 до 10 лет", "в последние годы" (the preposition stays in the span)."""

    amount: Optional[Decimal] = Field(None, description="'15 лет' -> 15; none when not said: 'несколько лет'")
    high: Optional[Decimal] = Field(None, description="the upper end of a range: 'от 5 до 10 лет' -> amount 5, high 10")
    unit: Literal["day", "week", "month", "year", "decade", "century"]
    iso: Optional[str] = Field(None, description="ISO 8601 duration: P15Y, P18M, P2W, P180D; P5Y/P10Y for a range")

    @property
    def label(self) -> str:
        return self.iso or self.text


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

    @property
    def label(self) -> str:
        return f"{self.value} {self.unit or ''}".strip() if self.value is not None else self.text


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
    participant_ids: list[str] = Field(default_factory=list, description="who met: the persons and "
                                       "organizations of a meeting, visit or talks (kind встреча)")
    parent_id: Optional[str] = None
    series: Optional[str] = Field(None, description="the recurring event this is an edition of, "
                                  "named by a year or an ordinal ('Иннопром-2024', 'Второй Иннопром' -> "
                                  "'Иннопром'); editions of one recurring event share it")


class Agreement(Entity):
    """An agreement between parties: a document signed or concluded (соглашение, меморандум,
    договор, контракт, хартия, концессия) or a loan, grant or investment the text says one
    party gave another."""

    kind: str = Field(description="соглашение, меморандум, договор, контракт, хартия, концессия, "
                      "кредит, грант, инвестиции, …")
    name: Optional[str] = Field(None, description="its own name: 'Хартия технологического суверенитета'")
    subject: Optional[str] = Field(None, description="what it is about, nominative: "
                                   "'строительство завода'")
    party_ids: list[str] = Field(default_factory=list, description="organizations, persons or places "
                                 "that are its parties, as the text lists them")
    signer_ids: list[str] = Field(default_factory=list, description="persons who signed it")
    amount_id: Optional[str] = Field(None, description="the Figure that is its value: "
                                     "'стоимостью 7 млрд рублей'")
    date: Optional[DateValue] = None
    event_id: Optional[str] = Field(None, description="the event where it was signed: ПМЭФ")

    @property
    def label(self) -> str:
        return self.name or " ".join(filter(None, (self.kind, self.subject))) or self.text


OwnershipKind = Literal["subsidiary", "stake", "acquisition", "owner", "founder"]


class Ownership(Entity):
    """Who owns (or bought, or founded) an organization."""

    kind: OwnershipKind = Field(description="subsidiary (дочерняя компания), stake (holds a share of "
                                "it: акционер), acquisition (bought it, or a share of it: `share`), "
                                "owner (владелец, принадлежит), founder (основатель, создатель)")
    owner_id: Optional[str] = Field(None, description="the organization or person that owns")
    owned_id: Optional[str] = Field(None, description="the organization owned")
    share: Optional[Decimal] = Field(None, description="the share held or bought, in percent")
    amount_id: Optional[str] = Field(None, description="the Figure paid: 'за 1 млрд долларов'")
    date: Optional[DateValue] = None

    @property
    def label(self) -> str:
        return f"{self.kind} {self.share}%" if self.share is not None else self.kind


@dataclass(frozen=True)
class RecordType:
    """A registered record type: its class, the Document list it goes into (`field`), the
    prefix of its ids (`org` -> `org-1`) and, optionally, how its mentions become entities
    (`resolver(records, context) -> records`; without one, the mentions that do not overlap
    are kept as they are). A type of relations between entities (`overlapping`: "X owns Y"
    and "Z owns Y" in one phrase) keeps overlapping mentions instead of the longest one."""

    cls: type[Entity]
    field: str
    prefix: str
    resolver: Optional[Callable[..., Any]] = None
    overlapping: bool = False  # a relation: its mentions may overlap, all reach the resolver


# by class, in registration order: the order of the Document's lists in JSON
_REGISTRY: dict[type, RecordType] = {}
# field -> class, kept in step with the registry (what most callers need)
RECORD_TYPES: dict[str, type[Entity]] = {}

E = TypeVar("E", bound=Entity)


def register_record(cls: type[E], field: str, prefix: str,
                    resolver: Optional[Callable[..., Any]] = None, overlapping: bool = False) -> type[E]:
    """Make `cls` (a subclass of `Entity`) a record type: its records go into the Document
    list `field` and get ids `prefix-1`, `prefix-2`, ... Returns `cls`.

        class License(Entity):
            number: str

        register_record(License, field="licenses", prefix="lic")

    `overlapping=True` is for relations between entities: their mentions may overlap ("X,
    принадлежащая Y и Z": two Ownership records on one phrase) and resolve keeps them all.
    Registering a class again (a module imported twice, a notebook cell run again) replaces
    the earlier entry in its place."""
    if not (isinstance(cls, type) and issubclass(cls, Entity)) or cls is Entity:
        raise TypeError(f"a record type must be a subclass of fakty.records.Entity, got {cls!r}")
    if not field.isidentifier() or not prefix or "-" in prefix:
        raise ValueError(f"field must be an identifier and prefix a word without '-': {field!r}, {prefix!r}")
    name = (cls.__module__, cls.__qualname__)
    entries = list(_REGISTRY.items())
    for other_cls, other in entries:
        if (other_cls.__module__, other_cls.__qualname__) != name and (other.field == field or other.prefix == prefix):
            raise ValueError(f"{cls.__name__}: field {field!r} or prefix {prefix!r} is taken by "
                             f"{other_cls.__name__} ({other.field}, {other.prefix})")
    if field in Document.model_fields and Document.model_fields[field].annotation != _list_type(cls):
        raise ValueError(f"{field!r} is a Document field of its own")
    if hasattr(Document, field) and field not in Document.model_fields:
        raise ValueError(f"{field!r} is a Document method or attribute")
    entry = RecordType(cls, field, prefix, resolver, overlapping)
    kept = [(c, entry if (c.__module__, c.__qualname__) == name else t) for c, t in entries]
    _REGISTRY.clear()
    _REGISTRY.update((t.cls, t) for _, t in kept)
    _REGISTRY.setdefault(cls, entry)
    _refresh()
    return cls


def _refresh() -> None:
    RECORD_TYPES.clear()
    RECORD_TYPES.update((t.field, t.cls) for t in _REGISTRY.values())
    _list_of.cache_clear()


def record_types() -> list[RecordType]:
    """Every registered record type, built-in first, in the order of the Document's lists."""
    return list(_REGISTRY.values())


def record_type(cls: type) -> RecordType:
    """The registration of a record class; a clear error for one never registered."""
    try:
        return _REGISTRY[cls]
    except KeyError:
        raise TypeError(f"{cls.__name__} is not a registered record type: call "
                        f"fakty.register_record({cls.__name__}, field=..., prefix=...) "
                        "where the class is defined") from None


def _list_type(cls: type) -> Any:
    return list[cls]  # type: ignore[valid-type]  # a type known only at run time


@lru_cache(maxsize=None)
def _list_of(cls: type) -> TypeAdapter:
    return TypeAdapter(_list_type(cls))


class Skipped(Record):
    """Work left undone on part of a document: a grammar that raised or went over its budget on
    a sentence (that sentence loses that grammar's records only), or a resolver that raised
    (its mentions stay unresolved)."""

    stage: str = Field(description="'grammar' or 'resolve'")
    name: str = Field(description="the grammar's name ('persons') or the record type resolved")
    error: str = Field(description="exception type, or 'BudgetExceeded'")
    span: Optional[Span] = Field(None, description="the sentence, for a grammar")


class Document(Record):
    """One text and its records. The built-in lists are fields; the list of a record type
    registered by a plugin (`register_record`) is an attribute too (`doc.licenses`), written
    to JSON after the built-in ones and read back by `Document.model_validate`."""

    model_config = ConfigDict(frozen=True, extra="allow")  # only registered lists: see below

    id: Optional[str] = None
    text: str
    title: Optional[str] = None
    published: Optional[dt.date] = None
    boilerplate: list[Span] = Field(default_factory=list, description="page furniture, not news")
    organizations: list[Organization] = Field(default_factory=list)
    persons: list[Person] = Field(default_factory=list)
    locations: list[Location] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    dates: list[Date] = Field(default_factory=list)
    durations: list[Duration] = Field(default_factory=list)
    agreements: list[Agreement] = Field(default_factory=list)
    ownerships: list[Ownership] = Field(default_factory=list)
    timed_out: bool = Field(False, description="the time limit (timeout=) ran out before every sentence "
                            "was read: the records are those found until then")
    skipped: list[Skipped] = Field(default_factory=list, description="work left undone, and where")

    @model_validator(mode="before")
    @classmethod
    def _registered_lists(cls, data: Any) -> Any:
        """The lists of registered plugin types are validated here (pydantic keeps an
        allowed extra as it is given); any other unknown field is an error, as in every record."""
        if not isinstance(data, dict):
            return data
        data = dict(data)
        for t in _REGISTRY.values():
            if t.field not in cls.model_fields:
                data[t.field] = _list_of(t.cls).validate_python(data.pop(t.field, None) or [])
        unknown = sorted(k for k in data if k not in cls.model_fields and k not in RECORD_TYPES)
        if unknown:
            raise ValueError(f"unknown Document fields {unknown}: a plugin's record type must be "
                             "registered (fakty.register_record) before its documents are read")
        return data

    @overload
    def records(self) -> Iterator[Entity]: ...

    @overload
    def records(self, cls: type[E]) -> Iterator[E]: ...

    def records(self, cls: Optional[type] = None) -> Iterator[Any]:
        """Every record, list by list; or only the records of one registered type
        (`doc.records(License)`)."""
        fields = [record_type(cls).field] if cls is not None else list(RECORD_TYPES)
        for field in fields:
            yield from getattr(self, field, ())

    def get(self, id: str) -> Optional[Entity]:
        return next((r for r in self.records() if r.id == id), None)

    def counts(self) -> dict[str, int]:
        """Records per list: {"organizations": 3, "persons": 2, ...}."""
        return {field: len(getattr(self, field, ())) for field in RECORD_TYPES}

    def __repr__(self) -> str:
        counts = ", ".join(f"{n} {field}" for field, n in self.counts().items())
        title = f", title={self.title[:60]!r}" if self.title else ""
        return f"Document(id={self.id!r}{title}, {len(self.text)} chars: {counts})"

    __str__ = __repr__

    def to_json(self, **kwargs) -> str:
        return self.model_dump_json(**kwargs)

    def to_dict(self) -> dict:
        return self.model_dump(mode="json")

    def to_pandas(self):
        """All records in one pandas DataFrame, one row per record (`flatten`: the rows the
        Dask adapter gives): type, id, first span, and every type's fields side by side, nested
        values as JSON. For analysis, `tables()` gives one typed frame per record type."""
        from .tables import require_pandas

        return require_pandas().DataFrame(flatten(self))

    def tables(self) -> dict:
        """One pandas DataFrame per record type, with typed columns, plus `positions` and
        `documents`: `fakty.to_frames([self])`."""
        from .tables import to_frames

        return to_frames([self])

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
        for record in getattr(document, field, ()):
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
    """The JSON Schema of a Document, with the lists of every registered record type."""
    from pydantic import create_model

    plugin: dict[str, Any] = {t.field: (_list_type(t.cls), Field(default_factory=list))
                              for t in _REGISTRY.values() if t.field not in Document.model_fields}
    model = create_model("Document", __base__=Document, **plugin) if plugin else Document
    return model.model_json_schema()


for _cls, _field, _prefix in ((Organization, "organizations", "org"), (Person, "persons", "per"),
                              (Location, "locations", "loc"), (Event, "events", "evt"),
                              (Figure, "figures", "fig"), (Date, "dates", "date"),
                              (Duration, "durations", "dur")):
    register_record(_cls, field=_field, prefix=_prefix)


def _resolve_agreements(records, context):
    from .resolve.agreements import resolve_agreements  # resolve imports this module

    return resolve_agreements(records, context)


def _resolve_ownerships(records, context):
    from .resolve.agreements import resolve_ownerships

    return resolve_ownerships(records, context)


# registered as a plugin registers its types, with their resolvers (grammars/agreements.py)
register_record(Agreement, field="agreements", prefix="agr", resolver=_resolve_agreements, overlapping=True)
register_record(Ownership, field="ownerships", prefix="own", resolver=_resolve_ownerships, overlapping=True)
