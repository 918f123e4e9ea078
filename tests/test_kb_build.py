"""Building KBs from the dump-format fixtures in tests/data/kb and reading every field back."""

from __future__ import annotations

import bz2
import gzip
import math
from pathlib import Path

import pytest

from scholargraph.folding import spot_forms
from scholargraph.kb import DBPEDIA_RESOURCE, KnowledgeBase, build_kb

DATA = Path(__file__).parent / "data" / "kb"
DUMP_NT = DATA / "labels_redirects.nt"
DUMP_TTL = DATA / "anchors_types.ttl"
WIKISTATS = [DATA / "pairCounts.tsv", DATA / "sfAndTotalCounts.tsv", DATA / "uriCounts.tsv"]
STARTER = DATA / "starter_sample.jsonl"


@pytest.fixture(scope="module")
def full_kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    out = tmp_path_factory.mktemp("kb") / "full"
    build_kb([DUMP_NT, DUMP_TTL, *WIKISTATS, STARTER], out)
    return KnowledgeBase.open(out)


@pytest.fixture(scope="module")
def dump_kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    out = tmp_path_factory.mktemp("kb") / "dump"
    build_kb([DUMP_NT], out)
    return KnowledgeBase.open(out)


def entity(kb: KnowledgeBase, name: str):  # type: ignore[no-untyped-def]
    found = kb.entity_by_name(name)
    assert found is not None, name
    return found


def test_entities_are_dense_and_exclude_redirects_and_disambiguation_pages(dump_kb: KnowledgeBase) -> None:
    names = sorted(dump_kb.entity(i).name for i in range(len(dump_kb)))
    assert names == sorted(
        [
            "Mentorship",
            "Role_model",
            "Mercury_(planet)",
            "Mercury_(element)",
            "Freddie_Mercury",
            "Café_society",
        ]
    )
    assert all(dump_kb.entity(i).id == i for i in range(len(dump_kb)))
    assert dump_kb.manifest["counts"] == {
        "entities": 6,
        "redirects": 4,
        "disambiguation_pages": 1,
        "surface_forms": len(list(dump_kb.surface_forms())),
        "candidates": dump_kb.manifest["counts"]["candidates"],
        "spot_forms": len({form for key in dump_kb.surface_forms() for form, _ in spot_forms(key)}),
    }
    with pytest.raises(IndexError):
        dump_kb.entity(len(dump_kb))


def test_entity_fields_from_n_triples(dump_kb: KnowledgeBase) -> None:
    mentorship = entity(dump_kb, "Mentorship")
    assert mentorship.uri == DBPEDIA_RESOURCE + "Mentorship"
    assert mentorship.label == "Mentorship"  # the @fr label is ignored
    assert (
        mentorship.description
        == "A relationship in which an experienced person guides a less experienced one."
    )
    assert mentorship.aliases == ("Mentor",)  # incoming redirect
    assert mentorship.types == () and mentorship.abbreviations == () and mentorship.related == ()
    planet = entity(dump_kb, "Mercury_(planet)")
    assert planet.types == ("dbo:Planet",)  # owl:Thing is not a dbo: class
    singer = entity(dump_kb, "Freddie_Mercury")
    assert set(singer.types) == {"dbo:MusicalArtist", "dbo:Person"}
    cafe = entity(dump_kb, "Café_society")
    assert cafe.label == 'Café "society"'  # \u escapes and \" decoded


def test_abstract_is_shortened_at_a_sentence_when_no_comment(dump_kb: KnowledgeBase) -> None:
    role_model = entity(dump_kb, "Role_model")
    assert role_model.description == (
        "A person whose behaviour others imitate. Students often name teachers as role models."
    )


def test_redirects_resolve_through_chains_and_cycles_stay_unresolved(dump_kb: KnowledgeBase) -> None:
    assert dump_kb.resolve_redirect("Mentor") == "Mentorship"
    assert dump_kb.resolve_redirect("Mentoring") == "Mentorship"  # Mentoring -> Mentor -> Mentorship
    assert dump_kb.resolve_redirect("Mentorship") == "Mentorship"
    assert dump_kb.resolve_redirect("Loop_a") == "Loop_a"
    assert dump_kb.entity_by_name("Loop_a") is None
    assert entity(dump_kb, "Mentoring").name == "Mentorship"
    assert entity(dump_kb, DBPEDIA_RESOURCE + "Mentor").name == "Mentorship"
    assert dump_kb.is_redirect("Mentor") and not dump_kb.is_redirect("Mentorship")
    assert dump_kb.entity_by_name("No_such_page") is None


