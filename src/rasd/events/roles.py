"""Source and target of a trigger, from Arabic word order and prepositions.

Rules for a verb (each named in the event's ``rules`` for `rasd explain`):
- passive with an agent phrase (من قبل X / على يد X / بأيدي X): X is the source, the first
  bare actor after the verb the target;
- a first-person verb in a quotation ("«نطالب ...»") is the quoted speaker's act;
- a relative pronoun right before the verb ("سلاح الجو الذي قصف"): the actor before it is the subject;
- SVO: a bare actor earlier in the verb's clause ("حفتر يطلب", "تركيا وقطر تمدان");
- VSO: the first bare actor after the verb ("طالب قائد الجيش الليبي حفتر روسيا"), skipping
  appositions, but never one inside a prepositional phrase ("التقى بعدد من المسؤولين الروس");
- the target: the next actor after the subject that is bare (a direct object), governed by one
  of the trigger's target prepositions (على، ضد، مع، إلى، ل، ب ...), or owning the noun such a
  preposition governs ("ضد مواقع لحزب العمال", "بعودة المؤتمر");
- an object pronoun on the verb ("استقبله") points back to the last actor before it;
- a verb that opens its sentence with no subject in reach takes the document's topic actor,
  one opening a حيث/فيما clause the sentence's last named actor (dropped subjects);
- a phrase trigger holds its subject ("ألقت الشرطة القبض على"); a verb opening the clause
  after a comma takes the verbless subject phrase before it; a definite noun right after a
  verb ("ضرب الزلزال المدينة") is its subject, so no actor after it is;
- a toll right after a clause-initial kill verb ("قتل 15 شخصا") is its passive subject;
- converse triggers (data/syntax/converse.tsv: "تلقى اتصالا من X") swap subject and object.
Event nouns ("غارات التحالف على تعز", "دعم عسكري تركي للميليشيات") take the actor right after
them as source or target (data/syntax/noun_genitive.tsv), a nisba adjective as source, else
the subject of a light verb over them ("شنت تركيا غارات"), or of a relative light verb after
them ("غارات شنتها الطائرات التركية"), or of a report verb for a speech-act noun ("أكد المسماري
تورط تركيا"); a stance noun's pronoun is the sentence subject ("مؤكدة دعمها لتركيا"), and
"بالتنسيق مع X" the cooperation of the sentence's first actor. Circumstantial participles
("داعيةً") and obligations ("أن على X") have rules of their own. Coordinated actors ("تركيا
وقطر") make one role pair each; a coordinated subject of a mutual event (CONSULT, AGREE,
COOPERATE) is its two sides.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rasd.events.sentence import ActorSpan, SentenceView
from rasd.resources import data_path, read_tsv
from rasd.text.function_words import words_of_kind

# Prepositions that introduce a target when a lexicon entry names none.
DEFAULT_TARGET_PREPS = frozenset({"-", "علي", "ضد", "مع", "الي", "ل", "ب"})
# Event types whose two sides both act: a clash between X and Y is two events, one each way.
RECIPROCAL_TYPES = frozenset({"ASSAULT"})
# Event types done by saying them: the noun after a report verb is the speaker's own act.
SPEECH_ACT_TYPES = frozenset({"ACCUSE", "REQUEST", "REJECT", "SUPPORT", "THREATEN"})
# Event types whose sides are interchangeable: two coordinated subjects meet or agree with each other.
MUTUAL_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
# How far (in words) from the trigger a bare actor may stand and still be its subject.
SUBJECT_REACH = 6
# How far back a light verb may govern an event noun, its subject between them
# ("أعرب المبعوث الأممي برناردينو ليون عن ترحيبه").
LIGHT_VERB_REACH = 8


@dataclass
class TriggerView:
    """The parts of a lexicon match the role rules need, in word positions of the sentence."""

    first: int
    last: int
    type: str
    mode: str | None
    pos: str
    passive: bool
    preps: frozenset[str]
    object_pronoun: bool
    person: str | None = None  # subject person of a verb form: "1p" (نطالب), "3fs" ...
    # An unvocalised spelling that may be passive ("اعتقل"): read as passive when an agent
    # phrase (من قبل، على يد) follows in the clause.
    passive_possible: bool = False
    lemma: str = ""


@dataclass
class Roles:
    source: ActorSpan | None
    target: ActorSpan | None
    rule: str


def find_roles(view: SentenceView, trig: TriggerView, topic: ActorSpan | None) -> list[Roles]:
    if trig.pos == "noun":
        pairs = _noun_roles(view, trig, topic)
    elif trig.pos == "participle":
        pairs = [_participle_roles(view, trig, topic)]
    elif trig.pos == "obligation":
        pairs = [_obligation_roles(view, trig, topic)]
    else:
        pairs = _verb_roles(view, trig, topic)
    if trig.lemma in _converse_lemmas():
        pairs = [Roles(p.target, p.source, p.rule + "+converse") for p in pairs]
    pairs = [_mutual_pair(view, trig, p) for p in pairs]
    # A toll with no one named yet may still learn its attacker from the attack after it.
    return [r for pair in pairs for r in _expand(view, pair)
            if r.source is not None or r.target is not None or r.rule == "passive:toll"]


def _mutual_pair(view: SentenceView, trig: TriggerView, pair: Roles) -> Roles:
    """"اتفق المعلم وبن علوي": with a mutual type, coordinated subjects are the two sides."""
    if trig.type not in MUTUAL_TYPES or pair.target is not None or pair.source is None:
        return pair
    group = view.coordinated(pair.source)
    if len(group) < 2:
        return pair
    return Roles(group[0], group[1], pair.rule + "+mutual")


def _expand(view: SentenceView, pair: Roles) -> list[Roles]:
    """One role pair per coordinated source and target; never an actor acting on itself."""
    sources = view.coordinated(pair.source) if pair.source else [None]
    targets = view.coordinated(pair.target) if pair.target else [None]
    # (Two sides of "الجانبان" share a word but not a code.)
    return [Roles(s, t, pair.rule) for s in sources for t in targets
            if s is None or t is None or (s.start, s.code) != (t.start, t.code)]


def _bare(actor: ActorSpan) -> bool:
    return actor.governor is None


def _is_place(actor: ActorSpan) -> bool:
    return actor.governor in ("في", "داخل", "خارج", "قرب", "بالقرب", "شمال", "جنوب", "شرق", "غرب", "وسط", "محيط")


_AGENT_GOVERNORS = ("agent", "قبل", "يد", "ايدي", "بواسطه", "بايدي", "بيد", "برصاص", "بنيران")


def _agent_after(view: SentenceView, trig: TriggerView) -> ActorSpan | None:
    """The actor of an agent phrase after the trigger in its clause (من قبل X، على يد X، بأيدي X)."""
    return next((a for a in view.actors if a.first > trig.last and a.governor in _AGENT_GOVERNORS
                 and view.same_clause(trig.last, a.first)), None)


def _verb_roles(view: SentenceView, trig: TriggerView, topic: ActorSpan | None) -> list[Roles]:
    agent = _agent_after(view, trig)
    if (trig.passive or trig.passive_possible) and agent is None and trig.mode in TOLL_MODES \
            and _counts_victims(view, trig.last + 1) \
            and not any(a.last < trig.first and _bare(a) and view.same_clause(a.last, trig.first) for a in view.actors):
        # "قتل 15 شخصا في غارات شنتها الطائرات التركية": a toll right after a clause-initial verb
        # is its passive subject ("جبهة النصرة خطفت ثمانية" has its doer before it); who struck
        # is told by the attack that follows (links.credit_tolls).
        victims = next((a for a in view.actors if trig.last + 1 < a.first <= trig.last + 1 + TOLL_REACH and _bare(a)), None)
        return [Roles(agent, victims, "passive:toll")]
    if trig.passive or (trig.passive_possible and agent is not None):
        patient = _first_bare_after(view, trig.last, exclude=agent)
        return [Roles(agent, patient, "passive+agent" if agent else "passive")]
    if (trig.person or "").startswith("1"):
        return [_first_person_roles(view, trig)]
    subject, rule = _subject(view, trig)
    if subject is None and topic is not None and _starts_its_sentence(view, trig) and rule != NON_ACTOR_SUBJECT:
        subject, rule = topic, "dropped-subject:topic"
    if trig.object_pronoun:
        # "استقبله الرئيس": the pronoun is the object; it points back to the last actor before.
        target = _last_actor_before(view, trig.first, exclude=subject)
        return [Roles(subject, target, rule + "+object-pronoun")]
    in_sentence = subject is not None and subject in view.actors  # a topic carries indices of its own sentence
    after = subject.last if in_sentence and subject.first > trig.last else trig.last
    return [Roles(subject, _target_after(view, trig, after, exclude=subject), rule)]


def _participle_roles(view: SentenceView, trig: TriggerView, topic: ActorSpan | None) -> Roles:
    """"ودانت الجامعة العربية القصف ... داعيةً تركيا والعراق إلى": a circumstantial participle
    describes what the sentence's subject does while doing the main act. When the sentence
    opens with a report verb whose subject is dropped ("كما أكد أهمية دور مصر ... مشيداً"),
    that subject is the document's topic, not the first actor named."""
    before = [a for a in view.actors if a.last < trig.first and _bare(a) and not _is_place(a)]
    opener = min(view.report_at, default=None)
    if topic is not None and opener is not None and opener <= 1 and not (before and before[0].first <= opener + 2):
        subject, rule = topic, "participle:topic"
    else:
        subject, rule = (_head_of_coordination(view, before[0]) if before else None), "participle:sentence-subject"
    return Roles(subject, _target_after(view, trig, trig.last, exclude=subject), rule)


