"""A document and its annotations as RDF quads (DESIGN.md §3, "RDF modelling").

Two named graphs hold a paper:

* :data:`~.iris.BIBLIOGRAPHIC_GRAPH` — what the paper *is*: ``fabio:ResearchPaper`` and
  ``schema:ScholarlyArticle`` with title, date, identifiers, keywords, journal, authors (in
  order through ``bibo:authorList``, an ``rdf:Seq``: ``?list rdf:_1 ?firstAuthor``), sections,
  abstract, cited DOIs and the text itself (a ``nif:Context`` with ``nif:isString``).
* one graph per annotator run (scholargraph version + KB version) — what the linker *said*:
  one W3C Web Annotation per mention, the paper's ``dct:subject`` entities, and the run itself.

Every node is an IRI derived from the paper (see :mod:`.iris`), so the same input always maps
to the same quads, except ``dct:created`` (when the annotations were made).  The digest of the
content quads (``sg:contentDigest`` on the paper) lets a store skip rewriting an unchanged
paper, which is what makes a second ingest a no-op.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone

from pyoxigraph import Literal, NamedNode, Quad

from .. import __version__
from ..document import Author, Document
from ..link.model import Annotation, LinkResult
from .iris import (
    BIBLIOGRAPHIC_GRAPH,
    annotation_iri,
    author_iri,
    author_list_iri,
    doi_iri,
    journal_iri,
    paper_iri,
    run_graph_iri,
    run_iri,
    section_iri,
    text_iri,
)
from .vocabulary import PREFIXES, term

#: Characters of context kept on each side of a mention in its ``oa:TextQuoteSelector``.
QUOTE_CONTEXT = 32
#: ``dct:subject`` rule: an entity is a main subject of the paper when it has at least this many
#: mentions of at least :data:`SUBJECT_MIN_CONFIDENCE`; the :data:`SUBJECT_MAX` best by summed
#: confidence are kept.
SUBJECT_MIN_MENTIONS = 2
SUBJECT_MIN_CONFIDENCE = 0.5
SUBJECT_MAX = 10

_A = term("rdf:type")
_XSD_DATATYPE_BY_PRECISION = {"day": "xsd:date", "month": "xsd:gYearMonth", "year": "xsd:gYear"}


@dataclass(frozen=True)
class Run:
    """One annotator run: a scholargraph version with a KB version; its annotations share a graph."""

    tool_version: str
    kb_version: str

    @property
    def iri(self) -> str:
        """The run's IRI (a ``prov:Activity``)."""
        return run_iri(self.tool_version, self.kb_version)

    @property
    def graph(self) -> str:
        """The named graph of the run's annotations."""
        return run_graph_iri(self.tool_version, self.kb_version)


@dataclass(frozen=True)
class PaperGraph:
    """Everything stored for one paper: its IRI, its quads and the digest of their content."""

    iri: str
    quads: list[Quad]
    digest: str


def main_subjects(annotations: Sequence[Annotation]) -> list[str]:
    """The entities the paper is mainly about, by the ``SUBJECT_*`` rule above, best first."""
    counts: dict[str, int] = {}
    totals: dict[str, float] = {}
    for a in annotations:
        if a.confidence < SUBJECT_MIN_CONFIDENCE:
            continue
        counts[a.uri] = counts.get(a.uri, 0) + 1
        totals[a.uri] = totals.get(a.uri, 0.0) + a.confidence
    eligible = [uri for uri, n in counts.items() if n >= SUBJECT_MIN_MENTIONS]
    eligible.sort(key=lambda uri: (-totals[uri], uri))
    return eligible[:SUBJECT_MAX]


