"""The intermediate facts importers emit, as sortable tab-separated lines.

Entity facts are keyed by DBpedia resource name, surface facts by normalised surface form; both
go through an external sort so that all facts about one key arrive together, whatever the input size.
"""

from __future__ import annotations

import enum
from pathlib import Path

from scholargraph.kb.extsort import ExternalSorter, escape
from scholargraph.kb.normalize import normalize_surface


class EntityFact(str, enum.Enum):
    """Kinds of fact about a resource name (one letter each; they sort into this order)."""

    ABSTRACT = "A"
    COMMENT = "C"
    DISAMBIGUATES = "D"  # this name is a disambiguation page listing the payload name
    LABEL = "L"
    ANCHOR_COUNT = "N"
    PAIR_COUNT = "P"
    REDIRECTS_TO = "R"
    STARTER = "S"  # a starter-KB record (JSON)
    TYPE = "T"
    URI_COUNT = "U"
    LISTED_ON = "d"  # this name is listed on the disambiguation page named in the payload
    REDIRECTED_FROM = "r"


class SurfaceFact(str, enum.Enum):
    """Where a (surface, entity) pair comes from; observed kinds carry real link counts."""

    ABBREVIATION = "b"
    LABEL = "l"
    ALIAS = "s"
    REDIRECT = "r"
    PAIR_COUNT = "p"
    ANCHOR = "a"
    DISAMBIGUATION = "g"
    LINK_STATS = "L"  # (times linked, total occurrences) for the surface itself, no entity


OBSERVED = frozenset({SurfaceFact.PAIR_COUNT.value, SurfaceFact.ANCHOR.value})

# Synthesised counts when no observed link counts exist for a surface form: count = max(1,
# round(weight * support)), so a surface that is the entity's own label counts fully, an alias or
# redirect half, an abbreviation a fifth (abbreviations are short and widely shared) and a mention on
# a disambiguation page a tenth.
SYNTHETIC_WEIGHT = {
    SurfaceFact.LABEL.value: 1.0,
    SurfaceFact.ALIAS.value: 0.5,
    SurfaceFact.REDIRECT.value: 0.5,
    SurfaceFact.ABBREVIATION.value: 0.2,
    SurfaceFact.DISAMBIGUATION.value: 0.1,
}

# Which original-case form a candidate shows when several facts give one: the lowest rank wins.
SURFACE_RANK = {"b": 0, "l": 1, "s": 2, "r": 3, "p": 4, "a": 5, "g": 6}


class FactSink:
    """Collects facts from all importers into two external sorters."""

    def __init__(self, workdir: Path, chunk_lines: int = 400_000) -> None:
        self.entities = ExternalSorter(workdir, "entity-facts", chunk_lines)
        self.surfaces = ExternalSorter(workdir, "surface-facts", chunk_lines)

    def entity(self, name: str, kind: EntityFact, payload: str = "") -> None:
        """Record a fact about the resource ``name``."""
        self.entities.add(f"{name}\t{kind.value}\t{escape(payload)}")

    def surface(self, surface: str, name: str, kind: SurfaceFact, count: int = 0) -> None:
        """Record that ``surface`` (original case) may refer to resource ``name``."""
        key = normalize_surface(surface)
        if key:
            self.surfaces.add(f"{key}\t{name}\t{kind.value}\t{count}\t{escape(surface.strip())}")

    def link_stats(self, surface: str, linked: int, total: int) -> None:
        """Record how often ``surface`` is a link and how often it occurs (Spotlight's sfAndTotalCounts)."""
        key = normalize_surface(surface)
        if key:
            self.surfaces.add(f"{key}\t\t{SurfaceFact.LINK_STATS.value}\t{linked}\t{total}")
