"""The first page's front matter: title, authors with affiliations, abstract."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...document import Author
from .headings import detect_heading
from .joining import join_lines
from .layout import Line, clean_text

_ABSTRACT = re.compile(r"^(?:abstract|summary)\b\s*[.:—–-]?\s*(?P<rest>.*)$", re.IGNORECASE)
_KEYWORDS = re.compile(r"^(?:key\s*words|index terms|ccs concepts|subjects?)\b", re.IGNORECASE)
#: Footnote-style markers that tie authors to affiliations.
_MARKER = re.compile(r"\(cid:\d+\)|[†‡§¶∗*⋆♠♣♥♦✝✉♮♭♯]|(?<=[^\W\d_])\d{1,2}(?:,\d{1,2})*|^\d{1,2}(?=\s?[A-Z])")
_AFFILIATION_WORDS = re.compile(
    r"\b(?:univ|universit|institut|department|dept|school|college|laborator|lab\b|labs\b|center|centre|"
    r"faculty|hospital|clinic|academy|foundation|corporation|inc\b|ltd|gmbh|research|google|microsoft|"
    r"facebook|amazon|ibm|company|ministry|council|agency|program|division|unit\b|street|road|avenue|"
    r"usa\b|u\.s\.a|uk\b|china|germany|france|japan|canada|india|italy|spain|australia|korea|brazil|"
    r"netherlands|switzerland|israel|sweden|singapore)",
    re.IGNORECASE,
)
_OBFUSCATED_EMAIL = re.compile(r"\b[\w.+-]+\s+(?:at|AT|\[at\])\s+[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b")
_PARTICLES = {"van", "von", "de", "der", "den", "del", "della", "di", "da", "du", "le", "la", "dos", "das",
              "ter", "ten", "bin", "al", "el", "st.", "zu", "vom", "y"}
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
#: Names with their markers, and affiliations with theirs, as one byline group.
_Group = tuple[list[tuple[str, set[str]]], list[tuple[str, set[str]]]]


@dataclass
class FrontMatter:
    """What the first page's header gave, and which lines it used."""

    title: str | None = None
    authors: list[Author] = field(default_factory=list)
    abstract: str | None = None
    used: set[int] = field(default_factory=set)
    title_end: int = 0
    abstract_start: int | None = None
    body_start: int = 0


def read_front_matter(lines: list[Line], body_size: float, page_height: float) -> FrontMatter:
    """Find title, authors and abstract among the first page's lines (indices into ``lines``)."""
    front = FrontMatter()
    first_page = [i for i, line in enumerate(lines) if line.page == 0]
    if not first_page:
        return front
    title_idx = _title_lines(lines, first_page, body_size, page_height)
    if title_idx:
        front.title = _join_title([lines[i].text for i in title_idx])
        front.used.update(title_idx)
        front.title_end = title_idx[-1] + 1

    # The author block runs from after the title to the abstract or the first heading.
    abstract_at = None
    block_end = None
    for i in first_page:
        if i < front.title_end:
            continue
        line = lines[i]
        if _ABSTRACT.match(line.text) and _is_abstract_marker(line, body_size):
            abstract_at = i
            block_end = i
            break
        if detect_heading(line, body_size, strict=True) is not None or len(line.text.split()) >= 16:
            block_end = i
            break
    if block_end is None:
        block_end = first_page[-1] + 1
    block = [i for i in first_page if front.title_end <= i < block_end]
    front.authors, used, stop = _authors(lines, block)
    front.used.update(used)
    front.body_start = stop if stop is not None else block_end

    if abstract_at is not None:
        marker = _ABSTRACT.match(lines[abstract_at].text)
        parts: list[str] = [marker.group("rest")] if marker and marker.group("rest") else []
        end = abstract_at + 1
        first_size = None
        while end < len(lines) and lines[end].page == 0:
            line = lines[end]
            if detect_heading(line, body_size, strict=True) is not None or _KEYWORDS.match(line.text):
                break
            if first_size is None:
                first_size = line.size
            if abs(line.size - first_size) <= 1.0:
                parts.append(line.text)
                front.used.add(end)
            end += 1
        abstract = join_lines(parts)
        if abstract:
            front.abstract = abstract
            front.abstract_start = abstract_at
            front.used.add(abstract_at)
        front.body_start = end
    return front


