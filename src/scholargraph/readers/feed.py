"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds: every item becomes a document.

The bytes are first parsed by the hardened :func:`~.xmlsafe.parse_xml`, so truncated or
malformed XML is refused before feedparser (which quietly recovers from almost anything)
sees it, and a feed that declares its own entities in a DOCTYPE is refused outright.
feedparser then gets the re-serialised tree as a byte stream — never a URL or a string it
might treat as a path — so it cannot fetch anything.

Dates come from the item's raw date string through :func:`~scholargraph.dates.parse_date`,
so "Tue, 12 May 2026 00:00:00 GMT" is 2026-05-12 and a date without a day keeps none.
"""

from __future__ import annotations

import io
import re
from typing import Any

import feedparser
from lxml import etree

from ..dates import PartialDate, parse_date
from ..document import AbstractPart, Author, Document, Metadata
from ..errors import InputError
from .ids import clean_space, looks_like_organization, normalize_doi, split_person_name, strip_markup
from .xmlsafe import parse_xml

_AUTHOR_SEPARATOR = re.compile(r"\s*;\s*|\s+(?:and|&)\s+|\s*,\s*(?:and|&)\s+", re.IGNORECASE)


def read(data: bytes, source: str) -> list[Document]:
    """Read an RSS or Atom feed into one document per item."""
    root = parse_xml(data, source)
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):  # type: ignore[attr-defined]
        # An external DOCTYPE (RSS 0.91) is harmless; declared entities are what attacks use.
        raise InputError(f"{source}: feed declares XML entities in its DOCTYPE; refused for safety")
    safe_bytes = etree.tostring(root, encoding="utf-8", xml_declaration=True)
    try:
        parsed = feedparser.parse(io.BytesIO(safe_bytes), resolve_relative_uris=False)
    except Exception as error:  # feedparser raises KeyError & co. on oddly nested elements
        reason = f"{type(error).__name__}: {error}"
        raise InputError(f"{source}: feed structure not understood ({reason})") from error
    if not parsed.entries:
        if parsed.get("bozo") and parsed.get("bozo_exception") is not None:
            raise InputError(f"{source}: unreadable feed ({parsed.bozo_exception})")
        raise InputError(f"{source}: feed has no items")
    channel = parsed.feed
    return [_document(entry, channel, source) for entry in parsed.entries]


def _get(mapping: Any, key: str) -> str:
    # dict.get skips FeedParserDict's deprecated aliases (e.g. "updated" quietly meaning "published").
    value = dict.get(mapping, key) if isinstance(mapping, dict) else None
    return clean_space(value) if isinstance(value, str) else ""


def _document(entry: Any, channel: Any, source: str) -> Document:
    title = strip_markup(_get(entry, "title")) or None
    first_page, last_page = _get(entry, "prism_startingpage"), _get(entry, "prism_endingpage")
    pages = first_page
    if first_page and last_page and last_page != first_page:
        pages = f"{first_page}-{last_page}"
    metadata = Metadata(
        title=title,
        authors=_authors(entry),
        journal=_get(entry, "prism_publicationname") or _get(channel, "prism_publicationname")
        or strip_markup(_get(channel, "title")) or None,
        volume=_get(entry, "prism_volume") or None,
        issue=_get(entry, "prism_number") or None,
        pages=pages or None,
        date=_date(entry),
        doi=_doi(entry),
        keywords=_keywords(entry),
        url=_get(entry, "link") or None,
        license=_get(entry, "rights") or _get(channel, "rights") or None,
        publisher=_get(entry, "dc_publisher") or _get(channel, "publisher") or None,
    )
    abstract = _abstract(entry) or None
    text = title or ""
    abstract_span = None
    if abstract:
        if text:
            text += "\n\n"
        abstract_span = (len(text), len(text) + len(abstract))
        text += abstract
    return Document(
        text=text,
        metadata=metadata,
        abstract=abstract,
        abstract_parts=[AbstractPart("", abstract)] if abstract else [],
        abstract_span=abstract_span,
        source=source,
        format="feed",
    )


def _date(entry: Any) -> PartialDate | None:
    keys = ("published", "prism_coverdate", "prism_publicationdate", "dc_date", "created", "updated", "date")
    for key in keys:
        date = parse_date(_get(entry, key))
        if date is not None:
            return date
    # No readable string: trust only the year of feedparser's own parse (it fills in missing parts).
    for key in ("published_parsed", "updated_parsed"):
        parsed = dict.get(entry, key)
        if parsed is not None:
            return PartialDate.checked(parsed.tm_year)
    return None


def _doi(entry: Any) -> str | None:
    candidates = [_get(entry, "prism_doi"), _get(entry, "dc_identifier"), _get(entry, "id"),
                  _get(entry, "link")]
    candidates += [link.get("href", "") for link in entry.get("links") or [] if isinstance(link, dict)]
    for candidate in candidates:
        lowered = candidate.lower()
        if lowered.startswith("10.") or "doi" in lowered:
            doi = normalize_doi(candidate)
            if doi:
                return doi
    return None


def _keywords(entry: Any) -> list[str]:
    keywords: list[str] = []
    for tag in entry.get("tags") or []:
        term = clean_space(tag.get("term") or "") if isinstance(tag, dict) else ""
        if term and term not in keywords:
            keywords.append(term)
    return keywords


def _abstract(entry: Any) -> str:
    for content in entry.get("content") or []:
        text = strip_markup(content.get("value")) if isinstance(content, dict) else ""
        if text:
            return text
    return strip_markup(_get(entry, "summary")) or strip_markup(_get(entry, "description"))


# --------------------------------------------------------------------------- authors


def _authors(entry: Any) -> list[Author]:
    names: list[str] = []
    for author in entry.get("authors") or []:
        name = clean_space(author.get("name") or "") if isinstance(author, dict) else ""
        if name:
            names.append(name)
    if not names and _get(entry, "author"):
        names.append(_get(entry, "author"))
    authors: list[Author] = []
    for name in names:
        for single in split_author_list(name):
            if looks_like_organization(single):
                authors.append(Author(name=single, is_organization=True))
                continue
            given, family = split_person_name(single)
            if family or given:
                authors.append(Author(given=given, family=family))
    return authors


def split_author_list(text: str) -> list[str]:
    """Split a byline into names: "Venkataraman S, Smith J, Lee K", "A and B", "A; B; C".

    A single "Family, Given" name ("Smith, Jane") is kept whole: a comma only separates
    authors when the pieces look like whole names (two or more words each).
    """
    # RSS 2.0 asks for "jdoe@example.org (Jane Doe)": keep the name, drop e-mail addresses.
    text = re.sub(r"\S+@\S+\s*\(([^()]+)\)", r"\1", text)
    text = clean_space(re.sub(r"\([^)]*@[^)]*\)|\S+@\S+", " ", text))
    pieces = [p for p in _AUTHOR_SEPARATOR.split(text) if p.strip(" ,")]
    names: list[str] = []
    for piece in pieces:
        parts = [p.strip() for p in piece.split(",") if p.strip()]
        if len(parts) > 1 and all(len(p.split()) >= 2 for p in parts):
            names.extend(parts)
        else:
            names.append(piece.strip(" ,"))
    return names
