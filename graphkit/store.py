"""The embedded RDF store: Oxigraph on disk, one named graph per source.

Layout of a store folder (default ``./.graphkit``)::

    rdf/          the Oxigraph database (RocksDB)
    state.json    format version and a fingerprint that changes with every write
    cypher/       the embedded Cypher engine's copy (rebuilt when the fingerprint changes)

Writes are all-or-nothing. ``rebuild`` writes a whole new store beside the old one and swaps
folders only when everything succeeded; ``replace_graphs`` drops and inserts named graphs in one
SPARQL Update, which Oxigraph runs as one transaction.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphkit.errors import QueryError, StoreError
from graphkit.vocab import ID_BASE, PREFIXES, XSD

# The RDF term types callers build facts with. Outside the store layer (store, vocab, build)
# nobody imports pyoxigraph: they take these names from here.
from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad, Triple

if TYPE_CHECKING:
    import pyoxigraph as ox

__all__ = ["BlankNode", "DefaultGraph", "Literal", "NamedNode", "Quad", "Store", "Triple", "open_store", "opened",
           "rebuild"]

FORMAT_VERSION = 1


def _ox() -> Any:
    import pyoxigraph

    return pyoxigraph


class Store:
    """An open graphkit store. Use :func:`open_store` or :func:`rebuild` to get one."""

    def __init__(self, path: Path, db: ox.Store, read_only: bool) -> None:
        self.path = path
        self.db = db
        self.read_only = read_only

    # ------------------------------------------------------------------ state
    @property
    def fingerprint(self) -> str:
        """Changes on every write; derived copies (the Cypher engine) compare against it."""
        return str(_read_state(self.path).get("fingerprint", ""))

    def _touch(self) -> None:
        _write_state(self.path, {"format": FORMAT_VERSION, "fingerprint": uuid.uuid4().hex})

    # ------------------------------------------------------------------ reading
    def named_graphs(self) -> list[str]:
        """IRIs of every named graph, sorted."""
        return sorted(g.value for g in self.db.named_graphs())

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        """Every quad, or the quads of one named graph."""
        ox_ = _ox()
        g = ox_.NamedNode(graph) if graph else None
        return iter(self.db.quads_for_pattern(None, None, None, g))

    def __len__(self) -> int:
        return sum(1 for _ in self.db.quads_for_pattern(None, None, None, None))

    def select(self, sparql: str, params: dict[str, Any] | None = None) -> tuple[list[str], list[dict[str, Any]]]:
        """Run a SELECT (or ASK) query over the union of all graphs; values bound as parameters.

        Returns the variable names and the rows as plain Python values (see :func:`to_python`).
        Parameters are bound with SPARQL substitutions (SEP-0007), never pasted into the text.
        """
        ox_ = _ox()
        subs = {ox_.Variable(k): to_term(v) for k, v in (params or {}).items()}
        try:
            result = self.db.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True, substitutions=subs)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"store read failed: {exc}") from exc
        except RuntimeError as exc:
            if "projection" in str(exc):
                raise QueryError(f"{exc}: a bound parameter must also be selected (SELECT ?name ...)") from exc
            raise QueryError(str(exc)) from exc
        if isinstance(result, ox_.QueryBoolean):
            return ["result"], [{"result": bool(result)}]
        if isinstance(result, ox_.QueryTriples):
            raise QueryError("CONSTRUCT and DESCRIBE queries are not supported here; use SELECT or ASK")
        assert isinstance(result, ox_.QuerySolutions)
        names = [v.value for v in result.variables]
        rows = [{n: to_python(sol[n]) for n in names} for sol in result]
        return names, rows

    def terms(self, sparql: str, params: dict[str, Any] | None = None) -> Iterator[ox.QuerySolution]:
        """Run a SELECT and yield raw pyoxigraph solutions (for code that needs RDF terms)."""
        ox_ = _ox()
        subs = {ox_.Variable(k): to_term(v) for k, v in (params or {}).items()}
        result = self.db.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True, substitutions=subs)
        if not isinstance(result, ox_.QuerySolutions):
            raise QueryError("expected a SELECT query")
        return iter(result)

    # ------------------------------------------------------------------ writing
    def replace_graphs(self, graphs: dict[str, Iterable[ox.Quad]], remove: Iterable[str] = ()) -> None:
        """Replace the named graphs given (and drop those in ``remove``) in one transaction."""
        if self.read_only:
            raise StoreError("store was opened read-only")
        ox_ = _ox()
        parts = []
        for g in sorted(set(remove) | set(graphs)):
            parts.append(f"DROP SILENT GRAPH <{ox_.NamedNode(g).value}>")
        inserts = []
        for g, quads in graphs.items():
            triples = [ox_.Triple(q.subject, q.predicate, q.object) for q in quads]
            if triples:
                body = ox_.serialize(triples, format=ox_.RdfFormat.N_TRIPLES).decode("utf-8")
                inserts.append(f"GRAPH <{ox_.NamedNode(g).value}> {{\n{body}}}")
        if inserts:
            parts.append("INSERT DATA {\n" + "\n".join(inserts) + "\n}")
        if not parts:
            return
        try:
            self.db.update(" ;\n".join(parts))
            self.db.flush()
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"store write failed, nothing was changed: {exc}") from exc
        self._touch()

    def close(self) -> None:
        """Release the database (RocksDB lock)."""
        del self.db


def _read_state(path: Path) -> dict[str, Any]:
    try:
        return dict(json.loads((path / "state.json").read_text()))
    except (OSError, ValueError):
        return {}


def _write_state(path: Path, state: dict[str, Any]) -> None:
    tmp = path / "state.json.tmp"
    tmp.write_text(json.dumps(state, sort_keys=True))
    os.replace(tmp, path / "state.json")


def store_exists(path: Path) -> bool:
    """True when ``path`` holds a built graphkit store."""
    return (path / "rdf").is_dir() and (path / "state.json").is_file()


def open_store(path: Path, *, read_only: bool = False) -> Store:
    """Open a built store; raises StoreError with a hint when there is none."""
    if not store_exists(path):
        raise StoreError(f"no graphkit store at {path}: run `graphkit build --store {path}` first")
    ox_ = _ox()
    try:
        db = ox_.Store.read_only(str(path / "rdf")) if read_only else ox_.Store(str(path / "rdf"))
    except OSError as exc:
        raise StoreError(f"cannot open the store at {path}: {exc}") from exc
    return Store(path, db, read_only)


@contextmanager
def opened(path: Path, *, read_only: bool = False) -> Iterator[Store]:
    """Open a store for the duration of a ``with`` block."""
    store = open_store(path, read_only=read_only)
    try:
        yield store
    finally:
        store.close()


def rebuild(path: Path, fill: Callable[[ox.Store], None], keep: Callable[[str], bool] | None = None) -> None:
    """Write a new store at ``path``: ``fill`` loads it; graphs of the old store for which
    ``keep(graph_iri)`` is true are carried over. The old store is replaced only on success.
    """
    ox_ = _ox()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".{path.name}.building-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        db = ox_.Store(str(tmp / "rdf"))
        fill(db)
        if keep is not None and store_exists(path):
            old = open_store(path, read_only=True)
            kept = [g for g in old.named_graphs() if keep(g)]
            # one bulk load for all kept graphs: every bulk_extend call costs ~40 ms of file ingestion
            db.bulk_extend(q for g in kept for q in old.db.quads_for_pattern(None, None, None, ox_.NamedNode(g)))
            old.close()
        db.flush()
        db.optimize()
        del db
        _write_state(tmp, {"format": FORMAT_VERSION, "fingerprint": uuid.uuid4().hex})
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    swap_in(tmp, path)


def swap_in(new: Path, target: Path) -> None:
    """Put the finished folder ``new`` where ``target`` is: two renames, then the old one goes."""
    old = target.parent / f".{target.name}.old-{os.getpid()}"
    if target.exists():
        os.replace(target, old)
    os.replace(new, target)
    shutil.rmtree(old, ignore_errors=True)


# ---------------------------------------------------------------------- terms <-> Python
_XSD_INT = {XSD + t for t in ("integer", "int", "long", "short", "positiveInteger", "nonNegativeInteger")}


def to_python(term: Any) -> Any:
    """A plain value for an RDF term: IRIs under graphkit's id base as short ids, numbers as
    numbers, booleans as booleans, everything else (dates included) as its lexical form."""
    ox_ = _ox()
    if term is None:
        return None
    if isinstance(term, ox_.NamedNode):
        return term.value
    if isinstance(term, ox_.Literal):
        dt = term.datatype.value
        if dt in _XSD_INT:
            try:
                return int(term.value)
            except ValueError:
                return term.value
        if dt == XSD + "boolean":
            return term.value == "true"
        if dt in (XSD + "decimal", XSD + "double", XSD + "float"):
            return float(term.value)
        return term.value
    return str(term)


def to_term(value: Any) -> Any:
    """An RDF term for a parameter value.

    ``<https://...>`` and ``id:kind/slug`` give IRIs, Python ints and bools typed literals,
    everything else a plain string literal. The value is never parsed as SPARQL.
    """
    ox_ = _ox()
    if isinstance(value, bool):
        return ox_.Literal("true" if value else "false", datatype=ox_.NamedNode(XSD + "boolean"))
    if isinstance(value, int):
        return ox_.Literal(str(value), datatype=ox_.NamedNode(XSD + "integer"))
    text = str(value)
    try:
        if text.startswith("<") and text.endswith(">"):
            return ox_.NamedNode(text[1:-1])
        if text.startswith("id:"):
            return ox_.NamedNode(ID_BASE + text[3:])
    except ValueError as exc:
        raise QueryError(f"not a valid IRI: {text}") from exc
    return ox_.Literal(text)
