"""Exports: one module per format, every one streaming to an open handle.

Property-graph formats (GEXF, GraphML, Cypher script, neo4j-admin CSV) read the same projection
the Cypher engines read (:func:`graphkit.project.project`); RDF formats (JSON-LD, Turtle,
N-Triples, N-Quads, TriG) read the store's quads, so they keep every source graph.

The filters here are shared by all formats (:class:`Filters`, applied by :func:`select`):

- ``classes``: nodes with one of these labels (a class includes its subclasses, because a
  node's labels include its ancestors); relationships between kept nodes.
- ``rel_types``: relationships of these types, and only the nodes they connect.
- ``start`` / ``end`` (a time window): nodes whose time span (:func:`time_span`) overlaps the
  window. A node without dates (a person, a body, a place, a topic) is kept only when a kept
  relationship links it to a kept dated node, so the window does not empty the graph of its
  actors nor keep every actor of all time. Relationships with their own dates (a post held)
  must overlap the window too.
- ``around`` / ``depth``: the entity named (by name, alias, acronym, key or IRI) and everything
  within ``depth`` hops of it, both directions, after the other filters.
- ``sources``: ``curated``, ``extracted`` or ``vocabulary`` (how facts came to be), a source
  address, a document key (``document/apsc29-opening-remarks``) or its address, or a source
  graph IRI. Relationships stated by one of those sources, the nodes they connect, and nodes
  stated by them. A node keeps all its properties, whichever source states them.

For RDF formats, ``sources`` and ``graph`` choose the named graphs written; the other filters
keep the quads about the selected entities (their types, names and properties, the links
between them, and the Assertions that qualify those links), and every graph's own description.
"""

from __future__ import annotations

import calendar
import datetime as dt
import io
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from importlib import import_module
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from graphkit.errors import EntityNotFoundError, GraphkitError, OntologyError
from graphkit.project import Edge, Node, Projection
from graphkit.vocab import RDF, const_case, entity_iri, vocabulary

if TYPE_CHECKING:
    import pyoxigraph as ox

    from graphkit.store import Store

Progress = Callable[[int], None]
"""Called by writers with the number of items (nodes, relationships or quads) just written."""

PROGRESS_EVERY = 5000


@dataclass(frozen=True)
class Format:
    """An export format: its writer module and what it reads."""

    name: str
    module: str                 # graphkit.export.<module>
    reads: str                  # "graph": the projection; "rdf": the store's quads
    suffixes: tuple[str, ...]
    description: str
    folder: bool = False        # writes a folder of files instead of one stream


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("gexf", "gexf", "graph", (".gexf",), "GEXF 1.3 for Gephi (--dynamic for the timeline)"),
    Format("graphml", "graphml", "graph", (".graphml",), "GraphML for yEd, Cytoscape and networkx"),
    Format("jsonld", "jsonld", "rdf", (".jsonld",), "JSON-LD with a context from the ontology, one @graph per source"),
    Format("turtle", "rdf", "rdf", (".ttl",), "Turtle (the union of the graphs chosen)"),
    Format("ntriples", "rdf", "rdf", (".nt",), "N-Triples (the union of the graphs chosen)"),
    Format("nquads", "rdf", "rdf", (".nq",), "N-Quads (keeps every source graph)"),
    Format("trig", "rdf", "rdf", (".trig",), "TriG (keeps every source graph)"),
    Format("cypher", "cypher", "graph", (".cypher", ".cql"), "a Cypher script that recreates the graph in Neo4j 5"),
    Format("neo4j-csv", "neo4j_csv", "graph", (), "a folder of neo4j-admin import CSV files", folder=True),
)}


def format_for_path(path: str) -> str | None:
    """The format a file name's suffix implies (``g.gexf`` -> ``gexf``), or None."""
    suffix = Path(path).suffix.lower()
    for f in FORMATS.values():
        if suffix in f.suffixes:
            return f.name
    return None


# ---------------------------------------------------------------------- time spans
# Ontology keys that carry time, checked against the vocabulary by tests/test_export.py.
TIME_KEYS = ("startDate", "endDate", "periodStart", "periodEnd", "adoptedOn", "signedOn", "issued",
             "year", "foundingDate")
