"""Name lookups whose cost follows the name, not the graph: an index of the engine's names.

Every command that takes an entity by name resolves it through graphkit.lookup.resolve_name, which
scores every node of the graph. This index (``names.sqlite`` in the store folder) holds every row
the embedded engine's ``names()`` gives, one entry per node, each at a place (``seq``), with:

- ``exact``: each entry under its id, its key, each normalised label, each transliteration key and
  each leading run of words of its acronyms (what graphkit.lookup.score matches exactly);
- ``words``: every word of every label (normalised and transliterated) with the entries that hold
  it, for the fuzzy scores;
- the acronym words of the whole graph (graphkit.lookup.acronym_words), which reading a text like
  "29th APSC Council" needs.

:meth:`NameIndex.lookup` gives graphkit.lookup.rank only the entries that can make the answer.
Each word of the text is compared with every word of the vocabulary (``fuzz.ratio``, in C), and
each entry gets a score it cannot exceed: the length-weighted mean of each text word's best ratio
over the entry's words (at least the word cover of any one label), times the largest length factor
of its labels, plus its kind's bonus. Entries named exactly come first, then the rest best bound
first, scored by the one score function until the 8th best score beats every bound left; with
nothing at 70, the same for the five nearest at 45. The answer is the full scan's
(tests/test_lookup_scale.py): the same best entity, status, candidates in the same order with
their scores, and the same suggestions. Only a text that scores 45 nowhere scans every name (the
"did you mean" is then by character similarity over all of them), from the index's own rows.

Row order: the places follow the ``names()`` call that wrote the index whole, then the entries an
update added (the engine's own order differs from one process to the next anyway). No answer
depends on it: candidates and suggestions are ordered by score, then name and key; and the acronym
words (graphkit.lookup.acronym_words keeps, for an acronym two entities share, such as the ADMM's
and the ADMM-Plus's "ADMM", the first entity it meets) are those of the entries in key order, in
the index and in the scan of :func:`resolver` alike (:func:`scan_entries`).

The index is stamped with the store fingerprint and the Cypher copy folder it was read from.
:func:`keep_in_step`, called by ``build``, ``ingest`` and ``forget`` after the copy's refresh,
brings it in step: after an ingest or a forget, when the index is that of the state before the
write, only the entries of the ids the write touched are rewritten (:func:`update_index`: their
old places left empty, their rows added at the end, in one SQLite transaction with the new stamp);
otherwise it is written whole. A reader that finds no index, or one of another copy, scans as
before: it never writes. A reader holds one read transaction while it is open, so it never sees
half an update; an update waits for it (WRITE_WAIT).
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from graphkit.engines import NAMES_QUERY
from graphkit.errors import QueryError
from graphkit.lookup import (
    NEAR,
    SUGGEST,
    Candidate,
    Lookup,
    NameEntry,
    _as_id,
    _of_kinds,
    _spelled_out,
    acronym_words,
    normalise,
    of_kinds,
    rank,
    resolve_name,
    row_entries,
    translit_key,
)
from graphkit.terms import P
from graphkit.vocab import vocabulary

if TYPE_CHECKING:
    from graphkit.project import Changes

INDEX_FILE: Final = "names.sqlite"
SCHEMA_VERSION: Final = "2"
COMPACT_SHARE: Final = 0.25
COMPACT_MIN: Final = 1000
"""An update that would leave more than COMPACT_SHARE of the index's places empty (and more than
COMPACT_MIN) is not made: the index is written whole instead, without them."""
WRITE_WAIT: Final = 60.0
"""Seconds an update waits for readers to finish (each holds one read transaction) before it gives up."""
MARGIN: Final = 0.01
"""Taken off the threshold of the entries' bound, far above float32 rounding of a 0-100 ratio."""


def index_path(store_path: Path) -> Path:
    return Path(store_path) / INDEX_FILE


def copy_stamp(store_path: Path) -> str | None:
    """Which Cypher copy is in place: its fingerprint and folder (a refresh swaps in another)."""
    root = Path(store_path) / "cypher"
    try:
        fp = json.loads((root / "fingerprint.json").read_text()).get("fingerprint")
        st = root.stat()
    except (OSError, ValueError, AttributeError):
        return None
    return f"{fp}:{st.st_dev}:{st.st_ino}" if isinstance(fp, str) else None


