"""Compare the PDF reader with GROBID's TEI output of the same PDFs, field by field.

Run by hand: ``.venv/bin/python benchmarks/pdf_vs_grobid.py [DIR]`` (default: ../shared/corpus/pdf).
For every ``X.pdf`` with an ``X.tei.xml`` beside it, prints a table: field, ours, GROBID, match.
Section headings are compared after dropping numbering and case; GROBID keeps the reference
list apart (``listBibl``), so our "References" heading is left out of that comparison.
"""

from __future__ import annotations

import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from pdfminer.high_level import extract_text

from scholargraph.readers import read_path
from scholargraph.readers.pdf.headings import REFERENCE_HEADINGS, normalized
from scholargraph.readers.pdf.layout import laparams

TEI = {"t": "http://www.tei-c.org/ns/1.0"}
DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "pdf"


@dataclass
class Grobid:
    """The fields of GROBID's TEI output that we compare."""

    title: str
    authors: list[str]
    abstract: str
    heads: list[str]
    references: int
    year: str
    doi: str


def _text(node: etree._Element) -> str:
    # GROBID puts forename and surname in separate elements with no space between them.
    return " ".join(" ".join(str(part) for part in node.itertext()).split())


def _tei(path: Path) -> Grobid:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    root = etree.parse(str(path), parser).getroot()
    title = root.find(".//t:teiHeader//t:titleStmt/t:title", TEI)
    authors = []
    for author in root.iterfind(".//t:teiHeader//t:sourceDesc//t:analytic/t:author", TEI):
        name = author.find("t:persName", TEI)
        if name is not None:
            authors.append(_text(name))
    abstract = root.find(".//t:teiHeader//t:abstract", TEI)
    heads = [_text(h) for h in root.iterfind(".//t:text//t:div/t:head", TEI) if _text(h)]
    references = root.findall(".//t:text/t:back//t:listBibl/t:biblStruct", TEI)
    dates = [str(d.get("when")) for d in root.iterfind(".//t:teiHeader//t:publicationStmt/t:date", TEI)
             if d.get("when")]
    dois = [_text(i) for i in root.iterfind(".//t:teiHeader//t:sourceDesc//t:idno[@type='DOI']", TEI)]
    return Grobid(
        title=_text(title) if title is not None else "",
        authors=authors,
        abstract=_text(abstract) if abstract is not None else "",
        heads=heads,
        references=len(references),
        year=dates[0][:4] if dates else "",
        doi=dois[0] if dois else "",
    )


def _tokens(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def _overlap(a: str, b: str) -> float:
    """Token F1 between two texts (bag of distinct tokens)."""
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return 1.0 if ta == tb else 0.0
    common = len(ta & tb)
    if not common:
        return 0.0
    precision, recall = common / len(ta), common / len(tb)
    return 2 * precision * recall / (precision + recall)


def _short(value: object, width: int = 48) -> str:
    text = str(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def compare(pdf: Path, tei: Path) -> list[tuple[str, str, str, str]]:
    """Rows (field, ours, GROBID, match) for one PDF."""
    started = time.perf_counter()
    # Baseline: pdfminer's own plain-text extraction with the same layout settings.
    extract_text(str(pdf), laparams=laparams())
    baseline = time.perf_counter() - started
    started = time.perf_counter()
    document = read_path(pdf)[0]
    seconds = time.perf_counter() - started
    grobid = _tei(tei)
    meta = document.metadata
    rows: list[tuple[str, str, str, str]] = []

    same_title = normalized(meta.title or "") == normalized(grobid.title)
    rows.append(("title", _short(meta.title), _short(grobid.title), "yes" if same_title else "no"))

    ours_authors = [a.display_name for a in meta.authors]
    their_authors = grobid.authors
    ours_keys = [normalized(a) for a in ours_authors]
    their_keys = [normalized(a) for a in their_authors]
    in_order = sum(1 for a, b in zip(ours_keys, their_keys, strict=False) if a == b)
    rows.append(("authors (count)", str(len(ours_authors)), str(len(their_authors)),
                 "yes" if len(ours_authors) == len(their_authors) else "no"))
    rows.append(("authors (same name, same position)", f"{in_order}/{len(ours_authors)}",
                 f"{in_order}/{len(their_authors)}", f"{in_order / max(len(their_authors), 1):.2f}"))
    rows.append(("first author", _short(ours_authors[0] if ours_authors else ""),
                 _short(their_authors[0] if their_authors else ""),
                 "yes" if ours_keys[:1] == their_keys[:1] else "no"))

    overlap = _overlap(document.abstract or "", grobid.abstract)
    rows.append(("abstract (token F1)", f"{len((document.abstract or '').split())} words",
                 f"{len(grobid.abstract.split())} words", f"{overlap:.3f}"))

    ours_heads = [normalized(s.heading) for s in document.sections]
    ours_heads = [h for h in ours_heads if h not in REFERENCE_HEADINGS]
    their_heads = [normalized(h) for h in grobid.heads]
    hits_p = sum(1 for h in ours_heads if h in their_heads)
    hits_r = sum(1 for h in their_heads if h in ours_heads)
    rows.append(("section headings (count)", str(len(ours_heads)), str(len(their_heads)), ""))
    rows.append(("section headings precision", f"{hits_p}/{len(ours_heads)}", "",
                 f"{hits_p / max(len(ours_heads), 1):.2f}"))
    rows.append(("section headings recall", "", f"{hits_r}/{len(their_heads)}",
                 f"{hits_r / max(len(their_heads), 1):.2f}"))

    refs = len(document.references)
    rows.append(("references (count)", str(refs), str(grobid.references),
                 "yes" if refs == grobid.references else f"{refs - grobid.references:+d}"))
    year = str(meta.year or "")
    rows.append(("year", year, grobid.year,
                 "yes" if year == grobid.year else "GROBID none" if not grobid.year else "no"))
    doi = meta.doi or ""
    rows.append(("DOI", doi or "(none)", grobid.doi or "(none)", "yes" if doi == grobid.doi else "no"))
    rows.append(("venue", _short(meta.journal or ""), "", ""))
    rows.append(("seconds to read (ratio to plain pdfminer)", f"{seconds:.2f}", f"pdfminer {baseline:.2f}",
                 f"{seconds / baseline:.2f}x"))
    return rows


def main(argv: list[str]) -> int:
    """Print one comparison table per PDF that has GROBID output beside it."""
    folder = Path(argv[1]) if len(argv) > 1 else DEFAULT_DIR
    pairs = [(pdf, pdf.with_suffix(".tei.xml")) for pdf in sorted(folder.glob("*.pdf"))]
    pairs = [(pdf, tei) for pdf, tei in pairs if tei.exists()]
    if not pairs:
        print(f"no PDF with a .tei.xml beside it in {folder}", file=sys.stderr)
        return 2
    for pdf, tei in pairs:
        rows = compare(pdf, tei)
        widths = [max(len(r[i]) for r in [*rows, ("field", "ours", "GROBID", "match")]) for i in range(4)]
        print(f"\n{pdf.name}")
        header = ("field", "ours", "GROBID", "match")
        print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
        print("  ".join("-" * w for w in widths))
        for row in rows:
            print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
