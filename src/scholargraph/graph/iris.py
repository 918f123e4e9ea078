"""Stable IRIs: the same paper and the same annotation always get the same IRI."""

from __future__ import annotations

import hashlib
from urllib.parse import quote

from ..document import Document

BASE = "https://w3id.org/scholargraph/"


def paper_iri(document: Document) -> str:
    """The paper's IRI: from its DOI when it has one, else from its content identifier."""
    if document.metadata.doi:
        return "https://doi.org/" + quote(document.metadata.doi.lower(), safe="/:;()._-")
    return BASE + "paper/" + quote(document.id.replace(":", "-"), safe="-_.")


def text_iri(document: Document) -> str:
    """The IRI of the paper's text (the source of every annotation's target)."""
    return BASE + "text/" + hashlib.sha256(paper_iri(document).encode("utf-8")).hexdigest()[:24]


def annotation_iri(document: Document, start: int, end: int, uri: str) -> str:
    """An annotation's IRI, from (paper, start, end, entity)."""
    key = f"{paper_iri(document)}|{start}|{end}|{uri}".encode()
    return BASE + "annotation/" + hashlib.sha256(key).hexdigest()[:32]