def _obligation_roles(view: SentenceView, trig: TriggerView, topic: ActorSpan | None) -> Roles:
    """"وأكد ليون أن على جميع الأطراف ...": the speaker of the report demands; the party after على must."""
    verb = max((k for k in view.report_at if k < trig.first), default=None)
    speaker = view.speaker_at(verb) if verb is not None else None
    if speaker is None and verb is not None and verb <= 1:
        speaker = topic  # "وأكد أن على ...": the dropped subject is the document's topic
    target = next((a for a in view.actors if a.first in (trig.last + 1, trig.last + 2)), None)
    return Roles(speaker, target, "obligation:speaker")


def _first_person_roles(view: SentenceView, trig: TriggerView) -> Roles:
    """"قال عباس: «نطالب المجتمع الدولي ...»": a first-person verb is the quoted speaker's act,
    and the actors after it are its objects."""
    verb = max((k for k in view.report_at if k < trig.first), default=None)
    speaker = view.speaker_at(verb) if verb is not None else None
    return Roles(speaker, _target_after(view, trig, trig.last, exclude=speaker), "first-person:speaker")


def _starts_its_sentence(view: SentenceView, trig: TriggerView) -> bool:
    """A verb opening its sentence ("وأضاف", "وطالب") continues the last sentence's subject;
    deeper in a sentence a verb without a subject in reach has one we cannot see."""
    return trig.first <= 1


