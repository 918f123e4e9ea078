"""The JATS reader: metadata, layout of Document.text, spans, references, hostile XML, real PMC files."""

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
from scholargraph.readers.jats import read

DATA = Path(__file__).parent / "data" / "readers"
SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus" / "jats"


@pytest.fixture(scope="module")
def article() -> Document:
    documents = read_path(DATA / "jats_article.nxml")
    assert len(documents) == 1
    return documents[0]


def minimal_article(meta: str = "", body: str = "", back: str = "") -> bytes:
    return (
        '<article xmlns:xlink="http://www.w3.org/1999/xlink"><front><article-meta>'
        "<title-group><article-title>A small article</article-title></title-group>"
        f"{meta}</article-meta></front><body>{body}</body><back>{back}</back></article>"
    ).encode()


# --------------------------------------------------------------------------- metadata


def test_sniffed_as_jats(article: Document) -> None:
    assert article.format == "jats"


def test_title_drops_inline_markup(article: Document) -> None:
    assert article.metadata.title == "Near-peer tutoring and exam anxiety among first-year medical students"


def test_authors_in_order_with_organisation_and_no_editor(article: Document) -> None:
    authors = article.metadata.authors
    assert [(a.given, a.family) for a in authors[:2]] == [("Emi", "Nakamura"), ("Lars", "van der Berg")]
    assert authors[2].is_organization and authors[2].name == "Rural Curriculum Research Network"
    assert len(authors) == 3  # the editor is not an author


def test_orcid_and_affiliations_resolved_without_labels(article: Document) -> None:
    first, second = article.metadata.authors[:2]
    assert first.orcid == "0000-0002-1825-0097"
    assert first.affiliations == [
        "Department of Medical Education, Northfield University, Northfield, Canada",
        "Centre for Clinical Teaching, Lakeside College, Lakeside, Norway",
    ]
    assert second.affiliations == ["Centre for Clinical Teaching, Lakeside College, Lakeside, Norway"]


def test_bibliographic_fields(article: Document) -> None:
    meta = article.metadata
    assert meta.journal == "Journal of Rural Health Education"
    assert (meta.volume, meta.issue, meta.pages) == ("12", "4", "210-219")
    assert (meta.doi, meta.pmid, meta.pmcid) == ("10.5555/jrhe.2024.0042", "39990001", "PMC11223344")
    assert meta.keywords == ["near-peer tutoring", "test anxiety", "medical education"]
    assert meta.license == "https://creativecommons.org/licenses/by/4.0/"
    assert meta.publisher == "Example Academic Press"
    assert meta.url == "https://journal.example.org/jrhe/2024/0042"  # the permalink, not the PDF
    assert article.id == "doi:10.5555/jrhe.2024.0042"


def test_epub_refines_issue_date_of_same_month(article: Document) -> None:
    assert article.metadata.date == PartialDate(2024, 11, 3)
    assert cite(article) == "Nakamura et al. (2024)"


def test_issue_year_wins_over_epub_of_previous_year() -> None:
    meta = (
        '<pub-date pub-type="ppub"><season>Jan-Feb</season><year>2019</year></pub-date>'
        '<pub-date pub-type="epub"><day>08</day><month>12</month><year>2018</year></pub-date>'
    )
    document = read(minimal_article(meta), "t.nxml")[0]
    assert document.metadata.date == PartialDate(2019, 1)


def test_epub_alone_and_season_stays_year_precise() -> None:
    epub_date = '<pub-date pub-type="epub"><day>2</day><month>8</month><year>2011</year></pub-date>'
    epub = read(minimal_article(epub_date), "t")[0]
    assert epub.metadata.date == PartialDate(2011, 8, 2)
    season_date = '<pub-date pub-type="ppub"><season>Spring</season><year>2020</year></pub-date>'
    season = read(minimal_article(season_date), "t")[0]
    assert season.metadata.date == PartialDate(2020)


