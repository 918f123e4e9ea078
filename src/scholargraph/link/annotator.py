"""The Annotator: spotting, abbreviations, disambiguation and calibrated confidence, together.

Flow for one document:
1. find the abbreviations the text defines and every use of them;
2. decide each long form's entity (or none) — every use of its short form then links there,
   or nowhere, whatever else in the KB shares those letters;
3. spot the KB's surface forms elsewhere (not in the reference list);
4. score each candidate with the features of :mod:`.features`: prior, context, coherence
   with the document's other entities, keyphraseness, …; the model's probability is the
   confidence;
5. keep the best candidate of each span above the threshold, longest spans first, without
   overlaps.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache

from ..document import Document
from ..kb import Candidate, Entity, KnowledgeBase
from .abbreviations import Abbreviation, find_definitions, find_uses
from .charmap import fold_key
from .context import cosine, cosine_without, tokens, vector
from .features import (
    Features,
    case_agreement,
    load_weights,
    popular_culture,
    probability,
    support_scale,
    word_keyphraseness,
)
from .model import Annotation, LinkResult
from .spotting import Spot, Spotter

DEFAULT_CONFIDENCE = 0.5
_COHERENCE_SEEDS = 12


@dataclass
class Scored:
    """A candidate link for a span with its features and confidence."""

    start: int
    end: int
    entity: Entity
    candidate: Candidate
    features: Features
    confidence: float = 0.0
    via: str = "dictionary"
    long_form: str | None = None


@dataclass
class _SpanCandidates:
    start: int
    end: int
    candidates: list[Candidate] = field(default_factory=list)
    inflected: bool = False
    via: str = "dictionary"
    long_form: str | None = None


class Annotator:
    """Links the mentions of documents to a knowledge base's entities."""

    def __init__(self, kb: KnowledgeBase, confidence: float = DEFAULT_CONFIDENCE, support: int = 0,
                 weights: dict[str, float] | None = None) -> None:
        self.kb = kb
        self.confidence = confidence
        self.support = support
        self.weights = weights if weights is not None else load_weights()
        self.spotter = Spotter(kb.surface_forms())
        self.entity = lru_cache(maxsize=200_000)(kb.entity)
        self._vectors: dict[int, dict[str, float]] = {}
        self._candidate_cache: dict[tuple[str, tuple[str, ...], bool], list[Candidate]] = {}

    # -- public -------------------------------------------------------------------------------

    def annotate(self, document: Document) -> LinkResult:
        """Link one document's mentions; annotations come in text order without overlaps."""
        definitions = find_definitions(document.text)
        scored = self.score_all(document, definitions)
        chosen = self._choose(scored)
        annotations = [self._annotation(document.text, s, second) for s, second in chosen]
        return LinkResult(annotations, definitions, self.kb.version)

    def score_all(self, document: Document, definitions: list[Abbreviation] | None = None) -> list[Scored]:
        """Every candidate link of every span, scored (before thresholds and overlap removal).

        Exposed so the model can be fitted on gold data with exactly the features it uses.
        ``definitions`` saves finding the text's abbreviations again when the caller has them.
        """
        text = document.text
        if not text.strip():
            return []
        if definitions is None:
            definitions = find_definitions(text)
        # Abbreviation-aware context: every "AI" of the text also says "American Indians".
        expansions = " ".join(use.abbreviation.long for use in find_uses(text, definitions))
        doc_vector = vector(text + "\n" + expansions)
        spans, blocked = self._abbreviation_spans(text, definitions, doc_vector)
        skip = list(blocked) + list(_structural_labels(text))
        if document.references_span:
            skip.append(document.references_span)
        for section in document.sections:
            heading_end = text.find("\n", section.start, section.end)
            skip.append((section.start, heading_end if heading_end > 0 else section.start + len(section.heading)))
        for spot in self.spotter.spots(text, skip):
            candidates = self._candidates(text, spot)
            if candidates:
                spans.append(_SpanCandidates(spot.start, spot.end, candidates, spot.inflected))
        # Repeated mentions ("AI" twenty times) share their features: compute each kind once.
        kinds: dict[tuple[object, ...], list[tuple[Candidate, Entity, Features]]] = {}
        span_kinds = []
        for span in spans:
            surface = text[span.start:span.end]
            kind = (surface, span.via, span.long_form, span.inflected, tuple(c.entity_id for c in span.candidates))
            if kind not in kinds:
                kinds[kind] = self._base_features(surface, span, doc_vector)
            span_kinds.append(kind)
        first = [(probability(f, self.weights), e.id) for group in kinds.values() for _, e, f in group]
        coherence = _Coherence(self, self._coherence_seeds(first))
        final: list[Scored] = []
        for span, kind in zip(spans, span_kinds, strict=True):
            for candidate, entity, base in kinds[kind]:
                features = replace(base, coherence=coherence.of(entity.id))
                final.append(Scored(span.start, span.end, entity, candidate, features,
                                    probability(features, self.weights), span.via, span.long_form))
        return final

    # -- abbreviations --------------------------------------------------------------------------

    def _abbreviation_spans(
        self, text: str, definitions: list[Abbreviation], doc_vector: dict[str, float]
    ) -> tuple[list[_SpanCandidates], list[tuple[int, int]]]:
        """Spans for every use of a defined short form, and the spans to keep away from."""
        spans: list[_SpanCandidates] = []
        blocked: list[tuple[int, int]] = []
        resolved: dict[str, list[Candidate]] = {}
        for definition in definitions:
            resolved[definition.short] = self._long_form_candidates(definition.long)
            if not resolved[definition.short]:
                # A defined term with no entity ("research career intentions (RCI)") is one unit:
                # its words are not separate mentions either, wherever the term appears.
                pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, definition.long.split())) + r"(?!\w)",
                                     re.IGNORECASE)
                blocked.extend((m.start(), m.end()) for m in pattern.finditer(text))
        for use in find_uses(text, definitions):
            blocked.append((use.start, use.end))
            candidates = resolved.get(use.abbreviation.short) or []
            if candidates:
                spans.append(_SpanCandidates(use.start, use.end, candidates, False, "abbreviation",
                                             use.abbreviation.long))
        return spans, blocked

    def _long_form_candidates(self, long_form: str) -> list[Candidate]:
        """Candidates whose surface form is the whole long form (plural or hyphen variants included)."""
        for spot in self.spotter.spots(long_form):
            if spot.start == 0 and spot.end == len(long_form):
                return self._merge(spot.keys)
        return []

    # -- candidates and scoring ---------------------------------------------------------------

    def _merge(self, keys: Iterable[str]) -> list[Candidate]:
        best: dict[int, Candidate] = {}
        for key in keys:
            for candidate in self.kb.candidates(key):
                known = best.get(candidate.entity_id)
                if known is None or candidate.prior > known.prior:
                    best[candidate.entity_id] = candidate
        return sorted(best.values(), key=lambda c: -c.prior)

    def _candidates(self, text: str, spot: Spot) -> list[Candidate]:
        return self._candidates_of(text[spot.start:spot.end], spot.keys, spot.inflected)

    def _candidates_of(self, surface: str, keys: tuple[str, ...], inflected: bool) -> list[Candidate]:
        cache_key = (surface, keys, inflected)
        cached = self._candidate_cache.get(cache_key)
        if cached is not None:
            return cached
        kept = []
        for candidate in self._merge(keys):
            if not _case_compatible(surface, candidate) or case_agreement(surface, candidate.surface) == 0.0:
                continue  # an acronym in the wrong case, or a name written in lower case
            if inflected and self._is_name(candidate):
                continue  # names do not take plurals: "opportunities" is not the rover Opportunity
            kept.append(candidate)
        if len(self._candidate_cache) > 200_000:
            self._candidate_cache.clear()
        self._candidate_cache[cache_key] = kept
        return kept

    def _is_name(self, candidate: Candidate) -> bool:
        """A KB form that names an individual thing (a rover, a band, a city), not a concept.

        Several capitalised words make a name ("Career Opportunities"); a single capitalised
        word is a name when the entity is typed as an instance (concepts carry no DBpedia class).
        """
        form = candidate.surface
        if not form[:1].isupper() or _is_acronym(form):
            return False
        words = form.split()
        if sum(1 for w in words if w[:1].isupper()) >= 2:
            return True
        return len(words) == 1 and bool(self.entity(candidate.entity_id).types)

    def _base_features(
        self, surface: str, span: _SpanCandidates, doc_vector: dict[str, float]
    ) -> list[tuple[Candidate, Entity, Features]]:
        """Every feature of each candidate except coherence, which needs the whole document."""
        entities = [self.entity(c.entity_id) for c in span.candidates]
        own_words = set(tokens(surface)) | set(tokens(span.long_form or ""))
        contexts = [cosine_without(doc_vector, self.entity_vector(e.id), own_words) for e in entities]
        keyphraseness = self._keyphraseness(surface, span)
        abbreviation = span.via == "abbreviation"
        results = []
        for index, (candidate, entity) in enumerate(zip(span.candidates, entities, strict=True)):
            others = [c for i, c in enumerate(contexts) if i != index]
            margin = contexts[index] - max(others) if others else contexts[index]
            features = Features(
                prior=candidate.prior,
                context=contexts[index],
                coherence=0.0,
                keyphraseness=keyphraseness,
                multiword=1.0 if " " in surface.strip() or "-" in surface else 0.0,
                acronym=1.0 if not abbreviation and _is_acronym(surface) else 0.0,
                inflected=1.0 if span.inflected else 0.0,
                label_match=1.0 if fold_key(surface) == fold_key(entity.label) else 0.0,
                support=support_scale(entity.support),
                margin=margin,
                case_agreement=1.0 if abbreviation else case_agreement(surface, candidate.surface),
                popular_culture=popular_culture(entity.types),
                name_overlap=1.0 if abbreviation or _is_acronym(surface) else _name_overlap(surface, entity.label),
            )
            results.append((candidate, entity, features))
        return results

    def _keyphraseness(self, surface: str, span: _SpanCandidates) -> float:
        if span.via == "abbreviation":
            return 1.0
        link_probability = self.kb.link_probability(surface)
        if link_probability is not None:
            return link_probability
        words = surface.split()
        if len(words) > 1:
            return 0.9
        if surface[:1].isupper() and not surface.isupper():
            return 0.8
        if surface.isupper():
            return 0.6
        return word_keyphraseness(surface.lower())

    @staticmethod
    def _coherence_seeds(scored: list[tuple[float, int]]) -> list[int]:
        """The entities the document most surely mentions, for the coherence feature."""
        seeds: list[int] = []
        for confidence, entity_id in sorted(scored, key=lambda pair: -pair[0]):
            if confidence < 0.5 or len(seeds) >= _COHERENCE_SEEDS:
                break
            if entity_id not in seeds:
                seeds.append(entity_id)
        return seeds

    def entity_vector(self, entity_id: int) -> dict[str, float]:
        """The words that describe an entity: its description and its neighbours' labels.

        Not its own names: those are what the mention matched, shared by every candidate.
        """
        found = self._vectors.get(entity_id)
        if found is None:
            entity = self.entity(entity_id)
            related_labels = " ".join(self.entity(r).label for r in entity.related[:8])
            found = vector(" ".join([entity.description, related_labels]))
            if len(self._vectors) > 100_000:
                self._vectors.clear()
            self._vectors[entity_id] = found
        return found

    # -- choice -------------------------------------------------------------------------------------

    def _choose(self, scored: list[Scored]) -> list[tuple[Scored, float]]:
        """Best candidate per span above the thresholds, with its runner-up's confidence ratio;
        longer spans win overlaps."""
        by_span: dict[tuple[int, int], list[Scored]] = {}
        for item in scored:
            by_span.setdefault((item.start, item.end), []).append(item)
        eligible: list[tuple[Scored, float]] = []
        for group in by_span.values():
            group.sort(key=lambda s: -s.confidence)
            top = group[0]
            if top.confidence < self.confidence or top.entity.support < self.support:
                continue
            second = group[1].confidence / top.confidence if len(group) > 1 and top.confidence else 0.0
            eligible.append((top, second))
        eligible.sort(key=lambda pair: (-(pair[0].end - pair[0].start), -pair[0].confidence, pair[0].start))
        taken: list[tuple[Scored, float]] = []
        starts: list[int] = []  # sorted starts of the taken (non-overlapping) spans
        ends: dict[int, int] = {}
        for item, second in eligible:
            index = bisect.bisect_left(starts, item.end)
            # Taken spans never overlap, so only the one starting just before item.end can.
            if index > 0 and ends[starts[index - 1]] > item.start:
                continue
            bisect.insort(starts, item.start)
            ends[item.start] = item.end
            taken.append((item, second))
        taken.sort(key=lambda pair: pair[0].start)
        return taken

    def _annotation(self, text: str, item: Scored, second_rank_ratio: float) -> Annotation:
        return Annotation(
            surface=text[item.start:item.end],
            start=item.start,
            end=item.end,
            uri=item.entity.uri,
            confidence=item.confidence,
            types=list(item.entity.types),
            via=item.via,
            long_form=item.long_form,
            support=item.entity.support,
            prior=item.candidate.prior,
            second_rank_ratio=second_rank_ratio,
            label=item.entity.label,
        )


