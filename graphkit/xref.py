"""Cross-reference: candidate duplicates, the analyst's decisions, and merging on every build.

The loop (after nomenklatura's xref -> review -> merge):

1. :func:`candidates` compares every entity in the store (curated and extracted) with the others
   of a compatible kind and lists likely duplicates, each with a score and the evidence for each
   side (names, sources, origins, and context: posts held, meeting body and number, dates).
2. The analyst records a decision, ``same``, ``different`` or ``unsure``, with the public address
   that justifies it. Decisions are small YAML records in a decisions file (``decisions.xref``)
   kept in the user's records folder: :func:`record_decision`, :func:`forget_decision`.
3. Every ``graphkit build`` reads the ``*.xref`` files of the records folders it is given
   (:func:`decision_graphs`, a source adapter) and writes each ``same`` decision as one
   ``owl:sameAs`` fact in a graph of its own that cites the decision's source.
4. The projection merges each ``owl:sameAs`` cluster of graphkit ids into one node
   (:func:`canonical_ids`: a curated entity is the canonical one, else the smallest id), so Cypher,
   Neo4j and the exports see one node carrying every source's statements; the store keeps every
   statement under its original id, so removing the decision splits them again on the next build.
   ``explain`` lists the facts of every merged id, with the source that named it how.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypedDict

from graphkit.errors import InvalidDataError
from graphkit.terms import IRI, C, P
from graphkit.vocab import GRAPH_BASE, ID_BASE, OWL, RDF_TYPE, entity_id, entity_iri, vocabulary

if TYPE_CHECKING:
    import sqlite3

    from graphkit.lookup import NameEntry
    from graphkit.project import Changes
    from graphkit.store import Quad, Store

Verdict = Literal["same", "different", "unsure"]
VERDICTS: tuple[Verdict, ...] = ("same", "different", "unsure")
DECISIONS_FILE = "decisions.xref"
DECISIONS_SUFFIX = ".xref"  # not .yaml: the record reader takes every .yaml file of a records folder
DOCUMENT_GRAPHS = GRAPH_BASE + "document/"  # every ingested document's graph starts with this
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9.-]*)+$")
URL_RE = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
MIN_SCORE = 70.0
DIFFERENT_FROM = OWL + "differentFrom"  # a "different" decision; not a property of the ontology (never projected)
AUTO_MATCH = 90.0  # an extracted person whose name is a variant of one other person's at this score is that person
HEADER = """\
# graphkit xref decisions: whether two ids name one real thing (same / different / unsure).
# Written by `graphkit xref --same/--different/--unsure A B --source URL`; applied by every
# `graphkit build --records <this folder>`; delete an entry (or `graphkit xref --forget A B`)
# and the next build splits the two again. Each decision cites the public address behind it.
"""


# ---------------------------------------------------------------------------------------- decisions

@dataclass(frozen=True)
class Decision:
    """One analyst decision about a pair of ids, with the address that justifies it."""

    verdict: Verdict
    left: str
    right: str
    source: str
    decided: str = ""
    note: str = ""
    line: int = 0

    @property
    def pair(self) -> tuple[str, str]:
        return pair_key(self.left, self.right)


def pair_key(a: str, b: str) -> tuple[str, str]:
    """The pair in a stable order."""
    return (a, b) if a <= b else (b, a)


def _check_id(value: object, filename: str, line: int) -> str:
    if not isinstance(value, str) or not ID_RE.match(value):
        raise InvalidDataError(f"expected an id like person/some-name, got {value!r}", filename, line)
    return value


def parse_decisions(text: str, filename: str = DECISIONS_FILE) -> list[Decision]:
    """The decisions in a decisions file; InvalidDataError with file and line on a bad entry."""
    import yaml

    from graphkit import safeyaml

    root = safeyaml.compose(text, filename)  # the size, depth and alias limits of every YAML graphkit reads
    if root is None:
        return []
    if not isinstance(root, yaml.SequenceNode):
        raise InvalidDataError("a decisions file must be a YAML list of decisions", filename, root.start_mark.line + 1)
    out: list[Decision] = []
    seen: dict[tuple[str, str], int] = {}
    for node in root.value:
        line = node.start_mark.line + 1
        if not isinstance(node, yaml.MappingNode):
            raise InvalidDataError("a decision must be a mapping (same: [a, b], source: URL)", filename, line)
        fields = {str(k.value): (v, k.start_mark.line + 1) for k, v in node.value}
        verdicts = [v for v in VERDICTS if v in fields]
        unknown = set(fields) - set(VERDICTS) - {"source", "decided", "note"}
        if unknown:
            key = sorted(unknown)[0]
            raise InvalidDataError(f"unknown field {key!r} (a decision has same/different/unsure, source, "
                                   "decided, note)", filename, fields[key][1])
        if len(verdicts) != 1:
            raise InvalidDataError("a decision names exactly one of same, different, unsure", filename, line)
        verdict = verdicts[0]
        ids_node, ids_line = fields[verdict]
        if not isinstance(ids_node, yaml.SequenceNode) or len(ids_node.value) != 2:
            raise InvalidDataError(f"{verdict} takes a list of two ids", filename, ids_line)
        left, right = (_check_id(n.value, filename, n.start_mark.line + 1) for n in ids_node.value)
        if left == right:
            raise InvalidDataError(f"{verdict} names {left!r} twice", filename, ids_line)
        if "source" not in fields:
            raise InvalidDataError("a decision needs a source (the address that justifies it)", filename, line)
        source = str(fields["source"][0].value)
        if not URL_RE.match(source):
            raise InvalidDataError(f"source must be an http(s) address, got {source!r}", filename, fields["source"][1])
        decision = Decision(verdict, left, right, source,
                            str(fields["decided"][0].value) if "decided" in fields else "",
                            str(fields["note"][0].value) if "note" in fields else "", line)
        if decision.pair in seen:
            raise InvalidDataError(f"{left} and {right} are already decided at line {seen[decision.pair]}",
                                   filename, line)
        seen[decision.pair] = line
        out.append(decision)
    return out


def load_decisions(path: Path) -> list[Decision]:
    """The decisions in ``path`` (none when it does not exist)."""
    if not path.exists():
        return []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidDataError(f"cannot read: {exc}", str(path)) from None
    return parse_decisions(text, str(path))


def _render(decisions: Iterable[Decision]) -> str:
    import json

    parts = [HEADER]
    for d in decisions:
        # JSON strings are valid YAML scalars: any id, address or note round-trips exactly
        lines = [f"- {d.verdict}: [{d.left}, {d.right}]", f"  source: {json.dumps(d.source)}"]
        if d.decided:
            lines.append(f"  decided: {json.dumps(d.decided)}")
        if d.note:
            lines.append(f"  note: {json.dumps(d.note, ensure_ascii=False)}")
        parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)


def _write(path: Path, decisions: list[Decision]) -> None:
    """Write the file beside itself and rename it over the old one (all or nothing)."""
    text = _render(decisions)
    parse_decisions(text, str(path))  # never write a file the next build could not read
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)


def record_decision(path: Path, verdict: Verdict, left: str, right: str, source: str, note: str = "",
                    today: dt.date | None = None) -> Decision:
    """Add (or replace) the decision about ``left`` and ``right`` in the decisions file at ``path``."""
    for i in (left, right):
        _check_id(i, "decision", 0)
    if left == right:
        raise InvalidDataError(f"{left!r} cannot be compared with itself")
    if not URL_RE.match(source):
        raise InvalidDataError(f"--source must be an http(s) address, got {source!r}")
    decision = Decision(verdict, left, right, source, (today or dt.date.today()).isoformat(), note)
    kept = [d for d in load_decisions(path) if d.pair != decision.pair]
    _write(path, [*kept, decision])
    return decision


def forget_decision(path: Path, left: str, right: str) -> Decision | None:
    """Remove the decision about a pair; the removed decision, or None when there was none."""
    decisions = load_decisions(path)
    wanted = pair_key(left, right)
    gone = next((d for d in decisions if d.pair == wanted), None)
    if gone is not None:
        _write(path, [d for d in decisions if d.pair != wanted])
    return gone


def decision_files(dirs: Iterable[Path]) -> list[Path]:
    """The ``*.xref`` decisions files in these records folders (recursively), in a stable order."""
    out: list[Path] = []
    for d in dirs:
        d = Path(d)
        if d.is_dir():
            out.extend(sorted(p for p in d.rglob("*" + DECISIONS_SUFFIX) if p.is_file()))
    return out


def decision_graph(d: Decision) -> str:
    """The named graph holding one decision's ``owl:sameAs`` fact."""
    digest = hashlib.sha1("\x1f".join(d.pair).encode("utf-8")).hexdigest()[:16]
    return GRAPH_BASE + "source/decision-" + digest


