"""Publication dates, as precise as the source gives them and never more.

One parser serves every reader: ISO 8601 (full and partial), RFC 822 feed dates
("Tue, 12 May 2026 00:00:00 GMT"), PubMed's "2023 Nov-Dec" and "2023 November 01",
"November 2023", seasons, and JATS/PubMed date parts.  A missing month or day stays
missing — it is never filled in with today's — and a year is only ever a plausible
four-digit year, so a weekday or a month name can never end up where a year belongs.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from dateutil import parser as _dateutil_parser

#: Years outside this range are treated as not-a-year (page numbers, volume numbers, …).
MIN_YEAR = 1450
MAX_YEAR = 2100

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_SEASONS = {"spring", "summer", "autumn", "fall", "winter"}
_WEEKDAYS = re.compile(
    r"\b(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(day|nesday|rsday|urday|sday)?\b\.?,?", re.IGNORECASE
)
_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2})(?:[T ]\d.*)?)?)?\s*$")
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$")
# Year-first with slashes or dots ("2020/05/12", "2020.05") is unambiguous; day-first is not.
_YEAR_FIRST = re.compile(r"^\s*(\d{4})[/.](\d{1,2})(?:[/.](\d{1,2}))?\s*$")
_MONTH_RANGE = re.compile(r"\b([A-Za-z]{3,9})\.?\s*[-–/]\s*[A-Za-z]{3,9}\.?\b")
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_MONTH_WORD = r"(?P<month>[A-Za-z]{3,9})\.?"
# The three written orders scholarly sources use, tried before dateutil's guesswork.
_WRITTEN_FORMS = [
    re.compile(r"(?<!\d)(?P<year>\d{4})\s+" + _MONTH_WORD + r"(?:\s+(?P<day>\d{1,2}))?(?!\d)"),
    re.compile(
        r"(?<!\d)(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH_WORD + r",?\s+(?P<year>\d{4})(?!\d)"
    ),
    re.compile(_MONTH_WORD + r"(?:\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?)?,?\s+(?P<year>\d{4})(?!\d)"),
]


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date whose month and day may be unknown."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def checked(cls, year: int, month: int | None = None, day: int | None = None) -> PartialDate | None:
        """Build a date if the parts form a real, plausible one, else return None.

        A day without a month is dropped, and an impossible day (31 April) is dropped too
        rather than guessed.
        """
        if not is_plausible_year(year):
            return None
        if month is not None and not 1 <= month <= 12:
            month = None
        if month is None:
            return cls(year)
        if day is not None:
            try:
                _dt.date(year, month, day)
            except ValueError:
                day = None
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        """``"year"``, ``"month"`` or ``"day"``."""
        if self.month is None:
            return "year"
        return "month" if self.day is None else "day"

    def isoformat(self) -> str:
        """``2023``, ``2023-11`` or ``2023-11-01``."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __str__(self) -> str:
        return self.isoformat()


def is_plausible_year(year: int) -> bool:
    """True for a year a publication could carry."""
    return MIN_YEAR <= year <= MAX_YEAR


def month_number(text: str | None) -> int | None:
    """``"Nov"``, ``"november"``, ``"11"`` → 11; anything else → None."""
    if text is None:
        return None
    token = text.strip().rstrip(".").lower()
    if token.isdecimal():
        value = int(token)
        return value if 1 <= value <= 12 else None
    return _MONTHS.get(token)


def date_from_parts(
    year: str | int | None, month: str | int | None = None, day: str | int | None = None
) -> PartialDate | None:
    """Build a date from separate parts (JATS ``<year>/<month>/<day>``, PubMed ``Year/Month/Day``).

    The month may be a number or an English month name; a season in the month slot
    leaves the date at year precision.
    """
    y = _to_int(year)
    if y is None:
        return None
    m = month if isinstance(month, int) else month_number(month)
    d = _to_int(day)
    return PartialDate.checked(y, m, d if m is not None else None)


def parse_date(text: str | None) -> PartialDate | None:
    """Parse a publication date written in any of the forms scholarly sources use.

    Returns None when no plausible year can be found.  Never raises.
    """
    if not text:
        return None
    raw = " ".join(str(text).split())[:200]
    if not raw:
        return None

    match = _ISO.match(raw)
    if match:
        return date_from_parts(match.group(1), _to_int(match.group(2)), match.group(3))
    match = _COMPACT.match(raw)
    if match:
        return date_from_parts(match.group(1), _to_int(match.group(2)), match.group(3))
    match = _YEAR_FIRST.match(raw)
    if match:
        return date_from_parts(match.group(1), _to_int(match.group(2)), match.group(3))

    # A weekday carries no date information and confuses day detection: drop it.
    cleaned = _WEEKDAYS.sub(" ", raw)
    # "Nov-Dec 2023" / "2023 Nov-Dec": the issue starts in the first month of the range.
    cleaned = _MONTH_RANGE.sub(lambda m: m.group(1) if month_number(m.group(1)) else m.group(0), cleaned)
    words = re.findall(r"[A-Za-z]+", cleaned.lower())
    if any(w in _SEASONS for w in words) and not any(w in _MONTHS for w in words):
        year_match = _YEAR.search(cleaned)
        return date_from_parts(year_match.group(1)) if year_match else None

    for form in _WRITTEN_FORMS:
        for found in form.finditer(cleaned):
            if month_number(found.group("month")) and is_plausible_year(int(found.group("year"))):
                return date_from_parts(found.group("year"), found.group("month"), found.group("day"))

    years = [int(y) for y in _YEAR.findall(cleaned) if is_plausible_year(int(y))]
    if not years:
        return None
    return _parse_with_dateutil(cleaned, years[0])


def _parse_with_dateutil(text: str, year: int) -> PartialDate | None:
    """Let dateutil read month and day, and trust only the parts it really found.

    Parsing twice with two different defaults tells found parts (equal in both results)
    from filled-in ones (taken from the default).
    """
    defaults = (_dt.datetime(2001, 1, 1), _dt.datetime(2002, 2, 28))
    results = []
    for default in defaults:
        try:
            results.append(_dateutil_parser.parse(text, default=default, fuzzy=True))
        except (ValueError, OverflowError, TypeError):
            return PartialDate.checked(year)
    first, second = results
    # Without a month name, numbers such as "volume 12" or "12/05" must not become a month.
    if not _has_month_word(text):
        return PartialDate.checked(year)
    month = first.month if first.month == second.month else None
    if first.year != second.year or first.year != year:
        # dateutil picked some other number as the year: keep only the parts we trust.
        return PartialDate.checked(year, month)
    day = first.day if month is not None and first.day == second.day else None
    return PartialDate.checked(year, month, day)


def _has_month_word(text: str) -> bool:
    return any(w in _MONTHS for w in re.findall(r"[A-Za-z]+", text.lower()))


def _to_int(value: str | int | None) -> int | None:
    if value is None:
        return None
    if isinstance(value, int):
        return value
    digits = value.strip()
    return int(digits) if digits.isdecimal() and len(digits) <= 4 else None
