"""Abbreviation definitions and their later uses."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from scholargraph.link.abbreviations import find_definitions, find_uses, is_short_form


def pairs(text: str) -> dict[str, str]:
    return {a.short: a.long for a in find_definitions(text)}


def test_simple_definition_and_offsets() -> None:
    text = "We ran a randomized controlled trial (RCT). The RCT enrolled 40 adults."
    (definition,) = find_definitions(text)
    assert (definition.short, definition.long) == ("RCT", "randomized controlled trial")
    assert text[definition.long_start:definition.long_end] == "randomized controlled trial"
    assert text[definition.short_start:definition.short_end] == "RCT"
    uses = find_uses(text, [definition])
    assert [text[u.start:u.end] for u in uses] == ["RCT", "RCT"]


def test_coordinated_slashed_definition_defines_both_parts() -> None:
    text = "Abstract American Indians and Alaska Natives (AI/AN) remain underrepresented. AI/AN students"
    assert pairs(text) == {"AI": "American Indians", "AN": "Alaska Natives"}
    uses = find_uses(text, find_definitions(text))
    assert [(text[u.start:u.end], u.abbreviation.long) for u in uses] == [
        ("AI", "American Indians"), ("AN", "Alaska Natives"), ("AI", "American Indians"), ("AN", "Alaska Natives")]


def test_leading_words_whose_initials_count_are_kept() -> None:
    text = "data from the Association of American Medical Colleges (AAMC) show"
    assert pairs(text) == {"AAMC": "Association of American Medical Colleges"}


def test_mixed_case_short_forms() -> None:
    text = "students from backgrounds underrepresented in medicine (URiM) and their research career intentions (RCI)"
    assert pairs(text) == {"URiM": "underrepresented in medicine", "RCI": "research career intentions"}


def test_parentheses_that_are_not_definitions() -> None:
    text = "Participants (N = 31; mean age 24.8) were interviewed (see Table 2) in 2021 (spring)."
    assert pairs(text) == {}


def test_long_form_must_contain_the_letters() -> None:
    assert pairs("a study of mentoring (XYZ) programs") == {}


def test_first_definition_wins() -> None:
    text = "emergency department (ED) visits; erectile dysfunction (ED) was not studied"
    assert pairs(text) == {"ED": "emergency department"}


def test_uses_respect_word_boundaries_and_case() -> None:
    text = "the Indian Health Service (IHS). IHS-funded clinics, the IHSX code, and ihs in lower case; IHSs."
    uses = find_uses(text, find_definitions(text))
    assert [u.start for u in uses] == [text.index("(IHS)") + 1, text.index("IHS-funded"), text.index("IHSs.")]
    assert all(u.end - u.start == 3 for u in uses)


def test_short_form_shape() -> None:
    assert is_short_form("AI") and is_short_form("URiM") and is_short_form("MS-HPed")
    assert not is_short_form("the") and not is_short_form("N = 31") and not is_short_form("1")


@given(st.text(max_size=300))
def test_never_crashes_and_offsets_slice_back(text: str) -> None:
    for a in find_definitions(text):
        assert text[a.short_start:a.short_end] == a.short
        assert text[a.long_start:a.long_end] == a.long
    for use in find_uses(text, find_definitions(text)):
        assert text[use.start:use.end] == use.abbreviation.short
