"""Quality checks for starter-KB source files and built knowledge bases (``scholargraph kb check``).

Errors make the check fail: duplicate names, malformed or empty records, names that DBpedia lists as
redirects or that are disambiguation pages. Warnings and notes are reported but allowed: surface forms
shared by several entities (real ambiguity, which the linker resolves), related names missing from the
KB, names absent from the partial DBpedia title list.
"""

from __future__ import annotations

import gzip
import json
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scholargraph.errors import InputError
from scholargraph.kb import layout
from scholargraph.kb.import_starter import validate_record
from scholargraph.kb.normalize import normalize_surface
from scholargraph.kb.store import KnowledgeBase

DBPEDIA_ENV = "SCHOLARGRAPH_DBPEDIA"
TITLES_FILE = "titles_lc.txt.gz"
REDIRECTS_FILE = "redirects_lc.tsv.gz"
MAX_LISTED_WORDS = 3  # the shared title list only holds titles of up to three words

ERROR, WARNING, NOTE = "error", "warning", "note"
# Beside the starter files: "name<TAB>reason" lines for names checked by hand against current DBpedia
# where the shared lists (an older snapshot) still call them redirects.
VERIFIED_NAMES_FILE = "verified_names.tsv"


def read_verified_names(path: Path) -> dict[str, str]:
    """Names confirmed by hand as canonical, with the reason; {} when the file does not exist."""
    if not path.is_file():
        return {}
    verified: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, reason = line.partition("\t")
            verified[name.strip()] = reason.strip() or "checked by hand"
    return verified


@dataclass(frozen=True)
class Finding:
    """One problem found by the check."""

    level: str
    code: str
    subject: str
    message: str


