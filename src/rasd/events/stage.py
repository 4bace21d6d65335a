"""The events stage: triggers -> PLOVER events with roles, date, place and evidence.

For each sentence: the trigger lexicon finds event words, the role rules (roles.py) pick
source and target among the actor mentions, rasd.dates gives the date and rasd.places the
location. The document's current topic actor (the last named subject) carries over between
sentences for dropped subjects; links.py relates the events found together (tolls, protests,
"الجانبان", repeats). The status is left to the attribution stage, which reads what it needs
from ``doc.annotations["pending_status"]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rasd.attribution.status import CueAt
from rasd.dates import date_for
from rasd.document import ActorRef, Document, Event, Location, Span
from rasd.entities.stage import CoveredSpans
from rasd.events.links import (PAIR_REACH, address_protests, credit_tolls, dual_anaphors, fill_missing_targets,
                              join_dual_sides, two_sides)
from rasd.events.roles import DEFAULT_TARGET_PREPS, Roles, TriggerView, find_roles, genitive_role
from rasd.events.sentence import ActorSpan, SentenceView, build_view
from rasd.pipeline import Stage
from rasd.read.clean import tag_list_start
from rasd.text.normalize import normalize

_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
# A clause that names a year this many years before publication tells background history,
# and so does one that names a day more than this many days before it.
HISTORY_YEARS = 1
HISTORY_DAYS = 60


@dataclass
class DocState:
    """What carries from sentence to sentence: the topic actor, the event count (for ids), and
    the date of the article's lead (for events whose sentence names no date)."""

    topic: ActorSpan | None = None
    pair: tuple[ActorRef, ActorRef] | None = None  # the two sides "الجانبان" stands for
    pair_age: int = 0  # sentences since the pair was last named
    count: int = 0
    lead_date: tuple[str | None, str | None] = (None, None)


@dataclass
class PendingStatus:
    """What the attribution stage needs to decide one event's status (kept in annotations)."""

    event: Event
    view: SentenceView
    trigger_first: int
    cues: list[CueAt]
    future_prefix: bool
    source: ActorSpan | None
    topic: ActorSpan | None = None  # the document's topic when the event was found


def code_events(doc: Document) -> Document:
    from rasd.events.lexicon import default_cues, default_lexicon

    lexicon, cues = default_lexicon(), default_cues()
    mentions = doc.annotations.get("actors", [])
    actors = [a for a in mentions if a.code]
    uncoded = [a for a in mentions if not a.code and a.type]
    named = CoveredSpans((a.start, a.end) for a in mentions if a.type in ("PER", "ORG", "GPE", "LOC"))
    body_start = len(doc.title) + 2 if doc.title and doc.text.startswith(doc.title) else 0
    state = DocState(lead_date=_lead_date(doc))
    tags_at = tag_list_start(doc.text)
    for (start, end), words in zip(doc.sentences, doc.annotations.get("words", [])):
        if tags_at is not None and start >= tags_at:
            break  # the site's keyword list ("سمات تركيا حزب العدالة قنبلة") states nothing
        here = [a for a in actors if start <= a.start < end]
        state.pair_age += 1
        if state.pair_age > PAIR_REACH:
            state.pair = None  # "الطرفين" far from any two-party event points to sides we cannot tell
        duals = dual_anaphors(doc.text, words, state.pair) if words else []
        here = sorted(here + duals, key=lambda a: a.start) if duals else here
        matches = _outside_names(lexicon.match(words), words, named) if words and here else []
        if not matches and not any(a.entity for a in here):
            continue  # no event and no topic candidate: nothing to build a view for
        view = build_view(doc.text, start, end, words, here)
        join_dual_sides(view)
        view.is_headline = start < body_start
        view.named_at = frozenset(k for a in uncoded if start <= a.start < end
                                  for k in range(view.word_at(a.start), view.word_at(max(a.start, a.end - 1)) + 1))
        matches += _obligations(view)
        if matches:
            placed = _cues(view, cues.cues_in(words))
            view.report_at = frozenset(c.index for c in placed if c.kind == "report")
            view.trigger_at = frozenset(m.token_index for m in matches)
            view.patient_trigger_at = frozenset(m.token_index for m in matches
                                                if genitive_role(m.type, _none(m.mode)) == "target")
            found = credit_tolls([ev for match in matches for ev in _events_of(doc, view, match, placed, state)])
            address_protests(found)
            sides = two_sides(found)
            if sides is not None:
                state.pair, state.pair_age = sides, 0
            doc.events.extend(found)
        _update_topic(view, state)
    harmonise_repeats(doc.events)
    return doc