_LABELS = re.compile(
    r"(?:^|(?<=\n)|(?<=[.!?] ))[ \t#*]*(Abstract|Summary|Background|Introduction|Objectives?|Aims?|Purpose|"
    r"Context|Methods?|Design|Setting|Participants|Interventions?|Measurements|Main Outcome Measures?|Results|"
    r"Findings|Conclusions?|Discussion|Limitations|Keywords|Key words|Implications|Significance)\b(?=[:.\s])",
)


def _structural_labels(text: str) -> Iterator[tuple[int, int]]:
    """Spans of run-in abstract labels and headings ("Objective To examine …"): structure, not mentions."""
    for match in _LABELS.finditer(text):
        yield match.start(1), match.end(1)


class _Coherence:
    """Similarity of an entity to the document's surest entities (excluding itself).

    With unit vectors the mean cosine to the seeds is one dot product with their sum, so
    each candidate costs one pass over its own vector.
    """

    def __init__(self, annotator: Annotator, seeds: list[int]) -> None:
        self.annotator = annotator
        self.seeds = set(seeds)
        self.total: dict[str, float] = {}
        for seed in seeds:
            for word, value in annotator.entity_vector(seed).items():
                self.total[word] = self.total.get(word, 0.0) + value
        self.seed_related = {seed: set(annotator.entity(seed).related) for seed in seeds}
        self.cache: dict[int, float] = {}

    def of(self, entity_id: int) -> float:
        """Coherence in [0, 1] of one entity with the seeds."""
        if entity_id in self.cache:
            return self.cache[entity_id]
        is_seed = entity_id in self.seeds
        others = len(self.seeds) - (1 if is_seed else 0)
        if others <= 0:
            return 0.0
        own = self.annotator.entity_vector(entity_id)
        similarity = (cosine(own, self.total) - (1.0 if is_seed and own else 0.0)) / others
        related = set(self.annotator.entity(entity_id).related)
        linked = sum(1 for seed, seed_related in self.seed_related.items()
                     if seed != entity_id and (seed in related or entity_id in seed_related)) / others
        value = max(0.0, min(1.0, similarity + linked))
        self.cache[entity_id] = value
        return value


@lru_cache(maxsize=100_000)
def _name_overlap(surface: str, label: str) -> float:
    """Share of the label's stemmed words (parenthetical qualifier dropped) found in the mention."""
    label_words = set(tokens(label.split(" (")[0]))
    if not label_words:
        return 0.0
    return len(label_words & set(tokens(surface))) / len(label_words)


@lru_cache(maxsize=100_000)
def _is_acronym(surface: str) -> bool:
    letters = [c for c in surface if c.isalpha()]
    return len(letters) >= 2 and sum(1 for c in letters if c.isupper()) >= 2 and len(surface) <= 10


def _case_compatible(surface: str, candidate: Candidate) -> bool:
    """Acronyms match case-sensitively; an all-capitals span never matches a common word."""
    form = candidate.surface
    if candidate.is_abbreviation or _is_acronym(form):
        stem = surface[:-1] if surface.endswith("s") and not form.endswith("s") else surface
        return stem == form
    return not (_is_acronym(surface) and len(surface) <= 5)
