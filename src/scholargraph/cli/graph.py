"""``scholargraph ingest``, ``query`` and ``export``: the knowledge graph commands."""

from __future__ import annotations

import csv
import json
import sys
import time
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from pyoxigraph import BlankNode, Literal, NamedNode
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..errors import InputError
from ..graph.ingest import IngestReport, expand_paths, ingest
from ..graph.queries import NAMED_QUERIES, named_query
from ..graph.store import ExportFormat, QueryResult, Term, open_store
from .common import RunStatus


class QueryFormat(str, Enum):
    """Output formats of ``query``."""

    table = "table"
    csv = "csv"
    json = "json"


StoreOption = Annotated[str | None, typer.Option(
    "--store", "-s", help="Oxigraph directory or SPARQL endpoint URL (default: $SCHOLARGRAPH_STORE or "
                          "$XDG_DATA_HOME/scholargraph/store).")]


def ingest_command(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, globs, or - to read paths from stdin.")],
    store: StoreOption = None,
    kb: Annotated[str | None, typer.Option("--kb", help="Knowledge base directory (default: starter KB).")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Processes reading and annotating.")] = 1,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="One stderr line per paper stored.")] = False,
) -> None:
    """Read, annotate and store papers; each paper is written all or nothing, unchanged ones are skipped."""
    status = RunStatus()
    sources = expand_paths(paths, stdin_lines=lambda: sys.stdin)
    if not sources:
        raise InputError("no input files")
    graph_store = open_store(store)
    console = Console(stderr=True)
    started = time.monotonic()
    try:
        with Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("files"),
                      TextColumn("{task.fields[papers]} papers, {task.fields[rate]} papers/s"),
                      TimeElapsedColumn(), console=console, transient=False) as progress:
            task = progress.add_task("ingest", total=len(sources), papers=0, rate="0.0")

            def show(report: IngestReport) -> None:
                elapsed = max(time.monotonic() - started, 1e-6)
                progress.update(task, completed=report.files, papers=report.papers,
                                rate=f"{report.papers / elapsed:.1f}")

            def fail(message: str) -> None:
                progress.console.print(f"scholargraph: error: {message}", markup=False, highlight=False, soft_wrap=True)
                status.failures += 1

            def stored(iri: str, written: bool) -> None:
                if verbose:
                    progress.console.print(f"{'written' if written else 'unchanged'} {iri}", markup=False,
                                           highlight=False, soft_wrap=True)

            report = ingest(sources, graph_store, kb=kb, jobs=jobs, on_error=fail, on_progress=show,
                            on_paper=stored)
    finally:
        graph_store.close()
    elapsed = time.monotonic() - started
    print(f"scholargraph: {report.papers} papers from {report.files - report.failed} files "
          f"({report.written} written, {report.unchanged} unchanged, {report.failed} files failed) "
          f"in {elapsed:.1f} s", file=sys.stderr)
    raise typer.Exit(status.exit_code)


def query_command(
    sparql: Annotated[str | None, typer.Argument(help="SPARQL text, or @FILE to read it from a file.")] = None,
    named: Annotated[str | None, typer.Option(
        "--named", "-n", help="A named query: " + ", ".join(f"{q.name}{' ' + q.argument if q.argument else ''}"
                                                           for q in NAMED_QUERIES.values()))] = None,
    store: StoreOption = None,
    format: Annotated[QueryFormat, typer.Option("--format", "-f")] = QueryFormat.table,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Rows of a named query.")] = 100,
) -> None:
    """Run a SPARQL query (or a named one) against the store."""
    if named is not None:
        text = named_query(named, sparql, limit)
    elif sparql is None:
        raise InputError("give a SPARQL query, @FILE, or --named NAME")
    elif sparql.startswith("@"):
        try:
            text = Path(sparql[1:]).read_text(encoding="utf-8")
        except (OSError, UnicodeError) as error:
            raise InputError(f"{sparql[1:]}: cannot read the query ({error})") from error
    else:
        text = sparql
    graph_store = open_store(store, create=False)
    try:
        result = graph_store.query(text)
    finally:
        graph_store.close()
    write_result(result, format)


def export_command(
    format: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.turtle,
    store: StoreOption = None,
) -> None:
    """Write the whole graph to stdout (turtle, nt, nquads, jsonld or trig), streamed."""
    graph_store = open_store(store, create=False)
    try:
        graph_store.export(format, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    finally:
        graph_store.close()


def _plain(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, Literal | NamedNode | BlankNode):
        return term.value
    return str(term)


def _json_term(term: Term) -> dict[str, str]:
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    value: dict[str, str] = {"type": "literal", "value": term.value}
    if term.language:
        value["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        value["datatype"] = term.datatype.value
    return value


def write_result(result: QueryResult, format: QueryFormat) -> None:
    """Print a query result: a rich table, CSV (plain values), or SPARQL 1.1 JSON results."""
    if format is QueryFormat.json:
        if result.boolean is not None:
            payload: dict[str, object] = {"head": {}, "boolean": result.boolean}
        else:
            payload = {"head": {"vars": result.variables}, "results": {"bindings": [
                {var: _json_term(term) for var, term in zip(result.variables, row, strict=True) if term is not None}
                for row in result.rows]}}
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
        return
    if result.boolean is not None:
        sys.stdout.write(("true" if result.boolean else "false") + "\n")
        return
    if format is QueryFormat.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(result.variables)
        writer.writerows([_plain(term) for term in row] for row in result.rows)
        return
    table = Table(show_lines=False)
    for var in result.variables:
        table.add_column(var, overflow="fold")
    for row in result.rows:
        table.add_row(*(_plain(term) for term in row))
    Console(file=sys.stdout, width=max(120, Console().width)).print(table)
    print(f"{len(result.rows)} rows", file=sys.stderr)


def register(app: typer.Typer) -> None:
    """Add ``ingest``, ``query`` and ``export`` to the main command."""
    app.command("ingest")(ingest_command)
    app.command("query")(query_command)
    app.command("export")(export_command)
