"""Any SPARQL 1.1 server over HTTP (Query, Update, Graph Store Protocol), e.g. Virtuoso.

A paper is replaced by ONE Update request (``DELETE DATA`` of its old quads ``;`` ``INSERT DATA``
of the new), which a server runs as one transaction (Virtuoso does), so a paper is never half
written.  Only the standard library is used (urllib).

Virtuoso: the anonymous ``/sparql`` endpoint needs ``GRANT SPARQL_UPDATE TO "SPARQL";`` before it
accepts updates; alternatively give credentials in the URL (``http://dba:pw@host:8890/sparql-auth``,
digest authentication).  Its Graph Store endpoint is ``/sparql-graph-crud`` next to ``/sparql``.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from typing import BinaryIO

from pyoxigraph import (
    NamedNode,
    Quad,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    RdfFormat,
    parse,
    parse_query_results,
    serialize,
)

from ..errors import InputError, ScholargraphError
from .store import GRAPH_PREFIX, ExportFormat, GraphStore, QueryResult, owned_quads_query, replace_update
from .vocabulary import PREFIXES

TIMEOUT_SECONDS = 600
_RESULTS_JSON = "application/sparql-results+json"


class SparqlStore(GraphStore):
    """A store behind SPARQL 1.1 endpoints: ``query_url``, ``update_url`` and optionally ``graph_store_url``."""

    def __init__(self, query_url: str, update_url: str | None = None, graph_store_url: str | None = None,
                 user: str | None = None, password: str | None = None) -> None:
        self.query_url = query_url
        self.update_url = update_url or query_url
        self.graph_store_url = graph_store_url
        handlers: list[urllib.request.BaseHandler] = []
        if user is not None:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            for url in (self.query_url, self.update_url, self.graph_store_url):
                if url:
                    passwords.add_password(None, url, user, password or "")
            handlers += [urllib.request.HTTPDigestAuthHandler(passwords),
                         urllib.request.HTTPBasicAuthHandler(passwords)]
        self._opener = urllib.request.build_opener(*handlers)

    @classmethod
    def from_url(cls, url: str) -> SparqlStore:
        """A store from one URL: a server root (``http://host:8890``) or its SPARQL endpoint.

        For a server root or a ``…/sparql`` endpoint, the Graph Store endpoint is taken to be
        ``…/sparql-graph-crud`` (Virtuoso's name); ``user:password@`` in the URL is used for login.
        """
        parts = urllib.parse.urlsplit(url)
        user, password = parts.username, parts.password
        netloc = parts.hostname or ""
        if parts.port:
            netloc += f":{parts.port}"
        path = parts.path.rstrip("/")
        if not path:
            path = "/sparql"
        base = urllib.parse.urlunsplit((parts.scheme, netloc, "", "", ""))
        graph_store = base + path + "-graph-crud" if path in ("/sparql", "/sparql-auth") else None
        if graph_store and path == "/sparql-auth":
            graph_store = base + "/sparql-graph-crud-auth"
        endpoint = urllib.parse.urlunsplit((parts.scheme, netloc, path, parts.query, ""))
        return cls(endpoint, endpoint, graph_store, user, password)

    # -- HTTP -------------------------------------------------------------------------------

    def _post(self, url: str, form: dict[str, str], accept: str) -> tuple[bytes, str]:
        data = urllib.parse.urlencode(form).encode("utf-8")
        request = urllib.request.Request(url, data=data, method="POST", headers={
            "Content-Type": "application/x-www-form-urlencoded; charset=utf-8", "Accept": accept})
        return self._send(request)

    def _send(self, request: urllib.request.Request) -> tuple[bytes, str]:
        try:
            with self._opener.open(request, timeout=TIMEOUT_SECONDS) as response:
                return response.read(), response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as error:
            detail = error.read().decode("utf-8", "replace").strip().splitlines()
            message = next((line for line in detail if line.strip()), error.reason)
            if 400 <= error.code < 500:
                raise InputError(f"SPARQL server refused the request ({error.code}): {message[:300]}") from error
            raise ScholargraphError(f"SPARQL server failed ({error.code}): {message[:300]}") from error
        except (urllib.error.URLError, OSError) as error:
            raise InputError(f"cannot reach the SPARQL server at {request.full_url}: {error}") from error

    # -- GraphStore ---------------------------------------------------------------------------

    def _replace(self, iri: str, quads: list[Quad]) -> None:
        old = [Quad(row[1], row[2], row[3], row[0])  # type: ignore[arg-type]
               for row in self.query(owned_quads_query(iri), prefixed=False).rows]
        update = replace_update(old, quads)
        if update:
            self._post(self.update_url, {"update": update}, _RESULTS_JSON + ", */*;q=0.1")

    def query(self, sparql: str, prefixed: bool = True) -> QueryResult:
        """Run a SPARQL query on the server (on Virtuoso the default graph is the union of all graphs)."""
        if prefixed:
            # The same default prefixes as the embedded store, declared in the text.
            declared = {line.split()[1].rstrip(":").lower() for line in sparql.splitlines()
                        if line.strip().lower().startswith("prefix") and len(line.split()) > 1}
            header = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items() if k not in declared)
            sparql = header + sparql
        body, content_type = self._post(self.query_url, {"query": sparql},
                                        f"{_RESULTS_JSON}, application/n-triples;q=0.9, text/turtle;q=0.8")
        media = content_type.split(";")[0].strip().lower()
        if media in ("application/sparql-results+json", "application/json"):
            result = parse_query_results(_legacy_json(body), format=QueryResultsFormat.JSON)
            if isinstance(result, QueryBoolean):
                return QueryResult(boolean=bool(result))
            assert isinstance(result, QuerySolutions)
            variables = [v.value for v in result.variables]
            rows = [[s[i] for i in range(len(variables))] for s in result]
            if variables == ["__ASK_RETVAL"]:
                # Virtuoso answers ASK as a one-cell SELECT (1 or 0).
                return QueryResult(boolean=bool(rows) and rows[0][0] is not None and rows[0][0].value == "1")
            return QueryResult(variables, rows)
        rdf_format = RdfFormat.N_TRIPLES if "n-triples" in media else RdfFormat.TURTLE
        rows = [[q.subject, q.predicate, q.object] for q in parse(body, rdf_format)]
        return QueryResult(["subject", "predicate", "object"], rows)

    def graphs(self) -> list[str]:
        """The scholargraph named graphs on the server."""
        result = self.query(f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} '
                            f'FILTER(STRSTARTS(STR(?g), "{GRAPH_PREFIX}")) }}')
        return sorted(str(row[0].value) for row in result.rows if isinstance(row[0], NamedNode))

    def export(self, format: ExportFormat, stream: BinaryIO) -> None:
        """Stream the scholargraph graphs in ``format`` (fetched graph by graph)."""
        quads = self._all_quads()
        items = quads if format.keeps_graphs else (q.triple for q in quads)
        prefixes = PREFIXES if format in (ExportFormat.turtle, ExportFormat.trig) else None
        serialize(items, stream, format.rdf_format, prefixes=prefixes)

    def _all_quads(self) -> Iterator[Quad]:
        for graph in self.graphs():
            node = NamedNode(graph)
            if self.graph_store_url:
                url = self.graph_store_url + "?" + urllib.parse.urlencode({"graph-uri": graph})
                request = urllib.request.Request(url, headers={"Accept": "application/n-triples, text/turtle;q=0.9"})
                body, content_type = self._send(request)
                rdf_format = RdfFormat.N_TRIPLES if "n-triples" in content_type else RdfFormat.TURTLE
                for q in parse(body, rdf_format):
                    yield Quad(q.subject, q.predicate, q.object, node)
            else:
                result = self.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}", prefixed=False)
                for s, p, o in result.rows:
                    yield Quad(s, p, o, node)  # type: ignore[arg-type]

    def count(self) -> int:
        """The number of quads in scholargraph's graphs."""
        result = self.query(f'SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} '
                            f'FILTER(STRSTARTS(STR(?g), "{GRAPH_PREFIX}")) }}', prefixed=False)
        value = result.rows[0][0] if result.rows else None
        return int(value.value) if value is not None else 0

    def clear(self) -> None:
        """Drop every scholargraph graph on the server."""
        graphs = self.graphs()
        if graphs:
            self._post(self.update_url, {"update": " ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in graphs)},
                       _RESULTS_JSON + ", */*;q=0.1")

    def close(self) -> None:
        """Nothing to release: every request is its own connection."""


def _legacy_json(body: bytes) -> bytes:
    # Virtuoso still writes the pre-2013 "typed-literal" term type; today's parsers want "literal".
    if b'"typed-literal"' not in body:
        return body
    data = json.loads(body)
    for binding in data.get("results", {}).get("bindings", []):
        for value in binding.values():
            if value.get("type") == "typed-literal":
                value["type"] = "literal"
    return json.dumps(data).encode("utf-8")
