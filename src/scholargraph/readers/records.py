"""JSON and JSON Lines records: our own Document JSON, Crossref-style and OpenAlex-style works.

Accepted shapes: one record, a list of records, a Crossref API envelope
(``{"message": {...}}`` or ``{"message": {"items": [...]}}``), an OpenAlex list
(``{"results": [...]}``), or one record per line (JSONL).  Records of different kinds may
be mixed.  Anything else is refused with one line naming the record that did not fit.

Crossref dates: ``published-print`` (the issue) anchors the date, ``issued`` stands in when
there is no print date, and ``published-online`` only makes it more precise when it agrees
on the year (and month) — the same rule as the JATS and PubMed readers.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from ..dates import PartialDate, date_from_parts, parse_date
from ..document import AbstractPart, Author, Document, Metadata, Reference
from ..errors import InputError
from .decode import decode_text
from .ids import (
    clean_space,
    looks_like_organization,
    normalize_doi,
    normalize_orcid,
    normalize_pmcid,
    normalize_pmid,
    split_person_name,
    strip_markup,
)

_JATS_TITLE = re.compile(r"<(?:jats:)?title[^>]*>(.*?)</(?:jats:)?title\s*>", re.IGNORECASE | re.DOTALL)
_PRECISION = {"year": 0, "month": 1, "day": 2}


def read(data: bytes, source: str) -> list[Document]:
    """Read JSON or JSONL records into documents."""
    text = decode_text(data, source)
    documents: list[Document] = []
    for where, record in _records(text, source):
        documents.append(_document(record, f"{source}: {where}"))
    if not documents:
        raise InputError(f"{source}: no records in the JSON input")
    for document in documents:
        document.source = document.source or source
    return documents


# --------------------------------------------------------------------------- JSON envelopes


def _records(text: str, source: str) -> Iterator[tuple[str, Any]]:
    """Yield ``(where, record)`` pairs; ``where`` names the record in error messages."""
    try:
        value = _loads(text, source)
    except json.JSONDecodeError as error:
        if error.msg != "Extra data":
            lines = [line for line in text.splitlines() if line.strip()]
            looks_like_lines = len(lines) > 1 and lines[0].lstrip().startswith("{") and _parses(lines[0])
            if not looks_like_lines:
                raise InputError(
                    f"{source}: malformed JSON at line {error.lineno}, column {error.colno} ({error.msg})"
                ) from error
        yield from _json_lines(text, source)
        return
    yield from _unwrap(value, "record 1" if not isinstance(value, list) else "")


def _loads(text: str, source: str) -> Any:
    """``json.loads`` with its other failures (absurd nesting, 5000-digit numbers) as InputError."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise
    except RecursionError as error:
        raise InputError(f"{source}: JSON nested too deeply to read") from error
    except ValueError as error:
        raise InputError(f"{source}: unreadable JSON ({str(error).split(';')[0]})") from error


def _parses(line: str) -> bool:
    try:
        _loads(line, "")
    except (json.JSONDecodeError, InputError):
        return False
    return True


