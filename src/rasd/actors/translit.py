"""A readable English rendering of an Arabic name that is not in the knowledge base.

Unvocalised Arabic does not say which short vowels a name has, so this is a guess that reads
well, not a standard transliteration: consonant clusters get an "a" between them the way
most Arabic names are vowelled ("المسماري" -> "al-Masmari", "حفتر" -> "Haftar"), و and ي
between consonants read as long vowels, the article becomes "al-", and "عبد" before the
article joins it ("عبد الرحمن" -> "Abd al-Rahman").
"""

from __future__ import annotations

from functools import lru_cache

from rasd.resources import data_path, read_tsv
from rasd.text.normalize import normalize_char

_PARTICLES = {"محمد": "Mohammed", "بن": "bin", "ابن": "ibn", "بنت": "bint", "ابو": "Abu", "أبو": "Abu", "أبي": "Abi", "ولد": "Ould"}


@lru_cache(maxsize=1)
def _letters() -> dict[str, tuple[str, str]]:
    return {row["letter"]: (row["latin"], row["kind"]) for _, row in read_tsv(data_path("actors", "translit.tsv"))}


@lru_cache(maxsize=65536)
def english_name(arabic: str) -> str:
    """"أحمد المسماري" -> "Ahmad al-Masmari"; words the map does not know are kept as they are."""
    words = [w for w in arabic.split() if w]
    out = [_word(w, first=i == 0) for i, w in enumerate(_join_abd(words))]
    return " ".join(o for o in out if o)


def _join_abd(words: list[str]) -> list[str]:
    # "عبدالله" and "عبد الله" are one name part.
    out: list[str] = []
    for w in words:
        if out and out[-1] in ("عبد",):
            out[-1] = out[-1] + w
        else:
            out.append(w)
    return out


def _word(word: str, first: bool) -> str:
    if word in _PARTICLES:
        return _PARTICLES[word]
    clean = "".join(ch for ch in word if normalize_char(ch))
    if clean.startswith("عبد") and len(clean) > 3:
        rest = clean[3:]
        if rest in ("الله", "لله"):
            return "Abdullah"
        return "Abd " + _word(rest if rest.startswith("ال") else "ال" + rest, first=False)
    if clean.startswith("ال") and len(clean) > 3:
        return ("Al-" if first else "al-") + _syllables(clean[2:]).capitalize()
    return _syllables(clean).capitalize()


def _syllables(word: str) -> str:
    """Latin letters for one word, vowelled as consonant-vowel-consonant syllables.

    A consonant that starts a syllable before another consonant takes a short "a"
    ("حفتر" -> "Haf-tar"); one after a vowel and before a consonant closes the syllable.
    """
    letters = _letters()
    kinds = [letters.get(ch, (ch, "c"))[1] for ch in word]
    out: list[str] = []
    state = "start"  # start | vowel | consonant
    for i, ch in enumerate(word):
        latin, kind = letters.get(ch, (ch, "c"))
        nxt = kinds[i + 1] if i + 1 < len(word) else None
        if kind in ("v", "h"):
            latin = _glide(word, i, latin, state, nxt) if kind == "v" else "a"
            out.append(latin)
            state = "consonant" if latin in ("w", "y") else "vowel"
            if latin in ("w", "y") and nxt in ("c", "c0"):
                out.append("a")
                state = "vowel"
            continue
        if kind == "c0":  # a hamza seat starting the word reads as its vowel
            out.append(latin)
            state = "vowel"
            continue
        out.append(latin)
        state = _after_consonant(out, state, nxt, word, i)
    return "".join(out).strip("'")


def _after_consonant(out: list[str], state: str, nxt: str | None, word: str, i: int) -> str:
    if nxt in ("c", "c0"):
        if state == "vowel":
            return "consonant"  # closes the syllable: "حف|تر"
        out.append("a")  # opens one: "ح|" -> "ha"
        return "vowel"
    if nxt is None and state == "consonant" and i >= 2 and (word[i - 2] in "اوي" or len(word) == 3):
        out.insert(len(out) - 1, "a")  # "يوسف" -> "Yusaf", "حسن" -> "Hasan" rather than "Yusf", "Hasn"
    return "consonant"


def _glide(word: str, i: int, latin: str, state: str, nxt: str | None) -> str:
    """و and ي are consonants at a syllable start, long vowels between consonants."""
    ch = word[i]
    if ch not in "وي":
        return latin
    if state in ("start", "vowel"):
        return "w" if ch == "و" else "y"
    if nxt == "v":  # consonant + glide + vowel: "زياد" -> "ziyad", "جواد" -> "jawad"
        final_alef = i + 2 == len(word) and word[i + 1] in "اى"
        if ch == "ي":
            return "y" if final_alef else "iy"
        return "aw"
    return "u" if ch == "و" else "i"
