"""Boilerplate removal for plain-text articles: site furniture is dropped by general rules.

A line goes when it is a known interface string (data/read/furniture.tsv), or when it sits in
the trailing block of short lines after the article's last real paragraph (share bars,
"related" lists, bylines of other stories) and has no sentence punctuation.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rasd.resources import data_path, read_tsv
from rasd.text.normalize import normalize_phrase

# A trailing line is furniture when it is this short and does not end like a sentence.
MAX_TRAILING_WORDS = 6
_SENTENCE_END = re.compile(r"[.!?؟…:\"»”]\s*$")


@lru_cache(maxsize=1)
def furniture_forms() -> tuple[frozenset[str], tuple[str, ...], frozenset[str]]:
    """Whole-line strings, line prefixes, and the words of inline share bars."""
    lines, prefixes, words = set(), [], set()
    for _, row in read_tsv(data_path("read", "furniture.tsv")):
        if row["kind"] == "tags":
            continue
        key = normalize_phrase(row["form"]).lower()
        {"line": lines.add, "prefix": prefixes.append, "word": words.add}[row["kind"]](key)
    return frozenset(lines), tuple(prefixes), frozenset(words)


@lru_cache(maxsize=1)
def _tag_list_pattern() -> re.Pattern:
    heads = [row["form"] for _, row in read_tsv(data_path("read", "furniture.tsv")) if row["kind"] == "tags"]
    # After a sentence end (or a line break), the tag word, then words with no sentence punctuation
    # up to the end of the text.
    return re.compile(r"(?:(?<=[.!?؟»”\"])|(?<=\n))\s*(?:%s)\s+[^.!?؟\n]{1,%d}\s*$"
                      % ("|".join(map(re.escape, heads)), MAX_TAG_LIST_CHARS))


# A keyword list is at most this long.
MAX_TAG_LIST_CHARS = 200


def tag_list_start(text: str) -> int | None:
    """Where a site's trailing keyword list begins ("... ملابساته. سمات تركيا حزب العدالة
    قنبلة"), or None. The words stay in the text (they name the article's places and people)
    but state nothing: no event is read from them."""
    match = _tag_list_pattern().search(text)
    return match.start() if match else None


# An inline share bar starts with this word and runs at least this many words.
SHARE_WORD = "شارك"
MIN_SHARE_BAR_WORDS = 3


def strip_share_bar(text: str) -> str:
    """Drop an inline share bar at the very start of a body ("شارك من خلال تويتر فيسبوك ...")."""
    words = text.split(" ")
    if not words or normalize_phrase(words[0]) != SHARE_WORD:
        return text
    bar = furniture_forms()[2]
    n = 0
    while n < len(words) and normalize_phrase(words[n]).lower() in bar:
        n += 1
    return " ".join(words[n:]) if n >= MIN_SHARE_BAR_WORDS else text


def is_furniture(line: str) -> bool:
    key = normalize_phrase(line).lower()
    if not key:
        return False
    lines, prefixes, _ = furniture_forms()
    if key in lines:
        return True
    return len(key.split()) <= 8 and any(key.startswith(p) for p in prefixes)


def clean_lines(lines: list[str]) -> list[str]:
    """The article's lines without furniture: known interface strings anywhere, short tail lines."""
    kept = [ln for ln in lines if not is_furniture(ln)]
    while kept and _is_trailing_stub(kept[-1]) and len(kept) > 1:
        kept.pop()
    return kept


def _is_trailing_stub(line: str) -> bool:
    return len(line.split()) <= MAX_TRAILING_WORDS and not _SENTENCE_END.search(line)
