"""Full-text search over names, aliases and every ingested sentence, kept in step with the store.

The index is a SQLite FTS5 database in the store folder (``search.sqlite``), derived from the
store and never the other way round:

- one row per name of every entity (its name, acronyms, alternative names, misspellings);
- one row per sentence an ingested document states a fact with (the assertion's ``prov:value``),
  with its document, character span and the entities the facts of that sentence link.

:func:`refresh_index` brings it up to date. After a build (a new ``build.json`` mark beside the
store, graphkit.build) or without an index it is made whole. Otherwise only document graphs can
have changed (ingest and forget write nothing else), and only they are redone: the sentences of a
document that is new, changed (content hash) or gone, read from its graph alone, and the names of
the entities its graph labels or types, before and after, and of ids merged differently
(graphkit.xref.canonical_ids), each read by subject (graphkit.lookup.entity_entries); a renamed
entity's other sentences get its new name. Rows are found by rowid through bookkeeping tables
(``owners``, ``mentions``, ``graph_subjects``, ``names``, ``canon``), never by scanning the index,
and the result equals a whole rebuild's (tests/test_search.py). ``build``, ``ingest`` and
``forget`` call it after they write; :func:`search` calls it when it finds the index older than
the store.

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

from graphkit.build import build_mark
from graphkit.errors import GraphkitError, StoreError
from graphkit.lookup import LABEL_IRIS, RDF_TYPE_IRI, NameEntry, entity_entries, store_entries
from graphkit.store import NamedNode, Store, opened
from graphkit.terms import IRI
from graphkit.vocab import entity_id

INDEX_FILE: Final = "search.sqlite"
SCHEMA_VERSION: Final = "2"
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


def _name_rows(e: NameEntry) -> list[tuple[str, ...]]:
    return [(lab.text, e.name, "name", e.key, e.kind, "", "", "", "") for lab in e.labels]


def _sentence_row(s: _Sentence, names: dict[str, str]) -> tuple[str, ...]:
    span = f"{s.start}-{s.end}" if s.start is not None and s.end is not None else ""
    mentioned = sorted({names[e] for e in s.entities if e in names and e != s.document})
    doc_key = entity_id(s.document) if s.document else ""
    return (s.text, names.get(s.document, doc_key), "sentence", "", "", s.graph, doc_key, span,
            ENTITY_SEP.join(mentioned))


_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_NAMING = frozenset({*LABEL_IRIS, RDF_TYPE_IRI})


def _graph_sentences(store: Store, graph: str) -> tuple[list[_Sentence], set[str]]:
    """The quoted sentences of one graph (as :func:`_sentences` finds them) and the subjects its
    labels and types are about, from that graph's quads alone (one index range, no scan)."""
    by_subject: dict[str, dict[str, list[object]]] = {}
    named: set[str] = set()
    for q in store.quads(graph):
        if not isinstance(q.subject, NamedNode):
            continue
        p = q.predicate.value
        if p in _NAMING:
            named.add(q.subject.value)
        by_subject.setdefault(q.subject.value, {}).setdefault(p, []).append(q.object)
    found: dict[tuple[str, int | None], _Sentence] = {}
    for facts in by_subject.values():
        quotes = facts.get(IRI.quote)
        if not quotes or _RDF + "subject" not in facts or _RDF + "object" not in facts:
            continue
        starts = [_int(x) for x in facts.get(IRI.charStart, ())]
        ends = [_int(x) for x in facts.get(IRI.charEnd, ())]
        spans = [(a, b) for a in starts for b in ends] or [(None, None)]
        froms = [x.value for x in facts.get(IRI.quotedFrom, ()) if isinstance(x, NamedNode)] or [""]
        for quote in quotes:
            text = str(getattr(quote, "value", quote))
            for start, end in spans:
                sent = found.setdefault((text, start), _Sentence(graph, froms[0], text, start, end))
                for x in (*facts[_RDF + "subject"], *facts[_RDF + "object"]):
                    if isinstance(x, NamedNode) and x.value.startswith(("http://", "https://")):
                        sent.entities.add(x.value)
    return list(found.values()), named


def _int(term: object) -> int | None:
    try:
        return int(str(getattr(term, "value", "")))
    except ValueError:
        return None


_DDL_TABLES = (
    # which hit rows belong to an entity's names or to a graph's sentences (deleted by rowid, no FTS scan)
    "CREATE TABLE IF NOT EXISTS owners (hit INTEGER PRIMARY KEY, entity TEXT NOT NULL, graph TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS owners_entity ON owners (entity)",
    "CREATE INDEX IF NOT EXISTS owners_graph ON owners (graph)",
    # every named (merged) entity's display name, as the sentence rows show it
    "CREATE TABLE IF NOT EXISTS names (entity TEXT PRIMARY KEY, name TEXT NOT NULL)",
    # the entities each sentence row names (role 'document' gives its title), to follow a rename
    "CREATE TABLE IF NOT EXISTS mentions (hit INTEGER NOT NULL, entity TEXT NOT NULL, role TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS mentions_entity ON mentions (entity)",
    "CREATE INDEX IF NOT EXISTS mentions_hit ON mentions (hit)",
    # the subjects of each document graph's labels and types: their names change with the graph
    "CREATE TABLE IF NOT EXISTS graph_subjects (graph TEXT NOT NULL, entity TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS graph_subjects_graph ON graph_subjects (graph)",
    # merged ids (graphkit.xref.canonical_ids) the names were made with
    "CREATE TABLE IF NOT EXISTS canon (member TEXT PRIMARY KEY, head TEXT NOT NULL)",
)
_INSERT_HIT = ("INSERT INTO hits (text, title, what, key, kind, graph, document, span, entities) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")


