#!/usr/bin/env python3
"""Benchmark: `graphkit push` against two usual ways of loading Neo4j and the bulk route, on 100x the curated graph.

    set -a; eval "$(scripts/neo4j-test-server start)"; set +a
    python bench/neo4j_push.py [--scale 100] [--rounds 3] [--store PATH] [--neo4j-admin PATH] [--no-per-row]

    # the generator's graphs (bench/generate.py, built with graphkit build), as bench/run measures them
    python bench/neo4j_push.py --store STORE --scale 1 --rounds 2

The graph is the projection of the curated records (built into a temporary store unless --store
is given) replicated ``--scale`` times with new ids, so each copy has the same shape, labels,
property values and sources. Three loaders write it into the same empty database, in the same run:

graphkit
    ``graphkit.engines.neo4j.push`` as `graphkit push` runs it (constraints, the stock-taking
    read, batched writes, the summary), default batch size and workers.
(b) kgx-style batches
    What kgx's ``kgx/sink/neo_sink.py`` does: a uniqueness constraint per category label and on a
    base label, nodes grouped by category set and relationships by type, each written as
    ``UNWIND $rows ... MERGE ... SET += row`` in 10,000-row batches, one after another. The rows
    carry what kgx records carry (node: properties + category; edge: properties + subject,
    predicate, object).
(a) one transaction per row
    ``MERGE`` one node or one relationship per managed transaction (with the same uniqueness
    constraint, or MERGE would scan), on the WHOLE graph, once (a sample overstated the ratio:
    it pays query planning for every label set, 420-476 rows/s against ~1,000 on the whole graph).
bulk route (empty database only)
    ``export --format neo4j-csv`` of the same projection, then the folder's own import script
    run by neo4j-admin (``--neo4j-admin``; default the test server's jars:
    scripts/neo4j-server/bin/neo4j-admin) into a fresh home, offline. Run in every round after
    push and kgx-style, best of the rounds as theirs, with its CPU (the export's in this process,
    the import JVM's as a child's). Compared with the push. ``--export-workers 2`` writes the CSV
    with two processes (``neo4j_csv.write(..., workers=2)``; not what `graphkit export` does);
    ``--export-workers 1,2`` runs the route with each in every round, alternated. The import that
    writes the script's class-data-sharing archive runs once before the rounds, untimed, on the
    warm-up graph, so no timed round pays for it.

Between runs the database is emptied and its constraints and indexes dropped, so every loader
starts from the same state, and left alone for a few seconds. Each loader runs ``--rounds``
times, alternating which goes first, after untimed warm-ups of each on a third of the graph (a
third of the copies, or of the nodes with --scale 1), repeated until the server's CPU time per
warm-up settles (a fresh server's JVM spends 5-10x more CPU on its first pushes, while it compiles
the hot paths, than once warm: that, and the machine's other work, made one push at 100k take 5 s
in one run and 10 s in another). The ratios use the best round of each (the machine's other
work only ever adds time) and the medians are printed too. (a) runs once, on the whole graph,
between two pushes; its ratio is against their mean.

Every run also reports CPU seconds: the benchmark's own process (the driver's packing, all
threads) and, when the server's pid is known (``--server-pid``, or the test server's pid file
under $GRAPHKIT_NEO4J_STATE), the server's. On a shared machine wall time measures the load as
much as the loader; the CPU seconds (client + server) and their ratios stay put, so both are
printed. ``--python-packing`` makes the driver pack in Python even when ``neo4j-rust-ext`` is
installed (it speeds every loader's packing, push's and the baselines' alike).
Targets: graphkit >= 30x (a) and >= 2x (b); the bulk route faster than the push.

The database must be a throwaway one: the benchmark refuses to start when it holds nodes that
neither graphkit nor this benchmark wrote.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if __name__ == "__main__" and "--python-packing" in sys.argv:
    # before the driver is imported: it then packs in Python (neo4j-rust-ext or not)
    sys.modules["neo4j._rust"] = None  # type: ignore[assignment]

import neo4j

from graphkit.engines.neo4j import MARKER_LABEL, Neo4jEngine, push
from graphkit.project import Edge, Node, Projection, load_projection, project
from graphkit.store import opened

BASE_LABEL = "NamedThing"  # kgx's base label (biolink:NamedThing)
KGX_BATCH = 10_000
SETTLE = 3.0  # seconds of quiet after emptying the database, for the server's clean-up


# ------------------------------------------------------------------ the graph
def curated_projection(store: Path | None) -> Projection:
    """The projection of a store (the one its build saved, when current), or of the shipped curated
    records built into a temporary store."""
    if store is not None:
        with opened(store, read_only=True) as s:
            return load_projection(s)
    from graphkit.build import build

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "store"
        build(path, (), None, shipped=True)
        with opened(path, read_only=True) as s:
            return project(s)


def replicate(proj: Projection, copies: int) -> Projection:
    """``copies`` copies of the graph, each with its own ids (``<id>/copy-<i>``)."""
    out = Projection(node_props=proj.node_props, rel_pairs=proj.rel_pairs)
    for i in range(copies):
        suffix = f"/copy-{i}"
        for n in proj.nodes.values():
            props = dict(n.props, id=n.id + suffix, key=n.props["key"] + suffix)
            out.nodes[n.id + suffix] = Node(n.id + suffix, n.labels, n.table, props)
        for e in proj.edges:
            out.edges.append(Edge(e.source + suffix, e.target + suffix, e.type, e.props))
    return out


def part(proj: Projection, fraction: float) -> Projection:
    """The first ``fraction`` of the nodes and the relationships between them (a warm-up graph)."""
    out = Projection(node_props=proj.node_props, rel_pairs=proj.rel_pairs)
    keep = list(proj.nodes)[:max(1, int(len(proj.nodes) * fraction))]
    out.nodes = {k: proj.nodes[k] for k in keep}
    out.edges = [e for e in proj.edges if e.source in out.nodes and e.target in out.nodes]
    return out


def items(proj: Projection) -> int:
    return len(proj.nodes) + len(proj.edges)


# ------------------------------------------------------------------ the database
def wipe(driver: neo4j.Driver, database: str) -> None:
    """Empty the database and drop its constraints and indexes."""
    with driver.session(database=database) as s:
        s.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
        for name in s.run("SHOW CONSTRAINTS YIELD name").value():
            s.run(f"DROP CONSTRAINT `{name}`").consume()
        for name in s.run("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name").value():
            s.run(f"DROP INDEX `{name}`").consume()


def check_throwaway(driver: neo4j.Driver, database: str) -> None:
    with driver.session(database=database) as s:
        foreign = s.run(f"MATCH (n) WHERE NOT n:{MARKER_LABEL} AND NOT n:{BASE_LABEL} RETURN count(n) AS n"
                        ).single(strict=True)["n"]
    if foreign:
        sys.exit(f"refusing to run: the database holds {foreign} nodes that graphkit and this benchmark did not "
                 "write; point NEO4J_URI at a throwaway server (scripts/neo4j-test-server)")


def counts(driver: neo4j.Driver, database: str) -> tuple[int, int]:
    with driver.session(database=database) as s:
        n = s.run("MATCH (n) RETURN count(n) AS n").single(strict=True)["n"]
        r = s.run("MATCH ()-[r]->() RETURN count(r) AS n").single(strict=True)["n"]
    return n, r


def _labels(labels: list[str]) -> str:
    return ":".join(f"`{x}`" for x in labels)


def _props(props: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if v is not None}


# ------------------------------------------------------------------ the loaders
def load_graphkit(proj: Projection, engine: Neo4jEngine) -> None:
    push(proj, engine)


def load_kgx(proj: Projection, engine: Neo4jEngine) -> None:
    """kgx's NeoSink, as in kgx/sink/neo_sink.py: constraints, then per-category node and
    per-predicate edge UNWIND MERGE batches through one session, auto-commit."""
    driver, database = engine.driver, engine.database
    node_cache: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for n in proj.nodes.values():
        node_cache[_labels(n.labels)].append(dict(_props(n.props), category=n.labels))
    edge_cache: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in proj.edges:
        edge_cache[e.type].append(dict(_props(e.props), subject=e.source, predicate=e.type, object=e.target))
    with driver.session(database=database) as session:
        for category in sorted({x for n in proj.nodes.values() for x in n.labels} | {BASE_LABEL}):
            session.run(f"CREATE CONSTRAINT IF NOT EXISTS FOR (n:`{category}`) REQUIRE n.id IS UNIQUE").consume()
        for category, rows in node_cache.items():
            query = (f"UNWIND $nodes AS node MERGE (n:`{BASE_LABEL}` {{id: node.id}}) "
                     f"ON CREATE SET n += node, n:{category} ON MATCH SET n += node, n:{category}")
            for i in range(0, len(rows), KGX_BATCH):
                session.run(query, nodes=rows[i:i + KGX_BATCH]).consume()
        for predicate, rows in edge_cache.items():
            query = (f"UNWIND $edges AS edge MATCH (s:`{BASE_LABEL}` {{id: edge.subject}}), "
                     f"(o:`{BASE_LABEL}` {{id: edge.object}}) MERGE (s)-[r:`{predicate}`]->(o) SET r += edge")
            for i in range(0, len(rows), KGX_BATCH):
                session.run(query, edges=rows[i:i + KGX_BATCH]).consume()


def load_per_row(proj: Projection, engine: Neo4jEngine) -> None:
    """One managed transaction per node and per relationship, each a MERGE."""
    driver, database = engine.driver, engine.database
    with driver.session(database=database) as session:
        session.run(f"CREATE CONSTRAINT IF NOT EXISTS FOR (n:`{BASE_LABEL}`) REQUIRE n.id IS UNIQUE").consume()
        session.run("CALL db.awaitIndexes(300)").consume()

        def write(tx: neo4j.ManagedTransaction, query: str, params: dict[str, Any]) -> None:
            tx.run(query, params).consume()

        for n in proj.nodes.values():
            q = f"MERGE (n:`{BASE_LABEL}` {{id: $id}}) SET n += $props, n:{_labels(n.labels)}"
            session.execute_write(write, q, {"id": n.id, "props": _props(n.props)})
        for e in proj.edges:
            q = (f"MATCH (s:`{BASE_LABEL}` {{id: $s}}) MATCH (o:`{BASE_LABEL}` {{id: $o}}) "
                 f"MERGE (s)-[r:`{e.type}`]->(o) SET r += $props")
            session.execute_write(write, q, {"s": e.source, "o": e.target, "props": _props(e.props)})


@dataclass
class Bulk:
    """One bulk route run: wall seconds writing the CSV and importing it, and CPU seconds (the
    export's in this process and its forked writers, the import's in neo4j-admin's JVM: children)."""

    csv: float
    imported: float
    cpu: float

    @property
    def wall(self) -> float:
        return self.csv + self.imported


def load_bulk(proj: Projection, work: Path, neo4j_admin: str, workers: int = 1, *, integer_ids: bool = False,
              archives: Path | None = None) -> Bulk:
    """The neo4j-csv export of ``proj`` and its import script run by neo4j-admin into a fresh home.

    ``workers``: the export's processes (1, as `graphkit export` writes; ``--export-workers``); a
    forked writer's CPU is counted with the import JVM's, as a child's. ``integer_ids``: the CSV
    names nodes by integers (``neo4j_csv.write(..., integer_ids=True)``; ``--bulk-ids``).
    ``archives``: the folder of the script's class-data-sharing archive (the first import writes
    it, the next ones use it); None: no archive (``--no-class-archive``)."""
    import resource
    import shutil

    from graphkit.engines.neo4j.admin import ARCHIVE_FOLDER_VARIABLE, run_import
    from graphkit.export import neo4j_csv

    folder, home = work / "csv", work / "home"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(home, ignore_errors=True)
    def children() -> float:
        ru = resource.getrusage(resource.RUSAGE_CHILDREN)
        return ru.ru_utime + ru.ru_stime

    c0, k0 = time.process_time(), children()
    started = time.perf_counter()
    neo4j_csv.write(proj, neo4j_csv.folder_opener(folder), workers=workers, integer_ids=integer_ids)
    written = time.perf_counter()
    run_import(folder, "neo4j", neo4j_admin=neo4j_admin,
               environment={"NEO4J_HOME": str(home), ARCHIVE_FOLDER_VARIABLE: str(archives or "")})
    done = time.perf_counter()
    cpu = time.process_time() - c0 + children() - k0
    shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(home, ignore_errors=True)
    return Bulk(written - started, done - written, cpu)


@dataclass
class Run:
    """One timed load: wall seconds, CPU seconds of this process (every thread) and of the server
    (None when its pid is unknown), and the machine's 1-minute load average at the end."""

    wall: float
    client_cpu: float
    server_cpu: float | None
    load: float

    @property
    def cpu(self) -> float | None:
        return None if self.server_cpu is None else self.client_cpu + self.server_cpu

    def describe(self, rows: int) -> str:
        server = "n/a" if self.server_cpu is None else f"{self.server_cpu:6.2f}"
        return (f"{self.wall:7.2f} s  {rows / self.wall:9,.0f} rows/s   CPU client {self.client_cpu:6.2f} s, "
                f"server {server} s   (load {self.load:.1f})")


SERVER_PID: int | None = None


def server_pid(given: int | None) -> int | None:
    """The server's pid: given, or the test server's pid file ($GRAPHKIT_NEO4J_STATE/server.pid)."""
    if given is not None:
        return given
    state = Path(os.environ.get("GRAPHKIT_NEO4J_STATE", "/tmp/graphkit-neo4j"))
    try:
        return int((state / "server.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def server_cpu() -> float | None:
    """CPU seconds (user + system) the server has used, or None."""
    if SERVER_PID is None:
        return None
    try:
        fields = Path(f"/proc/{SERVER_PID}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measured(load: Callable[[Projection, Neo4jEngine], None], proj: Projection, engine: Neo4jEngine) -> Run:
    """Empty the database, wait, run the loader, check the counts; the run's figures."""
    wipe(engine.driver, engine.database)
    time.sleep(SETTLE)
    s0, c0 = server_cpu(), time.process_time()
    started = time.perf_counter()
    load(proj, engine)
    elapsed = time.perf_counter() - started
    client = time.process_time() - c0
    s1 = server_cpu()
    got = counts(engine.driver, engine.database)
    if got != (len(proj.nodes), len(proj.edges)):
        sys.exit(f"{load.__name__} wrote {got[0]} nodes and {got[1]} relationships, "
                 f"expected {len(proj.nodes)} and {len(proj.edges)}")
    return Run(elapsed, client, None if s0 is None or s1 is None else s1 - s0, os.getloadavg()[0])


def timed(load: Callable[[Projection, Neo4jEngine], None], proj: Projection, engine: Neo4jEngine) -> float:
    """Wall seconds of :func:`measured` (bench/run reads this)."""
    return measured(load, proj, engine).wall


def warm_up(name: str, load: Callable[[Projection, Neo4jEngine], None], proj: Projection, engine: Neo4jEngine,
            most: int = 6) -> None:
    """Run ``load`` untimed until the server's CPU per run settles (within 15% of the run before),
    at most ``most`` times; twice when the server's CPU is unknown."""
    before: float | None = None
    for i in range(most):
        run = measured(load, proj, engine)
        print(f"  warm-up {i + 1}: {name:<9} {run.describe(items(proj))}", flush=True)
        now = run.server_cpu
        if now is None:
            if i >= 1:
                return
        elif before is not None and abs(now - before) <= 0.15 * before:
            return
        before = now


def _workers(text: str) -> tuple[int, ...]:
    """``--export-workers``: one count or several, comma-separated (each at least 1)."""
    try:
        counts = tuple(int(x) for x in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a count or a list of counts: {text!r}") from None
    if not counts or min(counts) < 1 or len(set(counts)) != len(counts):
        raise argparse.ArgumentTypeError(f"each count at least 1, none twice: {text!r}")
    return counts


def _route(kind: str, workers: int) -> str:
    return f"{kind} ids" + ("" if workers == 1 else f", {workers} CSV processes")


def main(argv: list[str] | None = None) -> None:
    global SERVER_PID
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=int, default=100, help="copies of the curated graph (default 100)")
    ap.add_argument("--rounds", type=int, default=3, help="timed runs of each batched loader (default 3)")
    ap.add_argument("--neo4j-admin", default=str(Path(__file__).resolve().parent.parent / "scripts" / "neo4j-server"
                                                 / "bin" / "neo4j-admin"),
                    help="neo4j-admin for the bulk route (default: the test server's jars)")
    ap.add_argument("--store", type=Path, help="a built store to replicate (default: build the curated records)")
    ap.add_argument("--no-per-row", action="store_true",
                    help="skip (a), one transaction per row (hours at 1M facts on a loaded machine)")
    ap.add_argument("--no-bulk", action="store_true", help="skip the bulk route")
    ap.add_argument("--export-workers", type=_workers, default=(1,), metavar="N[,N...]",
                    help="processes writing the bulk route's CSV (default 1); several (1,2): the route with "
                         "each, in every round, alternated")
    ap.add_argument("--bulk-ids", choices=("string", "integer", "both"), default="string",
                    help="the bulk route's node ids: IRIs (string, as graphkit export writes), integers, or both "
                         "in every round (default string)")
    ap.add_argument("--no-class-archive", action="store_true",
                    help="the bulk route's import without the JVM class-data-sharing archive its script writes "
                         "on the first import and uses after (default: an archive of this run, written by an untimed "
                         "import of the warm-up graph before the rounds)")
    ap.add_argument("--no-kgx", action="store_true", help="skip (b), the kgx-style loader")
    ap.add_argument("--server-pid", type=int,
                    help="the Neo4j server's pid, for its CPU time (default: the test server's pid file)")
    ap.add_argument("--warm-ups", type=int, default=6,
                    help="most warm-ups of each loader (default 6; they stop once the server's CPU settles)")
    ap.add_argument("--python-packing", action="store_true",
                    help="the driver packs in Python even when neo4j-rust-ext is installed")
    args = ap.parse_args(argv)

    if not os.environ.get("NEO4J_URI"):
        sys.exit('NEO4J_URI is unset: set -a; eval "$(scripts/neo4j-test-server start)"; set +a')
    SERVER_PID = server_pid(args.server_pid)
    engine = Neo4jEngine.from_settings()
    check_throwaway(engine.driver, engine.database)
    one = curated_projection(args.store)
    big = replicate(one, args.scale)
    total = items(big)
    from neo4j._codec.packstream import v2 as packstream

    packing = "Rust (neo4j-rust-ext)" if getattr(packstream, "_rust_pack", None) else "Python"
    print(f"graph: {args.scale} x curated = {len(big.nodes):,} nodes + {len(big.edges):,} relationships "
          f"= {total:,} rows; Neo4j at {engine.uri}; driver packing in {packing}; server CPU "
          f"{'measured (pid ' + str(SERVER_PID) + ')' if server_cpu() is not None else 'not measured'}")

    warm = replicate(one, max(1, args.scale // 3)) if args.scale >= 3 else part(big, 1 / 3)
    loaders: list[tuple[str, Callable[[Projection, Neo4jEngine], None]]] = [("kgx", load_kgx),
                                                                           ("graphkit", load_graphkit)]
    if args.no_kgx:
        loaders = loaders[1:]
    for name, load in loaders[::-1]:
        warm_up(name, load, warm, engine, most=max(1, args.warm_ups))
    runs: dict[str, list[Run]] = {"graphkit": [], "kgx": []}
    id_kinds = ("string", "integer") if args.bulk_ids == "both" else (args.bulk_ids,)
    variants = [(kind, w) for kind in id_kinds for w in args.export_workers]
    all_bulks: dict[tuple[str, int], list[Bulk]] = {v: [] for v in variants}
    with_bulk = not args.no_bulk and Path(args.neo4j_admin).exists()
    archive_folder = tempfile.TemporaryDirectory(prefix="graphkit-bench-archives-")
    archives = None if args.no_class_archive else Path(archive_folder.name)
    if with_bulk and archives is not None:
        # the import that writes the class archive pays for it once: on the warm-up graph, untimed
        with tempfile.TemporaryDirectory() as tmp:
            b = load_bulk(warm, Path(tmp), args.neo4j_admin, archives=archives)
        print(f"  warm-up: bulk {b.wall:7.2f} s (writing the class archive)", flush=True)
    for r in range(args.rounds):
        # alternate who goes first: the one after a wipe of the other's data pays for its clean-up
        for name, load in loaders if r % 2 == 0 else loaders[::-1]:
            run = measured(load, big, engine)
            runs[name].append(run)
            print(f"  round {r + 1}: {name:<9} {run.describe(total)}", flush=True)
        if with_bulk:
            # in every round, as the push (best of the rounds too; offline, into a fresh home)
            for kind, w in variants if r % 2 == 0 else variants[::-1]:
                with tempfile.TemporaryDirectory() as tmp:
                    writes = archives is not None and not any(archives.iterdir())
                    all_bulks[kind, w].append(load_bulk(big, Path(tmp), args.neo4j_admin, w,
                                                        integer_ids=kind == "integer", archives=archives))
                b = all_bulks[kind, w][-1]
                note = ", writing the class archive" if writes else ""
                print(f"  round {r + 1}: bulk ({_route(kind, w)}) {b.wall:7.2f} s (CSV {b.csv:.2f} s + import "
                      f"{b.imported:.2f} s)   CPU {b.cpu:6.2f} s   (load {os.getloadavg()[0]:.1f}{note})", flush=True)
    per_row: tuple[Run, Run, Run] | None = None
    if not args.no_per_row:
        # the whole graph, not a sample, once (it is slow by design), between two pushes
        warm_up("per-row", load_per_row, part(big, 0.05), engine, most=max(1, min(3, args.warm_ups)))
        per_row = (measured(load_graphkit, big, engine), measured(load_per_row, big, engine),
                   measured(load_graphkit, big, engine))
        for name, run in zip(("graphkit", "per-row", "graphkit"), per_row, strict=True):
            print(f"  around (a): {name:<9} {run.describe(total)}", flush=True)
    # the push again over what is there (nothing changes): the stock-taking read and the matches
    measured(load_graphkit, big, engine)
    started = time.perf_counter()
    load_graphkit(big, engine)
    t_again = time.perf_counter() - started
    wipe(engine.driver, engine.database)
    engine.close()

    runs = {k: v for k, v in runs.items() if v}   # no kgx-style runs with --no-kgx
    best = {k: min(r.wall for r in v) for k, v in runs.items()}
    median = {k: statistics.median(r.wall for r in v) for k, v in runs.items()}
    cpus = {k: [r.cpu for r in v if r.cpu is not None] for k, v in runs.items()}
    rate = {k: total / v for k, v in best.items()}
    print()
    print(f"{'loader':<34} {'best s':>8} {'median s':>9} {'rows/s (best)':>14} {'CPU s (min)':>12}")
    for key, label in (("graphkit", "graphkit push"), ("kgx", "(b) kgx-style 10k UNWIND MERGE")):
        if key not in runs:
            continue
        cpu = f"{min(cpus[key]):12.2f}" if cpus[key] else f"{'n/a':>12}"
        print(f"{label:<34} {best[key]:8.2f} {median[key]:9.2f} {rate[key]:14,.0f} {cpu}")
    if per_row is not None:
        row = per_row[1]
        print(f"{'(a) one transaction per row':<34} {row.wall:8.2f} {'':>9} {total / row.wall:14,.0f} "
              f"{row.cpu if row.cpu is not None else float('nan'):12.2f}   (whole graph, one run)")
    for (kind, w), bulks in all_bulks.items():
        if not bulks:
            continue
        bulk = min(bulks, key=lambda b: b.wall)
        label = f"bulk ({_route(kind, w)}): CSV + import"
        print(f"{label:<34} {bulk.wall:8.2f} {statistics.median(b.wall for b in bulks):9.2f} "
              f"{total / bulk.wall:14,.0f} "
              f"{min(b.cpu for b in bulks):12.2f}   (CSV {bulk.csv:.2f} s, neo4j-admin import {bulk.imported:.2f} s, "
              "JVM start included)")
    print(f"{'graphkit push again (no change)':<34} {t_again:8.2f} {'':>9} {total / t_again:14,.0f}")
    print()
    if per_row is not None:
        around = (per_row[0].wall + per_row[2].wall) / 2
        ratio_a = per_row[1].wall / around
        c0, c1, c2 = (r.cpu for r in per_row)
        cpu_a = f"   [CPU: {c1 / ((c0 + c2) / 2):.1f}x]" if c0 and c1 and c2 else ""
        print(f"graphkit vs (a) one transaction per row: {ratio_a:6.1f}x  (target >= 30x) "
              f"{'ok' if ratio_a >= 30 else 'MISSED'}   [against the pushes just before and after it]{cpu_a}")
    if "kgx" in runs:
        ratio_b = rate["graphkit"] / rate["kgx"]
        ratio_b_median = median["kgx"] / median["graphkit"]
        cpu_b = f", CPU: {min(cpus['kgx']) / min(cpus['graphkit']):.2f}x" if cpus["kgx"] and cpus["graphkit"] else ""
        print(f"graphkit vs (b) kgx-style batches:       {ratio_b:6.2f}x  (target >= 2x)  "
              f"{'ok' if ratio_b >= 2 else 'MISSED'}"
              f"   [medians: {ratio_b_median:.2f}x{cpu_b}]")
    for (kind, w), bulks in all_bulks.items():
        if not bulks:
            continue
        ratio_bulk = best["graphkit"] / min(b.wall for b in bulks)
        cpu_bulk = f"   [CPU: {min(cpus['graphkit']) / min(b.cpu for b in bulks):.2f}x]" if cpus["graphkit"] else ""
        label = f"bulk route ({_route(kind, w)}) vs graphkit push:"
        print(f"{label:<41} {ratio_bulk:6.2f}x  (target > 1x)  "
              f"{'ok' if ratio_bulk > 1 else 'MISSED'}   [best of {len(bulks)} rounds each; medians: "
              f"{median['graphkit'] / statistics.median(b.wall for b in bulks):.2f}x]{cpu_bulk}")


if __name__ == "__main__":
    main()
