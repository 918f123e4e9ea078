"""Linking quality on gold data, with the built-in starter KB (the targets of DESIGN.md §4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scholargraph.document import Document
from scholargraph.evaluation import Prediction, load_gold, score_document, total
from scholargraph.kb import open_kb
from scholargraph.link import Annotator

DBR = "http://dbpedia.org/resource/"
DATA = Path(__file__).parent / "data"
OUR_GOLD = sorted((DATA / "gold").glob("*.gold.json"))
# Sets written later and scored once as held-out sets (see their READMEs); the model's weights are
# not fitted on them, only its link statistics count them, so they still guard against overfitting
# the weights to tests/data/gold.
DEVELOPMENT_GOLD = sorted(p for name in ("heldout", "heldout2", "heldout3", "heldout4")
                          for p in (DATA / name).glob("*.gold.json"))


@pytest.fixture(scope="module")
def annotator() -> Annotator:
    return Annotator(open_kb())


def predictions(annotator: Annotator, text: str) -> list[Prediction]:
    return [Prediction(a.start, a.end, a.uri, a.confidence)
            for a in annotator.annotate(Document(text=text)).annotations]


def test_seed_002_beats_spotlight_by_far(annotator: Annotator, shared: Path) -> None:
    (gold,) = load_gold(shared / "eval" / "seed-002.gold.json")
    found = predictions(annotator, gold.text)
    score = score_document(gold, found)
    assert score.f1 >= 0.90, score.errors
    assert score.precision >= 0.95, score.errors
    by_surface = {(gold.text[p.start:p.end], p.uri.removeprefix(DBR)) for p in found}
    assert ("AI", "Native_Americans_in_the_United_States") in by_surface
    assert ("AN", "Alaska_Natives") in by_surface
    assert ("rural areas", "Rural_area") in by_surface
    banned = {"Career_Opportunities_(song)", "Anguttara_Nikaya", "Artificial_intelligence", "Pipeline_transport"}
    assert not banned & {uri for _, uri in by_surface}


@pytest.mark.parametrize(("paths", "documents", "minimum_precision"), [
    (OUR_GOLD, 10, 0.85),  # the twelve abstracts the weights are fitted on
    (DEVELOPMENT_GOLD, 30, 0.90),  # the later-written ones (DESIGN.md's target for unseen abstracts)
], ids=["fitted-on", "later-written"])
def test_our_written_abstracts(annotator: Annotator, paths: list[Path], documents: int,
                               minimum_precision: float) -> None:
    scores = []
    for path in paths:
        (gold,) = load_gold(path)
        scores.append(score_document(gold, predictions(annotator, gold.text)))
    summary = total(scores)
    assert len(scores) >= documents
    assert summary.f1 >= 0.85, [(s.id, round(s.f1, 3)) for s in scores]
    assert summary.precision >= minimum_precision


def test_the_papers_own_author_names_are_not_mentions(annotator: Annotator) -> None:
    from scholargraph.document import Author, Metadata

    text = ("Kimberly Brown Dahlman, PhD [Associate Professor], Department of Biomedical Sciences\n\n"
            "Faculty at Brown University described mentoring and a Zoom seminar.")
    document = Document(text=text, metadata=Metadata(authors=[Author(given="Kimberly Brown", family="Dahlman")]))
    annotations = annotator.annotate(document).annotations
    links = {(text[a.start:a.end], a.uri.removeprefix(DBR)) for a in annotations}
    assert not any(a.end <= len("Kimberly Brown Dahlman") for a in annotations)
    assert ("Brown University", "Brown_University") in links
    # Without the metadata the middle name is taken for the university: the metadata is what helps.
    bare = {text[a.start:a.end] for a in annotator.annotate(Document(text=text)).annotations}
    assert "Brown" in bare


def test_capitalised_common_words_in_headings_are_not_names(annotator: Annotator) -> None:
    text = ("UC San Francisco Previously Published Works\n\nThemes\n\n"
            "Mentoring shaped the professional identity of residents.")
    links = {text[a.start:a.end] for a in annotator.annotate(Document(text=text)).annotations}
    assert "Works" not in links and "Themes" not in links
    assert "Mentoring" in links