def _add_names(db: sqlite3.Connection, entries: Iterable[NameEntry]) -> int:
    n = 0
    for e in entries:
        db.execute("INSERT OR REPLACE INTO names (entity, name) VALUES (?, ?)", (e.id, e.name))
        for row in _name_rows(e):
            hit = db.execute(_INSERT_HIT, row).lastrowid
            db.execute("INSERT INTO owners (hit, entity, graph) VALUES (?, ?, '')", (hit, e.id))
            n += 1
    return n


def _add_sentences(db: sqlite3.Connection, sentences: Iterable[_Sentence], names: dict[str, str]) -> None:
    for sent in sentences:
        hit = db.execute(_INSERT_HIT, _sentence_row(sent, names)).lastrowid
        db.execute("INSERT INTO owners (hit, entity, graph) VALUES (?, '', ?)", (hit, sent.graph))
        rows = [(hit, e, "entity") for e in sorted(sent.entities - {sent.document})]
        if sent.document:
            rows.append((hit, sent.document, "document"))
        db.executemany("INSERT INTO mentions (hit, entity, role) VALUES (?, ?, ?)", rows)


def _drop_hits(db: sqlite3.Connection, column: str, values: Iterable[str]) -> None:
    """Delete the hit rows owned by these entities or graphs (``column``), with their bookkeeping."""
    assert column in ("entity", "graph")
    for value in values:
        hits = [h for (h,) in db.execute(f"SELECT hit FROM owners WHERE {column} = ?", (value,))]
        for h in hits:
            db.execute("DELETE FROM hits WHERE rowid = ?", (h,))
            db.execute("DELETE FROM mentions WHERE hit = ?", (h,))
        db.execute(f"DELETE FROM owners WHERE {column} = ?", (value,))


