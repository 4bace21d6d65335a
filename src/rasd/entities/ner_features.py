"""Features of the NER model: what one word says about itself and about its neighbours.

Every feature is a property of ONE word (its normalised form, clitic-stripped stem, affixes,
shape, word-list membership, word classes), exported under up to three names: for the word
itself, as the previous word ("-1:...") and as the next word ("+1:..."). Which properties
go under which name is the model's ``Templates``, stored beside it: a frequent word is known
by its form, stem and classes, a rare one also by its affixes and shape. A sentence's features
are therefore concatenations of per-word lists, which ``FeatureCache`` computes once per
distinct word: news repeats its words, so tagging is mostly dict lookups.

The tagger never sees the readable feature strings: each is replaced by a short ASCII id
(``attributes.tsv`` maps them), which pycrfsuite converts and looks up several times faster
than the 20-byte Arabic strings.
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_right
from dataclasses import dataclass, fields
from operator import itemgetter
from pathlib import Path

from rasd.errors import ResourceError
from rasd.text.normalize import normalize, strip_proclitics
from rasd.text.tokens import Token

# Word lists the features test membership in; each is a one-column TSV in the model folder.
LEXICON_KINDS = ("country", "city", "loc_name", "place_part", "first_name", "per_cue", "org_head",
                 "loc_head", "wiki_per", "wiki_org", "wiki_gpe", "wiki_loc")

CLUSTERS_FILE = "clusters.tsv"
TEMPLATES_FILE = "templates.tsv"

# A word's properties, by template name: c1-c4 word classes (coarse to fine), w normalised form,
# s stem, p proclitics, x2/x3 stem suffixes, f2 stem's first letters, sl shape and length,
# g word lists. Gaps: punctuation before (gb) and after (ga) the word.
PROPERTIES = ("c1", "c2", "c3", "c4", "w", "s", "p", "x2", "x3", "f2", "sl", "g")
SPELLING = ("x2", "x3", "f2", "sl")  # what a word is spelt like, in place of what it is

_ARABIC = range(0x0621, 0x064B)
_ARABIC_WORD = re.compile(r"[\u0621-\u064a]+")


@dataclass(frozen=True)
class Templates:
    """Which properties a token gets of itself, of each neighbour, and of the words two away.

    A word's own properties depend on how often it was seen in the news corpus
    (``clusters.tsv`` counts): ``rare`` ones (affixes, shape) are added for words seen fewer
    than ``rare_below`` times, and a word seen ``common_at`` times or more gets only the
    ``common`` ones (its form: the model knows it well). Most tokens are frequent words,
    most distinct words rare ones.
    """

    own: tuple[str, ...] = ("c1", "c2", "c3", "c4", "w", "s", "p", "g")
    neighbour: tuple[str, ...] = ("w", "s", "g")
    far: tuple[str, ...] = ()
    gaps: tuple[str, ...] = ("gb", "ga")
    rare: tuple[str, ...] = SPELLING
    rare_below: int = 20
    common: tuple[str, ...] = ()
    common_at: int = 0  # 0: no word is common

    def own_for(self, count: int) -> tuple[str, ...]:
        """The own properties of a word seen ``count`` times."""
        if self.common_at and count >= self.common_at:
            return self.common
        return self.own + self.rare if count < self.rare_below else self.own

    def write(self, path: Path) -> None:
        rows = "".join(f"{f.name}\t{_field_text(getattr(self, f.name))}\n" for f in fields(self))
        path.write_text("# NER feature templates, see PROVENANCE.md\nposition\ttemplates\n" + rows,
                        encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Templates:
        """The templates a model was trained with (the defaults when the file is absent)."""
        if not path.exists():
            return cls()
        values = {}
        with path.open(encoding="utf-8", newline="") as f:
            rows = csv.reader((line for line in f if not line.startswith("#")), delimiter="\t")
            if next(rows, None) != ["position", "templates"]:
                raise ResourceError(f"E302 {path}: header must be 'position<TAB>templates'")
            for lineno, row in enumerate(rows, 3):
                if len(row) != 2 or row[0] not in {f.name for f in fields(cls)}:
                    raise ResourceError(f"E306 {path}:{lineno}: expected a position and its templates")
                numeric = row[0] in ("rare_below", "common_at")
                values[row[0]] = int(row[1]) if numeric else tuple(t for t in row[1].split("|") if t)
        return cls(**values)


def _field_text(value: tuple[str, ...] | int) -> str:
    return str(value) if isinstance(value, int) else "|".join(value)


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

    def word_classes(self, readings: list[tuple[str, int]]) -> tuple[str, ...]:
        """The word classes (coarse to fine) of the longest clitic reading that has some."""
        for form, _cut in readings:
            classes = self.clusters.get(form)
            if classes is not None:
                return classes
        return ()

    def kinds(self, readings: list[tuple[str, int]]) -> tuple[str, ...]:
        """The kinds any clitic reading of a word belongs to."""
        found = [kinds for form, _cut in readings if (kinds := self.kinds_by_form.get(form))]
        if len(found) < 2:
            return found[0] if found else ()
        return tuple(sorted(set().union(*found)))


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
    if _ARABIC_WORD.fullmatch(norm):
        return "A"  # nearly every word: skip the loop
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


def word_properties(norm: str, lexicons: Lexicons, spelling: bool = True) -> dict[str, tuple[str, ...]]:
    """Every property of one normalised word: template name -> its values. ``spelling``
    False leaves out the affix and shape properties (``SPELLING``), which only rare words use."""
    readings = strip_proclitics(norm)
    stem, cut = readings[-1]
    classes = lexicons.word_classes(readings) or ("none",)
    props = {
        "c1": classes[0:1], "c2": classes[1:2], "c3": classes[2:3], "c4": classes[3:4],
        "w": (norm,), "s": (stem,), "p": (norm[:cut],), "g": lexicons.kinds(readings),
    }
    if spelling:
        props.update(x2=(stem[-2:],), x3=(stem[-3:],), f2=(stem[:2],),
                     sl=(word_shape(norm) + _length_class(stem),))
    return props


# Where a token finds a word's features, and the prefix its feature names carry there.
POSITIONS = ("", "-1:", "+1:", "-2:", "+2:")  # the word itself, previous, next, two away


def position_templates(templates: Templates, position: str) -> tuple[str, ...]:
    if position == "":
        return tuple(dict.fromkeys(templates.own + templates.rare + templates.common))
    return templates.neighbour if position[1] == "1" else templates.far


def word_features(word: str, lexicons: Lexicons, templates: Templates = Templates()) -> dict[str, list[str]]:
    """Every feature of one word by position ("" its own, "-1:" as the previous word ...),
    readable: "-1:s=روسيا"."""
    key = normalize(word).lower()
    props = word_properties(key, lexicons)
    own = templates.own_for(lexicons.counts.get(key, 0))
    return {pos: [f"{pos}{t}={v}" for t in (own if pos == "" else position_templates(templates, pos))
                  for v in props[t]]
            for pos in POSITIONS}


# Punctuation between words, by what it says about a name's edges.
_GAP_CLASSES = {
    "«": "<", "“": "<", "»": ">", "”": ">", '"': "q", "'": "q", "(": "(", "[": "(", ")": ")",
    "]": ")", "،": ",", ",": ",", "؛": ";", ";": ";", ":": ":", "-": "-", "–": "-", "—": "-",
    ".": ".", "؟": ".", "?": ".", "!": ".", "/": "/",
}
_gap_features: dict[str, str] = {}
# What lies between words and is not a space: the complement of ``rasd.text.tokens.words``.
_NOT_WORD = re.compile(r"[^\s\w\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u200c\u200d]+")
_SENTENCE_STOPS = ".؟?!"
_start = itemgetter(0)


def gap_feature(gap: str) -> str:
    """The punctuation classes in the text between two words ('' when only spaces)."""
    feature = _gap_features.get(gap)
    if feature is None:
        feature = "".join(sorted({_GAP_CLASSES.get(ch, "o") for ch in gap if not ch.isspace()}))
        if len(_gap_features) < 10_000:
            _gap_features[gap] = feature
    return feature


def gap_marks(gaps: list[str]) -> dict[int, str]:
    """Gap index -> punctuation classes, for the gaps that hold punctuation (``gaps[i]`` is
    the text before word ``i``, ``gaps[-1]`` the text after the last word)."""
    return {i: mark for i, gap in enumerate(gaps) if (mark := gap_feature(gap))}


def text_gap_marks(text: str, start: int, end: int, tokens: list[Token]) -> dict[int, str]:
    """``gap_marks`` of a sentence ``text[start:end]`` and its words, without slicing out every
    gap: one scan finds the punctuation. After the last word, a sentence-final stop does not
    count (the training corpus has none)."""
    found: dict[int, str] = {}
    for m in _NOT_WORD.finditer(text, start, tokens[-1].end):
        i = bisect_right(tokens, m.start(), key=_start)
        found[i] = found.get(i, "") + m.group()
    marks = {i: mark for i, chars in found.items() if (mark := gap_feature(chars))}
    tail = gap_feature(text[tokens[-1].end:end].rstrip().rstrip(_SENTENCE_STOPS))
    if tail:
        marks[len(tokens)] = tail
    return marks


_ID_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def feature_id(n: int) -> str:
    """A short ASCII name for the n-th feature ("0" ... "Z", "10" ...)."""
    digits = ""
    while True:
        n, r = divmod(n, len(_ID_DIGITS))
        digits = _ID_DIGITS[r] + digits
        if not n:
            return digits


# A word's entry in the cache: the ids of its features at each of ``POSITIONS``, as bytes (the
# tagger takes bytes without encoding them). Tuples of bytes: the garbage collector stops
# tracking them.
Entry = tuple[tuple[bytes, ...], ...]
# How a new word's entry is looked up: for each template, its values' ids at every position
# (value -> ((position index, id), ...)), and whether the word's own position uses it.
Steps = list[tuple[str, dict[str, tuple[tuple[int, bytes], ...]], bool]]


class FeatureCache:
    """Per-word feature ids, computed once per distinct normalised word.

    ``ids`` (feature string -> id, from a trained model's ``attributes.tsv``) holds the
    features the model has a weight for: the others, most of a rare word's affixes, are
    dropped. Without ``ids`` (training) every new feature gets the next id. Ids are found
    by value in one table per template, so a word's feature strings are never built.
    ``limit`` bounds the number of words cached.
    """

    def __init__(self, lexicons: Lexicons, templates: Templates = Templates(),
                 ids: dict[str, str] | None = None, limit: int = 100_000):
        self.lexicons = lexicons
        self.templates = templates
        self.growing = ids is None
        self.ids: dict[str, str] = {} if ids is None else ids
        self.limit = limit
        self._by_value: dict[str, dict[str, tuple[tuple[int, bytes], ...]]] = {}
        self._other: dict[str, bytes] = {}  # BOS, EOS, gb=..., ga=...
        for feature, fid in self.ids.items():
            self._add_id(feature, fid)
        self._tiers = (0, templates.rare_below, templates.common_at)
        self._steps = {tier: self._lookup_steps(tier) for tier in self._tiers}
        self._spelling = {tier: any(t in SPELLING for t, _, _ in steps) for tier, steps in self._steps.items()}
        self._cache: dict[str, Entry] = {}
        self._edge: Entry = ((), self._other_id("BOS"), self._other_id("EOS"), (), ())
        self._before: dict[str, tuple[bytes, ...]] = {}  # gap mark -> id of "gb=" + mark
        self._after: dict[str, tuple[bytes, ...]] = {}

    def _add_id(self, feature: str, fid: str) -> None:
        pos, template, value = _parse_feature(feature)
        if pos in POSITIONS:
            table = self._by_value.setdefault(template, {})
            table[value] = table.get(value, ()) + ((POSITIONS.index(pos), fid.encode()),)
        else:
            self._other[feature] = fid.encode()

    def _lookup_steps(self, tier: int) -> Steps:
        own = self.templates.own_for(tier)
        used = dict.fromkeys(own + self.templates.neighbour + self.templates.far)
        return [(t, self._by_value.setdefault(t, {}), t in own) for t in used]

    def entry(self, norm: str) -> Entry:
        """The feature ids of one normalised word (computed on first sight)."""
        found = self._cache.get(norm)
        if found is None:
            found = self._new_entry(norm.lower())
            if len(self._cache) >= self.limit:
                self._cache.clear()  # a long-running process sees an open vocabulary
            self._cache[norm] = found
        return found

    def _new_entry(self, key: str) -> Entry:
        tier = self._tier(self.lexicons.counts.get(key, 0))
        props = word_properties(key, self.lexicons, self._spelling[tier])
        if self.growing:
            return self._grown_entry(props, tier)
        ids: tuple[list[bytes], ...] = ([], [], [], [], [])
        for template, table, own in self._steps[tier]:
            for value in props[template]:
                for slot, fid in table.get(value, ()):
                    if slot or own:
                        ids[slot].append(fid)
        return tuple(map(tuple, ids))

    def _grown_entry(self, props: dict[str, tuple[str, ...]], tier: int) -> Entry:
        """Training: a word's features at each position, new ones given the next ids."""
        own = self.templates.own_for(tier)
        out = []
        for pos in POSITIONS:
            templates = own if pos == "" else position_templates(self.templates, pos)
            out.append(tuple(self._grow(_feature_name(pos, t, v)) for t in templates for v in props[t]))
        return tuple(out)

    def _grow(self, feature: str) -> bytes:
        fid = self.ids.get(feature)
        if fid is None:
            fid = self.ids[feature] = feature_id(len(self.ids))
        return fid.encode()

    def _other_id(self, feature: str) -> tuple[bytes, ...]:
        """The id of an edge or gap feature as a tuple: (), unless known or growing."""
        if self.growing:
            return (self._grow(feature),)
        fid = self._other.get(feature)
        return () if fid is None else (fid,)

    def _tier(self, count: int) -> int:
        """Which own templates a word seen ``count`` times gets (a key of ``_steps``)."""
        t = self.templates
        if t.common_at and count >= t.common_at:
            return t.common_at
        return 0 if count < t.rare_below else t.rare_below

    def sentence(self, norms: list[str], marks: dict[int, str] | None = None) -> list[list[bytes]]:
        """The feature ids of a sentence: each word's own plus its neighbours' exports.

        ``norms`` are the normalised words (``Token.norm``); ``marks`` the punctuation
        between them (``gap_marks``): it marks where names start and end.
        """
        cache, entry, edge = self._cache, self.entry, self._edge
        per = [cache.get(w) or entry(w) for w in norms]
        out = [[*a[0], *b[1], *c[2]] for a, b, c in zip(per, [edge, *per], [*per[1:], edge])]
        if self.templates.far:
            self._add_far(out, per)
        if marks and self.templates.gaps:
            self._add_gaps(out, marks)
        return out

    def words(self, words: list[str], gaps: list[str] | None = None) -> list[list[bytes]]:
        """``sentence`` of raw words and the text between them (training, ``NerModel.tag``)."""
        return self.sentence([normalize(w) for w in words], gap_marks(gaps) if gaps else None)

    def readable(self, sentence: list[list[bytes]]) -> list[list[str]]:
        """A sentence's feature ids as the feature strings they stand for (tests, debugging)."""
        names = {fid.encode(): feature for feature, fid in self.ids.items()}
        return [[names[fid] for fid in token] for token in sentence]

    @staticmethod
    def _add_far(out: list[list[bytes]], per: list[Entry]) -> None:
        for i in range(2, len(per)):
            out[i] += per[i - 2][3]
            out[i - 2] += per[i][4]

    def _add_gaps(self, out: list[list[bytes]], marks: dict[int, str]) -> None:
        before, after = "gb" in self.templates.gaps, "ga" in self.templates.gaps
        for i, mark in marks.items():
            if before and i < len(out):
                out[i] += self._gap_id(self._before, "gb=", mark)
            if after and i > 0:
                out[i - 1] += self._gap_id(self._after, "ga=", mark)

    def _gap_id(self, table: dict[str, tuple[bytes, ...]], prefix: str, mark: str) -> tuple[bytes, ...]:
        found = table.get(mark)
        if found is None:
            found = table[mark] = self._other_id(prefix + mark)
        return found


def _feature_name(pos: str, template: str, value: str) -> str:
    """The readable name of a feature: "s=روسيا", "-1:g=country", "gb=<", "BOS"."""
    if pos == "edge":
        return value
    if pos in ("gb", "ga"):
        return f"{pos}={value}"
    return f"{pos}{template}={value}"


def _parse_feature(feature: str) -> tuple[str, str, str]:
    """(position, template, value) of a readable feature name (``_feature_name`` reversed)."""
    if feature in ("BOS", "EOS"):
        return "edge", "", feature
    pos = feature[:3] if feature[:3] in POSITIONS else ""
    template, _, value = feature[len(pos):].partition("=")
    if template in ("gb", "ga") and not pos:
        return template, "", value
    return pos, template, value
