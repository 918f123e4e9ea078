"""The author block under a paper's title.

PDF-to-text conversions interleave the byline with affiliations, footnotes and
disclosures ("Corresponding Author: …", "Disclosures", "Funding/Support: …").  Each
block is classified on its own: an author line ("Joanna Veazey Brooks, PhD, MBE
[Associate Professor],"), an affiliation, a disclosure or page furniture.  Degrees and
bracketed roles are dropped from names; an affiliation attaches to the author whose
markers it carries, else to the most recent author; disclosures are never affiliations.
"""

from __future__ import annotations

import re

from ...document import Author
from .clean import clean_value, marker_keys, strip_markdown
from .layout import Block

_DISCLOSURE = re.compile(
    r"^(?:corresponding author|correspondence|address (?:for )?correspondence|reprints?|disclosures?|"
    r"other disclosures|funding|financial (?:support|disclosure)|support|ethical approval|ethics|"
    r"disclaimers?|"
    r"previous presentations?|conflicts? of interest|competing interests?|declaration|acknowledg|"
    r"author contributions?|data (?:availability|sharing)|received|accepted|revised|published|"
    r"e-?mail|twitter|orcid|phone|tel\b|fax|supplemental|copyright|©|licen[cs]e|this (?:article|work|study)|"
    r"trial registration|role of the funder|note|footnotes?|\*|†|‡)",
    re.IGNORECASE,
)
_FRONT_FURNITURE = re.compile(
    r"(?:public access|author manuscript|peer reviewed|previously published works|escholarship|"
    r"california digital library|published in (?:final )?edited form|available in pmc|nihms\d|"
    r"^ucsf$|^uc [a-z ]+$)",
    re.IGNORECASE,
)
_INSTITUTION = re.compile(
    r"\b(?:department|dept\.?|division|school|universit|institut|college|cent(?:er|re)|hospital|faculty|"
    r"laborator|clinic|program|foundation|ministry|council|agency|academy|society|inc\.|ltd|gmbh|"
    r"health system|medical cent|research unit|unit of|graduate|campus)",
    re.IGNORECASE,
)
_DISCLOSURE_CUES = re.compile(
    r"(?:@|https?://|approved by|was funded|funded by|grant|conflict|disclos|presented at|correspond|"
    r"phone|tel\.|fax|the authors)",
    re.IGNORECASE,
)
_ROLE_BRACKETS = re.compile(r"\[[^\[\]]{0,300}\]|\((?:[^()]{0,200})\)")
_PLAIN_MARKERS = re.compile(r"[\d*†‡]{1,3}(?:\s*[,–\-]\s*[\d*†‡]{1,3})*")
# Affiliation numbers printed as plain digits after a name ("Jane Doe1,2", "Jane Doe1*").
_TRAILING_DIGITS = re.compile(r"(?<=[^\W\d_])(\d{1,2}(?:[,–\-]\d{1,2})*)\*?$")
_LEADING_KEY = re.compile(r"\s*(\d{1,2}|[*†‡])\s*(?=[^\W\d_])")
_AUTHOR_PREFIX = re.compile(r"^(?:authors?|by)\s*[:\-—]\s*", re.IGNORECASE)
_NAME_TOKEN = re.compile(r"^(?:[^\W\d_][.]|[^\W\d_]{1,2}\.(?:-?[^\W\d_]\.)*|[^\W\d_][\w'’\-]*\.?)$")
_DEGREE = re.compile(r"^(?:[A-Z][A-Za-z.\-()]{0,11}|[A-Z]{2,8}\b.*)$")
_KNOWN_DEGREES = frozenset({
    "phd", "md", "mbe", "ms", "msc", "ma", "mph", "mba", "med", "edd", "dphil", "do", "dds", "dmd", "rn",
    "bsn", "msn", "np", "pa", "pa-c", "pharmd", "drph", "mbbs", "mbchb", "bs", "bsc", "ba", "facp", "frcpc",
    "frcp", "facs", "mhpe", "ms-hped", "mhped", "jd", "llm", "dsc", "scd", "mpp", "msw", "lcsw", "cnm", "mse",
    "meng", "beng", "mmed", "mhs", "mscr", "dvm", "od", "psyd", "dnp", "cph", "faan", "fapa", "faap", "mas",
})
_PARTICLES = frozenset({"van", "von", "der", "den", "de", "del", "della", "da", "di", "dos", "das", "du",
                        "la", "le", "ten", "ter", "bin", "al", "el", "st.", "y"})
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
_NOT_NAME_WORDS = frozenset({
    "abstract", "keywords", "introduction", "department", "university", "school", "college", "institute",
    "center", "centre", "hospital", "division", "journal", "professor", "medicine", "review", "study",
    "the", "of", "and", "for", "in", "on", "with", "a", "an", "published", "received", "accepted", "article",
    "research", "health", "results", "methods", "background", "objective", "conclusions", "table", "figure",
})

