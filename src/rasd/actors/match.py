"""Dictionary matching of knowledge-base forms in a text, with clitics and longest match.

The text is normalised once into a *matching text* of the same length (every non-word
character becomes a space), one Aho-Corasick pass finds every form, and each hit is kept
only on word boundaries: nothing after it, and before it nothing or a proclitic string
(و ف ب ل ك and their pairs, "وبتركيا"). Forms that start with the article also match with
the article's alef elided after ل ("للجيش" = ل + الجيش). Overlaps go to the longest hit.
"""

from __future__ import annotations

import re
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


def matching_text(text: str) -> tuple[str, list[int] | None]:
    """Normalised text with non-word characters as spaces, and its offset map (None = identity)."""
    norm = text.translate(_TABLE)
    index = None
    if len(norm) != len(text):
        # Diacritics or marks were dropped: map each kept character back to the original.
        index = [i for i, ch in enumerate(text) if normalize_char(ch)]
    return _NON_WORD.sub(" ", norm), index


class Matcher:
    """An Aho-Corasick automaton over every key of a knowledge base (and its ل-variants)."""

    def __init__(self, kb: ActorKB):
        self.automaton = ahocorasick.Automaton()
        patterns: dict[str, list[tuple[str, bool]]] = {}
        for k in kb.index:
            patterns.setdefault(k, []).append((k, False))
            if k.startswith("ال") and len(k.split(" ")[0]) > 3:
                patterns.setdefault("ل" + k[2:], []).append((k, True))
        for pattern, payload in patterns.items():
            self.automaton.add_word(pattern, (len(pattern), payload))
        self.automaton.make_automaton()
        self.kb = kb

    def hits(self, mtext: str) -> list[Hit]:
        """Longest non-overlapping word-bounded hits, in text order."""
        found = []
        n = len(mtext)
        for last, (length, payload) in self.automaton.iter(mtext):
            end = last + 1
            if end < n and mtext[end] != " ":
                continue
            start = end - length
            prefix = mtext[mtext.rfind(" ", 0, start) + 1:start]
            for k, lam in payload:
                if prefix in (LAM_PREFIXES if lam else PREFIXES):
                    found.append(Hit(start, end, k, self.kb.index[k], prefix))
                    break
        return _longest(found)


def _longest(found: list[Hit]) -> list[Hit]:
    found.sort(key=lambda h: (h.start - h.end, h.start))
    taken: list[Hit] = []
    for hit in found:
        if all(hit.end <= t.start or hit.start >= t.end for t in taken):
            taken.append(hit)
    taken.sort(key=lambda h: h.start)
    return taken


def matcher_for(kb: ActorKB) -> Matcher:
    """The knowledge base's matcher, built on first use and kept on it."""
    if kb._matcher is None:
        kb._matcher = Matcher(kb)
    return kb._matcher
