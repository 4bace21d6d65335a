"""The project's named-entity recogniser: a CRF over the words of one sentence.

``NerModel.tag(words)`` gives BIO tags of types PER, ORG, GPE, LOC for the words of
``rasd.text.tokens.words`` (clitics attached, punctuation left out), and
``NerModel.entities(text, start, end)`` gives character spans of one sentence range, with a
leading و/ف/ب/ل/ك clitic left outside the span ("وروسيا" -> "روسيا"). The model and the
word lists its features use live in ``src/rasd/data/ner/`` (see its PROVENANCE.md); they are
trained by ``rasd.entities.ner_train.train_ner``.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

import pycrfsuite

from rasd.entities.ner_features import TEMPLATES_FILE, FeatureCache, Lexicons, Templates, text_gap_marks
from rasd.entities.ner_spans import SpanRules
from rasd.errors import ResourceError
from rasd.text.tokens import Token
from rasd.text.tokens import words as tokenize

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "data" / "ner"
MODEL_FILE = "ner.crfsuite"
ATTRIBUTES_FILE = "attributes.tsv"  # the features the model has weights for, and their ids
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
        templates = Templates.load(folder / TEMPLATES_FILE)
        features = FeatureCache(lexicons, templates, ids=read_attributes(folder / ATTRIBUTES_FILE))
        return cls(tagger, features, SpanRules.load(folder, lexicons.counts))

    def tag(self, words: list[str], gaps: list[str] | None = None) -> list[str]:
        """BIO tags (``B-PER``, ``I-GPE``, ``O`` ...) for the words of one sentence.

        ``gaps``, when given, is the text between the words (one more item than ``words``:
        before the first, between each pair, after the last); its punctuation helps.
        """
        if not words:
            return []
        return self._tagger.tag(self._features.words(words, gaps))

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
        features = self._features.sentence([t.norm for t in tokens], text_gap_marks(text, start, end, tokens))
        tags = self._tagger.tag(features)
        if tags.count("O") == len(tags):
            return []  # about half the sentences of news: no rules to run
        return self._rules.spans(text, tokens, tags)

    def clitic_length(self, word: str) -> int:
        """How many characters of ``word`` are a leading clitic outside a name."""
        return self._rules.clitic_length(word)


def read_attributes(path: Path) -> dict[str, str]:
    """Feature string -> the id the model knows it by, from ``attributes.tsv``."""
    if not path.exists():
        raise ResourceError(f"E305 NER attributes missing: {path} (run `rasd train ner`)")
    ids = {}
    with path.open(encoding="utf-8", newline="") as f:
        rows = csv.reader((line for line in f if not line.startswith("#")), delimiter="\t",
                          quoting=csv.QUOTE_NONE)
        if next(rows, None) != ["id", "feature"]:
            raise ResourceError(f"E302 {path}: header must be 'id<TAB>feature'")
        for lineno, row in enumerate(rows, 3):
            if len(row) != 2:
                raise ResourceError(f"E306 {path}:{lineno}: expected id<TAB>feature")
            ids[row[1]] = row[0]
    return ids


@lru_cache(maxsize=1)
def default_ner() -> NerModel:
    """The committed model, loaded once per process."""
    return NerModel.load()
