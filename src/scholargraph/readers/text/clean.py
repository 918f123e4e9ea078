"""Turn raw snippets of a PDF-to-text or Markdown file into clean metadata strings.

Only metadata values pass through here; ``Document.text`` itself is never changed.
"""

from __future__ import annotations

import re
import unicodedata

# Citation and affiliation markers: "^{17–22}", "^1,2", and runs of Unicode superscripts.
_CARET_MARKER = re.compile(r"\^\{[^{}\n]{0,40}\}|\^[0-9*†‡§a-z](?:[0-9,–\-]{0,20})")
_SUPERSCRIPT_RUN = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁽⁾˒ᵃᵇᶜᵈᵉ*†‡§¶]+(?:[,–\-−][⁰¹²³⁴⁵⁶⁷⁸⁹ᵃᵇᶜᵈᵉ*†‡§¶]+)*")
_MD_LINK = re.compile(r"\[([^\[\]\n]{0,300})\]\([^()\n]{0,500}\)")
_EMPHASIS = re.compile(r"(\*{1,3}|_{2,3})(?=\S)([^*\n]{1,500}?)(?<=\S)\1")
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_DOI = re.compile(r"10\.\d{4,9}/[^\s\"]+")

_OPENING = {")": "(", "]": "[", ">": "<"}
_SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


def strip_markers(value: str) -> str:
    """Remove citation/affiliation markers (superscripts, ``^{…}``) from a metadata value."""
    value = _CARET_MARKER.sub("", value)
    return _SUPERSCRIPT_RUN.sub("", value)


def strip_markdown(value: str) -> str:
    """Drop Markdown emphasis and links, keeping their text."""
    value = _MD_LINK.sub(r"\1", value)
    return _EMPHASIS.sub(r"\2", value)


def clean_value(value: str) -> str:
    """A metadata string: markers and Markdown dropped, invisible characters removed, spaces folded."""
    value = unicodedata.normalize("NFC", value).translate(_INVISIBLE)
    value = strip_markers(strip_markdown(value))
    return " ".join(value.split())


def clean_prose(value: str) -> str:
    """Running text (an abstract, a reference): spaces folded, ``^{…}`` markers dropped."""
    value = _CARET_MARKER.sub("", value.translate(_INVISIBLE))
    return " ".join(value.split())


def marker_keys(value: str) -> set[str]:
    """The affiliation keys a name or an affiliation line carries ("¹,²" → {"1", "2"})."""
    keys: set[str] = set()
    for run in _SUPERSCRIPT_RUN.findall(value):
        for part in re.split(r"[,–\-−]", run):
            part = part.translate(_SUPERSCRIPT_DIGITS)
            if part:
                keys.add(part)
    for run in _CARET_MARKER.findall(value):
        for part in re.split(r"[,–\-\s]", run.strip("^{}")):
            if part:
                keys.add(part)
    return keys


def find_doi(value: str) -> str | None:
    """The first DOI in a string, without trailing sentence punctuation or unbalanced brackets."""
    match = _DOI.search(value)
    if match is None:
        return None
    doi = match.group(0)
    while doi:
        last = doi[-1]
        if last in ".,;:'*" or (last in _OPENING and doi.count(last) > doi.count(_OPENING[last])):
            doi = doi[:-1]
            continue
        break
    return doi if "/" in doi and len(doi) > 8 else None
