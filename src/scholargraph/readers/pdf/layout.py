"""Lines of text in reading order, from pdfminer.six's layout analysis.

pdfminer gives text-line fragments with their characters (font, size, position).  This
module turns them into :class:`Line` objects: fragments on the same baseline of the same
column are merged, two-column pages are read left column then right column (full-width
lines such as a title or a wide table split the page into bands read top to bottom), and
running headers, footers and page numbers that repeat across pages are dropped.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from pdfminer.layout import LAParams, LTAnno, LTChar, LTFigure, LTPage, LTTextContainer, LTTextLine

#: Fonts whose names say "bold" in one of the usual ways (Times-Bold, NimbusRomNo9L-Medi, CMBX10, …).
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi|medi|cmbx|sfbx|[-,]b(?:old)?$|\bbx", re.IGNORECASE)
_CID = re.compile(r"\(cid:\d+\)")
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st",
                            "\u00ad": "", "\u00a0": " "})
#: Superscript runs are wrapped in these two characters while lines are built.
SUP_OPEN, SUP_CLOSE = "\x02", "\x03"
# A superscript number or symbol right after a word is a footnote mark ("SPECTER,2", "benchmark.1").
_FOOTNOTE_MARK = re.compile(r"(?<=\S)\x02[\d,∗*†‡§¶\s]+\x03")
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?(?:\d{1,4}|[ivxlc]{1,7})(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE)

#: Share of the page height at the top and bottom where running headers and footers live.
TOP_ZONE = 0.08
BOTTOM_ZONE = 0.085


@dataclass
class Fragment:
    """One pdfminer text line: its raw text and geometry."""

    raw: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    bold: float
    chars: int


@dataclass
class Line:
    """A line of text on a page, after merging the fragments that share its baseline.

    ``raw`` is the text as extracted (unmapped glyphs and superscripts kept: the byline's
    markers live there); ``text`` is the clean text, without footnote-marker superscripts.
    """

    raw: str
    segments: list[str]
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    bold: float
    page: int
    column: str  # "L" or "R" in a two-column band, "S" for a full-width (or single-column) line
    col_left: float = 0.0
    text: str = field(init=False)

    def __post_init__(self) -> None:
        self.text = clean_text(_FOOTNOTE_MARK.sub("", self.raw))
        self.raw = _unmark(self.raw)
        self.segments = [_unmark(segment) for segment in self.segments]

    @property
    def height(self) -> float:
        """Height of the line's box."""
        return self.y1 - self.y0


@dataclass
class Page:
    """One page: its size and its lines in reading order."""

    number: int
    width: float
    height: float
    lines: list[Line]


def clean_text(raw: str) -> str:
    """Drop unmapped glyphs (``(cid:N)``), expand ligatures and collapse white space."""
    return " ".join(_CID.sub("", _unmark(raw)).translate(_LIGATURES).split())


def _unmark(raw: str) -> str:
    return raw.replace(SUP_OPEN, "").replace(SUP_CLOSE, "")


def laparams() -> LAParams:
    """Layout parameters: analyse text inside form XObjects too (many LaTeX PDFs wrap whole pages in one)."""
    return LAParams(all_texts=True)


def page_from_layout(layout: LTPage, number: int) -> Page:
    """Build a :class:`Page` (lines in reading order) from one pdfminer page layout."""
    x0, y0, x1, y1 = layout.bbox
    width, height = x1 - x0, y1 - y0
    fragments = list(_fragments(layout, width * height))
    return Page(number, width, height, _order_lines(fragments, number, width))


def drop_running_lines(pages: list[Page]) -> tuple[list[Page], list[Line]]:
    """Remove page numbers and headers/footers that repeat across pages.

    Returns the cleaned pages and the margin lines of the first page that were kept
    out of the text because they are small print (venue, copyright), for the metadata.
    """
    def in_zone(line: Line, page: Page) -> bool:
        return line.y0 > page.height * (1 - TOP_ZONE) or line.y1 < page.height * BOTTOM_ZONE

    def key(line: Line) -> str:
        return re.sub(r"\d+", "#", line.text.lower())

    seen: Counter[str] = Counter()
    for page in pages:
        seen.update({key(line) for line in page.lines if in_zone(line, page)})
    body = body_font_size(line for page in pages for line in page.lines)
    repeat_floor = max(2.0, 0.3 * len(pages))
    margin: list[Line] = []
    cleaned = []
    for page in pages:
        kept = []
        for line in page.lines:
            if in_zone(line, page):
                if _PAGE_NUMBER.match(line.text) or not line.text or seen[key(line)] >= repeat_floor:
                    continue
                if page.number == 0 and line.size < body - 0.5:
                    margin.append(line)
                    continue
            kept.append(line)
        cleaned.append(Page(page.number, page.width, page.height, kept))
    return cleaned, margin


