"""The one identity model for graphkit's data in Neo4j: push, the Cypher script and the
neo4j-admin CSV all write nodes and relationships through these functions.

- Every node graphkit writes carries the marker label :data:`MARKER_LABEL` besides its ontology
  labels, and is identified by ``id`` (its IRI) among those nodes: one uniqueness constraint
  (:data:`ID_CONSTRAINT`) and one name index, nothing per ontology label.
- Every node and relationship carries :data:`MARKER_PROP`, a fingerprint of what graphkit wrote
  there (labels and properties), so a later push tells changed from unchanged without reading
  values back, and ``--replace`` touches only graphkit's data.
- A property without a value is left out: ``None`` and empty lists alike (Neo4j has no null
  properties, and neo4j-admin reads an empty array cell as no property). So the three routes
  store the same properties, and their fingerprints agree: loading the script (or the CSV),
  then pushing, finds everything unchanged.

No driver here: the exporters use this module without a server.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from graphkit.errors import OntologyError
from graphkit.project import Edge, Node

MARKER_LABEL = "GraphkitNode"
"""Label on every node graphkit wrote (unique on ``id``)."""
MARKER_PROP = "graphkit"
"""Property on every node and relationship graphkit wrote: the fingerprint of what it wrote."""
ID_CONSTRAINT = "graphkit_node_id"
NAME_INDEX = "graphkit_node_name"

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def checked_name(name: str) -> str:
    """A label, type or property name, checked to be a plain identifier, in backticks."""
    if not _NAME.match(name):
        raise OntologyError(f"not a valid Neo4j name: {name!r}")
    return f"`{name}`"


def schema_statements() -> list[str]:
    """The constraint and index every route creates (Neo4j 5 syntax, idempotent).

    One unique index serves every lookup by id (push, the script's MERGE, ``neighbours``); a
    constraint per ontology label would add index entries to every node for nothing graphkit
    reads (measured 10-20% slower writes).
    """
    return [f"CREATE CONSTRAINT {ID_CONSTRAINT} IF NOT EXISTS FOR (n:{MARKER_LABEL}) REQUIRE n.id IS UNIQUE",
            f"CREATE INDEX {NAME_INDEX} IF NOT EXISTS FOR (n:{MARKER_LABEL}) ON (n.name)"]


def has_value(value: Any) -> bool:
    """True for a value Neo4j stores: not None and not an empty list."""
    return value is not None and not (isinstance(value, list | tuple) and len(value) == 0)


def stored(props: dict[str, Any]) -> dict[str, Any]:
    """The properties that are stored (see :func:`has_value`), lists as lists."""
    out = {}
    for k, v in props.items():   # has_value inlined: this runs for every node and relationship
        if v is None:
            continue
        if isinstance(v, list | tuple):
            if not v:
                continue
            if isinstance(v, tuple):
                v = list(v)
        out[k] = v
    return out


def fingerprint(labels: list[str] | None, props: dict[str, Any]) -> str:
    """A short, stable digest of what graphkit writes on a node (labels, properties) or a
    relationship (properties; ``labels`` None). Values without a stored form are ignored."""
    return _digest(labels, stored(props))


def _digest(labels: list[str] | None, props: dict[str, Any]) -> str:
    """:func:`fingerprint` of properties already :func:`stored` (no second pass over them)."""
    text = repr((labels, sorted(item for item in props.items() if item[0] != MARKER_PROP)))
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def node_labels(node: Node) -> list[str]:
    """Every label graphkit writes on a node: the marker, then its ontology labels."""
    return [MARKER_LABEL, *node.labels]


def node_props(node: Node) -> dict[str, Any]:
    """The properties graphkit writes on a node, its fingerprint included."""
    props = stored(node.props)
    props[MARKER_PROP] = _digest(node.labels, props)
    return props


def edge_props(edge: Edge) -> dict[str, Any]:
    """The properties graphkit writes on a relationship, its fingerprint included."""
    props = stored(edge.props)
    props[MARKER_PROP] = _digest(None, props)
    return props
