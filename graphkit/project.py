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
- Where sources disagree on a single-valued property (``gk:singleValued``: a meeting's date, city or
  chair, a document's adoption date; ``gk:singleValuedOn``: a Chairmanship's chair state), the
  property (or the one relationship) keeps the value of the highest-ranked origin (curated, then
  vocabulary, then extracted; between equals the first value in sort order), and the node carries
  every claim in ``<key>Claims``: a list of ``"value | source"`` strings, sorted
  (docs/provenance.md). Without disagreement it is null.
- ``project(store, as_of=D)`` is the graph as it stood at D (graphkit.timeline: occurrences dated
  after D, periods not valid at D and relationships whose dates exclude D are left out).
- Provenance nodes (Assertion, SourceGraph) are not nodes: they are the properties above.

``load_projection(store)`` reuses the projection saved for the store's fingerprint (STORE/projection.sqlite,
written after every write: ``save_projection`` whole, :class:`ProjectionFile` row by row for an ingest;
see graphkit.engines.embedded.refresh and docs/store.md) instead of reading the whole store again.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import heapq
import itertools
import json
import os
import pickle
import sqlite3
import tempfile
import time
from collections import defaultdict
from collections.abc import Container, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Protocol

from graphkit.errors import StoreError
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


def _assemble(proj: Projection, r: _Reader, order: list[str], nodes: Container[str]) -> list[Edge]:
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
            if len(fitting) > 1 and v.single_valued_for(prop.key, labels):
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
        if p_iri in single and sv in proj.nodes and ov in nodes \
                and v.single_valued_for(v.property_by_iri[p_iri].key, proj.nodes[sv].labels):
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


class _Base(Protocol):
    """The projection an update starts from, asked by id: a whole Projection in memory, or the saved
    one (:class:`ProjectionFile`), which reads only the rows asked for."""

    def node(self, nid: str) -> Node | None: ...

    def out(self, nid: str) -> list[Edge]: ...


class _MemoryBase:
    """A whole projection in memory, asked by id (its relationships indexed by source when first asked)."""

    def __init__(self, proj: Projection) -> None:
        self.proj = proj
        self._out: dict[str, list[Edge]] | None = None

    def node(self, nid: str) -> Node | None:
        return self.proj.nodes.get(nid)

    def out(self, nid: str) -> list[Edge]:
        if self._out is None:
            self._out = defaultdict(list)
            for e in self.proj.edges:
                self._out[e.source].append(e)
        return list(self._out.get(nid, ()))


class _NodeView:
    """"Is this id a node?" for an update: the nodes made now, else (unless redone) the old ones."""

    def __init__(self, made: dict[str, Node], gone: set[str], base: _Base) -> None:
        self.made, self.gone, self.base = made, gone, base
        self._old: dict[str, Node | None] = {}

    def old(self, nid: str) -> Node | None:
        if nid not in self._old:
            self._old[nid] = self.base.node(nid)
        return self._old[nid]

    def get(self, nid: str) -> Node | None:
        if nid in self.made:
            return self.made[nid]
        return None if nid in self.gone else self.old(nid)

    def __contains__(self, nid: object) -> bool:
        return isinstance(nid, str) and self.get(nid) is not None

    def __getitem__(self, nid: str) -> Node:
        n = self.get(nid)
        if n is None:
            raise KeyError(nid)
        return n


@dataclass
class Delta:
    """What an ingest changed in the projection, entity by entity (:func:`update_projection`).

    ``redone``: the ids whose nodes and outgoing relationships were recomputed (nodes before or
    after); for them the nodes and outgoing relationships before (``old_nodes``, ``old_out``) and
    after (``new_nodes``, in the order made; ``new_out``, each list in the projection's order).
    Everything else is as it was. ``table_of`` gives the table of every end of ``new_out``;
    ``added_pairs`` the (type, from, to) table pairs no relationship had before (set when the delta
    is applied: :func:`apply_delta`, :meth:`ProjectionFile.apply`)."""

    redone: set[str]
    canon: dict[str, str]
    old_nodes: dict[str, Node]
    new_nodes: dict[str, Node]
    old_out: dict[str, list[Edge]]
    new_out: dict[str, list[Edge]]
    table_of: dict[str, str]
    added_pairs: set[tuple[str, str, str]] = field(default_factory=set)


