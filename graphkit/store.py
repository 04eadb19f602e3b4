"""The embedded RDF store: Oxigraph on disk, one named graph per source, behind one facade.

Layout of a store folder (default ``./.graphkit``)::

    rdf/              the Oxigraph database (RocksDB), opened only by the one writer
    snapshots/ID/     a checkpoint of rdf/ after each write (hard links): what readers open
    snapshots/ID.lock readers hold a shared lock on it while they read that snapshot
    state.json        format version, fingerprint (changes on every write) and current snapshot
    cypher/           the embedded Cypher engine's copy (rebuilt when the fingerprint changes)
    ../.NAME.lock     the writer lock (graphkit.lock), beside the folder

Concurrency (docs/store.md): one writer at a time per store, through the lock file that names its
holder; every write ends by publishing a new snapshot, and readers open the current snapshot
read-only, so a reader is never blocked or broken by a writer or by another reader. Writes are
all-or-nothing: ``rebuild`` writes a whole new database beside the old one and swaps it in only
when everything succeeded; ``replace_graphs`` drops and inserts named graphs in one SPARQL Update,
which Oxigraph runs as one transaction.

pyoxigraph is imported only here, in graphkit.vocab and in graphkit.build (an import-linter
contract holds the fence): everyone else uses the typed methods below and the term types
re-exported from here.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import queue
import re
import shutil
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import ExitStack, closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar

# The RDF term types callers build facts with. Outside the store layer (store, vocab, build)
# nobody imports pyoxigraph: they take these names from here.
from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad, Triple

from graphkit.errors import QueryError, StoreError
from graphkit.lock import pid_alive, writer_lock
from graphkit.vocab import ID_BASE, PREFIXES, XSD

if TYPE_CHECKING:
    import pyoxigraph as ox

__all__ = ["BlankNode", "DefaultGraph", "Literal", "NamedNode", "NQuads", "Quad", "Store", "Triple", "RDF_FORMATS",
           "Term", "open_store", "opened", "parse_rdf", "rebuild", "serialize_rdf", "writing"]

FORMAT_VERSION = 1
# A long write (an ingest of many documents) publishes a snapshot for readers at most this often;
# each costs a flush and a checkpoint (hard links), so not one per document.
PUBLISH_EVERY_SECONDS = 5.0
Term = NamedNode | BlankNode | Literal | Triple
Row = dict[str, Any]
T = TypeVar("T")

# Format names used on the command line and in code -> pyoxigraph's formats.
RDF_FORMATS = ("turtle", "ntriples", "nquads", "trig", "rdfxml")


def _ox() -> Any:
    import pyoxigraph

    return pyoxigraph


def _rdf_format(name: str) -> ox.RdfFormat:
    ox_ = _ox()
    table = {"turtle": ox_.RdfFormat.TURTLE, "ntriples": ox_.RdfFormat.N_TRIPLES, "nquads": ox_.RdfFormat.N_QUADS,
             "trig": ox_.RdfFormat.TRIG, "rdfxml": ox_.RdfFormat.RDF_XML}
    if name not in table:
        raise StoreError(f"unknown RDF format {name!r}; expected one of {', '.join(RDF_FORMATS)}")
    fmt: ox.RdfFormat = table[name]
    return fmt


def parse_rdf(data: bytes | str | None = None, *, path: Path | None = None, fmt: str = "turtle",
              base_iri: str | None = None) -> list[Triple | Quad]:
    """Parse RDF text (or a file) into triples or quads; raises StoreError with the parser's line."""
    ox_ = _ox()
    try:
        if path is not None:
            return list(ox_.parse(path=str(path), format=_rdf_format(fmt), base_iri=base_iri))
        return list(ox_.parse(data if data is not None else b"", format=_rdf_format(fmt), base_iri=base_iri))
    except SyntaxError as exc:
        raise StoreError(f"{path or '<rdf>'}: not valid {fmt}: {exc}") from None
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror or exc}") from None


def serialize_rdf(items: Iterable[Triple] | Iterable[Quad], out: IO[bytes] | None = None, fmt: str = "nquads",
                  prefixes: dict[str, str] | None = None) -> bytes | None:
    """Write triples or quads in ``fmt`` to a binary handle (or return the bytes when ``out`` is None)."""
    ox_ = _ox()
    try:
        result: bytes | None = ox_.serialize(items, out, _rdf_format(fmt), prefixes=prefixes)
    except OSError as exc:
        raise StoreError(f"cannot write the {fmt} output: {exc.strerror or exc}") from exc
    except (ValueError, TypeError) as exc:
        raise StoreError(f"cannot write these items as {fmt}: {exc}") from exc
    return result


