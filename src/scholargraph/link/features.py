"""The features the linker scores a (mention, candidate entity) pair with, and the scoring model.

The model is a logistic regression: its output is the probability that the link is right,
which is what makes the confidence calibrated.  The weights ship in ``weights.json`` beside
this module and are fitted by ``scripts/fit_linker.py`` on gold files (see the README for
how they were fitted and how well they are calibrated).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path

from wordfreq import zipf_frequency

WEIGHTS_FILE = Path(__file__).with_name("weights.json")


@dataclass
class Features:
    """Everything the model knows about one candidate link; all values roughly in [0, 1]."""

    prior: float  # P(entity | surface form) from the KB
    context: float  # cosine of the document's words and the entity's description
    coherence: float  # similarity to the other entities the document mentions
    keyphraseness: float  # how likely the span is a mention at all
    multiword: float  # 1 for spans of two or more words
    acronym: float  # 1 for an undefined all-capitals short form
    inflected: float  # 1 when the span matched a plural or hyphen variant
    label_match: float  # 1 when the span is the entity's own label (not an alias)
    support: float  # log-scaled popularity of the entity
    margin: float  # context advantage over the runner-up candidate of the same span
    case_agreement: float  # 1 when the text's capitals agree with the KB form, 0 for a lower-cased name
    popular_culture: float  # 1 for songs, films, bands, games…: rarely what a scholarly paper means
    name_overlap: float  # share of the entity label's word stems the mention contains ("employed" vs Employment: 0)
    context_root: float = 0.0  # square root of context: tells a faint fit (0.01) from none, which a plain cosine hides

    def as_vector(self) -> list[float]:
        """The feature values in declaration order."""
        return [float(getattr(self, name)) for name in FEATURE_NAMES]


FEATURE_NAMES: list[str] = [f.name for f in fields(Features)]

#: Starting weights, used until fitted ones exist (hand-set from first principles).
DEFAULT_WEIGHTS: dict[str, float] = {
    "bias": -4.0, "prior": 1.5, "context": 6.0, "coherence": 3.0, "keyphraseness": 3.0, "multiword": 1.0,
    "acronym": -1.0, "inflected": -0.2, "label_match": 0.5, "support": 0.5, "margin": 2.0,
    "case_agreement": 2.0, "popular_culture": -3.0, "name_overlap": 1.0,
}

#: DBpedia classes of works and performers (popular culture), by local name.
POPULAR_CULTURE_TYPES = frozenset(
    """Work MusicalWork Song Single Album Film TelevisionShow TelevisionEpisode VideoGame Book Novel Comic
    ComicsCharacter FictionalCharacter Band MusicalArtist Artist Actor WrittenWork Play Musical Artwork
    RadioProgram Game""".split()
)


#: DBpedia classes whose members are kinds of things, named by common nouns written in lower case.
CONCEPT_TYPES = frozenset(
    """Disease Drug AnatomicalStructure Artery Bone Brain Nerve Muscle Vein Ligament Embryology LymphaticVessel
    ChemicalCompound ChemicalSubstance ChemicalElement Biomolecule Protein Enzyme Gene Hormone Mineral
    Species Animal Plant Bacteria Eukaryote Fungus Virus Archaea Language EthnicGroup AcademicSubject
    MedicalSpecialty Food Beverage Sport Colour TopicalConcept Activity Profession""".split()
)


def local_type_names(types: tuple[str, ...] | list[str]) -> set[str]:
    """DBpedia classes without their prefix ("dbo:Disease" -> "Disease")."""
    return {t.split(":", 1)[-1] for t in types}


def popular_culture(types: tuple[str, ...] | list[str]) -> float:
    """1.0 when any of the entity's types is a creative work or a performer."""
    return 1.0 if local_type_names(types) & POPULAR_CULTURE_TYPES else 0.0


def case_agreement(text_surface: str, kb_surface: str) -> float:
    """How well the capitals of the text agree with the KB's surface form.

    1.0: same capitals, or the only difference is the first letter (a sentence start, or a
    concept label written with a capital as DBpedia titles are);
    0.0: the KB form is a capitalised name ("Career Opportunities") that the text writes in
    lower case ("career opportunities") — the text is not using the name.
    """
    if text_surface == kb_surface or text_surface[1:] == kb_surface[1:]:
        return 1.0
    text_words, kb_words = text_surface.split(), kb_surface.split()
    if len(text_words) != len(kb_words):
        return 0.5
    for text_word, kb_word in list(zip(text_words, kb_words, strict=True))[1:]:
        if kb_word[:1].isupper() and text_word[:1].islower():
            return 0.0
    return 1.0


@lru_cache(maxsize=1)
def load_weights() -> dict[str, float]:
    """The fitted weights if they ship with the package, else the defaults."""
    if WEIGHTS_FILE.exists():
        data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
        return {name: float(data["weights"].get(name, 0.0)) for name in ["bias", *FEATURE_NAMES]}
    return dict(DEFAULT_WEIGHTS)


def logit(features: Features, weights: dict[str, float] | None = None) -> float:
    """The model's log-odds that the link is right."""
    w = weights if weights is not None else load_weights()
    z = w.get("bias", 0.0)
    for name in FEATURE_NAMES:
        z += w.get(name, 0.0) * getattr(features, name)
    return z


def probability(features: Features, weights: dict[str, float] | None = None) -> float:
    """The model's probability that the link is right."""
    z = logit(features, weights)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=100_000)
def word_keyphraseness(word: str) -> float:
    """For a single lower-case word without link statistics: rarer words are likelier mentions."""
    zipf = zipf_frequency(word, "en")
    return max(0.05, min(0.95, (6.0 - zipf) / 3.5))


def support_scale(support: int) -> float:
    """Popularity on a 0–1 log scale (1 ≈ a million inbound links)."""
    return min(1.0, math.log10(1 + max(0, support)) / 6.0)
