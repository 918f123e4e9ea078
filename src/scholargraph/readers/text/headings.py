"""Recognise section headings in plain text and Markdown.

A heading is a Markdown ``#`` line, a setext heading, or a short stand-alone line that
reads like one: a known section name ("Methods", "Discussion"), a numbered heading
("2.1 Study design"), an ALL-CAPS line, or a short Title Case line followed by prose.
Table rows, figure captions, sentences, URLs and page furniture never qualify.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Section names that are headings wherever they stand alone (compared lower-cased).
KNOWN_HEADINGS = frozenset({
    "abstract", "summary", "introduction", "background", "method", "methods", "methodology",
    "materials and methods", "methods and materials", "material and methods", "patients and methods",
    "results", "findings", "discussion", "results and discussion", "conclusion",
    "conclusions", "conclusions and implications", "limitations", "strengths and limitations",
    "implications", "acknowledgments", "acknowledgements", "acknowledgment", "acknowledgement",
    "funding", "funding/support", "references", "bibliography", "literature cited", "works cited",
    "appendix", "appendices", "supplementary material", "supplementary materials",
    "conflicts of interest", "conflict of interest", "competing interests", "author contributions",
    "data availability", "keywords", "key words", "related work", "future work", "evaluation",
    "experiments", "experimental setup", "overview", "preface", "notes", "endnotes", "glossary",
})
#: Headings that open the reference list.
REFERENCE_HEADINGS = frozenset({"references", "bibliography", "literature cited", "works cited",
                                "reference list", "references cited", "cited literature"})
_STOPWORDS = frozenset({"a", "an", "the", "and", "or", "of", "in", "on", "for", "to", "with", "vs", "vs.",
                        "versus", "by", "at", "from", "as", "via", "into", "about", "over", "under", "per",
                        "its", "their", "is", "are", "be", "not", "but", "nor", "than", "within", "between"})

_ATX = re.compile(r"(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT_RULE = re.compile(r"(=+|-+)[ \t]*$")
_NUMBERED = re.compile(r"^((?:\d{1,2}\.){0,3}\d{1,2})\.?[ \t]+(?=\S)|^([IVX]{1,5}|[A-H])\.[ \t]+(?=[A-Z])")
_CAPTION = re.compile(r"^(?:fig\.?|figure|table|box|chart|exhibit|supplementa(?:l|ry)\s+\w+|appendix\s+table)"
                      r"\s*[A-Z]?\d+[A-Za-z]?\s*[:.|—–-]?", re.IGNORECASE)
_LEAD_MARKUP = re.compile(r"^(?:--+|—|[*_]{1,3})[ \t]*")
_TRAIL_MARKUP = re.compile(r"[ \t]*(?:[*_]{1,3})?[ \t]*:?[ \t]*(?:[*_]{1,3})?$")
_NOT_HEADING_CHARS = re.compile(r"[\t|<>@=]|://|\^\^|\.\.\.|…")
_WORD = re.compile(r"[^\W\d_][\w'’\-/]*")

#: Longest line that can be a heading.
MAX_HEADING_CHARS = 100
MAX_HEADING_WORDS = 12


@dataclass(frozen=True, slots=True)
class Heading:
    """A recognised heading: ``text[start:end]`` is the heading's own text (markup excluded)."""

    start: int
    end: int
    level: int
    strength: str  # "markdown", "known", "numbered", "caps" or "weak" (needs a prose paragraph after it)
    line_start: int = -1  # where the heading's line (markup included) starts; -1: at ``start``

    @property
    def boundary(self) -> int:
        """Where the previous section ends: the start of this heading's line."""
        return self.start if self.line_start < 0 else self.line_start


def atx_heading(source: str, start: int, end: int) -> Heading | None:
    """A Markdown ``#`` heading on the line ``source[start:end]``."""
    if end - start > 300 or source[start] != "#":
        return None
    match = _ATX.match(source, start, end)
    if match is None or not match.group(2).strip():
        return None
    return Heading(match.start(2), match.end(2), len(match.group(1)), "markdown", start)


