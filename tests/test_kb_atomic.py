"""A build that fails or is interrupted half-way leaves the previous KB exactly as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scholargraph.kb import KnowledgeBase, build_kb, builder

DATA = Path(__file__).parent / "data" / "kb"


def _snapshot(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


def _leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith("."))


@pytest.mark.parametrize("failure", [RuntimeError("simulated crash"), KeyboardInterrupt()])
def test_failure_half_way_keeps_previous_kb(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: BaseException
) -> None:
    out = tmp_path / "kb"
    build_kb([DATA / "starter_sample.jsonl"], out)
    before = _snapshot(out)
    reached: list[str] = []

    def fail_in_surface_phase(*args: object, **kwargs: object) -> None:
        reached.append("surfaces")  # the import and entity phases have run by now
        raise failure

    monkeypatch.setattr(builder, "build_surfaces", fail_in_surface_phase)
    with pytest.raises(type(failure)):
        build_kb([DATA / "labels_redirects.nt", DATA / "pairCounts.tsv"], out)
    assert reached == ["surfaces"]
    assert _snapshot(out) == before
    assert _leftovers(tmp_path) == []
    assert KnowledgeBase.open(out).entity_by_name("Focus_group") is not None


def test_failure_while_swapping_in_keeps_previous_kb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "kb"
    build_kb([DATA / "starter_sample.jsonl"], out)
    before = _snapshot(out)
    real_rename = os.rename

    def rename(src: str | Path, dst: str | Path) -> None:
        if Path(src).name.startswith(".kb.building-"):
            raise OSError("simulated failure while installing")
        real_rename(src, dst)

    monkeypatch.setattr(builder.os, "rename", rename)
    with pytest.raises(OSError, match="simulated"):
        build_kb([DATA / "labels_redirects.nt"], out)
    assert _snapshot(out) == before
    assert _leftovers(tmp_path) == []


def test_successful_rebuild_replaces_previous_kb(tmp_path: Path) -> None:
    out = tmp_path / "kb"
    first = KnowledgeBase.open(build_kb([DATA / "starter_sample.jsonl"], out))
    second = KnowledgeBase.open(build_kb([DATA / "labels_redirects.nt"], out))
    assert first.version != second.version
    assert second.entity_by_name("Focus_group") is None and second.entity_by_name("Mentorship") is not None
    assert _leftovers(tmp_path) == []


def test_sigint_to_a_build_process_keeps_previous_kb(tmp_path: Path) -> None:
    out = tmp_path / "kb"
    build_kb([DATA / "starter_sample.jsonl"], out)
    before = _snapshot(out)
    big = tmp_path / "big.nt"
    with big.open("w") as f:
        for i in range(300_000):
            label = "<http://www.w3.org/2000/01/rdf-schema#label>"
            f.write(f'<http://dbpedia.org/resource/E{i}> {label} "E {i}"@en .\n')
    script = (
        f"from scholargraph.kb import build_kb\nprint('started', flush=True)\n"
        f"build_kb([{str(big)!r}], {str(out)!r}, chunk_lines=20000)\nprint('finished', flush=True)\n"
    )
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "started"
    time.sleep(1.0)  # let it get well into the build (not a timing assertion: any moment must be safe)
    process.send_signal(signal.SIGINT)
    output, _ = process.communicate(timeout=120)
    if "finished" in output:
        pytest.skip("the build finished before the interrupt arrived")
    assert process.returncode != 0
    assert _snapshot(out) == before
    assert _leftovers(tmp_path) == []


def test_a_build_removes_what_a_killed_build_left_behind(tmp_path: Path) -> None:
    """A build killed with SIGKILL leaves its temporary directory; the next build of the same
    target removes it, but never one whose process still runs."""
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True)
    abandoned = tmp_path / ".kb.building-abandoned"
    abandoned.mkdir()
    (abandoned / "builder.pid").write_text(finished.stdout.strip())
    (abandoned / "names.marisa").write_bytes(b"half-written")
    running = tmp_path / ".kb.building-running"
    running.mkdir()
    (running / "builder.pid").write_text(str(os.getpid()))
    out = build_kb([DATA / "starter_sample.jsonl"], tmp_path / "kb")
    assert not abandoned.exists()
    assert running.exists()
    assert not (out / "builder.pid").exists()
    assert KnowledgeBase.open(out).counts["entities"] > 0
