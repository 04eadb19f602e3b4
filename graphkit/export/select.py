"""What an export keeps: filters over the projection, time spans, and the RDF selection.

The filters are shared by every format (:class:`Filters`, applied by :func:`select`):

- ``classes``: nodes with one of these labels (a class includes its subclasses, because a
  node's labels include its ancestors); relationships between kept nodes.
- ``rel_types``: relationships of these types, and only the nodes they connect.
- ``start`` / ``end`` (a time window): nodes whose time span (:func:`time_span`) overlaps the
  window. A node without dates (a person, a body, a place, a topic) is kept only when a kept
  relationship links it to a kept dated node, so the window does not empty the graph of its
  actors nor keep every actor of all time. Relationships with their own dates (a post held)
  must overlap the window too.
- ``around`` / ``depth``: the entity named (resolved by :mod:`graphkit.lookup`, as every
  command resolves names) and everything within ``depth`` hops of it, after the other filters.
- ``sources``: ``curated``, ``extracted`` or ``vocabulary`` (how facts came to be), a source
  address, a document key (``document/apsc29-opening-remarks``) or its address, or a source
  graph IRI. Relationships stated by one of those sources, the nodes they connect, and nodes
  stated by them. A node keeps all its properties, whichever source states them.

For RDF formats, ``sources`` and ``graph`` choose the named graphs written (:func:`choose_graphs`);
the other filters keep the quads about the selected entities (:func:`iter_quads`).

Time spans follow the partial-date rules of :mod:`graphkit.timeline` (a year or month stands for
every day it covers) and the ontology's ``gk:timeRole`` of each date key; no date key is listed here.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from graphkit.errors import GraphkitError, OntologyError
from graphkit.project import Edge, Node, Projection
from graphkit.provenance import GraphInfo, graph_catalogue
from graphkit.store import Quad, Store
from graphkit.terms import P
from graphkit.timeline import PartialDate, keys_with_role
from graphkit.vocab import RDF, const_case, entity_iri, vocabulary

Span = tuple[dt.date | None, dt.date | None]
"""A closed time span; None at either end means open (unbounded) on that side."""

ORIGINS = ("curated", "extracted", "vocabulary")


# ---------------------------------------------------------------------- time spans
def _dates(props: dict[str, Any], *roles: str) -> list[PartialDate]:
    return [d for k in keys_with_role(*roles) if (d := PartialDate.from_props(props, k)) is not None]


def _on(props: dict[str, Any], key: str) -> list[PartialDate]:
    d = PartialDate.from_props(props, key)
    return [] if d is None else [d]


def time_span(node: Node) -> Span | None:
    """When a node exists on a timeline, or None when it has no dates.

    - anything with a start or end date: from the start to the end; without an end an
      occurrence (a meeting) lasts its day (or the month or year given), anything else (a
      membership) runs on;
    - documents: the period they cover (whole years), from the first day adopted, signed,
      issued or in force when no period start is given;
    - otherwise the earliest of those dates (the days it covers); a year (a Chairmanship);
      a founding date, open-ended.
    """
    p = node.props
    kind = node.labels[0] if node.labels else node.table
    starts, ends = _dates(p, "start"), _dates(p, "end")
    if starts or ends:
        start = starts[0] if starts else None
        end = ends[0].last if ends else None
        if end is None and start is not None and vocabulary().is_occurrence(kind):
            end = start.last
        return (start.first if start else None), end
    # the period roles are named as the keys that carry them (gk:timeRole "periodStart" on periodStart)
    occurred = sorted(_dates(p, "occurred") + _on(p, P.enteredIntoForce))
    period_start, period_end = _dates(p, P.periodStart), _dates(p, P.periodEnd)
    if period_start or period_end:
        first = period_start[0].first if period_start else occurred[0].first if occurred else None
        return first, (period_end[0].last if period_end else None)
    if occurred:
        return occurred[0].first, occurred[0].last
    if year := _dates(p, "year"):
        return year[0].first, year[0].last
    if founded := _dates(p, "founded"):
        return founded[0].first, None
    return None


def edge_own_span(edge: Edge) -> Span | None:
    """A relationship's own dates (a post held from .. to), or None."""
    starts, ends = _dates(edge.props, "start"), _dates(edge.props, "end")
    if not starts and not ends:
        return None
    return (starts[0].first if starts else None), (ends[0].last if ends else None)