class NQuads(str):
    """A chunk of N-Quads text, whole lines of one quad each, that a source adapter may yield in
    place of Quad objects: the build passes it to the bulk loader as it is. (A pyoxigraph Quad
    whose object is a literal costs about 3 us to make from Python, a line of text a tenth of that.)
    """

    __slots__ = ()


# The build's N-Quads reach the bulk loader in parts (bulk_load_chunks): a first part of this many bytes
# (~30,000 quads), then parts LOAD_PART_GROWTH times as long as the one before, up to LOAD_PART_MAX_BYTES.
# Each part after the first is merged by RocksDB into what was loaded before (a compaction, on another
# thread): few parts cost least (at 100k, parts of 1, 2, 4, 8 MB took ~0.4 s more CPU than 9 and 11 MB);
# the loader's memory is about four bytes for each byte of its part.
LOAD_PART_BYTES = 6 * 2**20
LOAD_PART_MAX_BYTES = 32 * 2**20
LOAD_PART_GROWTH = 4


def building_folder(path: Path) -> Path:
    """Where :func:`rebuild` makes the new store beside ``path`` (removed on failure, swapped in on success)."""
    path = Path(path)
    return path.parent / f".{path.name}.building-{os.getpid()}"


def bulk_load_chunks(db: ox.Store, chunks: Iterable[bytes], part_bytes: int | None = None,
                     max_part_bytes: int | None = None, folder: Path | None = None) -> None:
    """Bulk loads of N-Quads text arriving in chunks (each chunk whole lines), one call a part: a first
    part of about ``part_bytes`` (default :data:`LOAD_PART_BYTES`; 0: one part for everything), each
    next :data:`LOAD_PART_GROWTH` times as long as the one before, up to ``max_part_bytes`` (default
    :data:`LOAD_PART_MAX_BYTES`).

    A thread writes the chunks to part files in a temporary folder inside ``folder`` (default: the
    system's), and the loader reads each part from its file while the thread writes the next: the
    loader holds no GIL while it parses and indexes, so the build's Python work (records read,
    checked, written as N-Quads) and the load overlap on two cores (at 1M facts 30 instead of 43 s).
    No part's text is held in memory: memory is the loader's for one part (about four bytes for each
    byte) and one chunk, whatever the data's size. Each file goes once loaded, the folder at the end.

    Whatever the chunks' producer raises (a record's InvalidDataError, say) is raised here
    unchanged; the caller throws the half-loaded database away.
    """
    first = LOAD_PART_BYTES if part_bytes is None else part_bytes
    cap = LOAD_PART_MAX_BYTES if max_part_bytes is None else max_part_bytes
    fmt = _ox().RdfFormat.N_QUADS
    with tempfile.TemporaryDirectory(prefix=".load-", dir=folder) as where, \
            closing(_parts_made_ahead(chunks, first, max(cap, first), Path(where))) as parts:
        for part in parts:
            try:
                db.bulk_load(path=str(part), format=fmt)
            finally:
                part.unlink(missing_ok=True)


def _parts(chunks: Iterable[bytes], first: int, cap: int, folder: Path) -> Iterator[Path]:
    """The chunks written to files in ``folder`` of growing size (see :func:`bulk_load_chunks`), each
    yielded once complete."""
    size, n, count = first, 0, 0
    out: IO[bytes] | None = None
    try:
        for chunk in chunks:
            if out is None:
                count += 1
                out = open(folder / f"part-{count}.nq", "wb")  # noqa: SIM115 (closed below or in finally)
            out.write(chunk)
            n += len(chunk)
            del chunk
            if size and n >= size:
                out.close()
                done, out, n = Path(out.name), None, 0
                yield done
                size = min(LOAD_PART_GROWTH * size, cap)
        if out is not None:
            out.close()
            done, out = Path(out.name), None
            yield done
    finally:
        if out is not None:
            out.close()