def decision_graphs(record_dirs: list[Path], known: set[str], shipped: bool = True) -> Iterator[Quad]:
    """Source adapter for ``graphkit build``: each ``same`` decision as ``owl:sameAs`` in its own graph.

    The graph describes itself as curated, citing the decision's source and its decisions file.
    A ``different`` decision is written as ``owl:differentFrom``: it vetoes the automatic match of
    two extracted people (:func:`canonical_ids`). ``unsure`` changes nothing (xref stops listing it).
    """
    from graphkit.provenance import CURATED, describe_graph
    from graphkit.store import NamedNode, Quad

    for path in decision_files(record_dirs):
        for d in load_decisions(path):
            if d.verdict == "unsure":
                continue
            g = decision_graph(d)
            left, right = sorted(d.pair)
            p = IRI.sameAs if d.verdict == "same" else DIFFERENT_FROM
            yield Quad(NamedNode(entity_iri(left)), NamedNode(p), NamedNode(entity_iri(right)), NamedNode(g))
            yield from describe_graph(g, CURATED, sources=[d.source], files=[path.name])


# ---------------------------------------------------------------------------------------- merging

SAME_AS_QUERY = """
SELECT DISTINCT ?a ?b WHERE {
  ?a owl:sameAs ?b FILTER(isIRI(?b) && STRSTARTS(STR(?a), "BASE") && STRSTARTS(STR(?b), "BASE"))
}""".replace("BASE", ID_BASE)  # a constant, not a user value
CURATED_QUERY = """
SELECT DISTINCT ?e WHERE {
  GRAPH ?g { ?e a ?t . ?g gk:origin "curated" } FILTER(STRSTARTS(STR(?e), "BASE"))
}""".replace("BASE", ID_BASE)