# ---------------------------------------------------------------------------------------- writing

def _exact_keys(e: NameEntry) -> set[str]:
    keys = {"i:" + e.id, "k:" + e.key}
    for how, n, key in e._keys:
        if n:
            keys.add("n:" + n)
            if how == P.acronym:
                words = n.split()
                keys.update("a:" + " ".join(words[:j]) for j in range(1, len(words)))
        if key:
            keys.add("t:" + key)
    return keys


def _words(e: NameEntry) -> set[str]:
    out: set[str] = set()
    for how, n, key in e._keys:
        if n and how != "key":
            out.update(n.split())
            out.update(key.split())
    return out


class _Arrays:
    """Per place in the index (an entry, or a place an update left empty): the ids of its labels'
    words (CSR: ``indptr``, ``indices``), its labels' lengths (``lptr``, ``lens``) and its kind
    (an index into the kinds list; GONE for an empty place)."""

    NAMES: Final = ("indptr", "indices", "lptr", "lens", "kind")

    def __init__(self, blobs: Mapping[str, bytes] | None = None) -> None:
        self.indptr, self.indices = array("q", [0]), array("i")
        self.lptr, self.lens, self.kind = array("q", [0]), array("i"), array("i")
        for name in self.NAMES:
            if blobs is not None:
                arr = getattr(self, name)
                del arr[:]
                arr.frombytes(blobs[name])

    def __len__(self) -> int:
        return len(self.kind)

    def add(self, e: NameEntry, vocab: dict[str, int], kinds: dict[str, int]) -> None:
        self.indices.extend(sorted({vocab.setdefault(w, len(vocab)) for w in _words(e)}))
        self.indptr.append(len(self.indices))
        self.lens.extend(sorted({x for how, n, key in e._keys if n and how != "key" for x in (len(n), len(key))}))
        self.lptr.append(len(self.lens))
        self.kind.append(kinds.setdefault(e.kind, len(kinds)))

    def blobs(self) -> list[tuple[str, bytes]]:
        return [(name, getattr(self, name).tobytes()) for name in self.NAMES]


GONE: Final = -1
"""The kind of a place an update emptied (its entity was rewritten further on, or is gone)."""

_SCHEMA: Final = """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
    CREATE TABLE entries (seq INTEGER PRIMARY KEY, row TEXT NOT NULL);
    CREATE TABLE exact (k TEXT NOT NULL, seq INTEGER NOT NULL);
    CREATE TABLE words (id INTEGER PRIMARY KEY, word TEXT NOT NULL);
    CREATE TABLE blobs (name TEXT PRIMARY KEY, data BLOB NOT NULL);
    CREATE TABLE acronyms (head TEXT NOT NULL, key TEXT NOT NULL, seq INTEGER NOT NULL, words TEXT NOT NULL);
"""


def _row_text(row: Mapping[str, Any]) -> str:
    return json.dumps(row, default=str)


def _acronym_rows(entries: Iterable[tuple[int, NameEntry]]) -> list[tuple[str, str, int, str]]:
    """What each entry gives graphkit.lookup.acronym_words: (acronym, key, place, the words it abbreviates)."""
    return [(head, e.key, seq, words) for seq, e in entries for head, words in acronym_words([e]).items()]


def _acronym_map(rows: Iterable[tuple[str, str, int, str]]) -> dict[str, str]:
    """graphkit.lookup.acronym_words of the entries in key order: each acronym's words are those of
    the entity with the smallest key that has it (``rows`` from :func:`_acronym_rows`)."""
    out: dict[str, str] = {}
    for head, _key, _seq, words in sorted(rows):
        out.setdefault(head, words)
    return out


def scan_entries(rows: Iterable[Mapping[str, Any]]) -> list[NameEntry]:
    """``names()`` rows as the index reads them: entries in key order. graphkit.lookup.acronym_words
    takes, for an acronym two entities share ("ADMM" of the ADMM and of the ADMM-Plus), the first
    one it meets, and the engine's row order differs from one process to the next; in key order the
    scan (:func:`resolver`) and the index read every text the same way."""
    return sorted(row_entries(rows), key=lambda e: e.key)


