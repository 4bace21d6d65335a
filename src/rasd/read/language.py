"""Language check: Rasd codes Arabic; other documents are flagged and passed through uncoded."""

from __future__ import annotations

# Share of letters that must be Arabic script for a document to count as Arabic.
MIN_ARABIC_SHARE = 0.5


def detect_language(text: str, sample: int = 4000) -> str:
    """'ar' when most letters of the first ``sample`` characters are Arabic script, else 'und'.

    Only Arabic vs not-Arabic matters to the pipeline, so a script count is enough and costs
    microseconds; an unknown non-Arabic language is reported as 'und' (undetermined).
    """
    arabic = other = 0
    for ch in text[:sample]:
        if "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\ufb50" <= ch <= "\ufefc":
            arabic += ch.isalpha()
        elif ch.isalpha():
            other += 1
    if arabic + other == 0:
        return "und"
    return "ar" if arabic / (arabic + other) >= MIN_ARABIC_SHARE else "und"
