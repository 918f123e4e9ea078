"""Split a reference list into entries and find each entry's DOI.

Numbered lists ("1. …", "[1] …", "1 …") start a new entry only at the next expected
number, so wrapped lines and page-split continuations join the entry they belong to.
Unnumbered lists take one entry per line when every line looks like a whole reference
(it carries a year), else one per paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...document import Reference
from .clean import clean_prose, find_doi
from .headings import is_caption
from .layout import Block

_LABEL = re.compile(r"\s*(?:\[(\d{1,4})\]|(\d{1,4})\.(?=\s)|(\d{1,4})(?=\s+\S))\s*")
_BULLET = re.compile(r"\s*[-*•]\s+")
# "Surname, X." / "van Surname, Given" at the start of a line opens an author-year reference.
_AUTHOR_START = re.compile(r"\s*(?:[a-z]{1,4} ){0,2}[A-Z][^\W\d_]*(?:[-'’ ][A-Za-z][^\W\d_]*){0,3},\s+[A-Z]")
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")

#: At most this many entries are kept from one reference list.
MAX_REFERENCES = 20_000


@dataclass
class ReferenceCollector:
    """Receives the blocks after a "References" heading, one at a time, and builds the entries."""

    source: str
    entries: list[tuple[int, int]] = field(default_factory=list)
    numbered: bool | None = None
    bulleted: bool = False
    done: bool = False

    def _expected(self) -> int:
        return len(self.entries) + 1

    def _label_number(self, start: int, end: int) -> int | None:
        match = _LABEL.match(self.source, start, min(end, start + 12))
        if match is None:
            return None
        return int(next(g for g in match.groups() if g is not None))

    def add(self, block: Block) -> bool:
        """Take a block; returns False (and stops) when the block is no longer part of the list."""
        if self.done or len(self.entries) >= MAX_REFERENCES:
            self.done = True
            return False
        first = self.source[block.lines[0][0]:block.lines[0][1]]
        if is_caption(first) or first.lstrip().startswith("#"):
            self.done = True
            return False
        if self.numbered is None:
            number = self._label_number(*block.lines[0])
            self.numbered = number is not None and number <= 1
            self.bulleted = not self.numbered and _BULLET.match(first) is not None
        if self.numbered:
            return self._add_numbered(block)
        return self._add_unnumbered(block)

    def _add_numbered(self, block: Block) -> bool:
        starts_entry = self._label_number(*block.lines[0]) == self._expected()
        if not starts_entry and not self.entries:
            self.done = True
            return False
        if not starts_entry and (block.single_line and block.end - block.start < 60
                                 and not _YEAR.search(self.source, block.start, block.end)):
            # A short stand-alone line that does not continue a reference: the list is over.
            self.done = True
            return False
        for start, end in block.lines:
            if self._label_number(start, end) == self._expected():
                self.entries.append((start, end))
            elif self.entries:
                self.entries[-1] = (self.entries[-1][0], end)
        if block.lines[-1][1] != block.end:
            # The block had more lines than the layout keeps: the rest belongs to the last entry.
            self.entries[-1] = (self.entries[-1][0], block.end)
        return True

    def _add_unnumbered(self, block: Block) -> bool:
        lines = block.lines
        if self.bulleted:
            for start, end in lines:
                if _BULLET.match(self.source, start, end) or not self.entries:
                    self.entries.append((start, end))
                else:
                    self.entries[-1] = (self.entries[-1][0], end)
            return True
        if not _YEAR.search(self.source, block.start, min(block.end, block.start + 2000)):
            self.done = True
            return False
        starts = [0] + [n for n in range(1, len(lines))
                        if _AUTHOR_START.match(self.source, *lines[n]) and self._ends_entry(*lines[n - 1])]
        if len(starts) == 1 and len(lines) > 1 and all(
                _YEAR.search(self.source, s, e) and e - s > 40 for s, e in lines):
            starts = list(range(len(lines)))
        for n, first in enumerate(starts):
            last = starts[n + 1] - 1 if n + 1 < len(starts) else len(lines) - 1
            self.entries.append((lines[first][0], lines[last][1]))
        if lines[-1][1] != block.end:
            self.entries[-1] = (self.entries[-1][0], block.end)
        return True

    def _ends_entry(self, start: int, end: int) -> bool:
        line = self.source[max(start, end - 80):end].rstrip()
        return line.endswith(".") or "doi" in line.lower() or "http" in line

    def span(self) -> tuple[int, int] | None:
        """Where the list is in the text (first entry's start to last entry's end)."""
        if not self.entries:
            return None
        return (self.entries[0][0], self.entries[-1][1])

    def references(self) -> list[Reference]:
        """The entries as :class:`Reference` objects (label stripped, spaces folded)."""
        result = []
        for start, end in self.entries:
            raw = self.source[start:end]
            label = _LABEL.match(raw) if self.numbered else _BULLET.match(raw) if self.bulleted else None
            if label:
                raw = raw[label.end():]
            text = clean_prose(raw)
            if text:
                result.append(Reference(text=text, doi=find_doi(text)))
        return result

