"""`graphkit push`: load the graph into a Neo4j server."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, TextIO

import click

from graphkit.cli.options import format_option, neo4j_options, store_option
from graphkit.cli.output import info, progress_enabled, render
from graphkit.settings import neo4j_batch_size


@click.command("push")
@store_option
@neo4j_options
@click.option("--replace", is_flag=True,
              help="Also remove what graphkit pushed before and the graph no longer has (never other data).")
@click.option("--batch-size", type=click.IntRange(min=1), default=neo4j_batch_size,
              show_default="10000 or GRAPHKIT_NEO4J_BATCH",
              help="Rows per transaction (env GRAPHKIT_NEO4J_BATCH).")
@click.option("-q", "--quiet", is_flag=True, help="No progress or summary line on stderr.")
@click.option("--sparql", "sparql_url", metavar="URL", envvar="GRAPHKIT_SPARQL_URL",
              help="Push the RDF named graphs to this SPARQL 1.1 dataset instead of Neo4j (Fuseki: "
                   "http://host:3030/ds; user and password as http://user:pass@host or "
                   "GRAPHKIT_SPARQL_USER/GRAPHKIT_SPARQL_PASSWORD).")
@click.option("--via", type=click.Choice(["gsp", "update"]), default="gsp", show_default=True,
              help="With --sparql: the Graph Store Protocol (PUT per graph) or SPARQL Update (batches).")
@format_option
def push_cmd(store: str, uri: str | None, user: str | None, password: str | None, database: str | None,
             replace: bool, batch_size: int, quiet: bool, sparql_url: str | None, via: str, fmt: str,
             output: TextIO) -> None:
    """Push the graph to Neo4j: nodes, relationships, constraints and indexes.

    Pushing again updates in place (no duplicates); an interrupted push completes when re-run.
    Every node graphkit writes carries the label GraphkitNode (unique on id), and every node and
    relationship the property graphkit (a fingerprint of what graphkit wrote there), so unchanged
    data is skipped and --replace removes what graphkit pushed before and nothing else. The
    Cypher script and the neo4j-admin CSV of `graphkit export` write the same marks: a push after
    loading either finds everything unchanged. Empty values (no quotes) are not stored.
    Prints what was created, updated, unchanged, removed, and stale (still in Neo4j though no
    longer in the graph: --replace removes it).

    \b
    Example:
      export NEO4J_URI=neo4j+s://xxxx.databases.neo4j.io NEO4J_USERNAME=neo4j NEO4J_PASSWORD=...
      graphkit push --replace
      graphkit push --sparql http://127.0.0.1:3030/ds       # the RDF named graphs to Fuseki
    """
    if sparql_url:
        from graphkit.api import push_to_sparql
        from graphkit.sparqlpush import redact

        sent = push_to_sparql(Path(store), sparql_url, replace=replace, via=via)
        if not quiet:
            info(f"sent {len(sent.sent)} changed graphs ({sent.triples_sent} triples) to {redact(sparql_url)}; "
                 f"{sent.unchanged} unchanged, {len(sent.removed)} removed")
        render(sent.as_rows(), ["graphs sent", "graphs unchanged", "graphs removed", "triples sent", "route"],
               fmt, output)
        return
    from graphkit.engines.neo4j import Neo4jEngine, push
    from graphkit.project import load_projection
    from graphkit.store import opened

    with opened(Path(store), read_only=True) as s:
        proj = load_projection(s)
    show = progress_enabled(quiet)
    bar: list[Any] = []  # the bar of the stage under way

    def progress(stage: str, done: int, total: int) -> None:
        if not show:
            return
        if done == 0 or not bar:
            if bar:
                bar.pop().render_finish()
            bar.append(click.progressbar(length=total, label=f"{stage:<13}", file=sys.stderr))
            bar[0].render_progress()
        bar[0].update(done - bar[0].pos)

    try:
        with Neo4jEngine.from_settings(uri=uri, user=user, password=password, database=database) as engine:
            summary = push(proj, engine, replace=replace, batch_size=batch_size, progress=progress)
            where = f"{engine.uri} (database {engine.database})"
    finally:
        if bar:
            bar.pop().render_finish()
    if not quiet:
        info(f"pushed {len(proj.nodes)} nodes and {len(proj.edges)} relationships to {where}")
        if summary.nodes_stale or summary.relationships_stale:
            info(f"{summary.nodes_stale} nodes and {summary.relationships_stale} relationships that graphkit pushed "
                 "before are no longer in the graph; --replace removes them")
    render(summary.as_rows(), ["what", "created", "updated", "unchanged", "removed", "stale"], fmt, output)
