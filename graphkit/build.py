"""`graphkit build`: every curated source into a fresh store, swapped in only on success."""

from __future__ import annotations

import gc
import json
import os
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

from graphkit.errors import GraphkitError, InvalidDataError
from graphkit.settings import data_dir
from graphkit.store import NQuads, building_folder, bulk_load_chunks, rebuild, serialize_rdf
from graphkit.terms import C, P
from graphkit.vocab import GRAPH_BASE, ONTOLOGY_IRI, RDF_TYPE, VOCAB_GRAPH, vocabulary

CURATED_PREFIXES = (GRAPH_BASE + "source/", VOCAB_GRAPH)
BATCH = 10_000  # Quad objects serialised at a time


@dataclass
class BuildSummary:
    """What a build wrote: graphs, quads and quads per source family."""

    graphs: int = 0
    quads: int = 0
    by_source: dict[str, int] = field(default_factory=dict)
    kept_graphs: int = 0
    hook_failures: list[str] = field(default_factory=list)  # after-build hooks that failed (see after_build)

    def as_rows(self) -> list[dict[str, Any]]:
        rows = [{"source": k, "quads": n} for k, n in sorted(self.by_source.items())]
        rows.append({"source": "total", "quads": self.quads})
        return rows


def vocabulary_graph() -> list[Any]:
    """The SKOS schemes from ontologies/topics.ttl as quads of the vocabulary graph."""
    import pyoxigraph as ox

    g = ox.NamedNode(VOCAB_GRAPH)
    path = data_dir("ontologies") / "topics.ttl"
    try:
        triples = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    except SyntaxError as exc:
        raise InvalidDataError(str(exc), str(path)) from None
    v = vocabulary()
    quads = [ox.Quad(t.subject, t.predicate, t.object, g) for t in triples]
    quads.append(ox.Quad(g, ox.NamedNode(RDF_TYPE), ox.NamedNode(v.iri(C.SourceGraph)), g))
    quads.append(ox.Quad(g, ox.NamedNode(v.iri("origin")), ox.Literal("vocabulary"), g))
    quads.append(ox.Quad(g, ox.NamedNode(v.iri(P.primarySource)), ox.NamedNode(ONTOLOGY_IRI), g))
    return quads


# A source adapter: (record folders, ids the vocabulary defines, include the shipped records?) ->
# its facts, as pyoxigraph Quads or graphkit.store.NQuads chunks of text (or both).
SourceFn = Callable[[list[Path], set[str], bool], Iterable[Any]]


def curated_sources() -> dict[str, SourceFn]:
    """The curated source adapters installed (entry point group ``graphkit.sources``)."""
    found = {ep.name: ep.load() for ep in entry_points(group="graphkit.sources")}
    if not found:
        raise GraphkitError("no curated source adapters are installed (entry points 'graphkit.sources'); "
                            "reinstall graphkit")
    return found


BUILD_MARK_FILE = "build.json"
"""Beside the store: a new random id after every successful build (removed under the writer lock
before the new store is swapped in), so a derived copy (graphkit.search) learns whether the
curated graphs were rebuilt since it was made or only document graphs were written (by ingest and
forget, which keep the mark)."""


