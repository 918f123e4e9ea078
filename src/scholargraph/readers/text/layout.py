"""Lines, paragraphs ("blocks") and page furniture of a plain-text paper.

Everything here works on offsets into the decoded text and never copies more than one
line or one block at a time, so a 50 MB file is read in linear time and bounded memory.
Page furniture (page numbers, running headers repeated on every page) cannot be cut out
of the text — offsets must stay valid — so it is only marked, and a marked line acts
like a blank line: it separates paragraphs and never becomes a heading or metadata.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

# Windows, Unix and old Mac line ends; a form feed ends a page (pdftotext writes one per page).
_LINE_BREAK = re.compile(r"\r?\n|\f|\r")
_DIGITS = re.compile(r"\d+")
_PAGE_NUMBER = re.compile(
    r"^(?:\d{1,4}|-\s*\d{1,4}\s*-|page\s+\d{1,4}(?:\s+of\s+\d{1,4})?|\d{1,4}\s*(?:/|of)\s*\d{1,4})$",
    re.IGNORECASE,
)
_FENCE = re.compile(r"\s{0,3}(```|~~~)")

#: Lines longer than this are unwrapped paragraphs: each stands alone as a block.
UNWRAPPED_LINE = 200
#: Only lines up to this length are considered as running headers.
MAX_FURNITURE_LINE = 150
#: Cap on the number of distinct short lines remembered while looking for running headers.
MAX_TRACKED_LINES = 100_000
#: Blocks with more lines than this keep only their first lines (they are body text or tables).
MAX_BLOCK_LINES = 5_000


@dataclass(slots=True)
class Block:
    """A paragraph: consecutive non-blank lines; ``lines`` are (start, end) offsets without newlines."""

    start: int
    end: int
    lines: list[tuple[int, int]] = field(default_factory=list)
    after_page_break: bool = False
    in_code: bool = False

    def text(self, source: str, limit: int | None = None) -> str:
        """The block's raw text (optionally only its first ``limit`` characters)."""
        end = self.end if limit is None else min(self.end, self.start + limit)
        return source[self.start:end]

    def line_texts(self, source: str) -> list[str]:
        """The raw text of each line."""
        return [source[s:e] for s, e in self.lines]

    @property
    def single_line(self) -> bool:
        """True when the block is one line."""
        return len(self.lines) == 1


def _iter_lines(text: str) -> Iterator[tuple[int, int, bool]]:
    """(start, end, page_break_before) per line (the line end is excluded); ``\\f`` ends a page."""
    position = 0
    page_break = False
    for match in _LINE_BREAK.finditer(text):
        yield position, match.start(), page_break
        page_break = match.group(0) == "\f"
        position = match.end()
    yield position, len(text), page_break


def _furniture_key(line: str) -> str:
    return _DIGITS.sub("#", " ".join(line.split()))


class Furniture:
    """Finds page numbers and running headers/footers (repeated short lines spread over the text)."""

    def __init__(self, text: str) -> None:
        self._keys: set[str] = set()
        # key -> [count, first offset, last offset, occurrences next to a page break]
        seen: dict[str, list[int]] = {}
        first_form: dict[str, str] = {}
        varying: set[str] = set()
        last_key: str | None = None  # the last non-blank short line
        after_break = False
        for start, end, page_break in _iter_lines(text):
            if page_break:
                if last_key is not None:
                    seen[last_key][3] += 1
                after_break = True
                last_key = None
            if end - start > MAX_FURNITURE_LINE:
                last_key = None
                after_break = False
                continue
            line = text[start:end].strip()
            if len(line) < 4:
                continue  # blank, or too short to be a running header (page numbers are matched by pattern)
            key = _furniture_key(line)
            entry = seen.get(key)
            if entry is None:
                if len(seen) >= MAX_TRACKED_LINES:
                    last_key = None
                    after_break = False
                    continue
                entry = seen[key] = [0, start, start, 0]
                first_form[key] = line
            elif first_form[key] != line:
                varying.add(key)
            entry[0] += 1
            entry[2] = start
            if after_break:
                entry[3] += 1
                after_break = False
            last_key = key
        spread = max(len(text) // 3, 1)
        for key, (count, first, last, near_break) in seen.items():
            if count < 2:
                continue
            at_page_edges = near_break >= 2 and 2 * near_break >= count
            page_label = key in varying and "page" in key.lower()
            repeated_line = (count >= 3 and last - first >= spread and key not in varying
                             and len(key.split()) >= 3)
            if at_page_edges or page_label or repeated_line:
                self._keys.add(key)

    def is_furniture(self, line: str) -> bool:
        """True for a page number or a running header/footer line (``line`` is stripped)."""
        if _PAGE_NUMBER.match(line):
            return True
        return bool(self._keys) and len(line) <= MAX_FURNITURE_LINE and _furniture_key(line) in self._keys


def iter_blocks(text: str, furniture: Furniture) -> Iterator[Block]:
    """Split the text into blocks: blank lines, page breaks and furniture lines separate them,
    and an unwrapped (very long) line stands alone."""
    current: Block | None = None
    in_code = False
    page_break_pending = False
    for start, end, page_break in _iter_lines(text):
        if page_break:
            page_break_pending = True
            if current is not None:
                yield current
                current = None
        if end - start <= MAX_FURNITURE_LINE:
            line = text[start:end]
            stripped = line.strip()
            if not stripped:
                if current is not None:
                    yield current
                    current = None
                continue
            if furniture.is_furniture(stripped):
                if current is not None:
                    yield current
                    current = None
                page_break_pending = True
                continue
            # The first non-space character first occurs where the leading whitespace ends.
            left = start + line.index(stripped[0])
            right = left + len(stripped)
            fence = stripped[0] in "`~" and _FENCE.match(stripped) is not None
        else:
            # A long line: find its extent without copying it.
            left = start
            while left < end and text[left].isspace():
                left += 1
            if left == end:
                if current is not None:
                    yield current
                    current = None
                continue
            right = end
            while right > left and text[right - 1].isspace():
                right -= 1
            fence = False
        if current is None:
            current = Block(left, right, [(left, right)], page_break_pending, in_code or fence)
            page_break_pending = False
        else:
            if len(current.lines) < MAX_BLOCK_LINES:
                current.lines.append((left, right))
            current.end = right
            current.in_code = current.in_code or in_code or fence
        if fence:
            in_code = not in_code
        if right - left > UNWRAPPED_LINE:
            yield current
            current = None
    if current is not None:
        yield current