def edge_span(edge: Edge, spans: dict[str, Span | None]) -> Span | None:
    """When a relationship exists on a timeline: its own dates, else while both ends exist.

    An undated end does not limit it; when the ends' spans do not overlap (a plan adopted at a
    meeting before its period starts) it spans from the earlier start to the later end.
    """
    own = edge_own_span(edge)
    if own is not None:
        return own
    a, b = spans.get(edge.source), spans.get(edge.target)
    if a is None or b is None:
        return a if b is None else b
    start = _max_opt(a[0], b[0])
    end = _min_opt(a[1], b[1])
    if start is not None and end is not None and start > end:
        return _min_opt(a[0], b[0]), (None if a[1] is None or b[1] is None else max(a[1], b[1]))
    return start, end


def _max_opt(a: dt.date | None, b: dt.date | None) -> dt.date | None:
    return b if a is None else a if b is None else max(a, b)


def _min_opt(a: dt.date | None, b: dt.date | None) -> dt.date | None:
    return b if a is None else a if b is None else min(a, b)


def overlaps(span: Span, start: dt.date | None, end: dt.date | None) -> bool:
    """True when a span and a window (either end open) share at least a day."""
    s, e = span
    return (end is None or s is None or s <= end) and (start is None or e is None or e >= start)


def parse_time_bound(text: str | int, *, end: bool) -> dt.date:
    """``2024`` -> 2024-01-01 (or 2024-12-31 for the end of a window); ``2024-05``; ``2024-05-26``."""
    value = str(text).strip()
    try:
        d = PartialDate.parse(value)
    except ValueError:
        raise GraphkitError(f"not a year or date: {value!r} (use 2024, 2024-05 or 2024-05-26)") from None
    return d.last if end else d.first


