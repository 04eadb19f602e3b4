"""The Neo4j engine: saved and ad-hoc Cypher on a real server through the official driver.

One driver per engine, created once; queries run in managed read transactions (the server
refuses writes in them), or write transactions when the caller allowed writes. Rows come back as
plain values, like the embedded engine's: nodes and relationships as property dicts, dates as ISO
strings. Loading the graph is :mod:`graphkit.engines.neo4j.load`; what identifies graphkit's data
is :mod:`graphkit.engines.neo4j.identity`.
"""

from __future__ import annotations

import logging
import re
from typing import Any
from urllib.parse import unquote

import neo4j
from neo4j import exceptions as nx

from graphkit.engines import check_read_only, plain
from graphkit.engines.neo4j.identity import MARKER_LABEL, MARKER_PROP
from graphkit.errors import QueryError, StoreError
from graphkit.settings import DEFAULT_NEO4J_USER, neo4j_settings

SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")

# The driver logs connection failures as warnings; without a handler Python prints them on stderr
# beside graphkit's own one-line message. An application can still attach its own handler.
logging.getLogger("neo4j").addHandler(logging.NullHandler())


# ---------------------------------------------------------------------------- connection
def _redact(uri: str) -> str:
    """The URI without any user:password@ part."""
    return re.sub(r"//[^/@]*@", "//", uri)


def _scrub(message: str, password: str | None) -> str:
    """One line of a driver message, never containing the password (nor a URI's user:password@)."""
    line = _redact(" ".join(str(message).split()))
    if password:
        line = line.replace(password, "***")
    return line[:300]


def split_credentials(uri: str) -> tuple[str, str | None, str | None]:
    """``bolt://user:secret@host:7687`` -> (``bolt://host:7687``, ``user``, ``secret``).

    The driver takes credentials apart from the URI; one written into the URI is taken from it
    here, so it is used, and never shown: every message names the URI without it."""
    m = re.match(r"^([A-Za-z0-9+.-]+://)([^/@]*)@(.*)$", uri)
    if m is None:
        return uri, None, None
    user, sep, password = m.group(2).partition(":")
    return m.group(1) + m.group(3), (unquote(user) or None), (unquote(password) if sep else None)


def _fail(exc: Exception, uri: str, user: str | None, database: str | None, password: str | None) -> StoreError:
    """A one-line StoreError for a driver error met while connecting."""
    where = _redact(uri)
    code = getattr(exc, "code", None) or ""
    if isinstance(exc, nx.AuthError) or "Security.Unauthorized" in code:
        return StoreError(f"Neo4j at {where} refused the credentials of user {user!r} "
                          "(check NEO4J_USERNAME and NEO4J_PASSWORD)")
    if code.endswith(".Database.DatabaseNotFound"):
        return StoreError(f"Neo4j at {where} has no database {database!r} (check NEO4J_DATABASE or --database; "
                          "Community edition has only 'neo4j')")
    if isinstance(exc, nx.ServiceUnavailable | nx.SessionExpired | OSError):
        return StoreError(f"cannot reach Neo4j at {where}: is the server running? "
                          f"(check NEO4J_URI) [{_scrub(str(exc), password)}]")
    if isinstance(exc, nx.ConfigurationError | ValueError):
        return StoreError(f"bad Neo4j connection settings for {where}: {_scrub(str(exc), password)}")
    return StoreError(f"Neo4j at {where}: {_scrub(getattr(exc, 'message', None) or str(exc), password)}")


def connect(uri: str, user: str | None, password: str | None, database: str) -> neo4j.Driver:
    """A driver for ``uri`` whose connection, credentials and database have been checked.

    Raises StoreError (one line, never the password) when the server is down, refuses the
    credentials, or has no such database.
    """
    uri, uri_user, uri_password = split_credentials(uri)
    user = user or uri_user
    password = password if password is not None else uri_password
    scheme = uri.split("://", 1)[0].lower() if "://" in uri else ""
    if scheme not in SCHEMES:
        raise StoreError(f"bad Neo4j connection settings: {_redact(uri)!r} is not a Bolt URI "
                         f"(use one of {', '.join(s + '://' for s in SCHEMES)})")
    auth = (user or neo4j_settings().user, password) if password is not None else None
    try:
        driver = neo4j.GraphDatabase.driver(uri, auth=auth, connection_timeout=15,
                                            user_agent="graphkit")
    except (nx.ConfigurationError, ValueError) as exc:
        raise _fail(exc, uri, user, database, password) from None
    try:
        driver.verify_connectivity()
        with driver.session(database=database) as session:
            session.run("RETURN 1").consume()
    except (nx.Neo4jError, nx.DriverError, OSError) as exc:
        driver.close()
        raise _fail(exc, uri, user, database, password) from None
    return driver


