"""``scholargraph read`` and ``scholargraph cite``."""

from __future__ import annotations

import json
import sys
from enum import Enum
from typing import Annotated

import typer

from ..cite import fill_template
from ..document import Document
from .common import RunStatus, iter_documents


class ReadFormat(str, Enum):
    """Output formats of ``read``."""

    json = "json"
    jsonl = "jsonl"
    text = "text"


Paths = Annotated[list[str], typer.Argument(help="Files, directories, or - for standard input.")]


def read(
    paths: Paths,
    format: Annotated[ReadFormat, typer.Option("--format", "-f", help="Output format.")] = ReadFormat.text,
) -> None:
    """Read papers (PDF, text/Markdown, JATS, PubMed XML, JSON, RSS/Atom) and print the documents."""
    status = RunStatus()
    documents = iter_documents(paths, status)
    if format is ReadFormat.json:
        collected = [d.to_json() for d in documents]
        if collected:
            payload = collected[0] if len(collected) == 1 else collected
            sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    elif format is ReadFormat.jsonl:
        for document in documents:
            sys.stdout.write(json.dumps(document.to_json(), ensure_ascii=False) + "\n")
    else:
        for document in documents:
            sys.stdout.write(render_text(document) + "\n")
    raise typer.Exit(status.exit_code)


def cite(
    paths: Paths,
    template: Annotated[
        str, typer.Option("--template", "-t", help='Sentence template, e.g. "{cite} studied this question."')
    ] = "{cite}",
) -> None:
    """Print an APA-style in-text citation per document, e.g. "Venkataraman et al. (2026)"."""
    status = RunStatus()
    for document in iter_documents(paths, status):
        sys.stdout.write(fill_template(template, document) + "\n")
    raise typer.Exit(status.exit_code)


def render_text(document: Document) -> str:
    """A human-readable summary of a document."""
    meta = document.metadata
    lines = [f"# {meta.title or '(untitled)'}", f"source:   {document.source} ({document.format})",
             f"id:       {document.id}"]
    if meta.authors:
        lines.append("authors:  " + "; ".join(a.display_name for a in meta.authors))
    for label, value in (("journal", meta.journal), ("volume", meta.volume), ("issue", meta.issue),
                         ("pages", meta.pages), ("date", meta.date.isoformat() if meta.date else None),
                         ("doi", meta.doi), ("pmid", meta.pmid), ("pmcid", meta.pmcid), ("url", meta.url)):
        if value:
            lines.append(f"{label + ':':<9} {value}")
    if meta.keywords:
        lines.append("keywords: " + "; ".join(meta.keywords))
    if document.abstract:
        lines += ["", "Abstract", document.abstract]
    if document.sections:
        lines += ["", "Sections"] + [f"  {s.start:>7}-{s.end:<7} {s.heading}" for s in document.sections]
    lines += ["", f"{len(document.text)} characters of text, {len(document.references)} references", ""]
    return "\n".join(lines)


def register(app: typer.Typer) -> None:
    """Add ``read`` and ``cite`` to the main command."""
    app.command("read")(read)
    app.command("cite")(cite)
