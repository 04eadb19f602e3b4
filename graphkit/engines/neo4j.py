"""The Neo4j engine: saved and ad-hoc Cypher on a real server, and ``push`` to load it there.

One driver per engine, created once; queries run in managed read transactions (the server
refuses writes in them), or write transactions when the caller allowed writes. Rows come back as
plain values, like the embedded engine's: nodes and relationships as property dicts, dates as ISO
strings.

``push`` writes the projection (graphkit.project), the same one every backend reads:

- Constraints and indexes first (Neo4j 5 syntax, ``IF NOT EXISTS``).
- Every node graphkit pushes carries the label ``GraphkitNode`` (unique on ``id``) besides its
  ontology labels; every relationship it pushes carries ``graphkit: true``. Those marks, and
  nothing else, tell graphkit's data from other data in the database: ``replace`` removes only
  marked data, and user labels and properties on graphkit's nodes are left alone.
- One relationship per (source node, type, target node), carrying the list of every source
  that states it (``sources``), never one per source and never a last-writer-wins merge.
- Before writing, one read takes stock of what graphkit pushed before (ids, labels, property
  names, relationship keys). New nodes and relationships are CREATEd, known ones matched and
  SET, so pushing twice changes nothing, and a push that was interrupted (each batch commits on
  its own) completes without duplicates when re-run.
- Rows go in batches of ``UNWIND $rows`` through ``session.execute_write`` (managed
  transactions retry transient errors such as deadlocks), several batches at a time. Rows are
  positional lists, and list values repeated across a batch (sources, labels) are sent once per
  batch in ``$pool``: packing rows is a large share of a push's time in the Python driver.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, fields
from functools import cache
from typing import Any

import neo4j
from neo4j import exceptions as nx

from graphkit import settings
from graphkit.engines import check_read_only, plain
from graphkit.errors import OntologyError, QueryError, StoreError
from graphkit.project import BASE_NODE_PROPS, EDGE_PROPS, PROVENANCE_CLASSES, Projection, project
from graphkit.store import Store
from graphkit.vocab import vocabulary

MARKER_LABEL = "GraphkitNode"
"""Label on every node graphkit pushed (unique on ``id``)."""
MARKER_PROP = "graphkit"
"""Property (``true``) on every relationship graphkit pushed."""
DEFAULT_URI = "neo4j://localhost:7687"
DEFAULT_USER = "neo4j"
DEFAULT_DATABASE = "neo4j"
SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")
WORKERS = 2
"""Batches written at the same time: one is packed in Python while the server runs another."""

Progress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``; stage is "nodes", "relationships" or "removed"."""

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

# The driver logs connection failures as warnings; without a handler Python prints them on stderr
# beside graphkit's own one-line message. An application can still attach its own handler.
logging.getLogger("neo4j").addHandler(logging.NullHandler())


# ---------------------------------------------------------------------------- connection
def _redact(uri: str) -> str:
    """The URI without any user:password@ part."""
    return re.sub(r"//[^/@]*@", "//", uri)


def _scrub(message: str, password: str | None) -> str:
    """One line of a driver message, never containing the password."""
    line = " ".join(str(message).split())
    if password:
        line = line.replace(password, "***")
    return line[:300]


def _fail(exc: Exception, uri: str, user: str | None, database: str | None, password: str | None) -> StoreError:
    """A one-line StoreError for a driver error met while connecting."""
    where = _redact(uri)
    code = getattr(exc, "code", None) or ""
    if isinstance(exc, nx.AuthError) or "Security.Unauthorized" in code:
        return StoreError(f"Neo4j at {where} refused the credentials of user {user!r} "
                          "(check NEO4J_USERNAME and NEO4J_PASSWORD)")
    if "DatabaseNotFound" in code:
        return StoreError(f"Neo4j at {where} has no database {database!r} (check NEO4J_DATABASE or --database; "
                          "Community edition has only 'neo4j')")
    if isinstance(exc, nx.ServiceUnavailable | nx.SessionExpired | OSError):
        return StoreError(f"cannot reach Neo4j at {where}: is the server running? "
                          f"(check NEO4J_URI) [{_scrub(str(exc), password)}]")
    if isinstance(exc, nx.ConfigurationError | ValueError):
        return StoreError(f"bad Neo4j connection settings for {where}: {_scrub(str(exc), password)}")
    return StoreError(f"Neo4j at {where}: {_scrub(getattr(exc, 'message', None) or str(exc), password)}")


