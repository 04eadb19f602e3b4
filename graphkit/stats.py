"""Counts per label and per relationship type, as the property-graph projection sees them.

The same numbers a Cypher count per label gives on Neo4j after `graphkit push`.
"""

from __future__ import annotations

from typing import Any

from graphkit.project import project
from graphkit.store import Store


def stats(store: Store) -> list[dict[str, Any]]:
    """Rows of (kind, name, count): nodes per label (superclass labels included), relationships
    per type, and totals."""
    proj = project(store)
    rows = [{"kind": "label", "name": k, "count": n} for k, n in proj.label_counts().items()]
    rows += [{"kind": "relationship", "name": k, "count": n} for k, n in proj.type_counts().items()]
    rows.append({"kind": "total", "name": "nodes", "count": len(proj.nodes)})
    rows.append({"kind": "total", "name": "relationships", "count": len(proj.edges)})
    rows.append({"kind": "total", "name": "quads", "count": len(store)})
    rows.append({"kind": "total", "name": "source graphs", "count": len(store.named_graphs())})
    return rows
