"""``push``: write the projection to a Neo4j server, in batches, idempotently.

Identity (marker label, id constraint, fingerprint, empty values left out) is
:mod:`graphkit.engines.neo4j.identity`, shared with the Cypher script and the neo4j-admin CSV:

- Constraints and indexes first (Neo4j 5 syntax, ``IF NOT EXISTS``).
- One relationship per (source node, type, target node), carrying the list of every source
  that states it (``sources``), never one per source and never a last-writer-wins merge.
- Before writing, a read takes stock of what graphkit wrote before (ids and fingerprints, by
  any route), a page of nodes with their relationships per record. New nodes and relationships
  are CREATEd, changed ones matched and SET, unchanged ones left alone. So pushing twice writes
  nothing, pushing after the script or the CSV import writes nothing, and a push that was
  interrupted (each batch commits on its own) resumes where it stopped when re-run, without
  duplicates.
- Rows go in batches of ``UNWIND $rows`` through ``session.execute_write`` (managed
  transactions retry transient errors such as deadlocks), several batches at a time while the
  next ones are encoded. Rows are positional lists, and list values repeated across a batch
  (sources, labels) are sent once per batch in ``$pool``: packing rows is a large share of a
  push's time in the Python driver. A stage of fewer than about 80k rows goes in smaller batches
  (at least four per worker), so that both server threads work from the start.
- New relationships find their ends by element id (returned by the node writes and the snapshot
  read), not through the id index, in a graph of fewer than :data:`ELEMENT_ID_ROWS` relationships;
  in a larger one neither the read nor the writes collect element ids.
"""

from __future__ import annotations

import pickle
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, fields
from functools import cache
from typing import Any

import neo4j
from neo4j import exceptions as nx

from graphkit import settings
from graphkit.engines.neo4j.engine import Neo4jEngine, _scrub
from graphkit.engines.neo4j.identity import (
    MARKER_LABEL,
    MARKER_PROP,
    checked_name,
    edge_props,
    node_props,
    schema_statements,
)
from graphkit.errors import OntologyError, StoreError
from graphkit.project import (
    BASE_NODE_PROPS,
    EDGE_PROPS,
    PROVENANCE_CLASSES,
    Edge,
    Node,
    Projection,
    collector_paused,
    declared_props,
    load_projection,
)
from graphkit.store import Store
from graphkit.vocab import vocabulary

WORKERS = 2
"""Batches written at the same time: one is packed in Python while the server runs another."""

