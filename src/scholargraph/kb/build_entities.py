"""Phase 2 of a build: merged entity facts become entity records, redirects and disambiguation pages.

Facts arrive grouped by resource name. A name with a redirect fact is a redirect, one with a
"disambiguates" fact a disambiguation page, any other name an entity. The entity-name trie fixes the
dense entity ids (a name's trie id is its entity id). Surface facts for labels, aliases, abbreviations,
redirect titles and disambiguation titles are emitted here for phase 3.
"""

from __future__ import annotations

import json
import re
from array import array
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import marisa_trie
import numpy as np

from scholargraph.kb import layout
from scholargraph.kb.extsort import unescape
from scholargraph.kb.facts import FactSink, SurfaceFact
from scholargraph.kb.merge import grouped, read_lines, trie_from_lines
from scholargraph.kb.normalize import disambiguation_surface, name_to_label
from scholargraph.kb.progress import BuildProgress

MAX_REDIRECT_ALIASES = 32
MAX_REDIRECT_CHAIN = 10
MAX_DESCRIPTION = 400
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


class EntityTables:
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


def build_entities(staging: Path, work: Path, sink: FactSink, bars: BuildProgress) -> EntityTables:
    """Write the entity, redirect and disambiguation files into ``staging``; return the tables phase 3 needs."""
    names_path, redirects_path, pages_path = work / "names.txt", work / "redirects.tsv", work / "pages.txt"
    record_start, record_length, support_sorted = array("Q"), array("I"), array("q")
    offset = 0
    disambiguation_count = 0
    task = bars.task("entities", sink.entities.lines)
    with (names_path.open("w", encoding="utf-8") as names_out,
          redirects_path.open("w", encoding="utf-8") as redirects_out,
          pages_path.open("w", encoding="utf-8") as pages_out,
          (staging / layout.ENTITY_RECORDS).open("wb") as records_out):
        for name, lines in grouped(sink.entities.merged()):
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

    names = trie_from_lines(names_path, staging / layout.NAMES)
    order = np.fromiter((names[name] for name in read_lines(names_path)), dtype=np.int64, count=len(names))
    for values, dtype, file_name in ((record_start, layout.RECORD_START_DTYPE, layout.ENTITY_RECORD_START),
                                     (record_length, layout.RECORD_LENGTH_DTYPE, layout.ENTITY_RECORD_LENGTH),
                                     (support_sorted, layout.SUPPORT_DTYPE, layout.ENTITY_SUPPORT)):
        by_id = np.empty(len(names), dtype=dtype)
        by_id[order] = np.frombuffer(values, dtype=values.typecode).astype(dtype) if len(values) else []
        by_id.tofile(staging / file_name)
    support_by_id = np.fromfile(staging / layout.ENTITY_SUPPORT, dtype=layout.SUPPORT_DTYPE)
    del order, record_start, record_length, support_sorted

    redirects = trie_from_lines(redirects_path, staging / layout.REDIRECTS, column=0)
    redirect_target = _resolve_redirects(redirects_path, names, redirects)
    redirect_target.tofile(staging / layout.REDIRECT_TARGET)
    trie_from_lines(pages_path, staging / layout.DISAMBIGUATIONS)
    return EntityTables(names, redirects, redirect_target, support_by_id, disambiguation_count)


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


def _resolve_redirects(path: Path, names: marisa_trie.Trie, redirects: marisa_trie.Trie) -> np.ndarray:
    """Entity id of each redirect's final target (chains followed, cycles and dangling ones -> -1)."""
    target = np.full(len(redirects), -1, dtype=layout.REDIRECT_DTYPE)
    via = np.full(len(redirects), -1, dtype=np.int64)
    for line in read_lines(path):
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
