"""Annotation JSON (DESIGN.md §3): one object per document."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..document import Document
from ..link.model import LinkResult


def annotation_record(document: Document, result: LinkResult) -> dict[str, Any]:
    """The JSON object for one annotated document."""
    return {
        "document": {"id": document.id, "source": document.source, "metadata": document.metadata.to_json()},
        "text": document.text,
        "kb_version": result.kb_version,
        "abbreviations": result.abbreviations_json(),
        "annotations": [a.to_json() for a in result.annotations],
    }


def render_json(results: Sequence[tuple[Document, LinkResult]]) -> str:
    """One object for one document, an array for several."""
    records = [annotation_record(d, r) for d, r in results]
    payload: Any = records[0] if len(records) == 1 else records
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def render_jsonl(results: Sequence[tuple[Document, LinkResult]]) -> str:
    """One compact object per line."""
    return "".join(json.dumps(annotation_record(d, r), ensure_ascii=False) + "\n" for d, r in results)