def canonical_ids(store: Store, changes: Changes | None = None) -> dict[str, str]:
    """IRI -> the IRI of its merged node, for every graphkit id in an ``owl:sameAs`` cluster.

    Clusters come from ``same`` decisions and from :func:`auto_matches` (people that texts named
    differently). Ids outside any cluster are absent. The canonical id of a cluster is a curated
    entity's (an id some curated graph types), else the smallest id; so a merge never renames a
    curated record.

    The people matching is kept beside the store (PEOPLE_FILE, :func:`_auto_pairs`): read from it
    when it was made for the store's fingerprint, brought up to date with ``changes`` (the write
    that led from the fingerprint it was made for to this one: only the people the changed graphs
    mention, and the extracted people sharing a name word with them, are redone), else made from
    the whole store. Every way gives what :func:`auto_matches` gives (tests/test_incremental.py).
    """
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    pairs = [(str(r["a"]), str(r["b"])) for r in store.select(SAME_AS_QUERY)[1]]
    pairs += _auto_pairs(store, changes)
    for x, y in pairs:
        a, b = find(x), find(y)
        if a != b:
            parent[max(a, b)] = min(a, b)
    if not parent:
        return {}
    clusters: dict[str, list[str]] = defaultdict(list)
    for x in list(parent):
        clusters[find(x)].append(x)
    curated = {x for x in parent if _curated(store, x)}
    out: dict[str, str] = {}
    for members in clusters.values():
        members.sort()
        head = next((m for m in members if m in curated), members[0])
        for m in members:
            out[m] = head
    return out


def _curated(store: Store, iri: str) -> bool:
    """True when a curated graph types this graphkit id (what CURATED_QUERY lists), read by index."""
    from graphkit.store import NamedNode, to_python

    if not iri.startswith(ID_BASE):
        return False
    graphs = {q.graph_name.value for q in store.quads(subject=iri, predicate=RDF_TYPE)
              if isinstance(q.graph_name, NamedNode)}
    return any(to_python(q.object) == "curated"
               for g in sorted(graphs) for q in store.quads(g, subject=g, predicate=IRI.origin))


