"""The PubMed XML reader: one document per article, MedlineDate, ArticleDate, hostile XML, real record."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader_hostile import SOUP_TEXTS, billion_laughs, element_soup, secret_lines, xxe
from scholargraph.cite import cite
from scholargraph.dates import PartialDate
from scholargraph.document import Document
from scholargraph.errors import InputError
from scholargraph.readers import read_bytes, read_path
from scholargraph.readers.pubmed import read

DATA = Path(__file__).parent / "data" / "readers"
REAL_RECORD = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "jats" / "pubmed-29768149.xml"


@pytest.fixture(scope="module")
def articles() -> list[Document]:
    return read_path(DATA / "pubmed_set.xml")


def electronic_date(year: int, month: int, day: int) -> str:
    parts = f"<Year>{year}</Year><Month>{month:02d}</Month><Day>{day}</Day>"
    return f'<ArticleDate DateType="Electronic">{parts}</ArticleDate>'


def one_article(pub_date: str, article_date: str = "") -> Document:
    data = (
        "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article>"
        f"<Journal><JournalIssue><PubDate>{pub_date}</PubDate></JournalIssue><Title>J</Title></Journal>"
        f"<ArticleTitle>T.</ArticleTitle>{article_date}</Article></MedlineCitation></PubmedArticle>"
        "</PubmedArticleSet>"
    ).encode()
    return read(data, "t.xml")[0]


def test_one_document_per_article(articles: list[Document]) -> None:
    assert [d.metadata.pmid for d in articles] == ["38000001", "38000002", "38000003"]
    assert all(d.format == "pubmed" for d in articles)


def test_title_loses_medline_period_but_keeps_question_mark(articles: list[Document]) -> None:
    assert articles[0].metadata.title == (
        "Home visits by student nurses and loneliness in older adults: a cluster randomised trial"
    )
    assert articles[1].metadata.title == "Flipped classrooms in pharmacology: do students read the material?"


def test_authors_orcid_affiliation_and_collective_name(articles: list[Document]) -> None:
    authors = articles[0].metadata.authors
    names = [(a.given, a.family) for a in authors[:2]]
    assert names == [("Willemijn", "Achterberg"), ("Niamh", "Ó Súilleabháin")]
    assert authors[0].orcid == "0000-0001-5109-3700"
    assert authors[0].affiliations == ["School of Nursing, Riverside University, Leiden, the Netherlands."]
    assert authors[2].is_organization and authors[2].name == "Student Home Visits Trial Group"


def test_journal_issue_pages_and_ids(articles: list[Document]) -> None:
    meta = articles[0].metadata
    assert meta.journal == "Journal of community nursing research"
    assert (meta.volume, meta.issue, meta.pages) == ("31", "6", "455-463")
    assert (meta.doi, meta.pmcid) == ("10.5555/jcnr.2023.455", "PMC10900001")
    assert meta.keywords == ["loneliness", "nursing students", "home visits"]
    assert articles[1].metadata.pages == "e118"


def test_medline_date_range_gives_first_month(articles: list[Document]) -> None:
    meta = articles[0].metadata
    assert meta.date is not None and meta.date.isoformat() == "2023-11"
    assert meta.year == 2023
    assert cite(articles[0]) == "Achterberg et al. (2023)"


def test_article_date_refines_a_year_only_issue_date(articles: list[Document]) -> None:
    # PubDate "2024 Spring" + ArticleDate 2024-03-18 of the same year.
    assert articles[1].metadata.date == PartialDate(2024, 3, 18)


def test_article_date_of_another_year_is_ignored(articles: list[Document]) -> None:
    # Issue February 2022, online December 2021: the issue's year is the citation year.
    assert articles[2].metadata.date == PartialDate(2022, 2)
    assert cite(articles[2]) == "Kowalczyk and Asante (2022)"


def test_full_pub_date_is_kept_and_month_names_read() -> None:
    document = one_article("<Year>2018</Year><Month>May</Month><Day>17</Day>")
    assert document.metadata.date == PartialDate(2018, 5, 17)


def test_article_date_with_other_month_does_not_override() -> None:
    document = one_article("<Year>2020</Year><Month>Mar</Month>", electronic_date(2020, 1, 9))
    assert document.metadata.date == PartialDate(2020, 3)


def test_only_article_date() -> None:
    assert one_article("", electronic_date(2021, 7, 1)).metadata.date == PartialDate(2021, 7, 1)


def test_text_layout_and_labelled_abstract(articles: list[Document]) -> None:
    document = articles[0]
    assert [p.label for p in document.abstract_parts] == ["Objective", "Methods", "Results", "Conclusions"]
    assert document.text.startswith(document.metadata.title + "\n\n")
    assert document.abstract_span is not None
    start, end = document.abstract_span
    assert document.text[start:end] == document.abstract
    assert document.abstract is not None and document.abstract.startswith("Objective: To test whether")
    assert [(p.label, p.text[:10]) for p in articles[1].abstract_parts] == [("", "Fewer than")]


def test_references_with_doi(articles: list[Document]) -> None:
    references = articles[0].references
    assert [r.doi for r in references] == ["10.5555/jas.2019.001", None]
    assert references[1].text.startswith("Mbeki T. Volunteer visiting schemes")
    assert articles[0].references_span is not None
    start, end = articles[0].references_span
    assert articles[0].text[start:end].splitlines() == [r.text for r in references]


def test_truncated_xml_is_an_input_error() -> None:
    data = (DATA / "pubmed_set.xml").read_bytes()
    with pytest.raises(InputError):
        read_bytes(data[:1500], "cut.xml")


def test_set_without_articles_is_an_input_error() -> None:
    with pytest.raises(InputError, match="no <PubmedArticle>"):
        read(b"<PubmedArticleSet></PubmedArticleSet>", "empty.xml")


def test_external_entity_is_never_expanded() -> None:
    inner = ("<PubmedArticle><MedlineCitation><PMID>5</PMID><Article><ArticleTitle>Leak &xxe;</ArticleTitle>"
             "</Article></MedlineCitation></PubmedArticle>")
    try:
        documents = read_bytes(xxe("<PubmedArticleSet>", inner, "</PubmedArticleSet>"), "xxe.xml")
    except InputError:
        return
    for line in secret_lines():
        assert line not in documents[0].text
    assert documents[0].metadata.title == "Leak"


def test_entity_bomb_does_not_expand() -> None:
    inner = ("<PubmedArticle><MedlineCitation><PMID>5</PMID><Article><ArticleTitle>&lol9;</ArticleTitle>"
             "</Article></MedlineCitation></PubmedArticle>")
    try:
        documents = read_bytes(billion_laughs("<PubmedArticleSet>", inner, "</PubmedArticleSet>"), "bomb.xml")
    except InputError:
        return
    assert len(documents[0].text) < 1000


def test_real_pubmed_record() -> None:
    if not REAL_RECORD.is_file():
        pytest.skip(f"shared corpus not available ({REAL_RECORD})")
    documents = read_path(REAL_RECORD)
    assert len(documents) == 1
    meta = documents[0].metadata
    assert documents[0].format == "pubmed"
    assert meta.title == "Inhaled Combined Budesonide-Formoterol as Needed in Mild Asthma"
    assert meta.authors[0].family == "O'Byrne" and meta.authors[0].given == "Paul M"
    assert meta.year == 2018 and meta.date == PartialDate(2018, 5, 17)
    assert meta.doi == "10.1056/NEJMoa1715274"
    assert meta.pmid == "29768149"
    assert (meta.journal, meta.volume, meta.issue, meta.pages) == (
        "The New England journal of medicine", "378", "20", "1865-1876")
    labels = [p.label for p in documents[0].abstract_parts]
    assert labels == ["Background", "Methods", "Results", "Conclusions"]
    # Pretty-printing before <sub> must not split "β2-agonist".
    assert "β2-agonist" in (documents[0].abstract or "")


PUBMED_TAGS = [
    "MedlineCitation", "Article", "Journal", "JournalIssue", "PubDate", "Year", "Month", "Day", "MedlineDate",
    "Season", "Title", "ArticleTitle", "AuthorList", "Author", "LastName", "ForeName", "Initials",
    "CollectiveName", "Identifier", "AffiliationInfo", "Affiliation", "Abstract", "AbstractText",
    "ELocationID",
    "Pagination", "MedlinePgn", "PubmedData", "ArticleIdList", "ArticleId", "ReferenceList", "Reference",
    "Citation", "KeywordList", "Keyword", "ArticleDate", "PMID", "sub",
]
PUBMED_ATTRIBUTES = ["", ' Label="BACKGROUND"', ' IdType="doi"', ' IdType="pmc"', ' EIdType="doi"',
                     ' Source="ORCID"', ' ValidYN="N"']


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(element_soup(PUBMED_TAGS, PUBMED_ATTRIBUTES, SOUP_TEXTS), max_size=5))
def test_any_pubmed_shaped_xml_reads_or_is_refused_cleanly(children: list[str]) -> None:
    article = "<PubmedArticle>" + "".join(children) + "</PubmedArticle>"
    data = f"<PubmedArticleSet>{article}</PubmedArticleSet>".encode()
    try:
        documents = read(data, "soup.xml")
    except InputError:
        return
    for document in documents:
        if document.abstract_span:
            assert document.text[document.abstract_span[0]:document.abstract_span[1]] == document.abstract
        assert document.metadata.year is None or 1450 <= document.metadata.year <= 2100
