"""The date vocabulary: weekday, month, relative and ordinal words, loaded from data/dates/.

Every form is stored by its matching key (``rasd.text.normalize``: no diacritics, unified
alef/ya/ta marbuta, single spaces), so the grammar matches normalised text only.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rasd.errors import ResourceError
from rasd.resources import read_tsv
from rasd.text.normalize import normalize

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "dates"

UNITS = ("day", "week", "month", "year")
CALENDARS = ("gregorian", "hijri")
ROLES = (
    "daypart", "day_word", "month_word", "year_word", "of", "same_as", "period_part",
    "gregorian_era", "hijri_era", "past", "next", "this", "before_last", "after_next", "since",
    "not_weekday", "not_ordinal",
)
# The direction a modifier word gives a weekday or a month with no year (see resolve.py).
DIRECTION_OF_ROLE = {"before_last": -2, "past": -1, "this": 0, "next": 1, "after_next": 2}


@dataclass(frozen=True)
class DateLexicon:
    weekdays: dict[str, int]                 # key -> date.weekday() number (0 = Monday)
    months: dict[str, tuple[str, int]]       # key -> (calendar, month number)
    context_months: frozenset[str]           # keys that are a month only with context
    relative: dict[str, tuple[str, int]]     # key -> (unit, offset)
    ordinals: dict[str, int]                 # key -> day of month
    words: dict[str, frozenset[str]]         # role -> keys

    @classmethod
    def load(cls, directory: Path = DATA_DIR) -> DateLexicon:
        months, context = _read_months(directory / "months.tsv")
        return cls(
            weekdays=_read_weekdays(directory / "weekdays.tsv"),
            months=months,
            context_months=context,
            relative=_read_relative(directory / "relative.tsv"),
            ordinals=_read_ordinals(directory / "ordinals.tsv"),
            words=_read_words(directory / "words.tsv"),
        )

    def direction(self, key: str) -> int | None:
        """The direction of a modifier key ("الماضي" -> -1), None if it is no modifier."""
        for role, value in DIRECTION_OF_ROLE.items():
            if key in self.words[role]:
                return value
        return None


@functools.cache
def default_lexicon() -> DateLexicon:
    """The bundled lexicon, loaded once per process."""
    return DateLexicon.load()


_SPACES = re.compile(r"\s+")


def key_of(form: str) -> str:
    """Matching key of a lexicon form: normalised, single-spaced."""
    return _SPACES.sub(" ", normalize(form)).strip()


def _rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[str, int, dict[str, str]]]:
    """Rows of a TSV data file as (path, line number, {column: value}); checks the header."""
    for lineno, row in read_tsv(path, columns):
        yield str(path), lineno, row


def _keys(field: str) -> list[str]:
    return [key_of(f) for f in field.split("|") if f.strip()]


def _int(where: str, value: str, low: int, high: int) -> int:
    try:
        number = int(value)
    except ValueError:
        raise ResourceError(f"E304 {where}: {value!r} is not a number") from None
    if not low <= number <= high:
        raise ResourceError(f"E304 {where}: {number} is outside {low}..{high}")
    return number


def _one_of(where: str, value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise ResourceError(f"E304 {where}: {value!r} is not one of {', '.join(allowed)}")
    return value


def _read_weekdays(path: Path) -> dict[str, int]:
    out = {}
    for file, line, row in _rows(path, ("weekday", "name_en", "forms")):
        day = _int(f"{file}:{line}", row["weekday"], 0, 6)
        out.update(dict.fromkeys(_keys(row["forms"]), day))
    return out


def _read_months(path: Path) -> tuple[dict[str, tuple[str, int]], frozenset[str]]:
    months: dict[str, tuple[str, int]] = {}
    context: set[str] = set()
    for file, line, row in _rows(path, ("calendar", "month", "name_en", "forms", "context_forms")):
        where = f"{file}:{line}"
        value = (_one_of(where, row["calendar"], CALENDARS), _int(where, row["month"], 1, 12))
        months.update(dict.fromkeys(_keys(row["forms"]), value))
        context.update(_keys(row["context_forms"]))
    if not context <= months.keys():
        raise ResourceError(f"E304 {path}: context_forms not among forms: {sorted(context - months.keys())}")
    return months, frozenset(context)


def _read_relative(path: Path) -> dict[str, tuple[str, int]]:
    out = {}
    for file, line, row in _rows(path, ("forms", "unit", "offset")):
        where = f"{file}:{line}"
        value = (_one_of(where, row["unit"], UNITS), _int(where, row["offset"], -100, 100))
        out.update(dict.fromkeys(_keys(row["forms"]), value))
    return out


def _read_ordinals(path: Path) -> dict[str, int]:
    out = {}
    for file, line, row in _rows(path, ("day", "forms")):
        out.update(dict.fromkeys(_keys(row["forms"]), _int(f"{file}:{line}", row["day"], 1, 31)))
    return out


def _read_words(path: Path) -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {role: set() for role in ROLES}
    for file, line, row in _rows(path, ("role", "forms")):
        found[_one_of(f"{file}:{line}", row["role"], ROLES)].update(_keys(row["forms"]))
    missing = [role for role, keys in found.items() if not keys]
    if missing:
        raise ResourceError(f"E304 {path}: no words for role(s) {', '.join(missing)}")
    return {role: frozenset(keys) for role, keys in found.items()}
