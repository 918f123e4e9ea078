"""Stable IRIs: the same paper and the same annotation always get the same IRI.

Every node that belongs to one paper (its authors, sections, annotations, their targets and
selectors) gets an IRI derived from the paper's IRI, never a blank node, so writing the same
paper again produces exactly the same triples.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import quote

from ..document import Document

BASE = "https://w3id.org/scholargraph/"

#: The named graph of bibliographic data (papers, authors, sections, texts, journals).
BIBLIOGRAPHIC_GRAPH = BASE + "graph/bibliographic"


def paper_iri(document: Document) -> str:
    """The paper's IRI: from its DOI when it has one, else from its content identifier."""
    if document.metadata.doi:
        return "https://doi.org/" + quote(document.metadata.doi.lower(), safe="/:;()._-")
    return BASE + "paper/" + quote(document.id.replace(":", "-"), safe="-_.")


def doi_iri(doi: str) -> str:
    """The IRI of any DOI (a cited work), written the way :func:`paper_iri` writes it."""
    return "https://doi.org/" + quote(doi.strip().lower(), safe="/:;()._-")


def _digest(text: str, length: int) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def text_iri(document: Document) -> str:
    """The IRI of the paper's text (the source of every annotation's target)."""
    return BASE + "text/" + _digest(paper_iri(document), 24)


def paper_node_base(document: Document) -> str:
    """The prefix of the IRIs of nodes owned by one paper (authors, sections)."""
    return BASE + "node/" + _digest(paper_iri(document), 24) + "/"


def author_list_iri(document: Document) -> str:
    """The IRI of the paper's ordered author list (an ``rdf:Seq``)."""
    return paper_node_base(document) + "authors"


def author_iri(document: Document, position: int) -> str:
    """The IRI of the author at 1-based ``position`` of the byline (authors are not merged across papers)."""
    return paper_node_base(document) + f"author/{position}"


def section_iri(document: Document, start: int, end: int) -> str:
    """The IRI of the section spanning ``text[start:end]``."""
    return paper_node_base(document) + f"section/{start}-{end}"


def annotation_iri(document: Document, start: int, end: int, uri: str) -> str:
    """An annotation's IRI, from (paper, start, end, entity)."""
    key = f"{paper_iri(document)}|{start}|{end}|{uri}".encode()
    return BASE + "annotation/" + hashlib.sha256(key).hexdigest()[:32]


def journal_iri(name: str) -> str:
    """A journal's IRI from its name, case and punctuation folded, so variants of one name meet."""
    folded = " ".join(re.sub(r"[^\w]+", " ", name.casefold()).split())
    return BASE + "journal/" + _digest(folded, 24)


def run_iri(tool_version: str, kb_version: str) -> str:
    """The IRI of an annotator run: one per (scholargraph version, KB version)."""
    return BASE + "run/" + _digest(f"{tool_version}|{kb_version}", 24)


def run_graph_iri(tool_version: str, kb_version: str) -> str:
    """The named graph holding the annotations made by one annotator run."""
    return BASE + "graph/run/" + _digest(f"{tool_version}|{kb_version}", 24)
