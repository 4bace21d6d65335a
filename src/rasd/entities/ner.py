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
from rasd.text.normalize import normalize_with_map
from rasd.text.tokens import Token
from rasd.text.tokens import words as tokenize

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "data" / "ner"
MODEL_FILE = "ner.crfsuite"
ATTRIBUTES_FILE = "attributes.txt"  # the features the model has weights for
ENTITY_WORDS_FILE = "entity_words.tsv"
ENTITY_TYPES = ("PER", "ORG", "GPE", "LOC")


class NerModel:
    """A trained tagger with its feature cache and its list of known entity words."""

    def __init__(self, tagger: pycrfsuite.Tagger, features: FeatureCache, entity_words: set[str]):
        self._tagger = tagger
        self._features = features
        self._entity_words = entity_words

    @classmethod
    def load(cls, path: Path | str | None = None) -> NerModel:
        folder = Path(path) if path is not None else DEFAULT_DIR
        model_file = folder / MODEL_FILE
        if not model_file.exists():
            raise ResourceError(f"E305 NER model missing: {model_file} (run `rasd train ner`)")
        tagger = pycrfsuite.Tagger()
        tagger.open(str(model_file))
        keep = _read_attributes(folder / ATTRIBUTES_FILE)
        features = FeatureCache(Lexicons.load(folder), keep=keep)
        return cls(tagger, features, set(read_word_list(folder / ENTITY_WORDS_FILE)))

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
        for first, last, kind in _tag_spans(tags):
            span_start = tokens[first].start + self.clitic_length(tokens[first].text)
            out.append((span_start, tokens[last - 1].end, kind))
        return out

    def clitic_length(self, word: str) -> int:
        """How many characters of ``word`` are a leading clitic that is not part of the name.

        A word the model knows as an entity's first word ("وليد", "بغداد") keeps its letters;
        otherwise the shortest cut that leaves a known word wins ("وروسيا" -> "روسيا"), and
        for unknown words و/ف go before three letters or more and ب/ل/ك before the article.
        """
        norm, index = normalize_with_map(word)
        cut = _clitic_cut(norm, self._entity_words)
        return index[cut] if 0 < cut < len(index) else 0


def _gaps(text: str, start: int, end: int, tokens: list[Token]) -> list[str]:
    """The text before each word, and after the last one without a sentence-final stop
    (the training corpus has none)."""
    edges = [start] + [t.end for t in tokens]
    tail = text[tokens[-1].end:end].rstrip().rstrip(".؟?!")
    return [text[edges[i]:t.start] for i, t in enumerate(tokens)] + [tail]


def _clitic_cut(norm: str, known: set[str]) -> int:
    """Letters of ``norm`` that are a leading clitic (see ``NerModel.clitic_length``)."""
    if norm in known or len(norm) < 3:
        return 0
    for cut in _candidate_cuts(norm):
        rest = norm[cut:]
        if rest in known or "ال" + rest in known:
            return cut
    return _default_cut(norm)


def _conjunction_length(norm: str) -> int:
    return 1 if norm[0] in "وف" and len(norm) > 3 else 0


def _candidate_cuts(norm: str) -> list[int]:
    """Every way of reading a conjunction and a preposition off the word, shortest first."""
    pos = _conjunction_length(norm)
    cuts = [pos] if pos else []
    if len(norm) - pos > 3 and norm[pos] in "بلك":
        cuts.append(pos + 1)  # "لليبيا" is ل + ليبيا ...
        if norm.startswith("لل", pos):
            cuts.append(pos + 2)  # ... "للجيش" is ل + (ا)لجيش: the span can only start at جيش
    return cuts


def _default_cut(norm: str) -> int:
    """For a word the lists do not know: the conjunction, and a preposition before the article."""
    pos = _conjunction_length(norm)
    rest = norm[pos:]
    if len(rest) > 4 and rest[0] in "بك" and rest.startswith("ال", 1):
        return pos + 1
    if len(rest) > 4 and rest.startswith("لل"):
        return pos + 2
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
