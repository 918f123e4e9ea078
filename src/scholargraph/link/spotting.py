"""Spotting: find every span of a text that is one of the knowledge base's surface forms.

The KB ships a spotting index (:mod:`scholargraph.kb.spot_index`): each surface key's forms,
plural and hyphen/space variants included, folded like :func:`scholargraph.folding.spot_text`
folds the text, so every boundary between words is a space and a form (which ends in a space)
only matches whole words.  Two ways to search it, with the same results:

- ``automaton``: one Aho–Corasick automaton (ahocorasick-rs) over all forms, built at start-up;
  fastest, but it lives in memory, so it is the choice for KBs of up to a million forms;
- ``trie``: at each word start, the memory-mapped tries list the forms the text continues
  with; no start-up work and no memory of its own, for DBpedia-scale KBs.

Spans may not fall inside URLs, DOIs, e-mail addresses or citation markers.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from typing import Literal, NamedTuple

import ahocorasick_rs

from ..folding import spot_text
from ..kb.spot_index import SpotIndex

#: Up to this many forms the automaton is built; above it the memory-mapped tries are searched.
AUTOMATON_LIMIT = 1_000_000

# Zones no mention may touch, each with a substring the text must contain for the pattern to
# be worth running (most abstracts have none of them; a pattern that starts with a literal
# is found quickly, so word-boundary checks that would hide the literal are left out).
_SKIP_ZONES = [
    ("://", re.compile(r"https?://\S+", re.IGNORECASE)),  # URLs
    ("www.", re.compile(r"www\.\S+", re.IGNORECASE)),
    ("10.", re.compile(r"10\.\d{4,9}/\S+")),  # DOIs
    ("@", re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")),  # e-mail addresses
    ("^{", re.compile(r"\^\{[^}\n]{0,40}\}")),  # ^{17–22} citation markers
    ("[", re.compile(r"\[\d[\d,\s\u2013-]{0,40}\]")),  # [3], [4-6] citation markers
]
# In spotted text a word starts at a letter or digit after a space (or at the start).
_WORD_START = re.compile(r"(?<![^ ])[^ -]")

Backend = Literal["auto", "automaton", "trie"]


class Spot(NamedTuple):
    """A span of the text that matches one of the KB's spotting forms."""

    start: int
    end: int
    form: int


class Spotter:
    """Finds the KB's spotting forms in texts."""

    def __init__(self, index: SpotIndex, backend: Backend = "auto") -> None:
        self.index = index
        self.size = len(index)
        if backend == "auto":
            backend = "automaton" if self.size <= AUTOMATON_LIMIT else "trie"
        self.backend = backend
        self._window = index.longest_form + 1
        self._automaton: ahocorasick_rs.AhoCorasick | None = None
        self._pattern_forms: list[int] = []
        if backend == "automaton" and self.size:
            patterns = []
            for form_id, form in index.forms():
                self._pattern_forms.append(form_id)
                patterns.append(" " + form)  # the leading space: a word boundary before the form
            self._automaton = ahocorasick_rs.AhoCorasick(patterns)
        self._forms: dict[int, tuple[tuple[int, ...], bool]] = {}

    def form_keys(self, form: int) -> tuple[tuple[int, ...], bool]:
        """The surface-key ids a spotting form stands for, and whether it is an inflected variant."""
        found = self._forms.get(form)
        if found is None:
            if len(self._forms) > 500_000:
                self._forms.clear()
            found = self._forms[form] = (self.index.key_ids(form), self.index.inflected(form))
        return found

    def spots(self, text: str, skip: Iterable[tuple[int, int]] = ()) -> list[Spot]:
        """All whole-word matches in ``text`` (overlapping ones included), ordered by start, longest first."""
        if not text or self.size == 0:
            return []
        spotted = spot_text(text)
        # Matches as (start, -end, form): plain tuple order is then the order we want.
        if self._automaton is not None:
            # In " " + spotted + " " a match of " form " covers [start, end): the word is [start, end - 2).
            forms = self._pattern_forms
            matches = [(start, 2 - end, forms[pattern]) for pattern, start, end
                       in self._automaton.find_matches_as_indexes(" " + spotted + " ", overlapping=True)]
        else:
            padded = spotted + " "
            prefixes = self.index.prefixes
            window = self._window
            matches = []
            for word in _WORD_START.finditer(spotted):
                start = word.start()
                for form, length in prefixes(padded[start:start + window]):
                    matches.append((start, 1 - start - length, form))
        zones = list(skip)
        lowered = text.lower()
        for marker, pattern in _SKIP_ZONES:
            if marker in lowered:
                zones.extend((m.start(), m.end()) for m in pattern.finditer(text))
        if zones:
            blocked = _Zones(sorted(zones))
            matches = [m for m in matches if not blocked.overlaps(m[0], -m[1])]
        matches.sort()
        return [Spot(start, -negative_end, form) for start, negative_end, form in matches]


class _Zones:
    """Sorted spans with a running maximum of their ends, for O(log n) overlap tests."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.starts = [s for s, _ in spans]
        self.max_end: list[int] = []
        running = -1
        for _, end in spans:
            running = max(running, end)
            self.max_end.append(running)

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect.bisect_left(self.starts, end)
        return index > 0 and self.max_end[index - 1] > start
