"""Cypher for analysts: saved queries, ad-hoc queries, and entity-link lookups."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

import click

from graphkit.cli.options import engine_options, format_option, params_option, parse_params, store_option
from graphkit.cli.output import info, render, render_candidates


@click.command("queries")
@format_option
def queries_cmd(fmt: str, output: TextIO) -> None:
    """List the saved queries with their descriptions and parameters.

    \b
    Example:
      graphkit queries
    """
    from graphkit.queries import load_catalogue

    rows = [{"name": n, "language": q.language, "description": q.description,
             "parameters": ", ".join(f"{k}={v!r}" if not isinstance(v, str) else f"{k}={v}"
                                     for k, v in q.params.items())}
            for n, q in load_catalogue().items()]
    render(rows, ["name", "language", "description", "parameters"], fmt, output)


@click.command("query")
@click.argument("name", required=False)
@click.option("-e", "--execute", "text", help="Run this Cypher text instead of a saved query.")
@click.option("-f", "--file", "file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Run the Cypher in this file.")
@params_option
@click.option("--allow-write", is_flag=True, help="Allow write clauses (Neo4j only; the embedded copy is read-only).")
@store_option
@engine_options
@format_option
def query_cmd(name: str | None, text: str | None, file: Path | None, params: tuple[str, ...], allow_write: bool,
              store: str, engine: str, uri: str | None, user: str | None, password: str | None,
              database: str | None, fmt: str, output: TextIO) -> None:
    """Run a saved query by NAME, or ad-hoc Cypher with -e / -f.

    Saved queries take their example parameters for any you leave out (said on stderr).
    Values are always bound as parameters, never pasted into the query.

    \b
    Examples:
      graphkit query meetings_of_body --param body="ASEAN Political-Security Community Council"
      graphkit query -e 'MATCH (m:Meeting) RETURN m.name, m.startDate ORDER BY m.startDate DESC LIMIT 5'
      graphkit query meetings_of_body --engine neo4j --format json
    """
    from graphkit.queries import get

    given = parse_params(params)
    if sum(x is not None for x in (name, text, file)) != 1:
        raise click.UsageError("give exactly one of NAME, -e TEXT or -f FILE")
    saved = get(name) if name else None
    if saved is not None:
        for k, v in saved.params.items():
            if k not in given:
                given[k] = v
                info(f"using example {k}={v!r}")
        if saved.language == "sparql":
            from graphkit.store import opened

            with opened(Path(store), read_only=True) as s:
                columns, rows = s.select(saved.text, given)
            render(rows, columns, fmt, output)
            return
    from graphkit.engines import open_engine

    eng = open_engine(engine, store, uri=uri, user=user, password=password, database=database)
    try:
        cypher = saved.text_for(eng.name) if saved else (text or Path(file).read_text(encoding="utf-8"))  # type: ignore[arg-type]
        columns, rows = eng.run(cypher, given, allow_write=allow_write)
    finally:
        eng.close()
    render(rows, columns, fmt, output)


@click.command("links")
@click.argument("text")
@click.option("--depth", type=click.IntRange(1, 4), default=1, show_default=True, help="Hops to follow.")
@store_option
@engine_options
@format_option
def links_cmd(text: str, depth: int, store: str, engine: str, uri: str | None, user: str | None,
              password: str | None, database: str | None, fmt: str, output: TextIO) -> None:
    """Look up an entity by name, acronym, alias or misspelling and list its links.

    Links are grouped by relationship and direction, with dates and sources. When several
    entities match about equally, they are listed to choose from (pass the key then). Exit 3 when
    nothing matches, with the nearest names.

    \b
    Examples:
      graphkit links APSC
      graphkit links "Mohamad Hassan" --depth 2 --format json
      graphkit links meeting/apsc-council-29
    """
    from graphkit.engines import open_engine
    from graphkit.links import find, links

    eng = open_engine(engine, store, uri=uri, user=user, password=password, database=database)
    try:
        match = find(eng, text)
        if match.best is None:
            render_candidates(match.pairs(), text, fmt, output)
            return
        best = match.best.row
        info(f"{best.get('name')} ({best.get('kind')}, {best.get('key')})")
        rows = links(eng, best, depth)
    finally:
        eng.close()
    render(rows, ["depth", "from", "direction", "relationship", "name", "kind", "key", "date", "sources"], fmt, output)
