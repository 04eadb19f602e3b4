"""neo4j-admin import CSV: a folder of ``nodes_<Table>.csv`` and ``rels_<TYPE>.csv`` files.

For offline bulk loads of large graphs into an empty Neo4j 5 database with
``neo4j-admin database import full`` (the folder's ``neo4j-admin-import.sh`` runs it; its
arguments come from :mod:`graphkit.engines.neo4j.admin`; ``schema.cypher`` has the constraint).
Nodes and relationships follow the identity model of ``graphkit push``
(:mod:`graphkit.engines.neo4j.identity`): the marker label ``GraphkitNode``, the ``graphkit``
fingerprint, and no property for an empty value, so pushing after the import finds everything
unchanged. Tested with the real import tool (tests/test_export_neo4j.py).

Headers carry the types: ``:ID``, ``:LABEL`` (every label), ``id``, ``name``, ``startDate:date``,
``ordinal:long``, ``extracted:boolean``, ``sources:string[]``; relationship files
``:START_ID``, ``:END_ID``, ``:TYPE`` then their properties. Arrays and labels use the first of
``;``, ``|``, U+001F, U+001E that no value contains. Fields are comma-separated and quoted with
``"`` when needed (quotes doubled).

``write(..., integer_ids=True)`` (not the default, nor what `graphkit export` writes) names nodes
by integers the import alone reads (``:ID``, ``--id-type=integer``; the nodes numbered from 0 in
the order of the files; the IRI is the ``id`` property), relationships their ends by them, and
leaves out the columns no row of a file has a value in: at 1M facts files of 74 MB instead of
119 MB, and about 1 s less wall and 1.5-1.8 s less CPU in neo4j-admin (:mod:`graphkit.engines.neo4j.admin`).

``write(..., workers=2)`` writes the files with two processes (the projection shared with a forked
one; each builds and writes its share of the files, and they agree on the array delimiter before
any file is written, so the files are those one process writes). Not the default: on this 2-core
machine, shared with other work, it was slower than one process (docs/exports.md).
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import pickle
import signal
import traceback
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from dataclasses import dataclass, field
from itertools import chain, islice
from multiprocessing.connection import Connection
from pathlib import Path
from typing import IO, Any, NoReturn, TextIO, cast

from graphkit.engines.neo4j.admin import IMPORT_SCRIPT, SCHEMA_FILE, import_script
from graphkit.engines.neo4j.identity import MARKER_PROP, edge_props, node_labels, node_props, schema_statements
from graphkit.errors import GraphkitError
from graphkit.export.base import ExportInput, Progress, Reads, Sink, WriteOptions
from graphkit.project import BOOL, DATE, EDGE_PROPS, INT, STRING, STRING_LIST, Edge, Node, Projection, collector_paused

Opener = Callable[[str], AbstractContextManager[IO[str]]]
ARRAY_DELIMITERS = (";", "|", "\x1f", "\x1e")
CHUNK = 20_000   # rows per write
_SEARCH = "search"   # to a forked writer: report every delimiter your lists use
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
    (None cells skipped)."""
    return _first_free(_used(list_columns))


def _used(list_columns: Iterable[list[Any]]) -> set[str]:
    """Which of :data:`ARRAY_DELIMITERS` some element of these columns' lists contains: each
    column's elements joined once, each delimiter searched in C."""
    used: set[str] = set()
    for col in list_columns:
        try:
            text = "\n".join(chain.from_iterable(filter(None, col)))
        except TypeError:   # an element that is not text
            text = "\n".join(map(str, chain.from_iterable(filter(None, col))))
        used.update(d for d in ARRAY_DELIMITERS if d in text)
    return used


def _first_free(used: set[str]) -> str:
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


def _texts(values: list[Any], types: set[type], delimiter: str, joined: list[str] | None = None) -> list[str]:
    """One column's cells as text: "" for None, lists joined with ``delimiter``, dates in ISO form,
    booleans as true/false. One conversion for the whole column when its values share a type (the
    usual case), else :func:`_cell` per value. ``types``: the types of the values; ``joined``: the
    cells already made (lists joined with this delimiter by :func:`_probe`)."""
    if joined is not None:
        return joined
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


def _column(values: list[Any] | None, types: set[type], count: int, delimiter: str,
            joined: list[str] | None = None) -> tuple[list[str], bool]:
    """A column's cells ready to be joined with commas (quoted where a cell holds a comma, a quote
    or a line end, quotes doubled, as RFC 4180 and neo4j-admin read them), and whether a cell holds
    a line end. The checks look at the whole column's text at once: its cells joined with line
    ends hold ``count - 1`` of them unless a cell holds one."""
    if values is None:   # no row has this property
        return [""] * count, False
    cells = _texts(values, types, delimiter, joined)
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
    joined: dict[int, list[str]] = field(default_factory=dict)   # list columns' cells joined with ARRAY_DELIMITERS[0]

    def __post_init__(self) -> None:
        self.types = [set() if c is None else set(map(type, c)) for c in self.columns]