def connect(uri: str, user: str | None, password: str | None, database: str) -> neo4j.Driver:
    """A driver for ``uri`` whose connection, credentials and database have been checked.

    Raises StoreError (one line, never the password) when the server is down, refuses the
    credentials, or has no such database.
    """
    scheme = uri.split("://", 1)[0].lower() if "://" in uri else ""
    if scheme not in SCHEMES:
        raise StoreError(f"bad Neo4j connection settings: {_redact(uri)!r} is not a Bolt URI "
                         f"(use one of {', '.join(s + '://' for s in SCHEMES)})")
    auth = (user or DEFAULT_USER, password) if password is not None else None
    try:
        driver = neo4j.GraphDatabase.driver(uri, auth=auth, connection_timeout=15,
                                            user_agent="graphkit")
    except (nx.ConfigurationError, ValueError) as exc:
        raise _fail(exc, uri, user, database, password) from None
    try:
        driver.verify_connectivity()
        with driver.session(database=database) as session:
            session.run("RETURN 1").consume()
    except (nx.Neo4jError, nx.DriverError, OSError) as exc:
        driver.close()
        raise _fail(exc, uri, user, database, password) from None
    return driver


# ---------------------------------------------------------------------------- values
def _value(value: Any) -> Any:
    """A driver value as a plain one: like ``plain``, without graphkit's push mark, and paths
    as {"_nodes": [...], "_rels": [...]} (as the embedded engine returns them)."""
    if isinstance(value, neo4j.graph.Relationship):
        return {k: plain(v) for k, v in value.items() if k != MARKER_PROP}
    if isinstance(value, neo4j.graph.Path):
        return {"_nodes": [_value(n) for n in value.nodes], "_rels": [_value(r) for r in value.relationships]}
    if isinstance(value, list):
        return [_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _value(v) for k, v in value.items()}
    return plain(value)


class Neo4jEngine:
    """Runs Cypher on a Neo4j server (one, a cluster, or Aura) through the official driver."""

    name = "neo4j"

    def __init__(self, driver: neo4j.Driver, database: str = DEFAULT_DATABASE, uri: str = "") -> None:
        self.driver = driver
        self.database = database
        self.uri = uri

    @classmethod
    def from_settings(cls, uri: str | None = None, user: str | None = None, password: str | None = None,
                      database: str | None = None) -> Neo4jEngine:
        """Connect with these settings; each None falls back to NEO4J_URI, NEO4J_USERNAME,
        NEO4J_PASSWORD, NEO4J_DATABASE (then neo4j://localhost:7687, neo4j, no auth, neo4j).

        Raises StoreError when the server is down, the credentials are wrong or there is no such
        database.
        """
        uri = uri or os.environ.get("NEO4J_URI") or DEFAULT_URI
        user = user or os.environ.get("NEO4J_USERNAME") or DEFAULT_USER
        password = password if password is not None else os.environ.get("NEO4J_PASSWORD")
        database = database or os.environ.get("NEO4J_DATABASE") or DEFAULT_DATABASE
        return cls(connect(uri, user, password, database), database, _redact(uri))

    def _error(self, exc: Exception) -> Exception:
        if isinstance(exc, nx.ClientError) and "Statement" in (exc.code or ""):
            return QueryError(f"neo4j: {_scrub(exc.message or str(exc), None)}")
        return StoreError(f"Neo4j at {self.uri}: {_scrub(getattr(exc, 'message', None) or str(exc), None)}")

    def run(self, query: str, params: dict[str, Any] | None = None, *,
            allow_write: bool = False) -> tuple[list[str], list[dict[str, Any]]]:
        """Run one query in a read transaction (a write one only with allow_write).

        Returns (columns, rows); rows are dicts of plain values. Raises QueryError for a refused or
        malformed query, StoreError when the server fails.
        """
        check_read_only(query, allow_write)

        def work(tx: neo4j.ManagedTransaction) -> tuple[list[str], list[dict[str, Any]]]:
            result = tx.run(query, params or {})
            keys = list(result.keys())
            return keys, [{k: _value(v) for k, v in zip(keys, record.values())} for record in result]

        try:
            with self.driver.session(database=self.database) as session:
                return session.execute_write(work) if allow_write else session.execute_read(work)
        except (nx.Neo4jError, nx.DriverError) as exc:
            raise self._error(exc) from None

    def names(self) -> list[dict[str, Any]]:
        """Every graphkit node's id, key, name, kind, altNames, acronym and misspellings."""
        return self.run(f"MATCH (n:{MARKER_LABEL}) RETURN n.id AS id, n.key AS key, n.name AS name, n.kind AS kind, "
                        "n.altNames AS altNames, n.acronym AS acronym, n.misspellings AS misspellings")[1]

    def neighbours(self, node_id: str) -> list[dict[str, Any]]:
        """One hop from a node along graphkit's relationships, both directions."""
        rows = self.run(
            f"MATCH (a:{MARKER_LABEL} {{id: $id}})-[r]-(b:{MARKER_LABEL}) WHERE r.{MARKER_PROP} = true "
            "RETURN CASE WHEN startNode(r) = a THEN 'out' ELSE 'in' END AS direction, type(r) AS type, "
            "b AS other, r AS props", {"id": node_id})[1]
        return sorted(rows, key=lambda r: r["direction"] != "out")

    def close(self) -> None:
        self.driver.close()

    def __enter__(self) -> Neo4jEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# ---------------------------------------------------------------------------- push
