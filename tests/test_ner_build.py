"""Building the NER word classes and word lists (train-time code), on tiny made-up data."""

from __future__ import annotations

import gzip
import json

import pytest

from rasd.entities.ner_corpora import Sentence, relabel_anercorp_places
from rasd.entities.ner_features import read_clusters, read_word_list
from rasd.entities.ner_lexicons import entity_words, write_word_list
from rasd.errors import ResourceError


def test_build_clusters_puts_words_of_like_contexts_together(tmp_path):
    pytest.importorskip("numpy")
    from rasd.entities.ner_clusters import build_clusters

    lines = []
    for i in range(60):
        lines.append(f"قال الرئيس {['بوتين', 'أوباما', 'ماكرون'][i % 3]} إن الوضع صعب")
        lines.append(f"سافر الوفد إلى {['موسكو', 'باريس', 'لندن'][i % 3]} أمس")
    corpus = tmp_path / "c.jsonl.gz"
    with gzip.open(corpus, "wt", encoding="utf-8") as f:
        for n, text in enumerate(lines):
            f.write(json.dumps({"title": "", "text": text}, ensure_ascii=False) + "\n")
    out = tmp_path / "clusters.tsv"
    assert build_clusters(corpus, out, context_size=20, sizes=(2, 4), dims=4) > 10
    classes, counts = read_clusters(out)
    assert counts["قال"] == 60
    assert classes["بوتين"] == classes["اوباما"] != classes["موسكو"]
    assert classes["موسكو"] == classes["باريس"]


def test_anercorp_places_split_into_gpe_and_loc():
    s = Sentence(["زار", "روسيا", "وجبل", "طارق", "وتل", "أبيب"],
                 ["O", "B-LOC", "B-LOC", "I-LOC", "B-LOC", "I-LOC"], [""] * 7)
    out = relabel_anercorp_places([s], loc_heads={"جبل", "تل"}, loc_names=set(), gpe_names={"تل ابيب"})
    assert out[0].tags == ["O", "B-GPE", "B-LOC", "I-LOC", "B-GPE", "I-GPE"]


def test_entity_words_leave_out_clitic_forms():
    sentences = [Sentence(["روسيا", "وروسيا", "وليد"], ["B-GPE", "B-GPE", "B-PER"], [""] * 4)] * 2
    words = entity_words(sentences)
    assert "روسيا" in words and "وليد" in words and "وروسيا" not in words
    assert "ليبيا" in words and "بغداد" in words and "فرنسا" in words  # from the place names


def test_word_lists_round_trip_and_need_a_header(tmp_path):
    path = tmp_path / "x.tsv"
    write_word_list(path, ["إيران", "مصر"], "test")
    assert read_word_list(path) == ["ايران", "مصر"]
    path.write_text("مصر\n", encoding="utf-8")
    with pytest.raises(ResourceError, match="E302"):
        read_word_list(path)
