"""graphkit from Python: the functions the CLI and the HTTP server call, for notebooks.

Example::

    import graphkit.api as gk

    g = gk.open()                                   # ./.graphkit, or gk.open("path/to/store")
    g.lookup("APSC").best                           # the ASEAN Political-Security Community Council
    g.query("meetings_of_body", body="APSC")        # a saved query, names resolved
    g.cypher("MATCH (m:Meeting) RETURN m.name AS name LIMIT 3")
    g.sparql("SELECT ?m WHERE { ?m gk:ordinal ?n }", n=29)
    g.dataframe("meetings_of_body", body="APSC")    # the same rows as a pandas DataFrame
    g.networkx()                                    # the property graph as a networkx MultiDiGraph
    g.trace("APSC Blueprint 2025", to_year=2045)    # policy lineage, forward (back=True: backward)
    g.explain("Mohamad Hasan")                      # each fact with its sources and sentences

Every method reads the store read-only; names resolve through :mod:`graphkit.lookup` as on the
command line, and raise :class:`graphkit.errors.EntityNotFoundError` (with candidates) when a
name matches nothing or several things equally well.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphkit.errors import GraphkitError, QueryError
from graphkit.settings import store_path
from graphkit.store import Store, opened, store_exists

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

    from graphkit.engines import Engine
    from graphkit.lineage import Trace
    from graphkit.lookup import Lookup
    from graphkit.sparqlpush import SparqlPushSummary

Row = dict[str, Any]


def open(path: str | Path | None = None) -> GraphkitStore:  # noqa: A001  (gk.open reads naturally)
    """The store at ``path`` (default: $GRAPHKIT_STORE or ./.graphkit); raises GraphkitError when
    there is none (run `graphkit build` first)."""
    where = store_path(path)
    if not store_exists(where):
        raise GraphkitError(f"no store at {where}: run `graphkit build` first")
    return GraphkitStore(where)


@dataclass(frozen=True)
class GraphkitStore:
    """A graphkit store on disk. Cheap to create; each call opens the store read-only."""

    path: Path

    @contextmanager
    def rdf(self) -> Iterator[Store]:
        """The RDF store itself, read-only, for the duration of a ``with`` block."""
        with opened(self.path, read_only=True) as store:
            yield store

    @contextmanager
    def engine(self, name: str = "embedded", **neo4j: Any) -> Iterator[Engine]:
        """A Cypher engine over this store: ``embedded`` (default) or ``neo4j`` (NEO4J_* settings)."""
        from graphkit.engines import open_engine

        eng = open_engine(name, str(self.path), **neo4j)
        try:
            yield eng
        finally:
            eng.close()

    # ------------------------------------------------------------------ names
    def lookup(self, name: str, kinds: list[str] | None = None) -> Lookup:
        """Resolve a name, acronym, alias, misspelling or id to entities (``.best``, ``.candidates``)."""
        from graphkit.lookup import lookup

        with self.rdf() as store:
            return lookup(store, name, kinds)

    # ------------------------------------------------------------------ queries
    def sparql(self, query: str, **params: Any) -> list[Row]:
        """Rows of a SPARQL SELECT over the union of all graphs; ``params`` are bound, never pasted."""
        from graphkit.store import QueryLimits

        with self.rdf() as store:
            return store.select(query, params or None, limits=QueryLimits.from_settings())[1]

    def cypher(self, query: str, engine: str = "embedded", **params: Any) -> list[Row]:
        """Rows of a read-only Cypher query on the embedded engine (or ``engine="neo4j"``)."""
        with self.engine(engine) as eng:
            return eng.run(query, params or None)[1]

    def query(self, name: str, engine: str = "embedded", **params: Any) -> list[Row]:
        """Rows of a saved query (see `graphkit queries`); entity parameters take names."""
        return query_rows(self, name, params, engine=engine)[1]

    def dataframe(self, name_or_query: str, engine: str = "embedded", **params: Any) -> pd.DataFrame:
        """A saved query's rows (or a Cypher query's, when the text is not a saved query's name) as
        a pandas DataFrame, columns in the query's order. Needs pandas installed."""
        try:
            import pandas as pd
        except ImportError:
            raise GraphkitError("pandas is not installed: pip install pandas") from None
        from graphkit.queries import load_catalogue

        if name_or_query in load_catalogue():
            columns, rows = query_rows(self, name_or_query, params, engine=engine)
        else:
            with self.engine(engine) as eng:
                columns, rows = eng.run(name_or_query, params or None)
        return pd.DataFrame(rows, columns=columns)

    # ------------------------------------------------------------------ graphs
    def networkx(self, as_of: dt.date | str | None = None) -> nx.MultiDiGraph:
        """The property-graph projection as a networkx MultiDiGraph (node and edge properties kept;
        ``as_of`` gives the graph as it stood on that date)."""
        from graphkit.analysis import to_networkx
        from graphkit.project import load_projection, project

        with self.rdf() as store:
            day = dt.date.fromisoformat(as_of) if isinstance(as_of, str) else as_of
            proj = project(store, as_of=day) if day else load_projection(store)
        return to_networkx(proj)

    # ------------------------------------------------------------------ analyst's commands
    def explain(self, name: str, relation: str | None = None, obj: str | None = None) -> list[Row]:
        """Each fact about an entity with the sources that state it and their sentences."""
        from graphkit.explain import explain

        with self.rdf() as store:
            return explain(store, name, relation, obj)

    def trace(self, name: str | None = None, *, topic: str | None = None, back: bool = False,
              from_year: int | None = None, to_year: int | None = None, depth: int = 6) -> Trace:
        """Policy lineage of a document (forward, or ``back=True``: what led to it) or of a topic."""
        with self.engine() as eng:
            return trace(eng, name, topic=topic, back=back, from_year=from_year, to_year=to_year, depth=depth)

    def show(self, name: str) -> dict[str, Any]:
        """One page about an entity, as `graphkit show --format json` prints it."""
        from graphkit.show import find, profile

        with self.engine() as eng, self.rdf() as store:
            return profile(eng, find(eng, name), store).as_dict()

    def search(self, text: str, limit: int = 20) -> list[Row]:
        """Names, aliases and ingested sentences matching ``text`` (as `graphkit search`)."""
        from graphkit.search import search

        return [dict(hit) for hit in search(self.path, text, limit=limit)]

    def links(self, name: str, depth: int = 1) -> tuple[Row, list[Row]]:
        """The entity a name resolves to (its lookup row) and its links (as `graphkit links`)."""
        from graphkit.links import find, links
        from graphkit.lookup import NameNotFoundError

        with self.engine() as eng:
            match = find(eng, name)
            if match.best is None:
                raise NameNotFoundError(match, "entity")
            return dict(match.best.row), links(eng, match.best.row, depth)

    def paths(self, source: str, target: str, limit: int = 5) -> list[Row]:
        """Shortest paths between two entities, each step with its sources (as `graphkit paths`)."""
        from graphkit.analysis import WEAK_TYPES, path_rows, shortest_paths
        from graphkit.project import load_projection

        with self.rdf() as store:
            proj = load_projection(store)
        return [dict(r) for r in path_rows(shortest_paths(proj, source, target, limit=limit, skip_types=WEAK_TYPES))]

    def push_sparql(self, url: str, *, replace: bool = False, via: str = "gsp") -> SparqlPushSummary:
        """Send the named graphs that changed to a SPARQL 1.1 dataset (see :mod:`graphkit.sparqlpush`)."""
        return push_to_sparql(self.path, url, replace=replace, via=via)


