"""Benchmark: ingest synthetic abstracts into the embedded store; named-query latencies; rdflib as baseline.

Run by hand (not in CI):

    .venv/bin/pip install rdflib          # only for the comparison column
    .venv/bin/python benchmarks/ingest.py                        # 10,000 abstracts, rdflib on 2,000
    .venv/bin/python benchmarks/ingest.py --papers 1000 --rdflib-papers 1000 --jobs 2

The abstracts are built from the starter KB's own surface forms (so every one has mentions to
link), with authors, a journal and a date, written as Document JSON Lines files of 100 records.
Measured:
- ingest: ``scholargraph.graph.ingest.ingest`` end to end (read, annotate, map, write) into an
  Oxigraph directory; papers per minute, quads, store size on disk;
- the named queries on that store (median of 3 runs each);
- the same quads (first ``--rdflib-papers`` papers) loaded into an in-memory pyoxigraph Store
  and into an in-memory rdflib ``Dataset``: load time and each named query's latency, with the
  rdflib/oxigraph ratio.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pyoxigraph import Quad, Store

from scholargraph.graph.ingest import ingest
from scholargraph.graph.oxigraph_store import OxigraphStore
from scholargraph.graph.queries import named_query
from scholargraph.graph.rdf import paper_graph
from scholargraph.kb import open_kb
from scholargraph.link import Annotator
from scholargraph.readers import read_path

GIVEN = ["Ada", "Grace", "Alan", "Mary", "Joanna", "Kelly", "Luis", "Mei", "Omar", "Priya", "Sven", "Zoe"]
FAMILY = ["Brooks", "Nguyen", "Okafor", "Schmidt", "Tanaka", "Garcia", "Smith", "Young", "Haddad", "Kowalski"]
JOURNALS = ["Academic Medicine", "BMC Medical Education", "Medical Teacher", "PLOS ONE", "The Lancet"]
TEMPLATES = [
    "We examined {a} and {b} among {c}.",
    "The role of {a} in {b} remains unclear.",
    "Participants described {a}, {b} and {c} as central to their experience.",
    "Our findings link {a} with {b}.",
    "Interviews explored {a} in the context of {b}.",
    "These results inform {a} and future work on {c}.",
]


def write_corpus(directory: Path, papers: int, seed: int = 1) -> list[str]:
    """Document JSON Lines files of synthetic abstracts built from the starter KB's surface forms."""
    kb = open_kb(None)
    vocabulary = sorted(s for s in kb.surface_forms() if 3 <= len(s) <= 40 and (" " in s or len(s) > 6))
    rng = random.Random(seed)
    files = []
    for batch_start in range(0, papers, 100):
        path = directory / f"batch_{batch_start:06d}.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for n in range(batch_start, min(papers, batch_start + 100)):
                sentences = [rng.choice(TEMPLATES).format(a=rng.choice(vocabulary), b=rng.choice(vocabulary),
                                                          c=rng.choice(vocabulary)) for _ in range(8)]
                text = " ".join(sentences)
                record = {
                    "id": f"doi:10.5555/bench.{n}",
                    "metadata": {
                        "title": f"Synthetic study {n}: {sentences[0][:-1]}",
                        "authors": [{"given": rng.choice(GIVEN), "family": rng.choice(FAMILY)}
                                    for _ in range(rng.randint(1, 5))],
                        "journal": rng.choice(JOURNALS),
                        "date": f"{rng.randint(1995, 2025)}-{rng.randint(1, 12):02d}",
                        "doi": f"10.5555/bench.{n}",
                        "keywords": rng.sample(vocabulary, 3),
                    },
                    "abstract": text,
                    "text": text,
                }
                out.write(json.dumps(record) + "\n")
        files.append(str(path))
    return files


