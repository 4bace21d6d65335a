"""Build the trigger lexicon and the cue list from their reviewed seed files.

A seed row names one lemma sense (``قصف`` verb, ASSAULT, shelling). The build expands every
verb into all its surface forms with ``libqutrub`` (perfect, imperfect, jussive, subjunctive,
active and passive, all persons), adds attached object pronouns (استقبله، زودتها), and gives
nouns their dual, plural, accusative and possessive forms. The output is keyed by the
normalised form, so the run-time matcher only does dictionary lookups.

Rebuild: ``rasd build lexicon`` (= ``build_trigger_lexicon()`` + ``build_cue_lexicon()``).
``libqutrub`` is a build-only dependency (``uv`` group ``build``).
"""

from __future__ import annotations

import gzip
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from rasd.document import PLOVER_TYPES
from rasd.errors import ResourceError
from rasd.resources import read_tsv as read_data_tsv
from rasd.text.normalize import normalize

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "events"
SEEDS_PATH = DATA_DIR / "trigger_seeds.tsv"
EXCLUDE_PATH = DATA_DIR / "trigger_exclude.tsv"
TRIGGERS_PATH = DATA_DIR / "triggers.tsv.gz"
CUE_SEEDS_PATH = DATA_DIR / "cue_seeds.tsv"
CUES_PATH = DATA_DIR / "cues.tsv"

SEED_COLUMNS = ("lemma", "pos", "type", "mode", "cameo", "root", "inflect", "plural",
                "target_preps", "needs_next", "note")
TRIGGER_COLUMNS = ("form_norm", "lemma", "pos", "type", "mode", "cameo", "voice", "person",
                   "aspect", "object", "target_preps", "needs_next", "rank")
CUE_SEED_COLUMNS = ("lemma", "pos", "kind", "inflect", "needs_next", "note")
CUE_COLUMNS = ("form", "kind", "needs_next", "note")

POSES = ("verb", "noun", "phrase", "participle")
VERB_INFLECTS = ("a", "i", "u", "x")
NOUN_INFLECTS = ("n", "p", "f")
BLOCK_TYPE = "NONE"  # a phrase that consumes its words and yields no event (an actor's name)
_CAMEO = re.compile(r"^\d{3,4}$")

# libqutrub's tense names -> (aspect, voice)
_TENSES = {
    "الماضي المعلوم": ("perf", "active"),
    "المضارع المعلوم": ("impf", "active"),
    "المضارع المجزوم": ("juss", "active"),
    "المضارع المنصوب": ("subj", "active"),
    "الماضي المجهول": ("perf", "passive"),
    "المضارع المجهول": ("impf", "passive"),
    "المضارع المجهول المجزوم": ("juss", "passive"),
    "المضارع المجهول المنصوب": ("subj", "passive"),
}
# libqutrub's pronoun names -> subject person/number/gender
_PERSONS = {
    "هو": "3ms", "هي": "3fs", "هم": "3mp", "هن": "3fp", "هما": "3md", "هما مؤ": "3fd",
    "نحن": "1p", "أنا": "1s", "أنت": "2ms", "أنتِ": "2fs", "أنتما": "2d", "أنتما مؤ": "2d",
    "أنتم": "2mp", "أنتن": "2fp",
}
# Order in which readings of an ambiguous form are listed: news is told in the third person.
PERSON_ORDER = ("3ms", "3fs", "3mp", "3fp", "3md", "3fd", "1p", "1s", "2ms", "2fs", "2d", "2mp", "2fp")
_IMPERFECT_VOWEL = {"a": "فتحة", "i": "كسرة", "u": "ضمة"}
# Object pronouns attached to a verb, and the subjects whose forms take them in news text.
OBJECT_PRONOUNS = ("ه", "ها", "هما", "هم", "هن", "ك", "كم", "نا")
_OBJECT_SUBJECTS = {"3ms", "3fs", "3mp", "3fp", "3md", "3fd", "1p"}
POSSESSIVES = ("ه", "ها", "هما", "هم", "هن")
_HARAKAT = re.compile("[\u064b-\u0652\u0670]")


