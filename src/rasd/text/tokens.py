"""Tokens with character offsets, and clitic splitting that keeps them.

``words`` splits at spaces and punctuation and keeps clitics attached ("وبتركيا" is one
word): that is what the NER model and the lexicon matchers see. ``split_clitics`` then
reads one word as proclitics + stem + enclitic pronoun, each a span of the original text.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from rasd.text.normalize import NORMALIZE_TABLE
from rasd.text.normalize import normalize

# A word is a run of letters, marks and digits; everything else (punctuation, quotes, spaces)
# separates words. Tatweel and diacritics are \w-adjacent marks and stay inside the word.
_WORD = re.compile(r"[\w\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u200c\u200d]+")


class Token(NamedTuple):
    start: int
    end: int
    text: str
    norm: str  # matching key of the word (see rasd.text.normalize)


def words(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The words of ``text[start:end]`` with offsets into ``text``."""
    # A named tuple, not a dataclass: an article has ~800 words and this is the hottest loop.
    return [Token(m.start(), m.end(), w := m.group(), w.translate(NORMALIZE_TABLE))
            for m in _WORD.finditer(text, start, len(text) if end is None else end)]


PROCLITICS = ("و", "ف", "ب", "ل", "ك", "س")
# Attached object/possessive pronouns, longest first so "هما" wins over "ها".
ENCLITICS = ("هما", "كما", "هم", "هن", "كم", "كن", "نا", "ها", "ني", "ه", "ك", "ي")


class Piece(NamedTuple):
    """One part of a word: a proclitic, the article, the stem, or an enclitic pronoun."""

    start: int
    end: int
    kind: str  # "proclitic" | "article" | "stem" | "enclitic"
    text: str


def split_clitics(token: Token, known_stems: frozenset[str] | set[str] | None = None) -> list[Piece]:
    """Split a word into clitics and stem, as spans of the original text.

    Without ``known_stems`` only the unambiguous attachments are split: و/ف before a word of
    four letters or more, ب/ل/ك before the article, and the article itself. With a set of known
    normalised stems the split that yields a known stem wins, which is how a lexicon resolves
    "وزير" (a word) against "و+زير".
    """
    text, base = token.text, token.start
    letters = [i for i, ch in enumerate(text) if normalize(ch)]  # positions of non-mark characters
    norm = "".join(normalize(text[i]) for i in letters)
    if not norm:
        return [Piece(token.start, token.end, "stem", token.text)]
    if known_stems is not None:
        best = _split_known(norm, known_stems)
    else:
        best = _split_default(norm)
    pre, art, stem_end = best
    pieces: list[Piece] = []

    def add(a: int, b: int, kind: str) -> None:
        if a < b:
            # A piece runs to the next piece's first letter, so trailing marks stay with it.
            s = base + (letters[a] if a else 0)
            e = base + (letters[b] if b < len(letters) else len(text))
            pieces.append(Piece(s, e, kind, token.text[s - base:e - base]))

    for i in range(pre):
        add(i, i + 1, "proclitic")
    add(pre, pre + art, "article")
    add(pre + art, stem_end, "stem")
    add(stem_end, len(norm), "enclitic")
    return pieces


def _split_default(norm: str) -> tuple[int, int, int]:
    pre = 0
    if len(norm) >= 5 and norm[0] in "وف":
        pre = 1
    if len(norm) - pre >= 4 and norm[pre] in "بلك" and norm[pre + 1:pre + 3] == "ال":
        pre += 1
    if norm[pre:].startswith("لل") and len(norm) - pre >= 4 and pre < 2:
        # ل + (ا)ل: the article's alef is dropped after the preposition.
        return pre + 1, 1, len(norm)
    art = 2 if len(norm) - pre >= 4 and norm[pre:pre + 2] == "ال" else 0
    return pre, art, len(norm)


def _split_known(norm: str, known: frozenset[str] | set[str]) -> tuple[int, int, int]:
    """The split whose stem (with or without the article) is in ``known``; default otherwise."""
    for pre in range(0, min(3, len(norm) - 1)):
        if pre and norm[pre - 1] not in PROCLITICS:
            break
        rest = norm[pre:]
        for art in (0, 2):
            if art and not rest.startswith("ال"):
                continue
            stem = rest[art:]
            for cut in range(0, 4):
                core = stem[:len(stem) - cut] if cut else stem
                if cut and stem[len(stem) - cut:] not in ENCLITICS:
                    continue
                if core in known or (art and "ال" + core in known):
                    return pre, art, len(norm) - cut
    return _split_default(norm)
