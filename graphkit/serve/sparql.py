"""The SPARQL 1.1 Protocol over a store, read-only, with the CLI's query safety rules.

Queries come by GET (``?query=``), by POST of a form, or by POST of ``application/sparql-query``;
updates are refused. The default graph is the union of the named graphs (as for every graphkit
query), so ``default-graph-uri`` and ``named-graph-uri`` are refused rather than half-honoured.
SERVICE is refused, and every query runs under the time and row limits of the settings.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from graphkit.errors import GraphkitError, QueryError
from graphkit.serve.results import MEDIA, RESULT_TYPES, WRITERS
from graphkit.store import QueryLimits, opened, serialize_rdf

GRAPH_TYPES = {"text/turtle": "turtle", "application/x-turtle": "turtle", "application/n-triples": "ntriples",
               "text/plain": "ntriples", "application/rdf+xml": "rdfxml"}
GRAPH_MEDIA = {"turtle": "text/turtle; charset=utf-8", "ntriples": "application/n-triples",
               "rdfxml": "application/rdf+xml"}


@dataclass(frozen=True)
class Answer:
    """An HTTP answer: status, media type and body."""

    status: int
    media_type: str
    body: bytes


def accepted(header: str | None, offered: dict[str, str]) -> str | None:
    """The offered format the Accept header likes best (q-values honoured; first offered on ties
    and for ``*/*``); None when it accepts none of them."""
    if not header or not header.strip():
        return next(iter(offered.values()))
    best: tuple[float, int, str] | None = None
    order = list(offered)
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if q <= 0:
            continue
        if media in ("*/*", "application/*", "text/*"):
            candidates = [m for m in order if media == "*/*" or m.startswith(media[:-1])]
        else:
            candidates = [media] if media in offered else []
        for m in candidates:
            key = (q, -order.index(m), m)
            if best is None or key > best:
                best = key
    return offered[best[2]] if best else None


def answer(store_path: Path, query: str, accept: str | None, limits: QueryLimits | None = None) -> Answer:
    """Run one protocol query against the store (opened read-only for this request)."""
    try:
        with opened(store_path, read_only=True) as store:
            kind, names, rows = store.solutions(query, limits=limits or QueryLimits.from_settings())
    except QueryError as exc:
        return Answer(400, "text/plain; charset=utf-8", f"{exc}\n".encode())
    except GraphkitError as exc:
        return Answer(500, "text/plain; charset=utf-8", f"error: {exc}\n".encode())
    if kind == "construct":
        fmt = accepted(accept, GRAPH_TYPES)
        if fmt is None:
            return Answer(406, "text/plain; charset=utf-8",
                          ("acceptable: " + ", ".join(GRAPH_TYPES) + "\n").encode())
        assert isinstance(rows, list)
        body = serialize_rdf(rows, fmt=fmt) or b""  # type: ignore[arg-type]
        return Answer(200, GRAPH_MEDIA[fmt], body)
    fmt = accepted(accept, RESULT_TYPES)
    if fmt is None:
        return Answer(406, "text/plain; charset=utf-8", ("acceptable: " + ", ".join(RESULT_TYPES) + "\n").encode())
    return Answer(200, MEDIA[fmt], WRITERS[fmt](names, rows))  # type: ignore[arg-type]
