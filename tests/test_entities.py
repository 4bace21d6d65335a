"""Entities through the pipeline: grouping, names, places the NER model merges."""

from __future__ import annotations

import pytest

from rasd.pipeline import default_pipeline
from rasd.read.source import make_document


@pytest.fixture(scope="module")
def pipeline():
    return default_pipeline().load()


def entities(pipeline, body: str):
    doc = pipeline(make_document(where="test:1", title="خبر", body=body, published="2015-08-11"))
    return doc, {e.name_ar: e for e in doc.entities}


def test_mentions_of_one_person_are_one_entity(pipeline):
    doc, _ = entities(pipeline, "قال المشير خليفة حفتر إن الجيش مستعد. وأضاف حفتر أن المعركة مستمرة.")
    haftar = [e for e in doc.entities if e.kb_id and "haftar" in e.kb_id]
    assert len(haftar) == 1 and len(haftar[0].mentions) == 2 and haftar[0].actor == "LBY MIL"


def test_a_linked_entity_is_named_by_its_usual_form(pipeline):
    doc, _ = entities(pipeline, "أعلن تنظيم داعش الإرهابي مسؤوليته عن الهجوم.")
    isis = [e for e in doc.entities if e.kb_id == "org:isis"]
    assert isis and isis[0].name_ar == "داعش" and isis[0].name == "Islamic State (ISIS)"


def test_a_name_after_li_al_is_written_with_its_article(pipeline):
    doc, _ = entities(pipeline, "ترأس عباس اجتماعا طارئا للقيادة الفلسطينية في رام الله.")
    assert any(e.name_ar.startswith("القيادة") for e in doc.entities)


def test_every_mention_slices_the_text(pipeline):
    doc, _ = entities(pipeline, "وخرجت تظاهرات في البصرة وذي قار والحلة والنجف وكربلاء والديوانية.")
    for e in doc.entities:
        for m in e.mentions:
            assert doc.text[m.start:m.end] == m.text
    assert not any(" و" in m.text for e in doc.entities if e.type == "GPE" for m in e.mentions)


def test_a_place_the_gazetteer_knows_whole_is_one_entity(pipeline):
    doc, _ = entities(pipeline, "فضت الجهات الأمنية في المدينة المنورة أمس شجارا.")
    forms = [m.text for e in doc.entities if e.type in ("GPE", "LOC") for m in e.mentions]
    assert "المدينة المنورة" in forms and "المنورة" not in forms


def test_a_surname_alone_is_the_person_named_in_full_earlier(pipeline):
    doc, _ = entities(pipeline, "وصل وزير الخارجية السوري وليد المعلم إلى مسقط. واتفق المعلم وبن علوي على الحل.")
    moallem = [e for e in doc.entities if e.kb_id and e.actor == "SYR GOV" and e.type == "PER"]
    assert moallem and [m.text for m in moallem[0].mentions][-1] == "المعلم"
    assert any(ev.type == "AGREE" and {ev.source.code.split()[0], ev.target.code.split()[0]} == {"SYR", "OMN"}
               for ev in doc.events if ev.source and ev.target)


def test_a_surname_is_not_read_inside_other_words(pipeline):
    # "لصالح" is "in favour of", and "الحرمين الشريفين" without خادم is the holy mosques.
    doc, _ = entities(pipeline, "قال الرئيس اليمني السابق علي عبد الله صالح إن الحرب مستمرة. وصوت المجلس لصالح القرار.")
    saleh = [e for e in doc.entities if e.type == "PER" and e.kb_id]
    assert saleh and all(m.text != "صالح" for e in saleh for m in e.mentions)


def test_a_headline_surname_acts_with_the_persons_code(pipeline):
    doc = pipeline(make_document(where="test:1", title="عباس يطالب المجتمع الدولي بحماية الفلسطينيين",
                                 body="طالب الرئيس الفلسطيني محمود عباس أمس المجتمع الدولي بحماية الفلسطينيين.",
                                 published="2015-08-01"))
    headline = [e for e in doc.events if e.evidence.start < len(doc.title) and e.type == "REQUEST"]
    assert headline and all(e.source and e.source.code == "PSE GOV" for e in headline)


def test_a_facility_word_and_the_place_after_it_are_one_location(pipeline):
    doc, by_name = entities(pipeline, "وصلت السفينة إلى ميناء البريقة أمس، وقصفت الطائرات حي سومر في الموصل.")
    assert by_name["ميناء البريقة"].type == "LOC" and by_name["حي سومر"].type == "LOC"
    assert "الموصل" in by_name and by_name["الموصل"].type == "GPE"
    assert len({e.id for e in doc.entities}) == len(doc.entities)
    assert any(p.form == "البريقة" for p in doc.places)  # the place keeps the town's coordinates


def test_a_linked_entity_is_not_named_by_a_letter_abbreviation(pipeline):
    doc, _ = entities(pipeline, "وقال مصدر تركي لوكالة فرانس برس إن الطائرات وصلت.")
    afp = [e for e in doc.entities if e.kb_id == "org:afp"]
    assert afp and afp[0].name_ar == "فرانس برس"


def test_a_name_does_not_start_with_a_complementizer(pipeline):
    doc, _ = entities(pipeline, "وقال المتحدث إن صالح ما زال في صنعاء.")
    assert not any(m.text.startswith("إن ") for e in doc.entities for m in e.mentions)


def test_a_facility_word_keeps_its_proclitic_out_of_the_name(pipeline):
    _, by_name = entities(pipeline, "ورست السفينة بميناء البريقة، ثم سار الوفد في وادي المدام.")
    assert "ميناء البريقة" in by_name and by_name["ميناء البريقة"].type == "LOC"
