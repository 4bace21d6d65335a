"""Turn a date expression into an ISO date and a precision, given the publication date.

Conventions (the representative day of a period is its first day):
- day: the day itself; a relative day that also names its weekday ("أمس الثلاثاء") takes
  the weekday when the two disagree (the article was dated after it was written). A weekday alone is the latest such day on or before publication
  (the publication day itself when it is that weekday); "الماضي" is strictly before it,
  "المقبل" strictly after it, "قبل الماضي"/"بعد المقبل" one week further.
- week: the Monday of the ISO week; month: the 1st (a Hijri month: its 1st day in Gregorian);
  year: 1 January (a Hijri year: 1 Muharram in Gregorian).
- A month or day-and-month with no year takes the year that puts it nearest to publication,
  a future date counting double and the earlier one winning a tie ("15 أغسطس" in an article
  of 2015-08-11 is 2015-08-15, "السابع من سبتمبر" in July the coming September, "3 فبراير"
  in August the last one). "الماضي" takes
  the latest one strictly before publication (a month: before the publication month), "المقبل"
  the first one strictly after it, "الجاري" the publication year, "من العام الماضي" the year
  before. Hijri dates do the same in the Hijri calendar.
- Without a publication date only expressions with a year resolve.
Hijri dates are converted with ``hijridate`` (the Umm al-Qura calendar, 1343-1500 AH).
"""

from __future__ import annotations

from datetime import date, timedelta

from hijridate import Gregorian, Hijri

from rasd.dates.find import DateExpr, Meaning

Resolved = tuple[str | None, str | None]
NOTHING: Resolved = (None, None)


def resolve_date_expression(expr: DateExpr, published: date | None) -> Resolved:
    """(YYYY-MM-DD, precision) of ``expr`` for an article published on ``published``."""
    day = resolve_meaning(expr.meaning, published)
    return (day.isoformat(), expr.meaning.unit) if day else NOTHING


def resolve_meaning(meaning: Meaning, published: date | None) -> date | None:
    if meaning.offset is not None:
        return _relative(meaning, published) if published else None
    if meaning.weekday is not None:
        return _weekday(meaning.weekday, meaning.direction, published) if published else None
    if meaning.year is None and published is None:
        return None
    if meaning.calendar == "hijri":
        return _hijri(meaning, published)
    return _gregorian(meaning, published)


def _relative(meaning: Meaning, published: date) -> date:
    n = meaning.offset or 0
    if meaning.unit == "day" and meaning.weekday is not None:
        return _named_day(meaning.weekday, published + timedelta(days=n), n)
    if meaning.unit == "day":
        return published + timedelta(days=n)
    if meaning.unit == "week":
        return published - timedelta(days=published.weekday()) + timedelta(weeks=n)
    if meaning.unit == "month":
        index = published.year * 12 + published.month - 1 + n
        return date(index // 12, index % 12 + 1, 1)
    return date(published.year + n, 1, 1)


def _named_day(weekday: int, counted: date, offset: int) -> date:
    """"أمس الثلاثاء": the weekday wins over the count when they disagree.

    Articles are often dated a day after they were written, so the named weekday is the
    firmer fact: the latest such day on or before the counted day (on or after it for a
    future day, "غدا الأربعاء").
    """
    if offset > 0:
        return counted + timedelta(days=(weekday - counted.weekday()) % 7)
    return counted - timedelta(days=(counted.weekday() - weekday) % 7)


def _weekday(weekday: int, direction: int | None, published: date) -> date:
    back = (published.weekday() - weekday) % 7
    ahead = (weekday - published.weekday()) % 7
    if direction is None or direction == 0:
        return published - timedelta(days=back)
    if direction < 0:
        back = back or 7
        return published - timedelta(days=back + 7 * (-direction - 1))
    ahead = ahead or 7
    return published + timedelta(days=ahead + 7 * (direction - 1))


def _year_for(meaning: Meaning, today: tuple[int, int, int]) -> int:
    """The year of a month (and day) given without one, seen from ``today`` = (y, m, d)."""
    year, month, day = today
    if meaning.year_offset is not None:
        return year + meaning.year_offset
    direction = meaning.direction
    if direction == 0:
        return year
    candidates = (year - 1, year, year + 1)
    if direction is None:
        return min(candidates, key=lambda y: (_cost(_distance(meaning, y, today)), y))
    if direction < 0:
        latest = max(y for y in candidates if _distance(meaning, y, today) < 0)
        return latest + direction + 1
    earliest = min(y for y in candidates if _distance(meaning, y, today) > 0)
    return earliest + direction - 1


def _cost(months: float) -> float:
    """How far a candidate is; news mostly reports the past, so the future counts double."""
    return -months if months <= 0 else 2 * months


def _distance(meaning: Meaning, year: int, today: tuple[int, int, int]) -> float:
    """Months from ``today`` to the month (and day) of ``meaning`` in ``year``; 0 within a month."""
    then = year * 12 + (meaning.month or 1) - 1
    now = today[0] * 12 + today[1] - 1
    if meaning.day is None:
        return then - now
    return then - now + (meaning.day - today[2]) / 31


def _gregorian(meaning: Meaning, published: date | None) -> date | None:
    year = meaning.year
    if year is None:
        assert published is not None
        year = _year_for(meaning, (published.year, published.month, published.day))
    if meaning.month is None:
        return _safe_date(year, 1, 1) if 1800 <= year <= 2200 else None
    return _safe_date(year, meaning.month, meaning.day or 1)


def _hijri(meaning: Meaning, published: date | None) -> date | None:
    year = meaning.year
    try:
        if year is None:
            assert published is not None
            today = Gregorian(published.year, published.month, published.day).to_hijri()
            year = _year_for(meaning, (today.year, today.month, today.day))
        day = Hijri(year, meaning.month or 1, meaning.day or 1).to_gregorian()
        return date(day.year, day.month, day.day)
    except (ValueError, OverflowError):
        return None  # outside the Umm al-Qura table, or day 30 of a 29-day month


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