EVENT_LABEL = "Event"   # a dated event without an end lasts its day (or the month/year stated)

Span = tuple[dt.date | None, dt.date | None]
"""A closed time span; None at either end means open (unbounded) on that side."""


def _first(props: dict[str, Any], key: str) -> dt.date | None:
    value = props.get(key)
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return dt.date(value, 1, 1)
    return None


def _last(props: dict[str, Any], key: str) -> dt.date | None:
    """The last day a (possibly partial) date covers: 2019 -> 2019-12-31, 2018-04 -> 2018-04-30."""
    value = props.get(key)
    if isinstance(value, int) and not isinstance(value, bool):
        return dt.date(value, 12, 31)
    if not isinstance(value, dt.date):
        return None
    precision = props.get(key + "Precision")
    if precision == "year":
        return dt.date(value.year, 12, 31)
    if precision == "month":
        return dt.date(value.year, value.month, calendar.monthrange(value.year, value.month)[1])
    return value


def time_span(node: Node) -> Span | None:
    """When a node exists on a timeline, or None when it has no dates.

    - anything with ``startDate``: from it to ``endDate``; without an end, an Event (a meeting)
      lasts its day (or the month or year given), anything else (a membership) runs on;
    - documents: the period they cover (``periodStart`` .. ``periodEnd``, whole years), else
      the day they were adopted, signed or issued (the earliest), up to ``periodEnd`` if given;
    - a Chairmanship: its ``year``; an organisation: from its ``foundingDate``.
    """
    p = node.props
    if "startDate" in p or "endDate" in p:
        start = _first(p, "startDate")
        end = _last(p, "endDate")
        if end is None and start is not None and EVENT_LABEL in node.labels:
            end = _last(p, "startDate")
        return start, end
    if "periodStart" in p or "periodEnd" in p:
        start = _first(p, "periodStart")
        if start is None:
            start = min((d for d in (_first(p, k) for k in ("adoptedOn", "signedOn", "issued")) if d), default=None)
        return start, _last(p, "periodEnd")
    days = [(d, _last(p, k)) for k in ("adoptedOn", "signedOn", "issued") if (d := _first(p, k))]
    if days:
        return min(days)
    if "year" in p and _first(p, "year"):
        return _first(p, "year"), _last(p, "year")
    if _first(p, "foundingDate"):
        return _first(p, "foundingDate"), None
    return None


def edge_own_span(edge: Edge) -> Span | None:
    """A relationship's own dates (a post held from .. to), or None."""
    start, end = edge.props.get("startDate"), edge.props.get("endDate")
    if not isinstance(start, dt.date) and not isinstance(end, dt.date):
        return None
    return (start if isinstance(start, dt.date) else None, end if isinstance(end, dt.date) else None)


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
        if value.isdigit() and len(value) == 4:
            return dt.date(int(value), 12, 31) if end else dt.date(int(value), 1, 1)
        if len(value) == 7 and value[4] == "-":
            y, m = int(value[:4]), int(value[5:])
            return dt.date(y, m, calendar.monthrange(y, m)[1] if end else 1)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise GraphkitError(f"not a year or date: {value!r} (use 2024, 2024-05 or 2024-05-26)") from None


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
        return self.selects_entities or bool(self.sources)


ORIGINS = ("curated", "extracted", "vocabulary")


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
    addresses |= {n.id for n in proj.nodes.values() if n.props.get("url") in wanted}

    def match(props: dict[str, Any]) -> bool:
        return bool(origins.intersection(props.get("origins", ()))
                    or addresses.intersection(props.get("sources", ())))
    return match


def resolve_entity(proj: Projection, text: str) -> Node:
    """The node a user means by ``text`` (IRI, key, name, alias, acronym or misspelling), resolved
    as `graphkit links` resolves it. Raises EntityNotFoundError with the nearest names or the
    candidates to choose from."""
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
    edges = [e for e in edges if e.source in keep and e.target in keep]
    out = Projection()
    out.nodes = {k: n for k, n in proj.nodes.items() if k in keep}
    out.edges = edges
    tables = {n.table for n in out.nodes.values()}
    out.node_props = {t: props for t, props in proj.node_props.items() if t in tables}
    for e in edges:
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
@dataclass
class GraphInfo:
    """What a named graph says about itself."""

    iri: str
    origin: str = "unknown"
    sources: list[str] = field(default_factory=list)