def paper_graph(document: Document, result: LinkResult | None = None, *, created: datetime | None = None,
                tool_version: str = __version__) -> PaperGraph:
    """Map a document (and, when given, its annotations) to the quads stored for it."""
    paper = paper_iri(document)
    content = list(_bibliographic(document))
    if result is not None:
        run = Run(tool_version, result.kb_version or "unknown")
        content.extend(_annotations(document, result, run))
    else:
        run = None
    digest = content_digest(content)
    quads = list(content)
    bib = NamedNode(BIBLIOGRAPHIC_GRAPH)
    quads.append(Quad(NamedNode(paper), term("sg:contentDigest"), Literal(digest), bib))
    if run is not None and result is not None and result.annotations:
        stamp = (created or datetime.now(timezone.utc)).astimezone(timezone.utc).replace(microsecond=0)
        when = Literal(stamp.isoformat().replace("+00:00", "Z"), datatype=term("xsd:dateTime"))
        graph = NamedNode(run.graph)
        for a in result.annotations:
            quads.append(Quad(NamedNode(annotation_iri(document, a.start, a.end, a.uri)), term("dct:created"),
                              when, graph))
    return PaperGraph(paper, quads, digest)


def content_digest(quads: Iterable[Quad]) -> str:
    """A digest of a set of quads that does not depend on their order."""
    lines = sorted({str(q) for q in quads})
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def _bibliographic(document: Document) -> Iterable[Quad]:
    meta = document.metadata
    g = NamedNode(BIBLIOGRAPHIC_GRAPH)
    paper = NamedNode(paper_iri(document))

    def add(s: NamedNode, p: str, o: NamedNode | Literal) -> Quad:
        return Quad(s, term(p), o, g)

    yield add(paper, "rdf:type", term("fabio:ResearchPaper"))
    yield add(paper, "rdf:type", term("schema:ScholarlyArticle"))
    if meta.title:
        yield add(paper, "dct:title", Literal(meta.title))
    if meta.date is not None:
        datatype = _XSD_DATATYPE_BY_PRECISION[meta.date.precision]
        yield add(paper, "dct:issued", Literal(meta.date.isoformat(), datatype=term(datatype)))
    if meta.doi:
        yield add(paper, "bibo:doi", Literal(meta.doi))
    if meta.pmid:
        yield add(paper, "bibo:pmid", Literal(meta.pmid))
    if meta.pmcid:
        yield add(paper, "fabio:hasPubMedCentralId", Literal(meta.pmcid))
    for field, predicate in ((meta.volume, "bibo:volume"), (meta.issue, "bibo:issue"), (meta.pages, "bibo:pages")):
        if field:
            yield add(paper, predicate, Literal(field))
    for keyword in dict.fromkeys(k.strip() for k in meta.keywords if k.strip()):
        yield add(paper, "schema:keywords", Literal(keyword))
    if meta.url and (url := _iri_or_none(meta.url)) is not None:
        yield add(paper, "schema:url", url)
    if meta.journal:
        journal = NamedNode(journal_iri(meta.journal))
        yield add(paper, "dct:isPartOf", journal)
        yield add(journal, "rdf:type", term("fabio:Journal"))
        yield add(journal, "rdf:type", term("schema:Periodical"))
        yield add(journal, "dct:title", Literal(meta.journal))
    if meta.authors:
        authors = NamedNode(author_list_iri(document))
        yield add(paper, "bibo:authorList", authors)
        yield add(authors, "rdf:type", term("rdf:Seq"))
        for position, author in enumerate(meta.authors, start=1):
            node = NamedNode(author_iri(document, position))
            yield Quad(authors, NamedNode(f"{PREFIXES['rdf']}_{position}"), node, g)
            yield add(paper, "dct:creator", node)
            yield from (Quad(node, p, o, g) for p, o in _author(author))
    if document.abstract:
        yield add(paper, "dct:abstract", Literal(document.abstract))
    text = NamedNode(text_iri(document))
    yield add(text, "rdf:type", term("nif:Context"))
    yield add(text, "nif:isString", Literal(document.text))
    yield add(text, "nif:sourceUrl", paper)
    for section in document.sections:
        node = NamedNode(section_iri(document, section.start, section.end))
        yield add(node, "rdf:type", term("doco:Section"))
        yield add(node, "dct:isPartOf", paper)
        if section.heading:
            yield add(node, "dct:title", Literal(section.heading))
        yield add(node, "nif:referenceContext", text)
        yield add(node, "nif:beginIndex", _count(section.start))
        yield add(node, "nif:endIndex", _count(section.end))
    for doi in dict.fromkeys(r.doi for r in document.references if r.doi):
        if doi and (cited := _iri_or_none(doi_iri(doi))) is not None:
            yield add(paper, "cito:cites", cited)