def build_mark(store_path: Path) -> str | None:
    """The id of the store's last successful build (None: unknown, e.g. a build failed half-way)."""
    try:
        found = json.loads((Path(store_path) / BUILD_MARK_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    mark = found.get("build") if isinstance(found, dict) else None
    return mark if isinstance(mark, str) and mark else None


def ensure_build_mark(store_path: Path) -> None:
    """Write a build mark when there is none (a store built before marks existed, or a build that
    stopped after its swap): the next search index refresh is then a whole one, and later ones
    update. Call it only under the writer lock (graphkit.store.writing), where no build can be
    between removing its old mark and swapping its store in. Never raises: without a mark the
    search index is rebuilt whole each time, nothing worse."""
    if build_mark(store_path) is None:
        with suppress(OSError):
            _write_build_mark(store_path)


def _write_build_mark(store_path: Path) -> None:
    path = Path(store_path) / BUILD_MARK_FILE
    tmp = path.with_name(f".{path.name}.partial-{os.getpid()}")
    tmp.write_text(json.dumps({"build": uuid.uuid4().hex}), encoding="utf-8")
    os.replace(tmp, path)


AFTER_BUILD_GROUP = "graphkit.after_build"
"""Entry point group of the callables run on a store after a successful build, each with the store's
path: ingest registers one that saves the gazetteer the first ingest would otherwise read whole."""


def after_build(store_path: Path) -> list[str]:
    """Run every after-build hook (entry point group ``graphkit.after_build``) on ``store_path``.

    A hook only prepares something a later command would otherwise make itself (a cache), so its
    failure never fails the build nor touches the store: it is returned as a message (``name:
    what went wrong``) for the caller to show on stderr, and the next command does the work.
    """
    failures: list[str] = []
    for ep in sorted(entry_points(group=AFTER_BUILD_GROUP), key=lambda e: e.name):
        try:
            ep.load()(Path(store_path))
        except Exception as exc:  # a hook's failure of any kind must not fail the build it follows
            failures.append(f"after-build step {ep.name!r} ({ep.value}) failed, the store is built: "
                            f"{type(exc).__name__}: {exc}")
    return failures


def build(store_path: Path, record_dirs: Iterable[Path] = (),
          progress: Callable[[str, int], None] | None = None, shipped: bool = True, *,
          lock_timeout: float | None = None, hooks: bool = True) -> BuildSummary:
    """Build the store at ``store_path`` from the vocabulary and every curated source.

    Graphs of ingested documents in an existing store are carried over; curated graphs are
    replaced. ``shipped=False`` leaves out the records shipped with graphkit. Facts stream from
    the source adapters straight into a new store; a malformed record raises InvalidDataError
    (file and line) and the previous store stays exactly as it was, as on any failure. After a
    successful build the after-build hooks run (:func:`after_build`; not with ``hooks=False``,
    which bench/run uses to time the store alone); their failures are listed in
    ``hook_failures`` and never fail the build.
    """
    vocab_quads = vocabulary_graph()
    known = {q.subject.value for q in vocab_quads if hasattr(q.subject, "value")}
    summary = BuildSummary()
    sources = sorted(curated_sources().items())

    def counted(name: str, items: Iterable[Any]) -> Iterator[bytes]:
        """A source's facts as N-Quads bytes: its text chunks as they are, its Quad objects in batches."""
        n = reported = 0
        batch: list[Any] = []
        for item in items:
            if isinstance(item, NQuads):
                if batch:
                    yield serialize_rdf(batch) or b""
                    batch = []
                n += item.count("\n")
                data = item.encode("utf-8")
                del item  # the text is not kept while the source makes its next chunk
                yield data
                del data
            else:
                batch.append(item)
                n += 1
                if len(batch) == BATCH:
                    yield serialize_rdf(batch) or b""
                    batch = []
            if progress and n - reported >= 100_000:
                reported = n
                progress(name, n)
        if batch:
            yield serialize_rdf(batch) or b""
        summary.by_source[name] = n
        summary.quads += n
        if progress:
            progress(name, n)

    def stream() -> Iterator[bytes]:
        yield from counted("vocabulary", vocab_quads)
        for name, fn in sources:
            yield from counted(name, fn(list(record_dirs), known, shipped))

    def fill(db: Any) -> None:
        # under the writer lock, before the new store can be swapped in: the old build's mark goes
        # (see BUILD_MARK_FILE; a new one is written once the build succeeded)
        with suppress(FileNotFoundError, NotADirectoryError):
            (Path(store_path) / BUILD_MARK_FILE).unlink()
        # Bulk loads of parts of 12 to 32 MB, never a call per source graph: each call writes and
        # ingests its own RocksDB files (~40 ms a call here), so a call per source graph made builds
        # of 1,000 graphs take 40 s instead of 0.1 s. The facts reach it as N-Quads text (sources may
        # yield text), and a thread makes the next part while one loads (bulk_load_chunks).
        #
        # The facts are millions of small, acyclic objects made and dropped in a tight loop: the
        # cyclic garbage collector found nothing in them but took 44% of a 1M build walking them.
        # It stays off for the load (reference counting still frees everything) and is run once after.
        gc.collect()
        gc.freeze()
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            bulk_load_chunks(db, stream(), folder=building_folder(store_path))  # part files beside the new store
        finally:
            if was_enabled:
                gc.enable()
            gc.unfreeze()
        summary.graphs = sum(1 for _ in db.named_graphs())

    def keep(g: str) -> bool:
        carried = not g.startswith(CURATED_PREFIXES)
        summary.kept_graphs += carried
        return carried

    rebuild(store_path, fill, keep, timeout=lock_timeout)
    try:
        _write_build_mark(store_path)
    except OSError:
        pass  # without a mark the search index is rebuilt whole next time, nothing worse
    if hooks:
        summary.hook_failures = after_build(store_path)
    return summary