def _parts_made_ahead(chunks: Iterable[bytes], first: int, cap: int, folder: Path) -> Generator[Path, None, None]:
    """The parts of :func:`bulk_load_chunks`, each written by a thread while its reader loads the one
    before. What the producer raises is raised here; closing this generator stops the producer."""
    box: queue.Queue[tuple[int, Any]] = queue.Queue(maxsize=1)
    stop = threading.Event()

    def put(item: tuple[int, Any]) -> bool:
        while not stop.is_set():
            try:
                box.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for part in _parts(chunks, first, cap, folder):
                if not put((0, part)):
                    return
            put((1, None))
        except BaseException as exc:  # handed to the reader, raised there with its own type
            put((2, exc))

    worker = threading.Thread(target=produce, name="graphkit-load-producer", daemon=True)
    worker.start()
    try:
        while True:
            kind, item = box.get()
            if kind == 0:
                yield item
            elif kind == 1:
                return
            else:
                raise item
    finally:
        stop.set()
        worker.join()


@dataclass(frozen=True)
class QueryLimits:
    """How long a query may run and how many rows it may return (0 or None: no limit)."""

    timeout: float | None = None
    max_rows: int | None = None

    @classmethod
    def from_settings(cls) -> QueryLimits:
        """The limits for a user's query: $GRAPHKIT_QUERY_TIMEOUT and $GRAPHKIT_QUERY_MAX_ROWS."""
        from graphkit.settings import query_max_rows, query_timeout

        return cls(query_timeout() or None, query_max_rows() or None)


# SPARQL text that is not code: strings, IRIs, comments, variables and prefixed names.
_SPARQL_NOISE = re.compile(
    r"'''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\""
    r"|<[^<>\"{}|^`\\\x00-\x20]*>|#[^\n]*|[?$][\w\u00b7\u00c0-\uffff]+|[\w.-]*:[\w.%\\-]*", re.S)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
MAX_QUERY_CHARS = 1_000_000


def check_sparql(sparql: str) -> None:
    """Refuse what graphkit never runs: federated queries (SERVICE) and absurdly long texts.

    SERVICE would make the store fetch from any address the query names (a request made on the
    user's behalf to a server they may not reach themselves); graphkit answers from its own data.
    """
    if len(sparql) > MAX_QUERY_CHARS:
        raise QueryError(f"query text is too long ({len(sparql):,} characters; the limit is {MAX_QUERY_CHARS:,})")
    # SPARQL lets \\uXXXX stand for any character anywhere in a query: decode before looking.
    text = _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)) if int(m.group(1) or m.group(2), 16)
                       < 0x110000 else " ", sparql)
    code = _SPARQL_NOISE.sub(" ", text)
    if re.search(r"\bSERVICE\b", code, re.I):
        raise QueryError("refused: SERVICE (federated query) is switched off; graphkit queries only its own store")


class _Cancelled(Exception):
    pass


def run_interruptible(work: Callable[[threading.Event], T], timeout: float | None,
                      on_cancel: Callable[[], None] | None = None) -> T:
    """Run ``work(cancel)`` in a helper thread and wait for it, so the caller can stop waiting.

    The engines (pyoxigraph, LadybugDB) let go of the GIL while they evaluate, but a signal
    handler runs only between Python steps of the main thread: waiting here in short joins lets
    Ctrl-C through within a fraction of a second, and ends the wait at ``timeout`` seconds
    (QueryError). Either way ``cancel`` is set and ``on_cancel`` (an engine's interrupt) is called;
    ``work`` should check ``cancel`` between rows.
    """
    cancel = threading.Event()
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["value"] = work(cancel)
        except BaseException as exc:  # handed to the waiting thread, which re-raises it
            box["error"] = exc

    worker = threading.Thread(target=run, name="graphkit-query", daemon=True)
    worker.start()
    deadline = time.monotonic() + timeout if timeout else None
    try:
        while worker.is_alive():
            worker.join(0.05)
            if deadline is not None and time.monotonic() > deadline and worker.is_alive():
                raise QueryError(f"query stopped after {timeout:g} s (the time limit; "
                                 "raise it with --timeout or GRAPHKIT_QUERY_TIMEOUT)")
    except BaseException:
        cancel.set()
        if on_cancel is not None:
            on_cancel()
        raise
    if "error" in box:
        error = box["error"]
        if isinstance(error, _Cancelled):
            raise QueryError("query was stopped")
        raise error
    value: T = box["value"]
    return value


@dataclass(frozen=True)
class GraphDescription:
    """A named graph with what it says about itself (its origin and the addresses it states)."""

    iri: str
    origin: str
    sources: tuple[str, ...]