def update_projection(store: Store, old: Projection | ProjectionFile, old_canon: dict[str, str] | None,
                      changes: Changes) -> Delta | None:
    """What ``changes`` did to the projection ``old`` (the store's projection before them), recomputing
    only what the changed graphs touch; None when that cannot be trusted.

    Recomputed: the nodes of every id the changed graphs mention (before or after), their outgoing
    relationships (with single-valued winners and ``<key>Claims``, sources, origins, quotes and
    qualifiers), and the outgoing relationships of nodes that point at an id that became or stopped
    being a node, or changed table. Each is read by index (the quads of one subject, the assertions
    about one subject), never by a scan; ``old`` is asked only about those ids and the ids their
    relationships point at (a :class:`ProjectionFile` reads just those rows). Applied to ``old``
    (:func:`apply_delta`) the result equals ``project(store)`` (tests/test_incremental.py).

    None (the caller projects the whole store) when the merged ids (graphkit.xref) differ from those
    ``old`` was made with, or are unknown: an ``owl:sameAs`` decision or a person matched across
    texts renames nodes anywhere in the graph, which the changed graphs alone do not tell.
    """
    from graphkit.xref import canonical_ids

    base: _Base = _MemoryBase(old) if isinstance(old, Projection) else old
    with collector_paused():
        canon = canonical_ids(store, changes)
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
        made = Projection()
        gone = set(touched)
        view = _NodeView(made.nodes, gone, base)
        _fill_catalogue(store, reader)
        edges = _assemble(made, reader, sorted(touched), view)
        # ids that became or stopped being nodes (or moved table): who points at them is redone too
        moved = set()
        for c in touched:
            before, after = view.old(c), made.nodes.get(c)
            if (before is None) != (after is None) or (before and after and before.table != after.table):
                moved.add(c)
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
            gone |= pointing
            _fill_catalogue(store, reader)
            edges += _assemble(made, reader, sorted(pointing), view)
        redone = {c for c in touched | pointing if view.old(c) is not None or c in made.nodes}
        old_nodes = {c: n for c in sorted(redone) if (n := view.old(c)) is not None}
        old_out = {c: base.out(c) for c in sorted(old_nodes)}
        order = _edge_order()
        edges.sort(key=order)
        new_out: dict[str, list[Edge]] = {}
        table_of: dict[str, str] = {}
        for e in edges:
            new_out.setdefault(e.source, []).append(e)
            table_of[e.source] = view[e.source].table
            table_of[e.target] = view[e.target].table
    return Delta(redone, canon, old_nodes, dict(made.nodes), old_out, new_out, table_of)


def apply_delta(old: Projection, delta: Delta) -> Projection:
    """The projection ``old`` with ``delta`` applied (a new Projection; ``old`` is left as it was)."""
    with collector_paused():
        nodes = {k: n for k, n in old.nodes.items() if k not in delta.redone}
        nodes.update(delta.new_nodes)
        proj = Projection(nodes=nodes)
        order = _edge_order()
        kept = [e for e in old.edges if e.source not in delta.redone]
        fresh = sorted((e for out in delta.new_out.values() for e in out), key=order)
        declared = declared_props()
        for n in nodes.values():
            if n.table not in proj.node_props:
                proj.node_props[n.table] = declared
        _sort_and_pair_sorted(proj, list(heapq.merge(kept, fresh, key=order)))
        delta.added_pairs = {(t, a, b) for t, pairs in proj.rel_pairs.items()
                             for a, b in pairs - old.rel_pairs.get(t, set())}
    return proj


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
# STORE/projection.sqlite holds the projection entity by entity, so an ingest's refresh reads and
# writes only the rows of the entities it redoes (the whole projection in one pickle cost 13 s to
# load and 22 s to save at 1M facts, for a one-document ingest):
#   meta(key, value)          format, fingerprint (the store state it is the projection of), merged
#                             ids (pickled; NULL: unknown, no update starts from it), relationships
#   nodes(seq, id, tbl, data) one row per node, in the projection's order (seq); data: pickled
#                             (labels, props)
#   out_edges(source, data, pairs)  one row per node with outgoing relationships: pickled
#                             [(target, type, props)] in the projection's order, and their
#                             (type, from table, to table) pairs
#   node_tables(tbl, n), rel_pairs(type, a, b, n)  how many nodes each table holds and how many
#                             relationships join each pair of tables (the schema an engine needs)
# An update is one SQLite transaction (rollback journal): a reader sees the state before or after
# it, never a mix, and a writer killed half-way leaves the state before it (SQLite rolls the
# journal back). A whole projection (build) is written to a new file renamed over the old one.
# Relationships are ordered by source (SQLite compares text as UTF-8 bytes, which is Python's
# order of strings), then as :func:`_edge_order` within a source.
PROJECTION_FILE: Final = "projection.sqlite"
LEGACY_PROJECTION_FILE: Final = "projection.pickle"   # rounds one to three; removed on the next save
_DB_FORMAT: Final = "4"
_SCHEMA: Final = (
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value BLOB) WITHOUT ROWID",
    "CREATE TABLE nodes(seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, tbl TEXT NOT NULL, data BLOB NOT NULL)",
    "CREATE TABLE out_edges(source TEXT PRIMARY KEY, data BLOB NOT NULL, pairs BLOB NOT NULL) WITHOUT ROWID",
    "CREATE TABLE node_tables(tbl TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID",
    "CREATE TABLE rel_pairs(type TEXT, a TEXT, b TEXT, n INTEGER NOT NULL, PRIMARY KEY(type, a, b)) WITHOUT ROWID",
)
_BUSY_SECONDS: Final = 120.0   # a reader loading the whole projection holds it this long at most
_dumps = functools.partial(pickle.dumps, protocol=pickle.HIGHEST_PROTOCOL)


