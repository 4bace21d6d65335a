"""Rules that link the events of one sentence or one article to each other.

The role rules (roles.py) read one trigger at a time; these read the events found together:
a toll is credited to the attack told after it, a protest to the party its protesters'
demand addresses, "الجانبان" to the two parties of the last two-party event, and a telling
without target to the one target the event's other tellings name.
"""

from __future__ import annotations

from dataclasses import dataclass

from rasd.document import ActorRef, Event
from rasd.events.sentence import SentenceView
from rasd.text.function_words import function_words

# How many sentences after a two-party event "الجانبان" may still point back to its parties.
PAIR_REACH = 3


@dataclass
class _Side:
    """One of the two parties a dual anaphor ("الجانبان") stands for, placed on that word."""

    start: int
    end: int
    text: str
    code: str | None
    name: str | None
    entity: str | None
    kind: str = "dual"


def dual_anaphors(text: str, words: list, pair: tuple[ActorRef, ActorRef] | None) -> list[_Side]:
    """"وبحث الجانبان العلاقات", "معارك بين الطرفين": the two sides of the article's last event
    with two parties, each on the anaphor's word; "البلدين" only when both are countries."""
    if pair is None:
        return []
    table, out = function_words(), []
    for w in words:
        form = w.norm[1:] if len(w.norm) > 4 and w.norm[0] in "وبل" else w.norm
        if table.get(form) != "dual_anaphor":
            continue
        if form.startswith(("البلد", "الدول")) and not all(_is_state(ref) for ref in pair):
            continue
        start = w.end - len(form)
        out += [_Side(start, w.end, text[start:w.end], ref.code, ref.name, ref.entity) for ref in pair]
    return out


def _is_state(ref: ActorRef) -> bool:
    country = (ref.code or "None").split()[0]
    return country not in ("None", "IGO")


def join_dual_sides(view: SentenceView) -> None:
    """The second side of a dual anaphor is coordinated with the first (one word, two actors)."""
    for prev, cur in zip(view.actors, view.actors[1:]):
        if cur.kind == prev.kind == "dual" and cur.start == prev.start:
            cur.joined = True


def two_sides(events: list[Event]) -> tuple[ActorRef, ActorRef] | None:
    """The parties of the sentence's last event with two different ones."""
    for ev in reversed(events):
        if ev.source is not None and ev.target is not None and ev.source.code != ev.target.code \
                and ev.source.text != ev.target.text:
            return ev.source, ev.target
    return None


def credit_tolls(events: list[Event]) -> list[Event]:
    """"قتل ستة أشخاص في غارات شنتها الطائرات التركية": the dead of a toll were killed by whoever
    made the attack the same sentence tells after it. A toll that names neither attacker nor
    victims (only where it happened) is no event a user can place, like any other."""
    for ev in events:
        if "passive:toll" not in ev.rules[1] or ev.source is not None:
            continue
        cause = next((c for c in events if c.type == "ASSAULT" and c.source is not None
                      and c.trigger.start > ev.trigger.end
                      and not (ev.target is not None and c.source.text == ev.target.text)), None)
        if cause is not None:
            ev.source = cause.source
            ev.rules[1] += "+cause"
    return [ev for ev in events if "passive:toll" not in ev.rules[1] or ev.source is not None
            or (ev.target is not None and "place-target" not in ev.rules[1])]


def address_protests(events: list[Event]) -> None:
    """"تظاهر آلاف العراقيين ... مطالبين رئيس الوزراء بـ": a protest names no addressee, but the
    demand its protesters make in the same sentence does; the protest is against that party."""
    for ev in events:
        if ev.type != "PROTEST" or ev.target is not None or ev.source is None:
            continue
        demand = next((d for d in events if d.type == "REQUEST" and d.target is not None and d.source is not None
                       and d.source.code == ev.source.code), None)
        if demand is not None:
            ev.target = demand.target
            ev.rules[1] += "+demand-addressee"


# Event types that mostly have no target: one deployment's aim is not another's.
UNDIRECTED_TYPES = frozenset({"MOBILIZE", "RETREAT"})


def fill_missing_targets(events: list[Event]) -> None:
    """"هذه الزيارة" or a headline's "العراقيون يتظاهرون" is an event the article tells again
    with its target named; when the same actor's events of that type name one target only,
    the telling without one takes it."""
    targets: dict[tuple, dict[str, Event]] = {}
    for ev in events:
        if ev.source is not None and ev.target is not None and ev.target.code:
            targets.setdefault((ev.type, ev.source.code), {}).setdefault(ev.target.code, ev)
    for ev in events:
        if ev.source is None or ev.target is not None or ev.type in UNDIRECTED_TYPES:
            continue
        told = targets.get((ev.type, ev.source.code), {})
        if len(told) == 1:
            ev.target = next(iter(told.values())).target
            ev.rules[1] += "+repeat-target"
