"""Phase 3 of a build: merged surface facts become candidate lists with counts, priors, link probability.

Facts arrive grouped by normalised surface key; targets are resolved through redirects; counts follow
the rule in :func:`score`. Candidate records and their original-case surfaces are appended to the
candidate files; the surface-key trie then fixes each key's id.
"""

from __future__ import annotations

import math
from array import array
from pathlib import Path
from typing import Any

import numpy as np

from scholargraph.kb import layout
from scholargraph.kb.build_entities import EntityTables
from scholargraph.kb.extsort import unescape
from scholargraph.kb.facts import OBSERVED, SURFACE_RANK, SYNTHETIC_WEIGHT, FactSink, SurfaceFact
from scholargraph.kb.merge import grouped, read_lines, trie_from_lines
from scholargraph.kb.normalize import looks_like_abbreviation
from scholargraph.kb.progress import BuildProgress

_CANDIDATE_CHUNK = 200_000
_MAX_TOTAL = 2**32 - 1  # occurrences are stored as uint32


class _Candidate:
    """Evidence gathered for one (surface key, entity) pair while its facts are merged."""

    __slots__ = ("observed", "weight", "rank", "surface", "abbreviation")

    def __init__(self) -> None:
        self.observed = 0
        self.weight = 0.0
        self.rank = 99
        self.surface = ""
        self.abbreviation = False


def build_surfaces(staging: Path, sink: FactSink, entities: EntityTables,
                    bars: BuildProgress) -> dict[str, Any]:
    """Write the surface-key trie and candidate files into ``staging``; return their counts and
    (as ``trie``) the surface-key trie."""
    keys_path = staging / "_work" / "keys.txt"
    starts, counts, link_probability, link_total = array("Q"), array("I"), array("f"), array("I")
    offsets = array("Q", [0])
    blob_offset = 0
    rows: list[tuple[int, int, float, int]] = []
    total_candidates = 0
    task = bars.task("surface forms", sink.surfaces.lines)
    support = entities.support
    with (keys_path.open("w", encoding="utf-8") as keys_out,
          (staging / layout.CANDIDATES).open("wb") as candidates_out,
          (staging / layout.CANDIDATE_SURFACES).open("wb") as blob_out,
          (staging / layout.CANDIDATE_SURFACE_OFFSETS).open("wb") as offsets_out):
        for key, lines in grouped(sink.surfaces.merged()):
            bars.advance(task, len(lines))
            by_entity: dict[int, _Candidate] = {}
            linked = total = 0
            last_name, last_id = "", -1
            for line in lines:
                _, name, kind, number, original = line.split("\t", 4)
                if kind == SurfaceFact.LINK_STATS.value:
                    linked += int(number)
                    total += max(int(original), 0)
                    continue
                if name != last_name:
                    last_name, last_id = name, entities.resolve(name)
                if last_id < 0:
                    continue
                candidate = by_entity.get(last_id)
                if candidate is None:
                    candidate = by_entity[last_id] = _Candidate()
                original = unescape(original)
                if kind in OBSERVED:
                    candidate.observed += int(number)
                else:
                    candidate.weight = max(candidate.weight, SYNTHETIC_WEIGHT[kind])
                rank = SURFACE_RANK[kind]
                if rank < candidate.rank:
                    candidate.rank, candidate.surface = rank, original
                if kind == SurfaceFact.ABBREVIATION.value or (
                        kind not in ("l", "s") and looks_like_abbreviation(original)):
                    candidate.abbreviation = True
            if not by_entity:
                continue
            scored = score(by_entity, support)
            keys_out.write(key + "\n")
            starts.append(total_candidates)
            counts.append(len(scored))
            link_probability.append(min(linked / total, 1.0) if total > 0 else math.nan)
            link_total.append(min(total, _MAX_TOTAL))
            for entity_id, count, prior, candidate in scored:
                flags = layout.FLAG_ABBREVIATION if candidate.abbreviation else 0
                rows.append((entity_id, count, prior, flags))
                encoded = candidate.surface.encode("utf-8")
                blob_out.write(encoded)
                blob_offset += len(encoded)
                offsets.append(blob_offset)
            total_candidates += len(scored)
            if len(rows) >= _CANDIDATE_CHUNK:
                np.array(rows, dtype=layout.CANDIDATE_DTYPE).tofile(candidates_out)
                np.frombuffer(offsets, dtype=np.uint64).astype(layout.OFFSET_DTYPE).tofile(offsets_out)
                rows, offsets = [], array("Q")
        if rows:
            np.array(rows, dtype=layout.CANDIDATE_DTYPE).tofile(candidates_out)
        if offsets:
            np.frombuffer(offsets, dtype=np.uint64).astype(layout.OFFSET_DTYPE).tofile(offsets_out)
    bars.finish(task)

    trie = trie_from_lines(keys_path, staging / layout.SURFACES)
    order = np.fromiter((trie[key] for key in read_lines(keys_path)), dtype=np.int64, count=len(trie))
    for values, dtype, file_name in ((starts, layout.SURFACE_START_DTYPE, layout.SURFACE_START),
                                     (counts, layout.SURFACE_COUNT_DTYPE, layout.SURFACE_COUNT),
                                     (link_probability, layout.LINK_PROBABILITY_DTYPE,
                                      layout.SURFACE_LINK_PROBABILITY),
                                     (link_total, layout.LINK_TOTAL_DTYPE, layout.SURFACE_LINK_TOTAL)):
        by_id = np.empty(len(trie), dtype=dtype)
        if len(values):
            by_id[order] = np.frombuffer(values, dtype=values.typecode).astype(dtype)
        by_id.tofile(staging / file_name)
    return {"surface_forms": len(trie), "candidates": total_candidates, "trie": trie}


def score(by_entity: dict[int, _Candidate], support: np.ndarray) -> list[tuple[int, int, float, _Candidate]]:
    """Counts and priors of one surface form's candidates, most likely first.

    Observed link counts (pairCounts, anchor texts) are used as they are; a candidate that only a
    synthetic source names gets a pseudo-count of 1 next to observed ones. Without observed counts,
    count = max(1, round(weight * support)) with the weights in :data:`SYNTHETIC_WEIGHT`.
    """
    observed_any = any(c.observed for c in by_entity.values())
    counted: list[tuple[int, int, _Candidate]] = []
    for entity_id, candidate in by_entity.items():
        synthetic = max(1, round(candidate.weight * int(support[entity_id])))
        counted.append((entity_id, (candidate.observed or 1) if observed_any else synthetic, candidate))
    total = sum(count for _, count, _ in counted)
    counted.sort(key=lambda item: (-item[1], item[0]))
    return [(entity_id, count, count / total, candidate) for entity_id, count, candidate in counted]
