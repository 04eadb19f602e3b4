"""`graphkit export`: the graph for Gephi, yEd, Cytoscape, linked data and Neo4j."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import click

from graphkit.cli.options import as_of_option
from graphkit.cli.output import info, progress_enabled, store_option
from graphkit.export import FORMATS


@click.command("export")
@click.option("-f", "--format", "fmt", type=click.Choice(list(FORMATS)),
    help="Output format (default: from the -o suffix: .gexf .graphml .jsonld .ttl .nt .nq .trig .cypher).")
@click.option("-o", "--output", default="-", show_default=True,
              help="File to write ('-' is stdout); a folder for neo4j-csv.")
@click.option("--dynamic", is_flag=True, help="GEXF: time spans on nodes and relationships for Gephi's timeline.")
@click.option("--metrics", is_flag=True,
              help="Add degree, betweenness, PageRank and community to nodes (gexf, graphml, cypher, neo4j-csv).")
@click.option("--graph", "graph", metavar="IRI",
              help="Only this named graph (its IRI, or the address it states).")
@click.option("--class", "classes", multiple=True, metavar="CLASS",
              help="Only nodes of this class or its subclasses, e.g. Meeting (repeatable).")
@click.option("--type", "rel_types", multiple=True, metavar="TYPE",
              help="Only relationships of this type, e.g. HELD_AT or heldAt (repeatable).")
@click.option("--from", "start", metavar="YEAR|DATE", help="Time window start: 2024, 2024-05 or 2024-05-26.")
@click.option("--to", "end", metavar="YEAR|DATE", help="Time window end (inclusive): 2045.")
@click.option("--around", metavar="TEXT", help="Only the neighbourhood of this entity (name, alias, acronym or key).")
@click.option("--depth", type=click.IntRange(min=0), default=1, show_default=True,
              help="Hops around --around.")
@click.option("--source", "sources", multiple=True, metavar="SOURCE",
              help="curated, extracted, vocabulary, a source address, or a document key (repeatable).")
@click.option("-q", "--quiet", is_flag=True, help="No progress or summary on stderr.")
@as_of_option
@store_option
def export_cmd(fmt: str | None, output: str, dynamic: bool, metrics: bool, graph: str | None, classes: tuple[str, ...],
               rel_types: tuple[str, ...], start: str | None, end: str | None, around: str | None, depth: int,
               sources: tuple[str, ...], quiet: bool, as_of: dt.date | None, store: str) -> None:
    """Export the graph (or what the filters keep) for other tools.

    Property-graph formats (gexf, graphml, cypher, neo4j-csv) write the projection the Cypher
    engines query; RDF formats (jsonld, turtle, ntriples, nquads, trig) write the store's quads
    (jsonld, nquads and trig keep each source graph). Filters combine: class, type, time window,
    neighbourhood, source. See docs/exports.md.

    \b
    Examples:
      graphkit export -o asean.gexf --dynamic --metrics
      graphkit export --format gexf -o apsc.gexf --around "APSC Council" --depth 2
      graphkit export -o plans.graphml --class Document --from 2024 --to 2045
      graphkit export --format turtle --source extracted -o extracted.ttl
      graphkit export --format neo4j-csv -o import/
      graphkit export --format gexf -o asean-2020.gexf --as-of 2020-01-01
    """
    from graphkit.errors import GraphkitError
    from graphkit.export import Filters, check_filters, export, format_for_path, parse_time_bound
    from graphkit.store import opened

    if fmt is None:
        fmt = format_for_path(output) if output != "-" else None
        if fmt is None:
            raise click.UsageError("give --format (it cannot be told from the output name)")
    spec = FORMATS[fmt]
    if dynamic and fmt != "gexf":
        raise click.UsageError("--dynamic is for --format gexf")
    if metrics and spec.reads != "graph":
        raise click.UsageError("--metrics is for the property-graph formats: gexf, graphml, cypher, neo4j-csv")
    if spec.folder and output == "-":
        raise click.UsageError(f"{fmt} writes a folder: give -o FOLDER")
    try:
        window = (parse_time_bound(start, end=False) if start else None,
                  parse_time_bound(end, end=True) if end else None)
        filters = check_filters(Filters(classes=classes, rel_types=rel_types, start=window[0], end=window[1],
                                        around=around, depth=depth, sources=sources))
    except GraphkitError as exc:   # a filter the ontology or the calendar does not know: usage
        raise click.UsageError(str(exc)) from exc

    with opened(Path(store), read_only=True) as s, _progress(quiet) as progress:
        if spec.folder:
            summary = export(s, fmt, Path(output), filters, dynamic=dynamic, metrics=metrics, graph=graph,
                             progress=progress, as_of=as_of)
        else:
            with _output(output) as fh:
                summary = export(s, fmt, fh, filters, dynamic=dynamic, metrics=metrics, graph=graph,
                                 progress=progress, as_of=as_of)
    for note in summary.notes:
        info(f"note: {note}")
    if not quiet:
        where = "stdout" if output == "-" else output
        info(f"exported {summary.describe()} as {fmt} to {where}")


@contextmanager
def _output(path: str) -> Iterator[IO[bytes]]:
    """A binary handle: stdout, or a regular file written whole or not at all (graphkit.atomic)."""
    from graphkit.atomic import atomic_write

    if path == "-":
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    with atomic_write(path) as fh:
        yield fh


@contextmanager
def _progress(quiet: bool) -> Iterator[Any]:
    """A callback counting items written on stderr (only on a terminal and without --quiet)."""
    if not progress_enabled(quiet):
        yield None
        return
    done = [0, 0]   # items written, items at the last redraw

    def step(n: int) -> None:
        done[0] += n
        if done[0] - done[1] >= 10_000:
            done[1] = done[0]
            click.echo(f"\r  {done[0]:,} items written", err=True, nl=False)
    try:
        yield step
    finally:
        if done[1]:
            click.echo("", err=True)
