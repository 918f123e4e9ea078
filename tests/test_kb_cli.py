"""The ``scholargraph kb`` commands: output, exit codes and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scholargraph.cli.kb import app

DATA = Path(__file__).parent / "data" / "kb"
SHARED_DBPEDIA = Path(__file__).resolve().parents[2] / "shared" / "dbpedia"


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture()
def built(tmp_path: Path, runner: CliRunner) -> Path:
    out = tmp_path / "kb"
    result = runner.invoke(
        app,
        [
            "build",
            str(DATA / "labels_redirects.nt"),
            str(DATA / "pairCounts.tsv"),
            str(DATA / "sfAndTotalCounts.tsv"),
            str(DATA / "starter_sample.jsonl"),
            "-o",
            str(out),
            "--quiet",
        ],
    )
    assert result.exit_code == 0, result.output
    return out


def test_info_lists_counts_sources_and_version(runner: CliRunner, built: Path) -> None:
    result = runner.invoke(app, ["info", str(built), "--format", "json"])
    assert result.exit_code == 0
    info = json.loads(result.stdout)
    assert info["counts"]["entities"] == 10 and info["counts"]["redirects"] == 4
    assert [s["kind"] for s in info["sources"]] == [
        "n-triples",
        "pairCounts",
        "sfAndTotalCounts",
        "starter-jsonl",
    ]
    table = runner.invoke(app, ["info", str(built)])
    assert info["kb_version"] in table.stdout and "entities:" in table.stdout


def test_lookup_json(runner: CliRunner, built: Path) -> None:
    result = runner.invoke(app, ["lookup", "MERCURY", "--kb", str(built), "--format", "json", "--limit", "2"])
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert payload["key"] == "mercury" and payload["total_candidates"] == 3
    assert [c["uri"].rsplit("/", 1)[1] for c in payload["candidates"]] == [
        "Mercury_(planet)",
        "Freddie_Mercury",
    ]
    assert payload["candidates"][0]["count"] == 120
    assert payload["link_probability"] == pytest.approx(0.19)


def test_lookup_table(runner: CliRunner, built: Path) -> None:
    result = runner.invoke(app, ["lookup", "AI", "--kb", str(built)])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert "uri" in lines[0]
    assert "http://dbpedia.org/resource/Artificial_intelligence" in lines[1] and "yes" in lines[1]


def test_lookup_of_unknown_text_prints_nothing_on_stdout(runner: CliRunner, built: Path) -> None:
    result = runner.invoke(app, ["lookup", "zzz unknown", "--kb", str(built)])
    assert result.exit_code == 0 and result.stdout == ""


def test_bad_source_is_one_line_and_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    empty = tmp_path / "labels.nt"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["build", str(empty), "-o", str(tmp_path / "kb"), "-q"])
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0 and "empty" in result.stderr
    assert not (tmp_path / "kb").exists()


def test_missing_kb_is_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["info", str(tmp_path)])
    assert result.exit_code == 2 and "not a knowledge base" in result.stderr


def test_check_fails_on_duplicates_and_empty_fields(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    lines = (DATA / "starter_sample.jsonl").read_text().splitlines()
    empty = json.loads(lines[3]) | {"name": "Interview", "description": ""}
    bad.write_text("\n".join([*lines, lines[0], json.dumps(empty)]) + "\n")
    result = runner.invoke(app, ["check", str(bad), "--format", "json", "--dbpedia", str(tmp_path / "none")])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    codes = {(f["level"], f["code"], f["subject"]) for f in report["findings"]}
    assert ("error", "duplicate", "Artificial_intelligence") in codes
    assert ("error", "empty-description", "Interview") in codes
    assert ("warning", "related-missing", "Indian_Health_Service") in codes  # Missing_page
    assert ("note", "shared-surface", "ai") in codes  # allowed, only reported
    assert any("skipped" in note for note in report["notes"])


def test_check_passes_clean_starter_files(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(DATA / "starter_sample.jsonl"), "--dbpedia", str(tmp_path)])
    assert result.exit_code == 0, result.stdout
    assert "0 errors" in result.stdout


@pytest.mark.skipif(not SHARED_DBPEDIA.is_dir(), reason="../shared/dbpedia is not available")
def test_check_against_shared_dbpedia_lists(runner: CliRunner, tmp_path: Path) -> None:
    starter = tmp_path / "s.jsonl"
    base = json.loads((DATA / "starter_sample.jsonl").read_text().splitlines()[3])
    records = [
        base | {"name": "AA-10"},  # a redirect in the shared list (lower-cased: "aa-10")
        base | {"name": "Mentorship", "aliases": [], "abbreviations": []},
        base | {"name": "Qqqzx_Wvvy", "aliases": [], "abbreviations": []},
        # "arizona" is a redirect alias (from a capitalised variant) and a redirect target in the lists.
        base | {"name": "Arizona", "aliases": [], "abbreviations": []},
    ]
    starter.write_text("".join(json.dumps(r) + "\n" for r in records))
    result = runner.invoke(app, ["check", str(starter), "--dbpedia", str(SHARED_DBPEDIA), "-f", "json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    codes = {(f["level"], f["code"], f["subject"]) for f in report["findings"]}
    assert ("error", "redirect", "AA-10") in codes
    assert ("warning", "absent", "Qqqzx_Wvvy") in codes
    assert ("warning", "case-collision", "Arizona") in codes
    assert not any(subject == "Mentorship" for _, _, subject in codes)
    assert report["dbpedia"]["listed"] == 1

    # A name verified by hand (verified_names.tsv beside the files) is a note, not an error.
    (tmp_path / "verified_names.tsv").write_text("# checked\nAA-10\tchecked against current DBpedia\n")
    result = runner.invoke(app, ["check", str(starter), "--dbpedia", str(SHARED_DBPEDIA), "-f", "json"])
    assert result.exit_code == 0
    codes = {(f["level"], f["code"], f["subject"]) for f in json.loads(result.stdout)["findings"]}
    assert ("note", "verified-redirect", "AA-10") in codes


def test_check_of_a_built_kb(runner: CliRunner, built: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(built), "--dbpedia", str(tmp_path), "-f", "json"])
    report = json.loads(result.stdout)
    assert report["entities"] == 10
    # Dump entities without a comment are only warned about.
    assert ("warning", "empty-description", "Freddie_Mercury") in {
        (f["level"], f["code"], f["subject"]) for f in report["findings"]
    }
    assert result.exit_code == 0