def trace(engine: Engine, name: str | None, *, topic: str | None = None, back: bool = False,
          from_year: int | None = None, to_year: int | None = None, depth: int = 6) -> Trace:
    """Resolve the starting point among traceable entities and trace it: a topic across meetings
    and documents, a document or meeting forward in time, or (``back``) what led to it."""
    from graphkit.lineage import find_start, trace_back, trace_document, trace_topic
    from graphkit.lookup import NameNotFoundError
    from graphkit.terms import C

    if (name is None) == (topic is None):
        raise GraphkitError("give a document name or a topic (one of them)")
    match = find_start(engine, str(topic or name), "topic" if topic else "any")
    if match.best is None:
        raise NameNotFoundError(match, "topic" if topic else "document, meeting or topic")
    best = match.best.row
    if best.get("kind") == C.Topic:
        return trace_topic(engine, best, from_year=from_year, to_year=to_year)
    if back:
        return trace_back(engine, best, from_year=from_year, to_year=to_year, max_depth=depth)
    return trace_document(engine, best, from_year=from_year, to_year=to_year, max_depth=depth)


def query_rows(g: GraphkitStore, name: str, params: dict[str, Any], engine: str = "embedded"
               ) -> tuple[list[str], list[Row]]:
    """Columns and rows of a saved query by name, with its entity parameters resolved by name and
    partial dates as the source gave them ("2019", "2018-04"), as `graphkit query` prints them."""
    from graphkit.timeline import as_given

    columns, rows = _saved_rows(g, name, params, engine)
    return columns, as_given(rows, columns)


def _saved_rows(g: GraphkitStore, name: str, params: dict[str, Any], engine: str) -> tuple[list[str], list[Row]]:
    from graphkit.engines.name_index import resolver
    from graphkit.lookup import store_entries
    from graphkit.queries import ParameterError, check_parameters, get, resolve_entities

    saved = get(name)
    try:
        given = check_parameters(saved, dict(params), use_examples=False)
    except ParameterError as exc:
        raise QueryError(str(exc)) from None
    if saved.language == "sparql":
        with g.rdf() as store:
            bound = resolve_entities(saved, given, store_entries(store)) if saved.entities else given
            return store.select(saved.text, bound)
    with g.engine(engine) as eng:
        bound = resolve_entities(saved, given, resolver(eng)) if saved.entities else given
        return eng.run(saved.text_for(eng.name), bound)


def push_to_sparql(path: Path, url: str, *, replace: bool = False, via: str = "gsp") -> SparqlPushSummary:
    """Push a store's named graphs to a SPARQL dataset URL (credentials from the URL or settings)."""
    from urllib.parse import urlsplit

    from graphkit.settings import sparql_credentials
    from graphkit.sparqlpush import Endpoints, push_sparql

    parts = urlsplit(url)
    auth = sparql_credentials()
    if parts.username:
        auth = (parts.username, parts.password or "")
        url = parts._replace(netloc=parts.hostname + (f":{parts.port}" if parts.port else "")).geturl() \
            if parts.hostname else url
    endpoints = Endpoints.for_dataset(url, no_store=via == "update")
    with opened(path, read_only=True) as store:
        return push_sparql(store, endpoints, replace=replace, auth=auth)
