"""Docs that run: every `graphkit` command shown in README.md and docs/*.md is executed here.

A command is a line in a fenced code block that starts with ``graphkit`` (or ``$ graphkit``);
a trailing ``# comment`` is dropped, and so is anything after a shell operator outside quotes
(``|``, ``&&``, ``;``, ``>``). Each runs in a scratch folder that sees the repository's ``tests/`` and
``ingest/``; every store it names (``--store PATH``, or the default ``./.graphkit``) starts as a
copy of a built store with the seed document ingested. The commands of one file run in order,
so a file may build or ingest first and query after. Checked: the exit code (0, or the one a
comment starting "exit N" names), no traceback, and the shape of the output (JSON parses, CSV has a
header, a table has lines, an -o file is written). Commands that need a Neo4j server run only
when NEO4J_URI is set.

Also here: docs/cli.md is what the commands' --help says (``scripts/generate-cli-docs``), and
every command has help with an example.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit.cli import cli

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^\s*(```|~~~)")
SHELL_OPERATORS = {"|", "||", "&", "&&", ";", ">", ">>", "<", "2>", "&>"}
LINKED = ("tests", "ingest", "queries", "ontologies", "bench", "scripts")
# Commands that need a running Neo4j server.
NEO4J = re.compile(r"^graphkit (push\b|.*--engine[ =]neo4j)")


@dataclass(frozen=True)
class Shown:
    """One command shown in a doc."""

    doc: str
    line: int
    text: str
    expect: int

    @property
    def id(self) -> str:
        return f"{self.doc}:{self.line}"


def shown_commands(path: Path) -> list[Shown]:
    """The graphkit commands in a Markdown file's fenced code blocks, in order."""
    out: list[Shown] = []
    inside = False
    pending = ""
    start = 0
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if FENCE.match(raw):
            inside, pending = not inside, ""
            continue
        if not inside:
            continue
        line = raw.strip()
        if pending:
            line, pending = pending + " " + line, ""
        elif line.startswith("$ "):
            line = line[2:]
            start = n
        else:
            start = n
        if not line.startswith("graphkit "):
            continue
        if line.endswith("\\"):
            pending = line[:-1].strip()
            continue
        text, comment = _split_comment(line)
        code = re.match(r"\s*exit (\d)\b", comment)
        out.append(Shown(str(path.relative_to(ROOT)), start, text, int(code.group(1)) if code else 0))
    return out


def _split_comment(line: str) -> tuple[str, str]:
    """A command and its trailing ``# comment`` (a # inside quotes is part of the command)."""
    quote = ""
    for i, ch in enumerate(line):
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1].isspace()):
            return line[:i].rstrip(), line[i + 1:]
    return line, ""


