"""Features of the NER model: what one word says about itself and about its neighbours.

Every feature is a property of ONE word (its normalised form, clitic-stripped stem, affixes,
shape, word-list membership), exported under three names: for the word itself, as the
previous word ("-1:...") and as the next word ("+1:..."), plus the stem alone two words away.
A sentence's features are therefore concatenations of per-word lists, which ``FeatureCache``
computes once per distinct word: news repeats its words, so tagging is mostly dict lookups.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from rasd.errors import ResourceError
from rasd.text.normalize import normalize, strip_proclitics

# Word lists the features test membership in; each is a one-column TSV in the model folder.
LEXICON_KINDS = ("country", "city", "loc_name", "place_part", "first_name", "per_cue", "org_head",
                 "loc_head", "wiki_per", "wiki_org", "wiki_gpe", "wiki_loc")

_ARABIC = range(0x0621, 0x064B)


@dataclass(frozen=True, slots=True)
class WordFeatures:
    """One word's features under each of the names a sentence uses them by."""

    own: list[str]
    as_prev: list[str]
    as_next: list[str]
    as_prev2: list[str]
    as_next2: list[str]
    stem: str


class Lexicons:
    """Normalised word forms by kind (country names, person cue words, ...)."""

    def __init__(self, kinds_by_form: dict[str, tuple[str, ...]]):
        self.kinds_by_form = kinds_by_form

    @classmethod
    def load(cls, folder: Path) -> Lexicons:
        by_form: dict[str, set[str]] = {}
        for kind in LEXICON_KINDS:
            for form in read_word_list(folder / f"{kind}.tsv"):
                by_form.setdefault(form, set()).add(kind)
        return cls({form: tuple(sorted(kinds)) for form, kinds in by_form.items()})

    def kinds(self, readings: list[tuple[str, int]]) -> list[str]:
        """The kinds any clitic reading of a word belongs to, as features."""
        found: set[str] = set()
        for form, _cut in readings:
            found.update(self.kinds_by_form.get(form, ()))
        return ["g=" + kind for kind in sorted(found)]


def read_word_list(path: Path) -> list[str]:
    """The normalised ``form`` column of a word-list TSV (header line, ``#`` comments)."""
    if not path.exists():
        raise ResourceError(f"E301 word list missing: {path}")
    forms = []
    with path.open(encoding="utf-8", newline="") as f:
        rows = csv.reader((line for line in f if not line.startswith("#")), delimiter="\t")
        header = next(rows, None)
        if not header or header[0] != "form":
            raise ResourceError(f"E302 {path}:1: first column must be 'form'")
        for row in rows:
            if row and row[0].strip():
                forms.append(normalize(row[0].strip()).lower())
    return forms


def word_shape(norm: str) -> str:
    """A coarse class of the characters: Arabic, Latin, digits, or a mix."""
    kinds = set()
    for ch in norm:
        if ord(ch) in _ARABIC:
            kinds.add("A")
        elif ch.isdigit():
            kinds.add("D")
        elif ch.isalpha():
            kinds.add("L")
        else:
            kinds.add("P")
    return "".join(sorted(kinds)) or "P"


def _length_class(stem: str) -> str:
    n = len(stem)
    return str(n) if n < 6 else ("6-7" if n < 8 else "8+")


def word_features(word: str, lexicons: Lexicons) -> WordFeatures:
    """Every feature of one word, under its own name and as a neighbour's."""
    norm = normalize(word).lower()
    readings = strip_proclitics(norm)
    stem, cut = readings[-1]
    kinds = lexicons.kinds(readings)
    own = [
        "b", "w=" + norm, "s=" + stem, "p=" + norm[:cut],
        "x1=" + stem[-1:], "x2=" + stem[-2:], "x3=" + stem[-3:], "f2=" + stem[:2],
        "sh=" + word_shape(norm), "len=" + _length_class(stem),
    ]
    context = ["w=" + norm, "s=" + stem, "p=" + norm[:cut]] + kinds
    return WordFeatures(
        own=own + kinds,
        as_prev=["-1:" + f for f in context],
        as_next=["+1:" + f for f in context],
        as_prev2=["-2:s=" + stem],
        as_next2=["+2:s=" + stem],
        stem=stem,
    )


class FeatureCache:
    """Per-word features, computed once per distinct word.

    ``keep`` (the attributes a trained model knows) drops features the model has no weight
    for, which is most of a rare word's affixes: fewer strings to hand to the tagger.
    """

    def __init__(self, lexicons: Lexicons, keep: set[str] | None = None, limit: int = 300_000):
        self.lexicons = lexicons
        self.keep = keep
        self.limit = limit
        self._cache: dict[str, WordFeatures] = {}

    def get(self, word: str) -> WordFeatures:
        feats = self._cache.get(word)
        if feats is None:
            feats = word_features(word, self.lexicons)
            if self.keep is not None:
                feats = WordFeatures(*([f for f in part if f in self.keep] for part in (
                    feats.own, feats.as_prev, feats.as_next, feats.as_prev2, feats.as_next2)),
                    stem=feats.stem)
            if len(self._cache) >= self.limit:
                self._cache.clear()  # a long-running process sees an open vocabulary
            self._cache[word] = feats
        return feats

    def sentence(self, words: list[str]) -> list[list[str]]:
        """The feature lists of a sentence: each word's own plus its neighbours' exports."""
        per = [self.get(w) for w in words]
        n = len(per)
        out = []
        for i, wf in enumerate(per):
            feats = wf.own + (per[i - 1].as_prev if i > 0 else ["BOS"])
            feats = feats + (per[i + 1].as_next if i + 1 < n else ["EOS"])
            if i > 1:
                feats += per[i - 2].as_prev2
            if i + 2 < n:
                feats += per[i + 2].as_next2
            out.append(feats)
        return out
