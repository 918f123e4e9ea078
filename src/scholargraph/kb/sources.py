"""Opening build sources: decompression, kind sniffing, checksums and read progress.

A source is one file: a DBpedia dump (N-Triples or Turtle), a DBpedia Spotlight wikistats TSV
(pairCounts, sfAndTotalCounts, uriCounts) or a starter-KB JSON-lines file, each plain, gzip or
bzip2. The kind comes from the file name when it says so, otherwise from the first lines.
"""

from __future__ import annotations

import bz2
import enum
import gzip
import hashlib
import io
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from scholargraph.errors import InputError

SNIFF_BYTES = 64 * 1024
DECOMPRESSION_ERRORS = (OSError, EOFError, zlib.error)


class SourceKind(enum.Enum):
    """What a source file holds."""

    N_TRIPLES = "n-triples"
    TURTLE = "turtle"
    PAIR_COUNTS = "pairCounts"
    SF_AND_TOTAL_COUNTS = "sfAndTotalCounts"
    URI_COUNTS = "uriCounts"
    STARTER = "starter-jsonl"


@dataclass(frozen=True)
class Source:
    """A build input: its path, compression ("gzip", "bzip2" or "") and kind."""

    path: Path
    kind: SourceKind
    compression: str


class _CountingReader(io.RawIOBase):
    """Reads a raw file, hashing every byte and reporting progress in raw (compressed) bytes."""

    def __init__(self, raw: IO[bytes], on_read: Callable[[int], None] | None) -> None:
        self._raw = raw
        self._on_read = on_read
        self.sha256 = hashlib.sha256()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self.sha256.update(data)
        if self._on_read is not None and n:
            self._on_read(n)
        return n

    def drain(self) -> None:
        """Hash whatever the decompressor left unread, so the checksum covers the whole file."""
        while self.read(1 << 20):
            pass


def _compression(path: Path) -> str:
    with path.open("rb") as f:
        magic = f.read(3)
    if magic[:2] == b"\x1f\x8b":
        return "gzip"
    if magic == b"BZh":
        return "bzip2"
    return ""


def _decompressed(raw: Any, compression: str) -> IO[bytes]:
    stream: Any
    if compression == "gzip":
        stream = gzip.GzipFile(fileobj=raw, mode="rb")
    elif compression == "bzip2":
        stream = bz2.BZ2File(raw, mode="rb")
    else:
        stream = io.BufferedReader(raw, buffer_size=1 << 20)
    return stream


def _base_name(path: Path) -> str:
    name = path.name
    for suffix in (".gz", ".bz2", ".gzip", ".bzip2"):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return name


def _kind_from_name(name: str) -> SourceKind | None:
    lowered = name.lower()
    if "paircounts" in lowered:
        return SourceKind.PAIR_COUNTS
    if "sfandtotalcounts" in lowered:
        return SourceKind.SF_AND_TOTAL_COUNTS
    if "uricounts" in lowered:
        return SourceKind.URI_COUNTS
    if lowered.endswith(".nt"):
        return SourceKind.N_TRIPLES
    if lowered.endswith((".ttl", ".turtle")):
        return SourceKind.TURTLE
    if lowered.endswith(".jsonl"):
        return SourceKind.STARTER
    return None


def _kind_from_content(path: Path, sample: str) -> SourceKind:
    lines = [line for line in sample.splitlines() if line.strip() and not line.startswith("#")]
    if not lines:
        raise InputError(f"{path}: no data lines found")
    first = lines[0].strip()
    if first.startswith("{"):
        return SourceKind.STARTER
    if first.lower().startswith(("@prefix", "@base", "prefix ", "base ")):
        return SourceKind.TURTLE
    if first.startswith(("<", "_:")) and first.endswith("."):
        return SourceKind.N_TRIPLES
    columns = first.split("\t")
    if len(columns) == 2 and columns[1].strip().lstrip("-").isdigit():
        return SourceKind.URI_COUNTS
    if len(columns) == 3 and columns[2].strip().lstrip("-").isdigit():
        if columns[1].strip().lstrip("-").isdigit():
            return SourceKind.SF_AND_TOTAL_COUNTS
        return SourceKind.PAIR_COUNTS
    raise InputError(f"{path}: cannot tell what kind of knowledge-base source this is")