def _columns(schema: dict[str, str], present: set[str] | None) -> list[tuple[str, str]]:
    """(property, header) pairs: id first, then the rest in schema order. With ``present`` (integer
    ids): the import's integer id, the labels, ``id``, then only the properties some row holds (an
    empty column is no property)."""
    if present is None:
        cols = [("id", "id:ID"), (":LABEL", ":LABEL")]
        return cols + [(k, k + TYPE_SUFFIX[t]) for k, t in schema.items() if k != "id"]
    cols = [(":ID", ":ID"), (":LABEL", ":LABEL"), ("id", "id")]
    return cols + [(k, k + TYPE_SUFFIX[t]) for k, t in schema.items() if k != "id" and k in present]


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


@dataclass
class _Job:
    """One file still to build: a node table's nodes or a relationship type's relationships."""

    name: str
    key: str
    items: list[Node] | list[Edge]
    declared: dict[str, str] | None = None   # a node table's declared properties; None: relationships
    first: int | None = None   # a node file's first integer id (None: the IRIs are the ids)
    ids: dict[str, int] | None = None   # a relationship file's: every node's integer id (None: IRIs)
    rows: dict[bytes, dict[str, Any]] = field(default_factory=dict)   # relationships' rows, shared: _edge_rows

    @property
    def weight(self) -> int:
        """A guess at the work: a node (many properties, labels) costs about two relationships."""
        return len(self.items) * (2 if self.declared is not None else 1)

    def build(self) -> _File:
        if self.declared is not None:
            return _node_file(self.key, cast(list[Node], self.items), self.declared, self.first)
        return _edge_file(self.key, cast(list[Edge], self.items), self.ids, self.rows)


def _node_file(table: str, nodes: list[Node], declared: dict[str, str], first: int | None) -> _File:
    rows = [node_props(n) for n in nodes]
    schema, present = _schema(declared, rows)
    columns: list[list[Any] | None]
    if first is None:
        cols = _columns(schema, None)
        columns = [[props.get("id") for props in rows], [node_labels(n) for n in nodes]]
        columns += [[props.get(k) for props in rows] if k in present else None for k, _ in cols[2:]]
    else:
        cols = _columns(schema, present)
        columns = [list(range(first, first + len(nodes))), [node_labels(n) for n in nodes]]
        columns += [[props.get(k) for props in rows] for k, _ in cols[2:]]
    return _File(f"nodes_{table}.csv", [h for _, h in cols], columns, len(nodes))


def _edge_file(rtype: str, edges: list[Edge], ids: dict[str, int] | None,
               cache: dict[bytes, dict[str, Any]]) -> _File:
    rows = _edge_rows(edges, cache)
    schema, present = _schema(EDGE_PROPS, rows)
    columns: list[list[Any] | None]
    if ids is None:
        kept = list(schema)
        columns = [[e.source for e in edges], [e.target for e in edges]]
    else:
        kept = [k for k in schema if k in present]
        try:
            columns = [[ids[e.source] for e in edges], [ids[e.target] for e in edges]]
        except KeyError as exc:
            raise GraphkitError(f"a {rtype} relationship ends at {exc.args[0]}, which is no node of the graph"
                                ) from None
    columns.append([rtype] * len(edges))
    columns += [[props.get(k) for props in rows] if k in present else None for k in kept]
    header = [":START_ID", ":END_ID", ":TYPE", *(k + TYPE_SUFFIX[schema[k]] for k in kept)]
    return _File(f"rels_{rtype}.csv", header, columns, len(edges))


def _edge_rows(edges: list[Edge], cache: dict[bytes, dict[str, Any]]) -> list[dict[str, Any]]:
    """:func:`edge_props` of each relationship, computed once for equal properties (at 1M facts 56k
    distinct among 334k relationships of every type: the fingerprints were a third of the export).
    ``cache``: the rows computed so far, by the pickle of the properties (equal pickles, equal
    values of the same types: ``1``, ``1.0`` and ``True`` pickle apart); equal properties share
    one row, read only."""
    rows = []
    dumps = pickle.dumps
    for e in edges:
        key = dumps(e.props, 5)
        row = cache.get(key)
        if row is None:
            row = cache[key] = edge_props(e)
        rows.append(row)
    return rows