PEOPLE_QUERY = """
SELECT DISTINCT ?e ?g ?label WHERE {
  GRAPH ?g { ?e a schema:Person } OPTIONAL { ?e skos:prefLabel|skos:altLabel|skos:hiddenLabel ?label }
}"""
DIFFERENT_QUERY = "SELECT DISTINCT ?a ?b WHERE { ?a owl:differentFrom ?b }"
PERSON_LABELS = (IRI.name, IRI.altNames, IRI.misspellings)  # the labels PEOPLE_QUERY reads
PEOPLE_FILE = "people.sqlite"
"""Every person of the store (extracted only or not, labels, name words) and the pairs
:func:`auto_matches` makes, for the store fingerprint it names; kept by :func:`canonical_ids`."""
PEOPLE_FORMAT = "graphkit-people/1"


@dataclass
class _People:
    """Persons with their labels, which of them only ingested documents define, by name word."""

    labels: dict[str, set[str]] = field(default_factory=dict)
    extracted: set[str] = field(default_factory=set)
    by_word: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))


def _read_people(store: Store) -> _People:
    """Every person of the store, by one query (what :func:`auto_matches` starts from)."""
    from graphkit.lookup import person_tokens

    names: dict[str, set[str]] = defaultdict(set)
    graphs: dict[str, set[str]] = defaultdict(set)
    for r in store.select(PEOPLE_QUERY)[1]:
        e = str(r["e"])
        graphs[e].add(str(r["g"]))
        if r["label"] is not None:
            names[e].add(str(r["label"]))
    people = _People(labels={e: set(names.get(e, ())) for e in graphs},
                     extracted={e for e, gs in graphs.items() if all(g.startswith(DOCUMENT_GRAPHS) for g in gs)})
    for e, labels in names.items():
        for label in labels:
            for w in person_tokens(label):
                people.by_word[w].add(e)
    return people


def _pairs(people: _People, extracted: list[str], vetoed: set[tuple[str, str]]) -> list[tuple[str, str]]:
    """Each extracted person of ``extracted`` with the one it matches, among the people sharing a
    name word with it."""
    from graphkit.lookup import person_tokens

    out: list[tuple[str, str]] = []
    for e in extracted:
        pool = {o: people.labels[o] for label in people.labels[e] for w in person_tokens(label)
                for o in people.by_word.get(w, ())}
        found = _match(e, people.labels[e], pool, vetoed)
        if found is not None:
            out.append((e, found))
    return out


def _match(e: str, labels: set[str], pool: dict[str, set[str]], vetoed: set[tuple[str, str]]) -> str | None:
    """The one person of ``pool`` (id -> labels) the extracted person ``e`` is, or None."""
    from graphkit.lookup import person_name_score

    scored = []
    for o in sorted(pool):
        if o == e or pair_key(e, o) in vetoed:
            continue
        best = max((person_name_score(x, y)[0] for x in labels for y in pool[o]), default=0.0)
        if best >= AUTO_MATCH:
            scored.append((best, o))
    scored.sort(reverse=True)
    if len(scored) == 1 or (len(scored) > 1 and scored[0][0] > scored[1][0]):
        return scored[0][1]
    return None


def auto_matches(store: Store) -> list[tuple[str, str]]:
    """Extracted people that are a person named differently elsewhere, as (extracted, other) pairs.

    Ingest resolves a mention to a curated person before minting (ingest.gazetteer); two texts
    that name a person the records lack mint an id each ("Khaled Nordin", "Mohamed Khaled
    Nordin"). A person only ingested documents define is matched to the one other person whose
    name is a variant of its own (graphkit.lookup.person_name_score >= AUTO_MATCH: honorifics
    and particles aside the same words, or one name inside the other); none or several such
    people: no match. A ``different`` decision (owl:differentFrom) vetoes a pair. Reads the whole
    store; :func:`canonical_ids` keeps the result beside the store instead (:func:`_auto_pairs`).
    """

    people = _read_people(store)
    if not people.extracted:
        return []
    vetoed = _vetoed(store)
    return _pairs(people, sorted(people.extracted), vetoed)


def _vetoed(store: Store) -> set[tuple[str, str]]:
    return {pair_key(str(r["a"]), str(r["b"])) for r in store.select(DIFFERENT_QUERY)[1]}


