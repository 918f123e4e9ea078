"""Annotation output formats: Spotlight's table layout, TSV, JSON, NIF, Spotlight JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pyoxigraph import RdfFormat, parse

from scholargraph.document import Document, Metadata
from scholargraph.formats import render
from scholargraph.formats.table import table_row
from scholargraph.link.model import Annotation, LinkResult

TEXT = "American Indians (AI) and role models."
ANNOTATIONS = [
    Annotation("American Indians", 0, 16, "http://dbpedia.org/resource/Native_Americans_in_the_United_States", 0.97,
               ["dbo:EthnicGroup"], support=20000),
    Annotation("AI", 18, 20, "http://dbpedia.org/resource/Native_Americans_in_the_United_States", 0.95,
               ["dbo:EthnicGroup"], via="abbreviation", long_form="American Indians", second_rank_ratio=0.1),
    Annotation("role models", 26, 37, "http://dbpedia.org/resource/Role_model", 1.0),
]
RESULTS = [(Document(text=TEXT, metadata=Metadata(doi="10.1/X")), LinkResult(ANNOTATIONS, [], "kb-1"))]


def test_table_row_matches_the_seed_layout() -> None:
    row = table_row("medical students", 0.5544182623835886, "http://dbpedia.org/resource/Medical_school")
    assert row == ("medical students              0.5544182623835886^^http://www.w3.org/2001/XMLSchema#double"
                   "           http://dbpedia.org/resource/Medical_school        ")
    assert row.index("0.55") == 30 and row.index("http://dbpedia") == 100


def test_seed_002_rows_parse_back_with_the_same_columns(shared: Path) -> None:
    seed = (shared / "seeds" / "002_e0808f09abafd2a5.txt").read_text(encoding="utf-8")
    # The seed's first row lost ten spaces of its surface column somewhere on the way; the others are regular.
    rows = [line for line in seed.splitlines() if "^^http" in line][1:]
    assert len(rows) > 40
    for line in rows:
        surface, confidence, uri = line[:30].rstrip(), line[30:100].split("^^")[0], line[100:].strip()
        assert table_row(surface, float(confidence), uri) == line


def test_table_has_blank_lines_between_rows() -> None:
    lines = render("table", RESULTS).splitlines()
    assert lines[1] == "" and lines[3] == ""
    assert [line[:30].rstrip() for line in lines if line] == ["American Indians", "AI", "role models"]


def test_json_shape() -> None:
    record = json.loads(render("json", RESULTS))
    assert record["text"] == TEXT
    first = record["annotations"][1]
    assert {k: first[k] for k in ("surface", "start", "end", "via", "long_form")} == {
        "surface": "AI", "start": 18, "end": 20, "via": "abbreviation", "long_form": "American Indians"}
    assert record["document"]["metadata"]["doi"] == "10.1/X"
    assert all(TEXT[a["start"]:a["end"]] == a["surface"] for a in record["annotations"])


def test_jsonl_is_one_record_per_line() -> None:
    lines = render("jsonl", RESULTS * 2).splitlines()
    assert len(lines) == 2 and all(json.loads(line)["text"] == TEXT for line in lines)


def test_tsv_has_header_and_rows() -> None:
    lines = render("tsv", RESULTS).splitlines()
    assert lines[0].split("\t")[:4] == ["document", "start", "end", "surface"]
    assert lines[2].split("\t")[1:4] == ["18", "20", "AI"]


def test_nif_parses_and_carries_offsets() -> None:
    turtle = render("nif", RESULTS)
    triples = list(parse(turtle.encode(), format=RdfFormat.TURTLE))
    nif = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
    anchors = sorted(str(t.object.value) for t in triples if t.predicate.value == nif + "anchorOf")
    assert anchors == ["AI", "American Indians", "role models"]
    strings = [t.object.value for t in triples if t.predicate.value == nif + "isString"]
    assert strings == [TEXT]


@pytest.mark.parametrize("key", ["@URI", "@surfaceForm", "@offset", "@similarityScore", "@percentageOfSecondRank",
                                 "@support", "@types"])
def test_spotlight_json_fields(key: str) -> None:
    record = json.loads(render("spotlight-json", RESULTS))
    assert all(key in resource for resource in record["Resources"])
    assert record["Resources"][0]["@types"] == "DBpedia:EthnicGroup"
    assert record["Resources"][1]["@offset"] == "18"


def test_table_rows_stay_one_line_and_keep_their_columns_apart() -> None:
    long_row = table_row("first-generation college students", 0.95, "http://dbpedia.org/resource/X")
    surface, rest = long_row.split(" 0.95^^", 1)
    assert surface == "first-generation college students" and rest.startswith("http://www.w3.org/2001/XMLSchema#double")
    wrapped = table_row("rural\nareas", 0.5, "http://dbpedia.org/resource/Rural_area")
    assert "\n" not in wrapped and wrapped.startswith("rural areas ")
