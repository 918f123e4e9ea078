"""Reading a built knowledge base: memory-mapped, immutable, safe to share between processes."""

from __future__ import annotations

import json
import math
import struct
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import marisa_trie

from scholargraph.errors import KnowledgeBaseError
from scholargraph.kb import layout
from scholargraph.kb.mapped import map_array, map_bytes, map_trie, map_view
from scholargraph.kb.model import DBPEDIA_RESOURCE, Candidate, Entity
from scholargraph.kb.normalize import normalize_surface
from scholargraph.kb.spot_index import SpotIndex

_CANDIDATE_RECORD = struct.Struct("<iqfB")  # layout.CANDIDATE_DTYPE, packed
_CANDIDATE_SIZE = _CANDIDATE_RECORD.size
_ABBREVIATION = layout.FLAG_ABBREVIATION  # the only flag so far



class KnowledgeBase:
    """A built KB directory opened for lookups. Nothing is loaded into Python objects up front."""

    path: Path
    manifest: dict[str, Any]
    version: str
    spots: SpotIndex

    def __init__(self, path: Path, manifest: dict[str, Any]) -> None:
        """Use :meth:`open`."""
        self.path = path
        self.manifest = manifest
        self.version = str(manifest["kb_version"])
        if sys.byteorder != "little":
            raise KnowledgeBaseError("knowledge bases are stored little-endian; this machine is big-endian")
        try:
            self._names = map_trie(path / layout.NAMES)
            self._redirects = map_trie(path / layout.REDIRECTS)
            self._disambiguations = map_trie(path / layout.DISAMBIGUATIONS)
            self._surfaces = map_trie(path / layout.SURFACES)
            self._support = map_array(path / layout.ENTITY_SUPPORT, layout.SUPPORT_DTYPE)
            self._record_start = map_array(path / layout.ENTITY_RECORD_START, layout.RECORD_START_DTYPE)
            self._record_length = map_array(path / layout.ENTITY_RECORD_LENGTH, layout.RECORD_LENGTH_DTYPE)
            self._records = map_bytes(path / layout.ENTITY_RECORDS)
            self._redirect_target = map_array(path / layout.REDIRECT_TARGET, layout.REDIRECT_DTYPE)
            self._surface_start = map_view(path / layout.SURFACE_START, "Q")
            self._surface_count = map_view(path / layout.SURFACE_COUNT, "I")
            self._link_probability = map_array(path / layout.SURFACE_LINK_PROBABILITY,
                                                layout.LINK_PROBABILITY_DTYPE)
            self._link_total = map_array(path / layout.SURFACE_LINK_TOTAL, layout.LINK_TOTAL_DTYPE)
            self._candidates = map_array(path / layout.CANDIDATES, layout.CANDIDATE_DTYPE)
            self._surface_offsets = map_view(path / layout.CANDIDATE_SURFACE_OFFSETS, "Q")
            self._candidate_bytes = map_bytes(path / layout.CANDIDATES)
            self._surface_blob = map_bytes(path / layout.CANDIDATE_SURFACES)
            self.spots = SpotIndex(path)
        except (OSError, ValueError, RuntimeError) as exc:
            raise KnowledgeBaseError(f"{path}: knowledge base is incomplete or corrupt ({exc})") from None
        n = len(self._names)
        if not (len(self._support) == len(self._record_start) == len(self._record_length) == n
                and len(self._surface_start) == len(self._surface_count) == len(self._surfaces)
                and len(self._link_probability) == len(self._link_total) == len(self._surfaces)
                and len(self._surface_offsets) == len(self._candidates) + 1
                and len(self._redirect_target) == len(self._redirects)):
            raise KnowledgeBaseError(f"{path}: knowledge base files do not fit together (corrupt build?)")

    @classmethod
    def open(cls, path: str | Path) -> KnowledgeBase:
        """Open a KB directory built by ``scholargraph kb build``; KnowledgeBaseError if it is not one."""
        directory = Path(path)
        manifest_path = directory / layout.MANIFEST
        if not manifest_path.is_file():
            raise KnowledgeBaseError(f"{directory}: not a knowledge base (no {layout.MANIFEST})")
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise KnowledgeBaseError(f"{manifest_path}: unreadable manifest ({exc})") from None
        if not isinstance(manifest, dict) or manifest.get("format") != layout.FORMAT_NAME:
            raise KnowledgeBaseError(f"{directory}: not a scholargraph knowledge base")
        if manifest.get("format_version") != layout.FORMAT_VERSION:
            raise KnowledgeBaseError(
                f"{directory}: knowledge base format version {manifest.get('format_version')} is not "
                f"supported (this scholargraph reads version {layout.FORMAT_VERSION}); rebuild it with "
                "`scholargraph kb build`")
        return cls(directory, manifest)

    def __len__(self) -> int:
        """Number of entities."""
        return len(self._names)

    def __repr__(self) -> str:
        return f"KnowledgeBase({str(self.path)!r}, entities={len(self)}, version={self.version!r})"

    # ------------------------------------------------------------------------------------ entities

    def entity(self, entity_id: int) -> Entity:
        """The entity with this id (0 <= id < len(kb)); IndexError otherwise."""
        entity_id = int(entity_id)
        if not 0 <= entity_id < len(self._names):
            raise IndexError(f"no entity with id {entity_id}")
        name = self._names.restore_key(entity_id)
        label, description, types, aliases, abbreviations, related, _ = self._record(entity_id)
        resolved = (self._entity_id(r) for r in related)
        related_ids = tuple(i for i in resolved if i is not None and i != entity_id)
        return Entity(id=entity_id, name=name, uri=DBPEDIA_RESOURCE + name, label=label, types=types,
                      description=description, support=int(self._support[entity_id]), aliases=aliases,
                      abbreviations=abbreviations, related=tuple(dict.fromkeys(related_ids)))

    def _record(self, entity_id: int) -> tuple[str, str, tuple[str, ...], tuple[str, ...], tuple[str, ...],
                                               tuple[str, ...], tuple[str, ...]]:
        start = int(self._record_start[entity_id])
        return layout.decode_record(self._records[start:start + int(self._record_length[entity_id])])

    def _entity_id(self, name: str) -> int | None:
        entity_id = self._names.get(name)
        if entity_id is not None:
            return int(entity_id)
        redirect_id = self._redirects.get(name)
        if redirect_id is not None:
            target = int(self._redirect_target[redirect_id])
            return target if target >= 0 else None
        return None

    def entity_id(self, name: str) -> int | None:
        """Entity id of a resource name (or full DBpedia URI), following redirects; None if unknown."""
        if name.startswith(DBPEDIA_RESOURCE):
            name = name[len(DBPEDIA_RESOURCE):]
        return self._entity_id(name)

    def entity_by_name(self, name: str) -> Entity | None:
        """The entity a resource name (or URI) denotes, following redirects; None if unknown."""
        entity_id = self.entity_id(name)
        return None if entity_id is None else self.entity(entity_id)

    def resolve_redirect(self, name: str) -> str:
        """The canonical name a redirect points to; any other name is returned unchanged."""
        redirect_id = self._redirects.get(name)
        if redirect_id is None:
            return name
        target = int(self._redirect_target[redirect_id])
        return name if target < 0 else self._names.restore_key(target)

    def is_redirect(self, name: str) -> bool:
        """Whether the KB knows ``name`` as a redirect page."""
        return name in self._redirects

    def is_disambiguation_page(self, name: str) -> bool:
        """Whether ``name`` is a disambiguation page (never an entity)."""
        return name in self._disambiguations

    def related_names(self, entity_id: int) -> tuple[str, ...]:
        """Related names as the sources gave them (``Entity.related`` keeps only resolvable ones)."""
        return self._record(int(entity_id))[5]

    def disambiguation_pages(self, entity_id: int) -> tuple[str, ...]:
        """Names of the disambiguation pages that list this entity."""
        return self._record(int(entity_id))[6]

    def names(self) -> Iterator[str]:
        """All entity names (in trie order, not id order)."""
        return self._names.iterkeys()

    def redirect_names(self) -> Iterator[str]:
        """All redirect page names."""
        return self._redirects.iterkeys()

    # ------------------------------------------------------------------------------------ surfaces

    def candidates(self, surface: str) -> list[Candidate]:
        """Entities the surface form may refer to, most probable first ([] when unknown)."""
        key_id = self._surfaces.get(normalize_surface(surface))
        if key_id is None:
            return []
        return self._candidates_of_key(key_id)

    def _candidates_of_key(self, key_id: int) -> list[Candidate]:
        start = self._surface_start[key_id]
        end = start + self._surface_count[key_id]
        offsets = self._surface_offsets
        blob = self._surface_blob
        result = []
        position = offsets[start]
        i = start
        for entity_id, count, prior, flags in _CANDIDATE_RECORD.iter_unpack(
                self._candidate_bytes[start * _CANDIDATE_SIZE:end * _CANDIDATE_SIZE]):
            i += 1
            following = offsets[i]
            result.append(Candidate(entity_id, blob[position:following].decode(), count, prior,
                                    flags == _ABBREVIATION))
            position = following
        return result

    def link_probability(self, surface: str) -> float | None:
        """How often the surface form is a link where it occurs (Spotlight statistics); None if unknown."""
        key_id = self._surfaces.get(normalize_surface(surface))
        statistics = None if key_id is None else self.link_statistics(key_id)
        return None if statistics is None else statistics[0]

    def link_statistics(self, key_id: int) -> tuple[float, int] | None:
        """A surface key's link probability and the number of occurrences it was counted on
        (0 when the source did not say), by key id as the spotting index gives them; None if unknown."""
        value = float(self._link_probability[key_id])
        return None if math.isnan(value) else (value, int(self._link_total[key_id]))

    def surface_forms(self) -> Iterator[str]:
        """Every normalised surface key that has candidates."""
        return self._surfaces.iterkeys()

    def surface_trie(self) -> marisa_trie.Trie:
        """The memory-mapped trie of normalised surface keys (for prefix and spotting searches)."""
        return self._surfaces

    def surface_key(self, key_id: int) -> str:
        """The normalised surface key with this id (ids as in :attr:`spots`)."""
        return str(self._surfaces.restore_key(key_id))

    def candidates_for_key_id(self, key_id: int) -> list[Candidate]:
        """Candidates of the surface key with this id, most probable first."""
        return self._candidates_of_key(key_id)

    def candidates_for_key(self, key: str) -> list[Candidate]:
        """Like :meth:`candidates` for a key that is already normalised (skips normalisation)."""
        key_id = self._surfaces.get(key)
        return [] if key_id is None else self._candidates_of_key(key_id)

    @property
    def counts(self) -> dict[str, int]:
        """Entity, redirect, disambiguation-page, surface-form and candidate counts from the manifest."""
        return dict(self.manifest.get("counts", {}))
