"""Context similarity: how well an entity's description fits the words of the document.

Words are weighted by an inverse frequency taken from wordfreq's English word list
(shipped inside the package, so no corpus statistics need to be built): "mentorship"
weighs far more than "study".  Vectors are sparse dicts; similarity is cosine.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache

from wordfreq import zipf_frequency

_TOKEN = re.compile(r"[^\W\d_][^\W_]*(?:['\u2019-][^\W\d_]+)*")
_STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each either few for from further had
    has have having he her here hers herself him himself his how however i if in into is it its itself
    just may me might more most must my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them themselves then
    there these they this those through to too under until up upon very was we were what when where which
    while who whom why will with within without would you your yours yourself yourselves et al""".split()
)

#: Zipf frequency above which a word carries no topical information.
_ZIPF_CEILING = 7.0


@lru_cache(maxsize=200_000)
def word_weight(word: str) -> float:
    """Inverse-frequency weight of a lower-case word (rare words weigh most)."""
    return max(0.3, _ZIPF_CEILING - zipf_frequency(word, "en"))


def stem(word: str) -> str:
    """A light suffix stripper so "mentors", "mentoring" and "mentorship" share "mentor"
    and "cultures" meets "culture" (but "collaborating" stays apart from "collaboration")."""
    if word.endswith("ies") and len(word) > 5:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "zes", "ches", "shes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 4:
        word = word[:-1]
    for suffix in ("ship", "ing", "ed", "al"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


# Lower-case token -> its stem, or "" for stop-words and tokens too short to count.
_STEMS: dict[str, str] = {}


@lru_cache(maxsize=100_000)
def _short_tokens(text: str) -> tuple[str, ...]:
    return tuple(_tokens(text))


def tokens(text: str) -> list[str]:
    """Lower-cased content words of a text, stemmed, stop-words dropped."""
    if len(text) <= 64:  # mention surfaces and labels repeat: remember them
        return list(_short_tokens(text))
    return _tokens(text)


def _tokens(text: str) -> list[str]:
    stems = _STEMS
    if len(stems) > 500_000:
        stems.clear()
    found = []
    for token in _TOKEN.findall(text.lower()):
        stemmed = stems.get(token)
        if stemmed is None:
            stemmed = stems[token] = "" if len(token) <= 2 or token in _STOPWORDS else stem(token)
        if stemmed:
            found.append(stemmed)
    return found


def vector(text: str) -> dict[str, float]:
    """A unit-length weighted bag of words."""
    counts = Counter(tokens(text))
    weighted = {w: (1.0 + math.log(c)) * word_weight(w) for w, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in weighted.values()))
    if norm == 0.0:
        return {}
    return {w: v / norm for w, v in weighted.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine similarity of two unit vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def cosine_without(a: dict[str, float], b: dict[str, float], excluded: set[str]) -> float:
    """Cosine of two unit vectors, ignoring some words (the mention's own words: every
    candidate shares those with the document, so they say nothing about which is meant)."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items() if w not in excluded)
