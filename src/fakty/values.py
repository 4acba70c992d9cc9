"""Values both the grammar and the resolve stages compute: ISO text of dates, valid days."""
from __future__ import annotations

import calendar
from decimal import Decimal
from typing import Optional

from .records import DateValue


def iso_of(value: DateValue) -> Optional[str]:
    """ISO text of a date value: 2018-11-23, 2018-11, 2018, 2025-Q3, 2025-H1, start/end."""
    start = _iso_point(value)
    if start is None:
        return None
    if value.end is not None:
        end = _iso_point(value.end)
        return f"{start}/{end}" if end else None
    return start


_DURATION_LETTERS = {"day": (1, "D"), "week": (1, "W"), "month": (1, "M"), "year": (1, "Y"),
                     "decade": (10, "Y"), "century": (100, "Y")}


def duration_iso(amount: Optional[Decimal], unit: str, high: Optional[Decimal] = None) -> Optional[str]:
    """ISO 8601 text of a stretch of time: 15 year -> P15Y, 1 decade -> P10Y, 5 to 10 year -> P5Y/P10Y."""
    if amount is None:
        return None
    times, letter = _DURATION_LETTERS[unit]
    text = f"P{(amount * times).normalize():f}{letter}"
    return f"{text}/{duration_iso(high, unit)}" if high is not None else text


def _iso_point(v: DateValue) -> Optional[str]:
    if v.year is None:
        return None
    if v.precision == "century":
        return f"{v.year // 100:02d}"
    if v.precision == "quarter" and v.quarter:
        return f"{v.year:04d}-Q{v.quarter}"
    if v.precision == "half" and v.half:
        return f"{v.year:04d}-H{v.half}"
    if v.precision in ("year", "decade") or v.month is None:
        return f"{v.year:04d}"
    if v.precision == "month" or v.day is None:
        return f"{v.year:04d}-{v.month:02d}"
    return f"{v.year:04d}-{v.month:02d}-{v.day:02d}"


def with_iso(value: DateValue) -> DateValue:
    return value.model_copy(update={"iso": iso_of(value)})


def valid_day(year: Optional[int], month: int, day: int) -> bool:
    """Is there such a day (a year-less 29 февраля is allowed)?"""
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year or 2000, month)[1]
