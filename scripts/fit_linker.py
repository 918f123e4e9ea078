"""Fit the linker's confidence model on gold files and report its calibration.

    .venv/bin/python scripts/fit_linker.py tests/data/gold/*.gold.json [--stats-from MORE.gold.json...] [--write]

0. Link statistics: how often each surface key the spotter finds is a gold mention at all.
   Each document is scored with the statistics of the other documents only.
1. A logistic regression over every candidate link (features of scholargraph.link.features).
2. Leave-one-document-out: each document is annotated with weights fitted on the others; the
   printed scores and reliability table are for text the model did not see.
3. Platt scaling on those held-out links (confidence -> share right), folded into the weights,
   so that the confidence of a chosen link is the probability that it is right.
With --write, the weights go to src/scholargraph/link/weights.json and the link statistics of
all the gold files to src/scholargraph/kb/starter/sfAndTotalCounts.gold.tsv.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
from pathlib import Path

from scholargraph.document import Document
from scholargraph.evaluation import Prediction, load_gold, reliability_table, score_document, total
from scholargraph.kb import open_kb
from scholargraph.kb.defaults import STARTER_DIR, STARTER_LINK_COUNTS
from scholargraph.link import DEFAULT_CONFIDENCE, Annotator
from scholargraph.link.features import WEIGHTS_FILE
from scholargraph.link.training import (
    Example,
    examples,
    fit,
    link_counts,
    link_statistics,
    summed,
    write_link_counts,
)

LINK_COUNTS_FILE = STARTER_DIR / STARTER_LINK_COUNTS


def platt(pairs: list[tuple[float, bool]]) -> tuple[float, float]:
    """Fit sigmoid(a * logit(p) + b) to held-out (confidence, correct) pairs."""
    samples = [Example("", [math.log(p / (1 - p))], int(ok)) for p, ok in pairs if 0.0 < p < 1.0]
    w = fit(samples, l2=0.01, feature_names=["z"])
    return w["z"], w["bias"]


def print_table(title: str, scores: list, pairs: list[tuple[float, bool]]) -> None:
    """Per-document scores and a reliability table."""
    print(f"\n{title}\n{'document':<40} {'P':>6} {'R':>6} {'F1':>6}")
    for score in [*scores, total(scores)]:
        print(f"{score.id[:40]:<40} {score.precision:6.3f} {score.recall:6.3f} {score.f1:6.3f}")
    print(f"{'confidence':<12} {'n':>5} {'mean conf':>10} {'right':>7}")
    for row in reliability_table(pairs):
        print(f"{row['low']:.1f}-{row['high']:.1f}     {row['count']:>5} {row['mean_confidence']:>10.3f} "
              f"{row['accuracy']:>7.3f}")


def held_out(kb, golds, samples, left_out, l2: float, scale: tuple[float, float] | None = None,
             floor: float = 0.5):
    """Annotate each document with weights fitted on the others (optionally Platt-scaled),
    keeping links of confidence ``floor`` and above."""
    scores, pairs = [], []
    annotator = Annotator(kb, confidence=floor)  # one spotting automaton for all documents
    for gold in golds:
        weights = fit([s for s in samples if s.document != gold.id], l2=l2)
        if scale:
            weights = scaled(weights, *scale)
        annotator.weights = weights
        annotator.link_statistics = left_out[gold.id]
        result = annotator.annotate(Document(text=gold.text))
        score = score_document(gold, [Prediction(a.start, a.end, a.uri, a.confidence) for a in result.annotations])
        scores.append(score)
        pairs.extend(score.judged)
    return scores, pairs


def scaled(weights: dict[str, float], a: float, b: float) -> dict[str, float]:
    """Fold sigmoid(a * z + b) into linear weights."""
    out = {name: a * value for name, value in weights.items()}
    out["bias"] = a * weights["bias"] + b
    return out


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("gold", nargs="+")
    parser.add_argument("--write", action="store_true", help="write weights.json")
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--stats-from", nargs="*", default=[], metavar="GOLD",
                        help="more gold files that only add to the link statistics (not to the model's examples)")
    parser.add_argument("--platt-floor", type=float, default=0.5,
                        help="lowest raw confidence of the held-out links the scaling is fitted on")
    parser.add_argument("--errors", action="store_true", help="list the held-out wrong links of the calibrated model")
    args = parser.parse_args()

    golds = [g for path in args.gold for g in load_gold(path)]
    kb = open_kb()
    annotator = Annotator(kb)
    extra = [g for path in args.stats_from for g in load_gold(path)]
    counts = {gold.id: link_counts(annotator, gold) for gold in [*golds, *extra]}
    left_out = {gold.id: link_statistics(summed(c for d, c in counts.items() if d != gold.id)) for gold in golds}
    # Two rounds: the coherence feature depends on first-pass confidences.
    annotator.weights = fit(examples(annotator, golds, left_out), l2=args.l2)
    samples = examples(annotator, golds, left_out)

    scores, pairs = held_out(kb, golds, samples, left_out, args.l2)
    print_table("held out, raw model", scores, pairs)
    # --platt-floor below 0.5 fits the scaling on held-out links of lower raw confidence too.
    floor_pairs = pairs if args.platt_floor == 0.5 else \
        held_out(kb, golds, samples, left_out, args.l2, floor=args.platt_floor)[1]
    a, b = platt(floor_pairs)
    print(f"\nPlatt scaling: a={a:.3f} b={b:.3f}")
    scores, pairs = held_out(kb, golds, samples, left_out, args.l2, (a, b), floor=DEFAULT_CONFIDENCE)
    print_table("held out, calibrated (scaling fitted on the same held-out links)", scores, pairs)
    if args.errors:
        for score in scores:
            for error in score.errors:
                gold = ", ".join(u.rsplit("/", 1)[-1] for u in error["gold"]) if error["gold"] else "-"
                predicted = error["predicted"].rsplit("/", 1)[-1]
                print(f"  {score.id[:30]:<30} {error['surface'][:30]!r:<32} {predicted:<40} "
                      f"{error['confidence']:.2f}  gold: {gold}")

    final = scaled(fit(samples, l2=args.l2), a, b)
    print("\nweights:", json.dumps({k: round(v, 3) for k, v in final.items()}))
    if args.write:
        payload = {"fitted": dt.date.today().isoformat(), "examples": len(samples), "l2": args.l2,
                   "platt": {"a": a, "b": b}, "gold": [Path(p).name for p in args.gold],
                   "statistics_only": [Path(p).name for p in args.stats_from], "weights": final}
        WEIGHTS_FILE.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {WEIGHTS_FILE}")
        lines = write_link_counts(summed(counts.values()), LINK_COUNTS_FILE)
        print(f"wrote {LINK_COUNTS_FILE} ({lines} surface keys)")


if __name__ == "__main__":
    main()
