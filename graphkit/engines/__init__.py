"""Cypher backends behind one contract: ``run(query, params) -> (columns, rows)``.

``embedded`` (LadybugDB, the default: nothing to install but pip) and ``neo4j`` (a real server
through the official driver). Both read the same projection (graphkit.project), so a saved query
gives the same rows on either. Values reach an engine only as parameters.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Protocol

from graphkit.errors import QueryError

WRITE_CLAUSES = ("CREATE", "MERGE", "DELETE", "DETACH", "SET", "REMOVE", "DROP", "LOAD", "COPY",
                 "FOREACH", "ALTER", "INSTALL", "IMPORT", "EXPORT", "ATTACH")
_STRIP = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.S)


def write_clauses(query: str) -> list[str]:
    """The write clauses a Cypher text contains (strings, names in backticks and comments ignored)."""
    code = _STRIP.sub(" ", query)
    words = set(re.findall(r"[A-Za-z_]+", code.upper()))
    found = [w for w in WRITE_CLAUSES if w in words]
    if re.search(r"\bCALL\s+(?!\{)", code, re.I) and not re.search(r"\bCALL\s+(db\.labels|db\.relationshipTypes)", code, re.I):
        found.append("CALL")
    return found


def check_read_only(query: str, allow_write: bool) -> None:
    """Refuse a query with write clauses unless the user asked for writes explicitly."""
    found = write_clauses(query)
    if found and not allow_write:
        raise QueryError(f"refused: the query writes ({', '.join(found)}); queries are read-only "
                         "unless you pass --allow-write")


class Engine(Protocol):
    """What every Cypher backend offers."""

    name: str

    def run(self, query: str, params: dict[str, Any] | None = None, *,
            allow_write: bool = False) -> tuple[list[str], list[dict[str, Any]]]:
        """Run one read-only query (unless allow_write); rows as dicts of plain values."""
        ...

    def names(self) -> list[dict[str, Any]]:
        """Every node's id, key, name, kind, altNames, acronym and misspellings (for lookups)."""
        ...

    def neighbours(self, node_id: str) -> list[dict[str, Any]]:
        """One hop from a node (by IRI), both directions. Rows: direction ("out"/"in"),
        type, other (the neighbour's property dict), props (the relationship's property dict)."""
        ...

    def close(self) -> None: ...


NAMES_QUERY = ("MATCH (n) RETURN n.id AS id, n.key AS key, n.name AS name, n.kind AS kind, "
               "n.altNames AS altNames, n.acronym AS acronym, n.misspellings AS misspellings")


def plain(value: Any) -> Any:
    """Engine values as plain Python: nodes as their property dicts, dates as ISO strings."""
    if isinstance(value, dict):
        if any(k.upper() in ("_LABEL", "_ID") for k in value):  # a LadybugDB node or relationship
            return {k: plain(v) for k, v in value.items() if not k.startswith("_") and v is not None}
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if hasattr(value, "iso_format"):  # neo4j.time types
        return value.iso_format()
    if hasattr(value, "items") and hasattr(value, "element_id"):  # neo4j Node / Relationship
        return {k: plain(v) for k, v in dict(value.items()).items()}
    return value


def open_engine(name: str, store_path: Any, **neo4j: Any) -> Engine:
    """An engine by name: "embedded" (on the store at store_path) or "neo4j" (settings from
    the keyword arguments, else NEO4J_* environment variables)."""
    if name == "neo4j":
        from graphkit.engines.neo4j import Neo4jEngine

        return Neo4jEngine.from_settings(**neo4j)
    from pathlib import Path

    from graphkit.engines.embedded import EmbeddedEngine
    from graphkit.store import open_store

    store = open_store(Path(store_path), read_only=True)
    try:
        return EmbeddedEngine(store)
    finally:
        store.close()