_PEOPLE_DDL = (
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS person (iri TEXT PRIMARY KEY, extracted INTEGER NOT NULL, labels TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS word (word TEXT NOT NULL, iri TEXT NOT NULL, PRIMARY KEY (word, iri))",
    "CREATE TABLE IF NOT EXISTS pair (e TEXT PRIMARY KEY, o TEXT NOT NULL)",
)


def _auto_pairs(store: Store, changes: Changes | None) -> list[tuple[str, str]]:
    """:func:`auto_matches` of the store, kept in PEOPLE_FILE beside it (see :func:`canonical_ids`).
    Only a cache: when it cannot be read or written, the pairs are made from the whole store."""
    import json
    import sqlite3

    fp = store.fingerprint
    vetoed = _vetoed(store)
    veto_key = hashlib.sha256(json.dumps(sorted(vetoed)).encode()).hexdigest()
    try:
        db = sqlite3.connect(store.path / PEOPLE_FILE, timeout=30, isolation_level=None)
    except sqlite3.Error:
        return auto_matches(store)
    try:
        db.execute("BEGIN IMMEDIATE")
        for stmt in _PEOPLE_DDL:
            db.execute(stmt)
        meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
        same = meta.get("format") == PEOPLE_FORMAT and meta.get("vetoed") == veto_key
        if fp and same and meta.get("fingerprint") == fp:
            pass
        elif (fp and same and changes is not None and changes.before and meta.get("fingerprint") == changes.before):
            _update_people(db, store, changes.mentioned, vetoed)
        else:
            _fill_people(db, store, vetoed)
        db.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                       [("format", PEOPLE_FORMAT), ("fingerprint", fp), ("vetoed", veto_key)])
        out = sorted(db.execute("SELECT e, o FROM pair").fetchall())
        db.execute("COMMIT")
        return [(str(e), str(o)) for e, o in out]
    except (sqlite3.Error, ValueError):
        return auto_matches(store)
    finally:
        db.close()


def _fill_people(db: sqlite3.Connection, store: Store, vetoed: set[tuple[str, str]]) -> None:
    """PEOPLE_FILE's tables made again from the whole store."""
    import json


    for table in ("person", "word", "pair"):
        db.execute(f"DELETE FROM {table}")  # table names are constants
    people = _read_people(store)
    db.executemany("INSERT INTO person (iri, extracted, labels) VALUES (?, ?, ?)",
                   [(e, int(e in people.extracted), json.dumps(sorted(ls))) for e, ls in sorted(people.labels.items())])
    db.executemany("INSERT INTO word (word, iri) VALUES (?, ?)",
                   [(w, e) for w, es in sorted(people.by_word.items()) for e in sorted(es)])
    db.executemany("INSERT INTO pair (e, o) VALUES (?, ?)", _pairs(people, sorted(people.extracted), vetoed))


def _person_now(store: Store, iri: str) -> tuple[bool, set[str]] | None:
    """(only ingested documents type it, its labels) of a person read by index; None: not a person."""
    from graphkit.store import NamedNode, to_python

    graphs = {q.graph_name.value for q in store.quads(subject=iri, predicate=RDF_TYPE)
              if isinstance(q.graph_name, NamedNode) and q.object == NamedNode(IRI.Person)}
    if not graphs:
        return None
    labels = {str(to_python(q.object)) for p in PERSON_LABELS for q in store.quads(subject=iri, predicate=p)}
    return all(g.startswith(DOCUMENT_GRAPHS) for g in graphs), labels


def _update_people(db: sqlite3.Connection, store: Store, subjects: Iterable[str],
                   vetoed: set[tuple[str, str]]) -> None:
    """PEOPLE_FILE's tables brought up to date for these subjects (all the IRIs a write's graphs
    mentioned): their rows are read again by index, and every extracted person whose match may
    differ (a redone one, or one sharing a name word with a redone person's old or new labels) is
    matched again. The result equals :func:`_fill_people`'s."""
    import json

    from graphkit.lookup import person_tokens

    def words(labels: Iterable[str]) -> set[str]:
        return {w for label in labels for w in person_tokens(label)}

    def row(iri: str) -> tuple[bool, set[str]] | None:
        found = db.execute("SELECT extracted, labels FROM person WHERE iri = ?", (iri,)).fetchone()
        return None if found is None else (bool(found[0]), set(json.loads(found[1])))

    redo: set[str] = set()
    touched_words: set[str] = set()
    for iri in sorted(set(subjects)):
        old, new = row(iri), _person_now(store, iri)
        if old == new:
            continue
        redo.add(iri)
        old_words = words(old[1]) if old else set()
        new_words = words(new[1]) if new else set()
        touched_words |= old_words | new_words
        db.executemany("DELETE FROM word WHERE word = ? AND iri = ?", [(w, iri) for w in sorted(old_words)])
        db.execute("DELETE FROM person WHERE iri = ?", (iri,))
        db.execute("DELETE FROM pair WHERE e = ?", (iri,))
        if new is not None:
            db.execute("INSERT INTO person (iri, extracted, labels) VALUES (?, ?, ?)",
                       (iri, int(new[0]), json.dumps(sorted(new[1]))))
            db.executemany("INSERT INTO word (word, iri) VALUES (?, ?)", [(w, iri) for w in sorted(new_words)])
    for w in sorted(touched_words):
        redo.update(e for (e,) in db.execute(
            "SELECT w.iri FROM word w JOIN person p ON p.iri = w.iri WHERE w.word = ? AND p.extracted = 1", (w,)))
    for e in sorted(redo):
        db.execute("DELETE FROM pair WHERE e = ?", (e,))
        me = row(e)
        if me is None or not me[0]:
            continue
        pool_ids = {o for w in sorted(words(me[1]))
                    for (o,) in db.execute("SELECT iri FROM word WHERE word = ?", (w,))}
        pool = {o: found[1] for o in pool_ids if (found := row(o)) is not None}
        match = _match(e, me[1], pool, vetoed)
        if match is not None:
            db.execute("INSERT INTO pair (e, o) VALUES (?, ?)", (e, match))