def _names_of(db: sqlite3.Connection, iris: Iterable[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for iri in set(iris):
        row = db.execute("SELECT name FROM names WHERE entity = ?", (iri,)).fetchone()
        if row is not None:
            out[iri] = str(row[0])
    return out


def _fill_all(db: sqlite3.Connection, store: Store) -> IndexSummary:
    """Index the whole store (a new, empty index)."""
    from graphkit.xref import canonical_ids

    summary = IndexSummary(rebuilt=True)
    for stmt in (*_DDL, *_DDL_TABLES):
        db.execute(stmt)
    docs_now = _document_graphs(store)
    canon = canonical_ids(store)
    entries = store_entries(store, canon=canon)
    summary.names = _add_names(db, entries)
    names = {e.id: e.name for e in entries}
    _add_sentences(db, _sentences(store, None, set()), names)
    for g in sorted(docs_now):
        _, subjects = _graph_sentences(store, g)
        db.executemany("INSERT INTO graph_subjects (graph, entity) VALUES (?, ?)", [(g, e) for e in sorted(subjects)])
    db.executemany("INSERT INTO documents (graph, document, hash) VALUES (?, ?, ?)",
                   [(g, d, h) for g, (d, h) in sorted(docs_now.items())])
    db.executemany("INSERT INTO canon (member, head) VALUES (?, ?)", sorted(canon.items()))
    summary.sentences = db.execute("SELECT count(*) FROM hits WHERE what = 'sentence'").fetchone()[0]
    summary.documents_indexed = sorted(entity_id(d) for d, _ in docs_now.values())
    return summary


def _fill_changed(db: sqlite3.Connection, store: Store) -> IndexSummary:
    """Bring an index of this store's curated graphs up to date with its document graphs: only the
    changed documents' sentences and the names of the entities their graphs (before and after)
    label or type are redone, read by graph and by subject. The result equals :func:`_fill_all`'s."""
    from graphkit.xref import canonical_ids

    summary = IndexSummary(rebuilt=False)
    docs_now = _document_graphs(store)
    docs_then = {g: (d, h) for g, d, h in db.execute("SELECT graph, document, hash FROM documents")}
    changed = {g for g, dh in docs_now.items() if docs_then.get(g) != dh or not dh[1]}
    gone = set(docs_then) - set(docs_now)
    # the entities whose names may differ: those the changed graphs labelled or typed before ...
    affected: set[str] = set()
    for g in sorted(changed | gone):
        affected.update(e for (e,) in db.execute("SELECT entity FROM graph_subjects WHERE graph = ?", (g,)))
    # ... and now, and those merged differently
    new_sentences: list[_Sentence] = []
    subjects_now: dict[str, set[str]] = {}
    for g in sorted(changed):
        sents, subjects = _graph_sentences(store, g)
        new_sentences.extend(sents)
        subjects_now[g] = subjects
        affected |= subjects
    canon_then = dict(db.execute("SELECT member, head FROM canon").fetchall())
    canon = canonical_ids(store) if (changed or gone) else canon_then
    for m in set(canon) | set(canon_then):
        if canon.get(m) != canon_then.get(m):
            affected |= {m, canon.get(m, m), canon_then.get(m, m)}
    heads = {canon_then.get(a, a) for a in affected} | {canon.get(a, a) for a in affected}
    entries = entity_entries(store, heads, canon)
    old_names = _names_of(db, heads | set(entries))
    _drop_hits(db, "entity", sorted(heads | set(entries)))
    for h in sorted(heads | set(entries)):
        db.execute("DELETE FROM names WHERE entity = ?", (h,))
    summary.names = _add_names(db, [e for _, e in sorted(entries.items()) if e is not None])
    new_names = _names_of(db, old_names.keys() | set(entries))
    renamed = {e for e in old_names.keys() | new_names.keys() if old_names.get(e) != new_names.get(e)}
    # the changed documents' sentences
    _drop_hits(db, "graph", sorted(changed | gone))
    mentioned = {e for sent in new_sentences for e in (*sent.entities, sent.document)}
    _add_sentences(db, new_sentences, _names_of(db, mentioned))
    # other sentences showing a renamed entity (its name, or its document's title)
    for hit in sorted({h for e in sorted(renamed)
                       for (h,) in db.execute("SELECT hit FROM mentions WHERE entity = ?", (e,))}):
        ms = db.execute("SELECT entity, role FROM mentions WHERE hit = ?", (hit,)).fetchall()
        ents = {e for e, role in ms if role == "entity"}
        doc = next((e for e, role in ms if role == "document"), "")
        names = _names_of(db, ents | {doc})
        listed = sorted({names[e] for e in ents if e in names})
        title = names.get(doc, entity_id(doc) if doc else "")
        db.execute("UPDATE hits SET title = ?, entities = ? WHERE rowid = ?", (title, ENTITY_SEP.join(listed), hit))
    for g in sorted(changed | gone):
        db.execute("DELETE FROM graph_subjects WHERE graph = ?", (g,))
        db.execute("DELETE FROM documents WHERE graph = ?", (g,))
    for g in sorted(changed):
        db.executemany("INSERT INTO graph_subjects (graph, entity) VALUES (?, ?)",
                       [(g, e) for e in sorted(subjects_now[g])])
    db.executemany("INSERT INTO documents (graph, document, hash) VALUES (?, ?, ?)",
                   [(g, docs_now[g][0], docs_now[g][1]) for g in sorted(changed)])
    if canon != canon_then:
        db.execute("DELETE FROM canon")
        db.executemany("INSERT INTO canon (member, head) VALUES (?, ?)", sorted(canon.items()))
    summary.sentences = db.execute("SELECT count(*) FROM owners WHERE graph != ''").fetchone()[0]
    summary.documents_indexed = sorted(entity_id(docs_now[g][0]) for g in changed)
    summary.documents_dropped = sorted(entity_id(docs_then[g][0]) for g in gone)
    return summary


def _stamp(db: sqlite3.Connection, store: Store, build: str | None) -> None:
    db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema', ?), ('fingerprint', ?), ('build', ?)",
               (SCHEMA_VERSION, store.fingerprint, build or ""))


def refresh_index(store_path: Path, *, rebuild: bool = False) -> IndexSummary:
    """Bring the store's search index up to date with the store (see the module docstring).

    Reads the store's current snapshot (never blocks a writer). A rebuild writes a new index
    beside the old one and renames it over; an update runs in one SQLite transaction, so a reader
    sees the old index or the new one. Raises SearchError or StoreError.
    """
    store_path = Path(store_path)
    target = index_path(store_path)
    before = build_mark(store_path)
    with opened(store_path, read_only=True) as store:
        # the same mark before and after the snapshot was taken: no build swapped its store in
        # between (a build removes the mark first), so the snapshot is of that build's curated graphs
        build = before if build_mark(store_path) == before else None
        if not rebuild and build is not None and index_state(store_path) is not None:
            with closing(_connect(target)) as db:
                if _meta(db, "build") == build:
                    try:
                        with db:
                            summary = _fill_changed(db, store)
                            _stamp(db, store, build)
                            return summary
                    except sqlite3.Error as exc:
                        raise SearchError(f"cannot update the search index {target}: {exc}") from exc
        fd, tmp_name = tempfile.mkstemp(prefix=f".{INDEX_FILE}.partial-{os.getpid()}-", dir=store_path)
        os.close(fd)
        tmp = Path(tmp_name)
        try:
            with closing(_connect(tmp)) as db, db:
                summary = _fill_all(db, store)
                _stamp(db, store, build)
            os.replace(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)
        return summary


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
