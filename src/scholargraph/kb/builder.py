"""Build a knowledge base directory from DBpedia dumps, Spotlight wikistats and starter files.

Three streaming phases, each bounded in memory by external sorting:

1. import: every source emits entity facts (keyed by resource name) and surface facts (keyed by
   normalised surface form) into two external sorters;
2. entities: merged entity facts, one resource at a time, become entity records, redirects or
   disambiguation pages; the entity-name trie fixes the dense entity ids;
3. surfaces: merged surface facts, one key at a time, become candidate lists with counts and priors
   (targets are resolved through redirects) and the key's link probability.

Everything is written into a temporary directory next to the target, which replaces the target only
when complete: an interrupted or failed build leaves the previous KB as it was.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import math
import os
import re
import shutil
import tempfile
import uuid
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import groupby
from pathlib import Path
from typing import IO, Any

import marisa_trie
import numpy as np

from scholargraph import __version__
from scholargraph.errors import InputError
from scholargraph.kb import layout
from scholargraph.kb.extsort import unescape
from scholargraph.kb.facts import OBSERVED, SURFACE_RANK, SYNTHETIC_WEIGHT, FactSink, SurfaceFact
from scholargraph.kb.import_rdf import import_rdf
from scholargraph.kb.import_starter import import_starter
from scholargraph.kb.import_wikistats import import_wikistats
from scholargraph.kb.normalize import disambiguation_surface, looks_like_abbreviation, name_to_label
from scholargraph.kb.progress import BuildProgress
from scholargraph.kb.sources import Source, SourceKind, expand_sources, open_source

MAX_REDIRECT_ALIASES = 32
MAX_REDIRECT_CHAIN = 10
MAX_DESCRIPTION = 400
_CANDIDATE_CHUNK = 200_000
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")

Importer = Callable[[Source, IO[bytes], FactSink], int]
_IMPORTERS: dict[SourceKind, Importer] = {
    SourceKind.N_TRIPLES: import_rdf,
    SourceKind.TURTLE: import_rdf,
    SourceKind.PAIR_COUNTS: import_wikistats,
    SourceKind.SF_AND_TOTAL_COUNTS: import_wikistats,
    SourceKind.URI_COUNTS: import_wikistats,
    SourceKind.STARTER: import_starter,
}


def build_kb(sources: Sequence[str | Path], output: str | Path, *, progress: bool = False,
             replace: bool = True, chunk_lines: int = 400_000) -> Path:
    """Build a KB from ``sources`` into the directory ``output``; return its path.

    ``replace=False`` keeps an existing KB at ``output`` (used when two processes race to build the
    same cache entry). Raises InputError for unusable sources or an ``output`` that is not a KB.
    """
    target = Path(output).absolute()
    _check_target(target)
    found = expand_sources(sources)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
    try:
        with BuildProgress(progress) as bars:
            _build_into(staging, found, bars, chunk_lines)
        _install(staging, target, replace)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def _check_target(target: Path) -> None:
    if target.exists():
        if not target.is_dir():
            raise InputError(f"{target}: exists and is not a directory")
        if any(target.iterdir()) and not (target / layout.MANIFEST).is_file():
            raise InputError(f"{target}: not empty and not a knowledge base; refusing to overwrite it")


def _install(staging: Path, target: Path, replace: bool) -> None:
    """Move the finished build into place; the previous KB stays intact until the last moment."""
    if not target.exists():
        try:
            os.rename(staging, target)
            return
        except OSError:
            if not target.exists():
                raise
            # Another process installed the same target meanwhile.
    if not replace:
        shutil.rmtree(staging, ignore_errors=True)
        return
    if target.is_dir() and not any(target.iterdir()):
        target.rmdir()
        os.rename(staging, target)
        return
    retired = target.parent / f".{target.name}.old-{uuid.uuid4().hex[:8]}"
    os.rename(target, retired)
    try:
        os.rename(staging, target)
    except BaseException:
        os.rename(retired, target)
        raise
    shutil.rmtree(retired, ignore_errors=True)


def _build_into(staging: Path, sources: list[Source], bars: BuildProgress,
                chunk_lines: int) -> dict[str, Any]:
    work = staging / "_work"
    work.mkdir()
    sink = FactSink(work, chunk_lines)
    source_info = [_import_source(source, sink, bars) for source in sources]
    entities = _build_entities(staging, work, sink, bars)
    surfaces = _build_surfaces(staging, sink, entities, bars)
    shutil.rmtree(work)
    counts = {
        "entities": entities.count,
        "redirects": entities.redirect_count,
        "disambiguation_pages": entities.disambiguation_count,
        "surface_forms": surfaces["surface_forms"],
        "candidates": surfaces["candidates"],
    }
    manifest = {
        "format": layout.FORMAT_NAME,
        "format_version": layout.FORMAT_VERSION,
        "kb_version": _content_hash(staging),
        "built_at": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "builder": f"scholargraph {__version__}",
        "counts": counts,
        "sources": source_info,
    }
    (staging / layout.MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n",
                                           encoding="utf-8")
    return manifest


def _import_source(source: Source, sink: FactSink, bars: BuildProgress) -> dict[str, Any]:
    size = source.path.stat().st_size
    task = bars.task(f"reading {source.path.name}", size)
    with open_source(source, lambda n: bars.advance(task, n)) as (stream, checksum):
        records = _IMPORTERS[source.kind](source, stream, sink)
        digest = checksum()
    bars.finish(task)
    return {"path": str(source.path.absolute()), "kind": source.kind.value,
            "compression": source.compression or "none", "bytes": size, "sha256": digest,
            "records": records}


# ----------------------------------------------------------------------------------------- entities

class _EntityTables:
    """What phase 2 leaves for phase 3: the name tries, redirect targets and support per entity."""

    def __init__(self, names: marisa_trie.Trie, redirects: marisa_trie.Trie, redirect_target: np.ndarray,
                 support: np.ndarray, disambiguation_count: int) -> None:
        self.names = names
        self.redirects = redirects
        self.redirect_target = redirect_target
        self.support = support
        self.count = len(names)
        self.redirect_count = len(redirects)
        self.disambiguation_count = disambiguation_count

    def resolve(self, name: str) -> int:
        """Entity id of a name, following redirects; -1 when it is no entity."""
        entity_id = self.names.get(name)
        if entity_id is not None:
            return int(entity_id)
        redirect_id = self.redirects.get(name)
        if redirect_id is not None:
            return int(self.redirect_target[redirect_id])
        return -1


def _grouped(lines: Iterator[str]) -> Iterator[tuple[str, list[str]]]:
    for key, group in groupby(lines, key=lambda line: line[: line.index("\t")]):
        yield key, list(group)


def _short_description(text: str) -> str:
    if len(text) <= MAX_DESCRIPTION:
        return text
    sentences = _SENTENCE_END.split(text)
    out = sentences[0]
    for sentence in sentences[1:]:
        if len(out) + 1 + len(sentence) > MAX_DESCRIPTION:
            break
        out = f"{out} {sentence}"
    return out if len(out) <= MAX_DESCRIPTION else out[: MAX_DESCRIPTION - 1].rstrip() + "…"


def _unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        cleaned = layout.clean_field(item).strip()
        if cleaned:
            seen.setdefault(cleaned, None)
    return list(seen)


def _build_entities(staging: Path, work: Path, sink: FactSink, bars: BuildProgress) -> _EntityTables:
    names_path, redirects_path, pages_path = work / "names.txt", work / "redirects.tsv", work / "pages.txt"
    record_start, record_length, support_sorted = array("Q"), array("I"), array("q")
    offset = 0
    disambiguation_count = 0
    task = bars.task("entities", sink.entities.lines)
    with (names_path.open("w", encoding="utf-8") as names_out,
          redirects_path.open("w", encoding="utf-8") as redirects_out,
          pages_path.open("w", encoding="utf-8") as pages_out,
          (staging / layout.ENTITY_RECORDS).open("wb") as records_out):
        for name, lines in _grouped(sink.entities.merged()):
            bars.advance(task, len(lines))
            facts: dict[str, list[str]] = {}
            for line in lines:
                _, kind, payload = line.split("\t", 2)
                facts.setdefault(kind, []).append(unescape(payload))
            label = facts["L"][0] if "L" in facts else name_to_label(name)
            if "R" in facts:
                target = facts["R"][0]
                redirects_out.write(f"{name}\t{target}\n")
                sink.surface(label, target, SurfaceFact.REDIRECT)
                continue
            if "D" in facts:
                pages_out.write(name + "\n")
                disambiguation_count += 1
                surface = disambiguation_surface(label)
                for target in facts["D"]:
                    sink.surface(surface, target, SurfaceFact.DISAMBIGUATION)
                continue
            record, support = _entity_record(name, facts, sink)
            names_out.write(name + "\n")
            records_out.write(record)
            record_start.append(offset)
            record_length.append(len(record))
            support_sorted.append(support)
            offset += len(record)
    bars.finish(task)

    names = _trie_from_lines(names_path, staging / layout.NAMES)
    order = np.fromiter((names[name] for name in _lines(names_path)), dtype=np.int64, count=len(names))
    for values, dtype, file_name in ((record_start, layout.RECORD_START_DTYPE, layout.ENTITY_RECORD_START),
                                     (record_length, layout.RECORD_LENGTH_DTYPE, layout.ENTITY_RECORD_LENGTH),
                                     (support_sorted, layout.SUPPORT_DTYPE, layout.ENTITY_SUPPORT)):
        by_id = np.empty(len(names), dtype=dtype)
        by_id[order] = np.frombuffer(values, dtype=values.typecode).astype(dtype) if len(values) else []
        by_id.tofile(staging / file_name)
    support_by_id = np.fromfile(staging / layout.ENTITY_SUPPORT, dtype=layout.SUPPORT_DTYPE)
    del order, record_start, record_length, support_sorted

    redirects = _trie_from_lines(redirects_path, staging / layout.REDIRECTS, column=0)
    redirect_target = _resolve_redirects(redirects_path, names, redirects)
    redirect_target.tofile(staging / layout.REDIRECT_TARGET)
    _trie_from_lines(pages_path, staging / layout.DISAMBIGUATIONS)
    return _EntityTables(names, redirects, redirect_target, support_by_id, disambiguation_count)


def _entity_record(name: str, facts: dict[str, list[str]], sink: FactSink) -> tuple[bytes, int]:
    """Merge the facts about one entity into its record; emit its own surface forms."""
    starter: dict[str, Any] = json.loads(facts["S"][0]) if "S" in facts else {}
    dump_label = facts["L"][0] if "L" in facts else name_to_label(name)
    label = layout.clean_field(starter.get("label") or dump_label)
    description = starter.get("description") or (facts["C"][0] if "C" in facts else
                                                 _short_description(facts["A"][0]) if "A" in facts else "")
    types = _unique(starter.get("types") or facts.get("T", []))
    redirect_labels = [name_to_label(source) for source in facts.get("r", [])[:MAX_REDIRECT_ALIASES]]
    aliases = _unique([*starter.get("aliases", []), *redirect_labels])
    abbreviations = _unique(starter.get("abbreviations", []))
    related = _unique(starter.get("related", []))
    pages = _unique(facts.get("d", []))
    if "U" in facts:
        support = sum(int(v) for v in facts["U"])
    elif starter:
        support = int(starter.get("popularity", 0))
    elif "P" in facts:
        support = sum(int(v) for v in facts["P"])
    else:
        support = len(facts.get("N", []))
    sink.surface(label, name, SurfaceFact.LABEL)
    for alias in starter.get("aliases", []):
        sink.surface(alias, name, SurfaceFact.ALIAS)
    for abbreviation in abbreviations:
        sink.surface(abbreviation, name, SurfaceFact.ABBREVIATION)
    record = layout.encode_record(label, layout.clean_field(description), types, aliases, abbreviations,
                                  related, pages)
    return record, support


def _lines(path: Path) -> Iterator[str]:
    with path.open("r", encoding="utf-8", newline="\n") as f:
        for line in f:
            yield line[:-1]


def _trie_from_lines(path: Path, out: Path, column: int | None = None) -> marisa_trie.Trie:
    keys = _lines(path) if column is None else (line.split("\t")[column] for line in _lines(path))
    trie = marisa_trie.Trie(keys)
    trie.save(str(out))
    return trie


def _resolve_redirects(path: Path, names: marisa_trie.Trie, redirects: marisa_trie.Trie) -> np.ndarray:
    """Entity id of each redirect's final target (chains followed, cycles and dangling ones -> -1)."""
    target = np.full(len(redirects), -1, dtype=layout.REDIRECT_DTYPE)
    via = np.full(len(redirects), -1, dtype=np.int64)
    for line in _lines(path):
        source, destination = line.split("\t")
        redirect_id = redirects[source]
        entity_id = names.get(destination)
        if entity_id is not None:
            target[redirect_id] = entity_id
        else:
            next_redirect = redirects.get(destination)
            if next_redirect is not None:
                via[redirect_id] = next_redirect
    for _ in range(MAX_REDIRECT_CHAIN):
        open_ = (target < 0) & (via >= 0)
        if not open_.any():
            break
        hops = via[open_]
        target[open_] = target[hops]
        via[open_] = np.where(target[hops] >= 0, -1, via[hops])
    return target


