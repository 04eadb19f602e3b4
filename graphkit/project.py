"""RDF store -> property graph, driven by the ontology. Every Cypher backend and export reads this.

- Each entity with a declared class becomes a node. ``labels`` are its most specific class and
  that class's ancestors (``["Meeting", "Event"]``); ``kind`` is the most specific class; ``table``
  is the class that holds it in engines with one table per node type (ontology: gk:nodeTable).
- Every node has ``id`` (its IRI, unique), ``key`` (the short id, ``meeting/apsc-council-29``),
  ``name`` (skos:prefLabel), ``sources`` (the addresses or documents that state its facts) and
  ``origins`` (curated / extracted / vocabulary), plus one property per datatype property key,
  typed by the property's range: dates as ``datetime.date`` (a year or month keeps its
  precision in ``<key>Precision`` and its first day as the date), years and ordinals as ints,
  multi-valued keys as lists.
- Each object property between two nodes becomes one relationship of type CONST_CASE(key),
  whatever the number of sources stating it; its ``sources`` and ``origins`` list them all, and
  ``quotes`` the sentences of extracted evidence. Qualifiers (``startDate``/``endDate`` of an
  Assertion, with ``<key>Precision`` when partial) become relationship properties.
- Where sources disagree on a single-valued property (``gk:singleValued``: a meeting's date, city
  or chair, a document's adoption date), the property (or the one relationship) keeps the value
  of the highest-ranked origin (curated, then vocabulary, then extracted; between equals the
  first value in sort order), and the node carries every claim in ``<key>Claims``: a list of
  ``"value | source"`` strings, sorted (docs/provenance.md). Without disagreement it is null.
- ``project(store, as_of=D)`` is the graph as it stood at D (graphkit.timeline: occurrences dated
  after D, periods not valid at D and relationships whose dates exclude D are left out).
- Provenance nodes (Assertion, SourceGraph) are not nodes: they are the properties above.

``load_projection(store)`` reuses the projection saved for the store's fingerprint (written by
``save_projection`` after every write, see graphkit.engines.embedded.refresh) instead of reading the
whole store again.
"""

from __future__ import annotations

import datetime as dt
import gc
import heapq
import os
import pickle
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from graphkit.provenance import CURATED, EXTRACTED, VOCABULARY, GraphCatalogue, GraphInfo
from graphkit.store import Literal, NamedNode, Quad, Store
from graphkit.terms import IRI, C, P
from graphkit.timeline import PRECISION_SUFFIX, edge_validity, node_validity
from graphkit.vocab import RDF, RDF_TYPE, XSD, entity_id, vocabulary

PROVENANCE_CLASSES: Final = (C.Assertion, C.SourceGraph)
# Datatype properties that describe provenance nodes, not entities.
PROVENANCE_KEYS: Final = frozenset({P.origin, P.recordFile, P.quote, P.charStart, P.charEnd, P.quoteHash})
EDGE_QUALIFIERS: Final = (P.startDate, P.endDate)
CLAIMS_SUFFIX: Final = "Claims"
CLAIM_SEPARATOR: Final = " | "
ORIGIN_RANK: Final = {CURATED: 0, VOCABULARY: 1, EXTRACTED: 2}
"""Which origin's value a single-valued property keeps (lowest first); unknown origins rank last."""

# property types, as the engines' schemas need them
STRING, STRING_LIST, INT, BOOL, DATE = "STRING", "STRING[]", "INT64", "BOOL", "DATE"
BASE_NODE_PROPS: Final = {"id": STRING, "key": STRING, P.name: STRING, "kind": STRING, "labels": STRING_LIST,
                          "sources": STRING_LIST, "origins": STRING_LIST,
                          # every node has its names, so lookups can ask every node the same way
                          P.altNames: STRING_LIST, P.acronym: STRING_LIST, P.misspellings: STRING_LIST}
EDGE_PROPS: Final = {"sources": STRING_LIST, "origins": STRING_LIST, "quotes": STRING_LIST,
                     P.startDate: DATE, P.endDate: DATE,
                     P.startDate + PRECISION_SUFFIX: STRING, P.endDate + PRECISION_SUFFIX: STRING}


