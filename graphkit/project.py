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
  Assertion) become relationship properties.
- Provenance nodes (Assertion, SourceGraph) are not nodes: they are the properties above.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from graphkit.provenance import GraphCatalogue
from graphkit.store import Store
from graphkit.vocab import RDF, RDF_TYPE, XSD, entity_id, vocabulary

PROVENANCE_CLASSES = ("Assertion", "SourceGraph")
# Datatype properties that describe provenance nodes, not entities.
PROVENANCE_KEYS = {"origin", "recordFile", "quote", "charStart", "charEnd", "quoteHash"}
EDGE_QUALIFIERS = ("startDate", "endDate")

# property types, as the engines' schemas need them
STRING, STRING_LIST, INT, BOOL, DATE = "STRING", "STRING[]", "INT64", "BOOL", "DATE"
BASE_NODE_PROPS = {"id": STRING, "key": STRING, "name": STRING, "kind": STRING, "labels": STRING_LIST,
                   "sources": STRING_LIST, "origins": STRING_LIST,
                   # every node has its names, so lookups can ask every node the same way
                   "altNames": STRING_LIST, "acronym": STRING_LIST, "misspellings": STRING_LIST}
EDGE_PROPS = {"sources": STRING_LIST, "origins": STRING_LIST, "quotes": STRING_LIST,
              "startDate": DATE, "endDate": DATE}


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
        for n in self.nodes.values():
            if table is None or n.table == table:
                yield n

    def label_counts(self) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for n in self.nodes.values():
            for label in n.labels:
                counts[label] += 1
        return dict(sorted(counts.items()))

    def type_counts(self) -> dict[str, int]:
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
    companion of each date), so every node table can hold every property."""
    v = vocabulary()
    out: dict[str, str] = dict(BASE_NODE_PROPS)
    for p in v.properties.values():
        if p.is_object or p.key in PROVENANCE_KEYS or p.key in out:
            continue
        out[p.key] = STRING_LIST if p.multi else _RANGE_TYPES.get(p.datatype or "", STRING)
        if out[p.key] == DATE:
            out[p.key + "Precision"] = STRING
    return out


def _fits(value: Any, kind: str) -> bool:
    if kind == DATE:
        return isinstance(value, dt.date)
    if kind == INT:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == BOOL:
        return isinstance(value, bool)
    return True


def project(store: Store) -> Projection:
    """Read the whole store once and build the property graph."""
    import pyoxigraph as ox

    v = vocabulary()
    skip_classes = {v.cls(k).iri for k in PROVENANCE_CLASSES}
    quote_p = v.iri("quote")
    catalogue = GraphCatalogue()

    types: dict[str, set[str]] = defaultdict(set)
    subject_graphs: dict[str, set[str]] = defaultdict(set)
    literals: dict[str, dict[str, list[tuple[str, str]]]] = defaultdict(lambda: defaultdict(list))
    links: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    assertions: dict[str, dict[str, Any]] = defaultdict(dict)
    assertion_nodes: set[str] = set()

    for q in store.quads():
        s, p, o, g = q.subject, q.predicate.value, q.object, q.graph_name
        if not isinstance(s, ox.NamedNode) or not isinstance(g, ox.NamedNode) or isinstance(o, ox.Triple):
            continue
        sv, gv = s.value, g.value
        if catalogue.take(sv, p, o.value, gv):  # a source graph describing itself
            continue
        if p == RDF_TYPE:
            if o.value in skip_classes:
                assertion_nodes.add(sv)
            elif o.value in v.class_by_iri:
                types[sv].add(o.value)
                subject_graphs[sv].add(gv)
            continue
        if p.startswith(RDF) and p in (RDF + "subject", RDF + "predicate", RDF + "object"):
            assertions[sv][p[len(RDF):]] = o.value
            continue
        if isinstance(o, ox.Literal):
            if p == quote_p or p in (v.iri(k) for k in EDGE_QUALIFIERS):
                assertions[sv].setdefault("_literals", []).append((p, o.value, o.datatype.value))
            literals[sv][p].append((o.value, o.datatype.value))
            subject_graphs[sv].add(gv)
        elif isinstance(o, ox.NamedNode):
            if p == v.iri("statedIn"):
                assertions[sv]["statedIn"] = o.value
                continue
            links[(sv, p, o.value)].add(gv)

    proj = Projection()
    declared = declared_props()

    def sources_of(graphs: set[str]) -> tuple[list[str], list[str]]:
        infos = [catalogue.get(g) for g in graphs]
        return sorted({i.source for i in infos}), sorted({i.origin for i in infos})

    for sv, ts in types.items():
        if sv in assertion_nodes:
            continue
        labels = v.labels(ts)
        table = v.table(labels[0])
        srcs, origins = sources_of(subject_graphs[sv])
        props: dict[str, Any] = {"id": sv, "key": entity_id(sv), "name": None, "kind": labels[0],
                                 "labels": labels, "sources": srcs, "origins": origins}
        proj.node_props.setdefault(table, declared)
        for p_iri, values in literals.get(sv, {}).items():
            prop = v.property_by_iri.get(p_iri)
            if prop is None or prop.is_object or prop.key in PROVENANCE_KEYS:
                continue
            converted = sorted((literal_value(val, dtype, prop.datatype) for val, dtype in values), key=repr)
            if prop.multi:
                props[prop.key] = sorted({str(c[0]) for c in converted})
                continue
            fitting = [c for c in converted if _fits(c[0], declared[prop.key])]
            if not fitting:
                continue  # an ill-typed literal: `graphkit validate` reports it
            value, precision = fitting[0]
            props[prop.key] = value
            if precision:
                props[prop.key + "Precision"] = precision
        if props["name"] is None:
            props["name"] = entity_id(sv).rsplit("/", 1)[-1]
        proj.nodes[sv] = Node(sv, labels, table, props)

    qualifiers: dict[tuple[str, str, str], dict[str, Any]] = defaultdict(dict)
    quotes: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for a in assertions.values():
        if not {"subject", "predicate", "object"} <= a.keys():
            continue
        k = (a["subject"], a["predicate"], a["object"])
        for p_iri, value, dtype in a.get("_literals", []):
            if p_iri == quote_p:
                quotes[k].add(value)
            else:
                key = v.property_by_iri[p_iri].key
                qualifiers[k][key] = literal_value(value, dtype, XSD + "date")[0]

    for (sv, p_iri, ov), graphs in sorted(links.items()):
        prop = v.property_by_iri.get(p_iri)
        if prop is None or not prop.is_object or sv not in proj.nodes or ov not in proj.nodes:
            continue
        srcs, origins = sources_of(graphs)
        props = {"sources": srcs, "origins": origins, "quotes": sorted(quotes.get((sv, p_iri, ov), ()))}
        props.update(qualifiers.get((sv, p_iri, ov), {}))
        edge = Edge(sv, ov, prop.rel_type, props)
        proj.edges.append(edge)
        proj.rel_pairs.setdefault(edge.type, set()).add((proj.nodes[sv].table, proj.nodes[ov].table))
    return proj
