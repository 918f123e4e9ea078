"""Bibliographic details printed on the first page: DOI, venue ("Proceedings of …"), pages, date."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...dates import PartialDate, is_plausible_year, parse_date
from .body import extract_doi
from .layout import Line

_VENUE = re.compile(r"\b(Proceedings of .+?)(?:,\s*(?:pages|pp\.?)\s|,\s*[A-Z][a-z]+ \d|$)")
_PAGES = re.compile(r"\b(?:pages|pp\.?)\s*(\d+\s*[–-]\s*\d+)")
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|\bc(?=\(cid:\d+\)\s*\d{4})|copyright)\s*(?:\(cid:\d+\))?\s*\d{4}", re.IGNORECASE
)
_DAY_RANGE = re.compile(
    r"\b(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+(?P<day>\d{1,2})"
    r"(?:\s*[–-]\s*(?:[A-Z][a-z]+\.?\s+)?\d{1,2})?,?\s+(?P<year>\d{4})\b"
)
_PUBLISHED = re.compile(
    r"\b(?:published(?: online)?|accepted|date of publication)\s*:?\s*(.+)", re.IGNORECASE
)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


@dataclass
class PageOneDetails:
    """Details found on the first page (any may be missing)."""

    doi: str | None = None
    venue: str | None = None
    pages: str | None = None
    date: PartialDate | None = None


def first_page_details(lines: list[Line]) -> PageOneDetails:
    """Look through the first page's lines (text and margins) for DOI, venue, pages and date."""
    details = PageOneDetails()
    raws = [line.raw for line in lines]
    for raw in raws:
        doi = extract_doi(raw)
        if doi:
            details.doi = doi
            break
    for i, line in enumerate(lines):
        match = _VENUE.search(line.text)
        if not match:
            continue
        details.venue = match.group(1).strip(" ,.")
        pages = _PAGES.search(line.text)
        if pages:
            details.pages = re.sub(r"\s+", "", pages.group(1))
        # The meeting's dates usually follow on the venue line or the next one.
        for raw in raws[i : i + 2]:
            details.date = details.date or _date_in(raw)
        if details.date is None:
            year = _YEAR.search(details.venue)
            if year and is_plausible_year(int(year.group(1))):
                details.date = PartialDate.checked(int(year.group(1)))
        break
    if details.date is None:
        for raw in raws:
            published = _PUBLISHED.search(raw)
            if published:
                details.date = _date_in(published.group(1)) or parse_date(published.group(1))
                if details.date:
                    break
    return details


def _date_in(raw: str) -> PartialDate | None:
    text = _COPYRIGHT.sub(" ", raw)
    text = re.sub(r"\(cid:\d+\)", "", text)
    match = _DAY_RANGE.search(text)
    if match:
        return parse_date(f"{match.group('month')} {match.group('day')}, {match.group('year')}")
    return None
