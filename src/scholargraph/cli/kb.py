"""``scholargraph kb build|info|lookup|check``: a thin layer over :mod:`scholargraph.kb`."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from ..errors import ScholargraphError
from ..kb import KnowledgeBase, build_kb, normalize_surface, open_kb
from ..kb.check import check_path, default_dbpedia_dir, format_report
from ..kb.defaults import STARTER_DIR

app = typer.Typer(help="Build, inspect and query knowledge bases (DBpedia entities and surface forms).",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)


class OutputFormat(str, Enum):
    """Output formats of ``kb lookup``, ``kb info`` and ``kb check``."""

    table = "table"
    json = "json"


@contextmanager
def _user_errors() -> Iterator[None]:
    """Turn errors the user can fix into one stderr line and exit code 2."""
    try:
        yield
    except ScholargraphError as error:
        print(f"scholargraph: error: {error}", file=sys.stderr)
        raise typer.Exit(2) from None


FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]


def _write_json(payload: Any) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")


@app.command()
def build(
    sources: Annotated[list[Path], typer.Argument(
        help="DBpedia dumps (.nt/.ttl, plain/.gz/.bz2), Spotlight wikistats TSVs, starter .jsonl files "
             "or directories of them.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="KB directory to create or replace.")],
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars.")] = False,
) -> None:
    """Build a knowledge base from SOURCES into DIR (replaced only when the build has succeeded)."""
    with _user_errors():
        path = build_kb(sources, output, progress=not quiet)
        kb = KnowledgeBase.open(path)
    counts = kb.counts
    print(f"built {path}: {counts.get('entities', 0)} entities, {counts.get('surface_forms', 0)} surface "
          f"forms, {counts.get('redirects', 0)} redirects, version {kb.version}", file=sys.stderr)


@app.command()
def info(
    directory: Annotated[Path | None, typer.Argument(
        help="KB directory (default: $SCHOLARGRAPH_KB or the built-in starter KB).")] = None,
    format: FormatOption = OutputFormat.table,
) -> None:
    """Show a knowledge base's version, counts and sources."""
    with _user_errors():
        kb = open_kb(directory)
    manifest = kb.manifest
    if format is OutputFormat.json:
        _write_json({"path": str(kb.path), **manifest})
        return
    lines = [f"path:        {kb.path}", f"version:     {kb.version}",
             f"format:      {manifest.get('format')} {manifest.get('format_version')}",
             f"built:       {manifest.get('built_at')} by {manifest.get('builder')}"]
    lines += [f"{name + ':':<21}{value}" for name, value in kb.counts.items()]
    lines.append("sources:")
    for source in manifest.get("sources", []):
        lines.append(f"  {source['path']}  [{source['kind']}, {source['compression']}, "
                     f"{source['records']} records, sha256 {source['sha256'][:16]}…]")
    print("\n".join(lines))


@app.command()
def lookup(
    text: Annotated[str, typer.Argument(help="A surface form, e.g. \"AI\" or \"focus group\".")],
    kb_dir: Annotated[Path | None, typer.Option("--kb", help="KB directory (default: starter KB).")] = None,
    format: FormatOption = OutputFormat.table,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most this many candidates.")] = 10,
) -> None:
    """List the entities a surface form may refer to, with counts and priors."""
    with _user_errors():
        kb = open_kb(kb_dir)
    candidates = kb.candidates(text)
    rows: list[dict[str, Any]] = []
    for candidate in candidates[:limit]:
        entity = kb.entity(candidate.entity_id)
        rows.append({"uri": entity.uri, "label": entity.label, "surface": candidate.surface,
                     "prior": round(candidate.prior, 6), "count": candidate.count,
                     "is_abbreviation": candidate.is_abbreviation, "types": list(entity.types),
                     "support": entity.support})
    link_probability = kb.link_probability(text)
    if format is OutputFormat.json:
        _write_json({"text": text, "key": normalize_surface(text), "link_probability": link_probability,
                     "total_candidates": len(candidates), "candidates": rows, "kb_version": kb.version})
        return
    if not rows:
        print(f"no candidates for {text!r} (key {normalize_surface(text)!r})", file=sys.stderr)
        return
    print(f"{'prior':>8}  {'count':>8}  {'abbr':4}  {'surface':24}  uri")
    for row in rows:
        print(f"{row['prior']:8.4f}  {row['count']:8d}  {'yes' if row['is_abbreviation'] else '':4}  "
              f"{row['surface'][:24]:24}  {row['uri']}")
    if len(candidates) > limit:
        print(f"… {len(candidates) - limit} more (use --limit)")
    if link_probability is not None:
        print(f"link probability of {normalize_surface(text)!r}: {link_probability:.4f}")


@app.command()
def check(
    directory: Annotated[Path | None, typer.Argument(
        help="A built KB directory, a directory of starter .jsonl files or one such file "
             "(default: the shipped starter files).")] = None,
    dbpedia: Annotated[Path | None, typer.Option(
        "--dbpedia", help="Directory with titles_lc.txt.gz and redirects_lc.tsv.gz "
                          "(default: $SCHOLARGRAPH_DBPEDIA or ../shared/dbpedia).")] = None,
    format: FormatOption = OutputFormat.table,
    limit: Annotated[int, typer.Option("--limit", help="Warnings/notes shown per kind (0 = all).")] = 20,
) -> None:
    """Check a KB or starter files: duplicates, empty fields, shared surfaces, names DBpedia calls redirects.

    Exit code 1 when there are errors.
    """
    with _user_errors():
        report = check_path(directory or STARTER_DIR, dbpedia or default_dbpedia_dir())
    if format is OutputFormat.json:
        _write_json(report.to_json())
    else:
        print(format_report(report, limit))
    if not report.ok:
        raise typer.Exit(1)
