"""PubMed XML (``PubmedArticleSet``): one document per ``PubmedArticle``.

``Document.text`` is the title, a blank line, then the abstract (one line per labelled
part, "Label: text"); references, when the record lists them, follow under a
"References" heading, one per line.

Publication date: ``PubDate`` is the date of the journal issue and anchors the date and
its year (APA cites the issue's year).  ``ArticleDate`` (the electronic publication date)
is used only to make it more precise: when ``PubDate`` lacks a month or day and
``ArticleDate`` agrees with the year (and month, if any) it does have.  A ``MedlineDate``
such as "2023 Nov-Dec" reads as 2023-11, the first month of the issue.
"""

from __future__ import annotations

from lxml import etree

from ..dates import PartialDate, date_from_parts, parse_date
from ..document import AbstractPart, Author, Document, Metadata, Reference
from ..errors import InputError
from .ids import clean_space, normalize_doi, normalize_orcid, normalize_pmcid, normalize_pmid
from .xmlsafe import local_name, parse_xml

_ARTICLE_TAGS = ("PubmedArticle", "PubmedBookArticle")


def read(data: bytes, source: str) -> list[Document]:
    """Read a PubMed XML file into one document per article."""
    root = parse_xml(data, source)
    if local_name(root) in _ARTICLE_TAGS:
        articles = [root]
    else:
        articles = [el for el in root if isinstance(el.tag, str) and local_name(el) in _ARTICLE_TAGS]
    if not articles:
        raise InputError(f"{source}: no <PubmedArticle> found in the PubMed XML")
    return [_read_article(article, source) for article in articles]


# --------------------------------------------------------------------------- element helpers


def _kid(element: etree._Element | None, name: str) -> etree._Element | None:
    if element is None:
        return None
    for child in element:
        if isinstance(child.tag, str) and local_name(child) == name:
            return child
    return None


def _kids(element: etree._Element | None, name: str) -> list[etree._Element]:
    if element is None:
        return []
    return [c for c in element if isinstance(c.tag, str) and local_name(c) == name]


def _path(element: etree._Element | None, *steps: str) -> etree._Element | None:
    for step in steps:
        element = _kid(element, step)
    return element


def _text(element: etree._Element | None) -> str:
    """Text inside an element (``<i>``, ``<sub>`` flattened), unexpanded entities skipped."""
    if element is None:
        return ""
    out: list[str] = []
    _collect(element, out)
    return clean_space("".join(out))


def _collect(element: etree._Element, out: list[str]) -> None:
    if element.text:
        out.append(element.text)
    for child in element:
        if isinstance(child.tag, str) and local_name(child) in ("sub", "sup") and out:
            # Pretty-printed records break the line before "<sub>2</sub>": "β\n  <sub>2</sub>" is "β2".
            out[-1] = _drop_trailing_line_break(out[-1])
        if isinstance(child.tag, str):
            _collect(child, out)
        if child.tail:
            out.append(child.tail)


def _drop_trailing_line_break(text: str) -> str:
    stripped = text.rstrip()
    return stripped if "\n" in text[len(stripped):] else text


# --------------------------------------------------------------------------- the article


def _read_article(article: etree._Element, source: str) -> Document:
    citation = _kid(article, "MedlineCitation")
    if citation is None:
        citation = _kid(article, "BookDocument")
    if citation is None:
        raise InputError(f"{source}: PubMed article without <MedlineCitation>")
    art = _kid(citation, "Article")
    if art is None:
        art = citation
    journal = _kid(art, "Journal")
    journal_issue = _kid(journal, "JournalIssue")
    pubmed_data = _kid(article, "PubmedData")

    metadata = Metadata(
        title=_title(art),
        authors=_authors(_kid(art, "AuthorList")),
        journal=_text(_kid(journal, "Title")) or _text(_kid(journal, "ISOAbbreviation")) or None,
        volume=_text(_kid(journal_issue, "Volume")) or None,
        issue=_text(_kid(journal_issue, "Issue")) or None,
        pages=_pages(art),
        date=_publication_date(_kid(journal_issue, "PubDate"), _kids(art, "ArticleDate")),
        pmid=normalize_pmid(_text(_kid(citation, "PMID"))),
        keywords=_keywords(citation),
    )
    for location in _kids(art, "ELocationID"):
        if (location.get("EIdType") or "").lower() == "doi" and location.get("ValidYN", "Y") == "Y":
            metadata.doi = normalize_doi(_text(location))
            break
    for article_id in _kids(_kid(pubmed_data, "ArticleIdList"), "ArticleId"):
        kind = (article_id.get("IdType") or "").lower()
        value = _text(article_id)
        if kind == "doi" and not metadata.doi:
            metadata.doi = normalize_doi(value)
        elif kind == "pmc" and not metadata.pmcid:
            metadata.pmcid = normalize_pmcid(value)
        elif kind == "pubmed" and not metadata.pmid:
            metadata.pmid = normalize_pmid(value)

    parts = _abstract_parts(_kid(art, "Abstract"))
    abstract = "\n".join(f"{p.label}: {p.text}" if p.label else p.text for p in parts) or None
    references = _references(pubmed_data)

    pieces: list[str] = []
    length = 0

    def add(block: str, separator: str = "\n\n") -> tuple[int, int]:
        nonlocal length
        if pieces:
            pieces.append(separator)
            length += len(separator)
        start = length
        pieces.append(block)
        length += len(block)
        return start, length

    if metadata.title:
        add(metadata.title)
    abstract_span = add(abstract) if abstract else None
    references_span = None
    if references:
        _, heading_end = add("References")
        for reference in references:
            add(reference.text, separator="\n")
        references_span = (heading_end + 1, length)

    return Document(
        text="".join(pieces),
        metadata=metadata,
        abstract=abstract,
        abstract_parts=parts,
        abstract_span=abstract_span,
        references=references,
        references_span=references_span,
        source=source,
        format="pubmed",
    )