def write_index(rows: Iterable[Mapping[str, Any]], stamp: str, path: Path) -> int:
    """Write the index of ``rows`` (an engine's ``names()``) to ``path`` (replaced whole,
    atomically); the number of entries."""
    rows = list(rows)
    entries = row_entries(rows)
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    tmp.unlink(missing_ok=True)
    vocab: dict[str, int] = {}
    kinds: dict[str, int] = {}
    arrays = _Arrays()
    for e in entries:
        arrays.add(e, vocab, kinds)
    acronyms = _acronym_rows(enumerate(entries))
    try:
        _write_file(tmp, rows, entries, vocab, kinds, arrays, acronyms, stamp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return len(entries)


def _write_file(tmp: Path, rows: list[Mapping[str, Any]], entries: list[NameEntry], vocab: dict[str, int],
                kinds: dict[str, int], arrays: _Arrays, acronyms: list[tuple[str, str, int, str]], stamp: str) -> None:
    with closing(sqlite3.connect(tmp)) as db:
        db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
        db.executemany("INSERT INTO entries VALUES (?, ?)", ((i, _row_text(r)) for i, r in enumerate(rows)))
        db.executemany("INSERT INTO exact VALUES (?, ?)",
                       ((k, i) for i, e in enumerate(entries) for k in _exact_keys(e)))
        db.executemany("INSERT INTO words VALUES (?, ?)", ((i, w) for w, i in vocab.items()))
        db.executemany("INSERT INTO blobs VALUES (?, ?)", arrays.blobs())
        db.executemany("INSERT INTO acronyms VALUES (?, ?, ?, ?)", acronyms)
        db.execute("CREATE INDEX exact_k ON exact (k)")
        db.executemany("INSERT INTO meta VALUES (?, ?)", [
            ("schema", SCHEMA_VERSION), ("stamp", stamp), ("count", str(len(entries))),
            ("live", str(len(entries))), ("acronyms", json.dumps(_acronym_map(acronyms))),
            ("kinds", json.dumps(list(kinds))),
        ])
        db.commit()


@dataclass(frozen=True)
class Merged:
    """The merged ids (graphkit.xref.canonical_ids) the saved projection of a store state was made with."""

    fingerprint: str
    canon: Mapping[str, str]


def merged_ids(store_path: Path) -> Merged | None:
    """The saved projection's merged ids and the state they are of (None: no saved projection, or
    one made without them). A command that writes the store reads them before its refresh, so the
    index update knows which entities a merge or a split renamed."""
    from graphkit.project import ProjectionFile, ProjectionFileError

    try:
        with ProjectionFile.open(Path(store_path)) as pf:
            return None if pf.canon is None else Merged(pf.fingerprint, dict(pf.canon))
    except (ProjectionFileError, sqlite3.Error):
        return None


def touched_ids(changes: Changes, old: Mapping[str, str], new: Mapping[str, str]) -> set[str]:
    """The node ids whose name rows a write may have changed: every id the changed graphs mention
    (graphkit.project.Changes) and its merged node before and after, and every id whose merged node
    changed (a merge or a split: the ids, their nodes before and after). A node's name row (id, key,
    name, kind and labels) comes from the statements about it and the ids merged into it only
    (graphkit.project._assemble), so no other row can change."""
    out: set[str] = set()
    for x in changes.mentioned:
        out.update((x, old.get(x, x), new.get(x, x)))
    for x in old.keys() | new.keys():
        if old.get(x, x) != new.get(x, x):
            out.update((x, old.get(x, x), new.get(x, x)))
    return out


def _fingerprint_of(stamp: str | None) -> str | None:
    """The store fingerprint part of a stamp (:func:`copy_stamp`)."""
    return stamp.rsplit(":", 2)[0] if stamp and stamp.count(":") >= 2 else None


@dataclass
class Updated:
    """What :func:`update_index` did: entries rewritten (removed, added) and the index's size after."""

    checked: int
    removed: int
    added: int
    live: int


def update_index(path: Path, rows: Sequence[Mapping[str, Any]], ids: Iterable[str], before: str,
                 stamp: str) -> Updated | None:
    """Bring the index at ``path`` (of the store state ``before``) to the state the new ``stamp``
    names, whose ``names()`` rows for ``ids`` are ``rows`` (every other row being unchanged).

    The entries of those ids whose rows changed are removed (their places left empty) and their
    new rows added at the end, with their exact keys, words and acronyms; then the stamp. All in one
    SQLite transaction (the file's rollback journal): a failure, a kill or a full disk leaves the
    old index with its old stamp, which readers find stale. None, with nothing written, when the
    index is not that of ``before`` or more than COMPACT_SHARE of its places would be empty (the
    caller writes it whole)."""
    ids = sorted(set(ids))
    new_rows: dict[str, list[str]] = {}
    by_text: dict[str, Mapping[str, Any]] = {}
    for r in rows:
        text = _row_text(r)
        new_rows.setdefault(str(r.get("id")), []).append(text)
        by_text[text] = r
    with closing(sqlite3.connect(path, timeout=WRITE_WAIT, isolation_level=None)) as db:
        db.execute("BEGIN IMMEDIATE")
        try:
            meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
            if meta.get("schema") != SCHEMA_VERSION or _fingerprint_of(meta.get("stamp")) != before:
                db.execute("ROLLBACK")
                return None
            count, live = int(meta["count"]), int(meta["live"])
            old: dict[str, list[tuple[int, str]]] = {}
            for chunk in _chunks(["i:" + x for x in ids], 900):
                marks = ",".join("?" * len(chunk))
                for seq, text in db.execute(
                        f"SELECT e.seq, e.row FROM exact x JOIN entries e ON e.seq = x.seq WHERE x.k IN ({marks})",
                        chunk):
                    old.setdefault(str(json.loads(text).get("id")), []).append((int(seq), text))
            changed = [x for x in ids
                       if sorted(t for _, t in old.get(x, ())) != sorted(new_rows.get(x, ()))]
            gone = sorted(seq for x in changed for seq, _ in old.get(x, ()))
            added = [by_text[t] for x in changed for t in new_rows.get(x, ())]
            empty = count - live + len(gone)
            if empty > COMPACT_SHARE * (count + len(added)) and empty > COMPACT_MIN:
                db.execute("ROLLBACK")
                return None
            if gone or added:
                _apply(db, meta, count, gone, [t for x in changed for _, t in old.get(x, ())], added)
            db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", [
                ("stamp", stamp), ("live", str(live - len(gone) + len(added)))])
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
    return Updated(len(ids), len(gone), len(added), live - len(gone) + len(added))


