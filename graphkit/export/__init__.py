"""Exports: one module per format behind one writer contract, and one way to run them.

- :mod:`.base`: the contract (``Writer.write(data, sink, options)``), the sink (a stream or a
  folder) and the options;
- :mod:`.registry`: every format, one line each;
- :mod:`.select`: the filters shared by all formats, time spans, and the RDF selection;
- one module per format: :mod:`.gexf`, :mod:`.graphml`, :mod:`.jsonld`, :mod:`.rdf` (Turtle,
  N-Triples, N-Quads, TriG), :mod:`.cypher`, :mod:`.neo4j_csv`.

Property-graph formats read the same projection the Cypher engines read
(:func:`graphkit.project.project`); RDF formats read the store's quads, so they keep every
source graph. :func:`export` chooses what to read, applies the filters and calls the writer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO

from graphkit.errors import GraphkitError
from graphkit.export.base import ExportInput, Format, Progress, QuadChunk, Sink, WriteOptions, Writer
from graphkit.export.registry import FORMATS, WRITERS, writer
from graphkit.export.select import (
    Filters,
    Span,
    check_filters,
    choose_graphs,
    edge_span,
    iter_quads,
    parse_time_bound,
    resolve_entity,
    select,
    time_span,
)
from graphkit.store import Store

__all__ = ["FORMATS", "WRITERS", "ExportInput", "ExportSummary", "Filters", "Format", "Progress", "Sink", "Span",
           "WriteOptions", "Writer", "check_filters", "edge_span", "export", "format_for_path", "parse_time_bound",
           "resolve_entity", "select", "time_span", "writer"]


def format_for_path(path: str) -> str | None:
    """The format a file name's suffix implies (``g.gexf`` -> ``gexf``), or None."""
    suffix = Path(path).suffix.lower()
    return next((f.name for f in FORMATS.values() if suffix in f.suffixes), None)


@dataclass
class ExportSummary:
    """What an export wrote."""

    format: str
    nodes: int = 0
    edges: int = 0
    quads: int = 0
    graphs: int = 0
    files: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def describe(self) -> str:
        """``12 nodes, 30 relationships`` or ``3,000 quads from 20 graphs``."""
        def n(count: int, noun: str) -> str:
            return f"{count} {noun}{'' if count == 1 else 's'}"
        if FORMATS[self.format].reads == "rdf":
            return f"{n(self.quads, 'quad')} from {n(self.graphs, 'graph')}"
        return f"{n(self.nodes, 'node')}, {n(self.edges, 'relationship')}"


def export(store: Store, fmt: str, out: IO[bytes] | Path, filters: Filters | None = None, *,
           dynamic: bool = False, metrics: bool = False, graph: str | None = None,
           progress: Progress | None = None, as_of: dt.date | None = None) -> ExportSummary:
    """Write the store (or what the filters keep) in format ``fmt``.

    Parameters
    ----------
    store : an open Store.
    fmt : a key of :data:`FORMATS`.
    out : a binary handle, or for a folder format (``neo4j-csv``) the folder to write.
    filters : see :class:`graphkit.export.select.Filters`; ``None`` keeps everything.
    dynamic : GEXF only: give nodes and relationships their time spans for Gephi's timeline.
    metrics : property-graph formats: add degree, betweenness, PageRank and community to nodes
        (:func:`graphkit.analysis.metrics`, on the graph exported).
    graph : one named graph (its IRI, or the address it states). RDF formats write that graph;
        property-graph formats keep what that graph states, as ``--source`` would.
    progress : called with the number of items written since the last call.
    as_of : the graph as it stood that day (:func:`graphkit.project.snapshot`, docs/time.md).

    Returns an :class:`ExportSummary`. Raises GraphkitError (unknown format, graph or filter),
    NameNotFoundError (``around`` names nothing or several entities).

    Examples
    --------
    >>> with opened(Path(".graphkit"), read_only=True) as s, open("g.gexf", "wb") as fh:  # doctest: +SKIP
    ...     export(s, "gexf", fh, Filters(start=dt.date(2024, 1, 1)), dynamic=True, metrics=True)
    """
    from graphkit.project import load_projection
    from graphkit.provenance import graph_catalogue

    w = writer(fmt)
    filters = check_filters(replace(filters) if filters else Filters())   # a copy: check_filters normalises
    if dynamic and fmt != "gexf":
        raise GraphkitError("--dynamic is for GEXF only")
    if metrics and w.reads != "graph":
        raise GraphkitError("--metrics is for the property-graph formats (gexf, graphml, cypher, neo4j-csv)")
    sink = Sink(folder=out) if isinstance(out, Path) else Sink(stream=out)
    if w.folder and sink.folder is None:
        raise GraphkitError(f"{fmt} writes a folder: give -o FOLDER")
    summary = ExportSummary(fmt)
    options = WriteOptions(dynamic=dynamic, progress=progress)

    if w.reads == "rdf":
        graphs = choose_graphs(store, graph, filters.sources)
        selection = full = None
        if filters.selects_entities or as_of is not None:
            full = load_projection(store)
            selection = select(full if as_of is None else load_projection(store, as_of=as_of),
                                replace(filters, sources=()))
        chunks = iter_quads(store, graphs, selection, full)

        def counted() -> Iterator[QuadChunk]:
            for g, quads in chunks:
                summary.graphs += g is not None
                summary.quads += len(quads)
                if progress:
                    progress(len(quads))
                yield g, quads

        w.write(ExportInput(quads=counted()), sink, options)
        return summary

    proj = load_projection(store, as_of=as_of)
    if graph is not None:   # what that graph states, then the other filters within it
        catalogue = graph_catalogue(store)
        graphs = choose_graphs(store, graph, (), catalogue)
        stated = tuple(src for g in graphs or () for src in (catalogue[g].sources or [g]))
        proj = select(proj, Filters(sources=stated))
    proj = select(proj, filters)
    summary.nodes, summary.edges = len(proj.nodes), len(proj.edges)
    if filters.around and not proj.nodes:
        summary.notes.append(f"{filters.around!r} is excluded by the other filters: nothing to export")
    if metrics:
        from graphkit.analysis import metrics as measure

        options.metrics = measure(proj)
    w.write(ExportInput(graph=proj), sink, options)
    summary.files = list(sink.files)
    return summary

