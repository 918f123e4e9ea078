"""Repository cover sheets and "Published in final edited form as:" lines.

Institutional repositories (eScholarship and the like) put a cover page in front of the
paper: a label line ("Title", "Journal", "Authors", "Publication Date", "DOI", …)
followed by value lines.  PubMed Central author manuscripts carry a citation line such as
"Acad Med. 2023 November 01; 98(11 Suppl): S14–S23. doi:10.1097/ACM.0000000000005354.".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...dates import PartialDate, parse_date
from .clean import clean_value, find_doi
from .layout import Block

#: Cover-sheet labels (lower-cased) and the field each one fills.
COVER_LABELS = {
    "title": "title", "permalink": "url", "journal": "journal", "authors": "authors", "author": "authors",
    "publication date": "date", "date": "date", "doi": "doi", "issn": "issn", "license": "license",
    "licence": "license", "copyright information": "license", "peer reviewed": "flag",
    "publication info": "journal", "issue": "issue", "volume": "volume", "pages": "pages",
    "publisher": "publisher", "keywords": "keywords", "url": "url",
}
_FINAL_FORM = re.compile(r"^published in (?:final edited|edited) form as:?\s*", re.IGNORECASE)
# "Acad Med. 2023 November 01; 98(11 Suppl): S14–S23. doi:…" — journal. date; volume(issue): pages.
_CITATION = re.compile(
    r"^(?P<journal>[^.;]{2,120}?)\.\s+(?P<date>[^;]{4,40});\s*(?P<volume>[\w\-]{1,12})?"
    r"(?:\s*\((?P<issue>[^()]{1,30})\))?\s*(?::\s*(?P<pages>[\w\-–]{1,30}))?"
)
_JOURNAL_VALUE = re.compile(r"^(?P<journal>.+?),\s*(?P<volume>[\w\-]{1,12})\s*(?:\((?P<issue>[^()]{1,30})\))?"
                            r"(?:\s*[,:]?\s*(?P<pages>[\w]+[\-–][\w]+))?\s*$")
_INVERTED_NAME = re.compile(r"^(?P<family>[^,]{1,80}),\s*(?P<given>[^,]{1,80})$")

#: Blocks at the top of a file searched for a cover sheet.
COVER_WINDOW = 60


@dataclass
class CoverSheet:
    """What a cover sheet and a "Published in final edited form" line say, and where they end."""

    fields: dict[str, str] = field(default_factory=dict)
    authors: list[tuple[str, str]] = field(default_factory=list)  # (given, family) as listed
    date: PartialDate | None = None
    end_block: int = 0  # index of the first block after the cover sheet
    citation_journal: str | None = None  # the abbreviation of the final-form line


def _label_of(text: str) -> str | None:
    key = " ".join(text.strip().strip(":").split()).lower()
    return COVER_LABELS.get(key)


def read_cover(source: str, blocks: list[Block]) -> CoverSheet | None:
    """Parse a cover sheet from the first blocks, or return None when there is none."""
    window = blocks[:COVER_WINDOW]
    labels = [i for i, b in enumerate(window) if b.single_line and b.end - b.start <= 30
              and _label_of(source[b.start:b.end])]
    # The labels of one cover sheet follow each other closely; a later "Keywords" is the paper's own.
    for n in range(1, len(labels)):
        if labels[n] - labels[n - 1] > 8:
            labels = labels[:n]
            break
    if len({_label_of(source[window[i].start:window[i].end]) for i in labels}) < 3:
        return None
    cover = CoverSheet()
    label_set = set(labels)
    for n, index in enumerate(labels):
        label = _label_of(source[window[index].start:window[index].end]) or ""
        stop = labels[n + 1] if n + 1 < len(labels) else min(index + 2, len(window))
        if label == "flag":
            cover.end_block = max(cover.end_block, index + 1)
            continue
        if index + 1 in label_set:
            continue  # an empty value: the next block is the next label
        # Only "Authors" may run over several blocks; every other value is the next block.
        value_blocks = window[index + 1:stop] if label == "authors" else window[index + 1:index + 2]
        value_lines = [source[s:e] for b in value_blocks for s, e in b.lines]
        if not value_lines:
            continue
        cover.end_block = max(cover.end_block, index + 1 + len(value_blocks))
        if label == "authors":
            for line in value_lines:
                name = clean_value(line)
                match = _INVERTED_NAME.match(name)
                if match and "et al" not in name.lower():
                    cover.authors.append((match.group("given"), match.group("family")))
            continue
        value = clean_value(" ".join(value_lines))
        if label == "journal":
            _split_journal(value, cover.fields)
        elif label == "doi":
            doi = find_doi(value)
            if doi:
                cover.fields["doi"] = doi
        elif label == "date":
            cover.date = parse_date(value)
        elif label == "title":
            cover.fields["title"] = value[:-1] if value.endswith(".") else value
        elif label == "url":
            cover.fields["url"] = value.strip("<>")
        elif label in ("license", "volume", "issue", "pages", "publisher", "keywords"):
            cover.fields[label] = value
    read_final_form(source, blocks, cover)
    return cover


def read_final_form(source: str, blocks: list[Block], cover: CoverSheet) -> bool:
    """Find a "Published in final edited form as:" citation and fill what the cover lacks."""
    for index, block in enumerate(blocks[:COVER_WINDOW]):
        head = source[block.start:min(block.end, block.start + 400)]
        match = _FINAL_FORM.match(head)
        if match is None:
            continue
        rest = head[match.end():].strip()
        end_block = index + 1
        if not rest and index + 1 < len(blocks):
            nxt = blocks[index + 1]
            rest = source[nxt.start:min(nxt.end, nxt.start + 400)]
            end_block = index + 2
        cover.end_block = max(cover.end_block, end_block)
        _parse_citation(clean_value(rest), cover)
        return True
    return False


def _parse_citation(line: str, cover: CoverSheet) -> None:
    doi = find_doi(line)
    if doi:
        cover.fields.setdefault("doi", doi)
    match = _CITATION.match(line)
    if match is None:
        return
    cover.citation_journal = match.group("journal").strip()
    date = parse_date(match.group("date"))
    if date and (cover.date is None or (cover.date.year == date.year and date.precision == "day")):
        cover.date = cover.date if cover.date and cover.date.precision == "day" else date
    for key in ("volume", "issue", "pages"):
        value = match.group(key)
        if value:
            cover.fields.setdefault(key, value.strip())
    cover.fields.setdefault("journal", cover.citation_journal)


def _split_journal(value: str, fields: dict[str, str]) -> None:
    match = _JOURNAL_VALUE.match(value)
    if match and any(c.isdigit() for c in match.group("volume")):
        fields["journal"] = match.group("journal").strip()
        fields["volume"] = match.group("volume")
        if match.group("issue"):
            fields["issue"] = match.group("issue").strip()
        if match.group("pages"):
            fields["pages"] = match.group("pages")
    else:
        fields["journal"] = value