# ----------------------------------------------------------------------------------------- surfaces

class _Candidate:
    __slots__ = ("observed", "weight", "rank", "surface", "abbreviation")

    def __init__(self) -> None:
        self.observed = 0
        self.weight = 0.0
        self.rank = 99
        self.surface = ""
        self.abbreviation = False


def _build_surfaces(staging: Path, sink: FactSink, entities: _EntityTables,
                    bars: BuildProgress) -> dict[str, int]:
    keys_path = staging / "_work" / "keys.txt"
    starts, counts, link_probability = array("Q"), array("I"), array("f")
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
        for key, lines in _grouped(sink.surfaces.merged()):
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
            scored = _score(by_entity, support)
            keys_out.write(key + "\n")
            starts.append(total_candidates)
            counts.append(len(scored))
            link_probability.append(min(linked / total, 1.0) if total > 0 else math.nan)
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

    trie = _trie_from_lines(keys_path, staging / layout.SURFACES)
    order = np.fromiter((trie[key] for key in _lines(keys_path)), dtype=np.int64, count=len(trie))
    for values, dtype, file_name in ((starts, layout.SURFACE_START_DTYPE, layout.SURFACE_START),
                                     (counts, layout.SURFACE_COUNT_DTYPE, layout.SURFACE_COUNT),
                                     (link_probability, layout.LINK_PROBABILITY_DTYPE,
                                      layout.SURFACE_LINK_PROBABILITY)):
        by_id = np.empty(len(trie), dtype=dtype)
        if len(values):
            by_id[order] = np.frombuffer(values, dtype=values.typecode).astype(dtype)
        by_id.tofile(staging / file_name)
    return {"surface_forms": len(trie), "candidates": total_candidates}


def _score(by_entity: dict[int, _Candidate], support: np.ndarray) -> list[tuple[int, int, float, _Candidate]]:
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


def _content_hash(staging: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in staging.iterdir() if p.is_file() and p.name != layout.MANIFEST):
        digest.update(path.name.encode() + b"\0")
        with path.open("rb") as f:
            while chunk := f.read(1 << 20):
                digest.update(chunk)
    return digest.hexdigest()[:16]