def command_args(text: str) -> list[str]:
    """The arguments after ``graphkit``, up to the first shell operator outside quotes."""
    lexer = shlex.shlex(text, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    args: list[str] = []
    for token in lexer:
        if token in SHELL_OPERATORS:
            break
        args.append(token)
    return args[1:]


ALL = [s for doc in DOCS for s in shown_commands(doc)]


def test_the_docs_show_commands() -> None:
    assert len(ALL) >= 20
    assert {s.doc for s in ALL} >= {"README.md", "docs/cli.md", "docs/lineage.md"}


# ---------------------------------------------------------------------------------------- the scratch folders

@pytest.fixture(scope="module")
def scratch(seeded_store: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One scratch folder per doc (commands of one doc share it, in order)."""
    base = tmp_path_factory.mktemp("docs")
    folders = {}
    for doc in sorted({s.doc for s in ALL}):
        folder = base / doc.replace("/", "_")
        folder.mkdir()
        for name in LINKED:
            (folder / name).symlink_to(ROOT / name, target_is_directory=True)
        shutil.copytree(seeded_store, folder / ".graphkit")
        folders[doc] = folder
    return folders


FORGETFUL = {"forget"}  # commands that remove data later examples of the same doc may use


def _copy_of(folder: Path) -> Path:
    copy = folder.with_name(folder.name + "-forget")
    if copy.exists():
        shutil.rmtree(copy)
    copy.mkdir()
    for item in folder.iterdir():
        if item.is_symlink():
            (copy / item.name).symlink_to(item.resolve(), target_is_directory=True)
        elif item.is_dir():
            shutil.copytree(item, copy / item.name)
    return copy


def _prepare(args: list[str], folder: Path, seeded: Path) -> list[str]:
    """Stores the command names live in the scratch folder; each starts as a copy of the seeded store."""
    out = list(args)
    for i, a in enumerate(out[:-1]):
        if a == "--store":
            local = folder / out[i + 1].lstrip("/").replace("/", "_")
            if args[1] != "build" and not local.exists():
                shutil.copytree(seeded, local)
            out[i + 1] = str(local)
    return out


def _shape(result_stdout: str, args: list[str], folder: Path) -> None:
    fmt = args[args.index("--format") + 1] if "--format" in args else "table"
    out_file = args[args.index("-o") + 1] if "-o" in args else (
        args[args.index("--output") + 1] if "--output" in args else "-")
    if out_file != "-":
        target = folder / out_file
        assert target.exists(), f"-o {out_file} was not written"
        if target.is_file():
            assert target.stat().st_size > 0
        return
    for name in ("--plot", "--html"):
        if name in args:
            assert (folder / args[args.index(name) + 1]).stat().st_size > 0
    if fmt == "json" and result_stdout.strip():
        json.loads(result_stdout)
    elif fmt == "csv" and result_stdout.strip():
        header = next(csv.reader(io.StringIO(result_stdout)))
        assert header and all(header)


# Examples that name inputs the scratch folder does not have (placeholders), by the start of the
# command, with whose help or doc it is: expected to fail until the owner makes them runnable.
PLACEHOLDERS = {
    "graphkit diff releases/": "release/diff help (MODEL): needs a releases/ folder",
    "graphkit diff old.graphkit": "release/diff help (MODEL): needs old.graphkit",
    "graphkit release releases/2026.12": "release help (MODEL): --previous releases/2026.11",
    "graphkit ingest statements/": "ingest help and docs/ingest.md (EXTRACT): statements/, remarks.txt",
    "graphkit xref": "xref help (RESOLVE): names ids and a my-records folder the store does not have",
    "graphkit build --records my-records": "xref help (RESOLVE): my-records",
}


@pytest.mark.parametrize("shown", ALL, ids=[s.id for s in ALL])
def test_a_shown_command_runs(shown: Shown, scratch: dict[str, Path], seeded_store: Path,
                              request: pytest.FixtureRequest) -> None:
    owner = next((why for start, why in PLACEHOLDERS.items() if shown.text.startswith(start)), None)
    if owner is not None:
        request.applymarker(pytest.mark.xfail(reason=owner, strict=False))
    args = command_args(shown.text)
    if "--sparql" in args:
        # push --sparql: to the Fuseki .ci/run starts, in place of the address the doc shows
        if not os.environ.get("FUSEKI_URL"):
            pytest.skip("needs a SPARQL store (FUSEKI_URL); tests/test_sparqlpush.py runs push --sparql under CI")
        args[args.index("--sparql") + 1] = os.environ["FUSEKI_URL"]
    elif "--manifest" in args and not any((ROOT / "tests" / "realtexts" / "texts").glob("*.txt")):
        pytest.skip("the real-text corpus is third-party text kept out of git (tests/realtexts/README.md): "
                    "absent here, as in CI")
    elif NEO4J.match(shown.text) and not os.environ.get("NEO4J_URI"):
        pytest.skip("needs a Neo4j server (NEO4J_URI); the Neo4j tests run these under CI")
    folder = scratch[shown.doc]
    if args and args[0] in FORGETFUL:  # on a copy of its own, so later examples still see the document
        folder = _copy_of(folder)
    args = _prepare(args, folder, seeded_store)
    if args and args[0] == "serve":
        pytest.skip("serve runs until stopped; tests/test_serve.py covers it")
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(cli, args, env={"GRAPHKIT_STORE": None, "COLUMNS": "100"})
    finally:
        os.chdir(cwd)
    message = f"{shown.id}: {shown.text}\n{result.output[-2000:]}"
    assert result.exception is None or isinstance(result.exception, SystemExit), message
    assert "Traceback" not in result.output, message
    assert result.exit_code == shown.expect, message
    if shown.expect == 0:
        _shape(result.stdout, args, folder)


# ---------------------------------------------------------------------------------------- the reference

def test_the_cli_reference_is_the_help() -> None:
    check = subprocess.run([sys.executable, str(ROOT / "scripts" / "generate-cli-docs"), "--check"],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stderr + " (run scripts/generate-cli-docs)"


def test_the_reference_holds_each_commands_current_help() -> None:
    from graphkit.cli.reference import render_reference

    text = render_reference()
    for name in ("search", "show", "documents", "forget", "query", "trace"):
        result = CliRunner().invoke(cli, [name, "--help"], terminal_width=100)
        first = result.stdout.splitlines()[2].strip()  # the summary line under "Usage:"
        assert f"## graphkit {name}" in text and first in text


@pytest.mark.parametrize("name", sorted(cli.list_commands(cli.make_context("graphkit", [], resilient_parsing=True))))
def test_every_command_has_help_with_an_example(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert re.search(r"^\s+Examples?:\s*$", result.stdout, re.M), f"graphkit {name} --help has no example"
    assert re.search(r"^\s+graphkit " + re.escape(name) + r"\b", result.stdout, re.M)
