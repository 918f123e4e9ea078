"""Surface-form keys: the same key for the spellings a paper or a PDF converter produces."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from scholargraph.kb import normalize_surface
from scholargraph.kb.normalize import disambiguation_surface, looks_like_abbreviation, name_to_label


def test_case_whitespace_dashes_and_quotes() -> None:
    assert normalize_surface("  Focus\u00a0 Group\n") == "focus group"
    assert (
        normalize_surface("semi\u2010structured") == normalize_surface("semi-structured") == "semi-structured"
    )
    for dash in "\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d":
        assert normalize_surface(f"a{dash}b") == "a-b", hex(ord(dash))
    assert normalize_surface("Crohn\u2019s disease") == "crohn's disease"
    assert normalize_surface("\u201cimpostor\u201d") == '"impostor"'


def test_compatibility_forms_and_case_folding() -> None:
    assert normalize_surface("\ufb01eld") == "field"  # ligature
    assert normalize_surface("ＡＩ") == "ai"  # full-width letters
    assert normalize_surface("Straße") == normalize_surface("STRASSE")


@given(st.text())
def test_idempotent(text: str) -> None:
    key = normalize_surface(text)
    assert normalize_surface(key) == key


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_fast_path_agrees_with_the_general_rule(text: str) -> None:
    general = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    assert normalize_surface(text) == general


def test_name_helpers() -> None:
    assert name_to_label("Faculty_(academic_staff)") == "Faculty (academic staff)"
    assert name_to_label("Caf%C3%A9_society") == "Café society"
    assert disambiguation_surface("Mercury (disambiguation)") == "Mercury"
    assert disambiguation_surface("Mercury (planet)") == "Mercury (planet)"
    assert (
        looks_like_abbreviation("NIH")
        and looks_like_abbreviation("AI/AN")
        and looks_like_abbreviation("mRNA")
    )
    assert (
        not looks_like_abbreviation("Paris")
        and not looks_like_abbreviation("A")
        and not looks_like_abbreviation("UNITED STATES")
    )
