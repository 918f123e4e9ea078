"""Joining printed lines back into running text, undoing end-of-line hyphenation."""

from __future__ import annotations

import re
from functools import lru_cache

from wordfreq import zipf_frequency

_HYPHENATED_END = re.compile(r"([^\W\d_]+)-$")
_WORD_START = re.compile(r"^([^\W\d_]+)")


@lru_cache(maxsize=65536)
def _zipf(word: str) -> float:
    return zipf_frequency(word, "en")


def keep_hyphen(left: str, right: str) -> bool:
    """Decide whether ``left-`` at a line end and ``right`` on the next line form a hyphenated compound.

    The joined word wins when it is a known word ("informa-" + "tion"); the hyphen stays when
    only the two parts are known words ("token-" + "level", "state-" + "of-the-art").
    """
    joined = (left + right).lower()
    if _zipf(joined) > 0:
        return False
    return _zipf(left.lower()) >= 2.0 and _zipf(right.lower()) >= 2.0


def join_lines(lines: list[str]) -> str:
    """Join lines with spaces, de-hyphenating line-end hyphens when the joined word is plausible."""
    text = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if not text:
            text = line
            continue
        end = _HYPHENATED_END.search(text)
        start = _WORD_START.match(line)
        if end and start and line[0].islower():
            # "state-" + "of-the-art": the next word goes on with a hyphen, so this one was a compound too.
            compound = line[len(start.group(1)):].startswith("-")
            if compound or keep_hyphen(end.group(1), start.group(1)):
                text += line
            else:
                text = text[:-1] + line
        elif end and start and line[0].isupper():
            text += line  # "Valenzuela-" + "Escarcega": a hyphenated name or compound
        else:
            text += " " + line
    return text
