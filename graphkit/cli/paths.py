"""`graphkit paths`: how two entities connect."""

from __future__ import annotations

from typing import TextIO

import click

from graphkit.cli.options import format_option, store_option
from graphkit.cli.output import nothing_found, render


@click.command("paths")
@click.argument("source")
@click.argument("target")
@click.option("--limit", type=click.IntRange(min=1), default=5, show_default=True,
              help="At most this many shortest paths.")
@click.option("--max-hops", type=click.IntRange(min=1), default=None, help="Only paths of at most this many hops.")
@click.option("--all-types", is_flag=True,
              help="Also follow MENTIONS (by default a text that mentions two entities does not connect them).")
@store_option
@format_option
def paths_cmd(source: str, target: str, limit: int, max_hops: int | None, all_types: bool, store: str, fmt: str,
              output: TextIO) -> None:
    """Show the shortest paths between two entities, each relationship with its sources.

    Names resolve as in every command (name, alias, acronym, key). Relationships are followed
    both ways; the arrow shows each one's own direction. Exits 3 when they do not connect.

    \b
    Example:
      graphkit paths "Mohamad Hasan" "APSC Strategic Plan 2045"
      graphkit paths APSC "ASEAN Community Vision 2045" --format json
    """
    from pathlib import Path

    from graphkit.analysis import WEAK_TYPES, path_rows, shortest_paths
    from graphkit.project import load_projection
    from graphkit.store import opened

    with opened(Path(store), read_only=True) as s:
        proj = load_projection(s)
    found = shortest_paths(proj, source, target, limit=limit, max_hops=max_hops,
                           skip_types=() if all_types else WEAK_TYPES)
    if not found:
        nothing_found(f"no path between {source!r} and {target!r}"
                      + (f" in {max_hops} hops or fewer" if max_hops else ""))
    render(path_rows(found), ["path", "step", "source", "relationship", "target", "sources"], fmt, output)
