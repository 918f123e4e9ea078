"""Normalisation of surface forms into lookup keys, and small helpers on DBpedia names."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote

# Dashes other than ASCII "-" that papers and PDF converters produce (after NFKC, which already
# maps the full-width and small hyphen-minus forms to "-").
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\ufe58"
_QUOTES = {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
           "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"'}
_TRANSLATE = str.maketrans({**{d: "-" for d in _DASHES}, **_QUOTES})
_DISAMBIGUATION_SUFFIX = re.compile(r"\s*\((?:disambiguation|Disambiguation)\)$")


def normalize_surface(text: str) -> str:
    """Return the lookup key of a surface form.

    NFKC, case folding, every Unicode dash as "-", curly quotes as straight ones, runs of
    whitespace as one space, no leading/trailing space. The result is a key for lookups, not
    an offset-preserving transformation of the text.
    """
    if text.isascii():
        # Fast path: NFKC, dash and quote mapping cannot change ASCII text.
        return " ".join(text.lower().split())
    text = unicodedata.normalize("NFKC", text).casefold().translate(_TRANSLATE)
    return " ".join(text.split())


def name_to_label(name: str) -> str:
    """Readable label of a DBpedia resource name: "Role_model" -> "Role model"."""
    if "%" in name:
        name = unquote(name)
    return name.replace("_", " ")


def disambiguation_surface(label: str) -> str:
    """The surface form a disambiguation page stands for: "Mercury (disambiguation)" -> "Mercury"."""
    return _DISAMBIGUATION_SUFFIX.sub("", label)


def looks_like_abbreviation(surface: str) -> bool:
    """Heuristic for sources without explicit abbreviation lists: "NIH", "AI/AN", "mRNA" but not "Paris"."""
    if not 2 <= len(surface) <= 10 or " " in surface:
        return False
    upper = sum(c.isupper() for c in surface)
    lower = sum(c.islower() for c in surface)
    return upper >= 2 and upper > lower