def members_of(store: Store, iri: str) -> list[str]:
    """Every id merged with ``iri`` (itself included), the canonical one first."""
    canon = canonical_ids(store)
    head = canon.get(iri, iri)
    return [head] + sorted(m for m, h in canon.items() if h == head and m != head)


# ---------------------------------------------------------------------------------------- candidates

class Side(TypedDict):
    """One side of a candidate pair: who it is and who says so."""

    key: str
    name: str
    kind: str
    origins: list[str]
    sources: list[str]
    names: list[str]
    context: list[str]


class CandidateRow(TypedDict):
    """A candidate duplicate as a row (every --format shows the same columns)."""

    score: int
    left: str
    left_name: str
    right: str
    right_name: str
    kind: str
    evidence: str
    left_sources: list[str]
    right_sources: list[str]
    decision: str


CANDIDATE_COLUMNS: list[str] = list(CandidateRow.__annotations__)


@dataclass
class Pair:
    """Two entities that may be one, with the score, the reasons and both sides' evidence."""

    score: float
    left: Side
    right: Side
    reasons: list[str] = field(default_factory=list)
    decision: str = ""

    def as_row(self) -> CandidateRow:
        return {"score": round(self.score), "left": self.left["key"], "left_name": self.left["name"],
                "right": self.right["key"], "right_name": self.right["name"], "kind": self.left["kind"],
                "evidence": "; ".join(self.reasons), "left_sources": self.left["sources"],
                "right_sources": self.right["sources"], "decision": self.decision}


CONTEXT_KEYS: tuple[str, ...] = (P.meetingOf, P.ordinal, P.startDate, P.location, P.holds, P.adoptedOn, P.issued,
                                 P.containedIn, P.chairedBy)
ORIGINS_QUERY = 'SELECT DISTINCT ?e ?g WHERE { GRAPH ?g { ?e a ?t } FILTER(STRSTARTS(STR(?e), "BASE")) }'.replace(
    "BASE", ID_BASE)


@dataclass
class _Info:
    entry: NameEntry
    graphs: set[str] = field(default_factory=set)
    context: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))


def _context(store: Store) -> dict[str, dict[str, set[str]]]:
    v = vocabulary()
    iris = " ".join(f"<{v.prop(k).iri}>" for k in CONTEXT_KEYS)
    out: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for r in store.select(f"SELECT DISTINCT ?e ?p ?o WHERE {{ VALUES ?p {{ {iris} }} ?e ?p ?o }}")[1]:
        key = v.property_by_iri[str(r["p"])].key
        out[str(r["e"])][key].add(entity_id(str(r["o"])))
    return out


def _family(kind: str) -> str:
    """The broad kind two entities must share to be compared (Remarks and Declaration: Document)."""
    v = vocabulary()
    if kind not in v.classes:
        return kind
    chain = (kind, *v.classes[kind].ancestors)
    if C.Place in chain:
        return kind  # a city and a state may share a name ("Singapore") and stay two places
    for broad in (C.Meeting, C.Person, C.Post, C.Body, C.Document, C.Organization, C.Topic):
        if broad in chain:
            return broad
    return kind