def _apply(db: sqlite3.Connection, meta: Mapping[str, str], count: int, gone: list[int],
           gone_rows: list[str], added: list[Mapping[str, Any]]) -> None:
    """Empty the places ``gone`` (holding ``gone_rows``) and add entries for ``added`` at the end."""
    blobs = dict(db.execute("SELECT name, data FROM blobs").fetchall())
    arrays = _Arrays(blobs)
    if len(arrays) != count:
        raise sqlite3.DatabaseError(f"the name index is damaged: {len(arrays)} places, {count} in its meta")
    for seq, entry in zip(gone, row_entries(json.loads(t) for t in gone_rows), strict=True):
        arrays.kind[seq] = GONE
        db.executemany("DELETE FROM exact WHERE k = ? AND seq = ?", ((k, seq) for k in _exact_keys(entry)))
    for chunk in _chunks(gone, 900):
        marks = ",".join("?" * len(chunk))
        db.execute(f"DELETE FROM entries WHERE seq IN ({marks})", chunk)
        db.execute(f"DELETE FROM acronyms WHERE seq IN ({marks})", chunk)
    vocab = {w: i for i, w in db.execute("SELECT id, word FROM words")}
    known = len(vocab)
    kinds = {k: i for i, k in enumerate(json.loads(meta["kinds"]))}
    entries = row_entries(added)
    placed = list(enumerate(entries, start=count))
    for _, e in placed:
        arrays.add(e, vocab, kinds)
    db.executemany("INSERT INTO entries VALUES (?, ?)", ((seq, _row_text(r)) for seq, r in zip(
        range(count, count + len(added)), added, strict=True)))
    db.executemany("INSERT INTO exact VALUES (?, ?)", ((k, seq) for seq, e in placed for k in _exact_keys(e)))
    db.executemany("INSERT INTO words VALUES (?, ?)", ((i, w) for w, i in vocab.items() if i >= known))
    db.executemany("INSERT INTO acronyms VALUES (?, ?, ?, ?)", _acronym_rows(placed))
    db.executemany("UPDATE blobs SET data = ? WHERE name = ?", ((data, name) for name, data in arrays.blobs()))
    acronyms = _acronym_map(db.execute("SELECT head, key, seq, words FROM acronyms").fetchall())
    db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", [
        ("count", str(len(arrays))), ("acronyms", json.dumps(acronyms)), ("kinds", json.dumps(list(kinds)))])