@dataclass(frozen=True)
class Seed:
    line: int
    lemma: str
    pos: str
    type: str
    mode: str
    cameo: str
    root: str
    inflect: str
    plurals: tuple[str, ...]
    target_preps: str
    needs_next: str
    note: str


@dataclass(frozen=True)
class Surface:
    """One written form of a seed, before normalisation."""

    text: str
    aspect: str  # perf | impf | juss | subj | noun | phrase
    voice: str = "-"  # active | passive | - (nouns)
    person: str = "-"
    obj: str = "-"  # attached object pronoun


# ---------------------------------------------------------------- reading seed files

def read_tsv(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Rows of a seed file as (line number, {column: value}); checks the header."""
    return list(read_data_tsv(path, columns))


def read_seeds(path: Path = SEEDS_PATH) -> list[Seed]:
    """The trigger seed rows, checked (type, pos, CAMEO code, inflection)."""
    seeds = []
    for number, row in read_tsv(path, SEED_COLUMNS):
        seed = _seed_from_row(number, row)
        _check_seed(path, seed)
        seeds.append(seed)
    return seeds


def _seed_from_row(number: int, row: dict[str, str]) -> Seed:
    plurals = tuple(p for p in row["plural"].split("|") if p and p != "-")
    return Seed(number, row["lemma"], row["pos"], row["type"], row["mode"], row["cameo"],
                row["root"], row["inflect"], plurals, row["target_preps"], row["needs_next"],
                row["note"])


def _check_seed(path: Path, seed: Seed) -> None:
    where = f"{path}:{seed.line}"
    if seed.pos not in POSES:
        raise ResourceError(f"E303 {where}: pos {seed.pos!r} is not one of {POSES}")
    if seed.type not in PLOVER_TYPES and not (seed.type == BLOCK_TYPE and seed.pos == "phrase"):
        raise ResourceError(f"E304 {where}: type {seed.type!r} is not a PLOVER type")
    if seed.type != BLOCK_TYPE and not _CAMEO.match(seed.cameo):
        raise ResourceError(f"E305 {where}: CAMEO code {seed.cameo!r} is not 3-4 digits")
    allowed = {"verb": VERB_INFLECTS, "noun": NOUN_INFLECTS,
               "phrase": VERB_INFLECTS + NOUN_INFLECTS, "participle": ("f",)}[seed.pos]
    if seed.inflect not in allowed:
        raise ResourceError(f"E306 {where}: inflect {seed.inflect!r} is not one of {allowed}")


# ---------------------------------------------------------------- verbs

def strip_harakat(text: str) -> str:
    """The written form without short vowels (shadda and hamza seats stay)."""
    return _HARAKAT.sub("", text).replace("\u0651", "")


def vocalize_form1(lemma: str) -> str:
    """فَعَلَ for a bare triliteral (libqutrub wants form-I verbs vocalised); others unchanged."""
    if _HARAKAT.search(lemma):
        return lemma
    letters = [ch for ch in lemma if ch != "\u0651"]
    if "\u0651" in lemma and len(letters) == 2:  # doubled: شنّ -> شَنَّ
        return letters[0] + "\u064e" + letters[1] + "\u064e\u0651"
    # A final alef or alef maqsura (دعا، رمى) carries no vowel of its own.
    return "".join(ch if (i == len(letters) - 1 and ch in "اى") else ch + "\u064e"
                   for i, ch in enumerate(letters))


def conjugate(lemma: str, inflect: str, passive: bool = True) -> list[Surface]:
    """Every finite form of a verb (libqutrub), as unvocalised surfaces."""
    from libqutrub import conjugator  # build-time only

    word = vocalize_form1(lemma) if inflect in _IMPERFECT_VOWEL else lemma
    table = conjugator.conjugate(word, _IMPERFECT_VOWEL.get(inflect, "فتحة"), alltense=True,
                                 past=True, future=True, passive=True, future_moode=True,
                                 transitive=True, display_format="DICT")
    if not table:
        raise ResourceError(f"E307 libqutrub cannot conjugate {lemma!r}")
    out = []
    for tense, forms in table.items():
        aspect_voice = _TENSES.get(tense.strip())
        if aspect_voice is None or (aspect_voice[1] == "passive" and not passive):
            continue
        for pronoun, form in forms.items():
            if form:
                out.append(Surface(strip_harakat(form), *aspect_voice, _PERSONS[pronoun]))
    return out


def hamza_variants(surface: Surface) -> list[Surface]:
    """News spells عبّؤوا as عبأوا: add the أو spelling next to the ؤو one."""
    if "ؤو" in surface.text:
        return [surface, Surface(surface.text.replace("ؤو", "أو"), surface.aspect,
                                 surface.voice, surface.person, surface.obj)]
    return [surface]


def with_object_pronouns(surfaces: list[Surface]) -> list[Surface]:
    """Active third-person and we-forms with an attached object pronoun (استقبله، زودتها)."""
    out = []
    for s in surfaces:
        if s.voice != "active" or s.person not in _OBJECT_SUBJECTS:
            continue
        base = _pronoun_base(s.text)
        out.extend(Surface(base + p, s.aspect, s.voice, s.person, p) for p in OBJECT_PRONOUNS)
    return out


def _pronoun_base(text: str) -> str:
    if text.endswith("وا"):  # هاجموا -> هاجموه
        return text[:-1]
    if text.endswith("ى"):  # ألقى -> ألقاه
        return text[:-1] + "ا"
    return text


def verb_surfaces(seed: Seed, pronouns: bool = True) -> list[Surface]:
    # Form V/VI verbs (تفاعل، تفعّل) are intransitive, and libqutrub garbles their passive.
    passive = not strip_harakat(seed.lemma).startswith("ت")
    base = [v for s in conjugate(seed.lemma, seed.inflect, passive) for v in hamza_variants(s)]
    return base + (with_object_pronouns(base) if pronouns else [])


# ---------------------------------------------------------------- nouns

def noun_surfaces(lemma: str, inflect: str, plurals: tuple[str, ...], possessive: bool = True) -> list[Surface]:
    """Singular, dual, listed plurals, accusative -ًا, and possessive forms of a noun."""
    lemma = strip_harakat(lemma)
    forms = [lemma]
    if inflect in ("n", "f"):
        forms += _accusative(lemma)
    if inflect == "n":
        forms += _duals(lemma) + [strip_harakat(p) for p in plurals]
    out = [Surface(f, "noun") for f in dict.fromkeys(forms)]
    if possessive:
        heads = [lemma] + ([strip_harakat(p) for p in plurals] if inflect == "n" else [])
        out += [Surface(_construct(h) + p, "noun", obj=p) for h in heads for p in POSSESSIVES]
    return out


def _accusative(lemma: str) -> list[str]:
    # هجوما، دعما: indefinite accusative gets an alef; not after ة، ى، ء or an existing alef.
    return [] if lemma[-1] in "ةىءا" else [lemma + "ا"]


def _duals(lemma: str) -> list[str]:
    stem = _construct(lemma)
    duals = [stem + "ان", stem + "ين"]
    if lemma.endswith("ة"):  # غارتا / غارتي in construct
        duals += [stem + "ا", stem + "ي"]
    return duals


def _construct(noun: str) -> str:
    return noun[:-1] + "ت" if noun.endswith("ة") else noun


# ---------------------------------------------------------------- phrases and seeds

def phrase_surfaces(seed: Seed) -> list[Surface]:
    """A phrase: its first word inflected (verb or noun), the other words as written."""
    head, *rest = seed.lemma.split()
    tail = " ".join(strip_harakat(w) for w in rest)
    if seed.inflect in VERB_INFLECTS:
        heads = [v for s in conjugate(head, seed.inflect) for v in hamza_variants(s)]
    else:
        heads = noun_surfaces(head, seed.inflect, seed.plurals, possessive=False)
    return [Surface(f"{h.text} {tail}", h.aspect, h.voice, h.person) for h in heads]


def seed_surfaces(seed: Seed) -> list[Surface]:
    if seed.pos == "verb":
        return verb_surfaces(seed)
    if seed.pos == "participle":
        # A circumstantial participle ("داعيةً تركيا إلى ...") as written, with its other
        # written forms in the plural column; its doer is the clause's subject.
        forms = [strip_harakat(seed.lemma)] + [strip_harakat(p) for p in seed.plurals]
        return [Surface(f, "participle", "active", "3ms") for f in dict.fromkeys(forms)]
    if seed.pos == "noun":
        return noun_surfaces(seed.lemma, seed.inflect, seed.plurals)
    return phrase_surfaces(seed)


def normalize_needs(needs: str) -> str:
    """needs_next entries as matching keys (ؤ->و, ة->ه ...), '-' when none."""
    items = [" ".join(normalize(w) for w in item.split()) for item in needs.split("|")]
    items = [i for i in items if i and i != "-"]
    return "|".join(dict.fromkeys(items)) or "-"


def _phrase_key(text: str) -> str:
    return " ".join(normalize(w) for w in text.split())


# ---------------------------------------------------------------- the trigger lexicon

def read_exclusions(path: Path = EXCLUDE_PATH) -> set[tuple[str, str]]:
    """(normalised form, lemma or '*') pairs that must not become triggers (صادر = issued)."""
    if not path.exists():
        return set()
    rows = read_tsv(path, ("form", "lemma", "note"))
    return {(normalize(r["form"]), r["lemma"]) for _, r in rows}


def expand(seeds: list[Seed], exclusions: set[tuple[str, str]]) -> list[dict[str, str]]:
    """One output row per (normalised form, seed), readings of the same form merged."""
    merged: dict[tuple[str, int], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for rank, seed in enumerate(seeds):
        for s in seed_surfaces(seed):
            key = _phrase_key(s.text)
            if (key, seed.lemma) in exclusions or (key, "*") in exclusions:
                continue
            cell = merged[(key, rank)]
            cell["voice_person"].add((s.voice, s.person))
            cell["voice"].add(s.voice)
            cell["person"].add(s.person)
            cell["aspect"].add(s.aspect)
            cell["object"].add(s.obj)
    return [_trigger_row(form, seeds[rank], rank, cell) for (form, rank), cell in sorted(merged.items())]


def _trigger_row(form: str, seed: Seed, rank: int, cell: dict[str, set]) -> dict[str, str]:
    persons = sorted(cell["person"] - {"-"}, key=PERSON_ORDER.index)
    return {
        "form_norm": form, "lemma": seed.lemma, "pos": seed.pos, "type": seed.type,
        "mode": seed.mode, "cameo": seed.cameo, "voice": _joined(_news_voices(cell) if seed.type == "ASSAULT" else cell["voice"]),
        "person": "|".join(persons) or "-", "aspect": _joined(cell["aspect"]),
        "object": _joined(cell["object"]), "target_preps": seed.target_preps,
        "needs_next": normalize_needs(seed.needs_next), "rank": str(rank),
    }


def _news_voices(cell: dict[str, set]) -> set[str]:
    """"أصيب" is "he was wounded" or "I wound": when an attack verb's spelling is active only
    in the first person singular, news prose means the passive. (Not for speech verbs: a
    quoted "أدين" or "أشيد" is the speaker's "I condemn", "I commend".)"""
    active_persons = {p for v, p in cell["voice_person"] if v == "active"}
    passive_persons = {p for v, p in cell["voice_person"] if v == "passive"}
    if active_persons and active_persons <= {"1s"} and passive_persons - {"1s", "1p"}:
        return cell["voice"] - {"active"}
    return cell["voice"]


def _joined(values: set[str]) -> str:
    real = sorted(values - {"-"})
    return "|".join((["-"] if "-" in values and real else []) + real) or "-"


def type_conflicts(rows: list[dict[str, str]]) -> dict[str, set[str]]:
    """Forms that two default senses (no needs_next) would give two different types."""
    defaults: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        if row["needs_next"] == "-":
            defaults[row["form_norm"]].add(row["type"])
    return {form: types for form, types in defaults.items() if len(types) > 1}


def write_tsv(path: Path, columns: tuple[str, ...], rows: list[dict[str, str]], header: str = "") -> None:
    text = header + "\t".join(columns) + "\n" + "".join(
        "\t".join(row[c] for c in columns) + "\n" for row in rows)
    data = text.encode("utf-8")
    if path.suffix == ".gz":
        # mtime=0 keeps the archive byte-identical between rebuilds of the same data.
        path.write_bytes(gzip.compress(data, mtime=0))
    else:
        path.write_bytes(data)


def build_trigger_lexicon(seeds_path: Path | str = SEEDS_PATH, output_path: Path | str = TRIGGERS_PATH,
                          exclude_path: Path | str = EXCLUDE_PATH) -> dict[str, int]:
    """Expand the seeds into every surface form; write the lexicon; return counts.

    Raises ResourceError (E308) when two default senses give one form two event types.
    """
    seeds = read_seeds(Path(seeds_path))
    rows = expand(seeds, read_exclusions(Path(exclude_path)))
    conflicts = type_conflicts(rows)
    if conflicts:
        sample = "; ".join(f"{f}: {sorted(t)}" for f, t in sorted(conflicts.items())[:10])
        raise ResourceError(f"E308 {seeds_path}: forms with two default types: {sample}")
    header = ("# Generated by rasd.events.build_lexicon from trigger_seeds.tsv: do not edit.\n"
              "# voice/person/aspect/object list every reading of the form; see PROVENANCE.md.\n")
    write_tsv(Path(output_path), TRIGGER_COLUMNS, rows, header)
    return {"seeds": len(seeds), "rows": len(rows), "forms": len({r["form_norm"] for r in rows})}


# ---------------------------------------------------------------- the cue list

def build_cue_lexicon(seeds_path: Path | str = CUE_SEEDS_PATH, output_path: Path | str = CUES_PATH) -> dict[str, int]:
    """Expand cue seeds (report verbs in all conjugations, fixed words) into cues.tsv."""
    path = Path(seeds_path)
    out: dict[tuple[str, str], dict[str, str]] = {}
    for number, row in read_tsv(path, CUE_SEED_COLUMNS):
        for form in _cue_forms(path, number, row):
            key = (_phrase_key(form), row["kind"])
            out.setdefault(key, {"form": key[0], "kind": row["kind"],
                                 "needs_next": normalize_needs(row["needs_next"]),
                                 "note": row["note"] or "-"})
    rows = sorted(out.values(), key=lambda r: (r["kind"], r["form"]))
    header = "# Generated by rasd.events.build_lexicon from cue_seeds.tsv: do not edit.\n"
    write_tsv(Path(output_path), CUE_COLUMNS, rows, header)
    return {"rows": len(rows)}


def _cue_forms(path: Path, number: int, row: dict[str, str]) -> list[str]:
    if row["pos"] == "verb":
        if row["inflect"] not in VERB_INFLECTS:
            raise ResourceError(f"E306 {path}:{number}: verb inflect must be one of {VERB_INFLECTS}")
        seed = Seed(number, row["lemma"], "verb", "-", "-", "-", "-", row["inflect"], (), "-", "-", "")
        return sorted({s.text for s in verb_surfaces(seed, pronouns=False)})
    if row["pos"] in ("word", "phrase"):
        return [strip_harakat(row["lemma"])]
    raise ResourceError(f"E303 {path}:{number}: cue pos must be verb, word or phrase")


def build_lexicons() -> dict[str, dict[str, int]]:
    """Both artifacts from their default seed files (what ``rasd build lexicon`` runs)."""
    return {"triggers": build_trigger_lexicon(), "cues": build_cue_lexicon()}