Progress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``; stage is "nodes", "relationships" or "removed"."""

# ---------------------------------------------------------------------------- push
@dataclass
class PushSummary:
    """What a push did. ``*_stale``: graphkit's data that the graph no longer has, left in place
    (``replace`` removes it)."""

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
        """Two rows (nodes, relationships) of created, updated, unchanged, removed, stale."""
        return [{"what": what, **{f.name[len(what) + 1:]: getattr(self, f.name)
                                  for f in fields(self) if f.name.startswith(what + "_")}}
                for what in ("nodes", "relationships")]


# ---------------------------------------------------------------------------- names and rows
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
    # the projection's own declaration: every value of a single-valued key the sources disagree
    # on travels as <key>Claims
    props.update(declared_props())
    return labels, types, frozenset(props)


def _check_terms(proj: Projection) -> None:
    """Refuse labels, types and property names the ontology does not declare."""
    labels, types, props = _ontology_terms()
    bad = ({x for n in proj.nodes.values() for x in n.labels} - labels
           | {k for n in proj.nodes.values() for k in n.props} - props
           | {e.type for e in proj.edges} - types)
    if bad:
        raise OntologyError(f"the graph has names the ontology does not declare: {', '.join(sorted(bad))}")
    for k in {k for e in proj.edges for k in e.props} | props | {MARKER_PROP}:
        checked_name(k)


def encode_rows(rows: Iterable[dict[str, Any]], keys: list[str]) -> tuple[list[list[Any]], list[Any], set[str]]:
    """Rows as positional lists over ``keys``, with list values replaced by their index in a
    pool, so that a list repeated across rows is sent once.

    Returns (rows, pool, the keys whose values are pool indexes).
    """
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


class Pool:
    """Values sent once per batch in ``$pool`` (lists such as sources, label sets, types); rows
    carry their index."""

    __slots__ = ("_index", "items")

    def __init__(self) -> None:
        self.items: list[Any] = []
        self._index: dict[Any, int] = {}

    def ref(self, value: Any) -> int:
        """The index of ``value`` in the pool, added on first use."""
        key = tuple(value) if isinstance(value, list) else value
        i = self._index.get(key)
        if i is None:
            i = self._index[key] = len(self.items)
            self.items.append(value)
        return i


def pack_rows(items: Iterable[tuple[tuple[Any, ...], Any, dict[str, Any]]], keys: list[str],
              pooled: set[str]) -> tuple[list[list[Any]], list[Any]]:
    """Rows ``[*lead, pool index of shared, values of keys]`` for items ``(lead, shared, props)``,
    with the values of ``pooled`` keys as pool indexes; returns (rows, pool).

    One pass, no intermediate dicts: the same columns for every batch of a push, so its statement
    is planned once.
    """
    pool = Pool()
    ref = pool.ref
    plan = [(k, k in pooled) for k in keys]
    rows = []
    for lead, shared, props in items:
        row = [*lead, ref(shared)]
        get = props.get
        for k, is_pooled in plan:
            v = get(k)
            row.append(ref(v) if is_pooled and v is not None else v)
        rows.append(row)
    return rows, pool.items


def columns(props: Iterable[dict[str, Any]]) -> tuple[list[str], set[str]]:
    """(every key, sorted; the keys with a list value somewhere) of these property dicts."""
    keys: set[str] = set()
    pooled: set[str] = set()
    for p in props:
        keys.update(p)
        pooled.update(k for k, v in p.items() if isinstance(v, list))
    return sorted(keys), pooled


def stored_columns(props: Iterable[dict[str, Any]], extra: Iterable[str] = ()) -> tuple[list[str], set[str]]:
    """:func:`columns` of these properties as :func:`~graphkit.engines.neo4j.identity.stored` will
    write them (keys with a value stored somewhere; list or tuple values pooled), plus ``extra``
    keys with scalar values: read from the graph's own properties, before (and without) computing
    the stored ones, so writing can start at once."""
    keys: set[str] = set(extra)
    pooled: set[str] = set()
    for p in props:
        for k, v in p.items():
            if v is None or k in pooled:
                continue
            if isinstance(v, list | tuple):
                if v:
                    keys.add(k)
                    pooled.add(k)
            else:
                keys.add(k)
    return sorted(keys), pooled


# ---------------------------------------------------------------------------- queries
def _assignments(var: str, keys: list[str], pooled: set[str], offset: int) -> list[str]:
    """``var.k = row[i]`` (or ``$pool[row[i]]``) for each key, from column ``offset`` on; a null
    value removes the property."""
    return [f"{var}.{checked_name(k)} = " + (f"$pool[row[{i}]]" if k in pooled else f"row[{i}]")
            for i, k in enumerate(keys, offset)]


def create_nodes_query(keys: list[str], pooled: set[str], element_ids: bool = True) -> str:
    """UNWIND rows of [labels (a pool index), values of keys] into new nodes with the marker label
    and the row's labels.

    The labels are a parameter (Neo4j 5.26 dynamic labels), so every new node goes through this
    one statement, planned once per push, whatever its labels: a statement per label set (and per
    set of keys) was planned again for each, which cost more than writing the rows at 100k facts.
    The label names are still the ontology's (checked before the push), and never Cypher text.
    Returns how many were created and (``element_ids``) their [id, element id] pairs, for the
    relationships. Tried at 1M facts, not kept: the values in the CREATE's own map instead of SET
    (no null written; the same for relationships) took 33.4-39.7 s against 19.2-27.0 s (two pushes
    each, alternated, load 3-3.6), and a statement per set of keys present, so no nulls sent, was
    within the noise (18.9-39.7 s against 23.2-33.5 s, three each).
    """
    return (f"UNWIND $rows AS row CREATE (n:{MARKER_LABEL}:$($pool[row[0]])) SET "
            + ", ".join(_assignments("n", keys, pooled, 1))
            + (" RETURN count(n) AS n, collect([n.id, elementId(n)]) AS ids" if element_ids
               else " RETURN count(n) AS n"))


def update_nodes_query(labels: list[str], stale_labels: list[str], keys: list[str], pooled: set[str]) -> str:
    """UNWIND rows of [id, values of keys] onto graphkit's nodes: set the labels and values, drop
    ``stale_labels``. Returns how many matched."""
    lbl = ":".join(checked_name(x) for x in labels)
    remove = (" REMOVE n:" + ":".join(checked_name(x) for x in stale_labels)) if stale_labels else ""
    return (f"UNWIND $rows AS row MATCH (n:{MARKER_LABEL} {{id: row[0]}}) SET "
            + ", ".join([f"n:{lbl}", *_assignments("n", keys, pooled, 1)]) + remove + " RETURN count(n) AS n")


def _rel_match(rel_type: str) -> str:
    return (f"UNWIND $rows AS row MATCH (a:{MARKER_LABEL} {{id: row[0]}})-[r:{checked_name(rel_type)}]->"
            f"(b:{MARKER_LABEL} {{id: row[1]}}) WHERE r.{MARKER_PROP} IS NOT NULL ")


def create_rels_query(keys: list[str], pooled: set[str], by_element_id: bool = True) -> str:
    """UNWIND rows of [source, target, type (a pool index), values of keys] into new relationships;
    one statement for every type (dynamic types), as for the nodes.

    ``by_element_id``: the ends are element ids (which the node writes and the snapshot read
    return), found without the id index: at 100k facts that took the server's time for the
    relationships from 0.75-1.10 s to 0.53-0.81 s (four runs each, alternated). An element id
    another graphkit node took over (deleted and created again by a concurrent ``replace``) is the
    one case this trusts. Else the ends are graphkit ids, found through the id index."""
    if by_element_id:
        ends = (f"UNWIND $rows AS row MATCH (a:{MARKER_LABEL}) WHERE elementId(a) = row[0] "
                f"MATCH (b:{MARKER_LABEL}) WHERE elementId(b) = row[1] ")
    else:
        ends = f"UNWIND $rows AS row MATCH (a:{MARKER_LABEL} {{id: row[0]}}) MATCH (b:{MARKER_LABEL} {{id: row[1]}}) "
    return (ends + "CREATE (a)-[r:$($pool[row[2]])]->(b) SET " + ", ".join(_assignments("r", keys, pooled, 3))
            + " RETURN count(r) AS n")


def update_rels_query(rel_type: str, keys: list[str], pooled: set[str]) -> str:
    """UNWIND rows of [source id, target id, values of keys] onto graphkit's relationships."""
    return _rel_match(rel_type) + "SET " + ", ".join(_assignments("r", keys, pooled, 2)) + " RETURN count(r) AS n"