@dataclass
class CheckReport:
    """All findings plus a few counts for the summary."""

    target: str
    entities: int = 0
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    dbpedia: dict[str, int] = field(default_factory=dict)

    def add(self, level: str, code: str, subject: str, message: str) -> None:
        """Record a finding."""
        self.findings.append(Finding(level, code, subject, message))

    def count(self, level: str) -> int:
        """How many findings of this level."""
        return sum(1 for f in self.findings if f.level == level)

    @property
    def ok(self) -> bool:
        """True when there is no error."""
        return self.count(ERROR) == 0

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready view of the report."""
        return {"target": self.target, "entities": self.entities, "ok": self.ok,
                "errors": self.count(ERROR), "warnings": self.count(WARNING), "notes": self.notes,
                "dbpedia": self.dbpedia,
                "findings": [f.__dict__ for f in self.findings]}


@dataclass
class _Entry:
    name: str
    where: str
    label: str
    description: str
    surfaces: list[tuple[str, str]]  # (kind, surface)
    types: list[str]
    related: list[str]
    popularity: int | None


# ---------------------------------------------------------------------------------------- inputs

def _starter_entries(files: Iterable[Path], report: CheckReport) -> Iterator[_Entry]:
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            report.add(ERROR, "encoding", str(path), "not UTF-8 text")
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            where = f"{path.name}:{number}"
            try:
                record = validate_record(json.loads(line), where)
            except json.JSONDecodeError as exc:
                report.add(ERROR, "json", where, f"not valid JSON ({exc.msg})")
                continue
            except InputError as exc:
                report.add(ERROR, "record", where, str(exc).removeprefix(f"{where}: "))
                continue
            surfaces = [("label", record["label"])] if record["label"] else []
            surfaces += [("alias", a) for a in record["aliases"]]
            surfaces += [("abbreviation", a) for a in record["abbreviations"]]
            yield _Entry(record["name"], where, record["label"], record["description"], surfaces,
                         record["types"], record["related"], record["popularity"])


def _kb_entries(kb: KnowledgeBase) -> Iterator[_Entry]:
    for entity_id in range(len(kb)):
        entity = kb.entity(entity_id)
        related = kb.related_names(entity_id)
        surfaces = [("label", entity.label)] if entity.label else []
        surfaces += [("alias", a) for a in entity.aliases]
        surfaces += [("abbreviation", a) for a in entity.abbreviations]
        yield _Entry(entity.name, f"entity {entity_id}", entity.label, entity.description, surfaces,
                     list(entity.types), list(related), None)


# ---------------------------------------------------------------------------------------- checks

def check_starter_files(files: Iterable[Path], dbpedia_dir: Path | None) -> CheckReport:
    """Check starter-KB JSON-lines files (all together, as one KB).

    A ``verified_names.tsv`` beside the files turns "DBpedia lists it as a redirect" from an error
    into a note for the names it lists (the shared lists are an older, lower-cased snapshot).
    """
    files = list(files)
    report = CheckReport(", ".join(str(p) for p in files))
    verified: dict[str, str] = {}
    for directory in dict.fromkeys(p.parent for p in files):
        verified.update(read_verified_names(directory / VERIFIED_NAMES_FILE))
    _check_entries(list(_starter_entries(files, report)), report, dbpedia_dir, verified=verified)
    return report


def check_kb(kb: KnowledgeBase, dbpedia_dir: Path | None) -> CheckReport:
    """Check a built knowledge base."""
    report = CheckReport(str(kb.path))
    # DBpedia dumps leave many entities without a description: only curated sources must have one.
    _check_entries(list(_kb_entries(kb)), report, dbpedia_dir, curated=False)
    return report


def check_path(path: Path, dbpedia_dir: Path | None) -> CheckReport:
    """Check a built KB directory, a directory of starter files or one starter file."""
    if (path / layout.MANIFEST).is_file():
        return check_kb(KnowledgeBase.open(path), dbpedia_dir)
    if path.is_dir():
        files = sorted(path.glob("*.jsonl"))
        if not files:
            raise InputError(f"{path}: neither a knowledge base nor a directory of starter .jsonl files")
        return check_starter_files(files, dbpedia_dir)
    if path.is_file():
        return check_starter_files([path], dbpedia_dir)
    raise InputError(f"{path}: no such file or directory")


def _check_entries(entries: list[_Entry], report: CheckReport, dbpedia_dir: Path | None,
                   curated: bool = True, verified: dict[str, str] | None = None) -> None:
    report.entities = len(entries)
    first_seen: dict[str, str] = {}
    by_lower: dict[str, set[str]] = defaultdict(set)
    for entry in entries:
        if entry.name in first_seen:
            report.add(ERROR, "duplicate", entry.name,
                       f"{entry.where} repeats the entity of {first_seen[entry.name]}")
        else:
            first_seen[entry.name] = entry.where
        by_lower[entry.name.lower()].add(entry.name)
        if not entry.label:
            report.add(ERROR, "empty-label", entry.name, f"{entry.where}: empty label")
        if not entry.description:
            report.add(ERROR if curated else WARNING, "empty-description", entry.name,
                       f"{entry.where}: empty description")
        if entry.popularity == 0:
            report.add(WARNING, "zero-popularity", entry.name, f"{entry.where}: popularity is 0")
        if entry.name.endswith("_(disambiguation)"):
            report.add(ERROR, "disambiguation-page", entry.name, f"{entry.where}: a disambiguation page")
        for curie in entry.types:
            if not curie.startswith("dbo:"):
                report.add(WARNING, "type", entry.name, f"{entry.where}: type {curie!r} is not a dbo: class")
        for related in entry.related:
            if related == entry.name:
                report.add(WARNING, "related-self", entry.name, f"{entry.where}: related to itself")
    for lowered, names in by_lower.items():
        if len(names) > 1:
            report.add(WARNING, "case-duplicate", lowered,
                       "names differ only in case: " + ", ".join(sorted(names)))
    for entry in entries:
        for related in entry.related:
            if related not in first_seen:
                report.add(WARNING, "related-missing", entry.name,
                           f"{entry.where}: related name {related!r} is not an entity of this KB")
    _check_shared_surfaces(entries, report)
    if dbpedia_dir is None:
        report.notes.append("DBpedia comparison skipped: no title/redirect lists found "
                            f"(give --dbpedia DIR or set ${DBPEDIA_ENV})")
    else:
        _check_against_dbpedia(list(first_seen), report, dbpedia_dir, verified or {})


def _check_shared_surfaces(entries: list[_Entry], report: CheckReport) -> None:
    owners: dict[str, dict[str, str]] = defaultdict(dict)
    for entry in entries:
        for kind, surface in entry.surfaces:
            key = normalize_surface(surface)
            if key:
                owners[key].setdefault(entry.name, kind)
    for key, names in sorted(owners.items()):
        if len(names) > 1:
            listed = ", ".join(f"{name} ({kind})" for name, kind in sorted(names.items()))
            report.add(NOTE, "shared-surface", key,
                       f"{key!r} is a surface form of {len(names)} entities: {listed}")


def _check_against_dbpedia(names: list[str], report: CheckReport, dbpedia_dir: Path,
                           verified: dict[str, str]) -> None:
    titles_path, redirects_path = dbpedia_dir / TITLES_FILE, dbpedia_dir / REDIRECTS_FILE
    if not titles_path.is_file() or not redirects_path.is_file():
        report.notes.append(
            f"DBpedia comparison skipped: {dbpedia_dir} lacks {TITLES_FILE} / {REDIRECTS_FILE}")
        return
    wanted: dict[str, list[str]] = defaultdict(list)
    for name in names:
        wanted[name.lower()].append(name)
    redirect_of: dict[str, str] = {}
    targeted: set[str] = set()  # our names that other redirects point to, i.e. canonical pages
    with gzip.open(redirects_path, "rt", encoding="utf-8", errors="replace") as f:
        for line in f:
            alias, _, target = line.rstrip("\n").partition("\t")
            if alias in wanted:
                redirect_of[alias] = target
            if target in wanted:
                targeted.add(target)
    known: set[str] = set()
    with gzip.open(titles_path, "rt", encoding="utf-8", errors="replace") as f:
        for line in f:
            title = line.rstrip("\n")
            if title in wanted:
                known.add(title)
    stats = {"checked": len(names), "redirects": 0, "case_collisions": 0, "verified": 0, "listed": 0,
             "absent_short": 0, "not_checkable_long": 0}
    for lowered, originals in sorted(wanted.items()):
        for name in originals:
            if lowered in redirect_of and lowered in targeted:
                # Lower-casing merges case variants: "ARIZONA" may redirect elsewhere while "Arizona",
                # the target of other redirects, is a canonical page.
                stats["case_collisions"] += 1
                report.add(WARNING, "case-collision", name,
                           f"the lower-cased lists have {lowered!r} both as a redirect to "
                           f"{redirect_of[lowered]!r} and as the target of other redirects; probably a "
                           "differently capitalised variant redirects, the page itself is canonical")
            elif lowered in redirect_of and name in verified:
                stats["verified"] += 1
                report.add(NOTE, "verified-redirect", name,
                           f"the shared list has it as a redirect to {redirect_of[lowered]!r}; accepted as "
                           f"canonical ({VERIFIED_NAMES_FILE}: {verified[name]})")
            elif lowered in redirect_of:
                stats["redirects"] += 1
                report.add(ERROR, "redirect", name, f"DBpedia lists {name!r} as a redirect to "
                           f"{redirect_of[lowered]!r} (lower-cased list)")
            elif lowered in known:
                stats["listed"] += 1
            elif len(name.split("_")) <= MAX_LISTED_WORDS:
                stats["absent_short"] += 1
                report.add(WARNING, "absent", name, "absent from a partial list of DBpedia titles "
                           f"({TITLES_FILE} holds titles of up to {MAX_LISTED_WORDS} words)")
            else:
                stats["not_checkable_long"] += 1
    report.dbpedia = stats
    report.notes.append(
        f"DBpedia comparison against {dbpedia_dir}: {stats['listed']} names listed, "
        f"{stats['redirects']} redirects, {stats['case_collisions']} case collisions, "
        f"{stats['verified']} redirects overridden by {VERIFIED_NAMES_FILE}, "
        f"{stats['absent_short']} short names absent from the "
        f"partial list, {stats['not_checkable_long']} names longer than {MAX_LISTED_WORDS} words "
        "not checkable")


def default_dbpedia_dir() -> Path | None:
    """``$SCHOLARGRAPH_DBPEDIA``, else ``../shared/dbpedia`` relative to the working directory (if there)."""
    configured = os.environ.get(DBPEDIA_ENV)
    candidate = Path(configured) if configured else Path.cwd().parent / "shared" / "dbpedia"
    return candidate if candidate.is_dir() else None


def format_report(report: CheckReport, limit: int = 20) -> str:
    """Human-readable report: errors in full, other findings up to ``limit`` per kind."""
    lines = [f"kb check: {report.target}", f"  entities: {report.entities}"]
    by_code: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for finding in report.findings:
        by_code[(finding.level, finding.code)].append(finding)
    order = {ERROR: 0, WARNING: 1, NOTE: 2}
    for (level, code), findings in sorted(by_code.items(), key=lambda item: (order[item[0][0]], item[0][1])):
        lines.append(f"{level}s: {code} ({len(findings)})")
        shown = findings if level == ERROR or limit <= 0 else findings[:limit]
        lines.extend(f"  {f.subject}: {f.message}" for f in shown)
        if len(shown) < len(findings):
            lines.append(f"  … and {len(findings) - len(shown)} more")
    lines.extend(f"note: {note}" for note in report.notes)
    lines.append(f"result: {report.count(ERROR)} errors, {report.count(WARNING)} warnings, "
                 f"{report.count(NOTE)} notes")
    return "\n".join(lines)
