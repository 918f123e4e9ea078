"""Value objects handed out by :class:`~scholargraph.kb.store.KnowledgeBase`."""

from __future__ import annotations

from dataclasses import dataclass

DBPEDIA_RESOURCE = "http://dbpedia.org/resource/"


@dataclass(frozen=True, slots=True)
class Entity:
    """One linkable DBpedia resource (never a redirect or a disambiguation page)."""

    id: int
    name: str
    uri: str
    label: str
    types: tuple[str, ...]
    description: str
    support: int
    aliases: tuple[str, ...]
    abbreviations: tuple[str, ...]
    related: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Candidate:
    """An entity that a surface form may refer to, with the evidence for it."""

    entity_id: int
    surface: str
    count: int
    prior: float
    is_abbreviation: bool
