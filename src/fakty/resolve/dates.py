"""Dates: each mention is its own record (dates are values, not things).

Here year-less dates ("16-17 октября") take the publication year and relative dates
("вчера", "в прошлом году") are counted from the publication date, when it is known;
without it they stay as said (relative=True, no iso).
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from ..records import DateValue
from ..values import with_iso


def anchor(value: DateValue, published: Optional[dt.date]) -> DateValue:
    """The value with what the text left out taken from the publication date."""
    if published is None:
        return with_iso(value)
    update: dict = {}
    if value.relative and value.shift is not None and value.shift_unit:
        update.update(_shifted(published, value.shift, value.shift_unit, value.precision))
    elif value.year is None and (value.month or value.quarter or value.half):
        update["year"] = published.year
    if value.end is not None:
        end = value.end
        if end.year is None and (end.month or end.quarter or end.half):
            end = end.model_copy(update={"year": update.get("year", value.year) or published.year})
        update["end"] = with_iso(end)
    return with_iso(value.model_copy(update=update))


def _shifted(published: dt.date, shift: int, unit: str, precision: str) -> dict:
    if unit in ("day", "week"):
        days = shift * (7 if unit == "week" else 1)
        try:
            day = published + dt.timedelta(days=days)
        except OverflowError:
            return {}
        return {"year": day.year, "month": day.month, "day": day.day}
    if unit == "month":
        months = published.year * 12 + published.month - 1 + shift
        year, month = divmod(months, 12)
        if not 1 <= year <= 9999:
            return {}
        return {"year": year, "month": month + 1}
    year = published.year + shift
    return {"year": year} if 1 <= year <= 9999 else {}


def resolve(records, context):
    # the caller's date, or the page's dateline (found by fakty.page in the clean stage)
    published = context.published
    return [r.model_copy(update={"value": anchor(r.value, published)}) for r in records]