def _title(art: etree._Element) -> str | None:
    title = _text(_kid(art, "ArticleTitle")) or _text(_kid(art, "BookTitle"))
    title = title or _text(_kid(art, "VernacularTitle"))
    # MEDLINE ends every title with a period it adds itself; "?" and "!" are the authors'.
    if title.endswith(".") and not title.endswith(".."):
        title = title[:-1].rstrip()
    return title or None


def _pages(art: etree._Element) -> str | None:
    pagination = _kid(art, "Pagination")
    pages = _text(_kid(pagination, "MedlinePgn"))
    if not pages:
        first = _text(_kid(pagination, "StartPage"))
        last = _text(_kid(pagination, "EndPage"))
        pages = f"{first}-{last}" if first and last else first
    if not pages:
        for location in _kids(art, "ELocationID"):
            if (location.get("EIdType") or "").lower() == "pii":
                return _text(location) or None
    return pages or None


def _authors(author_list: etree._Element | None) -> list[Author]:
    authors: list[Author] = []
    for entry in _kids(author_list, "Author"):
        if entry.get("ValidYN", "Y") != "Y":
            continue
        collective = _text(_kid(entry, "CollectiveName"))
        family = _text(_kid(entry, "LastName"))
        given = _text(_kid(entry, "ForeName")) or _text(_kid(entry, "Initials"))
        suffix = _text(_kid(entry, "Suffix"))
        if family:
            author = Author(given=given or None, family=f"{family} {suffix}" if suffix else family)
        elif collective:
            author = Author(name=collective, is_organization=True)
        else:
            continue
        for identifier in _kids(entry, "Identifier"):
            if (identifier.get("Source") or "").upper() == "ORCID":
                author.orcid = normalize_orcid(_text(identifier))
        for info in _kids(entry, "AffiliationInfo"):
            text = _text(_kid(info, "Affiliation"))
            if text and text not in author.affiliations:
                author.affiliations.append(text)
        authors.append(author)
    return authors


def _keywords(citation: etree._Element) -> list[str]:
    keywords: list[str] = []
    for keyword_list in _kids(citation, "KeywordList"):
        for keyword in _kids(keyword_list, "Keyword"):
            word = _text(keyword)
            if word and word not in keywords:
                keywords.append(word)
    return keywords


def _abstract_parts(abstract: etree._Element | None) -> list[AbstractPart]:
    parts: list[AbstractPart] = []
    for piece in _kids(abstract, "AbstractText"):
        text = _text(piece)
        if not text:
            continue
        label = clean_space(piece.get("Label") or "")
        # PubMed writes labels in capitals ("BACKGROUND"); show them as a heading would.
        if label.isupper() and len(label) > 3:
            label = label.capitalize()
        parts.append(AbstractPart(label, text))
    return parts


# --------------------------------------------------------------------------- dates


def _publication_date(
    pub_date: etree._Element | None, article_dates: list[etree._Element]
) -> PartialDate | None:
    issue = _pub_date(pub_date)
    electronic = None
    for element in article_dates:
        electronic = date_from_parts(_text(_kid(element, "Year")), _text(_kid(element, "Month")) or None,
                                     _text(_kid(element, "Day")) or None)
        if electronic is not None:
            break
    if issue is None:
        return electronic
    if electronic is None or electronic.year != issue.year:
        return issue
    if issue.month is not None and electronic.month != issue.month:
        return issue
    ranks = {"year": 0, "month": 1, "day": 2}
    return electronic if ranks[electronic.precision] > ranks[issue.precision] else issue


def _pub_date(pub_date: etree._Element | None) -> PartialDate | None:
    if pub_date is None:
        return None
    medline = _text(_kid(pub_date, "MedlineDate"))
    if medline:
        return parse_date(medline)
    year = _text(_kid(pub_date, "Year"))
    month = _text(_kid(pub_date, "Month")) or None
    day = _text(_kid(pub_date, "Day")) or None
    date = date_from_parts(year, month, day)
    season = _text(_kid(pub_date, "Season"))
    if date is not None and date.month is None and season:
        from_season = parse_date(f"{season} {year}")
        if from_season is not None and from_season.year == date.year:
            date = from_season
    return date


# --------------------------------------------------------------------------- references


def _references(pubmed_data: etree._Element | None) -> list[Reference]:
    references: list[Reference] = []
    for reference_list in _kids(pubmed_data, "ReferenceList"):
        for entry in _kids(reference_list, "Reference"):
            text = _text(_kid(entry, "Citation"))
            if not text:
                continue
            doi = None
            for article_id in _kids(_kid(entry, "ArticleIdList"), "ArticleId"):
                if (article_id.get("IdType") or "").lower() == "doi":
                    doi = normalize_doi(_text(article_id))
                    break
            references.append(Reference(text=text, doi=doi or normalize_doi(text)))
    return references
