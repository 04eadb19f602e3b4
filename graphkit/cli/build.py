"""Commands on the RDF store: build, validate, stats, sparql."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

import click

from graphkit.cli.output import format_option, info, progress_enabled, render, store_option
from graphkit.errors import QueryError, ValidationFailedError

if TYPE_CHECKING:
    from graphkit.store import QueryLimits

F = TypeVar("F", bound=Callable[..., Any])


def wait_option(f: F) -> F:
    """``--wait SECONDS``: how long a writer waits for another writer of the store."""
    return click.option("--wait", type=click.FloatRange(min=0), default=None, metavar="SECONDS",
                        help="Wait this long for another command writing the store (default "
                             "$GRAPHKIT_LOCK_TIMEOUT or 0: refuse at once, naming it).")(f)


def limit_options(f: F) -> F:
    """``--timeout SECONDS`` and ``--max-rows N`` for a user's query (defaults from settings)."""
    f = click.option("--max-rows", type=click.IntRange(min=0), default=None, metavar="N",
                     help="Stop with an error beyond N rows (default $GRAPHKIT_QUERY_MAX_ROWS or 100000; 0: none).")(f)
    return click.option("--timeout", type=click.FloatRange(min=0), default=None, metavar="SECONDS",
                        help="Stop the query after this long (default $GRAPHKIT_QUERY_TIMEOUT or 60; 0: none).")(f)


def query_limits(timeout: float | None, max_rows: int | None) -> QueryLimits:
    """The limits for one query: the options given, else the settings."""
    from graphkit.store import QueryLimits

    default = QueryLimits.from_settings()
    return QueryLimits(default.timeout if timeout is None else (timeout or None),
                       default.max_rows if max_rows is None else (max_rows or None))


def parse_params(pairs: tuple[str, ...]) -> dict[str, Any]:
    """``name=value`` pairs; whole numbers become integers. Values are bound, never pasted."""
    out: dict[str, Any] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"expected name=value, got {pair!r}", param_hint="--param")
        v: Any = value
        if value.lstrip("-").isdigit() and len(value) < 19:
            v = int(value)
        out[name.strip()] = v
    return out


@click.command("build")
@store_option
@click.option("--records", "record_dirs", multiple=True, type=click.Path(exists=True, path_type=Path),
              help="Extra folder or file of YAML records, besides the shipped ones (repeatable).")
@click.option("--no-shipped", is_flag=True, help="Leave out the records shipped with graphkit; use only --records.")
@click.option("-q", "--quiet", is_flag=True, help="No progress or summary on stderr.")
@click.option("--processes", type=click.IntRange(1, 2), default=None,
              help="Processes for the steps after the store is built (the Cypher copy, the indexes, the "
                   "saved gazetteer): 2 overlaps them on two cores, 1 runs them one after the other in "
                   "less memory. Default: 2 from 300,000 facts when a core is free (the cores less the load "
                   "average), else 1.")
@wait_option
@format_option
def build_cmd(store: str, record_dirs: tuple[Path, ...], no_shipped: bool, quiet: bool, processes: int | None,
              wait: float | None, fmt: str, output: TextIO) -> None:
    """Build the store from the curated, sourced records.

    Every curated fact lands in the named graph of the public address that states it. The new
    store replaces the old one only if the whole build succeeds; ingested documents are kept.

    \b
    Example:
      graphkit build --store ./asean.graphkit
    """
    from graphkit.build import build
    from graphkit.cli.derived import after_build

    show = progress_enabled(quiet)

    def progress(graph: str, n: int) -> None:
        if show:
            click.echo(f"  {n:6d} facts  {graph}", err=True)

    summary = build(Path(store), record_dirs, progress, shipped=not no_shipped, lock_timeout=wait, hooks=False)
    # the after-build hooks, and the Cypher copy ready for the first query, the indexes too
    summary.hook_failures = after_build(Path(store), None if quiet else info, summary.quads, processes)
    for failure in summary.hook_failures:
        info(f"warning: {failure}")  # shown even with --quiet: the build succeeded, a cache was not made
    if not quiet:
        info(f"built {store}: {summary.quads} facts in {summary.graphs} source graphs"
             + (f", kept {summary.kept_graphs} ingested document graphs" if summary.kept_graphs else ""))
    render(summary.as_rows(), ["source", "quads"], fmt, output)