# ---------------------------------------------------------------------------- values
def _value(value: Any) -> Any:
    """A driver value as a plain one: like ``plain``, without graphkit's push mark, and paths
    as {"_nodes": [...], "_rels": [...]} (as the embedded engine returns them)."""
    if isinstance(value, neo4j.graph.Node | neo4j.graph.Relationship):
        return {k: plain(v) for k, v in value.items() if k != MARKER_PROP}
    if isinstance(value, neo4j.graph.Path):
        return {"_nodes": [_value(n) for n in value.nodes], "_rels": [_value(r) for r in value.relationships]}
    if isinstance(value, list):
        return [_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _value(v) for k, v in value.items()}
    return plain(value)


class Neo4jEngine:
    """Runs Cypher on a Neo4j server (one, a cluster, or Aura) through the official driver."""

    name = "neo4j"

    def __init__(self, driver: neo4j.Driver, database: str = "neo4j", uri: str = "") -> None:
        self.driver = driver
        self.database = database
        self.uri = uri

    @classmethod
    def from_settings(cls, uri: str | None = None, user: str | None = None, password: str | None = None,
                      database: str | None = None) -> Neo4jEngine:
        """Connect with these settings; each None falls back to NEO4J_URI, NEO4J_USERNAME,
        NEO4J_PASSWORD, NEO4J_DATABASE (then bolt://localhost:7687, neo4j, no auth, neo4j). A
        ``user:password@`` inside the URI is used as the credentials and never shown.

        Raises StoreError when the server is down, the credentials are wrong or there is no such
        database.
        """
        conn = neo4j_settings(uri, user, password, database)
        bare, uri_user, uri_password = split_credentials(conn.uri)
        # credentials in the URI count unless given apart (the default user does not override them)
        user = conn.user if uri_user is None or conn.user != DEFAULT_NEO4J_USER else uri_user
        password = conn.password if conn.password is not None else uri_password
        return cls(connect(bare, user, password, conn.database), conn.database, bare)

    def _error(self, exc: Exception) -> Exception:
        code = getattr(exc, "code", None) or ""
        if isinstance(exc, nx.ClientError) and ".Security." not in code and ".Database." not in code:
            return QueryError(f"neo4j: {_scrub(exc.message or str(exc), None)}")
        return StoreError(f"Neo4j at {self.uri}: {_scrub(getattr(exc, 'message', None) or str(exc), None)}")

    def run(self, query: str, params: dict[str, Any] | None = None, *,
            allow_write: bool = False) -> tuple[list[str], list[dict[str, Any]]]:
        """Run one query in a read transaction (a write one only with allow_write).

        Returns (columns, rows); rows are dicts of plain values. Raises QueryError for a refused or
        malformed query, StoreError when the server fails.
        """
        check_read_only(query, allow_write)

        def work(tx: neo4j.ManagedTransaction) -> tuple[list[str], list[dict[str, Any]]]:
            result = tx.run(query, params or {})
            keys = list(result.keys())
            return keys, [{k: _value(v) for k, v in zip(keys, record.values(), strict=True)} for record in result]

        try:
            with self.driver.session(database=self.database) as session:
                return session.execute_write(work) if allow_write else session.execute_read(work)
        except (nx.Neo4jError, nx.DriverError) as exc:
            raise self._error(exc) from None

    def names(self) -> list[dict[str, Any]]:
        """Every graphkit node's id, key, name, kind, altNames, acronym and misspellings."""
        return self.run(f"MATCH (n:{MARKER_LABEL}) RETURN n.id AS id, n.key AS key, n.name AS name, n.kind AS kind, "
                        "n.altNames AS altNames, n.acronym AS acronym, n.misspellings AS misspellings")[1]

    def neighbours(self, node_id: str) -> list[dict[str, Any]]:
        """One hop from a node along graphkit's relationships, both directions."""
        def hop(arrow: str, direction: str) -> str:
            return (f"MATCH (a:{MARKER_LABEL} {{id: $id}}){arrow}(b:{MARKER_LABEL}) WHERE r.{MARKER_PROP} IS NOT NULL "
                    f"RETURN '{direction}' AS direction, type(r) AS type, b AS other, r AS props")

        # two directed hops, as the embedded engine does: a loop is then one row each way
        return self.run(hop("-[r]->", "out") + " UNION ALL " + hop("<-[r]-", "in"), {"id": node_id})[1]

    def close(self) -> None:
        self.driver.close()

    def __enter__(self) -> Neo4jEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