@lru_cache(maxsize=1)
def _converse_lemmas() -> frozenset[str]:
    return frozenset(r["lemma"] for _, r in read_tsv(data_path("syntax", "converse.tsv")))


def _subject(view: SentenceView, trig: TriggerView) -> tuple[ActorSpan | None, str]:
    inside = [a for a in view.actors if trig.first < a.first and a.last < trig.last and _bare(a)]
    if inside:
        # "ألقت الشرطة القبض على ...", "تلقى الملك اتصالا من ...": a phrase trigger holds its subject.
        return _head_of_coordination(view, inside[0]), "vso-in-phrase"
    if trig.first > 0 and view.kind(trig.first - 1) == "clause_break" and view.words[trig.first - 1].norm in ("الذي", "التي", "الذين"):
        right_before = next((a for a in view.actors if a.last == trig.first - 2), None)
        if right_before is not None:
            # "في الكاميرون ونيجيريا التي حذر رئيسها": the antecedent is the noun right before
            # the relative pronoun, whatever governs it.
            return right_before, "relative-subject"
        before = _last_actor_before(view, trig.first - 1)
        if before is not None and before.last >= trig.first - 4:
            return _head_of_coordination(view, before), "relative-subject"
    before = [a for a in view.actors if a.last < trig.first and _bare(a) and view.same_clause(a.last, trig.first)]
    if before:
        return _head_of_coordination(view, before[-1]), "svo"
    after = _first_bare_after(view, trig.last)
    if after is not None and after.first - trig.last <= SUBJECT_REACH and view.same_clause(after.first, trig.last) \
            and not _prepositional_between(view, trig.last, after.first):
        if _noun_subject_first(view, trig.last, after):
            return None, NON_ACTOR_SUBJECT
        return after, "vso"
    fronted = _subject_before_comma(view, trig)
    if fronted is not None:
        return fronted, "svo-across-comma"
    if trig.first > 0 and view.kind(trig.first - 1) == "clause_break":
        # "توقف حفتر في القاهرة حيث التقى بـ...": a clause opened by حيث/فيما with its subject
        # dropped continues the sentence's last named actor.
        named = [a for a in view.actors if a.last < trig.first and _bare(a) and a.entity is not None]
        if named:
            return named[-1], "dropped-subject:sentence"
    return None, "no-subject"


