"""Ingested documents: `graphkit documents` lists them, `graphkit forget` removes one."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

import click

from graphkit.cli.options import format_option, store_option
from graphkit.cli.output import info, nothing_found, render

TABLE_COLUMNS = ["key", "title", "kind", "date", "triples", "sentences", "url"]


@click.command("documents")
@store_option
@format_option
def documents_cmd(store: str, fmt: str, output: TextIO) -> None:
    """List the ingested documents: key, title, kind, date issued, triples stated and quoted sentences.

    The key names the document in `graphkit forget`, `graphkit explain` and `graphkit search
    --document`. Exit 3 when no document has been ingested.

    \b
    Examples:
      graphkit documents
      graphkit documents --format json
    """
    from graphkit.documents import DOCUMENT_COLUMNS, list_documents
    from graphkit.store import opened

    with opened(Path(store), read_only=True) as s:
        rows = list_documents(s)
    columns = TABLE_COLUMNS if fmt in ("table", "markdown") else DOCUMENT_COLUMNS
    if not render([dict(r) for r in rows], columns, fmt, output):
        nothing_found("no documents have been ingested (see `graphkit ingest --help`)")


@click.command("forget")
@click.argument("document")
@store_option
@click.option("--wait", type=click.FloatRange(min=0), default=None, metavar="SECONDS",
              help="Wait this long for another command writing the store (default $GRAPHKIT_LOCK_TIMEOUT or 0).")
@click.option("-q", "--quiet", is_flag=True, help="No summary on stderr.")
def forget_cmd(document: str, store: str, wait: float | None, quiet: bool) -> None:
    """Remove one ingested DOCUMENT: its graph and its search entries, nothing else.

    DOCUMENT is its key (as `graphkit documents` lists it), its title or its address. Curated
    facts and other documents stay as they are; ingesting the file again brings it back.

    \b
    Example:
      graphkit forget document/apsc29-opening-remarks
    """
    from graphkit.cli.derived import keep_derived
    from graphkit.documents import forget

    done = forget(Path(store), document, timeout=wait)
    report = None if quiet else info
    if report is not None:
        report(done.describe())
    # the projection, the Cypher copy and the indexes ready for the next query: only what the graph touched
    keep_derived(Path(store), report, changes=done.changes)