def harmonise_repeats(events: list[Event]) -> None:
    """The same event told in the headline, the lead and the body gets the same place and date:
    a repeat that names none (or only a country) takes the most specific one another telling gives.
    A telling with no target ("العراقيون يتظاهرون") takes the one target its other tellings name."""
    fill_missing_targets(events)
    groups: dict[tuple, list[Event]] = {}
    for ev in events:
        key = (ev.type, ev.source.code if ev.source else None, ev.target.code if ev.target else None)
        groups.setdefault(key, []).append(ev)
    for group in groups.values():
        located = [e.location for e in group if e.location is not None and e.location.lat is not None]
        dated = [e for e in group if e.date and "date:sentence" in e.rules]
        for ev in group:
            if located and (ev.location is None or ev.location.lat is None):
                ev.location = located[0]
            if dated and "date:article-lead" in ev.rules:
                ev.date, ev.date_precision = dated[0].date, dated[0].date_precision
                ev.rules[ev.rules.index("date:article-lead")] = "date:repeat"


def _obligations(view: SentenceView) -> list:
    """"وأكد ليون أن على جميع الأطراف مضاعفة جهودها": أن + على + a party is the speaker telling
    that party what it must do, a demand (REQUEST, CAMEO 020) whose word is على."""
    from rasd.events.lexicon import TriggerMatch

    out = []
    for k, w in enumerate(view.words[:-1]):
        if view.kind(k) != "complementizer" or view.words[k + 1].norm != "علي":
            continue
        if not any(a.first in (k + 2, k + 3) for a in view.actors):
            continue
        ala = view.words[k + 1]
        out.append(TriggerMatch(
            token_index=k + 1, end_token_index=k + 1, start=ala.start, end=ala.end, form="علي", lemma="أن على",
            pos="obligation", type="REQUEST", mode="demand", cameo="020", voice="active", person=None,
            persons=(), aspect="-", target_preps=("-",), has_object_pronoun=False, object_pronoun=None,
            prefix="", future=False, next_index=None))
    return out


def _cues(view: SentenceView, found) -> list[CueAt]:
    """The lexicon's cues, plus the unnamed-source words (أنباء، تقارير: data/syntax) it lacks."""
    placed = [CueAt(c.token_index, c.kind, c.form) for c in found]
    have = {c.index for c in placed}
    for i, (kind, _) in view.function_at.items():
        if kind == "report_source" and i not in have:
            placed.append(CueAt(i, "report", view.words[i].text))
    return sorted(placed, key=lambda c: c.index)


def _outside_names(matches: list, words: list, named: CoveredSpans) -> list:
    """"دانة المطوع", "بارك أوباما", "تدمر": a word of a name (person, organisation, place) is no trigger."""
    return [m for m in matches if not named.overlaps(words[m.token_index].start, words[m.token_index].end)]


def _reads_as_noun(view: SentenceView, match) -> bool:
    """An unvocalised form that is both a verb and its verbal noun (دعم، قصف، هجوم ...) reads as
    the noun after a preposition ("في دعم الميليشيات") or before its own adjective ("دعم عسكري")."""
    if match.pos in ("noun", "participle", "obligation"):
        return match.pos == "noun"
    i = match.token_index
    if "\u064b" in view.words[i].text:
        return _has_noun_sense(match)  # tanween: "دعماً", "هجوماً" are nouns, never verbs
    after_preposition = i > 0 and view.kind(i - 1) in ("preposition", "location_prep")
    before_adjective = match.next_index == i + 1 and not view.words[i + 1].norm.startswith("ال")
    return (after_preposition or before_adjective or _object_of_a_verb(view, match)) and _has_noun_sense(match)


