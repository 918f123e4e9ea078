"""Importer for DBpedia dumps in N-Triples or Turtle (streamed with pyoxigraph's Rust parser).

pyoxigraph parses about 1 M triples/s on this project's 2-core machine including the Python attribute
access per triple, faster than a minimal regex line parser (about 0.6 M/s, see kb/README.md), so no
hand-written N-Triples parser is needed.
"""

from __future__ import annotations

from typing import IO

from pyoxigraph import Literal, NamedNode, RdfFormat, parse

from scholargraph.errors import InputError
from scholargraph.kb.facts import EntityFact, FactSink, SurfaceFact
from scholargraph.kb.sources import Source, SourceKind

RESOURCE_PREFIXES = ("http://dbpedia.org/resource/", "https://dbpedia.org/resource/")
ONTOLOGY_PREFIXES = ("http://dbpedia.org/ontology/", "https://dbpedia.org/ontology/")

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
RDFS_COMMENT = "http://www.w3.org/2000/01/rdf-schema#comment"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
DBO_ABSTRACT = "http://dbpedia.org/ontology/abstract"
DBO_REDIRECTS = "http://dbpedia.org/ontology/wikiPageRedirects"
DBO_DISAMBIGUATES = "http://dbpedia.org/ontology/wikiPageDisambiguates"
DBO_LINK_TEXT = "http://dbpedia.org/ontology/wikiPageWikiLinkText"

_LITERAL_FACTS = {RDFS_LABEL: EntityFact.LABEL, RDFS_COMMENT: EntityFact.COMMENT,
                  DBO_ABSTRACT: EntityFact.ABSTRACT}
_LINK_FACTS = {DBO_REDIRECTS: EntityFact.REDIRECTS_TO, DBO_DISAMBIGUATES: EntityFact.DISAMBIGUATES}
_WANTED = frozenset({*_LITERAL_FACTS, *_LINK_FACTS, RDF_TYPE, DBO_LINK_TEXT})
_FIELD_BREAKS = str.maketrans({"\x1e": " ", "\x1f": " "})


def resource_name(iri: str) -> str | None:
    """The DBpedia resource name of an IRI, or None for IRIs outside http://dbpedia.org/resource/."""
    for prefix in RESOURCE_PREFIXES:
        if iri.startswith(prefix):
            name = iri[len(prefix):]
            return name or None
    return None


def _english(literal: Literal) -> bool:
    language = literal.language
    return language is None or language == "en" or language.startswith("en-")


def import_rdf(source: Source, stream: IO[bytes], sink: FactSink) -> int:
    """Stream the triples of a DBpedia dump into ``sink``; return the number of triples read."""
    rdf_format = RdfFormat.TURTLE if source.kind is SourceKind.TURTLE else RdfFormat.N_TRIPLES
    count = 0
    try:
        for quad in parse(stream, format=rdf_format, lenient=True):
            count += 1
            predicate = quad.predicate.value
            if predicate not in _WANTED:
                continue
            subject = quad.subject
            if not isinstance(subject, NamedNode):
                continue
            name = resource_name(subject.value)
            if name is None:
                continue
            obj = quad.object
            if isinstance(obj, Literal):
                if not _english(obj):
                    continue
                text = obj.value.translate(_FIELD_BREAKS).strip()
                if not text:
                    continue
                if predicate == DBO_LINK_TEXT:
                    # Anchor texts: the subject is the link target, the literal the text linking to it.
                    sink.surface(text, name, SurfaceFact.ANCHOR, 1)
                    sink.entity(name, EntityFact.ANCHOR_COUNT, "1")
                elif predicate in _LITERAL_FACTS:
                    sink.entity(name, _LITERAL_FACTS[predicate], text)
            elif isinstance(obj, NamedNode):
                if predicate == RDF_TYPE:
                    if obj.value.startswith(ONTOLOGY_PREFIXES):
                        local = obj.value.rsplit("/", 1)[1]
                        if local:
                            sink.entity(name, EntityFact.TYPE, f"dbo:{local}")
                elif predicate in _LINK_FACTS:
                    target = resource_name(obj.value)
                    if target is not None and target != name:
                        sink.entity(name, _LINK_FACTS[predicate], target)
                        reverse = (EntityFact.REDIRECTED_FROM if predicate == DBO_REDIRECTS
                                   else EntityFact.LISTED_ON)
                        sink.entity(target, reverse, name)
    except SyntaxError as exc:
        raise InputError(f"{source.path}: not valid {rdf_format.name}: {exc.msg}") from None
    except UnicodeDecodeError:
        raise InputError(f"{source.path}: not UTF-8 text") from None
    if count == 0:
        raise InputError(f"{source.path}: no triples found")
    return count
