"""One output path for every command: table, json or csv rows on stdout; messages on stderr."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

import click

FORMATS = ("table", "json", "csv")


def format_option(f: Any) -> Any:
    """The shared ``--format`` and ``-o/--output`` options."""
    f = click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-",
                     show_default=True, help="Write data here ('-' is stdout).")(f)
    return click.option("--format", "fmt", type=click.Choice(FORMATS), default="table",
                        show_default=True, help="Output format (json: an array of objects).")(f)


def store_option(f: Any) -> Any:
    """The shared ``--store`` option (also $GRAPHKIT_STORE)."""
    return click.option("--store", "store", envvar="GRAPHKIT_STORE", default=".graphkit", show_default=True,
                        type=click.Path(file_okay=False), help="Store folder (env GRAPHKIT_STORE).")(f)


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _cell(value: Any) -> str:
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def render(rows: Iterable[dict[str, Any]], columns: Sequence[str] | None, fmt: str, out: TextIO) -> int:
    """Write rows in the chosen format; returns the number of rows."""
    rows = list(rows)
    cols = list(columns) if columns else list(dict.fromkeys(k for r in rows for k in r))
    if fmt == "json":
        json.dump([{c: _plain(r.get(c)) for c in cols} for r in rows], out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "csv":
        w = csv.writer(out, lineterminator="\n")
        w.writerow(cols)
        for r in rows:
            w.writerow([_cell(r.get(c)) for c in cols])
    else:
        cells = [[_cell(r.get(c)) for c in cols] for r in rows]
        widths = [min(60, max([len(c)] + [len(row[i]) for row in cells])) for i, c in enumerate(cols)]

        def line(values: Sequence[str]) -> str:
            return "  ".join(v[:60].ljust(w) for v, w in zip(values, widths)).rstrip()

        out.write(line(cols) + "\n")
        out.write(line(["-" * w for w in widths]) + "\n")
        for row in cells:
            out.write(line(row) + "\n")
    out.flush()
    return len(rows)


def info(message: str) -> None:
    """A message for the user on stderr."""
    click.echo(message, err=True)


def progress_enabled(quiet: bool = False) -> bool:
    """Progress shows only on a terminal and without --quiet."""
    return not quiet and sys.stderr.isatty()


def render_candidates(candidates: list[tuple[float, dict[str, Any]]], text: str, fmt: str, out: TextIO) -> None:
    """When a name matches several entities about equally: list them to choose from."""
    info(f"{len(candidates)} entities match {text!r}; run again with the key of the one you mean")
    render([{"score": round(s), "name": r.get("name"), "kind": r.get("kind"), "key": r.get("key")}
            for s, r in candidates], ["score", "name", "kind", "key"], fmt, out)
