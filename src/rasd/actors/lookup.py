"""Explain how a phrase is coded: which knowledge-base entry or composition rule, from which line."""

from __future__ import annotations

from rasd.actors.compose import ActorMention, find_actor_mentions
from rasd.actors.kb import ActorKB

_RULES = {
    "role": "a role noun alone; its country must come from the context",
    "role+nisba": "role noun + agreeing nisba: country of the nisba, sector of the role",
    "role+country": "role noun in construct with a country: that country, sector of the role",
    "role+capital": "role noun in construct with a capital: that country, sector of the role",
    "role+org": "role noun + organisation: the organisation's country; sector of the outermost body, else the organisation's, else the role's",
    "role+person": "role noun + known person: the person's country, sector of the role",
    "state+country": "state word + country: the state as a whole",
    "state+nisba": "state word + nisba: the state as a whole",
    "org+nisba": "organisation + agreeing nisba: country of the nisba, sector of the organisation",
    "nisba": "a nisba alone: the country (its plural: the country's people, CVL)",
}


def explain(mention: ActorMention) -> str:
    """One line saying why a mention has its code."""
    rule = mention.rule
    base = rule.split("+apposition")[0] if rule.startswith("person+") else rule
    why = _RULES.get(base, f"knowledge-base {mention.kind}")
    if rule.startswith("person+apposition"):
        why = "known person; an explicit role in apposition (" + rule.split("+", 1)[1] + ") gives the code"
    where = ", ".join(mention.evidence)
    return f"{mention.text} -> {mention.code} ({why}; {where})"


def lookup_phrase(text: str, kb: ActorKB, date: str | int | None = None) -> list[tuple[ActorMention, str]]:
    """Every actor mention in ``text`` with a one-line explanation (for ``rasd actors lookup``)."""
    return [(m, explain(m)) for m in find_actor_mentions(text, kb, date=date)]
