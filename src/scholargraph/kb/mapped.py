"""Memory-mapping the files of a built KB: arrays, tries and blobs, nothing read up front."""

from __future__ import annotations

import mmap
import struct
from pathlib import Path
from typing import Any, Literal

import marisa_trie
import numpy as np

from scholargraph.errors import KnowledgeBaseError


def map_array(path: Path, dtype: np.dtype[Any]) -> np.ndarray:
    """A read-only array over a little-endian array file."""
    # np.frombuffer over an mmap gives a plain read-only ndarray: slicing it is much cheaper than
    # slicing an np.memmap, which matters on the lookup path.
    data = map_bytes(path)
    if len(data) % dtype.itemsize:
        raise KnowledgeBaseError(f"{path}: size is not a multiple of {dtype.itemsize} bytes (truncated?)")
    return np.frombuffer(data, dtype=dtype)


def map_view(path: Path, code: Literal["Q", "I"]) -> memoryview[int]:
    """A memoryview of a little-endian array file; indexing it yields plain Python ints, fast."""
    data = map_bytes(path)
    size = struct.calcsize(code)
    if len(data) % size:
        raise KnowledgeBaseError(f"{path}: size is not a multiple of {size} bytes (truncated?)")
    return memoryview(data if len(data) else b"").cast("B").cast(code)


def map_bytes(path: Path) -> mmap.mmap | bytes:
    """The bytes of a file, memory-mapped (an empty file gives b"")."""
    if path.stat().st_size == 0:
        return b""
    with path.open("rb") as f:
        return mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)


def map_trie(path: Path) -> marisa_trie.Trie:
    """A marisa trie file, memory-mapped."""
    trie = marisa_trie.Trie()
    trie.mmap(str(path))
    return trie
