"""Importer for the starter KB's readable source: one JSON object per line (see the README)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

from scholargraph.errors import InputError
from scholargraph.kb.facts import EntityFact, FactSink
from scholargraph.kb.sources import Source, text_lines

STRING_FIELDS = ("name", "label", "description")
LIST_FIELDS = ("aliases", "abbreviations", "types", "related")


def validate_record(record: Any, where: str) -> dict[str, Any]:
    """Check one starter record's shape; return it with defaults filled in, or raise InputError."""
    if not isinstance(record, dict):
        raise InputError(f"{where}: expected a JSON object")
    name = record.get("name")
    if not isinstance(name, str) or not name.strip() or any(ch.isspace() for ch in name):
        raise InputError(f"{where}: \"name\" must be a DBpedia resource name without spaces")
    clean: dict[str, Any] = {"name": name}
    for field in ("label", "description"):
        value = record.get(field, "")
        if not isinstance(value, str):
            raise InputError(f"{where}: \"{field}\" must be a string")
        clean[field] = value.strip()
    for field in LIST_FIELDS:
        value = record.get(field, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise InputError(f"{where}: \"{field}\" must be a list of strings")
        clean[field] = [item.strip() for item in value if item.strip()]
    popularity = record.get("popularity", 0)
    if isinstance(popularity, bool) or not isinstance(popularity, int) or popularity < 0:
        raise InputError(f"{where}: \"popularity\" must be a whole number >= 0")
    clean["popularity"] = popularity
    return clean


def read_starter_records(source: Source, stream: IO[bytes]) -> list[tuple[int, dict[str, Any]]]:
    """Parse and validate every line (used by ``kb check``); return (line number, record) pairs."""
    return list(iter_starter_records(source, stream))


def iter_starter_records(source: Source, stream: IO[bytes]) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (line number, validated record) for every non-blank line."""
    for number, line in text_lines(source, stream):
        if not line.strip():
            continue
        where = f"{source.path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{where}: not valid JSON ({exc.msg})") from None
        yield number, validate_record(record, where)


def import_starter(source: Source, stream: IO[bytes], sink: FactSink) -> int:
    """Stream starter records into ``sink``; return the number of records."""
    count = 0
    for _, record in iter_starter_records(source, stream):
        sink.entity(record["name"], EntityFact.STARTER, json.dumps(record, ensure_ascii=False))
        count += 1
    if count == 0:
        raise InputError(f"{source.path}: no records")
    return count
