"""Helpers for the merge phases of a build: grouping sorted fact lines, line files, tries."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby
from pathlib import Path

import marisa_trie


def grouped(lines: Iterator[str]) -> Iterator[tuple[str, list[str]]]:
    """Group sorted tab-separated lines by their first column."""
    for key, group in groupby(lines, key=lambda line: line[: line.index("\t")]):
        yield key, list(group)


def read_lines(path: Path) -> Iterator[str]:
    """The lines of a UTF-8 file written with "\n" endings, without them."""
    with path.open("r", encoding="utf-8", newline="\n") as f:
        for line in f:
            yield line[:-1]


def trie_from_lines(path: Path, out: Path, column: int | None = None) -> marisa_trie.Trie:
    """Build a marisa trie from a file's lines (or one tab-separated column), save it to ``out``."""
    lines = read_lines(path)
    keys = lines if column is None else (line.split("\t")[column] for line in lines)
    trie = marisa_trie.Trie(keys)
    trie.save(str(out))
    return trie