def test_elocation_id_as_pages_and_abbrev_journal() -> None:
    data = (
        b"<article><front><journal-meta><abbrev-journal-title>Ex J</abbrev-journal-title></journal-meta>"
        b"<article-meta><title-group><article-title>T</article-title></title-group>"
        b"<elocation-id>e2065</elocation-id></article-meta></front></article>"
    )
    document = read(data, "t")[0]
    assert document.metadata.pages == "e2065"
    assert document.metadata.journal == "Ex J"


# --------------------------------------------------------------------------- text and spans


def test_text_starts_with_title_then_abstract(article: Document) -> None:
    assert article.text.startswith(article.metadata.title + "\n\n")
    assert article.abstract_span is not None
    start, end = article.abstract_span
    assert article.text[start:end] == article.abstract
    assert start == len(article.metadata.title) + 2


def test_structured_abstract_parts_and_teaser_ignored(article: Document) -> None:
    assert [p.label for p in article.abstract_parts] == ["Background", "Methods", "Results"]
    assert article.abstract_parts[1].text.startswith("We compared 118 students")
    assert "eased exam nerves" not in article.text


def test_unstructured_abstract_is_one_unlabelled_part() -> None:
    document = read(minimal_article("<abstract><p>One.</p><p>Two.</p></abstract>"), "t")[0]
    assert [(p.label, p.text) for p in document.abstract_parts] == [("", "One. Two.")]


def test_sections_are_spans_beginning_with_their_heading(article: Document) -> None:
    headings = [(s.heading, s.level) for s in article.sections]
    assert headings == [("Introduction", 1), ("Methods", 1), ("Participants", 2), ("Measures", 2),
                        ("Discussion", 1), ("Acknowledgements", 1), ("References", 1)]
    for section in article.sections:
        assert article.text[section.start:section.end].startswith(section.heading + "\n")
    methods, participants, measures = article.sections[1:4]
    assert methods.start < participants.start < measures.start < measures.end == methods.end
    assert "validated 20-item scale" in article.text[measures.start:measures.end]


def test_citation_markers_spaced_not_glued(article: Document) -> None:
    assert "learning and wellbeing [1,2]. Tutoring" in article.text
    assert "is cheap [2] and popular" in article.text


def test_captions_kept_table_cells_dropped(article: Document) -> None:
    assert "Table 1. Characteristics of the participants." in article.text
    assert "Figure 1. Study flow. Students invited, enrolled and analysed." in article.text
    assert "Tutoring arm" not in article.text and "Waiting-list arm" not in article.text


def test_references_with_dois_and_span(article: Document) -> None:
    references = article.references
    assert [r.doi for r in references] == ["10.5555/medteach.2019.12", "10.5555/clinteach.2021.201"]
    assert references[0].text.startswith("Hill AB, Okoro C. Test anxiety in medical students.")
    assert references[1].text.startswith("Dubois M, Singh R (2021). Peer teaching programmes: a review.")
    assert article.references_span is not None
    start, end = article.references_span
    assert article.text[:start].endswith("References\n")
    assert article.text[start:end].splitlines() == [r.text for r in references]
    assert end == len(article.text)


def test_body_paragraphs_outside_sections_are_kept() -> None:
    body = "<p>Loose first paragraph.</p><sec><title>Next</title><p>B.</p></sec>"
    document = read(minimal_article(body=body), "t")[0]
    assert "Loose first paragraph." in document.text
    assert document.sections[0].heading == "Next"


def test_pmc_articleset_gives_one_document_per_article() -> None:
    one = minimal_article().decode()
    data = f"<pmc-articleset>{one}{one.replace('A small article', 'Another')}</pmc-articleset>".encode()
    titles = [d.metadata.title for d in read_bytes(data, "set.xml")]
    assert titles == ["A small article", "Another"]


# --------------------------------------------------------------------------- bad and hostile input


