"""neo4j-admin import CSV: a folder of ``nodes_<Table>.csv`` and ``rels_<TYPE>.csv`` files.

For offline bulk loads of large graphs into an empty Neo4j 5 database with
``neo4j-admin database import full`` (the folder's ``neo4j-admin-import.sh`` has the command).
Headers carry the types: ``id:ID``, ``:LABEL`` (every label, ``;``-separated), ``name``,
``startDate:date``, ``ordinal:long``, ``extracted:boolean``, ``sources:string[]``; relationship
files ``:START_ID``, ``:END_ID``, ``:TYPE`` then their properties. Arrays use the delimiter
``;`` unless a value contains one; then the first of ``|``, ``¦`` or U+001F that no value contains
(the import script passes it as ``--array-delimiter``). Fields are comma-separated, quoted with
``"`` when needed (quotes doubled); text may hold newlines (``--multiline-fields=true``).

Not tested against neo4j-admin itself (graphkit's tests have no neo4j-admin binary); the tests
check the files' structure and types.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any, TextIO

from graphkit.errors import GraphkitError
from graphkit.export import Progress
from graphkit.project import BOOL, DATE, EDGE_PROPS, INT, STRING, STRING_LIST, Projection

Opener = Callable[[str], AbstractContextManager[TextIO]]
ARRAY_DELIMITERS = (";", "|", "¦", "\x1f")
TYPE_SUFFIX = {STRING: "", STRING_LIST: ":string[]", INT: ":long", BOOL: ":boolean", DATE: ":date"}
IMPORT_SCRIPT = "neo4j-admin-import.sh"


def folder_opener(folder: Path) -> Opener:
    """An opener writing files into ``folder`` (created if missing)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise GraphkitError(f"cannot create the folder {folder}: {exc}") from exc

    @contextmanager
    def opener(filename: str) -> Iterator[TextIO]:
        with open(folder / filename, "w", encoding="utf-8", newline="") as fh:
            yield fh
    return opener


def _prop_type(value: Any) -> str:
    if isinstance(value, bool):
        return BOOL
    if isinstance(value, int):
        return INT
    if isinstance(value, dt.date):
        return DATE
    if isinstance(value, (list, tuple)):
        return STRING_LIST
    return STRING


def array_delimiter(proj: Projection) -> str:
    """The first delimiter no array element contains."""
    used: set[str] = set()
    items = [n.props for n in proj.nodes.values()] + [e.props for e in proj.edges]
    for props in items:
        for v in props.values():
            if isinstance(v, (list, tuple)):
                for x in v:
                    used.update(d for d in ARRAY_DELIMITERS if d in str(x))
    for d in ARRAY_DELIMITERS:
        if d not in used:
            return d
    raise GraphkitError("every array delimiter neo4j-admin could use occurs in the data")


def _cell(value: Any, delimiter: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return delimiter.join(str(x) for x in value)
    return str(value)


def _columns(schema: dict[str, str]) -> list[tuple[str, str]]:
    """(property, header) pairs: id first, then the rest in schema order."""
    cols = [("id", "id:ID"), (":LABEL", ":LABEL")]
    cols += [(k, k + TYPE_SUFFIX[t]) for k, t in schema.items() if k != "id"]
    return cols


def write(proj: Projection, open_file: Opener, *, progress: Progress | None = None) -> list[str]:
    """Write one CSV per node table and per relationship type, and the import script.

    Returns the file names written.
    """
    delim = array_delimiter(proj)
    files: list[str] = []
    by_table: dict[str, list[str]] = defaultdict(list)
    for k, n in proj.nodes.items():
        by_table[n.table].append(k)
    for table in sorted(by_table):
        schema: dict[str, str] = dict(proj.node_props.get(table, {}))
        for k in by_table[table]:   # properties the schema does not declare (synthetic graphs)
            for p, v in proj.nodes[k].props.items():
                if p not in schema and v is not None:
                    schema[p] = _prop_type(v)
        cols = _columns(schema)
        filename = f"nodes_{table}.csv"
        with open_file(filename) as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow([h for _, h in cols])
            for k in by_table[table]:
                n = proj.nodes[k]
                w.writerow([delim.join(n.labels) if p == ":LABEL" else _cell(n.props.get(p), delim)
                            for p, _ in cols])
        files.append(filename)
        if progress:
            progress(len(by_table[table]))

    by_type: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(proj.edges):
        by_type[e.type].append(i)
    for rtype in sorted(by_type):
        schema = dict(EDGE_PROPS)
        for i in by_type[rtype]:
            for p, v in proj.edges[i].props.items():
                if p not in schema and v is not None:
                    schema[p] = _prop_type(v)
        filename = f"rels_{rtype}.csv"
        with open_file(filename) as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow([":START_ID", ":END_ID", ":TYPE", *(p + TYPE_SUFFIX[t] for p, t in schema.items())])
            for i in by_type[rtype]:
                e = proj.edges[i]
                w.writerow([e.source, e.target, e.type, *(_cell(e.props.get(p), delim) for p in schema)])
        files.append(filename)
        if progress:
            progress(len(by_type[rtype]))

    with open_file(IMPORT_SCRIPT) as fh:
        fh.write(import_script(files, delim))
    files.append(IMPORT_SCRIPT)
    return files


def import_script(files: list[str], delimiter: str) -> str:
    """The neo4j-admin command that loads these files into an empty database."""
    quoted_delim = "'" + delimiter.replace("'", "'\\''") + "'"
    lines = [
        "#!/bin/sh",
        "# Load these files into an EMPTY Neo4j 5 database (offline; stop the database first):",
        "#   sh neo4j-admin-import.sh [DATABASE]        (default database: neo4j)",
        "# Written by graphkit export --format neo4j-csv; not tested against neo4j-admin by graphkit.",
        "set -eu",
        'cd "$(dirname "$0")"',
        "neo4j-admin database import full \\",
        "  --overwrite-destination=true --id-type=string --multiline-fields=true \\",
        f"  --delimiter=',' --array-delimiter={quoted_delim} --quote='\"' \\",
        *(f"  --nodes={f} \\" for f in files if f.startswith("nodes_")),
        *(f"  --relationships={f} \\" for f in files if f.startswith("rels_")),
        '  "${1:-neo4j}"',
        "",
    ]
    return "\n".join(lines)
