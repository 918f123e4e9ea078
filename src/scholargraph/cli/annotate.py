"""``scholargraph annotate`` and ``scholargraph eval``."""

from __future__ import annotations

import json
import sys
from enum import Enum
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from ..document import Document
from ..evaluation import DocumentScore, Prediction, load_gold, reliability_table, score_document, total
from ..formats import render
from ..kb import open_kb
from ..link import DEFAULT_CONFIDENCE, Annotator, LinkResult
from .common import RunStatus, iter_documents


class AnnotateFormat(str, Enum):
    """Output formats of ``annotate``."""

    table = "table"
    tsv = "tsv"
    json = "json"
    jsonl = "jsonl"
    nif = "nif"
    spotlight_json = "spotlight-json"


class EvalFormat(str, Enum):
    """Output formats of ``eval``."""

    table = "table"
    json = "json"


KbOption = Annotated[str | None, typer.Option("--kb", help="Knowledge base directory (default: starter KB).")]
ConfidenceOption = Annotated[float, typer.Option("--confidence", "-c", min=0.0, max=1.0,
                                                 help="Keep links at least this likely to be right.")]
SupportOption = Annotated[int, typer.Option("--support", min=0, help="Keep entities with at least this support.")]


def annotate(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, or - for standard input.")],
    format: Annotated[AnnotateFormat, typer.Option("--format", "-f")] = AnnotateFormat.table,
    confidence: ConfidenceOption = DEFAULT_CONFIDENCE,
    support: SupportOption = 0,
    kb: KbOption = None,
) -> None:
    """Link the mentions of papers to DBpedia entities."""
    annotator = Annotator(open_kb(kb), confidence=confidence, support=support)
    status = RunStatus()
    results: list[tuple[Document, LinkResult]] = []
    for document in iter_documents(paths, status):
        result = annotator.annotate(document)
        if format is AnnotateFormat.jsonl:
            # Streamed, so a large run shows results as it goes.
            sys.stdout.write(render("jsonl", [(document, result)]))
        else:
            results.append((document, result))
    if format is not AnnotateFormat.jsonl and results:
        sys.stdout.write(render(format.value, results))
    raise typer.Exit(status.exit_code)


def evaluate(
    gold: Annotated[list[str], typer.Option("--gold", "-g", help="Gold file(s): JSON (DESIGN.md) or NIF.")],
    more_gold: Annotated[list[str] | None, typer.Argument(help="More gold files (so --gold a b c works).")] = None,
    format: Annotated[EvalFormat, typer.Option("--format", "-f")] = EvalFormat.table,
    confidence: ConfidenceOption = DEFAULT_CONFIDENCE,
    kb: KbOption = None,
) -> None:
    """Score the annotator against gold files: precision, core recall, F1, errors."""
    annotator = Annotator(open_kb(kb), confidence=confidence)
    scores: list[DocumentScore] = []
    for path in [*gold, *(more_gold or [])]:
        for gold_document in load_gold(path):
            document = Document(text=gold_document.text, source=path, format="text")
            result = annotator.annotate(document)
            predictions = [Prediction(a.start, a.end, a.uri, a.confidence) for a in result.annotations]
            scores.append(score_document(gold_document, predictions))
    summary = total(scores)
    if format is EvalFormat.json:
        payload = {"documents": [s.to_json() for s in scores], "total": summary.to_json(),
                   "reliability": reliability_table(summary.judged)}
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return
    console = Console(file=sys.stdout, width=120)
    for score in scores:
        for error in score.errors:
            console.print(f"[red]ERROR[/] {score.id}: {error['surface']!r} -> {error['predicted']} "
                          f"(gold: {', '.join(error['gold']) or 'no mention'})", markup=True, highlight=False)
        for missed in score.missed:
            console.print(f"[yellow]MISSED[/] {score.id}: {missed['surface']!r} ({missed['gold']})",
                          markup=True, highlight=False)
    table = Table(title="Entity linking against gold")
    for column in ("document", "predictions", "correct", "core", "core hit", "precision", "recall", "F1"):
        table.add_column(column, justify="left" if column == "document" else "right")
    for score in [*scores, summary]:
        table.add_row(score.id, str(score.predictions), str(score.correct), str(score.core),
                      str(score.core_hit), f"{score.precision:.3f}", f"{score.recall:.3f}", f"{score.f1:.3f}")
    console.print(table)
    calibration = Table(title="Reliability: share of links that are right, by confidence")
    for column in ("confidence", "links", "mean confidence", "right"):
        calibration.add_column(column, justify="right")
    for row in reliability_table(summary.judged):
        calibration.add_row(f"{row['low']:.1f}-{row['high']:.1f}", str(row["count"]),
                            f"{row['mean_confidence']:.3f}", f"{row['accuracy']:.3f}")
    console.print(calibration)


def register(app: typer.Typer) -> None:
    """Add ``annotate`` and ``eval`` to the main command."""
    app.command("annotate")(annotate)
    app.command("eval")(evaluate)
