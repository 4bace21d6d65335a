"""Readers: each format, boilerplate removal, and every kind of bad input."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from conftest import FIXTURES
from rasd.document import Document
from rasd.errors import InputError
from rasd.read import ReadOptions, read_inputs


def read_all(*paths, **opts):
    items = list(read_inputs([str(p) for p in paths], ReadOptions(**opts)))
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, InputError)]


def test_text_article_title_and_furniture():
    docs, errors = read_all(FIXTURES / "article.txt")
    assert not errors and len(docs) == 1
    doc = docs[0]
    assert doc.doc_id == "article"
    assert doc.title == "اليمن.. التحالف يشن غارات على مواقع الحوثيين في صنعاء"
    assert doc.text.startswith(doc.title)
    for furniture in ("شارك", "فيسبوك", "زر الذهاب", "اقرأ أيضا"):
        assert furniture not in doc.text
    assert doc.text.rstrip().endswith("مخازن أسلحة.")
    assert doc.language == "ar"


def test_example_article_has_no_site_furniture(example_path):
    docs, _ = read_all(example_path)
    assert "اظهر المزيد" not in docs[0].text and "زر الذهاب" not in docs[0].text
    assert docs[0].title.startswith("ليبيا.. حفتر يطلب دعم موسكو")


def test_html_article():
    docs, errors = read_all(FIXTURES / "article.html")
    assert not errors
    doc = docs[0]
    assert "يستقبل وزير الخارجية الأردني" in doc.title
    assert "ناصر جودة" in doc.text
    assert "جميع الحقوق محفوظة" not in doc.text and "الرئيسية" not in doc.text
    assert doc.published == "2015-08-06"


def _records():
    return [
        {"doc_id": "a1", "title": "عنوان أول", "text": "نص الخبر الأول عن اليمن.", "date": "2015-08-06", "source": "x"},
        {"title": "عنوان ثان", "content": "نص الخبر الثاني.", "published": "2015-08-07T09:00:00"},
    ]


def test_jsonl_plain_and_gzip(tmp_path: Path):
    lines = "\n".join(json.dumps(r, ensure_ascii=False) for r in _records()) + "\n"
    (tmp_path / "feed.jsonl").write_text(lines, encoding="utf-8")
    with gzip.open(tmp_path / "feed.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(lines)
    for name in ("feed.jsonl", "feed.jsonl.gz"):
        docs, errors = read_all(tmp_path / name)
        assert not errors
        assert [d.doc_id for d in docs][0] == "a1"
        assert docs[0].published == "2015-08-06" and docs[1].published == "2015-08-07"
        assert docs[1].doc_id.startswith("h_") and "نص الخبر الثاني" in docs[1].text


def test_missing_doc_id_is_a_stable_hash(tmp_path: Path):
    (tmp_path / "one.json").write_text(json.dumps(_records()[1], ensure_ascii=False), encoding="utf-8")
    (tmp_path / "two.json").write_text(json.dumps([_records()[1]], ensure_ascii=False), encoding="utf-8")
    ids = [read_all(tmp_path / n)[0][0].doc_id for n in ("one.json", "two.json")]
    assert ids[0] == ids[1]


def test_pretty_printed_json_object(tmp_path: Path):
    (tmp_path / "doc.json").write_text(json.dumps(_records()[0], ensure_ascii=False, indent=2), encoding="utf-8")
    docs, errors = read_all(tmp_path / "doc.json")
    assert not errors and docs[0].doc_id == "a1"


def test_directories_are_read_recursively(tmp_path: Path):
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "deeper" / "x.txt").write_text("عنوان\n\nنص عربي قصير.", encoding="utf-8")
    (tmp_path / "y.txt").write_text("عنوان آخر\n\nنص آخر.", encoding="utf-8")
    docs, _ = read_all(tmp_path)
    assert sorted(d.doc_id for d in docs) == ["x", "y"]


def test_cut_json_line_is_reported_with_its_line_and_the_rest_read(tmp_path: Path):
    good = json.dumps(_records()[0], ensure_ascii=False)
    (tmp_path / "feed.jsonl").write_text(good + "\n" + good[:25] + "\n" + good.replace("a1", "a3") + "\n", encoding="utf-8")
    docs, errors = read_all(tmp_path / "feed.jsonl")
    assert [d.doc_id for d in docs] == ["a1", "a3"]
    assert len(errors) == 1 and errors[0].where == f"{tmp_path / 'feed.jsonl'}:2"
    assert "E208" in str(errors[0])


def test_undecodable_bytes_name_the_line(tmp_path: Path):
    (tmp_path / "bad.txt").write_bytes("عنوان\n\nسطر\n".encode() + b"\xff\xfe bad\n")
    docs, errors = read_all(tmp_path / "bad.txt")
    assert not docs and errors[0].where.endswith("bad.txt:4") and "E203" in errors[0].reason


def test_binary_file_is_refused(tmp_path: Path):
    (tmp_path / "img.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    docs, errors = read_all(tmp_path / "img.txt")
    assert not docs and "E202" in errors[0].reason


def test_empty_article_is_reported(tmp_path: Path):
    (tmp_path / "empty.txt").write_text("\n \n", encoding="utf-8")
    (tmp_path / "e.jsonl").write_text(json.dumps({"title": "", "text": " "}) + "\n", encoding="utf-8")
    docs, errors = read_all(tmp_path / "empty.txt", tmp_path / "e.jsonl")
    assert not docs and len(errors) == 2 and all("E204" in e.reason for e in errors)


def test_feed_row_with_id_but_no_text_is_kept_uncoded(tmp_path: Path):
    (tmp_path / "e.jsonl").write_text(json.dumps({"doc_id": "z", "text": " ", "url": "http://x"}) + "\n")
    docs, errors = read_all(tmp_path / "e.jsonl")
    assert not errors and docs[0].doc_id == "z" and docs[0].text == "" and docs[0].language is None


def test_size_limit(tmp_path: Path):
    (tmp_path / "big.txt").write_text("عنوان\n\n" + "كلمة " * 5000, encoding="utf-8")
    docs, errors = read_all(tmp_path / "big.txt", max_bytes=10_000)
    assert not docs and "E205" in errors[0].reason
    docs, errors = read_all(tmp_path / "big.txt")
    assert len(docs) == 1 and not errors


def test_non_arabic_document_is_flagged(tmp_path: Path):
    (tmp_path / "en.txt").write_text("A title\n\nThis is an English article about the weather.", encoding="utf-8")
    docs, _ = read_all(tmp_path / "en.txt")
    assert docs[0].language == "und"


def test_unknown_extension_is_sniffed(tmp_path: Path):
    (tmp_path / "feed.data").write_text(json.dumps(_records()[0], ensure_ascii=False) + "\n", encoding="utf-8")
    docs, _ = read_all(tmp_path / "feed.data")
    assert docs[0].doc_id == "a1"


def test_inline_share_bar_at_the_start_of_a_feed_text_is_removed(tmp_path: Path):
    rec = {"doc_id": "s1", "title": "عنوان", "text": "شارك من خلال تويتر فيسبوك جوجل بلس اكتب رأيك وافق المجلس على الخطة."}
    (tmp_path / "f.jsonl").write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    docs, _ = read_all(tmp_path / "f.jsonl")
    assert "تويتر" not in docs[0].text and docs[0].text.endswith("وافق المجلس على الخطة.")
    rec["text"] = "شارك الرئيس في القمة العربية."
    (tmp_path / "f.jsonl").write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    assert read_all(tmp_path / "f.jsonl")[0][0].text.endswith("شارك الرئيس في القمة العربية.")


def test_a_trailing_keyword_list_is_found_but_a_sentence_using_the_word_is_not():
    from rasd.read.clean import tag_list_start

    text = "وتم الكشف عن هوية الفاعلين. سمات تركيا حزب العدالة قنبلة"
    assert text[tag_list_start(text):].strip().startswith("سمات تركيا")
    assert tag_list_start("قال إن سمات المرحلة واضحة. وأضاف أن الحكومة مستمرة.") is None
