"""The project's named-entity recogniser: a CRF over the words of one sentence.

``NerModel.tag(words)`` gives BIO tags of types PER, ORG, GPE, LOC for the words of
``rasd.text.tokens.words`` (clitics attached, punctuation left out), and
``NerModel.entities(text, start, end)`` gives character spans of one sentence range, with a
leading و/ف/ب/ل/ك clitic left outside the span ("وروسيا" -> "روسيا"). The model and the
word lists its features use live in ``src/rasd/data/ner/`` (see its PROVENANCE.md); they are
trained by ``rasd.entities.ner_train.train_ner``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pycrfsuite

from rasd.entities.ner_features import FeatureCache, Lexicons, read_word_list
from rasd.errors import ResourceError
from rasd.text.normalize import normalize, normalize_with_map
from rasd.text.tokens import Token
from rasd.text.tokens import words as tokenize

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "data" / "ner"
MODEL_FILE = "ner.crfsuite"
ATTRIBUTES_FILE = "attributes.txt"  # the features the model has weights for
ENTITY_WORDS_FILE = "entity_words.tsv"
TITLES_FILE = "per_titles.tsv"
UNITS_FILE = "units.tsv"
PLACES_FILE = "place_names.tsv"
ENTITY_TYPES = ("PER", "ORG", "GPE", "LOC")


class NerModel:
    """A trained tagger with its feature cache and its list of known entity words."""

    def __init__(self, tagger: pycrfsuite.Tagger, features: FeatureCache, clitics: CliticTrimmer,
                 titles: set[str] = frozenset(), units: set[str] = frozenset(),
                 places: set[str] = frozenset()):
        self._tagger = tagger
        self._features = features
        self._clitics = clitics
        self._titles = titles
        self._units = units
        self._places = places

    @classmethod
    def load(cls, path: Path | str | None = None) -> NerModel:
        folder = Path(path) if path is not None else DEFAULT_DIR
        model_file = folder / MODEL_FILE
        if not model_file.exists():
            raise ResourceError(f"E305 NER model missing: {model_file} (run `rasd train ner`)")
        tagger = pycrfsuite.Tagger()
        tagger.open(str(model_file))
        keep = _read_attributes(folder / ATTRIBUTES_FILE)
        lexicons = Lexicons.load(folder)
        clitics = CliticTrimmer(set(read_word_list(folder / ENTITY_WORDS_FILE)), lexicons.counts)
        titles = set(read_word_list(folder / TITLES_FILE))
        units = set(read_word_list(folder / UNITS_FILE))
        places = set(read_word_list(folder / PLACES_FILE))
        return cls(tagger, FeatureCache(lexicons, keep=keep), clitics, titles, units, places)

    def tag(self, words: list[str], gaps: list[str] | None = None) -> list[str]:
        """BIO tags (``B-PER``, ``I-GPE``, ``O`` ...) for the words of one sentence.

        ``gaps``, when given, is the text between the words (one more item than ``words``:
        before the first, between each pair, after the last); its punctuation helps.
        """
        if not words:
            return []
        return self._tagger.tag(self._features.sentence(words, gaps))

    def entities(self, text: str, start: int = 0, end: int | None = None,
                 tokens: list[Token] | None = None) -> list[tuple[int, int, str]]:
        """Entities of the sentence ``text[start:end]`` as (start, end, type) character spans.

        ``tokens``, when the caller already has ``words(text, start, end)``, saves tokenising
        the sentence again.
        """
        end = len(text) if end is None else end
        tokens = tokenize(text, start, end) if tokens is None else tokens
        if not tokens:
            return []
        tags = self.tag([t.text for t in tokens], _gaps(text, start, end, tokens))
        out = []
        for first, last, kind in self._join_places(tokens, _tag_spans(tags)):
            if kind == "PER":
                first = self._after_titles(tokens, first, last)
            elif kind in ("GPE", "LOC"):
                first, last = self._widen_place(tokens, tags, first, last)
            span_start = tokens[first].start + self.clitic_length(tokens[first].text)
            if last - first == 1 and self._is_unit(text[span_start:tokens[first].end]):
                continue  # "500 ريال" is money, not Real Madrid
            out.append((span_start, tokens[last - 1].end, kind))
        return out

    def _after_titles(self, tokens: list[Token], first: int, last: int) -> int:
        """The first word of a person span once leading titles ("المشير", "الرئيس") are dropped."""
        while last - first > 1 and self._is_title(tokens[first].norm):
            first += 1
        return first

    def _join_places(self, tokens: list[Token], spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Two places side by side that together are a known name become one
        ("المدينة" + "المنورة")."""
        out: list[tuple[int, int, str]] = []
        for first, last, kind in spans:
            if out and out[-1][1] == first and {out[-1][2], kind} <= {"GPE", "LOC"} \
                    and last - out[-1][0] <= 4 and self._place_key(tokens, out[-1][0], last) in self._places:
                joined_kind = "GPE" if "GPE" in (out[-1][2], kind) else "LOC"
                out[-1] = (out[-1][0], last, joined_kind)
            else:
                out.append((first, last, kind))
        return out

    def _widen_place(self, tokens: list[Token], tags: list[str], first: int, last: int) -> tuple[int, int]:
        """The longest known place name of up to four words that holds the span and one word
        before it or up to two after it, all untagged ("المنورة" -> "المدينة المنورة")."""
        best = (first, last)
        for a in (first - 1, first):
            if a < 0 or (a < first and tags[a] != "O"):
                continue
            for b in range(last, min(last + 2, len(tokens)) + 1):
                if b > last and tags[b - 1] != "O":
                    break
                if b - a > best[1] - best[0] and b - a <= 4 and self._place_key(tokens, a, b) in self._places:
                    best = (a, b)
        return best

    def _place_key(self, tokens: list[Token], a: int, b: int) -> str:
        head = tokens[a].norm[self._clitics.cut(tokens[a].norm):]
        return " ".join([head] + [t.norm for t in tokens[a + 1:b]])

    def _is_unit(self, form: str) -> bool:
        norm = normalize(form)
        return norm in self._units or (norm.startswith("ال") and norm[2:] in self._units)

    def _is_title(self, norm: str) -> bool:
        return norm in self._titles or (norm[:1] in ("و", "ف") and norm[1:] in self._titles)

    def clitic_length(self, word: str) -> int:
        """How many characters of ``word`` are a leading clitic outside the name
        (see ``CliticTrimmer``)."""
        norm, index = normalize_with_map(word)
        cut = self._clitics.cut(norm)
        return index[cut] if 0 < cut < len(index) else 0


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


def _gaps(text: str, start: int, end: int, tokens: list[Token]) -> list[str]:
    """The text before each word, and after the last one without a sentence-final stop
    (the training corpus has none)."""
    edges = [start] + [t.end for t in tokens]
    tail = text[tokens[-1].end:end].rstrip().rstrip(".؟?!")
    return [text[edges[i]:t.start] for i, t in enumerate(tokens)] + [tail]


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


def _tag_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    out = []
    first, kind = None, None
    for i, tag in enumerate(list(tags) + ["O"]):
        if first is not None and not (tag.startswith("I-") and tag[2:] == kind):
            out.append((first, i, kind))
            first = None
        if tag.startswith("B-") or (tag.startswith("I-") and first is None):
            first, kind = i, tag[2:]
    return out


def _read_attributes(path: Path) -> set[str] | None:
    if not path.exists():
        return None
    with path.open(encoding="utf-8") as f:
        return {line.rstrip("\n") for line in f}


@lru_cache(maxsize=1)
def default_ner() -> NerModel:
    """The committed model, loaded once per process."""
    return NerModel.load()
