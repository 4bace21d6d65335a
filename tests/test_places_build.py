"""The committed gazetteer files: consistent, small, and rebuildable."""

from __future__ import annotations

import pytest

from rasd.places import default_gazetteer
from rasd.places.build import build_gazetteer
from rasd.places.gazetteer import DATA_DIR, read_list, read_tsv
from rasd.text.normalize import normalize_phrase

from conftest import SHARED, need_shared


def test_artifact_is_small():
    assert (DATA_DIR / "places.tsv.gz").stat().st_size < 50 * 1024 * 1024


def test_every_place_has_a_country_and_forms():
    gaz = default_gazetteer()
    for p in gaz.places:
        assert len(p.country) == 3 and p.forms and all(p.forms), p
        assert p.feature in ("A.PCLI", "A.ADM1", "P.PPLC", "P.PPL") or p.feature[0] in "LTS", p


def test_capitals_and_countries_are_marked():
    gaz = default_gazetteer()
    assert gaz.capitals["LBY"].name_en == "Tripoli" and gaz.capitals["USA"].geonames_id == 4140963
    assert gaz.countries["SYR"].geonames_id == 163843


def test_hand_lists_are_well_formed():
    for name in ("stoplist.txt", "keep.txt", "weak.txt"):
        for word in read_list(DATA_DIR / name):
            assert normalize_phrase(word), (name, word)
    kinds = {r["kind"] for r in read_tsv(DATA_DIR / "designators.tsv")}
    assert kinds <= {"admin", "city", "country", "area", "person"}
    auto = list(read_tsv(DATA_DIR / "stoplist_auto.txt"))
    assert auto and all(r["key"] == normalize_phrase(r["key"]) for r in auto)


@pytest.mark.shared
@pytest.mark.slow
def test_rebuild_reproduces_the_committed_artifact(tmp_path):
    need_shared(SHARED / "gazetteer" / "libya-cities" / "all.json", SHARED / "ner" / "anercorp")
    report = build_gazetteer(tmp_path, SHARED)
    print(f"\nrebuild: {report}")
    assert (tmp_path / "places.tsv.gz").read_bytes() == (DATA_DIR / "places.tsv.gz").read_bytes()
    assert (tmp_path / "stoplist_auto.txt").read_text() == (DATA_DIR / "stoplist_auto.txt").read_text()