@contextmanager
def _writer_lock(store_path: Path) -> Iterator[None]:
    """One writer of the index at a time per store (a build's and an ingest's may meet)."""
    import fcntl

    fd = os.open(Path(store_path) / ".names.lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def keep_in_step(store_path: Path, report: Callable[[str], None] | None = None, *,
                 changes: Changes | None = None, merged: Merged | None = None) -> int:
    """What ``build``, ``ingest`` and ``forget`` call after the Cypher copy's refresh: nothing when
    the index is current; with ``changes`` (the write that led here) and ``merged`` (the merged
    ids before it, :func:`merged_ids`), when the index is that of the state before the write, only
    the entries of the ids the write touched (:func:`touched_ids`, :func:`update_index`); else the
    index written whole from the copy's ``names()``. The number of entries written.

    An update that fails (a full disk, readers holding the index past WRITE_WAIT) leaves the old
    index, stale: lookups scan until the next write brings it in step; ``report`` says so."""
    store_path = Path(store_path)
    path = index_path(store_path)
    with _writer_lock(store_path):
        stamp = copy_stamp(store_path)
        if stamp is not None and _stamp_of(path) == stamp:
            return 0
        started, cpu = time.perf_counter(), time.process_time()
        if changes is not None and merged is not None and stamp is not None and path.exists():
            try:
                done = _update(store_path, changes, merged)
            except (sqlite3.Error, OSError) as exc:
                if report is not None:
                    report(f"warning: name index not updated ({exc}); lookups scan every name until it is")
                return 0
            if done is not None:
                if report is not None:
                    report(f"name index updated: {done.removed} entries out, {done.added} in "
                           f"({done.checked} ids checked), {done.live} entities "
                           f"({time.perf_counter() - started:.1f} s, {time.process_time() - cpu:.1f} s CPU)")
                return done.added
        try:
            n = _write_whole(store_path)
        except (sqlite3.Error, OSError) as exc:
            if changes is None:   # build: its own error
                raise
            if report is not None:   # ingest, forget: the store is written; the index is left stale
                report(f"warning: name index not written ({exc}); lookups scan every name until it is")
            return 0
    if report is not None:
        report(f"name index ready: {n} entities ({time.perf_counter() - started:.1f} s, "
               f"{time.process_time() - cpu:.1f} s CPU)")
    return n


def _stamp_of(path: Path) -> str | None:
    if not path.exists():
        return None
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            got = dict(db.execute("SELECT key, value FROM meta WHERE key IN ('schema', 'stamp')").fetchall())
    except sqlite3.Error:
        return None
    return got.get("stamp") if got.get("schema") == SCHEMA_VERSION else None


def _engine(store_path: Path) -> Any:
    from graphkit.engines.embedded import EmbeddedEngine
    from graphkit.store import opened

    with opened(store_path, read_only=True) as store:
        return EmbeddedEngine(store)


def _write_whole(store_path: Path) -> int:
    engine = _engine(store_path)
    try:
        stamp = copy_stamp(store_path)
        return write_index(engine.names(), stamp or "", index_path(store_path))
    finally:
        engine.close()


def _update(store_path: Path, changes: Changes, merged: Merged) -> Updated | None:
    """:func:`update_index` for one write, reading the rows of the ids it touched from the copy;
    None when the merged ids before or after it are not known for its states."""
    after = merged_ids(store_path)
    if merged.fingerprint != changes.before or after is None or after.fingerprint != changes.after:
        return None
    ids = touched_ids(changes, merged.canon, after.canon)
    stamp = copy_stamp(store_path)
    if _fingerprint_of(stamp) != changes.after:
        return None
    engine = _engine(store_path)
    try:
        rows = names_of(engine, ids)
    finally:
        engine.close()
    if stamp is None or copy_stamp(store_path) != stamp:   # the copy was swapped while read
        return None
    return update_index(index_path(store_path), rows, ids, changes.before, stamp)


