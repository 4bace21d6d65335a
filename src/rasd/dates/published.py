"""Publication dates as feeds and pages write them, normalised to YYYY-MM-DD."""

from __future__ import annotations

import re
from datetime import date
from email.utils import parsedate

from rasd.dates.find import find_date_expressions
from rasd.dates.resolve import resolve_meaning
from rasd.text.normalize import normalize

# 2015-08-06, 2015-08-06T12:00:00Z, 2015-08-06 12:00:00, 2015/08/06, 20150806
_YMD = re.compile(r"^\s*(\d{4})[-/.]?(\d{1,2})[-/.]?(\d{1,2})(?:$|[T\s_]|\d{2}:)")
# 06 Aug 2015, 6 August 2015, Aug 6, 2015, August 6 2015 (English month names)
_ENGLISH_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_DAY_MONTH = re.compile(r"\b(\d{1,2})\s+([a-z]{3})[a-z]*\.?,?\s+(\d{4})\b", re.IGNORECASE)
_MONTH_DAY = re.compile(r"\b([a-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})\b", re.IGNORECASE)
# 06/08/2015, 6-8-2015, 06.08.2015 (day first, as Arabic sites write it)
_DMY = re.compile(r"^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:$|[T\s,])")


def parse_published(value: str | None) -> str | None:
    """The calendar date of a publication timestamp as YYYY-MM-DD, or None if unreadable.

    Reads ISO dates and datetimes, "2015-08-06 12:00:00", RFC 2822 ("Thu, 06 Aug 2015
    12:00:00 +0000"), day-first "06/08/2015" and Arabic "6 أغسطس 2015". The date is the one
    written, in the writer's time zone: no conversion to UTC.
    """
    if not value or not value.strip():
        return None
    text = normalize(value.strip())
    for read in (_read_ymd, _read_dmy, _read_rfc2822, _read_english, _read_arabic):
        day = read(text)
        if day is not None:
            return day.isoformat()
    return None


def published_date(value: str | date | None) -> date | None:
    """A publication date as a ``date`` (from a date, an ISO string or any form above)."""
    if value is None or isinstance(value, date):
        return value
    iso = parse_published(value)
    return date.fromisoformat(iso) if iso else None


def _checked(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _read_ymd(text: str) -> date | None:
    m = _YMD.match(text)
    return _checked(int(m[1]), int(m[2]), int(m[3])) if m else None


def _read_dmy(text: str) -> date | None:
    m = _DMY.match(text)
    if not m:
        return None
    first, second, year = int(m[1]), int(m[2]), int(m[3])
    if second > 12 >= first:  # only a US month/day can have a second field above 12
        first, second = second, first
    return _checked(year, second, first)


def _read_rfc2822(text: str) -> date | None:
    parts = parsedate(text)
    if not parts or parts[0] < 1000:
        return None
    return _checked(parts[0], parts[1], parts[2])


def _read_english(text: str) -> date | None:
    if m := _DAY_MONTH.search(text):
        day, name, year = m.groups()
    elif m := _MONTH_DAY.search(text):
        name, day, year = m.groups()
    else:
        return None
    month = name.lower()
    if month not in _ENGLISH_MONTHS:
        return None
    return _checked(int(year), _ENGLISH_MONTHS.index(month) + 1, int(day))


def _read_arabic(text: str) -> date | None:
    for expr in find_date_expressions(text):
        if expr.meaning.unit == "day" and expr.meaning.year is not None:
            return resolve_meaning(expr.meaning, None)
    return None
