"""Fit the linker's confidence model on gold files and report its calibration.

    .venv/bin/python scripts/fit_linker.py tests/data/gold/*.gold.json [--write]

Leave-one-document-out: each document is annotated with weights fitted on the others,
so the printed scores and reliability table are for text the model did not see.
With --write, weights fitted on all documents go to src/scholargraph/link/weights.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

from scholargraph.evaluation import Prediction, load_gold, score_document, total
from scholargraph.kb import open_kb
from scholargraph.link import Annotator
from scholargraph.link.features import WEIGHTS_FILE
from scholargraph.link.training import examples, fit, label_of, reliability


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="+")
    parser.add_argument("--write", action="store_true", help="write weights.json")
    parser.add_argument("--l2", type=float, default=1.0)
    args = parser.parse_args()

    golds = [g for path in args.gold for g in load_gold(path)]
    kb = open_kb()
    annotator = Annotator(kb)
    # Two rounds: the coherence feature depends on first-pass confidences.
    weights = fit(examples(annotator, golds), l2=args.l2)
    annotator.weights = weights
    samples = examples(annotator, golds)

    scores, pairs = [], []
    for held_out in golds:
        train = [s for s in samples if s.document != held_out.id]
        cv = Annotator(kb, weights=fit(train, l2=args.l2))
        from scholargraph.document import Document

        result = cv.annotate(Document(text=held_out.text))
        predictions = [Prediction(a.start, a.end, a.uri, a.confidence) for a in result.annotations]
        scores.append(score_document(held_out, predictions))
        for item in cv.score_all(Document(text=held_out.text)):
            chosen = [a for a in result.annotations if (a.start, a.end, a.uri) == (item.start, item.end,
                                                                                     item.entity.uri)]
            if chosen:
                pairs.append((item.confidence, label_of(item, held_out)))
    print(f"{'document':<40} {'P':>6} {'R':>6} {'F1':>6}")
    for score in [*scores, total(scores)]:
        print(f"{score.id[:40]:<40} {score.precision:6.3f} {score.recall:6.3f} {score.f1:6.3f}")
    print("\nreliability (leave-one-document-out, chosen links)")
    print(f"{'confidence':<12} {'n':>5} {'mean conf':>10} {'accuracy':>9}")
    for b in reliability(pairs):
        print(f"{b.low:.1f}-{b.high:.1f}     {b.count:>5} {b.mean_confidence:>10.3f} {b.accuracy:>9.3f}")

    final = fit(samples, l2=args.l2)
    print("\nweights:", json.dumps({k: round(v, 3) for k, v in final.items()}))
    if args.write:
        payload = {"fitted": dt.date.today().isoformat(), "examples": len(samples), "l2": args.l2,
                   "gold": [Path(p).name for p in args.gold], "weights": final}
        WEIGHTS_FILE.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {WEIGHTS_FILE}")


if __name__ == "__main__":
    main()