def _is_abstract_marker(line: Line, body_size: float) -> bool:
    """"Abstract" alone, "Abstract." / "Abstract—" run in, "ABSTRACT …", or a bold label before plain text."""
    text = line.text.strip()
    match = re.match(r"(abstract|summary)\s*([.:—–-])?\s*(.*)$", text, re.IGNORECASE)
    if match is None:
        return False
    label, separator, rest = match.groups()
    if not rest or separator:
        return True
    # Run in without punctuation: only when the label stands out from the text after it.
    return label.isupper() or 0.02 < line.bold < 0.5


def _title_lines(lines: list[Line], first_page: list[int], body_size: float, page_height: float) -> list[int]:
    candidates = [
        i for i in first_page
        if lines[i].y1 > 0.45 * page_height and sum(c.isalpha() for c in lines[i].text) >= 3
    ]
    if not candidates:
        return []
    largest = max(lines[i].size for i in candidates)
    if largest < body_size + 1.0:
        return []
    picked: list[int] = []
    for i in candidates:
        line = lines[i]
        if line.size >= largest - 0.6:
            if picked:
                previous = lines[picked[-1]]
                if i != picked[-1] + 1 or previous.y0 - line.y1 > 1.5 * line.size:
                    break
            picked.append(i)
        elif picked:
            break
    return picked


def _join_title(parts: list[str]) -> str:
    title = ""
    for part in parts:
        if title.endswith("-"):
            title += part  # keep the hyphen: title words like "Document-level" are compounds
        else:
            title = f"{title} {part}".strip()
    return title


# --- authors ----------------------------------------------------------------------------------------

def _before_email(text: str) -> str:
    """What precedes an e-mail address on a line: "Ann Lee (ann@x.org)" → "Ann Lee"; no address → all."""
    if "@" not in text:
        return text
    return re.split(r"[(<{\[]|\S*@", text, maxsplit=1)[0].strip(" ,;")


def _is_affiliation_line(text: str) -> bool:
    return bool(_AFFILIATION_WORDS.search(text)) or bool(re.search(r"\d{4,}", text))


def _authors(lines: list[Line], block: list[int]) -> tuple[list[Author], set[int], int | None]:
    """Parse the author block: name lines, then affiliation lines (markers link the two).

    Also returns the index of the first line that is neither (running text), if any.
    """
    groups: list[_Group] = []
    used: set[int] = set()
    name_style: float | None = None
    first_other: int | None = None
    for i in block:
        line = lines[i]
        text = line.raw.strip()
        clean = line.text
        name_text = _before_email(clean)
        if len(re.sub(r"\W", "", name_text)) < 2 or name_text.lower().startswith(("email", "e-mail")):
            used.add(i)  # an e-mail line, or a stray bracket
            continue
        persons = None if _is_affiliation_line(name_text) else _split_persons(
            [_before_email(segment) for segment in line.segments]
        )
        looks_like_names = persons is not None and all(_is_person_name(name) for name, _ in persons)
        if looks_like_names and persons and (name_style is None or abs(line.bold - name_style) < 0.5):
            if not groups or groups[-1][1]:
                groups.append(([], []))
            groups[-1][0].extend(persons)
            name_style = line.bold if name_style is None else name_style
            used.add(i)
        elif "@" in clean or _OBFUSCATED_EMAIL.search(clean):
            used.add(i)
        elif not groups:
            # Before any name: a subtitle or a label; the body starts here if no byline follows.
            first_other = i if first_other is None else first_other
        else:
            markers, rest = _leading_markers(text)
            previous = lines[i - 1] if i > 0 else line
            adjacent = previous.page == line.page and previous.y0 - line.y1 < 1.2 * line.size
            if not (markers or _is_affiliation_line(clean) or (adjacent and (i - 1) in used)):
                return _people(groups), used, i
            affiliation = clean_text(rest).strip(" ,;")
            if not affiliation:
                continue
            affiliations = groups[-1][1]
            continued = affiliations and (affiliations[-1][0].endswith(",") or affiliation[0].islower())
            if continued and not markers:
                affiliations[-1] = (affiliations[-1][0] + " " + affiliation, affiliations[-1][1])
            else:
                affiliations.append((affiliation, markers))
            used.add(i)
    return _people(groups), used, None if groups else first_other