#: Front-matter blocks examined for the byline.
MAX_BYLINE_BLOCKS = 120


def is_disclosure(text: str) -> bool:
    """True for footnotes and disclosures mixed into a byline ("Corresponding Author: …", "Funding")."""
    head = strip_markdown(text[:200]).lstrip("-–—•*_ \t")
    return _DISCLOSURE.match(head) is not None


def is_front_furniture(text: str) -> bool:
    """True for repository and manuscript furniture ("HHS Public Access", "Author manuscript", …)."""
    return len(text) < 200 and _FRONT_FURNITURE.search(text) is not None


def is_affiliation(text: str) -> bool:
    """True for an institution line (never for disclosure text)."""
    return (len(text) <= 400 and _INSTITUTION.search(text) is not None
            and _DISCLOSURE_CUES.search(text) is None and not is_disclosure(text))


def _is_degree(piece: str) -> bool:
    token = piece.strip().rstrip(".")
    if not token or " " in token:
        return False
    if token.lower().replace(".", "") in _KNOWN_DEGREES or token.lower() in _KNOWN_DEGREES:
        return True
    uppercase = sum(1 for c in token if c.isupper())
    return _DEGREE.match(token) is not None and uppercase >= 2 and len(token) <= 10


def _is_name(piece: str) -> bool:
    tokens = piece.split()
    if not 2 <= len(tokens) <= 6:
        return False
    for n, token in enumerate(tokens):
        low = token.lower()
        if low in _NOT_NAME_WORDS:
            return False
        if low in _PARTICLES and 0 < n < len(tokens) - 1:
            continue
        if low in _SUFFIXES and n == len(tokens) - 1:
            continue
        if not _NAME_TOKEN.match(token) or not token[0].isupper():
            return False
    return tokens[-1].rstrip(".").lower() not in _SUFFIXES or len(tokens) > 2


def parse_author_line(line: str) -> list[tuple[str, set[str]]] | None:
    """The names on a byline line with their affiliation markers, or None if it is not a byline.

    Accepts "Name, PhD, MBE [Role]," as well as "A. Smith¹, B. Jones² and C. Lee¹".
    """
    if len(line) > 600 or is_disclosure(line) or _DISCLOSURE_CUES.search(line):
        return None
    value = _AUTHOR_PREFIX.sub("", strip_markdown(line.strip()))
    value = _ROLE_BRACKETS.sub(" ", value)
    names: list[tuple[str, set[str]]] = []
    for group in re.split(r";", value):
        pieces = re.split(r",|\band\b|&", group)
        for piece in pieces:
            raw = piece.strip()
            if not raw:
                continue
            if names and _PLAIN_MARKERS.fullmatch(raw):
                names[-1][1].update(k for k in re.split(r"[,\s]+", raw) if k)  # "Doe1,2": the "2"
                continue
            keys = marker_keys(raw)
            trailing = _TRAILING_DIGITS.search(raw)
            if trailing:
                keys.update(k for k in re.split(r"[,–\-]", trailing.group(1)) if k)
                raw = raw[:trailing.start()]
            name = clean_value(raw).strip(" .,*")
            if not name:
                continue
            if _is_degree(name):
                if not names:
                    return None
                names[-1][1].update(keys)  # "Jane Doe, MD, PhD1": the marker follows the degrees
                continue
            if not _is_name(name):
                return None
            names.append((name, keys))
    return names or None