def names_of(engine: Any, ids: Iterable[str]) -> list[dict[str, Any]]:
    """The ``names()`` rows of these node ids (the engine's NAMES_QUERY, on those ids only)."""
    query = NAMES_QUERY.replace("MATCH (n) RETURN ", "MATCH (n) WHERE n.id IN $ids RETURN ", 1)
    if query == NAMES_QUERY:
        raise QueryError("NAMES_QUERY no longer starts 'MATCH (n) RETURN': the name index cannot select by id")
    wanted = sorted(set(ids))
    rows: list[dict[str, Any]] = []
    for chunk in _chunks(wanted, 5000):
        rows.extend(engine.run(query, {"ids": chunk})[1])
    return rows


# ---------------------------------------------------------------------------------------- reading

@dataclass
class NameIndex:
    """An open index (read-only)."""

    db: sqlite3.Connection
    count: int
    """Places (entries, and places updates left empty)."""
    live: int
    acronyms: dict[str, str]
    kinds: list[str]
    _vocab: tuple[list[str], Any, Any] | None = field(default=None, repr=False)
    _arrays: dict[str, Any] = field(default_factory=dict, repr=False)
    stats: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def open(cls, store_path: Path) -> NameIndex | None:
        """The index of the store's current Cypher copy, or None (none, of another copy, or being
        written: a reader waits a few seconds, then scans).

        Everything is read in one read transaction, held until :meth:`close`: an update committed
        meanwhile waits for it (rollback journal), so a reader never mixes two states."""
        stamp = copy_stamp(store_path)
        return None if stamp is None else cls.read(index_path(store_path), stamp)

    @classmethod
    def read(cls, path: Path, stamp: str | None = None) -> NameIndex | None:
        """The index in the file ``path`` if it has ``stamp`` (any stamp: None); None otherwise."""
        if not path.exists():
            return None
        db: sqlite3.Connection | None = None
        try:
            db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
            db.execute("BEGIN")
            meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.Error:
            if db is not None:
                db.close()
            return None
        if meta.get("schema") != SCHEMA_VERSION or (stamp is not None and meta.get("stamp") != stamp):
            db.close()
            return None
        return cls(db, int(meta["count"]), int(meta["live"]), json.loads(meta["acronyms"]),
                   json.loads(meta["kinds"]))

    def close(self) -> None:
        self.db.close()

    def vocab(self) -> tuple[list[str], Any, Any]:
        """The words, and for each entry (in order) the ids of its labels' words (CSR arrays)."""
        if self._vocab is None:
            import numpy as np

            words = [w for (w,) in self.db.execute("SELECT word FROM words ORDER BY id")]
            blobs = dict(self.db.execute("SELECT name, data FROM blobs").fetchall())
            self._arrays = {k: np.frombuffer(v, dtype=np.int64 if k.endswith("ptr") else np.int32)
                            for k, v in blobs.items()}
            self._vocab = (words, self._arrays["indptr"], self._arrays["indices"])
        return self._vocab

    def entries(self, seqs: Iterable[int] | None = None) -> list[NameEntry]:
        """The entries (all, or these), in the order of their places."""
        if seqs is None:
            return row_entries(json.loads(r) for (r,) in self.db.execute("SELECT row FROM entries ORDER BY seq"))
        wanted = sorted(set(seqs))
        rows: list[str] = []
        for chunk in _chunks(wanted, 900):
            marks = ",".join("?" * len(chunk))
            rows.extend(r for (r,) in self.db.execute(
                f"SELECT row FROM entries WHERE seq IN ({marks}) ORDER BY seq", chunk))
        return row_entries(json.loads(r) for r in rows)

    def _exact(self, texts: Iterable[str]) -> set[int]:
        keys: set[str] = set()
        for text in texts:
            raw = text.strip()
            as_id = _as_id(raw)
            if as_id is not None:
                keys.add("i:" + as_id)
            keys.add("k:" + raw)
            q, qkey = normalise(raw), translit_key(raw)
            if q:
                keys.update(("n:" + q, "a:" + q))
            if qkey:
                keys.add("t:" + qkey)
        out: set[int] = set()
        for k in keys:
            out.update(s for (s,) in self.db.execute("SELECT seq FROM exact WHERE k = ?", (k,)))
        return out

    def _fuzzy(self, words: Sequence[str]) -> Any:
        """For every entry, at least the fuzzy score (graphkit.lookup._fuzzy) of any of its labels.

        Each query word's ``fuzz.ratio`` against every word of the vocabulary (rapidfuzz, in C),
        then for each entry the best over its words (numpy): the length-weighted mean of those is
        at least the word cover of any one of its labels (graphkit.lookup._word_cover)."""
        import numpy as np
        from rapidfuzz import fuzz, process

        vocab, indptr, indices = self.vocab()
        if not words or not len(indices):
            return np.zeros(len(indptr) - 1, dtype=np.float64)
        distinct = list(dict.fromkeys(words))
        total = sum(len(w) for w in words)
        nonempty = indptr[1:] > indptr[:-1]
        starts = indptr[:-1][nonempty]
        ub = np.zeros(len(indptr) - 1, dtype=np.float64)
        ratios = process.cdist(distinct, vocab, scorer=fuzz.ratio, dtype=np.float32, workers=1)
        for w, r in zip(distinct, ratios, strict=True):
            best = np.maximum.reduceat(r[indices], starts)
            ub[nonempty] += (len(w) * words.count(w)) * best
        ub /= total
        # and the label's length against the text's: _fuzzy scales the cover by 0.85-1.0
        lptr, lens = self._arrays["lptr"], self._arrays["lens"]
        width = len(" ".join(words))
        filled = lptr[1:] > lptr[:-1]
        near = np.minimum(lens, width) / np.maximum(np.maximum(lens, width), 1)
        factor = np.full(len(ub), 0.85)
        if len(lens):
            factor[filled] += 0.15 * np.maximum.reduceat(near, lptr[:-1][filled])
        return np.minimum(99.0, ub * factor)

    def bounds(self, text: str, kinds: list[str] | None, words: dict[str, str] | None = None
               ) -> tuple[set[int], Any]:
        """The entries ``text`` names exactly (by id, key, label, transliteration, acronym), and
        for every entry a score it cannot exceed (-1 for a kind left out)."""
        import numpy as np

        self.vocab()
        texts = [text]
        spelled = _spelled_out(text, self.acronyms if words is None else words)
        if spelled is not None:
            texts.append(spelled)
        exact = self._exact(texts)
        ub = np.zeros(self.count, dtype=np.float64)
        for t in texts:
            q, qkey = normalise(t), translit_key(t)
            for reading in ([q.split()] if q.isascii() else []) + [qkey.split()]:
                ub = np.maximum(ub, self._fuzzy(reading))
        v = vocabulary()
        bonus = np.array([v.lookup_bonus(k) for k in self.kinds] or [0.0], dtype=np.float64)
        kind = self._arrays["kind"]
        live = kind != GONE
        ub = np.minimum(99.0, ub + np.where(live, bonus[np.maximum(kind, 0)], 0.0)) + MARGIN
        ub[~live] = -1.0
        if kinds is not None:
            ok = of_kinds(kinds)
            ub[~np.isin(kind, [i for i, k in enumerate(self.kinds) if ok(k)])] = -1.0
        return exact, ub

    def _best(self, text: str, exact: set[int], ub: Any, at_least: float, kinds: list[str] | None,
              limit: int, take: Callable[[Lookup], list[Candidate]], words: dict[str, str]) -> list[NameEntry]:
        """The entries among which the ``limit`` best of those scoring ``at_least`` are: scored
        best bound first, until the ``limit``-th best score found beats every bound left."""
        import numpy as np

        above = np.nonzero(ub >= at_least)[0]
        order = above[np.argsort(-ub[above], kind="stable")]
        queue = [*sorted(exact), *(int(i) for i in order if int(i) not in exact)]
        kept: list[NameEntry] = []
        scores: list[float] = []
        done, size = 0, 256
        while done < len(queue):
            if len(scores) >= limit:
                kth = sorted(scores, reverse=True)[limit - 1]
                nxt = queue[done]
                if nxt not in exact and ub[nxt] < kth:
                    break
            batch = self.entries(queue[done:done + size])
            done += size
            size *= 2
            top = take(rank(_of_kinds(batch, kinds), text, words, limit))
            kept.extend(c.entry for c in top)
            scores.extend(c.score for c in top)
        self.stats["scored"] = self.stats.get("scored", 0) + min(done, len(queue))
        return kept

    def acronyms_of(self, kinds: Iterable[str]) -> dict[str, str]:
        """The acronym words of the entries of these kinds only, in key order (what a scan of only
        those entries reads)."""
        self.vocab()
        ok = of_kinds(kinds)
        keep = {i for i, k in enumerate(self.kinds) if ok(k)}
        kind = self._arrays["kind"]
        return _acronym_map(r for r in self.db.execute("SELECT head, key, seq, words FROM acronyms")
                            if int(kind[r[2]]) in keep)

    def lookup(self, text: str, kinds: Iterable[str] | None = None, limit: int = 8, *,
               own_acronyms: bool = False) -> Lookup:
        """graphkit.lookup.resolve_name over every entry, scoring only those that can make the answer.
        ``own_acronyms``: with ``kinds``, read acronyms as a scan of only the entries of those kinds
        does (:meth:`acronyms_of`), not through every entity's."""
        wanted = list(kinds) if kinds is not None else None
        words = self.acronyms_of(wanted) if own_acronyms and wanted is not None else self.acronyms
        self.stats.clear()
        exact, ub = self.bounds(text, wanted, words)
        kept = self._best(text, exact, ub, SUGGEST, wanted, limit, lambda r: r.candidates, words)
        if kept:
            self.stats["path"] = "index"
            return rank(kept, text, words, limit)
        # nothing scores 70 anywhere: the nearest five of those scoring 45 or more
        kept = self._best(text, exact, ub, NEAR, wanted, 5, lambda r: r.suggestions, words)
        if kept:
            self.stats["path"] = "index (near)"
            return rank(kept, text, words, limit)
        self.stats["path"] = "full scan"
        self.stats["scored"] = self.live
        entries = sorted(self.entries(), key=lambda e: e.key)
        if words is not self.acronyms:
            return resolve_name(_of_kinds(entries, wanted), text, None, limit)
        return resolve_name(entries, text, kinds, limit)


