"""The embedded Cypher engine: LadybugDB (the maintained Kùzu fork), persisted in STORE/cypher.

The database is a derived copy of the RDF store: it records the store fingerprint it was built
from. The commands that write the store (``build``, ``ingest``) call ``refresh`` right after, which
saves the projection (graphkit.project.save_projection) and rebuilds this copy from it, so the first
query after a write costs what any query costs. A reader that still finds the copy stale (a store
written by an older graphkit) rebuilds it once, from the saved projection when there is one.
Queries run on a read-only connection, so a write cannot slip through even past the lexical check.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graphkit.engines import NAMES_QUERY, check_read_only, plain
from graphkit.errors import QueryError, StoreError
from graphkit.project import (
    EDGE_PROPS,
    PROVENANCE_CLASSES,
    Projection,
    declared_props,
    load_projection,
    project,
    save_projection,
    saved_projection,
)
from graphkit.store import Store, opened, swap_in
from graphkit.vocab import vocabulary


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


def _convert(name: str, kind: str) -> str:
    """The expression turning one text column back into its typed value ('' is null)."""
    col = _ident(name)
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

    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(list(columns))
        for row in rows:
            w.writerow([_cell(v, t) for v, t in zip(row, columns.values(), strict=True)])
    headers = ", ".join(f"{_ident(c)} STRING" for c in columns)
    exprs = ", ".join(_convert(c, t) for c, t in columns.items())
    options = f" (from='{pair[0]}', to='{pair[1]}')" if pair else ""
    conn.execute(f"COPY {_ident(table)} FROM (LOAD WITH HEADERS ({headers}) FROM '{path.as_posix()}' "
                 f"(header=true, escape='\"', parallel=false) RETURN {exprs}){options}")


def load(db_path: Path, proj: Projection) -> None:
    """Create a fresh database at ``db_path`` holding the projection (bulk COPY from CSV)."""
    import ladybug as lb

    db = lb.Database(str(db_path))
    conn = lb.Connection(db)
    ddl, tables = schema_ddl(proj)
    for stmt in ddl:
        conn.execute(stmt)
    # The CSV folder's path is pasted into COPY (it takes no parameter): a fresh temporary folder,
    # whose name we control, never a path from the user.
    import tempfile

    work = Path(tempfile.mkdtemp(prefix="graphkit-cypher-"))
    if "'" in str(work) or "\\" in str(work):
        raise StoreError(f"temporary folder {work} has a quote or backslash in its path; set TMPDIR elsewhere")
    try:
        for table, props in sorted(tables.items()):
            nodes = [tuple(n.props.get(k) for k in props) for n in proj.iter_nodes(table)]
            if nodes:
                _copy(conn, table, work / f"n-{table}.csv", props, nodes)
        by_pair: dict[tuple[str, str, str], list[tuple[Any, ...]]] = {}
        for e in proj.edges:
            pair = (e.type, proj.nodes[e.source].table, proj.nodes[e.target].table)
            by_pair.setdefault(pair, []).append((e.source, e.target, *(e.props.get(k) for k in EDGE_PROPS)))
        columns = {"from": "STRING", "to": "STRING", **EDGE_PROPS}
        for (rtype, a, b), rows in sorted(by_pair.items()):
            _copy(conn, rtype, work / f"r-{rtype}-{a}-{b}.csv", columns, rows, (a, b))
    finally:
        conn.close()
        db.close()
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
    root = cypher_dir(store.path, as_of)
    root.parent.mkdir(parents=True, exist_ok=True)
    tmp = root.parent / f".{root.name}.building-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        load(tmp / "graph.lbdb", proj)
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
    """What ``refresh`` did: the fingerprint it matched, the graph's size, and the time it took."""

    fingerprint: str
    nodes: int
    relationships: int
    seconds: float
    skipped: bool = False

    def line(self) -> str:
        """One line for stderr."""
        if self.skipped:
            return "Cypher copy already up to date"
        return (f"Cypher copy ready: {self.nodes} nodes, {self.relationships} relationships "
                f"({self.seconds:.1f} s)")


def refresh(store_path: Path, progress: Callable[[str], None] | None = None) -> Refreshed:
    """Bring the saved projection and the embedded Cypher copy in step with the store.

    The one call ``build`` and ``ingest`` make after writing (``progress`` gets a line before and
    after). Nothing is done when both are already current (an ingest that changed nothing)."""
    started = time.perf_counter()
    with opened(Path(store_path), read_only=True) as store:
        proj = saved_projection(store)
        if proj is not None and is_fresh(store):
            done = Refreshed(store.fingerprint, len(proj.nodes), len(proj.edges), 0.0, skipped=True)
        else:
            if progress is not None:
                progress("preparing the property graph and its Cypher copy ...")
            if proj is None:
                proj = project(store)
                save_projection(store, proj)
            _rebuild_copy(store, proj)
            done = Refreshed(store.fingerprint, len(proj.nodes), len(proj.edges),
                             time.perf_counter() - started)
    if progress is not None:
        progress(done.line())
    return done


class EmbeddedEngine:
    """Runs Cypher on the LadybugDB copy of a store."""

    name = "embedded"

    def __init__(self, store: Store, as_of: dt.date | None = None) -> None:
        import ladybug as lb

        self.as_of = as_of
        self.path = ensure_fresh(store, as_of)
        try:
            self.db = lb.Database(str(self.path), read_only=True)
            self.conn = lb.Connection(self.db)
        except RuntimeError as exc:
            raise StoreError(f"cannot open the embedded Cypher database: {exc}") from exc

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

    def neighbours(self, node_id: str) -> list[dict[str, Any]]:
        out = self.run("MATCH (a)-[r]->(b) WHERE a.id = $id RETURN label(r) AS type, b AS other, r AS props",
                       {"id": node_id})[1]
        inc = self.run("MATCH (a)<-[r]-(b) WHERE a.id = $id RETURN label(r) AS type, b AS other, r AS props",
                       {"id": node_id})[1]
        return [dict(row, direction="out") for row in out] + [dict(row, direction="in") for row in inc]

    def close(self) -> None:
        self.conn.close()
        self.db.close()
