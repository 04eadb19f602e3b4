"""One output path for every command: table, markdown, json or csv rows on stdout; messages on stderr.

Tables never drop text: on a terminal, long cells wrap to fit its width; written to a file or a
pipe (or with ``-o``), every cell is shown whole; ``--max-width N`` sets the width explicitly.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
import sys
import textwrap
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import IO, Any, NoReturn, TextIO

import click

from graphkit.cli.options import FORMATS, MAX_WIDTH_KEY, format_option, store_option

__all__ = ["FORMATS", "OutputFile", "format_option", "info", "nothing_found", "progress_enabled", "render",
           "names_resolved", "render_candidates", "store_option"]

Row = Mapping[str, Any]
GAP = "  "
MIN_COLUMN = 8


class OutputFile(click.ParamType[Any, Any]):
    """``-o FILE``: stdout for '-', else a file written whole or not at all (:mod:`graphkit.atomic`).

    The target must be a regular file or a new name in an existing folder (devices, folders and
    pipes are refused in one line). Data goes to a temporary file beside it, renamed over it when
    the command succeeds; when it fails (an error, or exit 3 because nothing was found) the
    target is left exactly as it was.
    """

    name = "file"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if not isinstance(value, str):
            return value  # already a handle (a default of sys.stdout, or a test passing one in)
        if value == "-":
            return sys.stdout
        from graphkit.atomic import atomic_write

        writer = atomic_write(value, "w")  # OutputError (one line, exit 1) for a place no file may go
        handle = writer.__enter__()
        if ctx is not None:
            ctx.call_on_close(lambda: _finish(writer))
        return handle


def _finish(writer: AbstractContextManager[IO[str]]) -> None:
    """On closing the command: keep the output if the command succeeded, else drop it."""
    exc = sys.exc_info()[1]
    if _failing(exc):
        assert exc is not None
        writer.__exit__(type(exc), exc, exc.__traceback__)
    else:
        writer.__exit__(None, None, None)


def _failing(exc: BaseException | None) -> bool:
    if exc is None:
        return False
    if isinstance(exc, click.exceptions.Exit):
        return exc.exit_code != 0
    return True


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


def table_width(out: TextIO) -> int | None:
    """The width to fit: ``--max-width``, else the terminal's when ``out`` is one, else no limit."""
    ctx = click.get_current_context(silent=True)
    explicit = ctx.find_root().meta.get(MAX_WIDTH_KEY) if ctx is not None else None
    if explicit is None and ctx is not None:
        explicit = ctx.meta.get(MAX_WIDTH_KEY)
    if explicit is not None:
        return int(explicit)
    try:
        tty = out.isatty()
    except (AttributeError, ValueError):
        tty = False
    return shutil.get_terminal_size((100, 24)).columns if tty else None


