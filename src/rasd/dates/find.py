"""Find date expressions in Arabic text: spans of the original text with what they mean.

The text is normalised for matching (``rasd.text.normalize``) and every match is mapped back
to the original characters, so ``expr.text == text[expr.start:expr.end]`` always holds.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rasd.dates.grammar import DateGrammar, default_grammar
from rasd.dates.lexicon import DateLexicon, key_of
from rasd.text.normalize import normalize_with_map


@dataclass(frozen=True, slots=True)
class Meaning:
    """What a date expression says, before a publication date turns it into a day.

    ``unit`` is the precision it names (day, week, month, year). Relative expressions carry
    ``offset`` units from publication (and ``weekday`` when they name it too: "أمس الثلاثاء");
    weekdays carry ``weekday``; calendar dates carry
    ``calendar``/``year``/``month``/``day`` (missing parts None). ``direction`` is a modifier's
    pull: -2 "قبل الماضي", -1 "الماضي", 0 "الجاري", 1 "المقبل", 2 "بعد المقبل", None bare.
    """

    unit: str
    offset: int | None = None
    weekday: int | None = None
    calendar: str = "gregorian"
    year: int | None = None
    month: int | None = None
    day: int | None = None
    direction: int | None = None
    year_offset: int | None = None  # "أكتوبر من العام الماضي": the year relative to publication


@dataclass(frozen=True, slots=True)
class DateExpr:
    start: int
    end: int
    text: str
    kind: str  # relative | weekday | date | month | year
    meaning: Meaning
    since: bool = False  # preceded by "منذ": the start of a duration, not an event's day


def find_date_expressions(text: str, start: int = 0, end: int | None = None,
                          grammar: DateGrammar | None = None) -> list[DateExpr]:
    """Every date expression inside ``text[start:end]``, in text order, offsets into ``text``."""
    grammar = grammar or default_grammar()
    end = len(text) if end is None else min(end, len(text))
    start = max(0, start)
    if start >= end:
        return []
    chunk = text[start:end]
    norm = chunk.translate(grammar.table)
    index: list[int] | None = None  # offset map, built only when a match needs it
    out = []
    pos = 0
    while (m := grammar.regex.search(norm, pos)) is not None:
        meaning = _meaning(m, grammar.lexicon)
        if meaning is None:
            pos = m.start("x") + 1  # rejected ("النصف الأول من يونيو"): a shorter one may start inside
            continue
        pos = m.end()
        if index is None and len(norm) != len(chunk):
            index = normalize_with_map(chunk)[1]
        a, b = _original_span(text, (m.start("x"), m.end("x")), (start, end), index, grammar.table)
        out.append(DateExpr(a, b, text[a:b], _kind(m), meaning, m.group("since") is not None))
    return out


def _original_span(text: str, match: tuple[int, int], window: tuple[int, int],
                   index: list[int] | None, table: dict[int, str | None]) -> tuple[int, int]:
    """The span in ``text`` of a match in the normalised window; ``index`` None = identity."""
    (a, b), (start, end) = match, window
    if index is None:
        return start + a, start + b
    s, e = start + index[a], start + index[b - 1] + 1
    while e < end and _is_trailing_mark(text[e], table):
        e += 1  # keep the diacritics (and a tatweel, "هـ") of the last letter inside the span
    return s, e


def _is_trailing_mark(ch: str, table: dict[int, str | None]) -> bool:
    return not ch.translate(table) and (unicodedata.combining(ch) > 0 or ch == "\u0640")


def _kind(m: re.Match[str]) -> str:
    return {"date": "date", "num": "date", "rel": "relative", "wd": "weekday",
            "mon": "month", "yr": "year"}[_branch(m)]


def _branch(m: re.Match[str]) -> str:
    for name in ("date", "num", "rel", "wd", "mon", "yr"):
        if m.group(name) is not None:
            return name
    raise AssertionError("a date match without a branch")


def _meaning(m: re.Match[str], lex: DateLexicon) -> Meaning | None:
    return _BUILDERS[_branch(m)](m, lex)


def _relative(m: re.Match[str], lex: DateLexicon) -> Meaning:
    unit, offset = lex.relative[key_of(m.group("r"))]
    named = m.group("rw") or m.group("rW")  # "أمس الثلاثاء": the weekday named with the day
    weekday = lex.weekdays[key_of(named)] if named and unit == "day" else None
    return Meaning(unit, offset=offset, weekday=weekday)


def _weekday(m: re.Match[str], lex: DateLexicon) -> Meaning:
    modifier = m.group("wmod")
    direction = lex.direction(key_of(modifier)) if modifier else None
    return Meaning("day", weekday=lex.weekdays[key_of(m.group("w"))], direction=direction)


def _month_of(lex: DateLexicon, months: str) -> tuple[str, int]:
    """(calendar, month) of "آب/أغسطس": the first name decides."""
    key = key_of(months)
    for end in range(len(key), 0, -1):  # the longest month name the text starts with
        if key[:end] in lex.months:
            return lex.months[key[:end]]
    raise AssertionError(f"no month name in {months!r}")


@dataclass(frozen=True, slots=True)
class _Tail:
    """What follows a month: a year, a year relative to publication, or a modifier."""

    calendar: str
    year: int | None = None
    year_offset: int | None = None
    direction: int | None = None


def _tail(m: re.Match[str], lex: DateLexicon, tag: str, calendar: str) -> _Tail:
    year = m.group(f"{tag}y")
    if year is not None:
        return _Tail("hijri" if m.group(f"{tag}h") is not None else calendar, year=int(year))
    relative_year = m.group(f"{tag}ry")
    if relative_year is not None:
        return _Tail(calendar, year_offset=lex.relative[key_of(relative_year)][1])
    modifier = m.group(f"{tag}mod")
    return _Tail(calendar, direction=lex.direction(key_of(modifier)) if modifier else None)


def _date(m: re.Match[str], lex: DateLexicon) -> Meaning | None:
    raw_day = m.group("dd")
    day = int(raw_day) if raw_day.isdigit() else lex.ordinals[key_of(raw_day)]
    calendar, month = _month_of(lex, m.group("dm"))
    tail = _tail(m, lex, "d", calendar)
    if not 1 <= day <= 31 or (not raw_day.isdigit() and _follows(m, lex.words["not_ordinal"])):
        return None  # "النصف الأول من يونيو" is a half, not the first day
    return Meaning("day", calendar=tail.calendar, year=tail.year, month=month, day=day,
                   direction=tail.direction, year_offset=tail.year_offset)


def _numeric(m: re.Match[str], lex: DateLexicon) -> Meaning | None:
    if m.group("nY") is not None:
        year, month, day = int(m.group("nY")), int(m.group("nM")), int(m.group("nD"))
    else:
        year, first, second = int(m.group("ny")), int(m.group("na")), int(m.group("nb"))
        # Arabic news writes day/month; a second field above 12 can only be a US month/day.
        day, month = (second, first) if second > 12 >= first else (first, second)
    calendar = "hijri" if m.group("nh") is not None or _hijri_year(year) else "gregorian"
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return Meaning("day", calendar=calendar, year=year, month=month, day=day)


def _month(m: re.Match[str], lex: DateLexicon) -> Meaning | None:
    months = m.group("mm")
    calendar, month = _month_of(lex, months)
    tail = _tail(m, lex, "m", calendar)
    has_context = m.group("mw") is not None or tail != _Tail(calendar)
    if not has_context and _ambiguous(lex, months):
        return None  # "رمضان", "صفر" alone are a name or a word, not a month
    return Meaning("month", calendar=tail.calendar, year=tail.year, month=month,
                   direction=tail.direction, year_offset=tail.year_offset)


def _ambiguous(lex: DateLexicon, months: str) -> bool:
    """True when every month name in ``months`` is also an ordinary word ("رمضان", "آب")."""
    key = key_of(re.sub(r"[/\-()]", " ", months))
    return all(name in lex.context_months for name in _month_names(lex, key))


def _month_names(lex: DateLexicon, key: str) -> list[str]:
    """Split "اغسطس اب" or "كانون الثاني يناير" into the month names it is made of."""
    words, names, i = key.split(), [], 0
    while i < len(words):
        j = next(j for j in range(len(words), i, -1) if " ".join(words[i:j]) in lex.months or j == i + 1)
        names.append(" ".join(words[i:j]))
        i = j
    return names


def _year(m: re.Match[str], lex: DateLexicon) -> Meaning:
    if m.group("yy") is not None:
        year, hijri = int(m.group("yy")), m.group("yh") is not None
    else:
        year, hijri = int(m.group("yY")), m.group("yH") is not None
    calendar = "hijri" if hijri or _hijri_year(year) else "gregorian"
    return Meaning("year", calendar=calendar, year=year)


def _follows(m: re.Match[str], keys: frozenset[str]) -> bool:
    """True when the word just before the match (clitics included) is one of ``keys``."""
    before = m.string[max(0, m.start() - 20):m.start()].split()
    return bool(before) and before[-1] in keys


def _hijri_year(year: int) -> bool:
    """A bare four-digit year in the Hijri range of modern news (1343-1500 AH = 1924-2077)."""
    return 1343 <= year <= 1500


_BUILDERS = {"date": _date, "num": _numeric, "rel": _relative, "wd": _weekday, "mon": _month, "yr": _year}
