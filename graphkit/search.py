"""Full-text search over names, aliases and every ingested sentence, kept in step with the store.

The index is a SQLite FTS5 database in the store folder (``search.sqlite``), derived from the
store and never the other way round:

- one row per name of every entity (its name, acronyms, alternative names, misspellings);
- one row per sentence an ingested document states a fact with (the assertion's ``prov:value``),
  with its document, character span and the entities the facts of that sentence link.

:func:`refresh_index` brings it up to date: names and curated sentences are re-read whenever the
store changed; a document's sentences are re-read only when the document is new or its content
hash changed, and dropped when its graph is gone. ``build``, ``ingest`` and ``forget`` call it
after they write; :func:`search` calls it when it finds the index older than the store.

Queries (:func:`parse_query`): words match their stem ("centre" finds "centres"); ``"scam
centres"`` is a phrase; ``traffick*`` a prefix; ``-word`` leaves out hits containing it; every
other character is taken literally, so a user's text never reaches FTS5 as syntax.
"""

from __future__ import annotations

import os
import re
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, Literal, TypedDict

from graphkit.errors import GraphkitError, StoreError
from graphkit.lookup import store_entries
from graphkit.store import Store, opened
from graphkit.terms import IRI
from graphkit.vocab import entity_id

INDEX_FILE: Final = "search.sqlite"
SCHEMA_VERSION: Final = "1"
TOKENIZER: Final = "porter unicode61 remove_diacritics 2"
# bm25 weights of the columns (text, title): a word in a name counts more than one in a sentence
WEIGHTS: Final = (1.0, 0.5)
NAME_BOOST: Final = 1.5

HitKind = Literal["name", "sentence"]


class SearchError(GraphkitError):
    """The search text has nothing to look for, or the index cannot be read or written."""


class Hit(TypedDict):
    """One search hit, the same in every output format."""

    rank: int
    score: float
    what: HitKind
    text: str           # the name, or the whole sentence
    key: str            # the entity a name belongs to ("" for a sentence)
    kind: str           # the entity's class ("" for a sentence)
    document: str       # the document's key ("" for a name)
    title: str          # the entity's or the document's name
    span: str           # "start-end" in the document's text ("" when unknown)
    entities: list[str]  # names of the entities the sentence's facts link ("" for a name)


HIT_COLUMNS: Final[list[str]] = list(Hit.__annotations__)


@dataclass
class IndexSummary:
    """What a refresh did."""

    names: int = 0
    sentences: int = 0
    documents_indexed: list[str] = field(default_factory=list)
    documents_dropped: list[str] = field(default_factory=list)
    rebuilt: bool = False

    def describe(self) -> str:
        what = "rebuilt" if self.rebuilt else "updated"
        return (f"search index {what}: {self.names} names, {self.sentences} sentences"
                f" ({len(self.documents_indexed)} documents indexed, {len(self.documents_dropped)} dropped)")


def index_path(store_path: Path) -> Path:
    """Where a store's search index lives."""
    return Path(store_path) / INDEX_FILE


# ------------------------------------------------------------------------------------ reading the store

_DOCUMENT_GRAPHS = f"""
SELECT ?g ?doc ?hash WHERE {{
  GRAPH ?g {{ ?g <{IRI.derivedFrom}> ?doc . OPTIONAL {{ ?doc <{IRI.contentHash}> ?hash }} }}
}}"""

_SENTENCES = f"""
SELECT ?g ?quote ?start ?end ?from ?s ?o WHERE {{
  GRAPH ?g {{
    ?a <{IRI.quote}> ?quote ; <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> ?s ;
       <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> ?o .
    OPTIONAL {{ ?a <{IRI.charStart}> ?start ; <{IRI.charEnd}> ?end }}
    OPTIONAL {{ ?a <{IRI.quotedFrom}> ?from }}
  }}
}}"""


@dataclass
class _Sentence:
    graph: str
    document: str
    text: str
    start: int | None
    end: int | None
    entities: set[str] = field(default_factory=set)


def _document_graphs(store: Store) -> dict[str, tuple[str, str]]:
    """graph IRI -> (document IRI, content hash) for every ingested document's graph."""
    out: dict[str, tuple[str, str]] = {}
    for r in store.select(_DOCUMENT_GRAPHS)[1]:
        out[str(r["g"])] = (str(r["doc"]), str(r["hash"] or ""))
    return out


def _sentences(store: Store, keep: set[str] | None, skip: set[str]) -> Iterator[_Sentence]:
    """Quoted sentences of the graphs in ``keep`` (all when None) and not in ``skip``, one per span."""
    found: dict[tuple[str, str, int | None], _Sentence] = {}
    for r in store.select(_SENTENCES)[1]:
        g = str(r["g"])
        if (keep is not None and g not in keep) or g in skip:
            continue
        start = r["start"] if isinstance(r["start"], int) else None
        end = r["end"] if isinstance(r["end"], int) else None
        text = str(r["quote"])
        sent = found.setdefault((g, text, start), _Sentence(g, str(r["from"] or ""), text, start, end))
        for x in (r["s"], r["o"]):
            if isinstance(x, str) and x.startswith(("http://", "https://")):
                sent.entities.add(x)
    yield from found.values()


