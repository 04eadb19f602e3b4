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

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import IO, Any, TextIO

from graphkit.engines.neo4j.admin import IMPORT_SCRIPT, SCHEMA_FILE, import_script
from graphkit.engines.neo4j.identity import MARKER_PROP, edge_props, node_labels, node_props, schema_statements
from graphkit.errors import GraphkitError
from graphkit.export.base import ExportInput, Progress, Reads, Sink, WriteOptions
from graphkit.project import BOOL, DATE, EDGE_PROPS, INT, STRING, STRING_LIST, Edge, Node, Projection, collector_paused

Opener = Callable[[str], AbstractContextManager[IO[str]]]
ARRAY_DELIMITERS = (";", "|", "\x1f", "\x1e")
CHUNK = 20_000   # rows per write
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
    columns: dict[str, list[Any]] = defaultdict(list)
    for props in chain((n.props for n in proj.nodes.values()), (e.props for e in proj.edges)):
        for k, v in props.items():
            if isinstance(v, (list, tuple)):
                columns[k].append(v)
    return _delimiter(columns.values())


def _delimiter(list_columns: Iterable[list[Any]]) -> str:
    """The first of :data:`ARRAY_DELIMITERS` that no element of these columns' lists contains
    (None cells skipped): each column's elements joined once, each delimiter searched in C."""
    used: set[str] = set()
    for col in list_columns:
        try:
            text = "\n".join(chain.from_iterable(filter(None, col)))
        except TypeError:   # an element that is not text
            text = "\n".join(map(str, chain.from_iterable(filter(None, col))))
        used.update(d for d in ARRAY_DELIMITERS if d in text)
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


_NONE = type(None)
_SPECIAL = (",", '"', "\r")   # a cell holding one of these (or a line end) is quoted


def _texts(values: list[Any], types: set[type], delimiter: str) -> list[str]:
    """One column's cells as text: "" for None, lists joined with ``delimiter``, dates in ISO form,
    booleans as true/false. One conversion for the whole column when its values share a type (the
    usual case), else :func:`_cell` per value. ``types``: the types of the values."""
    none = _NONE in types
    kinds = types - {_NONE}
    if kinds == {str}:
        return [v if v is not None else "" for v in values] if none else values
    if kinds == {list}:
        join = delimiter.join
        try:
            return [join(v) if v is not None else "" for v in values]
        except TypeError:   # a list with something else than text
            pass
    elif kinds == {int}:
        return [str(v) if v is not None else "" for v in values] if none else list(map(str, values))
    elif kinds == {dt.date}:
        return [v.isoformat() if v is not None else "" for v in values]
    return [_cell(v, delimiter) for v in values]


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _column(values: list[Any] | None, types: set[type], count: int, delimiter: str) -> tuple[list[str], bool]:
    """A column's cells ready to be joined with commas (quoted where a cell holds a comma, a quote
    or a line end, quotes doubled, as RFC 4180 and neo4j-admin read them), and whether a cell holds
    a line end. The checks look at the whole column's text at once: its cells joined with line
    ends hold ``count - 1`` of them unless a cell holds one."""
    if values is None:   # no row has this property
        return [""] * count, False
    cells = _texts(values, types, delimiter)
    text = "\n".join(cells)
    multiline = "\r" in text or text.count("\n") != count - 1
    if multiline or any(c in text for c in _SPECIAL):
        cells = [_quoted(c) if "," in c or '"' in c or "\n" in c or "\r" in c else c for c in cells]
    if str in types and "" in values:   # an empty text is a value (push stores it), an empty cell none
        cells = ['""' if v == "" and type(v) is str else c for c, v in zip(cells, values, strict=True)]
    return cells, multiline


@dataclass
class _File:
    """One CSV file to write: its header and its columns (None: a column no row has a value in)."""

    name: str
    header: list[str]
    columns: list[list[Any] | None]
    count: int
    types: list[set[type]] = field(default_factory=list)   # of each column's values

    def __post_init__(self) -> None:
        self.types = [set() if c is None else set(map(type, c)) for c in self.columns]


def _columns(schema: dict[str, str]) -> list[tuple[str, str]]:
    """(property, header) pairs: id first, then the rest in schema order."""
    cols = [("id", "id:ID"), (":LABEL", ":LABEL")]
    cols += [(k, k + TYPE_SUFFIX[t]) for k, t in schema.items() if k != "id"]
    return cols


