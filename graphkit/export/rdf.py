"""Turtle, N-Triples, N-Quads and TriG of the store (or of the graphs chosen), by pyoxigraph.

N-Quads and TriG keep each source graph. Turtle and N-Triples hold triples only: they write
the union of the graphs chosen, each triple once (a fact stated by two sources is one triple).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import IO, TYPE_CHECKING

from graphkit.errors import GraphkitError
from graphkit.vocab import PREFIXES

if TYPE_CHECKING:
    import pyoxigraph as ox

QUAD_FORMATS = ("nquads", "trig")
TRIPLE_FORMATS = ("turtle", "ntriples")


def _format(fmt: str) -> ox.RdfFormat:
    import pyoxigraph as ox

    return {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES,
            "nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}[fmt]


def _triples(chunks: Iterable[tuple[str | None, list[ox.Quad]]]) -> Iterator[ox.Triple]:
    import pyoxigraph as ox

    seen: set[ox.Triple] = set()
    for _, quads in chunks:
        for q in quads:
            t = ox.Triple(q.subject, q.predicate, q.object)
            if t not in seen:
                seen.add(t)
                yield t


def _quads(chunks: Iterable[tuple[str | None, list[ox.Quad]]]) -> Iterator[ox.Quad]:
    for _, quads in chunks:
        yield from quads


def write(chunks: Iterable[tuple[str | None, list[ox.Quad]]], out: IO[bytes], fmt: str) -> None:
    """Serialize quads, grouped by graph as :func:`graphkit.export.iter_quads` yields them, to a
    binary handle in ``fmt`` (turtle, ntriples, nquads or trig)."""
    import pyoxigraph as ox

    if fmt not in QUAD_FORMATS + TRIPLE_FORMATS:
        raise GraphkitError(f"not an RDF format: {fmt!r}")
    items: Iterable[ox.Triple] | Iterable[ox.Quad] = _quads(chunks) if fmt in QUAD_FORMATS else _triples(chunks)
    prefixes = PREFIXES if fmt in ("turtle", "trig") else None
    try:
        ox.serialize(items, out, _format(fmt), prefixes=prefixes)
    except OSError as exc:
        raise GraphkitError(f"cannot write the {fmt} output: {exc}") from exc