def _json_lines(text: str, source: str) -> Iterator[tuple[str, Any]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = _loads(line, f"{source}: line {number}")
        except json.JSONDecodeError as error:
            raise InputError(
                f"{source}: malformed JSON on line {number}, column {error.colno} ({error.msg})"
            ) from error
        yield from _unwrap(value, f"line {number}")


def _unwrap(value: Any, where: str) -> Iterator[tuple[str, Any]]:
    if isinstance(value, list):
        for index, item in enumerate(value, start=1):
            yield from _unwrap(item, f"{where + ', ' if where else ''}item {index}")
        return
    if isinstance(value, dict):
        message = value.get("message")
        if isinstance(message, dict) and "title" not in value and "metadata" not in value:
            # Crossref API envelope: one work, or a page of works under "items".
            if isinstance(message.get("items"), list):
                yield from _unwrap(message["items"], where)
            else:
                yield where, message
            return
        if isinstance(value.get("results"), list) and "title" not in value and "display_name" not in value:
            yield from _unwrap(value["results"], where)
            return
    yield where, value


def _document(record: Any, where: str) -> Document:
    if not isinstance(record, dict):
        raise InputError(f"{where}: expected a JSON object, got {type(record).__name__}")
    if "metadata" in record and "text" in record:
        return _own_document(record, where)
    if _looks_like_openalex(record):
        return _openalex(record)
    if _looks_like_crossref(record):
        return _crossref(record)
    keys = ", ".join(sorted(record)[:6]) or "none"
    raise InputError(
        f"{where}: unknown JSON record shape (keys: {keys}); expected Document JSON, Crossref or OpenAlex"
    )


def _own_document(record: dict[str, Any], where: str) -> Document:
    if not isinstance(record.get("metadata"), dict) or not isinstance(record.get("text"), str):
        raise InputError(f"{where}: Document JSON needs an object 'metadata' and a string 'text'")
    try:
        return Document.from_json(record)
    except (TypeError, ValueError, AttributeError) as error:
        raise InputError(f"{where}: invalid Document JSON ({error})") from error


def _looks_like_openalex(record: dict[str, Any]) -> bool:
    identifier = str(record.get("id") or "")
    return (
        identifier.startswith("https://openalex.org/")
        or "authorships" in record
        or "abstract_inverted_index" in record
        or ("display_name" in record and ("publication_year" in record or "primary_location" in record))
    )


def _looks_like_crossref(record: dict[str, Any]) -> bool:
    return any(key in record for key in ("DOI", "container-title", "issued", "published-print", "published"))


# --------------------------------------------------------------------------- shared helpers


def _str(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = clean_space(str(value))
    return text or None


def _items(value: Any) -> list[Any]:
    """A JSON list as a list; a lone string or object as a one-item list; anything else as none."""
    if isinstance(value, list):
        return value
    if isinstance(value, (str, dict)):
        return [value]
    return []


def _first(value: Any) -> str | None:
    """Crossref puts titles in lists: the first non-empty entry, or the value itself."""
    if isinstance(value, list):
        for item in value:
            text = _str(item)
            if text:
                return text
        return None
    return _str(value)


def _text_document(metadata: Metadata, parts: list[AbstractPart], references: list[Reference],
                   kind: str) -> Document:
    """Lay out title + abstract (+ references) as the document text, with spans."""
    abstract = "\n".join(f"{p.label}: {p.text}" if p.label else p.text for p in parts) or None
    text = metadata.title or ""
    abstract_span = None
    if abstract:
        if text:
            text += "\n\n"
        abstract_span = (len(text), len(text) + len(abstract))
        text += abstract
    references_span = None
    if references:
        text += ("\n\n" if text else "") + "References\n"
        start = len(text)
        text += "\n".join(r.text for r in references)
        references_span = (start, len(text))
    return Document(text=text, metadata=metadata, abstract=abstract, abstract_parts=parts,
                    abstract_span=abstract_span, references=references, references_span=references_span,
                    format=kind)


def _refined(anchor: PartialDate | None, finer: PartialDate | None) -> PartialDate | None:
    if anchor is None:
        return finer
    if finer is None or finer.year != anchor.year:
        return anchor
    if anchor.month is not None and finer.month != anchor.month:
        return anchor
    return finer if _PRECISION[finer.precision] > _PRECISION[anchor.precision] else anchor


# --------------------------------------------------------------------------- Crossref


def _date_parts(value: Any) -> PartialDate | None:
    """``{"date-parts": [[2023, 11, 1]]}`` (or ``[[2023]]``, ``[[null]]``) → a partial date."""
    if not isinstance(value, dict):
        return None
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        first = [p if isinstance(p, (int, str)) else None for p in parts[0]] + [None, None]
        year, month, day = first[0], first[1], first[2]
        if isinstance(year, int) or (isinstance(year, str) and year.strip().isdigit()):
            return date_from_parts(year, month, day)
    return parse_date(_str(value.get("date-time")))


def _crossref(record: dict[str, Any]) -> Document:
    title = _first(record.get("title"))
    subtitle = _first(record.get("subtitle"))
    if title and subtitle and subtitle.lower() not in title.lower():
        title = f"{title}: {subtitle}"
    issue_date = (_date_parts(record.get("published-print"))
                  or _date_parts((record.get("journal-issue") or {}).get("published-print"))
                  or _date_parts(record.get("issued"))
                  or _date_parts(record.get("published")))
    online = _date_parts(record.get("published-online"))
    licence = None
    for entry in _items(record.get("license")):
        if isinstance(entry, dict) and isinstance(entry.get("URL"), str) and _str(entry.get("URL")):
            licence = _str(entry.get("URL"))
            break
    metadata = Metadata(
        title=strip_markup(title) or None if title else None,
        authors=[a for a in (_crossref_author(x) for x in _items(record.get("author"))) if a],
        journal=_first(record.get("container-title")) or _first(record.get("short-container-title")),
        volume=_str(record.get("volume")),
        issue=_str(record.get("issue")),
        pages=_str(record.get("page")) or _str(record.get("article-number")),
        date=_refined(issue_date, online),
        doi=normalize_doi(_str(record.get("DOI"))),
        keywords=[k for k in (_str(s) for s in _items(record.get("subject"))) if k],
        url=_str(record.get("URL")),
        license=licence,
        publisher=_str(record.get("publisher")),
    )
    parts = _crossref_abstract(_str_raw(record.get("abstract")))
    references = []
    for entry in _items(record.get("reference")):
        if isinstance(entry, dict):
            reference = _crossref_reference(entry)
            if reference:
                references.append(reference)
    return _text_document(metadata, parts, references, "crossref")


def _str_raw(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _crossref_author(entry: Any) -> Author | None:
    if not isinstance(entry, dict):
        return None
    given = _str(entry.get("given"))
    family = _str(entry.get("family"))
    if family or given:
        author = Author(given=given, family=family)
    elif _str(entry.get("name")):
        author = Author(name=_str(entry.get("name")), is_organization=True)
    else:
        return None
    author.orcid = normalize_orcid(_str(entry.get("ORCID")))
    for affiliation in _items(entry.get("affiliation")):
        name = _str(affiliation.get("name")) if isinstance(affiliation, dict) else _str(affiliation)
        if name and name not in author.affiliations:
            author.affiliations.append(name)
    return author


def _crossref_abstract(markup: str) -> list[AbstractPart]:
    """A JATS-ish abstract ("<jats:sec><jats:title>Methods</jats:title><jats:p>…") → labelled parts."""
    if not markup.strip():
        return []
    pieces = _JATS_TITLE.split(markup)
    parts: list[AbstractPart] = []
    lead = strip_markup(pieces[0])
    if lead:
        parts.append(AbstractPart("", lead))
    for index in range(1, len(pieces) - 1, 2):
        label = strip_markup(pieces[index]).rstrip(":. ")
        body = strip_markup(pieces[index + 1])
        if not body:
            continue
        if label.lower() == "abstract":
            label = ""
        parts.append(AbstractPart(label, body))
    return parts


def _crossref_reference(entry: dict[str, Any]) -> Reference | None:
    text = _str(entry.get("unstructured"))
    if not text:
        year = _str(entry.get("year"))
        head = _str(entry.get("author")) or ""
        if year:
            head = f"{head} ({year})".strip()
        rest = [_str(entry.get(key)) for key in ("article-title", "journal-title", "volume-title", "volume",
                                                   "first-page")]
        text = clean_space(f"{head + '.' if head else ''} {', '.join(p for p in rest if p)}")
    if not text:
        return None
    return Reference(text=text, doi=normalize_doi(_str(entry.get("DOI"))) or normalize_doi(text))


# --------------------------------------------------------------------------- OpenAlex


def _openalex(record: dict[str, Any]) -> Document:
    primary = _obj(record.get("primary_location"))
    source = _obj(primary.get("source"))
    host = _obj(record.get("host_venue"))
    biblio = _obj(record.get("biblio"))
    ids = _obj(record.get("ids"))
    first_page, last_page = _str(biblio.get("first_page")), _str(biblio.get("last_page"))
    pages = first_page
    if first_page and last_page and first_page != last_page:
        pages = f"{first_page}-{last_page}"
    date = parse_date(_str(record.get("publication_date")))
    if date is None and isinstance(record.get("publication_year"), int):
        date = PartialDate.checked(record["publication_year"])
    metadata = Metadata(
        title=strip_markup(_str(record.get("display_name")) or _str(record.get("title"))) or None,
        authors=[a for a in (_openalex_author(x) for x in _items(record.get("authorships"))) if a],
        journal=_str(source.get("display_name")) or _str(host.get("display_name")),
        volume=_str(biblio.get("volume")),
        issue=_str(biblio.get("issue")),
        pages=pages,
        date=date,
        doi=normalize_doi(_str(record.get("doi")) or _str(ids.get("doi"))),
        pmid=normalize_pmid(_str(ids.get("pmid"))),
        pmcid=normalize_pmcid(_str(ids.get("pmcid"))),
        keywords=_openalex_keywords(record),
        url=_str(primary.get("landing_page_url")),
        license=_str(primary.get("license")),
        publisher=_str(source.get("host_organization_name")),
    )
    abstract = _inverted_abstract(record.get("abstract_inverted_index"))
    parts = [AbstractPart("", abstract)] if abstract else []
    return _text_document(metadata, parts, [], "openalex")


def _obj(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _openalex_author(entry: Any) -> Author | None:
    if not isinstance(entry, dict):
        return None
    person = _obj(entry.get("author"))
    name = _str(person.get("display_name")) or _str(entry.get("raw_author_name"))
    if not name:
        return None
    if looks_like_organization(name) and not person.get("orcid"):
        author = Author(name=name, is_organization=True)
    else:
        given, family = split_person_name(name)
        author = Author(given=given, family=family)
    author.orcid = normalize_orcid(_str(person.get("orcid")))
    for institution in _items(entry.get("institutions")):
        label = _str(institution.get("display_name")) if isinstance(institution, dict) else None
        if label and label not in author.affiliations:
            author.affiliations.append(label)
    if not author.affiliations:
        for raw in _items(entry.get("raw_affiliation_strings")):
            label = _str(raw)
            if label and label not in author.affiliations:
                author.affiliations.append(label)
    return author


def _openalex_keywords(record: dict[str, Any]) -> list[str]:
    keywords: list[str] = []
    for entry in _items(record.get("keywords")):
        word = _str(_obj(entry).get("display_name") or _obj(entry).get("keyword")) or _str(entry)
        if word and word not in keywords:
            keywords.append(word)
    if not keywords:
        # Concepts are machine-assigned; only the confident ones stand in for keywords.
        for concept in _items(record.get("concepts")):
            score = concept.get("score") if isinstance(concept, dict) else None
            if isinstance(score, (int, float)) and score >= 0.5:
                word = _str(concept.get("display_name"))
                if word and word not in keywords:
                    keywords.append(word)
    return keywords


def _inverted_abstract(index: Any) -> str:
    """Rebuild the abstract from OpenAlex's ``{"word": [positions]}`` index."""
    if not isinstance(index, dict):
        return ""
    slots: dict[int, str] = {}
    for word, positions in index.items():
        if not isinstance(positions, list):
            continue
        for position in positions:
            if isinstance(position, int) and 0 <= position < 1_000_000:
                slots[position] = str(word)
    return clean_space(" ".join(slots[p] for p in sorted(slots)))
