"""The one document model every part of scholargraph shares.

Readers produce :class:`Document` objects; the linker, the graph and the output formats
consume them.  Character offsets (0-based Unicode code points into ``Document.text``)
are the spine of everything: sections, abstract spans and annotations all point into
the same string, so they stay valid whatever is done downstream.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from .dates import PartialDate, parse_date


@dataclass
class Author:
    """A person or an organisation credited as an author.

    For a person ``given``/``family`` are set; for an organisation (a consortium, a
    working group) only ``name`` is, and ``is_organization`` is true.
    """

    given: str | None = None
    family: str | None = None
    name: str | None = None
    orcid: str | None = None
    affiliations: list[str] = field(default_factory=list)
    is_organization: bool = False

    @property
    def display_name(self) -> str:
        """The name as it is printed in a byline."""
        if self.name:
            return self.name
        return " ".join(part for part in (self.given, self.family) if part)

    def to_json(self) -> dict[str, Any]:
        """The author as the JSON object of DESIGN.md §3."""
        return {
            "given": self.given,
            "family": self.family,
            "name": self.display_name or None,
            "orcid": self.orcid,
            "affiliations": list(self.affiliations),
            "organization": self.is_organization,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Author:
        """Rebuild an author from :meth:`to_json` output (unknown keys are ignored)."""
        given = _opt_str(data.get("given"))
        family = _opt_str(data.get("family"))
        is_org = bool(data.get("organization")) or (not given and not family and bool(data.get("name")))
        return cls(
            given=given,
            family=family,
            name=_opt_str(data.get("name")) if is_org else None,
            orcid=_opt_str(data.get("orcid")),
            affiliations=[str(a) for a in data.get("affiliations") or []],
            is_organization=is_org,
        )


@dataclass
class Reference:
    """One entry of a paper's reference list."""

    text: str
    doi: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The reference as a JSON object."""
        return {"text": self.text, "doi": self.doi}


@dataclass
class Section:
    """A titled span of ``Document.text``: ``text[start:end]`` is the section, heading included."""

    heading: str
    start: int
    end: int
    level: int = 1

    def to_json(self) -> dict[str, Any]:
        """The section as a JSON object."""
        return {"heading": self.heading, "start": self.start, "end": self.end, "level": self.level}


@dataclass
class AbstractPart:
    """A labelled part of a structured abstract ("Objective", "Methods", …); label may be empty."""

    label: str
    text: str

    def to_json(self) -> dict[str, Any]:
        """The abstract part as a JSON object."""
        return {"label": self.label, "text": self.text}


@dataclass
class Metadata:
    """Bibliographic metadata; every field is optional and nothing is ever invented."""

    title: str | None = None
    authors: list[Author] = field(default_factory=list)
    journal: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    date: PartialDate | None = None
    doi: str | None = None
    pmid: str | None = None
    pmcid: str | None = None
    keywords: list[str] = field(default_factory=list)
    url: str | None = None
    license: str | None = None
    publisher: str | None = None

    @property
    def year(self) -> int | None:
        """The publication year, or None when the date is unknown."""
        return self.date.year if self.date else None

    def to_json(self) -> dict[str, Any]:
        """The metadata as the JSON object of DESIGN.md §3."""
        return {
            "title": self.title,
            "authors": [a.to_json() for a in self.authors],
            "journal": self.journal,
            "volume": self.volume,
            "issue": self.issue,
            "pages": self.pages,
            "date": self.date.isoformat() if self.date else None,
            "year": self.year,
            "doi": self.doi,
            "pmid": self.pmid,
            "pmcid": self.pmcid,
            "keywords": list(self.keywords),
            "url": self.url,
            "license": self.license,
            "publisher": self.publisher,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Metadata:
        """Rebuild metadata from :meth:`to_json` output."""
        date = parse_date(str(data["date"])) if data.get("date") else None
        if date is None and isinstance(data.get("year"), int):
            date = PartialDate.checked(data["year"])
        return cls(
            title=_opt_str(data.get("title")),
            authors=[Author.from_json(a) for a in data.get("authors") or [] if isinstance(a, dict)],
            journal=_opt_str(data.get("journal")),
            volume=_opt_str(data.get("volume")),
            issue=_opt_str(data.get("issue")),
            pages=_opt_str(data.get("pages")),
            date=date,
            doi=_opt_str(data.get("doi")),
            pmid=_opt_str(data.get("pmid")),
            pmcid=_opt_str(data.get("pmcid")),
            keywords=[str(k) for k in data.get("keywords") or []],
            url=_opt_str(data.get("url")),
            license=_opt_str(data.get("license")),
            publisher=_opt_str(data.get("publisher")),
        )


@dataclass
class Document:
    """A paper (or an abstract, or a feed item) read into scholargraph.

    ``text`` is the clean text everything points into.  ``abstract`` is the abstract's
    text; when the abstract is part of ``text``, ``abstract_span`` says where.
    """

    text: str
    metadata: Metadata = field(default_factory=Metadata)
    abstract: str | None = None
    abstract_parts: list[AbstractPart] = field(default_factory=list)
    abstract_span: tuple[int, int] | None = None
    sections: list[Section] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    references_span: tuple[int, int] | None = None
    source: str | None = None
    format: str | None = None
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = document_id(self.metadata, self.text)

    def to_json(self) -> dict[str, Any]:
        """The document as the JSON object of DESIGN.md §3 (``read --format json``)."""
        return {
            "id": self.id,
            "source": self.source,
            "format": self.format,
            "metadata": self.metadata.to_json(),
            "abstract": self.abstract,
            "abstract_parts": [p.to_json() for p in self.abstract_parts],
            "abstract_span": list(self.abstract_span) if self.abstract_span else None,
            "text": self.text,
            "sections": [s.to_json() for s in self.sections],
            "references": [r.to_json() for r in self.references],
            "references_span": list(self.references_span) if self.references_span else None,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Document:
        """Rebuild a document from :meth:`to_json` output (our own Document JSON)."""
        text = str(data.get("text") or "")
        abstract_span = _span(data.get("abstract_span"), len(text))
        references_span = _span(data.get("references_span"), len(text))
        sections = []
        for s in data.get("sections") or []:
            span = _span([s.get("start"), s.get("end")], len(text))
            if span:
                sections.append(Section(str(s.get("heading") or ""), span[0], span[1], int(s.get("level") or 1)))
        return cls(
            text=text,
            metadata=Metadata.from_json(data.get("metadata") or {}),
            abstract=_opt_str(data.get("abstract")),
            abstract_parts=[
                AbstractPart(str(p.get("label") or ""), str(p.get("text") or ""))
                for p in data.get("abstract_parts") or []
                if isinstance(p, dict)
            ],
            abstract_span=abstract_span,
            sections=sections,
            references=[
                Reference(str(r.get("text") or ""), _opt_str(r.get("doi")))
                for r in data.get("references") or []
                if isinstance(r, dict)
            ],
            references_span=references_span,
            source=_opt_str(data.get("source")),
            format=_opt_str(data.get("format")),
            id=str(data.get("id") or ""),
        )


def document_id(metadata: Metadata, text: str) -> str:
    """A stable identifier: ``doi:…`` (lower-cased), else ``pmid:…``, else a hash of the content."""
    if metadata.doi:
        return "doi:" + metadata.doi.lower()
    if metadata.pmid:
        return "pmid:" + metadata.pmid
    digest = hashlib.sha256((metadata.title or "").encode("utf-8") + b"\x00" + text.encode("utf-8"))
    return "sha256:" + digest.hexdigest()[:32]


def _opt_str(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _span(value: Any, length: int) -> tuple[int, int] | None:
    if not isinstance(value, (list, tuple)) or len(value) != 2:
        return None
    start, end = value
    if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start <= end <= length:
        return None
    return (start, end)
