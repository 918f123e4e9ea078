"""``scholargraph ingest / query / export`` end to end, through the installed command."""

from __future__ import annotations

import csv
import io
import json
import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from pyoxigraph import NamedNode, RdfFormat, parse

from scholargraph.graph.oxigraph_store import OxigraphStore
from scholargraph.graph.store import owned_quads_query
from scholargraph.graph.vocabulary import PREFIXES

SCHOLARGRAPH = [str(Path(sys.executable).parent / "scholargraph")]
SHARED = Path(__file__).resolve().parents[2] / "shared"
PHRASES = [
    "American Indians and Alaska Natives", "medical students", "mentorship", "focus groups", "academic medicine",
    "rural areas", "the Indian Health Service", "role models", "faculty members", "medical school", "teaching",
    "qualitative research", "physicians", "underrepresented groups", "career development", "public health",
]
# Only scholargraph's graphs: a server (Virtuoso) keeps its own system graphs too.
COUNT_QUERY = ('SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } '
               'FILTER(STRSTARTS(STR(?g), "https://w3id.org/scholargraph/graph/")) }')


def run(*args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*SCHOLARGRAPH, *args], input=stdin, capture_output=True, text=True, timeout=600,
                          env={**os.environ, **(env or {})})


def count(store: Path | str) -> int:
    result = run("query", COUNT_QUERY, "--store", str(store), "--format", "csv")
    assert result.returncode == 0, result.stderr
    return int(result.stdout.splitlines()[1])


