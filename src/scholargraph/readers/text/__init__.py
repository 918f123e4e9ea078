"""Plain-text and Markdown papers, including PDF-to-text conversions.

``Document.text`` is the input exactly as decoded: nothing is removed or normalised, so
every offset (sections, the abstract span, the reference-list span) slices the original
file.  Metadata values are cleaned copies.  Nothing is invented: a bare abstract gets an
abstract and no title, authors or date.

The file is read in one pass over its lines for page furniture and one pass over its
paragraphs ("blocks"); only the first :data:`FRONT_BLOCKS` blocks are kept for the
front matter, the rest stream through the heading and reference detectors.

Decisions worth knowing:

* A repository cover sheet wins over the paper's own citation line: journal "Academic
  Medicine" (not "Acad Med") and issue "11S" (not "11 Suppl").  Without a cover sheet
  the citation line's values are used as written.
* Section levels: Markdown ``#`` count; numbered headings by depth ("2.1" → 2); known
  section names and ALL-CAPS lines 1; other Title Case lines 2 once a level-1 heading
  has been seen.  A section runs to the next heading of the same or a higher level.
* The "Abstract" and "Keywords" blocks of the front matter are not sections; the
  abstract has ``abstract_span`` (the abstract body, label excluded).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import chain, islice

from ...dates import parse_date
from ...document import AbstractPart, Author, Document, Metadata, Reference, Section
from ...errors import InputError
from ..decode import decode_text
from .abstract import (
    abstract_label_end,
    keywords_body,
    labelled_parts,
    split_keywords,
    starts_with_part_label,
)
from .byline import is_disclosure, is_front_furniture, parse_author_line, read_byline, split_name
from .clean import clean_prose, clean_value, find_doi, strip_markdown
from .cover import CoverSheet, read_cover, read_final_form
from .frontmatter import read_front_matter
from .headings import (
    REFERENCE_HEADINGS,
    Heading,
    atx_heading,
    is_caption,
    looks_like_prose,
    normalized_name,
    plain_heading,
    setext_heading,
)
from .layout import Block, Furniture, iter_blocks
from .references import ReferenceCollector

#: Blocks kept in memory for the front matter (title, byline, abstract, keywords).
FRONT_BLOCKS = 300
#: At most this many headings are recognised in one file.
MAX_HEADINGS = 5_000
#: At most this many short stand-alone lines are examined as possible headings (a paper has far fewer;
#: the cap keeps pathological inputs such as millions of one-word lines fast).
MAX_HEADING_CHECKS = 100_000
_FRONT_DOI = re.compile(r"(?i)\b(?:doi|https?://(?:dx\.)?doi\.org/)")
_FRONT_DATE = re.compile(
    r"(?i)\b(?:published(?: online)?|publication date|date of publication)\s*[:\-—]?\s*"
)


def read(data: bytes, source: str) -> list[Document]:
    """Read a plain-text or Markdown file (bytes) into one :class:`Document`."""
    text = decode_text(data, source)
    if not text or text.isspace():  # isspace() does not copy a 50 MB string as strip() would
        raise InputError(f"{source}: empty input")
    return [parse_text(text, source)]


def parse_text(text: str, source: str | None = None) -> Document:
    """Build a :class:`Document` from decoded text (``Document.text`` is ``text`` unchanged)."""
    furniture = Furniture(text)
    blocks = iter_blocks(text, furniture)
    front = list(islice(blocks, FRONT_BLOCKS))
    metadata = Metadata()

    yaml_values, yaml_end = read_front_matter(text)
    first = 0
    while first < len(front) and front[first].start < yaml_end:
        first += 1
    if yaml_values:
        _apply_front_matter(yaml_values, metadata)

    cover = read_cover(text, front[first:]) if not yaml_values else None
    if cover is None:
        cover = CoverSheet()
        if not read_final_form(text, front[first:], cover):
            cover = None
    if cover is not None:
        _apply_cover(cover, metadata)
        first += cover.end_block

    position, title = _find_title(text, front, first, metadata.title)
    if title and not metadata.title:
        metadata.title = title
    if title or cover is not None or yaml_values:
        authors, position = read_byline(text, front, position)
        if authors and (not metadata.authors or _same_first_author(authors, metadata.authors)):
            metadata.authors = authors
    front_end = position

    found = _read_abstract(text, front, position, bare=not (title or cover or yaml_values))
    body_start = front_end
    if found is not None:
        front_end, body_start = found.first_block, found.next_block
    keywords_end = _read_keywords(text, front, first, body_start + 6, metadata)
    body_start = max(body_start, keywords_end)
    _read_front_identifiers(text, front[first:front_end], metadata)

    before_body = front[body_start - 1] if 0 < body_start <= len(front) else None
    structure = _read_structure(text, chain(front[body_start:], blocks), before_body)
    return Document(
        text=text,
        metadata=metadata,
        abstract=found.text if found else None,
        abstract_parts=found.parts if found else [],
        abstract_span=found.span if found else None,
        sections=structure.sections,
        references=structure.references,
        references_span=structure.references_span,
        source=source,
        format="text",
    )


# --- front matter -------------------------------------------------------------------------


def _apply_front_matter(values: dict[str, list[str]], metadata: Metadata) -> None:
    def first(*keys: str) -> str | None:
        for key in keys:
            if values.get(key):
                return clean_value(values[key][0]) or None
        return None

    metadata.title = first("title")
    metadata.journal = first("journal", "container-title", "venue")
    metadata.doi = find_doi(first("doi") or "")
    date = first("date", "published", "issued")
    metadata.date = parse_date(date) if date else None
    metadata.volume = first("volume")
    metadata.issue = first("issue")
    metadata.url = first("url", "permalink")
    for key in ("author", "authors"):
        for name in values.get(key, []):
            for part in re.split(r"\s*;\s*|\s+and\s+", name):
                cleaned = clean_value(part)
                if cleaned:
                    given, family = split_name(cleaned)
                    metadata.authors.append(Author(given=given, family=family))
    for key in ("keywords", "tags"):
        for value in values.get(key, []):
            metadata.keywords.extend(k for k in split_keywords(value) if k not in metadata.keywords)


def _apply_cover(cover: CoverSheet, metadata: Metadata) -> None:
    fields = cover.fields
    metadata.title = metadata.title or fields.get("title")
    metadata.journal = metadata.journal or fields.get("journal")
    metadata.volume = metadata.volume or fields.get("volume")
    metadata.issue = metadata.issue or fields.get("issue")
    pages = fields.get("pages")
    metadata.pages = metadata.pages or (pages.replace("–", "-") if pages else None)
    metadata.doi = metadata.doi or fields.get("doi")
    metadata.url = metadata.url or fields.get("url")
    metadata.license = metadata.license or fields.get("license")
    metadata.publisher = metadata.publisher or fields.get("publisher")
    metadata.date = metadata.date or cover.date
    if cover.authors and not metadata.authors:
        metadata.authors = [Author(given=g, family=f) for g, f in cover.authors]


def _letters(value: str) -> str:
    return "".join(c for c in value.lower() if c.isalnum())


def _same_first_author(found: list[Author], listed: list[Author]) -> bool:
    return bool(found and listed and found[0].family and listed[0].family
                and found[0].family.lower() == listed[0].family.lower())


def _block_text(text: str, block: Block, limit: int = 2000) -> str:
    return text[block.start:min(block.end, block.start + limit)]


def _find_title(text: str, front: list[Block], first: int, known: str | None) -> tuple[int, str | None]:
    """Where the byline search starts, and the title found in the text (None when there is none)."""
    index = first
    while index < len(front) and is_front_furniture(_block_text(text, front[index], 300)):
        index += 1
    if known:
        wanted = _letters(known)
        for n in range(index, min(index + 15, len(front))):
            block = front[n]
            if block.end - block.start < 600 and _letters(clean_value(_block_text(text, block))) == wanted:
                return n + 1, None
        return index, None
    if index >= len(front):
        return index, None
    block = front[index]
    line_start, line_end = block.lines[0]
    heading = atx_heading(text, line_start, line_end)
    if heading is None and len(block.lines) == 2:
        heading = setext_heading(text, block.lines[0], block.lines[1])
    if heading is not None and heading.level == 1:
        title = clean_value(text[heading.start:heading.end])
        if normalized_name(title) not in ("abstract", "introduction", "summary"):
            return index + 1, title.rstrip(".") if title.endswith(".") else title
        return index, None
    raw = _block_text(text, block, 400)
    words = raw.split()
    if (len(block.lines) > 3 or block.end - block.start > 300 or not 2 <= len(words) <= 40
            or raw.rstrip()[-1:] in ".,;" or not raw.lstrip()[:1].isupper()
            or abstract_label_end(raw) is not None or starts_with_part_label(raw)
            or normalized_name(raw) in ("abstract", "introduction", "summary", "background")
            or index + 1 >= len(front)):
        return index, None
    following = front[index + 1]
    lines = [text[s:e] for s, e in following.lines[:10]]
    if lines and parse_author_line(lines[0]):
        return index + 1, clean_value(raw)
    follower = text[following.start:min(following.end, following.start + 40)]
    if following.single_line and normalized_name(follower) in ("abstract", "summary"):
        return index + 1, clean_value(raw)
    return index, None


@dataclass
class AbstractFound:
    """An abstract in the front matter: its blocks, its span in the text, its parts and clean text."""

    first_block: int  # the "Abstract" heading, or the first abstract paragraph
    next_block: int  # the first block after the abstract
    span: tuple[int, int]
    parts: list[AbstractPart]
    text: str


@dataclass
class Structure:
    """Sections and the reference list of the body."""

    sections: list[Section] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    references_span: tuple[int, int] | None = None


def _read_abstract(text: str, front: list[Block], position: int, bare: bool) -> AbstractFound | None:
    """Find the abstract in the blocks from ``position`` on (a few blocks at most)."""
    for index in range(position, min(position + 12, len(front))):
        block = front[index]
        raw = _block_text(text, block, 400)
        if is_disclosure(raw) or is_front_furniture(raw):
            continue
        first_line = text[block.lines[0][0]:block.lines[0][1]]
        heading = atx_heading(text, *block.lines[0]) or plain_heading(text, *block.lines[0])
        name = normalized_name(text[heading.start:heading.end]) if heading else ""
        if name in ("abstract", "summary") and block.single_line:
            if index + 1 < len(front):
                return _collect_abstract(text, front, index, index + 1, front[index + 1].start)
            return None
        label_end = abstract_label_end(first_line)
        if label_end is not None:
            return _collect_abstract(text, front, index, index, block.start + label_end)
        if starts_with_part_label(raw) and (bare or index == position):
            return _collect_abstract(text, front, index, index, block.start)
        if bare and index == position and looks_like_prose(text, block.start, block.end) \
                and len(raw.split()) >= 40 and heading is None \
                and not any(_is_heading_block(text, later) for later in front[index + 1:]):
            # A lone paragraph with nothing but loose lines after it is a bare abstract; the opening
            # paragraph of a paper with sections is not.
            return _collect_abstract(text, front, index, index, block.start)
        if heading is not None or looks_like_prose(text, block.start, block.end):
            return None
    return None


def _collect_abstract(text: str, front: list[Block], label_index: int, first: int,
                      body_start: int) -> AbstractFound | None:
    if first >= len(front):
        return None
    structured = starts_with_part_label(text[body_start:min(front[first].end, body_start + 200)])
    stop = first + 1
    limit = min(len(front), first + 12)
    lookahead_end = None
    for n in range(first + 1, limit):
        block = front[n]
        raw = _block_text(text, block, 300)
        if keywords_body(raw) is not None or _is_heading_block(text, block) or is_disclosure(raw):
            lookahead_end = n
            break
    for n in range(first + 1, limit):
        block = front[n]
        raw = _block_text(text, block, 300)
        if lookahead_end is not None and n >= lookahead_end:
            break
        # A paragraph cut by a page break goes on mid-sentence, in lower case, as running text.
        cut = (raw[:1].islower() and looks_like_prose(text, block.start, block.end)
               and text[front[n - 1].end - 1] not in ".!?")
        continues = cut or (structured and starts_with_part_label(raw))
        if not continues and not (lookahead_end is not None and n - first < 4 and not structured):
            break
        stop = n + 1
    end = front[stop - 1].end
    if body_start >= end:
        return None
    body = text[body_start:end]
    parts = labelled_parts(body)
    paragraphs = [clean_prose(strip_markdown(text[max(b.start, body_start):b.end]))
                  for b in front[first:stop]]
    abstract = "\n\n".join(p for p in paragraphs if p)
    if not abstract:
        return None
    return AbstractFound(label_index, stop, (body_start, end), parts, abstract)


def _is_heading_block(text: str, block: Block) -> bool:
    if not block.single_line:
        return atx_heading(text, *block.lines[0]) is not None
    heading = atx_heading(text, *block.lines[0]) or plain_heading(text, *block.lines[0])
    return heading is not None and heading.strength != "weak"


def _read_keywords(text: str, front: list[Block], first: int, last: int, metadata: Metadata) -> int:
    """Fill keywords from a "Keywords" line; returns the index of the block after it (0 if none)."""
    for index in range(first, min(last, len(front))):
        block = front[index]
        raw = _block_text(text, block, 3000)
        body = keywords_body(raw)
        if body is None:
            continue
        if not body.strip() and index + 1 < len(front):
            body = _block_text(text, front[index + 1], 3000)
            index += 1
        keywords = split_keywords(body)
        if keywords:
            if not metadata.keywords:
                metadata.keywords = keywords
            return index + 1
    return 0


def _read_front_identifiers(text: str, blocks: list[Block], metadata: Metadata) -> None:
    """A DOI or publication date printed in the front matter (never taken from the body)."""
    for block in blocks:
        raw = _block_text(text, block, 600)
        if metadata.doi is None and _FRONT_DOI.search(raw):
            metadata.doi = find_doi(raw)
        if metadata.date is None:
            match = _FRONT_DATE.search(raw)
            if match:
                # "Received …; Accepted …; Published: 12 May 2023" — only the published date counts.
                metadata.date = parse_date(re.split(r"[;\n|]", raw[match.end():match.end() + 60])[0])


# --- body -------------------------------------------------------------------------------


def _block_headings(text: str, block: Block, previous: Block | None, plain: bool = True) -> list[Heading]:
    if block.in_code:
        return []
    found = []
    for n, (start, end) in enumerate(block.lines):
        if end > start and text[start] == "#":
            heading = atx_heading(text, start, end)
            if heading:
                found.append(heading)
        elif n == 1 and len(block.lines) == 2:
            heading = setext_heading(text, block.lines[0], block.lines[1])
            if heading:
                found.append(heading)
    if found or not block.single_line or not plain:
        return found
    heading = plain_heading(text, block.start, block.end)
    if heading is None:
        return []
    if heading.strength == "weak" and (previous is None or is_caption(_block_text(text, previous, 60))):
        return []
    return [heading]


def _read_structure(text: str, blocks: chain[Block], previous: Block | None) -> Structure:
    """Headings (hence sections) and the reference list, in one pass over the body's blocks."""
    headings: list[Heading] = []
    collector: ReferenceCollector | None = None
    pending: Heading | None = None
    seen_top_level = False
    checks = 0
    for block in blocks:
        if collector is not None and not collector.done and collector.add(block):
            previous = block
            continue
        if block.single_line:
            checks += 1
        found = (_block_headings(text, block, previous, checks <= MAX_HEADING_CHECKS)
                 if len(headings) < MAX_HEADINGS else [])
        if pending is not None:
            # A weak or numbered heading needs prose after it (a numbered one may also be followed
            # by its first numbered subsection), so short lists and table rows stay out.
            if not found and looks_like_prose(text, block.start, block.end):
                accepted: Heading | None = pending
            elif pending.strength == "numbered" and any(
                    h.strength == "numbered" and h.level > pending.level for h in found):
                accepted = pending
            else:
                accepted = None
            if accepted is not None:
                level = (2 if seen_top_level else 1) if accepted.strength == "weak" else accepted.level
                headings.append(Heading(accepted.start, accepted.end, level, accepted.strength,
                                        accepted.line_start))
                seen_top_level = seen_top_level or level == 1
            pending = None
        for heading in found:
            if heading.strength in ("weak", "numbered"):
                pending = heading
                continue
            headings.append(heading)
            seen_top_level = seen_top_level or heading.level == 1
            name = normalized_name(text[heading.start:heading.end])
            if name in REFERENCE_HEADINGS and collector is None:
                collector = ReferenceCollector(text)
        previous = block
    structure = Structure(sections=_sections(text, headings))
    if collector is not None:
        structure.references = collector.references()
        structure.references_span = collector.span()
    return structure


def _sections(text: str, headings: list[Heading]) -> list[Section]:
    sections: list[Section] = []
    open_sections: list[int] = []  # indexes into sections, levels strictly increasing
    for heading in headings:
        while open_sections and sections[open_sections[-1]].level >= heading.level:
            sections[open_sections.pop()].end = heading.boundary
        sections.append(Section(text[heading.start:heading.end], heading.start, len(text), heading.level))
        open_sections.append(len(sections) - 1)
    return sections
