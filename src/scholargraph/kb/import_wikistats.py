"""Importer for DBpedia Spotlight's wikistats TSV files (pairCounts, sfAndTotalCounts, uriCounts)."""

from __future__ import annotations

from typing import IO

from scholargraph.errors import InputError
from scholargraph.kb.facts import EntityFact, FactSink, SurfaceFact
from scholargraph.kb.import_rdf import resource_name
from scholargraph.kb.sources import Source, SourceKind, text_lines


def _name(source: Source, number: int, value: str) -> str:
    value = value.strip()
    if value.startswith(("http://", "https://")):
        name = resource_name(value)
        if name is None:
            raise InputError(f"{source.path}:{number}: not a DBpedia resource URI: {value[:80]}")
        return name
    if not value or any(ch.isspace() for ch in value):
        raise InputError(f"{source.path}:{number}: not a DBpedia resource name: {value[:80]!r}")
    return value


def _int(source: Source, number: int, value: str) -> int:
    try:
        return int(value.strip())
    except ValueError:
        raise InputError(f"{source.path}:{number}: expected a whole number, got {value[:40]!r}") from None


def import_wikistats(source: Source, stream: IO[bytes], sink: FactSink) -> int:
    """Stream one wikistats TSV into ``sink``; return the number of data lines."""
    count = 0
    for number, line in text_lines(source, stream):
        if not line.strip():
            continue
        columns = line.split("\t")
        if source.kind is SourceKind.PAIR_COUNTS:
            if len(columns) != 3:
                raise InputError(f"{source.path}:{number}: expected surface<TAB>URI<TAB>count")
            surface, name, n = columns[0], _name(source, number, columns[1]), _int(source, number, columns[2])
            if n > 0 and surface.strip():
                sink.surface(surface, name, SurfaceFact.PAIR_COUNT, n)
                sink.entity(name, EntityFact.PAIR_COUNT, str(n))
        elif source.kind is SourceKind.SF_AND_TOTAL_COUNTS:
            if len(columns) not in (2, 3):
                raise InputError(f"{source.path}:{number}: expected surface<TAB>linked<TAB>total")
            linked = _int(source, number, columns[1])
            total = _int(source, number, columns[2]) if len(columns) == 3 else -1
            sink.link_stats(columns[0], linked, total)
        else:
            if len(columns) != 2:
                raise InputError(f"{source.path}:{number}: expected URI<TAB>count")
            sink.entity(_name(source, number, columns[0]), EntityFact.URI_COUNT,
                        str(_int(source, number, columns[1])))
        count += 1
    if count == 0:
        raise InputError(f"{source.path}: no data lines")
    return count
