"""Length-preserving text folding, and the spotting forms of surface keys built on it.

``fold(text)`` has exactly ``len(text)`` characters: each character is lower-cased when its
lower-case form is a single character, Unicode dashes become "-", curly quotes and
apostrophes become "'" and every kind of space becomes " ".  An offset into the folded
text is therefore an offset into the original text.

``spot_text(text)`` goes one step further for spotting: everything that is not a letter,
a digit or a hyphen becomes a space (superscript digits too), so word boundaries are plain spaces and a dictionary
form followed by a space can only match a whole word.  An apostrophe between two letters is part of
its word ("I'm learning" holds no word "m", "Alzheimer's" stays one word).  The knowledge base stores its
spotting forms (:func:`spot_forms`) made the same way, so the two always agree.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u02bc\u0060\u00b4"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033"
_SPACES = "\t\n\r\f\v\u0085\u2028\u2029"
_VOWELS = frozenset("aeiou")


def _fold_char(char: str) -> str:
    if char in _DASHES:
        return "-"
    if char in _QUOTES:
        return "'"
    if char in _DOUBLE_QUOTES:
        return '"'
    if char in _SPACES or (unicodedata.category(char) == "Zs"):
        return " "
    lower = char.lower()
    return lower if len(lower) == 1 else char


def _spot_char(char: str) -> str:
    folded = _fold_char(char)
    if folded == "-" or (folded.isalnum() and unicodedata.category(folded) != "No"):
        return folded
    return " "  # including superscript and subscript digits: citation markers end words


class _LazyTable(dict[int, str]):
    """A str.translate table filled in as characters are met (a full Unicode table costs 0.3 s)."""

    def __init__(self, rule: Callable[[str], str]) -> None:
        super().__init__()
        self._rule = rule

    def __missing__(self, code: int) -> str:
        value = self._rule(chr(code))
        self[code] = value
        return value


_FOLD = _LazyTable(_fold_char)
_SPOT = _LazyTable(_spot_char)


def fold(text: str) -> str:
    """Fold case, dashes, quotes and spaces without changing the length of the text."""
    return text.translate(_FOLD)


def fold_key(text: str) -> str:
    """Fold a dictionary key the way :func:`fold` folds text, and collapse runs of spaces."""
    return " ".join(fold(unicodedata.normalize("NFC", text)).split())


_APOSTROPHES = "'\u2018\u2019\u02bc"
_INNER_APOSTROPHE = re.compile(rf"(?<=[^\W\d_])[{_APOSTROPHES}](?=[^\W\d_])")


def spot_text(text: str) -> str:
    """:func:`fold`, then every character but letters, digits, "-" and word-inner apostrophes
    as a space (same length)."""
    spotted = text.translate(_SPOT)
    if any(apostrophe in text for apostrophe in _APOSTROPHES):
        spotted = "".join(_with_apostrophes(spotted, text))
    return spotted


def _with_apostrophes(spotted: str, text: str) -> Iterator[str]:
    last = 0
    for match in _INNER_APOSTROPHE.finditer(text):
        yield spotted[last:match.start()]
        yield "'"
        last = match.end()
    yield spotted[last:]


def plural(word: str) -> str:
    """The regular English plural of a noun (good enough for surface-form variants)."""
    if word.endswith("y") and len(word) > 2 and word[-2] not in _VOWELS:
        return word[:-1] + "ies"
    if word.endswith("sis") and len(word) > 4:  # analysis -> analyses, diagnosis -> diagnoses
        return word[:-2] + "es"
    if word.endswith("s") and not word.endswith(("ss", "us", "is", "as", "os")):
        return word  # already a plural ("countries", "residents")
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


def variants(key: str) -> Iterator[tuple[str, bool]]:
    """A folded key and its plural and hyphen/space variants, each with an 'inflected' flag."""
    yield key, False
    last = key.rsplit(" ", 1)[-1].rsplit("-", 1)[-1]  # "meta-analysis": the plural is of "analysis"
    if last.isalpha() and len(last) > 2 and not key.isupper() and plural(last) != last:
        yield key[: len(key) - len(last)] + plural(last), True
    if "-" in key:
        # " ".join(split()): "low- and middle-income" must become "low and middle income", one space each.
        yield " ".join(key.replace("-", " ").split()), True
    elif " " in key and key.count(" ") <= 3:
        yield key.replace(" ", "-"), True


def spot_forms(surface_key: str) -> Iterator[tuple[str, bool]]:
    """The spotting forms of a KB surface key, each with its 'inflected' flag.

    A form is the :func:`spot_text` of the key or of a variant, followed by one space: in
    spotted text that space is a word boundary, so forms only ever match whole words.
    Keys shorter than two characters, or not starting with a letter or digit, give none.
    """
    folded = fold_key(surface_key)
    if len(folded) < 2:
        return
    for variant, inflected in variants(folded):
        form = spot_text(variant)
        if form[:1].isalnum():
            yield form + " ", inflected