@dataclass
class Node:
    """A node of the property graph."""

    id: str
    labels: list[str]
    table: str
    props: dict[str, Any]


@dataclass
class Edge:
    """A relationship of the property graph."""

    source: str
    target: str
    type: str
    props: dict[str, Any]


@dataclass
class Projection:
    """Nodes, relationships and the schema an engine needs to hold them."""

    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    node_props: dict[str, dict[str, str]] = field(default_factory=dict)   # table -> prop -> type (all declared)
    rel_pairs: dict[str, set[tuple[str, str]]] = field(default_factory=dict)  # type -> (from, to) tables

    def iter_nodes(self, table: str | None = None) -> Iterator[Node]:
        """The nodes, or those of one table."""
        for n in self.nodes.values():
            if table is None or n.table == table:
                yield n

    def label_counts(self) -> dict[str, int]:
        """How many nodes carry each label."""
        counts: dict[str, int] = defaultdict(int)
        for n in self.nodes.values():
            for label in n.labels:
                counts[label] += 1
        return dict(sorted(counts.items()))

    def type_counts(self) -> dict[str, int]:
        """How many relationships have each type."""
        counts: dict[str, int] = defaultdict(int)
        for e in self.edges:
            counts[e.type] += 1
        return dict(sorted(counts.items()))


def literal_value(value: str, datatype: str, prop_range: str | None) -> tuple[Any, str | None]:
    """A Python value for a literal, and the precision of a partial date (else None)."""
    if prop_range == XSD + "date" or datatype in (XSD + "date", XSD + "gYearMonth"):
        try:
            if datatype == XSD + "gYear":
                return dt.date(int(value), 1, 1), "year"
            if datatype == XSD + "gYearMonth":
                y, m = value.split("-")[:2]
                return dt.date(int(y), int(m), 1), "month"
            return dt.date.fromisoformat(value[:10]), None
        except ValueError:
            return value, None
    if datatype in (XSD + "integer", XSD + "gYear", XSD + "int", XSD + "long"):
        try:
            return int(value), None
        except ValueError:
            return value, None
    if datatype == XSD + "boolean":
        return value == "true", None
    return value, None


_RANGE_TYPES = {XSD + "date": DATE, XSD + "gYear": INT, XSD + "integer": INT, XSD + "boolean": BOOL}


def declared_props() -> dict[str, str]:
    """Every entity property the ontology declares, with its engine type (and the precision
    companion of each date and the claims list of each single-valued key), so every node table
    can hold every property."""
    v = vocabulary()
    out: dict[str, str] = dict(BASE_NODE_PROPS)
    for p in v.properties.values():
        if p.is_object or p.key in PROVENANCE_KEYS or p.key in out:
            continue
        out[p.key] = STRING_LIST if p.multi else _RANGE_TYPES.get(p.datatype or "", STRING)
        if out[p.key] == DATE:
            out[p.key + PRECISION_SUFFIX] = STRING
    for key in v.single_valued():
        out[key + CLAIMS_SUFFIX] = STRING_LIST
    return out


def _fits(value: Any, kind: str) -> bool:
    if kind == DATE:
        return isinstance(value, dt.date)
    if kind == INT:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == BOOL:
        return isinstance(value, bool)
    return True


def _rank(infos: list[GraphInfo]) -> int:
    return min((ORIGIN_RANK.get(i.origin, len(ORIGIN_RANK)) for i in infos), default=len(ORIGIN_RANK))


def claim_text(value: str, source: str) -> str:
    """One claim as carried in ``<key>Claims``: ``"2016-04-25 | https://…"``."""
    return f"{value}{CLAIM_SEPARATOR}{entity_id(source)}"


