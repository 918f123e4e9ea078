"""Pick a reader from the content itself (the file name is only a tie-breaker)."""

from __future__ import annotations

import re

_ROOT = re.compile(rb"<(?!\?|!)([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)")

#: Root element (local name) -> reader format.
_XML_ROOTS = {
    "article": "jats",
    "pmc-articleset": "jats",
    "PubmedArticleSet": "pubmed",
    "PubmedArticle": "pubmed",
    "PubmedBookArticle": "pubmed",
    "rss": "feed",
    "feed": "feed",
    "RDF": "feed",
    "TEI": "tei",
    "teiCorpus": "tei",
}


def detect_format(data: bytes, name: str = "") -> str:
    """Return one of ``pdf``, ``jats``, ``pubmed``, ``tei``, ``feed``, ``json``, ``jsonl``, ``xml``, ``text``.

    ``xml`` means XML of a kind no reader handles; the caller reports it.
    """
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if data[:1024].find(b"%PDF-") != -1:
        return "pdf"
    if head.startswith(b"<"):
        lowered = head[:512].lower()
        if lowered.startswith(b"<!doctype html") or lowered.startswith(b"<html"):
            return "text"
        root = _root_element(data[:65536])
        if root is None:
            return "xml"
        return _XML_ROOTS.get(root, "xml")
    if head.startswith(b"{") or head.startswith(b"["):
        first_line = head.split(b"\n", 1)[0].strip()
        second = data.lstrip().split(b"\n", 2)
        if (
            head.startswith(b"{")
            and first_line.endswith(b"}")
            and len(second) > 1
            and second[1].strip().startswith(b"{")
        ):
            return "jsonl"
        if name.endswith(".jsonl") or name.endswith(".ndjson"):
            return "jsonl"
        return "json"
    return "text"


def _root_element(data: bytes) -> str | None:
    # Skip the prolog (declaration, comments, DOCTYPE) to the first real start tag.
    position = 0
    while True:
        match = _ROOT.search(data, position)
        if match is None:
            return None
        before = data[: match.start()]
        if before.count(b"<!--") > before.count(b"-->"):
            position = match.end()
            continue
        return match.group(2).decode("ascii", "replace")
