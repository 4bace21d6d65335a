"""The actors stage: knowledge-base matches and NER names become coded actor mentions.

Knowledge-base matches (countries, capitals, nisba adjectives, organisations, people,
composed role phrases) come first: they carry codes and English names. NER spans that no
match covers add the names the knowledge base does not know, each person coded by a role in
apposition ("العميد أحمد المسماري، الناطق ..."). The mentions go to later stages in
``doc.annotations["actors"]``; the named ones are grouped into ``doc.entities``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from rasd.actors.compose import code_for_person_among, find_actor_mentions
from rasd.actors.kb import default_kb
from rasd.document import Document
from rasd.entities.stage import CoveredSpans, Mention, group_entities
from rasd.pipeline import Stage
from rasd.resources import data_path, read_tsv
from rasd.text.function_words import function_words
from rasd.text.normalize import normalize, strip_proclitics


def code_actors(doc: Document) -> Document:
    kb = default_kb()
    found = _absorb_trailing_nisba(doc.text, find_actor_mentions(doc.text, kb, date=doc.published))
    home = main_country(found)
    mentions = [_from_kb(m, home) for m in found]
    mentions += _ner_only(doc, doc.annotations.get("ner_spans", []), mentions, found)
    mentions += _surnames(doc, mentions)
    mentions.sort(key=lambda m: m.start)
    group_entities(doc, mentions + _nested_bodies(doc.text, mentions, doc.published, home),
                   canonical=kb.canonical_form)
    _code_short_names(doc, mentions)
    doc.annotations["actors"] = sorted(mentions + _anaphors(doc, mentions), key=lambda m: m.start)
    return doc


@lru_cache(maxsize=1)
def _anaphor_table() -> dict[str, frozenset[str]]:
    rows = read_tsv(data_path("syntax", "anaphors.tsv"))
    return {normalize(r["form"]): frozenset(r["sectors"].split("|")) for _, r in rows}


@lru_cache(maxsize=1)
def _anaphor_endings() -> tuple[str, ...]:
    return tuple(form[2:] if form.startswith("ال") else form for form in _anaphor_table())


def _anaphors(doc: Document, mentions: list[Mention]) -> list[Mention]:
    """"وسيطر التنظيم على المدينة": a definite organisation noun standing alone is the last
    organisation of its sector named before it; it acts for that organisation in events."""
    table, out = _anaphor_table(), []
    orgs = [m for m in mentions if m.kind == "org" and m.code]
    if not orgs:
        return out
    covered = CoveredSpans((m.start, m.end) for m in mentions)
    endings = _anaphor_endings()
    for tok in doc.annotations.get("tokens", []):
        if not tok.norm.endswith(endings):
            continue  # cheap test first: most words end like no anaphor
        for form, cut in strip_proclitics(tok.norm):
            sectors = table.get(form)
            if sectors is None:
                continue
            start = tok.start + cut
            antecedent = next((m for m in reversed(orgs) if m.end <= start and m.code.split(" ")[1] in sectors), None)
            if antecedent is not None and not covered.overlaps(start, tok.end):
                out.append(Mention(start, tok.end, doc.text[start:tok.end], antecedent.code, antecedent.name,
                                   antecedent.kb_id, None, "anaphor", f"anaphor->{antecedent.text}",
                                   entity=antecedent.entity))
            break
    return out


def _code_short_names(doc: Document, mentions: list[Mention]) -> None:
    """"عباس يطالب ..." in a headline over "الرئيس الفلسطيني محمود عباس": a name the recogniser
    found without a role belongs to the person entity it was grouped with, and acts with
    that person's code."""
    codes = {e.id: e.actor for e in doc.entities if e.type == "PER" and e.actor}
    for m in mentions:
        if m.type == "PER" and not m.code and m.entity in codes:
            m.code, m.rule = codes[m.entity], f"{m.rule}+same-person"


