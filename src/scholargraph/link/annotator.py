"""The Annotator: spotting, abbreviations, disambiguation and calibrated confidence, together.

Flow for one document:
1. find the abbreviations the text defines and every use of them;
2. decide each long form's entity (or none) — every use of its short form then links there,
   or nowhere, whatever else in the KB shares those letters;
3. spot the KB's surface forms elsewhere (not in the reference list, headings, run-in
   abstract labels or the paper's own author names);
4. score each candidate with the features of :mod:`.features`: prior, context, coherence
   with the document's other entities, keyphraseness, …; the model's probability is the
   confidence.  What does not depend on the document is worked out once per kind of
   mention (surface text and spotting form) and cached across documents;
5. keep the best candidate of each span above the threshold, longest spans first, without
   overlaps.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import NamedTuple

from ..document import Document
from ..folding import fold_key
from ..kb import Candidate, Entity, KnowledgeBase, normalize_surface
from .abbreviations import Abbreviation, ShortFormUse, find_definitions, find_uses, undefined_short_forms
from .context import tokens, vector
from .features import (
    CONCEPT_TYPES,
    Features,
    case_agreement,
    load_weights,
    local_type_names,
    logit,
    popular_culture,
    probability,
    support_scale,
    word_keyphraseness,
)
from .model import Annotation, LinkResult
from .spotting import Backend, Spotter

#: Links below this confidence are left out.  0.6 rather than 0.5: on the development gold sets
#: links between 0.5 and 0.6 add no recall, and on the user's seed-002 gold they are the generic
#: words ("cultures", "institution") it leaves unlinked.
DEFAULT_CONFIDENCE = 0.6
#: Link statistics counted on few occurrences are shrunk towards the word-based guess as if it
#: had been seen this many times (a word seen once, unlinked, is not thereby never a mention).
_GUESS_WEIGHT = 2.0
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


class _Span(NamedTuple):
    """A span of the text to link and the kind of mention it is."""

    start: int
    end: int
    kind: tuple[object, ...]


@dataclass
class _Kind:
    """One distinct mention — surface text, how it was found, its candidates — with everything
    about its candidates that does not depend on the document.  Repeated mentions ("AI" twenty
    times) and later documents share it."""

    via: str
    long_form: str | None
    candidates: list[Candidate]
    entities: list[Entity]
    static: list[Features]  # context, margin and coherence still 0
    static_z: list[float]  # bias + weighted static features
    own_words: frozenset[str]


@dataclass
class _Scores:
    """A document's spans and, per kind of mention, each candidate's logit."""

    spans: list[_Span]
    kinds: dict[tuple[object, ...], _Kind]
    contexts: dict[tuple[object, ...], list[float]]
    margins: dict[tuple[object, ...], list[float]]
    logits: dict[tuple[object, ...], list[float]]
    coherence: _Coherence | None


class Annotator:
    """Links the mentions of documents to a knowledge base's entities."""

    def __init__(self, kb: KnowledgeBase, confidence: float = DEFAULT_CONFIDENCE, support: int = 0,
                 weights: dict[str, float] | None = None, spotting: Backend = "auto") -> None:
        self.kb = kb
        self.confidence = confidence
        self.support = support
        self._weights: dict[str, float] = {}
        self._kinds: dict[tuple[object, ...], _Kind | None] = {}
        self._link_statistics: Mapping[str, tuple[float, int]] | None = None
        self.weights = weights if weights is not None else load_weights()
        self.spotter = Spotter(kb.spots, spotting)
        self.entity = lru_cache(maxsize=200_000)(kb.entity)
        self._vectors: dict[int, dict[str, float]] = {}
        self._long_forms: dict[str, list[Candidate]] = {}

    @property
    def weights(self) -> dict[str, float]:
        """The model's weights (setting them forgets every score computed with the old ones)."""
        return self._weights

    @weights.setter
    def weights(self, weights: dict[str, float]) -> None:
        self._weights = dict(weights)
        self._kinds.clear()

    @property
    def link_statistics(self) -> Mapping[str, tuple[float, int]] | None:
        """Link statistics by surface key — (link probability, occurrences counted) — to use
        instead of the KB's (None: the KB's own).

        Fitting sets them to statistics that leave the scored document out, so that no
        document is scored with what its own gold annotation taught.
        """
        return self._link_statistics

    @link_statistics.setter
    def link_statistics(self, table: Mapping[str, tuple[float, int]] | None) -> None:
        self._link_statistics = table
        self._kinds.clear()

    # -- public -------------------------------------------------------------------------------

    def annotate(self, document: Document) -> LinkResult:
        """Link one document's mentions; annotations come in text order without overlaps."""
        definitions = self.definitions(document.text)
        scores = self._score(document, definitions)
        chosen = self._choose(scores)
        return LinkResult([self._annotation(document.text, scores, *pick) for pick in chosen], definitions,
                          self.kb.version)

    def score_all(self, document: Document, definitions: list[Abbreviation] | None = None) -> list[Scored]:
        """Every candidate link of every span, scored (before thresholds and overlap removal).

        Exposed so the model can be fitted on gold data with exactly the features it uses.
        ``definitions`` saves finding the text's abbreviations again when the caller has them.
        """
        scores = self._score(document, self.definitions(document.text) if definitions is None else definitions)
        found = []
        for span in scores.spans:
            kind = scores.kinds[span.kind]
            for index, (candidate, entity) in enumerate(zip(kind.candidates, kind.entities, strict=True)):
                coherence = scores.coherence.of(entity.id) if scores.coherence else 0.0
                features = replace(kind.static[index], context=scores.contexts[span.kind][index],
                                   context_root=math.sqrt(scores.contexts[span.kind][index]),
                                   margin=scores.margins[span.kind][index], coherence=coherence)
                found.append(Scored(span.start, span.end, entity, candidate, features,
                                    probability(features, self.weights), kind.via, kind.long_form))
        return found

    def definitions(self, text: str) -> list[Abbreviation]:
        """The abbreviations the text defines: Schwartz–Hearst pairs, and pairs the KB knows.

        The second kind is a parenthesised short form right after a mention of an entity that
        the KB lists with that abbreviation: "Unified Health System (SUS)" — the letters do not
        spell SUS (it is Portuguese), but the KB's Sistema Único de Saúde is both.
        """
        found = find_definitions(text)
        known = []
        for short, short_start, window_start, window in undefined_short_forms(text, found):
            owners = {c.entity_id for c in self.kb.candidates(short) if c.is_abbreviation and c.surface == short}
            if not owners:
                continue
            long_end = window_start + len(window)
            for spot in self.spotter.spots(window):
                if spot.end != len(window):
                    continue  # the long form ends right before the parenthesis
                key_ids, _ = self.spotter.form_keys(spot.form)
                if owners.intersection(c.entity_id for c in self._merge(key_ids)):
                    long_start = window_start + spot.start
                    known.append(Abbreviation(short, text[long_start:long_end], short_start,
                                              short_start + len(short), long_start, long_end))
                    break
        if not known:
            return found
        return sorted(found + known, key=lambda a: a.short_start)

    # -- scoring a document ---------------------------------------------------------------------

    def _score(self, document: Document, definitions: list[Abbreviation]) -> _Scores:
        """Find the spans to link and give each candidate its logit (see the module docstring)."""
        text = document.text
        scores = _Scores([], {}, {}, {}, {}, None)
        if not text.strip():
            return scores
        uses = find_uses(text, definitions)
        # Abbreviation-aware context: every "AI" of the text also says "American Indians".
        expansions = " ".join(use.abbreviation.long for use in uses)
        doc_vector = vector(text + "\n" + expansions if expansions else text)
        blocked = self._abbreviation_spans(text, definitions, uses, scores)
        skip = blocked + list(_structural_labels(text)) + list(_author_names(text, document))
        if document.references_span:
            skip.append(document.references_span)
        for section in document.sections:
            heading_end = text.find("\n", section.start, section.end)
            skip.append((section.start, heading_end if heading_end > 0 else section.start + len(section.heading)))
        kinds, known, add_span = scores.kinds, self._kinds, scores.spans.append
        for start, end, form in self.spotter.spots(text, skip):
            surface = text[start:end]
            kind_key: tuple[object, ...] = (surface, form)
            if kind_key not in kinds:
                if kind_key in known:
                    kind = known[kind_key]
                else:
                    key_ids, inflected = self.spotter.form_keys(form)
                    # Candidates come from the keys the text spells exactly; link statistics
                    # pool all of the form's keys ("cultures" the alias and the plural of "culture").
                    exact = self._exact_keys(surface, key_ids) if len(key_ids) > 1 else key_ids
                    kind = self._remember(kind_key, self._spot_candidates(surface, exact, inflected), "dictionary",
                                          None, inflected, key_ids)
                if kind is None:
                    continue
                kinds[kind_key] = kind
            add_span(_Span(start, end, kind_key))
        if not scores.spans:
            return scores
        weights = self.weights
        w_context, w_margin = weights.get("context", 0.0), weights.get("margin", 0.0)
        w_root = weights.get("context_root", 0.0)
        doc_words = set(doc_vector)
        seed_candidates: list[tuple[float, int]] = []
        for kind_key, kind in scores.kinds.items():
            contexts = [self._context(doc_vector, doc_words, entity.id, kind.own_words) for entity in kind.entities]
            if len(contexts) == 1:
                margins = contexts
            else:
                ranked = sorted(contexts, reverse=True)
                margins = [c - (ranked[1] if c == ranked[0] else ranked[0]) for c in contexts]
            logits = [z + w_context * c + w_root * math.sqrt(c) + w_margin * m
                      for z, c, m in zip(kind.static_z, contexts, margins, strict=True)]
            scores.contexts[kind_key], scores.margins[kind_key], scores.logits[kind_key] = contexts, margins, logits
            seed_candidates.extend((z, entity.id) for z, entity in zip(logits, kind.entities, strict=True) if z >= 0.0)
        coherence = scores.coherence = _Coherence(self, self._coherence_seeds(seed_candidates))
        w_coherence = weights.get("coherence", 0.0)
        if w_coherence and coherence.seeds:
            for kind_key, kind in scores.kinds.items():
                scores.logits[kind_key] = [z + w_coherence * coherence.of(entity.id)
                                           for z, entity in zip(scores.logits[kind_key], kind.entities, strict=True)]
        return scores

    def _context(self, doc_vector: dict[str, float], doc_words: set[str], entity_id: int,
                 own_words: frozenset[str]) -> float:
        """Cosine of the document and the entity's description, without the mention's own words
        (every candidate shares those with the document, so they say nothing about which is meant)."""
        entity_vector = self.entity_vector(entity_id)
        common = doc_words.intersection(entity_vector)
        if not common:
            return 0.0
        # fsum: a set's order changes from run to run, an exact sum does not (re-ingest must be a no-op).
        return max(0.0, math.fsum(doc_vector[w] * entity_vector[w] for w in common if w not in own_words))

    def _remember(self, kind_key: tuple[object, ...], candidates: list[Candidate], via: str,
                  long_form: str | None, inflected: bool, key_ids: tuple[int, ...] = ()) -> _Kind | None:
        """Work out and cache the document-independent part of a kind of mention (None: no candidates)."""
        if len(self._kinds) > 200_000:
            self._kinds.clear()
        kind = self._static(str(kind_key[0]), candidates, via, long_form, inflected, key_ids) if candidates else None
        self._kinds[kind_key] = kind
        return kind

    # -- abbreviations --------------------------------------------------------------------------

    def _abbreviation_spans(self, text: str, definitions: list[Abbreviation], uses: list[ShortFormUse],
                            scores: _Scores) -> list[tuple[int, int]]:
        """Add a span for every use of a defined short form; return the spans to keep away from."""
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
        for use in uses:
            blocked.append((use.start, use.end))
            short, long_form = use.abbreviation.short, use.abbreviation.long
            found = resolved.get(short) or []
            if not found:
                continue
            surface = text[use.start:use.end]
            kind_key: tuple[object, ...] = (surface, "abbreviation", long_form, tuple(c.entity_id for c in found))
            kind = self._kinds[kind_key] if kind_key in self._kinds else \
                self._remember(kind_key, found, "abbreviation", long_form, False)
            if kind is not None:
                scores.kinds[kind_key] = kind
                scores.spans.append(_Span(use.start, use.end, kind_key))
        return blocked

    def _long_form_candidates(self, long_form: str) -> list[Candidate]:
        """Candidates whose surface form is the whole long form (plural or hyphen variants included)."""
        found = self._long_forms.get(long_form)
        if found is None:
            found = []
            for spot in self.spotter.spots(long_form):
                if spot.start == 0 and spot.end == len(long_form):
                    found = self._merge(self.spotter.form_keys(spot.form)[0])
                    break
            if len(self._long_forms) > 100_000:
                self._long_forms.clear()
            self._long_forms[long_form] = found
        return found

    # -- candidates and their static features ---------------------------------------------------------

    def _merge(self, key_ids: Iterable[int]) -> list[Candidate]:
        best: dict[int, Candidate] = {}
        for key_id in key_ids:
            for candidate in self.kb.candidates_for_key_id(key_id):
                known = best.get(candidate.entity_id)
                if known is None or candidate.prior > known.prior:
                    best[candidate.entity_id] = candidate
        return sorted(best.values(), key=lambda c: -c.prior)

    def _spot_candidates(self, surface: str, key_ids: tuple[int, ...], inflected: bool) -> list[Candidate]:
        kept = []
        for candidate in self._merge(key_ids):
            if not _case_compatible(surface, candidate) or case_agreement(surface, candidate.surface) == 0.0:
                continue  # an acronym in the wrong case, or a name written in lower case
            if (inflected or surface.islower()) and self._is_name(candidate):
                # Names take neither plurals nor lower case: "opportunities" and "opportunity"
                # are not the rover Opportunity.
                continue
            kept.append(candidate)
        return kept

    def _is_name(self, candidate: Candidate) -> bool:
        """A KB form that names an individual thing (a rover, a band, a city), not a concept.

        Several capitalised words make a name ("Career Opportunities"); a single capitalised
        word is a name when the entity is typed as an individual thing (a spacecraft, a city), not
        only as a kind of thing (a disease, a drug, a language: "dementia" is written in lower case).
        """
        form = candidate.surface
        if not form[:1].isupper() or _is_acronym(form):
            return False
        words = form.split()
        if sum(1 for w in words if w[:1].isupper()) >= 2:
            return True
        return len(words) == 1 and bool(local_type_names(self.entity(candidate.entity_id).types) - CONCEPT_TYPES)

    def _static(self, surface: str, candidates: list[Candidate], via: str, long_form: str | None,
                inflected: bool, key_ids: tuple[int, ...]) -> _Kind:
        """Every feature of each candidate that does not depend on the document."""
        entities = [self.entity(c.entity_id) for c in candidates]
        abbreviation = via == "abbreviation"
        keyphraseness = 1.0 if abbreviation else self._keyphraseness(surface, candidates, key_ids)
        static = []
        for candidate, entity in zip(candidates, entities, strict=True):
            static.append(Features(
                prior=candidate.prior,
                context=0.0,
                coherence=0.0,
                keyphraseness=keyphraseness,
                multiword=1.0 if " " in surface.strip() or "-" in surface else 0.0,
                acronym=1.0 if not abbreviation and _is_acronym(surface) else 0.0,
                inflected=1.0 if inflected else 0.0,
                label_match=1.0 if fold_key(surface) == fold_key(entity.label) else 0.0,
                support=support_scale(entity.support),
                margin=0.0,
                case_agreement=1.0 if abbreviation else case_agreement(surface, candidate.surface),
                popular_culture=popular_culture(entity.types),
                name_overlap=1.0 if abbreviation or _is_acronym(surface) else _name_overlap(surface, entity.label),
            ))
        own_words = frozenset(tokens(surface)) | frozenset(tokens(long_form or ""))
        return _Kind(via, long_form, candidates, entities, static, [logit(f, self.weights) for f in static],
                     own_words)

    def _keyphraseness(self, surface: str, candidates: list[Candidate], key_ids: tuple[int, ...]) -> float:
        """How likely the span is a mention at all: link statistics where there are any, shrunk
        towards the guess from the word itself by how few occurrences they were counted on."""
        guess = self._keyphraseness_guess(surface, candidates)
        statistics = self._link_statistics_of(key_ids)
        if statistics is None:
            return guess
        probability, occurrences = statistics
        if occurrences == 0:  # the source gave no totals (Spotlight's -1): the plain probability
            return probability
        return (probability * occurrences + _GUESS_WEIGHT * guess) / (occurrences + _GUESS_WEIGHT)

    def _keyphraseness_guess(self, surface: str, candidates: list[Candidate]) -> float:
        words = surface.split()
        if len(words) > 1:
            return 0.9
        # A capital marks a name only when a candidate is a name ("Washington"); a concept
        # ("Facilitators") is capitalised by a heading or a sentence start, and every DBpedia
        # label starts with a capital, so the KB's spelling alone says nothing.
        if surface[:1].isupper() and not surface.isupper() and any(self._is_name(c) for c in candidates):
            return 0.8
        if surface.isupper():
            return 0.6
        return word_keyphraseness(surface.lower())

    def _exact_keys(self, surface: str, key_ids: tuple[int, ...]) -> tuple[int, ...]:
        """The keys the text spells exactly, when there are such and others that it only inflects:
        "interactions" is the Social_relation alias itself, not the plural of the statistics term."""
        wanted = normalize_surface(surface)
        exact = tuple(k for k in key_ids if self.kb.surface_key(k) == wanted)
        return exact or key_ids

    def _link_statistics_of(self, key_ids: tuple[int, ...]) -> tuple[float, int] | None:
        """Link probability and occurrences of a spotted form: those of the best-counted surface key
        it stands for ("cultures" is the alias itself and the plural of "culture"; every occurrence
        of "cultures" was counted under both keys, so the keys' counts overlap and are not added).
        None: unknown."""
        table = self._link_statistics
        if table is None:
            found = [self.kb.link_statistics(k) for k in key_ids]
        else:
            found = [table.get(self.kb.surface_key(k)) for k in key_ids]
        known = [f for f in found if f is not None]
        if not known:
            return None
        if any(n == 0 for _, n in known):  # totals unknown (Spotlight's -1): the plain probability
            return max(p for p, _ in known), 0
        return max(known, key=lambda stats: (stats[1], stats[0]))

    def dictionary_spans(self, document: Document) -> list[tuple[int, int, tuple[str, ...]]]:
        """The spans the dictionary spotting finds and keeps, with their surface keys.

        What link statistics count: a surface key's occurrences in annotated text.
        """
        scores = self._score(document, self.definitions(document.text))
        spans = []
        for span in scores.spans:
            form = span.kind[1]
            if scores.kinds[span.kind].via == "dictionary" and isinstance(form, int):
                keys = tuple(self.kb.surface_key(k) for k in self.spotter.form_keys(form)[0])
                spans.append((span.start, span.end, keys))
        return spans

    @staticmethod
    def _coherence_seeds(scored: list[tuple[float, int]]) -> list[int]:
        """The entities the document most surely mentions (first-pass logit >= 0), for coherence."""
        seeds: list[int] = []
        for z, entity_id in sorted(scored, key=lambda pair: -pair[0]):
            if z < 0.0 or len(seeds) >= _COHERENCE_SEEDS:
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

    def _choose(self, scores: _Scores) -> list[tuple[_Span, int, float, float]]:
        """Per span the best candidate above the thresholds — (span, candidate index, confidence,
        runner-up's confidence ratio) — longer spans winning overlaps, in text order."""
        # Repeated mentions share their kind: decide each kind once.
        minimum_z = _logit_of(self.confidence)
        decided: dict[tuple[object, ...], tuple[int, float, float] | None] = {}
        for kind_key, logits in scores.logits.items():
            best = max(range(len(logits)), key=logits.__getitem__)
            pick: tuple[int, float, float] | None = None
            if logits[best] >= minimum_z and scores.kinds[kind_key].entities[best].support >= self.support:
                confidence = _sigmoid(logits[best])
                second = 0.0
                if len(logits) > 1 and confidence:
                    second = _sigmoid(max(z for i, z in enumerate(logits) if i != best)) / confidence
                if confidence >= self.confidence:
                    pick = (best, confidence, second)
            decided[kind_key] = pick
        eligible = []
        for span in scores.spans:
            pick = decided[span.kind]
            if pick is not None:
                eligible.append((span, *pick))
        eligible.sort(key=lambda pick: (pick[0].start - pick[0].end, -pick[2], pick[0].start))
        taken: list[tuple[_Span, int, float, float]] = []
        starts: list[int] = []  # sorted starts of the taken (non-overlapping) spans
        ends: dict[int, int] = {}
        for chosen in eligible:
            span = chosen[0]
            index = bisect.bisect_left(starts, span.end)
            # Taken spans never overlap, so only the one starting just before span.end can.
            if index > 0 and ends[starts[index - 1]] > span.start:
                continue
            bisect.insort(starts, span.start)
            ends[span.start] = span.end
            taken.append(chosen)
        taken.sort(key=lambda pick: pick[0].start)
        return taken

    def _annotation(self, text: str, scores: _Scores, span: _Span, best: int, confidence: float,
                    second_rank_ratio: float) -> Annotation:
        kind = scores.kinds[span.kind]
        entity, candidate = kind.entities[best], kind.candidates[best]
        return Annotation(
            surface=text[span.start:span.end],
            start=span.start,
            end=span.end,
            uri=entity.uri,
            confidence=confidence,
            types=list(entity.types),
            via=kind.via,
            long_form=kind.long_form,
            support=entity.support,
            prior=candidate.prior,
            second_rank_ratio=second_rank_ratio,
            label=entity.label,
        )


