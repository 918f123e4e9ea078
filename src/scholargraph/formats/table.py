"""The table layout of DBpedia Spotlight's command-line output (seed file 002), and TSV."""

from __future__ import annotations

from collections.abc import Sequence

from ..document import Document
from ..link.model import LinkResult

XSD_DOUBLE = "http://www.w3.org/2001/XMLSchema#double"


def table_row(surface: str, confidence: float, uri: str) -> str:
    """One row: surface in 30 columns, typed confidence in 70, then the URI (padded to 50).

    A surface that spans a line break is printed on one line, and one of 30 characters or more
    keeps a space before the confidence (Spotlight's layout would run the two together).
    """
    surface = " ".join(surface.split())
    if len(surface) >= 30:
        surface += " "
    return f"{surface:<30}{f'{confidence!r}^^{XSD_DOUBLE}':<70}{uri:<50}"


def render_table(results: Sequence[tuple[Document, LinkResult]]) -> str:
    """Rows separated by blank lines; a header per document when there are several."""
    blocks = []
    for document, result in results:
        rows = [table_row(a.surface, a.confidence, a.uri) for a in result.annotations]
        header = [f"==> {document.source or document.id} <=="] if len(results) > 1 else []
        blocks.append("\n".join(header + ["\n\n".join(rows)]) + "\n" if rows or header else "")
    return "\n".join(b for b in blocks if b)


def render_tsv(results: Sequence[tuple[Document, LinkResult]]) -> str:
    """Tab-separated rows with a header: document, start, end, surface, uri, confidence, via, long form."""
    lines = ["document\tstart\tend\tsurface\turi\tconfidence\tvia\tlong_form"]
    for document, result in results:
        for a in result.annotations:
            surface = " ".join(a.surface.split())
            lines.append(f"{document.id}\t{a.start}\t{a.end}\t{surface}\t{a.uri}\t{a.confidence:.4f}\t{a.via}\t"
                         f"{a.long_form or ''}")
    return "\n".join(lines) + "\n"
