"""The JSON/JSONL reader: Document JSON round trip, Crossref and OpenAlex records, envelopes, bad JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scholargraph.cite import cite
from scholargraph.dates import PartialDate
from scholargraph.document import Author, Document, Metadata, Section
from scholargraph.errors import InputError
from scholargraph.readers import read_bytes, read_path
from scholargraph.readers.records import read

DATA = Path(__file__).parent / "data" / "readers"


def crossref_message() -> dict[str, object]:
    envelope = json.loads((DATA / "crossref_work.json").read_text(encoding="utf-8"))
    message: dict[str, object] = envelope["message"]
    return message


# --------------------------------------------------------------------------- Crossref


def test_crossref_envelope() -> None:
    documents = read_path(DATA / "crossref_work.json")
    assert len(documents) == 1
    meta = documents[0].metadata
    assert meta.title == "Reflective writing and empathy in clinical clerkships: a multi-site study"
    assert [(a.given, a.family) for a in meta.authors[:2]] == [("Farah", "Siddiqui"), ("Tomás", "Ferreira")]
    assert meta.authors[0].orcid == "0000-0003-4412-9870"
    assert meta.authors[0].affiliations == ["Faculty of Medicine, Harbour University"]
    assert meta.authors[2].is_organization and meta.authors[2].name == "Clerkship Empathy Study Consortium"
    assert meta.journal == "Medical Education Review"
    assert (meta.volume, meta.issue, meta.pages) == ("57", "11", "1107-1115")
    assert meta.doi == "10.5555/mededu.2023.1107"
    assert meta.keywords == ["Education", "General Medicine"]
    assert meta.license == "https://creativecommons.org/licenses/by-nc/4.0/"
    assert documents[0].id == "doi:10.5555/mededu.2023.1107"


def test_crossref_print_issue_date_anchors_year() -> None:
    meta = read_path(DATA / "crossref_work.json")[0].metadata
    # published-print [[2023, 11]]; published-online 2023-09-14 is another month, so not used.
    assert meta.date == PartialDate(2023, 11)
    assert cite(meta) == "Siddiqui et al. (2023)"


@pytest.mark.parametrize(
    ("parts", "expected"),
    [([[2023, 11, 1]], "2023-11-01"), ([[2023, 11]], "2023-11"), ([[2023]], "2023"),
     ([["2019", "4"]], "2019-04")],
)
def test_crossref_date_parts_stay_as_precise_as_given(parts: list[list[object]], expected: str) -> None:
    record = {"DOI": "10.5555/x", "title": ["T"], "issued": {"date-parts": parts}}
    document = read(json.dumps(record).encode(), "t.json")[0]
    assert document.metadata.date is not None
    assert document.metadata.date.isoformat() == expected


def test_crossref_null_date_parts_give_no_date() -> None:
    record = {"DOI": "10.5555/x", "title": ["T"], "issued": {"date-parts": [[None]]}}
    assert read(json.dumps(record).encode(), "t.json")[0].metadata.date is None


def test_crossref_jats_abstract_becomes_labelled_parts() -> None:
    document = read_path(DATA / "crossref_work.json")[0]
    assert [p.label for p in document.abstract_parts] == ["Background", "Methods", "Results"]
    assert document.abstract_parts[2].text == (
        "Empathy scores stayed stable in the writing group & fell in the comparison group."
    )
    assert "<jats:" not in document.text
    assert document.abstract_span is not None
    start, end = document.abstract_span
    assert document.text[start:end] == document.abstract


def test_crossref_plain_jats_abstract_is_unlabelled() -> None:
    abstract = ("<jats:p>Only one <jats:italic>plain</jats:italic> paragraph.</jats:p>"
                "<jats:p>And a second.</jats:p>")
    record = {"DOI": "10.5555/x", "title": ["T"], "abstract": abstract}
    parts = read(json.dumps(record).encode(), "t.json")[0].abstract_parts
    assert [(p.label, p.text) for p in parts] == [("", "Only one plain paragraph. And a second.")]


def test_crossref_references() -> None:
    document = read_path(DATA / "crossref_work.json")[0]
    assert [r.doi for r in document.references] == ["10.5555/acadmed.2011.0042", None]
    assert document.references[1].text == "Charon (2001). Narrative medicine, JAMA"
    assert document.references_span is not None
    start, end = document.references_span
    assert document.text[start:end].splitlines() == [r.text for r in document.references]


def test_crossref_bare_item_and_item_list() -> None:
    message = crossref_message()
    bare = read(json.dumps(message).encode(), "bare.json")
    envelope = {"status": "ok", "message": {"items": [message, message]}}
    listed = read(json.dumps(envelope).encode(), "list.json")
    assert bare[0].metadata.doi == "10.5555/mededu.2023.1107"
    assert [d.metadata.doi for d in listed] == ["10.5555/mededu.2023.1107"] * 2


# --------------------------------------------------------------------------- OpenAlex


def test_openalex_work() -> None:
    document = read_path(DATA / "openalex_work.json")[0]
    meta = document.metadata
    assert meta.title == "Mentoring Indigenous students into research careers"
    assert [(a.given, a.family) for a in meta.authors] == [("Kaya", "Redcloud"), ("Jan", "van der Berg")]
    assert meta.authors[0].orcid == "0000-0002-7711-0044"
    assert meta.authors[0].affiliations == ["Prairie State University"]
    assert meta.authors[1].affiliations == ["Amsterdam Centre for Research Training"]
    assert meta.journal == "Health Professions Education"
    assert (meta.volume, meta.issue, meta.pages) == ("8", "2", "310-322")
    assert meta.date == PartialDate(2022, 6, 30)
    assert (meta.doi, meta.pmid, meta.pmcid) == ("10.5555/hpe.2022.310", "35000003", "PMC9100003")
    assert meta.keywords == ["Mentorship"]
    assert cite(document) == "Redcloud and van der Berg (2022)"


def test_openalex_inverted_index_rebuilds_abstract_in_order() -> None:
    document = read_path(DATA / "openalex_work.json")[0]
    assert document.abstract == (
        "Structured mentoring doubled the number of students entering mentoring research."
    )
    assert document.text == document.metadata.title + "\n\n" + document.abstract


def test_openalex_year_only() -> None:
    record = {"id": "https://openalex.org/W1", "display_name": "T", "publication_year": 1998}
    assert read(json.dumps(record).encode(), "t.json")[0].metadata.date == PartialDate(1998)


def test_openalex_results_page() -> None:
    record = json.loads((DATA / "openalex_work.json").read_text(encoding="utf-8"))
    page = {"meta": {"count": 2}, "results": [record, dict(record, doi=None, ids={}, display_name="Other")]}
    documents = read(json.dumps(page).encode(), "page.json")
    assert [d.metadata.title for d in documents] == [record["display_name"], "Other"]


# --------------------------------------------------------------------------- our own Document JSON


def own_document() -> Document:
    text = "A title\n\nIntro\n\nSome text."
    return Document(
        text=text,
        metadata=Metadata(title="A title", authors=[Author(given="Ana", family="Lima")],
                          date=PartialDate(2020, 5), doi="10.5555/own.1"),
        sections=[Section("Intro", 9, len(text), 1)],
        source="papers/lima2020.pdf",
        format="pdf",
    )


def test_own_document_json_round_trips() -> None:
    original = own_document()
    documents = read(json.dumps(original.to_json()).encode(), "doc.json")
    assert len(documents) == 1
    assert documents[0].to_json() == original.to_json()


def test_list_of_own_documents_and_mixed_kinds() -> None:
    mixed = [own_document().to_json(), crossref_message()]
    documents = read(json.dumps(mixed).encode(), "mixed.json")
    assert [d.metadata.doi for d in documents] == ["10.5555/own.1", "10.5555/mededu.2023.1107"]


# --------------------------------------------------------------------------- JSONL


def test_jsonl_file_sniffed_and_read() -> None:
    documents = read_path(DATA / "records.jsonl")
    assert [d.metadata.title for d in documents] == [
        "Night-shift simulation for nursing students", "Feedback literacy in dental students"]
    assert documents[0].metadata.date == PartialDate(2021)
    assert cite(documents[0]) == "Moreau (2021)"


def test_jsonl_error_names_the_line() -> None:
    good = json.dumps(crossref_message())
    data = f"{good}\n{good}\n{{broken\n".encode()
    with pytest.raises(InputError, match="line 3"):
        read_bytes(data, "bad.jsonl")


# --------------------------------------------------------------------------- bad input


def test_malformed_json_reports_line_and_column() -> None:
    with pytest.raises(InputError, match=r"line 2, column \d+"):
        read(b'{"title": ["x"],\n "DOI": }', "bad.json")


def test_unknown_shape_is_refused_with_one_line() -> None:
    with pytest.raises(InputError, match="unknown JSON record shape") as caught:
        read(b'{"name": "not a paper", "price": 3}', "shop.json")
    assert "\n" not in str(caught.value)


def test_scalar_json_is_refused() -> None:
    with pytest.raises(InputError, match="expected a JSON object"):
        read(b"[1, 2]", "numbers.json")


def test_empty_list_is_refused() -> None:
    with pytest.raises(InputError, match="no records"):
        read(b"[]", "empty.json")


def test_binary_junk_is_refused() -> None:
    with pytest.raises(InputError):
        read(b"{\x00\x01\x02\x03" * 50, "junk.json")


def test_latin1_json_is_decoded() -> None:
    record = {"DOI": "10.5555/x", "title": ["Caf\u00e9 culture and learning"]}
    data = json.dumps(record, ensure_ascii=False).encode("latin-1")
    assert read(data, "latin1.json")[0].metadata.title == "Café culture and learning"


@pytest.mark.parametrize(
    "data",
    [b"[" * 100_000, b'{"a":' * 50_000, b"[" + b"1" * 5000 + b"]"],
    ids=["deep-list", "deep-object", "huge-int"],
)
def test_pathological_json_is_an_input_error(data: bytes) -> None:
    with pytest.raises(InputError):
        read(data, "evil.json")


def test_fields_of_unexpected_types_are_ignored_not_fatal() -> None:
    record = {"DOI": "10.5555/odd", "title": "Plain string title", "author": 7, "subject": "Education",
              "issued": {"date-parts": "2020"}, "reference": None,
              "license": [{"URL": 5}], "page": ["1", "2"]}
    meta = read(json.dumps(record).encode(), "odd.json")[0].metadata
    assert meta.title == "Plain string title"
    assert meta.authors == [] and meta.keywords == ["Education"]
    assert meta.date is None and meta.pages is None and meta.license is None