def write(proj: Projection, open_file: Opener, *, progress: Progress | None = None, workers: int = 1,
          integer_ids: bool = False) -> list[str]:
    """Write one CSV per node table and per relationship type, the import script and the schema.

    ``workers``: how many processes build and write the files (the files are the same whatever
    the number). More than one needs ``os.fork`` (else one writes) and an ``open_file`` whose
    writes land in real files, such as :func:`folder_opener`: a forked process writes its share
    through it. Returns the file names written.
    """
    with collector_paused():   # millions of small acyclic objects: see graphkit.project
        return _write(proj, open_file, progress, workers, integer_ids)


def _jobs(proj: Projection, integer_ids: bool = False) -> list[_Job]:
    """One job per node table and per relationship type; with ``integer_ids``, the nodes numbered
    from 0 in the order of the node files."""
    by_table: dict[str, list[Node]] = defaultdict(list)
    for n in proj.nodes.values():
        by_table[n.table].append(n)
    by_type: dict[str, list[Edge]] = defaultdict(list)
    for e in proj.edges:
        by_type[e.type].append(e)
    jobs: list[_Job] = []
    ids: dict[str, int] = {}
    first = 0
    for t in sorted(by_table):
        nodes = by_table[t]
        jobs.append(_Job(f"nodes_{t}.csv", t, nodes, proj.node_props.get(t, {}),
                         first=first if integer_ids else None))
        if integer_ids:
            ids.update(zip([n.id for n in nodes], range(first, first + len(nodes)), strict=True))
        first += len(nodes)
    rows: dict[bytes, dict[str, Any]] = {}
    return jobs + [_Job(f"rels_{t}.csv", t, by_type[t], ids=ids if integer_ids else None, rows=rows)
                   for t in sorted(by_type)]


def _processes(workers: int, files: int) -> int:
    if workers > 1 and not hasattr(os, "fork"):
        return 1
    return max(1, min(workers, files))


def _write(proj: Projection, open_file: Opener, progress: Progress | None, workers: int,
           integer_ids: bool) -> list[str]:
    jobs = _jobs(proj, integer_ids)
    rows = len(proj.nodes) + len(proj.edges)
    processes = _processes(workers, len(jobs))
    if processes == 1:
        files = [job.build() for job in jobs]
        # the array delimiter goes on the command line, so it is chosen before any file is written
        used = _probe(files)
        delim = _first_free(_used_delimiters(files) if used else used)
        multiline = _write_files(files, delim, open_file, progress)
    else:
        delim, multiline = _write_forked(_shares(jobs, processes), open_file, progress)
    names = [job.name for job in jobs]
    with open_file(IMPORT_SCRIPT) as fh:
        fh.write(import_script([f for f in names if f.startswith("nodes_")],
                               [f for f in names if f.startswith("rels_")], array_delimiter=delim,
                               multiline=multiline, rows=rows, integer_ids=integer_ids))
    with open_file(SCHEMA_FILE) as fh:
        fh.write("".join(stmt + ";\n" for stmt in schema_statements()))
    return [*names, IMPORT_SCRIPT, SCHEMA_FILE]


def _used_delimiters(files: list[_File]) -> set[str]:
    """Every delimiter of :data:`ARRAY_DELIMITERS` that some list element of these files contains."""
    return _used(col for f in files for col, types in zip(f.columns, f.types, strict=True)
                 if col is not None and (list in types or tuple in types))


def _probe(files: list[_File]) -> set[str]:
    """``{ARRAY_DELIMITERS[0]}`` when some list element of these files contains it, else nothing
    (then it is the delimiter, whatever the others). Each list column of text lists is joined with
    it, the cells kept in ``joined`` for the write, and its joined text holds exactly as many
    delimiters as the lists have gaps unless an element holds one: one pass instead of a search
    of every element for every delimiter (:func:`_used_delimiters`, needed only when this finds
    the first delimiter taken)."""
    first = ARRAY_DELIMITERS[0]
    join = first.join
    for f in files:
        for i, (col, types) in enumerate(zip(f.columns, f.types, strict=True)):
            if col is None or not (list in types or tuple in types):
                continue
            try:
                if types - {list, _NONE}:   # tuples or values of other types
                    raise TypeError
                cells = [join(v) if v is not None else "" for v in col]
            except TypeError:   # or an element that is not text: the full search of this column
                if first in _used([col]):
                    return {first}
                continue
            lists = list(filter(None, col))
            gaps = sum(map(len, lists)) - len(lists)
            if "\n".join(cells).count(first) != gaps:
                return {first}
            f.joined[i] = cells
    return set()


