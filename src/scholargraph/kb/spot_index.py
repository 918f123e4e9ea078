"""Reading the spotting index of a built KB (written by :mod:`.build_spots`): memory-mapped tries."""

from __future__ import annotations

import bisect
import json
from collections.abc import Iterator
from pathlib import Path

import marisa_trie

from scholargraph.errors import KnowledgeBaseError
from scholargraph.kb import layout
from scholargraph.kb.mapped import map_array, map_trie


class SpotIndex:
    """The KB's spotting forms: which forms start a window of text, and which surface keys they stand for."""

    def __init__(self, path: Path) -> None:
        """Open the index files in the KB directory ``path`` (called by the KB)."""
        try:
            info = json.loads((path / layout.SPOT_SHARDS).read_text(encoding="utf-8"))
            shards = info["shards"]
            self.longest_form = int(info["longest_form"])
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise KnowledgeBaseError(f"{path}: unreadable spotting index ({exc})") from None
        self._firsts = [str(shard["first"]) for shard in shards]
        self._offsets = [int(shard["offset"]) for shard in shards]
        self._tries: list[marisa_trie.Trie] = [map_trie(path / layout.spot_shard(i)) for i in range(len(shards))]
        self._key_start = map_array(path / layout.SPOT_KEY_START, layout.SPOT_KEY_START_DTYPE)
        self._key_count = map_array(path / layout.SPOT_KEY_COUNT, layout.SPOT_KEY_COUNT_DTYPE)
        self._keys = map_array(path / layout.SPOT_KEYS, layout.SPOT_KEYS_DTYPE)
        self._inflected = map_array(path / layout.SPOT_INFLECTED, layout.SPOT_INFLECTED_DTYPE)
        self._size = sum(len(trie) for trie in self._tries)
        if not (len(self._key_start) == len(self._key_count) == len(self._inflected) == self._size):
            raise KnowledgeBaseError(f"{path}: spotting index files do not fit together (corrupt build?)")

    def __len__(self) -> int:
        """Number of spotting forms."""
        return self._size

    def forms(self) -> Iterator[tuple[int, str]]:
        """Every (form id, form), shard by shard (for building an in-memory automaton)."""
        for offset, trie in zip(self._offsets, self._tries, strict=True):
            for local_id in range(len(trie)):
                yield offset + local_id, trie.restore_key(local_id)

    def prefixes(self, window: str) -> list[tuple[int, int]]:
        """(form id, form length) of every form that ``window`` starts with."""
        shard = bisect.bisect_right(self._firsts, window[:2]) - 1
        if shard < 0:
            return []
        offset = self._offsets[shard]
        return [(offset + local_id, len(form)) for form, local_id in self._tries[shard].iter_prefixes_with_ids(window)]

    def key_ids(self, form_id: int) -> tuple[int, ...]:
        """Ids of the surface keys a form stands for."""
        start = int(self._key_start[form_id])
        return tuple(int(k) for k in self._keys[start:start + int(self._key_count[form_id])])

    def inflected(self, form_id: int) -> bool:
        """True when the form matches its keys only as a plural or hyphen/space variant."""
        return bool(self._inflected[form_id])