class Store:
    """An open graphkit store. Use :func:`open_store`, :func:`opened` or :func:`writing` to get one."""

    def __init__(self, path: Path, db: ox.Store, read_only: bool, snapshot: str | None = None,
                 resources: ExitStack | None = None) -> None:
        self.path = path
        self._db = db
        self.read_only = read_only
        self.snapshot = snapshot
        self._resources = resources or ExitStack()
        self._unpublished = False
        self._published_at = time.monotonic()

    # ------------------------------------------------------------------ state
    @property
    def fingerprint(self) -> str:
        """Changes on every write; derived copies (the Cypher engine) compare against it.

        A reader sees the fingerprint of the snapshot it reads, so a copy built from it is
        stamped with the data it really holds.
        """
        if self.snapshot:
            return self.snapshot
        return str(_read_state(self.path).get("fingerprint", ""))

    # ------------------------------------------------------------------ reading
    def named_graphs(self) -> list[str]:
        """IRIs of every named graph, sorted."""
        return sorted(g.value for g in self._db.named_graphs() if isinstance(g, NamedNode))

    def quads(self, graph: str | None = None, *, subject: str | None = None, predicate: str | None = None,
              default_graph: bool = False) -> Iterator[Quad]:
        """Every quad, or those of one named graph (or of the default graph), optionally of one
        subject and predicate."""
        g: NamedNode | DefaultGraph | None = DefaultGraph() if default_graph else NamedNode(graph) if graph else None
        s = NamedNode(subject) if subject else None
        p = NamedNode(predicate) if predicate else None
        try:
            return iter(self._db.quads_for_pattern(s, p, None, g))
        except OSError as exc:
            raise StoreError(f"store read failed: {exc}") from exc

    def __len__(self) -> int:
        return sum(1 for _ in self._db.quads_for_pattern(None, None, None, None))

    def graph_descriptions(self, origin_iri: str, source_iris: Iterable[str]) -> list[GraphDescription]:
        """Each named graph with the literal of ``origin_iri`` and the objects of ``source_iris`` that
        the graph states about itself (provenance lives inside the graph it describes)."""
        wanted = set(source_iris)
        out = []
        for g in self.named_graphs():
            origin, sources = "unknown", []
            for q in self.quads(g, subject=g):
                if q.predicate.value == origin_iri:
                    origin = str(getattr(q.object, "value", q.object))
                elif q.predicate.value in wanted:
                    sources.append(str(getattr(q.object, "value", q.object)))
            out.append(GraphDescription(g, origin, tuple(sorted(sources))))
        return out

    def _query(self, sparql: str, params: dict[str, Any] | None) -> Any:
        check_sparql(sparql)
        ox_ = _ox()
        subs: dict[ox.Variable, Term] = {ox_.Variable(k): to_term(v) for k, v in (params or {}).items()}
        try:
            return self._db.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True, substitutions=subs)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from None
        except OSError as exc:
            raise StoreError(f"store read failed: {exc}") from exc
        except RuntimeError as exc:
            if "projection" in str(exc):
                raise QueryError(f"{exc}: a bound parameter must also be selected (SELECT ?name ...)") from None
            raise QueryError(str(exc)) from None

    def _limited(self, work: Callable[[threading.Event], T], limits: QueryLimits | None) -> T:
        if limits is None:
            return work(threading.Event())
        # a command's query (limits given, even none set) runs where Ctrl-C can stop the wait:
        # on the main thread a query evaluated inside the engine sees no signal until it ends
        return run_interruptible(work, limits.timeout)

    def select(self, sparql: str, params: dict[str, Any] | None = None, *,
               limits: QueryLimits | None = None) -> tuple[list[str], list[Row]]:
        """Run a SELECT (or ASK) query over the union of all graphs; values bound as parameters.

        Returns the variable names and the rows as plain Python values (see :func:`to_python`).
        Parameters are bound with SPARQL substitutions (SEP-0007), never pasted into the text.
        ``limits`` (for a user's query) stop it at a deadline or beyond a number of rows;
        raises QueryError (refused, malformed, too long, too many rows) or StoreError.
        """
        ox_ = _ox()
        max_rows = limits.max_rows if limits else None

        def work(cancel: threading.Event) -> tuple[list[str], list[Row]]:
            result = self._query(sparql, params)
            if isinstance(result, ox_.QueryBoolean):
                return ["result"], [{"result": bool(result)}]
            if isinstance(result, ox_.QueryTriples):
                raise QueryError("CONSTRUCT and DESCRIBE queries are not supported here; use SELECT or ASK")
            names = [v.value for v in result.variables]
            rows: list[Row] = []
            for sol in result:
                if cancel.is_set():
                    raise _Cancelled
                rows.append({n: to_python(sol[n]) for n in names})
                if max_rows is not None and len(rows) > max_rows:
                    raise QueryError(f"the query returns more than {max_rows:,} rows (the row limit; narrow it "
                                     "with LIMIT, or raise --max-rows or GRAPHKIT_QUERY_MAX_ROWS)")
            return names, rows

        return self._limited(work, limits)

    def ask(self, sparql: str, params: dict[str, Any] | None = None, *, limits: QueryLimits | None = None) -> bool:
        """Run an ASK query; raises QueryError for any other form."""
        ox_ = _ox()

        def work(cancel: threading.Event) -> bool:
            result = self._query(sparql, params)
            if not isinstance(result, ox_.QueryBoolean):
                raise QueryError("expected an ASK query")
            return bool(result)

        return self._limited(work, limits)

    def construct(self, sparql: str, params: dict[str, Any] | None = None, *,
                  limits: QueryLimits | None = None) -> list[Triple]:
        """Run a CONSTRUCT or DESCRIBE query; the triples it builds."""
        ox_ = _ox()
        max_rows = limits.max_rows if limits else None

        def work(cancel: threading.Event) -> list[Triple]:
            result = self._query(sparql, params)
            if not isinstance(result, ox_.QueryTriples):
                raise QueryError("expected a CONSTRUCT or DESCRIBE query")
            out: list[Triple] = []
            for t in result:
                if cancel.is_set():
                    raise _Cancelled
                out.append(t)
                if max_rows is not None and len(out) > max_rows:
                    raise QueryError(f"the query builds more than {max_rows:,} triples (the row limit)")
            return out

        return self._limited(work, limits)

    def solutions(self, sparql: str, *, limits: QueryLimits | None = None
                  ) -> tuple[str, list[str], list[list[Term | None]] | bool | list[Triple]]:
        """Run any query form and keep the RDF terms, for a SPARQL protocol answer.

        Returns ``("select", variables, rows of terms)``, ``("ask", [], bool)`` or
        ``("construct", [], triples)``, under the same limits as :meth:`select`."""
        ox_ = _ox()
        max_rows = limits.max_rows if limits else None

        def work(cancel: threading.Event) -> tuple[str, list[str], list[list[Term | None]] | bool | list[Triple]]:
            result = self._query(sparql, None)
            if isinstance(result, ox_.QueryBoolean):
                return "ask", [], bool(result)
            out: list[Any] = []
            names = [] if isinstance(result, ox_.QueryTriples) else [v.value for v in result.variables]
            for item in result:
                if cancel.is_set():
                    raise _Cancelled
                out.append(item if isinstance(result, ox_.QueryTriples) else [item[n] for n in names])
                if max_rows is not None and len(out) > max_rows:
                    raise QueryError(f"the query returns more than {max_rows:,} rows (the row limit)")
            return ("construct" if isinstance(result, ox_.QueryTriples) else "select"), names, out

        return self._limited(work, limits)

    def terms(self, sparql: str, params: dict[str, Any] | None = None) -> Iterator[ox.QuerySolution]:
        """Run a SELECT and yield raw solutions (RDF terms by variable name: ``sol["x"]``)."""
        ox_ = _ox()
        result = self._query(sparql, params)
        if not isinstance(result, ox_.QuerySolutions):
            raise QueryError("expected a SELECT query")
        return iter(result)

    # ------------------------------------------------------------------ writing
    def replace_graphs(self, graphs: dict[str, Iterable[Quad]], remove: Iterable[str] = ()) -> None:
        """Replace the named graphs given (and drop those in ``remove``) in one transaction.

        Needs a store opened for writing (:func:`writing`); publishes a new snapshot for readers.
        """
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
        if not self._unpublished:
            _mark_unpublished(self.path)
        try:
            self._db.update(" ;\n".join(parts))
            self._db.flush()
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"store write failed, nothing was changed: {exc}") from exc
        self._unpublished = True
        if time.monotonic() - self._published_at > PUBLISH_EVERY_SECONDS:
            self.publish()

    def publish(self) -> None:
        """Make the writes so far visible to readers (a new snapshot). ``close()`` does it too."""
        if self._unpublished and hasattr(self, "_db"):
            _publish(self.path, self._db)
            self._unpublished = False
            self._published_at = time.monotonic()

    def close(self) -> None:
        """Publish what was written, release the database and the writer lock or reader's snapshot."""
        try:
            self.publish()
        finally:
            if hasattr(self, "_db"):
                del self._db
            self._resources.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# ---------------------------------------------------------------------- state and snapshots
