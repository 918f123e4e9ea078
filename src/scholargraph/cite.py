"""APA-style narrative in-text citations: "Brooks et al. (2023)".

The year comes only from :attr:`Metadata.year`, which the date parser guarantees is a
plausible year or None — so a weekday such as "Tue," can never stand where the year
belongs; without a date the citation says "n.d." as APA asks.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Any

from .document import Author, Document, Metadata
from .errors import InputError

NO_DATE = "n.d."
UNKNOWN_AUTHOR = "Unknown author"
_TITLE_WORDS = 4


def author_surname(author: Author) -> str:
    """The name an in-text citation uses: the family name, or an organisation's full name."""
    if author.is_organization:
        return author.display_name
    if author.family:
        return author.family
    parts = author.display_name.split()
    return parts[-1] if parts else ""


def author_part(metadata: Metadata) -> str:
    """"Brooks", "Brooks and Dickinson", "Brooks et al.", or a short title when there are no authors."""
    names = [n for n in (author_surname(a) for a in metadata.authors) if n]
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]} and {names[1]}"
    if names:
        return f"{names[0]} et al."
    if metadata.title:
        words = metadata.title.split()
        short = " ".join(words[:_TITLE_WORDS])
        return f"\u201c{short}{'…' if len(words) > _TITLE_WORDS else ''}\u201d"
    return UNKNOWN_AUTHOR


def year_part(metadata: Metadata) -> str:
    """The year as text, or "n.d." when the source gives no date."""
    return str(metadata.year) if metadata.year is not None else NO_DATE


def cite(source: Document | Metadata, capitalize: bool = False) -> str:
    """The narrative citation, e.g. ``Venkataraman et al. (2026)``.

    ``capitalize`` upper-cases a leading particle ("van der Berg" -> "Van der Berg"),
    as APA asks at the start of a sentence.
    """
    metadata = source.metadata if isinstance(source, Document) else source
    text = f"{author_part(metadata)} ({year_part(metadata)})"
    if capitalize and text[:1].islower():
        text = text[0].upper() + text[1:]
    return text


def fill_template(template: str, source: Document | Metadata) -> str:
    """Fill a sentence template such as ``"{cite} studied this question."``.

    Fields: ``{cite}``, ``{authors}``, ``{year}``, ``{title}``, ``{journal}``, ``{doi}``.
    Raises InputError for an unknown field or a malformed template.
    """
    metadata = source.metadata if isinstance(source, Document) else source
    starts_sentence = template.lstrip().startswith("{cite}") or template.lstrip().startswith("{authors}")
    authors = author_part(metadata)
    if starts_sentence and authors[:1].islower():
        authors = authors[0].upper() + authors[1:]
    fields: dict[str, str] = {
        "cite": cite(metadata, capitalize=starts_sentence),
        "authors": authors,
        "year": year_part(metadata),
        "title": metadata.title or "",
        "journal": metadata.journal or "",
        "doi": metadata.doi or "",
    }
    _check_template(template, fields)
    return template.format_map(fields)


def _check_template(template: str, fields: Mapping[str, Any]) -> None:
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as error:
        raise InputError(f"template: {error}") from error
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in fields or spec or conversion:
            known = ", ".join("{" + f + "}" for f in fields)
            raise InputError(f"template: unknown field {{{name}}} (known: {known})")