# Name words that start a two-word family name ("بن علوي", "ولد الشيخ", "أبو مازن").
_FAMILY_PARTICLES = frozenset({"بن", "ابن", "ابو", "ولد", "عبد", "ال"})
# A surname this short is too often another word.
MIN_SURNAME_LETTERS = 3


def _surnames(doc: Document, mentions: list[Mention]) -> list[Mention]:
    """"اتفق المعلم وبن علوي": once an article names a person in full ("وليد المعلم"), the
    surname alone is that person. A surname two people of the article share is nobody's, and
    one that is a function word ("علي" reads as على) is never taken. A surname without the
    article is read only bare or after و/ف: "لصالح" is "in favour of", not Saleh. A name the
    knowledge base does not know gives its surname only when it is a family name with ال
    ("البقمي"): the name recogniser's odd spans ("عبدالعزيز رحمه") give none."""
    owners: dict[tuple[str, ...], set[str | None]] = {}
    first: dict[tuple[str, ...], Mention] = {}
    before: dict[tuple[str, ...], str] = {}  # the name word before the surname ("خليفة" of حفتر)
    for m in mentions:
        if m.type != "PER" or not m.code:
            continue
        parts = normalize(m.text).split()
        if len(parts) < 2 or (m.kb_id is None and not parts[-1].startswith("ال")):
            continue
        key = tuple(parts[-2:]) if len(parts) > 2 and parts[-2] in _FAMILY_PARTICLES else (parts[-1],)
        if len(key) == 1 and (len(key[0]) < MIN_SURNAME_LETTERS or key[0] in function_words()):
            continue
        owners.setdefault(key, set()).add(m.kb_id or m.code + m.text)
        first.setdefault(key, m)
        before[key] = parts[-len(key) - 1]
    keys = {k: first[k] for k, who in owners.items() if len(who) == 1}
    if not keys:
        return []
    heads = {k[0]: [k2 for k2 in keys if k2[0] == k[0]] for k in keys}
    covered = CoveredSpans((m.start, m.end) for m in mentions)
    tokens = doc.annotations.get("tokens", [])
    endings = tuple(heads)
    out = []
    for i, tok in enumerate(tokens):
        if not tok.norm.endswith(endings):
            continue  # cheap test first: most words are no surname
        for form, cut in strip_proclitics(tok.norm):
            if cut and not form.startswith("ال") and tok.norm[cut - 1] not in "وف":
                continue
            for key in heads.get(form, ()):
                last = i + len(key) - 1
                if last >= len(tokens) or any(tokens[i + k].norm != key[k] for k in range(1, len(key))):
                    continue
                if i > 0 and any(f == before[key] for f, _ in strip_proclitics(tokens[i - 1].norm)):
                    continue  # "الحرمين الشريفين" without خادم: a fragment of another phrase
                start, end = tok.start + cut, tokens[last].end
                if covered.overlaps(start, end):
                    continue
                person = keys[key]
                out.append(Mention(start, end, doc.text[start:end], person.code, person.name, person.kb_id,
                                   "PER", "surname", f"surname->{person.text}"))
            if form in heads:
                break
    return out


def _nested_bodies(text: str, mentions: list[Mention], date, home) -> list[Mention]:
    """Organisations named inside a person's role phrase: "رئيس المخابرات المصرية" names
    المخابرات المصرية. They are entities of the article but not separate actors of its events."""
    out = []
    for m in mentions:
        if m.kind != "role_phrase" or m.type is not None or " " not in m.text:
            continue
        inner_start = m.start + m.text.index(" ") + 1
        for inner in _orgs_ending_phrase(text[inner_start:m.end], str(date or "")[:4]):
            out.append(_from_kb(replace(inner, start=inner.start + inner_start, end=inner.end + inner_start), home))
    return out


