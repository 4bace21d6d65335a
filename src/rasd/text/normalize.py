"""Arabic normalisation for matching.

Normalisation is only ever used to build *keys* for lookups (lexicons, gazetteer,
knowledge base). It never rewrites the stored text, so every character offset in a
document keeps pointing at the original characters. ``normalize_char`` maps one
character to at most one character, which lets ``normalize_with_map`` keep an
offset map back to the original text.
"""

from __future__ import annotations

import re

# Harakat, Quranic marks, superscript alef and tatweel carry no lexical identity for matching.
_DROP = {chr(c) for c in range(0x0610, 0x061B)} | {chr(c) for c in range(0x064B, 0x0660)}
_DROP |= {"\u0670", "\u0640"} | {chr(c) for c in range(0x06D6, 0x06EE)}
# Invisible format characters (bidi marks, zero-width joiners, BOM) that scraped text is full of.
_DROP |= {"\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\ufeff", "\u2066", "\u2067", "\u2068", "\u2069"}

_MAP = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
    "ى": "ي", "ئ": "ي", "ؤ": "و",
    "ة": "ه",
    # Persian/Urdu letter variants that appear in Arabic news typed on other keyboards.
    "ی": "ي", "ک": "ك", "ہ": "ه", "ۃ": "ه",
}
# Eastern Arabic-Indic and Persian digits to ASCII.
for _i, _c in enumerate("٠١٢٣٤٥٦٧٨٩"):
    _MAP[_c] = str(_i)
for _i, _c in enumerate("۰۱۲۳۴۵۶۷۸۹"):
    _MAP[_c] = str(_i)


def normalize_char(ch: str) -> str:
    """The matching form of one character: '' (dropped) or exactly one character."""
    if ch in _DROP:
        return ""
    return _MAP.get(ch, ch)


NORMALIZE_TABLE = str.maketrans({**{ch: None for ch in _DROP}, **_MAP})


def normalize(text: str) -> str:
    """Matching key of a string: no diacritics or tatweel, unified alef/ya/ta marbuta, ASCII digits."""
    return text.translate(NORMALIZE_TABLE)


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """Normalise ``text`` and return, for each output character, its index in ``text``."""
    norm = text.translate(NORMALIZE_TABLE)
    if len(norm) == len(text):
        return norm, list(range(len(text)))  # nothing dropped: the common case, one C call
    index = [i for i, ch in enumerate(text) if ord(ch) not in _DROPPED_ORDS]
    return norm, index


_DROPPED_ORDS = frozenset(ord(ch) for ch in _DROP)


_SPACES = re.compile(r"\s+")


def normalize_phrase(text: str) -> str:
    """Key of a multiword phrase: normalised, punctuation-free, single-spaced."""
    key = normalize(text)
    key = re.sub(r"[\"'«»“”‘’(){}\[\].,،:;!؟?\-–—_/\\|<>]", " ", key)
    return _SPACES.sub(" ", key).strip()


# Proclitics that attach to the next word. Order matters for stripping: conjunction, then
# preposition, then article.
CONJUNCTIONS = ("و", "ف")
PREPOSITIONS = ("ب", "ل", "ك")


def strip_proclitics(word: str) -> list[tuple[str, int]]:
    """Every reading of a normalised word with leading clitics removed, and how many letters went.

    ``"وبالجيش"`` gives ``[("وبالجيش", 0), ("بالجيش", 1), ("الجيش", 2), ("جيش", 4)]``.
    The caller decides which reading a lexicon knows; the list runs from the longest form down.
    """
    readings = [(word, 0)]
    rest, cut = word, 0
    if len(rest) > 2 and rest[0] in CONJUNCTIONS:
        rest, cut = rest[1:], cut + 1
        readings.append((rest, cut))
    if len(rest) > 2 and rest[0] in PREPOSITIONS:
        if rest[0] == "ل" and rest.startswith("لل") and len(rest) > 3:
            # لل = ل + ال with the alef dropped: "للجيش" reads as "الجيش".
            readings.append(("ا" + rest[1:], cut))
            readings.append((rest[2:], cut + 2))
            return _dedupe(readings)
        rest, cut = rest[1:], cut + 1
        readings.append((rest, cut))
    if len(rest) > 3 and rest.startswith("ال"):
        readings.append((rest[2:], cut + 2))
    return _dedupe(readings)


def _dedupe(readings: list[tuple[str, int]]) -> list[tuple[str, int]]:
    seen: set[str] = set()
    out = []
    for form, cut in readings:
        if form not in seen:
            seen.add(form)
            out.append((form, cut))
    return out