def split_name(name: str) -> tuple[str | None, str | None]:
    """"Joanna Veazey Brooks" → ("Joanna Veazey", "Brooks"); particles stay with the family name."""
    tokens = name.split()
    if not tokens:
        return None, None
    suffix = ""
    if len(tokens) > 2 and tokens[-1].lower() in _SUFFIXES:
        suffix = " " + tokens.pop()
    family_start = len(tokens) - 1
    while family_start > 1 and tokens[family_start - 1].lower() in _PARTICLES:
        family_start -= 1
    given = " ".join(tokens[:family_start]) or None
    family = " ".join(tokens[family_start:]) + suffix
    return given, family


def read_byline(source: str, blocks: list[Block], first: int) -> tuple[list[Author], int]:
    """Read authors and their affiliations from ``blocks[first:]``.

    Returns the authors and the index of the first block after the byline (the first block
    that is neither author, affiliation, disclosure nor furniture).  Blocks are read line by
    line, since conversions often print a name and its affiliation without a blank line.
    """
    reader = _BylineReader(source)
    index = first
    last = min(len(blocks), first + MAX_BYLINE_BLOCKS)
    while index < last:
        block = blocks[index]
        head = source[block.start:min(block.end, block.start + 300)]
        if is_disclosure(head) or is_front_furniture(head):
            reader.after_affiliation = False
            index += 1
            continue
        if not reader.take_block(block):
            break
        index += 1
    return reader.finish(), index


class _BylineReader:
    """Collects authors and affiliations line by line."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.authors: list[Author] = []
        self.author_keys: list[set[str]] = []
        self.keyed: list[tuple[set[str], str]] = []
        self.after_affiliation = False

    def take_block(self, block: Block) -> bool:
        """Read one block; False when its first line is neither a name nor an affiliation."""
        lines = [self.source[s:e] for s, e in block.lines[:30]]
        self.after_affiliation = False  # an affiliation only wraps within its own paragraph
        for number, line in enumerate(lines):
            if not self._take_line(line):
                if number == 0:
                    return False
                break
        return True

    def _take_line(self, line: str) -> bool:
        if len(line) > 1000:
            return False  # a paragraph of running text, not a byline
        names = parse_author_line(line)
        if names:
            for name, keys in names:
                given, family = split_name(name)
                self.authors.append(Author(given=given, family=family))
                self.author_keys.append(keys)
            self.after_affiliation = False
            return True
        if not self.authors or is_disclosure(line) or is_front_furniture(line):
            return False
        affiliation = clean_value(line).lstrip("0123456789*†‡ ").strip()
        if is_affiliation(line):
            keys = marker_keys(line.lstrip()[:6])
            leading = _LEADING_KEY.match(line)
            if not keys and leading:
                keys = {leading.group(1)}
            if keys and any(self.author_keys):
                self.keyed.append((keys, affiliation))
            else:
                self.authors[-1].affiliations.append(affiliation)
            self.after_affiliation = True
            return True
        if self.after_affiliation and len(line) < 120 and _DISCLOSURE_CUES.search(line) is None:
            # A wrapped affiliation: "…, Plains State University," / "Lincoln, Nebraska."
            if self.keyed:
                keys, previous = self.keyed[-1]
                self.keyed[-1] = (keys, f"{previous} {affiliation}")
            elif self.authors[-1].affiliations:
                self.authors[-1].affiliations[-1] += " " + affiliation
            return True
        return False

    def finish(self) -> list[Author]:
        """The authors with their affiliations (keyed ones attached by marker), cleaned."""
        for keys, affiliation in self.keyed:
            for author, own in zip(self.authors, self.author_keys, strict=True):
                if own & keys:
                    author.affiliations.append(affiliation)
        for author in self.authors:
            cleaned: list[str] = []
            for affiliation in author.affiliations:
                value = affiliation[:-1] if affiliation.endswith(".") else affiliation
                if value and value not in cleaned:
                    cleaned.append(value)
            author.affiliations = cleaned
        return self.authors