def _object_of_a_verb(view: SentenceView, match) -> bool:
    """"دان الأمين العام بشدة قتل رضيع", "الأردن يدين قتل الطفل": a second verb needs و or a
    new clause; right after an event verb (past its subject and manner adverb) a form that
    is also a verbal noun is that verb's object, the noun."""
    i = match.token_index
    word = view.words[i]
    if view.text[word.start:match.start]:
        return False  # "وقتل", "فقصف": a proclitic conjunction opens a new verb
    inside = {k for a in view.actors for k in range(a.first, a.last + 1)}
    k = i - 1
    while k >= 0 and view.same_clause(k, i) and (k in inside or _manner_adverb(view.words[k].norm)):
        k -= 1  # the first verb's subject ("الأمين العام للأمم المتحدة") and manner ("بشدة")
    return k >= 0 and view.same_clause(k, i) and k in view.trigger_at


def _manner_adverb(norm: str) -> bool:
    """"بشدة", "بقوة": ب on an indefinite noun after a verb tells how it was done."""
    return len(norm) > 3 and norm[0] == "ب" and not norm.startswith("بال")


def _has_noun_sense(match) -> bool:
    from rasd.events.lexicon import default_lexicon

    return default_lexicon().has_noun(match.lemma, match.type)


def _trigger_view(match, view: SentenceView) -> TriggerView:
    """What the role rules need of a lexicon match (rasd.events.lexicon.TriggerMatch)."""
    if match.pos in ("participle", "obligation"):
        pos = match.pos
    else:
        pos = "noun" if _reads_as_noun(view, match) else "verb"
    voice = match.voice or ""
    return TriggerView(
        first=match.token_index, last=match.end_token_index,  # inclusive: the last word of a phrase
        type=match.type, mode=_none(match.mode), pos=pos,
        passive=voice == "passive", passive_possible="passive" in voice,
        preps=frozenset(normalize(p) for p in match.target_preps if p) or DEFAULT_TARGET_PREPS,
        object_pronoun=bool(match.has_object_pronoun), person=match.person, lemma=match.lemma,
    )


# Senses that are courtesies, not political interaction (ANNOTATION.md: congratulations and
# condolences are SUPPORT only when they express political support, which the words alone do
# not tell), and civilians fleeing, which is no party's retreat.
COURTESY_MODES = frozenset({"congratulate", "condolence", "thank", "displace"})


def _events_of(doc: Document, view: SentenceView, match, cues: list[CueAt], state: DocState) -> list[Event]:
    trig = _trigger_view(match, view)
    if _is_background(doc, view, trig) or trig.mode in COURTESY_MODES or _names_a_known_deal(view, trig, match):
        return []
    future_prefix = _has_future_prefix(doc, view, match)
    out = []
    for roles in find_roles(view, trig, state.topic):
        if not any(_identified(a) for a in (roles.source, roles.target)) and roles.rule != "passive:toll":
            continue  # nobody identifiable on either side: not an event a user can place
        if roles.source is None and not (trig.passive or roles.rule.startswith("passive")):
            # With no actor in reach the rules have misread the sentence far more often than the
            # text truly leaves the doer unsaid; an explicit passive ("قُتل خمسة جنود") does.
            continue
        event = _event(doc, view, match, trig, roles, state)
        doc.annotations.setdefault("pending_status", []).append(
            PendingStatus(event, view, trig.first, cues, future_prefix, roles.source, state.topic))
        out.append(event)
    return out


