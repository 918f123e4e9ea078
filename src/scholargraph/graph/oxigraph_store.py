"""The default store: an embedded Oxigraph database in a directory (RocksDB underneath).

A paper already in the store is replaced by one ``Store.update`` call (``DELETE DATA`` +
``INSERT DATA``), a new one is added by one ``Store.extend`` call; Oxigraph applies each as one
transaction, so a crash or kill -9 leaves the paper's old or new state, never a mix.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from pyoxigraph import NamedNode, Quad, QueryBoolean, QuerySolutions, Store, Triple, serialize

from ..errors import InputError
from .store import GRAPH_PREFIX, ExportFormat, GraphStore, QueryResult, owned_quads_query, replace_update
from .vocabulary import PREFIXES


class OxigraphStore(GraphStore):
    """An Oxigraph database at ``path`` (or in memory when ``path`` is None)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        try:
            if path is None:
                self._store = Store()
            else:
                path.mkdir(parents=True, exist_ok=True)
                self._store = Store(str(path))
        except OSError as error:
            # Typically the lock: another scholargraph process has the store open.
            raise InputError(f"{path}: cannot open the store, is another ingest running? ({error})") from error

    def _replace(self, iri: str, quads: list[Quad]) -> None:
        old = [
            Quad(s, p, o, g)
            for g, s, p, o in self._rows(owned_quads_query(iri))
        ]
        if not old:
            # A new paper: extend() is one transaction too, and cheaper than parsing an update.
            self._store.extend(quads)
            return
        update = replace_update(old, quads)
        if update:
            self._store.update(update)

    def _rows(self, sparql: str) -> Iterator[list[Any]]:
        solutions = self._store.query(sparql)
        assert isinstance(solutions, QuerySolutions)
        for solution in solutions:
            yield [solution[i] for i in range(len(solutions.variables))]

    def query(self, sparql: str) -> QueryResult:
        """Run a SPARQL query; the default graph is the union of all graphs."""
        try:
            result = self._store.query(sparql, use_default_graph_as_union=True, prefixes=PREFIXES)
        except SyntaxError as error:
            raise InputError(f"SPARQL syntax error: {error}") from error
        if isinstance(result, QueryBoolean):
            return QueryResult(boolean=bool(result))
        if isinstance(result, QuerySolutions):
            variables = [v.value for v in result.variables]
            return QueryResult(variables, [[solution[i] for i in range(len(variables))] for solution in result])
        return QueryResult(["subject", "predicate", "object"],
                           [[t.subject, t.predicate, t.object] for t in result])

    def export(self, format: ExportFormat, stream: BinaryIO) -> None:
        """Stream the scholargraph graphs in ``format``."""
        quads = self._scholargraph_quads()
        # Triple formats get the union of the graphs (a triple stored in two graphs is written
        # twice, which parsers read as one).
        items: Iterator[Quad] | Iterator[Triple] = (
            quads if format.keeps_graphs else (Triple(q.subject, q.predicate, q.object) for q in quads)
        )
        prefixes = PREFIXES if format in (ExportFormat.turtle, ExportFormat.trig) else None
        serialize(items, stream, format.rdf_format, prefixes=prefixes)

    def _scholargraph_quads(self) -> Iterator[Quad]:
        for graph in sorted(self._store.named_graphs(), key=str):
            if isinstance(graph, NamedNode) and graph.value.startswith(GRAPH_PREFIX):
                yield from self._store.quads_for_pattern(None, None, None, graph)

    def count(self) -> int:
        """The number of quads in scholargraph's graphs."""
        return sum(1 for _ in self._scholargraph_quads())

    def clear(self) -> None:
        """Remove every scholargraph graph."""
        for graph in list(self._store.named_graphs()):
            if isinstance(graph, NamedNode) and graph.value.startswith(GRAPH_PREFIX):
                self._store.remove_graph(graph)

    def close(self) -> None:
        """Flush to disk and release the database (and its lock)."""
        store = getattr(self, "_store", None)
        if store is not None:
            store.flush()
            del self._store

