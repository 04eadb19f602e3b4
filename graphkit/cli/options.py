"""The CLI's shared options, declared once: store, Neo4j connection, engine, params, output and format.

Every command takes the same spelling of the same option from here, so `--store`, `--uri` or
`--format` mean one thing everywhere and their help cannot drift between commands.

Decorators keep the keyword names the command functions receive:

========================  ==========================================================
``store_option``          ``store: str``
``neo4j_options``         ``uri, user, password, database: str | None``
``engine_options``        ``engine: str`` plus ``neo4j_options``
``params_option``         ``params: tuple[str, ...]`` (``NAME=VALUE``; see ``parse_params``)
``format_option``         ``fmt: str``, ``output: TextIO`` (and ``--max-width``, kept in the context)
========================  ==========================================================
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

import click

from graphkit.settings import DEFAULT_STORE

F = TypeVar("F", bound=Callable[..., Any])

FORMATS = ("table", "json", "csv", "markdown")
ENGINES = ("embedded", "neo4j")
# where --max-width is kept for the renderer (it is not passed to the command function)
MAX_WIDTH_KEY = "graphkit.max_width"
_INTEGER = re.compile(r"-?[0-9]{1,18}")


def store_option(f: F) -> F:
    """``--store DIR`` (env GRAPHKIT_STORE): the store folder."""
    return click.option("--store", "store", envvar="GRAPHKIT_STORE", default=DEFAULT_STORE, show_default=True,
                        type=click.Path(file_okay=False), help="Store folder (env GRAPHKIT_STORE).")(f)


def neo4j_options(f: F) -> F:
    """``--uri --user --password --database``, each from the Neo4j ecosystem's variable."""
    f = click.option("--database", envvar="NEO4J_DATABASE", default=None,
                     help="Neo4j database (env NEO4J_DATABASE; default neo4j).")(f)
    f = click.option("--password", envvar="NEO4J_PASSWORD", default=None, show_envvar=False,
                     help="Neo4j password (env NEO4J_PASSWORD; prefer the variable: a command line is visible "
                          "to other users).")(f)
    f = click.option("--user", envvar="NEO4J_USERNAME", default=None,
                     help="Neo4j user (env NEO4J_USERNAME; default neo4j).")(f)
    return click.option("--uri", envvar="NEO4J_URI", default=None,
                        help="Neo4j server URI: bolt://, neo4j://, neo4j+s:// ... (env NEO4J_URI; "
                             "default neo4j://localhost:7687).")(f)


def engine_options(f: F) -> F:
    """``--engine embedded|neo4j`` and the Neo4j connection options."""
    f = neo4j_options(f)
    return click.option("--engine", type=click.Choice(ENGINES), default="embedded", show_default=True,
                        help="Where Cypher runs: the embedded database or a Neo4j server.")(f)


def as_of_option(f: F) -> F:
    """``--as-of DATE``: the graph as it stood that day (``as_of: dt.date | None``; graphkit.timeline)."""
    def parse(_ctx: click.Context, _param: click.Parameter, value: str | None) -> Any:
        from graphkit.errors import GraphkitError
        from graphkit.timeline import parse_day

        try:
            return parse_day(value) if value else None
        except GraphkitError as exc:
            raise click.BadParameter(str(exc)) from None

    return click.option("--as-of", "as_of", default=None, metavar="DATE", callback=parse,
                        help="The graph as it stood on DATE (2016-06-01; a month or year means its first day): "
                             "later meetings and documents, and memberships, posts and bodies not valid then, "
                             "are left out (docs/time.md).")(f)


def params_option(f: F) -> F:
    """``-p/--param NAME=VALUE`` (repeatable): query parameters, bound and never pasted."""
    return click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
                        help="A query parameter (repeatable); whole numbers become integers.")(f)


def parse_params(pairs: tuple[str, ...]) -> dict[str, str | int]:
    """``name=value`` pairs; whole numbers become integers. Raises click.BadParameter on a bad pair."""
    out: dict[str, str | int] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"expected name=value, got {pair!r}", param_hint="--param")
        v: str | int = value
        if _INTEGER.fullmatch(value):
            v = int(value)
        out[name.strip()] = v
    return out


def _keep_max_width(ctx: click.Context, _param: click.Parameter, value: int | None) -> int | None:
    ctx.meta[MAX_WIDTH_KEY] = value
    return value


def format_option(f: F) -> F:
    """``--format table|json|csv|markdown``, ``-o/--output FILE`` and ``--max-width N``.

    ``-o`` is written to a temporary file beside the target and renamed over it only when the
    command succeeds; only regular files are accepted.
    """
    from graphkit.cli.output import OutputFile

    f = click.option("--max-width", type=click.IntRange(min=20), default=None, expose_value=False,
                     callback=_keep_max_width, metavar="N",
                     help="Table width in characters; long cells wrap. Default: the terminal's width, "
                          "no limit when writing to a file or pipe.")(f)
    f = click.option("-o", "--output", type=OutputFile(), default="-", show_default=True,
                     help="Write data here ('-' is stdout).")(f)
    return click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
                        help="Output format (json: an array of objects; markdown: a table for briefs).")(f)
