"""Regression set: Arabic place names that must resolve to a known GeoNames place.

``src/rasd/data/gazetteer/regression.tsv`` lists >= 200 names (cities, capitals, governorates,
countries, bases) with the id each must get; where a name is shared (طرابلس in Libya and in
Lebanon) a context country is named beside it in the test sentence.
"""

from __future__ import annotations

import pytest

from rasd.document import Document
from rasd.places import default_gazetteer, resolve_places
from rasd.places.gazetteer import DATA_DIR, read_tsv

ROWS = list(read_tsv(DATA_DIR / "regression.tsv"))


def sentence_for(row: dict[str, str]) -> str:
    """A plain news sentence around the name, naming the context country when there is one."""
    gaz = default_gazetteer()
    if row["context"]:
        country = gaz.countries[row["context"]].forms[0]
        return f"وصل الوفد إلى {row['name_ar']} في {country} أمس."
    return f"وصل الوفد إلى {row['name_ar']} أمس."


def resolved_id(row: dict[str, str]) -> str | None:
    text = sentence_for(row)
    start = text.index(row["name_ar"])
    end = start + len(row["name_ar"])
    for place in resolve_places(Document("reg", text)):
        if start <= place.start and place.end <= end:  # "محافظة تعز": the place is تعز
            if place.geonames_id is not None:
                return str(place.geonames_id)
            return _curated_id(place)
    return None


def _curated_id(place) -> str | None:
    gaz = default_gazetteer()
    for p in gaz.places:
        if p.geonames_id is None and p.name_en == place.name and p.country == place.country:
            return p.id
    return None


def test_regression_set_is_big_enough():
    assert len(ROWS) >= 200
    assert all(r["geonames_id"] for r in ROWS)


def test_regression_set_resolves():
    wrong = [(r["name_ar"], r["geonames_id"], resolved_id(r)) for r in ROWS]
    wrong = [w for w in wrong if w[1] != w[2]]
    accuracy = 1 - len(wrong) / len(ROWS)
    print(f"\nplace regression: {accuracy:.3f} correct of {len(ROWS)}; wrong: {wrong}")
    assert accuracy >= 0.95, wrong


@pytest.mark.parametrize("name,gid,context", [
    ("طرابلس", "2210247", "LBY"), ("طرابلس", "266826", "LBN"),
])
def test_ambiguous_names_follow_the_context_country(name, gid, context):
    row = {"name_ar": name, "geonames_id": gid, "context": context}
    assert resolved_id(row) == gid
