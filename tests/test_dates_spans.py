"""rasd.dates properties: spans always slice the text, windows are respected, data loads."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.dates import date_for, default_grammar, find_date_expressions, resolve_date_expression
from rasd.dates.lexicon import DateLexicon
from rasd.errors import ResourceError
from rasd.text.normalize import normalize

# Pieces that make date expressions likely, glued with letters, marks, digits and punctuation.
PIECES = ["أمس", "الأحد", "يوم", "مساء", "15", "١٥", "أغسطس", "آب", "/", "-", "2015", "١٤٣٦", "هـ",
          "شوال", "الماضي", "المقبل", "من", "أول", "الخامس عشر", "رمضان", "شهر", "عام", "منذ",
          "(", ")", "و", "ب", "ال", " ", "  ", "\u064e", "\u0651", "\u0640", "\u200f", "\n", "،"]
arabicish = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=30).map("".join)


@settings(max_examples=400, deadline=None)
@given(arabicish)
def test_every_expression_slices_the_text(text: str) -> None:
    for expr in find_date_expressions(text):
        assert expr.text == text[expr.start:expr.end]
        assert 0 <= expr.start < expr.end <= len(text)
        resolve_date_expression(expr, date(2015, 8, 11))  # never raises


@settings(max_examples=200, deadline=None)
@given(arabicish, st.integers(0, 40), st.integers(0, 40))
def test_expressions_stay_inside_the_window(text: str, a: int, b: int) -> None:
    start, end = min(a, b), max(a, b)
    for expr in find_date_expressions(text, start, end):
        assert start <= expr.start < expr.end <= min(end, len(text))
        assert expr.text == text[expr.start:expr.end]
    iso, precision = date_for(text, start, end, "2015-08-11")
    assert (iso is None) == (precision is None)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_translate_table_is_normalize(text: str) -> None:
    assert text.translate(default_grammar().table) == normalize(text)


def test_expressions_are_in_text_order_and_do_not_overlap() -> None:
    text = "أمس الأحد 9 أغسطس 2015 ثم الاثنين المقبل ثم الأسبوع الماضي وفي 12 شوال 1436 هـ"
    found = find_date_expressions(text)
    assert [e.text for e in found] == ["أمس الأحد", "9 أغسطس 2015", "الاثنين المقبل", "الأسبوع الماضي", "12 شوال 1436 هـ"]
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


def test_bad_data_file_names_file_and_line(tmp_path: Path) -> None:
    source = Path(__file__).resolve().parent.parent / "src" / "rasd" / "data" / "dates"
    for f in source.glob("*.tsv"):
        (tmp_path / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "relative.tsv").write_text("forms\tunit\toffset\nأمس\tfortnight\t-1\n", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"E304 .*relative\.tsv:2"):
        DateLexicon.load(tmp_path)


def test_missing_data_file(tmp_path: Path) -> None:
    with pytest.raises(ResourceError, match="E301"):
        DateLexicon.load(tmp_path)
