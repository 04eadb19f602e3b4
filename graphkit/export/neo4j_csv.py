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
import io
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from itertools import chain
from pathlib import Path
from typing import IO, Any, TextIO

from graphkit.engines.neo4j.admin import IMPORT_SCRIPT, SCHEMA_FILE, import_script
from graphkit.engines.neo4j.identity import MARKER_PROP, edge_props, node_labels, node_props, schema_statements
from graphkit.errors import GraphkitError
from graphkit.export.base import ExportInput, Progress, Reads, Sink, WriteOptions
from graphkit.project import BOOL, DATE, EDGE_PROPS, INT, STRING, STRING_LIST, Edge, Node, Projection, collector_paused

Opener = Callable[[str], AbstractContextManager[IO[str]]]
ARRAY_DELIMITERS = (";", "|", "\x1f", "\x1e")
CHUNK = 5000   # rows per write
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
    texts: list[str] = []

    def look() -> None:   # a few thousand elements at a time, each delimiter searched in C
        text = "\n".join(texts)
        used.update(d for d in ARRAY_DELIMITERS if d in text)
        texts.clear()

    for props in chain((n.props for n in proj.nodes.values()), (e.props for e in proj.edges)):
        for v in props.values():
            if isinstance(v, (list, tuple)):
                texts.extend(x if type(x) is str else str(x) for x in v)
        if len(texts) > 10_000:
            look()
    look()
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


def _converter(delimiter: str) -> Callable[[Any], Any]:
    """:func:`_cell` for the csv module, which writes None as nothing, and str and int as they
    are: only lists, booleans and dates (and anything else) are converted here."""
    def cell(value: Any) -> Any:
        t = type(value)
        if t is str or t is int or value is None:
            return value
        if t is list:
            return delimiter.join(value) if all(type(x) is str for x in value) else delimiter.join(map(str, value))
        return _cell(value, delimiter)
    return cell


def _columns(schema: dict[str, str]) -> list[tuple[str, str]]:
    """(property, header) pairs: id first, then the rest in schema order."""
    cols = [("id", "id:ID"), (":LABEL", ":LABEL")]
    cols += [(k, k + TYPE_SUFFIX[t]) for k, t in schema.items() if k != "id"]
    return cols


def _write_csv(fh: IO[str], header: list[str], rows: Iterable[list[Any]]) -> bool:
    """Write a header and rows; returns whether a value holds a line break (neo4j-admin then needs
    ``--multiline-fields``). Rows go through the csv module a chunk at a time, and the check looks
    at each chunk's text: a chunk of n rows has n line ends unless a value holds one."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    multiline = False
    chunk: list[list[Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == CHUNK:
            multiline = _flush(fh, buf, w, chunk) or multiline
    multiline = _flush(fh, buf, w, chunk) or multiline
    return multiline


def _flush(fh: IO[str], buf: io.StringIO, w: Any, chunk: list[list[Any]]) -> bool:
    lines_before = buf.getvalue().count("\n")
    w.writerows(chunk)
    text = buf.getvalue()
    multiline = "\r" in text or text.count("\n") - lines_before != len(chunk)
    fh.write(text)
    buf.seek(0)
    buf.truncate()
    chunk.clear()
    return multiline


def write(proj: Projection, open_file: Opener, *, progress: Progress | None = None) -> list[str]:
    """Write one CSV per node table and per relationship type, the import script and the schema.

    Returns the file names written.
    """
    with collector_paused():   # millions of small acyclic objects: see graphkit.project
        return _write(proj, open_file, progress)


def _write(proj: Projection, open_file: Opener, progress: Progress | None) -> list[str]:
    delim = array_delimiter(proj)
    cell = _converter(delim)
    multiline = False
    files: list[str] = []
    by_table: dict[str, list[Node]] = defaultdict(list)
    for n in proj.nodes.values():
        by_table[n.table].append(n)
    for table in sorted(by_table):
        nodes = by_table[table]
        rows = [(delim.join(node_labels(n)), node_props(n)) for n in nodes]
        schema: dict[str, str] = dict(proj.node_props.get(table, {}))
        schema[MARKER_PROP] = STRING
        for _, props in rows:   # properties the schema does not declare (synthetic graphs)
            for p, v in props.items():
                if p not in schema:
                    schema[p] = _prop_type(v)
        cols = _columns(schema)
        keys = [p for p, _ in cols[2:]]
        filename = f"nodes_{table}.csv"
        with open_file(filename) as fh:
            multiline = _write_csv(fh, [h for _, h in cols],
                                   ([cell(props.get("id")), labels, *[cell(props.get(k)) for k in keys]]
                                    for labels, props in rows)) or multiline
        files.append(filename)
        if progress:
            progress(len(nodes))

    by_type: dict[str, list[Edge]] = defaultdict(list)
    for e in proj.edges:
        by_type[e.type].append(e)
    for rtype in sorted(by_type):
        edges = by_type[rtype]
        edge_rows = [(e, edge_props(e)) for e in edges]
        schema = dict(EDGE_PROPS)
        schema[MARKER_PROP] = STRING
        for _, props in edge_rows:
            for p, v in props.items():
                if p not in schema:
                    schema[p] = _prop_type(v)
        keys = list(schema)
        filename = f"rels_{rtype}.csv"
        header = [":START_ID", ":END_ID", ":TYPE", *(p + TYPE_SUFFIX[t] for p, t in schema.items())]
        with open_file(filename) as fh:
            multiline = _write_csv(fh, header,
                                   ([e.source, e.target, rtype, *[cell(props.get(k)) for k in keys]]
                                    for e, props in edge_rows)) or multiline
        files.append(filename)
        if progress:
            progress(len(edges))

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