@dataclass
class PushSummary:
    """What a push did. ``stale_*``: graphkit's data no longer in the graph, left in place
    (removed with ``replace``)."""

    nodes_created: int = 0
    nodes_updated: int = 0
    nodes_unchanged: int = 0
    nodes_removed: int = 0
    nodes_stale: int = 0
    relationships_created: int = 0
    relationships_updated: int = 0
    relationships_unchanged: int = 0
    relationships_removed: int = 0
    relationships_stale: int = 0

    def as_rows(self) -> list[dict[str, Any]]:
        """Two rows (nodes, relationships) with created, updated, unchanged, removed, stale."""
        out = []
        for what in ("nodes", "relationships"):
            out.append({"what": what, **{f.name[len(what) + 1:]: getattr(self, f.name)
                                          for f in fields(self) if f.name.startswith(what + "_")}})
        return out


def _name(name: str) -> str:
    """A label, type or property name from the ontology, checked, in backticks."""
    if not _NAME.match(name):
        raise OntologyError(f"not a valid Neo4j name: {name!r}")
    return f"`{name}`"


@cache
def _ontology_terms() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(node labels, relationship types, node property names) graphkit may write."""
    v = vocabulary()
    labels = frozenset(k for k in v.classes if k not in PROVENANCE_CLASSES)
    types = frozenset(p.rel_type for p in v.properties.values() if p.is_object)
    props = set(BASE_NODE_PROPS)
    for p in v.properties.values():
        if not p.is_object:
            props.update((p.key, p.key + "Precision"))
    return labels, types, frozenset(props)


def schema_statements() -> list[str]:
    """Constraint and index statements (Neo4j 5 syntax): ids unique among graphkit's nodes, and
    names indexed.

    Identity is the marker label's: one unique index serves every lookup by id (pushes,
    ``neighbours``, ``MATCH (n:GraphkitNode {id: $id})``). Constraints per ontology label
    would add an index entry per node and write for nothing graphkit reads.
    """
    return [f"CREATE CONSTRAINT graphkit_node_id IF NOT EXISTS FOR (n:{MARKER_LABEL}) REQUIRE n.id IS UNIQUE",
            f"CREATE INDEX graphkit_node_name IF NOT EXISTS FOR (n:{MARKER_LABEL}) ON (n.name)"]


def _check_terms(proj: Projection) -> None:
    """Refuse labels, types and property names the ontology does not declare."""
    labels, types, props = _ontology_terms()
    bad_labels = {x for n in proj.nodes.values() for x in n.labels} - labels
    bad_props = {k for n in proj.nodes.values() for k in n.props} - props
    bad_types = {e.type for e in proj.edges} - types
    if bad_labels or bad_props or bad_types:
        raise OntologyError("the graph has names the ontology does not declare: "
                            + ", ".join(sorted(bad_labels | bad_props | bad_types)))
    for k in {k for e in proj.edges for k in e.props} | props:
        _name(k)


def encode_rows(rows: Iterable[dict[str, Any]], keys: list[str]) -> tuple[list[list[Any]], list[Any], set[str]]:
    """Rows as positional lists over ``keys``; list values are replaced by their index in a
    pool (returned), so a list repeated across rows is sent once. Also returns the pooled keys."""
    rows = list(rows)
    pooled = {k for k in keys
              if all(isinstance(r.get(k), list) or r.get(k) is None for r in rows)
              and any(r.get(k) is not None for r in rows)}
    pool: list[Any] = []
    index: dict[tuple[Any, ...], int] = {}
    out = []
    for r in rows:
        row = []
        for k in keys:
            v = r.get(k)
            if k in pooled and v is not None:
                t = tuple(v)
                i = index.get(t)
                if i is None:
                    i = index[t] = len(pool)
                    pool.append(v)
                v = i
            row.append(v)
        out.append(row)
    return out, pool, pooled


def _assignments(var: str, keys: list[str], pooled: set[str], offset: int) -> list[str]:
    """``var.k = row[i]`` (or ``$pool[row[i]]``) for each key, starting at column ``offset``."""
    return [f"{var}.{_name(k)} = " + (f"$pool[row[{i}]]" if k in pooled else f"row[{i}]")
            for i, k in enumerate(keys, offset)]


def create_nodes_query(labels: list[str], keys: list[str], pooled: set[str]) -> str:
    """UNWIND rows ([values of keys]) into new nodes with the marker and these labels."""
    lbl = ":".join([MARKER_LABEL, *(_name(x) for x in labels)])
    return (f"UNWIND $rows AS row CREATE (n:{lbl}) SET " + ", ".join(_assignments("n", keys, pooled, 0))
            + " RETURN count(n) AS n")


def update_nodes_query(labels: list[str], stale_labels: list[str], keys: list[str], pooled: set[str]) -> str:
    """UNWIND rows ([id, labels changed?, values of keys]) onto existing graphkit nodes; a null
    value removes the property. Returns how many matched and how many changed."""
    lbl = ":".join(_name(x) for x in labels)
    remove = (" REMOVE n:" + ":".join(_name(x) for x in stale_labels)) if stale_labels else ""
    return (f"UNWIND $rows AS row MATCH (n:{MARKER_LABEL} {{id: row[0]}}) "
            "WITH n, row, properties(n) AS before "
            "SET " + ", ".join([f"n:{lbl}", *_assignments("n", keys, pooled, 2)]) + f"{remove} "
            "RETURN count(n) AS matched, sum(CASE WHEN row[1] OR properties(n) <> before THEN 1 ELSE 0 END) AS changed")


def create_rels_query(rel_type: str, keys: list[str], pooled: set[str]) -> str:
    """UNWIND rows ([source id, target id, values of keys]) into new relationships."""
    return (f"UNWIND $rows AS row MATCH (a:{MARKER_LABEL} {{id: row[0]}}) MATCH (b:{MARKER_LABEL} {{id: row[1]}}) "
            f"CREATE (a)-[r:{_name(rel_type)}]->(b) SET "
            + ", ".join([f"r.{MARKER_PROP} = true", *_assignments("r", keys, pooled, 2)]) + " RETURN count(r) AS n")


def update_rels_query(rel_type: str, keys: list[str], pooled: set[str]) -> str:
    """UNWIND rows ([source id, target id, values of keys]) onto graphkit's existing relationships."""
    return (f"UNWIND $rows AS row MATCH (a:{MARKER_LABEL} {{id: row[0]}})-[r:{_name(rel_type)}]->"
            f"(b:{MARKER_LABEL} {{id: row[1]}}) WHERE r.{MARKER_PROP} = true "
            "WITH r, row, properties(r) AS before SET " + ", ".join([f"r.{MARKER_PROP} = true", *_assignments("r", keys, pooled, 2)])
            + " RETURN count(r) AS matched, sum(CASE WHEN properties(r) <> before THEN 1 ELSE 0 END) AS changed")


