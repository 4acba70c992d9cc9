"""Records as pandas tables: one typed DataFrame per record type (`fakty.to_frames`).

    frames = fakty.to_frames(extractor.pipe(texts))    # or doc.tables() for one document
    frames["figures"].groupby("kind").value.sum()

Every registered record type gets a frame named by its Document list (`organizations`,
`persons`, ..., a plugin's `licenses`), plus `positions` (one row per title a person holds,
with the person's and the organization's names) and `documents` (one row per document, with
its counts). Columns are typed from the record's fields: integers and flags as pandas'
nullable `Int64` and `boolean`, numbers (`Decimal`) as floats, dates (`DateValue`) as
datetimes of their first day with `<field>_iso` and `<field>_precision` beside them, a
reference (`location_id`) with the referred record's label beside it (`location`), lists
as lists. Each row also has `document_id`, `published`, `mentions` (how many spans), and
the first span's `start`, `stop` and `text`.

pandas is an optional dependency: `pip install "fakty[pandas]"`.
"""
from __future__ import annotations

import datetime as dt
import typing
from decimal import Decimal
from typing import Any, Iterable, Optional

from pydantic import BaseModel

from .records import DateValue, Document, Entity, Person, record_types

MISSING_PANDAS = ('fakty\'s tables need pandas, which is not installed: pip install "fakty[pandas]" '
                  '(or pip install pandas)')


def require_pandas():
    """The pandas module, or an ImportError that says how to install it."""
    try:
        import pandas
    except ImportError:
        raise ImportError(MISSING_PANDAS) from None
    return pandas


def to_frames(documents: Iterable[Document]) -> dict[str, Any]:
    """One pandas DataFrame per record type, plus `positions` and `documents`, over any
    number of documents (a `DocumentError` from `pipe()` is skipped). A document without
    an id is named by its position in `documents` ("0", "1", ...)."""
    pd = require_pandas()
    types = record_types()
    columns = {t.field: _columns(t.cls) for t in types}
    columns["positions"] = POSITION_COLUMNS
    rows: dict[str, list[dict]] = {name: [] for name in columns}
    docs: list[dict] = []
    for number, doc in enumerate(documents):
        if not isinstance(doc, Document):
            continue
        doc_id = doc.id if doc.id is not None else str(number)
        labels = {r.id: r.label for r in doc.records()}
        common = {"document_id": doc_id, "published": doc.published}
        docs.append({**common, "title": doc.title, "chars": len(doc.text), **doc.counts()})
        for t in types:
            for record in getattr(doc, t.field, ()):
                rows[t.field].append({**common, **_row(record, columns[t.field], labels)})
        for person in doc.persons:
            rows["positions"].extend({**common, **_position(person, p, labels)} for p in person.positions)
    frames = {name: _frame(pd, rows[name], spec) for name, spec in columns.items()}
    doc_spec = {"document_id": "text", "published": "date", "title": "text", "chars": "int",
                **{t.field: "int" for t in types}}
    frames["documents"] = _frame(pd, docs, doc_spec)
    return frames


# column name -> kind, in order
POSITION_COLUMNS = {
    "document_id": "text", "published": "date", "person_id": "text", "person": "text",
    "title": "text", "acting": "bool", "organization_id": "text", "organization": "text",
    "location_id": "text", "location": "text", "start": "int", "stop": "int", "text": "text",
}


def _position(person: Person, position, labels: dict) -> dict:
    span = position.span
    return {"person_id": person.id, "person": person.name, "title": position.title,
            "acting": position.acting, "organization_id": position.organization_id,
            "organization": labels.get(position.organization_id or ""),
            "location_id": position.location_id, "location": labels.get(position.location_id or ""),
            "start": span.start if span else None, "stop": span.stop if span else None,
            "text": span.text if span else None}


def _kind(annotation) -> str:
    """What a field's column holds: int, bool, number, date, text, list, model or object."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) is typing.Union and len(args) == 1:
        return _kind(args[0])
    if typing.get_origin(annotation) is list:
        return "list"
    if typing.get_origin(annotation) is typing.Literal or annotation is str:
        return "text"
    if annotation is bool:
        return "bool"
    if annotation is int:
        return "int"
    if annotation in (Decimal, float):
        return "number"
    if annotation is DateValue:
        return "date"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        # a record inside a record (an event's participants, a Figure) stands as its number
        value = annotation.model_fields.get("value")
        return "number" if value is not None and _kind(value.annotation) == "number" else "model"
    return "object"


def _columns(cls: type[Entity]) -> dict[str, str]:
    """The columns of a record type's frame, from its fields."""
    spec = {"document_id": "text", "published": "date", "id": "text"}
    for name, info in cls.model_fields.items():
        if name in ("id", "spans"):
            continue
        kind = _kind(info.annotation)
        if name == "positions" and cls is Person:  # their own table: `positions`
            spec["titles"] = "list"
        elif kind == "date":
            spec.update({name: "date", f"{name}_iso": "text", f"{name}_precision": "text"})
        elif name.endswith("_id"):
            spec.update({name: "text", name[:-3]: "text"})
        elif name.endswith("_ids"):
            spec.update({name: "list", name[:-4] + "s": "list"})
        else:
            spec[name] = kind
    spec.update({"mentions": "int", "start": "int", "stop": "int", "text": "text"})
    return spec


def _row(record: Entity, spec: dict[str, str], labels: dict) -> dict:
    first = record.spans[0] if record.spans else None
    row: dict[str, Any] = {"id": record.id, "mentions": len(record.spans),
                           "start": first.start if first else None,
                           "stop": first.stop if first else None, "text": record.text}
    for name in type(record).model_fields:
        value = getattr(record, name)
        if name in ("id", "spans"):
            continue
        if name == "positions" and isinstance(record, Person):
            row["titles"] = [p.title for p in record.positions]
        elif isinstance(value, DateValue) or spec.get(name) == "date":
            row.update({name: _first_day(value), f"{name}_iso": value.iso if value else None,
                        f"{name}_precision": value.precision if value else None})
        elif name.endswith("_id"):
            row.update({name: value, name[:-3]: labels.get(value or "")})
        elif name.endswith("_ids"):
            row.update({name: list(value), name[:-4] + "s": [labels.get(v) for v in value]})
        elif isinstance(value, BaseModel):
            row[name] = getattr(value, "value") if spec.get(name) == "number" else value.model_dump(mode="json")
        elif isinstance(value, list):
            row[name] = [v.model_dump(mode="json") if isinstance(v, BaseModel) else v for v in value]
        else:
            row[name] = value
    return row


def _first_day(value: Optional[DateValue]) -> Optional[dt.date]:
    """The first day of a calendar value (2025-Q3 -> 2025-07-01); None without a year."""
    if value is None or value.year is None:
        return None
    month = value.month
    if month is None:
        month = 3 * value.quarter - 2 if value.quarter else 1
        month = 6 * value.half - 5 if value.half else month
    try:
        return dt.date(value.year, month, value.day or 1)
    except ValueError:  # a day the calendar does not have
        return None


DTYPES = {"int": "Int64", "bool": "boolean", "number": "float64"}


def _frame(pd, rows: list[dict], spec: dict[str, str]):
    frame = pd.DataFrame(rows, columns=list(spec))
    for name, kind in spec.items():
        column = frame[name]
        if kind == "date":
            frame[name] = pd.to_datetime(column.astype(object).where(column.notna(), None))
        elif kind == "number":
            frame[name] = pd.to_numeric(column.map(lambda v: None if v is None else float(v)))
        elif kind in DTYPES:
            frame[name] = column.astype(DTYPES[kind])
    return frame