# Starting with the words themselves lets the regex engine skip ahead quickly; where the word
# stands (line start or sentence start) is checked afterwards.
_LABELS = re.compile(
    r"(?:Abstract|Summary|Background|Introduction|Objectives?|Aims?|Purpose|Context|Methods?|Design|Setting|"
    r"Participants|Interventions?|Measurements|Main Outcome Measures?|Results|Findings|Conclusions?|Discussion|"
    r"Limitations|Keywords|Key words|Implications|Significance)\b(?=[:.\s])",
)


def _structural_labels(text: str) -> Iterator[tuple[int, int]]:
    """Spans of run-in abstract labels and headings ("Objective To examine …"): structure, not mentions.

    A label counts at the start of the text or of a line, or after a sentence's end, with
    only spaces, tabs, "#" or "*" (Markdown) in between.
    """
    for match in _LABELS.finditer(text):
        position = match.start()
        while True:
            if position == 0 or text[position - 1] == "\n" or text[position - 2:position] in _SENTENCE_ENDS:
                yield match.start(), match.end()
                break
            if text[position - 1] not in " \t#*":
                break
            position -= 1


_SENTENCE_ENDS = frozenset({". ", "! ", "? "})


def _author_names(text: str, document: Document) -> Iterator[tuple[int, int]]:
    """Where the text prints the document's own authors' names: a byline's "Kimberly Brown
    Dahlman" is a person, not Brown University."""
    for author in document.metadata.authors:
        if author.is_organization or not author.family:
            continue
        name = author.display_name
        position = text.find(name)
        while position >= 0:
            yield position, position + len(name)
            position = text.find(name, position + len(name))