def median_seconds(action: Callable[[], object], repeat: int = 3) -> float:
    """Median wall time of ``repeat`` runs of ``action``."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def directory_size(path: Path) -> int:
    """Bytes of every file under ``path``."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def named_queries(store: OxigraphStore) -> dict[str, str]:
    """The named queries with arguments taken from the data itself."""
    top = store.query(named_query("top-entities", limit=1)).rows
    entity = top[0][0].value if top and top[0][0] is not None else "http://dbpedia.org/resource/Research"
    return {
        "papers-about": named_query("papers-about", entity),
        "top-entities": named_query("top-entities"),
        "co-occurring": named_query("co-occurring", entity),
        "papers-by": named_query("papers-by", "Okafor"),
    }


def main() -> None:
    """Run the benchmark and print its tables."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--papers", type=int, default=10_000)
    parser.add_argument("--rdflib-papers", type=int, default=2_000,
                        help="papers loaded into rdflib and the in-memory Oxigraph for the comparison")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="sg-bench-") as tmp:
        root = Path(tmp)
        (root / "corpus").mkdir()
        files = write_corpus(root / "corpus", args.papers)
        store_path = root / "store"
        store = OxigraphStore(store_path)
        started = time.perf_counter()
        report = ingest(files, store, jobs=args.jobs)
        elapsed = time.perf_counter() - started
        quads = store.count()
        store.close()
        size = directory_size(store_path)
        store = OxigraphStore(store_path)
        store._store.optimize()
        store.close()
        optimized = directory_size(store_path)
        store = OxigraphStore(store_path)
        print(f"ingest: {report.papers} papers ({report.failed} files failed) in {elapsed:.1f} s "
              f"= {report.papers / elapsed * 60:,.0f} papers/min with --jobs {args.jobs}; "
              f"{quads:,} quads ({quads / max(report.papers, 1):.0f} per paper); "
              f"store {size / 1e6:.1f} MB on disk, {optimized / 1e6:.1f} MB after optimize()")
        started = time.perf_counter()
        again = ingest(files, store, jobs=args.jobs)
        print(f"re-ingest (unchanged, skipped): {again.unchanged} papers in {time.perf_counter() - started:.1f} s; "
              f"quads now {store.count():,}")
        queries = named_queries(store)
        print("\nnamed queries on the ingested store (median of 3):")
        for name, sparql in queries.items():
            rows = len(store.query(sparql).rows)
            print(f"  {name:<14} {median_seconds(lambda s=sparql: store.query(s)) * 1000:9.1f} ms  ({rows} rows)")
        store.close()

        if args.rdflib_papers > 0:
            comparison(files, args.rdflib_papers, queries)


def comparison(files: list[str], papers: int, queries: dict[str, str]) -> None:
    """The same quads in an in-memory Oxigraph Store and an rdflib Dataset."""
    try:
        import rdflib
    except ImportError:
        print("\nrdflib is not installed: no comparison (pip install rdflib)")
        return
    annotator = Annotator(open_kb(None))
    quads: list[Quad] = []
    seen = 0
    for path in files:
        for document in read_path(path):
            if seen >= papers:
                break
            quads.extend(paper_graph(document, annotator.annotate(document)).quads)
            seen += 1
    nquads = "".join(f"{q} .\n" for q in quads)

    memory = Store()
    oxi_load = median_seconds(lambda: (memory.clear(), memory.extend(quads)), repeat=1)
    dataset = rdflib.Dataset(default_union=True)
    started = time.perf_counter()
    dataset.parse(data=nquads, format="nquads")
    rdf_load = time.perf_counter() - started
    print(f"\nsame data in memory: {seen} papers, {len(quads):,} quads")
    print(f"{'':<16}{'oxigraph':>12}{'rdflib':>12}{'ratio':>9}")
    print(f"{'load':<16}{oxi_load * 1000:>10.0f}ms{rdf_load * 1000:>10.0f}ms{rdf_load / oxi_load:>8.1f}x")
    for name, sparql in queries.items():
        oxi = median_seconds(lambda s=sparql: list(memory.query(s, use_default_graph_as_union=True)))
        rdf = median_seconds(lambda s=sparql: list(dataset.query(s)), repeat=1)
        print(f"{name:<16}{oxi * 1000:>10.1f}ms{rdf * 1000:>10.1f}ms{rdf / oxi:>8.1f}x")


if __name__ == "__main__":
    sys.exit(main())