# ------------------------------------------------------------------------------------ writing the index

_DDL = (
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS documents (graph TEXT PRIMARY KEY, document TEXT NOT NULL, hash TEXT NOT NULL)",
    f"CREATE VIRTUAL TABLE IF NOT EXISTS hits USING fts5(text, title, what UNINDEXED, key UNINDEXED, "
    f"kind UNINDEXED, graph UNINDEXED, document UNINDEXED, span UNINDEXED, entities UNINDEXED, "
    f"tokenize = '{TOKENIZER}')",
)
ENTITY_SEP: Final = "\x1f"


def _connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    try:
        if read_only:
            return sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        return sqlite3.connect(path)
    except sqlite3.Error as exc:
        raise SearchError(f"cannot open the search index {path}: {exc}") from exc


def _meta(db: sqlite3.Connection, key: str) -> str | None:
    try:
        row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    except sqlite3.Error:
        return None
    return str(row[0]) if row else None


def index_state(store_path: Path) -> str | None:
    """The store fingerprint the index was last brought up to date with (None: no usable index)."""
    path = index_path(store_path)
    if not path.is_file():
        return None
    with closing(_connect(path, read_only=True)) as db:
        if _meta(db, "schema") != SCHEMA_VERSION:
            return None
        return _meta(db, "fingerprint")


def _names(store: Store) -> tuple[list[tuple[str, ...]], dict[str, str]]:
    """Index rows for every entity name, and entity IRI -> display name."""
    rows: list[tuple[str, ...]] = []
    names: dict[str, str] = {}
    for e in store_entries(store):
        names[e.id] = e.name
        for lab in e.labels:
            rows.append((lab.text, e.name, "name", e.key, e.kind, "", "", "", ""))
    return rows, names


def _sentence_row(s: _Sentence, names: dict[str, str]) -> tuple[str, ...]:
    span = f"{s.start}-{s.end}" if s.start is not None and s.end is not None else ""
    mentioned = sorted({names[e] for e in s.entities if e in names and e != s.document})
    doc_key = entity_id(s.document) if s.document else ""
    return (s.text, names.get(s.document, doc_key), "sentence", "", "", s.graph, doc_key, span,
            ENTITY_SEP.join(mentioned))


def _fill(db: sqlite3.Connection, store: Store, rebuild: bool) -> IndexSummary:
    summary = IndexSummary(rebuilt=rebuild)
    for stmt in _DDL:
        db.execute(stmt)
    docs_now = _document_graphs(store)
    docs_then = {} if rebuild else {g: (d, h) for g, d, h in db.execute("SELECT graph, document, hash FROM documents")}
    changed = {g for g, dh in docs_now.items() if docs_then.get(g) != dh or not dh[1]}
    gone = set(docs_then) - set(docs_now)
    name_rows, names = _names(store)
    # names and curated sentences: always re-read (cheap); documents: only the changed ones
    db.execute("DELETE FROM hits WHERE what = 'name' OR graph NOT IN (SELECT graph FROM documents)")
    for g in sorted(changed | gone):
        db.execute("DELETE FROM hits WHERE graph = ?", (g,))
        db.execute("DELETE FROM documents WHERE graph = ?", (g,))
    db.executemany("INSERT INTO hits (text, title, what, key, kind, graph, document, span, entities) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", name_rows)
    summary.names = len(name_rows)
    unchanged_docs = set(docs_now) - changed
    rows = [_sentence_row(s, names) for s in _sentences(store, None, unchanged_docs)]
    db.executemany("INSERT INTO hits (text, title, what, key, kind, graph, document, span, entities) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    db.executemany("INSERT INTO documents (graph, document, hash) VALUES (?, ?, ?)",
                   [(g, docs_now[g][0], docs_now[g][1]) for g in sorted(changed)])
    summary.sentences = db.execute("SELECT count(*) FROM hits WHERE what = 'sentence'").fetchone()[0]
    summary.documents_indexed = sorted(entity_id(docs_now[g][0]) for g in changed)
    summary.documents_dropped = sorted(entity_id(docs_then[g][0]) for g in gone)
    db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema', ?), ('fingerprint', ?)",
               (SCHEMA_VERSION, store.fingerprint))
    return summary