def graph_catalogue(store: Store) -> dict[str, GraphInfo]:
    """Every named graph with its origin and the address or document it states (self-described)."""
    import pyoxigraph as ox

    v = vocabulary()
    origin_p, source_ps = v.iri("origin"), {v.iri("primarySource"), v.iri("derivedFrom")}
    out: dict[str, GraphInfo] = {}
    for g in store.named_graphs():
        info = GraphInfo(g)
        node = ox.NamedNode(g)
        for q in store.db.quads_for_pattern(node, None, None, node):
            if q.predicate.value == origin_p:
                info.origin = _text(q.object)
            elif q.predicate.value in source_ps:
                info.sources.append(_text(q.object))
        out[g] = info
    return out


def _text(term: Any) -> str:
    """The IRI, blank node id or lexical form of a term (a quoted triple as its text)."""
    return str(getattr(term, "value", term))


def choose_graphs(store: Store, graph: str | None, sources: Iterable[str]) -> list[str] | None:
    """The named graphs an RDF export writes: one ``graph``, the graphs of ``sources``, both
    (their intersection), or None for the whole store. Raises GraphkitError for an unknown graph."""
    sources = list(sources)
    if graph is None and not sources:
        return None
    catalogue = graph_catalogue(store)
    chosen = set(catalogue)
    if graph is not None:
        if graph not in catalogue:
            by_source = [g for g, i in catalogue.items() if graph in i.sources]
            if not by_source:
                raise GraphkitError(f"no named graph {graph!r} in the store (give a graph IRI or the address it states)")
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


def iter_quads(store: Store, graphs: list[str] | None, selection: Projection | None = None,
               full: Projection | None = None) -> Iterator[tuple[str | None, list[ox.Quad]]]:
    """The quads to write, one named graph at a time: ``(graph IRI or None, quads)``.

    With a ``selection`` (a filtered projection of ``full``), a graph keeps its description,
    quads whose subject is a selected entity (links to entities only when that relationship
    is selected), and the Assertions qualifying a selected relationship.
    """
    import pyoxigraph as ox

    names: list[str | None] = list(graphs) if graphs is not None else [None, *store.named_graphs()]
    kept = set(selection.nodes) if selection is not None else set()
    entities = set(full.nodes) if full is not None else set()
    links = {(e.source, e.type, e.target) for e in selection.edges} if selection is not None else set()
    v = vocabulary()
    rel_of = {p.iri: p.rel_type for p in v.properties.values() if p.is_object}
    parts = (RDF + "subject", RDF + "predicate", RDF + "object")
    for g in names:
        gnode = ox.NamedNode(g) if g is not None else ox.DefaultGraph()
        quads = list(store.db.quads_for_pattern(None, None, None, gnode))
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
                o = q.object
                if (isinstance(o, ox.NamedNode) and o.value in entities and q.predicate.value in rel_of
                        and (s, rel_of[q.predicate.value], o.value) not in links):
                    continue   # a link to an entity the filters did not select
                out.append(q)
        if out:
            yield g, out


# ---------------------------------------------------------------------- running an export
@dataclass
class ExportSummary:
    """What an export wrote."""

    format: str
    nodes: int = 0
    edges: int = 0
    quads: int = 0
    graphs: int = 0
    files: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def describe(self) -> str:
        def n(count: int, noun: str) -> str:
            return f"{count} {noun}{'' if count == 1 else 's'}"
        if FORMATS[self.format].reads == "rdf":
            return f"{n(self.quads, 'quad')} from {n(self.graphs, 'graph')}"
        return f"{n(self.nodes, 'node')}, {n(self.edges, 'relationship')}"


def writer(fmt: str) -> Any:
    """The writer module of a format (imported on first use)."""
    try:
        spec = FORMATS[fmt]
    except KeyError:
        raise GraphkitError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}") from None
    return import_module(f"graphkit.export.{spec.module}")


