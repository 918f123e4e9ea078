"""Abbreviation definitions a text makes, and every later use of them.

The core is the Schwartz–Hearst matcher (a short form's characters must appear, in order,
in the long form, the first one at a word start), extended to the forms scholarly prose
uses: coordinated and slashed definitions — "American Indians and Alaska Natives (AI/AN)"
defines AI and AN — and short forms with lower-case letters ("URiM", "MS-HPed").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

# A parenthesis of up to 10 characters with no nested parentheses (the short-form slot).
_PAREN = re.compile(r"\(([^()\n]{1,40})\)")
_WORD = re.compile(r"[^\s]+")
_SPLIT_SHORT = re.compile(r"\s*[/,;]\s*|\s+and\s+|\s+or\s+")
_SPLIT_LONG = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|\s*/\s*")
_USE_SUFFIXES = ("s", "'s", "\u2019s", "")  # "AIs", "AI's", "AI’s", "AI"
_STOP_BEFORE = {"the", "a", "an", "of", "in", "for", "to", "and", "or", "with", "on", "by", "from", "among"}


@dataclass(frozen=True)
class Abbreviation:
    """A short form defined in the text, with the long form it stands for."""

    short: str
    long: str
    short_start: int
    short_end: int
    long_start: int
    long_end: int


@dataclass(frozen=True)
class ShortFormUse:
    """One occurrence of a defined short form (the definition's own included)."""

    abbreviation: Abbreviation
    start: int
    end: int


def is_short_form(candidate: str) -> bool:
    """True for a plausible short form: 2–10 characters, one word, starts alphanumeric,
    has a letter, and has at least two capitals or is all capitals ("URiM", "AI", "MS-HPed")."""
    if not 2 <= len(candidate) <= 10 or " " in candidate:
        return False
    if not candidate[0].isalnum() or not any(c.isalpha() for c in candidate):
        return False
    capitals = sum(1 for c in candidate if c.isupper())
    return capitals >= 2 or (capitals == 1 and len(candidate) <= 3 and candidate[0].isupper() and
                             candidate[1:].isupper())


def match_long_form(short: str, words: str) -> int | None:
    """Schwartz–Hearst: the start, in ``words``, of the shortest long form that ``short`` abbreviates.

    ``words`` is the text before the parenthesis; returns None when no long form fits.
    """
    s_index = len(short) - 1
    l_index = len(words) - 1
    while s_index >= 0:
        char = short[s_index].lower()
        if not char.isalnum():
            s_index -= 1
            continue
        while l_index >= 0 and (
            words[l_index].lower() != char
            or (s_index == 0 and l_index > 0 and words[l_index - 1].isalnum())
        ):
            l_index -= 1
        if l_index < 0:
            return None
        l_index -= 1
        s_index -= 1
    start = words.rfind(" ", 0, l_index + 1) + 1
    return start


def best_long_form(short: str, words: str) -> int | None:
    """The start of the best long form for ``short`` in ``words``.

    Schwartz–Hearst returns the shortest match, which loses leading words whose initial
    the short form also uses ("Association of American Medical Colleges (AAMC)" would give
    "American Medical Colleges").  Among all word starts where a match exists, prefer the
    one whose content-word initials spell most of the short form.
    """
    first = next((c.lower() for c in short if c.isalnum()), "")
    best: tuple[int, int, int] | None = None
    for word in _WORD.finditer(words):
        if word.group(0)[:1].lower() != first:
            continue
        if not _spells_from_start(short, words[word.start():]):
            continue
        content = [w for w in words[word.start():].split() if w.lower() not in _STOP_BEFORE]
        matched = _initials_matched(short, content)
        score = (int(matched == len(content)), matched, -len(content))
        if best is None or score > best[:3]:
            best = (score[0], score[1], score[2])
            best_start = word.start()
    return best_start if best is not None else match_long_form(short, words)


def _spells_from_start(short: str, segment: str) -> bool:
    """True when the short form's characters occur in order in ``segment``, the first at its start."""
    chars = [c.lower() for c in short if c.isalnum()]
    if not chars or segment[:1].lower() != chars[0]:
        return False
    position = 1
    for char in chars[1:]:
        position = segment.lower().find(char, position)
        if position < 0:
            return False
        position += 1
    return True


def _initials_matched(short: str, content_words: list[str]) -> int:
    letters = [c.lower() for c in short if c.isalpha()]
    matched = 0
    position = 0
    for word in content_words:
        initial = word[:1].lower()
        while position < len(letters) and letters[position] != initial:
            position += 1
        if position == len(letters):
            break
        matched += 1
        position += 1
    return matched


def _long_form_window(text: str, paren_start: int, short: str) -> tuple[int, str]:
    """The words before a parenthesis that may hold the long form (Schwartz–Hearst's limit,
    doubled for coordinated forms), stopping at sentence punctuation."""
    max_words = min(len(short) + 5, len(short) * 2) + (4 if "/" in short or "," in short else 0)
    window_start = max(0, paren_start - 300)
    before = text[window_start:paren_start]
    cut = max(before.rfind(". "), before.rfind("; "), before.rfind(": "), before.rfind("\n"))
    if cut >= 0:
        window_start += cut + 2
        before = text[window_start:paren_start]
    words = list(_WORD.finditer(before))[-max_words:]
    if not words:
        return paren_start, ""
    start = window_start + words[0].start()
    return start, text[start:paren_start].rstrip()


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop leading function words and surrounding punctuation from a long-form span."""
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    while True:
        match = re.match(r"(\w+)\s+", text[start:end])
        if match and match.group(1).lower() in _STOP_BEFORE and end - start > len(match.group(0)):
            start += len(match.group(0))
        else:
            return start, end


def find_definitions(text: str) -> list[Abbreviation]:
    """Every "long form (SF)" definition in the text, coordinated forms split into their parts."""
    found: list[Abbreviation] = []
    for paren in _PAREN.finditer(text):
        inner = paren.group(1).strip()
        inner_start = paren.start(1) + paren.group(1).index(inner) if inner else paren.start(1)
        parts = [p for p in _SPLIT_SHORT.split(inner) if p]
        coordinated = len(parts) > 1 and all(is_short_form(p) for p in parts)
        short = inner.split(";")[0].split(",")[0].strip()
        if not coordinated and not is_short_form(short):
            continue  # "(n = 54)", "(96% versus 97%)": most parentheses define nothing
        window_start, window = _long_form_window(text, paren.start(), inner)
        if not window:
            continue
        if coordinated:
            found.extend(_coordinated(text, window_start, window, inner, inner_start, parts))
            continue
        start = best_long_form(short, window)
        if start is None:
            continue
        long_start, long_end = _trim(text, window_start + start, window_start + len(window))
        if long_end - long_start <= len(short):
            continue
        found.append(Abbreviation(short, text[long_start:long_end], inner_start, inner_start + len(short),
                                  long_start, long_end))
    return _first_definition_wins(found)


def undefined_short_forms(text: str, definitions: list[Abbreviation]) -> Iterator[tuple[str, int, int, str]]:
    """Parenthesised short forms that no definition explains: (short form, its start, and the
    window of words before it that may hold its long form, as start and text).  A knowledge
    base may still know the pair ("Unified Health System (SUS)" spells no S-U-S, but names an
    entity whose abbreviation is SUS)."""
    defined = {d.short for d in definitions}
    explained = sorted(d.short_start for d in definitions)
    for paren in _PAREN.finditer(text):
        inner = paren.group(1).strip()
        if inner in defined or not is_short_form(inner):
            continue
        index = bisect.bisect_left(explained, paren.start(1))
        if index < len(explained) and explained[index] < paren.end(1):
            continue  # "(AI/AN)" already defined AI and AN
        defined.add(inner)  # the first parenthesis is the definition
        window_start, window = _long_form_window(text, paren.start(), inner)
        if window:
            yield inner, paren.start(1) + paren.group(1).index(inner), window_start, window


def _coordinated(text: str, window_start: int, window: str, inner: str, inner_start: int,
                 shorts: list[str]) -> Iterator[Abbreviation]:
    """Pair "A and B (X/Y)": the long form is split at and/or/commas/slashes, one part per short form."""
    pieces: list[tuple[int, int]] = []
    position = 0
    for separator in _SPLIT_LONG.finditer(window):
        pieces.append((position, separator.start()))
        position = separator.end()
    pieces.append((position, len(window)))
    pieces = [p for p in pieces if p[1] > p[0]][-len(shorts):]
    if len(pieces) != len(shorts):
        return
    offset = inner_start
    for short, (piece_start, piece_end) in zip(shorts, pieces, strict=True):
        short_pos = text.index(short, offset, inner_start + len(inner))
        offset = short_pos + len(short)
        piece = window[piece_start:piece_end]
        start = best_long_form(short, piece)
        if start is None:
            return
        long_start, long_end = _trim(text, window_start + piece_start + start, window_start + piece_end)
        yield Abbreviation(short, text[long_start:long_end], short_pos, short_pos + len(short),
                           long_start, long_end)


def _first_definition_wins(found: list[Abbreviation]) -> list[Abbreviation]:
    seen: set[str] = set()
    result = []
    for abbreviation in found:
        if abbreviation.short not in seen:
            seen.add(abbreviation.short)
            result.append(abbreviation)
    return result


def find_uses(text: str, definitions: list[Abbreviation]) -> list[ShortFormUse]:
    """Every occurrence of each defined short form, case-sensitive and on word boundaries,
    including the definition itself and uses inside slashed pairs ("AI/AN")."""
    uses: list[ShortFormUse] = []
    for abbreviation in definitions:
        short = abbreviation.short
        position = text.find(short)
        while position >= 0:
            # Hyphens do not hide a use: "IHS-funded" and "non-IHS" both mention IHS.
            end = position + len(short)
            if (position == 0 or not _is_word_char(text[position - 1])) and _ends_word(text, end):
                uses.append(ShortFormUse(abbreviation, position, end))
            position = text.find(short, position + 1)
    uses.sort(key=lambda u: (u.start, u.end))
    return uses


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _ends_word(text: str, end: int) -> bool:
    """The text has a word boundary at ``end``, perhaps after a plural or possessive ending."""
    for suffix in _USE_SUFFIXES:
        if text.startswith(suffix, end):
            tail = end + len(suffix)
            if tail == len(text) or not _is_word_char(text[tail]):
                return True
    return False