# The rule name when the verb's subject is a noun that is no actor ("ضرب الزلزال المدينة").
NON_ACTOR_SUBJECT = "no-subject:non-actor-noun"


def _noun_subject_first(view: SentenceView, verb_last: int, actor: ActorSpan) -> bool:
    """"ضرب الزلزال المدينة الإيرانية", "ناشد المقيم وزير الصحة": a definite noun right after
    the verb is its subject, and the actor after it the object. Not when that noun is a
    title ("صاحب السمو"), a name ("أشاد القحطاني"), a time word ("اليوم"), a trigger, or the
    noun an adjective actor qualifies ("قصفت المروحيات العراقية")."""
    k = verb_last + 1
    if actor.first <= k:
        return False
    if actor.first == k + 1 and _definite(view.words[actor.first].norm):
        return False  # "قصفت الطائرات السعودية": a definite word after a definite noun qualifies it
    word = view.words[k]
    if not _definite(word.norm) or view.kind(k) is not None or k in view.trigger_at or k in view.named_at \
            or _is_title(word.norm):
        return False
    from rasd.dates import find_date_expressions

    return not find_date_expressions(view.text, word.start, word.end)


def _is_title(norm: str) -> bool:
    word = norm[1:] if len(norm) > 3 and norm[0] in "وف" else norm
    return word in _titles()


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    return words_of_kind("title")


def _subject_before_comma(view: SentenceView, trig: TriggerView) -> ActorSpan | None:
    """"طائرات التحالف العربي بقيادة السعودية، توفر غطاء جويا": a verb opening the clause after
    a comma continues a subject phrase before it, when that phrase has no verb of its own
    (no trigger, no report verb) to be the subject of."""
    if trig.first == 0 or view.kind(trig.first - 1) is not None or view.same_clause(trig.first - 1, trig.first):
        return None
    gap = view.text[view.words[trig.first - 1].end:view.words[trig.first].start]
    verb = view.text[view.words[trig.first].start:view.words[trig.first].end]
    if not ("،" in gap or "," in gap) or verb[0] in "وف":
        return None  # a colon ends a dateline or a speaker's name; "، واتفقوا" opens a new sentence
    clause = view.clause_of[trig.first - 1]
    span = [k for k in range(trig.first) if view.clause_of[k] == clause]
    if view.kind(span[0]) in ("clause_break", "complementizer"):
        span = span[1:]  # "أنّ طائرات التحالف ...، توفر": the word that opens the clause
    if any(k in view.trigger_at or k in view.report_at or view.kind(k) not in (None, "title") for k in span):
        return None
    phrase = [a for a in view.actors if a.first in span and _bare(a) and not _is_place(a)]
    return _head_of_coordination(view, phrase[0]) if phrase else None