@contextmanager
def collector_paused() -> Iterator[None]:
    """Keep Python's cyclic garbage collector out of a loop that allocates millions of small, acyclic
    objects (the projection, the writers): full collections walking them cost a third of a GEXF
    export at 1M facts (20.4 s against 13.0 s measured without them)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def project(store: Store, as_of: dt.date | None = None) -> Projection:
    """Read the whole store once and build the property graph (as it stood at ``as_of``, if given)."""
    proj, _ = full_projection(store)
    return proj if as_of is None else snapshot(proj, as_of)


def full_projection(store: Store) -> tuple[Projection, dict[str, str]]:
    """The whole store's projection and the merged ids it was made with (graphkit.xref.canonical_ids),
    which an incremental update (:func:`update_projection`) must find unchanged."""
    from graphkit.xref import canonical_ids

    with collector_paused():
        canon = canonical_ids(store)
        reader = _Reader(canon)
        for q in store.quads():
            reader.take(q)
        proj = Projection()
        edges = _assemble(proj, reader, list(reader.types), proj.nodes)
        _sort_and_pair(proj, edges)
    return proj, canon


class _Reader:
    """What the projection needs from quads, gathered per subject: from one pass over the whole store,
    or from the quads of some subjects only (an incremental update reads those by index)."""

    def __init__(self, canon: dict[str, str]) -> None:
        v = vocabulary()
        self.v = v
        self.canon = canon
        self.skip_classes = {IRI.Assertion, IRI.SourceGraph}
        self.qualifier_ps = {v.iri(k) for k in EDGE_QUALIFIERS}
        self.reified = {RDF + "subject", RDF + "predicate", RDF + "object"}
        self.catalogue = GraphCatalogue()
        self.types: dict[str, set[str]] = defaultdict(set)
        self.subject_graphs: dict[str, set[str]] = defaultdict(set)
        self.literals: dict[str, dict[str, list[tuple[str, str, str]]]] = defaultdict(lambda: defaultdict(list))
        self.links: dict[tuple[str, str, str], set[str]] = defaultdict(set)
        self.links_from: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        self.assertions: dict[str, dict[str, Any]] = defaultdict(dict)
        self.assertion_nodes: set[str] = set()
        self.graphs: set[str] = set()   # every graph a fact was read from (their descriptions are needed)

    def take(self, q: Quad) -> None:
        """Take one quad."""
        s, p, o, g = q.subject, q.predicate.value, q.object, q.graph_name
        if not isinstance(s, NamedNode) or not isinstance(g, NamedNode) or not isinstance(o, (NamedNode, Literal)):
            return
        sv, gv = s.value, g.value
        if self.catalogue.take(sv, p, o.value, gv):  # a source graph describing itself
            return
        ov = o.value
        canon = self.canon
        if canon:
            sv = canon.get(sv, sv)
            if isinstance(o, NamedNode):
                ov = canon.get(ov, ov)
                if p == IRI.sameAs and sv == ov:
                    return
        if p == RDF_TYPE:
            if o.value in self.skip_classes:
                self.assertion_nodes.add(sv)
            elif o.value in self.v.class_by_iri:
                self.types[sv].add(o.value)
                self.subject_graphs[sv].add(gv)
                self.graphs.add(gv)
            return
        if p in self.reified:
            self.assertions[sv][p[len(RDF):]] = ov
            return
        if isinstance(o, Literal):
            if p == IRI.quote or p in self.qualifier_ps:
                self.assertions[sv].setdefault("_literals", []).append((p, o.value, o.datatype.value))
            self.literals[sv][p].append((o.value, o.datatype.value, gv))
            self.subject_graphs[sv].add(gv)
            self.graphs.add(gv)
        else:
            if p == IRI.statedIn:
                self.assertions[sv][P.statedIn] = o.value
                return
            key = (sv, p, ov)
            if key not in self.links:
                self.links_from[sv].append(key)
            self.links[key].add(gv)
            self.graphs.add(gv)


def _assemble(proj: Projection, r: _Reader, order: list[str], nodes: dict[str, Node]) -> list[Edge]:
    """Nodes for the subjects in ``order`` (into ``proj.nodes``, in that order) and the relationships
    that start at them (returned, unsorted). ``nodes`` answers "is this id a node?" for the targets:
    the whole graph's nodes, of which those of ``order`` are the ones made here."""
    v = r.v
    subjects = set(order)
    catalogue = r.catalogue
    declared = declared_props()

    def sources_of(graphs: set[str]) -> tuple[list[str], list[str]]:
        infos = [catalogue.get(g) for g in graphs]
        return sorted({i.source for i in infos}), sorted({i.origin for i in infos})

    for sv in order:
        ts = r.types.get(sv)
        if not ts or sv in r.assertion_nodes:
            continue
        labels = v.labels(ts)
        table = v.table(labels[0])
        srcs, origins = sources_of(r.subject_graphs[sv])
        props: dict[str, Any] = {"id": sv, "key": entity_id(sv), P.name: None, "kind": labels[0],
                                 "labels": labels, "sources": srcs, "origins": origins}
        proj.node_props.setdefault(table, declared)
        for p_iri, values in r.literals.get(sv, {}).items():
            prop = v.property_by_iri.get(p_iri)
            if prop is None or prop.is_object or prop.key in PROVENANCE_KEYS:
                continue
            if prop.multi:
                props[prop.key] = sorted({str(literal_value(val, dtype, prop.datatype)[0]) for val, dtype, _ in values})
                continue
            by_value: dict[tuple[str, str], set[str]] = defaultdict(set)
            for val, dtype, graph in values:
                by_value[(val, dtype)].add(graph)
            # sorted by the value, then by its lexical form and datatype: the same whatever order
            # the quads were read in
            converted = sorted(((literal_value(val, dtype, prop.datatype), val, graphs, dtype)
                                for (val, dtype), graphs in by_value.items()),
                               key=lambda c: (repr(c[0]), c[1], c[3]))
            fitting = [c for c in converted if _fits(c[0][0], declared[prop.key])]
            if not fitting:
                continue  # an ill-typed literal: `graphkit validate` reports it
            if prop.single_valued and len(fitting) > 1:
                fitting.sort(key=lambda c: _rank([catalogue.get(g) for g in c[2]]))
                props[prop.key + CLAIMS_SUFFIX] = sorted(
                    claim_text(lexical, catalogue.get(g).source) for _, lexical, graphs, _ in fitting for g in graphs)
            (value, precision), _, _, _ = fitting[0]
            props[prop.key] = value
            if precision:
                props[prop.key + PRECISION_SUFFIX] = precision
        if props[P.name] is None:
            props[P.name] = entity_id(sv).rsplit("/", 1)[-1]
        proj.nodes[sv] = Node(sv, labels, table, props)

    qualifiers: dict[tuple[str, str, str], dict[str, Any]] = defaultdict(dict)
    quotes: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    # by the assertion's IRI: where two assertions qualify one fact differently, the same one wins
    # whatever order the store gave them in
    for _, a in sorted(r.assertions.items()):
        if not {"subject", "predicate", "object"} <= a.keys() or a["subject"] not in subjects:
            continue
        k = (a["subject"], a["predicate"], a["object"])
        for p_iri, value, dtype in a.get("_literals", []):
            if p_iri == IRI.quote:
                quotes[k].add(value)
            else:
                key = v.property_by_iri[p_iri].key
                day, precision = literal_value(value, dtype, XSD + "date")
                qualifiers[k][key] = day
                if precision:
                    qualifiers[k][key + PRECISION_SUFFIX] = precision

    # single-valued relationships (a meeting's city, its chair): one winner, every claim on the node
    single = {v.prop(k).iri for k in v.single_valued() if v.prop(k).is_object}
    mine = [k for sv in order for k in r.links_from.get(sv, ())]
    rivals: dict[tuple[str, str], list[tuple[str, set[str]]]] = defaultdict(list)
    for sv, p_iri, ov in mine:
        if p_iri in single and sv in nodes and ov in nodes:
            rivals[(sv, p_iri)].append((ov, r.links[(sv, p_iri, ov)]))
    losers: set[tuple[str, str, str]] = set()
    for (sv, p_iri), objects in rivals.items():
        if len(objects) < 2:
            continue
        objects.sort(key=lambda x: (_rank([catalogue.get(g) for g in x[1]]), x[0]))
        losers.update((sv, p_iri, ov) for ov, _ in objects[1:])
        key = v.property_by_iri[p_iri].key
        proj.nodes[sv].props[key + CLAIMS_SUFFIX] = sorted(
            claim_text(entity_id(ov), catalogue.get(g).source) for ov, graphs in objects for g in graphs)

    edges: list[Edge] = []
    for sv, p_iri, ov in mine:
        prop = v.property_by_iri.get(p_iri)
        if prop is None or not prop.is_object or sv not in nodes or ov not in nodes:
            continue
        if (sv, p_iri, ov) in losers:
            continue
        srcs, origins = sources_of(r.links[(sv, p_iri, ov)])
        props = {"sources": srcs, "origins": origins, "quotes": sorted(quotes.get((sv, p_iri, ov), ()))}
        props.update(qualifiers.get((sv, p_iri, ov), {}))
        edges.append(Edge(sv, ov, prop.rel_type, props))
    return edges


