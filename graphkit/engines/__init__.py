"""Cypher backends behind one contract: ``run(query, params) -> (columns, rows)``.

``embedded`` (LadybugDB, the default: nothing to install but pip) and ``neo4j`` (a real server
through the official driver). Both read the same projection (graphkit.project), so a saved query
gives the same rows on either. Values reach an engine only as parameters.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from typing import Any, Protocol, TypeVar

from graphkit.errors import QueryError

T = TypeVar("T")

# The statement kinds a read-only query may be made of; anything else is refused (a whitelist: a
# keyword nobody listed, such as CHECKPOINT or a new admin command, is refused too).
READ_CLAUSES = frozenset({"MATCH", "OPTIONAL", "WHERE", "WITH", "RETURN", "UNWIND", "ORDER", "BY", "SKIP",
                          "LIMIT", "UNION", "ALL", "CALL", "YIELD", "DISTINCT", "AS", "ASC", "DESC", "ASCENDING",
                          "DESCENDING"})
# Words that begin a statement or clause in Neo4j's or LadybugDB's Cypher. In clause position (not a
# property, label, alias or map key) only READ_CLAUSES may appear.
CLAUSE_WORDS = READ_CLAUSES | frozenset({
    "CREATE", "MERGE", "DELETE", "DETACH", "SET", "REMOVE", "DROP", "LOAD", "COPY", "FOREACH", "ALTER",
    "INSTALL", "IMPORT", "EXPORT", "ATTACH", "CHECKPOINT", "BEGIN", "COMMIT", "ROLLBACK", "USE",
    "GRANT", "REVOKE", "DENY", "START", "STOP", "TERMINATE", "SHOW", "ENABLE", "DISABLE", "RENAME", "FINISH",
    "INSERT", "UPDATE", "UPSERT", "PROFILE", "EXPLAIN", "FROM", "TRUNCATE", "VACUUM", "UNINSTALL",
    "DETACHED", "CONSTRAINT", "INDEX", "DATABASE", "TRANSACTIONS", "PERIODIC"})
STATEMENT_STARTS = frozenset({"MATCH", "OPTIONAL", "WITH", "RETURN", "UNWIND", "CALL"})
# Procedures a read-only query may CALL (Neo4j's and LadybugDB's catalogue readers).
READ_PROCEDURES = frozenset({"db.labels", "db.relationshiptypes", "db.propertykeys", "db.schema.visualization",
                             "db.schema.nodetypeproperties", "db.schema.reltypeproperties", "show_tables",
                             "table_info", "show_connection", "db_version", "show_functions"})
_STRIP = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`(?:[^`]|``)*`|//[^\n]*|/\*.*?\*/|\$\w+", re.S)
_TOKEN = re.compile(r"[A-Za-z_][A-Za-z_0-9]*(?:\.[A-Za-z_][A-Za-z_0-9]*)*|\S")
MAX_QUERY_CHARS = 200_000


def write_clauses(query: str) -> list[str]:
    """The statement kinds of a Cypher text that are not on the read-only list, in order of first use.

    Strings, names in backticks, comments and parameters are ignored; a word used as a property
    (``n.set``), label or type (``:Set``), alias (``AS set``) or map key (``{set: 1}``) is a name,
    not a clause. ``CALL`` is allowed for a subquery (``CALL { ... }``, checked like the rest) and
    for the procedures in READ_PROCEDURES only.
    """
    tokens = _TOKEN.findall(_STRIP.sub(" ", query))
    found: list[str] = []
    # Each statement (split at ";") must begin with a reading clause, whatever follows.
    starts = [0] + [i + 1 for i, tok in enumerate(tokens) if tok == ";"]
    for i in starts:
        if i < len(tokens) and tokens[i].upper().split(".")[0] not in STATEMENT_STARTS:
            found.append(tokens[i].upper())
    for i, tok in enumerate(tokens):
        prev = tokens[i - 1] if i else ""
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        word = tok.upper()
        if not (tok[0].isalpha() or tok[0] == "_"):
            continue
        if prev in (".", ":") or prev.upper() == "AS" or nxt == ":" and prev in ("{", ","):
            continue  # a property, label, alias or map key
        head = word.split(".")[0]
        if word == "CALL" or head == "CALL":
            if nxt == "{" or nxt == "(":  # a subquery (its clauses are checked like any others)
                continue
            if nxt.lower() not in READ_PROCEDURES:
                found.append(f"CALL {nxt}" if nxt else "CALL")
            continue
        if prev.upper() == "CALL":
            continue
        if head in CLAUSE_WORDS and head not in READ_CLAUSES and "." not in tok:
            if nxt == "(" and head not in ("CREATE", "MERGE", "FOREACH", "COPY", "LOAD"):
                continue  # a function call, e.g. a user's function named like a keyword
            if head not in found:
                found.append(head)
    return list(dict.fromkeys(found))


def check_read_only(query: str, allow_write: bool) -> None:
    """Refuse a query that is not made only of read clauses, unless the user asked for writes."""
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(f"query text is too long ({len(query):,} characters; the limit is {MAX_QUERY_CHARS:,})")
    found = write_clauses(query)
    if found and not allow_write:
        raise QueryError(f"refused: queries are read-only and this one uses {', '.join(found)} (allowed: "
                         "MATCH, OPTIONAL MATCH, WHERE, WITH, RETURN, UNWIND, ORDER BY, SKIP, LIMIT, UNION, "
                         "CALL { subquery } and catalogue procedures; put a name that looks like a keyword "
                         "in `backticks`)")


def row_cap(rows: Iterable[T], max_rows: int | None) -> Iterator[T]:
    """Yield rows, raising QueryError once there are more than ``max_rows`` (None: no cap)."""
    for n, row in enumerate(rows, 1):
        if max_rows is not None and n > max_rows:
            raise QueryError(f"the query returns more than {max_rows:,} rows (the row limit; narrow it with "
                             "LIMIT, or raise --max-rows or GRAPHKIT_QUERY_MAX_ROWS)")
        yield row


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


def open_engine(name: str, store_path: Any, *, as_of: Any = None, **neo4j: Any) -> Engine:
    """An engine by name: "embedded" (on the store at store_path) or "neo4j" (settings from
    the keyword arguments, else NEO4J_* environment variables). ``as_of`` (a date): the graph as
    it stood that day (embedded only: Neo4j holds the graph as pushed)."""
    if name == "neo4j":
        from graphkit.engines.neo4j import Neo4jEngine

        if as_of is not None:
            raise QueryError("--as-of needs the embedded engine: Neo4j holds the whole graph as pushed "
                             "(saved queries with a date parameter take it there with --param)")
        return Neo4jEngine.from_settings(**neo4j)
    from pathlib import Path

    from graphkit.engines.embedded import EmbeddedEngine
    from graphkit.store import open_store

    store = open_store(Path(store_path), read_only=True)
    try:
        return EmbeddedEngine(store, as_of=as_of)
    finally:
        store.close()