def export(store: Store, fmt: str, out: IO[bytes] | Path, filters: Filters | None = None, *,
           dynamic: bool = False, graph: str | None = None, progress: Progress | None = None) -> ExportSummary:
    """Write the store (or what the filters keep) in format ``fmt``.

    Parameters
    ----------
    store : an open Store.
    fmt : a key of :data:`FORMATS`.
    out : a binary handle, or for a folder format (``neo4j-csv``) the folder to write.
    filters : see :class:`Filters`; ``None`` keeps everything.
    dynamic : GEXF only: give nodes and relationships their time spans for Gephi's timeline.
    graph : one named graph (its IRI, or the address it states). RDF formats write that graph;
        property-graph formats keep what that graph states, as ``--source`` would.
    progress : called with the number of items written since the last call.

    Returns an :class:`ExportSummary`. Raises GraphkitError (unknown format, graph or filter),
    EntityNotFoundError (``around`` names nothing).

    Examples
    --------
    >>> with opened(Path(".graphkit"), read_only=True) as s, open("g.gexf", "wb") as fh:  # doctest: +SKIP
    ...     export(s, "gexf", fh, Filters(start=dt.date(2024, 1, 1)), dynamic=True)
    """
    from graphkit.project import project

    spec = FORMATS.get(fmt)
    module = writer(fmt)
    assert spec is not None
    filters = check_filters(replace(filters) if filters else Filters())   # a copy: check_filters normalises
    if dynamic and fmt != "gexf":
        raise GraphkitError("--dynamic is for GEXF only")
    summary = ExportSummary(fmt)

    if spec.reads == "rdf":
        graphs = choose_graphs(store, graph, filters.sources)
        selection = full = None
        if filters.selects_entities:
            full = project(store)
            selection = select(full, Filters(filters.classes, filters.rel_types, filters.start, filters.end,
                                             filters.around, filters.depth))
        chunks = iter_quads(store, graphs, selection, full)
        counted = _count_rdf(chunks, summary, progress)
        if fmt == "jsonld":
            _write_text(out, lambda text: module.write(counted, text))
        else:
            module.write(counted, _binary(out), fmt)
        return summary

    proj = project(store)
    if graph is not None:   # what that graph states, then the other filters within it
        graphs = choose_graphs(store, graph, ())
        catalogue = graph_catalogue(store)
        stated = tuple(src for g in graphs or () for src in (catalogue[g].sources or [g]))
        proj = select(proj, Filters(sources=stated))
    proj = select(proj, filters)
    summary.nodes, summary.edges = len(proj.nodes), len(proj.edges)
    if filters.around and not proj.nodes:
        summary.notes.append(f"{filters.around!r} is excluded by the other filters: nothing to export")
    if spec.folder:
        if not isinstance(out, Path):
            raise GraphkitError(f"{fmt} writes a folder: give -o FOLDER")
        summary.files = module.write(proj, module.folder_opener(out), progress=progress)
    elif fmt == "gexf":
        _write_text(out, lambda text: module.write(proj, text, dynamic=dynamic, progress=progress))
    else:
        _write_text(out, lambda text: module.write(proj, text, progress=progress))
    return summary


def _count_rdf(chunks: Iterator[tuple[str | None, list[ox.Quad]]], summary: ExportSummary,
               progress: Progress | None) -> Iterator[tuple[str | None, list[ox.Quad]]]:
    for g, quads in chunks:
        summary.graphs += g is not None
        summary.quads += len(quads)
        if progress:
            progress(len(quads))
        yield g, quads


def _binary(out: IO[bytes] | Path) -> IO[bytes]:
    if isinstance(out, Path):
        raise GraphkitError("this format writes one file, not a folder")
    return out


def _write_text(out: IO[bytes] | Path, write: Callable[[io.TextIOWrapper], Any]) -> None:
    """Run a text writer on a binary handle (UTF-8, '\\n' newlines) without closing the handle."""
    text = io.TextIOWrapper(_binary(out), encoding="utf-8", newline="\n", write_through=False)  # type: ignore[arg-type]
    try:
        write(text)
    finally:
        text.flush()
        text.detach()
