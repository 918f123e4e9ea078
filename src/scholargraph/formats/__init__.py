"""Output writers for annotations: table, tsv, json, jsonl, nif, spotlight-json.

Every writer takes the (document, link result) pairs of a run and returns text for stdout.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..document import Document
from ..link.model import LinkResult
from . import json_output, nif, spotlight, table

Annotated = tuple[Document, LinkResult]
Writer = Callable[[Sequence[Annotated]], str]

WRITERS: dict[str, Writer] = {
    "table": table.render_table,
    "tsv": table.render_tsv,
    "json": json_output.render_json,
    "jsonl": json_output.render_jsonl,
    "nif": nif.render_nif,
    "spotlight-json": spotlight.render_spotlight_json,
}


def render(format: str, results: Sequence[Annotated]) -> str:
    """Render the results of an annotation run in the named format."""
    return WRITERS[format](results)
