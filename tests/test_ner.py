"""The NER model: features, character spans, clitic trimming, loading, and its dev score."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasd.entities.ner import NerModel, default_ner
from rasd.entities.ner_spans import CliticTrimmer, SpanRules
from rasd.entities.ner_corpora import fix_bio, join_clitics, spans, to_runtime_tokens
from rasd.entities.ner_features import FeatureCache, Lexicons, gap_feature, word_features
from rasd.errors import ResourceError
from rasd.text.tokens import words

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
LEXICONS = Lexicons({"روسيا": ("country",), "حزب": ("org_head",)}, {"روسيا": ("3", "17")})


def test_word_features_strip_clitics_and_test_word_lists():
    feats = word_features("وروسيا", LEXICONS)
    assert "w=وروسيا" in feats.own
    assert "s=روسيا" in feats.own and "p=و" in feats.own
    assert "g=country" in feats.own
    assert "c1=3" in feats.own and "c2=17" in feats.own  # word classes of the stripped reading
    assert "c=none" in word_features("كارزان", LEXICONS).own
    assert "-1:g=country" in feats.as_prev and "+1:s=روسيا" in feats.as_next


def test_word_features_normalise_spelling():
    assert word_features("إسرائيل", LEXICONS).own == word_features("اسرائيل", LEXICONS).own


def test_sentence_features_add_neighbours_and_edges():
    feats = FeatureCache(LEXICONS).sentence(["قال", "حزب", "الله"])
    assert "BOS" in feats[0] and "+1:g=org_head" in feats[0]
    assert "-1:w=قال" in feats[1] and "+1:w=الله" in feats[1]
    assert "EOS" in feats[2] and "-2:s=قال" in feats[2]


def test_feature_cache_keeps_only_known_attributes():
    cache = FeatureCache(LEXICONS, keep={"s=حزب", "w=حزب"})
    assert cache.sentence(["حزب"]) == [["w=حزب", "s=حزب", "BOS", "EOS"]]


def test_clitic_cut_uses_known_words_then_defaults():
    trim = CliticTrimmer({"روسيا", "وليد", "ليبيا", "بغداد", "الجيش", "بن"}, {})
    assert trim.cut("وروسيا") == 1
    assert trim.cut("وليد") == 0
    assert trim.cut("بغداد") == 0
    assert trim.cut("لليبيا") == 1
    assert trim.cut("للجيش") == 1  # span "لجيش": the entity stage restores the article's alef
    assert trim.cut("للقيادة") == 1  # unknown: the same
    assert trim.cut("وبن") == 1
    assert trim.cut("وكارزان") == 1  # unknown: the conjunction goes
    assert trim.cut("بالمسماري") == 1  # unknown: preposition before the article
    assert trim.cut("كارزان") == 0
    assert trim.cut("فرانس") == 0  # unknown: ف stays, too many names start with it


def test_clitic_cut_keeps_a_word_as_frequent_as_its_remainder():
    trim = CliticTrimmer({"رانس", "سام", "روسيا"}, {"فرانس": 900, "رانس": 12, "بسام": 60, "سام": 70,
                                                    "وروسيا": 40, "روسيا": 2000})
    assert trim.cut("فرانس") == 0 and trim.cut("بسام") == 0
    assert trim.cut("وروسيا") == 1


def test_wikifane_clitics_join_like_raw_text():
    pairs = [("و", "O"), ("روسيا", "B-GPE"), ("ان", "O"), ("ه", "O"), ("،", "O")]
    sentence = to_runtime_tokens(join_clitics(pairs))
    assert sentence.words == ["وروسيا", "انه"] and sentence.tags == ["B-GPE", "O"]


def test_runtime_tokens_keep_punctuation_as_gaps_and_split_like_words():
    sentence = to_runtime_tokens([("«", "O"), ("الوطن", "B-ORG"), ("»", "O"), ("21%", "O"), ("أ.ف.ب", "B-ORG")])
    assert sentence.words == ["الوطن", "21", "أ", "ف", "ب"]
    assert sentence.tags == ["B-ORG", "O", "B-ORG", "I-ORG", "I-ORG"]
    assert len(sentence.gaps) == len(sentence.words) + 1
    assert [gap_feature(g) for g in sentence.gaps] == ["<", ">", "o", ".", ".", ""]


def test_gap_features_mark_punctuation_around_words():
    feats = FeatureCache(LEXICONS).sentence(["قال", "حزب"], ["", " «", "» "])
    assert "ga=<" in feats[0] and "gb=<" in feats[1] and "ga=>" in feats[1]
    assert not any(f.startswith("gb=") for f in feats[0])


def test_bio_repair_and_spans():
    assert fix_bio(["O", "I-PER", "I-PER", "I-ORG"]) == ["O", "B-PER", "I-PER", "B-ORG"]
    assert spans(["B-PER", "I-PER", "O", "B-GPE", "B-GPE"]) == [(0, 2, "PER"), (3, 4, "GPE"), (4, 5, "GPE")]


def test_load_missing_model_raises_resource_error(tmp_path):
    with pytest.raises(ResourceError, match="E305"):
        NerModel.load(tmp_path)


@pytest.fixture(scope="module")
def model() -> NerModel:
    return default_ner()


def test_default_model_loads_once(model):
    assert default_ner() is model


def test_tag_returns_one_bio_tag_per_word(model):
    sentence = [t.text for t in words("وقال الرئيس الروسي فلاديمير بوتين في موسكو إن روسيا ستدعم الجيش")]
    tags = model.tag(sentence)
    assert len(tags) == len(sentence)
    assert all(t == "O" or t[:2] in ("B-", "I-") and t[2:] in ("PER", "ORG", "GPE", "LOC") for t in tags)
    assert model.tag([]) == []


def test_entities_are_spans_of_the_text_without_leading_clitic(model):
    text = "عنوان\nوقال فلاديمير بوتين إن موسكو وطهران تدعمان الحكومة السورية وروسيا."
    start = text.index("وقال")
    found = model.entities(text, start, len(text))
    forms = {(text[s:e], kind) for s, e, kind in found}
    assert ("فلاديمير بوتين", "PER") in forms
    assert ("موسكو", "GPE") in forms
    assert ("طهران", "GPE") in forms and ("روسيا", "GPE") in forms
    for s, e, _ in found:
        assert start <= s < e <= len(text) and text[s:e] == text[s:e].strip()


@pytest.mark.shared
def test_dev_f1_on_anercorp_is_at_least_080(model):
    if not (SHARED / "ner" / "anercorp" / "dev_data.txt").exists():
        pytest.skip("needs ../shared/ner/anercorp (developer machines only)")
    from rasd.entities.ner_corpora import read_anercorp
    from rasd.entities.ner_train import score

    dev = read_anercorp(SHARED / "ner" / "anercorp" / "dev_data.txt")
    scores = score(model, dev, merge_places=True)
    assert scores["all_f1"] >= 0.80, scores


class _FixedTagger:
    """Stands in for the CRF: returns the tags it was given, whatever the features."""

    def __init__(self, tags: list[str]):
        self.tags = tags

    def tag(self, xseq):
        assert len(xseq) == len(self.tags)
        return self.tags


def _model_with_tags(tags: list[str]) -> NerModel:
    rules = SpanRules(CliticTrimmer({"روسيا"}, {}), titles={"المشير", "الرئيس"},
                      units={"ريال", "مليون"}, places={"المدينه المنوره", "مكه المكرمه"})
    return NerModel(_FixedTagger(tags), FeatureCache(LEXICONS), rules)


def test_entities_drop_titles_and_leading_clitics():
    text = "وقال المشير خليفة حفتر إن وروسيا معنا."
    tags = ["O", "B-PER", "I-PER", "I-PER", "O", "B-GPE", "O"]
    found = _model_with_tags(tags).entities(text)
    assert [(text[s:e], kind) for s, e, kind in found] == [("خليفة حفتر", "PER"), ("روسيا", "GPE")]


def test_entities_keep_a_lone_title_word_and_respect_the_range():
    text = "عنوان. الرئيس قال"
    start = text.index("الرئيس")
    found = _model_with_tags(["B-PER", "O"]).entities(text, start, len(text))
    assert found == [(start, start + len("الرئيس"), "PER")]


def test_entities_drop_a_lone_unit_word_but_not_a_longer_name():
    text = "دفع 500 ريال ثم شاهد ريال مدريد"
    tags = ["O", "O", "B-ORG", "O", "O", "B-ORG", "I-ORG"]
    found = _model_with_tags(tags).entities(text)
    assert [(text[s:e], kind) for s, e, kind in found] == [("ريال مدريد", "ORG")]


def test_entities_widen_a_place_to_a_known_multiword_name():
    text = "وصل إلى بالمدينة المنورة ثم مكة المكرمة"
    tags = ["O", "O", "O", "B-GPE", "O", "B-GPE", "O"]
    found = _model_with_tags(tags).entities(text)
    assert [(text[s:e], kind) for s, e, kind in found] == [("المدينة المنورة", "GPE"), ("مكة المكرمة", "GPE")]


def test_entities_join_two_places_that_make_one_known_name():
    text = "في المدينة المنورة وجدة"
    found = _model_with_tags(["O", "B-GPE", "B-GPE", "B-GPE"]).entities(text)
    assert [(text[s:e], kind) for s, e, kind in found] == [("المدينة المنورة", "GPE"), ("جدة", "GPE")]
