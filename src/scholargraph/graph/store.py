"""The one small interface every graph store offers, and :func:`open_store` to pick one.

A store holds papers; :meth:`GraphStore.write_paper` replaces everything stored for a paper in
one all-or-nothing step (one transaction for Oxigraph, one SPARQL Update request for a server),
so an interrupted ingest leaves each paper either fully present or absent.  What "everything
stored for a paper" is follows from the model in :mod:`.rdf`: the paper node, its text, the
nodes it owns (author list, authors, sections) and its annotations with their targets and
selectors.  Shared nodes (journals, runs, DBpedia entities) are never deleted.
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import BinaryIO

from pyoxigraph import BlankNode, Literal, NamedNode, Quad, RdfFormat

from ..errors import InputError
from .iris import BASE, BIBLIOGRAPHIC_GRAPH
from .vocabulary import PREFIXES

#: Every named graph scholargraph writes starts with this; exports and counts on a shared
#: server look only at these graphs.
GRAPH_PREFIX = BASE + "graph/"

Term = NamedNode | BlankNode | Literal


class ExportFormat(str, Enum):
    """RDF serialisations of ``export``."""

    turtle = "turtle"
    nt = "nt"
    nquads = "nquads"
    jsonld = "jsonld"
    trig = "trig"

    @property
    def rdf_format(self) -> RdfFormat:
        """The pyoxigraph format object."""
        return {
            "turtle": RdfFormat.TURTLE,
            "nt": RdfFormat.N_TRIPLES,
            "nquads": RdfFormat.N_QUADS,
            "jsonld": RdfFormat.JSON_LD,
            "trig": RdfFormat.TRIG,
        }[self.value]

    @property
    def keeps_graphs(self) -> bool:
        """True when the format carries named graphs (else the union of the graphs is written)."""
        return self in (ExportFormat.nquads, ExportFormat.trig, ExportFormat.jsonld)


@dataclass
class QueryResult:
    """A SELECT result (variables and rows), an ASK result (``boolean``), or CONSTRUCT triples as rows."""

    variables: list[str] = field(default_factory=list)
    rows: list[list[Term | None]] = field(default_factory=list)
    boolean: bool | None = None


class GraphStore(ABC):
    """Papers as RDF, queried with SPARQL."""

    def write_paper(self, iri: str, quads: Iterable[Quad], digest: str | None = None) -> bool:
        """Replace everything stored for paper ``iri`` by ``quads``, all or nothing.

        With a ``digest`` (see :class:`.rdf.PaperGraph`) an unchanged paper is left alone and
        False is returned; True means the paper was written.
        """
        if digest is not None and self.paper_digest(iri) == digest:
            return False
        self._replace(iri, list(quads))
        return True

    def paper_digest(self, iri: str) -> str | None:
        """The content digest stored with paper ``iri``, or None when the paper is absent."""
        result = self.query(
            f"SELECT ?d WHERE {{ GRAPH <{BIBLIOGRAPHIC_GRAPH}> {{ <{iri}> <{PREFIXES['sg']}contentDigest> ?d }} }}"
        )
        for row in result.rows:
            if isinstance(row[0], Literal):
                return row[0].value
        return None

    @abstractmethod
    def _replace(self, iri: str, quads: list[Quad]) -> None:
        """Delete the paper's old quads and insert ``quads`` in one atomic step."""

    @abstractmethod
    def query(self, sparql: str) -> QueryResult:
        """Run a SPARQL 1.1 query; named graphs are matched with ``GRAPH`` patterns or the union default graph."""

    @abstractmethod
    def export(self, format: ExportFormat, stream: BinaryIO) -> None:
        """Write every scholargraph quad to ``stream`` in ``format``."""

    @abstractmethod
    def count(self) -> int:
        """The number of quads in scholargraph's graphs."""

    @abstractmethod
    def clear(self) -> None:
        """Remove every scholargraph graph (tests and ``--fresh`` runs)."""

    @abstractmethod
    def close(self) -> None:
        """Flush and release the store."""

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def owned_quads_query(iri: str) -> str:
    """A SELECT of ``?g ?s ?p ?o`` for every quad stored about paper ``iri`` (see module docstring).

    Each branch binds ``?x`` through an index (the paper as subject or object), so the query
    stays cheap however large the store is.
    """
    p = f"<{iri}>"
    rdf, dct, schema, oa, bibo = (PREFIXES[k] for k in ("rdf", "dct", "schema", "oa", "bibo"))
    return f"""SELECT ?g ?x ?p ?o WHERE {{
  {{
    {{ BIND({p} AS ?x) }}
    UNION {{ GRAPH ?g1 {{ ?x <{PREFIXES['nif']}sourceUrl> {p} }} }}
    UNION {{ GRAPH ?g2 {{ {p} <{bibo}authorList> ?x }} }}
    UNION {{ GRAPH ?g3 {{ {p} <{bibo}authorList> ?list . ?list ?n ?x .
                         FILTER(isIRI(?x) && STRSTARTS(STR(?n), "{rdf}_")) }} }}
    UNION {{ GRAPH ?g4 {{ ?x <{dct}isPartOf> {p} ; a <{PREFIXES['doco']}Section> }} }}
    UNION {{ GRAPH ?g5 {{ ?x <{schema}about> {p} }} }}
    UNION {{ GRAPH ?g6 {{ ?a <{schema}about> {p} ; <{oa}hasTarget> ?x }} }}
    UNION {{ GRAPH ?g7 {{ ?a <{schema}about> {p} ; <{oa}hasTarget> ?t . ?t <{oa}hasSelector> ?x }} }}
  }}
  GRAPH ?g {{ ?x ?p ?o }}
}}"""


