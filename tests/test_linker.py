"""The Annotator on a small knowledge base written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scholargraph.document import Document
from scholargraph.kb import KnowledgeBase, build_kb
from scholargraph.link import Annotator

DATA = Path(__file__).parent / "data" / "link"
DBR = "http://dbpedia.org/resource/"

ABSTRACT = (
    "American Indians and Alaska Natives (AI/AN) remain underrepresented in academic medicine. "
    "We interviewed AI/AN students about role models and mentors in rural areas, and about the "
    "medical education pipeline. Several had worked with the IHS. Career opportunities were few. "
    "Students from backgrounds underrepresented in medicine (URiM) valued mentoring; URiM students "
    "described AI differently."
)


@pytest.fixture(scope="module")
def annotator(tmp_path_factory: pytest.TempPathFactory) -> Annotator:
    kb_dir = build_kb([DATA / "mini_kb.jsonl"], tmp_path_factory.mktemp("kb") / "kb")
    return Annotator(KnowledgeBase.open(kb_dir))


def links(annotator: Annotator, text: str) -> list[tuple[str, str]]:
    result = annotator.annotate(Document(text=text))
    for a in result.annotations:
        assert text[a.start:a.end] == a.surface
        assert 0.0 <= a.confidence <= 1.0
    return [(a.surface, a.uri.removeprefix(DBR)) for a in result.annotations]


def test_defined_abbreviations_link_to_their_long_forms(annotator: Annotator) -> None:
    found = links(annotator, ABSTRACT)
    # Two in the definition sentence and its reuse, one more in "described AI differently".
    assert found.count(("AI", "Native_Americans_in_the_United_States")) == 3
    assert found.count(("AN", "Alaska_Natives")) == 2
    assert ("American Indians", "Native_Americans_in_the_United_States") in found
    assert not any(uri in ("Artificial_intelligence", "Anguttara_Nikaya") for _, uri in found)


def test_short_form_whose_long_form_has_no_entity_links_nowhere(annotator: Annotator) -> None:
    result = annotator.annotate(Document(text=ABSTRACT))
    assert not any(a.surface == "URiM" for a in result.annotations)
    assert {a.short for a in result.abbreviations} == {"AI", "AN", "URiM"}


def test_inflections_and_context(annotator: Annotator) -> None:
    found = links(annotator, ABSTRACT)
    assert ("role models", "Role_model") in found
    assert ("rural areas", "Rural_area") in found
    assert ("mentors", "Mentorship") in found
    assert ("IHS", "Indian_Health_Service") in found
    # Off-topic senses lose to the document's context.
    assert not any(uri in ("Pipeline_transport", "Career_Opportunities_(song)") for _, uri in found)


def test_annotations_are_ordered_and_do_not_overlap(annotator: Annotator) -> None:
    result = annotator.annotate(Document(text=ABSTRACT))
    spans = [(a.start, a.end) for a in result.annotations]
    assert spans == sorted(spans)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:], strict=False))


def test_confidence_threshold_filters(annotator: Annotator) -> None:
    strict = Annotator(annotator.kb, confidence=0.999999)
    assert len(strict.annotate(Document(text=ABSTRACT)).annotations) < len(
        annotator.annotate(Document(text=ABSTRACT)).annotations)


def test_no_spots_in_urls_dois_and_emails(annotator: Annotator) -> None:
    text = ("See https://example.org/mentorship and doi:10.1000/rural-area-mentorship or "
            "mentorship@example.org for role model data.")
    assert links(annotator, text) == [("role model", "Role_model")]


@pytest.mark.parametrize("text", ["", "   \n\t", "\u200b\u200b", "\u0645\u0631\u062d\u0628\u0627 role model",
                                  "ro\u0301le model", "role\u00admodel", "\x00\x01 role model \x1f"])
def test_odd_input_does_not_break(annotator: Annotator, text: str) -> None:
    links(annotator, text)


def test_right_to_left_and_combining_text_keeps_offsets(annotator: Annotator) -> None:
    text = "\u05e9\u05dc\u05d5\u05dd e\u0301 role models \u200f\u05e2\u05d5\u05dc\u05dd"
    assert links(annotator, text) == [("role models", "Role_model")]


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=400))
def test_arbitrary_text(annotator: Annotator, text: str) -> None:
    links(annotator, text + " role model")


def test_ten_megabyte_input(annotator: Annotator) -> None:
    """A 10 MB text is annotated completely (one pass, no quadratic steps) with valid offsets."""
    paragraph = ABSTRACT + "\n\n"
    text = paragraph * (10_000_000 // len(paragraph) + 1)
    result = annotator.annotate(Document(text=text))
    per_copy = len(annotator.annotate(Document(text=paragraph)).annotations)
    assert len(result.annotations) >= per_copy * (len(text) // len(paragraph)) * 0.9
    last = result.annotations[-1]
    assert text[last.start:last.end] == last.surface and last.start > 9_000_000


def test_definition_the_kb_knows_although_its_letters_do_not_spell_it(annotator: Annotator) -> None:
    # Portuguese initials: Schwartz-Hearst cannot pair them, the KB can.
    text = ("Pharmacies of the Unified Health System (SUS) in Brazil offered counselling. "
            "Most SUS clinics kept records, and SUS pharmacists led the sessions.")
    result = annotator.annotate(Document(text=text))
    assert [(a.short, a.long) for a in result.abbreviations] == [("SUS", "Unified Health System")]
    found = links(annotator, text)
    assert found.count(("SUS", "Sistema_Único_de_Saúde")) == 3
    assert not any(uri == "Usability" for _, uri in found)


def test_unexplained_parenthesis_is_not_a_definition(annotator: Annotator) -> None:
    # "SUS" follows words that are no name of an entity with that abbreviation: no definition is made up.
    result = annotator.annotate(Document(text="Mean ratings (SUS) were high; SUS was reported."))
    assert result.abbreviations == []


def test_lower_case_words_do_not_name_individual_things(annotator: Annotator) -> None:
    kinds = {annotator.kb.entity(s.candidate.entity_id).name
             for s in annotator.score_all(Document(text="Mentoring gave each student an opportunity."))}
    assert "Opportunity_(rover)" not in kinds
    named = annotator.score_all(Document(text="NASA drove Opportunity across the plains of Mars."))
    assert "Opportunity_(rover)" in {annotator.kb.entity(s.candidate.entity_id).name for s in named}
