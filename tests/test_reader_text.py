"""The plain-text / Markdown reader: metadata, abstract, structure, references, offsets, bad input."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scholargraph.document import Document
from scholargraph.errors import InputError
from scholargraph.readers import read_bytes
from scholargraph.readers.decode import decode_text
from scholargraph.readers.text import parse_text, read

DATA = Path(__file__).parent / "data" / "readers" / "text"
SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"


def read_fixture(name: str) -> Document:
    documents = read((DATA / name).read_bytes(), name)
    assert len(documents) == 1
    return documents[0]


def names(document: Document) -> list[tuple[str | None, str | None]]:
    return [(a.given, a.family) for a in document.metadata.authors]


def headings(document: Document) -> list[str]:
    return [s.heading for s in document.sections]


def assert_offsets_valid(document: Document) -> None:
    text = document.text
    for section in document.sections:
        assert 0 <= section.start < section.end <= len(text)
        assert text[section.start:section.end].startswith(section.heading)
    for span in (document.abstract_span, document.references_span):
        if span is not None:
            assert 0 <= span[0] <= span[1] <= len(text)


# --- fixtures written for these tests ------------------------------------------------------


def test_cover_sheet_paper() -> None:
    doc = read_fixture("cover_sheet.txt")
    meta = doc.metadata
    assert meta.title == "Peer Mentoring Circles for Rural Nursing Students: A Mixed-Methods Evaluation"
    # The cover sheet's journal and issue win over the citation line's abbreviation.
    assert meta.journal == "Journal of Rural Nursing Education"
    assert (meta.volume, meta.issue, meta.pages) == ("12", "3", "201-215")
    assert meta.date is not None and meta.date.isoformat() == "2021-05-14"
    assert meta.doi == "10.5555/jrne.2021.0042"
    assert meta.url == "https://escholarship.org/uc/item/0zz123ab"
    # The byline (full names) replaces the cover sheet's shortened list.
    assert names(doc) == [("Chidinma A.", "Okafor"), ("Per", "Lindqvist")]
    nursing = "School of Nursing, University of Northern Plains, Fargo, North Dakota"
    assert doc.metadata.authors[0].affiliations == [nursing]
    assert meta.keywords == ["peer mentoring", "rural health", "nursing education"]
    assert [p.label for p in doc.abstract_parts] == ["Background", "Methods", "Results", "Conclusions"]
    assert doc.abstract_parts[1].text.startswith("We ran eight mentoring circles")
    assert headings(doc) == ["Methods", "Participants", "Analysis", "Results", "Discussion", "References"]
    assert [s.level for s in doc.sections] == [1, 2, 2, 1, 1, 1]
    assert len(doc.references) == 3
    assert doc.references[0].doi == "10.2105/AJPH.2004.042432"
    assert doc.references[2].doi is None
    assert doc.id == "doi:10.5555/jrne.2021.0042"
    assert_offsets_valid(doc)


def test_cover_sheet_text_is_unchanged_and_markers_stay_in_text() -> None:
    raw = (DATA / "cover_sheet.txt").read_bytes()
    doc = read(raw, "cover")[0]
    assert doc.text == raw.decode("utf-8")
    assert "^{2–4}" in doc.text and "campus.^{2–4}" in doc.text


def test_byline_with_disclosures_degrees_and_roles() -> None:
    doc = read_fixture("byline_disclosures.txt")
    assert doc.metadata.title == "Hospital-Based Food Pantries and Readmission After Heart Failure"
    assert names(doc) == [("Marisol Q.", "Etxeberria"), ("Daniel J.", "O'Connor"), ("Hannah", "van der Berg")]
    affiliations = [a.affiliations for a in doc.metadata.authors]
    assert affiliations == [
        ["Division of Cardiology, Riverside University Hospital, Springfield, Ohio"],
        ["Department of Health Services Research, Riverside University School of Public Health, "
         "Springfield, Ohio"],
        ["Clinical Research Unit, Riverside University Hospital, Springfield, Ohio"],
    ]
    for author in doc.metadata.authors:
        assert "PhD" not in author.display_name and "[" not in author.display_name
        for affiliation in author.affiliations:
            assert not re.search(r"(?i)corresponding|funding|ethical|disclosure|grant|@", affiliation)
    assert doc.metadata.keywords == ["food insecurity", "heart failure", "readmission"]
    assert doc.abstract is not None and doc.abstract.startswith("Food insecurity is common")
    assert doc.abstract_parts == []
    assert headings(doc) == ["Introduction", "Methods"]
    # Nothing in the front matter is a date or a DOI.
    assert doc.metadata.date is None and doc.metadata.doi is None
    assert_offsets_valid(doc)


def test_markdown_paper() -> None:
    doc = read_fixture("markdown_paper.md")
    assert doc.metadata.title == "Tidal Marsh Carbon Budgets Under Sea-Level Rise"
    assert names(doc) == [("Ana María", "López"), ("Tomás", "van der Berg"), ("Grace", "Whitfield")]
    marine = "Department of Marine Sciences, University of the Gulf Coast, Mobile, Alabama"
    coastal = "Institute for Coastal Research, Delta University, New Orleans, Louisiana"
    assert [a.affiliations for a in doc.metadata.authors] == [[marine], [coastal], [marine]]
    assert [p.label for p in doc.abstract_parts] == ["Objective", "Methods", "Results", "Conclusions"]
    assert "**" not in (doc.abstract or "")
    assert doc.metadata.keywords == ["blue carbon", "salt marsh", "sea-level rise"]
    assert headings(doc) == ["1. Introduction", "2. Methods", "2.1 Field sites", "2.2 Model", "3. Results",
                             "References"]
    assert [s.level for s in doc.sections] == [2, 2, 3, 3, 2, 2]
    methods = doc.sections[1]
    assert doc.text[methods.start:methods.end].rstrip().endswith("organic and mineral inputs.")
    # A "#" comment inside a fenced code block is not a heading.
    assert not any("Not a heading" in h for h in headings(doc))
    assert [r.doi for r in doc.references] == ["10.1038/nature12856", None]
    assert_offsets_valid(doc)


def test_bare_structured_abstract_with_run_in_labels() -> None:
    doc = read_fixture("structured_abstract.txt")
    meta = doc.metadata
    assert meta.title is None and meta.authors == [] and meta.date is None and meta.doi is None
    labels = [p.label for p in doc.abstract_parts]
    assert labels == ["Background", "Objectives", "Methods", "Results", "Conclusions"]
    # "Results were similar" inside the Results part is not a new label.
    assert doc.abstract_parts[3].text.endswith("Results were similar across programs.")
    assert doc.abstract_span == (0, len(doc.text.rstrip("\n")))
    assert doc.sections == [] and doc.references == []


def test_page_breaks_and_running_headers() -> None:
    doc = read_fixture("page_breaks.txt")
    assert doc.metadata.title == "Broadband Access and Telehealth Use in Rural Counties"
    assert names(doc) == [("Kwame", "Mensah")]
    assert doc.metadata.authors[0].affiliations == ["Department of Rural Health, Plains State University, "
                                                    "Lincoln, Nebraska"]
    assert doc.metadata.keywords == ["telehealth", "broadband", "rural health"]
    assert doc.abstract is not None and "8% more telehealth visits" in doc.abstract
    found = headings(doc)
    assert found == ["1. Introduction", "2. Methods", "2.1 Data Sources", "3. Results", "4. Discussion",
                     "References"]
    assert not any("Page" in h or "manuscript" in h for h in found)
    assert [r.doi for r in doc.references] == ["10.5555/rhr.2019.01", None]
    # The introduction runs across the page break (running headers included, text untouched).
    intro = doc.sections[0]
    intro_text = doc.text[intro.start:intro.end]
    assert "remains" in intro_text and "patchy at best" in intro_text
    assert "\f" in doc.text
    assert_offsets_valid(doc)


def test_cp1252_file_is_decoded() -> None:
    raw = (DATA / "cp1252.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    doc = read(raw, "cp1252.txt")[0]
    assert doc.metadata.title == "Évaluation d’un programme de tutorat en médecine générale"
    assert names(doc) == [("Amélie", "Côté")]
    assert doc.metadata.keywords == ["tutorat", "médecine générale", "résidence"]
    assert headings(doc) == ["Méthodes"]


def test_utf16_file_with_bom() -> None:
    raw = (DATA / "utf16_bom.txt").read_bytes()
    doc = read(raw, "utf16_bom.txt")[0]
    assert doc.text == raw.decode("utf-16")
    assert doc.metadata.title == "Café Workers and Heat Stress: A Pilot Study"
    assert doc.abstract is not None and doc.abstract.startswith("Kitchen staff face heat stress")
    assert headings(doc) == ["Methods"]


def test_dispatch_picks_the_text_reader() -> None:
    documents = read_bytes((DATA / "markdown_paper.md").read_bytes(), "paper.md")
    assert documents[0].format == "text"
    assert documents[0].metadata.title == "Tidal Marsh Carbon Budgets Under Sea-Level Rise"


# --- smaller behaviours --------------------------------------------------------------------


def test_tables_and_captions_are_not_headings() -> None:
    text = ("Results\n\nWe report the counts below for every site in the study.\n\n"
            "Table 1:\n\nSite Characteristics\n\nSite\tCores\tSalinity\nNorth\t12\t18\n\n"
            "<table><tr><td>Heading Like Cell</td></tr></table>\n\n"
            "Male 34 59%\n\nDiscussion\n\nThe sites differed in salinity more than expected by the design.\n")
    doc = parse_text(text)
    assert headings(doc) == ["Results", "Discussion"]


def test_weak_heading_needs_prose_after_it() -> None:
    text = ("Introduction\n\nWe studied a topic for a long while and wrote it down in prose here.\n\n"
            "Study Population\n\nParticipants were adults recruited from three clinics in two cities.\n\n"
            "Red Apples\n\nGreen Pears\n\nBlue Plums\n")
    assert headings(parse_text(text)) == ["Introduction", "Study Population"]


def test_keywords_run_in_comma_separated() -> None:
    text = ("Sleep and Learning in Residency\n\nAlex Kim, MD\n\n"
            "Department of Medicine, Some University, Town.\n\n"
            "Abstract\n\nResidents who slept less scored lower on examinations in our cohort of trainees.\n\n"
            "Keywords: sleep, residency, examinations.\n\nIntroduction\n\nSleep matters for learning, as "
            "many studies have shown over the years.\n")
    doc = parse_text(text)
    assert doc.metadata.keywords == ["sleep", "residency", "examinations"]
    assert names(doc) == [("Alex", "Kim")]
    assert headings(doc) == ["Introduction"]


def test_markdown_front_matter() -> None:
    text = ("---\ntitle: \"Wind Farms and Bird Strikes\"\nauthor:\n  - Mia Hansen\n  - Jonas de Vries\n"
            "date: 2022-03\ndoi: https://doi.org/10.5555/wind.2022.3\nkeywords: [wind, birds]\n---\n\n"
            "## Introduction\n\nTurbines kill birds, but how many is debated among ecologists.\n")
    doc = parse_text(text)
    meta = doc.metadata
    assert meta.title == "Wind Farms and Bird Strikes"
    assert names(doc) == [("Mia", "Hansen"), ("Jonas", "de Vries")]
    assert meta.date is not None and meta.date.isoformat() == "2022-03"
    assert meta.doi == "10.5555/wind.2022.3"
    assert meta.keywords == ["wind", "birds"]
    assert headings(doc) == ["Introduction"]


def test_unnumbered_reference_list() -> None:
    text = ("Discussion\n\nWe found what we found and we said so in this paragraph of text.\n\n"
            "References\n\nAdams, B. (2019). A first invented work. Journal of Tests, 1, 1-2.\n"
            "Brown, C. (2020). A second invented work. Journal of Tests, 2, 3-4. https://doi.org/10.5555/t.2\n")
    doc = parse_text(text)
    assert [r.doi for r in doc.references] == [None, "10.5555/t.2"]
    assert doc.references[0].text.startswith("Adams, B. (2019)")


def test_numbered_references_join_wrapped_lines() -> None:
    text = ("References\n\n1. Author A. A title that wraps\nonto a second line. J Test. 2001;1:1-2.\n"
            "2. Author B. Another title. J Test. 2002;2:3-4. doi:10.5555/\nwrapped.doi\n"
            "3. Author C. Third. J Test. 2003;3:5-6.\n\nFigure 1:\n\nA caption here.\n")
    doc = parse_text(text)
    assert len(doc.references) == 3
    assert doc.references[0].text == "Author A. A title that wraps onto a second line. J Test. 2001;1:1-2."
    assert doc.references_span is not None
    assert doc.text[doc.references_span[0]:doc.references_span[1]].endswith("2003;3:5-6.")


# --- the user's seed files ------------------------------------------------------------------


def seed(prefix: str) -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not available")
    matches = sorted(SEEDS.glob(prefix + "_*.txt"))
    if not matches:
        pytest.skip(f"seed {prefix} is not available")
    return matches[0]


def test_seed_001_full_paper() -> None:
    path = seed("001")
    raw = path.read_bytes()
    doc = read(raw, str(path))[0]
    meta = doc.metadata
    assert doc.text == raw.decode("utf-8")
    assert meta.title == ("Professional Identity Formation of Basic Science Medical Educators: "
                          "A Qualitative Study of Identity Supports and Threats")
    assert meta.authors[0].given == "Joanna Veazey" and meta.authors[0].family == "Brooks"
    assert [a.family for a in meta.authors] == [
        "Brooks", "Dickinson", "Quesnelle", "Bonaminio", "Chalk-Wilayto", "Dahlman", "Fulton", "Hyland",
        "Kruidering", "Osheroff", "Tuan", "Ho"]
    for author in meta.authors:
        assert author.affiliations, author
        for affiliation in author.affiliations:
            assert not re.search(r"(?i)corresponding|disclosure|funding|ethical|approval|disclaimer|"
                                 r"presentation|@", affiliation)
    assert meta.authors[8].affiliations[0].startswith("Department of Cellular and Molecular Pharmacology")
    assert meta.journal == "Academic Medicine"
    assert (meta.volume, meta.issue, meta.pages) == ("98", "11S", "S14-S23")
    assert meta.date is not None and meta.date.isoformat() == "2023-11-01"
    assert meta.doi == "10.1097/ACM.0000000000005354"
    assert meta.keywords == ["professional identity formation", "basic science", "medical educator",
                             "qualitative research"]
    assert [p.label for p in doc.abstract_parts] == ["Purpose", "Method", "Results", "Conclusions"]
    found = headings(doc)
    for expected in ("Background", "Method", "Study Design", "Data Analysis", "Results",
                     "Domain 1: Personal Factors", "Discussion", "Conclusion", "References"):
        assert expected in found
    for wrong in ("Title", "Permalink", "Disclosures", "Keywords", "Abstract", "Figure 1:", "Table 1:",
                  "BSME PIF Domain Cogs", "Participant Demographics"):
        assert wrong not in found
    # The reference list holds exactly what the file numbers: "1." to "46.".
    numbered = re.findall(r"(?m)^(\d{1,2})\. \S", doc.text[doc.text.index("\nReferences\n"):])
    assert len(doc.references) == len(numbered) == 46
    assert doc.references[3].doi == "10.1097/ACM.0000000000000444"
    assert doc.references[-1].text.startswith("Hennink MM")
    assert_offsets_valid(doc)


def test_seed_000_bare_abstract_invents_nothing() -> None:
    path = seed("000")
    doc = read(path.read_bytes(), str(path))[0]
    meta = doc.metadata
    assert meta.title is None and meta.authors == [] and meta.date is None and meta.year is None
    assert meta.doi is None and meta.journal is None and meta.keywords == []
    assert [p.label for p in doc.abstract_parts] == ["Objective", "Methods", "Results", "Conclusions"]
    assert doc.abstract is not None and "Venkataraman" not in doc.abstract
    assert doc.abstract_span == (0, doc.text.index("\nVenkataraman"))
    assert doc.sections == []


def test_seed_002_run_in_abstract_label() -> None:
    path = seed("002")
    doc = read(path.read_bytes(), str(path))[0]
    assert doc.metadata.title is None and doc.metadata.authors == []
    assert doc.abstract is not None and doc.abstract.startswith("American Indians and Alaska Natives")
    assert doc.abstract_span is not None
    assert doc.text[doc.abstract_span[0]:].startswith("American Indians")
    assert doc.text[doc.abstract_span[0]:doc.abstract_span[1]].endswith("faculty opportunities in rural areas.")
    assert doc.abstract.endswith("faculty opportunities in rural areas.")
    # The annotation table after the abstract is neither headings nor references.
    assert doc.sections == [] and doc.references == []


# --- properties and limits --------------------------------------------------------------------

_PIECES = list("abcXYZ 19.:;,-#*|\t\n\n\n\f\r[]{}^()¹—é") + [
    "Abstract", "Methods", "Results", "References", "Keywords: a; b", "1. ", "Dr Ann Lee, PhD", "\n\n## ",
    "Title\n\n", "Objective To ", "University", "doi:10.5555/x", "```\n"]
_TEXTISH = st.lists(st.sampled_from(_PIECES), max_size=120).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(_TEXTISH, st.text(max_size=300)))
def test_arbitrary_text_never_crashes_and_offsets_hold(text: str) -> None:
    data = text.encode("utf-8")
    try:
        decoded = decode_text(data, "prop")
    except InputError:
        return
    try:
        documents = read(data, "prop")
    except InputError:
        assert decoded.isspace() or not decoded
        return
    doc = documents[0]
    assert doc.text == decoded
    assert_offsets_valid(doc)


def test_empty_and_whitespace_inputs_are_refused() -> None:
    for data in (b"", b"   \n\n\t", b"\xef\xbb\xbf", "\n\n".encode("utf-16")):
        with pytest.raises(InputError):
            read(data, "empty.txt")


def test_binary_junk_is_refused() -> None:
    junk = bytes(range(256)) * 64
    with pytest.raises(InputError, match="binary"):
        read(junk, "junk.bin")


def _generated_text(size: int) -> str:
    paragraph = " ".join(["Rural clinicians described mentoring as the reason they stayed.^{12}"] * 8)
    parts = ["A Generated Paper on Mentoring\n\nJane Doe, PhD\n\nUniversity of Nowhere, Sometown.\n\n"
             "Abstract\n\nA short abstract for a long generated paper.\n\n"]
    total = 0
    n = 0
    while total < size:
        piece = (f"Results Part {n}\n\n" if n % 40 == 0 else "") + paragraph + "\n\n"
        if n % 9 == 0:
            piece += f"\fDoe et al.\tPage {n // 9 + 1}\n\n"
        parts.append(piece)
        total += len(piece)
        n += 1
    return "".join(parts)


def _check_large(size: int) -> None:
    text = _generated_text(size)
    doc = read(text.encode("utf-8"), "large.txt")[0]
    assert len(doc.text) == len(text)
    assert doc.metadata.title == "A Generated Paper on Mentoring"
    assert doc.sections and all(s.heading.startswith("Results Part") for s in doc.sections)
    assert_offsets_valid(doc)


def test_fifty_megabyte_text_reads() -> None:
    _check_large(50_000_000)


def test_many_tiny_lines_and_one_huge_line_read() -> None:
    # Shapes that defeat naive per-line work: a million one-word paragraphs, and one 5 MB line.
    tiny = read(b"Ab\n\n" * 1_000_000, "tiny.txt")[0]
    assert tiny.sections == [] and len(tiny.text) == 4_000_000
    huge = read(b"word " * 1_000_000, "huge.txt")[0]
    assert huge.metadata.title is None and huge.sections == []


def test_plain_digit_affiliation_markers() -> None:
    text = ("Gut Microbes and Sleep in Shift Workers\n\nLena Fischer1,2, Omar Haddad2 and Priya Nair1*\n\n"
            "1 Department of Physiology, Northfield University, Leeds, UK\n"
            "2 Institute of Occupational Health, Southgate College, York, UK\n\n"
            "Abstract\n\nShift workers sleep poorly, and their gut microbes may be part of the reason.\n")
    doc = parse_text(text)
    physiology = "Department of Physiology, Northfield University, Leeds, UK"
    occupational = "Institute of Occupational Health, Southgate College, York, UK"
    assert [(a.family, a.affiliations) for a in doc.metadata.authors] == [
        ("Fischer", [physiology, occupational]), ("Haddad", [occupational]), ("Nair", [physiology])]


def test_short_numbered_list_items_are_not_headings() -> None:
    text = ("Intro\n\n1. Apples\n\n2. Pears\n\n3. Results\n\n"
            "We found that the thing worked well in most of the cases we tried.\n")
    assert headings(parse_text(text)) == ["3. Results"]


def test_title_and_author_markers_are_not_part_of_metadata() -> None:
    text = ("Heat Stress in Commercial Kitchens¹\n\nRosa Delgado^{a}, Mina Park^{b}\n\n"
            "^{a} School of Public Health, Coastal University, Lima, Peru\n\n"
            "Abstract\n\nCooks work in heat; we measured how much and for how long across a summer.^{2,3}\n")
    doc = parse_text(text)
    assert doc.metadata.title == "Heat Stress in Commercial Kitchens"
    assert names(doc) == [("Rosa", "Delgado"), ("Mina", "Park")]
    assert doc.metadata.authors[0].affiliations == ["School of Public Health, Coastal University, Lima, Peru"]
    assert doc.metadata.authors[1].affiliations == []
    assert "^{2,3}" in doc.text


def test_final_form_line_without_cover_sheet() -> None:
    text = ("HHS Public Access\n\nAuthor manuscript\n\nPublished in final edited form as:\n\n"
            "J Rural Health. 2021 May 14; 37(2 Suppl): S5–S12. doi:10.5555/jrh.2021.5.\n\n"
            "Broadband Access and Telehealth Use\n\nKwame Mensah, MPH\n\n"
            "Department of Rural Health, Plains State University, Lincoln, Nebraska.\n\n"
            "Abstract\n\nRural telehealth use tracked broadband coverage closely in every county we studied.\n")
    doc = parse_text(text)
    meta = doc.metadata
    # Without a cover sheet the citation line's values are kept as written.
    assert (meta.journal, meta.volume, meta.issue, meta.pages) == ("J Rural Health", "37", "2 Suppl", "S5-S12")
    assert meta.date is not None and meta.date.isoformat() == "2021-05-14"
    assert meta.doi == "10.5555/jrh.2021.5"
    assert meta.title == "Broadband Access and Telehealth Use"
    assert names(doc) == [("Kwame", "Mensah")]


@pytest.mark.parametrize("line_end", [b"\r\n", b"\r"])
def test_windows_and_old_mac_line_ends_read_the_same(line_end: bytes) -> None:
    raw = (DATA / "cover_sheet.txt").read_bytes()
    unix = read(raw, "unix")[0]
    other = read(raw.replace(b"\n", line_end), "other")[0]
    assert other.text == raw.replace(b"\n", line_end).decode("utf-8")
    assert other.metadata.to_json() == unix.metadata.to_json()
    assert headings(other) == headings(unix)
    assert other.abstract_parts == unix.abstract_parts
    assert [r.text for r in other.references] == [r.text for r in unix.references]
    assert_offsets_valid(other)


def test_untitled_paper_body_is_not_taken_for_an_abstract() -> None:
    opening = " ".join(["Clinics in small towns rely on a few staff who cover many roles at once."] * 5)
    text = opening + "\n\nMethods\n\nWe surveyed the staff of twelve clinics in three states last year.\n"
    doc = parse_text(text)
    assert doc.abstract is None and doc.abstract_span is None
    assert headings(doc) == ["Methods"]
    bare = parse_text(opening + "\n")
    assert bare.abstract_span == (0, len(opening))


def test_wrapped_author_year_references_are_split_per_entry() -> None:
    text = ("References\n\nAdams, B., & Chen, L. (2019). A first invented work with a title long enough\n"
            "    to wrap. Journal of Tests, 1, 1-2.\nvan Dijk, R. (2020). A second invented work.\n"
            "    Journal of Tests, 2, 3-4. https://doi.org/10.5555/t.2\nZhou, M. (2021). Third work. Tests, 3.\n")
    doc = parse_text(text)
    assert [r.text.split(" (")[0] for r in doc.references] == ["Adams, B., & Chen, L.", "van Dijk, R.", "Zhou, M."]
    assert doc.references[0].text.endswith("Journal of Tests, 1, 1-2.")
    assert doc.references[1].doi == "10.5555/t.2"


def test_markers_after_degrees_belong_to_the_name_before() -> None:
    text = ("Noise Exposure in Orchestra Pits\n\nJane Doe, MD, PhD1, John Smith, MPH2\n\n"
            "1 Department of Otology, North University, Oslo, Norway\n"
            "2 School of Music, South College, Bergen, Norway\n\n"
            "Abstract\n\nMusicians in pits are exposed to loud sound for hours across twenty performances.\n")
    doc = parse_text(text)
    assert [(a.family, a.affiliations) for a in doc.metadata.authors] == [
        ("Doe", ["Department of Otology, North University, Oslo, Norway"]),
        ("Smith", ["School of Music, South College, Bergen, Norway"])]


def test_abstract_cut_by_a_page_break_continues() -> None:
    text = ("Dental Care in Remote Islands\n\nIngrid Olsen, DDS\n\nFaculty of Dentistry, Fjord University, "
            "Tromsø, Norway.\n\nAbstract\n\nIsland residents wait months for dental care, and we asked how\n"
            "\fmobile clinics change those waits over two years in nine island communities.\n\n"
            "Keywords: dental care; islands\n\nIntroduction\n\nRemote islands are hard to serve for many reasons.\n")
    doc = parse_text(text)
    assert doc.abstract is not None and doc.abstract.endswith("nine island communities.")
    assert doc.metadata.keywords == ["dental care", "islands"]
    assert headings(doc) == ["Introduction"]
