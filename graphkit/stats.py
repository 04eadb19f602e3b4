"""Counts per label and per relationship type, as the property-graph projection sees them."""

from __future__ import annotations

from collections import Counter
from typing import Any

from graphkit.store import Store
from graphkit.vocab import vocabulary

# Nodes of these classes are not projected: they turn into properties of what they describe.
PROVENANCE_CLASSES = ("Assertion", "SourceGraph")


def entity_types(store: Store) -> dict[str, set[str]]:
    """Every projected entity's IRI -> its declared class IRIs (provenance nodes left out)."""
    v = vocabulary()
    skip = {v.cls(k).iri for k in PROVENANCE_CLASSES}
    types: dict[str, set[str]] = {}
    for sol in store.terms("SELECT DISTINCT ?s ?t WHERE { ?s a ?t FILTER(isIRI(?s)) }"):
        t = sol["t"].value
        if t in v.class_by_iri:
            types.setdefault(sol["s"].value, set()).add(t)
    return {s: ts for s, ts in types.items() if not ts & skip}


def stats(store: Store) -> list[dict[str, Any]]:
    """Rows of (kind, name, count): nodes per label (with superclass labels) and relationships per type."""
    v = vocabulary()
    types = entity_types(store)
    labels: Counter[str] = Counter()
    for ts in types.values():
        for label in v.labels(ts):
            labels[label] += 1
    rels: Counter[str] = Counter()
    rel_iris = {p.iri: p for p in v.properties.values() if p.is_object}
    for sol in store.terms("SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o FILTER(isIRI(?o)) }"):
        p = rel_iris.get(sol["p"].value)
        if p and sol["s"].value in types and sol["o"].value in types:
            rels[p.rel_type] += 1
    rows = [{"kind": "label", "name": k, "count": n} for k, n in sorted(labels.items())]
    rows += [{"kind": "relationship", "name": k, "count": n} for k, n in sorted(rels.items())]
    rows.append({"kind": "total", "name": "nodes", "count": len(types)})
    rows.append({"kind": "total", "name": "relationships", "count": sum(rels.values())})
    rows.append({"kind": "total", "name": "quads", "count": len(store)})
    rows.append({"kind": "total", "name": "source graphs", "count": len(store.named_graphs())})
    return rows


