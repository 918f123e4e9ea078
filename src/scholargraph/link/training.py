"""Fitting the linker's logistic model on gold files, and measuring its calibration.

Every candidate link the annotator considers becomes one example: its features, and
label 1 when it overlaps a core or optional gold mention that lists its URI.  The model
is a logistic regression with a small L2 penalty, fitted by Newton's method (numpy only).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

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


def examples(annotator: Annotator, golds: Sequence[GoldDocument]) -> list[Example]:
    """Every scored candidate of every gold document, labelled.

    Right links on optional mentions are left out: the gold says a linker may or may not
    make them, so they should push the model neither way.
    """
    found = []
    for gold in golds:
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