def _read_state(path: Path) -> dict[str, Any]:
    try:
        return dict(json.loads((path / "state.json").read_text()))
    except (OSError, ValueError, TypeError):
        return {}


def _write_state(path: Path, state: dict[str, Any]) -> None:
    tmp = path / f".state.json.{os.getpid()}"
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(json.dumps(state, sort_keys=True))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path / "state.json")
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"cannot write {path / 'state.json'}: {exc.strerror}") from None


def _snapshots(path: Path) -> Path:
    return path / "snapshots"


def _mark_unpublished(path: Path) -> None:
    """Note that rdf/ is ahead of the last snapshot (so a writer killed before publishing is caught up)."""
    try:
        (path / UNPUBLISHED).touch()
    except OSError as exc:
        raise StoreError(f"cannot write to the store at {path}: {exc.strerror}") from None


UNPUBLISHED = ".unpublished"


def _publish(path: Path, db: ox.Store, fingerprint: str | None = None) -> str:
    """Checkpoint ``db`` as a new snapshot of the store at ``path``, point state.json at it, and
    remove older snapshots no reader holds. Runs under the writer lock. Returns the fingerprint."""
    fp = fingerprint or uuid.uuid4().hex
    snaps = _snapshots(path)
    try:
        snaps.mkdir(exist_ok=True)
        db.backup(str(snaps / fp))
        (snaps / f"{fp}.lock").touch()
    except OSError as exc:
        shutil.rmtree(snaps / fp, ignore_errors=True)
        raise StoreError(f"cannot publish a snapshot of the store at {path}: {exc}") from exc
    _write_state(path, {"format": FORMAT_VERSION, "fingerprint": fp, "snapshot": fp})
    (path / UNPUBLISHED).unlink(missing_ok=True)
    prune_snapshots(path)
    return fp