def _edge_order() -> Any:
    """The key relationships are kept sorted by: source, property IRI, target."""
    iri_of = {p.rel_type: p.iri for p in vocabulary().properties.values() if p.is_object}
    return lambda e: (e.source, iri_of[e.type], e.target)


def _sort_and_pair(proj: Projection, edges: list[Edge]) -> None:
    """Put ``edges`` in the projection in their order, and the (from, to) table pairs of each type."""
    edges.sort(key=_edge_order())
    proj.edges = edges
    nodes = proj.nodes
    pairs: dict[str, set[tuple[str, str]]] = {}
    for e in edges:
        pairs.setdefault(e.type, set()).add((nodes[e.source].table, nodes[e.target].table))
    proj.rel_pairs = pairs


# ---------------------------------------------------------------------------- incremental update
@dataclass
class Changes:
    """What one write did to the store: the fingerprints before and after it, the named graphs it
    added, replaced or removed, and every IRI those graphs mentioned (as subject or object) before
    and after. The commands that write the store gather it (ingest.pipeline) for :func:`update_projection`."""

    before: str
    after: str = ""
    graphs: set[str] = field(default_factory=set)
    mentioned: set[str] = field(default_factory=set)

    def note(self, graph: str, quads: Iterable[Quad]) -> None:
        """Record a graph about to be written or dropped, with the IRIs of its quads (old or new).

        Classes (objects of rdf:type) and the predicates an assertion names are not entities the
        graph says anything about: left out, so they are not looked up for nothing."""
        self.graphs.add(graph)
        for q in quads:
            if isinstance(q.subject, NamedNode):
                self.mentioned.add(q.subject.value)
            if isinstance(q.object, NamedNode) and q.predicate.value not in _NOT_ENTITIES:
                self.mentioned.add(q.object.value)