def delete_rels_query(rel_type: str, keep_one: bool = False) -> str:
    """Delete graphkit's relationships of this type for rows of [source id, target id]: all of
    them, or all but one (``keep_one``: duplicates left by pushes that ran at the same time)."""
    if keep_one:
        return (_rel_match(rel_type)
                + "WITH row, collect(r) AS rs UNWIND tail(rs) AS extra DELETE extra RETURN count(*) AS n")
    return _rel_match(rel_type) + "DELETE r RETURN count(*) AS n"


DELETE_NODES_QUERY = f"UNWIND $rows AS id MATCH (n:{MARKER_LABEL} {{id: id}}) DETACH DELETE n RETURN count(*) AS n"
# What graphkit wrote before, a page of nodes (in id order, through the id index) at a time, each with its outgoing
# relationships: one record per page, not one per node and relationship. The Python driver's cost is per record
# (receiving and dispatching each message): at 1M facts, 420,511 records took 26.7 s of a 37.6 s push that found
# nothing to change.
# Each node's element id only when the relationships will use them (see ELEMENT_ID_ROWS).
SNAPSHOT_PAGE_QUERY = (f"MATCH (n:{MARKER_LABEL}) WHERE n.id > $after WITH n ORDER BY n.id LIMIT $size "
                       f"OPTIONAL MATCH (n)-[r]->(b:{MARKER_LABEL}) WHERE r.{MARKER_PROP} IS NOT NULL "
                       f"WITH n, collect(CASE WHEN r IS NULL THEN null ELSE [type(r), b.id, r.{MARKER_PROP}] END) "
                       f"AS rels "
                       f"ORDER BY n.id RETURN collect([n.id, n.{MARKER_PROP}, rels, "
                       f"CASE WHEN $element_ids THEN elementId(n) END]) AS page")