def _people(groups: list[_Group]) -> list[Author]:
    """Authors from (names, affiliations) groups; a marker links a name to its affiliations."""
    authors: list[Author] = []
    for persons, affiliations in groups:
        unmarked = [a for a, m in affiliations if not m]
        for name, markers in persons:
            given, family = split_name(name)
            mine = [a for a, m in affiliations if m & markers]
            if not mine:
                mine = unmarked
            authors.append(Author(given=given, family=family, affiliations=[a.rstrip(",") for a in mine]))
    return authors


def _marker_key(marker: str) -> set[str]:
    if marker.startswith("(cid:"):
        return {marker}
    if marker[0].isdigit():
        return set(marker.split(","))
    return {"*" if marker in "∗*⋆" else marker}


def _leading_markers(text: str) -> tuple[set[str], str]:
    markers: set[str] = set()
    rest = text.strip()
    while True:
        match = re.match(r"\(cid:\d+\)|[†‡§¶∗*⋆♠♣♥♦✝♮♭♯]|\d{1,2}(?=\s?[A-Z])", rest)
        if not match:
            return markers, rest
        markers |= _marker_key(match.group(0))
        rest = rest[match.end():].lstrip(" ,")


def _split_persons(segments: list[str]) -> list[tuple[str, set[str]]] | None:
    """Split a byline into (name, markers) pairs; markers and separators both end a name."""
    persons: list[tuple[str, set[str]]] = []
    for segment in segments:
        masked = segment
        marks: list[tuple[int, str]] = []
        for match in _MARKER.finditer(segment):
            marks.append((match.start(), match.group(0)))
            filler = "|" + " " * (match.end() - match.start() - 1)
            masked = masked[: match.start()] + filler + masked[match.end():]
        masked = re.sub(r"\band\b", "|||", masked)
        pieces = [
            (match.start(), match.end(), match.group(0).strip())
            for match in re.finditer(r"[^|,;&]+", masked)
            if match.group(0).strip()
        ]
        for index, (start, _end, name) in enumerate(pieces):
            following = pieces[index + 1][0] if index + 1 < len(pieces) else len(segment) + 1
            markers: set[str] = set()
            for position, mark in marks:
                if start < position < following:
                    markers |= _marker_key(mark)
            name = clean_text(name)
            if sum(c.isalpha() for c in name) >= 2:
                persons.append((name, markers))
    return persons or None


def _is_person_name(name: str) -> bool:
    tokens = name.split()
    if not 2 <= len(tokens) <= 5 or any(ch.isdigit() for ch in name):
        return False
    return all(t[0].isupper() or t.lower() in _PARTICLES or t.lower() in _SUFFIXES for t in tokens)


def split_name(name: str) -> tuple[str | None, str | None]:
    """Split a Western-order personal name: "Madeleine van Zuylen" → ("Madeleine", "van Zuylen")."""
    tokens = name.split()
    suffix = ""
    if len(tokens) > 2 and tokens[-1].lower().rstrip(",") in _SUFFIXES:
        suffix = " " + tokens.pop()
    if not tokens:
        return None, None
    if len(tokens) == 1:
        return None, tokens[0] + suffix
    start = len(tokens) - 1
    while start > 1 and tokens[start - 1].lower() in _PARTICLES:
        start -= 1
    return " ".join(tokens[:start]), " ".join(tokens[start:]) + suffix