def _schema(declared: dict[str, str], rows: list[dict[str, Any]]) -> tuple[dict[str, str], set[str]]:
    """The declared properties and the marker, then any other property the rows hold (synthetic
    graphs) in the order first met, typed by its first value; and the properties some row holds."""
    schema = dict(declared)
    schema[MARKER_PROP] = STRING
    present = set(chain.from_iterable(rows))
    if present - schema.keys():
        for props in rows:
            for p, v in props.items():
                if p not in schema:
                    schema[p] = _prop_type(v)
    return schema, present


def _node_file(table: str, nodes: list[Node], declared: dict[str, str]) -> _File:
    rows = [node_props(n) for n in nodes]
    schema, present = _schema(declared, rows)
    cols = _columns(schema)
    columns: list[list[Any] | None] = [[props.get("id") for props in rows], [node_labels(n) for n in nodes]]
    columns += [[props.get(k) for props in rows] if k in present else None for k, _ in cols[2:]]
    return _File(f"nodes_{table}.csv", [h for _, h in cols], columns, len(nodes))


def _edge_file(rtype: str, edges: list[Edge]) -> _File:
    rows = [edge_props(e) for e in edges]
    schema, present = _schema(EDGE_PROPS, rows)
    header = [":START_ID", ":END_ID", ":TYPE", *(p + TYPE_SUFFIX[t] for p, t in schema.items())]
    columns: list[list[Any] | None] = [[e.source for e in edges], [e.target for e in edges], [rtype] * len(edges)]
    columns += [[props.get(k) for props in rows] if k in present else None for k in schema]
    return _File(f"rels_{rtype}.csv", header, columns, len(edges))


def write(proj: Projection, open_file: Opener, *, progress: Progress | None = None) -> list[str]:
    """Write one CSV per node table and per relationship type, the import script and the schema.

    Returns the file names written.
    """
    with collector_paused():   # millions of small acyclic objects: see graphkit.project
        return _write(proj, open_file, progress)


def _write(proj: Projection, open_file: Opener, progress: Progress | None) -> list[str]:
    by_table: dict[str, list[Node]] = defaultdict(list)
    for n in proj.nodes.values():
        by_table[n.table].append(n)
    by_type: dict[str, list[Edge]] = defaultdict(list)
    for e in proj.edges:
        by_type[e.type].append(e)
    files = [_node_file(table, by_table[table], proj.node_props.get(table, {})) for table in sorted(by_table)]
    files += [_edge_file(rtype, by_type[rtype]) for rtype in sorted(by_type)]
    # the array delimiter goes on the command line, so it is chosen before any file is written
    delim = _delimiter(col for f in files for col, types in zip(f.columns, f.types, strict=True)
                       if col is not None and (list in types or tuple in types))
    multiline = False
    for f in files:
        with open_file(f.name) as fh:
            fh.write(",".join(_quoted(h) if any(c in h for c in ',"\n\r') else h for h in f.header) + "\n")
            cells = []
            for col, types in zip(f.columns, f.types, strict=True):
                column, breaks = _column(col, types, f.count, delim)
                cells.append(column)
                multiline = multiline or breaks
            lines = map(",".join, zip(*cells, strict=True))
            while chunk := list(islice(lines, CHUNK)):
                chunk.append("")
                fh.write("\n".join(chunk))
        f.columns = []   # let the cells go
        if progress:
            progress(f.count)
    names = [f.name for f in files]
    with open_file(IMPORT_SCRIPT) as fh:
        fh.write(import_script([f for f in names if f.startswith("nodes_")],
                               [f for f in names if f.startswith("rels_")], array_delimiter=delim,
                               multiline=multiline, rows=sum(f.count for f in files)))
    with open_file(SCHEMA_FILE) as fh:
        fh.write("".join(stmt + ";\n" for stmt in schema_statements()))
    return [*names, IMPORT_SCRIPT, SCHEMA_FILE]


class Neo4jCsvWriter:
    """neo4j-admin import CSV, into a folder."""

    name = "neo4j-csv"
    suffixes: tuple[str, ...] = ()
    reads: Reads = "graph"
    folder = True
    description = "a folder of neo4j-admin import CSV files, with their import script"

    def write(self, data: ExportInput, sink: Sink, options: WriteOptions) -> None:
        write(data.projection(), sink.open, progress=options.progress)