def body_font_size(lines: Iterable[Line]) -> float:
    """The font size most characters are set in (the running text)."""
    weights: Counter[float] = Counter()
    for line in lines:
        weights[round(line.size, 1)] += len(line.text)
    return weights.most_common(1)[0][0] if weights else 10.0


def is_bold_font(fontname: str) -> bool:
    """True when a font name says the face is bold (subset prefixes like ``ABCDEF+`` are ignored)."""
    return bool(_BOLD_FONT.search(fontname.split("+", 1)[-1]))


# --- fragments ---------------------------------------------------------------------------------

def _fragments(container: Any, page_area: float) -> Iterator[Fragment]:
    for item in container:
        if isinstance(item, LTTextLine):
            fragment = _fragment(item)
            if fragment is not None:
                yield fragment
        elif isinstance(item, LTFigure):
            # A figure as large as the page is a wrapper around the page's content; a smaller one
            # is a picture whose labels would only scatter words through the text.
            if item.width * item.height >= 0.5 * page_area:
                yield from _fragments(item, page_area)
        elif isinstance(item, LTTextContainer):
            yield from _fragments(item, page_area)


def _fragment(line: LTTextLine) -> Fragment | None:
    items = [item for item in line if isinstance(item, LTAnno) or (isinstance(item, LTChar) and item.upright)]
    # Rotated characters (side stamps such as arXiv ids) are left out.
    chars = [item for item in items if isinstance(item, LTChar)]
    if not chars:
        return None
    sizes = Counter(round(c.size, 1) for c in chars)
    main_size = sizes.most_common(1)[0][0]
    bottoms = sorted(c.y0 for c in chars if round(c.size, 1) == main_size)
    baseline = bottoms[len(bottoms) // 2]
    parts: list[str] = []
    raised = False
    for item in items:
        if isinstance(item, LTChar):
            is_sup = item.size < 0.8 * main_size and item.y0 > baseline + 0.25 * main_size
            if is_sup != raised:
                parts.append(SUP_OPEN if is_sup else SUP_CLOSE)
                raised = is_sup
            parts.append(item.get_text())
        elif parts:
            if raised:  # a space ends a superscript run, so dropping the mark keeps the space
                parts.append(SUP_CLOSE)
                raised = False
            parts.append(item.get_text())
    if raised:
        parts.append(SUP_CLOSE)
    raw = "".join(parts).replace("\n", " ").strip()
    if not _unmark(raw).strip():
        return None
    letters = [c for c in chars if c.get_text().isalpha()] or chars
    bold = sum(1 for c in letters if is_bold_font(c.fontname)) / len(letters)
    return Fragment(raw, min(c.x0 for c in chars), min(c.y0 for c in chars), max(c.x1 for c in chars),
                    max(c.y1 for c in chars), sizes.most_common(1)[0][0], bold, len(chars))


# --- columns and reading order -------------------------------------------------------------------

def _gutter(fragments: list[Fragment], width: float) -> float | None:
    """The x position of a two-column page's gutter, or None for a one-column page."""
    textual = [f for f in fragments if f.chars >= 3]
    if len(textual) < 8:
        return None
    candidates = [width * 0.3 + step * 2.0 for step in range(int(width * 0.4 / 2.0))]
    if not candidates:
        return None
    crossings = [sum(1 for f in textual if f.x0 < x - 1 and f.x1 > x + 1) for x in candidates]
    least = min(crossings)
    # The middle of the longest run of positions crossed by the fewest lines.
    best_start, best_len, run_start = 0, 0, None
    for i, count in enumerate(crossings + [least + 1]):
        if count == least and run_start is None:
            run_start = i
        elif count != least and run_start is not None:
            if i - run_start > best_len:
                best_start, best_len = run_start, i - run_start
            run_start = None
    gutter = candidates[best_start + best_len // 2]
    left = sum(f.chars for f in textual if f.x1 <= gutter + 1)
    right = sum(f.chars for f in textual if f.x0 >= gutter - 1)
    total = sum(f.chars for f in textual)
    n_left = sum(1 for f in textual if f.x1 <= gutter + 1)
    n_right = sum(1 for f in textual if f.x0 >= gutter - 1)
    if n_left >= 4 and n_right >= 4 and left >= 0.15 * total and right >= 0.15 * total and least <= 0.3 * len(
        textual
    ):
        return gutter
    return None


def _overlaps(a: Fragment | Line, b: Fragment | Line) -> bool:
    """True when two boxes share at least half of the smaller one's height."""
    shared = min(a.y1, b.y1) - max(a.y0, b.y0)
    return shared >= 0.5 * min(a.y1 - a.y0, b.y1 - b.y0)


def _order_lines(fragments: list[Fragment], number: int, width: float) -> list[Line]:
    gutter = _gutter(fragments, width)
    columns: dict[int, str] = {}
    for i, f in enumerate(fragments):
        if gutter is None:
            columns[i] = "S"
        elif f.x1 <= gutter + 1:
            columns[i] = "L"
        elif f.x0 >= gutter - 1:
            columns[i] = "R"
        else:
            columns[i] = "S"
    # A column fragment beside a full-width one is part of that full-width row (e.g. an author list).
    spanning = [f for i, f in enumerate(fragments) if columns[i] == "S"]
    for i, f in enumerate(fragments):
        if columns[i] != "S" and any(_overlaps(f, s) for s in spanning):
            columns[i] = "S"

    groups: dict[str, list[Fragment]] = defaultdict(list)
    for i, f in enumerate(fragments):
        groups[columns[i]].append(f)
    lines: list[Line] = []
    for column, members in groups.items():
        lines.extend(_merge_rows(members, column, number))

    lefts: dict[str, float] = {}
    for column in ("L", "R", "S"):
        xs = [line.x0 for line in lines if line.column == column and len(line.text) > 20]
        if not xs:
            xs = [line.x0 for line in lines if line.column == column]
        if xs:
            lefts[column] = _left_edge(xs)
    for line in lines:
        line.col_left = lefts.get(line.column, line.x0)

    ordered: list[Line] = []
    band: list[Line] = []
    for line in sorted(lines, key=lambda item: -item.y1):
        if line.column == "S":
            ordered.extend(_band_order(band))
            band = []
            ordered.append(line)
        else:
            band.append(line)
    ordered.extend(_band_order(band))
    return ordered


def _left_edge(xs: list[float]) -> float:
    """The x where most lines of a column start (robust to a few outdented ones)."""
    counts = Counter(round(x) for x in xs)
    common = counts.most_common(1)[0][0]
    return float(min([x for x in counts if abs(x - common) <= 1.5] + [common]))


def _band_order(band: list[Line]) -> list[Line]:
    left = sorted((line for line in band if line.column == "L"), key=lambda item: -item.y1)
    right = sorted((line for line in band if line.column == "R"), key=lambda item: -item.y1)
    return left + right


def _merge_rows(fragments: list[Fragment], column: str, number: int) -> list[Line]:
    rows: list[list[Fragment]] = []
    for f in sorted(fragments, key=lambda item: -(item.y0 + item.y1) / 2):
        for row in rows:
            if _overlaps(f, row[0]):
                row.append(f)
                break
        else:
            rows.append([f])
    lines = []
    for row in rows:
        row.sort(key=lambda item: item.x0)
        segments: list[str] = [row[0].raw]
        raw = row[0].raw
        for previous, current in zip(row, row[1:], strict=False):
            gap = current.x0 - previous.x1
            size = max(previous.size, current.size)
            if gap > 2.0 * size:
                segments.append(current.raw)
            else:
                segments[-1] += " " + current.raw
            raw += " " + current.raw
        chars = sum(f.chars for f in row)
        weights: Counter[float] = Counter()
        for f in row:
            weights[f.size] += f.chars
        size = weights.most_common(1)[0][0]
        bold = sum(f.bold * f.chars for f in row) / chars
        lines.append(Line(raw, segments, min(f.x0 for f in row), min(f.y0 for f in row),
                          max(f.x1 for f in row), max(f.y1 for f in row), size, bold, number, column))
    return lines
