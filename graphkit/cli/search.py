"""`graphkit search`: full text over names, aliases and every ingested sentence."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

import click

from graphkit.cli.options import format_option, store_option
from graphkit.cli.output import nothing_found, render
from graphkit.errors import GraphkitError

TABLE_COLUMNS = ["rank", "what", "text", "title", "key", "document", "span", "entities"]


@click.command("search")
@click.argument("text")
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True, help="Most hits to list.")
@click.option("--names", "only", flag_value="name", help="Only names and aliases of entities.")
@click.option("--sentences", "only", flag_value="sentence", help="Only sentences of ingested documents.")
@click.option("--document", metavar="KEY", help="Only sentences of this document (its key, as `documents` lists).")
@store_option
@format_option
def search_cmd(text: str, limit: int, only: str | None, document: str | None, store: str, fmt: str,
               output: TextIO) -> None:
    """Search names, aliases and the sentences of ingested documents, best hits first.

    Words match their stem ("centre" finds "centres"), "two words" in quotes is a phrase,
    traffick* a prefix, and -word leaves out hits with that word. A name hit gives the entity
    (its key works in every command); a sentence hit gives its document, its character span and
    the entities its facts link. Exit 3 when nothing matches.

    \b
    Examples:
      graphkit search "scam centres"
      graphkit search 'cybercrime -syndicates' --sentences --format json
      graphkit search APSC --names
    """
    from graphkit.search import HIT_COLUMNS, parse_query, search

    try:
        parse_query(text)
    except GraphkitError as exc:
        raise click.UsageError(str(exc)) from None
    what = (only,) if only else ("name", "sentence")
    hits = search(Path(store), text, limit=limit, what=what, document=document)
    columns = TABLE_COLUMNS if fmt in ("table", "markdown") else HIT_COLUMNS
    if not render([dict(h) for h in hits], columns, fmt, output):
        nothing_found(f"nothing matches {text!r}")
