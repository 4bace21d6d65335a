"""The actor knowledge base: countries, organisations, people and role nouns, keyed by form.

``ActorKB.load()`` reads the four TSV files of ``data/actors`` (PROVENANCE.md describes
them), expands each written form into the forms news uses (nisba inflections, role nouns
with and without the article), validates every code and reports bad lines as FILE:LINE.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rasd.actors.codes import is_country, make_code, parse_code
from rasd.actors.forms import article_variants, key, nisba_forms
from rasd.errors import ResourceError
from rasd.resources import data_path, read_tsv

FILES = ("countries.tsv", "organisations.tsv", "people.tsv", "roles.tsv")
ROLE_KINDS = ("person", "body", "group", "bound", "state", "title", "block")
# Which entry a shared form stands for first when it is read on its own.
KIND_PRIORITY = {"person": 0, "org": 1, "country": 2, "capital": 3, "nisba": 4, "role": 5}


@dataclass(frozen=True, slots=True)
class Entry:
    """One form of one knowledge-base record."""

    kb_id: str
    name_en: str | None
    kind: str  # country | capital | nisba | org | person | role
    country: str | None  # ISO3, IGO, "None" (stateless); None = not known (role nouns)
    sector: str | None
    entity_type: str | None  # PER | ORG | GPE | None
    form: str  # the written form this entry came from
    where: str  # FILE:LINE
    role_kind: str = ""  # for roles: person | body | group | bound | state | title | block
    plural: bool = False  # nisba plurals denote people ("التونسيين")
    valid_from: int | None = None
    valid_to: int | None = None
    generated: bool = False  # an expansion (article toggled) rather than the written form

    @property
    def code(self) -> str:
        return make_code(self.country, self.sector)

    def valid_in(self, year: int) -> bool:
        return (self.valid_from or 0) <= year <= (self.valid_to or 9999)


class ActorKB:
    """Forms (normalised keys) to entries; build with ``load`` or ``from_entries``."""

    def __init__(self, index: dict[str, list[Entry]]):
        self.index = index
        self._matcher = None  # built on first use by rasd.actors.match

    @classmethod
    def load(cls, data_dir: Path | str | None = None) -> "ActorKB":
        folder = Path(data_dir) if data_dir is not None else data_path("actors")
        problems: list[str] = []
        entries: list[tuple[str, Entry, bool]] = []  # key, entry, written (not generated)
        entries += _load_countries(folder / "countries.tsv", problems)
        entries += _load_named(folder / "organisations.tsv", "org", "ORG", problems)
        entries += _load_named(folder / "people.tsv", "person", "PER", problems)
        entries += _load_roles(folder / "roles.tsv", problems)
        problems += _conflicts(entries)
        if problems:
            raise ResourceError("E310 invalid actor data:\n  " + "\n  ".join(problems[:50]))
        return cls.from_entries((k, e) for k, e, _ in entries)

    @classmethod
    def from_entries(cls, pairs) -> "ActorKB":
        index: dict[str, list[Entry]] = defaultdict(list)
        seen: set[tuple] = set()
        for k, entry in pairs:
            identity = (k, entry.kind, entry.kb_id if entry.kind != "role" else entry.where,
                        entry.code, entry.role_kind, entry.valid_from)
            if identity not in seen:
                seen.add(identity)
                index[k].append(entry)
        for k in index:
            index[k].sort(key=lambda e: (KIND_PRIORITY[e.kind], e.generated))
        return cls(dict(index))

    def lookup(self, form: str) -> list[Entry]:
        """Entries of a written form (normalised here), most specific kind first."""
        return self.index.get(key(form), [])

    def canonical_form(self, kb_id: str) -> str | None:
        """The Arabic name an entity is best known by: the shortest form the data file writes
        for it ("داعش" for ISIS, "حفتر" for Khalifa Haftar), a spelt-out name before letters
        ("فرانس برس", not "أ ف ب")."""
        forms = self.__dict__.get("_canonical")
        if forms is None:
            forms = {}
            for entries in self.index.values():
                for e in entries:
                    if not e.generated and e.kind in ("org", "person", "country"):
                        if e.kb_id not in forms or _name_rank(e.form) < _name_rank(forms[e.kb_id]):
                            forms[e.kb_id] = e.form
            self.__dict__["_canonical"] = forms
        return forms.get(kb_id)

    def __len__(self) -> int:
        return len(self.index)


@lru_cache(maxsize=1)
def default_kb() -> ActorKB:
    """The bundled knowledge base, loaded once per process."""
    return ActorKB.load()


def _split(cell: str) -> list[str]:
    return [f.strip() for f in cell.split("|") if f.strip()]


def _year(cell: str, where: str, problems: list[str]) -> int | None:
    if not cell:
        return None
    if len(cell) == 4 and cell.isdigit():
        return int(cell)
    problems.append(f"{where}: year {cell!r} is not YYYY")
    return None


def _load_countries(path: Path, problems: list[str]) -> list[tuple[str, Entry, bool]]:
    out = []
    seen: set[str] = set()
    for lineno, row in read_tsv(path):
        where = f"{path.name}:{lineno}"
        iso = row["iso3"]
        if not (len(iso) == 3 and iso.isalpha() and iso.isupper()) or iso in seen:
            problems.append(f"{where}: bad or repeated ISO 3166-1 alpha-3 code {iso!r}")
            continue
        seen.add(iso)
        out += _country_entries(row, iso, where)
    return out


def _country_entries(row: dict[str, str], iso: str, where: str) -> list[tuple[str, Entry, bool]]:
    cid, name = f"country:{iso}", row["name_en"] or None
    out = []
    for form in _split(row["names_ar"]):
        out.append((key(form), Entry(cid, name, "country", iso, None, "GPE", form, where), True))
    for form in _split(row["capitals_ar"]):
        cap = Entry(f"capital:{iso}", row["capital_en"] or None, "capital", iso, "GOV", "GPE", form, where)
        out.append((key(form), cap, True))
    for form in _split(row["nisba_ar"]):
        for k, plural in nisba_forms(form):
            out.append((k, Entry(cid, name, "nisba", iso, None, None, form, where, plural=plural), True))
    return out


def _load_named(path: Path, kind: str, etype: str, problems: list[str]) -> list[tuple[str, Entry, bool]]:
    out = []
    for lineno, row in read_tsv(path):
        where = f"{path.name}:{lineno}"
        parsed = parse_code(row["code"])
        if parsed is None:
            problems.append(f"{where}: bad actor code {row['code']!r}")
            continue
        if not row["id"] or not _split(row["forms_ar"]):
            problems.append(f"{where}: id and forms_ar are required")
            continue
        country, sector = parsed
        start, end = _year(row["valid_from"], where, problems), _year(row["valid_to"], where, problems)
        for form in _split(row["forms_ar"]):
            entry = Entry(row["id"], row["name_en"] or None, kind, country, _none(sector), etype,
                          form, where, valid_from=start, valid_to=end)
            out.append((key(form), entry, True))
    return out


def _load_roles(path: Path, problems: list[str]) -> list[tuple[str, Entry, bool]]:
    out = []
    for lineno, row in read_tsv(path):
        where = f"{path.name}:{lineno}"
        sector, role_kind = row["sector"], row["kind"]
        if parse_code(f"None {sector}") is None or role_kind not in ROLE_KINDS:
            problems.append(f"{where}: bad sector {sector!r} or kind {role_kind!r}")
            continue
        for form in _split(row["form_ar"]):
            # "=الخارجية": exactly as written; its bare form ("خارجية", "external") is a word.
            exact = form.startswith("=")
            form = form.lstrip("=")
            for i, variant in enumerate([key(form)] if exact else article_variants(form)):
                entry = Entry(f"role:{key(form)}", None, "role", None, _none(sector), None,
                              form, where, role_kind=role_kind, generated=i > 0)
                out.append((variant, entry, i == 0))
    return out


def _none(sector: str) -> str | None:
    return None if sector == "None" else sector


def _conflicts(entries: list[tuple[str, Entry, bool]]) -> list[str]:
    """Written forms of one file that stand for two different codes (or records)."""
    by_file: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    for k, entry, written in entries:
        if written:
            by_file[(entry.where.split(":")[0], k)].append(entry)
    problems = []
    for (_, k), group in by_file.items():
        for a, b in zip(group, group[1:]):
            if _clash(a, b):
                problems.append(f"{b.where}: form {b.form!r} is also {a.code} ({a.kb_id}) at {a.where}")
    return problems


def _clash(a: Entry, b: Entry) -> bool:
    if a.kind in ("country", "capital", "nisba") and b.kind in ("country", "capital", "nisba"):
        return a.country != b.country
    if a.kind == "role":
        return (a.sector, a.role_kind) != (b.sector, b.role_kind)
    if a.kb_id != b.kb_id:
        return True
    # One record in several periods (a minister who becomes president) may change code.
    return a.code != b.code and _overlap(a, b)


def _overlap(a: Entry, b: Entry) -> bool:
    # A role that ends in the year the next one starts shares that year without a clash.
    return (a.valid_from or 0) < (b.valid_to or 9999) and (b.valid_from or 0) < (a.valid_to or 9999)


__all__ = ["ActorKB", "Entry", "default_kb", "is_country", "FILES"]


def _name_rank(form: str) -> tuple[bool, int]:
    """Shorter names first, but letter abbreviations ("أ ف ب") after any spelt-out name."""
    return all(len(w) == 1 for w in form.split()), len(form)