class ProjectionFileError(Exception):
    """The saved projection cannot be read (absent, damaged, another format, being recovered)."""


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


def _edge_rows(proj: Projection, counts: dict[tuple[str, str, str], int]) -> Iterator[tuple[str, bytes, bytes]]:
    """The out_edges rows of a projection; ``counts`` gets, per table pair, how many sources have
    relationships joining it (what rel_pairs holds)."""
    nodes = proj.nodes
    for source, group in itertools.groupby(proj.edges, key=lambda e: e.source):
        out = list(group)
        pairs = sorted({(e.type, nodes[e.source].table, nodes[e.target].table) for e in out})
        for p in pairs:
            counts[p] += 1
        yield source, _dumps([(e.target, e.type, e.props) for e in out]), _dumps(pairs)


def save_projection(store: Store, proj: Projection, canon: dict[str, str] | None = None) -> None:
    """Save a whole projection for the store's current fingerprint, with the merged ids it was made
    with when known (an incremental update needs them): written to a new file beside the old one,
    renamed over it when complete."""
    from graphkit.lock import pid_alive

    folder = Path(store.path)
    for left in folder.glob(".projection-*.sqlite"):   # of a writer that died (kill -9, power loss)
        pid = left.name.split("-")[1]
        if pid.isdigit() and int(pid) != os.getpid() and not pid_alive(int(pid)):
            left.unlink(missing_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".projection-{os.getpid()}-", suffix=".sqlite", dir=str(folder))
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode=OFF")   # a new file: nobody reads it before the rename
            conn.execute("PRAGMA synchronous=OFF")
            with collector_paused():
                conn.execute("BEGIN")
                for stmt in _SCHEMA:
                    conn.execute(stmt)
                conn.executemany("INSERT INTO nodes(id, tbl, data) VALUES (?, ?, ?)",
                                 ((n.id, n.table, _dumps((n.labels, n.props))) for n in proj.nodes.values()))
                pairs: dict[tuple[str, str, str], int] = defaultdict(int)
                conn.executemany("INSERT INTO out_edges VALUES (?, ?, ?)", _edge_rows(proj, pairs))
                tables: dict[str, int] = defaultdict(int)
                for n in proj.nodes.values():
                    tables[n.table] += 1
                conn.executemany("INSERT INTO node_tables VALUES (?, ?)", sorted(tables.items()))
                conn.executemany("INSERT INTO rel_pairs VALUES (?, ?, ?, ?)",
                                 sorted((*k, n) for k, n in pairs.items()))
                _put_meta(conn, store.fingerprint, canon, len(proj.edges))
                conn.execute("COMMIT")
        finally:
            conn.close()
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, projection_path(folder))
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, (sqlite3.Error, OSError)):
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise StoreError(f"cannot save the property graph in {folder}: {reason}") from None
        raise
    (folder / LEGACY_PROJECTION_FILE).unlink(missing_ok=True)


