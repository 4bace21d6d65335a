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

CLUSTERS_FILE = "clusters.tsv"

_ARABIC = range(0x0621, 0x064B)


@dataclass(frozen=True, slots=True)
class WordFeatures:
    """One word's features under each of the names a sentence uses them by."""

    own: list[str]
    as_prev: list[str]
    as_next: list[str]
    as_prev2: list[str]
    as_next2: list[str]


class Lexicons:
    """Normalised word forms by kind (country names, person cue words, ...)."""

    def __init__(self, kinds_by_form: dict[str, tuple[str, ...]],
                 clusters: dict[str, tuple[str, ...]] | None = None,
                 counts: dict[str, int] | None = None):
        self.kinds_by_form = kinds_by_form
        self.clusters = clusters or {}
        self.counts = counts or {}  # how often each word occurs in the unlabelled news

    @classmethod
    def load(cls, folder: Path) -> Lexicons:
        by_form: dict[str, set[str]] = {}
        for kind in LEXICON_KINDS:
            for form in read_word_list(folder / f"{kind}.tsv"):
                by_form.setdefault(form, set()).add(kind)
        clusters, counts = read_clusters(folder / CLUSTERS_FILE)
        return cls({form: tuple(sorted(kinds)) for form, kinds in by_form.items()}, clusters, counts)

    def word_classes(self, readings: list[tuple[str, int]]) -> list[str]:
        """The word classes of the longest clitic reading that has some, as features."""
        for form, _cut in readings:
            classes = self.clusters.get(form)
            if classes is not None:
                return [f"c{k}={c}" for k, c in enumerate(classes, 1)]
        return ["c=none"]

    def kinds(self, readings: list[tuple[str, int]]) -> list[str]:
        """The kinds any clitic reading of a word belongs to, as features."""
        found: set[str] = set()
        for form, _cut in readings:
            found.update(self.kinds_by_form.get(form, ()))
        return ["g=" + kind for kind in sorted(found)]


def read_clusters(path: Path) -> tuple[dict[str, tuple[str, ...]], dict[str, int]]:
    """Word -> its class numbers at each granularity, and word -> its corpus count, from
    ``clusters.tsv`` (optional file: without it there are no class features)."""
    classes, counts = {}, {}
    if not path.exists():
        return classes, counts
    with path.open(encoding="utf-8", newline="") as f:
        rows = csv.reader((line for line in f if not line.startswith("#")), delimiter="\t")
        header = next(rows, None)
        if not header or header[:2] != ["form", "count"]:
            raise ResourceError(f"E302 {path}: header must start with 'form<TAB>count'")
        for lineno, row in enumerate(rows, 3):
            if len(row) != len(header) or not row[1].isdigit():
                raise ResourceError(f"E306 {path}:{lineno}: expected {len(header)} fields")
            classes[row[0]] = tuple(row[2:])
            counts[row[0]] = int(row[1])
    return classes, counts


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
    classes = lexicons.word_classes(readings)
    own = classes + [
        "w=" + norm, "s=" + stem, "p=" + norm[:cut], "x2=" + stem[-2:], "x3=" + stem[-3:],
        "f2=" + stem[:2], "sl=" + word_shape(norm) + _length_class(stem),
    ]
    context = ["w=" + norm, "s=" + stem] + kinds + classes[1:3]
    return WordFeatures(
        own=own + kinds,
        as_prev=["-1:" + f for f in context],
        as_next=["+1:" + f for f in context],
        as_prev2=["-2:s=" + stem],
        as_next2=["+2:s=" + stem],
    )


# Punctuation between words, by what it says about a name's edges.
_GAP_CLASSES = {
    "«": "<", "“": "<", "»": ">", "”": ">", '"': "q", "'": "q", "(": "(", "[": "(", ")": ")",
    "]": ")", "،": ",", ",": ",", "؛": ";", ";": ";", ":": ":", "-": "-", "–": "-", "—": "-",
    ".": ".", "؟": ".", "?": ".", "!": ".", "/": "/",
}
_gap_features: dict[str, str] = {}


def gap_feature(gap: str) -> str:
    """The punctuation classes in the text between two words ('' when only spaces)."""
    feature = _gap_features.get(gap)
    if feature is None:
        feature = "".join(sorted({_GAP_CLASSES.get(ch, "o") for ch in gap if not ch.isspace()}))
        if len(_gap_features) < 10_000:
            _gap_features[gap] = feature
    return feature


class FeatureCache:
    """Per-word features, computed once per distinct word.

    ``keep`` (the attributes a trained model knows) drops features the model has no weight
    for, which is most of a rare word's affixes: fewer strings to hand to the tagger. Kept
    features are replaced by the one string object in ``keep``, so cached words share their
    strings (about 0.7 kB a word, 70 MB at the limit); ``limit`` bounds the number of words cached.
    """

    def __init__(self, lexicons: Lexicons, keep: set[str] | None = None, limit: int = 100_000):
        self.lexicons = lexicons
        self.keep = {f: f for f in keep} if keep is not None else None
        self.limit = limit
        self._cache: dict[str, WordFeatures] = {}

    def get(self, word: str) -> WordFeatures:
        feats = self._cache.get(word)
        if feats is None:
            feats = word_features(word, self.lexicons)
            if self.keep is not None:
                feats = self._known_only(feats)
            if len(self._cache) >= self.limit:
                self._cache.clear()  # a long-running process sees an open vocabulary
            self._cache[word] = feats
        return feats

    def _known_only(self, feats: WordFeatures) -> WordFeatures:
        keep = self.keep
        parts = (feats.own, feats.as_prev, feats.as_next, feats.as_prev2, feats.as_next2)
        return WordFeatures(*([keep[f] for f in part if f in keep] for part in parts))

    def sentence(self, words: list[str], gaps: list[str] | None = None) -> list[list[str]]:
        """The feature lists of a sentence: each word's own plus its neighbours' exports.

        ``gaps`` (optional) is the text between words, ``gaps[i]`` before ``words[i]`` and
        ``gaps[-1]`` after the last: punctuation there marks where names start and end.
        """
        per = [self.get(w) for w in words]
        n = len(per)
        marks = [gap_feature(g) for g in gaps] if gaps is not None else [""] * (n + 1)
        out = []
        for i, wf in enumerate(per):
            feats = wf.own + (per[i - 1].as_prev if i > 0 else ["BOS"])
            if marks[i]:
                feats = feats + ["gb=" + marks[i]]
            if marks[i + 1]:
                feats.append("ga=" + marks[i + 1])
            feats = feats + (per[i + 1].as_next if i + 1 < n else ["EOS"])
            if i > 1:
                feats += per[i - 2].as_prev2
            if i + 2 < n:
                feats += per[i + 2].as_next2
            out.append(feats)
        return out