def delete_rels_query(rel_type: str, keep_one: bool = False) -> str:
    """Delete graphkit's relationships of this type between rows of [source id, target id]
    (all of them, or all but one when ``keep_one``: duplicates)."""
    match = (f"UNWIND $rows AS row MATCH (a:{MARKER_LABEL} {{id: row[0]}})-[r:{_name(rel_type)}]->"
             f"(b:{MARKER_LABEL} {{id: row[1]}}) WHERE r.{MARKER_PROP} = true ")
    if keep_one:
        return match + "WITH row, collect(r) AS rs UNWIND tail(rs) AS extra DELETE extra RETURN count(*) AS n"
    return match + "DELETE r RETURN count(*) AS n"


DELETE_NODES_QUERY = f"UNWIND $rows AS id MATCH (n:{MARKER_LABEL} {{id: id}}) DETACH DELETE n RETURN count(*) AS n"
SNAPSHOT_NODES_QUERY = f"MATCH (n:{MARKER_LABEL}) RETURN n.id AS id, labels(n) AS labels, keys(n) AS keys"
SNAPSHOT_RELS_QUERY = (f"MATCH (a:{MARKER_LABEL})-[r]->(b:{MARKER_LABEL}) WHERE r.{MARKER_PROP} = true "
                       "RETURN a.id AS s, type(r) AS type, b.id AS t, count(r) AS n")


