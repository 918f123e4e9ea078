"""Property test: whatever starter records go in, every field comes back and every surface finds its entity."""

from __future__ import annotations

import json
import math
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scholargraph.kb import KnowledgeBase, build_kb, normalize_surface
from scholargraph.kb.layout import clean_field

TEXT = st.text(
    alphabet=st.characters(categories=("L", "N", "Zs", "Pd", "Pi", "Pf", "Po"), exclude_characters="\x85"),
    min_size=1,
    max_size=20,
).filter(lambda s: s.strip() != "")
NAME = st.text(alphabet="ABCdefgh_()–é0123", min_size=1, max_size=12)
RECORD = st.fixed_dictionaries(
    {
        "label": TEXT,
        "aliases": st.lists(TEXT, max_size=3),
        "abbreviations": st.lists(st.text(alphabet="ABCDÉ/-", min_size=1, max_size=5), max_size=2),
        "types": st.lists(
            st.sampled_from(["dbo:Disease", "dbo:Organisation", "dbo:EthnicGroup"]), max_size=2, unique=True
        ),
        "description": st.text(min_size=1, max_size=60).filter(lambda s: s.strip() != ""),
        "popularity": st.integers(min_value=0, max_value=10**9),
    }
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(NAME, RECORD, min_size=1, max_size=6))
def test_starter_records_round_trip(records: dict[str, dict[str, object]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "s.jsonl"
        lines = [json.dumps({"name": name, **record, "related": sorted(records)}) for name, record in records.items()]
        source.write_text("\n".join(lines) + "\n", encoding="utf-8")
        kb = KnowledgeBase.open(build_kb([source], Path(tmp) / "kb"))
        assert len(kb) == len(records)
        for name, record in records.items():
            entity = kb.entity_by_name(name)
            assert entity is not None
            assert entity.label == str(record["label"]).strip()
            # record separators (0x1e, 0x1f) become spaces; everything else is kept
            assert entity.description == clean_field(str(record["description"]).strip())
            assert entity.types == tuple(record["types"])  # type: ignore[arg-type]
            assert entity.support == record["popularity"]
            expected_aliases = tuple(dict.fromkeys(a.strip() for a in record["aliases"]))  # type: ignore[attr-defined]
            assert entity.aliases == expected_aliases
            assert sorted(kb.entity(i).name for i in entity.related) == sorted(set(records) - {name})
            surfaces = [entity.label, *entity.aliases, *entity.abbreviations]
            for surface in surfaces:
                if not normalize_surface(surface):
                    continue
                candidates = kb.candidates(surface)
                assert entity.id in {c.entity_id for c in candidates}
                assert math.isclose(sum(c.prior for c in candidates), 1.0, rel_tol=1e-5)
                assert [c.prior for c in candidates] == sorted((c.prior for c in candidates), reverse=True)
