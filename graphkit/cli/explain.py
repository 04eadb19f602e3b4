"""`graphkit explain`: which sources state the facts about an entity (resolution's command)."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

import click

from graphkit.cli.output import format_option, info, render, store_option

EXPLAIN_COLUMNS = ["subject", "relation", "object", "origin", "source", "quote", "span", "found_by"]


@click.command("explain")
@click.argument("target")
@click.argument("relation_arg", metavar="[RELATION [OBJECT]]", required=False)
@click.argument("object_arg", required=False)
@store_option
@click.option("-r", "--relation", help="Only facts of this relation (a property key such as holds).")
@format_option
def explain_cmd(target: str, relation_arg: str | None, object_arg: str | None, store: str,
                relation: str | None, fmt: str, output: TextIO) -> None:
    """Show which sources state the facts about an entity, with the sentence for extracted ones.

    TARGET is an id (person/mohamad-hasan), an IRI or a name ("Mohamad Hasan"). Give a RELATION
    and OBJECT to explain one fact. Curated facts show the public address that states them;
    extracted facts show the document, the sentence and its character span, and found_by says
    when a layer found the fact and not the rules: ner (spaCy's NER layer found the person) or
    relation-layer (the learned relation layer added it).

    \b
    Examples:
      graphkit explain person/mohamad-hasan
      graphkit explain "Mohamad Hasan" --relation holds
      graphkit explain meeting/apsc-council-29 inConjunctionWith meeting/asean-summit-46
    """
    from graphkit.explain import explain
    from graphkit.store import opened

    with opened(Path(store), read_only=True) as s:
        rows = explain(s, target, relation=relation_arg or relation, obj=object_arg)
    render(rows, EXPLAIN_COLUMNS, fmt, output)
    info(f"{len(rows)} statements from {len({r['source'] for r in rows})} sources")
