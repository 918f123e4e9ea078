"""PMC JATS (``.nxml``) articles: metadata, abstract, body sections and references.

``Document.text`` is laid out as: title, the abstract, every body section (heading on its
own line, then its paragraphs; figure and table captions kept, table cells dropped),
then a "References" heading and one reference per line.  Blocks are separated by a blank
line, and every span (abstract, sections, references) points into that one string.

Publication date: the issue date (``ppub``, else ``collection``) anchors the date and its
year, as APA cites the year of the issue; the electronic date (``epub``) only refines it
when it agrees on year (and month, when the issue date has one), or stands alone when the
article has no issue date.  "Most precise" therefore never moves an article to another year.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from lxml import etree

from ..dates import PartialDate, date_from_parts, parse_date
from ..document import AbstractPart, Author, Document, Metadata, Reference, Section
from ..errors import InputError
from .ids import clean_space, normalize_doi, normalize_orcid, normalize_pmcid, normalize_pmid
from .xmlsafe import local_name, parse_xml
from .xmltree import TextBuilder as _TextBuilder
from .xmltree import add_references
from .xmltree import descendants as _descendants
from .xmltree import kid as _kid
from .xmltree import kids as _kids
from .xmltree import part_line as _part_line
from .xmltree import path as _path

XLINK_HREF = "{http://www.w3.org/1999/xlink}href"

#: Elements whose content is never text a reader wants (table cells, TeX, images, ids).
_SKIP_INLINE = {
    "table", "tex-math", "graphic", "inline-graphic", "media", "object-id", "institution-id",
    "alt-text", "long-desc", "table-wrap-foot", "fn", "email",
}
#: Block elements that can sit inside a paragraph; their captions are emitted after it.
_FLOATS = {"fig", "table-wrap", "fig-group", "table-wrap-group", "boxed-text", "disp-formula", "list",
           "supplementary-material", "disp-quote", "def-list", "statement"}
_ISSUE_DATE_TYPES = ("ppub", "collection", "print")
_ELECTRONIC_DATE_TYPES = ("epub", "epub-ppub", "pub", "electronic")


def read(data: bytes, source: str) -> list[Document]:
    """Read a JATS article (or a ``pmc-articleset`` of them) into documents."""
    root = parse_xml(data, source)
    # A pmc-articleset wraps several articles; a bare <article> is the usual case.
    articles = [root] if local_name(root) == "article" else [el for el in root.iter() if local_name(el) == "article"]
    if not articles:
        raise InputError(f"{source}: no JATS <article> element found")
    return [_read_article(article, source) for article in articles]


# --------------------------------------------------------------------------- element helpers










# --------------------------------------------------------------------------- inline text


def inline_text(element: etree._Element | None) -> str:
    """The readable text of an element: markup dropped, names spaced, whitespace folded.

    Entity references left unexpanded by the safe parser contribute nothing.
    """
    if element is None:
        return ""
    out: list[str] = []
    _render(element, out)
    return _tidy(clean_space("".join(out)))


def _render(element: etree._Element, out: list[str]) -> None:
    if element.text:
        out.append(element.text)
    for child in element:
        if isinstance(child.tag, str):
            _render_child(child, out)
        if child.tail:
            out.append(child.tail)


def _render_child(child: etree._Element, out: list[str]) -> None:
    name = local_name(child)
    if name in _SKIP_INLINE or name in _FLOATS:
        return
    if name == "math":
        out.append(child.get("alttext") or inline_text(child))
        return
    if name == "alternatives":
        # One rendering of the same thing is enough: prefer MathML, else the first textual child.
        math = _kid(child, "math")
        if math is not None:
            _render_child(math, out)
            return
    if name in ("name", "string-name") and _kid(child, "surname") is not None:
        out.append(_reference_name(child))
        return
    if name == "sup" and _is_citation_superscript(child):
        # A superscript citation glued to a word ("cancer<sup>1,2</sup>") becomes " [1,2]".
        marker = inline_text(child)
        if out and out[-1][-1:].isalnum():
            out.append(" ")
        out.append(f"[{marker}]")
        return
    if name == "xref":
        text = inline_text(child)
        if text[:1] in "[(" and out and out[-1][-1:].isalnum():
            out.append(" ")
        out.append(text)
        return
    if name in ("break", "p", "title", "label"):
        out.append(" ")
    _render(child, out)
    if name in ("p", "title", "label", "given-names", "surname", "prefix", "suffix"):
        out.append(" ")


def _is_citation_superscript(element: etree._Element) -> bool:
    refs = [c for c in element if isinstance(c.tag, str)]
    if not refs or any(local_name(c) != "xref" for c in refs):
        return False
    loose = (element.text or "") + "".join(c.tail or "" for c in refs)
    return not loose.strip(" ,;–-")


def _tidy(text: str) -> str:
    # Folded whitespace can leave "word ," or "( text": remove the space inside punctuation,
    # and keep a space between a closing citation bracket and the next word.
    text = re.sub(r"\s+([,.;:!?)\]])", r"\1", text)
    text = re.sub(r"([(\[])\s+", r"\1", text)
    return re.sub(r"\](?=[A-Za-z])", "] ", text)


def _reference_name(element: etree._Element) -> str:
    """``<name><surname>Albert</surname><given-names>DM</given-names></name>`` → ``Albert DM``."""
    parts = [inline_text(_kid(element, "prefix")), inline_text(_kid(element, "surname")),
             inline_text(_kid(element, "given-names")), inline_text(_kid(element, "suffix"))]
    return " ".join(p for p in parts if p)


# --------------------------------------------------------------------------- text layout




# --------------------------------------------------------------------------- the article


def _read_article(article: etree._Element, source: str) -> Document:
    front = _kid(article, "front")
    meta = _path(front, "article-meta")
    if meta is None:
        raise InputError(f"{source}: JATS article without <front>/<article-meta>")
    journal_meta = _path(front, "journal-meta")

    metadata = Metadata(
        title=_title(meta),
        authors=_authors(meta),
        journal=_journal(journal_meta),
        volume=inline_text(_kid(meta, "volume")) or None,
        issue=inline_text(_kid(meta, "issue")) or None,
        pages=_pages(meta),
        date=_publication_date(meta),
        keywords=_keywords(meta),
        license=_license(meta),
        publisher=inline_text(_path(journal_meta, "publisher", "publisher-name")) or None,
    )
    for self_uri in _kids(meta, "self-uri"):
        href = (self_uri.get(XLINK_HREF) or "").strip()
        # A permalink, not the PDF or supplementary files some publishers also list here.
        if href.startswith(("http://", "https://")) and not href.lower().endswith(".pdf"):
            metadata.url = href
            break
    for article_id in _kids(meta, "article-id"):
        kind = (article_id.get("pub-id-type") or "").lower()
        value = inline_text(article_id)
        if kind == "doi" and not metadata.doi:
            metadata.doi = normalize_doi(value)
        elif kind == "pmid" and not metadata.pmid:
            metadata.pmid = normalize_pmid(value)
        elif kind in ("pmc", "pmcid") and not metadata.pmcid:
            metadata.pmcid = normalize_pmcid(value)

    builder = _TextBuilder()
    if metadata.title:
        builder.add(metadata.title)

    abstract_parts = _abstract_parts(meta)
    abstract = "\n".join(_part_line(p) for p in abstract_parts) or None
    abstract_span = builder.add(abstract) if abstract else None

    sections: list[Section] = []
    body = _kid(article, "body")
    if body is not None:
        _add_blocks(body, builder, sections, level=1)
    back = _kid(article, "back")
    for block in _kids(back, "ack", "app-group", "app", "sec"):
        _add_back_matter(block, builder, sections)

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
        format="jats",
    )


def _title(meta: etree._Element) -> str | None:
    group = _kid(meta, "title-group")
    title = inline_text(_kid(group, "article-title"))
    subtitle = inline_text(_kid(group, "subtitle"))
    if title and subtitle:
        title = f"{title}: {subtitle}" if title[-1] not in ":?!." else f"{title} {subtitle}"
    return title or None


def _journal(journal_meta: etree._Element | None) -> str | None:
    if journal_meta is None:
        return None
    for container in (journal_meta, _kid(journal_meta, "journal-title-group")):
        title = inline_text(_kid(container, "journal-title"))
        if title:
            return title
    for container in (journal_meta, _kid(journal_meta, "journal-title-group")):
        abbrev = inline_text(_kid(container, "abbrev-journal-title"))
        if abbrev:
            return abbrev
    for journal_id in _kids(journal_meta, "journal-id"):
        if journal_id.get("journal-id-type") == "nlm-ta":
            return inline_text(journal_id) or None
    return None


def _pages(meta: etree._Element) -> str | None:
    first = inline_text(_kid(meta, "fpage"))
    last = inline_text(_kid(meta, "lpage"))
    if first and last and last != first:
        return f"{first}-{last}"
    if first:
        return first
    return inline_text(_kid(meta, "elocation-id")) or None


def _keywords(meta: etree._Element) -> list[str]:
    keywords: list[str] = []
    for group in _kids(meta, "kwd-group"):
        if "abbrev" in (group.get("kwd-group-type") or "").lower():
            continue
        for kwd in _kids(group, "kwd", "compound-kwd"):
            word = inline_text(kwd)
            if word and word not in keywords:
                keywords.append(word)
    return keywords


def _license(meta: etree._Element) -> str | None:
    permissions = _kid(meta, "permissions")
    for license_el in _kids(permissions, "license"):
        href = license_el.get(XLINK_HREF)
        if href:
            return href.strip()
        for link in list(_descendants(license_el, "ext-link")) + list(_descendants(license_el, "uri")):
            if "creativecommons.org" in (link.get(XLINK_HREF) or ""):
                return (link.get(XLINK_HREF) or "").strip()
        for ref in _descendants(license_el, "license_ref"):
            if inline_text(ref):
                return inline_text(ref)
        text = inline_text(license_el)
        if text:
            return text
    return None


# --------------------------------------------------------------------------- authors


def _authors(meta: etree._Element) -> list[Author]:
    all_affs = list(_descendants(meta, "aff"))
    affiliations = {aff.get("id"): _affiliation_text(aff) for aff in all_affs if aff.get("id")}
    authors: list[Author] = []
    for group in _kids(meta, "contrib-group"):
        group_affs = [_affiliation_text(a) for a in _kids(group, "aff")]
        for contrib in _kids(group, "contrib"):
            if (contrib.get("contrib-type") or "author").lower() != "author":
                continue
            author = _author(contrib, affiliations)
            if author is None:
                continue
            if not author.affiliations:
                # One unlinked affiliation for the whole group (or article) belongs to everyone.
                if len(group_affs) == 1:
                    author.affiliations = list(group_affs)
                elif len(all_affs) == 1:
                    author.affiliations = [_affiliation_text(all_affs[0])]
            authors.append(author)
    return authors


def _author(contrib: etree._Element, affiliations: dict[str | None, str]) -> Author | None:
    author: Author | None = None
    name = _kid(contrib, "name")
    if name is None:
        alternatives = _kid(contrib, "name-alternatives")
        names = _kids(alternatives, "name", "string-name")
        western = [n for n in names if n.get("name-style") in (None, "western")]
        name = (western or names)[0] if names else None
    if name is None:
        name = _kid(contrib, "string-name")
    collab = _kid(contrib, "collab")
    if name is not None:
        author = _person(name)
    elif collab is not None:
        own = _collab_name(collab)
        if own:
            author = Author(name=own, is_organization=True)
    if author is None:
        return None
    for contrib_id in _kids(contrib, "contrib-id"):
        if (contrib_id.get("contrib-id-type") or "").lower() == "orcid":
            author.orcid = normalize_orcid(inline_text(contrib_id))
    if author.orcid is None:
        for uri in _kids(contrib, "uri", "ext-link"):
            if "orcid.org" in (uri.get(XLINK_HREF) or "") + inline_text(uri):
                author.orcid = normalize_orcid((uri.get(XLINK_HREF) or "") + " " + inline_text(uri))
    for xref in _descendants(contrib, "xref"):
        if xref.get("ref-type") != "aff":
            continue
        for rid in (xref.get("rid") or "").split():
            text = affiliations.get(rid)
            if text and text not in author.affiliations:
                author.affiliations.append(text)
    for aff in _kids(contrib, "aff"):
        text = _affiliation_text(aff)
        if text and text not in author.affiliations:
            author.affiliations.append(text)
    return author


def _person(name: etree._Element) -> Author | None:
    family = inline_text(_kid(name, "surname"))
    given = inline_text(_kid(name, "given-names"))
    prefix = inline_text(_kid(name, "prefix"))
    if not family and not given:
        # A bare <string-name>Jane Q. Doe</string-name>: the last word is the family name.
        words = inline_text(name).split()
        if not words:
            return None
        family, given = words[-1], " ".join(words[:-1])
    if prefix and family and not given:
        given = prefix
    return Author(given=given or None, family=family or None)


def _collab_name(collab: etree._Element) -> str:
    # A <collab> may list its members in a nested <contrib-group>: keep only its own name.
    return _text_without(collab, ("contrib-group", "xref", "fn"), _render)


def _affiliation_text(aff: etree._Element) -> str:
    """The affiliation without its label number ("1", "a") or institution ids."""
    return _text_without(aff, ("label", "sup", "institution-id"), _render_child).strip(" ,;")


def _text_without(element: etree._Element, skipped: tuple[str, ...],
                  render: Callable[[etree._Element, list[str]], None]) -> str:
    """An element's text with the children named in ``skipped`` left out, each other child
    rendered by ``render``."""
    out: list[str] = [element.text] if element.text else []
    for child in element:
        if isinstance(child.tag, str) and local_name(child) not in skipped:
            render(child, out)
        if child.tail:
            out.append(child.tail)
    return _tidy(clean_space("".join(out)))


# --------------------------------------------------------------------------- dates


def _date_of(element: etree._Element) -> PartialDate | None:
    year = inline_text(_kid(element, "year"))
    month = inline_text(_kid(element, "month")) or None
    day = inline_text(_kid(element, "day")) or None
    season = inline_text(_kid(element, "season"))
    date = date_from_parts(year, month, day)
    if date is None and element.get("iso-8601-date"):
        date = parse_date(element.get("iso-8601-date"))
    if date is not None and date.month is None and season:
        # "Jan-Feb" names the issue's first month; a real season ("Spring") stays at year precision.
        from_season = parse_date(f"{season} {year}")
        if from_season is not None and from_season.year == date.year:
            date = from_season
    return date


def _publication_date(meta: etree._Element) -> PartialDate | None:
    dates: dict[str, PartialDate] = {}
    for element in _kids(meta, "pub-date"):
        kind = (element.get("pub-type") or element.get("date-type") or "").lower()
        if element.get("publication-format") and not element.get("pub-type"):
            # JATS 1.1+: <pub-date publication-format="print" date-type="pub">.
            kind = "ppub" if element.get("publication-format") == "print" else "epub"
        date = _date_of(element)
        if date is not None and kind not in dates:
            dates[kind] = date
    issue = next((dates[k] for k in _ISSUE_DATE_TYPES if k in dates), None)
    electronic = next((dates[k] for k in _ELECTRONIC_DATE_TYPES if k in dates), None)
    if issue is None:
        return electronic or dates.get("") or next(iter(dates.values()), None)
    if electronic is not None and _refines(electronic, issue):
        return electronic
    return issue


def _refines(finer: PartialDate, coarse: PartialDate) -> bool:
    """True when ``finer`` is more precise than ``coarse`` and agrees with every part it has."""
    if finer.year != coarse.year:
        return False
    if coarse.month is not None and finer.month != coarse.month:
        return False
    return _precision_rank(finer) > _precision_rank(coarse)


def _precision_rank(date: PartialDate) -> int:
    return {"year": 0, "month": 1, "day": 2}[date.precision]


# --------------------------------------------------------------------------- abstract and body


def _abstract_parts(meta: etree._Element) -> list[AbstractPart]:
    abstracts = _kids(meta, "abstract")
    if not abstracts:
        return []
    # The main abstract has no abstract-type; teasers, graphical abstracts and author summaries do.
    main = next((a for a in abstracts if not a.get("abstract-type")), abstracts[0])
    parts: list[AbstractPart] = []
    loose: list[str] = []
    for child in main:
        if not isinstance(child.tag, str):
            continue
        name = local_name(child)
        if name == "sec":
            label = inline_text(_kid(child, "title")) or inline_text(_kid(child, "label"))
            text = " ".join(t for t in (inline_text(p) for p in _paragraphs(child)) if t)
            if text:
                parts.append(AbstractPart(label.rstrip(":. "), text))
        elif name == "p":
            label, text = _run_in_label(child)
            if label:
                parts.append(AbstractPart(label, text))
            elif text and parts and parts[-1].label:
                parts[-1].text += " " + text
            elif text:
                loose.append(text)
    if loose:
        parts.insert(0, AbstractPart("", " ".join(loose)))
    return parts


def _run_in_label(paragraph: etree._Element) -> tuple[str, str]:
    """``<p><bold>Objective:</bold> To examine …</p>`` → ("Objective", "To examine …")."""
    text = inline_text(paragraph)
    first = next((c for c in paragraph if isinstance(c.tag, str)), None)
    emphasised = first is not None and local_name(first) in ("bold", "b", "italic", "sc")
    if first is None or not emphasised or (paragraph.text or "").strip():
        return "", text
    label = inline_text(first)
    rest = (first.tail or "").lstrip()
    if not label or len(label.split()) > 5 or not (label[-1] in ":." or rest.startswith((":", "."))):
        return "", text
    body = text[len(label):].lstrip(" :.") if text.startswith(label) else text
    return label.rstrip(":. "), body


def _paragraphs(element: etree._Element) -> Iterator[etree._Element]:
    for child in element:
        if isinstance(child.tag, str):
            if local_name(child) == "p":
                yield child
            elif local_name(child) == "sec":
                yield from _paragraphs(child)




def _add_blocks(
    container: etree._Element, builder: _TextBuilder, sections: list[Section], level: int
) -> None:
    """Append the paragraphs, captions and sub-sections of ``container`` in document order."""
    for child in container:
        if not isinstance(child.tag, str):
            continue
        name = local_name(child)
        if name == "sec":
            _add_section(child, builder, sections, level)
        elif name == "p":
            text = inline_text(child)
            if text:
                builder.add(text)
            for floating in _floats_inside(child):
                _add_float(floating, builder, sections, level)
        elif name in _FLOATS:
            _add_float(child, builder, sections, level)


def _add_section(sec: etree._Element, builder: _TextBuilder, sections: list[Section], level: int) -> None:
    title = inline_text(_kid(sec, "title"))
    label = inline_text(_kid(sec, "label"))
    heading = f"{label} {title}".strip() if label and title and not title.startswith(label) else title
    if not heading:
        _add_blocks(sec, builder, sections, level)
        return
    start, _ = builder.add(heading)
    section = Section(heading, start, builder.length, level)
    sections.append(section)
    _add_blocks(sec, builder, sections, level + 1)
    section.end = builder.length


def _add_back_matter(block: etree._Element, builder: _TextBuilder, sections: list[Section]) -> None:
    name = local_name(block)
    if name == "app-group":
        for child in _kids(block, "app", "sec"):
            _add_back_matter(child, builder, sections)
        return
    default = {"ack": "Acknowledgements", "app": "Appendix"}.get(name, "")
    title = inline_text(_kid(block, "title")) or default
    if not title:
        _add_blocks(block, builder, sections, 1)
        return
    start, _ = builder.add(title)
    section = Section(title, start, builder.length, 1)
    sections.append(section)
    _add_blocks(block, builder, sections, 2)
    section.end = builder.length


def _floats_inside(paragraph: etree._Element) -> Iterator[etree._Element]:
    """Figures, tables and lists nested in a paragraph (not inside one another)."""
    for element in paragraph.iterdescendants():
        if not isinstance(element.tag, str) or local_name(element) not in _FLOATS:
            continue
        ancestor = element.getparent()
        nested = False
        while ancestor is not None and ancestor is not paragraph:
            if isinstance(ancestor.tag, str) and local_name(ancestor) in _FLOATS:
                nested = True
                break
            ancestor = ancestor.getparent()
        if not nested:
            yield element


def _add_float(element: etree._Element, builder: _TextBuilder, sections: list[Section], level: int) -> None:
    name = local_name(element)
    if name in ("fig", "table-wrap", "supplementary-material"):
        caption = _caption(element)
        if caption:
            builder.add(caption)
    elif name in ("fig-group", "table-wrap-group"):
        caption = _caption(element)
        if caption:
            builder.add(caption)
        for child in _kids(element, "fig", "table-wrap"):
            _add_float(child, builder, sections, level)
    elif name == "list":
        for item in _kids(element, "list-item"):
            _add_blocks(item, builder, sections, level)
    elif name in ("boxed-text", "disp-quote", "statement"):
        _add_blocks(element, builder, sections, level)
    elif name == "def-list":
        for item in _kids(element, "def-item"):
            text = " ".join(t for t in (inline_text(_kid(item, "term")), inline_text(_kid(item, "def"))) if t)
            if text:
                builder.add(text)


def _caption(element: etree._Element) -> str:
    label = inline_text(_kid(element, "label"))
    caption = _kid(element, "caption")
    pieces = [inline_text(c) for c in caption if isinstance(c.tag, str)] if caption is not None else []
    body = " ".join(p for p in pieces if p)
    if label and body:
        return f"{label}{'' if label.endswith(('.', ':')) else '.'} {body}"
    return body or ""


# --------------------------------------------------------------------------- references


def _references(back: etree._Element | None) -> list[Reference]:
    references: list[Reference] = []
    for ref_list in _descendants(back, "ref-list"):
        for ref in _kids(ref_list, "ref"):
            reference = _reference(ref)
            if reference is not None:
                references.append(reference)
    return references


def _reference(ref: etree._Element) -> Reference | None:
    citations = _kids(ref, "mixed-citation", "element-citation", "citation", "nlm-citation")
    texts = [_citation_text(c) for c in citations] or [inline_text(ref)]
    text = " ".join(t for t in texts if t)
    if not text:
        return None
    doi = None
    for pub_id in _descendants(ref, "pub-id"):
        if (pub_id.get("pub-id-type") or "").lower() == "doi":
            doi = normalize_doi(inline_text(pub_id))
            break
    if doi is None:
        for link in list(_descendants(ref, "ext-link")) + list(_descendants(ref, "uri")):
            target = (link.get(XLINK_HREF) or "") + " " + inline_text(link)
            if "doi" in target.lower():
                doi = normalize_doi(target)
                if doi:
                    break
    if doi is None:
        match = re.search(r"\bdoi:?\s*(10\.\S+)", text, re.IGNORECASE)
        doi = normalize_doi(match.group(1)) if match else None
    return Reference(text=text, doi=doi)


def _citation_text(citation: etree._Element) -> str:
    """A citation as readable text: mixed citations as written, bare element citations formatted."""
    children = [c for c in citation if isinstance(c.tag, str)]
    punctuation = (citation.text or "") + "".join(c.tail or "" for c in children)
    if local_name(citation) != "element-citation" and punctuation.strip():
        return _mixed_citation_text(citation)
    return _format_element_citation(citation)


def _mixed_citation_text(citation: etree._Element) -> str:
    """A citation that carries its own punctuation, with a space where two parts touch."""
    out: list[str] = [citation.text or ""]
    for child in citation:
        if isinstance(child.tag, str):
            kind = local_name(child)
            id_type = (child.get("pub-id-type") or "").lower()
            if kind == "pub-id" and id_type != "doi":
                # A bare PMID glued to the page range reads as part of it: leave it out.
                out.append(child.tail or "")
                continue
            _render_child(child, out)
        out.append(child.tail if child.tail else " ")
    return _tidy(clean_space("".join(out)))


def _format_element_citation(citation: etree._Element) -> str:
    names: list[str] = []
    for child in citation.iter():
        if not isinstance(child.tag, str):
            continue
        kind = local_name(child)
        if kind in ("name", "string-name") and _kid(child, "surname") is not None:
            names.append(_reference_name(child))
        elif kind == "string-name":
            names.append(inline_text(child))
        elif kind == "collab":
            names.append(_collab_name(child))
    if _kid(citation, "etal") is not None or _kid(_kid(citation, "person-group"), "etal") is not None:
        names.append("et al.")
    head = ", ".join(n for n in names if n)
    year = inline_text(_kid(citation, "year"))
    title = inline_text(_kid(citation, "article-title")) or inline_text(_kid(citation, "chapter-title"))
    source = inline_text(_kid(citation, "source"))
    volume = inline_text(_kid(citation, "volume"))
    issue = inline_text(_kid(citation, "issue"))
    first = inline_text(_kid(citation, "fpage"))
    last = inline_text(_kid(citation, "lpage"))
    pieces: list[str] = []
    if head:
        pieces.append(head + (f" ({year})." if year else "."))
    elif year:
        pieces.append(f"({year}).")
    if title:
        pieces.append(title if title[-1] in ".?!" else title + ".")
    locator = source
    if volume:
        locator += f" {volume}"
    if issue:
        locator += f"({issue})"
    if first:
        locator += f":{first}" + (f"-{last}" if last and last != first else "")
    publisher = inline_text(_kid(citation, "publisher-name"))
    if publisher:
        locator += (". " if locator else "") + publisher
    if locator.strip():
        pieces.append(locator.strip() + ".")
    if not pieces:
        return inline_text(citation)
    return " ".join(pieces)