@click.command("validate")
@store_option
@format_option
def validate_cmd(store: str, fmt: str, output: TextIO) -> None:
    """Check the store against the SHACL shapes, provenance and meeting-series rules.

    Prints one row per problem; exits 4 when there is any violation (warnings alone exit 0).

    \b
    Example:
      graphkit validate --format json
    """
    from graphkit.store import opened
    from graphkit.validate import validate_store

    with opened(Path(store), read_only=True) as s:
        problems = validate_store(s)
    render(problems, ["severity", "check", "focus", "message", "sources"], fmt, output)
    violations = sum(p["severity"] == "violation" for p in problems)
    warnings = len(problems) - violations
    info(f"{violations} violations, {warnings} warnings")
    if violations:
        raise ValidationFailedError(f"the graph has {violations} violations")


@click.command("stats")
@store_option
@click.option("--coverage", "show_coverage", is_flag=True,
              help="Per meeting series the ordinals present and the gaps; per family the counts and the dated.")
@format_option
def stats_cmd(store: str, show_coverage: bool, fmt: str, output: TextIO) -> None:
    """Count nodes per label and relationships per type.

    \b
    Example:
      graphkit stats --format json
      graphkit stats --coverage
    """
    from graphkit.stats import stats
    from graphkit.store import opened

    if show_coverage:
        from graphkit.coverage import COLUMNS, coverage, coverage_rows

        with opened(Path(store), read_only=True) as s:
            render(coverage_rows(coverage(s)), COLUMNS, fmt, output)
        return
    with opened(Path(store), read_only=True) as s:
        rows = stats(s)
    render(rows, ["kind", "name", "count"], fmt, output)


@click.command("sparql")
@store_option
@click.argument("query")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind ?NAME to VALUE (repeatable; ?NAME must be in the SELECT). <iri> or id:kind/slug give IRIs; "
                   "digits give integers.")
@limit_options
@format_option
def sparql_cmd(store: str, query: str, params: tuple[str, ...], timeout: float | None, max_rows: int | None,
               fmt: str, output: TextIO) -> None:
    """Run a SPARQL SELECT or ASK: QUERY is the text, a file, or a saved query's name.

    Over the union of all source graphs (GRAPH ?g still reaches single sources). Common prefixes
    (gk, id, org, schema, dcterms, prov, skos, rdf, rdfs, xsd) are predeclared. SERVICE (federated
    queries) is refused; a query stops at --timeout or beyond --max-rows, and on Ctrl-C.

    \b
    Example:
      graphkit sparql 'SELECT DISTINCT ?m ?n ?d WHERE { ?m gk:ordinal ?n ; schema:startDate ?d }' --param n=29
    """
    from graphkit.store import opened

    text = _query_text(query)
    with opened(Path(store), read_only=True) as s:
        columns, rows = s.select(text, parse_params(params), limits=query_limits(timeout, max_rows))
    render(rows, columns, fmt, output)


def _query_text(query: str) -> str:
    path = Path(query)
    if "\n" not in query and len(query) < 4096 and path.suffix in (".rq", ".sparql") and path.is_file():
        try:
            return path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            byte = exc.object[exc.start]
            raise QueryError(f"{path}: not UTF-8 text (byte {byte:#04x} at offset {exc.start})") from None
        except OSError as exc:
            raise QueryError(f"{path}: cannot read: {exc.strerror}") from None
    if not any(w in query.upper() for w in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")):
        from graphkit.settings import data_dir

        saved = data_dir("queries") / "sparql" / f"{query}.rq"
        if saved.is_file():
            return saved.read_text(encoding="utf-8")
        raise click.BadParameter(f"{query!r} is neither a SPARQL query, a .rq file, nor a saved query",
                                 param_hint="QUERY")
    return query
