"""APA-style narrative citations and sentence templates."""

from __future__ import annotations

import pytest

from scholargraph.cite import cite, fill_template
from scholargraph.dates import PartialDate, parse_date
from scholargraph.document import Author, Document, Metadata
from scholargraph.errors import InputError


def person(given: str, family: str) -> Author:
    return Author(given=given, family=family)


NOV_2023 = PartialDate(2023, 11, 1)


def meta(*authors: Author, date: PartialDate | None = NOV_2023, title: str | None = None) -> Metadata:
    return Metadata(authors=list(authors), date=date, title=title)


BROOKS = person("Joanna Veazey", "Brooks")
DICKINSON = person("Kimberly", "Dickinson")
REES = person("Chloe", "Rees")


@pytest.mark.parametrize(
    ("authors", "expected"),
    [
        ((BROOKS,), "Brooks (2023)"),
        ((BROOKS, DICKINSON), "Brooks and Dickinson (2023)"),
        ((BROOKS, DICKINSON, REES), "Brooks et al. (2023)"),
        ((BROOKS, DICKINSON, REES, person("A", "Four"), person("B", "Five")), "Brooks et al. (2023)"),
    ],
)
def test_one_two_and_more_authors(authors: tuple[Author, ...], expected: str) -> None:
    assert cite(meta(*authors)) == expected


def test_organisation_author_keeps_its_full_name() -> None:
    who = Author(name="World Health Organization", is_organization=True)
    assert cite(meta(who)) == "World Health Organization (2023)"
    assert cite(meta(who, BROOKS)) == "World Health Organization and Brooks (2023)"


def test_particle_stays_lower_case_inside_a_sentence_and_capitalised_at_its_start() -> None:
    van_der_berg = person("Jan", "van der Berg")
    assert cite(meta(van_der_berg)) == "van der Berg (2023)"
    assert cite(meta(van_der_berg), capitalize=True) == "Van der Berg (2023)"
    assert fill_template("{cite} studied this question.", meta(van_der_berg)) == (
        "Van der Berg (2023) studied this question.")
    assert fill_template("As shown by {cite}, mentors matter.", meta(van_der_berg)) == (
        "As shown by van der Berg (2023), mentors matter.")


def test_non_ascii_names() -> None:
    assert cite(meta(person("Zoë", "Ørsted"), person("Łukasz", "Wójcik"))) == "Ørsted and Wójcik (2023)"
    assert cite(meta(person("Niamh", "Ó Súilleabháin"))) == "Ó Súilleabháin (2023)"
    assert cite(meta(person("美咲", "佐藤"), person("Ana", "Lima"), REES)) == "佐藤 et al. (2023)"


def test_without_a_date_the_year_is_nd() -> None:
    assert cite(meta(BROOKS, date=None)) == "Brooks (n.d.)"


def test_weekday_can_never_become_the_year() -> None:
    # The seed's broken citation put "Tue," where the year belongs.
    date = parse_date("Tue, 12 May 2026 00:00:00 GMT")
    assert cite(meta(person("S", "Venkataraman"), BROOKS, REES, date=date)) == "Venkataraman et al. (2026)"
    assert cite(meta(BROOKS, date=parse_date("Tue,"))) == "Brooks (n.d.)"


def test_author_given_only_as_display_name() -> None:
    assert cite(meta(Author(name="Grace Hopper"))) == "Hopper (2023)"


def test_no_authors_falls_back_to_a_short_title() -> None:
    assert cite(meta(title="Mentoring across the research pipeline in rural colleges")) == (
        "\u201cMentoring across the research\u2026\u201d (2023)")
    assert cite(Metadata()) == "Unknown author (n.d.)"


def test_document_and_metadata_cite_alike() -> None:
    metadata = meta(BROOKS, DICKINSON)
    assert cite(Document(text="x", metadata=metadata)) == cite(metadata)


def test_template_fields() -> None:
    metadata = Metadata(authors=[BROOKS], date=PartialDate(2023), title="Identity",
                        journal="Academic Medicine", doi="10.1097/ACM.0000000000005354")
    assert fill_template("{authors} ({year}). {title}. {journal}. doi:{doi}", metadata) == (
        "Brooks (2023). Identity. Academic Medicine. doi:10.1097/ACM.0000000000005354")
    literal = fill_template("{{cite}} is literal, {cite} is not", metadata)
    assert literal == "{cite} is literal, Brooks (2023) is not"


@pytest.mark.parametrize(
    "template", ["{nope}", "{cite", "{cite!r}", "{cite:>20}", "{0}", "{}", "{cite.__class__}", "cite}"]
)
def test_bad_template_is_an_input_error(template: str) -> None:
    with pytest.raises(InputError, match="template") as caught:
        fill_template(template, meta(BROOKS))
    assert "\n" not in str(caught.value)