_NOT_ENTITIES: Final = frozenset({RDF_TYPE, RDF + "predicate"})
ASSERTIONS_ABOUT = "SELECT DISTINCT ?a ?s WHERE { GRAPH ?g { ?a rdf:subject ?s } }"
LINKS_TO = "SELECT DISTINCT ?x ?o WHERE { GRAPH ?g { ?x ?p ?o } FILTER(isIRI(?x)) }"


def update_projection(store: Store, old: Projection, old_canon: dict[str, str] | None, changes: Changes
                      ) -> tuple[Projection, set[str], dict[str, str]] | None:
    """The projection of ``store`` computed from ``old`` (the projection before ``changes``) by
    recomputing only what the changed graphs touch; None when that cannot be trusted.

    Recomputed: the nodes of every id the changed graphs mention (before or after), their outgoing
    relationships (with single-valued winners and ``<key>Claims``, sources, origins, quotes and
    qualifiers), and the outgoing relationships of nodes that point at an id that became or stopped
    being a node, or changed table. Each is read by index (the quads of one subject, the assertions
    about one subject), never by a scan. The result equals ``project(store)`` (tests/test_incremental.py).

    Returns the new projection, the ids of the nodes recomputed (before or after) and the merged ids
    (graphkit.xref) it was made with. None (the caller projects the whole store) when the merged ids
    differ from those ``old`` was made
    with, or are unknown: an ``owl:sameAs`` decision or a person matched across texts renames nodes
    anywhere in the graph, which the changed graphs alone do not tell.
    """
    from graphkit.xref import canonical_ids

    with collector_paused():
        canon = canonical_ids(store)
        if old_canon is None or canon != old_canon:
            return None
        members: dict[str, list[str]] = defaultdict(list)
        for x, head in canon.items():
            members[head].append(x)
        reader = _Reader(canon)
        read: set[str] = set()

        def read_subject(c: str) -> None:
            for m in members.get(c) or [c]:
                if m in read:
                    continue
                read.add(m)
                for q in store.quads(subject=m):
                    reader.take(q)
                for row in store.terms(ASSERTIONS_ABOUT, {"s": f"<{m}>"}):
                    a = row["a"].value
                    if a not in read:
                        read.add(a)
                        for q in store.quads(subject=a):
                            reader.take(q)

        touched = {canon.get(x, x) for x in changes.mentioned}
        for c in sorted(touched):
            read_subject(c)
        proj = Projection(nodes=dict(old.nodes))
        for c in touched:
            proj.nodes.pop(c, None)
        _fill_catalogue(store, reader)
        edges = _assemble(proj, reader, sorted(touched), proj.nodes)
        # ids that became or stopped being nodes (or moved table): who points at them is redone too
        moved = {c for c in touched if (c in old.nodes) != (c in proj.nodes)
                 or (c in proj.nodes and old.nodes[c].table != proj.nodes[c].table)}
        pointing: set[str] = set()
        for c in moved:
            for m in members.get(c) or [c]:
                for row in store.terms(LINKS_TO, {"o": f"<{m}>"}):
                    x = canon.get(row["x"].value, row["x"].value)
                    if x not in touched:
                        pointing.add(x)
        if pointing:
            for c in sorted(pointing):
                read_subject(c)
                proj.nodes.pop(c, None)
            _fill_catalogue(store, reader)
            edges += _assemble(proj, reader, sorted(pointing), proj.nodes)
        redone = {c for c in touched | pointing if c in old.nodes or c in proj.nodes}  # entities, not assertions
        kept = [e for e in old.edges if e.source not in redone]
        order = _edge_order()
        edges.sort(key=order)
        merged = list(heapq.merge(kept, edges, key=order))
        proj.node_props = {}
        declared = declared_props()
        for n in proj.nodes.values():
            if n.table not in proj.node_props:
                proj.node_props[n.table] = declared
        _sort_and_pair_sorted(proj, merged)
    return proj, redone, canon


