"""Identifier and markup clean-up shared by the structured readers (JATS, PubMed, JSON, feeds).

DOIs, ORCIDs and PMC ids arrive as bare ids, URLs or "doi:" strings depending on the
source; these helpers bring them to one form so that ``Document.id`` is stable.
"""

from __future__ import annotations

import re

from lxml import html as _lxml_html

_DOI = re.compile(r"10\.\d{4,9}/[^\s\"<>]+")
_ORCID = re.compile(r"(\d{4}-\d{4}-\d{4}-\d{3}[\dXx])")
_TAG = re.compile(r"<[^>]{0,2000}>")


def clean_space(text: str | None) -> str:
    """Fold every run of whitespace to one space and trim."""
    return " ".join(text.split()) if text else ""


def normalize_doi(value: str | None) -> str | None:
    """``https://doi.org/10.1/x``, ``doi:10.1/x``, ``10.1/x.`` → ``10.1/x``; None when no DOI is inside."""
    if not value:
        return None
    match = _DOI.search(value.strip())
    if match is None:
        return None
    doi = match.group(0)
    # Trailing punctuation belongs to the sentence, not the DOI (a closing bracket only when unbalanced).
    while doi and doi[-1] in ".,;:'":
        doi = doi[:-1]
    while doi.endswith(")") and doi.count(")") > doi.count("("):
        doi = doi[:-1]
    while doi.endswith("]") and doi.count("]") > doi.count("["):
        doi = doi[:-1]
    return doi or None


def normalize_orcid(value: str | None) -> str | None:
    """``http://orcid.org/0000-0002-3609-5983`` → ``0000-0002-3609-5983``; None when absent."""
    if not value:
        return None
    match = _ORCID.search(value)
    return match.group(1).upper() if match else None


def normalize_pmcid(value: str | None) -> str | None:
    """``3166277``, ``PMC3166277`` or a PMC URL → ``PMC3166277``."""
    if not value:
        return None
    match = re.search(r"(?:PMC)?(\d+)\s*/?\s*$", value.strip(), re.IGNORECASE)
    return f"PMC{match.group(1)}" if match else None


def normalize_pmid(value: str | None) -> str | None:
    """``29768149`` or ``https://pubmed.ncbi.nlm.nih.gov/29768149`` → ``29768149``."""
    if not value:
        return None
    match = re.search(r"(\d+)\s*/?\s*$", value.strip())
    return match.group(1) if match else None


def strip_markup(fragment: str | None) -> str:
    """Text of an HTML or JATS-ish fragment (``<jats:p>``, ``<p>``, entities), whitespace folded.

    lxml's HTML parser never fetches anything and never expands external entities; if it
    cannot make sense of the fragment, tags are removed with a bounded regular expression.
    """
    if not fragment or not fragment.strip():
        return ""
    if "<" not in fragment and "&" not in fragment:
        return clean_space(fragment)
    # Block-level ends become spaces so that paragraphs do not run into each other.
    spaced = re.sub(r"(?i)</(?:jats:)?(p|div|li|title|sec|br|h\d)\s*>|<br\s*/?>", " ", fragment)
    try:
        root = _lxml_html.fragment_fromstring(spaced, create_parent="div")
        for bad in root.xpath("//script|//style"):
            bad.drop_tree()
        text = root.text_content()
    except Exception:  # lxml raises several unrelated types for hopeless markup
        text = _TAG.sub(" ", spaced)
    return clean_space(str(text))


#: Lower-case words that belong to the family name when they precede it ("van der Berg").
NAME_PARTICLES = {"van", "von", "der", "den", "de", "del", "della", "di", "da", "dos", "du", "la", "le",
                  "ten", "ter", "bin", "ibn", "al", "el", "y"}
_INITIALS = re.compile(r"^(?:[A-Z][a-z]?\.?-?){1,4}$")


def split_person_name(name: str) -> tuple[str | None, str | None]:
    """Split a printed person name into ``(given, family)``.

    ``"Smith, Jane"`` and ``"Jane Smith"`` give ``("Jane", "Smith")``; the bibliographic
    form ``"Venkataraman S"`` / ``"Lee JK"`` (family name, then initials) gives
    ``("S", "Venkataraman")``; ``"Jan van der Berg"`` gives ``("Jan", "van der Berg")``.
    """
    text = clean_space(name).strip(" ,;")
    if not text:
        return None, None
    if "," in text:
        family, _, given = text.partition(",")
        return clean_space(given) or None, clean_space(family) or None
    words = text.split()
    if len(words) == 1:
        return None, words[0]
    last_is_initials = bool(_INITIALS.match(words[-1]) and words[-1].isupper()) or bool(
        re.fullmatch(r"(?:[A-Z]\.){1,4}", words[-1])
    )
    if last_is_initials and (not _INITIALS.match(words[0]) or len(words[0]) > 3):
        return words[-1], " ".join(words[:-1])
    cut = len(words) - 1
    while cut > 1 and words[cut - 1].lower() in NAME_PARTICLES and words[cut - 1].islower():
        cut -= 1
    return " ".join(words[:cut]), " ".join(words[cut:])


_ORGANIZATION_WORDS = re.compile(
    r"\b(group|collective|consortium|society|association|institute|university|committee|team|council|"
    r"network|initiative|investigators|organi[sz]ation|foundation|cent(?:er|re)|working|collaboration|"
    r"collaborative|department|agency|alliance|board|office|ministry|trust|coalition|project)\b",
    re.IGNORECASE,
)


def looks_like_organization(name: str) -> bool:
    """True for bylines such as "WHO Working Group" or "Reading Group Collective" (not for people)."""
    return bool(_ORGANIZATION_WORDS.search(name)) and len(name.split()) >= 2
