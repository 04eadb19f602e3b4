"""The embedded Cypher engine: LadybugDB (the maintained Kùzu fork), persisted in STORE/cypher.

The database is a derived copy of the RDF store: it records the store fingerprint it was built
from. The commands that write the store (``build``, ``ingest``, ``forget``) call ``refresh`` right
after, which saves the projection (graphkit.project) and brings this copy in step, so the first
query after a write costs what any query costs. After an ingest that says which graphs it changed,
only the entities they touch are redone, in the saved projection (row by row) and in the copy: a
new copy folder that shares the database file with the current one and gets the update in its own
write-ahead log, swapped in when complete (``_update_copy``); otherwise the copy is rebuilt whole.
A reader that still finds the copy stale (a store written by an older graphkit) rebuilds it once,
from the saved projection when there is one.
Queries run on a read-only connection, so a write cannot slip through even past the lexical check.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import shutil
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphkit.engines import NAMES_QUERY, check_read_only, plain
from graphkit.errors import QueryError, StoreError
from graphkit.project import (
    EDGE_PROPS,
    PROVENANCE_CLASSES,
    Changes,
    Delta,
    Edge,
    Node,
    Projection,
    ProjectionFile,
    ProjectionFileError,
    collector_paused,
    declared_props,
    full_projection,
    load_projection,
    save_projection,
    saved_fingerprint,
    update_projection,
)
from graphkit.store import Store, opened, swap_in
from graphkit.vocab import vocabulary

if TYPE_CHECKING:
    from graphkit.engines.name_index import NameIndex


def cypher_dir(store_path: Path, as_of: dt.date | None = None) -> Path:
    """Where the embedded engine keeps its database for a store (or its snapshot at a date)."""
    if as_of is None:
        return Path(store_path) / "cypher"
    return Path(store_path) / "cypher-as-of" / as_of.isoformat()


def _ident(name: str) -> str:
    """A table or property name from the ontology, checked before it goes into DDL."""
    if not name.replace("_", "").isalnum():
        raise QueryError(f"not a valid name for the embedded schema: {name!r}")
    return f"`{name}`"


def schema_ddl(proj: Projection) -> tuple[list[str], dict[str, dict[str, str]]]:
    """CREATE statements for every node table and relationship type the ontology declares, and
    the columns of each node table."""
    v = vocabulary()
    declared = declared_props()
    tables = {v.table(key): declared for key in v.classes if key not in PROVENANCE_CLASSES}
    tables.update(proj.node_props)
    stmts = []
    for table, props in sorted(tables.items()):
        cols = ", ".join(f"{_ident(k)} {t}" for k, t in props.items())
        stmts.append(f"CREATE NODE TABLE {_ident(table)}({cols}, PRIMARY KEY(`id`))")
    first = sorted(tables)[0]
    rel_props = ", ".join(f"{_ident(k)} {t}" for k, t in EDGE_PROPS.items())
    for prop in sorted(v.properties.values(), key=lambda p: p.rel_type):
        if not prop.is_object:
            continue
        pairs = sorted(proj.rel_pairs.get(prop.rel_type, set())) or [(first, first)]
        spec = ", ".join(f"FROM {_ident(a)} TO {_ident(b)}" for a, b in pairs)
        stmts.append(f"CREATE REL TABLE {_ident(prop.rel_type)}({spec}, {rel_props})")
    return stmts, tables


# Bulk loading goes through CSV files and `COPY ... FROM (LOAD WITH HEADERS ...)`: every column is
# read as text and converted in the query, so nothing in a value can break the file's structure.
# The quote character is given, not left to LadybugDB's sniffing: a file whose first rows need no
# quoting was read with none, and a later quote holding a comma spilled into the next column
# (seen at 100k facts after an ingest: "Error occurred during parsing date").
LIST_SEP, EMPTY_LIST = "\x1f", "\x1e"


def _cell(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind == "STRING[]":
        items = [str(x).replace(LIST_SEP, " ") for x in value]
        return LIST_SEP.join(items) if items else EMPTY_LIST
    if kind == "BOOL":
        return "true" if value else "false"
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


_PLAIN = frozenset({str, type(None)})


def _column(values: tuple[Any, ...], kind: str) -> Sequence[Any]:
    """One column's cells as :func:`_cell` makes them, for csv.writer: a STRING column of only
    ``str`` and None is passed as it is (None is written as an empty field, as ``_cell`` writes it;
    rows have two columns at least, so an empty field is never quoted)."""
    if kind == "STRING" and set(map(type, values)) <= _PLAIN:
        return values
    return [_cell(v, kind) for v in values]


def _convert(name: str, kind: str, prefix: str = "") -> str:
    """The expression turning one text column (of ``prefix``, a row variable) back into its typed
    value ('' is null)."""
    col = prefix + _ident(name)
    if kind == "STRING":
        return f"CASE WHEN {col} = '' THEN NULL ELSE {col} END"
    if kind == "STRING[]":
        return (f"CASE WHEN {col} = '' THEN NULL WHEN {col} = '{EMPTY_LIST}' THEN CAST([] AS STRING[]) "
                f"ELSE string_split({col}, '{LIST_SEP}') END")
    return f"CASE WHEN {col} = '' THEN NULL ELSE CAST({col} AS {kind}) END"


def _copy(conn: Any, table: str, path: Path, columns: dict[str, str], rows: Any,
          pair: tuple[str, str] | None = None) -> None:
    """Write rows (tuples in the order of ``columns``) to a CSV file and COPY it into a table."""
    import csv

    rows = list(rows)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(list(columns))
        if rows:
            # column by column: a text column holding only text and nulls is written as it is
            # (csv writes None as an empty field, what _cell makes of it), the others cell by cell
            cells = [_column(col, t) for col, t in zip(zip(*rows, strict=True), columns.values(), strict=True)]
            w.writerows(zip(*cells, strict=True))
    headers = ", ".join(f"{_ident(c)} STRING" for c in columns)
    exprs = ", ".join(_convert(c, t) for c, t in columns.items())
    options = f" (from='{pair[0]}', to='{pair[1]}')" if pair else ""
    conn.execute(f"COPY {_ident(table)} FROM (LOAD WITH HEADERS ({headers}) FROM '{path.as_posix()}' "
                 f"(header=true, quote='\"', escape='\"', parallel=false) RETURN {exprs}){options}")


def _insert(conn: Any, table: str, columns: dict[str, str], rows: list[tuple[Any, ...]],
            pair: tuple[str, str] | None = None) -> None:
    """Insert a few rows (nodes, or relationships between ``pair`` tables) with CREATE, the values
    passed as text parameters and converted as the bulk COPY converts them. COPY into tables that
    hold data costs about 0.3 s a statement whatever the rows (measured at 100k facts): an update
    of a few dozen entities goes this way instead."""
    texts = [{c: _cell(v, t) for (c, t), v in zip(columns.items(), row, strict=True)} for row in rows]
    if pair is None:
        props = ", ".join(f"{_ident(c)}: {_convert(c, t, 'row.')}" for c, t in columns.items())
        query = f"UNWIND $rows AS row CREATE (:{_ident(table)} {{{props}}})"
    else:
        props = ", ".join(f"{_ident(c)}: {_convert(c, t, 'row.')}" for c, t in columns.items()
                          if c not in ("from", "to"))
        if len(texts) <= PER_ROW_MAX:
            # MATCH by parameters finds both ends by their primary key; MATCH by UNWIND rows joins
            # against a scan of the target table (0.75 s for one row into the 42k meetings at 1M)
            query = (f"MATCH (a:{_ident(pair[0])} {{id: $from}}), (b:{_ident(pair[1])} {{id: $to}}) "
                     f"UNWIND $rows AS row CREATE (a)-[:{_ident(table)} {{{props}}}]->(b)")
            for row in texts:
                conn.execute(query, {"from": row["from"], "to": row["to"], "rows": [row]})
            return
        query = (f"UNWIND $rows AS row MATCH (a:{_ident(pair[0])} {{id: row.`from`}}), "
                 f"(b:{_ident(pair[1])} {{id: row.`to`}}) CREATE (a)-[:{_ident(table)} {{{props}}}]->(b)")
    for start in range(0, len(texts), 1000):
        conn.execute(query, {"rows": texts[start:start + 1000]})


PER_ROW_MAX = 200
"""Relationships of one type and pair of tables up to which an update creates them one statement each
(measured at 1M facts into the meetings' table: 19 rows 0.15 s one by one, 20 rows 3.0 s in one
UNWIND); past it, one UNWIND per 1,000 rows (one scan of the tables each, cheaper for many)."""


# CHECKPOINT_NOTE: the writers open the database with auto_checkpoint=False, so LadybugDB checkpoints
# once when the connection closes instead of after every COPY or statement (each COPY took ~0.3 s
# with a checkpoint of its own, ~0.1 s without; the curated graph's copy runs 58 of them). A
# whole load's close leaves no write-ahead log behind; an ingest's update leaves its changes in the
# log on purpose (``_update_copy``), which a reader replays when it opens the copy.


def load(db_path: Path, proj: Projection) -> None:
    """Create a fresh database at ``db_path`` holding the projection (bulk COPY from CSV)."""
    import ladybug as lb

    db = lb.Database(str(db_path), auto_checkpoint=False)  # one checkpoint, at close (CHECKPOINT_NOTE)
    conn = lb.Connection(db)
    try:
        ddl, tables = schema_ddl(proj)
        for stmt in ddl:
            conn.execute(stmt)
        # each node's table in a dict: a Mapping computing it per lookup cost a Python call for
        # both ends of every relationship (two million calls at 1M facts)
        table_of = {nid: n.table for nid, n in proj.nodes.items()}
        _copy_rows(conn, tables, list(proj.nodes.values()), proj.edges, table_of)
    finally:
        conn.close()
        db.close()


def _copy_rows(conn: Any, tables: dict[str, dict[str, str]], nodes: list[Node], edges: list[Edge],
               table_of: Mapping[str, str], *, bulk: bool = True) -> None:
    """Put nodes and relationships into the database's tables: by bulk COPY from CSV files (a whole
    graph), or with CREATE (``bulk=False``: a few, into tables that hold data already)."""
    # The CSV folder's path is pasted into COPY (it takes no parameter): a fresh temporary folder,
    # whose name we control, never a path from the user.
    import tempfile

    work = Path(tempfile.mkdtemp(prefix="graphkit-cypher-")) if bulk else Path()
    if bulk and ("'" in str(work) or "\\" in str(work)):
        shutil.rmtree(work, ignore_errors=True)
        raise StoreError(f"temporary folder {work} has a quote or backslash in its path; set TMPDIR elsewhere")

    def put(table: str, name: str, columns: dict[str, str], rows: list[tuple[Any, ...]],
            pair: tuple[str, str] | None = None) -> None:
        if bulk:
            _copy(conn, table, work / name, columns, rows, pair)
        else:
            _insert(conn, table, columns, rows, pair)

    try:
        by_table: dict[str, list[Node]] = {}
        for n in nodes:
            by_table.setdefault(n.table, []).append(n)
        for table, props in sorted(tables.items()):
            rows = [tuple(map(n.props.get, props)) for n in by_table.get(table, ())]
            if rows:
                put(table, f"n-{table}.csv", props, rows)
        by_pair: dict[tuple[str, str, str], list[tuple[Any, ...]]] = {}
        for e in edges:
            pair = (e.type, table_of[e.source], table_of[e.target])
            by_pair.setdefault(pair, []).append((e.source, e.target, *map(e.props.get, EDGE_PROPS)))
        columns = {"from": "STRING", "to": "STRING", **EDGE_PROPS}
        for (rtype, a, b), rows in sorted(by_pair.items()):
            put(rtype, f"r-{rtype}-{a}-{b}.csv", columns, rows, (a, b))
    finally:
        if bulk:
            shutil.rmtree(work, ignore_errors=True)


def is_fresh(store: Store, as_of: dt.date | None = None) -> bool:
    """True when the embedded copy was built from the store as it is now (reads two small files)."""
    root = cypher_dir(store.path, as_of)
    try:
        stamp = json.loads((root / "fingerprint.json").read_text())
    except (OSError, ValueError):
        return False
    return bool(stamp.get("fingerprint") == store.fingerprint and (root / "graph.lbdb").exists())


def _rebuild_copy(store: Store, proj: Projection, as_of: dt.date | None = None) -> Path:
    """Build the copy beside the old one from a projection and swap it in."""
    return _write_copy(store, as_of, lambda tmp: load(tmp / "graph.lbdb", proj))


def _write_copy(store: Store, as_of: dt.date | None, fill: Callable[[Path], None]) -> Path:
    """Make a new copy folder beside the current one with ``fill(folder)``, stamp it with the store's
    fingerprint and swap it in: readers that opened the old database keep reading it, and a copy
    cut short (an error, a full disk, a kill) is never the one in place."""
    root = cypher_dir(store.path, as_of)
    root.parent.mkdir(parents=True, exist_ok=True)
    tmp = root.parent / f".{root.name}.building-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        fill(tmp)
        (tmp / "fingerprint.json").write_text(json.dumps({"fingerprint": store.fingerprint}))
    except BaseException as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(exc, (OSError, RuntimeError)):  # a full or read-only disk, in Python or in LadybugDB
            text = str(exc).rsplit("Error: ", 1)[-1][:200]
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else text
            raise StoreError(f"cannot write the embedded Cypher copy in {root.parent}: {reason}") from None
        raise
    swap_in(tmp, root)
    return root / "graph.lbdb"


def _copy_fingerprint(store: Store) -> str | None:
    """The fingerprint the current copy was built from (None: no copy)."""
    root = cypher_dir(store.path)
    try:
        stamp = json.loads((root / "fingerprint.json").read_text())
    except (OSError, ValueError):
        return None
    fp = stamp.get("fingerprint") if isinstance(stamp, dict) else None
    return fp if isinstance(fp, str) and (root / "graph.lbdb").exists() else None


BULK_FROM = 20_000
"""Rows from which an update of the copy loads by COPY instead of CREATE (COPY costs ~0.3 s a table
whatever the rows; CREATE about ... per row)."""

WAL_COMPACT_BYTES = 2 * 1024 * 1024
COMPACT_ROWS = 5_000
"""An update leaves its changes in the database's write-ahead log (no checkpoint: that rewrote
column chunks for seconds, 3 s of a 10 s refresh at 100k facts). Every reader replays the log when
it opens the database (measured at 100k facts on a loaded machine: a 4 MB log added ~0.8 s to an
open of ~1 s; a one-document ingest logs ~20 KB). So once the log is larger than WAL_COMPACT_BYTES,
or for an update of more than COMPACT_ROWS nodes and relationships, the update works on a full
copy of the database file and checkpoints it, which leaves no log."""

DB_FILE, WAL_FILE = "graph.lbdb", "graph.lbdb.wal"


def _folder_id(folder: Path) -> tuple[int, int] | None:
    """Which folder is at this path now (a swap puts another one there); None: none."""
    try:
        st = folder.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _update_copy(store: Store, delta: Delta, before: str) -> Path:
    """Apply what ``delta`` changed (graphkit.project.update_projection) to the copy made for the
    store state ``before``, in a new copy folder swapped in when complete.

    The new folder shares the database file with the current one (a hard link) and gets a copy of
    its write-ahead log; the update is written to that log only (LadybugDB's checkpoint on close
    turned off), so the shared file is never written and a reader that opened the old folder keeps
    reading what it opened. Its cost is the update's, not the graph's. Once the log has grown past
    WAL_COMPACT_BYTES (or for a large update) the database file is copied instead and checkpointed,
    which leaves no log.

    Of the ``redone`` ids, a node whose properties changed is updated in place (SET); one that is
    gone or moved to another table is deleted with its relationships (and inserted again in its
    new table, with the relationships into it from elsewhere); a node whose outgoing relationships
    changed loses and gets back all of them. A relationship type that now joins a new pair of
    tables gets it (ALTER TABLE ... ADD FROM ... TO ...). Nothing that did not change is touched.
    StoreError (nothing swapped in; the caller rebuilds the copy) when the copy in place is not the
    one made for ``before``."""
    import ladybug as lb

    root = cypher_dir(store.path)
    old_nodes, new_nodes = delta.old_nodes, delta.new_nodes
    old_out, new_out = delta.old_out, delta.new_out
    redone = delta.redone
    moved = {c for c, n in old_nodes.items() if c not in new_nodes or new_nodes[c].table != n.table}
    updated = [new_nodes[c] for c in sorted(old_nodes.keys() & new_nodes.keys() - moved)
               if old_nodes[c] != new_nodes[c]]
    inserted = [n for c, n in sorted(new_nodes.items()) if c in moved or c not in old_nodes]
    rewired = {c for c in redone if old_out.get(c, []) != new_out.get(c, [])} - moved
    again = rewired | moved
    edges = [e for c in sorted(again) for e in new_out.get(c, ())]
    if moved:
        # DETACH DELETE took the relationships into a moved node; those from sources that are not
        # rewired are put back. Every source of one is redone: update_projection redoes whoever
        # points at an id that became or stopped being a node, or changed table.
        edges += [e for c in sorted(redone - again) for e in new_out.get(c, ()) if e.target in moved]

    def by_table(ids: set[str]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for c in sorted(ids):
            out.setdefault(old_nodes[c].table, []).append(c)
        return out

    def fill(tmp: Path) -> None:
        folder = _folder_id(root)
        if _copy_fingerprint(store) != before:
            raise StoreError("the Cypher copy in place is not the one this update starts from")
        extra = [p.name for p in root.iterdir() if p.name not in (DB_FILE, WAL_FILE, "fingerprint.json")]
        if extra:
            raise StoreError(f"the Cypher copy holds files an update does not expect: {', '.join(sorted(extra))}")
        wal = root / WAL_FILE
        wal_bytes = wal.stat().st_size if wal.exists() else 0
        compact = wal_bytes > WAL_COMPACT_BYTES or len(inserted) + len(updated) + len(edges) > COMPACT_ROWS
        shared = None
        if not compact:
            try:
                os.link(root / DB_FILE, tmp / DB_FILE)
                st = (tmp / DB_FILE).stat()
                shared = (st.st_size, st.st_mtime_ns)
            except OSError:   # a file system without hard links: a copy
                compact = True
        if compact:
            shutil.copy2(root / DB_FILE, tmp / DB_FILE)
        if wal_bytes:
            shutil.copy2(wal, tmp / WAL_FILE)
        if _folder_id(root) != folder:
            raise StoreError("the Cypher copy was replaced while this update read it")
        db = lb.Database(str(tmp / DB_FILE), auto_checkpoint=False)  # CHECKPOINT_NOTE
        conn = lb.Connection(db)
        try:
            if not compact:
                conn.execute("CALL force_checkpoint_on_close=false")   # the shared file stays as it is
            for table, ids in sorted(by_table(moved).items()):
                conn.execute(f"MATCH (n:{_ident(table)}) WHERE n.id IN $ids DETACH DELETE n", {"ids": ids})
            for table, ids in sorted(by_table(rewired & old_nodes.keys()).items()):
                conn.execute(f"MATCH (n:{_ident(table)})-[r]->() WHERE n.id IN $ids DELETE r", {"ids": ids})
            for rtype, a, b in sorted(delta.added_pairs):
                conn.execute(f"ALTER TABLE {_ident(rtype)} ADD IF NOT EXISTS FROM {_ident(a)} TO {_ident(b)}")
            _, tables = schema_ddl(Projection())
            _set_props(conn, tables, updated)
            # a large update (thousands of rows) goes faster by COPY, a small one by CREATE
            _copy_rows(conn, tables, inserted, edges, delta.table_of, bulk=len(inserted) + len(edges) > BULK_FROM)
        finally:
            conn.close()
            db.close()
        if shared is not None:
            st = (tmp / DB_FILE).stat()
            if (st.st_size, st.st_mtime_ns) != shared:   # LadybugDB wrote the shared file after all
                raise StoreError("the update wrote the database file it shares with the copy in place")

    return _write_copy(store, None, fill)


def _set_props(conn: Any, tables: dict[str, dict[str, str]], nodes: list[Node]) -> None:
    """Give nodes that stay in their table their new properties (text parameters, converted as
    the bulk COPY converts them)."""
    groups: dict[str, list[Node]] = {}
    for n in nodes:
        groups.setdefault(n.table, []).append(n)
    for table, members in sorted(groups.items()):
        columns = tables[table]
        rows = [{c: _cell(n.props.get(c), t) for c, t in columns.items()} for n in members]
        sets = ", ".join(f"n.{_ident(c)} = {_convert(c, t, 'row.')}" for c, t in columns.items() if c != "id")
        query = f"UNWIND $rows AS row MATCH (n:{_ident(table)} {{id: row.`id`}}) SET {sets}"
        for start in range(0, len(rows), 1000):
            conn.execute(query, {"rows": rows[start:start + 1000]})


def ensure_fresh(store: Store, as_of: dt.date | None = None) -> Path:
    """The embedded database for this store, rebuilt first if the store changed since (from the
    saved projection when it is current). With ``as_of``: a copy of the graph as it stood that
    day (graphkit.project.snapshot), kept per day and rebuilt when the store changes."""
    if is_fresh(store, as_of):
        return cypher_dir(store.path, as_of) / "graph.lbdb"
    if as_of is not None:  # snapshots of an older store are stale for good: drop them
        shutil.rmtree(cypher_dir(store.path, as_of).parent, ignore_errors=True)
    return _rebuild_copy(store, load_projection(store, as_of=as_of), as_of)


@dataclass(frozen=True)
class Refreshed:
    """What ``refresh`` did: the fingerprint it matched, the graph's size, the time it took, and how
    (``incremental``: only what the changed graphs touch; ``full``: the whole store)."""

    fingerprint: str
    nodes: int
    relationships: int
    seconds: float
    skipped: bool = False
    projection: str = "full"   # full, incremental, or kept (the saved one was current)
    copy: str = "full"         # full (rebuilt), incremental (updated), or kept (was current)
    redone: int = 0

    def line(self) -> str:
        """One line for stderr."""
        if self.skipped:
            return "Cypher copy already up to date"
        how = {"incremental": "updated", "full": "rebuilt", "kept": "kept"}[self.copy]
        scope = f", {self.redone} entities redone" if self.projection == "incremental" else ""
        return (f"Cypher copy ready ({how}{scope}): {self.nodes} nodes, {self.relationships} relationships "
                f"({self.seconds:.1f} s)")


@contextmanager
def _refresh_lock(store_path: Path) -> Iterator[None]:
    """One refresh at a time per store (the commands that write the store refresh after releasing
    the writer lock, so a build's and an ingest's refresh may meet): the second one waits, then
    finds the first one's work done."""
    fd = os.open(Path(store_path) / ".refresh.lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _incremental(store: Store, changes: Changes) -> tuple[Delta, int, int] | None:
    """Update the saved projection for ``changes`` in place (graphkit.project.ProjectionFile): the
    delta, the node and relationship counts after it; None when it cannot be trusted or done."""
    try:
        with ProjectionFile.open(store.path, write=True) as pf:
            if pf.fingerprint != changes.before:
                return None
            delta = update_projection(store, pf, pf.canon, changes)
            if delta is None:
                return None
            pf.apply(delta, changes.before, changes.after)
            return delta, pf.node_count(), pf.edge_count
    except ProjectionFileError:
        return None


def refresh(store_path: Path, progress: Callable[[str], None] | None = None,
            changes: Changes | None = None) -> Refreshed:
    """Bring the saved projection and the embedded Cypher copy in step with the store.

    The one call the commands that write the store make after writing (``progress`` gets a line
    before and after). Nothing is done when both are already current (an ingest that changed
    nothing). With ``changes`` (what an ingest wrote, graphkit.project.Changes) and the projection
    saved before it, only the entities the changed graphs touch are recomputed
    (graphkit.project.update_projection), written to the saved projection row by row and applied
    to the copy's write-ahead log (``_update_copy``); the whole store is projected and the copy
    rebuilt when that cannot be trusted: another write came between, the saved projection or copy
    is from another state, or merged ids changed (owl:sameAs decisions, people matched across
    texts); the copy is also rebuilt if its update fails.
    """
    started = time.perf_counter()
    with _refresh_lock(Path(store_path)), opened(Path(store_path), read_only=True) as store, collector_paused():
        fingerprint = store.fingerprint
        saved = saved_fingerprint(store)   # one row
        if saved == fingerprint and is_fresh(store):
            done = Refreshed(fingerprint, 0, 0, 0.0, skipped=True)
        else:
            if progress is not None:
                progress("preparing the property graph and its Cypher copy ...")
            how, copy, redone = "kept", "kept", 0
            proj: Projection | None = None
            delta: Delta | None = None
            counts: tuple[int, int] | None = None
            if saved != fingerprint:
                if changes is not None and changes.after == fingerprint and saved == changes.before:
                    update = _incremental(store, changes)
                    if update is not None:
                        delta, n_nodes, n_edges = update
                        counts = (n_nodes, n_edges)
                        how, redone = "incremental", len(delta.redone)
                if delta is None:
                    proj, canon = full_projection(store)
                    save_projection(store, proj, canon)
                    how = "full"
            if not is_fresh(store):
                copy = "full"
                if delta is not None and changes is not None and _copy_fingerprint(store) == changes.before:
                    try:
                        _update_copy(store, delta, changes.before)
                        copy = "incremental"
                    except StoreError:  # the update was refused (nothing was swapped in): rebuild
                        copy = "full"
                if copy == "full":
                    if proj is None:
                        proj = load_projection(store)
                    _rebuild_copy(store, proj)
            if proj is not None:
                counts = (len(proj.nodes), len(proj.edges))
            elif counts is None:
                counts = _saved_counts(store)
            done = Refreshed(fingerprint, counts[0], counts[1], time.perf_counter() - started,
                             projection=how, copy=copy, redone=redone)
    if progress is not None:
        progress(done.line())
    return done


def _saved_counts(store: Store) -> tuple[int, int]:
    """Nodes and relationships of the saved projection (two small reads)."""
    try:
        with ProjectionFile.open(store.path) as pf:
            return pf.node_count(), pf.edge_count
    except ProjectionFileError:
        return 0, 0


class EmbeddedEngine:
    """Runs Cypher on the LadybugDB copy of a store."""

    name = "embedded"

    def __init__(self, store: Store, as_of: dt.date | None = None) -> None:
        import ladybug as lb

        self.as_of = as_of
        self.path = ensure_fresh(store, as_of)
        # The database file and its write-ahead log are opened by name, one after the other: if a
        # refresh swapped the folder in between, the two may not belong together. Opened again then.
        for attempt in range(5):
            before = _folder_id(self.path.parent)
            try:
                self.db = lb.Database(str(self.path), read_only=True)
                self.conn = lb.Connection(self.db)
            except RuntimeError as exc:
                if attempt < 4 and _folder_id(self.path.parent) != before:
                    continue
                raise StoreError(f"cannot open the embedded Cypher database: {exc}") from exc
            if _folder_id(self.path.parent) == before or attempt == 4:   # five swaps in a row: keep it
                break
            self.conn.close()
            self.db.close()

    def run(self, query: str, params: dict[str, Any] | None = None, *,
            allow_write: bool = False) -> tuple[list[str], list[dict[str, Any]]]:
        """Run one query; rows as dicts of plain values."""
        check_read_only(query, allow_write)
        if allow_write:
            raise QueryError("the embedded engine is a read-only copy of the store; "
                             "change the data through records or ingest, or write to Neo4j")
        from graphkit.settings import query_timeout
        from graphkit.store import run_interruptible

        limit = query_timeout() or None  # seconds; the engine stops itself, Ctrl-C interrupts it
        self.conn.set_query_timeout(int(limit * 1000) if limit else 0)
        try:
            result = run_interruptible(lambda _cancel: self.conn.execute(query, params or {}),
                                       limit + 5 if limit else None, self.conn.interrupt)
        except RuntimeError as exc:
            if "Interrupted" in str(exc) and limit:
                raise QueryError(f"query stopped after {limit:g} s (the time limit; raise it with "
                                 "GRAPHKIT_QUERY_TIMEOUT)") from None
            raise QueryError(f"embedded engine: {exc}") from exc
        if isinstance(result, list):
            result = result[-1]
        columns = result.get_column_names()
        rows = []
        while result.has_next():
            rows.append({c: plain(v) for c, v in zip(columns, result.get_next(), strict=True)})
        return columns, rows

    def names(self) -> list[dict[str, Any]]:
        return self.run(NAMES_QUERY)[1]

    def name_index(self) -> NameIndex | None:
        """The store's name index (graphkit.engines.name_index) when it was made from this copy;
        None otherwise (a snapshot, an older store): lookups then scan ``names()``."""
        from graphkit.engines.name_index import NameIndex

        if self.as_of is not None:
            return None
        return NameIndex.open(self.path.parent.parent)

    def neighbours(self, node_id: str) -> list[dict[str, Any]]:
        out = self.run("MATCH (a)-[r]->(b) WHERE a.id = $id RETURN label(r) AS type, b AS other, r AS props",
                       {"id": node_id})[1]
        inc = self.run("MATCH (a)<-[r]-(b) WHERE a.id = $id RETURN label(r) AS type, b AS other, r AS props",
                       {"id": node_id})[1]
        return [dict(row, direction="out") for row in out] + [dict(row, direction="in") for row in inc]

    def close(self) -> None:
        self.conn.close()
        self.db.close()