def _prepositional_between(view: SentenceView, i: int, j: int) -> bool:
    """Whether a prepositional phrase opens between words i and j ("التقى بعدد من المسؤولين
    الروس", "بحث معهم تطورات معركة طرابلس"): an actor inside it is no subject."""
    return any(view.kind(k) in ("preposition", "location_prep") or _has_preposition_clitic(view.words[k].norm)
               for k in range(i + 1, j))


def _has_preposition_clitic(norm: str) -> bool:
    """بـ/لـ on a noun ("بعدد", "للقوات") or a preposition with a pronoun ("معهم", "عليه")."""
    if len(norm) > 3 and norm[0] in "بل" and norm[1:3] == "ال":
        return True
    return any(norm.startswith(p) and norm[len(p):] in ENCLITIC_PRONOUNS for p in PRONOUN_PREPOSITIONS)


# Prepositions that take a pronoun suffix, and those suffixes (normalised).
PRONOUN_PREPOSITIONS = ("مع", "علي", "الي", "من", "عن", "ل", "ب", "لدي", "ضد")
ENCLITIC_PRONOUNS = frozenset({"ه", "ها", "هم", "هما", "هن", "ك", "كم", "نا", "ي", "يه", "يها", "يهم"})


def _head_of_coordination(view: SentenceView, actor: ActorSpan) -> ActorSpan:
    """The first actor of a coordination that ends in ``actor`` ("تركيا وقطر" -> تركيا)."""
    k = view.actors.index(actor)
    while k > 0 and view.actors[k].joined:
        k -= 1
    return view.actors[k]


def _apposition_after(view: SentenceView, actor: ActorSpan) -> list[ActorSpan]:
    """"قائد الجيش الليبي المشير خليفة حفتر": a title phrase and a name side by side, one actor.

    Only mentions with the same code join: a different code next to the subject is the object.
    """
    group = [actor]
    for nxt in view.actors:
        if group[-1].last < nxt.first <= group[-1].last + 2 and _bare(nxt) and not nxt.joined \
                and nxt.code == actor.code and view.same_clause(group[-1].last, nxt.first):
            group.append(nxt)
    return group


def _first_bare_after(view: SentenceView, i: int, exclude: ActorSpan | None = None) -> ActorSpan | None:
    for a in view.actors:
        if a.first > i and _bare(a) and a is not exclude:
            return a
    return None


def _target_after(view: SentenceView, trig: TriggerView, after: int, exclude: ActorSpan | None) -> ActorSpan | None:
    """The first actor after ``after`` in the trigger's clause span that can be its target."""
    if exclude is not None and exclude in view.actors and exclude.first > trig.last:
        after = _apposition_after(view, exclude)[-1].last
    for a in view.actors:
        if a.first <= after or a is exclude or _is_place(a) or a.joined:
            continue
        if not view.same_clause(trig.last, a.first) and a.first - after > 3:
            break
        if (a.governor or "-") in trig.preps:
            if trig.type == "ACCUSE" and a.governor is None and _victim_of_condemned(view, after, a):
                continue  # "يدين قتل الطفل الفلسطيني": the victim of the event condemned
            return a
        if _owner_of_target_noun(view, trig, a):
            return a
        if a.governor is None and a.first == after + 2 and trig.pos == "verb" and a.first > trig.last \
                and not _is_number(view, after + 1):
            return a  # genitive of the verb's object noun: "يطلب دعم موسكو" asks Moscow
    return None


def _victim_of_condemned(view: SentenceView, after: int, a: ActorSpan) -> bool:
    """"دان الأمين العام قتل رضيع فلسطيني": a condemnation's object is an event; the one that
    event befell is no target of the condemnation (its doer would be)."""
    return any(k in view.patient_trigger_at for k in range(after + 1, a.first))


