"""Spotting with the KB's spotting index: whole words only, and the same spans whichever way it is searched."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scholargraph.document import Document
from scholargraph.kb import KnowledgeBase, build_kb, open_kb
from scholargraph.kb import build_spots as build_spots_module
from scholargraph.link import Annotator
from scholargraph.link.spotting import Spotter

DATA = Path(__file__).parent / "data"
GOLD_TEXTS = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted((DATA / "gold").glob("*.gold.json"))]


@pytest.fixture(scope="module")
def mini_kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    return KnowledgeBase.open(build_kb([DATA / "link" / "mini_kb.jsonl"], tmp_path_factory.mktemp("kb") / "kb"))


@pytest.fixture(scope="module")
def sharded_kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """The same KB with its spotting forms cut into many small shards."""
    patch = pytest.MonkeyPatch()
    patch.setattr(build_spots_module, "DEFAULT_SHARD_SIZE", 3)
    try:
        path = build_kb([DATA / "link" / "mini_kb.jsonl"], tmp_path_factory.mktemp("kb") / "kb")
    finally:
        patch.undo()
    return KnowledgeBase.open(path)


def spotted(kb: KnowledgeBase, text: str, backend: str = "automaton") -> list[str]:
    return [text[s.start:s.end] for s in Spotter(kb.spots, backend).spots(text)]  # type: ignore[arg-type]


@pytest.mark.parametrize("backend", ["automaton", "trie"])
def test_whole_words_only(mini_kb: KnowledgeBase, backend: str) -> None:
    # Glued by a hyphen or inside a longer word: not a mention.
    assert spotted(mini_kb, "self-mentor, mentors' tormentor mentor-", backend) == ["mentors"]
    # Plural, hyphen variant, sentence case, line break between words.
    assert spotted(mini_kb, "Role-model in rural\nareas.", backend) == ["Role-model", "rural\nareas"]
    # A superscript citation marker ends the word it follows.
    assert spotted(mini_kb, "mentoring\u00b9\u2070 matters", backend) == ["mentoring"]
    # Not inside URLs, DOIs or e-mail addresses.
    assert spotted(mini_kb, "see https://x.org/mentor and mentor@x.org or 10.1000/mentor", backend) == []


def test_the_index_is_sharded_when_large(sharded_kb: KnowledgeBase, mini_kb: KnowledgeBase) -> None:
    shards = json.loads((sharded_kb.path / "spot_shards.json").read_text(encoding="utf-8"))["shards"]
    assert len(shards) > 3
    assert len(sharded_kb.spots) == len(mini_kb.spots)


@pytest.mark.parametrize("text", GOLD_TEXTS[:6])
def test_backends_and_shards_find_the_same_spans(mini_kb: KnowledgeBase, sharded_kb: KnowledgeBase,
                                                 text: str) -> None:
    text += " American Indians and role models in rural areas; Career Opportunities (AI/AN)."
    expected = spotted(mini_kb, text, "automaton")
    assert expected
    assert spotted(mini_kb, text, "trie") == expected
    assert spotted(sharded_kb, text, "trie") == expected
    assert spotted(sharded_kb, text, "automaton") == expected


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["role", "model", "models", "Role", "rural", "area", "areas", "mentor",
                                 "American", "Indians", "-", " ", "  ", "\n", ".", "'", "\u00b9", "é", "AI",
                                 "/", "AN", "(", ")", "pipeline", "s"]), max_size=40).map("".join))
def test_backends_agree_on_any_text(mini_kb: KnowledgeBase, text: str) -> None:
    automaton = Spotter(mini_kb.spots, "automaton").spots(text)
    assert Spotter(mini_kb.spots, "trie").spots(text) == automaton
    for spot in automaton:
        before = text[spot.start - 1] if spot.start else " "
        after = text[spot.end] if spot.end < len(text) else " "
        assert not _glues(before) and not _glues(after)


def _glues(char: str) -> bool:
    """Letters, digits (not superscript ones) and hyphens join a span to its neighbour."""
    return char == "-" or (char.isalnum() and unicodedata.category(char) != "No")


def test_starter_kb_annotations_do_not_depend_on_the_backend() -> None:
    kb = open_kb()
    automaton, trie = Annotator(kb, spotting="automaton"), Annotator(kb, spotting="trie")
    for text in GOLD_TEXTS:
        first = [(a.start, a.end, a.uri, a.confidence) for a in automaton.annotate(Document(text=text)).annotations]
        second = [(a.start, a.end, a.uri, a.confidence) for a in trie.annotate(Document(text=text)).annotations]
        assert first == second and first


def test_spotting_forms_cover_latin_plurals_and_dangling_hyphens() -> None:
    from scholargraph.folding import spot_forms

    forms = {form.strip() for form, _ in spot_forms("meta-analysis")}
    assert "meta-analyses" in forms and "meta analysis" in forms
    # A coordinated compound's hyphen variant has single spaces, so it can match text.
    forms = {form.strip() for form, _ in spot_forms("low- and middle-income countries")}
    assert "low and middle income countries" in forms
    assert not any("  " in form for form in forms)


def test_a_letter_after_an_apostrophe_does_not_start_a_word() -> None:
    from scholargraph.folding import spot_text

    assert spot_text("I’m learning") == "i'm learning"  # no word "m" for "m-learning" to match
    assert spot_text("Alzheimer's disease") == "alzheimer's disease"
    assert spot_text("students' views, 'quoted'") == "students  views   quoted "