def _put_meta(conn: sqlite3.Connection, fingerprint: str, canon: dict[str, str] | None, edges: int) -> None:
    conn.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                     [("format", _DB_FORMAT), ("fingerprint", fingerprint),
                      ("canon", None if canon is None else _dumps(canon)), ("edges", edges)])


class ProjectionFile:
    """The saved projection of a store, read (and updated) row by row. Open it with
    :meth:`open`; ``with`` closes it."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("format") != _DB_FORMAT or not isinstance(meta.get("fingerprint"), str):
            raise ProjectionFileError("not a saved projection of this format")
        self.fingerprint: str = meta["fingerprint"]
        raw = meta.get("canon")
        canon = pickle.loads(raw) if isinstance(raw, bytes) else None
        self.canon: dict[str, str] | None = canon if isinstance(canon, dict) else None
        self.edge_count = int(meta.get("edges") or 0)

    @classmethod
    def open(cls, store_path: Path, *, write: bool = False) -> ProjectionFile:
        """The saved projection of the store at ``store_path``; ProjectionFileError when there is none
        or it cannot be read. Readers open it read-only; a file a killed writer left with a hot
        journal is rolled back (by a connection allowed to write) rather than read half-written."""
        path = projection_path(store_path)
        if not path.is_file():
            raise ProjectionFileError("no saved projection")
        uri = path.resolve().as_uri()
        modes = ["rw"] if write else ["ro", "ro", "ro", "rw"]  # a hot journal: wait, then recover it
        last: Exception | None = None
        for attempt, mode in enumerate(modes):
            conn: sqlite3.Connection | None = None
            try:
                conn = sqlite3.connect(f"{uri}?mode={mode}", uri=True, timeout=_BUSY_SECONDS,
                                       isolation_level=None, check_same_thread=False)
                conn.execute("BEGIN")   # one read transaction: one state from start to end
                return cls(conn)
            except (sqlite3.Error, pickle.UnpicklingError, ValueError, TypeError, EOFError,
                    ProjectionFileError) as exc:
                if conn is not None:
                    conn.close()
                last = exc
                if attempt + 1 < len(modes):
                    time.sleep(0.05 * (attempt + 1))
        raise ProjectionFileError(str(last))

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> ProjectionFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- what an update asks (graphkit.project._Base)
    def node(self, nid: str) -> Node | None:
        row = self.conn.execute("SELECT tbl, data FROM nodes WHERE id = ?", (nid,)).fetchone()
        if row is None:
            return None
        labels, props = pickle.loads(row[1])
        return Node(nid, labels, row[0], props)

    def out(self, nid: str) -> list[Edge]:
        row = self.conn.execute("SELECT data FROM out_edges WHERE source = ?", (nid,)).fetchone()
        return [] if row is None else [Edge(nid, t, typ, props) for t, typ, props in pickle.loads(row[0])]

    def node_count(self) -> int:
        return int(self.conn.execute("SELECT coalesce(sum(n), 0) FROM node_tables").fetchone()[0])

    def projection(self) -> Projection:
        """The whole projection."""
        with collector_paused():
            proj = Projection()
            loads = pickle.loads
            nodes = proj.nodes
            for nid, tbl, data in self.conn.execute("SELECT id, tbl, data FROM nodes ORDER BY seq"):
                labels, props = loads(data)
                nodes[nid] = Node(nid, labels, tbl, props)
            edges = proj.edges
            for source, data in self.conn.execute("SELECT source, data FROM out_edges ORDER BY source"):
                edges.extend(Edge(source, t, typ, props) for t, typ, props in loads(data))
            declared = declared_props()
            proj.node_props = {tbl: declared for (tbl,) in self.conn.execute(
                "SELECT tbl FROM node_tables WHERE n > 0 ORDER BY tbl")}
            for typ, a, b in self.conn.execute("SELECT type, a, b FROM rel_pairs WHERE n > 0"):
                proj.rel_pairs.setdefault(typ, set()).add((a, b))
        return proj

    def apply(self, delta: Delta, before: str, after: str) -> None:
        """Write what ``delta`` changed, in one transaction, if the file still holds the projection
        of ``before`` (ProjectionFileError otherwise); it then holds that of ``after``. Sets
        ``delta.added_pairs``."""
        conn = self.conn
        conn.execute("COMMIT")   # the read transaction this file was opened with
        conn.execute("BEGIN IMMEDIATE")
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
            if row is None or row[0] != before:
                raise ProjectionFileError("the saved projection changed since it was read")
            tables: dict[str, int] = defaultdict(int)
            pairs: dict[tuple[str, str, str], int] = defaultdict(int)
            edges = self.edge_count
            for n in delta.old_nodes.values():
                tables[n.table] -= 1
            conn.executemany("DELETE FROM nodes WHERE id = ?", [(c,) for c in sorted(delta.redone)])
            conn.executemany("INSERT INTO nodes(id, tbl, data) VALUES (?, ?, ?)",
                             [(n.id, n.table, _dumps((n.labels, n.props))) for n in delta.new_nodes.values()])
            for n in delta.new_nodes.values():
                tables[n.table] += 1
            for c in sorted(delta.redone):
                old = conn.execute("SELECT data, pairs FROM out_edges WHERE source = ?", (c,)).fetchone()
                if old is not None:
                    edges -= len(pickle.loads(old[0]))
                    for typ, a, b in pickle.loads(old[1]):
                        pairs[(typ, a, b)] -= 1
            # rel_pairs counts, per table pair, the sources whose relationships join it
            conn.execute("DELETE FROM out_edges WHERE source IN (SELECT value FROM json_each(?))",
                         (json.dumps(sorted(delta.redone)),))
            rows = []
            for c, out in sorted(delta.new_out.items()):
                own = sorted({(e.type, delta.table_of[e.source], delta.table_of[e.target]) for e in out})
                rows.append((c, _dumps([(e.target, e.type, e.props) for e in out]), _dumps(own)))
                for p in own:
                    pairs[p] += 1
                edges += len(out)
            conn.executemany("INSERT INTO out_edges VALUES (?, ?, ?)", rows)
            for tbl, d in sorted(tables.items()):
                if d:
                    conn.execute("INSERT INTO node_tables VALUES (?, ?) ON CONFLICT(tbl) DO UPDATE SET n = n + ?",
                                 (tbl, d, d))
            added = set()
            for key, d in sorted(pairs.items()):
                if not d:
                    continue
                had = conn.execute("SELECT n FROM rel_pairs WHERE type = ? AND a = ? AND b = ?", key).fetchone()
                if (had[0] if had else 0) <= 0 < (had[0] if had else 0) + d:
                    added.add(key)
                conn.execute("INSERT INTO rel_pairs VALUES (?, ?, ?, ?) ON CONFLICT(type, a, b) "
                             "DO UPDATE SET n = n + ?", (*key, d, d))
            conn.execute("DELETE FROM node_tables WHERE n <= 0")
            conn.execute("DELETE FROM rel_pairs WHERE n <= 0")
            _put_meta(conn, after, delta.canon, edges)
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):   # a full disk, say: nothing written, the caller saves whole
                raise ProjectionFileError(str(exc)) from None
            raise
        delta.added_pairs = added
        self.fingerprint, self.canon, self.edge_count = after, delta.canon, edges
        conn.execute("BEGIN")


def last_saved_projection(store: Store, fingerprint: str | None = None) -> SavedProjection | None:
    """The projection saved last (None: absent or unreadable), or only if it was saved for
    ``fingerprint`` (nothing else is read otherwise)."""
    try:
        with ProjectionFile.open(store.path) as pf:
            if fingerprint is not None and pf.fingerprint != fingerprint:
                return None
            return SavedProjection(pf.fingerprint, pf.projection(), pf.canon)
    except (ProjectionFileError, sqlite3.Error, pickle.UnpicklingError, ValueError, TypeError, EOFError,
            AttributeError, ImportError, KeyError):
        return None


def saved_fingerprint(store: Store) -> str | None:
    """The fingerprint the saved projection was made for (reads one row)."""
    try:
        with ProjectionFile.open(store.path) as pf:
            return pf.fingerprint
    except (ProjectionFileError, sqlite3.Error):
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


__all__ = ["BASE_NODE_PROPS", "CLAIMS_SUFFIX", "EDGE_PROPS", "PROVENANCE_CLASSES", "Changes", "Delta", "Edge", "Node",
           "Projection", "ProjectionFile", "ProjectionFileError", "SavedProjection", "apply_delta", "claims_of",
           "declared_props", "full_projection", "last_saved_projection", "literal_value", "load_projection",
           "project", "projection_path", "save_projection", "saved_fingerprint", "saved_projection", "snapshot",
           "update_projection"]