def test_disambiguation_pages(dump_kb: KnowledgeBase) -> None:
    assert dump_kb.is_disambiguation_page("Mercury_(disambiguation)")
    assert dump_kb.entity_by_name("Mercury_(disambiguation)") is None
    for name in ("Mercury_(planet)", "Mercury_(element)", "Freddie_Mercury"):
        assert dump_kb.disambiguation_pages(entity(dump_kb, name).id) == ("Mercury_(disambiguation)",)
    assert dump_kb.disambiguation_pages(entity(dump_kb, "Mentorship").id) == ()
    # The page title, minus "(disambiguation)", is a surface form of every entity it lists.
    listed = {dump_kb.entity(c.entity_id).name for c in dump_kb.candidates("mercury")}
    assert listed == {"Mercury_(planet)", "Mercury_(element)", "Freddie_Mercury"}


def test_surfaces_from_labels_and_redirects_without_counts(dump_kb: KnowledgeBase) -> None:
    [candidate] = dump_kb.candidates("MENTORING")
    assert dump_kb.entity(candidate.entity_id).name == "Mentorship"
    assert candidate.surface == "Mentoring" and candidate.prior == 1.0 and candidate.count >= 1
    assert dump_kb.link_probability("Mentoring") is None
    assert dump_kb.candidates("nothing like this") == []
    assert dump_kb.link_probability("nothing like this") is None
    assert "mercury (planet)" in set(dump_kb.surface_forms())
    assert "mentor" in dump_kb.surface_trie()


def test_wikistats_counts_priors_and_link_probability(full_kb: KnowledgeBase) -> None:
    candidates = full_kb.candidates("Mercury")
    names = [full_kb.entity(c.entity_id).name for c in candidates]
    assert names == ["Mercury_(planet)", "Freddie_Mercury", "Mercury_(element)"]
    # pairCounts 120 + one anchor text (Turtle fixture) for the planet; 40 and 30 for the others.
    assert [c.count for c in candidates] == [121, 40, 30]
    assert math.isclose(sum(c.prior for c in candidates), 1.0, rel_tol=1e-6)
    assert math.isclose(candidates[0].prior, 121 / 191, rel_tol=1e-6)
    assert candidates[2].surface == "mercury"  # original case kept per candidate
    assert math.isclose(full_kb.link_probability("mercury") or 0, 190 / 1000, rel_tol=1e-6)
    assert full_kb.link_probability("mentor") is None  # total -1 means unknown
    # pairCounts pointing at a redirect are credited to its target.
    [mentor] = full_kb.candidates("mentor")
    assert full_kb.entity(mentor.entity_id).name == "Mentorship" and mentor.count == 5
    assert entity(full_kb, "Mercury_(planet)").support == 500  # uriCounts
    assert entity(full_kb, "Freddie_Mercury").support == 40  # sum of pairCounts


def test_abbreviations_and_observed_counts_outweigh_synthetic_ones(full_kb: KnowledgeBase) -> None:
    ai = full_kb.candidates("AI")
    assert [full_kb.entity(c.entity_id).name for c in ai] == [
        "Artificial_intelligence",
        "Native_Americans_in_the_United_States",
    ]
    assert all(c.is_abbreviation and c.surface == "AI" for c in ai)
    assert [c.count for c in ai] == [70, 1]  # observed 70; the starter-only candidate gets a pseudo-count
    assert math.isclose(full_kb.link_probability("ai") or 0, 0.2, rel_tol=1e-6)


def test_turtle_anchor_texts_and_types(full_kb: KnowledgeBase) -> None:
    natives = entity(full_kb, "Native_Americans_in_the_United_States")
    assert natives.types == ("dbo:EthnicGroup",)
    assert "American Indian" in natives.aliases  # redirect from the Turtle dump
    assert entity(full_kb, "American_Indian").id == natives.id
    [candidate] = full_kb.candidates("american indians")
    assert candidate.entity_id == natives.id and not candidate.is_abbreviation


def test_starter_records_keep_every_field(full_kb: KnowledgeBase) -> None:
    ihs = entity(full_kb, "Indian_Health_Service")
    assert ihs.label == "Indian Health Service"
    assert ihs.types == ("dbo:GovernmentAgency", "dbo:Organisation")
    assert ihs.abbreviations == ("IHS",)
    assert ihs.description.startswith("A United States federal agency")
    assert ihs.support == 1500
    # Related names resolve to ids; names not in the KB are dropped (kb check reports them).
    assert [full_kb.entity(i).name for i in ihs.related] == [
        "Native_Americans_in_the_United_States",
        "Alaska_Natives",
    ]
    assert full_kb.related_names(ihs.id)[-1] == "Missing_page"


