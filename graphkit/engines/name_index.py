"""Name lookups whose cost follows the name, not the graph: an index of the engine's names.

Every command that takes an entity by name resolves it through graphkit.lookup.resolve_name, which
scores every node of the graph. This index (``names.sqlite`` in the store folder) holds the rows
the embedded engine's ``names()`` gives, in the same order, with:

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

The index is stamped with the store fingerprint and the Cypher copy folder it was read from;
:func:`keep_in_step` (called by the commands that write the store, after the copy's refresh)
rewrites it. A reader that finds no index, or one of another copy, scans as before: it never writes.
"""

from __future__ import annotations

import json
import os
import sqlite3
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

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

INDEX_FILE: Final = "names.sqlite"
SCHEMA_VERSION: Final = "1"
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


def write_index(rows: Iterable[Mapping[str, Any]], stamp: str, path: Path) -> int:
    """Write the index of ``rows`` (an engine's ``names()``, in its order) to ``path`` (replaced
    whole, atomically); the number of entries."""
    rows = list(rows)
    entries = row_entries(rows)
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    tmp.unlink(missing_ok=True)
    vocab: dict[str, int] = {}
    indptr = array("q", [0])
    indices = array("i")
    lptr = array("q", [0])
    lens = array("i")
    kinds: dict[str, int] = {}
    kind = array("i")
    for e in entries:
        indices.extend(sorted({vocab.setdefault(w, len(vocab)) for w in _words(e)}))
        indptr.append(len(indices))
        lens.extend(sorted({x for how, n, key in e._keys if n and how != "key" for x in (len(n), len(key))}))
        lptr.append(len(lens))
        kind.append(kinds.setdefault(e.kind, len(kinds)))
    with closing(sqlite3.connect(tmp)) as db:
        db.executescript("""
            PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
            CREATE TABLE entries (seq INTEGER PRIMARY KEY, row TEXT NOT NULL);
            CREATE TABLE exact (k TEXT NOT NULL, seq INTEGER NOT NULL);
            CREATE TABLE words (id INTEGER PRIMARY KEY, word TEXT NOT NULL);
            CREATE TABLE blobs (name TEXT PRIMARY KEY, data BLOB NOT NULL);
        """)
        db.executemany("INSERT INTO entries VALUES (?, ?)",
                       ((i, json.dumps(r, default=str)) for i, r in enumerate(rows)))
        db.executemany("INSERT INTO exact VALUES (?, ?)",
                       ((k, i) for i, e in enumerate(entries) for k in _exact_keys(e)))
        db.executemany("INSERT INTO words VALUES (?, ?)", ((i, w) for w, i in vocab.items()))
        db.executemany("INSERT INTO blobs VALUES (?, ?)", [
            ("indptr", indptr.tobytes()), ("indices", indices.tobytes()), ("lptr", lptr.tobytes()),
            ("lens", lens.tobytes()), ("kind", kind.tobytes())])
        db.execute("CREATE INDEX exact_k ON exact (k)")
        db.executemany("INSERT INTO meta VALUES (?, ?)", [
            ("schema", SCHEMA_VERSION), ("stamp", stamp), ("count", str(len(entries))),
            ("acronyms", json.dumps(acronym_words(entries))), ("kinds", json.dumps(list(kinds))),
        ])
        db.commit()
    os.replace(tmp, path)
    return len(entries)


def keep_in_step(store_path: Path, report: Callable[[str], None] | None = None) -> int:
    """What ``build``, ``ingest`` and ``forget`` call after the Cypher copy's refresh: rewrite the
    index from the copy's ``names()`` (nothing when it is current); the number of entries."""
    from graphkit.engines.embedded import EmbeddedEngine
    from graphkit.store import opened

    store_path = Path(store_path)
    stamp = copy_stamp(store_path)
    if stamp is not None and _stamp_of(index_path(store_path)) == stamp:
        return 0
    with opened(store_path, read_only=True) as store:
        engine = EmbeddedEngine(store)
    try:
        stamp = copy_stamp(store_path)
        n = write_index(engine.names(), stamp or "", index_path(store_path))
    finally:
        engine.close()
    if report is not None:
        report(f"name index ready: {n} entities")
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


# ---------------------------------------------------------------------------------------- reading

@dataclass
class NameIndex:
    """An open index (read-only)."""

    db: sqlite3.Connection
    count: int
    acronyms: dict[str, str]
    kinds: list[str]
    _vocab: tuple[list[str], Any, Any] | None = field(default=None, repr=False)
    _arrays: dict[str, Any] = field(default_factory=dict, repr=False)
    stats: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def open(cls, store_path: Path) -> NameIndex | None:
        """The index of the store's current Cypher copy, or None (none, or of another copy)."""
        path = index_path(store_path)
        stamp = copy_stamp(store_path)
        if stamp is None or not path.exists():
            return None
        try:
            db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.Error:
            return None
        if meta.get("schema") != SCHEMA_VERSION or meta.get("stamp") != stamp:
            db.close()
            return None
        return cls(db, int(meta["count"]), json.loads(meta["acronyms"]), json.loads(meta["kinds"]))

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
        """The entries (all, or these), in the engine's order."""
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

    def bounds(self, text: str, kinds: list[str] | None) -> tuple[set[int], Any]:
        """The entries ``text`` names exactly (by id, key, label, transliteration, acronym), and
        for every entry a score it cannot exceed (-1 for a kind left out)."""
        import numpy as np

        self.vocab()
        texts = [text]
        spelled = _spelled_out(text, self.acronyms)
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
        ub = np.minimum(99.0, ub + bonus[self._arrays["kind"]]) + MARGIN
        if kinds is not None:
            ok = of_kinds(kinds)
            ub[~np.isin(self._arrays["kind"], [i for i, k in enumerate(self.kinds) if ok(k)])] = -1.0
        return exact, ub

    def _best(self, text: str, exact: set[int], ub: Any, at_least: float, kinds: list[str] | None,
              limit: int, take: Callable[[Lookup], list[Candidate]]) -> list[NameEntry]:
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
            top = take(rank(_of_kinds(batch, kinds), text, self.acronyms, limit))
            kept.extend(c.entry for c in top)
            scores.extend(c.score for c in top)
        self.stats["scored"] = self.stats.get("scored", 0) + min(done, len(queue))
        return kept

    def lookup(self, text: str, kinds: Iterable[str] | None = None, limit: int = 8) -> Lookup:
        """graphkit.lookup.resolve_name over every entry, scoring only those that can make the answer."""
        wanted = list(kinds) if kinds is not None else None
        self.stats.clear()
        exact, ub = self.bounds(text, wanted)
        kept = self._best(text, exact, ub, SUGGEST, wanted, limit, lambda r: r.candidates)
        if kept:
            self.stats["path"] = "index"
            return rank(kept, text, self.acronyms, limit)
        # nothing scores 70 anywhere: the nearest five of those scoring 45 or more
        kept = self._best(text, exact, ub, NEAR, wanted, 5, lambda r: r.suggestions)
        if kept:
            self.stats["path"] = "index (near)"
            return rank(kept, text, self.acronyms, limit)
        self.stats["path"] = "full scan"
        self.stats["scored"] = self.count
        return resolve_name(self.entries(), text, kinds, limit)


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
            cache.extend(row_entries(engine.names()))
        return resolve_name(cache, text, kinds)

    return scan


def resolve(engine: Any, text: str, kinds: Iterable[str] | None = None) -> Lookup:
    """One name through :func:`resolver`."""
    return resolver(engine)(text, kinds)
