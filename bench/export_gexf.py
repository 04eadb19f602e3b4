"""Benchmark: graphkit's GEXF writer against networkx.write_gexf on the same synthetic graph.

    python bench/export_gexf.py [--nodes 50000] [--edges 250000] [--out bench/out]

Builds an in-memory projection shaped like graphkit's (IRIs, names, class labels, lists of
sources, dates with precision, ordinals; relationships with sources and dates), then runs each
writer in its own fresh subprocess, twice:

1. time and RSS: wall time of the write call, and the peak resident memory above the RSS the
   process had just before the call (sampled every 2 ms from /proc/self/statm);
2. tracemalloc: the peak of Python allocations during the write call (a separate run, because
   tracing slows the writers down).

networkx gets the graph as an ``nx.MultiDiGraph`` built before the clock starts (lists joined to
strings and dates as text, because networkx reads lists as dynamic values and has no date type;
colours and sizes in ``viz`` so both files carry the same content), and writes GEXF 1.3.
Both files are then validated against the GEXF 1.3 XSD (streaming, with lxml) and the ratios
printed. Target: graphkit >= 2x faster, with no more memory, and a valid file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
XSD = ROOT / "tests" / "fixtures" / "gexf-1.3" / "gexf.xsd"
ID = "https://w3id.org/asean-graphkit/id/"
KINDS = [("Meeting", ["Meeting", "Event"], "Meeting"), ("Document", ["Declaration", "Document"], "Document"),
         ("Person", ["Person"], "Person"), ("Body", ["Body", "Organization"], "Body"),
         ("City", ["City", "Place"], "City"), ("Topic", ["Topic"], "Topic"), ("Post", ["Post"], "Post")]
TYPES = ["MEETING_OF", "LOCATION", "CHAIR_STATE", "ADDRESSES", "ADOPTED_AT", "HOLDS", "IN_CONJUNCTION_WITH",
         "PARENT", "REVIEWS", "CHAIRED_BY"]


def synthetic(n_nodes: int, n_edges: int, seed: int = 7) -> Any:
    """A projection of ``n_nodes`` nodes and ``n_edges`` relationships, deterministic for a seed."""
    from graphkit.project import Edge, Node, Projection

    rnd = random.Random(seed)
    proj = Projection()
    ids = []
    for i in range(n_nodes):
        kind, labels, table = KINDS[i % len(KINDS)]
        key = f"{kind.lower()}/n{i}"
        iri = ID + key
        props: dict[str, Any] = {
            "id": iri, "key": key, "name": f"{kind} number {i} of the ASEAN \"synthetic\" graph & co",
            "kind": labels[0], "labels": labels,
            "sources": [f"https://example.org/source/{rnd.randrange(500)}" for _ in range(1 + i % 3)],
            "origins": ["curated"] if i % 5 else ["curated", "extracted"],
        }
        if i % 4 == 0:
            props["altNames"] = [f"Alias {i}", f"N{i}"]
        if kind == "Meeting":
            props["ordinal"] = i % 60 + 1
            props["startDate"] = dt.date(2015, 1, 1) + dt.timedelta(days=rnd.randrange(11000))
            if i % 3 == 0:
                props["startDatePrecision"] = "month"
        if kind == "Document":
            props["periodStart"] = 2015 + i % 20
            props["periodEnd"] = 2025 + i % 21
            props["description"] = f"A document <{i}> about peace, security and\nregional integration."
        ids.append(iri)
        proj.nodes[iri] = Node(iri, labels, table, props)
    for j in range(n_edges):
        a, b = ids[rnd.randrange(n_nodes)], ids[rnd.randrange(n_nodes)]
        eprops: dict[str, Any] = {"sources": [f"https://example.org/source/{rnd.randrange(500)}"],
                                  "origins": ["curated"], "quotes": []}
        if j % 10 == 0:
            eprops["startDate"] = dt.date(2016, 1, 1) + dt.timedelta(days=rnd.randrange(9000))
        if j % 25 == 0:
            eprops["quotes"] = [f"The ministers \"agreed\" on item {j}."]
        proj.edges.append(Edge(a, b, TYPES[j % len(TYPES)], eprops))
    return proj


def to_networkx(proj: Any) -> Any:
    """The same graph as networkx needs it for write_gexf (joined lists, text dates, viz)."""
    import networkx as nx

    from graphkit.export.gexf import class_colour, node_size

    def flat(props: dict[str, Any], skip: set[str]) -> dict[str, Any]:
        out = {}
        for k, v in props.items():
            if k in skip or v is None or v == []:
                continue
            out[k] = json.dumps(v) if isinstance(v, list) else v.isoformat() if isinstance(v, dt.date) else v
        return out

    degree: dict[str, int] = {}
    for e in proj.edges:
        degree[e.source] = degree.get(e.source, 0) + 1
        degree[e.target] = degree.get(e.target, 0) + 1
    g = nx.MultiDiGraph()
    for n in proj.nodes.values():
        r, gr, b = class_colour(n.labels[0])
        data = flat(n.props, {"id", "kind"})
        data["class"] = n.labels[0]
        g.add_node(n.id, label=n.props["name"], viz={"color": {"r": r, "g": gr, "b": b, "a": 1.0},
                                                    "size": node_size(degree.get(n.id, 0))}, **data)
    for i, e in enumerate(proj.edges):
        g.add_edge(e.source, e.target, key=str(i), label=e.type, relationship=e.type, **flat(e.props, set()))
    return g


class RssPeak:
    """Samples this process's resident memory every 2 ms; ``peak`` in bytes."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._page = os.sysconf("SC_PAGE_SIZE")
        self._thread = threading.Thread(target=self._run, daemon=True)

    def rss(self) -> int:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * self._page

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.rss())
            time.sleep(0.002)

    def __enter__(self) -> RssPeak:
        self.peak = self.rss()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self.rss())


