"""Role rules on hand-placed actors and triggers: word orders, passive, coordination, nouns.

The actor mentions and trigger positions are given directly, so these tests pin the role
rules alone; tests/test_events.py runs the same constructions through the whole pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass

from rasd.attribution.status import CueAt, decide_status
from rasd.events.roles import DEFAULT_TARGET_PREPS, TriggerView, find_roles
from rasd.events.sentence import build_view
from rasd.text.tokens import words


@dataclass
class Mention:
    start: int
    end: int
    text: str
    code: str
    name: str
    entity: str | None = None
    kind: str | None = None


def setup(text: str, actors: dict[str, str], trigger: str, pos="verb", passive=False, preps=DEFAULT_TARGET_PREPS,
          obj=False, kinds=None):
    """A sentence view with the given actor forms placed at their first occurrence."""
    ms = []
    for form, code in actors.items():
        i = text.index(form)
        ms.append(Mention(i, i + len(form), form, code, form, entity=form, kind=(kinds or {}).get(form)))
    ws = words(text)
    view = build_view(text, 0, len(text), ws, sorted(ms, key=lambda m: m.start))
    t = text.index(trigger)
    first = next(k for k, w in enumerate(ws) if w.start <= t < w.end)
    last = next(k for k, w in enumerate(ws) if w.start < t + len(trigger) <= w.end)
    return view, TriggerView(first, last, "X", None, pos, passive, frozenset(preps), obj)


def pairs(view, trig, topic=None):
    return [((r.source.code if r.source else None), (r.target.code if r.target else None)) for r in find_roles(view, trig, topic)]


def test_vso_with_apposition_and_object():
    view, trig = setup("طالب قائد الجيش الليبي المشير خليفة حفتر روسيا بتقديم الدعم",
                       {"قائد الجيش الليبي": "LBY MIL", "خليفة حفتر": "LBY MIL", "روسيا": "RUS None"}, "طالب")
    assert pairs(view, trig) == [("LBY MIL", "RUS None")]


def test_svo_with_coordinated_subject_and_prepositional_object():
    view, trig = setup("تركيا وقطر تمدان الميليشيات بالسلاح", {"تركيا": "TUR None", "قطر": "QAT None", "الميليشيات": "LBY REB"},
                       "تمدان", preps={"-", "ب"})
    assert pairs(view, trig) == [("TUR None", "LBY REB"), ("QAT None", "LBY REB")]


def test_passive_with_agent():
    view, trig = setup("قتل خمسة مدنيين على يد مسلحين", {"مدنيين": "None CVL", "مسلحين": "None UAF"}, "قتل", passive=True)
    assert pairs(view, trig) == [("None UAF", "None CVL")]


def test_object_pronoun_points_back():
    view, trig = setup("ظهر حفتر في القاهرة حيث استقبله الرئيس المصري",
                       {"حفتر": "LBY MIL", "القاهرة": "EGY None", "الرئيس المصري": "EGY GOV"}, "استقبله", obj=True)
    assert pairs(view, trig) == [("EGY GOV", "LBY MIL")]


def test_place_after_fi_is_not_a_role():
    view, trig = setup("قصفت الطائرات مواقع في اليمن", {"اليمن": "YEM None"}, "قصفت")
    assert pairs(view, trig) == []


def test_dropped_subject_takes_the_topic():
    view, trig = setup("واتصل بالرئيس الروسي", {"الرئيس الروسي": "RUS GOV"}, "واتصل")
    topic = view.actors[0].__class__(0, 1, 0, 0, "LBY MIL", "Haftar", "حفتر")
    assert pairs(view, trig, topic) == [("LBY MIL", "RUS GOV")]


def test_noun_trigger_with_stacked_nisba_sources_and_li_target():
    text = "دعم عسكري تركي قطري للميليشيات"
    view, trig = setup(text, {"تركي": "TUR None", "قطري": "QAT None", "ميليشيات": "LBY REB"}, "دعم", pos="noun",
                       preps={"ل"}, kinds={"تركي": "nisba", "قطري": "nisba"})
    assert pairs(view, trig) == [("TUR None", "LBY REB"), ("QAT None", "LBY REB")]


def test_clash_between_two_sides_is_two_events():
    view, trig = setup("اشتباكات بين الجيش والحوثيين", {"الجيش": "YEM MIL", "الحوثيين": "YEM REB"}, "اشتباكات", pos="noun")
    trig.type = "ASSAULT"
    assert pairs(view, trig) == [("YEM MIL", "YEM REB"), ("YEM REB", "YEM MIL")]


def status_of(text, actors, trigger, cues, future_prefix=False, ttype="ASSAULT"):
    view, trig = setup(text, actors, trigger)
    roles = find_roles(view, trig, None)
    src = roles[0].source if roles else None
    placed = [CueAt(next(k for k, w in enumerate(view.words) if w.text == form), kind, form) for form, kind in cues]
    st = decide_status(view, trig.first, ttype, src, placed, future_prefix, None)
    return st.status, (st.reported_by.code if st.reported_by else None)


def test_report_verb_with_complementizer_is_a_claim():
    got = status_of("وقال المتحدث العسكري إن الحوثيين قصفوا مأرب", {"المتحدث العسكري": "SAU MIL", "الحوثيين": "YEM REB"},
                    "قصفوا", [("وقال", "report")])
    assert got == ("claimed", "SAU MIL")


def test_negation_makes_it_hypothetical():
    assert status_of("الجيش لم يقصف المدينة", {"الجيش": "SYR MIL"}, "يقصف", [("لم", "negation")])[0] == "hypothetical"


def test_future_prefix_makes_it_hypothetical():
    assert status_of("الجيش سيقصف المدينة", {"الجيش": "SYR MIL"}, "سيقصف", [], future_prefix=True)[0] == "hypothetical"


def test_denial():
    got = status_of("نفت الحكومة أن قواتها قصفت المدينة", {"الحكومة": "IRQ GOV", "قواتها": "IRQ MIL"}, "قصفت",
                    [("نفت", "deny")])
    assert got == ("denied", "IRQ GOV")


def test_speech_act_of_the_speaker_is_asserted():
    got = status_of("وقال الوزير إن بلاده تدين الهجوم", {"الوزير": "EGY GOV", "بلاده": "EGY GOV"}, "تدين",
                    [("وقال", "report")], ttype="ACCUSE")
    assert got == ("asserted", None)


def test_outlet_voice_is_asserted():
    assert status_of("قصف الجيش المدينة", {"الجيش": "SYR MIL"}, "قصف", [])[0] == "asserted"


def test_coordinated_subjects_of_a_mutual_event_meet_each_other():
    view, trig = setup("اتفق المعلم وبن علوي على إنهاء الأزمة", {"المعلم": "SYR GOV", "بن علوي": "OMN GOV"}, "اتفق")
    trig.type = "AGREE"
    assert pairs(view, trig) == [("SYR GOV", "OMN GOV")]


def test_owner_of_the_attacked_thing_is_the_target():
    view, trig = setup("وتشن تركيا غارات جوية ضد مواقع لحزب العمال", {"تركيا": "TUR None", "حزب العمال": "TUR REB"}, "غارات",
                       pos="noun", preps={"ضد", "علي"})
    assert pairs(view, trig) == [("TUR None", "TUR REB")]

