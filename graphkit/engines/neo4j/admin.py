"""neo4j-admin's offline bulk import (``neo4j-admin database import full``), for an empty database.

:func:`import_arguments` is the one definition of the command line that the neo4j-admin CSV
export writes into its script; :func:`run_import` runs that script. The arguments suit Neo4j 5.26:

- the database name comes first, right after ``full``: ``--nodes`` and ``--relationships``
  take several files each, so a name after them is read as one more file (exit 70);
- every delimiter is plain ASCII or written as ``U+XXXX``, so the command works under any
  locale (``LANG=C`` rejects a non-ASCII character on the command line);
- ``--input-encoding=UTF-8`` (the files are UTF-8 whatever the JVM's default charset);
- ``--id-type=string`` (the IRIs are the ids), or ``integer`` for files written with
  ``integer_ids`` (:mod:`graphkit.export.neo4j_csv`);
- ``--multiline-fields=true`` only when a value holds a line break (it slows the import down);
- for a graph of up to :data:`QUICK_JIT_ROWS` nodes and relationships, the script runs the tool's
  JVM with C1 compilation only (``-XX:TieredStopAtLevel=1`` through ``JDK_JAVA_OPTIONS``, which
  every ``java`` launcher reads, so the flag reaches the JVM whichever neo4j-admin starts it),
  unless ``JDK_JAVA_OPTIONS`` is already set. On this machine's 2 cores the optimising compiler
  costs more than it saves: neo4j-admin 5.26 importing the generated 1M-fact graph (86,557 nodes,
  333,954 relationships = 420,511 rows, integer ids; two runs each, alternated, load 8-11 from
  other work) took 10.3 / 11.0 s of wall time and 12.2 / 12.9 s of CPU with C1 only, 14.0 / 14.6 s
  and 18.7 / 22.2 s with the JVM's default (a round earlier, with the CSV of then: 31.7 s against
  60.7 s). Above :data:`QUICK_JIT_ROWS` (not measured) the JVM's default stays.

Where the time goes at 1M (string ids, neo4j-admin's own report, C1, load 1-9): about 1.9 s
from the JVM's start to "Import starting" and 0.8 s of import for a 2-node graph (2.8 s wall,
3.4 s CPU: the fixed cost, which is why at 100k facts the bulk route cannot beat a 1.8 s push);
then node import 2.3-4.2 s (reading and encoding 86k nodes, 845k properties; the id index 0.15 s),
relationship import 2.9-3.7 s, linking 0.4-0.7 s, post-processing (counts, label and type
indexes) 0.6-1.6 s; 8.3-12.2 s of import, 10.4-16 s wall. With integer ids (files 74 MB instead
of 119 MB) the import took 10.0 / 11.0 / 10.3 s and 14.6 / 13.3 / 12.3 s of CPU against 10.9 /
12.6 / 11.8 s and 15.9 / 14.3 / 14.0 s with IRIs (3 rounds, alternated). ``--id-type=actual``
(the integers taken as the store's own node ids) gained about another second (9.1-9.9 s, 11.0-12.3 s
of CPU) but is not used: Neo4j calls it advanced, it was not tried with the block format
Enterprise databases default to, and its developers call it internal (below). Tried without a gain
above the noise: ``--high-parallel-io=off``, ``--max-off-heap-memory=1G``, ``-XX:+UseSerialGC``,
``-XX:+UseParallelGC``; dropping the columns no row has a value in (with IRI ids: 11.8-13.0 s
against 11.1-12.7 s); a 4g heap instead of the test wrapper's 1g (the whole route, 3 rounds each:
13.7-14.1 s either way).

The whole bulk route against `graphkit push` into an empty database at 1M. Round twelve
(bench/neo4j_push.py --bulk-ids both, 3 rounds, load 2-7): push 12.83 s best (21.5 s of CPU,
client and server on both cores); CSV + import 14.20 s with integer ids (4.3 + 9.9 s, 17.9 s of
CPU), 14.43 s with IRIs (19.4 s): push / bulk 0.90 and 0.89 in wall time, 1.20 and 1.11 in CPU.
Round thirteen (push then finding relationship ends by element id at 1M too, since limited to
smaller graphs: :data:`graphkit.engines.neo4j.load.ELEMENT_ID_ROWS`), push and the route alternated
in one process, 3 rounds each, on a machine busy with other work (load 2.8-11.6): push 19.70 s best
(median 19.89, CPU 22.5 s); the route as `graphkit export` writes it (IRIs, one process) 18.23 s
(median 19.33; CSV 5.2-6.5 s + import 12.8-17.2 s; CPU 21.0 s), the CSV by two processes 18.97 s
(median 22.25), integer ids and two processes 18.93 s (median 19.51): bulk / push 1.08 best, 1.03
median. In an earlier run (load 2.8-6.7) push 18.49 s against 16.96 s (integer ids, one process) and
15.46 s (two); bench/neo4j_push.py (3 rounds, load 2.6-6.3): push 23.82 s, the route 18.35 s
(1.30x). The route needs about 1.4 cores, push two: under load the route wins, on an idle
machine push did. The route is bound by its serial parts: the export runs on one core (about 1.8 of
its 4-5 s are the fingerprints of :mod:`graphkit.engines.neo4j.identity`) before neo4j-admin starts,
then the tool's fixed 2.8 s and its import. Two writing processes gained 1.5 s at load 3-8 (round
twelve) and nothing at load 4-11, so `graphkit export` stays at one. Not used: ``--id-type=actual``
(9.1-9.9 s of import against 10.0-11.0 s with integers, round twelve), which Neo4j's developers call
an internal function not meant for everyday imports (neo4j/neo4j issue 12192).

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
                     multiline: bool, integer_ids: bool = False) -> list[str]:
    """The arguments after ``neo4j-admin`` that import these files into ``database`` (``integer_ids``:
    the files name nodes by integers, not IRIs)."""
    return ["database", "import", "full", database, "--overwrite-destination=true",
            f"--id-type={'integer' if integer_ids else 'string'}", "--input-encoding=UTF-8",
            f"--multiline-fields={'true' if multiline else 'false'}",
            "--delimiter=,", f"--array-delimiter={delimiter_argument(array_delimiter)}", '--quote="',
            *(f"--nodes={f}" for f in nodes), *(f"--relationships={f}" for f in relationships)]


def import_script(nodes: list[str], relationships: list[str], *, array_delimiter: str, multiline: bool,
                  rows: int | None = None, integer_ids: bool = False) -> str:
    """A POSIX shell script that runs the import from its own folder (ASCII only).

    ``rows``: how many nodes and relationships the files hold; up to :data:`QUICK_JIT_ROWS` the
    script asks the JVM for C1 compilation only (see the module's description)."""
    args = import_arguments(nodes, relationships, database="DATABASE", array_delimiter=array_delimiter,
                            multiline=multiline, integer_ids=integer_ids)
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