SNAPSHOT_PAGE = 5_000
"""Nodes per page of the snapshot read."""
DETAILS_QUERY = (f"UNWIND $ids AS id MATCH (n:{MARKER_LABEL} {{id: id}}) "
                 "RETURN n.id AS id, labels(n) AS labels, keys(n) AS keys")


# ---------------------------------------------------------------------------- push
Job = tuple[str, dict[str, Any], int]
"""(query, parameters, rows in the batch)"""


def _batches(items: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


ELEMENT_ID_ROWS = 80_000
"""In a graph of fewer relationships (so fewer new ones), new relationships find their ends by
element id (see :func:`create_rels_query`); from this many on, the snapshot read and the node
writes do not collect element ids at all (until round fourteen they did, unused). That made no
difference above the noise at 1M facts: server CPU per push 18.6-23.1 s without them against
18.4-28.3 s with, client 5.9-8.3 s against 5.9-8.5 s (6 and 10 pushes alternated, load 2.0-4.0).
Finding the ends by element id at 1M facts (334k relationships) took less server CPU (15.2-22.7 s
against 17.6-23.7 s) but no less wall time: more in two A/B runs of three pushes each (best 15.4
and 17.5 s against 13.4 and 16.5 s, medians 18.6 and 20.6 against 19.5 and 18.7 s; load 2.3-3.5).
Not understood, so not used there."""
MIN_SPLIT_BATCH = 1_000
"""The smallest batch :func:`_split_size` makes."""


def _split_size(count: int, size: int, workers: int) -> int:
    """Rows per batch for ``count`` new rows: ``size`` at most, smaller when that would leave fewer
    than four batches per worker (not below :data:`MIN_SPLIT_BATCH`). At 100k facts (8.5k nodes,
    28k relationships) one 10k batch of nodes kept one server thread busy while the other waited,
    and the server waited for the whole batch to be packed: 2.5k-row batches took the push from
    1.79-2.68 s to 1.47-1.83 s (best of 4 runs in two A/B runs). This split makes 1,063-node and
    3,527-relationship batches there. From about 80k rows on, batches are ``size``."""
    return max(1, min(size, max(MIN_SPLIT_BATCH, -(-count // (4 * workers)))))


class _Writer:
    """Runs write batches, ``workers`` at a time, each in its own session and managed transaction,
    while the next ones are being encoded."""

    def __init__(self, driver: neo4j.Driver, database: str | None, workers: int, progress: Progress | None) -> None:
        self.driver, self.database, self.workers, self.progress = driver, database, max(1, workers), progress
        self.element_ids: dict[str, str] = {}
        """graphkit node id -> element id, of the nodes the snapshot read found and the writes created
        (when ``by_element_id``)."""
        self.by_element_id = True
        """Whether new relationships find their ends by element id (so the reads and writes return them)."""

    def _one(self, query: str, params: dict[str, Any]) -> tuple[int, list[list[str]] | None]:
        def work(tx: neo4j.ManagedTransaction) -> tuple[int, list[list[str]] | None]:
            record = tx.run(query, params).single()
            if record is None:
                return 0, None
            return int(record["n"]), record.get("ids")

        with self.driver.session(database=self.database) as session:
            return session.execute_write(work)

    def run_all(self, stage: str, jobs: Iterable[Job], total: int,
                check: Callable[[int, int], None] | None = None) -> int:
        """Run the jobs; returns the sum of their counts. ``check(count, rows)`` may raise."""
        done = written = 0
        if self.progress and total:
            self.progress(stage, 0, total)
        with ThreadPoolExecutor(self.workers, thread_name_prefix="graphkit-push") as pool:
            running: dict[Future[tuple[int, list[list[str]] | None]], int] = {}
            try:
                for query, params, rows in jobs:
                    while len(running) >= 2 * self.workers:
                        done, written = self._collect(stage, running, total, done, written, check)
                    running[pool.submit(self._one, query, params)] = rows
                while running:
                    done, written = self._collect(stage, running, total, done, written, check)
            except BaseException:
                for f in running:
                    f.cancel()
                raise
        return written

    def _collect(self, stage: str, running: dict[Future[tuple[int, list[list[str]] | None]], int], total: int,
                 done: int, written: int, check: Callable[[int, int], None] | None) -> tuple[int, int]:
        finished, _ = wait(running, return_when=FIRST_COMPLETED)
        for f in finished:
            rows = running.pop(f)
            count, ids = f.result()  # raises the batch's error
            if ids:
                self.element_ids.update((k, v) for k, v in ids)
            if check:
                check(count, rows)
            done += rows
            written += count
        if self.progress:
            self.progress(stage, done, total)
        return done, written


def push(source: Store | Projection, target: Neo4jEngine | neo4j.Driver, replace: bool = False,
         batch_size: int = settings.NEO4J_BATCH_SIZE, progress: Progress | None = None, *,
         database: str | None = None, workers: int = WORKERS) -> PushSummary:
    """Write the graph to Neo4j; returns what was created, updated, left unchanged and removed.

    Parameters
    ----------
    source: a store (its saved projection when current, else projected here) or a projection.
    target: a Neo4jEngine, or a driver (then ``database``; None is the server's default).
    replace: also remove what graphkit pushed before that is no longer in the graph (only data
        graphkit marked; a removed node takes the relationships attached to it along).
    batch_size: rows per transaction.
    progress: called as ``progress(stage, done, total)``, from the calling thread.
    workers: batches written at the same time.

    Raises StoreError when the server fails or holds conflicting data (re-running the push
    completes it), OntologyError for a label, type or property the ontology does not declare.

    Examples
    --------
    >>> with Neo4jEngine.from_settings() as engine:          # doctest: +SKIP
    ...     summary = push(store, engine, replace=True)
    """
    proj = source if isinstance(source, Projection) else load_projection(source)
    if isinstance(target, Neo4jEngine):
        driver, database, where = target.driver, target.database, target.uri
    else:
        driver, where = target, "the server"
    if batch_size < 1:
        raise StoreError(f"batch size must be at least 1, not {batch_size}")
    try:
        # the rows are millions of small acyclic objects: full collections walking the projection
        # cost more than the fingerprints they interrupt (1.2 s against 0.1 s per 10k relationships
        # at 1M facts)
        with collector_paused():
            _check_terms(proj)
            return _push(proj, _Writer(driver, database, workers, progress), replace, batch_size)
    except nx.ConstraintError as exc:
        raise StoreError(f"Neo4j at {where} holds data that conflicts with graphkit's: "
                         f"{_scrub(exc.message or str(exc), None)}") from None
    except (nx.Neo4jError, nx.DriverError) as exc:
        raise StoreError(f"Neo4j at {where} failed during the push: "
                         f"{_scrub(getattr(exc, 'message', None) or str(exc), None)}; "
                         "run the push again to complete it (no duplicates)") from None


def _read(writer: _Writer, query: str, **params: Any) -> list[neo4j.Record]:
    with writer.driver.session(database=writer.database) as session:
        return session.execute_read(lambda tx: list(tx.run(query, params)))


def _snapshot(writer: _Writer) -> tuple[dict[str, Any], dict[tuple[str, str, str], list[str]]]:
    """What graphkit wrote before: node id -> fingerprint, (source, type, target) -> the fingerprints
    of the relationships there (more than one after pushes that ran at the same time); the nodes'
    element ids go to ``writer.element_ids``."""
    nodes: dict[str, Any] = {}
    rels: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    element_ids = writer.element_ids
    after = ""
    while True:
        page = _read(writer, SNAPSHOT_PAGE_QUERY, after=after, size=SNAPSHOT_PAGE,
                     element_ids=writer.by_element_id)[0]["page"]
        for nid, fp, out, eid in page:
            nodes[nid] = fp
            if eid is not None:
                element_ids[nid] = eid
            for rel_type, target, rfp in out:
                rels[(nid, rel_type, target)].append(rfp)
        if len(page) < SNAPSHOT_PAGE:
            return nodes, rels
        after = max(nid for nid, _, _, _ in page)   # the page's order is the id order; not relied on


class _EdgeProps:
    """:func:`~graphkit.engines.neo4j.identity.edge_props`, computed once for equal properties
    (keyed by their pickle: ``1``, ``1.0`` and ``True`` pickle apart), as the neo4j-admin CSV does:
    at 1M facts 56k distinct among 334k relationships. The rows are shared, read only."""

    __slots__ = ("_rows",)

    def __init__(self) -> None:
        self._rows: dict[bytes, dict[str, Any]] = {}

    def __call__(self, edge: Edge) -> dict[str, Any]:
        key = pickle.dumps(edge.props, 5)
        row = self._rows.get(key)
        if row is None:
            row = self._rows[key] = edge_props(edge)
        return row


def _push(proj: Projection, writer: _Writer, replace: bool, batch_size: int) -> PushSummary:
    labels_known, _, props_known = _ontology_terms()
    summary = PushSummary()
    with writer.driver.session(database=writer.database) as session:
        for stmt in schema_statements():
            session.run(stmt).consume()
        session.run("CALL db.awaitIndexes(300)").consume()
    # below ELEMENT_ID_ROWS relationships in all, the new ones (fewer still) find their ends by
    # element id; else the reads and writes do not collect them
    writer.by_element_id = len(proj.edges) < ELEMENT_ID_ROWS
    old_nodes, old_rels = _snapshot(writer)

    # nodes: new ones created (one statement whatever their labels); changed ones updated,
    # unchanged ones left alone. A new node's properties are computed as its batch is packed, so
    # the server starts on the first batch at once (into an empty database, every node is new).
    new_nodes: list[Node] = []
    changed: list[tuple[list[str], dict[str, Any]]] = []
    for n in proj.nodes.values():
        if n.id not in old_nodes:
            new_nodes.append(n)
            continue
        props = node_props(n)
        if old_nodes[n.id] != props[MARKER_PROP]:
            changed.append((n.labels, props))
        else:
            summary.nodes_unchanged += 1
    changed_groups: dict[tuple[tuple[str, ...], tuple[str, ...]], list[dict[str, Any]]] = defaultdict(list)
    for batch in _batches(changed, batch_size):
        had = {rec["id"]: (set(rec["labels"]), set(rec["keys"]))
               for rec in _read(writer, DETAILS_QUERY, ids=[p["id"] for _, p in batch])}
        for labels, props in batch:
            had_labels, had_keys = had.get(props["id"], (set(), set()))
            stale = tuple(sorted((had_labels & labels_known) - set(labels)))
            # a property graphkit wrote before and no longer has goes as a null
            props.update(dict.fromkeys((had_keys & props_known) - set(props)))
            changed_groups[(tuple(labels), stale)].append(props)

    def node_jobs() -> Iterator[Job]:
        keys, pooled = stored_columns((n.props for n in new_nodes), [MARKER_PROP])
        query = create_nodes_query(keys, pooled, writer.by_element_id)
        for batch in _batches(new_nodes, _split_size(len(new_nodes), batch_size, writer.workers)):
            data, pool = pack_rows((((), n.labels, node_props(n)) for n in batch), keys, pooled)
            yield query, {"rows": data, "pool": pool}, len(batch)
        for (labels, stale), rows in sorted(changed_groups.items()):
            for batch in _batches(rows, batch_size):
                keys = sorted({k for r in batch for k in r} - {"id"})
                data, pool, pooled = encode_rows(batch, keys)
                data = [[r["id"], *d] for r, d in zip(batch, data, strict=True)]
                yield (update_nodes_query(list(labels), list(stale), keys, pooled),
                       {"rows": data, "pool": pool}, len(batch))

    def all_matched(count: int, rows: int) -> None:
        if count != rows:
            raise StoreError(f"{rows - count} of graphkit's nodes or relationships went missing during the push "
                             "(was something deleting them?); run the push again")

    new_rels: list[Edge] = []
    changed_rels: dict[str, list[tuple[str, str, dict[str, Any]]]] = defaultdict(list)
    seen: set[tuple[str, str, str]] = set()

    def sort_relationships() -> None:
        """New, changed and unchanged relationships (run while the last node batches are written);
        a new one's properties are computed as its batch is packed."""
        for e in proj.edges:
            key = (e.source, e.type, e.target)
            if key in seen:
                raise StoreError(f"the graph has two {e.type} relationships from {e.source} to {e.target}")
            seen.add(key)
            fps = old_rels.get(key)
            if not fps:
                new_rels.append(e)
                continue
            props = edge_props(e)
            if len(fps) > 1 or fps[0] != props[MARKER_PROP]:
                changed_rels[e.type].append((e.source, e.target, props))
            else:
                summary.relationships_unchanged += 1

    def then_sort_relationships(jobs: Iterator[Job]) -> Iterator[Job]:
        yield from jobs
        sort_relationships()

    summary.nodes_created = len(new_nodes)
    summary.nodes_updated = len(changed)
    writer.run_all("nodes", then_sort_relationships(node_jobs()), summary.nodes_created + summary.nodes_updated,
                   all_matched)

    # relationships: duplicates first (from pushes that ran at the same time), then new, changed
    dupes = sorted((t, s, o) for (s, t, o), fps in old_rels.items() if len(fps) > 1)
    if dupes:
        jobs = [(delete_rels_query(t, keep_one=True), {"rows": [[s, o] for _, s, o in batch]}, len(batch))
                for t, group in _group(dupes) for batch in _batches(group, batch_size)]
        summary.relationships_removed += writer.run_all("removed", jobs, len(dupes))

    def rel_jobs() -> Iterator[Job]:
        keys, pooled = stored_columns((e.props for e in new_rels), [MARKER_PROP])
        by_element_id = writer.by_element_id
        query = create_rels_query(keys, pooled, by_element_id)
        props = _EdgeProps()
        eid = writer.element_ids.get
        for batch in _batches(new_rels, _split_size(len(new_rels), batch_size, writer.workers)):
            ends = (((eid(e.source), eid(e.target)) if by_element_id else (e.source, e.target)) for e in batch)
            data, pool = pack_rows(((lead, e.type, props(e)) for lead, e in zip(ends, batch, strict=True)), keys,
                                   pooled)
            yield query, {"rows": data, "pool": pool}, len(batch)
        for rel_type, items in sorted(changed_rels.items()):
            for batch in _batches(items, batch_size):
                # a null removes a qualifier gone since
                keys = sorted({k for _, _, p in batch for k in p} | set(EDGE_PROPS))
                data, pool, pooled = encode_rows([p for _, _, p in batch], keys)
                rows = [[s, o, *row] for (s, o, _), row in zip(batch, data, strict=True)]
                yield update_rels_query(rel_type, keys, pooled), {"rows": rows, "pool": pool}, len(batch)

    summary.relationships_created = len(new_rels)
    summary.relationships_updated = sum(len(v) for v in changed_rels.values())
    writer.run_all("relationships", rel_jobs(), summary.relationships_created + summary.relationships_updated,
                   all_matched)

    # what graphkit pushed before and the graph no longer has
    gone_rels = sorted((t, s, o) for (s, t, o) in old_rels if (s, t, o) not in seen)
    gone_nodes = sorted(set(old_nodes) - set(proj.nodes))
    if not replace:
        summary.nodes_stale, summary.relationships_stale = len(gone_nodes), len(gone_rels)
        return summary
    jobs = [(delete_rels_query(t), {"rows": [[s, o] for _, s, o in batch]}, len(batch))
            for t, group in _group(gone_rels) for batch in _batches(group, batch_size)]
    summary.relationships_removed += writer.run_all("removed", jobs, len(gone_rels))
    jobs = [(DELETE_NODES_QUERY, {"rows": batch}, len(batch)) for batch in _batches(gone_nodes, batch_size)]
    summary.nodes_removed = writer.run_all("removed", jobs, len(gone_nodes))
    return summary


def _group(keys: list[tuple[str, str, str]]) -> Iterator[tuple[str, list[tuple[str, str, str]]]]:
    """Sorted (type, source, target) keys, by type."""
    by_type: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for key in keys:
        by_type[key[0]].append(key)
    yield from sorted(by_type.items())
