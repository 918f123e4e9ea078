"""Ingest: read files, annotate them, and write each paper to a store, all or nothing per paper.

Reading, annotating and mapping to quads happen in worker processes when ``jobs > 1``; writes
always happen in the calling process, one paper at a time, so the store sees a single writer.
A paper whose content is unchanged is not rewritten, so ingesting the same files again is a
no-op; an interrupted run can simply be run again.
"""

from __future__ import annotations

import glob
import multiprocessing
import signal
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..errors import ScholargraphError
from ..readers import expand_inputs, read_path
from .rdf import PaperGraph, paper_graph
from .store import GraphStore


@dataclass
class FileOutcome:
    """What preparing one input file gave: its papers' graphs, or the one-line error."""

    source: str
    papers: list[PaperGraph]
    error: str | None = None


@dataclass
class IngestReport:
    """Counts of an ingest run."""

    files: int = 0
    failed: int = 0
    written: int = 0
    unchanged: int = 0

    @property
    def papers(self) -> int:
        """Papers seen (written or unchanged)."""
        return self.written + self.unchanged


def expand_paths(paths: Iterable[str], stdin_lines: Callable[[], Iterable[str]] | None = None) -> list[str]:
    """Files from arguments: files, directories (recursively), globs, and ``-`` = paths listed on stdin."""
    names: list[str] = []
    for name in paths:
        if name == "-":
            if stdin_lines is not None:
                names.extend(line.strip() for line in stdin_lines() if line.strip())
        elif not Path(name).exists() and glob.has_magic(name):
            matches = sorted(glob.glob(name, recursive=True))
            # A glob that matches nothing is kept, so the user hears "no such file" about it.
            names.extend(matches or [name])
        else:
            names.append(name)
    return [n for n in expand_inputs(names) if n != "-"]


# -- worker side ------------------------------------------------------------------------------

_ANNOTATOR = None
_CREATED: datetime | None = None


def _init_worker(kb: str | None, created: datetime, ignore_sigint: bool) -> None:
    global _ANNOTATOR, _CREATED
    if ignore_sigint:
        # Ctrl-C is the parent's to handle; workers just get terminated.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    from ..kb import open_kb
    from ..link import Annotator

    _ANNOTATOR = Annotator(open_kb(kb))
    _CREATED = created


def prepare_file(source: str) -> FileOutcome:
    """Read, annotate and map one file (runs in a worker, or in-process when ``jobs == 1``)."""
    assert _ANNOTATOR is not None
    try:
        documents = read_path(source)
        papers = [paper_graph(d, _ANNOTATOR.annotate(d), created=_CREATED) for d in documents]
    except ScholargraphError as error:
        return FileOutcome(source, [], str(error))
    except (ValueError, UnicodeError, RecursionError, MemoryError) as error:
        # A reader or the linker tripped over this file; the run goes on with the next one.
        return FileOutcome(source, [], f"{source}: cannot ingest ({type(error).__name__}: {error})")
    return FileOutcome(source, papers)


def _outcomes(sources: list[str], kb: str | None, jobs: int, created: datetime) -> Iterator[FileOutcome]:
    if jobs <= 1 or len(sources) <= 1:
        _init_worker(kb, created, ignore_sigint=False)
        for source in sources:
            yield prepare_file(source)
        return
    # "spawn": the parent may hold an open database (threads, locks) that must not be forked.
    context = multiprocessing.get_context("spawn")
    pool = context.Pool(jobs, initializer=_init_worker, initargs=(kb, created, True))
    try:
        yield from pool.imap(prepare_file, sources, chunksize=1)
        pool.close()
    finally:
        pool.terminate()
        pool.join()


def ingest(sources: list[str], store: GraphStore, kb: str | None = None, jobs: int = 1,
           on_error: Callable[[str], None] | None = None,
           on_progress: Callable[[IngestReport], None] | None = None,
           on_paper: Callable[[str, bool], None] | None = None) -> IngestReport:
    """Ingest ``sources`` (already expanded file paths) into ``store``.

    Bad files go to ``on_error`` (one line each); ``on_paper(iri, written)`` follows every stored
    paper, ``on_progress`` every file.
    """
    report = IngestReport()
    created = datetime.now(timezone.utc)
    for outcome in _outcomes(sources, kb, jobs, created):
        report.files += 1
        if outcome.error is not None:
            report.failed += 1
            if on_error is not None:
                on_error(outcome.error)
        for paper in outcome.papers:
            written = store.write_paper(paper.iri, paper.quads, paper.digest)
            if written:
                report.written += 1
            else:
                report.unchanged += 1
            if on_paper is not None:
                on_paper(paper.iri, written)
        if on_progress is not None:
            on_progress(report)
    return report
