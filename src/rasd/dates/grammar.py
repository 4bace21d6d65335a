"""One regular expression over normalised text that finds every date expression form.

The pattern is built from the lexicon, never written out by hand: each word class becomes
an alternation of its keys (longest first, so "أول من أمس" wins over "أمس"). The forms, in
the order they are tried at one position:

  date      [daypart] [يوم] [weekday [الموافق]] DAY [من] [شهر] MONTH[/MONTH] [year | modifier]
  numeric   [daypart] [يوم] [weekday [الموافق]] D/M/YYYY | YYYY/M/D  [era]
  relative  [period part | daypart] [يوم] RELATIVE [[يوم] weekday]
  weekday   [daypart] [يوم] WEEKDAY [modifier]
  month     [period part] [شهر] MONTH[/MONTH] [year | modifier]
  year      [period part] عام YYYY [era]  |  YYYY era

A word may carry the proclitics و/ف, and ب/ل/ك before the article or a digit ("وبالأمس",
"ب15"); they stay outside the expression's span.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from rasd.dates.lexicon import DIRECTION_OF_ROLE, DateLexicon, default_lexicon
from rasd.text.normalize import normalize_char


def alternation(keys: Iterable[str]) -> str:
    """A non-capturing alternation of phrases, any spaces between words.

    Written as a trie (one branch per first letter, and so on down) because the regex engine
    tries branches one by one: a trie fails after one comparison per letter instead of one per
    phrase. A longer phrase is tried before its own prefix ("أول من أمس" before "أول").
    """
    trie: dict = {}
    for key in set(keys):
        node = trie
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict) -> str:
    branches = [_letter(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    ends_here = "" in node
    body = branches[0] if len(branches) == 1 and not ends_here else "(?:" + "|".join(branches) + ")"
    return body + "?" if ends_here else body


def _letter(ch: str) -> str:
    return r"\s+" if ch == " " else re.escape(ch)


def _modifier_keys(lexicon: DateLexicon) -> list[str]:
    return [k for role in DIRECTION_OF_ROLE for k in lexicon.words[role]]


def _year_tail(w: dict[str, str], tag: str) -> str:
    """An optional year ("2015", "عام 1436 هـ", "العام الماضي") or modifier ("الماضي") after a month."""
    year = (rf"\s*[،,]?\s*(?:{w['of']}\s+)?(?:{w['year_word']}\s*)?(?P<{tag}y>[0-9]{{4}})"
            rf"(?:\s*(?:(?P<{tag}h>{w['hijri_era']})|{w['gregorian_era']})(?!\w))?(?![0-9])")
    relative_year = rf"\s+(?:{w['of']}\s+)?(?P<{tag}ry>{w['relative_year']})"  # "من العام الماضي"
    return rf"(?:{year}|{relative_year}|\s+(?P<{tag}mod>{w['mod']}))?"


def build_pattern(lexicon: DateLexicon) -> str:
    w = _word_classes(lexicon)
    core = "|".join(branch(w) for branch in (_date, _numeric, _relative, _weekday, _month, _year))
    # A cheap look at the first word lets the engine skip, at one trie walk, the word starts
    # where no expression can begin (nearly all of them).
    first = rf"(?=[وف]?[بلك]?(?:[0-9]|{alternation(first_words(lexicon))}(?![^\W0-9])))"
    return (rf"(?<!\w){first}(?P<since>{w['since']}\s+)?[وف]?(?:[بلك](?=ال|[0-9]))?"
            rf"(?P<x>{core})(?![\w])")


def _word_classes(lexicon: DateLexicon) -> dict[str, str]:
    """An alternation per grammar role and word class, plus the shared leads of the branches."""
    w = {role: alternation(keys) for role, keys in lexicon.words.items()}
    w["mod"] = alternation(_modifier_keys(lexicon))
    w["relative_year"] = alternation(k for k, (unit, _) in lexicon.relative.items() if unit == "year")
    w["relative"] = alternation(lexicon.relative)
    w["ordinal"] = alternation(lexicon.ordinals)
    w["weekday"] = weekday = alternation(lexicon.weekdays)
    month = alternation(lexicon.months)
    # "آب/أغسطس", "آب - أغسطس", "أغسطس (آب)", and Reuters' "أغسطس آب".
    w["months"] = rf"{month}(?:\s*[/\-]\s*{month}|\s*\(\s*{month}\s*\)|\s+{month})?"
    w["day_lead"] = rf"(?:{w['daypart']}\s+)?(?:{w['day_word']}\s+)?"
    w["weekday_lead"] = rf"(?:{weekday}[\s،,()\-]*(?:{w['same_as']}\s*)?)?"
    return w


def _date(w: dict[str, str]) -> str:
    return (rf"(?P<date>{w['day_lead']}{w['weekday_lead']}(?:{w['day_word']}\s+)?"
            rf"(?P<dd>[0-9]{{1,2}}|{w['ordinal']})\s*(?:{w['of']}\s+)?"
            rf"(?:{w['month_word']}\s+)?(?P<dm>{w['months']}){_year_tail(w, 'd')})")


def _numeric(w: dict[str, str]) -> str:
    return (rf"(?P<num>{w['day_lead']}{w['weekday_lead']}"
            rf"(?:(?P<na>[0-9]{{1,2}})(?P<ns>[/\-.])(?P<nb>[0-9]{{1,2}})(?P=ns)(?P<ny>[0-9]{{4}})"
            rf"|(?P<nY>[0-9]{{4}})(?P<nS>[/\-.])(?P<nM>[0-9]{{1,2}})(?P=nS)(?P<nD>[0-9]{{1,2}}))"
            rf"(?![0-9])(?:\s*(?:(?P<nh>{w['hijri_era']})|{w['gregorian_era']})(?!\w))?)")


def _relative(w: dict[str, str]) -> str:
    return (rf"(?P<rel>(?:(?:{w['period_part']}|{w['daypart']})\s+)?(?:{w['day_word']}\s+)?"
            rf"(?P<r>{w['relative']})"
            rf"(?:\s+(?:{w['day_word']}\s+)?(?P<rw>{w['weekday']})|\s*\(\s*(?P<rW>{w['weekday']})\s*\))?)")


def _weekday(w: dict[str, str]) -> str:
    return (rf"(?P<wd>{w['day_lead']}(?P<w>{w['weekday']})(?!\s+{w['not_weekday']}(?!\w))"
            rf"(?:\s+(?P<wmod>{w['mod']}))?)")


def _month(w: dict[str, str]) -> str:
    return (rf"(?P<mon>(?:{w['period_part']}\s+)?(?:(?P<mw>{w['month_word']})\s+)?"
            rf"(?P<mm>{w['months']}){_year_tail(w, 'm')})")


def _year(w: dict[str, str]) -> str:
    return (rf"(?P<yr>(?:{w['period_part']}\s+)?{w['year_word']}\s*(?P<yy>[0-9]{{4}})"
            rf"(?:\s*(?:(?P<yh>{w['hijri_era']})|{w['gregorian_era']})(?!\w))?"
            rf"|(?P<yY>[0-9]{{4}})\s*(?:(?P<yH>{w['hijri_era']})|{w['gregorian_era']}))")


def first_words(lexicon: DateLexicon) -> set[str]:
    """Every word an expression can begin with (digits aside)."""
    starts = ("daypart", "day_word", "period_part", "month_word", "year_word", "since")
    keys = [k for role in starts for k in lexicon.words[role]]
    for table in (lexicon.weekdays, lexicon.ordinals, lexicon.relative, lexicon.months):
        keys.extend(table)
    return {k.split()[0] for k in keys}


@dataclass(frozen=True)
class DateGrammar:
    lexicon: DateLexicon
    regex: re.Pattern[str]
    # str.translate table equal to rasd.text.normalize.normalize (each char -> at most one char).
    table: dict[int, str | None]

    @classmethod
    def build(cls, lexicon: DateLexicon) -> DateGrammar:
        return cls(lexicon, re.compile(build_pattern(lexicon)), normalize_table())


# Where normalize_char can change a character: Arabic, Persian, format marks, presentation
# forms. ASCII and the CJK/Hangul blocks are skipped to keep loading fast (tests check equality).
_NORMALIZED_RANGES = (range(0x80, 0x3000), range(0xFB00, 0x10000))


def normalize_table() -> dict[int, str | None]:
    """A translate table for every character that ``normalize_char`` changes."""
    table: dict[int, str | None] = {}
    for cp in (cp for r in _NORMALIZED_RANGES for cp in r):
        ch = chr(cp)
        out = normalize_char(ch)
        if out != ch:
            table[cp] = out or None
    return table


@functools.cache
def default_grammar() -> DateGrammar:
    """The grammar of the bundled lexicon, compiled once per process."""
    return DateGrammar.build(default_lexicon())