def _read_sample(path: Path, compression: str) -> bytes:
    try:
        with path.open("rb") as raw, _decompressed(raw, compression) as stream:
            return stream.read(SNIFF_BYTES)
    except DECOMPRESSION_ERRORS as exc:
        raise InputError(f"{path}: cannot decompress ({compression}): {exc or 'truncated'}") from None


def check_text_sample(path: Path, sample: bytes) -> str:
    """Refuse binary or non-UTF-8 content; return the sample as text."""
    if not sample.strip():
        raise InputError(f"{path}: file is empty")
    if b"\x00" in sample:
        raise InputError(f"{path}: binary content, not a text knowledge-base source")
    try:
        return sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(sample) - 3 and len(sample) == SNIFF_BYTES:
            return sample[: exc.start].decode("utf-8")  # a character cut by the sample's end
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start})") from None


def sniff_source(path: Path) -> Source:
    """Identify one source file; raise InputError if it is missing, empty, binary or unknown."""
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    if path.stat().st_size == 0:
        raise InputError(f"{path}: file is empty")
    compression = _compression(path)
    sample = check_text_sample(path, _read_sample(path, compression))
    kind = _kind_from_name(_base_name(path)) or _kind_from_content(path, sample)
    return Source(path, kind, compression)


def expand_sources(paths: Iterable[str | Path]) -> list[Source]:
    """Sniff every path; a directory stands for the files inside it whose names say they are sources.

    Inside a directory only recognisable names count (``*.nt``, ``*.ttl``, ``*.jsonl``, ``pairCounts``,
    ``sfAndTotalCounts``, ``uriCounts``, each optionally ``.gz``/``.bz2``), so notes or READMEs next
    to the data are ignored; files named on the command line are sniffed by content as well.
    """
    sources: list[Source] = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith(".")
                           and _kind_from_name(_base_name(p)) is not None)
            if not files:
                raise InputError(f"{path}: directory holds no recognisable source files")
            sources.extend(sniff_source(p) for p in files)
        else:
            sources.append(sniff_source(path))
    if not sources:
        raise InputError("no knowledge-base sources given")
    return sources


@contextmanager
def open_source(source: Source, on_read: Callable[[int], None] | None = None
                ) -> Iterator[tuple[IO[bytes], Callable[[], str]]]:
    """Open a source for streaming: yields (decompressed binary stream, function returning the sha256).

    Decompression errors (truncated or corrupt archives) become :class:`InputError`.
    """
    with source.path.open("rb") as raw_file:
        counting = _CountingReader(raw_file, on_read)
        stream = _decompressed(counting, source.compression)

        def checksum() -> str:
            counting.drain()
            return counting.sha256.hexdigest()

        try:
            yield stream, checksum
        except DECOMPRESSION_ERRORS as exc:
            if isinstance(exc, OSError) and exc.errno is not None:
                raise  # a real I/O failure (disk full, permissions), not a corrupt archive
            reason = str(exc) or "unexpected end of data"
            raise InputError(f"{source.path}: cannot read ({reason})") from None
        finally:
            stream.close()


def text_lines(source: Source, stream: IO[bytes]) -> Iterator[tuple[int, str]]:
    """Decode a UTF-8 stream line by line, with 1-based line numbers; bad bytes -> InputError."""
    for number, raw in enumerate(stream, start=1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise InputError(f"{source.path}:{number}: not UTF-8 text") from None
        if "\x00" in line:
            raise InputError(f"{source.path}:{number}: binary content")
        yield number, line.rstrip("\r\n")