def _chunks(items: Sequence[Any], n: int) -> Iterator[list[Any]]:
    for i in range(0, len(items), n):
        yield list(items[i:i + n])


def resolver(engine: Any) -> Callable[[str, Iterable[str] | None], Lookup]:
    """``(text, kinds) -> Lookup`` for an engine: through the index of an embedded engine's store
    when it is current, else graphkit.lookup.resolve_name over ``engine.names()`` (read once)."""
    index: NameIndex | None = engine.name_index() if hasattr(engine, "name_index") else None
    if index is not None:
        return index.lookup
    cache: list[NameEntry] = []

    def scan(text: str, kinds: Iterable[str] | None = None) -> Lookup:
        if not cache:
            cache.extend(scan_entries(engine.names()))
        return resolve_name(cache, text, kinds)

    return scan


def resolve(engine: Any, text: str, kinds: Iterable[str] | None = None, *, own_acronyms: bool = False) -> Lookup:
    """One name through the index of an embedded engine's store when it is current (closed after:
    an open index holds a read transaction, which an update waits for), else by the scan.
    ``own_acronyms`` (with ``kinds``): acronyms read as a scan of only the entries of those kinds
    reads them (graphkit.lineage.find_start's pool), not through every entity's."""
    index: NameIndex | None = engine.name_index() if hasattr(engine, "name_index") else None
    if index is None:
        entries = scan_entries(engine.names())
        if own_acronyms and kinds is not None:
            return resolve_name(_of_kinds(entries, kinds), text)
        return resolve_name(entries, text, kinds)
    try:
        return index.lookup(text, kinds, own_acronyms=own_acronyms)
    finally:
        index.close()
