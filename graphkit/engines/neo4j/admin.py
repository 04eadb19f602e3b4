"""neo4j-admin's offline bulk import (``neo4j-admin database import full``), for an empty database.

:func:`import_arguments` is the one definition of the command line that the neo4j-admin CSV
export writes into its script; :func:`run_import` runs that script. The arguments suit Neo4j 5.26:

- the database name comes first, right after ``full``: ``--nodes`` and ``--relationships``
  take several files each, so a name after them is read as one more file (exit 70);
- every delimiter is plain ASCII or written as ``U+XXXX``, so the command works under any
  locale (``LANG=C`` rejects a non-ASCII character on the command line);
- ``--input-encoding=UTF-8`` (the files are UTF-8 whatever the JVM's default charset);
- ``--multiline-fields=true`` only when a value holds a line break (it slows the import down);
- for a graph of up to :data:`QUICK_JIT_ROWS` nodes and relationships, the script runs the tool's
  JVM with C1 compilation only (``-XX:TieredStopAtLevel=1`` through ``JDK_JAVA_OPTIONS``, which
  every ``java`` launcher reads, so the flag reaches the JVM whichever neo4j-admin starts it),
  unless ``JDK_JAVA_OPTIONS`` is already set. On this machine's 2 cores the optimising compiler
  cost more than the import itself: neo4j-admin 5.26 importing the generated 1M-fact graph
  (86,557 nodes, 333,954 relationships) used 31.6 s of CPU and 60.7 s of wall time with the
  JVM's default, 20.2 s and 31.7 s with C1 only; an import of 62 nodes 13.9 s and 9.8 s of CPU.
  Above that size (not measured) the JVM's default stays: C2's faster code then pays for itself.

Constraints are not part of an offline import: ``schema.cypher`` beside the files holds the
statements of the identity model (``graphkit push`` creates them too).
"""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path

from graphkit.errors import StoreError

IMPORT_SCRIPT = "neo4j-admin-import.sh"
SCHEMA_FILE = "schema.cypher"
QUICK_JIT_ROWS = 1_000_000
"""Up to this many nodes and relationships, the import script asks for C1 compilation only."""
QUICK_JIT_OPTIONS = "-XX:+IgnoreUnrecognizedVMOptions -XX:TieredStopAtLevel=1"


def delimiter_argument(char: str) -> str:
    """A delimiter as neo4j-admin reads it in any locale: printable ASCII as itself, else ``U+XXXX``."""
    if len(char) != 1:
        raise ValueError(f"a delimiter is one character, not {char!r}")
    return char if 0x21 <= ord(char) < 0x7f else f"U+{ord(char):04X}"


def import_arguments(nodes: list[str], relationships: list[str], *, database: str, array_delimiter: str,
                     multiline: bool) -> list[str]:
    """The arguments after ``neo4j-admin`` that import these files into ``database``."""
    return ["database", "import", "full", database,
            "--overwrite-destination=true", "--id-type=string", "--input-encoding=UTF-8",
            f"--multiline-fields={'true' if multiline else 'false'}",
            "--delimiter=,", f"--array-delimiter={delimiter_argument(array_delimiter)}", '--quote="',
            *(f"--nodes={f}" for f in nodes), *(f"--relationships={f}" for f in relationships)]


def import_script(nodes: list[str], relationships: list[str], *, array_delimiter: str, multiline: bool,
                  rows: int | None = None) -> str:
    """A POSIX shell script that runs the import from its own folder (ASCII only).

    ``rows``: how many nodes and relationships the files hold; up to :data:`QUICK_JIT_ROWS` the
    script asks the JVM for C1 compilation only (see the module's description)."""
    args = import_arguments(nodes, relationships, database="DATABASE", array_delimiter=array_delimiter,
                            multiline=multiline)
    quoted = [shlex.quote(a) if a != "DATABASE" else '"$DATABASE"' for a in args]
    jit = [] if rows is None or rows > QUICK_JIT_ROWS else [
        f"# {rows} nodes and relationships: the JVM's optimising compiler would cost more than it saves",
        "# (C1 only took a third off the import's CPU at 420k). Set JDK_JAVA_OPTIONS (even empty) to choose.",
        'if [ -z "${JDK_JAVA_OPTIONS+set}" ]; then',
        f"  JDK_JAVA_OPTIONS='{QUICK_JIT_OPTIONS}'",
        "  export JDK_JAVA_OPTIONS",
        "fi",
    ]
    lines = [
        "#!/bin/sh",
        "# Load these files into an EMPTY Neo4j 5 database (offline: stop the database first):",
        "#   sh neo4j-admin-import.sh [DATABASE]        (default database: neo4j)",
        "# neo4j-admin is taken from $NEO4J_ADMIN, else from the PATH. Then start Neo4j and run",
        "# schema.cypher (cypher-shell -f schema.cypher), or `graphkit push`, which creates the same",
        "# constraint and finds every node and relationship unchanged.",
        "# Written by graphkit export --format neo4j-csv.",
        "set -eu",
        'DATABASE="${1:-neo4j}"',
        'cd "$(dirname "$0")"',
        *jit,
        '"${NEO4J_ADMIN:-neo4j-admin}" \\',
        *(f"  {a} \\" for a in quoted[:-1]),
        f"  {quoted[-1]}",
        "",
    ]
    return "\n".join(lines)


def run_import(folder: Path, database: str = "neo4j", *, neo4j_admin: str | None = None,
               timeout: float | None = None, environment: dict[str, str] | None = None) -> str:
    """Run the import script of an exported folder; returns neo4j-admin's output.

    ``neo4j_admin``: the command to run (default: ``$NEO4J_ADMIN`` or ``neo4j-admin`` on the PATH);
    ``environment``: variables set for it (``NEO4J_HOME``, ``LANG`` ...) over the process's own.
    Raises StoreError (one line, with the last line neo4j-admin printed) when the import fails.
    """
    script = folder / IMPORT_SCRIPT
    if not script.is_file():
        raise StoreError(f"{script}: no import script (export with --format neo4j-csv first)")
    env = {**os.environ, **(environment or {})}
    if neo4j_admin:
        env["NEO4J_ADMIN"] = neo4j_admin
    try:
        done = subprocess.run(["sh", str(script), database], capture_output=True, text=True, env=env,
                              timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise StoreError(f"neo4j-admin import of {folder} did not finish within {timeout} s") from None
    output = done.stdout + done.stderr
    if done.returncode != 0:
        last = next((line.strip() for line in reversed(output.splitlines()) if line.strip()), "no output")
        raise StoreError(f"neo4j-admin import of {folder} failed (exit {done.returncode}): {last[:300]}")
    return output
