"""Scoring entity links against gold files (DESIGN.md §3).

A prediction is correct when its span overlaps a core or optional gold mention whose
``uri`` or ``alt_uris`` holds the predicted URI.  Precision = correct / all predictions
(a prediction overlapping no gold mention is wrong: the gold is meant to be exhaustive);
core recall = core mentions hit by a correct prediction / core mentions.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pyoxigraph import Literal, NamedNode, RdfFormat, parse

from .errors import InputError
from .graph.vocabulary import term


@dataclass
class GoldMention:
    """One gold mention; ``uris`` is empty for a NIL mention."""

    start: int
    end: int
    surface: str
    level: str
    uris: tuple[str, ...]


@dataclass
class GoldDocument:
    """A gold file's text and mentions."""

    id: str
    text: str
    mentions: list[GoldMention]


@dataclass
class Prediction:
    """A predicted link (span + URI + confidence)."""

    start: int
    end: int
    uri: str
    confidence: float = 1.0


@dataclass
class DocumentScore:
    """Counts and errors for one document."""

    id: str
    predictions: int = 0
    correct: int = 0
    core: int = 0
    core_hit: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    missed: list[dict[str, Any]] = field(default_factory=list)
    judged: list[tuple[float, bool]] = field(default_factory=list)  # (confidence, correct) per prediction

    @property
    def precision(self) -> float:
        """Correct predictions / all predictions."""
        return self.correct / self.predictions if self.predictions else 0.0

    @property
    def recall(self) -> float:
        """Core mentions hit / core mentions."""
        return self.core_hit / self.core if self.core else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and core recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict[str, Any]:
        """The score as a JSON object."""
        return {"id": self.id, "precision": self.precision, "recall_core": self.recall, "f1": self.f1,
                "predictions": self.predictions, "correct": self.correct, "core": self.core,
                "core_hit": self.core_hit, "errors": self.errors, "missed": self.missed}


def score_document(gold: GoldDocument, predictions: list[Prediction]) -> DocumentScore:
    """Score one document's predictions against its gold mentions."""
    result = DocumentScore(gold.id, predictions=len(predictions))
    hit: set[int] = set()
    for p in predictions:
        overlapping = [i for i, m in enumerate(gold.mentions) if m.start < p.end and p.start < m.end]
        correct = [i for i in overlapping if gold.mentions[i].level != "nil" and p.uri in gold.mentions[i].uris]
        result.judged.append((p.confidence, bool(correct)))
        if correct:
            result.correct += 1
            hit.update(correct)
        else:
            expected = [gold.mentions[i].uris[0] if gold.mentions[i].uris else "NIL" for i in overlapping]
            result.errors.append({"surface": gold.text[p.start:p.end], "start": p.start, "end": p.end,
                                  "predicted": p.uri, "confidence": p.confidence, "gold": expected})
    for i, m in enumerate(gold.mentions):
        if m.level == "core":
            result.core += 1
            if i in hit:
                result.core_hit += 1
            else:
                result.missed.append({"surface": m.surface, "start": m.start, "end": m.end,
                                      "gold": m.uris[0] if m.uris else "NIL"})
    return result


def total(scores: list[DocumentScore]) -> DocumentScore:
    """Micro-averaged totals over documents."""
    summary = DocumentScore("TOTAL")
    for s in scores:
        summary.predictions += s.predictions
        summary.correct += s.correct
        summary.core += s.core
        summary.core_hit += s.core_hit
        summary.judged.extend(s.judged)
    return summary


def reliability_table(judged: list[tuple[float, bool]],
                      edges: tuple[float, ...] = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001)) -> list[dict[str, Any]]:
    """For each confidence bin: how many predictions, their mean confidence, and the share that was right.

    A calibrated linker has accuracy close to mean confidence in every bin.
    """
    rows = []
    for low, high in zip(edges, edges[1:], strict=False):
        inside = [(c, ok) for c, ok in judged if low <= c < high]
        if inside:
            rows.append({"low": low, "high": min(high, 1.0), "count": len(inside),
                         "mean_confidence": sum(c for c, _ in inside) / len(inside),
                         "accuracy": sum(1 for _, ok in inside if ok) / len(inside)})
    return rows


def load_gold(path: str | Path) -> list[GoldDocument]:
    """Read a gold file: our JSON format (DESIGN.md §3) or NIF Turtle (GERBIL's datasets)."""
    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError as error:
        raise InputError(f"{file}: cannot read gold file ({error.strerror or error})") from error
    if not data.strip():
        raise InputError(f"{file}: empty gold file")
    if data.lstrip()[:1] in (b"{", b"["):
        return _load_json_gold(data, str(file))
    return _load_nif_gold(data, str(file))


def _load_json_gold(data: bytes, source: str) -> list[GoldDocument]:
    try:
        payload = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise InputError(f"{source}: malformed gold JSON ({error})") from error
    items = payload if isinstance(payload, list) else [payload]
    documents = []
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise InputError(f"{source}: a gold document needs a 'text' string")
        text = item["text"]
        mentions = []
        for m in item.get("mentions") or []:
            start, end = m.get("start"), m.get("end")
            if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= len(text):
                raise InputError(f"{source}: gold mention with bad offsets {start}-{end}")
            level = m.get("level", "core")
            if level not in ("core", "optional", "nil"):
                raise InputError(f"{source}: unknown gold level {level!r}")
            uris = tuple(u for u in [m.get("uri"), *(m.get("alt_uris") or [])] if u)
            mentions.append(GoldMention(start, end, m.get("surface") or text[start:end], level, uris))
        documents.append(GoldDocument(str(item.get("id") or source), text, mentions))
    return documents


def _load_nif_gold(data: bytes, source: str) -> list[GoldDocument]:
    try:
        triples = list(parse(data, format=RdfFormat.TURTLE))
    except (SyntaxError, ValueError) as error:
        raise InputError(f"{source}: malformed NIF Turtle ({str(error).splitlines()[0]})") from error
    by_subject: dict[str, dict[str, list[Any]]] = {}
    for t in triples:
        by_subject.setdefault(str(t.subject), {}).setdefault(t.predicate.value, []).append(t.object)
    is_string = term("nif:isString").value
    reference = term("nif:referenceContext").value
    contexts = {s: p[is_string][0].value for s, p in by_subject.items() if is_string in p}
    if not contexts:
        raise InputError(f"{source}: no nif:Context with nif:isString found")
    mentions: dict[str, list[GoldMention]] = {c: [] for c in contexts}
    for props in by_subject.values():
        if reference not in props:
            continue
        context = str(props[reference][0])
        if context not in contexts:
            continue
        start = int(_first_literal(props, term("nif:beginIndex")))
        end = int(_first_literal(props, term("nif:endIndex")))
        refs = props.get(term("itsrdf:taIdentRef").value, [])
        uris = tuple(r.value for r in refs if isinstance(r, NamedNode) and "notInWiki" not in r.value)
        mentions[context].append(GoldMention(start, end, contexts[context][start:end],
                                             "core" if uris else "nil", uris))
    return [GoldDocument(c.strip("<>"), text, sorted(mentions[c], key=lambda m: m.start))
            for c, text in contexts.items()]


def _first_literal(props: dict[str, list[Any]], predicate: NamedNode) -> str:
    values = props.get(predicate.value, [])
    if not values or not isinstance(values[0], Literal):
        raise InputError(f"NIF phrase without {predicate.value}")
    return str(values[0].value)
