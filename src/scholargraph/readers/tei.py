"""GROBID TEI XML (``.tei.xml``): header metadata, abstract, body sections and references.

GROBID turns a PDF into TEI (namespace ``http://www.tei-c.org/ns/1.0``).  ``Document.text`` is
laid out like the JATS reader's: the title, the abstract, every body ``<div>`` (its heading on
its own line, numbered as GROBID numbered it, then its paragraphs), figure and table captions,
back-matter divisions such as acknowledgements, then a "References" heading and one formatted
reference per line.  Blocks are separated by a blank line and every span points into that string.

GROBID is a machine reading of a PDF, so the header is often thin: an empty ``<date/>`` gives no
date (never today's), and affiliations it could not tie to a person are left unattached.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from ..dates import PartialDate, parse_date
from ..document import AbstractPart, Author, Document, Metadata, Reference, Section
from ..errors import InputError
from .ids import clean_space, normalize_doi, normalize_orcid, normalize_pmid
from .xmlsafe import local_name, parse_xml
from .xmltree import TextBuilder as _TextBuilder
from .xmltree import add_references
from .xmltree import descendants as _descendants
from .xmltree import kid as _kid
from .xmltree import kids as _kids
from .xmltree import part_line as _part_line
from .xmltree import path as _path

TEI_NAMESPACE = "http://www.tei-c.org/ns/1.0"

#: Inline elements whose content is not running text (footnotes, formulas, figures inside a paragraph).
_SKIP_INLINE = {"note", "figure", "formula", "table", "graphic", "email", "idno", "ptr"}


def read(data: bytes, source: str) -> list[Document]:
    """Read a TEI document (or a ``teiCorpus`` of them) into documents."""
    root = parse_xml(data, source)
    dtd = root.getroottree().docinfo.internalDTD
    # GROBID never declares entities; a DOCTYPE that does is an attack (external file, entity bomb).
    # (lxml-stubs does not declare DTD.iterentities, which lxml has had since 2.x.)
    if dtd is not None and any(True for _ in dtd.iterentities()):  # type: ignore[attr-defined]
        raise InputError(f"{source}: TEI with a DOCTYPE declaring entities is refused")
    if local_name(root) == "TEI":
        documents = [root]
    else:
        documents = [el for el in root.iter() if isinstance(el.tag, str) and local_name(el) == "TEI"]
    if not documents:
        raise InputError(f"{source}: no TEI <TEI> element found")
    return [_read_tei(tei, source) for tei in documents]


# --------------------------------------------------------------------------- element helpers










# --------------------------------------------------------------------------- inline text


def inline_text(element: etree._Element | None) -> str:
    """The readable text of an element: markup dropped, reference markers kept, whitespace folded."""
    if element is None:
        return ""
    out: list[str] = []
    _render(element, out)
    return _tidy(clean_space("".join(out)))


def _render(element: etree._Element, out: list[str]) -> None:
    if element.text:
        out.append(element.text)
    for child in element:
        if isinstance(child.tag, str) and local_name(child) not in _SKIP_INLINE:
            if local_name(child) == "ref":
                marker = inline_text(child)
                # GROBID glues consecutive markers together ("CoNLL-2003</ref><ref>and ACE").
                glued = bool(out) and (out[-1][-1:].isalnum() or out[-1][-1:] in (")", "]"))
                if marker and glued and (marker[0].isalnum() or marker[0] in "(["):
                    out.append(" ")
                out.append(marker)
            else:
                _render(child, out)
                if local_name(child) in ("forename", "surname", "lb", "head", "p"):
                    out.append(" ")
        if child.tail:
            out.append(child.tail)


def _tidy(text: str) -> str:
    # Folding whitespace can leave "word ," or "( text": close up the space inside punctuation.
    text = re.sub(r"\s+([,.;:!?)\]])", r"\1", text)
    return re.sub(r"([(\[])\s+", r"\1", text)


# --------------------------------------------------------------------------- text layout




# --------------------------------------------------------------------------- the document


def _read_tei(tei: etree._Element, source: str) -> Document:
    header = _kid(tei, "teiHeader")
    file_desc = _kid(header, "fileDesc")
    if file_desc is None:
        raise InputError(f"{source}: TEI document without <teiHeader>/<fileDesc>")
    bibl = _path(file_desc, "sourceDesc", "biblStruct")
    analytic = _kid(bibl, "analytic")
    monogr = _kid(bibl, "monogr")
    imprint = _kid(monogr, "imprint")
    profile = _kid(header, "profileDesc")

    metadata = Metadata(
        title=_main_title(_kid(file_desc, "titleStmt")) or _main_title(analytic),
        authors=_authors(analytic),
        journal=_main_title(monogr),
        volume=_scope(imprint, "volume"),
        issue=_scope(imprint, "issue"),
        pages=_pages(imprint),
        date=_date(imprint),
        keywords=_keywords(profile),
        publisher=inline_text(_kid(imprint, "publisher"))
        or inline_text(_path(file_desc, "publicationStmt", "publisher"))
        or None,
    )
    for idno in _kids(bibl, "idno") + _kids(analytic, "idno") + _kids(monogr, "idno"):
        kind = (idno.get("type") or "").upper()
        if kind == "DOI" and not metadata.doi:
            metadata.doi = normalize_doi(inline_text(idno))
        elif kind == "PMID" and not metadata.pmid:
            metadata.pmid = normalize_pmid(inline_text(idno))

    builder = _TextBuilder()
    if metadata.title:
        builder.add(metadata.title)

    abstract_parts = _abstract_parts(_kid(profile, "abstract"))
    abstract = "\n".join(_part_line(p) for p in abstract_parts) or None
    abstract_span = builder.add(abstract) if abstract else None

    sections: list[Section] = []
    text_el = _kid(tei, "text")
    body = _kid(text_el, "body")
    if body is not None:
        _add_blocks(body, builder, sections)
        for figure in _kids(body, "figure"):
            caption = _caption(figure)
            if caption:
                builder.add(caption)
    back = _kid(text_el, "back")
    for division in _kids(back, "div"):
        if (division.get("type") or "").lower() not in ("references", "bibliography"):
            _add_back_division(division, builder, sections)

    references = _references(back)
    references_span = add_references(builder, references, sections)

    return Document(
        text=builder.text(),
        metadata=metadata,
        abstract=abstract,
        abstract_parts=abstract_parts,
        abstract_span=abstract_span,
        sections=sections,
        references=references,
        references_span=references_span,
        source=source,
        format="tei",
    )


def _main_title(container: etree._Element | None) -> str | None:
    """The main ``<title>`` of a title statement, analytic or monograph (the first one otherwise)."""
    titles = _kids(container, "title")
    main = [t for t in titles if (t.get("type") or "main") == "main"]
    for title in main + titles:
        text = inline_text(title)
        if text:
            return text
    return None


def _scope(imprint: etree._Element | None, unit: str) -> str | None:
    for scope in _kids(imprint, "biblScope"):
        if scope.get("unit") == unit:
            return inline_text(scope) or None
    return None


def _pages(imprint: etree._Element | None) -> str | None:
    for scope in _kids(imprint, "biblScope"):
        if scope.get("unit") != "page":
            continue
        first = (scope.get("from") or "").strip()
        last = (scope.get("to") or "").strip()
        if first and last and last != first:
            return f"{first}-{last}"
        return first or last or inline_text(scope) or None
    return None


def _date(imprint: etree._Element | None) -> PartialDate | None:
    dates = _kids(imprint, "date")
    # The published date first; GROBID may also list others (submitted, accepted).
    dates.sort(key=lambda d: d.get("type") not in (None, "published"))
    for date in dates:
        found = parse_date(date.get("when")) or parse_date(inline_text(date))
        if found:
            return found
    return None


def _keywords(profile: etree._Element | None) -> list[str]:
    keywords: list[str] = []
    for group in _descendants(_kid(profile, "textClass"), "keywords"):
        terms = [inline_text(t) for t in _kids(group, "term")]
        if not terms:
            # Keywords GROBID could not split arrive as one run of text.
            terms = [clean_space(t) for t in re.split(r"[;,·•]", inline_text(group))]
        for term in terms:
            if term and term not in keywords:
                keywords.append(term)
    return keywords


# --------------------------------------------------------------------------- authors


def _authors(analytic: etree._Element | None) -> list[Author]:
    authors: list[Author] = []
    for author_el in _kids(analytic, "author"):
        # GROBID puts affiliations it could not link to anyone in <author> elements without a name.
        pers_name = _kid(author_el, "persName")
        if pers_name is None:
            continue
        author = _person(pers_name)
        if author is None:
            continue
        for affiliation in _kids(author_el, "affiliation"):
            text = ", ".join(n for n in (inline_text(o) for o in _kids(affiliation, "orgName")) if n)
            if text and text not in author.affiliations:
                author.affiliations.append(text)
        for idno in _kids(author_el, "idno"):
            if (idno.get("type") or "").upper() == "ORCID":
                author.orcid = normalize_orcid(inline_text(idno))
        authors.append(author)
    return authors


def _person(pers_name: etree._Element) -> Author | None:
    forenames = _kids(pers_name, "forename")
    # First names before middle names, whatever order GROBID wrote them in.
    forenames.sort(key=lambda f: 0 if f.get("type") in (None, "first") else 1)
    given = " ".join(n for n in (inline_text(f) for f in forenames) if n) or None
    family = " ".join(n for n in (inline_text(s) for s in _kids(pers_name, "surname")) if n) or None
    if given is None and family is None:
        text = inline_text(pers_name)
        return Author(name=text, is_organization=True) if text else None
    return Author(given=given, family=family)


# --------------------------------------------------------------------------- abstract and body


def _abstract_parts(abstract: etree._Element | None) -> list[AbstractPart]:
    if abstract is None:
        return []
    parts: list[AbstractPart] = []
    loose = [inline_text(p) for p in _kids(abstract, "p")]
    if any(loose):
        parts.append(AbstractPart("", " ".join(t for t in loose if t)))
    for division in _kids(abstract, "div"):
        label = inline_text(_kid(division, "head")).rstrip(":. ")
        text = " ".join(t for t in (inline_text(p) for p in _paragraphs(division)) if t)
        if text:
            parts.append(AbstractPart(label, text))
        elif label:
            # A head alone is an unlabelled sentence GROBID mistook for a heading.
            parts.append(AbstractPart("", label))
    return parts


def _paragraphs(element: etree._Element) -> Iterator[etree._Element]:
    for child in element:
        if isinstance(child.tag, str):
            if local_name(child) == "p":
                yield child
            elif local_name(child) == "div":
                yield from _paragraphs(child)




def _heading(division: etree._Element) -> str:
    head = _kid(division, "head")
    title = inline_text(head)
    number = (head.get("n") or "").strip() if head is not None else ""
    if number and title and not title.startswith(number):
        return f"{number} {title}"
    return title


def _add_blocks(container: etree._Element, builder: _TextBuilder, sections: list[Section], level: int = 1) -> None:
    """Append the divisions and paragraphs of ``container`` in document order."""
    for child in container:
        if not isinstance(child.tag, str):
            continue
        name = local_name(child)
        if name == "div":
            _add_division(child, builder, sections, level)
        elif name == "p":
            text = inline_text(child)
            if text:
                builder.add(text)


def _add_division(division: etree._Element, builder: _TextBuilder, sections: list[Section], level: int) -> None:
    heading = _heading(division)
    if not heading:
        _add_blocks(division, builder, sections, level)
        return
    start, _ = builder.add(heading)
    section = Section(heading, start, builder.length, level)
    sections.append(section)
    _add_blocks(division, builder, sections, level + 1)
    section.end = builder.length


def _add_back_division(division: etree._Element, builder: _TextBuilder, sections: list[Section]) -> None:
    # GROBID wraps back matter twice: <div type="acknowledgement"><div><head>…</head><p>…</p></div></div>.
    inner = _kids(division, "div")
    if _kid(division, "head") is None and len(inner) == 1:
        division = inner[0]
    if _heading(division):
        _add_division(division, builder, sections, 1)
        return
    default = {"acknowledgement": "Acknowledgements", "annex": "Appendix"}.get(division.get("type") or "", "")
    if not default:
        _add_blocks(division, builder, sections)
        return
    start, _ = builder.add(default)
    section = Section(default, start, builder.length, 1)
    sections.append(section)
    _add_blocks(division, builder, sections, 2)
    section.end = builder.length


def _caption(figure: etree._Element) -> str:
    head = inline_text(_kid(figure, "head")).rstrip(" :.")
    description = inline_text(_kid(figure, "figDesc"))
    if head and description:
        return f"{head}: {description}"
    return description


# --------------------------------------------------------------------------- references


def _references(back: etree._Element | None) -> list[Reference]:
    references: list[Reference] = []
    for division in _kids(back, "div"):
        if (division.get("type") or "").lower() not in ("references", "bibliography"):
            continue
        for list_bibl in _descendants(division, "listBibl"):
            for bibl in _kids(list_bibl, "biblStruct"):
                reference = _reference(bibl)
                if reference is not None:
                    references.append(reference)
    return references


def _reference(bibl: etree._Element) -> Reference | None:
    doi = None
    for idno in _descendants(bibl, "idno"):
        if (idno.get("type") or "").upper() == "DOI":
            doi = normalize_doi(inline_text(idno))
            if doi:
                break
    text = _format_reference(bibl)
    if not text:
        # Nothing structured: fall back on the string GROBID read from the PDF.
        raw = next((n for n in _kids(bibl, "note") if n.get("type") == "raw_reference"), None)
        text = inline_text(raw)
    if not text:
        return None
    if doi and doi.lower() not in text.lower():
        text = f"{text} doi:{doi}"
    return Reference(text=text, doi=doi)


def _format_reference(bibl: etree._Element) -> str:
    """``Given Family, Given Family (2017). Title. Venue 12(3):1-9.`` from a ``<biblStruct>``."""
    analytic = _kid(bibl, "analytic")
    monogr = _kid(bibl, "monogr")
    people = _kids(analytic, "author") or _kids(monogr, "author")
    names = []
    for person in people:
        pers_name = _kid(person, "persName")
        author = _person(pers_name) if pers_name is not None else None
        if author is not None and author.display_name:
            names.append(author.display_name)
    imprint = _kid(monogr, "imprint")
    date = _date(imprint)
    year = str(date.year) if date else ""
    title = _main_title(analytic)
    venue = _main_title(monogr) or ""
    if title is None:
        title, venue = venue or None, ""
    pieces: list[str] = []
    head = ", ".join(names)
    if head:
        pieces.append(head + (f" ({year})." if year else "."))
    elif year:
        pieces.append(f"({year}).")
    if title:
        pieces.append(title if title[-1] in ".?!" else title + ".")
    volume = _scope(imprint, "volume")
    issue = _scope(imprint, "issue")
    pages = _pages(imprint)
    locator = venue
    if volume:
        locator += f" {volume}"
    if issue:
        locator += f"({issue})"
    if pages:
        locator += f":{pages}"
    publisher = inline_text(_kid(imprint, "publisher"))
    if publisher:
        locator += (". " if locator else "") + publisher
    if locator.strip():
        pieces.append(locator.strip() + ".")
    return " ".join(pieces)
