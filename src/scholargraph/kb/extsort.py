"""External sort of text lines: bounded memory whatever the input size.

Lines are collected into chunks of at most ``chunk_lines``; each full chunk is sorted and written
to a temporary run file; :meth:`ExternalSorter.merged` streams the k-way merge of all runs.
Lines must not contain newlines (callers escape their values with :func:`escape`).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def escape(value: str) -> str:
    """Escape a value so it can sit in one tab-separated line."""
    return value.translate(_ESCAPES)


def unescape(value: str) -> str:
    """Inverse of :func:`escape`."""
    if "\\" not in value:
        return value
    out: list[str] = []
    chars = iter(value)
    for ch in chars:
        if ch == "\\":
            nxt = next(chars, "")
            out.append({"t": "\t", "n": "\n", "r": "\r"}.get(nxt, nxt))
        else:
            out.append(ch)
    return "".join(out)


class ExternalSorter:
    """Sort an unbounded stream of lines using temporary run files in ``workdir``."""

    def __init__(self, workdir: Path, name: str, chunk_lines: int = 400_000) -> None:
        self.workdir = workdir
        self.name = name
        self.chunk_lines = chunk_lines
        self._buffer: list[str] = []
        self._runs: list[Path] = []
        self.lines = 0

    def add(self, line: str) -> None:
        """Add one line (without its newline)."""
        self._buffer.append(line)
        self.lines += 1
        if len(self._buffer) >= self.chunk_lines:
            self._flush()

    def _flush(self) -> None:
        if not self._buffer:
            return
        self._buffer.sort()
        path = self.workdir / f"{self.name}.run{len(self._runs):05d}"
        with path.open("w", encoding="utf-8", newline="\n") as out:
            out.write("\n".join(self._buffer))
            out.write("\n")
        self._runs.append(path)
        self._buffer = []

    def merged(self) -> Iterator[str]:
        """Yield every line added, in sorted order (each run file is deleted afterwards)."""
        if not self._runs:
            self._buffer.sort()
            yield from self._buffer
            self._buffer = []
            return
        self._flush()
        with ExitStack() as stack:
            files = [stack.enter_context(path.open("r", encoding="utf-8", newline="\n"))
                     for path in self._runs]
            streams = [(line.rstrip("\n") for line in f) for f in files]
            yield from heapq.merge(*streams)
        for path in self._runs:
            path.unlink(missing_ok=True)
        self._runs = []
