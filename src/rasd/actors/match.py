"""Dictionary matching of knowledge-base forms in a text, with clitics and longest match.

The text is normalised once into a *matching text* (diacritics dropped, every non-word
character a space) and one Aho-Corasick pass finds every form on word boundaries, with
nothing or a proclitic string before it (و ف ب ل ك and their pairs, "وبتركيا"). Forms that
start with the article also match with its alef elided after ل ("للجيش" = ل + الجيش).
Overlaps go to the longest hit.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

import ahocorasick

from rasd.actors.forms import is_definite
from rasd.actors.kb import ActorKB, Entry
from rasd.text.normalize import normalize_char

# Clitic strings allowed before a matched form; after ل the article's alef is elided.
PREFIXES = frozenset({"", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"})
LAM_PREFIXES = frozenset({"ل", "ول", "فل"})
_NON_WORD = re.compile(r"[^\w]")


@dataclass(slots=True)
class Hit:
    """One matched form: offsets into the matching text, and what it may stand for."""

    start: int
    end: int
    key: str
    entries: list[Entry]
    prefix: str  # the clitic letters before it (in the matching text)

    @property
    def definite(self) -> bool:
        return is_definite(self.key)


def _translation_table() -> dict[int, str | None]:
    """str.translate table equal to rasd.text.normalize.normalize_char, built once."""
    points = list(range(0x0600, 0x0700)) + list(range(0x06F0, 0x06FA))
    points += [0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2066, 0x2067, 0x2068, 0x2069, 0xFEFF]
    table: dict[int, str | None] = {}
    for cp in points:
        out = normalize_char(chr(cp))
        if out != chr(cp):
            table[cp] = out or None
    return table


_TABLE = _translation_table()
# Quotation marks that open or close a word ("صحيفة «الوطن»", 'لـ"سبق"') are dropped like
# diacritics, so the name inside still meets the word before it with one space.
_QUOTE = r'(?<=\s)[«“"‘]|[»”"’](?=\s|$)'
_DROPPED = re.compile("[" + "".join(re.escape(chr(cp)) for cp, out in _TABLE.items() if out is None) + "]|" + _QUOTE)
_QUOTES = re.compile(_QUOTE)


class OffsetMap:
    """Matching-text offsets back to the original: each dropped mark shifts what follows."""

    def __init__(self, text: str):
        # For the i-th dropped character, the matching-text offset at which it was dropped.
        self.cuts = [m.start() - i for i, m in enumerate(_DROPPED.finditer(text))]

    def __call__(self, pos: int) -> int:
        return pos + bisect_right(self.cuts, pos)


def matching_text(text: str) -> tuple[str, OffsetMap | None]:
    """Normalised text with non-word characters as spaces, and its offset map (None = identity)."""
    norm = _QUOTES.sub("", text).translate(_TABLE)
    offsets = OffsetMap(text) if len(norm) != len(text) else None
    return _NON_WORD.sub(" ", norm), offsets


class Matcher:
    """An Aho-Corasick automaton over every key of a knowledge base, clitics included.

    Each key is added as " " + proclitics + key + " ", so the automaton itself enforces word
    boundaries and every hit it reports is a candidate: no per-hit checks in Python.
    """

    def __init__(self, kb: ActorKB):
        patterns: dict[str, list[tuple[int, str]]] = {}
        for k in kb.index:
            for prefix in PREFIXES:
                patterns.setdefault(f" {prefix}{k} ", []).append((len(prefix), k))
            if k.startswith("ال") and len(k.split(" ")[0]) > 3:
                for prefix in LAM_PREFIXES:  # "للجيش": ل + الجيش with the alef elided
                    patterns.setdefault(f" {prefix[:-1]}ل{k[1:]} ", []).append((len(prefix), k))
        self.automaton = ahocorasick.Automaton()
        for pattern, readings in patterns.items():
            plen, k = min(readings)  # "وزير" is the word before it is و + "زير"
            self.automaton.add_word(pattern, (len(pattern), plen, k))
        self.automaton.make_automaton()
        self.kb = kb

    def hits(self, mtext: str) -> list[Hit]:
        """Longest non-overlapping word-bounded hits, in text order."""
        index = self.kb.index
        found = []
        for last, (length, plen, k) in self.automaton.iter(f" {mtext} "):
            # In mtext coordinates the pattern starts at last - length + 1 (its leading space).
            start = last - length + 1 + plen
            found.append(Hit(start, last - 1, k, index[k], mtext[start - plen:start]))
        return _longest(found, len(mtext))


def _longest(found: list[Hit], size: int) -> list[Hit]:
    found.sort(key=lambda h: (h.start - h.end, h.start))
    occupied = bytearray(size)
    taken: list[Hit] = []
    for hit in found:
        if occupied.find(1, hit.start, hit.end) == -1:
            occupied[hit.start:hit.end] = b"\x01" * (hit.end - hit.start)
            taken.append(hit)
    taken.sort(key=lambda h: h.start)
    return taken


def matcher_for(kb: ActorKB) -> Matcher:
    """The knowledge base's matcher, built on first use and kept on it."""
    if kb._matcher is None:
        kb._matcher = Matcher(kb)
    return kb._matcher