# Senses whose unvocalised verb before a count is passive ("قتل 15 شخصا"), and how far after
# the count word the victims' actor may stand ("26 كويتيا", "عشرات من قوات الأمن").
TOLL_MODES = frozenset({"kill", "injure", "abduct", "mass_killing"})
TOLL_REACH = 3


def _counts_victims(view: SentenceView, k: int) -> bool:
    """Whether word k opens a count of people: digits, a number word, عشرات/مئات/آلاف."""
    if k >= len(view.words):
        return False
    return _is_number(view, k) or view.words[k].norm in ("عشرات", "مئات", "الاف")


def _is_number(view: SentenceView, k: int) -> bool:
    """"نشرت الولايات المتحدة ست مقاتلات": a count before a noun owns nothing."""
    return view.words[k].norm.isdigit() or view.kind(k) == "numeral"


def _owner_of_target_noun(view: SentenceView, trig: TriggerView, a: ActorSpan) -> bool:
    """"غارات ضد مواقع لحزب العمال", "على مواقع الحوثيين", "ترحيبه بعودة المؤتمر": the owner of
    what a target preposition governs is the target (a preposition, one noun, then the actor)."""
    if a.governor not in (None, "ل") or a.first < 1:
        return False
    noun = view.words[a.first - 1].norm
    if len(noun) > 3 and noun[0] in "بل" and noun[0] in trig.preps and view.kind(a.first - 1) is None:
        return True  # "ترحيبه بعودة المؤتمر": the preposition is a clitic on the governed noun
    if a.first < 2:
        return False
    prep = view.words[a.first - 2]
    return view.kind(a.first - 2) == "preposition" and prep.norm in trig.preps and not view.actors_between(a.first - 2, a.first)


def _last_actor_before(view: SentenceView, i: int, exclude: ActorSpan | None = None) -> ActorSpan | None:
    cands = [a for a in view.actors if a.last < i and a is not exclude and not _is_place(a)]
    return cands[-1] if cands else None


def _noun_roles(view: SentenceView, trig: TriggerView, topic: ActorSpan | None = None) -> list[Roles]:
    between = _between_pair(view, trig)
    if between:
        a, b = between
        pairs = [Roles(a, b, "between")]
        if trig.type in RECIPROCAL_TYPES:
            pairs.append(Roles(b, a, "between:reciprocal"))
        return pairs
    after = _noun_roles_after(view, trig)
    if after is not None and after.target is not None:
        agent = _agent_after(view, trig)
        source, rule = (agent, "agent") if agent else _noun_source(view, trig)
        return [Roles(source, after.target, after.rule + "+" + rule)]
    if after is not None:
        source, rule = after.source, after.rule
        source_end = view.coordinated(source)[-1].last
    else:
        (source, rule), source_end = _noun_source(view, trig), trig.last
        if source is None and trig.object_pronoun and trig.type in SPEECH_ACT_TYPES:
            source, rule = _possessor(view, trig, topic)
        elif source is None and trig.type == "COOPERATE" and _prefixed_by_bi(view.words[trig.first].norm):
            source, rule = _clause_subject_before(view, trig)
    target = _target_after(view, trig, max(source_end, trig.last), exclude=source)
    if target is None and after is not None and after.rule == "noun+genitive":
        target = _masdar_object(view, source, source_end)
    if target is None and rule.startswith(("noun+possessive", "noun+adverbial")):
        # A stance with no object named ("أبدت استنكارها") is as often a reported attitude
        # as an act, and "in coordination" with nobody named is no dyad: these readings are
        # trusted only with the other party in sight.
        return []
    return [Roles(source, target, rule)]


def _prefixed_by_bi(norm: str) -> bool:
    word = norm[1:] if len(norm) > 4 and norm[0] in "وف" else norm
    return word.startswith("بال")


