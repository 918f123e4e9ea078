"""The store interface, on embedded Oxigraph and (when SCHOLARGRAPH_TEST_VIRTUOSO is set) on Virtuoso."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, parse

from scholargraph.document import Author, Document, Metadata
from scholargraph.errors import InputError
from scholargraph.graph.oxigraph_store import OxigraphStore
from scholargraph.graph.queries import NAMED_QUERIES, named_query
from scholargraph.graph.rdf import PaperGraph, paper_graph
from scholargraph.graph.store import ExportFormat, GraphStore, default_store_path, open_store
from scholargraph.link.model import Annotation, LinkResult

DBR = "http://dbpedia.org/resource/"
VIRTUOSO = os.environ.get("SCHOLARGRAPH_TEST_VIRTUOSO")


@pytest.fixture(params=["oxigraph", "virtuoso"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    if request.param == "oxigraph":
        opened: GraphStore = OxigraphStore(tmp_path / "store")
    else:
        if not VIRTUOSO:
            pytest.skip("SCHOLARGRAPH_TEST_VIRTUOSO is not set (CI starts Virtuoso; see .ci/virtuoso.sh)")
        opened = open_store(VIRTUOSO)
        opened.clear()
    yield opened
    if request.param == "virtuoso":
        opened.clear()
    opened.close()


def _paper(n: int, entities: list[str], text: str | None = None, author: str = "Ada Lovelace") -> PaperGraph:
    body = text or f"Paper {n} is about " + ", ".join(e.replace("_", " ") for e in entities) + ". Zürich – ünïcode."
    given, family = author.split(" ", 1)
    document = Document(text=body, metadata=Metadata(title=f"Paper {n} «quoted» \"title\"", doi=f"10.1234/p{n}",
                                                       authors=[Author(given=given, family=family)]))
    annotations = []
    for entity in entities:
        surface = entity.replace("_", " ")
        start = body.index(surface)
        annotations.append(Annotation(surface, start, start + len(surface), DBR + entity, 0.9))
    created = datetime(2026, 1, 1, tzinfo=timezone.utc)
    return paper_graph(document, LinkResult(annotations, [], kb_version="kb-1"), created=created)


def _export(store: GraphStore, format: ExportFormat) -> bytes:
    buffer = io.BytesIO()
    store.export(format, buffer)
    return buffer.getvalue()


def _nquads(store: GraphStore) -> set[str]:
    return {str(q) for q in parse(_export(store, ExportFormat.nquads), ExportFormat.nquads.rdf_format)}


def test_write_is_idempotent_and_replaces_stale_quads(store: GraphStore) -> None:
    first = _paper(1, ["Alaska_Natives", "Mentorship"])
    assert store.write_paper(first.iri, first.quads, first.digest)
    count = store.count()
    assert count == len(first.quads)
    assert not store.write_paper(first.iri, first.quads, first.digest)  # unchanged: skipped
    assert store.write_paper(first.iri, first.quads)  # forced rewrite: same quads
    assert store.count() == count
    # The paper changes (fewer annotations): nothing of the old version may linger.
    changed = _paper(1, ["Mentorship"])
    assert store.write_paper(changed.iri, changed.quads, changed.digest)
    assert _nquads(store) == {str(q) for q in changed.quads}
    bodies = store.query("SELECT ?b WHERE { ?a oa:hasBody ?b }").rows
    assert bodies == [[NamedNode(DBR + "Mentorship")]]


def test_papers_are_independent_and_queries_see_all_graphs(store: GraphStore) -> None:
    papers = [_paper(1, ["Alaska_Natives", "Mentorship"]), _paper(2, ["Mentorship"], author="Grace Hopper"),
              _paper(3, ["Alaska_Natives"])]
    for paper in papers:
        store.write_paper(paper.iri, paper.quads, paper.digest)
    assert store.count() == len({str(q) for p in papers for q in p.quads})
    about = store.query(named_query("papers-about", DBR + "Alaska_Natives"))
    assert {row[0] for row in about.rows} == {NamedNode(papers[0].iri), NamedNode(papers[2].iri)}
    by = store.query(named_query("papers-by", "hopper"))
    assert [row[0] for row in by.rows] == [NamedNode(papers[1].iri)]
    top = store.query(named_query("top-entities"))
    assert {(row[0], int(row[1].value)) for row in top.rows} == {  # type: ignore[union-attr]
        (NamedNode(DBR + "Alaska_Natives"), 2), (NamedNode(DBR + "Mentorship"), 2)}
    co = store.query(named_query("co-occurring", DBR + "Mentorship"))
    assert [row[0] for row in co.rows] == [NamedNode(DBR + "Alaska_Natives")]
    titles = store.query("SELECT ?t WHERE { ?p dct:title ?t } ORDER BY ?t")
    assert titles.rows[0] == [Literal('Paper 1 «quoted» "title"')]
    assert store.query("ASK { ?p a fabio:ResearchPaper }").boolean is True


@pytest.mark.parametrize("format", list(ExportFormat))
def test_export_round_trips(store: GraphStore, format: ExportFormat) -> None:
    for n in range(3):
        paper = _paper(n, ["Alaska_Natives", "Mentorship"])
        store.write_paper(paper.iri, paper.quads, paper.digest)
    parsed = list(parse(_export(store, format), format.rdf_format))
    stored = _nquads(store)
    if format.keeps_graphs:
        assert len(parsed) == store.count() == len(stored)
    else:
        triples = {str(q.triple) for q in parse(_export(store, ExportFormat.nquads), ExportFormat.nquads.rdf_format)}
        assert len({str(t) for t in parsed}) == len(triples)


def test_named_queries_refuse_bad_arguments() -> None:
    with pytest.raises(InputError):
        named_query("papers-about", "not an iri")
    with pytest.raises(InputError):
        named_query("papers-about", None)
    with pytest.raises(InputError):
        named_query("no-such-query")
    assert set(NAMED_QUERIES) >= {"papers-about", "top-entities", "co-occurring", "papers-by"}
    # A name with quotes stays one string literal.
    assert '"O\\"Brien"' in named_query("papers-by", 'O"Brien')


def test_default_store_path_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("SCHOLARGRAPH_STORE", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_store_path() == tmp_path / "scholargraph" / "store"
    monkeypatch.setenv("SCHOLARGRAPH_STORE", str(tmp_path / "elsewhere"))
    assert default_store_path() == tmp_path / "elsewhere"


def test_a_file_is_not_a_store(tmp_path: Path) -> None:
    file = tmp_path / "file"
    file.write_text("x")
    with pytest.raises(InputError):
        open_store(str(file))


def test_unreachable_server_is_an_input_error() -> None:
    with pytest.raises(InputError):
        open_store("http://127.0.0.1:9/sparql").count()


def test_query_never_creates_a_store_and_a_locked_store_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        open_store(str(tmp_path / "nowhere"), create=False)
    assert not (tmp_path / "nowhere").exists()
    first = OxigraphStore(tmp_path / "store")
    try:
        import subprocess
        import sys

        code = ("import sys\nfrom scholargraph.graph.store import open_store\n"
                "from scholargraph.errors import InputError\n"
                "try:\n    open_store(sys.argv[1])\nexcept InputError:\n    sys.exit(2)\n")
        assert subprocess.run([sys.executable, "-c", code, str(tmp_path / "store")]).returncode == 2
    finally:
        first.close()
