"""Phase 4 of a build: the spotting index, so the linker needs no start-up work at any KB size.

Every surface key gives its spotting forms (:func:`scholargraph.folding.spot_forms`: the key,
its plural and its hyphen/space variants, folded the way spotted text is folded). The forms go
through an external sort; each distinct form then gets the surface keys it stands for and an
'inflected' flag (false when any key matches it exactly: "data" is not the plural of "datum").

Forms are stored in marisa tries cut into shards of at most ``shard_size`` forms, each shard
holding a range of forms that share their first two characters, so a build never holds more
than one shard in memory, and a lookup knows its shard from the text's first two characters.
A form's global id is its shard's offset plus its id in the shard trie; per global id,
``spot_key_start``/``spot_key_count`` point into ``spot_keys`` (surface-key ids) and
``spot_inflected`` holds the flag.
"""

from __future__ import annotations

import json
from array import array
from collections.abc import Iterator
from pathlib import Path

import marisa_trie
import numpy as np

from scholargraph.folding import spot_forms
from scholargraph.kb import layout
from scholargraph.kb.extsort import ExternalSorter
from scholargraph.kb.merge import grouped, read_lines, trie_from_lines
from scholargraph.kb.progress import BuildProgress

DEFAULT_SHARD_SIZE = 2_000_000


def build_spots(staging: Path, work: Path, surfaces: marisa_trie.Trie, bars: BuildProgress,
                chunk_lines: int, shard_size: int | None = None) -> dict[str, int]:
    """Write the spotting index into ``staging`` (shards of ``shard_size`` forms, default
    :data:`DEFAULT_SHARD_SIZE`); return its counts."""
    shard_size = shard_size or DEFAULT_SHARD_SIZE
    sorter = ExternalSorter(work, "spots", chunk_lines)
    task = bars.task("spotting forms", len(surfaces))
    for key_id in range(len(surfaces)):
        for form, inflected in spot_forms(surfaces.restore_key(key_id)):
            sorter.add(f"{form}\t{key_id}\t{1 if inflected else 0}")
        if key_id % 10_000 == 0:
            bars.advance(task, min(10_000, len(surfaces) - key_id))
    bars.finish(task)

    shards: list[dict[str, object]] = []
    key_start, key_count, inflected_flags = array("I"), array("H"), array("B")
    total_keys = 0
    longest = 0
    # A shard's forms go to a file, not a list: the trie is built from it and it is read again
    # for the id order, so memory holds one shard's trie and three small columns at most.
    shard_path = work / "spots-shard.txt"
    shard_out = shard_path.open("w", encoding="utf-8", newline="\n")
    shard_forms, shard_first, last_form = 0, "", ""
    with (staging / layout.SPOT_KEYS).open("wb") as keys_out:
        for form, lines in grouped(sorter.merged()):
            if shard_forms >= shard_size and form[:2] != last_form[:2]:
                shard_out.close()
                _write_shard(staging, shards, shard_path, shard_first, shard_forms, key_start, key_count,
                             inflected_flags)
                shard_out = shard_path.open("w", encoding="utf-8", newline="\n")
                shard_forms = 0
                key_start, key_count, inflected_flags = array("I"), array("H"), array("B")
            if shard_forms == 0:
                shard_first = form[:2]
            key_ids = sorted({int(line.split("\t")[1]) for line in lines})[:65_535]
            array("I", key_ids).tofile(keys_out)
            shard_out.write(form + "\n")
            shard_forms += 1
            last_form = form
            key_start.append(total_keys)
            key_count.append(len(key_ids))
            inflected_flags.append(1 if all(line.endswith("\t1") for line in lines) else 0)
            total_keys += len(key_ids)
            longest = max(longest, len(form))
        shard_out.close()
        if shard_forms or not shards:
            _write_shard(staging, shards, shard_path, shard_first, shard_forms, key_start, key_count,
                         inflected_flags)
    _concatenate_columns(staging, len(shards))
    (staging / layout.SPOT_SHARDS).write_text(
        json.dumps({"longest_form": longest, "shards": shards}, indent=1) + "\n", encoding="utf-8")
    return {"spot_forms": sum(int(str(s["forms"])) for s in shards)}


def _write_shard(staging: Path, shards: list[dict[str, object]], forms_path: Path, first: str, count: int,
                 key_start: array[int], key_count: array[int], inflected: array[int]) -> None:
    """Save one shard trie and its columns, reordered from sorted order into trie-id order."""
    index = len(shards)
    offset = sum(int(str(s["forms"])) for s in shards)
    trie = trie_from_lines(forms_path, staging / layout.spot_shard(index))
    order = np.fromiter((trie[form] for form in read_lines(forms_path)), dtype=np.int64, count=count)
    for values, dtype, name in ((key_start, layout.SPOT_KEY_START_DTYPE, layout.SPOT_KEY_START),
                                (key_count, layout.SPOT_KEY_COUNT_DTYPE, layout.SPOT_KEY_COUNT),
                                (inflected, layout.SPOT_INFLECTED_DTYPE, layout.SPOT_INFLECTED)):
        by_id = np.empty(count, dtype=dtype)
        if len(values):
            by_id[order] = np.frombuffer(values, dtype=values.typecode).astype(dtype)
        by_id.tofile(staging / f"_{name}.{index:03d}")
    shards.append({"first": first, "offset": offset, "forms": count})


def _concatenate_columns(staging: Path, shard_count: int) -> None:
    for name in (layout.SPOT_KEY_START, layout.SPOT_KEY_COUNT, layout.SPOT_INFLECTED):
        with (staging / name).open("wb") as out:
            for part in _parts(staging, name, shard_count):
                out.write(part.read_bytes())
                part.unlink()


def _parts(staging: Path, name: str, shard_count: int) -> Iterator[Path]:
    for index in range(shard_count):
        yield staging / f"_{name}.{index:03d}"
