"""NIF 2.0 Turtle, the format GERBIL and other evaluation tools read."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from pyoxigraph import Literal, NamedNode, RdfFormat, Triple, serialize

from ..document import Document
from ..graph.iris import text_iri
from ..graph.vocabulary import PREFIXES, term
from ..link.model import LinkResult

_A = term("rdf:type")


def context_iri(document: Document) -> str:
    """The nif:Context IRI of a document's text (RFC 5147-style offset fragment)."""
    return f"{text_iri(document)}#offset_0_{len(document.text)}"


def nif_triples(document: Document, result: LinkResult) -> Iterator[Triple]:
    """The NIF triples of one annotated document."""
    base = text_iri(document)
    context = NamedNode(context_iri(document))
    non_negative = term("xsd:nonNegativeInteger")
    yield Triple(context, _A, term("nif:Context"))
    yield Triple(context, _A, term("nif:String"))
    yield Triple(context, _A, term("nif:OffsetBasedString"))
    yield Triple(context, term("nif:isString"), Literal(document.text))
    yield Triple(context, term("nif:beginIndex"), Literal("0", datatype=non_negative))
    yield Triple(context, term("nif:endIndex"), Literal(str(len(document.text)), datatype=non_negative))
    for a in result.annotations:
        phrase = NamedNode(f"{base}#offset_{a.start}_{a.end}")
        yield Triple(phrase, _A, term("nif:Phrase"))
        yield Triple(phrase, _A, term("nif:String"))
        yield Triple(phrase, _A, term("nif:OffsetBasedString"))
        yield Triple(phrase, term("nif:referenceContext"), context)
        yield Triple(phrase, term("nif:anchorOf"), Literal(a.surface))
        yield Triple(phrase, term("nif:beginIndex"), Literal(str(a.start), datatype=non_negative))
        yield Triple(phrase, term("nif:endIndex"), Literal(str(a.end), datatype=non_negative))
        yield Triple(phrase, term("itsrdf:taIdentRef"), NamedNode(a.uri))
        yield Triple(phrase, term("itsrdf:taConfidence"), Literal(repr(a.confidence), datatype=term("xsd:double")))


def render_nif(results: Sequence[tuple[Document, LinkResult]]) -> str:
    """All documents' NIF triples as one Turtle document."""
    triples = [t for document, result in results for t in nif_triples(document, result)]
    prefixes = {k: PREFIXES[k] for k in ("nif", "itsrdf", "xsd", "dbr", "rdf")}
    turtle = serialize(triples, format=RdfFormat.TURTLE, prefixes=prefixes)
    return turtle.decode("utf-8") if turtle is not None else ""
