"""The command line as users and scripts see it: outputs, exit codes, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ABSTRACT = Path(__file__).resolve().parents[1] / "examples" / "abstract.txt"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "scholargraph", *args], input=stdin, capture_output=True,
                          timeout=300)


def test_annotate_default_table_layout() -> None:
    result = run("annotate", str(ABSTRACT))
    assert result.returncode == 0, result.stderr
    rows = [line for line in result.stdout.decode().splitlines() if line]
    assert rows and all("^^http://www.w3.org/2001/XMLSchema#double" in row for row in rows)
    assert any(row.startswith("AI ") and row.rstrip().endswith("Native_Americans_in_the_United_States")
               for row in rows)


def test_annotate_json_offsets_slice_the_input() -> None:
    result = run("annotate", str(ABSTRACT), "--format", "json")
    record = json.loads(result.stdout)
    text = ABSTRACT.read_text(encoding="utf-8")
    assert record["text"] == text
    assert record["annotations"]
    assert all(text[a["start"]:a["end"]] == a["surface"] for a in record["annotations"])
    assert {"short": "IHS", "long": "Indian Health Service"}.items() <= next(
        a for a in record["abbreviations"] if a["short"] == "IHS").items()


def test_stdin_and_confidence_filter() -> None:
    text = ABSTRACT.read_bytes()
    loose = json.loads(run("annotate", "-", "--format", "json", "--confidence", "0.5", stdin=text).stdout)
    strict = json.loads(run("annotate", "-", "--format", "json", "--confidence", "0.95", stdin=text).stdout)
    assert len(strict["annotations"]) < len(loose["annotations"])
    assert all(a["confidence"] >= 0.95 for a in strict["annotations"])


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02\x03binary\xff\xfe" * 10,
                                     b"<?xml version='1.0'?><article><front>", b"%PDF-1.4 broken"])
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = run("read", str(bad), str(ABSTRACT), "--format", "jsonl")
    assert result.returncode == 2
    errors = result.stderr.decode().strip().splitlines()
    assert len(errors) == 1 and errors[0].startswith("scholargraph: error:") and "Traceback" not in errors[0]
    # the good file of the same run is still read
    assert len(result.stdout.decode().splitlines()) == 1


def test_missing_file_and_bad_option() -> None:
    assert run("read", "/nonexistent/file.txt").returncode == 2
    assert run("annotate", str(ABSTRACT), "--format", "xml").returncode == 2


def test_cite_template_on_a_feed(tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text("""<?xml version="1.0"?><rss version="2.0"><channel><title>J</title><item>
<title>Mentorship pathways</title><author>Venkataraman S, Okafor C, Lindqvist M</author>
<pubDate>Tue, 12 May 2026 00:00:00 GMT</pubDate><description>An abstract.</description></item></channel></rss>""")
    result = run("cite", str(feed), "--template", "{cite} studied this question.")
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().strip() == "Venkataraman et al. (2026) studied this question."


def test_cite_bare_abstract_has_no_invented_author_or_year(tmp_path: Path) -> None:
    bare = tmp_path / "bare.txt"
    bare.write_text("Objective To examine mentoring. Methods We interviewed students. Results Themes emerged.")
    result = run("cite", str(bare))
    assert result.stdout.decode().strip() == "Unknown author (n.d.)"


def test_eval_on_our_gold() -> None:
    gold = sorted((Path(__file__).parent / "data" / "gold").glob("*.gold.json"))
    result = run("eval", "--gold", *map(str, gold), "--format", "json")
    assert result.returncode == 0, result.stderr
    total = json.loads(result.stdout)["total"]
    assert total["predictions"] > 0 and 0.0 <= total["f1"] <= 1.0