def _clause_subject_before(view: SentenceView, trig: TriggerView) -> tuple[ActorSpan | None, str]:
    """"قيادة الفرقة الثامنة وبالتنسيق مع طيران الجيش نفذت ...", "وكانت الحكومة المحلية وفرت
    بالتنسيق مع القوات الأمنية": "in coordination with" qualifies the act of the subject
    before it, the sentence's first actor, who is the one cooperating."""
    subject = _sentence_subject_before(view, trig)
    return (subject, "noun+adverbial:subject") if subject else (None, "noun:no-source")


def _sentence_subject_before(view: SentenceView, trig: TriggerView) -> ActorSpan | None:
    """The sentence's first bare actor before the trigger (head of its coordination)."""
    before = [a for a in view.actors if a.last < trig.first and _bare(a) and not _is_place(a)]
    return _head_of_coordination(view, before[0]) if before else None


def _possessor(view: SentenceView, trig: TriggerView, topic: ActorSpan | None) -> tuple[ActorSpan | None, str]:
    """"وتحفظت قطر على ...، مؤكدة دعمها الكامل لتركيا": the pronoun on a stance noun (support,
    condemnation, demand) is its holder, and in news prose it points back to the sentence's
    subject (its first bare actor), or to the document's topic when the sentence names none
    before it. On other nouns it is as often the patient ("اعتقاله", "استقباله"), so they
    are left to the other rules."""
    subject = _sentence_subject_before(view, trig)
    if subject is not None:
        return subject, "noun+possessive:sentence-subject"
    if topic is not None:
        return topic, "noun+possessive:topic"
    return None, "noun:no-source"


def _masdar_object(view: SentenceView, source: ActorSpan, source_end: int) -> ActorSpan | None:
    """"لقاء الرئيس السيسي الرئيسَ اليمني": a verbal noun takes its doer as genitive and may take
    a direct object right after it; a different actor there is the target."""
    nxt = next((a for a in view.actors if a.first > source_end), None)
    if nxt is not None and nxt.first == source_end + 1 and _bare(nxt) and nxt.code != source.code:
        return nxt
    return None


def _noun_roles_after(view: SentenceView, trig: TriggerView) -> Roles | None:
    """The actor right after an event noun: a nisba adjective or "لـ X" acts; a genitive acts or
    is acted on, as data/syntax/noun_genitive.tsv says for the noun's type and mode."""
    if trig.object_pronoun:
        return None  # "ترحيبه بعودة X": a noun with a possessive pronoun takes no genitive
    nxt = next((a for a in view.actors if a.first > trig.last), None)
    if nxt is None or nxt.first > trig.last + 3 or not view.same_clause(trig.last, nxt.first):
        return None
    if view.kind(trig.last + 1) == "light_verb" and view.words[trig.last + 1].norm.endswith(("ها", "ه", "هم")) \
            and _bare(nxt):
        # "غارات شنتها الطائرات التركية": the strikes Turkish planes launched; a light verb whose
        # pronoun points back to the noun opens a relative clause, and its subject acts.
        return Roles(nxt, None, "noun+relative-light-verb")
    if nxt.kind == "capital":
        return None  # "معركة طرابلس": a city after an event noun is where, not who
    patient_genitive = genitive_role(trig.type, trig.mode) == "target"
    if nxt.kind == "nisba" and patient_genitive and nxt.first > trig.last + 1:
        # "مقتل طفل فلسطيني": the adjective describes the noun after the trigger, the victim.
        return Roles(None, nxt, "noun+genitive-patient")
    if nxt.kind == "nisba" and _qualifies_the_genitive(view, trig, nxt):
        return None  # "تسوية الأزمة اليمنية": the Yemeni crisis, not a Yemeni settlement
    if nxt.kind == "nisba" or (nxt.governor == "ل" and "ل" not in trig.preps):
        return Roles(nxt, None, "noun+nisba" if nxt.kind == "nisba" else "noun+li")
    if not _bare(nxt):
        return None
    if patient_genitive:
        return Roles(None, nxt, "noun+genitive-patient")
    return Roles(nxt, None, "noun+genitive")


