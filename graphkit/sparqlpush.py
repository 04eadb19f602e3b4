"""Push the store's named graphs to any SPARQL 1.1 store (Fuseki, GraphDB, Oxigraph server, ...).

Each named graph goes over whole, through the SPARQL 1.1 Graph Store HTTP Protocol (``PUT`` of
N-Triples to ``?graph=IRI``), or, where a store has no Graph Store endpoint, through SPARQL Update
(``DROP SILENT GRAPH`` then ``INSERT DATA``, one request per graph, which a SPARQL store runs as
one operation).

What graphkit wrote is recorded on the remote side in one manifest graph
(:data:`MANIFEST_GRAPH`): for each pushed graph, the hash of its content. A push reads the
manifest first and sends only the graphs whose hash differs, and records a graph's hash right
after sending it, so a second push sends nothing and an interrupted push resumes where it
stopped. ``replace=True`` also drops the remote graphs that the manifest lists and the store no
longer has; graphs graphkit did not write are never touched.

The only text pasted into SPARQL here is N-Triples written by the RDF serializer from the
store's own terms (graph IRIs and hashes), never a user's value.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

from graphkit.errors import StoreError
from graphkit.store import Literal, NamedNode, Store, Triple, serialize_rdf
from graphkit.terms import IRI
from graphkit.vocab import GRAPH_BASE

MANIFEST_GRAPH = GRAPH_BASE + "graphkit-push-manifest"
"""The remote graph that lists, for each graph graphkit pushed, the hash of what it sent."""

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Endpoints:
    """The URLs of one SPARQL dataset: query, update and (optionally) Graph Store Protocol."""

    query: str
    update: str
    store: str | None

    @classmethod
    def for_dataset(cls, url: str, *, query: str | None = None, update: str | None = None,
                    store: str | None = None, no_store: bool = False) -> Endpoints:
        """Endpoints of a dataset URL in the usual layout (``URL/query``, ``URL/update``,
        ``URL/data``: Fuseki; Oxigraph's server uses ``/store``: pass it as ``store``)."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise StoreError(f"not a SPARQL dataset address: {redact(url)!r} (expected http:// or https://)")
        base = url.rstrip("/")
        return cls(query or f"{base}/query", update or f"{base}/update",
                   None if no_store else (store or f"{base}/data"))


@dataclass
class SparqlPushSummary:
    """What one push did, graph by graph."""

    sent: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    triples_sent: int = 0
    route: str = ""

    def as_rows(self) -> list[dict[str, object]]:
        """One row for the CLI's table."""
        return [{"graphs sent": len(self.sent), "graphs unchanged": self.unchanged,
                 "graphs removed": len(self.removed), "triples sent": self.triples_sent, "route": self.route}]


def redact(url: str) -> str:
    """The URL without a password (``http://user:secret@host`` -> ``http://user:***@host``)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return parts._replace(netloc=netloc).geturl()


def graph_payload(store: Store, graph: str) -> tuple[bytes, str, int]:
    """The N-Triples of one named graph, sorted (so equal content gives equal bytes), its sha256
    and its number of triples."""
    triples = [Triple(q.subject, q.predicate, q.object) for q in store.quads(graph)]
    data = serialize_rdf(triples, fmt="ntriples") or b""
    lines = sorted(line for line in data.split(b"\n") if line)
    body = b"\n".join(lines) + (b"\n" if lines else b"")
    return body, hashlib.sha256(body).hexdigest(), len(lines)


class _Client:
    """HTTP to one dataset, with errors turned into one-line StoreErrors."""

    def __init__(self, endpoints: Endpoints, auth: tuple[str, str] | None, timeout: float) -> None:
        self.endpoints = endpoints
        self.http = httpx.Client(auth=auth, timeout=timeout, follow_redirects=False)

    def close(self) -> None:
        self.http.close()

    def _send(self, method: str, url: str, **kwargs: object) -> httpx.Response:
        try:
            response = self.http.request(method, url, **kwargs)  # type: ignore[arg-type]
        except httpx.HTTPError as exc:
            raise StoreError(f"cannot reach the SPARQL store at {redact(url)}: {exc}") from None
        if response.status_code in (401, 403):
            raise StoreError(f"the SPARQL store at {redact(url)} refused the request "
                             f"(HTTP {response.status_code}): check the user and password")
        return response

    def _ok(self, response: httpx.Response, what: str) -> None:
        if response.status_code >= 400:
            detail = response.text.strip().splitlines()[0][:200] if response.text.strip() else ""
            raise StoreError(f"{what} failed at {redact(str(response.url))}: HTTP {response.status_code} {detail}")

    def select(self, query: str) -> list[dict[str, str]]:
        """Rows of a SELECT, each variable's value as a string."""
        response = self._send("POST", self.endpoints.query, data={"query": query},
                              headers={"Accept": "application/sparql-results+json"})
        self._ok(response, "a SPARQL query")
        try:
            bindings = response.json()["results"]["bindings"]
        except (ValueError, KeyError, TypeError):
            raise StoreError(f"the SPARQL store at {redact(self.endpoints.query)} did not answer with "
                             "SPARQL JSON results") from None
        return [{k: v["value"] for k, v in row.items()} for row in bindings]

    def update(self, text: str) -> None:
        response = self._send("POST", self.endpoints.update, content=text.encode("utf-8"),
                              headers={"Content-Type": "application/sparql-update"})
        self._ok(response, "a SPARQL update")

    def put_graph(self, graph: str, body: bytes) -> bool:
        """PUT a graph through the Graph Store Protocol; False when the store has no such endpoint."""
        assert self.endpoints.store is not None
        response = self._send("PUT", self.endpoints.store, params={"graph": graph}, content=body,
                              headers={"Content-Type": "application/n-triples"})
        if response.status_code in (404, 405, 501):
            return False
        self._ok(response, f"sending graph {graph}")
        return True

    def delete_graph(self, graph: str) -> None:
        self.update(f"DROP SILENT GRAPH {_nt(NamedNode(graph))}")


def _nt(term: NamedNode | Literal) -> str:
    """One term in N-Triples syntax, as the RDF library writes it."""
    return str(term)


def _manifest_update(entries: dict[str, str | None]) -> str:
    """SPARQL Update that sets (or, for None, removes) the manifest entries of these graphs."""
    m, p = _nt(NamedNode(MANIFEST_GRAPH)), _nt(NamedNode(IRI.contentHash))
    parts = []
    for graph, digest in entries.items():
        g = _nt(NamedNode(graph))
        parts.append(f"DELETE WHERE {{ GRAPH {m} {{ {g} {p} ?h }} }}")
        if digest is not None:
            parts.append(f"INSERT DATA {{ GRAPH {m} {{ {g} {p} {_nt(Literal(digest))} }} }}")
    return " ;\n".join(parts)


MANIFEST_BATCH = 64
"""Graphs sent between two manifest writes: an interrupted push sends at most these again."""

UPDATE_BATCH_BYTES = 4_000_000
"""With SPARQL Update, graphs are sent in requests of about this size (each one transaction)."""


def remote_manifest(client: _Client) -> dict[str, str]:
    """Graph IRI -> content hash, as recorded on the remote side by earlier pushes."""
    m, p = _nt(NamedNode(MANIFEST_GRAPH)), _nt(NamedNode(IRI.contentHash))
    rows = client.select(f"SELECT ?g ?h WHERE {{ GRAPH {m} {{ ?g {p} ?h }} }}")
    return {row["g"]: row["h"] for row in rows if "g" in row and "h" in row}


def push_sparql(store: Store, endpoints: Endpoints, *, replace: bool = False, auth: tuple[str, str] | None = None,
                timeout: float = 300.0, graphs: Iterable[str] | None = None,
                progress: Progress | None = None) -> SparqlPushSummary:
    """Send the store's named graphs that changed since the last push to a SPARQL 1.1 store.

    Raises StoreError (one line, no password) when the store cannot be reached or refuses."""
    client = _Client(endpoints, auth, timeout)
    summary = SparqlPushSummary()
    use_store = endpoints.store is not None
    pending: dict[str, str | None] = {}
    batch: list[str] = []
    batch_bytes = 0

    def flush() -> None:
        # With SPARQL Update, a batch of graphs and their manifest entries go in one request,
        # which the store runs as one transaction; with the Graph Store Protocol each graph was
        # already PUT, and the manifest follows.
        nonlocal batch_bytes
        if pending:
            client.update(" ;\n".join([*batch, _manifest_update(pending)]))
            pending.clear()
            batch.clear()
            batch_bytes = 0

    try:
        known = remote_manifest(client)
        local = sorted(set(graphs if graphs is not None else store.named_graphs()) - {MANIFEST_GRAPH})
        for i, graph in enumerate(local, 1):
            body, digest, count = graph_payload(store, graph)
            if known.get(graph) == digest:
                summary.unchanged += 1
            else:
                if use_store:
                    use_store = client.put_graph(graph, body)
                pending[graph] = digest
                if not use_store:
                    g = _nt(NamedNode(graph))
                    batch.append(f"DROP SILENT GRAPH {g} ;\nINSERT DATA {{ GRAPH {g} {{\n{body.decode('utf-8')}}} }}")
                    batch_bytes += len(body)
                summary.sent.append(graph)
                summary.triples_sent += count
                if len(pending) >= MANIFEST_BATCH or batch_bytes >= UPDATE_BATCH_BYTES:
                    flush()
            if progress:
                progress("graphs", i, len(local))
        if replace:
            for graph in sorted(set(known) - set(local)):
                client.delete_graph(graph)
                pending[graph] = None
                summary.removed.append(graph)
        flush()
    finally:
        if use_store:
            try:
                flush()  # graphs PUT before a failure are recorded, so the next push resumes after them
            except StoreError:
                pass
        client.close()
    summary.route = "graph store protocol" if use_store else "sparql update"
    return summary


def remote_counts(endpoints: Endpoints, auth: tuple[str, str] | None = None) -> dict[str, int]:
    """Triples per named graph on the remote side (the manifest graph left out)."""
    client = _Client(endpoints, auth, 300.0)
    try:
        rows = client.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    finally:
        client.close()
    return {row["g"]: int(row["n"]) for row in rows if row.get("g") != MANIFEST_GRAPH}


__all__ = ["MANIFEST_GRAPH", "Endpoints", "SparqlPushSummary", "push_sparql", "redact", "remote_counts"]