#: Quads per ``INSERT DATA``/``DELETE DATA`` operation: Virtuoso's SPARQL parser runs out of
#: stack on a few thousand triples in one operation, while many operations in one request are fine.
QUADS_PER_OPERATION = 1000


def quads_block(quads: Iterable[Quad]) -> str:
    """Quads as the body of ``INSERT DATA``/``DELETE DATA``, grouped by graph."""
    by_graph: dict[str, list[str]] = {}
    for q in quads:
        if isinstance(q.subject, BlankNode) or isinstance(q.object, BlankNode):
            raise ValueError("stored quads must not contain blank nodes (they would never be deleted)")
        by_graph.setdefault(str(q.graph_name), []).append(f"{q.subject} {q.predicate} {q.object} .")
    return "\n".join(f"GRAPH {graph} {{\n" + "\n".join(lines) + "\n}" for graph, lines in by_graph.items())


def replace_update(old: Sequence[Quad], new: Sequence[Quad]) -> str:
    """One SPARQL Update request: ``DELETE DATA`` the old quads, then ``INSERT DATA`` the new."""
    parts = []
    for keyword, quads in (("DELETE DATA", old), ("INSERT DATA", new)):
        for start in range(0, len(quads), QUADS_PER_OPERATION):
            parts.append(keyword + " {\n" + quads_block(quads[start:start + QUADS_PER_OPERATION]) + "\n}")
    return " ;\n".join(parts)


def default_store_path() -> Path:
    """``$SCHOLARGRAPH_STORE``, else ``$XDG_DATA_HOME/scholargraph/store`` (``~/.local/share/...``)."""
    override = os.environ.get("SCHOLARGRAPH_STORE")
    if override:
        return Path(override).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "scholargraph" / "store"


def open_store(spec: str | None = None, create: bool = True) -> GraphStore:
    """Open a store: an ``http(s)://`` SPARQL endpoint, or an Oxigraph directory.

    Without ``spec``, ``$SCHOLARGRAPH_STORE`` or the default directory is used.  A missing
    directory is created when ``create`` is true (ingest) and refused otherwise (query, export).
    """
    target = spec if spec else os.environ.get("SCHOLARGRAPH_STORE") or str(default_store_path())
    if target.startswith(("http://", "https://")):
        from .sparql_store import SparqlStore

        return SparqlStore.from_url(target)
    from .oxigraph_store import OxigraphStore

    path = Path(target).expanduser()
    if path.exists() and not path.is_dir():
        raise InputError(f"{path}: not a store directory")
    if not create and not path.exists():
        raise InputError(f"{path}: no store here (run `scholargraph ingest` first)")
    return OxigraphStore(path)