def _batches(items: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


class _Writer:
    """Runs write batches, ``workers`` at a time, each in its own session and managed transaction."""

    def __init__(self, driver: neo4j.Driver, database: str | None, workers: int, progress: Progress | None) -> None:
        self.driver, self.database, self.workers, self.progress = driver, database, max(1, workers), progress
        self.lock = threading.Lock()

    def _one(self, query: str, params: dict[str, Any]) -> dict[str, Any]:
        def work(tx: neo4j.ManagedTransaction) -> dict[str, Any]:
            record = tx.run(query, params).single()
            return dict(record) if record is not None else {}

        with self.driver.session(database=self.database) as session:
            return session.execute_write(work)  # type: ignore[no-any-return]

    def run_all(self, stage: str, jobs: list[tuple[str, dict[str, Any], int]]) -> list[dict[str, Any]]:
        """Run (query, params, rows) jobs; returns their single records in job order."""
        total = sum(n for _, _, n in jobs)
        done = 0
        if self.progress and jobs:
            self.progress(stage, 0, total)
        results: list[dict[str, Any]] = [{} for _ in jobs]
        with ThreadPoolExecutor(self.workers, thread_name_prefix="graphkit-push") as pool:
            futures: dict[Future[dict[str, Any]], int] = {pool.submit(self._one, q, p): i
                                                           for i, (q, p, _) in enumerate(jobs)}
            pending = set(futures)
            while pending:
                finished, pending = wait(pending, return_when=FIRST_EXCEPTION)
                for f in finished:
                    if f.exception() is not None:
                        for other in pending:
                            other.cancel()
                        raise f.exception()  # type: ignore[misc]
                    i = futures[f]
                    results[i] = f.result()
                    done += jobs[i][2]
                if self.progress:
                    self.progress(stage, done, total)
        return results


def push(source: Store | Projection, target: Neo4jEngine | neo4j.Driver, replace: bool = False,
         batch_size: int = settings.NEO4J_BATCH_SIZE, progress: Progress | None = None, *,
         database: str | None = None, workers: int = WORKERS) -> PushSummary:
    """Write the graph to Neo4j; returns what was created, updated and removed.

    Parameters
    ----------
    source: a store (projected here) or a projection.
    target: a Neo4jEngine, or a driver (then ``database``; None is the server's default).
    replace: also remove what graphkit pushed before that is no longer in the graph (only data
        graphkit marked; a removed node takes its relationships with it).
    batch_size: rows per transaction.
    progress: called as ``progress(stage, done, total)`` from the calling thread.
    workers: batches written at the same time.

    Raises StoreError when the server fails or the data conflicts with data already there,
    OntologyError for a label, type or property the ontology does not declare.

    Examples
    --------
    >>> with Neo4jEngine.from_settings() as engine:          # doctest: +SKIP
    ...     summary = push(store, engine, replace=True)
    """
    proj = source if isinstance(source, Projection) else project(source)
    if isinstance(target, Neo4jEngine):
        driver, database, where = target.driver, target.database, target.uri
    else:
        driver, where = target, "the server"
    if batch_size < 1:
        raise StoreError(f"batch size must be at least 1, not {batch_size}")
    _check_terms(proj)
    try:
        return _push(proj, driver, database, replace, batch_size, progress, workers)
    except nx.ConstraintError as exc:
        raise StoreError(f"Neo4j at {where} already holds data that graphkit did not push and that conflicts with "
                         f"its graph: {_scrub(exc.message or str(exc), None)}") from None
    except (nx.Neo4jError, nx.DriverError) as exc:
        raise StoreError(f"Neo4j at {where} failed during the push: {_scrub(getattr(exc, 'message', None) or str(exc), None)}; "
                         "re-running the push completes it without duplicates") from None


def _push(proj: Projection, driver: neo4j.Driver, database: str | None, replace: bool, batch_size: int,
          progress: Progress | None, workers: int) -> PushSummary:
    labels_known, _, props_known = _ontology_terms()
    summary = PushSummary()
    writer = _Writer(driver, database, workers, progress)
    with driver.session(database=database) as session:
        for stmt in schema_statements():
            session.run(stmt).consume()
        session.run("CALL db.awaitIndexes(300)").consume()
        old_nodes: dict[str, tuple[set[str], set[str]]] = {}
        old_rels: dict[tuple[str, str, str], int] = {}

        def snapshot(tx: neo4j.ManagedTransaction) -> None:
            old_nodes.clear()
            old_rels.clear()
            for rec in tx.run(SNAPSHOT_NODES_QUERY):
                old_nodes[rec["id"]] = (set(rec["labels"]), set(rec["keys"]))
            for rec in tx.run(SNAPSHOT_RELS_QUERY):
                old_rels[(rec["s"], rec["type"], rec["t"])] = rec["n"]

        session.execute_read(snapshot)

    # nodes: new ones grouped by label set; known ones by (label set, ontology labels to drop)
    new_groups: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    old_groups: dict[tuple[tuple[str, ...], tuple[str, ...]], list[tuple[dict[str, Any], bool, set[str]]]] = defaultdict(list)
    for n in proj.nodes.values():
        props = {k: v for k, v in n.props.items() if v is not None}
        if n.id not in old_nodes:
            new_groups[tuple(n.labels)].append(props)
            continue
        had_labels, had_keys = old_nodes[n.id]
        stale = tuple(sorted((had_labels & labels_known) - set(n.labels)))
        changed = bool(stale) or not set(n.labels) <= had_labels
        drop = (had_keys & props_known) - set(props)
        old_groups[(tuple(n.labels), stale)].append((props, changed, drop))

    jobs: list[tuple[str, dict[str, Any], int]] = []
    kinds: list[str] = []
    for labels, rows in sorted(new_groups.items()):
        for batch in _batches(rows, batch_size):
            keys = sorted({k for r in batch for k in r})
            data, pool, pooled = encode_rows(batch, keys)
            jobs.append((create_nodes_query(list(labels), keys, pooled), {"rows": data, "pool": pool}, len(batch)))
            kinds.append("created")
    for (labels, stale), items in sorted(old_groups.items()):
        for batch in _batches(items, batch_size):
            keys = sorted({k for props, _, drop in batch for k in (*props, *drop)} - {"id"})
            data, pool, pooled = encode_rows([props for props, _, _ in batch], keys)
            rows = [[props["id"], changed, *row] for (props, changed, _), row in zip(batch, data)]
            jobs.append((update_nodes_query(list(labels), list(stale), keys, pooled),
                         {"rows": rows, "pool": pool}, len(batch)))
            kinds.append("updated")
    for kind, result, (_, params, n) in zip(kinds, writer.run_all("nodes", jobs), jobs):
        if kind == "created":
            summary.nodes_created += result.get("n", 0)
        else:
            if result.get("matched", 0) != n:
                raise StoreError(f"{n - result.get('matched', 0)} of graphkit's nodes vanished during the push; "
                                 "run it again")
            summary.nodes_updated += result.get("changed", 0)
            summary.nodes_unchanged += n - result.get("changed", 0)

    # relationships: duplicates (from an earlier concurrent push) first, then new and known ones
    jobs, kinds = [], []
    dupes: dict[str, list[list[str]]] = defaultdict(list)
    for (s, t_, o), count in old_rels.items():
        if count > 1:
            dupes[t_].append([s, o])
    for rel_type, pairs in sorted(dupes.items()):
        for batch in _batches(pairs, batch_size):
            jobs.append((delete_rels_query(rel_type, keep_one=True), {"rows": batch}, len(batch)))
            kinds.append("deduped")
    if jobs:
        for result in writer.run_all("removed", jobs):
            summary.relationships_removed += result.get("n", 0)
    jobs, kinds = [], []
    new_rels: dict[str, list[tuple[str, str, dict[str, Any]]]] = defaultdict(list)
    old_rel_rows: dict[str, list[tuple[str, str, dict[str, Any]]]] = defaultdict(list)
    seen: set[tuple[str, str, str]] = set()
    for e in proj.edges:
        key = (e.source, e.type, e.target)
        if key in seen:
            raise StoreError(f"the projection has two {e.type} relationships from {e.source} to {e.target}")
        seen.add(key)
        (old_rel_rows if key in old_rels else new_rels)[e.type].append((e.source, e.target, e.props))
    for rel_type, items in sorted(new_rels.items()):
        for batch in _batches(items, batch_size):
            keys = sorted({k for _, _, p in batch for k, v in p.items() if v is not None})
            data, pool, pooled = encode_rows([p for _, _, p in batch], keys)
            rows = [[s, o, *row] for (s, o, _), row in zip(batch, data)]
            jobs.append((create_rels_query(rel_type, keys, pooled), {"rows": rows, "pool": pool}, len(batch)))
            kinds.append("created")
    for rel_type, items in sorted(old_rel_rows.items()):
        for batch in _batches(items, batch_size):
            keys = sorted(set(EDGE_PROPS) | {k for _, _, p in batch for k in p})
            data, pool, pooled = encode_rows([p for _, _, p in batch], keys)
            rows = [[s, o, *row] for (s, o, _), row in zip(batch, data)]
            jobs.append((update_rels_query(rel_type, keys, pooled), {"rows": rows, "pool": pool}, len(batch)))
            kinds.append("updated")
    for kind, result, (_, _, n) in zip(kinds, writer.run_all("relationships", jobs), jobs):
        if kind == "created":
            if result.get("n", 0) != n:
                raise StoreError(f"{n - result.get('n', 0)} relationships lost an end node during the push; run it again")
            summary.relationships_created += n
        else:
            summary.relationships_updated += result.get("changed", 0)
            summary.relationships_unchanged += n - result.get("changed", 0)

    # what graphkit pushed before and the graph no longer has
    gone_rels: dict[str, list[list[str]]] = defaultdict(list)
    for (s, t_, o) in old_rels:
        if (s, t_, o) not in seen:
            gone_rels[t_].append([s, o])
    gone_nodes = sorted(set(old_nodes) - set(proj.nodes))
    summary.relationships_stale = sum(len(v) for v in gone_rels.values())
    summary.nodes_stale = len(gone_nodes)
    if replace and (gone_rels or gone_nodes):
        jobs = [(delete_rels_query(t_), {"rows": batch}, len(batch))
                for t_, pairs in sorted(gone_rels.items()) for batch in _batches(pairs, batch_size)]
        for result in writer.run_all("removed", jobs):
            summary.relationships_removed += result.get("n", 0)
        jobs = [(DELETE_NODES_QUERY, {"rows": batch}, len(batch)) for batch in _batches(gone_nodes, batch_size)]
        for result in writer.run_all("removed", jobs):
            summary.nodes_removed += result.get("n", 0)
        summary.relationships_stale = summary.nodes_stale = 0
    return summary