def _event(doc: Document, view: SentenceView, match, trig: TriggerView, roles: Roles, state: DocState) -> Event:
    state.count += 1
    date, precision = date_for(doc.text, view.start, view.end, doc.published)
    date_rule = "date:sentence"
    if date is None:
        (date, precision), date_rule = state.lead_date, "date:article-lead"
    evidence = _evidence_span(view, match, roles)
    location = _location(doc, *evidence)
    target, rule = actor_ref(roles.target), roles.rule
    if target is None and match.type in PLACE_TARGET_TYPES and location is not None and location.country \
            and location.name_ar in doc.text[view.start:view.end] \
            and not (roles.source is not None and location.name_ar in roles.source.text):
        # "قصفت الطائرات مواقع في صعدة": an attack on a place whose owner the text does not
        # name strikes that country (the target's sector stays unknown). The attacker's own
        # country ("ملك مملكة البحرين ... استنكاره للاعتداء") is not where it struck.
        target, rule = ActorRef(code=f"{location.country} None", name=location.name, text=location.name_ar), rule + "+place-target"
    return Event(
        id=f"v{state.count}", type=match.type, mode=_none(match.mode), cameo=_none(match.cameo),
        source=actor_ref(roles.source), target=target,
        location=location, date=date, date_precision=precision,
        trigger=Span.of(doc.text, match.start, match.end), evidence=Span.of(doc.text, *evidence),
        confidence=_confidence(trig, roles), rules=[f"lexicon:{match.lemma}", rule, date_rule],
    )


# Event types whose target may be a place alone: attacks land somewhere.
PLACE_TARGET_TYPES = frozenset({"ASSAULT"})


def _identified(actor: ActorSpan | None) -> bool:
    """An actor a user can place: one with a country, or a named one (ISIS is "None REB")."""
    return actor is not None and (_country(actor) is not None or actor.entity is not None)


def _country(actor: ActorSpan | None) -> str | None:
    if actor is None or not actor.code:
        return None
    country = actor.code.split()[0]
    return None if country == "None" else country


# How many sentences (headline included) make the lead, whose date stands for the article's news.
LEAD_SENTENCES = 4


def _lead_date(doc: Document) -> tuple[str | None, str | None]:
    """The date an event with no date of its own most likely has: the first date the lead
    gives ("أمس", "الأحد"), else the publication date (as GDELT dates events)."""
    for start, end in doc.sentences[:LEAD_SENTENCES]:
        found = date_for(doc.text, start, end, doc.published)
        if found[0] is not None and found[1] == "day":
            return found
    return (doc.published, "day") if doc.published else (None, None)


def _evidence_span(view: SentenceView, match, roles: Roles) -> tuple[int, int]:
    """The clause that states the event: the trigger's clause, stretched to cover its actors."""
    clause = view.clause_of[match.token_index]
    words = [w for i, w in enumerate(view.words) if view.clause_of[i] == clause]
    start, end = words[0].start, words[-1].end
    for actor in (roles.source, roles.target):
        if actor is not None and view.start <= actor.start < view.end:
            start, end = min(start, actor.start), max(end, actor.end)
    return start, end


def _none(value):
    return None if value in (None, "", "-") else value


def actor_ref(actor: ActorSpan | None) -> ActorRef | None:
    if actor is None:
        return None
    return ActorRef(code=actor.code, name=actor.name, entity=actor.entity, text=actor.text)


def _location(doc: Document, start: int, end: int) -> Location | None:
    """Where the event happened: a place its own clause names first ("دانت قطر القصف التركي في
    شمال العراق" is an attack in Iraq), else its sentence's, else the dateline's."""
    from rasd.places import location_for

    place = location_for(doc, doc.places, start, end)
    if place is None:
        return None
    return Location(name=place.name, name_ar=place.form, geonames_id=place.geonames_id, lat=place.lat,
                    lon=place.lon, country=place.country)


def _confidence(trig: TriggerView, roles: Roles) -> float:
    score = 0.55 if trig.pos == "verb" else 0.45
    score += 0.2 if roles.source is not None else 0.0
    score += 0.15 if roles.target is not None else 0.0
    if "topic" in roles.rule:
        score -= 0.1
    return round(min(score, 0.95), 2)


