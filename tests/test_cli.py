"""The rasd command end to end, through click's runner and as a real process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from conftest import FIXTURES
from rasd.cli import main
from rasd.document import Document


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_every_command_has_help():
    for cmd in [[]] + [[name] for name in main.commands]:
        result = run(*cmd, "--help")
        assert result.exit_code == 0 and "Usage" in result.output


def test_extract_example_gives_a_valid_record(example_path):
    result = run("extract", str(example_path), "--quiet")
    assert result.exit_code == 0
    record = json.loads(result.stdout.strip())
    doc = Document.from_dict(record)  # checks every span slices the text
    assert doc.doc_id == "000_cd93055940a04ed1"
    assert doc.title == example_path.read_text(encoding="utf-8").splitlines()[0].strip()
    assert "اظهر المزيد" not in doc.text and "زر الذهاب" not in doc.text
    assert len(doc.sentences) >= 12


def test_extract_dash_output_is_stdout(example_path, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("extract", str(example_path), "-o", "-", "--quiet")
    assert result.exit_code == 0 and json.loads(result.stdout)["doc_id"] == "000_cd93055940a04ed1"
    assert not (tmp_path / "-").exists()


def test_extract_reports_bad_input_and_goes_on(tmp_path: Path):
    good = json.dumps({"doc_id": "g1", "title": "عنوان", "text": "نص عربي عن الأخبار."}, ensure_ascii=False)
    (tmp_path / "feed.jsonl").write_text(good + "\n{\"doc_id\": \"cut\", \"tex\n" + good.replace("g1", "g2") + "\n")
    out = tmp_path / "out.jsonl"
    result = run("extract", str(tmp_path / "feed.jsonl"), "-o", str(out))
    assert result.exit_code == 1
    assert f"{tmp_path / 'feed.jsonl'}:2: E208" in result.stderr
    assert "processed 2 documents, skipped 1" in result.stderr
    assert [json.loads(line)["doc_id"] for line in out.read_text().splitlines()] == ["g1", "g2"]


def test_workers_give_the_same_records(tmp_path: Path):
    lines = [json.dumps({"doc_id": f"d{i}", "title": f"عنوان {i}", "text": f"قال الوزير إن الجيش قصف المدينة {i}."},
                        ensure_ascii=False) for i in range(30)]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n")
    one = run("extract", str(tmp_path / "feed.jsonl"), "-q").stdout
    two = run("extract", str(tmp_path / "feed.jsonl"), "-q", "--workers", "2").stdout
    assert one == two and len(one.splitlines()) == 30


def test_ingest_show_events(tmp_path: Path):
    db = f"sqlite:///{tmp_path / 'r.db'}"
    assert run("ingest", str(FIXTURES / "article.txt"), "--db", db, "-q").exit_code == 0
    assert run("ingest", str(FIXTURES / "article.txt"), "--db", db).stderr.count("unchanged 1") == 1
    shown = run("show", "article", "--db", db)
    assert shown.exit_code == 0 and "اليمن" in shown.output
    assert run("show", "nope", "--db", db).exit_code != 0
    assert run("events", "--db", db, "--format", "json").exit_code == 0


def test_console_script_runs_as_a_process():
    exe = Path(sys.executable).parent / "rasd"
    result = subprocess.run([str(exe), "extract", str(FIXTURES / "article.txt"), "-q"], capture_output=True, text=True)
    assert result.returncode == 0 and json.loads(result.stdout)["doc_id"] == "article"


def test_lookup_commands_explain_their_choice():
    actors = run("actors", "lookup", "وزير الخارجية الأمريكي")
    assert actors.exit_code == 0 and "USA GOV" in actors.output
    places = run("places", "lookup", "وصل الوفد إلى طرابلس الليبية")
    assert places.exit_code == 0 and "Tripoli (LBY" in places.output


def test_explain_shows_rules(tmp_path: Path):
    (tmp_path / "a.txt").write_text("عنوان\n\nقصفت الطائرات التركية مواقع حزب العمال الكردستاني في شمال العراق.", encoding="utf-8")
    result = run("explain", str(tmp_path / "a.txt"))
    assert result.exit_code == 0 and "EVENT ASSAULT" in result.output and "because lexicon:" in result.output


def test_group_commands_have_help():
    for group in ("build", "train", "actors", "places"):
        for name in main.commands[group].commands:
            assert run(group, name, "--help").exit_code == 0


def test_bench_runs_on_the_bundled_samples():
    from rasd.resources import data_path

    result = run("bench", str(data_path("samples")), "--docs", "3")
    assert result.exit_code == 0 and "documents/s on one worker" in result.output and "ratio" in result.output
