"""Recognising section headings from their font (bold, larger) and their numbering."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .layout import Line

_NUMBERED = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(?P<title>[A-Z][^\n]*)$")
_LETTERED = re.compile(r"^(?P<num>[A-H](?:\.\d{1,2}){0,3})\.?\s+(?P<title>[A-Z][^\n]*)$")
_ROMAN = re.compile(r"^(?P<num>(?:X{0,2})(?:IX|IV|V?I{0,3}))\.\s+(?P<title>[A-Z][^\n]*)$")
_DOT_LEADER = re.compile(r"(?:\.\s?){4,}")  # a table-of-contents entry, not the heading itself
_CAPTION = re.compile(r"^(?:fig(?:ure)?|table|algorithm|listing|eq(?:uation)?)\.?\s*[A-Z0-9]", re.IGNORECASE)

#: Unnumbered headings common enough to trust in body-size bold type.
KNOWN_HEADINGS = {
    "abstract", "introduction", "background", "related work", "related works", "methods", "method",
    "materials and methods", "methodology", "results", "discussion", "results and discussion", "conclusion",
    "conclusions", "conclusion and future work", "conclusions and future work", "future work", "limitations",
    "acknowledgments", "acknowledgements", "acknowledgment", "acknowledgement", "references", "bibliography",
    "literature cited", "works cited", "appendix", "appendices", "supplementary material", "ethics statement",
    "ethical considerations", "broader impact", "broader impact statement", "funding", "data availability",
    "author contributions", "conflict of interest", "conflicts of interest", "competing interests",
    "experiments", "evaluation", "analysis", "summary", "keywords",
}
REFERENCE_HEADINGS = {"references", "bibliography", "literature cited", "works cited", "reference list",
                      "cited literature"}


@dataclass
class Heading:
    """A recognised heading: its text, nesting level (1 = top) and numbering label if any."""

    text: str
    level: int
    number: str | None


def normalized(text: str) -> str:
    """Lower case, without numbering, trailing punctuation or extra spaces (for comparisons)."""
    text = re.sub(r"^(?:\d+(?:\.\d+)*|[A-H](?:\.\d+)*|[IVX]+)\.?\s+", "", text.strip())
    return " ".join(re.sub(r"[^\w\s&-]", " ", text.lower()).split())


def is_styled(line: Line, body_size: float) -> bool:
    """Bold (most letters) or set clearly larger than the running text."""
    return line.bold >= 0.75 or line.size >= body_size + 0.8


def detect_heading(
    line: Line, body_size: float, *, appendix: bool = False, strict: bool = False
) -> Heading | None:
    """Return the heading a line is, or None when it is ordinary text.

    ``appendix`` allows lettered headings ("A Appendix", "B.1 Data"), which in running text
    would too often be a sentence starting with "A".  ``strict`` accepts only numbered and
    well-known headings (on the first page, large bold type is also the author list).
    """
    text = line.text.strip()
    words = text.split()
    if not text or len(text) > 120 or len(words) > 14 or _CAPTION.match(text) or _DOT_LEADER.search(text):
        return None
    if not is_styled(line, body_size) or line.size < body_size - 1.5:
        return None
    if text[-1] in ".:,;" and not re.fullmatch(r"[\d.]+\.?", words[0]):
        return None
    letters = sum(c.isalpha() for c in text)
    if letters < 3 or sum(c.isdigit() for c in text) > letters:
        return None
    for pattern in (_NUMBERED, _LETTERED if appendix else None, _ROMAN):
        if pattern is None:
            continue
        match = pattern.match(text)
        if match and match.group("num") and len(match.group("title")) >= 3:
            number = match.group("num")
            if pattern is _NUMBERED and int(number.split(".")[0]) > 30:
                return None
            level = number.count(".") + 1 if pattern is not _ROMAN else 1
            return Heading(text, level, number)
    key = normalized(text)
    if key in KNOWN_HEADINGS:
        return Heading(text, 1, None)
    larger = line.size >= body_size + 0.8
    if not strict and larger and len(words) <= 8 and text[0].isupper() and letters >= 0.6 * len(text):
        return Heading(text, 1, None)
    return None


def continues_heading(heading_line: Line, line: Line, body_size: float) -> bool:
    """True when ``line`` is the wrapped second line of a long heading."""
    if line.page != heading_line.page or line.column != heading_line.column:
        return False
    gap = heading_line.y0 - line.y1
    text = line.text.strip()
    return (
        0 <= gap < 0.8 * heading_line.size
        and is_styled(line, body_size)
        and abs(line.size - heading_line.size) < 0.5
        and line.bold >= 0.75
        and len(text.split()) <= 8
        and bool(text)
        and text[-1] not in ".:"
        and not _NUMBERED.match(text)
    )
