"""The one contract every export format meets: a :class:`Writer` writes an :class:`ExportInput`
to a :class:`Sink` with :class:`WriteOptions`.

A writer reads either the projection (``reads = "graph"``: GEXF, GraphML, the Cypher script,
neo4j-admin CSV) or the store's quads graph by graph (``reads = "rdf"``: JSON-LD, Turtle,
N-Triples, N-Quads, TriG), and writes to one stream or, for ``folder = True``, a folder of files.
Adding a format is one module with a writer and one line in :mod:`graphkit.export.registry`.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Literal, Protocol, TextIO

from graphkit.errors import GraphkitError
from graphkit.project import Projection
from graphkit.store import Quad

Progress = Callable[[int], None]
"""Called by writers with the number of items (nodes, relationships or quads) just written."""

Reads = Literal["graph", "rdf"]
QuadChunk = tuple[str | None, list[Quad]]


@dataclass
class ExportInput:
    """What a writer reads: the (filtered) projection, or the quads chosen, one graph at a time."""

    graph: Projection | None = None
    quads: Iterable[QuadChunk] | None = None

    def projection(self) -> Projection:
        """The projection; raises GraphkitError for a writer of quads."""
        if self.graph is None:
            raise GraphkitError("this format writes the property graph, and none was given")
        return self.graph

    def chunks(self) -> Iterable[QuadChunk]:
        """The quads, one named graph at a time; raises GraphkitError for a writer of graphs."""
        if self.quads is None:
            raise GraphkitError("this format writes RDF quads, and none were given")
        return self.quads


@dataclass
class WriteOptions:
    """Options a writer may use; each ignores what does not apply to it.

    ``dynamic``: GEXF time spans; ``metrics``: node properties added by
    :func:`graphkit.analysis.metrics` (degree, betweenness, PageRank, community); ``today``: the
    date stamp (fixed in golden tests); ``progress``: called with items written.
    """

    dynamic: bool = False
    metrics: dict[str, dict[str, float | int]] | None = None
    today: dt.date | None = None
    progress: Progress | None = None


@dataclass
class Sink:
    """Where a writer writes: one binary stream, or a folder of files."""

    stream: IO[bytes] | None = None
    folder: Path | None = None
    files: list[str] = field(default_factory=list)

    def binary(self) -> IO[bytes]:
        """The binary stream; raises GraphkitError when the sink is a folder."""
        if self.stream is None:
            raise GraphkitError("this format writes one file, not a folder")
        return self.stream

    @contextmanager
    def text(self) -> Iterator[TextIO]:
        """The stream as UTF-8 text with '\\n' newlines, flushed and detached (not closed) after."""
        wrapper = io.TextIOWrapper(self.binary(), encoding="utf-8", newline="\n", write_through=False)
        try:
            yield wrapper
        finally:
            wrapper.flush()
            wrapper.detach()

    def open(self, name: str) -> AbstractContextManager[IO[str]]:
        """A text file ``name`` in the folder (written whole or not at all); recorded in ``files``."""
        from graphkit.atomic import atomic_write

        if self.folder is None:
            raise GraphkitError("this format writes a folder: give -o FOLDER")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise GraphkitError(f"cannot create the folder {self.folder}: {exc.strerror or exc}") from None
        self.files.append(name)
        return atomic_write(self.folder / name, "w")


class Writer(Protocol):
    """An export format."""

    name: str
    suffixes: tuple[str, ...]
    reads: Reads
    folder: bool
    description: str

    def write(self, data: ExportInput, sink: Sink, options: WriteOptions) -> None:
        """Write ``data`` to ``sink``; raises GraphkitError when it cannot."""
        ...


@dataclass(frozen=True)
class Format:
    """A writer's description, for the CLI and the docs."""

    name: str
    suffixes: tuple[str, ...]
    reads: Reads
    folder: bool
    description: str
