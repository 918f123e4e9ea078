"""DBpedia Spotlight's JSON response shape, so existing Spotlight clients can read our output."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..document import Document
from ..link.model import LinkResult


def spotlight_types(types: list[str]) -> str:
    """``["dbo:EthnicGroup"]`` → ``"DBpedia:EthnicGroup"`` (Spotlight's comma-separated form)."""
    return ",".join("DBpedia:" + t.split(":", 1)[1] if t.startswith("dbo:") else t for t in types)


def spotlight_record(document: Document, result: LinkResult, confidence: float = 0.5) -> dict[str, Any]:
    """One Spotlight-style response object; values are strings, as Spotlight writes them."""
    return {
        "@text": document.text,
        "@confidence": str(confidence),
        "@support": "0",
        "@types": "",
        "@sparql": "",
        "@policy": "whitelist",
        "Resources": [
            {
                "@URI": a.uri,
                "@support": str(a.support),
                "@types": spotlight_types(a.types),
                "@surfaceForm": a.surface,
                "@offset": str(a.start),
                "@similarityScore": repr(a.confidence),
                "@percentageOfSecondRank": repr(a.second_rank_ratio),
            }
            for a in result.annotations
        ],
    }


def render_spotlight_json(results: Sequence[tuple[Document, LinkResult]]) -> str:
    """One object for one document, an array for several."""
    records = [spotlight_record(d, r) for d, r in results]
    payload: Any = records[0] if len(records) == 1 else records
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
