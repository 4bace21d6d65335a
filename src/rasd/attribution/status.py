"""Who says an event happened: asserted, claimed (with who claims it), denied, or hypothetical.

Cues come from the cue lexicon (data/events/cues.tsv) as word positions in the sentence.
The rules, first match wins (each is named in the event's ``rules``):
- negation right before the trigger (لم، لن، لا، ليس، غير، عدم) -> hypothetical;
- future or intention before it in its clause (سوف، سـ on the verb, يعتزم، من المقرر) -> hypothetical;
- a condition earlier in the sentence (إذا، في حال، لو) -> hypothetical;
- a threat cue governing it ("هدد بقصف") -> hypothetical;
- a denial earlier in the sentence (نفى، تنفي) -> denied, reported by the denier;
- a report verb earlier in the sentence whose content holds the trigger (قال ... إن، أكد أن،
  ":" or a quotation), or "according to X" anywhere in it (بحسب، وفقا لـ، نقلا عن) -> claimed,
  reported by the speaker; when the speaker is also the one acting in a speech-act event
  (an accusation, a demand) the report is the event itself -> asserted;
- otherwise the outlet says it in its own voice -> asserted.
"""

from __future__ import annotations

from dataclasses import dataclass

from rasd.events.sentence import ActorSpan, SentenceView

# Event types that are themselves things said: "X said it condemns Y" asserts the condemnation.
SPEECH_ACTS = frozenset({"ACCUSE", "REQUEST", "REJECT", "THREATEN", "SUPPORT", "AGREE"})
# How close (in words) a negation or future particle must stand before the trigger.
NEGATION_REACH = 2
FUTURE_REACH = 4


@dataclass(frozen=True)
class CueAt:
    """A cue placed in the sentence: its word position and kind (report, deny, negation ...)."""

    index: int
    kind: str
    form: str = ""


@dataclass
class Status:
    status: str
    reported_by: ActorSpan | None
    rule: str


def decide_status(view: SentenceView, trig_first: int, trig_type: str, source: ActorSpan | None,
                  cues: list[CueAt], future_prefix: bool, speaker_topic: ActorSpan | None) -> Status:
    before = [c for c in cues if c.index < trig_first]
    for check in (_negated, _future, _conditional, _threatened):
        rule = check(view, trig_first, before, future_prefix)
        if rule:
            return Status("hypothetical", None, rule)
    deny = [c for c in before if c.kind == "deny"]
    if deny:
        return Status("denied", _speaker(view, deny[-1]) or speaker_topic, "deny:" + deny[-1].form)
    claim = _claim(view, trig_first, before, cues)
    if claim is not None:
        cue, speaker = claim
        speaker = speaker or (speaker_topic if cue.kind == "report" else None)
        if speaker is not None and source is not None and trig_type in SPEECH_ACTS and speaker.code == source.code:
            return Status("asserted", None, "speech-act-of-speaker")
        return Status("claimed", speaker, f"{cue.kind}:{cue.form}")
    return Status("asserted", None, "outlet-voice")


def _negated(view: SentenceView, i: int, before: list[CueAt], _future: bool) -> str | None:
    hit = [c for c in before if c.kind == "negation" and i - c.index <= NEGATION_REACH and view.same_clause(c.index, i)]
    return f"negation:{hit[-1].form}" if hit else None


def _future(view: SentenceView, i: int, before: list[CueAt], future_prefix: bool) -> str | None:
    if future_prefix:
        return "future:sa-prefix"
    hit = [c for c in before if c.kind == "future" and i - c.index <= FUTURE_REACH and view.same_clause(c.index, i)]
    return f"future:{hit[-1].form}" if hit else None


def _conditional(view: SentenceView, i: int, before: list[CueAt], _future: bool) -> str | None:
    hit = [c for c in before if c.kind == "conditional" and view.clause_of[i] - view.clause_of[c.index] <= 1]
    return f"conditional:{hit[-1].form}" if hit else None


def _threatened(view: SentenceView, i: int, before: list[CueAt], _future: bool) -> str | None:
    hit = [c for c in before if c.kind == "threat" and i - c.index <= 3]
    return f"threat:{hit[-1].form}" if hit else None


def _claim(view: SentenceView, i: int, before: list[CueAt], cues: list[CueAt]) -> tuple[CueAt, ActorSpan | None] | None:
    according = [c for c in cues if c.kind == "according"]
    if according:
        return according[0], _speaker(view, according[0])
    reports = [c for c in before if c.kind == "report" and _opens_content(view, c.index, i)]
    if reports:
        return reports[-1], _speaker(view, reports[-1])
    sources = [c for c in before if c.kind == "source"]  # مصادر، أنباء، تقارير
    if sources:
        return sources[-1], None
    return None


def _opens_content(view: SentenceView, cue: int, trig: int) -> bool:
    """Whether the trigger stands in the content of the report verb at ``cue``."""
    if view.clause_of[trig] != view.clause_of[cue]:
        return True  # a complementizer, a colon or a quotation opened a new clause after the verb
    return trig - cue > 1 and any(view.kind(k) == "complementizer" for k in range(cue + 1, trig))


def _speaker(view: SentenceView, cue: CueAt) -> ActorSpan | None:
    """Who speaks: the bare actor after the cue word (VSO, "قال المتحدث"), else the one before it."""
    for a in view.actors:
        if a.first > cue.index:
            if a.first - cue.index <= 4 and (a.governor is None or cue.kind == "according"):
                return a
            break
    before = [a for a in view.actors if a.last < cue.index and a.governor is None and view.same_clause(a.last, cue.index)]
    return before[-1] if before else None