# ---------------------------------------------------------------------- filters
@dataclass
class Filters:
    """What to keep; empty means everything. See the module docstring for the rules."""

    classes: tuple[str, ...] = ()
    rel_types: tuple[str, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None
    around: str | None = None
    depth: int = 1
    sources: tuple[str, ...] = ()

    @property
    def selects_entities(self) -> bool:
        """True when a filter other than ``sources`` is set (RDF exports then filter quads)."""
        return bool(self.classes or self.rel_types or self.start or self.end or self.around)

    @property
    def active(self) -> bool:
        """True when any filter is set."""
        return self.selects_entities or bool(self.sources)


def check_filters(filters: Filters) -> Filters:
    """Check class names and relationship types against the ontology; types may be given as
    keys (``heldAt``) or types (``HELD_AT``). Raises OntologyError for an undeclared one."""
    v = vocabulary()
    for c in filters.classes:
        v.cls(c)
    rel_types = {p.rel_type for p in v.properties.values() if p.is_object}
    types = []
    for t in filters.rel_types:
        norm = t if t.isupper() else const_case(t)
        if norm not in rel_types:
            raise OntologyError(f"unknown relationship type {t!r}; declared: {', '.join(sorted(rel_types))}")
        types.append(norm)
    if filters.depth < 0:
        raise GraphkitError("--depth must be 0 or more")
    if filters.start and filters.end and filters.start > filters.end:
        raise GraphkitError(f"the time window ends ({filters.end}) before it starts ({filters.start})")
    filters.rel_types = tuple(types)
    return filters


def _source_matcher(proj: Projection, values: Iterable[str]) -> Callable[[dict[str, Any]], bool]:
    """A test on a node's or edge's props: stated by one of these origins or sources."""
    origins = {v for v in values if v in ORIGINS}
    wanted = {v for v in values if v not in ORIGINS}
    addresses = set(wanted) | {entity_iri(v) for v in wanted if "/" in v and "://" not in v}
    # A document may be named by its own address: its extracted graph cites its IRI.
    addresses |= {n.id for n in proj.nodes.values() if n.props.get(P.url) in wanted}

    def match(props: dict[str, Any]) -> bool:
        return bool(origins.intersection(props.get("origins", ()))
                    or addresses.intersection(props.get("sources", ())))
    return match


def resolve_entity(proj: Projection, text: str) -> Node:
    """The node a user means by ``text`` (IRI, key, name, alias, acronym or misspelling), resolved
    by :mod:`graphkit.lookup` as every command resolves names. Raises NameNotFoundError (exit 3)
    with the candidates or the nearest names."""
    from graphkit.lookup import resolve_name, row_entries

    return proj.nodes[resolve_name(row_entries(n.props for n in proj.nodes.values()), text).require().id]


def select(proj: Projection, filters: Filters) -> Projection:
    """A new projection with the nodes and relationships the filters keep (the input is unchanged)."""
    if not filters.active:
        return proj
    keep: set[str] = set(proj.nodes)
    edges: list[Edge] = proj.edges
    if filters.sources:
        match = _source_matcher(proj, filters.sources)
        edges = [e for e in edges if match(e.props)]
        keep = {k for k, n in proj.nodes.items() if match(n.props)} | _ends(edges)
    if filters.classes:
        wanted = set(filters.classes)
        keep = {k for k in keep if wanted.intersection(proj.nodes[k].labels)}
        edges = [e for e in edges if e.source in keep and e.target in keep]
    if filters.rel_types:
        types = set(filters.rel_types)
        edges = [e for e in edges if e.type in types and e.source in keep and e.target in keep]
        keep &= _ends(edges)
    if filters.start or filters.end:
        keep, edges = _in_window(proj, keep, edges, filters.start, filters.end)
    if filters.around:
        root = resolve_entity(proj, filters.around)
        keep, edges = _neighbourhood(root.id, keep, edges, filters.depth)
    return subgraph(proj, keep, edges)


def subgraph(proj: Projection, keep: set[str], edges: Iterable[Edge]) -> Projection:
    """A projection of the nodes in ``keep`` and those of ``edges`` between them."""
    out = Projection()
    out.nodes = {k: n for k, n in proj.nodes.items() if k in keep}
    out.edges = [e for e in edges if e.source in keep and e.target in keep]
    tables = {n.table for n in out.nodes.values()}
    out.node_props = {t: props for t, props in proj.node_props.items() if t in tables}
    for e in out.edges:
        out.rel_pairs.setdefault(e.type, set()).add((out.nodes[e.source].table, out.nodes[e.target].table))
    return out


def _ends(edges: Iterable[Edge]) -> set[str]:
    out: set[str] = set()
    for e in edges:
        out.add(e.source)
        out.add(e.target)
    return out


def _in_window(proj: Projection, keep: set[str], edges: list[Edge], start: dt.date | None,
               end: dt.date | None) -> tuple[set[str], list[Edge]]:
    spans = {k: time_span(proj.nodes[k]) for k in keep}
    dated = {k for k, s in spans.items() if s is not None and overlaps(s, start, end)}
    eligible = []
    for e in edges:
        if e.source not in keep or e.target not in keep:
            continue
        own = edge_own_span(e)
        if own is None or overlaps(own, start, end):
            eligible.append(e)
    undated = set()
    for e in eligible:
        for a, b in ((e.source, e.target), (e.target, e.source)):
            if spans[a] is None and b in dated:
                undated.add(a)
    kept = dated | undated
    return kept, [e for e in eligible if e.source in kept and e.target in kept]


def _neighbourhood(root: str, keep: set[str], edges: list[Edge], depth: int) -> tuple[set[str], list[Edge]]:
    if root not in keep:
        return set(), []
    adjacent: dict[str, set[str]] = defaultdict(set)
    for e in edges:
        adjacent[e.source].add(e.target)
        adjacent[e.target].add(e.source)
    seen = {root}
    frontier = deque([(root, 0)])
    while frontier:
        node, d = frontier.popleft()
        if d == depth:
            continue
        for other in adjacent[node]:
            if other in keep and other not in seen:
                seen.add(other)
                frontier.append((other, d + 1))
    return seen, [e for e in edges if e.source in seen and e.target in seen]


# ---------------------------------------------------------------------- source graphs (RDF)
def choose_graphs(store: Store, graph: str | None, sources: Iterable[str],
                  catalogue: dict[str, GraphInfo] | None = None) -> list[str] | None:
    """The named graphs an RDF export writes: one ``graph``, the graphs of ``sources``, both
    (their intersection), or None for the whole store. Raises GraphkitError for an unknown graph."""
    sources = list(sources)
    if graph is None and not sources:
        return None
    catalogue = catalogue if catalogue is not None else graph_catalogue(store)
    chosen = set(catalogue)
    if graph is not None:
        if graph not in catalogue:
            by_source = [g for g, i in catalogue.items() if graph in i.sources]
            if not by_source:
                raise GraphkitError(f"no named graph {graph!r} in the store "
                                    "(give a graph IRI or the address it states)")
            chosen = set(by_source)
        else:
            chosen = {graph}
    if sources:
        origins = {s for s in sources if s in ORIGINS}
        wanted = {s for s in sources if s not in ORIGINS}
        wanted |= {entity_iri(s) for s in wanted if "/" in s and "://" not in s}
        chosen = {g for g in chosen if catalogue[g].origin in origins or g in wanted
                  or wanted.intersection(catalogue[g].sources)}
    return sorted(chosen)


QuadChunk = tuple[str | None, list[Quad]]
"""One named graph's quads to write (None: the default graph)."""


def iter_quads(store: Store, graphs: list[str] | None, selection: Projection | None = None,
               full: Projection | None = None) -> Iterator[QuadChunk]:
    """The quads to write, one named graph at a time: ``(graph IRI or None, quads)``.

    With a ``selection`` (a filtered projection of ``full``), a graph keeps its description,
    quads whose subject is a selected entity (links to entities only when that relationship
    is selected), and the Assertions qualifying a selected relationship.
    """
    names: list[str | None] = list(graphs) if graphs is not None else [None, *store.named_graphs()]
    kept = set(selection.nodes) if selection is not None else set()
    entities = set(full.nodes) if full is not None else set()
    links = {(e.source, e.type, e.target) for e in selection.edges} if selection is not None else set()
    v = vocabulary()
    rel_of = {p.iri: p.rel_type for p in v.properties.values() if p.is_object}
    parts = (RDF + "subject", RDF + "predicate", RDF + "object")
    for g in names:
        quads = list(store.quads(g, default_graph=g is None))
        if not quads:
            continue
        if selection is None:
            yield g, quads
            continue
        reified: dict[str, dict[str, str]] = defaultdict(dict)
        for q in quads:
            if q.predicate.value in parts:
                reified[_text(q.subject)][q.predicate.value[len(RDF):]] = _text(q.object)
        good_assertions = {a for a, t in reified.items()
                           if (t.get("subject"), rel_of.get(t.get("predicate", "")), t.get("object")) in links
                           or (t.get("subject") in kept and t.get("object") not in entities)}
        out = []
        for q in quads:
            s = _text(q.subject)
            if s == g or s in good_assertions:
                out.append(q)
            elif s in kept:
                o = _text(q.object)
                if (q.predicate.value in rel_of and o in entities
                        and (s, rel_of[q.predicate.value], o) not in links):
                    continue   # a link to an entity the filters did not select
                out.append(q)
        if out:
            yield g, out


def _text(term: Any) -> str:
    """The IRI, blank node id or lexical form of a term (a quoted triple as its text)."""
    return str(getattr(term, "value", term))
