"""Sentence segmentation for Arabic news, as character spans into the text.

Boundaries: every line break (headlines, datelines and paragraphs stand on their own lines),
and sentence-final punctuation (. ! ? ؟ …) followed by a space, outside an open quotation
(«...» “...”), except a full stop inside a number or after a one-letter abbreviation ("د.").
A run-on sentence longer than ``MAX_SENTENCE`` characters is cut at its last Arabic comma
before the limit, so no single span grows without bound.
"""

from __future__ import annotations

import re

MAX_SENTENCE = 1200
# The Arabic semicolon joins clauses of one sentence (a cause, a list) far more often than it
# ends one, so it is not a boundary: splitting there cuts a negation off from its verb.
_FINAL = set(".!?؟…")
_OPEN_QUOTES = {"«": "»", "“": "”"}
_CLOSERS = set("»”\"')]")
_LINE = re.compile(r"[^\n\r\u2028\u2029]+")


def split_sentences(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        for start, end in _split_line(text, line.start(), line.end()):
            spans.extend(_cap_length(text, *_trim(text, start, end)))
    return [(s, e) for s, e in spans if e > s]


_SPECIAL = re.compile(r"[.!?؟…«»“”]")


def _split_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut one line at sentence-final punctuation outside quotes; only those characters are visited."""
    out, begin, open_quote = [], start, None
    for m in _SPECIAL.finditer(text, start, end):
        i, ch = m.start(), m.group()
        if i < begin:
            continue  # already consumed as part of a run of final marks
        if open_quote is None and ch in _OPEN_QUOTES:
            open_quote = _OPEN_QUOTES[ch]
        elif ch == open_quote:
            open_quote = None
        elif ch in _FINAL and open_quote is None and _is_boundary(text, i, end):
            stop = i + 1
            while stop < end and (text[stop] in _FINAL or text[stop] in _CLOSERS):
                stop += 1
            out.append((begin, stop))
            begin = stop
    out.append((begin, end))
    return out


def _is_boundary(text: str, i: int, end: int) -> bool:
    if text[i] == ".":
        if 0 < i < end - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
            return False  # 3.5, 2015.08
        if i >= 1 and text[i - 1].isalpha() and (i < 2 or not text[i - 2].isalpha()):
            return False  # one-letter abbreviation: د. م. أ.
    nxt = i + 1
    while nxt < end and (text[nxt] in _FINAL or text[nxt] in _CLOSERS):
        nxt += 1
    return nxt >= end or text[nxt].isspace()


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _cap_length(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    while end - start > MAX_SENTENCE:
        cut = text.rfind("،", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        if cut < 0:
            cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut + 1 if cut >= 0 else start + MAX_SENTENCE
        out.append(_trim(text, start, cut))
        start = _trim(text, cut, end)[0]
    out.append((start, end))
    return out
