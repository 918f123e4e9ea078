"""scholargraph.dates: every written form readers meet, and properties that must hold for any input."""

from __future__ import annotations

import datetime as dt
from email.utils import format_datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scholargraph.dates import (
    MAX_YEAR,
    MIN_YEAR,
    PartialDate,
    date_from_parts,
    is_plausible_year,
    month_number,
    parse_date,
)

MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December"]

# Hypothesis' own deadline is a timing assertion; correctness is what these tests check.
relaxed = settings(deadline=None, max_examples=300)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-11-01", "2023-11-01"),
        ("2023-11", "2023-11"),
        ("2023", "2023"),
        ("20231101", "2023-11-01"),
        ("2026-05-12T00:00:00Z", "2026-05-12"),
        ("2023 November 01", "2023-11-01"),
        ("2023 Nov 1", "2023-11-01"),
        ("November 2023", "2023-11"),
        ("Nov. 2023", "2023-11"),
        ("Nov-Dec 2023", "2023-11"),
        ("2023 Nov-Dec", "2023-11"),
        ("2019 Jan-Feb", "2019-01"),
        ("Tue, 12 May 2026 00:00:00 GMT", "2026-05-12"),
        ("Mon, 04 May 2026 08:30:00 +0000", "2026-05-04"),
        ("12 May 2026", "2026-05-12"),
        ("May 12, 2026", "2026-05-12"),
        ("May 12th, 2026", "2026-05-12"),
        ("1st January 2020", "2020-01-01"),
        ("2020/05/12", "2020-05-12"),
        ("2020.05", "2020-05"),
        ("Published: 3 March 2021", "2021-03-03"),
        ("2024 Feb 29", "2024-02-29"),
    ],
)
def test_written_forms(text: str, expected: str) -> None:
    date = parse_date(text)
    assert date is not None
    assert date.isoformat() == expected


@pytest.mark.parametrize("text", ["Spring 2023", "2023 Summer", "Winter 2022", "Fall 2019",
                                  "Summer-Fall 2020"])
def test_seasons_stay_at_year_precision(text: str) -> None:
    date = parse_date(text)
    assert date is not None and date.precision == "year"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31 April 2023", PartialDate(2023, 4)),   # impossible day dropped, not moved
        ("2022 Feb 29", PartialDate(2022, 2)),
        ("2023-02-30", PartialDate(2023, 2)),
        ("2023-13", PartialDate(2023)),            # impossible month dropped
        ("05/12/2020", PartialDate(2020)),         # day-first or month-first? unknown, so neither
        ("volume 12 (2019) pages 33-41", PartialDate(2019)),
    ],
)
def test_ambiguous_or_impossible_parts_are_dropped(text: str, expected: PartialDate) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "Tue,", "abc", "99999", "1066", "page 1234", "3000-01-01", None])
def test_no_plausible_year_means_no_date(text: str | None) -> None:
    assert parse_date(text) is None


def test_date_from_parts() -> None:
    assert date_from_parts("2018", "05", "17") == PartialDate(2018, 5, 17)
    assert date_from_parts(2019, "Jan") == PartialDate(2019, 1)
    assert date_from_parts("2019", "Spring") == PartialDate(2019)
    assert date_from_parts("2019", None, "5") == PartialDate(2019)  # a day without a month is meaningless
    assert date_from_parts("2019", "13", "1") == PartialDate(2019)
    assert date_from_parts("abc") is None
    assert date_from_parts(None) is None
    # Characters that are digits but not decimal ("²") once crashed int().
    assert date_from_parts("²") is None
    assert date_from_parts("2019", "²", "³") == PartialDate(2019)
    assert date_from_parts("２０２３", "０５") == PartialDate(2023, 5)  # full-width digits are decimal


def test_month_number() -> None:
    assert [month_number(m) for m in ("Nov", "november", "11", "Sept.", "13", "Spring", None)] == [
        11, 11, 11, 9, None, None, None]


def test_partial_date_formatting_and_order() -> None:
    formatted = [PartialDate(2023).isoformat(), PartialDate(2023, 1).isoformat(),
                 str(PartialDate(2023, 1, 2))]
    assert formatted == ["2023", "2023-01", "2023-01-02"]
    assert PartialDate.checked(1200) is None
    assert PartialDate(2020, 5) < PartialDate(2020, 6)


# --------------------------------------------------------------------------- properties


@relaxed
@given(st.text(max_size=300))
def test_arbitrary_text_never_crashes_and_year_is_plausible(text: str) -> None:
    date = parse_date(text)
    assert date is None or is_plausible_year(date.year)
    if date is not None:
        # Whatever was found is a real calendar date at its precision.
        if date.day is not None:
            assert date.month is not None
            dt.date(date.year, date.month, date.day)
        if date.month is not None:
            assert 1 <= date.month <= 12


@relaxed
@given(st.from_regex(r"[A-Za-z0-9 ,.:/\-]{0,60}", fullmatch=True))
def test_date_like_text_never_crashes(text: str) -> None:
    date = parse_date(text)
    assert date is None or MIN_YEAR <= date.year <= MAX_YEAR


@relaxed
@given(st.dates(min_value=dt.date(MIN_YEAR, 1, 1), max_value=dt.date(MAX_YEAR, 12, 31)))
def test_iso_round_trip(day: dt.date) -> None:
    full = PartialDate(day.year, day.month, day.day)
    assert parse_date(full.isoformat()) == full
    assert parse_date(day.isoformat()) == full
    month = PartialDate(day.year, day.month)
    assert parse_date(month.isoformat()) == month
    assert parse_date(f"{day.year:04d}") == PartialDate(day.year)


@relaxed
@given(st.dates(min_value=dt.date(MIN_YEAR, 1, 1), max_value=dt.date(MAX_YEAR, 12, 31)))
def test_rfc822_feed_dates(day: dt.date) -> None:
    stamp = format_datetime(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc), usegmt=True)
    assert parse_date(stamp) == PartialDate(day.year, day.month, day.day)


@relaxed
@given(st.integers(MIN_YEAR, MAX_YEAR), st.integers(1, 12))
def test_partial_dates_stay_partial(year: int, month: int) -> None:
    name = MONTH_NAMES[month - 1]
    for text in (f"{name} {year}", f"{year} {name[:3]}", f"{year}-{month:02d}", f"{name[:3]}. {year}"):
        assert parse_date(text) == PartialDate(year, month), text
    assert parse_date(f"{year}") == PartialDate(year)
    assert parse_date(f"Spring {year}") == PartialDate(year)


@relaxed
@given(st.one_of(st.none(), st.integers(), st.text(max_size=6), st.sampled_from(["²", "2023²", "١٢٣٤"])),
       st.one_of(st.none(), st.integers(-5, 20), st.text(max_size=10)),
       st.one_of(st.none(), st.integers(-5, 40), st.text(max_size=4)))
def test_date_from_parts_never_crashes(year: object, month: object, day: object) -> None:
    date = date_from_parts(year, month, day)  # type: ignore[arg-type]
    assert date is None or is_plausible_year(date.year)