class _Coherence:
    """Similarity of an entity to the document's surest entities (excluding itself).

    With unit vectors the mean cosine to the seeds is one dot product with their sum, so
    each candidate costs one pass over the words it shares with the seeds.
    """

    def __init__(self, annotator: Annotator, seeds: list[int]) -> None:
        self.annotator = annotator
        self.seeds = set(seeds)
        self.total: dict[str, float] = {}
        for seed in seeds:
            for word, value in annotator.entity_vector(seed).items():
                self.total[word] = self.total.get(word, 0.0) + value
        self.words = set(self.total)
        # Which seeds list an entity among their related ones (the other direction of a link).
        self.listed_by: dict[int, set[int]] = {}
        for seed in seeds:
            for related in annotator.entity(seed).related:
                self.listed_by.setdefault(related, set()).add(seed)
        self.cache: dict[int, float] = {}

    def of(self, entity_id: int) -> float:
        """Coherence in [0, 1] of one entity with the seeds."""
        found = self.cache.get(entity_id)
        if found is not None:
            return found
        is_seed = entity_id in self.seeds
        others = len(self.seeds) - (1 if is_seed else 0)
        if others <= 0:
            return 0.0
        own = self.annotator.entity_vector(entity_id)
        dot = math.fsum(own[w] * self.total[w] for w in self.words.intersection(own))  # order-free, see _context
        similarity = (dot - (1.0 if is_seed and own else 0.0)) / others
        linked_seeds = self.seeds.intersection(self.annotator.entity(entity_id).related)
        linked_seeds |= self.listed_by.get(entity_id, set())
        linked_seeds.discard(entity_id)
        value = max(0.0, min(1.0, similarity + len(linked_seeds) / others))
        self.cache[entity_id] = value
        return value


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _logit_of(probability: float) -> float:
    """The logit a confidence threshold corresponds to (a little below, so rounding never excludes)."""
    if probability <= 0.0:
        return -math.inf
    if probability >= 1.0:
        return 30.0
    return math.log(probability / (1.0 - probability)) - 1e-9


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