def prune_snapshots(path: Path) -> int:
    """Remove the snapshots no reader holds, except the current one; how many were removed."""
    snaps = _snapshots(path)
    current = _read_state(path).get("snapshot")
    removed = 0
    try:
        entries = list(snaps.iterdir())
    except OSError:
        return 0
    for entry in entries:
        sid = entry.name.removesuffix(".lock")
        if sid == current or entry.name.startswith("."):
            continue
        lock = snaps / f"{sid}.lock"
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError:
            continue
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue  # a reader is on it; the next write tries again
            if (snaps / sid).exists():
                shutil.rmtree(snaps / sid, ignore_errors=True)
                removed += 1
            lock.unlink(missing_ok=True)
        finally:
            os.close(fd)
    return removed


def _hold_snapshot(path: Path, resources: ExitStack) -> tuple[str, Path] | None:
    """Take a shared lock on the current snapshot (so no writer removes it) and return it."""
    for _ in range(50):
        sid = _read_state(path).get("snapshot")
        if not isinstance(sid, str) or not sid:
            return None
        snap = _snapshots(path) / sid
        lock = _snapshots(path) / f"{sid}.lock"
        fd = -1
        for flags in (os.O_RDWR | os.O_CREAT, os.O_RDONLY):
            try:
                fd = os.open(lock, flags | os.O_CLOEXEC, 0o644)
                break
            except OSError:
                continue
        if fd < 0:  # a read-only store nobody can write either: read the snapshot unlocked
            return (sid, snap) if snap.is_dir() else None
        try:
            fcntl.flock(fd, fcntl.LOCK_SH)
        except OSError:
            pass
        if snap.is_dir():
            resources.callback(os.close, fd)
            return sid, snap
        os.close(fd)  # pruned between reading state.json and locking: read the state again
    return None


def store_exists(path: Path) -> bool:
    """True when ``path`` holds a built graphkit store."""
    return (path / "rdf").is_dir() and (path / "state.json").is_file()


