"""The built-in starter KB (built from the shipped JSON-lines files on first use) and KB selection."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from scholargraph.errors import KnowledgeBaseError
from scholargraph.kb import layout
from scholargraph.kb.builder import build_kb
from scholargraph.kb.store import KnowledgeBase

STARTER_DIR = Path(__file__).with_name("starter")
KB_ENV = "SCHOLARGRAPH_KB"


#: Link statistics counted on the project's own gold-annotated abstracts (see scripts/fit_linker.py).
STARTER_LINK_COUNTS = "sfAndTotalCounts.gold.tsv"


def starter_sources() -> list[Path]:
    """The shipped starter-KB source files, sorted: the entity files and their link statistics."""
    counts = STARTER_DIR / STARTER_LINK_COUNTS
    return sorted(STARTER_DIR.glob("*.jsonl")) + ([counts] if counts.is_file() else [])


def _cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "scholargraph" / "kb"


def starter_kb_path() -> Path:
    """Directory of the built starter KB, building it first if this version is not cached yet.

    The cache entry is named after a hash of the source files and the KB format version, so editing a
    starter file yields a fresh build. Building goes through a temporary directory and a rename, so two
    processes racing here both end up with one complete KB.
    """
    sources = starter_sources()
    if not sources:
        raise KnowledgeBaseError(f"no starter knowledge-base files in {STARTER_DIR}")
    digest = hashlib.sha256(f"{layout.FORMAT_NAME}/{layout.FORMAT_VERSION}".encode())
    for source in sources:
        digest.update(source.name.encode() + b"\0")
        digest.update(source.read_bytes())
        digest.update(b"\0")
    target = _cache_root() / f"starter-{digest.hexdigest()[:16]}"
    if not (target / layout.MANIFEST).is_file():
        try:
            build_kb(sources, target, replace=False)
        except OSError as exc:
            raise KnowledgeBaseError(f"cannot build the starter knowledge base in {target.parent} ({exc}); "
                                     "set XDG_CACHE_HOME to a writable directory") from None
    return target


def open_kb(path: str | Path | None = None) -> KnowledgeBase:
    """Open the KB at ``path``; without one, ``$SCHOLARGRAPH_KB`` or else the starter KB."""
    if path is None:
        path = os.environ.get(KB_ENV) or None
    if path is None:
        path = starter_kb_path()
    return KnowledgeBase.open(path)