def setext_heading(source: str, first: tuple[int, int], second: tuple[int, int]) -> Heading | None:
    """A setext heading: a line underlined by ``===`` (level 1) or ``---`` (level 2)."""
    if second[1] - second[0] < 3 or first[1] - first[0] > MAX_HEADING_CHARS:
        return None
    rule = _SETEXT_RULE.match(source, second[0], second[1])
    if rule is None:
        return None
    return Heading(first[0], first[1], 1 if source[second[0]] == "=" else 2, "markdown")


def normalized_name(heading: str) -> str:
    """The heading without numbering, markup and case, for comparison with :data:`KNOWN_HEADINGS`."""
    value = _NUMBERED.sub("", heading.strip())
    value = value.strip("*_#: \t").rstrip(".").lower()
    return " ".join(value.replace("&", "and").split())


def plain_heading(source: str, start: int, end: int) -> Heading | None:
    """A heading written as a stand-alone line without Markdown markup, or None."""
    if end - start > MAX_HEADING_CHARS + 10 or end - start < 2:
        return None
    lead_char = source[start]
    if not (lead_char.isupper() or lead_char.isdigit() or lead_char in "-—*_"):
        return None  # cheap rejection of most lines before any pattern runs
    line = source[start:end]
    lead = _LEAD_MARKUP.match(line)
    offset = lead.end() if lead else 0
    trail = _TRAIL_MARKUP.search(line, offset)
    stop = trail.start() if trail else len(line)
    core = line[offset:stop]
    if not core or len(core) > MAX_HEADING_CHARS or _NOT_HEADING_CHARS.search(core) or _CAPTION.match(core):
        return None
    had_colon = ":" in line[stop:]
    name = normalized_name(core)
    if name in KNOWN_HEADINGS:
        return Heading(start + offset, start + stop, 1, "known", start)
    if lead or had_colon:
        return None  # "-- Note:" / "Previous presentations:" are labels, not headings
    if core[-1] in ".,;?!" and not re.fullmatch(r"[IVX]{1,5}\.|\d{1,2}\.", core):
        return None
    numbered = _NUMBERED.match(core)
    body = core[numbered.end():] if numbered else core
    words = _WORD.findall(body)
    if not words or len(words) > MAX_HEADING_WORDS or not body[:1].isupper():
        return None
    tokens = body.split()
    if sum(1 for t in tokens if any(c.isdigit() for c in t)) > 1:
        return None
    if numbered:
        label = numbered.group(1) or ""
        level = label.count(".") + 1 if label else 1
        if len(words) < 1 or len(body) < 3:
            return None
        return Heading(start + offset, start + stop, level, "numbered", start)
    letters = [c for c in body if c.isalpha()]
    if len(letters) >= 4 and all(c.isupper() for c in letters) and len(words) <= 8:
        return Heading(start + offset, start + stop, 1, "caps", start)
    content = [w for w in words if w.lower() not in _STOPWORDS]
    if not content or len(words) > 10:
        return None
    capitalised = sum(1 for w in content if w[0].isupper())
    if capitalised / len(content) < 0.75:
        return None
    return Heading(start + offset, start + stop, 2, "weak", start)


def is_caption(line: str) -> bool:
    """True for a figure/table caption label such as "Figure 1:" or "Table 2."."""
    return _CAPTION.match(line.strip()) is not None


def looks_like_prose(source: str, start: int, end: int) -> bool:
    """True for a paragraph of running text (long, or a full sentence), not a table row or a label."""
    sample = source[start:min(end, start + 400)]
    if "\t" in sample or sample.lstrip().startswith("|"):
        return False
    words = sample.split()
    return len(words) >= 12 or (len(words) >= 4 and sample.rstrip()[-1:] in ".:?!\"”)")
