"""Fitting the linker's logistic model on gold files, and measuring its calibration.

Every candidate link the annotator considers becomes one example: its features, and
label 1 when it overlaps a core or optional gold mention that lists its URI.  The model
is a logistic regression with a small L2 penalty, fitted by Newton's method (numpy only).

The gold files also give link statistics, as Wikipedia's links give them to DBpedia Spotlight:
how often each surface key, where the spotter finds it, is a mention at all ("adults": rarely;
"dementia": nearly always).  They ship with the starter KB (``sfAndTotalCounts.gold.tsv``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..document import Document
from ..evaluation import GoldDocument
from .annotator import Annotator, Scored
from .features import FEATURE_NAMES


@dataclass
class Example:
    """One candidate link with its label."""

    document: str
    features: list[float]
    label: int


def label_of(item: Scored, gold: GoldDocument) -> int:
    """1 when the candidate link is right by the gold file's rules, else 0."""
    for mention in gold.mentions:
        if mention.start < item.end and item.start < mention.end and mention.level != "nil" \
                and item.entity.uri in mention.uris:
            return 1
    return 0


def is_optional_hit(item: Scored, gold: GoldDocument) -> bool:
    """The candidate is a right link on an ``optional`` mention: neither required nor wrong."""
    return any(m.start < item.end and item.start < m.end and m.level == "optional" and item.entity.uri in m.uris
               for m in gold.mentions)


#: Surface keys seen fewer times than this get no link statistics.  One is enough: the linker
#: weighs statistics by the occurrences they were counted on.
MIN_OCCURRENCES = 1

LinkCounts = dict[str, tuple[int, int]]  # surface key -> (times a mention, times spotted)


def link_counts(annotator: Annotator, gold: GoldDocument) -> LinkCounts:
    """How often each spotted surface key of a gold document is a mention, and how often it is spotted.

    A span is a mention when it and a core gold mention mostly coincide (their overlap is at least
    half the longer of the two): "work" inside the mention "social work" is not one.  Optional
    mentions do not count: linking them earns no recall, and the user's own gold (seed 002) leaves
    such generic words ("communities", "cultures") unlinked.
    """
    counts: dict[str, tuple[int, int]] = {}
    for start, end, keys in annotator.dictionary_spans(Document(text=gold.text)):
        linked = any(m.level == "core"
                     and 2 * (min(end, m.end) - max(start, m.start)) >= max(end - start, m.end - m.start)
                     for m in gold.mentions)
        for key in keys:
            was_linked, seen = counts.get(key, (0, 0))
            counts[key] = (was_linked + linked, seen + 1)
    return counts


def summed(counts: Iterable[LinkCounts]) -> LinkCounts:
    """Several documents' link counts added up."""
    total: dict[str, tuple[int, int]] = {}
    for table in counts:
        for key, (linked, seen) in table.items():
            old_linked, old_seen = total.get(key, (0, 0))
            total[key] = (old_linked + linked, old_seen + seen)
    return total


def link_statistics(counts: LinkCounts, min_occurrences: int = MIN_OCCURRENCES) -> dict[str, tuple[float, int]]:
    """Link probability and occurrences per surface key seen at least ``min_occurrences`` times
    (the shape of :attr:`Annotator.link_statistics`)."""
    return {key: (linked / seen, seen) for key, (linked, seen) in counts.items() if seen >= min_occurrences}


def write_link_counts(counts: LinkCounts, path: Path, min_occurrences: int = MIN_OCCURRENCES) -> int:
    """Write the counts in DBpedia Spotlight's sfAndTotalCounts layout (surface, linked, total);
    return the number of lines."""
    lines = [f"{key}\t{linked}\t{seen}\n" for key, (linked, seen) in sorted(counts.items())
             if seen >= min_occurrences and "\t" not in key]
    path.write_text("".join(lines), encoding="utf-8")
    return len(lines)


def examples(annotator: Annotator, golds: Sequence[GoldDocument],
             left_out: Mapping[str, Mapping[str, tuple[float, int]]] | None = None) -> list[Example]:
    """Every scored candidate of every gold document, labelled.

    Right links on optional mentions are left out: the gold says a linker may or may not
    make them, so they should push the model neither way.  ``left_out`` gives, per document id,
    the link statistics to score that document with (statistics without it).
    """
    found = []
    for gold in golds:
        if left_out is not None:
            annotator.link_statistics = left_out[gold.id]
        for item in annotator.score_all(Document(text=gold.text)):
            if is_optional_hit(item, gold):
                continue
            found.append(Example(gold.id, item.features.as_vector(), label_of(item, gold)))
    return found


def fit(samples: Sequence[Example], l2: float = 1.0, iterations: int = 50,
        feature_names: Sequence[str] = tuple(FEATURE_NAMES)) -> dict[str, float]:
    """Fit logistic-regression weights (``bias`` plus one per feature)."""
    x = np.array([[1.0, *s.features] for s in samples], dtype=float)
    y = np.array([s.label for s in samples], dtype=float)
    weights = np.zeros(x.shape[1])
    penalty = np.eye(x.shape[1]) * l2
    penalty[0, 0] = 0.0  # the bias is not shrunk
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ weights, -30, 30)))
        gradient = x.T @ (p - y) + penalty @ weights
        hessian = (x.T * (p * (1 - p))) @ x + penalty
        step = np.linalg.solve(hessian, gradient)
        weights -= step
        if float(np.abs(step).max()) < 1e-8:
            break
    return {name: float(w) for name, w in zip(["bias", *feature_names], weights, strict=True)}


def predict(weights: dict[str, float], features: Sequence[float]) -> float:
    """The fitted model's probability for one feature vector."""
    z = weights["bias"] + sum(weights[n] * v for n, v in zip(FEATURE_NAMES, features, strict=True))
    return float(1.0 / (1.0 + np.exp(-np.clip(z, -30, 30))))


@dataclass
class ReliabilityBin:
    """Predictions whose confidence fell in [low, high): how many, mean confidence, share right."""

    low: float
    high: float
    count: int
    mean_confidence: float
    accuracy: float


def reliability(pairs: Sequence[tuple[float, int]], edges: Sequence[float] = (0.5, 0.6, 0.7, 0.8, 0.9, 1.0001)
                ) -> list[ReliabilityBin]:
    """A reliability table: for each confidence bin, the share of predictions that were right."""
    bins = []
    for low, high in zip(edges, edges[1:], strict=False):
        inside = [(c, y) for c, y in pairs if low <= c < high]
        if inside:
            bins.append(ReliabilityBin(low, min(high, 1.0), len(inside), sum(c for c, _ in inside) / len(inside),
                                       sum(y for _, y in inside) / len(inside)))
        else:
            bins.append(ReliabilityBin(low, min(high, 1.0), 0, 0.0, 0.0))
    return bins
