"""The built-in starter KB: cached build on first use, safe under races, selected by open_kb."""

from __future__ import annotations

import multiprocessing
import shutil
from pathlib import Path

import pytest

from scholargraph.kb import KnowledgeBase, defaults, open_kb, starter_kb_path
from scholargraph.kb.check import check_starter_files

DATA = Path(__file__).parent / "data" / "kb"
SHARED_DBPEDIA = Path(__file__).resolve().parents[2] / "shared" / "dbpedia"


@pytest.fixture()
def starter_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "starter"
    directory.mkdir()
    shutil.copy(DATA / "starter_sample.jsonl", directory / "sample.jsonl")
    monkeypatch.setattr(defaults, "STARTER_DIR", directory)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("SCHOLARGRAPH_KB", raising=False)
    return directory


def test_built_once_into_the_cache_and_reused(starter_dir: Path, tmp_path: Path) -> None:
    path = starter_kb_path()
    assert path.parent == tmp_path / "cache" / "scholargraph" / "kb" and path.name.startswith("starter-")
    built_at = (path / "manifest.json").stat().st_mtime_ns
    assert starter_kb_path() == path
    assert (path / "manifest.json").stat().st_mtime_ns == built_at
    assert KnowledgeBase.open(path).entity_by_name("Focus_group") is not None


def test_editing_a_source_gives_a_new_cache_entry(starter_dir: Path) -> None:
    first = starter_kb_path()
    with (starter_dir / "sample.jsonl").open("a") as f:
        f.write(
            '{"name": "Grounded_theory", "label": "Grounded theory", "aliases": [], "abbreviations": [], '
            '"types": [], "description": "A qualitative method.", "popularity": 900, "related": []}\n'
        )
    second = starter_kb_path()
    assert second != first
    assert KnowledgeBase.open(second).entity_by_name("Grounded_theory") is not None


def _open_starter(queue: multiprocessing.Queue) -> None:
    path = starter_kb_path()
    queue.put((str(path), KnowledgeBase.open(path).version))


def test_racing_processes_share_one_complete_build(starter_dir: Path) -> None:
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    workers = [context.Process(target=_open_starter, args=(queue,)) for _ in range(3)]
    for worker in workers:
        worker.start()
    results = [queue.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=120)
        assert worker.exitcode == 0
    assert len(set(results)) == 1
    cache = Path(results[0][0]).parent
    assert [p.name for p in cache.iterdir()] == [Path(results[0][0]).name]  # no temporary leftovers


def test_open_kb_prefers_argument_then_environment_then_starter(
    starter_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scholargraph.kb import build_kb

    other = build_kb([DATA / "labels_redirects.nt"], tmp_path / "other")
    assert open_kb().path == starter_kb_path()
    monkeypatch.setenv("SCHOLARGRAPH_KB", str(other))
    assert open_kb().path == other
    assert open_kb(starter_kb_path()).path == starter_kb_path()


def test_shipped_starter_files_build_and_check_clean(tmp_path: Path) -> None:
    files = defaults.starter_sources()
    if not files:
        pytest.skip("no starter files shipped yet")
    from scholargraph.kb import build_kb

    kb = KnowledgeBase.open(build_kb(files, tmp_path / "starter"))
    assert len(kb) >= 1
    for entity_id in range(len(kb)):
        entity = kb.entity(entity_id)
        assert entity.label and entity.description, entity.name
        # every label is a surface form of its own entity
        assert entity_id in {c.entity_id for c in kb.candidates(entity.label)}, entity.name
    records = [f for f in files if f.suffix == ".jsonl"]
    report = check_starter_files(records, SHARED_DBPEDIA if SHARED_DBPEDIA.is_dir() else None)
    assert [f for f in report.findings if f.level == "error"] == []


def test_unwritable_cache_is_a_clear_error(starter_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from scholargraph.errors import KnowledgeBaseError

    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the cache directory should be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    with pytest.raises(KnowledgeBaseError, match="XDG_CACHE_HOME"):
        starter_kb_path()
