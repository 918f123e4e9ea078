"""The body: paragraphs in reading order, section headings, footnotes and the reference list."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from ..ids import normalize_doi
from .headings import REFERENCE_HEADINGS, Heading, continues_heading, detect_heading, normalized
from .joining import join_lines
from .layout import Line

_CAPTION_START = re.compile(r"^(?:fig(?:ure)?|table|algorithm)\.?\s*\d+\s*[:.]", re.IGNORECASE)
_NUMBERED_REFERENCE = re.compile(r"^\s*(?:\[\d{1,4}\]|\d{1,4}\.\s|\(\d{1,4}\)\s)")
_FOOTNOTE_START = re.compile(r"^\s*(?:\d{1,2}|[*∗†‡§¶])\s*\S")


@dataclass
class Block:
    """A unit of the output text: a heading, a paragraph or a reference entry."""

    kind: str  # "heading", "paragraph", "footnote", "caption" or "reference"
    text: str
    heading: Heading | None = None


def extract_doi(text: str) -> str | None:
    """The first DOI in a string, without trailing punctuation."""
    return normalize_doi(text)


def body_blocks(lines: list[Line], start: int, skip: set[int], body_size: float) -> list[Block]:
    """Turn the lines from ``start`` on (except ``skip``) into headings, paragraphs and references."""
    footnote_floor = _lowest_body_line(lines, body_size)
    blocks: list[Block] = []
    paragraph: list[Line] = []
    footnotes: list[list[Line]] = []
    references: list[Line] = []
    in_references = False
    after_references = False

    def flush() -> None:
        if paragraph:
            blocks.append(Block("paragraph", join_lines([line.text for line in paragraph])))
            paragraph.clear()
        for note in footnotes:
            kind = "caption" if _CAPTION_START.match(note[0].text) else "footnote"
            blocks.append(Block(kind, join_lines([line.text for line in note])))
        footnotes.clear()

    index = start
    while index < len(lines):
        line = lines[index]
        index += 1
        if index - 1 in skip or not line.text:
            continue
        heading = detect_heading(line, body_size, appendix=in_references or after_references)
        if in_references and heading is None:
            references.append(line)
            continue
        if heading is not None:
            flush()
            if in_references:
                blocks.extend(Block("reference", text) for text in split_references(references))
                references.clear()
                in_references, after_references = False, True
            # A heading wrapped over two lines continues on the next one.
            while index < len(lines) and continues_heading(lines[index - 1], lines[index], body_size):
                heading = Heading(f"{heading.text} {lines[index].text}", heading.level, heading.number)
                index += 1
            blocks.append(Block("heading", heading.text, heading))
            if normalized(heading.text) in REFERENCE_HEADINGS:
                in_references = True
            continue
        if not any(ch.isalnum() for ch in line.text):
            continue  # stray brackets and rules carry no text
        if _CAPTION_START.match(line.text) and paragraph and not _ends_sentence(paragraph[-1].text):
            # A caption in the middle of a paragraph (a figure between columns) is set aside
            # until the paragraph ends, like a footnote.
            caption = [line]
            while index < len(lines) and _continues_block(caption[-1], lines[index]) and index not in skip:
                if detect_heading(lines[index], body_size) is not None:
                    break
                caption.append(lines[index])
                index += 1
            footnotes.append(caption)
            continue
        if _is_footnote(line, body_size, footnote_floor):
            if footnotes and not _FOOTNOTE_START.match(line.text):
                footnotes[-1].append(line)
            else:
                footnotes.append([line])
            continue
        if paragraph and _breaks_paragraph(paragraph[-1], line):
            flush()
        paragraph.append(line)
    flush()
    if references:
        blocks.extend(Block("reference", text) for text in split_references(references))
    return blocks


def _lowest_body_line(lines: list[Line], body_size: float) -> dict[tuple[int, str], float]:
    lowest: dict[tuple[int, str], float] = defaultdict(lambda: float("inf"))
    for line in lines:
        if abs(line.size - body_size) <= 0.6 and len(line.text) > 3:
            key = (line.page, line.column)
            lowest[key] = min(lowest[key], line.y0)
    return lowest


def _is_footnote(line: Line, body_size: float, floor: dict[tuple[int, str], float]) -> bool:
    # Small print below the last line of running text in its column.
    return line.size <= 0.86 * body_size and line.y1 <= floor.get((line.page, line.column), float("inf")) + 1


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", "?", "!", ":"))


def _continues_block(previous: Line, line: Line) -> bool:
    """True when ``line`` sits right below ``previous`` in the same column, in the same type size."""
    same_place = previous.page == line.page and previous.column == line.column
    gap = previous.y0 - line.y1
    close = -0.5 * line.size <= gap <= 0.75 * line.size
    return same_place and close and abs(previous.size - line.size) <= 1.0


def _indented(line: Line) -> bool:
    return line.x0 > line.col_left + 0.6 * line.size


def _breaks_paragraph(previous: Line, line: Line) -> bool:
    """True when ``line`` starts a new paragraph rather than continuing the one ``previous`` is in."""
    if _CAPTION_START.match(line.text) or abs(previous.size - line.size) > 1.0:
        return True
    if previous.page != line.page or previous.column != line.column:
        return _indented(line)  # a paragraph runs on into the next column unless the new line is indented
    gap = previous.y0 - line.y1
    if gap < -0.5 * line.size or gap > 0.75 * line.size:
        return True
    # A first-line indent starts a paragraph; after an indented line (a list, a quote) only a
    # finished sentence does.
    return _indented(line) and (not _indented(previous) or _ends_sentence(previous.text))


def split_references(lines: list[Line]) -> list[str]:
    """Split a reference list into entries: by numbering, else by hanging indent, else by spacing."""
    if not lines:
        return []
    numbered = [bool(_NUMBERED_REFERENCE.match(line.text)) for line in lines]
    starts: list[bool]
    if sum(numbered) >= 2 and sum(numbered) >= 0.15 * len(lines):
        starts = numbered
    else:
        lefts: dict[tuple[int, str], float] = {}
        for line in lines:
            key = (line.page, line.column)
            lefts[key] = min(lefts.get(key, line.x0), line.x0)
        indented = [line.x0 > lefts[(line.page, line.column)] + 0.5 * line.size for line in lines]
        if 0.2 <= sum(indented) / len(lines) < 0.95:
            starts = [not flag for flag in indented]
        else:
            starts = [True]
            for previous, line in zip(lines, lines[1:], strict=False):
                same_column = previous.page == line.page and previous.column == line.column
                starts.append(same_column and previous.y0 - line.y1 > 0.5 * line.size)
            if sum(starts) <= 1 < len(lines):
                starts = [True] + [
                    previous.text.endswith(".") and line.text[:1].isupper()
                    for previous, line in zip(lines, lines[1:], strict=False)
                ]
    entries: list[list[str]] = []
    for line, is_start in zip(lines, starts, strict=True):
        if is_start or not entries:
            entries.append([])
        entries[-1].append(line.text)
    return [text for text in (join_lines(entry) for entry in entries) if text]