@lru_cache(maxsize=16384)
def _orgs_ending_phrase(phrase: str, year: str) -> tuple:
    """Organisation mentions that end a phrase (offsets into it); role phrases repeat across
    articles ("رئيس المخابرات المصرية"), so the answer is remembered per phrase."""
    found = find_actor_mentions(phrase, default_kb(), date=year or None)
    return tuple(m for m in found if m.entity_type == "ORG" and m.end == len(phrase))


# At most this many words (a conjunction and adjectives) between a role phrase and the nisba
# that qualifies the whole coordination: "المسؤولين العسكريين والسياسيين الروس".
NISBA_REACH_WORDS = 3


def _absorb_trailing_nisba(text: str, found: list) -> list:
    """A countryless role phrase followed, across "و + adjective", by a nisba takes its country."""
    out, skip = [], set()
    for i, m in enumerate(found):
        if i in skip:
            continue
        nxt = found[i + 1] if i + 1 < len(found) else None
        gap = text[m.end:nxt.start].split() if nxt is not None else []
        if m.needs_country and nxt is not None and nxt.kind == "nisba" and 0 < len(gap) <= NISBA_REACH_WORDS \
                and gap[0].startswith("و"):
            country = nxt.code.split(" ")[0]
            m = replace(m, end=nxt.end, text=text[m.start:nxt.end], code=f"{country} {m.code.split(' ', 1)[1]}",
                        rule=f"{m.rule}+coordinated-nisba", needs_country=False)
            skip.add(i + 1)
        out.append(m)
    return out


def main_country(found) -> str | None:
    """The country the article is about: the one its actor mentions name most (first on a tie).

    A generic group with no country of its own ("الميليشيات", "قوات الأمن", "المتظاهرون")
    belongs to it, as an analyst reading the article would take it."""
    counts: dict[str, int] = {}
    for m in found:
        country = (m.code or "").split(" ")[0]
        if len(country) == 3 and country.isupper() and country != "IGO":
            counts[country] = counts.get(country, 0) + 1
    return max(counts, key=counts.get) if counts else None


def _from_kb(m, home: str | None) -> Mention:
    etype = m.entity_type  # body phrases with a country ("الجيش الليبي") come as ORG
    code, rule = m.code, m.rule
    if m.needs_country and home and code and code.startswith("None "):
        code, rule = f"{home} {code.split(' ', 1)[1]}", f"{rule}+article-country"
    return Mention(m.start, m.end, m.text, code, m.name_en, m.kb_id, etype, m.kind, rule)


def _ner_only(doc: Document, spans: list[tuple[int, int, str]], known: list[Mention], found: list) -> list[Mention]:
    """NER names the knowledge base does not cover; a person takes a role in apposition."""
    covered = CoveredSpans((m.start, m.end) for m in known)
    out = []
    for s, e, etype in _split_coordinated_places(doc.text, spans):
        if covered.overlaps(s, e):
            continue
        code, rule = None, f"ner:{etype}"
        if etype == "PER":
            near = [m for m in found if s - 200 <= m.start and m.end <= e + 200]
            coded = code_for_person_among(doc.text, s, e, near)
            if coded:
                code, rule = coded[0], f"ner:PER+{coded[1]}"
        out.append(Mention(s, e, doc.text[s:e], code, None, None, etype, "ner", rule))
    return out


def _split_coordinated_places(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """"كربلاء والديوانية" tagged as one place is two: split a GPE/LOC span before a "و" that
    starts a name the gazetteer knows."""
    from rasd.places.gazetteer import default_gazetteer
    from rasd.text.normalize import normalize_phrase

    gaz, out = default_gazetteer(), []
    for s, e, etype in spans:
        cut = s
        if etype in ("GPE", "LOC"):
            for m in re.finditer(r"\sو(\S+)", text[s:e]):
                if gaz.candidates(normalize_phrase(m.group(1)))[0]:
                    out.append((cut, s + m.start(), etype))
                    cut = s + m.start(1)
        out.append((cut, e, etype))
    return out


actors_stage = Stage("actors", code_actors, requires=("ner_spans",), assigns=("actors", "entities"), load=default_kb)
