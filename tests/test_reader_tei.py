"""The GROBID TEI reader: header metadata, text layout and spans, references, hostile XML, real GROBID output."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader_hostile import SOUP_TEXTS, billion_laughs, element_soup, secret_lines, xxe
from scholargraph.dates import PartialDate
from scholargraph.document import Document
from scholargraph.errors import InputError
from scholargraph.readers import read_bytes, read_path
from scholargraph.readers.tei import read

SAMPLE = Path(__file__).parent / "data" / "readers" / "tei" / "sample.tei.xml"
SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus" / "pdf"
TEI_OPEN = '<TEI xmlns="http://www.tei-c.org/ns/1.0">'


@pytest.fixture(scope="module")
def sample() -> Document:
    documents = read_path(SAMPLE)
    assert len(documents) == 1
    return documents[0]


def minimal_tei(header: str = "", profile: str = "", body: str = "") -> bytes:
    return (
        f'{TEI_OPEN}<teiHeader><fileDesc><titleStmt><title level="a" type="main">A small paper</title>'
        f"</titleStmt>{header}</fileDesc><profileDesc>{profile}</profileDesc></teiHeader>"
        f"<text><body>{body}</body></text></TEI>"
    ).encode()


# --------------------------------------------------------------------------- metadata


def test_sniffed_as_tei(sample: Document) -> None:
    assert sample.format == "tei"


def test_title_from_title_statement(sample: Document) -> None:
    assert sample.metadata.title == "Seed dispersal by river otters along glacial streams"


def test_authors_in_order_first_then_middle_names(sample: Document) -> None:
    authors = sample.metadata.authors
    # The third <author> holds only an affiliation GROBID could not link: it is not a person.
    assert [(a.given, a.family) for a in authors] == [("Maren K", "Solberg"), ("Tomas R", "de la Vega")]


def test_affiliations_join_org_names_and_email_is_dropped(sample: Document) -> None:
    first, second = sample.metadata.authors
    assert first.affiliations == ["Department of Freshwater Biology, Tromsø Field Institute"]
    assert second.affiliations == ["Andean Watershed Lab"]
    assert "example.org" not in repr(first.to_json())
    assert first.orcid == "0000-0002-1825-0097" and second.orcid is None


def test_bibliographic_fields(sample: Document) -> None:
    meta = sample.metadata
    assert meta.doi == "10.5555/OTTER.2021.7"
    assert sample.id == "doi:10.5555/otter.2021.7"
    assert meta.journal == "Journal of Riparian Studies"
    assert (meta.volume, meta.issue, meta.pages) == ("14", "2", "101-117")
    assert meta.date == PartialDate(2021, 3)
    assert meta.publisher == "Northern Ecology Press"
    assert meta.keywords == ["endozoochory", "river otter", "glacial streams"]


def test_empty_imprint_date_gives_no_date() -> None:
    header = '<sourceDesc><biblStruct><monogr><imprint><date/></imprint></monogr></biblStruct></sourceDesc>'
    document = read(minimal_tei(header), "t")[0]
    assert document.metadata.date is None and document.metadata.year is None


def test_date_text_used_when_when_attribute_is_missing() -> None:
    header = ('<sourceDesc><biblStruct><monogr><imprint><date type="published">12 May 2019</date>'
              '</imprint></monogr></biblStruct></sourceDesc>')
    assert read(minimal_tei(header), "t")[0].metadata.date == PartialDate(2019, 5, 12)


# --------------------------------------------------------------------------- abstract and text layout


def test_structured_abstract_parts_with_labels(sample: Document) -> None:
    assert [(p.label, p.text) for p in sample.abstract_parts] == [
        ("Background", "Otters eat fruit more often than expected."),
        ("Results", "Seeds in spraint germinated well. Germination doubled downstream."),
    ]


def test_text_starts_with_title_then_abstract(sample: Document) -> None:
    assert sample.text.startswith(f"{sample.metadata.title}\n\n")
    assert sample.abstract_span is not None
    start, end = sample.abstract_span
    assert sample.text[start:end] == sample.abstract
    assert sample.abstract.startswith("Background: Otters eat fruit")


def test_plain_abstract_is_one_unlabelled_part() -> None:
    document = read(minimal_tei(profile="<abstract><p>Just one paragraph.</p></abstract>"), "t")[0]
    assert [(p.label, p.text) for p in document.abstract_parts] == [("", "Just one paragraph.")]


def test_sections_are_spans_beginning_with_their_numbered_heading(sample: Document) -> None:
    headings = [s.heading for s in sample.sections]
    assert headings == ["1 Introduction", "2 Methods", "2.1 Germination trials", "Acknowledgements", "References"]
    for section in sample.sections:
        assert sample.text[section.start:section.end].startswith(section.heading)
    methods = sample.text[sample.sections[1].start:sample.sections[1].end]
    assert methods.endswith("Seeds were sown in trays.")


def test_reference_markers_kept_and_spaced(sample: Document) -> None:
    assert "move seeds upstream (Haugen, 2018)." in sample.text
    assert "until recently [2] Haugen." in sample.text


def test_footnotes_and_formulas_are_not_running_text(sample: Document) -> None:
    assert "footnote" not in sample.text
    assert "g = s / n" not in sample.text


def test_unheaded_paragraphs_and_captions_are_kept(sample: Document) -> None:
    assert "A paragraph GROBID could not place under any heading." in sample.text
    assert "Figure 1: Map of the sampled streams." in sample.text


def test_references_formatted_with_dois_and_span(sample: Document) -> None:
    texts = [r.text for r in sample.references]
    assert texts[0] == ("Ingrid Haugen, Ola P Berg (2018). Fruit in the diet of Eurasian otters. "
                        "Mammal Notes 9:1-8. doi:10.5555/fruit.otter.2018")
    assert texts[1] == "Lund A. 1999. Notes on seeds. Unpublished."  # raw string when nothing is structured
    assert texts[2] == "Kari Moe. Streams of the North. Fjord Books."
    assert [r.doi for r in sample.references] == ["10.5555/fruit.otter.2018", None, None]
    assert sample.references_span is not None
    start, end = sample.references_span
    assert sample.text[start:end] == "\n".join(texts)
    assert sample.text[:start].endswith("References\n")


def test_tei_corpus_gives_one_document_per_tei() -> None:
    one = minimal_tei().decode()
    data = f'<teiCorpus xmlns="http://www.tei-c.org/ns/1.0">{one}{one.replace("small", "second")}</teiCorpus>'
    documents = read_bytes(data.encode(), "corpus.tei.xml")
    assert [d.metadata.title for d in documents] == ["A small paper", "A second paper"]


# --------------------------------------------------------------------------- bad input


def test_truncated_xml_is_an_input_error() -> None:
    data = SAMPLE.read_bytes()
    with pytest.raises(InputError, match="malformed XML"):
        read_bytes(data[: len(data) // 2], "cut.tei.xml")


def test_tei_without_header_is_an_input_error() -> None:
    with pytest.raises(InputError, match="teiHeader"):
        read(f"{TEI_OPEN}<text><body><p>x</p></body></text></TEI>".encode(), "t")


def test_external_entity_is_refused_and_never_expanded() -> None:
    data = xxe(TEI_OPEN, '<teiHeader><fileDesc><titleStmt><title level="a" type="main">Leak &xxe; here'
               "</title></titleStmt></fileDesc></teiHeader>", "</TEI>")
    with pytest.raises(InputError) as caught:
        read_bytes(data, "xxe.tei.xml")
    for line in secret_lines():
        assert line not in str(caught.value)


def test_entity_bomb_is_refused() -> None:
    data = billion_laughs(TEI_OPEN, '<teiHeader><fileDesc><titleStmt><title level="a" type="main">&lol9;'
                          "</title></titleStmt></fileDesc></teiHeader>", "</TEI>")
    with pytest.raises(InputError):
        read_bytes(data, "bomb.tei.xml")


TEI_TAGS = [
    "teiHeader", "fileDesc", "titleStmt", "title", "sourceDesc", "biblStruct", "analytic", "monogr", "author",
    "persName", "forename", "surname", "affiliation", "orgName", "email", "idno", "imprint", "date",
    "biblScope", "publisher", "profileDesc", "textClass", "keywords", "term", "abstract", "div", "head", "p",
    "ref", "note", "figure", "figDesc", "formula", "text", "body", "back", "listBibl",
]
TEI_ATTRIBUTES = ["", ' type="main"', ' type="first"', ' type="middle"', ' type="DOI"', ' type="ORCID"',
                  ' type="references"', ' type="acknowledgement"', ' unit="page" from="3" to="9"',
                  ' unit="volume"', ' when="2020-02"', ' n="1.2"', ' type="raw_reference"']


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.lists(element_soup(TEI_TAGS, TEI_ATTRIBUTES, SOUP_TEXTS), max_size=4), min_size=3, max_size=3))
def test_any_tei_shaped_xml_reads_or_is_refused_cleanly(soups: list[list[str]]) -> None:
    # Random content in the three places a reader looks: the file description, the profile, the text.
    file_desc, profile, text = ("".join(soup) for soup in soups)
    data = (f"{TEI_OPEN}<teiHeader><fileDesc>{file_desc}</fileDesc><profileDesc>{profile}</profileDesc>"
            f"</teiHeader><text>{text}</text></TEI>").encode()
    try:
        documents = read(data, "soup.tei.xml")
    except InputError:
        return
    for document in documents:
        for section in document.sections:
            assert document.text[section.start:section.end].startswith(section.heading)
        if document.abstract_span:
            assert document.text[document.abstract_span[0]:document.abstract_span[1]] == document.abstract
        if document.references_span:
            start, end = document.references_span
            assert document.text[start:end] == "\n".join(r.text for r in document.references)
        assert document.metadata.year is None or 1450 <= document.metadata.year <= 2100


# --------------------------------------------------------------------------- GROBID's output of the shared PDFs

# Checked by reading each file's <teiHeader> by hand: GROBID left <date/> empty in both, found
# no DOI for either paper, and tied no affiliation to any author of N18-3011.
CORPUS_EXPECTED = {
    "2020.acl-main.207.tei.xml": {
        "title": "SPECTER: Document-level Representation Learning using Citation-informed Transformers",
        "first": ("Arman", "Cohan"), "authors": 5, "references": 57, "reference_dois": 7,
    },
    "N18-3011.tei.xml": {
        "title": "Construction of the Literature Graph in Semantic Scholar",
        "first": ("Waleed", "Ammar"), "authors": 23, "references": 27, "reference_dois": 0,
    },
}


def corpus_document(name: str) -> Document:
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"shared corpus not available ({path})")
    documents = read_path(path)
    assert len(documents) == 1
    return documents[0]


@pytest.mark.parametrize("name", sorted(CORPUS_EXPECTED))
def test_corpus_title_and_authors(name: str) -> None:
    document = corpus_document(name)
    expected = CORPUS_EXPECTED[name]
    assert document.format == "tei"
    assert document.metadata.title == expected["title"]
    first = document.metadata.authors[0]
    assert (first.given, first.family) == expected["first"]
    assert len(document.metadata.authors) == expected["authors"]
    assert document.metadata.date is None and document.metadata.doi is None


@pytest.mark.parametrize("name", sorted(CORPUS_EXPECTED))
def test_corpus_spans_and_references_are_consistent(name: str) -> None:
    document = corpus_document(name)
    expected = CORPUS_EXPECTED[name]
    assert document.abstract and document.abstract_span
    assert document.text[document.abstract_span[0]:document.abstract_span[1]] == document.abstract
    assert document.sections and document.sections[0].heading == "1 Introduction"
    for section in document.sections:
        assert document.text[section.start:section.end].startswith(section.heading)
    assert len(document.references) == expected["references"]
    assert sum(1 for r in document.references if r.doi) == expected["reference_dois"]
    assert document.references_span is not None
    start, end = document.references_span
    assert document.text[start:end] == "\n".join(r.text for r in document.references)


def test_corpus_affiliations_and_middle_names() -> None:
    specter = corpus_document("2020.acl-main.207.tei.xml")
    assert specter.metadata.authors[0].affiliations == [
        "Allen Institute for Artificial Intelligence ‡ Paul G. Allen School of Computer Science & Engineering, "
        "University of Washington"
    ]
    assert (specter.metadata.authors[4].given, specter.metadata.authors[4].family) == ("Daniel S", "Weld")
    graph = corpus_document("N18-3011.tei.xml")
    assert all(not a.affiliations for a in graph.metadata.authors)
    assert ("Lucy Lu", "Wang") in [(a.given, a.family) for a in graph.metadata.authors]