def test_truncated_xml_is_an_input_error() -> None:
    data = (DATA / "jats_article.nxml").read_bytes()
    with pytest.raises(InputError, match="malformed XML"):
        read_bytes(data[: len(data) // 2], "cut.nxml")


def test_article_without_front_matter_is_an_input_error() -> None:
    with pytest.raises(InputError, match="article-meta"):
        read(b"<article><body><p>x</p></body></article>", "t")


def test_external_entity_is_never_expanded() -> None:
    data = xxe("<article>", "<front><article-meta><title-group><article-title>Leak &xxe; here"
               "</article-title></title-group></article-meta></front>", "</article>")
    try:
        documents = read_bytes(data, "xxe.nxml")
    except InputError:
        return
    text = documents[0].text + (documents[0].metadata.title or "")
    for line in secret_lines():
        assert line not in text
    assert "&xxe;" not in text and "root:" not in text


def test_entity_bomb_does_not_expand() -> None:
    data = billion_laughs("<article>", "<front><article-meta><title-group><article-title>&lol9;"
                          "</article-title></title-group></article-meta></front>", "</article>")
    try:
        documents = read_bytes(data, "bomb.nxml")
    except InputError:
        return
    assert len(documents[0].text) < 1000


# --------------------------------------------------------------------------- the real corpus

# Checked by reading each file's <article-meta> by hand.  Year: the issue date (ppub/collection),
# so Behavioral Ecology's Jan-Feb 2019 issue (epub 2018-12-08) is 2019, Annals of Oncology's
# March 2013 issue (epub 2012-11-12) is 2013.
CORPUS_EXPECTED = {
    "1471-2180-11-174.nxml": (
        "Factors influencing lysis time stochasticity in bacteriophage λ",
        "Dennehy", 2011, "10.1186/1471-2180-11-174",
    ),
    "1472-6831-8-11.nxml": (
        "The Dutch version of the Oral Health Impact Profile (OHIP-NL): Translation, reliability "
        "and construct validity",
        "van der Meulen", 2008, "10.1186/1472-6831-8-11",
    ),
    "6605965a.nxml": (
        "Oral contraceptives, reproductive history and risk of colorectal cancer in the European "
        "Prospective Investigation into Cancer and Nutrition",
        "Tsilidis", 2010, "10.1038/sj.bjc.6605965",
    ),
    "PMC5828200.nxml": (
        "Curcuminoid submicron particle ameliorates cognitive deficits and decreases amyloid "
        "pathology in Alzheimer’s disease mouse model",
        "Tai", 2018, "10.18632/oncotarget.24369",
    ),
    "PMC6398430.nxml": (
        "Counting crows: population structure and group size variation in an urban population of "
        "crows",
        "Uhl", 2019, "10.1093/beheco/ary157",
    ),
    "PMC7417471.nxml": (
        "Graphene impregnated electrospun nanofiber sensing materials: a comprehensive overview on "
        "bridging laboratory set-up to industry",
        "Al-Dhahebi", 2020, "10.1186/s40580-020-00237-4",
    ),
    "ehp-116-1694.nxml": (
        "Dietary Exposure to 2,2′,4,4′-Tetrabromodiphenyl Ether (PBDE-47) Alters Thyroid Status and"
        " Thyroid Hormone–Regulated Gene Transcription in the Pituitary and Brain",
        "Lema", 2008, "10.1289/ehp.11570",
    ),
    "mds526.nxml": (
        "Socio-demographic inequalities in stage of cancer diagnosis: evidence from patients with "
        "female breast, lung, colon, rectal, prostate, renal, bladder, melanoma, ovarian and "
        "endometrial cancer",
        "Lyratzopoulos", 2013, "10.1093/annonc/mds526",
    ),
    "pntd.0002065.nxml": (
        "Serological Evidence of Rift Valley Fever Virus Circulation in Sheep and Goats in Zambézia"
        " Province, Mozambique",
        "Fafetine", 2013, "10.1371/journal.pntd.0002065",
    ),
    "pone.0000217.nxml": (
        "Quantifying Organismal Complexity using a Population Genetic Approach",
        "Tenaillon", 2007, "10.1371/journal.pone.0000217",
    ),
    "pone.0046493.nxml": (
        "MmPPOX Inhibits Mycobacterium tuberculosis Lipolytic Enzymes Belonging to the Hormone-"
        "Sensitive Lipase Family and Alters Mycobacterial Growth",
        "Delorme", 2012, "10.1371/journal.pone.0046493",
    ),
}


def corpus_file(name: str) -> Path:
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"shared corpus not available ({path})")
    return path


@pytest.mark.parametrize("name", sorted(CORPUS_EXPECTED))
def test_corpus_header_fields(name: str) -> None:
    title, family, year, doi = CORPUS_EXPECTED[name]
    documents = read_path(corpus_file(name))
    assert len(documents) == 1
    document = documents[0]
    meta = document.metadata
    assert document.format == "jats"
    assert meta.title == title
    assert meta.authors and meta.authors[0].family == family
    assert meta.year == year
    assert meta.doi == doi


@pytest.mark.parametrize("name", sorted(CORPUS_EXPECTED))
def test_corpus_spans_and_references_are_consistent(name: str) -> None:
    document = read_path(corpus_file(name))[0]
    assert document.abstract and document.abstract_span
    start, end = document.abstract_span
    assert document.text[start:end] == document.abstract
    assert len(document.sections) >= 3
    for section in document.sections:
        assert document.text[section.start:section.end].startswith(section.heading)
    assert len(document.references) >= 20
    assert document.references_span and document.references_span[1] == len(document.text)
    # No raw markup or unexpanded entities leak into the text.
    assert "<xref" not in document.text and "&#x" not in document.text


def test_corpus_is_complete_when_present() -> None:
    if not CORPUS.is_dir():
        pytest.skip("shared corpus not available")
    assert {p.name for p in CORPUS.glob("*.nxml")} == set(CORPUS_EXPECTED)


def test_run_in_bold_labels_become_abstract_parts() -> None:
    abstract = ("<abstract><p><bold>Objective:</bold> To examine mentoring.</p>"
                "<p><bold>Methods</bold>: A survey of 40 schools.</p><p>It ran for two years.</p>"
                "<p><bold>Conclusions.</bold> Mentoring helps.</p></abstract>")
    parts = read(minimal_article(abstract), "t")[0].abstract_parts
    assert [(p.label, p.text) for p in parts] == [
        ("Objective", "To examine mentoring."),
        ("Methods", "A survey of 40 schools. It ran for two years."),
        ("Conclusions", "Mentoring helps."),
    ]


def test_bold_phrase_inside_an_ordinary_abstract_is_not_a_label() -> None:
    abstract = "<abstract><p><bold>Mentoring</bold> shapes careers of students in many ways.</p></abstract>"
    parts = read(minimal_article(abstract), "t")[0].abstract_parts
    assert [(p.label, p.text) for p in parts] == [("", "Mentoring shapes careers of students in many ways.")]


JATS_TAGS = [
    "front", "article-meta", "journal-meta", "title-group", "article-title", "contrib-group", "contrib",
    "name", "surname", "given-names", "string-name", "collab", "contrib-id", "xref", "aff", "label",
    "institution", "pub-date", "year", "month", "day", "season", "volume", "fpage", "lpage", "article-id",
    "kwd-group", "kwd", "license", "abstract", "sec", "title", "p", "body", "back", "ref-list", "ref",
    "mixed-citation", "element-citation", "pub-id", "ext-link", "table-wrap", "caption", "table", "fig",
    "sup", "bold", "list", "list-item", "alternatives", "math", "app-group"
]
JATS_ATTRIBUTES = ["", ' ref-type="aff" rid="a1"', ' id="a1"', ' pub-type="epub"', ' pub-type="ppub"',
                   ' contrib-type="author"', ' contrib-id-type="orcid"', ' pub-id-type="doi"',
                   ' abstract-type="teaser"']


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(element_soup(JATS_TAGS, JATS_ATTRIBUTES, SOUP_TEXTS), max_size=5))
def test_any_jats_shaped_xml_reads_or_is_refused_cleanly(children: list[str]) -> None:
    data = ("<article>" + "".join(children) + "</article>").encode()
    try:
        documents = read(data, "soup.nxml")
    except InputError:
        return
    for document in documents:
        for section in document.sections:
            assert document.text[section.start:section.end].startswith(section.heading)
        if document.abstract_span:
            assert document.text[document.abstract_span[0]:document.abstract_span[1]] == document.abstract
        assert document.metadata.year is None or 1450 <= document.metadata.year <= 2100
