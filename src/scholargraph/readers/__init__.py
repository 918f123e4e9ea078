"""Readers: every input format becomes :class:`~scholargraph.document.Document` objects.

Each reader module exposes ``read(data: bytes, source: str) -> list[Document]`` and raises
:class:`~scholargraph.errors.InputError` with one clear line when the input cannot be read.
:func:`read_bytes` sniffs the content and hands it to the right reader.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..document import Document
from ..errors import InputError
from .sniff import detect_format

#: Largest input accepted in one piece; larger files are refused, not truncated.
MAX_INPUT_BYTES = 256 * 1024 * 1024

_READER_MODULES = {
    "pdf": "pdf",
    "jats": "jats",
    "pubmed": "pubmed",
    "feed": "feed",
    "tei": "tei",
    "json": "records",
    "jsonl": "records",
    "text": "text",
}

_SUFFIXES = {".txt", ".md", ".markdown", ".text", ".xml", ".nxml", ".json", ".jsonl", ".ndjson",
             ".rss", ".atom", ".pdf"}


def read_bytes(data: bytes, source: str = "-", format: str | None = None) -> list[Document]:
    """Read one input (a file's bytes) into documents, sniffing the format unless given."""
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"{source}: file too large ({len(data)} bytes; limit {MAX_INPUT_BYTES})")
    if not data.strip():
        raise InputError(f"{source}: empty input")
    kind = format or detect_format(data, source)
    if kind == "xml":
        raise InputError(f"{source}: XML of an unsupported kind (expected JATS, PubMed, GROBID TEI or RSS/Atom)")
    module_name = _READER_MODULES.get(kind)
    if module_name is None:
        raise InputError(f"{source}: unknown input format {kind!r}")
    module = importlib.import_module(f"{__name__}.{module_name}")
    documents: list[Document] = module.read(data, source)
    for document in documents:
        document.source = document.source or source
        document.format = document.format or kind
    return documents


def read_path(path: str | Path) -> list[Document]:
    """Read a file (or ``-`` for standard input) into documents."""
    if str(path) == "-":
        return read_bytes(sys.stdin.buffer.read(), "-")
    file = Path(path)
    try:
        size = file.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise InputError(f"{file}: file too large ({size} bytes; limit {MAX_INPUT_BYTES})")
        data = file.read_bytes()
    except IsADirectoryError as error:
        raise InputError(f"{file}: is a directory") from error
    except FileNotFoundError as error:
        raise InputError(f"{file}: no such file") from error
    except PermissionError as error:
        raise InputError(f"{file}: permission denied") from error
    except OSError as error:
        raise InputError(f"{file}: cannot read ({error.strerror or error})") from error
    return read_bytes(data, str(file))


def expand_inputs(paths: Iterable[str]) -> Iterator[str]:
    """Expand directories (recursively, known suffixes only, sorted) and keep files and ``-`` as given."""
    for name in paths:
        path = Path(name)
        if name != "-" and path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in _SUFFIXES and not child.name.startswith("."):
                    yield str(child)
        else:
            yield name


@dataclass
class ReadResult:
    """What reading one input gave: documents, or the error that stopped it."""

    source: str
    documents: list[Document]
    error: InputError | None = None


def read_inputs(paths: Iterable[str]) -> Iterator[ReadResult]:
    """Read every input in turn; a bad one yields its error and the others still get read."""
    for source in expand_inputs(paths):
        try:
            yield ReadResult(source, read_path(source))
        except InputError as error:
            yield ReadResult(source, [], error)


__all__ = ["MAX_INPUT_BYTES", "ReadResult", "detect_format", "expand_inputs", "read_bytes", "read_inputs",
           "read_path"]
