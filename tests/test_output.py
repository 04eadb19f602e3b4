"""The one output path: tables that never drop text, markdown, partial dates, candidates, -o."""

from __future__ import annotations

import io
import json
from pathlib import Path

from click.testing import CliRunner

from graphkit.cli import cli
from graphkit.cli.output import fit_widths, render

LONG = "https://www.kln.gov.my/web/guest/speeches-statements/-/asset_publisher/statement/content/" + "x" * 80


def test_a_table_into_a_file_or_pipe_keeps_every_cell_whole() -> None:
    out = io.StringIO()
    render([{"a": "short", "b": LONG}], ["a", "b"], "table", out)
    assert LONG in out.getvalue()


def test_fit_widths_shrinks_the_widest_column_first() -> None:
    assert fit_widths([5, 100, 10], 60) == [5, 41, 10]
    assert fit_widths([5, 100, 10], None) == [5, 100, 10]
    assert sum(fit_widths([50, 50, 50], 60)) + 4 <= 60


def test_markdown_escapes_pipes_and_keeps_line_breaks() -> None:
    out = io.StringIO()
    render([{"a": "x | y", "b": "one\ntwo"}], ["a", "b"], "markdown", out)
    assert out.getvalue().splitlines() == ["| a | b |", "|---|---|", "| x \\| y | one<br>two |"]


def test_partial_dates_read_as_given_in_every_format() -> None:
    rows = [{"startDate": "2018-04-01", "startDatePrecision": "month"},
            {"startDate": "2019-01-01", "startDatePrecision": "year"},
            {"startDate": "2020-05-06", "startDatePrecision": None}]
    out = io.StringIO()
    render(rows, ["startDate", "startDatePrecision"], "json", out)
    assert [r["startDate"] for r in json.loads(out.getvalue())] == ["2018-04", "2019", "2020-05-06"]


def test_no_rows_no_table() -> None:
    out = io.StringIO()
    assert render([], ["a"], "table", out) == 0 and out.getvalue() == ""
    render([], ["a"], "json", out)
    assert out.getvalue() == "[]\n"


def test_explain_in_a_file_keeps_whole_sentences_and_addresses(seeded_store: Path, tmp_path: Path) -> None:
    target = tmp_path / "explain.txt"
    result = CliRunner().invoke(cli, ["explain", "meeting/apsc-council-29", "--store", str(seeded_store),
                                      "-o", str(target)])
    assert result.exit_code == 0, result.output
    as_json = CliRunner().invoke(cli, ["explain", "meeting/apsc-council-29", "--store", str(seeded_store),
                                       "--format", "json"])
    rows = json.loads(as_json.stdout)
    text = target.read_text(encoding="utf-8")
    quotes = {r["quote"] for r in rows if r["quote"]}
    assert quotes and all(q in text for q in quotes)
    assert all(r["source"] in text for r in rows)