def open_store(path: Path, *, read_only: bool = False, timeout: float | None = None) -> Store:
    """Open a built store; raises StoreError with a hint when there is none.

    ``read_only`` opens the current snapshot (never blocked by a writer). Otherwise the store is
    opened for writing under the writer lock (waiting up to ``timeout`` seconds, default
    $GRAPHKIT_LOCK_TIMEOUT), released by ``close()``.
    """
    path = Path(path)
    if not store_exists(path):
        raise StoreError(f"no graphkit store at {path}: run `graphkit build --store {path}` first")
    ox_ = _ox()
    resources = ExitStack()
    try:
        if read_only:
            held = _hold_snapshot(path, resources)
            try:
                if held is not None:
                    return Store(path, ox_.Store.read_only(str(held[1])), True, held[0], resources)
                # a store from before snapshots: its database read-only
                return Store(path, ox_.Store.read_only(str(path / "rdf")), True, None, resources)
            except OSError as exc:
                raise StoreError(f"cannot open the store at {path}: {exc}") from exc
        from graphkit.settings import lock_timeout

        resources.enter_context(writer_lock(path, timeout=lock_timeout() if timeout is None else timeout))
        clean_leftovers(path)
        try:
            db = ox_.Store(str(path / "rdf"))
        except OSError as exc:
            raise StoreError(f"cannot open the store at {path} for writing: {exc}") from exc
        if not _read_state(path).get("snapshot") or (path / UNPUBLISHED).exists():
            _publish(path, db)
        return Store(path, db, False, None, resources)
    except BaseException:
        resources.close()
        raise


@contextmanager
def opened(path: Path, *, read_only: bool = False) -> Iterator[Store]:
    """Open a store for the duration of a ``with`` block (for writing: under the writer lock)."""
    store = open_store(path, read_only=read_only)
    try:
        yield store
    finally:
        store.close()


@contextmanager
def writing(path: Path, *, timeout: float | None = None) -> Iterator[Store]:
    """The store opened for writing under its writer lock, for a ``with`` block.

    Waits up to ``timeout`` seconds (default $GRAPHKIT_LOCK_TIMEOUT, 0) for another writer, then
    raises StoreError naming it. Readers go on reading the last snapshot meanwhile.
    """
    store = open_store(path, read_only=False, timeout=timeout)
    try:
        yield store
    finally:
        store.close()


# ---------------------------------------------------------------------- rebuild and leftovers
_LEFTOVER = re.compile(r"^\.(?P<what>.+)\.(?:building|old|new|partial)-(?P<pid>\d+)(?:-[0-9a-f]+)?$")


def clean_leftovers(path: Path) -> list[Path]:
    """Remove the temporary folders of writers that died (kill -9, power loss); run under the lock.

    Beside the store: ``.NAME.building-PID`` / ``.NAME.old-PID``; inside it: ``.rdf.*-PID``,
    ``.cypher.*-PID``, ``.state.json.PID``. A database swap cut short is finished (or undone).
    """
    path = Path(path).absolute()
    removed: list[Path] = []
    rdf = path / "rdf"
    if path.is_dir() and not rdf.exists():
        # a swap cut between its two renames: the new database is complete, else the old one is back
        for kind in ("new", "old"):
            for cand in sorted(path.glob(f".rdf.{kind}-*")):
                m = _LEFTOVER.match(cand.name)
                if m and not pid_alive(int(m["pid"])) and not rdf.exists():
                    os.replace(cand, rdf)
    places = [(path.parent, f".{path.name}."), (path, ".rdf."), (path, ".cypher.")]
    for folder, prefix in places:
        try:
            entries = [e for e in folder.iterdir() if e.name.startswith(prefix)]
        except OSError:
            continue
        for entry in entries:
            m = _LEFTOVER.match(entry.name)
            if m and int(m["pid"]) != os.getpid() and not pid_alive(int(m["pid"])):
                if entry.is_dir() and not entry.is_symlink():
                    shutil.rmtree(entry, ignore_errors=True)
                else:
                    entry.unlink(missing_ok=True)
                removed.append(entry)
    for entry in path.glob(".state.json.*") if path.is_dir() else ():
        pid = entry.name.rsplit(".", 1)[-1]
        if pid.isdigit() and not pid_alive(int(pid)):
            entry.unlink(missing_ok=True)
            removed.append(entry)
    return removed


