"""Spotting: find every span of a text that is one of the knowledge base's surface forms.

One Aho–Corasick automaton (pyahocorasick) holds the KB's surface forms, folded by
:mod:`.charmap`, plus their regular plural and hyphen/space variants, so a single pass
over the folded text finds "role models" for "role model" and "semi structured interview"
for "semi-structured interview".  Spans must start and end on word boundaries and may not
fall inside URLs, DOIs, e-mail addresses or citation markers.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import ahocorasick

from .charmap import fold, fold_key

_SKIP_ZONES = re.compile(
    r"https?://\S+|www\.\S+"  # URLs
    r"|\b10\.\d{4,9}/\S+"  # DOIs
    r"|[\w.+-]+@[\w-]+\.[\w.-]+"  # e-mail addresses
    r"|\^\{[^}\n]{0,40}\}"  # ^{17–22} citation markers
    r"|\[\d[\d,\s\u2013-]{0,40}\]"  # [3], [4-6] citation markers
    r"|[\u00b9\u00b2\u00b3\u2070-\u209f]+",  # Unicode superscripts and subscripts
    re.IGNORECASE,
)
_VOWELS = set("aeiou")


@dataclass(frozen=True)
class Spot:
    """A span of the text that matches one or more KB surface keys."""

    start: int
    end: int
    keys: tuple[str, ...]
    inflected: bool


def plural(word: str) -> str:
    """The regular English plural of a noun (good enough for surface-form variants)."""
    if word.endswith("y") and len(word) > 2 and word[-2] not in _VOWELS:
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


def variants(key: str) -> Iterator[tuple[str, bool]]:
    """A folded key and its plural and hyphen/space variants, each with an 'inflected' flag."""
    yield key, False
    last = key.rsplit(" ", 1)[-1]
    if last.isalpha() and len(last) > 2 and not key.isupper():
        yield key[: len(key) - len(last)] + plural(last), True
    if "-" in key:
        yield key.replace("-", " "), True
    elif " " in key and key.count(" ") <= 3:
        yield key.replace(" ", "-"), True


class Spotter:
    """An automaton over a knowledge base's surface keys."""

    def __init__(self, keys: Iterable[str]) -> None:
        automaton = ahocorasick.Automaton()
        entries: dict[str, tuple[list[str], bool]] = {}
        for key in keys:
            folded = fold_key(key)
            if len(folded) < 2:
                continue
            for variant, inflected in variants(folded):
                found = entries.get(variant)
                if found is None:
                    entries[variant] = ([key], inflected)
                elif key not in found[0]:
                    # An exact form beats an inflected one: "data" is not the plural of "datum" here.
                    found[0].append(key)
                    if not inflected and found[1]:
                        entries[variant] = (found[0], False)
        for variant, (matched_keys, inflected) in entries.items():
            automaton.add_word(variant, (len(variant), tuple(matched_keys), inflected))
        automaton.make_automaton()
        self._automaton = automaton
        self.size = len(entries)

    def spots(self, text: str, skip: Iterable[tuple[int, int]] = ()) -> list[Spot]:
        """All word-bounded matches in ``text`` (overlapping ones included), in text order."""
        if not text or self.size == 0:
            return []
        folded = fold(text)
        blocked = _Zones(sorted([*skip, *((m.start(), m.end()) for m in _SKIP_ZONES.finditer(text))]))
        found: list[Spot] = []
        for last, (length, keys, inflected) in self._automaton.iter(folded):
            start = last - length + 1
            end = last + 1
            if start > 0 and _is_word_char(folded[start - 1], folded[start]):
                continue
            if end < len(folded) and _is_word_char(folded[end], folded[end - 1]):
                continue
            if blocked.overlaps(start, end):
                continue
            found.append(Spot(start, end, keys, inflected))
        found.sort(key=lambda s: (s.start, -s.end))
        return found


def _is_word_char(char: str, neighbour: str) -> bool:
    # A hyphen glues words ("self-doubt") only when it touches letters on both sides.
    if char.isalnum():
        return True
    return char == "-" and neighbour.isalnum()


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
