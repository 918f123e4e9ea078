"""Benchmark: full entity linking against a bare Aho-Corasick scan and a spaCy PhraseMatcher.

Run by hand (not in CI):

    .venv/bin/pip install spacy            # optional, for the PhraseMatcher column
    .venv/bin/python benchmarks/annotate.py
    .venv/bin/python benchmarks/annotate.py --big-kb /tmp/kbbench/kb   # a KB from kb_build.py --keep

The starter KB runs with both ways of spotting (automaton, trie) and with spaCy; a big KB runs
with the spotting ``auto`` picks for it and without spaCy (its PhraseMatcher does not fit in memory).

All three do their work on the same texts with the same dictionary (the KB's spotting forms:
surface forms with the linker's plural and hyphen variants):
- scan:    ``text.lower()`` then iterating a pyahocorasick automaton's matches — the floor;
- spacy:   ``spacy.blank("en")`` tokenizer + ``PhraseMatcher(attr="LOWER")`` — the leanest spaCy way;
- spacy pipeline: spaCy's small English pipeline (tok2vec, tagger, parser, ner, default
           "efficiency" config, untrained weights: none can be downloaded here, and speed does
           not depend on them) + the same PhraseMatcher — what most spaCy users run;
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
from typing import Any

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


def peak_rss_mb() -> float:
    """This process's peak resident memory so far."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def small_english_pipeline() -> Any:
    """spaCy's default small English pipeline (tok2vec, tagger, parser, ner; the "efficiency"
    config en_core_web_sm is trained from), with untrained weights: no trained model can be
    downloaded here, and the time a forward pass takes does not depend on the weights' values."""
    import spacy
    from spacy.cli.init_config import init_config
    from spacy.training import Example

    nlp = spacy.util.load_model_from_config(
        init_config(lang="en", pipeline=["tagger", "parser", "ner"], optimize="efficiency", gpu=False),
        auto_fill=True, validate=True)
    words = "Mentors helped American Indian students in rural areas .".split()
    example = Example.from_dict(nlp.make_doc(" ".join(words)), {
        "words": words, "tags": ["NNS", "VBD", "JJ", "JJ", "NNS", "IN", "JJ", "NNS", "."],
        "heads": [1, 1, 4, 4, 1, 1, 7, 5, 1],
        "deps": ["nsubj", "ROOT", "amod", "amod", "dobj", "prep", "amod", "pobj", "punct"],
        "entities": ["O", "O", "B-NORP", "L-NORP", "O", "O", "O", "O", "O"]})
    nlp.initialize(lambda: [example])
    return nlp


def child(kb_path: str | None, with_spacy: bool, repeats: int, backends: list[str],
          with_scan: bool = True) -> dict[str, object]:
    """Measure one KB in this (child) process: the linker first (so its peak memory is its own),
    then the baselines."""
    from scholargraph.document import Document
    from scholargraph.kb import open_kb
    from scholargraph.link import Annotator

    abstracts, paper = texts()
    started = time.perf_counter()
    kb = open_kb(kb_path)
    open_s = time.perf_counter() - started
    result: dict[str, object] = {"kb": str(kb_path or "starter"), "entities": len(kb),
                                 "surface_forms": len(kb.spots), "kb_open_s": open_s,
                                 "paper_chars": len(paper), "abstracts": len(abstracts), "linkers": []}
    for backend in backends:
        started = time.perf_counter()
        annotator = Annotator(kb, spotting=backend)  # type: ignore[arg-type]
        init_s = time.perf_counter() - started

        def link(text: str, annotator: Annotator = annotator) -> int:
            return len(annotator.annotate(Document(text=text)).annotations)

        link(abstracts[0])  # warm caches the way a long run would have them
        result["linkers"].append({  # type: ignore[attr-defined]
            "backend": annotator.spotter.backend, "init_s": init_s,
            "abstract_ms": per_call_ms(link, abstracts, repeats), "paper_ms": per_call_ms(link, [paper], repeats),
            "peak_rss_mb": peak_rss_mb()})
        del annotator

    if not with_scan:
        result["peak_rss_mb"] = peak_rss_mb()
        return result
    import ahocorasick

    # The same dictionary for the baselines: the KB's spotting forms (plural and hyphen variants
    # included), without the trailing space that makes ours match whole words only.
    forms = sorted({form[:-1] for _, form in kb.spots.forms()})
    started = time.perf_counter()
    automaton = ahocorasick.Automaton()
    for form in forms:
        automaton.add_word(form, len(form))
    automaton.make_automaton()
    result["scan_init_s"] = time.perf_counter() - started

    def scan(text: str) -> int:
        return sum(1 for _ in automaton.iter(text.lower()))

    result["scan_abstract_ms"] = per_call_ms(scan, abstracts, repeats)
    result["scan_paper_ms"] = per_call_ms(scan, [paper], repeats)
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

            # What most spaCy users run: a small English pipeline, then the matcher on its Doc.
            pipeline = small_english_pipeline()
            started = time.perf_counter()
            pipeline_matcher = PhraseMatcher(pipeline.vocab, attr="LOWER")
            pipeline_matcher.add("KB", list(pipeline.tokenizer.pipe(forms, batch_size=10_000)))
            result["spacy_pipeline_init_s"] = time.perf_counter() - started

            def pipeline_match(text: str) -> int:
                return len(pipeline_matcher(pipeline(text)))

            result["spacy_pipeline_abstract_ms"] = per_call_ms(pipeline_match, abstracts, repeats)
            result["spacy_pipeline_paper_ms"] = per_call_ms(pipeline_match, [paper], repeats)
    result["peak_rss_mb"] = peak_rss_mb()
    return result