def write_corpus(directory: Path, n: int, seed: int = 7) -> list[Path]:
    """``n`` synthetic abstracts, each a few hundred words from the phrases above."""
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    files = []
    for i in range(n):
        sentences = [f"We studied {rng.choice(PHRASES)} and {rng.choice(PHRASES)} in cohort {i}-{k}."
                     for k in range(40)]
        path = directory / f"paper_{i:03d}.txt"
        path.write_text(f"Study number {i} of {rng.choice(PHRASES)}\n\nAbstract " + " ".join(sentences) + "\n",
                        encoding="utf-8")
        files.append(path)
    return files


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("corpus")
    write_corpus(directory, 40)
    return directory


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus ingested in one clean run: what every other run must end up with."""
    store = tmp_path_factory.mktemp("reference") / "store"
    result = run("ingest", str(corpus), "--store", str(store))
    assert result.returncode == 0, result.stderr
    return store


def _quads_without_created(store: Path) -> set[str]:
    created = PREFIXES["dct"] + "created"
    result = run("export", "--format", "nquads", "--store", str(store))
    assert result.returncode == 0, result.stderr
    return {str(q) for q in parse(result.stdout.encode(), RdfFormat.N_QUADS) if q.predicate.value != created}


def test_second_ingest_changes_nothing(corpus: Path, reference: Path) -> None:
    before = _quads_without_created(reference)
    result = run("ingest", str(corpus), "--store", str(reference))
    assert result.returncode == 0, result.stderr
    assert "0 written, 40 unchanged" in result.stderr
    assert _quads_without_created(reference) == before
    assert count(reference) == len(before) + count_created(reference)


def count_created(store: Path) -> int:
    result = run("query", "SELECT (COUNT(*) AS ?n) WHERE { ?a dct:created ?c }", "--store", str(store), "-f", "csv")
    return int(result.stdout.splitlines()[1])


def test_jobs_and_stdin_list_give_the_same_graph(corpus: Path, reference: Path, tmp_path: Path) -> None:
    files = sorted(corpus.glob("*.txt"))
    store = tmp_path / "store"
    result = run("ingest", "-", "--store", str(store), "--jobs", "2", stdin="\n".join(map(str, files)) + "\n")
    assert result.returncode == 0, result.stderr
    assert _quads_without_created(store) == _quads_without_created(reference)


def test_sigkill_midway_leaves_a_consistent_store_and_a_rerun_completes_it(
        corpus: Path, reference: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    process = subprocess.Popen([*SCHOLARGRAPH, "ingest", str(corpus), "--store", str(store), "--verbose"],
                               stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    assert process.stderr is not None
    written = 0
    for line in process.stderr:
        written += line.startswith("written ")
        if written >= 8:
            break
    still_running = process.poll() is None
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert still_running and written >= 8

    reference_store = OxigraphStore(reference)
    expected = {iri: len(reference_store.query(owned_quads_query(iri)).rows) for iri in _papers(reference_store)}
    reference_store.close()
    killed = OxigraphStore(store)
    present = _papers(killed)
    assert 8 <= len(present) < len(expected)
    for iri in expected:
        # Every paper is either fully there or not there at all.
        assert len(killed.query(owned_quads_query(iri)).rows) == (expected[iri] if iri in present else 0)
    orphans = killed.query("SELECT ?a WHERE { ?a schema:about ?p FILTER NOT EXISTS { ?p a fabio:ResearchPaper } }")
    assert orphans.rows == []
    killed.close()

    rerun = run("ingest", str(corpus), "--store", str(store))
    assert rerun.returncode == 0, rerun.stderr
    assert f"{len(present)} unchanged" in rerun.stderr
    assert _quads_without_created(store) == _quads_without_created(reference)


def _papers(store: OxigraphStore) -> set[str]:
    rows = store.query("SELECT ?p WHERE { ?p a fabio:ResearchPaper }").rows
    return {row[0].value for row in rows if isinstance(row[0], NamedNode)}


@pytest.mark.parametrize("format", ["turtle", "nt", "nquads", "jsonld", "trig"])
def test_export_round_trips_through_pyoxigraph(reference: Path, format: str) -> None:
    result = subprocess.run([*SCHOLARGRAPH, "export", "--format", format, "--store", str(reference)],
                            capture_output=True, timeout=600)
    assert result.returncode == 0, result.stderr
    rdf_format = {"turtle": RdfFormat.TURTLE, "nt": RdfFormat.N_TRIPLES, "nquads": RdfFormat.N_QUADS,
                  "jsonld": RdfFormat.JSON_LD, "trig": RdfFormat.TRIG}[format]
    parsed = list(parse(result.stdout, rdf_format))
    if format in ("nquads", "jsonld", "trig"):
        assert len(parsed) == count(reference)
    else:
        quads = parse(subprocess.run([*SCHOLARGRAPH, "export", "-f", "nquads", "--store", str(reference)],
                                     capture_output=True).stdout, RdfFormat.N_QUADS)
        assert len(set(parsed)) == len({q.triple for q in quads})


def test_query_formats_and_query_file(reference: Path, tmp_path: Path) -> None:
    sparql = ("SELECT ?p ?t WHERE { ?p a fabio:ResearchPaper . ?x nif:sourceUrl ?p ; nif:isString ?s "
              "BIND(STRLEN(?s) AS ?t) } ORDER BY ?p")
    as_csv = run("query", sparql, "--store", str(reference), "--format", "csv")
    rows = list(csv.reader(io.StringIO(as_csv.stdout)))
    assert rows[0] == ["p", "t"] and len(rows) == 41
    query_file = tmp_path / "q.rq"
    query_file.write_text(sparql, encoding="utf-8")
    as_json = json.loads(run("query", f"@{query_file}", "--store", str(reference), "--format", "json").stdout)
    assert as_json["head"]["vars"] == ["p", "t"]
    assert [b["t"]["value"] for b in as_json["results"]["bindings"]] == [row[1] for row in rows[1:]]
    assert all(b["p"]["type"] == "uri" for b in as_json["results"]["bindings"])
    table = run("query", sparql, "--store", str(reference))
    assert table.returncode == 0 and rows[1][1] in table.stdout and "40 rows" in table.stderr
    ask = run("query", "ASK { ?a a oa:Annotation }", "--store", str(reference), "--format", "json")
    assert json.loads(ask.stdout)["boolean"] is True


def test_bad_input_is_reported_and_the_run_goes_on(corpus: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02 binary \xff\xfe" * 50)
    missing = tmp_path / "missing.txt"
    good = sorted(corpus.glob("*.txt"))[0]
    store = tmp_path / "store"
    result = run("ingest", str(bad), str(missing), str(good), "--store", str(store))
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("scholargraph: error:")]
    assert len(errors) == 2 and "Traceback" not in result.stderr
    assert "1 papers" in result.stderr
    assert count(store) > 0


def test_bad_query_and_usage_exit_2(reference: Path) -> None:
    assert run("query", "SELEC nothing", "--store", str(reference)).returncode == 2
    assert run("query", "--named", "papers-about", "not an iri", "--store", str(reference)).returncode == 2
    assert run("query", "--named", "nope", "--store", str(reference)).returncode == 2
    assert run("export", "--format", "rdfxml", "--store", str(reference)).returncode == 2


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared (seeds and corpus) is absent")
def test_seeds_and_corpus_papers_about_alaska_natives(tmp_path: Path) -> None:
    from scholargraph.graph.iris import paper_iri
    from scholargraph.readers import read_path

    store = tmp_path / "store"
    inputs = [str(SHARED / "seeds"), str(SHARED / "corpus" / "jats"), str(SHARED / "corpus" / "pdf" / "*.pdf")]
    result = run("ingest", *inputs, "--store", str(store))
    assert result.returncode == 0, result.stderr
    seed = read_path(SHARED / "seeds" / "002_e0808f09abafd2a5.txt")[0]
    about = run("query", "--named", "papers-about", "http://dbpedia.org/resource/Alaska_Natives", "--store", str(store),
                "--format", "csv")
    papers = [row[0] for row in list(csv.reader(io.StringIO(about.stdout)))[1:]]
    assert paper_iri(seed) in papers
    # Its annotations' offsets slice the exact surface form out of the stored text.
    sparql = f"""SELECT ?exact ?start ?end ?text WHERE {{
        ?a schema:about <{paper_iri(seed)}> ; oa:hasTarget ?t . ?t oa:hasSource ?src ; oa:hasSelector ?pos, ?q .
        ?pos oa:start ?start ; oa:end ?end . ?q oa:exact ?exact . ?src nif:isString ?text }}"""
    rows = json.loads(run("query", sparql, "--store", str(store), "-f", "json").stdout)["results"]["bindings"]
    assert len(rows) > 10
    text = rows[0]["text"]["value"]
    assert text == seed.text
    for row in rows:
        assert text[int(row["start"]["value"]):int(row["end"]["value"])] == row["exact"]["value"]
    before = count(store)
    again = run("ingest", *inputs, "--store", str(store))
    assert again.returncode == 0 and count(store) == before


@pytest.mark.skipif(not os.environ.get("SCHOLARGRAPH_TEST_VIRTUOSO"), reason="SCHOLARGRAPH_TEST_VIRTUOSO is not set")
def test_ingest_query_export_on_virtuoso(corpus: Path, reference: Path) -> None:
    from scholargraph.graph.store import open_store

    url = os.environ["SCHOLARGRAPH_TEST_VIRTUOSO"]
    server = open_store(url)
    server.clear()
    try:
        files = [str(p) for p in sorted(corpus.glob("*.txt"))[:10]]
        first = run("ingest", *files, "--store", url)
        assert first.returncode == 0, first.stderr
        before = count(url)
        again = run("ingest", *files, "--store", url)
        assert "0 written, 10 unchanged" in again.stderr and count(url) == before
        exported = subprocess.run([*SCHOLARGRAPH, "export", "-f", "nquads", "--store", url], capture_output=True)
        assert len(list(parse(exported.stdout, RdfFormat.N_QUADS))) == before
        top = run("query", "--named", "top-entities", "--store", url, "-f", "json")
        assert json.loads(top.stdout)["results"]["bindings"]
    finally:
        server.clear()


def test_ctrl_c_exits_130_and_a_rerun_completes(corpus: Path, reference: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    process = subprocess.Popen([*SCHOLARGRAPH, "ingest", str(corpus), "--store", str(store), "--verbose"],
                               stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    assert process.stderr is not None
    written = 0
    for line in process.stderr:
        written += line.startswith("written ")
        if written >= 3:
            break
    process.send_signal(signal.SIGINT)
    process.stderr.read()
    assert process.wait() == 130
    rerun = run("ingest", str(corpus), "--store", str(store))
    assert rerun.returncode == 0, rerun.stderr
    assert _quads_without_created(store) == _quads_without_created(reference)