def _author(author: Author) -> Iterable[tuple[NamedNode, NamedNode | Literal]]:
    if author.is_organization:
        yield term("rdf:type"), term("foaf:Organization")
    else:
        yield term("rdf:type"), term("foaf:Person")
    if author.display_name:
        yield term("foaf:name"), Literal(author.display_name)
    if not author.is_organization:
        if author.given:
            yield term("foaf:givenName"), Literal(author.given)
        if author.family:
            yield term("foaf:familyName"), Literal(author.family)
    if author.orcid and (orcid := _iri_or_none("https://orcid.org/" + author.orcid.rsplit("/", 1)[-1])):
        yield term("schema:sameAs"), orcid


def _annotations(document: Document, result: LinkResult, run: Run) -> Iterable[Quad]:
    g = NamedNode(run.graph)
    paper = NamedNode(paper_iri(document))
    text = NamedNode(text_iri(document))
    activity = NamedNode(run.iri)

    def add(s: NamedNode, p: str, o: NamedNode | Literal) -> Quad:
        return Quad(s, term(p), o, g)

    if result.annotations:
        yield add(activity, "rdf:type", term("prov:Activity"))
        yield add(activity, "sg:toolVersion", Literal(run.tool_version))
        yield add(activity, "sg:kbVersion", Literal(run.kb_version))
        yield add(activity, "rdfs:label", Literal(f"scholargraph {run.tool_version} with KB {run.kb_version}"))
    source = document.text
    for a in result.annotations:
        body = _iri_or_none(a.uri)
        if body is None or not 0 <= a.start < a.end <= len(source):
            continue
        node_iri = annotation_iri(document, a.start, a.end, a.uri)
        node = NamedNode(node_iri)
        target = NamedNode(node_iri + "/target")
        position = NamedNode(node_iri + "/position")
        quote = NamedNode(node_iri + "/quote")
        yield add(node, "rdf:type", term("oa:Annotation"))
        yield add(node, "oa:motivatedBy", term("oa:identifying"))
        yield add(node, "oa:hasBody", body)
        yield add(node, "oa:hasTarget", target)
        yield add(node, "itsrdf:taConfidence", Literal(repr(float(a.confidence)), datatype=term("xsd:double")))
        yield add(node, "schema:about", paper)
        yield add(node, "prov:wasGeneratedBy", activity)
        for type_name in a.types:
            if (type_iri := _expand(type_name)) is not None:
                yield add(node, "itsrdf:taClassRef", type_iri)
        yield add(target, "rdf:type", term("oa:SpecificResource"))
        yield add(target, "oa:hasSource", text)
        yield add(target, "oa:hasSelector", position)
        yield add(target, "oa:hasSelector", quote)
        yield add(position, "rdf:type", term("oa:TextPositionSelector"))
        yield add(position, "oa:start", _count(a.start))
        yield add(position, "oa:end", _count(a.end))
        yield add(quote, "rdf:type", term("oa:TextQuoteSelector"))
        yield add(quote, "oa:exact", Literal(source[a.start:a.end]))
        yield add(quote, "oa:prefix", Literal(source[max(0, a.start - QUOTE_CONTEXT):a.start]))
        yield add(quote, "oa:suffix", Literal(source[a.end:a.end + QUOTE_CONTEXT]))
    for uri in main_subjects(result.annotations):
        if (subject := _iri_or_none(uri)) is not None:
            yield add(paper, "dct:subject", subject)


def _count(value: int) -> Literal:
    # xsd:integer rather than xsd:nonNegativeInteger: Oxigraph stores the derived integer types as
    # xsd:integer, so writing that keeps every store (and every re-export) identical.
    return Literal(str(value), datatype=term("xsd:integer"))


def _iri_or_none(value: str) -> NamedNode | None:
    # Identifiers from papers are untrusted: a DOI with a space is not an IRI; leave it out.
    try:
        return NamedNode(value)
    except ValueError:
        return None


def _expand(name: str) -> NamedNode | None:
    if "://" in name:
        return _iri_or_none(name)
    prefix, _, local = name.partition(":")
    if prefix in PREFIXES and local:
        return _iri_or_none(PREFIXES[prefix] + local)
    return None
