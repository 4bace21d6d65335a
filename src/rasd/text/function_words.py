"""The function-word table (data/syntax/function_words.tsv), shared by every stage that reads
Arabic clause structure: prepositions, subordinators, particles, light verbs, titles."""

from __future__ import annotations

from functools import lru_cache

from rasd.resources import data_path, read_tsv
from rasd.text.normalize import normalize_phrase


@lru_cache(maxsize=1)
def function_words() -> dict[str, str]:
    """Normalised function word (one or more words) -> its kind."""
    return {normalize_phrase(row["form"]): row["kind"] for _, row in read_tsv(data_path("syntax", "function_words.tsv"))}


def words_of_kind(*kinds: str) -> frozenset[str]:
    """The normalised words of the given kinds ("complementizer", "title" ...)."""
    return frozenset(form for form, kind in function_words().items() if kind in kinds)
