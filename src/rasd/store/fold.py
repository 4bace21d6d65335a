"""Search folding: the spelling variants a reader does not notice and a search must not miss.

"الحوثى"/"الحوثي", "إيران"/"ايران", "مدينة"/"مدينه": a stored event keeps its evidence folded
(``events.evidence_folded``, written at ingest), the API folds the query the same way, and a
plain LIKE over the folded column finds every spelling without a per-row function.
"""

from __future__ import annotations

# (letter, what it folds to); LOWER first, so Latin text matches whatever its case.
FOLD = (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ٱ", "ا"), ("ى", "ي"), ("ئ", "ي"), ("ؤ", "و"), ("ة", "ه"))
# Vowel marks and tatweel: dropped from what is folded.
_DROP = dict.fromkeys(map(ord, "\u0640\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652"))


def fold(text: str | None) -> str | None:
    """The search form of a text (None stays None)."""
    if text is None:
        return None
    text = text.translate(_DROP).lower()
    for old, new in FOLD:
        text = text.replace(old, new)
    return text


def folded_sql(column: str) -> str:
    """SQL (SQLite and PostgreSQL) folding ``column`` as ``fold`` does, marks aside: for the
    one-time backfill of stores written before the folded column existed."""
    sql = f"LOWER({column})"
    for old, new in FOLD:
        sql = f"REPLACE({sql}, '{old}', '{new}')"
    return sql
