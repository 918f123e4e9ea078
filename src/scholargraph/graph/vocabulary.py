"""Namespaces and the prefixes written into Turtle output."""

from __future__ import annotations

from pyoxigraph import NamedNode

PREFIXES: dict[str, str] = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dct": "http://purl.org/dc/terms/",
    "fabio": "http://purl.org/spar/fabio/",
    "bibo": "http://purl.org/ontology/bibo/",
    "schema": "http://schema.org/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "doco": "http://purl.org/spar/doco/",
    "cito": "http://purl.org/spar/cito/",
    "oa": "http://www.w3.org/ns/oa#",
    "prov": "http://www.w3.org/ns/prov#",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "itsrdf": "http://www.w3.org/2005/11/its/rdf#",
    "dbr": "http://dbpedia.org/resource/",
    "dbo": "http://dbpedia.org/ontology/",
    # scholargraph's own few terms (content digest, run versions), where no standard term fits.
    "sg": "https://w3id.org/scholargraph/vocab#",
}


def term(curie: str) -> NamedNode:
    """``"nif:Context"`` → the NamedNode of that term."""
    prefix, local = curie.split(":", 1)
    return NamedNode(PREFIXES[prefix] + local)