def _names_a_known_deal(view: SentenceView, trig: TriggerView, match) -> bool:
    """"الاتفاق النووي الإيراني": a definite agreement noun names a deal already made; only a
    verb of agreeing (or a light verb over the noun: وقع، أبرم) reports an event."""
    if trig.type != "AGREE" or trig.pos != "noun":
        return False
    word = view.words[match.token_index].norm
    governed = any(view.kind(k) == "light_verb" for k in range(max(0, trig.first - 3), trig.first))
    return ("ال" in word[:4] or _in_construct_with_a_name(view, trig)) and not governed


def _in_construct_with_a_name(view: SentenceView, trig: TriggerView) -> bool:
    """"اتفاق إيران النووي": a noun followed by a name and a definite adjective is definite by
    its construct, the name of a deal like "الاتفاق النووي الإيراني"."""
    k = trig.last + 1
    owner = next((a for a in view.actors if a.first == k and a.governor is None), None)
    if owner is None or owner.last + 1 >= len(view.words):
        return False
    k = owner.last + 1
    return view.words[k].norm.startswith("ال") and view.kind(k) is None and k not in view.trigger_at \
        and not any(a.first <= k <= a.last for a in view.actors) \
        and not view.words[k].norm.endswith(("يين", "يون"))  # "اتفاق القادة الأوروبيين": people agreeing


def _is_background(doc: Document, view: SentenceView, trig: TriggerView) -> bool:
    """A clause naming a year well before publication, or a day months before it ("وفي 26
    آذار بدأ التحالف ..." in an August article), tells history, not news."""
    if not doc.published:
        return False
    year = int(doc.published[:4])
    clause = view.clause_of[trig.first]
    words = [w for i, w in enumerate(view.words) if view.clause_of[i] == clause]
    text = doc.text[words[0].start:words[-1].end]
    if any(int(y) < year - HISTORY_YEARS + 1 for y in _YEAR.findall(normalize(text))):
        return True
    day, precision = date_for(doc.text, words[0].start, words[-1].end, doc.published)
    if precision == "day" and _days_between(day, doc.published) > HISTORY_DAYS:
        return True
    return _ongoing_since_long_ago(doc, words[0].start, words[-1].end)


def _ongoing_since_long_ago(doc: Document, start: int, end: int) -> bool:
    """"يشن التحالف منذ 26 مارس غارات": what has gone on since months before publication is
    the background of the news (ANNOTATION.md: "since 2011"), not an event of its day."""
    from rasd.dates import find_date_expressions, published_date, resolve_date_expression

    pub = published_date(doc.published)
    for expr in find_date_expressions(doc.text, start, end):
        if expr.since:
            day, precision = resolve_date_expression(expr, pub)
            if day and precision in ("day", "month") and _days_between(day, doc.published) > HISTORY_DAYS:
                return True
    return False


def _days_between(day: str, published: str) -> int:
    from datetime import date

    try:
        return (date.fromisoformat(published[:10]) - date.fromisoformat(day[:10])).days
    except ValueError:
        return 0


def _has_future_prefix(doc: Document, view: SentenceView, match) -> bool:
    """سـ on an imperfect verb ("ستقصف") marks the future; the lexicon match starts after it."""
    word = view.words[match.token_index]
    prefix = normalize(doc.text[word.start:match.start])
    return prefix.endswith("س")


def _update_topic(view: SentenceView, state: DocState) -> None:
    """The sentence's first bare actor that is named or has a country ("وزير الخارجية السوري")
    becomes the topic for later dropped subjects (not a news outlet: "عين اليوم" credits the
    story, it does not act in it)."""
    for a in view.actors:
        named_or_placed = a.entity is not None or not (a.code or "None").startswith("None")
        if a.governor is None and named_or_placed and not (a.code or "").endswith(" MED"):
            state.topic = a
            return


def _load() -> None:
    from rasd.events.lexicon import default_cues, default_lexicon

    default_lexicon()
    default_cues()


events_stage = Stage("events", code_events, requires=("sentences", "words", "actors", "places"), assigns=("events",),
                     load=_load)