def refresh_index(store_path: Path, *, rebuild: bool = False) -> IndexSummary:
    """Bring the store's search index up to date with the store (see the module docstring).

    Reads the store's current snapshot (never blocks a writer). A rebuild writes a new index
    beside the old one and renames it over; an update runs in one SQLite transaction, so a reader
    sees the old index or the new one. Raises SearchError or StoreError.
    """
    store_path = Path(store_path)
    target = index_path(store_path)
    with opened(store_path, read_only=True) as store:
        if rebuild or index_state(store_path) is None:
            fd, tmp_name = tempfile.mkstemp(prefix=f".{INDEX_FILE}.partial-{os.getpid()}-", dir=store_path)
            os.close(fd)
            tmp = Path(tmp_name)
            try:
                with closing(_connect(tmp)) as db, db:
                    summary = _fill(db, store, rebuild=True)
                os.replace(tmp, target)
            finally:
                tmp.unlink(missing_ok=True)
            return summary
        with closing(_connect(target)) as db:
            try:
                with db:
                    return _fill(db, store, rebuild=False)
            except sqlite3.Error as exc:
                raise SearchError(f"cannot update the search index {target}: {exc}") from exc


# ------------------------------------------------------------------------------------ querying

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(-?)(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)


def parse_query(text: str) -> str:
    """The FTS5 MATCH expression for a user's search text (never FTS5 syntax from the user).

    ``"a b"`` is a phrase, ``word*`` a prefix, ``-word`` or ``-"a b"`` excludes; other
    punctuation separates words. Raises SearchError when nothing is left to look for.
    """
    include: list[str] = []
    exclude: list[str] = []
    for m in _TOKEN.finditer(text):
        neg = bool(m.group(1) or m.group(3))
        if m.group(2) is not None:
            words = _WORD.findall(m.group(2))
            term = '"' + " ".join(words) + '"' if words else ""
        else:
            raw = m.group(4)
            prefix = raw.endswith("*")
            words = _WORD.findall(raw)
            if not words:
                continue
            term = '"' + " ".join(words) + '"' + ("*" if prefix else "")
        if term:
            (exclude if neg else include).append(term)
    if not include:
        raise SearchError(f"nothing to search for in {text!r}: give a word, a \"phrase\" or a prefix*")
    expr = " AND ".join(include)
    for term in exclude:
        expr += f" NOT {term}"
    return expr


@contextmanager
def _reading(store_path: Path) -> Iterator[sqlite3.Connection]:
    with closing(_connect(index_path(store_path), read_only=True)) as db:
        yield db


def search(store_path: Path, text: str, *, limit: int = 20, what: Iterable[str] = ("name", "sentence"),
           document: str | None = None) -> list[Hit]:
    """Hits for ``text``, best first: names and sentences ranked together (bm25, names weighted up).

    ``document`` keeps sentences of one document (its key). The index is refreshed first when it
    is missing or older than the store. Raises SearchError (a text with nothing to look for) or
    StoreError (no store).
    """
    store_path = Path(store_path)
    expr = parse_query(text)
    with opened(store_path, read_only=True) as store:
        current = store.fingerprint
    if index_state(store_path) != current:
        refresh_index(store_path)
    kinds = sorted(set(what))
    sql = (f"SELECT text, title, what, key, kind, document, span, entities, "
           f"bm25(hits, {WEIGHTS[0]}, {WEIGHTS[1]}) * (CASE what WHEN 'name' THEN {NAME_BOOST} ELSE 1.0 END) AS s "
           f"FROM hits WHERE hits MATCH ? AND what IN ({', '.join('?' for _ in kinds)})"
           + (" AND document = ?" if document else "") + " ORDER BY s, text LIMIT ?")
    args: list[str | int] = [expr, *kinds, *([document] if document else []), max(1, limit)]
    try:
        with _reading(store_path) as db:
            found = db.execute(sql, args).fetchall()
    except sqlite3.OperationalError as exc:
        raise SearchError(f"search failed: {exc}") from exc
    except sqlite3.Error as exc:  # pragma: no cover - a damaged index file
        raise StoreError(f"cannot read the search index: {exc}; run `graphkit build` to rebuild it") from exc
    hits: list[Hit] = []
    seen: set[tuple[str, str, str]] = set()
    for text_, title, kind_what, key, kind, doc, span, entities, s in found:
        ident = (kind_what, key or doc, text_ if kind_what == "sentence" else key)
        if ident in seen:  # one hit per entity (its best-matching name) and per sentence
            continue
        seen.add(ident)
        hits.append({"rank": len(hits) + 1, "score": round(-float(s), 3), "what": kind_what, "text": text_,
                     "key": key, "kind": kind, "document": doc, "title": title, "span": span,
                     "entities": [e for e in str(entities).split(ENTITY_SEP) if e]})
    return hits


def keep_in_step(store_path: Path, report: Callable[[str], None] | None = None) -> IndexSummary:
    """What ``build``, ``ingest`` and ``forget`` call after they write: refresh the index, say so."""
    summary = refresh_index(Path(store_path))
    if report is not None:
        report(summary.describe())
    return summary
