"""Benchmark: full entity linking against a bare Aho-Corasick scan and a spaCy PhraseMatcher.

Run by hand (not in CI):

    .venv/bin/pip install spacy            # optional, for the PhraseMatcher column
    .venv/bin/python benchmarks/annotate.py
    .venv/bin/python benchmarks/annotate.py --big-kb /tmp/kbbench/kb   # a KB from kb_build.py --keep

All three do their work on the same texts with the same surface forms (the KB's, with the
linker's plural and hyphen variants):
- scan:    ``text.lower()`` then iterating a pyahocorasick automaton's matches — the floor;
- spacy:   ``spacy.blank("en")`` tokenizer + ``PhraseMatcher(attr="LOWER")`` — what many users write;
- linker:  scholargraph's Annotator (abbreviations, spotting, disambiguation, confidence).
Each KB runs in its own child process so its peak RSS is its own.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def texts() -> tuple[list[str], str]:
    """The abstracts (tests/data/gold and examples) and one full paper (JATS from ../shared, or a
    concatenation of the abstracts when ../shared is absent)."""
    abstracts = [json.loads(p.read_text(encoding="utf-8"))["text"]
                 for p in sorted((REPO / "tests" / "data" / "gold").glob("*.gold.json"))]
    abstracts.append((REPO / "examples" / "abstract.txt").read_text(encoding="utf-8"))
    paper_path = REPO.parent / "shared" / "corpus" / "jats" / "PMC5828200.nxml"
    if paper_path.exists():
        from scholargraph.readers import read_path

        paper = read_path(paper_path)[0].text
    else:
        paper = "\n\n".join(abstracts * 5)
    return abstracts, paper


def per_call_ms(function: Callable[[str], object], items: list[str], repeats: int) -> float:
    """Best-of-``repeats`` mean milliseconds per item."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for item in items:
            function(item)
        best = min(best, (time.perf_counter() - start) / len(items))
    return best * 1000.0


def child(kb_path: str | None, with_spacy: bool, repeats: int) -> dict[str, object]:
    """Measure one KB in this (child) process."""
    import ahocorasick

    from scholargraph.document import Document
    from scholargraph.kb import open_kb
    from scholargraph.link import Annotator
    from scholargraph.link.charmap import fold_key
    from scholargraph.link.spotting import variants

    abstracts, paper = texts()
    started = time.perf_counter()
    kb = open_kb(kb_path)
    open_s = time.perf_counter() - started
    started = time.perf_counter()
    annotator = Annotator(kb)
    linker_init_s = time.perf_counter() - started

    forms = sorted({v for key in kb.surface_forms() for v, _ in variants(fold_key(key)) if len(v) >= 2})
    started = time.perf_counter()
    automaton = ahocorasick.Automaton()
    for form in forms:
        automaton.add_word(form, len(form))
    automaton.make_automaton()
    scan_init_s = time.perf_counter() - started

    def scan(text: str) -> int:
        return sum(1 for _ in automaton.iter(text.lower()))

    def link(text: str) -> int:
        return len(annotator.annotate(Document(text=text)).annotations)

    link(abstracts[0])  # warm caches the way a long run would have them
    result: dict[str, object] = {
        "kb": str(kb_path or "starter"), "entities": len(kb), "surface_forms": len(forms),
        "kb_open_s": open_s, "linker_init_s": linker_init_s, "scan_init_s": scan_init_s,
        "scan_abstract_ms": per_call_ms(scan, abstracts, repeats),
        "linker_abstract_ms": per_call_ms(link, abstracts, repeats),
        "scan_paper_ms": per_call_ms(scan, [paper], repeats),
        "linker_paper_ms": per_call_ms(link, [paper], repeats),
        "paper_chars": len(paper), "abstracts": len(abstracts),
    }
    if with_spacy:
        try:
            import spacy
            from spacy.matcher import PhraseMatcher
        except ImportError:
            result["spacy"] = "not installed"
        else:
            nlp = spacy.blank("en")
            started = time.perf_counter()
            matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
            matcher.add("KB", list(nlp.tokenizer.pipe(forms, batch_size=10_000)))
            result["spacy_init_s"] = time.perf_counter() - started

            def phrase_match(text: str) -> int:
                return len(matcher(nlp.make_doc(text)))

            result["spacy_abstract_ms"] = per_call_ms(phrase_match, abstracts, repeats)
            result["spacy_paper_ms"] = per_call_ms(phrase_match, [paper], repeats)
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    return result


def main() -> None:
    """Run each KB in a child process and print the table."""
    parser = argparse.ArgumentParser(description="Entity-linking speed against a bare scan and spaCy.")
    parser.add_argument("--big-kb", help="a large KB directory (e.g. built by kb_build.py --keep)")
    parser.add_argument("--no-spacy", action="store_true")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kb_arg, spacy_arg, repeats = args.child
        print(json.dumps(child(None if kb_arg == "-" else kb_arg, spacy_arg == "1", int(repeats))))
        return
    rows = []
    for kb in ["-", *([args.big_kb] if args.big_kb else [])]:
        output = subprocess.run([sys.executable, __file__, "--child", kb, "0" if args.no_spacy else "1",
                                 str(args.repeats)], capture_output=True, text=True, check=True).stdout
        rows.append(json.loads(output.strip().splitlines()[-1]))
    for row in rows:
        print(f"\nKB {row['kb']}: {row['entities']:,} entities, {row['surface_forms']:,} surface forms "
              f"(with variants); open {row['kb_open_s']:.2f} s, linker init {row['linker_init_s']:.2f} s, "
              f"scan init {row['scan_init_s']:.2f} s"
              + (f", spaCy init {row['spacy_init_s']:.2f} s" if "spacy_init_s" in row else "")
              + f"; peak RSS {row['peak_rss_mb']:.0f} MB")
        print(f"{'':<26}{'per abstract (ms)':>18}{'abstracts/s':>13}{'full paper (ms)':>17}"
              f"{'vs scan':>9}{'spaCy/linker':>14}")
        for name, key in (("bare Aho-Corasick scan", "scan"), ("spaCy PhraseMatcher", "spacy"),
                          ("scholargraph linker", "linker")):
            if f"{key}_abstract_ms" not in row:
                continue
            abstract_ms = float(row[f"{key}_abstract_ms"])
            paper_ms = float(row[f"{key}_paper_ms"])
            vs_scan = abstract_ms / float(row["scan_abstract_ms"])
            vs_spacy = (f"{float(row['spacy_abstract_ms']) / abstract_ms:.1f}x" if key == "linker" and
                        "spacy_abstract_ms" in row else "")
            print(f"{name:<26}{abstract_ms:>18.3f}{1000 / abstract_ms:>13.0f}{paper_ms:>17.2f}"
                  f"{vs_scan:>8.1f}x{vs_spacy:>14}")
        print(f"({row['abstracts']} abstracts; full paper {row['paper_chars']:,} characters)")


if __name__ == "__main__":
    main()
