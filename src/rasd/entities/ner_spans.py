"""From BIO tags to entity spans: the rules applied after tagging.

- a leading و/ف/ب/ل/ك clitic stays outside the span (``CliticTrimmer``);
- a person span drops leading titles ("المشير خليفة حفتر" -> "خليفة حفتر");
- a one-word entity that is a unit, currency or month is dropped ("500 ريال");
- a place widens to, or two adjacent places join into, a known multiword name
  ("المنورة" -> "المدينة المنورة").

The word lists are files of the model folder (see ``data/ner/PROVENANCE.md``).
"""

from __future__ import annotations

from pathlib import Path

from rasd.entities.ner_corpora import spans as tag_spans
from rasd.entities.ner_features import read_word_list
from rasd.text.normalize import normalize, normalize_with_map
from rasd.text.tokens import Token

ENTITY_WORDS_FILE = "entity_words.tsv"
TITLES_FILE = "per_titles.tsv"
UNITS_FILE = "units.tsv"
PLACES_FILE = "place_names.tsv"
_PLACE_TYPES = ("GPE", "LOC")


class SpanRules:
    """The word lists the span rules use, and the rules."""

    def __init__(self, clitics: CliticTrimmer, titles: set[str] = frozenset(),
                 units: set[str] = frozenset(), places: set[str] = frozenset()):
        self.clitics = clitics
        self.titles = titles
        self.units = units
        self.places = places
        self.place_heads = {name.split(" ", 1)[0] for name in places}  # most words start no known name

    @classmethod
    def load(cls, folder: Path, counts: dict[str, int]) -> SpanRules:
        clitics = CliticTrimmer(set(read_word_list(folder / ENTITY_WORDS_FILE)), counts)
        return cls(clitics, set(read_word_list(folder / TITLES_FILE)),
                   set(read_word_list(folder / UNITS_FILE)), set(read_word_list(folder / PLACES_FILE)))

    def spans(self, text: str, tokens: list[Token], tags: list[str]) -> list[tuple[int, int, str]]:
        """(start, end, type) character spans of the tagged words of one sentence."""
        out = []
        for first, last, kind in self._join_places(tokens, tag_spans(tags)):
            if kind == "PER":
                first = self._after_titles(tokens, first, last)
            elif kind in _PLACE_TYPES:
                first, last = self._widen_place(tokens, tags, first, last)
            start = tokens[first].start + self.clitic_length(tokens[first].text)
            if last - first == 1 and self._is_unit(text[start:tokens[first].end]):
                continue  # "500 ريال" is money, not Real Madrid
            out.append((start, tokens[last - 1].end, kind))
        return out

    def clitic_length(self, word: str) -> int:
        """How many characters of ``word`` are a leading clitic outside the name."""
        norm, index = normalize_with_map(word)
        cut = self.clitics.cut(norm)
        return index[cut] if 0 < cut < len(index) else 0

    def _after_titles(self, tokens: list[Token], first: int, last: int) -> int:
        """The first word of a person span once leading titles ("المشير", "الرئيس") are dropped."""
        while last - first > 1 and self._is_title(tokens[first].norm):
            first += 1
        return first

    def _is_title(self, norm: str) -> bool:
        return norm in self.titles or (norm[:1] in ("و", "ف") and norm[1:] in self.titles)

    def _is_unit(self, form: str) -> bool:
        norm = normalize(form)
        return norm in self.units or (norm.startswith("ال") and norm[2:] in self.units)

    def _join_places(self, tokens: list[Token], found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Two places side by side that together are a known name become one
        ("المدينة" + "المنورة")."""
        out: list[tuple[int, int, str]] = []
        for first, last, kind in found:
            if out and self._joinable(tokens, out[-1], (first, last, kind)):
                joined_kind = "GPE" if "GPE" in (out[-1][2], kind) else "LOC"
                out[-1] = (out[-1][0], last, joined_kind)
            else:
                out.append((first, last, kind))
        return out

    def _joinable(self, tokens: list[Token], left: tuple[int, int, str], right: tuple[int, int, str]) -> bool:
        return (left[1] == right[0] and left[2] in _PLACE_TYPES and right[2] in _PLACE_TYPES
                and right[1] - left[0] <= 4 and self._place_key(tokens, left[0], right[1]) in self.places)

    def _widen_place(self, tokens: list[Token], tags: list[str], first: int, last: int) -> tuple[int, int]:
        """The longest known place name of up to four words that holds the span and one word
        before it or up to two after it, all untagged ("المنورة" -> "المدينة المنورة")."""
        best = (first, last)
        for a in (first - 1, first):
            if a < 0 or (a < first and tags[a] != "O"):
                continue
            head = self._head(tokens[a].norm)
            if head not in self.place_heads:
                continue
            for b in range(last, min(last + 2, len(tokens)) + 1):
                if b > last and tags[b - 1] != "O":
                    break
                if b - a > best[1] - best[0] and b - a <= 4 and self._place_key(tokens, a, b, head) in self.places:
                    best = (a, b)
        return best

    def _head(self, norm: str) -> str:
        return norm[self.clitics.cut(norm):]

    def _place_key(self, tokens: list[Token], a: int, b: int, head: str | None = None) -> str:
        head = self._head(tokens[a].norm) if head is None else head
        return " ".join([head] + [t.norm for t in tokens[a + 1:b]])


class CliticTrimmer:
    """Decides whether an entity's first word starts with a clitic: "وروسيا" is و + روسيا,
    "وليد" and "فرانس" are words of their own.

    A word known as an entity's first word keeps its letters. Otherwise the shortest clitic
    reading that leaves a known word wins, unless the whole word is about as frequent in
    news as that remainder: clitic forms are much rarer than the bare word ("وروسيا" beside
    "روسيا"), names are not ("فرانس" beside "رانس", "بسام" beside "سام"). A word nothing is
    known about loses و before three letters or more and ب/ك/لل before the article.
    """

    def __init__(self, known: set[str], counts: dict[str, int]):
        self.known = known
        self.counts = counts

    def cut(self, norm: str) -> int:
        """How many leading letters of the normalised word ``norm`` are a clitic."""
        if norm in self.known or len(norm) < 3:
            return 0
        for cut in _candidate_cuts(norm):
            rest = norm[cut:]
            readings = (rest, "ا" + rest) if norm[cut - 1:cut + 1] == "لل" else (rest,)  # ل + (ا)لجيش
            for word in readings:
                if (word in self.known or "ال" + word in self.known) and self._rarer_than(norm, word):
                    return cut
        return _default_cut(norm)

    def _rarer_than(self, word: str, rest: str) -> bool:
        count = self.counts.get(word, 0)
        return count < 5 or count < 0.5 * self.counts.get(rest, 0)


def _conjunction_length(norm: str) -> int:
    return 1 if norm[0] in "وف" and len(norm) > 2 else 0


def _candidate_cuts(norm: str) -> list[int]:
    """Every way of reading a conjunction and a preposition off the word, shortest first.

    "لل" is cut after its first letter whatever follows: "لليبيا" is ل + ليبيا, and
    "للجيش" is ل + (ا)لجيش, whose span "لجيش" keeps the article's lam (the entity stage
    writes the dictionary form "الجيش")."""
    pos = _conjunction_length(norm)
    cuts = [pos] if pos else []
    if len(norm) - pos > 3 and norm[pos] in "بلك":
        cuts.append(pos + 1)
    return cuts


def _default_cut(norm: str) -> int:
    """For a word the lists do not know: و (a name seldom starts with it, while "and" often
    does; ف starts too many foreign names: فرانس، فيينا), and a preposition before the
    article (بال، كال، لل)."""
    pos = 1 if norm[0] == "و" and len(norm) > 3 else 0
    rest = norm[pos:]
    if len(rest) > 4 and (rest[0] in "بك" and rest.startswith("ال", 1) or rest.startswith("لل")):
        return pos + 1
    return pos