def rebuild(path: Path, fill: Callable[[ox.Store], None], keep: Callable[[str], bool] | None = None, *,
            timeout: float | None = None) -> None:
    """Write a new store at ``path``: ``fill`` loads it; graphs of the old store for which
    ``keep(graph_iri)`` is true are carried over. The old database is replaced only on success,
    under the writer lock (waiting up to ``timeout`` seconds); readers keep their snapshots.
    """
    from graphkit.settings import lock_timeout

    ox_ = _ox()
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create the folder {path.parent}: {exc.strerror}") from None
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path} exists and is not a store folder")
    with writer_lock(path, timeout=lock_timeout() if timeout is None else timeout):
        clean_leftovers(path)
        tmp = building_folder(path)
        shutil.rmtree(tmp, ignore_errors=True)
        try:
            tmp.mkdir()
            db = ox_.Store(str(tmp / "rdf"))
            fill(db)
            if keep is not None and store_exists(path):
                old = ox_.Store.read_only(str(path / "rdf"))
                kept = [g for g in old.named_graphs() if isinstance(g, NamedNode) and keep(g.value)]
                # one bulk load for all kept graphs: every bulk_extend call costs ~40 ms of file ingestion
                db.bulk_extend(q for g in kept for q in old.quads_for_pattern(None, None, None, g))
                del old
            db.flush()
            db.optimize()
            if store_exists(path):
                fp = _publish(path, db)
                del db
                _swap_database(tmp / "rdf", path, fp)
                shutil.rmtree(tmp, ignore_errors=True)
            else:
                _publish(tmp, db)
                del db
                if path.exists():  # an empty or half-made folder, not a store: replaced
                    swap_in(tmp, path)
                else:
                    os.replace(tmp, path)
        except BaseException as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            if isinstance(exc, OSError):
                raise StoreError(f"build failed, the store is as it was: {exc.strerror or exc}") from None
            raise


def _swap_database(new_rdf: Path, path: Path, fingerprint: str) -> None:
    """Put a finished database in place of ``path/rdf``; the snapshot for it is already published."""
    pid = os.getpid()
    staged, old = path / f".rdf.new-{pid}", path / f".rdf.old-{pid}"
    os.replace(new_rdf, staged)
    os.replace(path / "rdf", old)
    os.replace(staged, path / "rdf")
    shutil.rmtree(old, ignore_errors=True)


def swap_in(new: Path, target: Path) -> None:
    """Put the finished folder ``new`` where ``target`` is: two renames, then the old one goes.

    Two processes swapping the same target at once both succeed (the last one's folder stays).
    """
    for _ in range(20):
        old = target.parent / f".{target.name}.old-{os.getpid()}-{uuid.uuid4().hex[:6]}"
        try:
            os.replace(target, old)
        except FileNotFoundError:
            old = Path()
        try:
            os.replace(new, target)
        except OSError as exc:
            if exc.errno not in (errno.ENOTEMPTY, errno.EEXIST):
                raise
            continue
        finally:
            if old != Path():
                shutil.rmtree(old, ignore_errors=True)
        return
    shutil.rmtree(new, ignore_errors=True)


# ---------------------------------------------------------------------- terms <-> Python
_XSD_INT = {XSD + t for t in ("integer", "int", "long", "short", "positiveInteger", "nonNegativeInteger")}


def to_python(term: Any) -> Any:
    """A plain value for an RDF term: IRIs under graphkit's id base as short ids, numbers as
    numbers, booleans as booleans, everything else (dates included) as its lexical form."""
    if term is None:
        return None
    if isinstance(term, NamedNode):
        return term.value
    if isinstance(term, Literal):
        dt = term.datatype.value
        if dt in _XSD_INT:
            try:
                return int(term.value)
            except ValueError:
                return term.value
        if dt == XSD + "boolean":
            return term.value == "true"
        if dt in (XSD + "decimal", XSD + "double", XSD + "float"):
            try:
                return float(term.value)
            except ValueError:
                return term.value
        return term.value
    return str(term)


def to_term(value: Any) -> NamedNode | Literal:
    """An RDF term for a parameter value.

    ``<https://...>`` and ``id:kind/slug`` give IRIs, Python ints and bools typed literals,
    everything else a plain string literal. The value is never parsed as SPARQL.
    """
    if isinstance(value, bool):
        return Literal("true" if value else "false", datatype=NamedNode(XSD + "boolean"))
    if isinstance(value, int):
        return Literal(str(value), datatype=NamedNode(XSD + "integer"))
    text = str(value)
    try:
        if text.startswith("<") and text.endswith(">"):
            return NamedNode(text[1:-1])
        if text.startswith("id:"):
            return NamedNode(ID_BASE + text[3:])
    except ValueError:
        raise QueryError(f"not a valid IRI: {text!r}") from None
    return Literal(text)
