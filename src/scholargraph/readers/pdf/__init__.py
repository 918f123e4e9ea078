"""PDF reader: a paper's text layer, read through pdfminer.six's layout analysis.

From the characters' fonts and positions it recovers the title (largest type near the top
of page 1), authors and affiliations, the abstract, the text in reading order (two-column
pages left column first; running headers, footers and page numbers dropped; line-end
hyphens undone when the joined word is a real word), numbered and styled section headings,
and the reference list.  ``Document.text`` holds the title, the abstract and the body; the
author block and page-1 small print (venue, copyright) are kept out of it and go to the
metadata instead.

Limits, on purpose: only the first :data:`MAX_PAGES` pages are read (a longer PDF is a
book or a thesis with appendices; its front matter and body start are what we need, and
layout analysis costs about a tenth of a second per page).  Encrypted PDFs that need a
password, corrupt or truncated files and PDFs without a text layer (scans) raise
:class:`~scholargraph.errors.InputError`.  pdfminer's own log messages are silenced while
reading so that stderr stays clean.
"""

from __future__ import annotations

import contextlib
import io
import logging
from collections.abc import Iterator

from pdfminer.high_level import extract_pages
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSEOF

from ...document import AbstractPart, Document, Metadata, Reference, Section
from ...errors import InputError
from .body import Block, body_blocks, extract_doi
from .header import read_front_matter
from .layout import Line, Page, body_font_size, drop_running_lines, laparams, page_from_layout
from .meta import first_page_details

#: Pages read from one PDF; later pages are ignored.
MAX_PAGES = 200
#: Fewer extractable characters than this in the pages read means there is no usable text layer.
MIN_TEXT_CHARS = 40


def read(data: bytes, source: str) -> list[Document]:
    """Read one PDF (its bytes) into a single :class:`Document`."""
    pages = _layout_pages(data, source)
    if sum(len(line.text) for page in pages for line in page.lines) < MIN_TEXT_CHARS:
        raise InputError(f"{source}: PDF has no text layer (scanned pages?); run OCR first")
    pages, margin = drop_running_lines(pages)
    return [_document(pages, margin, source)]


@contextlib.contextmanager
def _quiet_pdfminer() -> Iterator[None]:
    logger = logging.getLogger("pdfminer")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 10)
    try:
        yield
    finally:
        logger.setLevel(level)


def _layout_pages(data: bytes, source: str) -> list[Page]:
    if b"%%EOF" not in data[-4096:]:
        raise InputError(f"{source}: truncated PDF (no end-of-file marker)")
    pages: list[Page] = []
    with _quiet_pdfminer():
        try:
            for number, layout in enumerate(extract_pages(io.BytesIO(data), laparams=laparams(),
                                                          maxpages=MAX_PAGES)):
                pages.append(page_from_layout(layout, number))
        except PDFPasswordIncorrect as error:
            raise InputError(f"{source}: encrypted PDF needs a password") from error
        except PDFEncryptionError as error:
            raise InputError(f"{source}: encrypted PDF that cannot be decrypted ({error})") from error
        except (PDFSyntaxError, PSEOF) as error:
            raise InputError(f"{source}: corrupt PDF ({error or type(error).__name__})") from error
        except InputError:
            raise
        except Exception as error:  # pdfminer raises many kinds of errors on damaged files
            raise InputError(f"{source}: unreadable PDF ({type(error).__name__}: {error})") from error
    if not pages:
        raise InputError(f"{source}: PDF has no pages")
    return pages


def _document(pages: list[Page], margin: list[Line], source: str) -> Document:
    lines = [line for page in pages for line in page.lines]
    body_size = body_font_size(lines)
    front = read_front_matter(lines, body_size, pages[0].height)
    first_page = [line for line in lines if line.page == 0] + margin
    details = first_page_details(first_page)

    blocks: list[Block] = []
    if front.title:
        blocks.append(Block("title", front.title))
    if front.abstract:
        blocks.append(Block("abstract-heading", "Abstract"))
        blocks.append(Block("abstract", front.abstract))
    blocks.extend(body_blocks(lines, front.body_start, front.used, body_size))

    text, spans = _assemble(blocks)
    sections = _sections(blocks, spans)
    abstract_span = next((spans[i] for i, b in enumerate(blocks) if b.kind == "abstract"), None)
    reference_indices = [i for i, block in enumerate(blocks) if block.kind == "reference"]
    references = [Reference(blocks[i].text, extract_doi(blocks[i].text)) for i in reference_indices]
    references_span = (
        (spans[reference_indices[0]][0], spans[reference_indices[-1]][1]) if reference_indices else None
    )
    metadata = Metadata(
        title=front.title,
        authors=front.authors,
        journal=details.venue,
        pages=details.pages,
        date=details.date,
        doi=details.doi,
    )
    return Document(
        text=text,
        metadata=metadata,
        abstract=front.abstract,
        abstract_parts=[AbstractPart("", front.abstract)] if front.abstract else [],
        abstract_span=abstract_span,
        sections=sections,
        references=references,
        references_span=references_span,
        source=source,
        format="pdf",
    )


def _assemble(blocks: list[Block]) -> tuple[str, list[tuple[int, int]]]:
    """Join blocks into one text (a blank line between blocks, one newline between references)."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    position = 0
    for index, block in enumerate(blocks):
        if index:
            between_references = block.kind == "reference" and blocks[index - 1].kind == "reference"
            separator = "\n" if between_references else "\n\n"
            parts.append(separator)
            position += len(separator)
        parts.append(block.text)
        spans.append((position, position + len(block.text)))
        position += len(block.text)
    return "".join(parts), spans


def _sections(blocks: list[Block], spans: list[tuple[int, int]]) -> list[Section]:
    """A section runs from its heading to the last block before the next heading of its rank or higher."""
    sections = []
    for index, block in enumerate(blocks):
        if block.kind != "heading" or block.heading is None:
            continue
        level = block.heading.level
        last = index
        for later in range(index + 1, len(blocks)):
            other = blocks[later].heading
            if blocks[later].kind == "heading" and other is not None and other.level <= level:
                break
            last = later
        sections.append(Section(block.text, spans[index][0], spans[last][1], level))
    return sections
