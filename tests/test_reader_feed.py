"""The feed reader: RSS 2.0, RSS 1.0 and Atom items as documents; RFC 822 dates; hostile feeds."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader_hostile import SOUP_TEXTS, billion_laughs, element_soup, secret_lines, xxe
from scholargraph.cite import cite, fill_template
from scholargraph.dates import PartialDate
from scholargraph.document import Document
from scholargraph.errors import InputError
from scholargraph.readers import read_bytes, read_path
from scholargraph.readers.feed import read, split_author_list

DATA = Path(__file__).parent / "data" / "readers"


@pytest.fixture(scope="module")
def rss2() -> list[Document]:
    return read_path(DATA / "feed_rss2.xml")


def rss_item(inner: str) -> bytes:
    return f'<rss version="2.0"><channel><title>Ch</title><item>{inner}</item></channel></rss>'.encode()


# --------------------------------------------------------------------------- RSS 2.0


def test_every_item_is_a_document(rss2: list[Document]) -> None:
    assert len(rss2) == 3
    assert all(d.format == "feed" for d in rss2)


def test_venkataraman_item_cites_with_the_year_not_the_weekday(rss2: list[Document]) -> None:
    item = rss2[0]
    assert [(a.given, a.family) for a in item.metadata.authors] == [
        ("S", "Venkataraman"), ("J", "Okafor"), ("M", "Lindqvist")]
    assert item.metadata.date == PartialDate(2026, 5, 12)
    assert cite(item) == "Venkataraman et al. (2026)"
    assert fill_template("{cite} studied this question.", item) == (
        "Venkataraman et al. (2026) studied this question.")


def test_prism_metadata_and_doi(rss2: list[Document]) -> None:
    meta = rss2[0].metadata
    assert meta.journal == "Journal of Mentoring in Health Education"
    assert (meta.volume, meta.issue, meta.pages) == ("14", "2", "101-115")
    assert meta.doi == "10.5555/jmhe.2026.1204"
    assert meta.url == "https://journal.example.org/jmhe/article/1204"
    assert meta.keywords == ["mentoring", "nursing education"]
    assert rss2[0].id == "doi:10.5555/jmhe.2026.1204"


def test_html_description_is_stripped_and_scripts_dropped(rss2: list[Document]) -> None:
    item = rss2[0]
    assert item.abstract == (
        "Background: First-generation students often lack informal guidance. We followed 212 students "
        "through four semesters of peer mentoring circles & compared retention with a matched cohort."
    )
    assert "alert" not in item.text and "<" not in item.text
    assert item.text == item.metadata.title + "\n\n" + item.abstract
    assert item.abstract_span is not None
    assert item.text[item.abstract_span[0]:item.abstract_span[1]] == item.abstract


def test_dc_creator_with_and_doi_link_and_channel_title(rss2: list[Document]) -> None:
    item = rss2[1]
    assert [(a.given, a.family) for a in item.metadata.authors] == [("Amara", "Osei"), ("Lucas", "Brandt")]
    assert cite(item) == "Osei and Brandt (2026)"
    assert item.metadata.doi == "10.5555/jmhe.2026.1188"
    assert item.metadata.journal == "Journal of Mentoring in Health Education: Latest Articles"
    assert item.metadata.date == PartialDate(2026, 5, 4)


def test_item_without_author_or_date_invents_nothing(rss2: list[Document]) -> None:
    item = rss2[2]
    assert item.metadata.authors == [] and item.metadata.date is None and item.metadata.doi is None
    assert cite(item).endswith("(n.d.)")


def test_date_without_day_keeps_no_day() -> None:
    document = read(rss_item("<title>T</title><pubDate>May 2026</pubDate>"), "t.rss")[0]
    assert document.metadata.date == PartialDate(2026, 5)


def test_rss_author_email_form() -> None:
    document = read(rss_item("<title>T</title><author>jdoe@example.org (Jane Doe)</author>"), "t.rss")[0]
    assert [(a.given, a.family) for a in document.metadata.authors] == [("Jane", "Doe")]


# --------------------------------------------------------------------------- Atom and RSS 1.0


def test_atom_entries() -> None:
    first, second = read_path(DATA / "feed_atom.xml")
    assert first.metadata.title == "Concept maps before lectures: a classroom trial"
    assert [(a.given, a.family) for a in first.metadata.authors] == [("Hannah", "Jørgensen"),
                                                                      ("Jan", "van der Berg")]
    assert first.metadata.date == PartialDate(2026, 2, 27)  # published, not updated
    assert first.metadata.doi == "10.5555/onse.2026.007"
    assert first.metadata.journal == "Open Notes on Science Education"
    assert first.abstract == (
        "Students who drew a concept map before each lecture recalled more of it a week later.")
    assert cite(first) == "Jørgensen and van der Berg (2026)"
    assert second.metadata.authors[0].is_organization
    assert cite(second) == "Wellcome Reading Group Collective (2026)"
    assert second.metadata.date == PartialDate(2026, 1)
    assert second.abstract == "Weekly reading groups halved self-reported anxiety."


def test_rss1_rdf_with_dublin_core() -> None:
    (item,) = read_path(DATA / "feed_rss1.rdf")
    names = [(a.given, a.family) for a in item.metadata.authors]
    assert names == [("Lucía", "Moreno"), ("Hiroshi", "Tanaka")]
    assert item.metadata.date == PartialDate(2025, 11)
    assert item.metadata.doi == "10.5555/bct.2025.088"
    assert item.metadata.journal == "Bulletin of Clinical Teaching"
    assert item.format == "feed"


# --------------------------------------------------------------------------- author strings


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("Venkataraman S, Smith J, Lee K", ["Venkataraman S", "Smith J", "Lee K"]),
        ("A. Osei and L. Brandt", ["A. Osei", "L. Brandt"]),
        ("Smith, Jane", ["Smith, Jane"]),
        ("Smith, Jane; Lee, Kim", ["Smith, Jane", "Lee, Kim"]),
        ("Ana Lima, Rui Costa, and Eva Sousa", ["Ana Lima", "Rui Costa", "Eva Sousa"]),
    ],
)
def test_split_author_list(byline: str, names: list[str]) -> None:
    assert split_author_list(byline) == names


# --------------------------------------------------------------------------- bad and hostile input


def test_truncated_feed_is_an_input_error() -> None:
    data = (DATA / "feed_rss2.xml").read_bytes()
    with pytest.raises(InputError, match="malformed XML"):
        read_bytes(data[: len(data) // 2], "cut.rss")


def test_feed_without_items_is_an_input_error() -> None:
    with pytest.raises(InputError, match="no items"):
        read(b'<rss version="2.0"><channel><title>Empty</title></channel></rss>', "empty.rss")


def test_external_entity_feed_is_refused_and_leaks_nothing() -> None:
    inner = "<channel><title>C</title><item><title>Leak &xxe;</title></item></channel>"
    data = xxe('<rss version="2.0">', inner, "</rss>")
    with pytest.raises(InputError) as caught:
        read_bytes(data, "xxe.rss")
    for line in secret_lines():
        assert line not in str(caught.value)


def test_entity_bomb_feed_is_refused() -> None:
    data = billion_laughs('<rss version="2.0">', "<channel><title>&lol9;</title><item><title>x</title></item>"
                          "</channel>", "</rss>")
    with pytest.raises(InputError):
        read_bytes(data, "bomb.rss")


def test_external_doctype_without_entities_is_read() -> None:
    data = (b'<?xml version="1.0"?>\n<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
            b'"http://my.netscape.com/publish/formats/rss-0.91.dtd">\n'
            b'<rss version="0.91"><channel><title>Old</title><item><title>Still readable</title>'
            b"<link>https://example.org/a</link></item></channel></rss>")
    assert [d.metadata.title for d in read_bytes(data, "old.rss")] == ["Still readable"]


def test_reading_a_feed_opens_no_network_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    enclosure = '<enclosure url="https://example.org/a.mp3" type="audio/mpeg" length="1"/>'
    data = rss_item(f"<title>T</title><link>https://example.org/x</link>{enclosure}")
    assert read(data, "t.rss")[0].metadata.url == "https://example.org/x"


def test_oddly_nested_feed_is_an_input_error_not_a_crash() -> None:
    # feedparser itself raises KeyError on items nested inside links (found by fuzzing).
    data = rss_item("<link><item><category>x</category></item></link><title>T</title>")
    try:
        documents = read(data, "odd.rss")
    except InputError:
        return
    assert all(isinstance(d.text, str) for d in documents)


FEED_TAGS = ["channel", "item", "entry", "title", "link", "author", "name", "pubDate", "published", "updated",
             "description", "summary", "content", "category", "guid", "id"]
FEED_ATTRIBUTES = ["", ' href="https://doi.org/10.1/x"', ' rel="alternate"', ' type="html"', ' term="t"']


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(element_soup(FEED_TAGS, FEED_ATTRIBUTES, SOUP_TEXTS), max_size=5), st.booleans())
def test_any_feed_shaped_xml_reads_or_is_refused_cleanly(children: list[str], atom: bool) -> None:
    if atom:
        data = '<feed xmlns="http://www.w3.org/2005/Atom"><entry>' + "".join(children) + "</entry></feed>"
    else:
        data = '<rss version="2.0"><channel><item>' + "".join(children) + "</item></channel></rss>"
    try:
        documents = read(data.encode(), "soup.rss")
    except InputError:
        return
    for document in documents:
        assert document.metadata.year is None or 1450 <= document.metadata.year <= 2100
        if document.abstract_span:
            assert document.text[document.abstract_span[0]:document.abstract_span[1]] == document.abstract
