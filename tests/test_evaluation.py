"""The scorer: DESIGN.md's definitions, cross-checked against ../shared/eval/reference_score.py."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from scholargraph.errors import InputError
from scholargraph.evaluation import GoldDocument, GoldMention, Prediction, load_gold, score_document, total

TEXT = "American Indians and Alaska Natives (AI/AN) in the pipeline of academic medicine."
GOLD = GoldDocument("t", TEXT, [
    GoldMention(0, 16, "American Indians", "core", ("http://dbpedia.org/resource/Native_Americans_in_the_United_States",)),
    GoldMention(21, 35, "Alaska Natives", "core", ("http://dbpedia.org/resource/Alaska_Natives",)),
    GoldMention(TEXT.index("pipeline"), TEXT.index("pipeline") + 8, "pipeline", "nil", ()),
    GoldMention(TEXT.index("academic"), TEXT.index("academic") + 17, "academic medicine", "optional", ("http://dbpedia.org/resource/Academic_medicine",
                                                          "http://dbpedia.org/resource/Medicine")),
])


def test_correct_wrong_nil_and_unjudged_predictions() -> None:
    predictions = [
        Prediction(0, 16, "http://dbpedia.org/resource/Native_Americans_in_the_United_States"),  # right
        Prediction(TEXT.index("pipeline"), TEXT.index("pipeline") + 8,  # linked a NIL mention
                   "http://dbpedia.org/resource/Pipeline_transport"),
        Prediction(TEXT.index("medicine"), TEXT.index("medicine") + 8,  # optional mention, alt URI: right
                   "http://dbpedia.org/resource/Medicine"),
        Prediction(TEXT.index("the"), TEXT.index("the") + 3, "http://dbpedia.org/resource/The"),  # unjudged
    ]
    score = score_document(GOLD, predictions)
    assert (score.predictions, score.correct, score.core, score.core_hit) == (4, 2, 2, 1)
    assert score.precision == 0.5 and score.recall == 0.5 and score.f1 == 0.5
    assert [e["surface"] for e in score.errors] == ["pipeline", "the"]
    assert [m["surface"] for m in score.missed] == ["Alaska Natives"]


def test_totals_are_micro_averaged() -> None:
    a = score_document(GOLD, [Prediction(0, 16, "http://dbpedia.org/resource/Native_Americans_in_the_United_States")])
    b = score_document(GOLD, [])
    summary = total([a, b])
    assert (summary.predictions, summary.correct, summary.core, summary.core_hit) == (1, 1, 4, 1)


def test_bad_gold_files_are_input_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"text": "abc", "mentions": [{"start": 2, "end": 9}]}')
    with pytest.raises(InputError):
        load_gold(bad)
    empty = tmp_path / "empty.json"
    empty.write_text("")
    with pytest.raises(InputError):
        load_gold(empty)


def test_nif_gold_is_read(tmp_path: Path) -> None:
    nif = tmp_path / "g.ttl"
    nif.write_text("""@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix itsrdf: <http://www.w3.org/2005/11/its/rdf#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<http://ex.org/d#char=0,22> a nif:Context ; nif:isString "Mentors in Kansas City." ;
  nif:beginIndex "0"^^xsd:nonNegativeInteger ; nif:endIndex "22"^^xsd:nonNegativeInteger .
<http://ex.org/d#char=0,7> a nif:Phrase ; nif:referenceContext <http://ex.org/d#char=0,22> ;
  nif:anchorOf "Mentors" ; nif:beginIndex "0"^^xsd:nonNegativeInteger ; nif:endIndex "7"^^xsd:nonNegativeInteger ;
  itsrdf:taIdentRef <http://dbpedia.org/resource/Mentorship> .
<http://ex.org/d#char=11,22> a nif:Phrase ; nif:referenceContext <http://ex.org/d#char=0,22> ;
  nif:anchorOf "Kansas City" ; nif:beginIndex "11"^^xsd:nonNegativeInteger ; nif:endIndex "22"^^xsd:nonNegativeInteger .
""")
    (document,) = load_gold(nif)
    assert document.text == "Mentors in Kansas City."
    assert [(m.surface, m.level, m.uris) for m in document.mentions] == [
        ("Mentors", "core", ("http://dbpedia.org/resource/Mentorship",)), ("Kansas City", "nil", ())]


def test_matches_the_reference_scorer(shared: Path, tmp_path: Path) -> None:
    """Score Spotlight's own output for seed 002 with both scorers: the numbers must agree."""
    gold_path = shared / "eval" / "seed-002.gold.json"
    (gold,) = load_gold(gold_path)
    seed = (shared / "seeds" / "002_e0808f09abafd2a5.txt").read_text(encoding="utf-8")
    # Spotlight's rows are in no particular order: place each surface at its next occurrence.
    predictions, cursor = [], {}
    for line in seed[len(gold.text):].splitlines():
        if "^^" not in line:
            continue
        surface = line[:30].rstrip()
        uri = line[100:].strip()
        start = gold.text.find(surface, cursor.get(surface, 0))
        if start < 0:
            continue
        cursor[surface] = start + 1
        predictions.append(Prediction(start, start + len(surface), uri))
    ours = score_document(gold, predictions)
    pred_file = tmp_path / "pred.json"
    pred_file.write_text(json.dumps({"annotations": [{"start": p.start, "end": p.end, "uri": p.uri}
                                                     for p in predictions]}))
    output = subprocess.run([sys.executable, str(shared / "eval" / "reference_score.py"), str(gold_path),
                             str(pred_file)], capture_output=True, text=True, check=True).stdout
    reference = json.loads(output.strip().splitlines()[-1])
    assert ours.precision == pytest.approx(reference["precision"])
    assert ours.recall == pytest.approx(reference["recall_core"])
    assert ours.f1 == pytest.approx(reference["f1"])
    assert ours.precision < 0.6  # Spotlight's output really is that poor