def _sort_and_pair_sorted(proj: Projection, edges: list[Edge]) -> None:
    nodes = proj.nodes
    pairs: dict[str, set[tuple[str, str]]] = {}
    for e in edges:
        pairs.setdefault(e.type, set()).add((nodes[e.source].table, nodes[e.target].table))
    proj.edges = edges
    proj.rel_pairs = pairs


def _fill_catalogue(store: Store, reader: _Reader) -> None:
    """The descriptions of every graph the reader saw facts in (each read by index, once)."""
    for g in reader.graphs - reader.catalogue.graphs.keys():
        reader.catalogue.graphs.setdefault(g, GraphInfo(g))
        for q in store.quads(g, subject=g):
            o = q.object
            if isinstance(o, (NamedNode, Literal)):
                reader.catalogue.take(g, q.predicate.value, o.value, g)


def snapshot(proj: Projection, as_of: dt.date) -> Projection:
    """The part of a projection that stood at ``as_of`` (valid-at rules: graphkit.timeline).

    Nodes not valid at the day go (a meeting held later, a membership that began later or had
    ended), with every relationship that touches them; relationships whose own dates exclude the
    day go (a post not yet or no longer held). The schema stays the full one, so queries written
    for the whole graph run unchanged."""
    out = Projection(node_props=proj.node_props, rel_pairs=proj.rel_pairs)
    for nid, n in proj.nodes.items():
        if node_validity(str(n.props.get("kind") or n.labels[0]), n.props).valid_at(as_of):
            out.nodes[nid] = n
    out.edges = [e for e in proj.edges if e.source in out.nodes and e.target in out.nodes
                 and edge_validity(e.props).valid_at(as_of)]
    return out