def test_starter_synthesised_counts(tmp_path: Path) -> None:
    kb = KnowledgeBase.open(build_kb([STARTER], tmp_path / "kb"))
    # Shared abbreviation: count = 0.2 * popularity for each owner, so priors follow popularity.
    ai = kb.candidates("AI")
    assert [(kb.entity(c.entity_id).name, c.count) for c in ai] == [
        ("Artificial_intelligence", 6000),
        ("Native_Americans_in_the_United_States", 4000),
    ]
    assert math.isclose(ai[0].prior, 0.6, rel_tol=1e-6)
    [label] = kb.candidates("focus group")  # label (weight 1) and alias of one entity
    assert label.count == 3000 and label.surface == "Focus group" and not label.is_abbreviation
    [alias] = kb.candidates("focus–group discussion")  # en dash normalised
    assert alias.count == 1500 and alias.surface == "focus-group discussion"
    [abbreviation] = kb.candidates("FGD")
    assert abbreviation.count == 600 and abbreviation.is_abbreviation
    assert kb.link_probability("FGD") is None


@pytest.mark.parametrize("compressed", ["labels_redirects.nt.gz", "labels_redirects.nt.bz2"])
def test_compressed_dump_builds_the_same_kb(tmp_path: Path, dump_kb: KnowledgeBase, compressed: str) -> None:
    kb = KnowledgeBase.open(build_kb([DATA / compressed], tmp_path / "kb"))
    assert kb.version == dump_kb.version
    assert kb.manifest["sources"][0]["compression"] == ("gzip" if compressed.endswith(".gz") else "bzip2")


def test_compressed_fixtures_match_the_readable_ones() -> None:
    assert gzip.decompress((DATA / "labels_redirects.nt.gz").read_bytes()) == DUMP_NT.read_bytes()
    assert bz2.decompress((DATA / "labels_redirects.nt.bz2").read_bytes()) == DUMP_NT.read_bytes()
    assert gzip.decompress((DATA / "anchors_types.ttl.gz").read_bytes()) == DUMP_TTL.read_bytes()
    assert (
        bz2.decompress((DATA / "pairCounts.tsv.bz2").read_bytes()) == (DATA / "pairCounts.tsv").read_bytes()
    )


def test_gzip_turtle_and_bzip2_wikistats_build_like_plain(tmp_path: Path, full_kb: KnowledgeBase) -> None:
    sources = [DUMP_NT, DATA / "anchors_types.ttl.gz", DATA / "pairCounts.tsv.bz2", *WIKISTATS[1:], STARTER]
    assert KnowledgeBase.open(build_kb(sources, tmp_path / "kb")).version == full_kb.version


def test_manifest_records_sources_and_checksums(full_kb: KnowledgeBase) -> None:
    import hashlib

    manifest = full_kb.manifest
    assert manifest["format"] == "scholargraph-kb" and manifest["format_version"] == 3
    assert manifest["kb_version"] == full_kb.version and len(full_kb.version) == 16
    by_kind = {s["kind"]: s for s in manifest["sources"]}
    assert set(by_kind) == {
        "n-triples",
        "turtle",
        "pairCounts",
        "sfAndTotalCounts",
        "uriCounts",
        "starter-jsonl",
    }
    assert by_kind["n-triples"]["sha256"] == hashlib.sha256(DUMP_NT.read_bytes()).hexdigest()
    assert by_kind["pairCounts"]["records"] == 5
    assert manifest["counts"]["entities"] == len(full_kb)


def test_rebuild_is_deterministic(tmp_path: Path, full_kb: KnowledgeBase) -> None:
    again = build_kb([DUMP_NT, DUMP_TTL, *WIKISTATS, STARTER], tmp_path / "again", chunk_lines=3)
    assert KnowledgeBase.open(again).version == full_kb.version  # tiny chunks force a multi-run merge


def test_directory_sources_take_only_recognisable_files(tmp_path: Path) -> None:
    from scholargraph.errors import InputError

    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "starter.jsonl").write_bytes(STARTER.read_bytes())
    (sources / "pairCounts.bz2").write_bytes((DATA / "pairCounts.tsv.bz2").read_bytes())
    (sources / "verified_names.tsv").write_text("Some_name\tnot a source\n")
    (sources / "README.md").write_text("notes about the data\n")
    kb = KnowledgeBase.open(build_kb([sources], tmp_path / "kb"))
    assert sorted(s["kind"] for s in kb.manifest["sources"]) == ["pairCounts", "starter-jsonl"]
    notes_only = tmp_path / "notes"
    notes_only.mkdir()
    (notes_only / "README.md").write_text("nothing to build\n")
    with pytest.raises(InputError, match="no recognisable source files"):
        build_kb([notes_only], tmp_path / "kb2")
