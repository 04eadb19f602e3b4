"""Settings from the environment, read in one place and at call time, and where graphkit's data lives.

Every environment variable graphkit reads is read here, by a function, when it is needed: a test or
a long-lived process that changes the environment sees the new value (nothing is frozen at import).

=============================  ==========  ====================================================
variable                       default     meaning
=============================  ==========  ====================================================
GRAPHKIT_STORE                 .graphkit   the store folder when no --store is given
GRAPHKIT_NEO4J_BATCH           10000       rows per UNWIND batch of `graphkit push`
GRAPHKIT_INGEST_MAX_MB         50          larger files are refused by `graphkit ingest`
GRAPHKIT_QUERY_TIMEOUT         60          seconds a SPARQL or Cypher query may run
GRAPHKIT_QUERY_MAX_ROWS        100000      rows a query may return (more is an error)
GRAPHKIT_LOCK_TIMEOUT          0           seconds build/ingest wait for another writer
GRAPHKIT_YAML_MAX_MB           20          largest YAML record file or sidecar read
GRAPHKIT_SPARQL_USER           (none)      user for `push --sparql` (or in the URL)
GRAPHKIT_SPARQL_PASSWORD       (none)      its password (never printed)
NEO4J_URI                      bolt://localhost:7687
NEO4J_USERNAME                 neo4j
NEO4J_PASSWORD                 (none)
NEO4J_DATABASE                 neo4j
=============================  ==========  ====================================================
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from graphkit.errors import GraphkitError

DEFAULT_STORE = ".graphkit"
DEFAULT_NEO4J_URI = "bolt://localhost:7687"
DEFAULT_NEO4J_USER = "neo4j"
DEFAULT_NEO4J_DATABASE = "neo4j"


def store_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The store folder: an explicit value, else $GRAPHKIT_STORE, else ./.graphkit."""
    return Path(explicit or os.environ.get("GRAPHKIT_STORE") or DEFAULT_STORE)


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    """An integer setting from the environment; raises GraphkitError (one line) when malformed."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        raise GraphkitError(f"environment variable {name} must be a whole number, got {value!r}") from None
    if number < minimum:
        raise GraphkitError(f"environment variable {name} must be at least {minimum}, got {number}")
    return number


def env_float(name: str, default: float, *, minimum: float = 0.0) -> float:
    """A number setting from the environment; raises GraphkitError (one line) when malformed."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = float(value)
    except ValueError:
        raise GraphkitError(f"environment variable {name} must be a number, got {value!r}") from None
    if not number >= minimum or number != number or number == float("inf"):
        raise GraphkitError(f"environment variable {name} must be a finite number >= {minimum}, got {value}")
    return number


def neo4j_batch_size() -> int:
    """Rows per UNWIND batch of `graphkit push` ($GRAPHKIT_NEO4J_BATCH, default 10,000)."""
    return env_int("GRAPHKIT_NEO4J_BATCH", 10_000, minimum=1)


def ingest_max_mb() -> int:
    """Files larger than this are refused by `graphkit ingest` ($GRAPHKIT_INGEST_MAX_MB, default 50)."""
    return env_int("GRAPHKIT_INGEST_MAX_MB", 50, minimum=1)


def query_timeout() -> float:
    """Seconds a query may run before it is stopped ($GRAPHKIT_QUERY_TIMEOUT, default 60; 0 = none)."""
    return env_float("GRAPHKIT_QUERY_TIMEOUT", 60.0)


def query_max_rows() -> int:
    """Rows a query may return before it is stopped ($GRAPHKIT_QUERY_MAX_ROWS, default 100,000; 0 = none)."""
    return env_int("GRAPHKIT_QUERY_MAX_ROWS", 100_000)


def lock_timeout() -> float:
    """Seconds `build` and `ingest` wait for another writer of the store ($GRAPHKIT_LOCK_TIMEOUT, default 0)."""
    return env_float("GRAPHKIT_LOCK_TIMEOUT", 0.0)


def yaml_max_bytes() -> int:
    """The largest YAML text parsed ($GRAPHKIT_YAML_MAX_MB, default 20 MB)."""
    return env_int("GRAPHKIT_YAML_MAX_MB", 20, minimum=1) * 1024 * 1024


@dataclass(frozen=True)
class Neo4jSettings:
    """Connection settings for a Neo4j server (the Neo4j ecosystem's variable names)."""

    uri: str
    user: str
    password: str | None
    database: str


def neo4j_settings(uri: str | None = None, user: str | None = None, password: str | None = None,
                   database: str | None = None) -> Neo4jSettings:
    """Explicit values, else NEO4J_URI / NEO4J_USERNAME / NEO4J_PASSWORD / NEO4J_DATABASE, else defaults."""
    return Neo4jSettings(
        uri=uri or os.environ.get("NEO4J_URI") or DEFAULT_NEO4J_URI,
        user=user or os.environ.get("NEO4J_USERNAME") or DEFAULT_NEO4J_USER,
        password=password if password is not None else os.environ.get("NEO4J_PASSWORD"),
        database=database or os.environ.get("NEO4J_DATABASE") or DEFAULT_NEO4J_DATABASE,
    )


def sparql_credentials() -> tuple[str, str] | None:
    """User and password for `push --sparql` ($GRAPHKIT_SPARQL_USER, $GRAPHKIT_SPARQL_PASSWORD), if set."""
    user = os.environ.get("GRAPHKIT_SPARQL_USER")
    return (user, os.environ.get("GRAPHKIT_SPARQL_PASSWORD", "")) if user else None


def data_dir(name: str) -> Path:
    """A data folder shipped with graphkit: "ontologies" or "queries".

    An installed wheel carries them inside the package (graphkit/_data/NAME); a source checkout
    keeps them at the top level beside graphkit/.
    """
    here = Path(__file__).resolve().parent
    for candidate in (here / "_data" / name, here.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"graphkit data folder {name!r} is missing from this installation")


def __getattr__(name: str) -> int:
    """The round-one constants, now read at call time (``settings.NEO4J_BATCH_SIZE``).

    Prefer the functions above: ``from graphkit.settings import NEO4J_BATCH_SIZE`` still copies
    the value once, at import.
    """
    if name == "NEO4J_BATCH_SIZE":
        return neo4j_batch_size()
    if name == "INGEST_MAX_MB":
        return ingest_max_mb()
    raise AttributeError(f"module 'graphkit.settings' has no attribute {name!r}")