# ---------------------------------------------------------------------------- the saved projection
PROJECTION_FILE: Final = "projection.pickle"
_PICKLE_FORMAT: Final = 3   # 3: a header (format, fingerprint), then (projection, merged ids)


@dataclass
class SavedProjection:
    """A projection as saved: the store fingerprint it was made for and the merged ids it used
    (None when not known: no incremental update starts from it)."""

    fingerprint: str
    projection: Projection
    canon: dict[str, str] | None


def projection_path(store_path: Path) -> Path:
    """Where a store keeps its saved projection."""
    return Path(store_path) / PROJECTION_FILE


def save_projection(store: Store, proj: Projection, canon: dict[str, str] | None = None) -> None:
    """Save a projection for the store's current fingerprint (atomically: temp file, rename), with
    the merged ids it was made with when known (an incremental update needs them)."""
    path = projection_path(store.path)
    fd, tmp = tempfile.mkstemp(prefix=".projection-", dir=str(store.path))
    try:
        with os.fdopen(fd, "wb") as fh, collector_paused():
            # the header first, on its own: a reader learns the fingerprint without unpickling the
            # graph (6 s at 1M facts on a loaded machine, for nothing when it is stale)
            pickle.dump((_PICKLE_FORMAT, store.fingerprint), fh, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump((proj, canon), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def last_saved_projection(store: Store, fingerprint: str | None = None) -> SavedProjection | None:
    """The projection saved last (None: absent or unreadable), or only if it was saved for
    ``fingerprint`` (the graph is not unpickled otherwise)."""
    try:
        with projection_path(store.path).open("rb") as fh, collector_paused():
            header = pickle.load(fh)
            if not isinstance(header, tuple) or len(header) != 2 or header[0] != _PICKLE_FORMAT:
                return None
            saved_for = header[1]
            if not isinstance(saved_for, str) or (fingerprint is not None and saved_for != fingerprint):
                return None
            body = pickle.load(fh)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError):
        return None
    if not isinstance(body, tuple) or len(body) != 2 or not isinstance(body[0], Projection):
        return None
    proj, canon = body
    return SavedProjection(saved_for, proj, canon if isinstance(canon, dict) else None)


def saved_fingerprint(store: Store) -> str | None:
    """The fingerprint the saved projection was made for (reads the file's header only)."""
    try:
        with projection_path(store.path).open("rb") as fh:
            header = pickle.load(fh)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError):
        return None
    if isinstance(header, tuple) and len(header) == 2 and header[0] == _PICKLE_FORMAT and isinstance(header[1], str):
        return header[1]
    return None


def saved_projection(store: Store) -> Projection | None:
    """The projection saved for this store's current fingerprint, or None (absent or stale)."""
    saved = last_saved_projection(store, store.fingerprint)
    return saved.projection if saved is not None else None


def load_projection(store: Store, as_of: dt.date | None = None) -> Projection:
    """The store's projection: the saved one when it is current, else computed now (not saved:
    readers never write; the commands that write the store save it)."""
    proj = saved_projection(store) or project(store)
    return proj if as_of is None else snapshot(proj, as_of)


def claims_of(props: dict[str, Any], key: str) -> list[tuple[str, str]]:
    """The ``(value, source)`` pairs of a node's ``<key>Claims`` (empty when sources agree)."""
    out = []
    for text in props.get(key + CLAIMS_SUFFIX) or ():
        value, _, source = str(text).partition(CLAIM_SEPARATOR)
        out.append((value, source))
    return out


__all__ = ["BASE_NODE_PROPS", "CLAIMS_SUFFIX", "EDGE_PROPS", "PROVENANCE_CLASSES", "Changes", "Edge", "Node",
           "Projection", "SavedProjection", "claims_of", "declared_props", "full_projection",
           "last_saved_projection", "literal_value", "load_projection", "project", "save_projection",
           "saved_fingerprint", "saved_projection", "snapshot", "update_projection"]
