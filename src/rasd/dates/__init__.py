"""Event dates from Arabic text: find date expressions, resolve them against publication.

``date_for(text, span_start, span_end, published)`` is the pipeline's entry point: the date
of an event whose evidence is ``text[span_start:span_end]`` (the caller passes the clause or
sentence span). The first date expression of the span that resolves to a day wins.
"""

from __future__ import annotations

from datetime import date

from rasd.dates.find import DateExpr, Meaning, find_date_expressions
from rasd.dates.grammar import DateGrammar, default_grammar
from rasd.dates.lexicon import DateLexicon, default_lexicon
from rasd.dates.published import parse_published, published_date
from rasd.dates.resolve import resolve_date_expression

__all__ = [
    "DateExpr", "DateGrammar", "DateLexicon", "Meaning", "date_for", "default_grammar",
    "default_lexicon", "find_date_expressions", "parse_published", "published_date",
    "resolve_date_expression",
]


def date_for(text: str, span_start: int, span_end: int,
             published: str | date | None) -> tuple[str | None, str | None]:
    """(YYYY-MM-DD, precision) of the event stated in ``text[span_start:span_end]``, or (None, None).

    Takes the expression closest to the span's start that resolves to a day; failing that, the
    first that resolves to a week, month or year ("عام 2003" in a clause that also says "أمس"
    is background). One introduced by "منذ" (since) opens a duration and is skipped.
    """
    pub = published_date(published)
    coarse: tuple[str | None, str | None] = (None, None)
    for expr in find_date_expressions(text, span_start, span_end):
        if expr.since:
            continue
        resolved = resolve_date_expression(expr, pub)
        if resolved[1] == "day":
            return resolved
        if resolved[0] is not None and coarse[0] is None:
            coarse = resolved
    return coarse