def _write_files(files: list[_File], delim: str, open_file: Opener, progress: Progress | None) -> bool:
    """Write built files; whether some cell holds a line break."""
    multiline = False
    for f in files:
        with open_file(f.name) as fh:
            fh.write(",".join(_quoted(h) if any(c in h for c in ',"\n\r') else h for h in f.header) + "\n")
            cells = []
            for i, (col, types) in enumerate(zip(f.columns, f.types, strict=True)):
                joined = f.joined.get(i) if delim == ARRAY_DELIMITERS[0] else None
                column, breaks = _column(col, types, f.count, delim, joined)
                cells.append(column)
                multiline = multiline or breaks
            lines = map(",".join, zip(*cells, strict=True))
            while chunk := list(islice(lines, CHUNK)):
                chunk.append("")
                fh.write("\n".join(chunk))
        f.columns, f.joined = [], {}   # let the cells go
        if progress:
            progress(f.count)
    return multiline


def _shares(jobs: list[_Job], count: int) -> list[list[_Job]]:
    """``jobs`` in ``count`` shares of about equal weight (the heaviest job first to the lightest
    share), each in the order of ``jobs``."""
    shares: list[list[_Job]] = [[] for _ in range(count)]
    weights = [0] * count
    for job in sorted(jobs, key=lambda j: j.weight, reverse=True):
        i = weights.index(min(weights))
        shares[i].append(job)
        weights[i] += job.weight
    order = {id(job): i for i, job in enumerate(jobs)}
    return [sorted(share, key=lambda j: order[id(j)]) for share in shares if share]


def _write_forked(shares: list[list[_Job]], open_file: Opener, progress: Progress | None) -> tuple[str, bool]:
    """The first share built and written here, each other one by a forked process: every process
    builds its files (the properties, fingerprints and columns: most of the work) and reports
    whether its lists use the first array delimiter (:func:`_probe`; if one does, every process
    then reports all the delimiters its lists use); the delimiter free in all of them goes back to
    every process, which then writes its files. Returns the delimiter and whether some cell holds a line break."""
    children: list[tuple[int, Connection, list[_Job]]] = []
    ok = False
    try:
        for share in shares[1:]:
            mine, theirs = multiprocessing.Pipe()
            pid = os.fork()
            if pid == 0:
                mine.close()
                _child(share, theirs, open_file)
            theirs.close()
            children.append((pid, mine, share))
        files = [job.build() for job in shares[0]]
        used = _probe(files)
        for _, conn, _ in children:
            used |= _received(conn)
        if used:   # the first delimiter is taken: every process searches its lists for the others
            for _, conn, _ in children:
                conn.send(_SEARCH)
            used = _used_delimiters(files)
            for _, conn, _ in children:
                used |= _received(conn)
        delim = _first_free(used)
        for _, conn, _ in children:
            conn.send(delim)
        multiline = _write_files(files, delim, open_file, progress)
        for _, conn, share in children:
            multiline = _received(conn) or multiline
            if progress:
                progress(sum(len(job.items) for job in share))
        ok = True
        return delim, multiline
    finally:
        for pid, conn, _ in children:
            conn.close()
            if not ok:
                with suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)


def _child(share: list[_Job], conn: Connection, open_file: Opener) -> NoReturn:
    """A forked process: build the share's files, report whether their lists use the first array
    delimiter (and, when asked, which delimiters they use), write them with the delimiter it is
    sent, report whether a cell holds a line break, and exit (``os._exit``: none of the parent's
    buffers, handles or exit handlers are touched)."""
    code = 0
    try:
        files = [job.build() for job in share]
        conn.send(("ok", _probe(files)))
        delim = conn.recv()
        if delim == _SEARCH:
            conn.send(("ok", _used_delimiters(files)))
            delim = conn.recv()
        conn.send(("ok", _write_files(files, delim, open_file, None)))
    except BaseException as exc:   # reported to the parent, which raises it
        code = 1
        with suppress(BaseException):
            conn.send(("error", _portable(exc)))
    finally:
        os._exit(code)


def _portable(exc: BaseException) -> BaseException:
    """A child's exception as the parent raises it: a GraphkitError itself, anything else (a bug) as
    a RuntimeError carrying the child's traceback."""
    if isinstance(exc, GraphkitError):
        with suppress(Exception):
            pickle.loads(pickle.dumps(exc))
            return exc
        return GraphkitError(str(exc))
    return RuntimeError("a process writing neo4j-admin CSV files failed:\n" + traceback.format_exc())


def _received(conn: Connection) -> Any:
    try:
        status, value = conn.recv()
    except EOFError:
        raise GraphkitError("a process writing neo4j-admin CSV files ended without finishing them") from None
    if status == "error":
        raise value
    return value


class Neo4jCsvWriter:
    """neo4j-admin import CSV, into a folder."""

    name = "neo4j-csv"
    suffixes: tuple[str, ...] = ()
    reads: Reads = "graph"
    folder = True
    description = "a folder of neo4j-admin import CSV files, with their import script"

    def write(self, data: ExportInput, sink: Sink, options: WriteOptions) -> None:
        write(data.projection(), sink.open, progress=options.progress)
