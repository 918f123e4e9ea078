"""Link statistics counted on gold-annotated text: how often a spotted surface is a mention at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from scholargraph.document import Document
from scholargraph.evaluation import GoldDocument, GoldMention
from scholargraph.kb import KnowledgeBase, build_kb
from scholargraph.link import Annotator
from scholargraph.link.training import link_counts, link_statistics, summed, write_link_counts

DATA = Path(__file__).parent / "data" / "link"
DBR = "http://dbpedia.org/resource/"
TEXT = "Mentoring helped. Role models in rural areas mattered; the rural region pipeline did not."


def mention(text: str, surface: str, level: str, uri: str | None) -> GoldMention:
    start = text.index(surface)
    return GoldMention(start, start + len(surface), surface, level, (DBR + uri,) if uri else ())


@pytest.fixture(scope="module")
def annotator(tmp_path_factory: pytest.TempPathFactory) -> Annotator:
    kb_dir = build_kb([DATA / "mini_kb.jsonl"], tmp_path_factory.mktemp("kb") / "kb")
    return Annotator(KnowledgeBase.open(kb_dir))


def gold() -> GoldDocument:
    return GoldDocument("doc", TEXT, [
        mention(TEXT, "Mentoring", "core", "Mentorship"),
        # A longer gold mention: "rural areas" inside "Role models in rural areas" is not itself one.
        mention(TEXT, "Role models in rural areas", "core", "Role_model"),
        mention(TEXT, "pipeline", "nil", None),
    ])


def test_counts_spans_that_coincide_with_gold_mentions(annotator: Annotator) -> None:
    counts = link_counts(annotator, gold())
    assert counts["mentoring"] == (1, 1)
    assert counts["pipeline"] == (0, 1)  # a nil mention is not a link
    assert counts["rural area"] == (0, 1)  # under half of the longer gold mention
    assert counts["rural region"] == (0, 1)  # not annotated at all


def test_statistics_add_up_over_documents() -> None:
    counts = summed([{"mentoring": (1, 1), "pipeline": (0, 2)}, {"mentoring": (1, 2), "pipeline": (0, 1)}])
    assert counts == {"mentoring": (2, 3), "pipeline": (0, 3)}
    assert link_statistics(counts) == {"mentoring": (pytest.approx(2 / 3), 3), "pipeline": (0.0, 3)}
    assert link_statistics({"mentoring": (1, 2)}, min_occurrences=3) == {}


def test_written_counts_become_the_kbs_link_statistics(tmp_path: Path) -> None:
    counts_file = tmp_path / "sfAndTotalCounts.gold.tsv"
    assert write_link_counts({"mentoring": (3, 4), "pipeline": (0, 5), "role model": (1, 1)}, counts_file,
                             min_occurrences=2) == 2
    kb = KnowledgeBase.open(build_kb([DATA / "mini_kb.jsonl", counts_file], tmp_path / "kb"))
    assert kb.link_probability("Mentoring") == pytest.approx(0.75)
    mentoring = kb.surface_trie()["mentoring"]
    assert kb.link_statistics(mentoring) == (pytest.approx(0.75), 4)
    assert kb.link_probability("pipeline") == 0.0
    assert kb.link_probability("role model") is None  # seen once: left out


def keyphraseness(annotator: Annotator, text: str) -> dict[str, float]:
    return {text[s.start:s.end]: s.features.keyphraseness for s in annotator.score_all(Document(text=text))}


def test_link_statistics_decide_whether_a_word_is_a_mention(annotator: Annotator) -> None:
    text = "Mentors and pipelines."
    guess = keyphraseness(annotator, text)  # the mini KB has no statistics: a guess from the words
    try:
        annotator.link_statistics = {"mentor": (1.0, 1000), "pipeline": (0.0, 1000)}
        # The plural "Mentors" is looked up under its surface key "mentor".
        many = keyphraseness(annotator, text)
        annotator.link_statistics = {"mentor": (1.0, 1), "pipeline": (0.0, 1)}
        one = keyphraseness(annotator, text)
    finally:
        annotator.link_statistics = None
    assert many["Mentors"] == pytest.approx(1.0, abs=0.01) and many["pipelines"] == pytest.approx(0.0, abs=0.01)
    # One occurrence moves the guess only part of the way.
    assert guess["Mentors"] < one["Mentors"] < 1.0
    assert 0.0 < one["pipelines"] < guess["pipelines"]
