"""Turtle, N-Triples, N-Quads and TriG of the store (or of the graphs chosen), by pyoxigraph.

N-Quads and TriG keep each source graph. Turtle and N-Triples hold triples only: they write
the union of the graphs chosen, each triple once (a fact stated by two sources is one triple).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO

from graphkit.errors import GraphkitError
from graphkit.export.base import ExportInput, QuadChunk, Reads, Sink, WriteOptions
from graphkit.store import Quad, Triple, serialize_rdf
from graphkit.vocab import PREFIXES

QUAD_FORMATS = ("nquads", "trig")
TRIPLE_FORMATS = ("turtle", "ntriples")


def _triples(chunks: Iterable[QuadChunk]) -> Iterator[Triple]:
    seen: set[Triple] = set()
    for _, quads in chunks:
        for q in quads:
            t = Triple(q.subject, q.predicate, q.object)
            if t not in seen:
                seen.add(t)
                yield t


def _quads(chunks: Iterable[QuadChunk]) -> Iterator[Quad]:
    for _, quads in chunks:
        yield from quads


def write(chunks: Iterable[QuadChunk], out: IO[bytes], fmt: str) -> None:
    """Serialize quads, grouped by graph as :func:`graphkit.export.select.iter_quads` yields them,
    to a binary handle in ``fmt`` (turtle, ntriples, nquads or trig)."""
    if fmt not in QUAD_FORMATS + TRIPLE_FORMATS:
        raise GraphkitError(f"not an RDF format: {fmt!r}")
    items: Iterable[Triple] | Iterable[Quad] = _quads(chunks) if fmt in QUAD_FORMATS else _triples(chunks)
    prefixes = PREFIXES if fmt in ("turtle", "trig") else None
    serialize_rdf(items, out, fmt, prefixes=prefixes)


@dataclass
class RdfWriter:
    """One of pyoxigraph's RDF serialisations, through the store's facade."""

    name: str
    suffixes: tuple[str, ...]
    description: str
    reads: Reads = "rdf"
    folder: bool = False

    def write(self, data: ExportInput, sink: Sink, options: WriteOptions) -> None:
        write(data.chunks(), sink.binary(), self.name)
