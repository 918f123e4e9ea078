"""What the linker produces: annotations over a document's text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .abbreviations import Abbreviation


@dataclass
class Annotation:
    """One linked mention: ``text[start:end]`` refers to the DBpedia resource ``uri``."""

    surface: str
    start: int
    end: int
    uri: str
    confidence: float
    types: list[str] = field(default_factory=list)
    via: str = "dictionary"
    long_form: str | None = None
    support: int = 0
    prior: float = 0.0
    second_rank_ratio: float = 0.0
    label: str = ""

    def to_json(self) -> dict[str, Any]:
        """The annotation as the JSON object of DESIGN.md §3."""
        return {
            "surface": self.surface,
            "start": self.start,
            "end": self.end,
            "uri": self.uri,
            "confidence": round(self.confidence, 4),
            "types": list(self.types),
            "via": self.via,
            "long_form": self.long_form,
            "support": self.support,
            "prior": round(self.prior, 4),
        }


@dataclass
class LinkResult:
    """The annotations of one document, with the abbreviations its text defines."""

    annotations: list[Annotation]
    abbreviations: list[Abbreviation]
    kb_version: str = ""

    def abbreviations_json(self) -> list[dict[str, Any]]:
        """The abbreviation definitions as JSON objects."""
        return [
            {"short": a.short, "long": a.long, "start": a.short_start, "end": a.short_end,
             "long_start": a.long_start, "long_end": a.long_end}
            for a in self.abbreviations
        ]
