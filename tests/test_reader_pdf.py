"""The PDF reader: a paper generated here with fpdf2, broken PDFs, and the two real corpus PDFs."""

from __future__ import annotations

import functools
import io
from pathlib import Path

import pytest
from fpdf import FPDF
from hypothesis import given, settings
from hypothesis import strategies as st

from scholargraph.document import Document
from scholargraph.errors import InputError
from scholargraph.readers import read_bytes
from scholargraph.readers.pdf.joining import join_lines

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS_PDF = SHARED / "corpus" / "pdf"

FOOTER = "Journal of Generated Examples"


class _Paper(FPDF):
    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 5, f"{FOOTER}    {self.page_no()}", align="C")


def _line(pdf: FPDF, text: str, size: float = 10, style: str = "", height: float = 5.0) -> None:
    pdf.set_font("Times", style, size)
    pdf.cell(0, height, text, new_x="LMARGIN", new_y="NEXT")


def _paper(owner_password: str | None = None, user_password: str | None = None) -> bytes:
    """A two-page paper with every part the reader looks for."""
    pdf = _Paper(format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(25, 25, 25)
    pdf.add_page()
    pdf.set_y(25)
    _line(pdf, "Reading Scholarly Papers Without a Network", 20, "B", 10)
    pdf.ln(3)
    _line(pdf, "Ada Lovelace, Charles Babbage", 12, "B", 6)
    _line(pdf, "University of London, London, UK", 11, "", 6)
    _line(pdf, "ada@example.org", 10, "", 6)
    pdf.ln(6)
    _line(pdf, "Abstract", 12, "B", 7)
    _line(pdf, "We describe a small reader that turns papers into structured")
    _line(pdf, "records. It keeps the order of the text and finds the parts.")
    pdf.ln(5)
    _line(pdf, "1 Introduction", 12, "B", 7)
    _line(pdf, "Papers arrive as files that hide their structure, and the informa-")
    _line(pdf, "tion inside them is hard to reach. Our state-")
    _line(pdf, "of-the-art reader recovers it from the layout alone.")
    pdf.ln(5)
    _line(pdf, "2 Methods", 12, "B", 7)
    _line(pdf, "We read the characters with their fonts and their positions.")
    pdf.ln(3)
    _line(pdf, "2.1 Data", 11, "B", 6)
    _line(pdf, "The data are papers that we generated for this test.")
    pdf.set_y(-24)
    pdf.set_font("Times", "I", 8)
    for small_print in ("Proceedings of the Offline Reading Workshop 2021, pages 1-9",
                        "Testville, May 3 - 5, 2021. doi:10.1234/orw.2021.7"):
        pdf.cell(0, 4, small_print, new_x="LMARGIN", new_y="NEXT")

    pdf.add_page()
    pdf.set_y(25)
    _line(pdf, "3 Results", 12, "B", 7)
    _line(pdf, "The reader found every part of this paper.")
    pdf.ln(5)
    _line(pdf, "References", 12, "B", 7)
    _line(pdf, "[1] Grace Hopper. 1952. The education of a computer. In Proceedings of")
    _line(pdf, "the ACM Meeting. doi:10.1145/609784.609818")
    _line(pdf, "[2] Alan Turing. 1950. Computing machinery and intelligence. Mind.")
    if owner_password:
        pdf.set_encryption(owner_password=owner_password, user_password=user_password)
    return bytes(pdf.output())


@pytest.fixture(scope="module")
def paper() -> bytes:
    return _paper()


def test_generated_paper_reads_back_with_its_metadata(paper: bytes) -> None:
    [document] = read_bytes(paper, "paper.pdf")
    meta = document.metadata
    assert document.format == "pdf"
    assert meta.title == "Reading Scholarly Papers Without a Network"
    assert [(a.given, a.family) for a in meta.authors] == [("Ada", "Lovelace"), ("Charles", "Babbage")]
    assert meta.authors[0].affiliations == ["University of London, London, UK"]
    assert meta.doi == "10.1234/orw.2021.7"
    assert meta.year == 2021
    assert meta.date is not None and meta.date.isoformat() == "2021-05-03"
    assert meta.journal == "Proceedings of the Offline Reading Workshop 2021"
    assert meta.pages == "1-9"
    assert document.id == "doi:10.1234/orw.2021.7"


def test_generated_paper_abstract_and_sections_point_into_the_text(paper: bytes) -> None:
    [document] = read_bytes(paper, "paper.pdf")
    text = document.text
    assert document.abstract == (
        "We describe a small reader that turns papers into structured records. "
        "It keeps the order of the text and finds the parts."
    )
    assert document.abstract_span is not None
    assert text[slice(*document.abstract_span)] == document.abstract
    headings = [(s.heading, s.level) for s in document.sections]
    assert headings == [("1 Introduction", 1), ("2 Methods", 1), ("2.1 Data", 2), ("3 Results", 1),
                        ("References", 1)]
    for section in document.sections:
        assert text[section.start:].startswith(section.heading)
    methods = document.sections[1]
    data = document.sections[2]
    assert methods.start < data.start and data.end <= methods.end  # the subsection nests in its section
    assert "The data are papers" in text[data.start:data.end]


def test_generated_paper_text_is_clean(paper: bytes) -> None:
    [document] = read_bytes(paper, "paper.pdf")
    text = document.text
    assert "the information inside them" in text  # "informa-" + "tion" joined
    assert "Our state-of-the-art reader" in text  # a real compound keeps its hyphen
    assert FOOTER not in text  # running footer repeated on both pages
    assert "Offline Reading Workshop" not in text  # page-1 small print goes to the metadata
    assert "ada@example.org" not in text
    assert text.index("1 Introduction") < text.index("3 Results") < text.index("References")


def test_generated_paper_references(paper: bytes) -> None:
    [document] = read_bytes(paper, "paper.pdf")
    assert len(document.references) == 2
    first, second = document.references
    assert first.text.startswith("[1] Grace Hopper. 1952.")
    assert first.text.endswith("doi:10.1145/609784.609818")
    assert first.doi == "10.1145/609784.609818"
    assert second.doi is None
    assert document.references_span is not None
    span_text = document.text[slice(*document.references_span)]
    assert span_text.startswith("[1] Grace Hopper") and span_text.endswith("Mind.")


def test_joining_lines_undoes_hyphenation_only_for_real_words() -> None:
    assert join_lines(["informa-", "tion retrieval"]) == "information retrieval"
    assert join_lines(["token-", "level objectives"]) == "token-level objectives"
    assert join_lines(["Valenzuela-", "Escarcega"]) == "Valenzuela-Escarcega"
    assert join_lines(["one line", "and the next"]) == "one line and the next"


def test_corrupt_pdf_is_an_input_error() -> None:
    junk = b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\n\x00\xff garbage\ntrailer\n%%EOF\n"
    with pytest.raises(InputError, match="PDF"):
        read_bytes(junk, "junk.pdf")


def test_truncated_pdf_is_an_input_error(paper: bytes) -> None:
    with pytest.raises(InputError, match="truncated"):
        read_bytes(paper[: len(paper) // 2], "half.pdf")


def test_password_protected_pdf_is_an_input_error() -> None:
    locked = _paper(owner_password="owner-secret", user_password="user-secret")
    with pytest.raises(InputError, match="password"):
        read_bytes(locked, "locked.pdf")


def test_image_only_pdf_is_an_input_error() -> None:
    image_module = pytest.importorskip("PIL.Image")
    picture = image_module.new("RGB", (200, 100), "white")
    pdf = FPDF()
    pdf.add_page()
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    pdf.image(buffer, x=10, y=10, w=150)
    with pytest.raises(InputError, match="no text layer"):
        read_bytes(bytes(pdf.output()), "scan.pdf")


def test_reading_a_broken_pdf_keeps_stderr_clean(capfd: pytest.CaptureFixture[str]) -> None:
    junk = b"%PDF-1.4\n1 0 obj << /Length 99 >> stream\nBT ET\nendstream endobj\nxref\nbroken\n%%EOF\n"
    with pytest.raises(InputError):
        read_bytes(junk, "broken.pdf")
    assert capfd.readouterr().err == ""


def _corpus(name: str) -> bytes:
    path = CORPUS_PDF / name
    if not path.exists():
        pytest.skip(f"{path} not available")
    return path.read_bytes()


@functools.cache
def _read_corpus(name: str) -> Document:
    [document] = read_bytes(_corpus(name), name)
    return document


@pytest.mark.parametrize(
    ("name", "title", "first_author", "year", "authors", "references"),
    [
        ("N18-3011.pdf", "Construction of the Literature Graph in Semantic Scholar",
         ("Waleed", "Ammar"), 2018, 23, 27),
        ("2020.acl-main.207.pdf",
         "SPECTER: Document-level Representation Learning using Citation-informed Transformers",
         ("Arman", "Cohan"), 2020, 5, 57),
    ],
)
def test_real_papers(name: str, title: str, first_author: tuple[str, str], year: int, authors: int,
                     references: int) -> None:
    document = _read_corpus(name)
    meta = document.metadata
    assert meta.title == title
    assert (meta.authors[0].given, meta.authors[0].family) == first_author
    assert len(meta.authors) == authors
    assert meta.year == year
    assert meta.doi is None  # neither PDF prints a DOI; none may be invented
    assert meta.journal is not None and meta.journal.startswith("Proceedings of")
    assert document.abstract and len(document.abstract.split()) > 80
    assert len(document.references) == references
    assert [s.heading for s in document.sections][0] == "1 Introduction"
    for section in document.sections:
        assert document.text[section.start:].startswith(section.heading)


def test_real_paper_details() -> None:
    document = _read_corpus("N18-3011.pdf")
    meta = document.metadata
    assert meta.date is not None and meta.date.isoformat() == "2018-06-01"  # "June 1 - 6, 2018"
    assert meta.pages == "84–91"
    names = [a.display_name for a in meta.authors]
    assert "Madeleine van Zuylen" in names and names[-1] == "Oren Etzioni"
    zuylen = next(a for a in meta.authors if a.display_name == "Madeleine van Zuylen")
    assert zuylen.family == "van Zuylen"
    assert "Northwestern University, Evanston IL 60208, USA" in meta.authors[5].affiliations  # Doug Downey
    assert "2.1 Node Types" in [s.heading for s in document.sections]
    # Two columns are read left then right: the first column's last words come before the second's first.
    assert document.text.index("tions such as:") < document.text.index("NLP tasks such as sequence labeling")


def _two_column_page() -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Times", "B", 18)
    pdf.set_xy(20, 20)
    pdf.cell(170, 9, "Two Columns of Generated Text", align="C")
    pdf.set_font("Times", "", 10)
    left = [f"Left column line {n} says alpha things." for n in range(1, 13)]
    right = [f"Right column line {n} says omega things." for n in range(1, 13)]
    for row, (left_text, right_text) in enumerate(zip(left, right, strict=True)):
        y = 45 + row * 5
        pdf.set_xy(20, y)
        pdf.cell(80, 5, left_text)
        pdf.set_xy(110, y)
        pdf.cell(80, 5, right_text)
    return bytes(pdf.output())


def test_two_columns_are_read_left_then_right() -> None:
    [document] = read_bytes(_two_column_page(), "columns.pdf")
    text = document.text
    assert document.metadata.title == "Two Columns of Generated Text"
    positions = [text.index(f"Left column line {n} ") for n in range(1, 13)]
    positions += [text.index(f"Right column line {n} ") for n in range(1, 13)]
    assert positions == sorted(positions)


def test_owner_password_only_pdf_still_reads() -> None:
    # Permissions-only encryption has an empty user password: the text is readable.
    [document] = read_bytes(_paper(owner_password="owner-secret"), "restricted.pdf")
    assert document.metadata.title == "Reading Scholarly Papers Without a Network"


def test_only_the_first_pages_are_read(paper: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    import scholargraph.readers.pdf as pdf_reader

    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 1)
    [document] = read_bytes(paper, "paper.pdf")
    assert document.metadata.title == "Reading Scholarly Papers Without a Network"
    assert "3 Results" not in document.text and document.references == []


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=400))
def test_damaged_pdf_bytes_raise_input_error_or_read(junk: bytes) -> None:
    data = b"%PDF-1.4\n" + junk + b"\n%%EOF\n"
    try:
        documents = read_bytes(data, "junk.pdf")
    except InputError as error:
        assert "\n" not in str(error)
    else:
        assert len(documents) == 1


def _byline_paper() -> bytes:
    """Subtitle, names with superscript affiliation numbers, numbered affiliations, an address in brackets."""
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_y(25)
    _line(pdf, "Marked Affiliations in Bylines", 20, "B", 10)
    _line(pdf, "A short technical note", 11, "I", 7)
    pdf.set_font("Times", "B", 12)
    for name, mark, last in (("Ann Lee", "1", False), ("Bo Chen", "1,2", True)):
        pdf.write(6, name)
        pdf.char_vpos = "SUP"
        pdf.write(6, mark)
        pdf.char_vpos = "LINE"
        pdf.write(6, "" if last else ", ")
    pdf.ln(7)
    _line(pdf, "Carla van der Berg (carla@example.org)", 12, "B", 7)
    _line(pdf, "1 Department of Physics, Example University", 10, "", 5)
    _line(pdf, "2 National Laboratory of Examples", 10, "", 5)
    pdf.ln(6)
    _line(pdf, "Abstract. We show that bylines with markers are read correctly.", 10, "", 5)
    pdf.ln(4)
    _line(pdf, "1 Introduction", 12, "B", 7)
    _line(pdf, "Bylines come in many shapes.")
    return bytes(pdf.output())


def test_byline_markers_link_authors_to_affiliations() -> None:
    [document] = read_bytes(_byline_paper(), "byline.pdf")
    authors = document.metadata.authors
    names = [(a.given, a.family) for a in authors]
    assert names == [("Ann", "Lee"), ("Bo", "Chen"), ("Carla", "van der Berg")]
    physics = "Department of Physics, Example University"
    assert authors[0].affiliations == [physics]
    assert authors[1].affiliations == [physics, "National Laboratory of Examples"]
    assert document.abstract == "We show that bylines with markers are read correctly."
    assert "carla@example.org" not in document.text


def test_real_paper_byline_markers() -> None:
    document = _read_corpus("2020.acl-main.207.pdf")
    authors = document.metadata.authors
    allen = "Allen Institute for Artificial Intelligence"  # the "fi" ligature is expanded
    assert all(allen in a.affiliations for a in authors)
    weld = authors[-1]
    assert (weld.given, weld.family) == ("Daniel S.", "Weld")
    assert len(weld.affiliations) == 2 and "University of Washington" in weld.affiliations[1]
    assert "Our system, SPECTER, incorporates" in document.text  # footnote mark "2" dropped, hyphen undone


_WORDS = st.sampled_from(["Abstract", "1", "2.1", "Introduction", "References", "data", "model", "informa-",
                          "tion", "Smith,", "University", "[1]", "doi:10.1000/x1", "and", "the", "Results"])


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.lists(_WORDS, min_size=1, max_size=8), st.sampled_from([8, 10, 12, 16, 20]),
                          st.booleans(), st.integers(10, 150), st.integers(15, 280)),
                min_size=3, max_size=30))
def test_any_layout_reads_with_consistent_offsets(
    rows: list[tuple[list[str], int, bool, int, int]]
) -> None:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    for words, size, bold, x, y in rows:
        pdf.set_font("Helvetica", "B" if bold else "", size)
        pdf.set_xy(x, y)
        pdf.cell(0, size / 2, " ".join(words))
    try:
        [document] = read_bytes(bytes(pdf.output()), "random.pdf")
    except InputError:
        return  # too little text is a legitimate refusal
    text = document.text
    for section in document.sections:
        assert 0 <= section.start <= section.end <= len(text)
        assert text[section.start:].startswith(section.heading)
    if document.abstract_span is not None:
        assert text[slice(*document.abstract_span)] == document.abstract
    if document.references_span is not None:
        start, end = document.references_span
        assert 0 <= start <= end <= len(text)
        assert all(reference.text in text[start:end] for reference in document.references)
