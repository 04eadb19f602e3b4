"""networkx where analysts use it: the projection as a networkx graph, how two entities connect,
and node measures for Gephi.

One conversion (:func:`to_networkx`) serves the Python API, ``graphkit paths`` and
``graphkit export --metrics``. Names resolve through :mod:`graphkit.lookup`, as in every command.

Examples
--------
>>> with opened(Path(".graphkit"), read_only=True) as s:          # doctest: +SKIP
...     proj = project(s)
>>> for path in shortest_paths(proj, "Mohamad Hasan", "APSC Strategic Plan 2045"):   # doctest: +SKIP
...     print(" -> ".join(step.target_name for step in path.steps))
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, TypedDict

import networkx as nx

from graphkit.errors import GraphkitError
from graphkit.lookup import resolve_name, row_entries
from graphkit.project import Edge, Projection
from graphkit.terms import R

BETWEENNESS_EXACT_UP_TO = 5000
"""Nodes up to which betweenness is exact; above, it is estimated from this many sampled sources
(networkx's ``k``, fixed seed: the same graph gives the same numbers)."""
SEED = 42
MEASURES = ("degree", "betweenness", "pagerank", "community")
WEAK_TYPES: tuple[str, ...] = (R.MENTIONS,)
"""Relationship types ``shortest_paths`` skips unless asked: a text that mentions two entities
does not connect them (every ingested document would be a shortcut between all it names)."""


def to_networkx(proj: Projection) -> nx.MultiDiGraph:
    """The projection as a directed multigraph: node attributes are the node's properties plus
    ``labels``; each relationship is an edge keyed by its type, with its properties."""
    g = nx.MultiDiGraph()
    for n in proj.nodes.values():
        g.add_node(n.id, **{**n.props, "labels": list(n.labels)})
    for e in proj.edges:
        g.add_edge(e.source, e.target, key=e.type, type=e.type, **e.props)
    return g


def resolve(proj: Projection, text: str) -> str:
    """The node id a user means by ``text``; raises NameNotFoundError (exit 3) with candidates."""
    return resolve_name(row_entries(n.props for n in proj.nodes.values()), text).require().id


# ---------------------------------------------------------------------------- paths
@dataclass(frozen=True)
class Link:
    """One relationship on a step, in its own direction, with the sources that state it."""

    type: str
    forward: bool                      # True: from the step's source to its target
    sources: tuple[str, ...]
    origins: tuple[str, ...]


@dataclass(frozen=True)
class Step:
    """One hop of a path: the entities it joins and every relationship between them."""

    source: str
    target: str
    source_name: str
    target_name: str
    links: tuple[Link, ...]


@dataclass
class Path:
    """A shortest path between two entities."""

    steps: list[Step] = field(default_factory=list)


class PathRow(TypedDict):
    """A row of ``graphkit paths``: one relationship on one step of one path."""

    path: int
    step: int
    source: str
    relationship: str
    target: str
    sources: list[str]


def _between(edges: list[Edge]) -> dict[frozenset[str], list[Edge]]:
    pairs: dict[frozenset[str], list[Edge]] = defaultdict(list)
    for e in edges:
        pairs[frozenset((e.source, e.target))].append(e)
    return pairs


def shortest_paths(proj: Projection, a: str, b: str, *, limit: int = 5, max_hops: int | None = None,
                   skip_types: tuple[str, ...] = WEAK_TYPES) -> list[Path]:
    """The shortest paths between the entities named ``a`` and ``b`` (either direction of each
    relationship, none of ``skip_types``), at most ``limit`` of them, in a stable order; empty
    when they do not connect (or only in more than ``max_hops`` hops).

    Raises NameNotFoundError when a name names nothing or several entities, GraphkitError when
    both names are the same entity.
    """
    source, target = resolve(proj, a), resolve(proj, b)
    if source == target:
        raise GraphkitError(f"{a!r} and {b!r} are the same entity ({proj.nodes[source].props.get('key')})")
    undirected = nx.Graph()
    undirected.add_nodes_from(proj.nodes)
    skip = set(skip_types)
    edges = [e for e in proj.edges if e.type not in skip]
    undirected.add_edges_from((e.source, e.target) for e in edges if e.source != e.target)
    try:
        hops = nx.shortest_path_length(undirected, source, target)
    except nx.NetworkXNoPath:
        return []
    if max_hops is not None and hops > max_hops:
        return []
    names = {k: str(n.props.get("name") or n.props.get("key") or k) for k, n in proj.nodes.items()}
    found = sorted(islice(nx.all_shortest_paths(undirected, source, target), 1000),
                   key=lambda p: [names[x] for x in p])[:limit]
    between = _between(edges)
    out = []
    for nodes in found:
        path = Path()
        for u, v in zip(nodes, nodes[1:], strict=False):
            links = tuple(sorted(
                (Link(e.type, e.source == u, tuple(e.props.get("sources") or ()), tuple(e.props.get("origins") or ()))
                 for e in between[frozenset((u, v))]), key=lambda link: (link.type, not link.forward)))
            path.steps.append(Step(u, v, names[u], names[v], links))
        out.append(path)
    return out


def path_rows(paths: list[Path]) -> list[PathRow]:
    """Rows for any ``--format``: one per relationship on each step (arrows show its direction)."""
    rows: list[PathRow] = []
    for i, path in enumerate(paths, 1):
        for j, step in enumerate(path.steps, 1):
            for link in step.links:
                rows.append(PathRow(path=i, step=j, source=step.source_name,
                                    relationship=f"-[{link.type}]->" if link.forward else f"<-[{link.type}]-",
                                    target=step.target_name, sources=list(link.sources)))
    return rows


# ---------------------------------------------------------------------------- metrics
def metrics(proj: Projection) -> dict[str, dict[str, float | int]]:
    """Node measures: ``degree`` (relationships in and out), ``betweenness`` (normalised, on the
    undirected graph; sampled above :data:`BETWEENNESS_EXACT_UP_TO` nodes), ``pagerank`` (on the
    directed graph, parallel relationships counted once) and ``community`` (Louvain modularity
    communities, numbered from 0 by size, fixed seed).

    Returns measure -> node id -> value, for every node.
    """
    degree: dict[str, float | int] = dict.fromkeys(proj.nodes, 0)
    for e in proj.edges:
        degree[e.source] += 1
        degree[e.target] += 1
    directed = nx.DiGraph()
    directed.add_nodes_from(proj.nodes)
    directed.add_edges_from((e.source, e.target) for e in proj.edges)
    undirected = directed.to_undirected(as_view=False)
    n = undirected.number_of_nodes()
    k = None if n <= BETWEENNESS_EXACT_UP_TO else BETWEENNESS_EXACT_UP_TO
    betweenness: dict[str, Any] = nx.betweenness_centrality(undirected, k=k, seed=SEED) if n else {}
    pagerank: dict[str, Any] = nx.pagerank(directed) if n else {}
    communities = nx.community.louvain_communities(undirected, seed=SEED) if n else []
    community: dict[str, float | int] = {}
    for i, members in enumerate(sorted(communities, key=lambda c: (-len(c), min(c)))):
        for m in members:
            community[m] = i
    return {
        "degree": degree,
        "betweenness": {k_: round(float(v), 6) for k_, v in betweenness.items()},
        "pagerank": {k_: round(float(v), 6) for k_, v in pagerank.items()},
        "community": community,
    }
