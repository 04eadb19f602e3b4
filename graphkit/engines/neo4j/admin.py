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
  60.7 s). Above :data:`QUICK_JIT_ROWS` the JVM's default stays: at 3M facts (1,280,975 rows, with
  the archive below; 3 rounds alternated, load 5-14) it took 23.8 s wall and 33.9 s CPU (minima) against
  31.0 s and 41.1 s with C1 only. Where between 420k and 1.28M rows C1 stops paying is not measured;
- whatever the size, unless ``JDK_JAVA_OPTIONS`` is already set, the JVM reads the import tool's
  classes from a class-data-sharing archive (JDK 17's dynamic AppCDS) in the folder named by
  ``$GRAPHKIT_NEO4J_ADMIN_ARCHIVES`` (:data:`ARCHIVE_FOLDER_VARIABLE`; default
  ``$XDG_CACHE_HOME/graphkit`` or ``~/.cache/graphkit``, the user's own; set empty for none), one
  archive per neo4j-admin command (its path's checksum in the name). The first import writes it
  (``-XX:ArchiveClassesAtExit``, under a temporary name, moved into place only if the import
  succeeded, so concurrent imports never see half a file); later imports use it
  (``-XX:SharedArchiveFile``, ``-Xshare:auto``). The JVM checks that the archive matches its own
  build and the classpath (jar paths, sizes and times) and runs without it otherwise; the script
  reads the JVM's ``cds`` log of that run and removes an archive it did not use, so the next import
  writes one that fits (after a Java or Neo4j upgrade). ``-Xshare:auto`` does not make a damaged
  archive harmless on JDK 17.0.15: a truncated one crashed the JVM (SIGBUS), a file of garbage too
  when the ``cds`` log is on (SIGSEGV); so on exit 134 or 139 with an archive the script removes it
  and runs the import again without it (tested with a stand-in neo4j-admin, and by hand with the
  real tool: garbage, truncated, another classpath's archive, none of them failed an import).
  Only measured with the test server's single-JVM neo4j-admin (``scripts/neo4j-server``); a Neo4j
  distribution's neo4j-admin starts a second JVM for the command, and both read the variable (not
  tried).

Round eighteen, the archive (neo4j-admin 5.26, JDK 17.0.15, C1 only; A without, B with an archive
written beforehand, alternated in one process, minimum of the rounds): a 2-node graph (the fixed
cost) 3.47 -> 2.42 s wall and 3.21 -> 2.40 s CPU (4 rounds each, load 5.1-6.1; medians 4.89 -> 2.86 s),
"IMPORT DONE" in 1.1-1.9 s -> 0.7-0.8 s; the 1M-fact graph (string ids) 13.32 -> 10.38 s wall and
13.29 -> 11.90 s CPU (3 rounds each, load 5.6-6.9), the time before the import proper ("IMPORT DONE"
subtracted) 3.5 -> 1.9 s. The import that writes the archive pays for it once: a 2-node graph 6.2-6.6 s
instead of 2.0-2.3 s, CPU +2.7-4.6 s (3 rounds, load 6-7), 32 MB on disk. The signed
eclipse-collections jars' classes stay out of it (the JVM skips signed jars).

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

Round eighteen (with the archive; bench/neo4j_push.py --no-kgx, the route as `graphkit export` writes it,
bench/README.md): at 1M push 12.15 s best against the route's 12.67 s (CSV 4.16 + import 8.51 s) at load
1.3-4.9, 0.96 in wall time, 1.25 in CPU; 22.37 against 16.25 s at load 1.7-8.1 (1.38); at 3M facts
(1,280,975 rows) 60.64 against 33.63 s at load 2.8-9.3 (1.80), 42.19 against 35.47 s at load 1.8-4.6
(1.19; CSV 16.2 + import 19.3 s). Integer ids gained no wall time above the noise
(1M 16.94 against 16.25 s, 3M 43.19 against 33.63 s), so the export keeps the IRIs as ids.

Round nineteen, where the fixed cost goes (the script as written, C1 and the archive; the tool's own stage
times and when each line appeared; 2-node graph 5 rounds, load 3.7-4.0; the 100k-fact graph, 36,715 rows, 3
rounds, load 4.4-6.6): the JVM is up in 0.1 s; its first line ("Neo4j version") comes at 1.25-1.55 s (the
command line, configuration, logging); "Import starting" 0.7-0.8 s later at 2.0-2.4 s (the input files, the
page cache, the new store), 1.0-1.1 s later at 100k; then the import itself: for 2 nodes node import 0.14-0.32
s, relationships 0.02-0.08 s, linking 0.11-0.16 s, post processing (counts, the label and type indexes) and
the JVM's exit 0.4-0.7 s; at 100k 0.5-0.65, 0.4-0.6, 0.2 and 0.5-0.6 s. About 0.5-0.8 s of wall time and
0.7-1.0 s of CPU of it are the two eclipse-collections jars, the only signed jars on the tool's classpath:
their classes stay out of the archive (the JVM skips signed jars), and each of their 17 factory look-ups
(``ServiceLoader``, which reads the jar uncached) checks the jars' signatures again (56 of the main thread's
96 JFR samples). The same jars with their signature files removed (a throwaway copy of the test server's
neo4j-admin, never what graphkit ships): 2 nodes 1.93 s wall / 1.63 s CPU against 2.74 / 2.62 s (minima;
medians 2.08 against 3.15 s), 100k 3.42 / 3.43 s against 3.92 / 4.15 s (medians 3.56 against 4.16 s), 1M
(420,511 rows, load 7-12) 8.96 / 10.77 s against 10.81 / 11.94 s (medians 9.06 against 11.46 s). No option of
the tool or setting of the JVM reaches that: tried against the script as it is, alternated,
``-XX:+UseSerialGC`` (2 nodes 2.36 s wall min, 2.41 s CPU; 100k 3.90 s, 3.92 s: 0.2-0.3 s less CPU, wall time
within the noise), ``-XX:-UsePerfData`` (2.46 s, 2.47 s; 3.96 s, 4.09 s), ``--skip-bad-entries-logging=true``
(2 nodes 2.71 s, 2.62 s) and ``--max-off-heap-memory=256M`` (2 nodes 2.65 s, 2.59 s; 100k 5.21 s, 5.10 s:
relationship linking 1.2 s slower); none is used.

Round twenty, why the files are files (no streaming through named pipes): neo4j-admin 5.26 reads every
input file twice. Before "Import starting" (``CsvInput.validateAndEstimate``, the estimates) it opens each
file, reads 4 bytes (the check for a compressed file), opens it again while that descriptor is still
open, takes its size and reads the header and a sample; the node and relationship stages open and read
it again from the start (strace of the fixture graph's import: four openings per file; the same for the
data files when the headers are files of their own). With FIFOs fed once, the first file went to the
check and the tool then waited without a word (killed after 120 s); with FIFOs served afresh at every
opening it failed (exit 70) with ``HeaderException: Group 'null' not found. Available groups are: []``.
Either way each file's content would be needed before the import starts, so the CSV export cannot
overlap the import (bench/README.md, "Round twenty: the bulk route").

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
ARCHIVE_FOLDER_VARIABLE = "GRAPHKIT_NEO4J_ADMIN_ARCHIVES"
"""The environment variable naming the folder of the import script's class-data-sharing archives
(empty: none; unset: ``$XDG_CACHE_HOME/graphkit`` or ``~/.cache/graphkit``)."""


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
    script asks the JVM for C1 compilation only. Unless ``JDK_JAVA_OPTIONS`` is set, the script
    also gives the JVM a class-data-sharing archive of the import's classes (see the module's
    description and :data:`ARCHIVE_FOLDER_VARIABLE`)."""
    args = import_arguments(nodes, relationships, database="DATABASE", array_delimiter=array_delimiter,
                            multiline=multiline, integer_ids=integer_ids)
    quoted = [shlex.quote(a) if a != "DATABASE" else '"$DATABASE"' for a in args]
    quick = rows is not None and rows <= QUICK_JIT_ROWS
    options = QUICK_JIT_OPTIONS if quick else "-XX:+IgnoreUnrecognizedVMOptions"
    jit = [
        f"# {rows} nodes and relationships: the JVM's optimising compiler would cost more than it saves",
        "# (C1 only took a third off the import's CPU at 420k).",
    ] if quick else []
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
        'SCRIPT="./$(basename "$0")"',
        *jit,
        "# The JVM's classes come from a class-data-sharing archive (about 1 s less to start). The first",
        "# import writes it (a few seconds more, once) into the folder $" + ARCHIVE_FOLDER_VARIABLE + ",",
        "# default $XDG_CACHE_HOME/graphkit or ~/.cache/graphkit (set it empty for none), one per neo4j-admin.",
        "# An archive the JVM cannot use (another Java, other jars) is removed, then written anew; if the JVM",
        "# crashes with it (a damaged file), it is removed and the import run again without it.",
        "# Set JDK_JAVA_OPTIONS (even empty) to choose the JVM's options yourself: then none of this.",
        "NEW_ARCHIVE= ARCHIVE= ARCHIVE_LOG=",
        'if [ -z "${JDK_JAVA_OPTIONS+set}" ]; then',
        f"  OPTIONS='{options}'",
        f'  if [ -n "${{{ARCHIVE_FOLDER_VARIABLE}+set}}" ]; then',
        f"    folder=${ARCHIVE_FOLDER_VARIABLE}",
        '  elif [ -n "${XDG_CACHE_HOME:-}" ]; then',
        "    folder=$XDG_CACHE_HOME/graphkit",
        '  elif [ -n "${HOME:-}" ]; then',
        "    folder=$HOME/.cache/graphkit",
        "  else",
        "    folder=",
        "  fi",
        "  case $folder in *[!A-Za-z0-9._/+@-]*) folder= ;; esac   # the JVM's options hold it unquoted",
        "  JDK_JAVA_OPTIONS=$OPTIONS",
        '  if [ -n "$folder" ] && mkdir -p "$folder" 2>/dev/null && [ -w "$folder" ]; then',
        '    key=$(command -v "${NEO4J_ADMIN:-neo4j-admin}" 2>/dev/null | cksum | cut -d " " -f 1)',
        "    ARCHIVE=$folder/neo4j-admin-$key.jsa",
        '    if [ -f "$ARCHIVE" ]; then',
        "      ARCHIVE_LOG=$folder/neo4j-admin-$key.$$.log",
        '      JDK_JAVA_OPTIONS="$OPTIONS -XX:SharedArchiveFile=$ARCHIVE -Xshare:auto"',
        '      JDK_JAVA_OPTIONS="$JDK_JAVA_OPTIONS -Xlog:cds=info:file=$ARCHIVE_LOG -XX:ErrorFile=$ARCHIVE_LOG.crash"',
        "    else",
        "      NEW_ARCHIVE=$folder/neo4j-admin-$key.$$.jsa",
        '      JDK_JAVA_OPTIONS="$OPTIONS -XX:ArchiveClassesAtExit=$NEW_ARCHIVE -Xlog:cds=off -Xlog:cds+dynamic=off"',
        "    fi",
        "  fi",
        "  export JDK_JAVA_OPTIONS",
        "fi",
        "finish() {   # after neo4j-admin, whatever its exit status (the import's last line stays the last)",
        "  status=$?",
        "  trap - EXIT",
        '  if [ -n "$NEW_ARCHIVE" ]; then',
        '    if [ "$status" -eq 0 ] && [ -s "$NEW_ARCHIVE" ]; then',
        '      mv -f "$NEW_ARCHIVE" "$ARCHIVE"',
        "    else",
        '      rm -f "$NEW_ARCHIVE"',
        "    fi",
        "  fi",
        '  if [ -n "$ARCHIVE_LOG" ]; then',
        '    if [ "$status" -eq 134 ] || [ "$status" -eq 139 ]; then',
        '      rm -f "$ARCHIVE" "$ARCHIVE_LOG" "$ARCHIVE_LOG.crash"',
        '      echo "neo4j-admin-import.sh: the JVM failed with $ARCHIVE (removed); importing without it" >&2',
        '      JDK_JAVA_OPTIONS=$OPTIONS sh "$SCRIPT" "$DATABASE" && status=0 || status=$?',
        '    elif [ -f "$ARCHIVE_LOG" ] && { ! grep -q "Mapped dynamic region #0" "$ARCHIVE_LOG" ||'
        ' grep -q "Unmapping region #[01] " "$ARCHIVE_LOG"; }; then',
        '      rm -f "$ARCHIVE"   # the JVM did not use it: written anew next time',
        "    fi",
        '    rm -f "$ARCHIVE_LOG"',
        "  fi",
        '  exit "$status"',
        "}",
        "trap finish EXIT",
        "trap 'exit 130' INT TERM",
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
