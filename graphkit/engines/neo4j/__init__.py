"""Neo4j: the engine (queries on a server), the loader (``push``), the identity model every
route shares (push, the Cypher script, the neo4j-admin CSV) and the neo4j-admin import command.

- :mod:`.identity`: marker label, id constraint, fingerprint, which properties are stored (no driver);
- :mod:`.engine`: :class:`Neo4jEngine`, ``connect`` (the driver);
- :mod:`.load`: ``push`` and its query builders;
- :mod:`.admin`: the ``neo4j-admin database import full`` command line, and running it.

Names are imported from here lazily, so the exporters can use the identity model without
loading the driver.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from graphkit.engines.neo4j.engine import Neo4jEngine, connect
    from graphkit.engines.neo4j.identity import MARKER_LABEL, MARKER_PROP, fingerprint, schema_statements
    from graphkit.engines.neo4j.load import PushSummary, create_nodes_query, encode_rows, push, update_nodes_query

_WHERE = {
    "MARKER_LABEL": "identity", "MARKER_PROP": "identity", "fingerprint": "identity",
    "schema_statements": "identity",
    "Neo4jEngine": "engine", "connect": "engine",
    "push": "load", "PushSummary": "load", "encode_rows": "load", "create_nodes_query": "load",
    "update_nodes_query": "load",
}
__all__ = ["MARKER_LABEL", "MARKER_PROP", "Neo4jEngine", "PushSummary", "connect", "create_nodes_query",
           "encode_rows", "fingerprint", "push", "schema_statements", "update_nodes_query"]


def __getattr__(name: str) -> Any:
    """The public names of the submodules, imported on first use."""
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'graphkit.engines.neo4j' has no attribute {name!r}")
    return getattr(import_module(f"graphkit.engines.neo4j.{module}"), name)