def main() -> None:
    """Run each KB in a child process and print the table."""
    parser = argparse.ArgumentParser(description="Entity-linking speed against a bare scan and spaCy.")
    parser.add_argument("--big-kb", help="a large KB directory (e.g. built by kb_build.py --keep)")
    parser.add_argument("--no-spacy", action="store_true")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--big-kb-no-scan", action="store_true",
                        help="no bare-scan baseline for the big KB (pyahocorasick over 47 M forms needs >15 GB)")
    parser.add_argument("--child", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kb_arg, spacy_arg, repeats, backends, scan_arg = args.child
        print(json.dumps(child(None if kb_arg == "-" else kb_arg, spacy_arg == "1", int(repeats),
                               backends.split(","), scan_arg == "1")))
        return
    rows = []
    # The starter KB with both ways of spotting; a big KB with the one "auto" picks for it.
    # spaCy only on the starter KB: its PhraseMatcher over millions of forms does not fit in memory.
    runs = [("-", "automaton,trie", not args.no_spacy, True),
            *([(args.big_kb, "auto", False, not args.big_kb_no_scan)] if args.big_kb else [])]
    for kb, backends, with_spacy, with_scan in runs:
        output = subprocess.run([sys.executable, __file__, "--child", kb, "1" if with_spacy else "0",
                                 str(args.repeats), backends, "1" if with_scan else "0"],
                                capture_output=True, text=True, check=True).stdout
        rows.append(json.loads(output.strip().splitlines()[-1]))
    for row in rows:
        print(f"\nKB {row['kb']}: {row['entities']:,} entities, {row['surface_forms']:,} spotting forms; "
              f"open {row['kb_open_s']:.3f} s")
        if "scan_abstract_ms" not in row:
            for linker in row["linkers"]:
                print(f"scholargraph linker ({linker['backend']}): init {linker['init_s']:.2f} s, "
                      f"{linker['abstract_ms']:.3f} ms per abstract, {linker['paper_ms']:.2f} ms per full paper, "
                      f"peak RSS {linker['peak_rss_mb']:.0f} MB (no baselines)")
            continue
        print(f"{'':<38}{'init (s)':>9}{'per abstract (ms)':>19}{'abstracts/s':>13}{'full paper (ms)':>17}"
              f"{'vs scan':>9}{'spaCy (matcher / pipeline) / this':>35}{'peak RSS (MB)':>15}")
        lines = [("bare pyahocorasick scan", row["scan_init_s"], row["scan_abstract_ms"], row["scan_paper_ms"], None)]
        if "spacy_abstract_ms" in row:
            lines.append(("spaCy tokenizer + PhraseMatcher", row["spacy_init_s"], row["spacy_abstract_ms"],
                          row["spacy_paper_ms"], None))
            lines.append(("spaCy small pipeline + PhraseMatcher", row["spacy_pipeline_init_s"],
                          row["spacy_pipeline_abstract_ms"], row["spacy_pipeline_paper_ms"], None))
        for linker in row["linkers"]:
            lines.append((f"scholargraph linker ({linker['backend']})", linker["init_s"], linker["abstract_ms"],
                          linker["paper_ms"], linker["peak_rss_mb"]))
        for name, init_s, abstract_ms, paper_ms, rss in lines:
            vs_scan = float(abstract_ms) / float(row["scan_abstract_ms"])
            vs_spacy = (f"{float(row['spacy_abstract_ms']) / float(abstract_ms):.1f}x"
                        f" / {float(row['spacy_pipeline_abstract_ms']) / float(abstract_ms):.1f}x"
                        if "spacy_abstract_ms" in row else "")
            print(f"{name:<38}{float(init_s):>9.2f}{float(abstract_ms):>19.3f}{1000 / float(abstract_ms):>13.0f}"
                  f"{float(paper_ms):>17.2f}{vs_scan:>8.1f}x{vs_spacy:>35}"
                  f"{(f'{rss:.0f}' if rss is not None else ''):>15}")
        print(f"({row['abstracts']} abstracts; full paper {row['paper_chars']:,} characters; peak RSS of the "
              f"linker rows is measured before the baselines are built, the process's total "
              f"is {row['peak_rss_mb']:.0f} MB)")


if __name__ == "__main__":
    main()
