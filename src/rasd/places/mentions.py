"""Find place names in Arabic text: longest gazetteer match on word boundaries.

A word may carry the proclitics و ف ب ل ك (وبطرابلس, للقاهرة); the mention's span starts after
them. Multiword names (دير الزور, المملكة العربية السعودية) win over their first word. A
designator before the name (مدينة, محافظة, ريف, جنوب ...) is noted: it tells the resolver what
kind of place to prefer and lets a name through that the stop list would otherwise hold back.
The designator is not part of the mention: in "ريف حلب" the place is حلب.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rasd.places.gazetteer import ARTICLE, Gazetteer
from rasd.text.normalize import normalize
from rasd.text.tokens import Token, words

_CONJ = "وف"
_PREP = "بلك"
# A stem this short after clitics are cut is too often a piece of an ordinary word (ولد -> لد).
_MIN_STEM = 3


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    key: str                      # the normalised name as matched (article as in the text)
    candidates: tuple[int, ...]   # gazetteer place indexes
    exact: bool                   # the key itself is a gazetteer name (not only without ال)
    designator: str | None = None  # admin | city | country | area
    weak: bool = False            # a name that is also a common word: needs support in context


@lru_cache(maxsize=1 << 16)
def readings(norm: str) -> tuple[tuple[str, int], ...]:
    """(stem, letters cut) for a word, longest first: وبطرابلس -> وبطرابلس, بطرابلس, طرابلس.
    Cached: news repeats its words, and this runs for every word of every article."""
    return tuple(_readings(norm))


def _readings(norm: str) -> list[tuple[str, int]]:
    out = [(norm, 0)]
    rest, cut = norm, 0
    if len(rest) > _MIN_STEM and rest[0] in _CONJ:
        rest, cut = rest[1:], 1
        out.append((rest, cut))
    if len(rest) > _MIN_STEM and rest[0] in _PREP:
        if rest.startswith("لل"):
            # ل + (ا)ل: "للقاهرة" is ل + القاهرة with the alef dropped; the span starts at قاهرة.
            out.append((ARTICLE + rest[2:], cut + 2))
        else:
            out.append((rest[1:], cut + 1))
    return out


def _char_offset(token: Token, letters_cut: int) -> int:
    """Offset in the text after ``letters_cut`` normalised letters of ``token`` (marks skipped)."""
    if not letters_cut:
        return token.start
    seen = 0
    for i, ch in enumerate(token.text):
        if normalize(ch):
            seen += 1
            if seen == letters_cut:
                return token.start + i + 1
    return token.end


def _joined(text: str, toks: list[Token], i: int, n: int) -> bool:
    """Tokens i..i+n-1 are separated by spaces only (a name does not run across punctuation)."""
    return all(text[toks[j - 1].end:toks[j].start].isspace() for j in range(i + 1, i + n))


def find_place_mentions(text: str, gaz: Gazetteer, start: int = 0, end: int | None = None,
                        tokens: list[Token] | None = None, hold_back: bool = True) -> list[Mention]:
    """Place-name mentions in ``text[start:end]``, left to right, never overlapping.
    ``hold_back=False`` ignores the stop list (for a dateline, where any name is a place)."""
    toks = tokens if tokens is not None else words(text, start, end)
    out: list[Mention] = []
    starts = gaz.__dict__.setdefault("_name_starts", {})
    i = floor = 0  # floor: the first token after the last name, where a designator may start
    while i < len(toks):
        if starts.get(toks[i].norm) == ():
            i += 1  # a spelling already known to start no place name: most words of a text
            continue
        found = _match_at(text, toks, i, gaz, floor, hold_back)
        if found is None:
            i += 1
            continue
        mention, n = found
        i += n
        if mention is not None:  # a held-back name ("مدينة") may still be a designator
            out.append(mention)
            floor = i
    return out


def _match_at(text: str, toks: list[Token], i: int, gaz: Gazetteer, floor: int,
              hold_back: bool = True) -> tuple[Mention | None, int] | None:
    """The longest name starting at token i: (mention or None when held back, tokens used)."""
    for stem, cut, most in _name_starts(toks[i].norm, gaz):
        for n in range(min(most, len(toks) - i), 0, -1):
            if n > 1 and not _joined(text, toks, i, n):
                continue
            key = " ".join([stem] + [t.norm for t in toks[i + 1:i + n]])
            cands, exact = gaz.candidates(key)
            if cands:
                return _mention(toks, i, n, cut, key, cands, exact, gaz, floor, hold_back), n
    return None


def _name_starts(norm: str, gaz: Gazetteer) -> tuple[tuple[str, int, int], ...]:
    """The readings of a word that can start a place name, with how many words such names run
    to; remembered per spelling, since most words of a text start none."""
    cache = gaz.__dict__.setdefault("_name_starts", {})
    hit = cache.get(norm)
    if hit is None:
        hit = tuple((stem, cut, gaz.max_words[stem]) for stem, cut in readings(norm)
                    if gaz.max_words.get(stem) and not (cut and len(stem) < _MIN_STEM))
        if len(cache) > 200_000:
            cache.clear()
        cache[norm] = hit
    return hit


def _mention(toks: list[Token], i: int, n: int, cut: int, key: str, cands: tuple[int, ...],
             exact: bool, gaz: Gazetteer, floor: int, hold_back: bool = True) -> Mention | None:
    kind, overrides = designator_before(toks, i, gaz, floor)
    if kind == "person":  # "الأمير نايف", "بن سلمان": a person's name
        return None
    stopped = key in gaz.stop or len(key) <= 2 or _phrase_stopped(toks, i + n, key, gaz)
    if stopped and overrides != "stop" and hold_back:
        return None
    weak = key in gaz.weak and overrides is None and hold_back
    start = _char_offset(toks[i], cut)
    return Mention(start, toks[i + n - 1].end, key, cands, exact, kind, weak)


def _phrase_stopped(toks: list[Token], after: int, key: str, gaz: Gazetteer) -> bool:
    """The name opens a stop phrase ("مسقط رأسه" is a birthplace, not Muscat)."""
    for rest in gaz.stop_phrases.get(key, ()):
        following = tuple(t.norm for t in toks[after:after + len(rest)])
        if following == rest:
            return True
    return False


def designator_before(toks: list[Token], i: int, gaz: Gazetteer, floor: int = 0) -> tuple[str | None, str | None]:
    """(kind, overrides) of a designator right before token i: "مدينة X", "شمال شرق X",
    or one nisba adjective between ("العاصمة الليبية طرابلس")."""
    if i - 1 >= floor:
        hit = _designator(toks[i - 1].norm, "", gaz)
        if hit:
            return hit
    if i - 2 >= floor:
        hit = _designator(toks[i - 2].norm, toks[i - 1].norm, gaz)
        if hit:
            return hit
        if toks[i - 1].norm in gaz.nisba:
            hit = _designator(toks[i - 2].norm, "", gaz)
            if hit:
                return hit
    return None, None


def _designator(first: str, rest: str, gaz: Gazetteer) -> tuple[str, str] | None:
    """The designator ``first rest`` is, with clitics on ``first`` tried off (وبمدينة, لمحافظة)."""
    for stem, _ in readings(first):
        hit = gaz.designators.get(f"{stem} {rest}" if rest else stem)
        if hit:
            return hit
    return None
