"""Named SPARQL queries for the common questions (``scholargraph query --named NAME [ARG]``).

They use the default graph as the union of all graphs (Oxigraph is opened that way; Virtuoso
does it by default), so they work on any store.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode

from ..errors import InputError
from .vocabulary import PREFIXES

_PREFIX_HEADER = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())


@dataclass(frozen=True)
class NamedQuery:
    """A query with at most one argument (an entity IRI or a name)."""

    name: str
    argument: str | None
    description: str
    build: Callable[[str | None, int], str]


def _entity(value: str | None) -> str:
    if not value:
        raise InputError("this query needs an entity IRI, e.g. http://dbpedia.org/resource/Alaska_Natives")
    if value.startswith("dbr:"):
        value = PREFIXES["dbr"] + value[4:]
    try:
        return str(NamedNode(value))
    except ValueError as error:
        raise InputError(f"not an IRI: {value!r}") from error


def _string(value: str | None) -> str:
    if not value:
        raise InputError("this query needs a name")
    return str(Literal(value))


def _papers_about(value: str | None, limit: int) -> str:
    entity = _entity(value)
    return _PREFIX_HEADER + f"""SELECT ?paper ?title (COUNT(?a) AS ?mentions) (SUM(?c) AS ?score) WHERE {{
  ?a oa:hasBody {entity} ; schema:about ?paper ; itsrdf:taConfidence ?c .
  OPTIONAL {{ ?paper dct:title ?title }}
}} GROUP BY ?paper ?title ORDER BY DESC(?score) ?paper LIMIT {limit}"""


def _top_entities(value: str | None, limit: int) -> str:
    return _PREFIX_HEADER + f"""SELECT ?entity (COUNT(DISTINCT ?paper) AS ?papers) (COUNT(?a) AS ?mentions) WHERE {{
  ?a a oa:Annotation ; oa:hasBody ?entity ; schema:about ?paper .
}} GROUP BY ?entity ORDER BY DESC(?papers) DESC(?mentions) ?entity LIMIT {limit}"""


def _co_occurring(value: str | None, limit: int) -> str:
    entity = _entity(value)
    return _PREFIX_HEADER + f"""SELECT ?entity (COUNT(DISTINCT ?paper) AS ?papers) WHERE {{
  ?a oa:hasBody {entity} ; schema:about ?paper .
  ?b schema:about ?paper ; oa:hasBody ?entity .
  FILTER(?entity != {entity})
}} GROUP BY ?entity ORDER BY DESC(?papers) ?entity LIMIT {limit}"""


def _papers_by(value: str | None, limit: int) -> str:
    name = _string(value)
    return _PREFIX_HEADER + f"""SELECT ?paper ?title ?issued ?author WHERE {{
  ?paper dct:creator ?person . ?person foaf:name ?author .
  FILTER(CONTAINS(LCASE(STR(?author)), LCASE({name})))
  OPTIONAL {{ ?paper dct:title ?title }}
  OPTIONAL {{ ?paper dct:issued ?issued }}
}} ORDER BY ?issued ?paper LIMIT {limit}"""


def _papers(value: str | None, limit: int) -> str:
    return _PREFIX_HEADER + f"""SELECT ?paper ?title ?issued ?doi WHERE {{
  ?paper a fabio:ResearchPaper .
  OPTIONAL {{ ?paper dct:title ?title }}
  OPTIONAL {{ ?paper dct:issued ?issued }}
  OPTIONAL {{ ?paper bibo:doi ?doi }}
}} ORDER BY ?issued ?paper LIMIT {limit}"""


NAMED_QUERIES: dict[str, NamedQuery] = {q.name: q for q in [
    NamedQuery("papers-about", "ENTITY", "papers that mention an entity, by summed confidence", _papers_about),
    NamedQuery("top-entities", None, "entities mentioned in the most papers", _top_entities),
    NamedQuery("co-occurring", "ENTITY", "entities mentioned in the same papers as an entity", _co_occurring),
    NamedQuery("papers-by", "NAME", "papers with an author whose name contains NAME", _papers_by),
    NamedQuery("papers", None, "every paper with title, date and DOI", _papers),
]}


def named_query(name: str, argument: str | None = None, limit: int = 100) -> str:
    """The SPARQL text of named query ``name`` with its argument."""
    query = NAMED_QUERIES.get(name)
    if query is None:
        raise InputError(f"unknown named query {name!r} (known: {', '.join(NAMED_QUERIES)})")
    return query.build(argument, limit)
