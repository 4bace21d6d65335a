"""The Arabic text layer: normalisation, sentences, tokens and clitics keep offsets."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.text.normalize import normalize, normalize_phrase, normalize_with_map, strip_proclitics
from rasd.text.sentences import split_sentences
from rasd.text.tokens import split_clitics, words

arabicish = st.text(alphabet=st.sampled_from(list("ابتثجحخدذرسشصضطظعغفقكلمنهويىةأإآؤئءًٌٍَُِّْـ٠١٢٣ .،؛؟!«»“”\n\t:0123456789abc")), max_size=300)


@given(st.text(max_size=300))
def test_normalisation_is_idempotent_on_any_unicode(s):
    assert normalize(normalize(s)) == normalize(s)
    assert normalize_phrase(normalize_phrase(s)) == normalize_phrase(s)


@given(st.one_of(st.text(max_size=300), arabicish))
def test_sentence_spans_slice_the_text_in_order(s):
    spans = split_sentences(s)
    last = 0
    for start, end in spans:
        assert last <= start < end <= len(s)
        assert s[start:end] == s[start:end].strip()
        last = end


@settings(max_examples=200)
@given(st.one_of(st.text(max_size=200), arabicish))
def test_tokens_and_clitic_pieces_slice_the_text(s):
    for tok in words(s):
        assert s[tok.start:tok.end] == tok.text and tok.norm == normalize(tok.text)
        pieces = split_clitics(tok)
        assert pieces and pieces[0].start == tok.start and pieces[-1].end == tok.end
        for a, b in zip(pieces, pieces[1:]):
            assert a.end == b.start
        for p in pieces:
            assert s[p.start:p.end] == p.text


@given(arabicish)
def test_normalize_with_map_points_back_into_the_text(s):
    norm, index = normalize_with_map(s)
    assert len(norm) == len(index)
    for ch, i in zip(norm, index):
        assert normalize(s[i]) == ch


def test_normalisation_rules():
    assert normalize("أَحْمَد إبراهيم آمنة") == "احمد ابراهيم امنه"
    assert normalize("مستشفى الــرئيس") == "مستشفي الرييس"
    assert normalize("عام ٢٠١٥") == "عام 2015"
    assert normalize("سُئِلَ مؤتمر") == "سيل موتمر"


def test_stored_text_is_untouched_by_matching():
    s = "قُتِلَ ٣ أشخاص"
    assert [t.text for t in words(s)] == ["قُتِلَ", "٣", "أشخاص"]


def test_sentences_of_news_text():
    text = "وقال المتحدث: «لن نتراجع. سنواصل القتال». وأضاف أن الوضع هادئ.\nعنوان فرعي بلا نقطة\nقتل 3.5 آلاف. د. أحمد حاضر."
    got = [text[s:e] for s, e in split_sentences(text)]
    assert got == ["وقال المتحدث: «لن نتراجع. سنواصل القتال».", "وأضاف أن الوضع هادئ.", "عنوان فرعي بلا نقطة",
                   "قتل 3.5 آلاف.", "د. أحمد حاضر."]


def test_semicolon_does_not_cut_a_clause_from_its_negation():
    text = "لن تقفا ساكتتين حيال المعركة؛ سواء بدعم الميليشيات."
    assert len(split_sentences(text)) == 1


def test_clitic_splitting():
    def pieces(w, known=None):
        return [(p.kind, p.text) for p in split_clitics(words(w)[0], known)]

    assert pieces("وبالجيش") == [("proclitic", "و"), ("proclitic", "ب"), ("article", "ال"), ("stem", "جيش")]
    assert pieces("للجيش")[-1] == ("stem", "جيش")
    assert pieces("استقبله", {"استقبل"}) == [("stem", "استقبل"), ("enclitic", "ه")]
    assert pieces("وبتركيا", {"تركيا"}) == [("proclitic", "و"), ("proclitic", "ب"), ("stem", "تركيا")]
    assert pieces("وزير", {"وزير"}) == [("stem", "وزير")]


def test_strip_proclitics_readings():
    assert [f for f, _ in strip_proclitics("وبالجيش")] == ["وبالجيش", "بالجيش", "الجيش", "جيش"]
    assert ("الجيش", 0) in strip_proclitics("للجيش")
