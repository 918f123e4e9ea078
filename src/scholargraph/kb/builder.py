"""Build a knowledge base directory from DBpedia dumps, Spotlight wikistats and starter files.

Three streaming phases, each bounded in memory by external sorting:

1. import: every source emits entity facts (keyed by resource name) and surface facts (keyed by
   normalised surface form) into two external sorters;
2. entities: merged entity facts, one resource at a time, become entity records, redirects or
   disambiguation pages; the entity-name trie fixes the dense entity ids;
3. surfaces: merged surface facts, one key at a time, become candidate lists with counts and priors
   (targets are resolved through redirects) and the key's link probability;
4. spotting index: each surface key's spotting forms (plural, hyphen/space variants), sorted and
   stored in sharded tries, so the linker starts instantly whatever the KB size.

Everything is written into a temporary directory next to the target, which replaces the target only
when complete: an interrupted or failed build leaves the previous KB as it was.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import shutil
import tempfile
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any

from scholargraph import __version__
from scholargraph.errors import InputError
from scholargraph.kb import layout
from scholargraph.kb.build_entities import build_entities
from scholargraph.kb.build_spots import build_spots
from scholargraph.kb.build_surfaces import build_surfaces
from scholargraph.kb.facts import FactSink
from scholargraph.kb.import_rdf import import_rdf
from scholargraph.kb.import_starter import import_starter
from scholargraph.kb.import_wikistats import import_wikistats
from scholargraph.kb.progress import BuildProgress
from scholargraph.kb.sources import Source, SourceKind, expand_sources, open_source

Importer = Callable[[Source, IO[bytes], FactSink], int]
_BUILDER_PID = "builder.pid"  # in a build's temporary directory: which process owns it
_IMPORTERS: dict[SourceKind, Importer] = {
    SourceKind.N_TRIPLES: import_rdf,
    SourceKind.TURTLE: import_rdf,
    SourceKind.PAIR_COUNTS: import_wikistats,
    SourceKind.SF_AND_TOTAL_COUNTS: import_wikistats,
    SourceKind.URI_COUNTS: import_wikistats,
    SourceKind.STARTER: import_starter,
}


def build_kb(sources: Sequence[str | Path], output: str | Path, *, progress: bool = False,
             replace: bool = True, chunk_lines: int = 400_000) -> Path:
    """Build a KB from ``sources`` into the directory ``output``; return its path.

    ``replace=False`` keeps an existing KB at ``output`` (used when two processes race to build the
    same cache entry). Raises InputError for unusable sources or an ``output`` that is not a KB.
    """
    target = Path(output).absolute()
    _check_target(target)
    found = expand_sources(sources)
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_abandoned_builds(target)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
    (staging / _BUILDER_PID).write_text(str(os.getpid()), encoding="ascii")
    try:
        with BuildProgress(progress) as bars:
            _build_into(staging, found, bars, chunk_lines)
        _install(staging, target, replace)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def _remove_abandoned_builds(target: Path) -> None:
    """Delete temporary directories of earlier builds of ``target`` whose process is gone
    (a build killed with SIGKILL or by a power cut cannot clean up after itself)."""
    for staging in target.parent.glob(f".{target.name}.building-*"):
        try:
            pid = int((staging / _BUILDER_PID).read_text(encoding="ascii"))
        except (OSError, ValueError):
            continue  # not ours, or still being set up: leave it
        if not _process_alive(pid):
            shutil.rmtree(staging, ignore_errors=True)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    return True


def _check_target(target: Path) -> None:
    if target.exists():
        if not target.is_dir():
            raise InputError(f"{target}: exists and is not a directory")
        if any(target.iterdir()) and not (target / layout.MANIFEST).is_file():
            raise InputError(f"{target}: not empty and not a knowledge base; refusing to overwrite it")


def _install(staging: Path, target: Path, replace: bool) -> None:
    """Move the finished build into place; the previous KB stays intact until the last moment."""
    (staging / _BUILDER_PID).unlink(missing_ok=True)
    if not target.exists():
        try:
            os.rename(staging, target)
            return
        except OSError:
            if not target.exists():
                raise
            # Another process installed the same target meanwhile.
    if not replace:
        shutil.rmtree(staging, ignore_errors=True)
        return
    if target.is_dir() and not any(target.iterdir()):
        target.rmdir()
        os.rename(staging, target)
        return
    retired = target.parent / f".{target.name}.old-{uuid.uuid4().hex[:8]}"
    os.rename(target, retired)
    try:
        os.rename(staging, target)
    except BaseException:
        os.rename(retired, target)
        raise
    shutil.rmtree(retired, ignore_errors=True)


def _build_into(staging: Path, sources: list[Source], bars: BuildProgress,
                chunk_lines: int) -> dict[str, Any]:
    work = staging / "_work"
    work.mkdir()
    sink = FactSink(work, chunk_lines)
    source_info = [_import_source(source, sink, bars) for source in sources]
    entities = build_entities(staging, work, sink, bars)
    surfaces = build_surfaces(staging, sink, entities, bars)
    spots = build_spots(staging, work, surfaces.pop("trie"), bars, chunk_lines)
    shutil.rmtree(work)
    counts = {
        "entities": entities.count,
        "redirects": entities.redirect_count,
        "disambiguation_pages": entities.disambiguation_count,
        "surface_forms": surfaces["surface_forms"],
        "candidates": surfaces["candidates"],
        "spot_forms": spots["spot_forms"],
    }
    manifest = {
        "format": layout.FORMAT_NAME,
        "format_version": layout.FORMAT_VERSION,
        "kb_version": _content_hash(staging),
        "built_at": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "builder": f"scholargraph {__version__}",
        "counts": counts,
        "sources": source_info,
    }
    (staging / layout.MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n",
                                           encoding="utf-8")
    return manifest


def _import_source(source: Source, sink: FactSink, bars: BuildProgress) -> dict[str, Any]:
    size = source.path.stat().st_size
    task = bars.task(f"reading {source.path.name}", size)
    with open_source(source, lambda n: bars.advance(task, n)) as (stream, checksum):
        records = _IMPORTERS[source.kind](source, stream, sink)
        digest = checksum()
    bars.finish(task)
    return {"path": str(source.path.absolute()), "kind": source.kind.value,
            "compression": source.compression or "none", "bytes": size, "sha256": digest,
            "records": records}


def _content_hash(staging: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in staging.iterdir() if p.is_file() and p.name not in (layout.MANIFEST, _BUILDER_PID)):
        digest.update(path.name.encode() + b"\0")
        with path.open("rb") as f:
            while chunk := f.read(1 << 20):
                digest.update(chunk)
    return digest.hexdigest()[:16]
