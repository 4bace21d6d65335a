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

from rasd.entities.ner_features import FeatureCache, Lexicons
from rasd.entities.ner_spans import SpanRules
from rasd.errors import ResourceError
from rasd.text.tokens import Token
from rasd.text.tokens import words as tokenize

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "data" / "ner"
MODEL_FILE = "ner.crfsuite"
ATTRIBUTES_FILE = "attributes.txt"  # the features the model has weights for
ENTITY_TYPES = ("PER", "ORG", "GPE", "LOC")


class NerModel:
    """A trained tagger, its per-word feature cache, and the rules that turn tags into spans."""

    def __init__(self, tagger: pycrfsuite.Tagger, features: FeatureCache, rules: SpanRules):
        self._tagger = tagger
        self._features = features
        self._rules = rules

    @classmethod
    def load(cls, path: Path | str | None = None) -> NerModel:
        folder = Path(path) if path is not None else DEFAULT_DIR
        model_file = folder / MODEL_FILE
        if not model_file.exists():
            raise ResourceError(f"E305 NER model missing: {model_file} (run `rasd train ner`)")
        tagger = pycrfsuite.Tagger()
        tagger.open(str(model_file))
        lexicons = Lexicons.load(folder)
        features = FeatureCache(lexicons, keep=_read_attributes(folder / ATTRIBUTES_FILE))
        return cls(tagger, features, SpanRules.load(folder, lexicons.counts))

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
        return self._rules.spans(text, tokens, tags)

    def clitic_length(self, word: str) -> int:
        """How many characters of ``word`` are a leading clitic outside a name."""
        return self._rules.clitic_length(word)


def _gaps(text: str, start: int, end: int, tokens: list[Token]) -> list[str]:
    """The text before each word, and after the last one without a sentence-final stop
    (the training corpus has none)."""
    edges = [start] + [t.end for t in tokens]
    tail = text[tokens[-1].end:end].rstrip().rstrip(".؟?!")
    return [text[edges[i]:t.start] for i, t in enumerate(tokens)] + [tail]


def _read_attributes(path: Path) -> set[str] | None:
    if not path.exists():
        return None
    with path.open(encoding="utf-8") as f:
        return {line.rstrip("\n") for line in f}


@lru_cache(maxsize=1)
def default_ner() -> NerModel:
    """The committed model, loaded once per process."""
    return NerModel.load()
