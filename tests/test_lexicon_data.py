"""The lexicon data files: valid types and CAMEO codes, no type clashes, artifacts in sync."""

from __future__ import annotations

import gzip
import re
from collections import defaultdict

import pytest

from rasd.document import PLOVER_TYPES
from rasd.errors import ResourceError
from rasd.events import build_lexicon as build
from rasd.events.lexicon import TriggerLexicon

# Which PLOVER types a CAMEO root (first two digits) may code, for the seeds' CAMEO column.
CAMEO_ROOT_TYPES = {
    "01": set(), "02": {"REQUEST"}, "03": {"AGREE"}, "04": {"CONSULT"},
    "05": {"SUPPORT", "AGREE", "CONCEDE"}, "06": {"COOPERATE"}, "07": {"AID"},
    "08": {"CONCEDE", "RETREAT", "AGREE"}, "09": {"ACCUSE"}, "10": {"REQUEST"},
    "11": {"ACCUSE"}, "12": {"REJECT"}, "13": {"THREATEN"}, "14": {"PROTEST"},
    "15": {"MOBILIZE"}, "16": {"SANCTION"}, "17": {"COERCE"}, "18": {"ASSAULT"},
    "19": {"ASSAULT"}, "20": {"ASSAULT"},
}


@pytest.fixture(scope="module")
def seeds():
    return build.read_seeds()


@pytest.fixture(scope="module")
def trigger_rows():
    path = build.TRIGGERS_PATH
    lines = gzip.decompress(path.read_bytes()).decode("utf-8").splitlines()
    body = [line for line in lines if line and not line.startswith("#")]
    header = body[0].split("\t")
    return [dict(zip(header, line.split("\t"))) for line in body[1:]]


def test_seed_types_are_plover(seeds):
    for seed in seeds:
        assert seed.type in PLOVER_TYPES or (seed.type == "NONE" and seed.pos == "phrase"), seed


def test_seed_cameo_codes_fit_their_type(seeds):
    for seed in seeds:
        if seed.type == "NONE":
            continue
        assert re.fullmatch(r"\d{3,4}", seed.cameo), seed
        assert seed.type in CAMEO_ROOT_TYPES[seed.cameo[:2]], (seed.lemma, seed.cameo, seed.type)


def test_seeds_cover_every_type_broadly(seeds):
    per_type = defaultdict(int)
    for seed in seeds:
        per_type[seed.type] += 1
    assert set(PLOVER_TYPES) <= set(per_type)
    assert min(per_type[t] for t in PLOVER_TYPES) >= 5
    assert len(seeds) >= 300


def test_no_form_has_two_default_types(trigger_rows):
    assert build.type_conflicts(trigger_rows) == {}


def test_trigger_file_is_valid(trigger_rows):
    for row in trigger_rows:
        assert row["type"] in PLOVER_TYPES or row["type"] == "NONE", row
        assert row["form_norm"] and row["form_norm"] == row["form_norm"].strip()
        assert re.fullmatch(r"\d{3,4}|-", row["cameo"]), row
    assert len(trigger_rows) > 20_000


def test_lexicon_loads(trigger_rows):
    lexicon = TriggerLexicon.load()
    assert "هاجمت" in lexicon.words and "القت" in lexicon.phrases


def test_bad_seed_row_names_file_and_line(tmp_path):
    bad = tmp_path / "seeds.tsv"
    header = "\t".join(build.SEED_COLUMNS)
    bad.write_text(f"{header}\nهاجم\tverb\tATTACK\t-\t190\tهجم\tx\t-\t-\t-\tnote\n", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"E304 .*seeds.tsv:2"):
        build.read_seeds(bad)


def test_default_type_clash_is_refused(tmp_path):
    pytest.importorskip("libqutrub")
    seeds = tmp_path / "seeds.tsv"
    header = "\t".join(build.SEED_COLUMNS)
    seeds.write_text(f"{header}\n"
                     "قصف\tverb\tASSAULT\t-\t190\tقصف\ti\t-\t-\t-\tx\n"
                     "قصف\tnoun\tCOERCE\t-\t170\tقصف\tf\t-\t-\t-\tx\n", encoding="utf-8")
    with pytest.raises(ResourceError, match="E308"):
        build.build_trigger_lexicon(seeds, tmp_path / "out.tsv", tmp_path / "none.tsv")


def test_committed_artifacts_match_their_seeds(tmp_path):
    """triggers.tsv.gz and cues.tsv are what the build makes from the committed seeds."""
    pytest.importorskip("libqutrub")
    build.build_trigger_lexicon(output_path=tmp_path / "triggers.tsv.gz")
    build.build_cue_lexicon(output_path=tmp_path / "cues.tsv")
    assert (tmp_path / "triggers.tsv.gz").read_bytes() == build.TRIGGERS_PATH.read_bytes(), \
        "triggers.tsv.gz is stale: run `rasd build lexicon`"
    assert (tmp_path / "cues.tsv").read_bytes() == build.CUES_PATH.read_bytes(), \
        "cues.tsv is stale: run `rasd build lexicon`"


def test_build_conjugates_samples(tmp_path):
    pytest.importorskip("libqutrub")
    seed = build.Seed(1, "زار", "verb", "CONSULT", "visit", "042", "زور", "u", (), "-", "-", "")
    forms = {s.text for s in build.verb_surfaces(seed)}
    assert {"زار", "زارت", "زاروا", "زرنا", "يزور", "تزور", "يزورون", "يزر", "زاره", "زارها"} <= forms
    seed = build.Seed(1, "ألقى", "verb", "COERCE", "-", "173", "لقي", "x", (), "-", "-", "")
    forms = {s.text for s in build.verb_surfaces(seed)}
    assert {"ألقى", "ألقت", "ألقوا", "يلقي", "أُلقي".replace("ُ", ""), "ألقاه", "ألقوه"} <= forms


def test_noun_inflection():
    forms = {s.text for s in build.noun_surfaces("غارة", "n", ("غارات",))}
    assert {"غارة", "غارتان", "غارتين", "غارات", "غارته", "غاراتها"} <= forms
    forms = {s.text for s in build.noun_surfaces("هجوم", "n", ("هجمات",))}
    assert {"هجوما", "هجومان", "هجمات", "هجومه"} <= forms
