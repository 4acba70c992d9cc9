"""Dates: each mention is its own record (dates are values, not things).

Here year-less dates ("16-17 октября") take the publication year, a year-less stretch from
the start of a year the nearest one already over or running ("за 11 месяцев" published in
January: last year's), and relative dates ("вчера", "в прошлом году", "с начала года", "в пятницу") are
counted from the publication date, when it is known; without it they stay as said
(relative=True, no iso). Dates counted from a time the story names ("на следующий день",
"годом позже") stay as said too.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from ..records import DateValue
from ..values import with_iso


def anchor(value: DateValue, published: Optional[dt.date]) -> DateValue:
    """The value with what the text left out taken from the publication date."""
    if published is None or value.counted_from == "story":
        return with_iso(value)
    update: dict = {}
    if value.weekday:
        update.update(_weekday(published, value.weekday, value.shift))
    elif value.relative and value.shift is not None and value.shift_unit:
        update.update(_shifted(published, value.shift, value.shift_unit, value.precision))
    elif value.year is None and (value.month or value.quarter or value.half):
        update["year"] = published.year - (1 if _to_date_not_over(value, published) else 0)
    if value.end is not None:
        end = value.end
        if end.year is None and (end.month or end.quarter or end.half):
            end = end.model_copy(update={"year": update.get("year", value.year) or published.year})
        update["end"] = with_iso(end)
    return with_iso(value.model_copy(update=update))


def _to_date_not_over(value: DateValue, published: dt.date) -> bool:
    """Is the value a stretch from the start of a year ("за девять месяцев", "в январе-сентябре",
    "за три квартала") whose last month is still to come at publication? Said without a year,
    such a total is the nearest past one: "за 11 месяцев" in January is last year's."""
    end = value.end
    if end is None or end.year is not None or not (value.month == 1 or value.quarter == 1):
        return False
    last = end.month or (end.quarter * 3 if end.quarter else None)
    return last is not None and last > published.month


def _weekday(published: dt.date, weekday: int, shift: Optional[int]) -> dict:
    """"в пятницу" in news (shift 0): the last Friday on or before the publication date; "в
    минувшую пятницу" (shift -1): the last one before it; said of the future ("пройдёт в
    понедельник", "в следующий понедельник": shift 1), the first one after it."""
    back = (published.isoweekday() - weekday) % 7
    if shift is not None and shift < 0 and back == 0:
        back = 7
    days = -back if not shift or shift < 0 else (weekday - published.isoweekday() - 1) % 7 + 1
    try:
        day = published + dt.timedelta(days=days)
    except OverflowError:
        return {}
    return {"year": day.year, "month": day.month, "day": day.day}


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
