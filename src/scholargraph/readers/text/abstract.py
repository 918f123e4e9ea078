"""Abstracts (with their labelled parts) and keyword lines.

Structured abstracts label their parts either as paragraphs ("Purpose: …") or run-in
inside one paragraph ("Objective To examine … Methods We conducted …").  A label is
only taken at the start of the text or of a sentence, and must be followed by a colon,
a dash or a capitalised word, so "Results were mixed" is never split.
"""

from __future__ import annotations

import re

from ...document import AbstractPart
from .clean import clean_prose, clean_value

#: Labels of structured-abstract parts, longest first so "Materials and Methods" wins over "Methods".
PART_LABELS = sorted({
    "Background", "Backgrounds", "Objective", "Objectives", "Aim", "Aims", "Purpose", "Introduction",
    "Context", "Importance", "Setting", "Settings", "Design", "Study Design",
    "Design, Setting, and Participants",
    "Methods", "Method", "Materials and Methods", "Methods and Materials", "Approach", "Participants",
    "Patients", "Interventions", "Intervention", "Exposure", "Exposures", "Measurements",
    "Main Outcome Measures", "Main Outcomes and Measures", "Outcome Measures", "Results", "Findings",
    "Conclusion", "Conclusions", "Conclusions and Relevance", "Discussion", "Implications", "Limitations",
    "Significance", "Trial Registration", "Evidence Acquisition", "Evidence Synthesis", "Description",
    "Innovation", "Problem", "Activity", "Outcomes", "Next Steps", "Summary",
}, key=len, reverse=True)
_LABEL_ALTERNATION = "|".join(re.escape(label) for label in PART_LABELS)
# A label at the very start, or after the end of a sentence; then ":", a dash, or a capitalised word.
_RUN_IN = re.compile(
    r"(?:^|(?<=[.!?)\]”\"])\s+|\n\s*)[*_]{0,3}(?P<label>(?i:" + _LABEL_ALTERNATION + r"))"
    r"(?:[*_]{0,3}\s*[:.—–][*_]{0,3}\s*|\s+(?=[A-Z0-9(“\"]))"
)
_ABSTRACT_LABEL = re.compile(r"^\s*(?:#{1,6}\s*)?[*_]{0,3}(?i:abstract|summary)[*_]{0,3}"
                             r"(?:\s*[:.—–]\s*|\s+(?=[A-Z0-9(“\"]))")
_KEYWORDS = re.compile(
    r"^\s*[*_]{0,3}(?:key\s*words?|index terms|subject terms)[*_]{0,3}\s*(?:[:.—–]\s*|\s+|$)", re.IGNORECASE
)

#: Longest abstract text examined for labelled parts.
MAX_ABSTRACT_CHARS = 20_000


def abstract_label_end(text: str) -> int | None:
    """If ``text`` opens with a run-in "Abstract" label ("Abstract American Indians …", "ABSTRACT:"),
    the offset where the abstract body starts; else None."""
    match = _ABSTRACT_LABEL.match(text)
    if match is None or match.end() >= len(text.rstrip()):
        return None
    return match.end()


def starts_with_part_label(text: str) -> bool:
    """True when the text opens with a structured-abstract label ("Objective To …", "Methods: …")."""
    match = _RUN_IN.match(text)
    return match is not None and _is_label_case(match.group("label"))


def _is_label_case(label: str) -> bool:
    # "Methods" or "METHODS", never "methods" in the middle of a sentence.
    return label[0].isupper()


def labelled_parts(text: str) -> list[AbstractPart]:
    """Split abstract text into labelled parts; [] when the abstract is not structured.

    The text must open with a label, and at least two labels must be found.
    """
    sample = text[:MAX_ABSTRACT_CHARS]
    found = [m for m in _RUN_IN.finditer(sample) if _is_label_case(m.group("label"))]
    if len(found) < 2 or sample[:found[0].start()].strip():
        return []
    parts = []
    for n, match in enumerate(found):
        end = found[n + 1].start() if n + 1 < len(found) else len(sample)
        body = clean_prose(sample[match.end():end])
        label = " ".join(match.group("label").split())
        if label.isupper():
            label = label.title()
        parts.append(AbstractPart(label=label, text=body))
    return parts


def keywords_body(text: str) -> str | None:
    """For a keywords line ("Keywords: a; b", or a bare "Keywords" heading → ""), the text after the
    label; None when the text is not a keywords line."""
    match = _KEYWORDS.match(text)
    if match is None:
        return None
    return text[match.end():]


def split_keywords(value: str) -> list[str]:
    """"a; b; c" or "a, b, c" → ["a", "b", "c"] (cleaned, without a closing full stop)."""
    value = clean_value(value)
    if not value:
        return []
    separator = next((s for s in (";", ",", "·", "•", "|") if s in value), None)
    items = value.split(separator) if separator else [value]
    keywords = []
    for item in items:
        keyword = item.strip().rstrip(".").strip()
        if keyword and len(keyword) <= 120 and keyword not in keywords:
            keywords.append(keyword)
    return keywords[:50]
