"""The actors stage: knowledge-base matches and NER names become coded actor mentions.

Knowledge-base matches (countries, capitals, nisba adjectives, organisations, people,
composed role phrases) come first: they carry codes and English names. NER spans that no
match covers add the names the knowledge base does not know, each person coded by a role in
apposition ("العميد أحمد المسماري، الناطق ..."). The mentions go to later stages in
``doc.annotations["actors"]``; the named ones are grouped into ``doc.entities``.
"""

from __future__ import annotations

from rasd.actors.compose import code_for_person_in_context, find_actor_mentions
from rasd.actors.kb import default_kb
from rasd.actors.translit import english_name
from rasd.document import Document
from rasd.entities.stage import Mention, group_entities
from rasd.pipeline import Stage


def code_actors(doc: Document) -> Document:
    kb = default_kb()
    mentions = [_from_kb(m) for m in find_actor_mentions(doc.text, kb, date=doc.published)]
    mentions += _ner_only(doc, doc.annotations.get("ner_spans", []), mentions)
    mentions.sort(key=lambda m: m.start)
    doc.annotations["actors"] = mentions
    return group_entities(doc)


def _from_kb(m) -> Mention:
    etype = m.entity_type
    if etype is None and m.kind == "role_phrase" and _is_named_body(m):
        etype = "ORG"
    return Mention(m.start, m.end, m.text, m.code, m.name_en, m.kb_id, etype, m.kind, m.rule)


def _is_named_body(m) -> bool:
    """A state body with its country ("الجيش الليبي", "المخابرات المصرية") names an organisation."""
    return bool(m.code) and not m.code.startswith("None") and "body" in (m.rule or "")


def _ner_only(doc: Document, spans: list[tuple[int, int, str]], known: list[Mention]) -> list[Mention]:
    kb = default_kb()
    covered = [(m.start, m.end) for m in known]
    out = []
    for s, e, etype in spans:
        if any(a < e and s < b for a, b in covered):
            continue
        code, rule = None, f"ner:{etype}"
        if etype == "PER":
            found = code_for_person_in_context(doc.text, s, e, kb, date=doc.published)
            if found:
                code, rule = found[0], f"ner:PER+{found[1]}"
        text = doc.text[s:e]
        out.append(Mention(s, e, text, code, english_name(text), None, etype, "ner", rule))
    return out


actors_stage = Stage("actors", code_actors, requires=("ner_spans",), assigns=("actors", "entities"), load=default_kb)
