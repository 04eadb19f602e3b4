"""neo4j-admin import CSV: a folder of ``nodes_<Table>.csv`` and ``rels_<TYPE>.csv`` files.

For offline bulk loads of large graphs into an empty Neo4j 5 database with
``neo4j-admin database import full`` (the folder's ``neo4j-admin-import.sh`` runs it; its
arguments come from :mod:`graphkit.engines.neo4j.admin`; ``schema.cypher`` has the constraint).
Nodes and relationships follow the identity model of ``graphkit push``
(:mod:`graphkit.engines.neo4j.identity`): the marker label ``GraphkitNode``, the ``graphkit``
fingerprint, and no property for an empty value, so pushing after the import finds everything
unchanged. Tested with the real import tool (tests/test_export_neo4j.py).

Headers carry the types: ``id:ID``, ``:LABEL`` (every label), ``name``, ``startDate:date``,
``ordinal:long``, ``extracted:boolean``, ``sources:string[]``; relationship files
``:START_ID``, ``:END_ID``, ``:TYPE`` then their properties. Arrays and labels use the first of
``;``, ``|``, U+001F, U+001E that no value contains. Fields are comma-separated and quoted with
``"`` when needed (quotes doubled).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import IO, Any, TextIO

from graphkit.engines.neo4j.admin import IMPORT_SCRIPT, SCHEMA_FILE, import_script
from graphkit.engines.neo4j.identity import MARKER_PROP, edge_props, node_labels, node_props, schema_statements
from graphkit.errors import GraphkitError
from graphkit.export.base import ExportInput, Progress, Reads, Sink, WriteOptions
from graphkit.project import BOOL, DATE, EDGE_PROPS, INT, STRING, STRING_LIST, Projection

Opener = Callable[[str], AbstractContextManager[IO[str]]]
ARRAY_DELIMITERS = (";", "|", "\x1f", "\x1e")
TYPE_SUFFIX = {STRING: "", STRING_LIST: ":string[]", INT: ":long", BOOL: ":boolean", DATE: ":date"}


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
    """Write one CSV per node table and per relationship type, the import script and the schema.

    Returns the file names written.
    """
    delim = array_delimiter(proj)
    multiline = False
    files: list[str] = []
    by_table: dict[str, list[str]] = defaultdict(list)
    for k, n in proj.nodes.items():
        by_table[n.table].append(k)
    for table in sorted(by_table):
        rows = [(node_labels(proj.nodes[k]), node_props(proj.nodes[k])) for k in by_table[table]]
        schema: dict[str, str] = dict(proj.node_props.get(table, {}))
        schema[MARKER_PROP] = STRING
        for _, props in rows:   # properties the schema does not declare (synthetic graphs)
            for p, v in props.items():
                if p not in schema:
                    schema[p] = _prop_type(v)
        cols = _columns(schema)
        filename = f"nodes_{table}.csv"
        with open_file(filename) as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow([h for _, h in cols])
            for labels, props in rows:
                cells = [delim.join(labels) if p == ":LABEL" else _cell(props.get(p), delim) for p, _ in cols]
                multiline = multiline or any("\n" in c or "\r" in c for c in cells)
                w.writerow(cells)
        files.append(filename)
        if progress:
            progress(len(by_table[table]))

    by_type: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(proj.edges):
        by_type[e.type].append(i)
    for rtype in sorted(by_type):
        edge_rows = [(proj.edges[i], edge_props(proj.edges[i])) for i in by_type[rtype]]
        schema = dict(EDGE_PROPS)
        schema[MARKER_PROP] = STRING
        for _, props in edge_rows:
            for p, v in props.items():
                if p not in schema:
                    schema[p] = _prop_type(v)
        filename = f"rels_{rtype}.csv"
        with open_file(filename) as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow([":START_ID", ":END_ID", ":TYPE", *(p + TYPE_SUFFIX[t] for p, t in schema.items())])
            for e, props in edge_rows:
                cells = [_cell(props.get(p), delim) for p in schema]
                multiline = multiline or any("\n" in c or "\r" in c for c in cells)
                w.writerow([e.source, e.target, e.type, *cells])
        files.append(filename)
        if progress:
            progress(len(by_type[rtype]))

    with open_file(IMPORT_SCRIPT) as fh:
        fh.write(import_script([f for f in files if f.startswith("nodes_")],
                               [f for f in files if f.startswith("rels_")], array_delimiter=delim,
                               multiline=multiline))
    with open_file(SCHEMA_FILE) as fh:
        fh.write("".join(stmt + ";\n" for stmt in schema_statements()))
    return [*files, IMPORT_SCRIPT, SCHEMA_FILE]


class Neo4jCsvWriter:
    """neo4j-admin import CSV, into a folder."""

    name = "neo4j-csv"
    suffixes: tuple[str, ...] = ()
    reads: Reads = "graph"
    folder = True
    description = "a folder of neo4j-admin import CSV files, with their import script"

    def write(self, data: ExportInput, sink: Sink, options: WriteOptions) -> None:
        write(data.projection(), sink.open, progress=options.progress)
