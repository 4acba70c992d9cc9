"""Values both the grammar and the resolve stages compute: ISO text of dates, valid days."""
from __future__ import annotations

import calendar
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


def _iso_point(v: DateValue) -> Optional[str]:
    if v.year is None:
        return None
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