def run_one(writer: str, mode: str, n_nodes: int, n_edges: int, path: Path) -> dict[str, Any]:
    """In a fresh process: build the graph, then time (or trace) one writer."""
    import tracemalloc

    proj = synthetic(n_nodes, n_edges)
    if writer == "networkx":
        import networkx as nx

        graph = to_networkx(proj)

        def write() -> None:
            nx.write_gexf(graph, str(path), version="1.3")
    else:
        from graphkit.export import gexf

        def write() -> None:
            with open(path, "w", encoding="utf-8", newline="\n") as fh:
                gexf.write(proj, fh)
    gc.collect()
    result: dict[str, Any] = {"writer": writer, "mode": mode}
    if mode == "trace":
        tracemalloc.start()
        base = tracemalloc.get_traced_memory()[0]
        write()
        result["traced_peak"] = tracemalloc.get_traced_memory()[1] - base
        tracemalloc.stop()
    else:
        with RssPeak() as rss:
            before = rss.rss()
            t0 = time.perf_counter()
            write()
            result["seconds"] = time.perf_counter() - t0
        result["rss_before"] = before
        result["rss_peak_above"] = rss.peak - before
    result["bytes"] = path.stat().st_size
    return result


def validate(path: Path) -> tuple[bool, str]:
    """Validate a (large) GEXF file against the 1.3 XSD while parsing, keeping memory flat."""
    from lxml import etree

    schema = etree.XMLSchema(etree.parse(str(XSD)))
    try:
        for _, el in etree.iterparse(str(path), events=("end",), schema=schema, huge_tree=True):
            if el.getparent() is not None and el.tag.endswith(("}node", "}edge")):
                el.clear(keep_tail=True)
        return True, ""
    except etree.XMLSyntaxError as exc:   # schema violations are raised as syntax errors here
        return False, str(exc).split("\n")[0][:160]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--nodes", type=int, default=50_000)
    ap.add_argument("--edges", type=int, default=250_000)
    ap.add_argument("--out", type=Path, default=HERE / "out")
    ap.add_argument("--no-trace", action="store_true", help="skip the tracemalloc runs")
    ap.add_argument("--run", nargs=2, metavar=("WRITER", "MODE"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.run:
        writer, mode = args.run
        path = args.out / f"{writer}-{mode}.gexf"
        print(json.dumps(run_one(writer, mode, args.nodes, args.edges, path)))
        return

    print(f"GEXF export of a synthetic graph: {args.nodes:,} nodes, {args.edges:,} relationships", flush=True)
    results: dict[tuple[str, str], dict[str, Any]] = {}
    modes = ["time"] + ([] if args.no_trace else ["trace"])
    for mode in modes:
        for writer in ("graphkit", "networkx"):
            cmd = [sys.executable, __file__, "--nodes", str(args.nodes), "--edges", str(args.edges),
                   "--out", str(args.out), "--run", writer, mode]
            proc = subprocess.run(cmd, capture_output=True, text=True, check=False,
                                  env={**os.environ, "PYTHONPATH": str(ROOT)})
            if proc.returncode:
                sys.exit(f"{writer} {mode} run failed:\n{proc.stderr}")
            results[(writer, mode)] = json.loads(proc.stdout.strip().splitlines()[-1])
            r = results[(writer, mode)]
            detail = (f"{r['seconds']:.2f} s, peak RSS +{r['rss_peak_above'] / 2**20:.0f} MiB" if mode == "time"
                      else f"tracemalloc peak {r['traced_peak'] / 2**20:.0f} MiB")
            print(f"  {writer:9s} {mode:5s} {detail}  ({r['bytes'] / 2**20:.0f} MiB file)", flush=True)

    valid = {w: validate(args.out / f"{w}-time.gexf") for w in ("graphkit", "networkx")}
    gk, nx_ = results[("graphkit", "time")], results[("networkx", "time")]
    print()
    print(f"{'':22s} {'graphkit':>12s} {'networkx':>12s} {'ratio nx/gk':>12s}")
    ratio = nx_["seconds"] / gk["seconds"]
    print(f"{'write time (s)':22s} {gk['seconds']:12.2f} {nx_['seconds']:12.2f} {ratio:11.1f}x")
    a, b = gk["rss_peak_above"] / 2**20, nx_["rss_peak_above"] / 2**20
    print(f"{'peak RSS above (MiB)':22s} {a:12.0f} {b:12.0f} {b / max(a, 1):11.1f}x")
    if not args.no_trace:
        a, b = (results[("graphkit", "trace")]["traced_peak"] / 2**20,
                results[("networkx", "trace")]["traced_peak"] / 2**20)
        print(f"{'tracemalloc peak (MiB)':22s} {a:12.1f} {b:12.1f} {b / max(a, 0.1):11.1f}x")
    print(f"{'file size (MiB)':22s} {gk['bytes'] / 2**20:12.0f} {nx_['bytes'] / 2**20:12.0f}")
    for w, (ok, why) in valid.items():
        print(f"{w} file valid against GEXF 1.3 XSD: {'yes' if ok else 'NO'}" + (f" ({why})" if why else ""))
    faster = nx_["seconds"] / gk["seconds"]
    less = gk["rss_peak_above"] <= nx_["rss_peak_above"]
    print(f"target (>= 2x faster, no more memory, valid): "
          f"{'met' if faster >= 2 and less and valid['graphkit'][0] else 'NOT met'}")


if __name__ == "__main__":
    main()
