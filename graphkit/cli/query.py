"""Cypher for analysts: saved queries (`queries`, `query`), ad-hoc Cypher, and entity links (`links`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TextIO

import click

from graphkit.cli.options import (
    as_of_option,
    engine_options,
    format_option,
    params_option,
    parse_params,
    store_option,
)
from graphkit.cli.output import info, names_resolved, nothing_found, render, render_candidates

LINK_COLUMNS = ["depth", "from", "direction", "relationship", "name", "kind", "key", "date", "sources"]


@click.command("queries")
@format_option
def queries_cmd(fmt: str, output: TextIO) -> None:
    """List the saved queries with their descriptions and parameters.

    A parameter shown as <Body> names an entity: give its name, acronym, alias or key.

    \b
    Example:
      graphkit queries --format markdown
    """
    from graphkit.queries import describe_parameters, load_catalogue

    rows = [{"name": n, "language": q.language, "description": q.description, "parameters": describe_parameters(q)}
            for n, q in load_catalogue().items()]
    render(rows, ["name", "language", "description", "parameters"], fmt, output)


@click.command("query")
@click.argument("name", required=False)
@click.option("-e", "--execute", "text", help="Run this Cypher text instead of a saved query.")
@click.option("-f", "--file", "file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Run the Cypher in this file.")
@params_option
@click.option("--examples", is_flag=True, help="Use a saved query's example value for each parameter left out.")
@click.option("--allow-write", is_flag=True, help="Allow write clauses (Neo4j only; the embedded copy is read-only).")
@as_of_option
@store_option
@engine_options
@format_option
def query_cmd(name: str | None, text: str | None, file: Path | None, params: tuple[str, ...], examples: bool,
              allow_write: bool, as_of: dt.date | None, store: str, engine: str, uri: str | None, user: str | None,
              password: str | None, database: str | None, fmt: str, output: TextIO) -> None:
    """Run a saved query by NAME, or ad-hoc Cypher with -e / -f.

    A saved query's parameters are listed by `graphkit queries`; one that names an entity takes
    its name, acronym, alias, a misspelling or its key, in any case (a name that fits several
    entities lists them and exits 3). A parameter the query does not take, or one it needs and
    was not given, is a usage error (exit 2); --examples fills those left out with the example.
    No rows: exit 3. Values are always bound as parameters, never pasted into the query.
    --as-of runs on the graph as it stood that day and fills a saved query's date parameter.

    \b
    Examples:
      graphkit query meetings_of_body --param body=APSC
      graphkit query topic_meetings --param topic="Trafficking in Persons" --format markdown
      graphkit query -e 'MATCH (m:Meeting) RETURN m.name, m.startDate ORDER BY m.startDate DESC LIMIT 5'
      graphkit query meetings_of_body --examples --engine neo4j --format json
      graphkit query posts_held_at --as-of 2016-06-01
    """
    from graphkit.engines import open_engine
    from graphkit.queries import ParameterError, check_adhoc, check_parameters, get, resolve_entities
    from graphkit.timeline import fill_as_of

    given: dict[str, object] = dict(parse_params(params))
    if sum(x is not None for x in (name, text, file)) != 1:
        raise click.UsageError("give exactly one of NAME, -e TEXT or -f FILE")
    saved = get(name) if name else None
    if saved is not None and as_of is not None:
        given = fill_as_of(saved.params, given, as_of)
    try:
        if saved is not None:
            given = check_parameters(saved, given, use_examples=examples)
        else:
            if examples:
                raise click.UsageError("--examples is for saved queries")
            cypher = text if text is not None else Path(str(file)).read_text(encoding="utf-8")
            check_adhoc(cypher, given)
    except ParameterError as exc:
        raise click.UsageError(str(exc)) from None
    if saved is not None and saved.language == "sparql":
        from graphkit.lookup import store_entries
        from graphkit.store import opened

        with opened(Path(store), read_only=True) as s, names_resolved(fmt, output):
            bound = resolve_entities(saved, given, store_entries(s)) if saved.entities else given
            columns, rows = s.select(saved.text, bound)
    else:
        from graphkit.engines.name_index import resolver

        eng = open_engine(engine, store, as_of=as_of, uri=uri, user=user, password=password, database=database)
        try:
            with names_resolved(fmt, output):
                bound = resolve_entities(saved, given, resolver(eng)) if saved and saved.entities else given
            columns, rows = eng.run(saved.text_for(eng.name) if saved else cypher, bound, allow_write=allow_write)
        finally:
            eng.close()
    if not render(rows, columns, fmt, output):
        nothing_found(f"no rows: {'query ' + repr(name) if name else 'the query'} found nothing")


@click.command("links")
@click.argument("text")
@click.option("--depth", type=click.IntRange(1, 4), default=1, show_default=True, help="Hops to follow.")
@as_of_option
@store_option
@engine_options
@format_option
def links_cmd(text: str, depth: int, as_of: dt.date | None, store: str, engine: str, uri: str | None,
              user: str | None, password: str | None, database: str | None, fmt: str, output: TextIO) -> None:
    """Look up an entity by name, acronym, alias or misspelling and list its links.

    Links are grouped by relationship and direction, with dates and sources. When several
    entities match about equally, they are listed to choose from (pass the key then) and the
    exit code is 3; nothing near: exit 3 with the nearest names.

    \b
    Examples:
      graphkit links APSC
      graphkit links "Mohamad Hassan" --depth 2 --format json
      graphkit links meeting/apsc-council-29
      graphkit links "Timor-Leste" --as-of 2020-01-01
    """
    from graphkit.engines import open_engine
    from graphkit.links import find, links

    eng = open_engine(engine, store, as_of=as_of, uri=uri, user=user, password=password, database=database)
    try:
        match = find(eng, text)
        if match.best is None:
            render_candidates(match.rows(), text, fmt, output)
        best = match.best
        info(f"{best.name} ({best.kind}, {best.key})")
        rows = links(eng, best.row, depth)
    finally:
        eng.close()
    if not render(rows, LINK_COLUMNS, fmt, output):
        nothing_found(f"{best.name} has no links")