def _score_pair(a: _Info, b: _Info, family: str) -> tuple[float, list[str]]:
    from graphkit.lookup import person_name_score

    ea, eb = a.entry, b.entry
    reasons: list[str] = []
    ca, cb = a.context, b.context
    if family == C.Meeting and ca[P.meetingOf] and ca[P.ordinal]:
        if ca[P.meetingOf] == cb[P.meetingOf] and ca[P.ordinal] == cb[P.ordinal]:
            body = ", ".join(sorted(ca[P.meetingOf]))
            reasons.append(f"both are meeting number {', '.join(sorted(ca[P.ordinal]))} of {body}")
            score = 97.0
        elif cb[P.meetingOf] and cb[P.ordinal]:
            return 0.0, []  # two numbered meetings of different bodies or numbers are two meetings
        else:
            score = 0.0
    else:
        score = 0.0
    na = {(lab.norm, lab.text) for lab in ea.labels}
    nb = {(lab.norm, lab.text) for lab in eb.labels}
    shared = sorted({t for n, t in na if n and n in {m for m, _ in nb}})
    if shared:
        score = max(score, 100.0 if family != C.Topic else 95.0)
        reasons.append(f"both are named {shared[0]!r}")
    else:
        ka = {k for _, _, k in ea._keys if k}
        kb = {k for _, _, k in eb._keys if k}
        common = sorted(ka & kb)
        if common:
            score = max(score, 95.0)
            reasons.append(f"the same name through transliteration ({common[0]!r})")
    if family == C.Person and score < 100:
        best = max((person_name_score(x.text, y.text) for x in ea.labels for y in eb.labels), key=lambda t: t[0])
        if best[0] > score:
            score = best[0]
            reasons.append(best[1])
    elif score < 90 and ea.labels and eb.labels and _numbers(ea.labels[0].norm) == _numbers(eb.labels[0].norm):
        # names that differ in a number ("50th" / "54th", "2015" / "2016", "II") name different things
        from rapidfuzz import fuzz

        ratio = fuzz.token_sort_ratio(ea.labels[0].norm, eb.labels[0].norm)
        if ratio >= 92:
            score = max(score, ratio * 0.9)
            reasons.append("names differ by a few letters")
    if score <= 0:
        return 0.0, []
    # context: a shared post or place raises, different dates lower
    for key, label in ((P.holds, "both hold"), (P.containedIn, "both in"), (P.location, "both held in")):
        common_ctx = ca[key] & cb[key]
        if common_ctx:
            score += 3.0
            reasons.append(f"{label} {', '.join(sorted(common_ctx))}")
    for key in (P.startDate, P.adoptedOn, P.issued):
        if ca[key] and cb[key] and not _dates_agree(ca[key], cb[key]):
            score -= 20.0
            reasons.append(f"different {key}: {', '.join(sorted(ca[key]))} vs {', '.join(sorted(cb[key]))}")
    return min(score, 100.0), reasons


_NUMBER = re.compile(r"\d+|\b(?:i{1,3}|iv|v|vi{1,3}|ix|x)\b")


def _numbers(text: str) -> list[str]:
    """The numbers in a normalised name: digits and roman numerals, in order."""
    return _NUMBER.findall(text)


def _dates_agree(a: set[str], b: set[str]) -> bool:
    return any(x.startswith(y) or y.startswith(x) for x in a for y in b)


def _side(info: _Info, catalogue: dict[str, tuple[str, str]]) -> Side:
    e = info.entry
    origins = sorted({catalogue[g][0] for g in info.graphs if g in catalogue})
    sources = sorted({catalogue[g][1] for g in info.graphs if g in catalogue})
    ctx = [f"{k}: {', '.join(sorted(vs))}" for k, vs in sorted(info.context.items()) if vs]
    return {"key": e.key, "name": e.name, "kind": e.kind, "origins": origins, "sources": sources,
            "names": sorted({lab.text for lab in e.labels}), "context": ctx}


