"""Readers of the NER training corpora, turned into what the tagger sees at run time.

At run time the model gets ``rasd.text.tokens.words`` of raw news: no punctuation tokens,
clitics attached ("وروسيا"). Both corpora are rewritten to that shape here: WikiFANE's split
clitics ("و روسيا", "ان ه") are joined back, punctuation tokens are dropped, and tokens the
run-time tokeniser would split ("21%") are split. Tags are Rasd's PER/ORG/GPE/LOC in BIO.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from rasd.errors import ResourceError
from rasd.text.normalize import normalize, strip_proclitics
from rasd.text.tokens import words

Pairs = list[tuple[str, str]]  # (token, tag) as a corpus file has them


@dataclass
class Sentence:
    """A training sentence as the tagger sees it: words, their BIO tags, and the text between
    words (``gaps[i]`` before ``words[i]``, ``gaps[-1]`` after the last word)."""

    words: list[str]
    tags: list[str]
    gaps: list[str]

# WikiFANE writes these proclitics and enclitic pronouns as tokens of their own.
_SPLIT_PROCLITICS = {"و", "ف", "ب", "ل", "ك", "لل", "بال", "وب", "وال", "س"}
_SPLIT_ENCLITICS = {"ه", "ها", "هم", "هما", "هن", "نا", "ني"}
_FINAL_PUNCT = {".", "؟", "?", "!"}
ANERCORP_TYPES = {"PERS": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "O"}


def _is_arabic_start(word: str) -> bool:
    return bool(word) and "\u0621" <= word[0] <= "\u064a"


def read_tag_map(path: Path) -> dict[str, str]:
    """WikiFANE fine class -> Rasd type (or O), from ``wikifane_tags.tsv``."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")
        return {row["fine"]: row["coarse"] for row in rows}


def read_wikifane(path: Path, tag_map: dict[str, str]) -> list[Sentence]:
    """WikiFANE sentences (blank-tag lines separate them), coarse tags, run-time tokens."""
    sentences: list[Pairs] = []
    current: Pairs = []
    with path.open(encoding="utf-8-sig", newline="") as f:
        for lineno, line in enumerate(f, 1):
            word, sep, tag = line.rstrip("\r\n").partition("\t")
            word, tag = word.replace("\u200e", "").strip(), tag.strip()
            if not tag:
                if current:
                    sentences.append(current)
                current = []
                continue
            if not sep:
                raise ResourceError(f"E303 {path}:{lineno}: expected WORD<TAB>TAG")
            current.append((word, _coarse_tag(tag, tag_map, f"{path}:{lineno}", " (add it to wikifane_tags.tsv)")))
    if current:
        sentences.append(current)
    return [s for s in (to_runtime_tokens(join_clitics(s)) for s in sentences) if s.words]


def _coarse_tag(tag: str, tag_map: dict[str, str], where: str, hint: str = "") -> str:
    """A corpus's BIO tag mapped to Rasd's types ("B-Politician" -> "B-PER"), "O" kept."""
    if tag == "O":
        return "O"
    prefix, _, fine = tag.partition("-")
    if fine not in tag_map or prefix not in ("B", "I"):
        raise ResourceError(f"E304 {where}: unknown tag {tag!r}{hint}")
    coarse = tag_map[fine]
    return "O" if coarse == "O" else f"{prefix}-{coarse}"


def join_clitics(sentence: Pairs) -> Pairs:
    """Attach WikiFANE's split clitics to their word, as raw text writes them."""
    out: Pairs = []
    pending: tuple[str, str] | None = None  # proclitic waiting for its word
    for word, tag in sentence:
        if pending is not None and _is_arabic_start(word):
            word, tag = pending[0] + word, (pending[1] if pending[1].startswith("B-") else tag)
            pending = None
        elif pending is not None:
            out.append(pending)
            pending = None
        if word in _SPLIT_PROCLITICS:
            pending = (word, tag)
        elif word in _SPLIT_ENCLITICS and out and _is_arabic_start(out[-1][0]):
            out[-1] = (out[-1][0] + word, out[-1][1])
        else:
            out.append((word, tag))
    if pending is not None:
        out.append(pending)
    return out


