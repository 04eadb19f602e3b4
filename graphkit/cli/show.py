"""`graphkit show`: one page about any entity."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any, TextIO

import click

from graphkit.cli.options import as_of_option, engine_options, format_option, store_option
from graphkit.cli.output import names_resolved, render

LINK_COLUMNS = ["relationship", "direction", "name", "kind", "key", "date", "sources"]
SECTIONS: list[tuple[str, str, list[str]]] = [
    ("facts", "Facts", ["property", "value"]),
    ("outcomes", "Adopted, signed, said or reported here", ["relationship", "date", "name", "kind", "key"]),
    ("speakers", "Who spoke", ["name", "key", "document", "document_key"]),
    ("links", "Relations (out: this -> other; in: other -> this)", LINK_COLUMNS),
    ("timeline", "Timeline", ["date", "name", "kind", "relationship"]),
    ("evidence", "Evidence sentences", ["quote", "document", "span", "subject", "relation", "object"]),
]


@click.command("show")
@click.argument("name")
@as_of_option
@store_option
@engine_options
@format_option
def show_cmd(name: str, as_of: dt.date | None, store: str, engine: str, uri: str | None, user: str | None,
             password: str | None, database: str | None, fmt: str, output: TextIO) -> None:
    """One page about an entity: what it is, dates, places, relations, speakers, sources, sentences.

    NAME is a name, acronym, alias, misspelling or key (as for `graphkit links`); a name that
    fits several entities lists them and exits 3. Relations are grouped by kind in both
    directions; for a meeting the page also lists what was adopted, signed, said or reported
    there and who spoke; the evidence sentences come from ingested documents. --format json
    gives the page as one object; csv gives the relations.

    \b
    Examples:
      graphkit show "29th APSC Council"
      graphkit show "APSC Blueprint 2025" --format markdown
      graphkit show person/mohamad-hasan --format json
      graphkit show "Timor-Leste" --as-of 2020-01-01
    """
    from graphkit.engines import open_engine
    from graphkit.show import find, profile
    from graphkit.store import opened

    eng = open_engine(engine, store, as_of=as_of, uri=uri, user=user, password=password, database=database)
    try:
        with names_resolved(fmt, output):
            entity = find(eng, name)
        with opened(Path(store), read_only=True) as s:
            page = profile(eng, entity, s)
    finally:
        eng.close()
    data = page.as_dict()
    if fmt == "json":
        json.dump(data, output, ensure_ascii=False, indent=2)
        output.write("\n")
    elif fmt == "csv":
        render(page.links, LINK_COLUMNS, fmt, output)
    else:
        _page(data, fmt, output)
    output.flush()


def _page(data: dict[str, Any], fmt: str, out: TextIO) -> None:
    md = fmt == "markdown"
    out.write(("# " if md else "") + f"{data['name']}\n")
    out.write(f"{data['kind']} · {data['key']}\n")
    if data["names"]:
        out.write("also called: " + "; ".join(data["names"]) + "\n")
    refs = {src: f"[{i}]" for i, src in enumerate(data["sources"], 1)}
    for key, title, columns in SECTIONS:
        rows = data[key]
        if not rows:
            continue
        if "sources" in columns:  # long addresses once, at the end; here their numbers
            rows = [{**r, "sources": " ".join(refs.get(x, x) for x in r["sources"])} for r in rows]
        out.write("\n" + ("## " if md else "") + f"{title}\n")
        if not md:
            out.write("\n")
        render(rows, columns, fmt, out)
    if data["sources"]:
        out.write("\n" + ("## " if md else "") + "Sources\n" + ("" if md else "\n"))
        for src, ref in refs.items():
            out.write(f"{ref} {src}\n")
