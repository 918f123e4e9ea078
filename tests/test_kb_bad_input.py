"""Unusable sources raise InputError with one clear line, and leave no KB behind."""

from __future__ import annotations

import bz2
import gzip
from pathlib import Path

import pytest

from scholargraph.errors import InputError, KnowledgeBaseError
from scholargraph.kb import KnowledgeBase, build_kb

DATA = Path(__file__).parent / "data" / "kb"


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _assert_refused(tmp_path: Path, source: Path, fragment: str) -> None:
    out = tmp_path / "kb"
    with pytest.raises(InputError) as caught:
        build_kb([source], out)
    message = str(caught.value)
    assert fragment in message and "\n" not in message
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".kb.")] == []


def test_empty_file(tmp_path: Path) -> None:
    _assert_refused(tmp_path, _write(tmp_path / "labels.nt", b""), "empty")


def test_blank_file(tmp_path: Path) -> None:
    _assert_refused(tmp_path, _write(tmp_path / "labels.nt", b"\n\n  \n"), "empty")


def test_binary_file(tmp_path: Path) -> None:
    _assert_refused(tmp_path, _write(tmp_path / "labels.nt", bytes(range(256)) * 8), "binary")


def test_not_utf8(tmp_path: Path) -> None:
    _assert_refused(
        tmp_path, _write(tmp_path / "pairCounts.tsv", "Café\tCafé\t3\n".encode("latin-1")), "UTF-8"
    )


def test_truncated_gzip(tmp_path: Path) -> None:
    data = gzip.compress((DATA / "labels_redirects.nt").read_bytes() * 50)
    _assert_refused(tmp_path, _write(tmp_path / "labels.nt.gz", data[: len(data) // 2]), "labels.nt.gz")


def test_truncated_bzip2(tmp_path: Path) -> None:
    data = bz2.compress((DATA / "labels_redirects.nt").read_bytes() * 50)
    _assert_refused(tmp_path, _write(tmp_path / "labels.nt.bz2", data[: len(data) // 2]), "labels.nt.bz2")


def test_gzip_of_nothing(tmp_path: Path) -> None:
    _assert_refused(tmp_path, _write(tmp_path / "labels.nt.gz", gzip.compress(b"")), "empty")


def test_broken_n_triples(tmp_path: Path) -> None:
    bad = b'<http://dbpedia.org/resource/A> <http://www.w3.org/2000/01/rdf-schema#label> "unterminated .\n'
    _assert_refused(tmp_path, _write(tmp_path / "labels.nt", bad), "not valid N-Triples")


def test_broken_turtle(tmp_path: Path) -> None:
    _assert_refused(
        tmp_path,
        _write(tmp_path / "types.ttl", b"@prefix dbr: <http://dbpedia.org/resource/> .\ndbr:A dbr:b ;;; \n"),
        "not valid Turtle",
    )


def test_pair_counts_with_a_bad_count(tmp_path: Path) -> None:
    _assert_refused(
        tmp_path,
        _write(tmp_path / "pairCounts.tsv", b"AI\thttp://dbpedia.org/resource/AI\tmany\n"),
        "pairCounts.tsv:1",
    )


def test_pair_counts_with_missing_columns(tmp_path: Path) -> None:
    _assert_refused(tmp_path, _write(tmp_path / "pairCounts.tsv", b"AI\t3\nBI\n"), "pairCounts.tsv:1")


def test_starter_line_that_is_not_json(tmp_path: Path) -> None:
    good = (DATA / "starter_sample.jsonl").read_bytes()
    _assert_refused(tmp_path, _write(tmp_path / "s.jsonl", good + b'{"name": "Broken",\n'), "s.jsonl:5")


def test_starter_record_with_wrong_field_type(tmp_path: Path) -> None:
    _assert_refused(
        tmp_path, _write(tmp_path / "s.jsonl", b'{"name": "A", "aliases": "not a list"}\n'), "aliases"
    )


def test_unknown_kind_of_file(tmp_path: Path) -> None:
    _assert_refused(tmp_path, _write(tmp_path / "notes.txt", b"just some prose\n"), "cannot tell")


def test_missing_file(tmp_path: Path) -> None:
    _assert_refused(tmp_path, tmp_path / "absent.nt", "no such file")


def test_output_that_is_not_a_kb_is_not_overwritten(tmp_path: Path) -> None:
    out = tmp_path / "precious"
    out.mkdir()
    (out / "thesis.tex").write_text("do not delete")
    with pytest.raises(InputError, match="refusing"):
        build_kb([DATA / "starter_sample.jsonl"], out)
    assert (out / "thesis.tex").read_text() == "do not delete"


def test_opening_something_that_is_not_a_kb(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeBaseError):
        KnowledgeBase.open(tmp_path)
    (tmp_path / "manifest.json").write_text("{not json")
    with pytest.raises(KnowledgeBaseError):
        KnowledgeBase.open(tmp_path)


def test_kb_with_a_missing_file_is_reported(tmp_path: Path) -> None:
    out = build_kb([DATA / "starter_sample.jsonl"], tmp_path / "kb")
    (out / "candidates.bin").unlink()
    with pytest.raises(KnowledgeBaseError, match="incomplete or corrupt"):
        KnowledgeBase.open(out)


def test_newer_format_version_is_refused(tmp_path: Path) -> None:
    import json

    out = build_kb([DATA / "starter_sample.jsonl"], tmp_path / "kb")
    manifest = json.loads((out / "manifest.json").read_text())
    manifest["format_version"] = 99
    (out / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(KnowledgeBaseError, match="version 99"):
        KnowledgeBase.open(out)


def test_kb_of_the_first_format_is_refused_with_a_rebuild_hint(tmp_path: Path) -> None:
    import json

    out = build_kb([DATA / "starter_sample.jsonl"], tmp_path / "kb")
    manifest = json.loads((out / "manifest.json").read_text())
    manifest["format_version"] = 1  # written before KBs carried a spotting index
    (out / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(KnowledgeBaseError, match="rebuild it with `scholargraph kb build`"):
        KnowledgeBase.open(out)


@pytest.mark.parametrize("damage", ["spot_shards.json", "spots.000.marisa", "spot_inflected.bin"])
def test_kb_with_a_damaged_spotting_index_is_reported(tmp_path: Path, damage: str) -> None:
    out = build_kb([DATA / "starter_sample.jsonl"], tmp_path / "kb")
    if damage == "spot_inflected.bin":
        (out / damage).write_bytes((out / damage).read_bytes()[:-1])  # truncated
    else:
        (out / damage).unlink()
    with pytest.raises(KnowledgeBaseError, match="spotting index|incomplete or corrupt"):
        KnowledgeBase.open(out)


@pytest.mark.parametrize("truncate", [True, False])
def test_kb_with_damaged_link_totals_is_reported(tmp_path: Path, truncate: bool) -> None:
    out = build_kb([DATA / "starter_sample.jsonl"], tmp_path / "kb")
    damaged = out / "surface_link_total.bin"
    if truncate:
        damaged.write_bytes(damaged.read_bytes()[:-1])
    else:
        damaged.unlink()
    with pytest.raises(KnowledgeBaseError, match="corrupt|truncated"):
        KnowledgeBase.open(out)