def _qualifies_the_genitive(view: SentenceView, trig: TriggerView, nisba: ActorSpan) -> bool:
    """An indefinite event noun in construct with a definite noun ("وساطة الأزمة السورية"): an
    adjective after that noun agrees with it, not with the event. A definite event noun
    ("الغارات الجوية التركية") or an indefinite adjective between ("غارات جوية تركية") leaves
    the adjective the event's."""
    if _definite(view.words[trig.last].norm):
        return False
    return any(_definite(view.words[k].norm) for k in range(trig.last + 1, nisba.first))


def _definite(norm: str) -> bool:
    word = norm[1:] if len(norm) > 3 and norm[0] in "وف" else norm
    return word.startswith(("ال", "بال", "لل", "كال"))


def _noun_source(view: SentenceView, trig: TriggerView) -> tuple[ActorSpan | None, str]:
    """Without an actor after the noun, the subject of a light verb before it acts ("شنت تركيا غارات")."""
    said = _speaker_of_said_noun(view, trig)
    if said is not None:
        return said, "noun:speaker"
    light = [k for k in range(max(0, trig.first - LIGHT_VERB_REACH), trig.first)
             if view.kind(k) == "light_verb" and view.same_clause(k, trig.first) and k - 1 not in view.trigger_at]
    if not light or any(light[-1] < t < trig.first for t in view.trigger_at):
        # "أعرب عن استنكاره للاعتداء": the light verb governs the first event noun after it;
        # the attack condemned is not the condemner's act. One right after an event noun
        # ("هجوم شنته قوات كردية") is that noun's relative clause and governs nothing after.
        return None, "noun:no-source"
    before = [a for a in view.actors if a.last < trig.first and _bare(a) and view.same_clause(a.last, trig.first)]
    if before:
        return _head_of_coordination(view, before[-1]), "noun:light-verb-subject"
    return None, "noun:no-source"


def _speaker_of_said_noun(view: SentenceView, trig: TriggerView) -> ActorSpan | None:
    """"أكد المسماري تورط تركيا", "أعلن رفضه": a speech-act noun right after a report verb is
    what the speaker does by saying it, so the speaker is its source."""
    if trig.type not in SPEECH_ACT_TYPES:
        return None
    verb = next((k for k in sorted(view.report_at, reverse=True) if k < trig.first and _only_actors_between(view, k, trig.first)), None)
    if verb is None:
        return None
    between = [a for a in view.actors if verb < a.first < trig.first and _bare(a)]
    if between:
        return between[0]  # VSO: أكد المسماري تورط
    before = [a for a in view.actors if a.last < verb and _bare(a)]
    return _head_of_coordination(view, before[-1]) if before else None  # SVO, across commas


def _only_actors_between(view: SentenceView, i: int, j: int, slack: int = 1) -> bool:
    """Whether words i+1 .. j-1 are all inside actor mentions, but for ``slack`` others (a day name)."""
    inside = {k for a in view.actors for k in range(a.first, a.last + 1)}
    return sum(1 for k in range(i + 1, j) if k not in inside) <= slack


@lru_cache(maxsize=1)
def _genitive_table() -> list[tuple[str, str, str]]:
    return [(r["type"], r["mode"], r["genitive"]) for _, r in read_tsv(data_path("syntax", "noun_genitive.tsv"))]


def genitive_role(etype: str, mode: str | None) -> str:
    for t, m, role in _genitive_table():
        if t in ("*", etype) and m in ("*", mode or ""):
            return role
    return "source"


def _between_pair(view: SentenceView, trig: TriggerView) -> tuple[ActorSpan, ActorSpan] | None:
    for i in range(trig.last + 1, min(len(view.words), trig.last + 4)):
        if view.kind(i) == "between":
            inside = [a for a in view.actors if a.first > i]
            if len(inside) >= 2 and inside[1].joined:
                return inside[0], inside[1]
    return None