def fit_widths(natural: Sequence[int], limit: int | None) -> list[int]:
    """Column widths summing (with gaps) to at most ``limit``: the widest columns give way first."""
    widths = list(natural)
    if limit is None or not widths:
        return widths
    budget = limit - len(GAP) * (len(widths) - 1)
    floor = max(1, min(MIN_COLUMN, budget // len(widths)))
    while sum(widths) > budget:
        widest = max(range(len(widths)), key=lambda i: widths[i])
        if widths[widest] <= floor:
            break
        others = sorted((w for i, w in enumerate(widths) if i != widest), reverse=True)
        target = max(floor, others[0] if others and others[0] < widths[widest] else widths[widest] - 1)
        widths[widest] = max(target, widths[widest] - (sum(widths) - budget))
    return widths


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for part in text.split("\n") or [""]:
        lines.extend(textwrap.wrap(part, width, break_long_words=True, break_on_hyphens=False,
                                   replace_whitespace=False, drop_whitespace=True) or [""])
    return lines


def _table(cols: Sequence[str], cells: list[list[str]], out: TextIO) -> None:
    natural = [max([len(c)] + [max((len(x) for x in row[i].split("\n")), default=0) for row in cells])
               for i, c in enumerate(cols)]
    widths = fit_widths(natural, table_width(out))

    def emit(values: Sequence[str]) -> None:
        wrapped = [_wrap(v, w) for v, w in zip(values, widths, strict=True)]
        for k in range(max(len(w) for w in wrapped)):
            out.write(GAP.join((w[k] if k < len(w) else "").ljust(width)
                               for w, width in zip(wrapped, widths, strict=True)).rstrip() + "\n")

    emit(cols)
    out.write(GAP.join("-" * w for w in widths).rstrip() + "\n")
    for row in cells:
        emit(row)


def _markdown_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", "").replace("\n", "<br>")


def _markdown(cols: Sequence[str], cells: list[list[str]], out: TextIO) -> None:
    out.write("| " + " | ".join(_markdown_cell(c) for c in cols) + " |\n")
    out.write("|" + "|".join("---" for _ in cols) + "|\n")
    for row in cells:
        out.write("| " + " | ".join(_markdown_cell(v) for v in row) + " |\n")


def as_given(rows: list[Row], cols: Sequence[str]) -> list[Row]:
    """Rows whose partial dates read as the source gave them (see :func:`graphkit.timeline.as_given`)."""
    from graphkit.timeline import as_given as shown

    return list(shown([dict(r) for r in rows], cols))


def render(rows: Iterable[Row], columns: Sequence[str] | None, fmt: str, out: TextIO) -> int:
    """Write rows in the chosen format; returns the number of rows.

    json is an array of objects, csv has a header line, table and markdown show every cell whole
    (wrapped to fit a terminal). With no rows, table and markdown write nothing.
    """
    rows = list(rows)
    cols = list(columns) if columns else list(dict.fromkeys(k for r in rows for k in r))
    rows = as_given(rows, cols)
    if fmt == "json":
        json.dump([{c: _plain(r.get(c)) for c in cols} for r in rows], out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "csv":
        w = csv.writer(out, lineterminator="\n")
        w.writerow(cols)
        for r in rows:
            w.writerow([_cell(r.get(c)) for c in cols])
    elif rows and fmt == "markdown":
        _markdown(cols, [[_cell(r.get(c)) for c in cols] for r in rows], out)
    elif rows:
        _table(cols, [[_cell(r.get(c)) for c in cols] for r in rows], out)
    out.flush()
    return len(rows)


def nothing_found(message: str) -> None:
    """No rows: say so on stderr in one line and exit 3 ("nothing found")."""
    info(message)
    raise click.exceptions.Exit(3)


def _is_stdout(out: TextIO) -> bool:
    return out is sys.stdout or getattr(out, "name", None) == "<stdout>"


def info(message: str) -> None:
    """A message for the user on stderr."""
    click.echo(message, err=True)


def progress_enabled(quiet: bool = False) -> bool:
    """Progress shows only on a terminal and without --quiet."""
    return not quiet and sys.stderr.isatty()


def render_candidates(candidates: Sequence[Row], text: str, fmt: str, out: TextIO) -> NoReturn:
    """When a name matches several entities about equally: list them to choose from, exit 3.

    ``candidates`` are rows (score, name, kind, key, matched), as ``Lookup.rows()`` gives them.
    """
    info(f"{len(candidates)} entities match {text!r}; run again with the key of the one you mean")
    if not _is_stdout(out):
        out = sys.stderr  # exit 3 leaves an -o file as it was: show them here
    render(candidates, ["score", "name", "kind", "key", "matched"], fmt, out)
    raise click.exceptions.Exit(3)


@contextmanager
def names_resolved(fmt: str, out: TextIO) -> Iterator[None]:
    """Within: a name that matches several entities lists them in ``fmt`` and exits 3."""
    from graphkit.lookup import NameNotFoundError

    try:
        yield
    except NameNotFoundError as exc:
        if not exc.lookup.candidates:
            raise  # nothing near: the group prints "not found" and the suggestions
        render_candidates(exc.rows, exc.lookup.text, fmt, out)