def candidates(store: Store, decisions: Iterable[Decision] = (), min_score: float = MIN_SCORE,
               kinds: Iterable[str] | None = None, include_decided: bool = False) -> list[Pair]:
    """Likely duplicates in the whole store, best first, each with both sides' evidence.

    Entities are compared within one broad kind (people with people, meetings with meetings ...)
    and only when they share a name word or a transliteration key, so the work grows with the
    number of likely pairs, not with the square of the graph. Pairs already decided are left out
    unless ``include_decided``; pairs already merged are never listed.
    """
    from graphkit.lookup import store_entries
    from graphkit.provenance import graph_catalogue

    wanted = set(kinds) if kinds else None
    canon = canonical_ids(store)
    cat = {g: (i.origin, entity_id(i.source)) for g, i in graph_catalogue(store).items()}
    graphs: dict[str, set[str]] = defaultdict(set)
    for r in store.select(ORIGINS_QUERY)[1]:
        graphs[str(r["e"])].add(str(r["g"]))
    ctx = _context(store)
    infos: dict[str, _Info] = {}
    for e in store_entries(store, merged=False):
        fam = _family(e.kind)
        if not e.kind or fam in (C.Topic,) or (wanted and fam not in wanted and e.kind not in wanted):
            continue
        infos[e.id] = _Info(e, graphs.get(e.id, set()), ctx.get(e.id, defaultdict(set)))
    # block: entities sharing a name word (of 3+ letters) or a whole transliteration key
    blocks: dict[tuple[str, str], set[str]] = defaultdict(set)
    for iri, info in infos.items():
        fam = _family(info.entry.kind)
        for _how, _norm, key in info.entry._keys:
            blocks[(fam, "key:" + key)].add(iri)
            for w in key.split():
                if len(w) >= 3:
                    blocks[(fam, w)].add(iri)
    decided = {d.pair: d for d in decisions}
    seen: set[tuple[str, str]] = set()
    out: list[Pair] = []
    for (fam, _token), members in blocks.items():
        if len(members) < 2 or len(members) > 200:
            continue  # a word shared by hundreds of names ("asean", "meeting") says nothing
        ordered = sorted(members)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1:]:
                pair = pair_key(entity_id(a), entity_id(b))
                if pair in seen:
                    continue
                seen.add(pair)
                if canon.get(a, a) == canon.get(b, b):
                    continue
                score, reasons = _score_pair(infos[a], infos[b], fam)
                if score < min_score:
                    continue
                d = decided.get(pair)
                if d is not None and not include_decided:
                    continue
                out.append(Pair(score, _side(infos[a], cat), _side(infos[b], cat), reasons,
                                f"{d.verdict} ({d.source})" if d else ""))
    out.sort(key=lambda p: (-p.score, p.left["key"], p.right["key"]))
    return out


# ---------------------------------------------------------------------------------------- the command's calls

def decisions_path(records: Path | None, decisions: Path | None) -> Path | None:
    """The decisions file: ``decisions`` if given, else ``decisions.xref`` in the records folder."""
    if decisions is not None:
        return decisions
    return records / DECISIONS_FILE if records is not None else None


def review(store: Store, path: Path | None, min_score: float = MIN_SCORE, kinds: Iterable[str] | None = None,
           include_decided: bool = False) -> list[CandidateRow]:
    """The candidate duplicates as rows, best first, leaving out pairs decided in ``path``."""
    decisions = load_decisions(path) if path is not None else []
    return [p.as_row() for p in candidates(store, decisions, min_score, kinds, include_decided)]


def resolve_id(store: Store, text: str) -> str:
    """The id a user means: an id as given (when the store knows it), else through the one lookup,
    before merging (so each member of a merged pair can still be named)."""
    from graphkit.errors import EntityNotFoundError
    from graphkit.lookup import resolve_name, store_entries

    entries = store_entries(store, merged=False)
    if ID_RE.match(text.strip()):
        if any(e.key == text.strip() for e in entries):
            return text.strip()
        raise EntityNotFoundError(f"no entity {text.strip()!r} in the store")
    return resolve_name(entries, text).require().key


def decide(store: Store, path: Path, verdict: Verdict, left: str, right: str, source: str,
           note: str = "") -> Decision:
    """Record a decision about two entities (ids or names) in the decisions file at ``path``."""
    a, b = resolve_id(store, left), resolve_id(store, right)
    return record_decision(path, verdict, a, b, source, note)


def forget(store: Store, path: Path, left: str, right: str) -> Decision:
    """Remove the decision about two entities; raises EntityNotFoundError when there is none."""
    from graphkit.errors import EntityNotFoundError

    a, b = resolve_id(store, left), resolve_id(store, right)
    gone = forget_decision(path, a, b)
    if gone is None:
        raise EntityNotFoundError(f"{path} holds no decision about {a} and {b}")
    return gone
