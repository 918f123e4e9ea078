"""Length-preserving text folding, so spotting can run on folded text and keep offsets.

``fold(text)`` has exactly ``len(text)`` characters: each character is lower-cased when its
lower-case form is a single character, Unicode dashes become "-", curly quotes and
apostrophes become "'" and every kind of space becomes " ".  An offset into the folded
text is therefore an offset into the original text.
"""

from __future__ import annotations

import sys
import unicodedata
from functools import lru_cache

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u02bc\u0060\u00b4"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033"


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        lower = char.lower()
        if lower != char and len(lower) == 1:
            table[code] = lower
        elif unicodedata.category(char) == "Zs" and char != " ":
            table[code] = " "
    for char in _DASHES:
        table[ord(char)] = "-"
    for char in _QUOTES:
        table[ord(char)] = "'"
    for char in _DOUBLE_QUOTES:
        table[ord(char)] = '"'
    for char in "\t\n\r\f\v\u0085\u2028\u2029":
        table[ord(char)] = " "
    return table


def fold(text: str) -> str:
    """Fold case, dashes, quotes and spaces without changing the length of the text."""
    return text.translate(_fold_table())


def fold_key(text: str) -> str:
    """Fold a dictionary key the way :func:`fold` folds text, and collapse runs of spaces."""
    return " ".join(fold(unicodedata.normalize("NFC", text)).split())
