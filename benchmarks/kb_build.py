"""Benchmark: build a DBpedia-scale knowledge base from a synthetic dump, then open and query it.

Run by hand (not in CI):

    .venv/bin/python benchmarks/kb_build.py                 # 1,000,000 entities (default)
    .venv/bin/python benchmarks/kb_build.py --entities 200000

It writes a DBpedia-shaped N-Triples dump (labels, dbo: types, short comments, redirects incl. chains,
disambiguation pages) plus Spotlight-style pairCounts/sfAndTotalCounts/uriCounts with Zipf-distributed
popularity and counts into a temporary directory, builds it with ``build_kb`` in a child process (peak
RSS of that process), and measures size on disk, open time in a fresh process and lookups per second.
The baseline, measured in the same run on the same surface forms, is a plain Python dict
(normalised key -> list of (entity id, count, prior)): its build time from the KB, its memory, its
load time from a pickle and its lookups per second. Finally it extrapolates linearly to full DBpedia.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import pickle
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

FULL_ENTITIES = 5_000_000
FULL_SURFACES = 15_000_000
SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"] + ["th", "sh", "qu", "x", "ch", "wy"]
SUFFIXES = ["(film)", "(album)", "(band)", "(river)", "(journal)", "(disease)", "(surname)", "(novel)"]
RES = "http://dbpedia.org/resource/"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
COMMENT = "<http://www.w3.org/2000/01/rdf-schema#comment>"
TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
REDIRECT = "<http://dbpedia.org/ontology/wikiPageRedirects>"
DISAMBIGUATES = "<http://dbpedia.org/ontology/wikiPageDisambiguates>"
CLASSES = [
    "Person",
    "Place",
    "Organisation",
    "Disease",
    "Film",
    "Album",
    "Species",
    "University",
    "City",
    "Company",
    "Book",
    "Drug",
    "EthnicGroup",
    "AcademicJournal",
    "Song",
]


def word(i: int) -> str:
    """A pronounceable word, unique for each i (bijective base-len(SYLLABLES))."""
    out = []
    i += 1
    while i:
        i, digit = divmod(i - 1, len(SYLLABLES))
        out.append(SYLLABLES[digit])
    return "".join(reversed(out))


def rss_mb() -> float:
    """Peak resident set size of this process in MB.

    VmHWM from /proc is used where available: getrusage's ru_maxrss survives exec on Linux, so a
    child started from a big parent would report the parent's size.
    """
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --------------------------------------------------------------------------------------- generation


def generate(directory: Path, n: int, seed: int) -> tuple[list[Path], list[str], dict[str, int]]:
    """Write the synthetic sources; return their paths, sample lookup strings and counts."""
    rng = np.random.default_rng(seed)
    pyrng = random.Random(seed)
    popularity = (1_000_000 / np.arange(1, n + 1) ** 0.9).astype(np.int64) + 1  # Zipf-like by rank
    rank_p = popularity / popularity.sum()
    names, labels = [], []
    for i in range(n):
        first = word(i).capitalize()
        parts = [first] + ([word(pyrng.randrange(n))] if i % 3 else [])
        label = " ".join(parts)
        if i % 7 == 0:
            label += " " + SUFFIXES[i % len(SUFFIXES)]
        labels.append(label)
        names.append(label.replace(" ", "_"))
    dump = directory / "dbpedia.nt"
    n_redirects = int(1.2 * n)
    n_pages = n // 20
    samples: list[str] = []
    with dump.open("w", encoding="utf-8") as f:
        for i in range(n):
            name = names[i]
            f.write(f'<{RES}{name}> {LABEL} "{labels[i]}"@en .\n')
            f.write(f"<{RES}{name}> {TYPE} <http://dbpedia.org/ontology/{CLASSES[i % len(CLASSES)]}> .\n")
            f.write(f'<{RES}{name}> {COMMENT} "A synthetic entity number {i}, about {labels[i]}."@en .\n')
        targets = rng.choice(n, size=n_redirects, p=rank_p)
        for j in range(n_redirects):
            source = word(10_000_000 + j).capitalize() + "_" + word(j % 997)
            # one redirect in twenty points at an earlier redirect (a chain)
            destination = (
                word(10_000_000 + j - 1).capitalize() + "_" + word((j - 1) % 997)
                if j % 20 == 19
                else names[int(targets[j])]
            )
            f.write(f"<{RES}{source}> {REDIRECT} <{RES}{destination}> .\n")
            if j % 10 == 0:
                samples.append(source.replace("_", " "))
        for p in range(n_pages):
            page = word(20_000_000 + p).capitalize()
            f.write(f'<{RES}{page}_(disambiguation)> {LABEL} "{page} (disambiguation)"@en .\n')
            for member in rng.integers(0, n, size=int(rng.integers(2, 9))):
                f.write(f"<{RES}{page}_(disambiguation)> {DISAMBIGUATES} <{RES}{names[int(member)]}> .\n")
            samples.append(page)
    # Spotlight-style statistics: anchor phrases, most with one or two candidate entities and a
    # Zipf tail of very ambiguous ones (capped at 200, like "John Smith"), Zipf-distributed counts.
    n_phrases = int(1.1 * n)
    phrase_p = 1 / np.arange(1, n_phrases + 1) ** 0.8
    phrase_p /= phrase_p.sum()
    per_phrase = np.minimum(rng.zipf(2.2, size=n_phrases), 200)
    phrases = np.repeat(np.arange(n_phrases), per_phrase)
    n_pairs = len(phrases)
    entities = rng.choice(n, size=n_pairs, p=rank_p)
    counts = np.minimum(rng.zipf(1.6, size=n_pairs), 1_000_000)
    linked: dict[int, int] = {}
    pair_path, sf_path, uri_path = (
        directory / "pairCounts",
        directory / "sfAndTotalCounts",
        directory / "uriCounts",
    )
    with pair_path.open("w", encoding="utf-8") as f:
        for phrase, entity, count in zip(phrases.tolist(), entities.tolist(), counts.tolist(), strict=True):
            surface = f"{word(30_000_000 + phrase)} {word(phrase % 5003)}"
            f.write(f"{surface}\t{RES}{names[entity]}\t{count}\n")
            linked[phrase] = linked.get(phrase, 0) + count
    with sf_path.open("w", encoding="utf-8") as f:
        for phrase, total_linked in linked.items():
            f.write(
                f"{word(30_000_000 + phrase)} {word(phrase % 5003)}\t{total_linked}\t{total_linked * 4}\n"
            )
    with uri_path.open("w", encoding="utf-8") as f:
        for i in range(n):
            f.write(f"{RES}{names[i]}\t{int(popularity[i])}\n")
    lookups = rng.choice(n, size=60_000, p=rank_p)
    samples += [labels[int(i)] for i in lookups]
    samples += [
        f"{word(30_000_000 + int(p))} {word(int(p) % 5003)}"
        for p in rng.choice(n_phrases, 30_000, p=phrase_p)
    ]
    samples += [f"no such phrase {k}" for k in range(15_000)]  # misses
    pyrng.shuffle(samples)
    stats = {
        "triples": 3 * n + n_redirects + n_pages,
        "pair_rows": n_pairs,
        "redirects": n_redirects,
        "disambiguation_pages": n_pages,
    }
    return [dump, pair_path, sf_path, uri_path], samples, stats


# --------------------------------------------------------------------------------------- children


def child_build(sources: list[str], out: str) -> dict[str, float]:
    from scholargraph.kb import build_kb

    start = time.perf_counter()
    build_kb(sources, out, progress=sys.stderr.isatty())
    return {"seconds": time.perf_counter() - start, "peak_rss_mb": rss_mb()}


def best_rate(function: Callable[[str], object], items: list[str], repeats: int = 3) -> float:
    """Calls per second, best of ``repeats`` passes (the machine may be shared; best is least noisy)."""
    best = 0.0
    for _ in range(repeats):
        start = time.perf_counter()
        for item in items:
            function(item)
        best = max(best, len(items) / (time.perf_counter() - start))
    return best


def child_query(kb_dir: str, samples_path: str) -> dict[str, float]:
    from scholargraph.kb import KnowledgeBase, normalize_surface

    samples = json.loads(Path(samples_path).read_text())
    keys = [normalize_surface(s) for s in samples]
    base_rss = _current_rss_mb()
    start = time.perf_counter()
    kb = KnowledgeBase.open(kb_dir)  # libraries already imported: this is the open itself
    open_seconds = time.perf_counter() - start
    trie = kb.surface_trie()
    returned = [len(kb.candidates(s)) for s in samples]  # also warms the page cache
    hits = sum(1 for r in returned if r)
    candidates_rate = best_rate(kb.candidates, samples)
    key_rate = best_rate(kb.candidates_for_key, keys)
    trie_rate = best_rate(trie.get, keys)
    return {
        "open_seconds": open_seconds,
        "candidates_per_s": candidates_rate,
        "key_lookups_per_s": key_rate,
        "trie_gets_per_s": trie_rate,
        "hit_ratio": hits / len(samples),
        "mean_candidates_per_hit": sum(returned) / max(hits, 1),
        "rss_after_queries_mb": _current_rss_mb() - base_rss,
    }


def child_baseline(kb_dir: str, samples_path: str, pickle_path: str) -> dict[str, float]:
    from scholargraph.kb import KnowledgeBase, normalize_surface

    kb = KnowledgeBase.open(kb_dir)
    samples = json.loads(Path(samples_path).read_text())
    gc.collect()
    before = _current_rss_mb()
    start = time.perf_counter()
    table: dict[str, list[tuple[int, int, float]]] = {}
    for key in kb.surface_forms():
        table[key] = [(c.entity_id, c.count, c.prior) for c in kb.candidates_for_key(key)]
    build_seconds = time.perf_counter() - start
    memory = _current_rss_mb() - before
    with open(pickle_path, "wb") as f:
        pickle.dump(table, f, protocol=pickle.HIGHEST_PROTOCOL)
    del table
    gc.collect()
    start = time.perf_counter()
    with open(pickle_path, "rb") as f:
        table = pickle.load(f)
    load_seconds = time.perf_counter() - start
    rate = best_rate(lambda s: table.get(normalize_surface(s)), samples)
    return {
        "build_seconds": build_seconds,
        "memory_mb": memory,
        "load_seconds": load_seconds,
        "lookups_per_s": rate,
        "pickle_mb": os.path.getsize(pickle_path) / 2**20,
    }


def _current_rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def run_child(*args: str) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, __file__, "--child", *args], stdout=subprocess.PIPE, text=True, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------------------- report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entities", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workdir", type=Path, default=None, help="where to generate (default: a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the generated files and the KB")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        if kind == "build":
            out = child_build(rest[:-1], rest[-1])
        elif kind == "query":
            out = child_query(*rest)
        else:
            out = child_baseline(*rest)
        print(json.dumps(out))
        return

    work = Path(tempfile.mkdtemp(prefix="kb-bench-", dir=args.workdir))
    try:
        start = time.perf_counter()
        sources, samples, gen = generate(work, args.entities, args.seed)
        gen_seconds = time.perf_counter() - start
        samples_path = work / "samples.json"
        samples_path.write_text(json.dumps(samples))
        input_mb = sum(p.stat().st_size for p in sources) / 2**20
        print(
            f"generated {args.entities:,} entities, {gen['triples']:,} triples, "
            f"{gen['pair_rows']:,} pairCounts rows ({input_mb:,.0f} MB) in {gen_seconds:.0f} s",
            file=sys.stderr,
        )
        kb_dir = work / "kb"
        build = run_child("build", *map(str, sources), str(kb_dir))
        # A second, smaller build gives the slope of peak RSS against size (the fixed part — the
        # interpreter, libraries and the sort buffers — does not grow with the input).
        small_dir = work / "small"
        small_dir.mkdir()
        small_sources, _, _ = generate(small_dir, max(args.entities // 4, 1000), args.seed + 1)
        small_build = run_child("build", *map(str, small_sources), str(small_dir / "kb"))
        small_surfaces = json.loads((small_dir / "kb" / "manifest.json").read_text())["counts"][
            "surface_forms"
        ]
        shutil.rmtree(small_dir)
        manifest = json.loads((kb_dir / "manifest.json").read_text())
        counts = manifest["counts"]
        disk_mb = sum(p.stat().st_size for p in kb_dir.iterdir()) / 2**20
        query = run_child("query", str(kb_dir), str(samples_path))
        baseline = run_child("baseline", str(kb_dir), str(samples_path), str(work / "baseline.pickle"))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    scale = max(FULL_ENTITIES / counts["entities"], FULL_SURFACES / counts["surface_forms"])
    slope = max(build["peak_rss_mb"] - small_build["peak_rss_mb"], 0) / (
        counts["surface_forms"] - small_surfaces
    )
    full_rss = build["peak_rss_mb"] + slope * counts["surface_forms"] * (scale - 1)
    rows = [
        ("entities", f"{counts['entities']:,}", "", f"{counts['entities'] * scale:,.0f}"),
        ("surface forms", f"{counts['surface_forms']:,}", "", f"{counts['surface_forms'] * scale:,.0f}"),
        (
            "redirects / disambiguation pages",
            f"{counts['redirects']:,} / {counts['disambiguation_pages']:,}",
            "",
            "",
        ),
        ("candidates", f"{counts['candidates']:,}", "", f"{counts['candidates'] * scale:,.0f}"),
        (
            "build wall time (s)",
            f"{build['seconds']:.1f}",
            f"dict: {baseline['build_seconds']:.1f} (from the KB)",
            f"{build['seconds'] * scale:.0f}",
        ),
        (
            "build peak RSS (MB)",
            f"{build['peak_rss_mb']:,.0f}",
            f"1/4-size build: {small_build['peak_rss_mb']:,.0f}",
            f"{full_rss:,.0f} (two-point linear)",
        ),
        (
            "size on disk (MB)",
            f"{disk_mb:,.0f}",
            f"pickle: {baseline['pickle_mb']:,.0f}",
            f"{disk_mb * scale:,.0f}",
        ),
        (
            "memory to serve lookups (MB)",
            f"{query['rss_after_queries_mb']:,.0f} (RSS growth, mmap'd pages)",
            f"dict: {baseline['memory_mb']:,.0f}",
            f"dict: {baseline['memory_mb'] * scale:,.0f}",
        ),
        (
            "open time (s)",
            f"{query['open_seconds']:.3f}",
            f"dict from pickle: {baseline['load_seconds']:.2f}",
            f"{query['open_seconds']:.3f} (mmap: size-independent)",
        ),
        (
            "kb.candidates(text) / s",
            f"{query['candidates_per_s']:,.0f}",
            f"dict.get(normalize(text)): {baseline['lookups_per_s']:,.0f}",
            "",
        ),
        ("kb.candidates_for_key(key) / s", f"{query['key_lookups_per_s']:,.0f}", "", ""),
        ("trie key lookups / s", f"{query['trie_gets_per_s']:,.0f}", "", ""),
    ]
    width = [max(len(r[i]) for r in rows) for i in range(4)]
    header = ("measure", "KB (this run)", "baseline (same run)", f"extrapolated x{scale:.1f}")
    width = [max(w, len(h)) for w, h in zip(width, header, strict=True)]
    print(" | ".join(h.ljust(w) for h, w in zip(header, width, strict=True)))
    print("-+-".join("-" * w for w in width))
    for row in rows:
        print(" | ".join(c.ljust(w) for c, w in zip(row, width, strict=True)))
    open_ratio = baseline["load_seconds"] / max(query["open_seconds"], 1e-9)
    lookup_ratio = query["candidates_per_s"] / baseline["lookups_per_s"]
    print(
        f"ratios: open {open_ratio:,.0f}x faster than loading the dict; candidates() {lookup_ratio:.2f}x the "
        f"dict's lookup rate; lookup hit ratio {query['hit_ratio']:.2f}, "
        f"{query['mean_candidates_per_hit']:.1f} candidates per hit"
    )
    print(
        f"targets at full scale: peak RSS < 4096 MB: {'yes' if full_rss < 4096 else 'NO'}; "
        f"open < 1 s: {'yes' if query['open_seconds'] < 1 else 'NO'}; "
        f">= 200k lookups/s: {'yes' if query['candidates_per_s'] >= 200_000 else 'NO'}"
    )


if __name__ == "__main__":
    main()
