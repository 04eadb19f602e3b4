"""`graphkit diff` (what changed between two stores or releases) and `graphkit release` (a bundle)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TextIO

import click

from graphkit.cli.options import format_option, store_option
from graphkit.cli.output import info, render


@click.command("diff")
@click.argument("a", type=click.Path(exists=True, path_type=Path))
@click.argument("b", type=click.Path(exists=True, path_type=Path))
@click.option("--by", "group", type=click.Choice(["entity", "source"]), default="entity", show_default=True,
              help="Order rows by entity or by the source that states them.")
@click.option("--changelog", is_flag=True, help="Write a Markdown changelog (for a brief) instead of rows.")
@format_option
def diff_cmd(a: Path, b: Path, group: str, changelog: bool, fmt: str, output: TextIO) -> None:
    """Facts added, removed and changed from A to B (stores, release bundles or N-Quads files).

    A changed row is one source replacing one value of an entity's property by another. Counts go
    to stderr; rows (or the changelog) to stdout.

    \b
    Examples:
      graphkit diff releases/2026.11 releases/2026.12
      graphkit diff old.graphkit .graphkit --by source --format json
      graphkit diff releases/2026.11 .graphkit --changelog -o CHANGES.md
    """
    from graphkit.diff import DIFF_COLUMNS, diff
    from graphkit.diff import changelog as write_changelog

    result = diff(a, b)
    c = result.counts()
    info(f"{c['added']} added, {c['removed']} removed, {c['changed']} changed "
         f"({result.facts_a} facts in A, {result.facts_b} in B)")
    if changelog:
        output.write(write_changelog(result))
        return
    changes = result.changes
    if group == "source":
        changes = sorted(changes, key=lambda ch: (ch.source, ch.entity, ch.property, ch.change))
    render([ch.row() for ch in changes], DIFF_COLUMNS, fmt, output)


@click.command("release")
@click.argument("out", type=click.Path(path_type=Path))
@store_option
@click.option("--version", "version", required=True, help="Release version, e.g. 2026.12 or 1.2.0.")
@click.option("--date", "date", default=None, metavar="YYYY-MM-DD",
              help="Release date written into the bundle (default: today). Same inputs and date: same bytes.")
@click.option("--previous", type=click.Path(exists=True, path_type=Path), default=None,
              help="The previous release bundle: CHANGELOG.md lists what changed since.")
@format_option
def release_cmd(out: Path, store: str, version: str, date: str | None, previous: Path | None, fmt: str,
                output: TextIO) -> None:
    """Write a dated, versioned release bundle of the store to the new folder OUT.

    The bundle holds N-Quads, GEXF, GraphML, neo4j-admin CSV, the JSON-LD context, a manifest
    (counts, checksums, ontology version) and a changelog against --previous. Building it twice
    from the same store with the same version and date gives identical bytes. Prints each file
    with its size and sha256.

    \b
    Example:
      graphkit release releases/2026.12 --version 2026.12 --date 2026-12-01 --previous releases/2026.11
    """
    from graphkit.release import release
    from graphkit.timeline import parse_day

    day = parse_day(date) if date else dt.date.today()
    summary = release(Path(store), out, version, day, previous)
    info(f"released {version} ({summary.date}) to {out}: " + ", ".join(f"{n} {k}" for k, n in summary.counts.items()))
    render(summary.rows(), ["path", "bytes", "sha256"], fmt, output)
