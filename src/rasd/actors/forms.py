"""Surface forms a data entry expands to: nisba inflections and article variants.

Data files list a nisba once, in the masculine singular ("تركي"), plus its broken plurals
("أتراك"); the regular inflections (feminine, sound plurals, the article) follow from Arabic
morphology and are generated here rather than typed out for 200 countries.
"""

from __future__ import annotations

from rasd.text.normalize import normalize_phrase

ARTICLE = "ال"
# Suffixes (normalised: ة is ه) of a nisba ending in ي: masc., fem., masc. plural (two
# cases), fem. plural, dual. "تركي" + "ين" is "تركيين", the written plural.
_NISBA_SUFFIXES = ("", "ه", "ون", "ين", "ات", "ان")
PLURAL_SUFFIXES = ("ون", "ين", "ات")


def key(form: str) -> str:
    """The matching key of a written form (normalised, single-spaced)."""
    return normalize_phrase(form)


def with_article(word: str) -> str:
    return word if word.startswith(ARTICLE) else ARTICLE + word


def without_article(word: str) -> str:
    return word[2:] if word.startswith(ARTICLE) and len(word) > 3 else word


def nisba_forms(form: str) -> list[tuple[str, bool]]:
    """Every inflection of a nisba (one or more words), with whether it is a plural.

    Words ending in ي inflect together ("كوري جنوبي" -> "الكوريين الجنوبيين"); a form not
    ending in ي (a broken plural like "أتراك") only gains the article.
    """
    words = key(form).split(" ")
    if not all(w.endswith("ي") for w in words):
        return _indefinite_and_definite(words, plural=True)
    out: list[tuple[str, bool]] = []
    for suffix in _NISBA_SUFFIXES:
        out.extend(_indefinite_and_definite([w + suffix for w in words], suffix in PLURAL_SUFFIXES))
    return out


def _indefinite_and_definite(words: list[str], plural: bool) -> list[tuple[str, bool]]:
    # Nisba forms are written indefinite; the article is always added, never stripped, since
    # "ألماني" normalises to "الماني" and must not lose its first letters.
    return [(" ".join(words), plural), (" ".join(ARTICLE + w for w in words), plural)]


def article_variants(form: str) -> list[str]:
    """A role noun phrase with each word's article toggled: "وزير الخارجية" -> "وزير خارجية".

    Construct states drop the article ("وزير خارجية قطر") and indefinite phrases drop it
    everywhere ("قوات مسلحة"), so role phrases are matched with the last word toggled and with
    all words toggled together. The written form comes first.
    """
    words = key(form).split(" ")
    variants = [" ".join(words)]
    last = words[-1]
    for w in (with_article(last), without_article(last)):
        variants.append(" ".join(words[:-1] + [w]))
    for toggle in (with_article, without_article):
        variants.append(" ".join(toggle(w) for w in words))
    return list(dict.fromkeys(variants))


def is_definite(phrase_key: str) -> bool:
    """Whether the last word of a key carries the article (an agreeing adjective must too)."""
    last = phrase_key.split(" ")[-1]
    if last[:1] in ("و", "ف") and last[1:3] == ARTICLE:
        last = last[1:]  # "حزب العدالة والتنمية" ends in a definite word after و
    return last.startswith(ARTICLE)