def to_runtime_tokens(pairs: Pairs) -> Sentence:
    """Split or drop tokens as ``words()`` would, keeping what lies between words as gaps;
    repair BIO after the changes."""
    out_words, out_tags, gaps = [], [], []
    gap = ""
    for token, tag in pairs:
        pieces = words(token)
        if not pieces:
            gap += " " + token
            continue
        for k, piece in enumerate(pieces):
            gap += " " + token[pieces[k - 1].end if k else 0:piece.start]
            out_words.append(piece.text)
            out_tags.append(tag if k == 0 or tag == "O" else "I-" + tag[2:])
            gaps.append(gap)
            gap = ""
        gap = token[pieces[-1].end:]
    gaps.append(gap)
    return Sentence(out_words, fix_bio(out_tags), gaps)


def fix_bio(tags: list[str]) -> list[str]:
    """An I-X that does not continue an X entity starts one."""
    fixed = []
    for i, tag in enumerate(tags):
        if tag.startswith("I-") and (i == 0 or fixed[-1][2:] != tag[2:]):
            tag = "B-" + tag[2:]
        fixed.append(tag)
    return fixed


def read_anercorp(path: Path) -> list[Sentence]:
    """ANERcorp sentences: blank lines and final punctuation end them; MISC becomes O."""
    sentences: list[Pairs] = []
    current: Pairs = []
    with path.open(encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            parts = line.replace("\u200f", " ").split()
            if parts and parts[0] == "-DOCSTART-":
                continue
            if parts and not _is_tag(parts[-1]):
                parts.append("O")  # dev_data.txt:18122 lost its tag in the corpus
            if parts and len(parts) != 2:
                parts = [" ".join(parts[:-1]), parts[-1]]
            if parts:
                current.append((parts[0], _coarse_tag(parts[1], ANERCORP_TYPES, f"{path}:{lineno}")))
            if not parts or parts[0] in _FINAL_PUNCT:
                sentences.append(current)
                current = []
    sentences.append(current)
    return [s for s in (to_runtime_tokens(s) for s in sentences) if s.words]


def _is_tag(field: str) -> bool:
    return field == "O" or field[:2] in ("B-", "I-")


def spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """Entities of a BIO tag sequence as (first token, end token, type); an I-X that does
    not continue an X entity starts one."""
    out = []
    start, kind = None, None
    for i, tag in enumerate(tags):
        if tag == "O":  # most tags: one comparison
            if start is not None:
                out.append((start, i, kind))
                start = None
            continue
        if start is not None and not (tag[0] == "I" and tag[2:] == kind):
            out.append((start, i, kind))
            start = None
        if start is None:
            start, kind = i, tag[2:]
    if start is not None:
        out.append((start, len(tags), kind))
    return out


def stem_key(word: str) -> str:
    """Normalised word without proclitics or article: how word lists key their entries."""
    return strip_proclitics(normalize(word).lower())[-1][0]


def relabel_anercorp_places(sentences: list[Sentence], loc_heads: set[str],
                            loc_names: set[str], gpe_names: set[str]) -> list[Sentence]:
    """ANERcorp has one place class: a place is LOC when its head word or its name is a
    LOC one in WikiFANE (جبل، بحر، أفريقيا، الشرق الأوسط) and no gazetteer calls it a
    country or city (تل أبيب، الجبل الأسود), otherwise GPE. Names are stem keys."""
    out = []
    for sentence in sentences:
        tags = list(sentence.tags)
        for start, end, kind in spans(tags):
            if kind != "LOC":
                continue
            name = " ".join(stem_key(w) for w in sentence.words[start:end])
            is_loc = stem_key(sentence.words[start]) in loc_heads or name in loc_names
            is_loc = is_loc and name not in gpe_names
            new = "LOC" if is_loc else "GPE"
            tags[start:end] = ["B-" + new] + ["I-" + new] * (end - start - 1)
        out.append(Sentence(sentence.words, tags, sentence.gaps))
    return out
