"""The ingest pipeline: files -> extraction -> one named graph per document, written one by one.

Each document is one named graph ``graph/document/<key>`` that describes itself inside itself
(:func:`graphkit.provenance.describe_graph`), and every fact in it has a ``gk:Assertion`` with the
sentence, its character span and the sentence's hash (:func:`graphkit.provenance.assertion`).

Two rules make ingest repeatable:

* **A document's graph depends on its text and the curated graph only.** The extractor looks
  entities up in a :class:`SourceGazetteer`, which does not count what any extracted graph
  states (this document's earlier run or another document's). So the same file always gives the
  same graph, whatever was ingested before or beside it, and ingesting N times gives the same
  store byte for byte. Entities a document names that the curated graph lacks are described in
  the document's own graph (natural-key ids, so documents that name the same meeting meet there).
* **Nothing the shapes would refuse is written.** A new meeting the text gives neither a date nor
  a number in its series for (or no body), or a membership neither the text nor the curated graph
  gives the day it began, is held back with every fact about it, and the file's report says so. A
  new numbered meeting without a date ("the 42nd AMEM") is kept, placed by its number, with the
  facts the text states about it; the report names it as kept without a date.
"""

from __future__ import annotations

import gc
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphkit.build import ensure_build_mark
from graphkit.documents import forgotten_since
from graphkit.errors import IngestError, InvalidDataError
from graphkit.project import Changes, collector_paused
from graphkit.provenance import EXTRACTED, Qualifiers, assertion, describe_graph
from graphkit.store import Literal, NamedNode, Quad, Store, opened
from graphkit.terms import IRI, C, P
from graphkit.vocab import GRAPH_BASE, RDF_TYPE, XSD, entity_id, entity_iri, slugify, vocabulary
from ingest.curated import date_literal
from ingest.extract import DOC, Context, Extraction, Fact, extract
from ingest.gazetteer import Gazetteer, MeetingInfo
from ingest.readers import LoadedDocument, load_document, sha256
from ingest.readers.common import SIDECAR

EXTRACTED_GRAPHS = GRAPH_BASE + "document/"
"""Every ingested document's graph starts with this."""
GOLD_SUFFIXES = (".gold.yaml", ".gold.json")

Value = str | int | bool


# ---------------------------------------------------------------------------------------- gazetteer
@dataclass
class SourceGazetteer(Gazetteer):
    """The gazetteer as the curated sources define it: what only extracted graphs state about an
    entity does not make it known, so the extractor never reads its own (or a sibling's) output."""

    ends: dict[str, set[str]] = field(default_factory=dict)  # meeting -> end dates the curated graph gives
    chairs: dict[str, set[str]] = field(default_factory=dict)  # chairmanship -> its chair state(s), curated
    # membership -> the day(s) it began, curated: read from the store by for_store (not saved in the file)
    memberships: dict[str, set[str]] = field(default_factory=dict)

    def known(self, eid: str) -> bool:
        """True when a graph other than an ingested document's defines the entity."""
        ent = self.entities.get(eid)
        if ent is None:
            return False
        return not ent.graphs or any(not g.startswith(EXTRACTED_GRAPHS) for g in ent.graphs)

    def classes(self, eid: str) -> set[str]:
        """Class keys of an entity, as the curated graph states them."""
        ent = self.entities.get(eid)
        if ent is None:
            return set()
        return {c for g, cs in ent.classes.items() if not g.startswith(EXTRACTED_GRAPHS) for c in cs}

    def _load_subject(self, iri: str, facts: dict[str, list[tuple[str, Any]]]) -> None:
        """As the base gazetteer, but a meeting's dates and place, the posts a person holds and the
        state of a post are those of curated graphs only: what one ingested text says a person
        holds must not change how another (or the same one, ingested again) reads its posts."""
        super()._load_subject(iri, facts)
        eid = entity_id(iri)
        _put(self.holds, eid, _curated_ids(facts, IRI.holds))
        if eid in self.post_in:
            states = sorted({str(x) for g, x in facts.get(IRI.postIn, ())
                             if x is not None and g and not g.startswith(EXTRACTED_GRAPHS)})
            if states:
                self.post_in[eid] = entity_id(states[-1])
            else:
                del self.post_in[eid]
        _put(self.chairs, eid, _curated_ids(facts, IRI.chairState))
        if any(t == IRI.Membership and g and not g.startswith(EXTRACTED_GRAPHS) for g, t in facts.get(RDF_TYPE, ())):
            _put(self.memberships, eid, {str(d) for g, d in facts.get(IRI.startDate, ())
                                         if d is not None and g and not g.startswith(EXTRACTED_GRAPHS)})
        info = self.meetings.get(eid)
        if info is None:
            return

        def curated(pred: str) -> list[str]:
            return sorted({str(x) for g, x in facts.get(pred, ())
                           if x is not None and g and not g.startswith(EXTRACTED_GRAPHS)})

        starts, places, ends = curated(IRI.startDate), curated(IRI.location), curated(IRI.endDate)
        self.meetings[eid] = MeetingInfo(info.id, info.body, info.ordinal, starts[0] if starts else None,
                                         entity_id(places[0]) if places else None)
        if ends:
            self.ends[eid] = set(ends)

    def _drop_subject(self, iri: str) -> None:
        super()._drop_subject(iri)
        self.ends.pop(entity_id(iri), None)
        self.chairs.pop(entity_id(iri), None)
        self.memberships.pop(entity_id(iri), None)

    def _saved_tables(self) -> tuple[str, ...]:
        return (*super()._saved_tables(), "ends", "chairs")

    @classmethod
    def for_store(cls, store: Store) -> SourceGazetteer:
        """The gazetteer saved beside ``store`` for its current fingerprint (GAZETTEER_FILE), or
        a new one read from the store (not saved here: see :meth:`IngestRun.finish`)."""
        found = cls.load(store.path / GAZETTEER_FILE, store.fingerprint)
        if isinstance(found, SourceGazetteer):
            found.loaded = True
            found.memberships = curated_memberships(store)
            return found
        # documents forgotten since it was saved: the saved one with their subjects read again
        since = forgotten_since(store.path, store.fingerprint)
        if since is not None:
            found = cls.load(store.path / GAZETTEER_FILE, since[0])
            if isinstance(found, SourceGazetteer):
                try:
                    found.update(store, since[1])
                    found.save(store.path / GAZETTEER_FILE, store.fingerprint)  # commits the rows redone
                    found.memberships = curated_memberships(store)
                    return found
                except (sqlite3.Error, OSError):
                    pass  # only a cache: read from the store below
        gaz = cls.from_store(store)
        assert isinstance(gaz, SourceGazetteer)
        return gaz


# the memberships first (a handful), then their days: not every dated thing, which at scale is every meeting
CURATED_MEMBERSHIPS = """SELECT ?m ?d ?g ?h WHERE {
  GRAPH ?h { ?m a org:Membership } GRAPH ?g { ?m schema:startDate ?d } }"""


def curated_memberships(store: Store) -> dict[str, set[str]]:
    """Membership id -> the day(s) it began, as curated graphs state them (a handful of nodes; the
    saved gazetteer file does not hold them, so a run reads them here)."""
    out: dict[str, set[str]] = {}
    for r in store.select(CURATED_MEMBERSHIPS)[1]:
        if not str(r["g"]).startswith(EXTRACTED_GRAPHS) and not str(r["h"]).startswith(EXTRACTED_GRAPHS):
            out.setdefault(entity_id(str(r["m"])), set()).add(str(r["d"]))
    return out


GAZETTEER_FILE = "gazetteer.sqlite"
"""The ingest gazetteer saved in the store folder, marked with the store fingerprint it matches, read
by key (ingest.gazetteer: the saved file)."""


def save_gazetteer(store_path: Path) -> None:
    """Read the ingest gazetteer from the store at ``store_path`` and save it beside the store
    (GAZETTEER_FILE), unless one is saved for its fingerprint already.

    Registered as the after-build hook ``gazetteer`` (entry point group ``graphkit.after_build``,
    run by graphkit.build): the first ingest after a build then loads it instead of reading
    every entity from the store. Raises what reading the store or writing the file raises; the
    build reports that and carries on."""
    # the collector is kept out (graphkit.project.collector_paused): reading every entity makes
    # millions of small acyclic objects, whose full passes cost 3.8 s of 18 s at 1M facts
    with opened(Path(store_path), read_only=True) as store, collector_paused():
        path = store.path / GAZETTEER_FILE
        if SourceGazetteer.saved_for(path, store.fingerprint):
            return
        gaz = SourceGazetteer.from_store(store)
        gaz.save(path, store.fingerprint)


def _curated_ids(facts: dict[str, list[tuple[str, Any]]], pred: str) -> set[str]:
    """The entity ids a subject's ``pred`` names in curated graphs (not in ingested documents' graphs)."""
    return {entity_id(str(x)) for g, x in facts.get(pred, ())
            if x is not None and g and not g.startswith(EXTRACTED_GRAPHS)}


def _put(table: Any, eid: str, values: set[str]) -> None:
    """``table[eid] = values``, or no entry for ``eid`` when there are none."""
    if values:
        table[eid] = values
    else:
        table.pop(eid, None)


# ---------------------------------------------------------------------------------------- holding back
@dataclass
class Held:
    """Entities held back from a document's graph, and why."""

    entities: dict[str, str] = field(default_factory=dict)   # id -> reason
    facts: list[str] = field(default_factory=list)           # single facts left out, with the reason
    undated: list[str] = field(default_factory=list)         # new numbered meetings kept without a date

    def note(self, names: dict[str, str]) -> str:
        """One line for the report: what was held back and why, and the meetings kept without a date."""
        items = [f"{names.get(e, e)} ({why})" for e, why in sorted(self.entities.items())] + self.facts
        kept = sorted(names.get(e, e) for e in self.undated)
        return "; ".join(n for n in (
            f"held back {len(items)}: " + "; ".join(items) if items else "",
            f"kept without a date (numbered, no date in the text) {len(kept)}: " + "; ".join(kept) if kept else "")
            if n)


def hold_back(ex: Extraction, gaz: SourceGazetteer | None = None) -> Held:
    """Remove from ``ex`` every new entity the shapes would refuse, with the facts about it.

    A new meeting needs the body it is a meeting of and a date or its number in the series
    (``gks:meeting``): a news report that names "the ASEAN-India Summit" without saying when it met
    gives no way to tell which one, and it is held back; "the 19th ADMM" is one meeting whatever its
    date, so it is kept without one (listed in ``Held.undated``), with what the text says of it. A
    meeting has one end date: an end the text gives that differs from the curated one is held back
    (the start date it states still corroborates or contradicts the curated one). An ASEAN
    Chairmanship has one chair state: a state the text gives that differs from the curated one, or
    a second state for the same chairmanship in one text, is held back. A membership needs the day
    it began (``gks:membership``): one the text states without its day ("the member states of ASEAN,
    namely A, B, ...", or the relation layer's MEMBER_OF) is held back unless the curated graph gives
    that membership its day (the text then corroborates it); without ``gaz`` every such one is."""
    held = Held()
    chaired: dict[str, str] = {}
    for f in list(ex.facts):
        if f.relation != P.chairState or not str(f.subject).startswith("chairmanship/"):
            continue
        curated = gaz.chairs.get(f.subject) if gaz is not None else None
        if curated and str(f.object) not in curated:
            ex.facts.remove(f)
            held.facts.append(f"chair state {f.object} of {f.subject} (the curated graph says {min(curated)})")
            continue
        first = chaired.setdefault(f.subject, str(f.object))
        if first != str(f.object):
            ex.facts.remove(f)
            held.facts.append(f"chair state {f.object} of {f.subject} (the text gives {first} too)")
    if gaz is not None:
        for f in list(ex.facts):
            curated = gaz.ends.get(f.subject)
            if f.relation == P.endDate and curated and str(f.object) not in curated:
                ex.facts.remove(f)
                held.facts.append(f"end date {f.object} of {f.subject} (the curated graph says {min(curated)})")
    said: dict[str, set[str]] = {}
    for f in ex.facts:
        said.setdefault(f.subject, set()).add(f.relation)
    for f in ex.facts:
        if f.relation == "type" and f.object == C.Membership and P.startDate not in said.get(f.subject, set()) \
                and not (gaz is not None and gaz.memberships.get(f.subject)):
            of = {g.relation: str(g.object) for g in ex.facts if g.subject == f.subject and g.relation in
                  (P.member, P.membershipOf)}
            held.entities[f.subject] = (f"{of.get(P.member, '?')} in {of.get(P.membershipOf, '?')}: "
                                        "no day it began, in the text or the curated graph")
    for eid, cls in ex.created.items():
        if cls != C.Meeting:
            continue
        props = said.get(eid, set())
        if P.meetingOf not in props:
            held.entities[eid] = "no body" if P.startDate in props or P.ordinal in props else "no date in the text"
        elif P.startDate not in props and P.ordinal not in props:
            held.entities[eid] = "no date in the text"
        elif P.startDate not in props:
            held.undated.append(eid)
        elif gaz is not None:
            clash = _out_of_order(ex, eid, gaz)
            if clash:
                held.entities[eid] = clash
    if not held.entities:
        return held
    gone = set(held.entities)
    # a remarks document delivered at a held-back meeting has nothing left to say
    for f in ex.facts:
        if f.relation == P.deliveredAt and f.object in gone and f.subject in ex.created:
            gone.add(f.subject)
    ex.facts[:] = [f for f in ex.facts if f.subject not in gone and not (isinstance(f.object, str)
                                                                          and f.object in gone)]
    ex.mentions[:] = [m for m in ex.mentions if m.entity not in gone]
    ex.created = {e: c for e, c in ex.created.items() if e not in gone}
    if ex.main_meeting in gone:
        ex.main_meeting = None
    return held


def _out_of_order(ex: Extraction, eid: str, gaz: SourceGazetteer) -> str:
    """Why a new numbered meeting cannot join its series, or "": its date puts it before a known
    meeting with a lower number or after one with a higher number (validate's series-order
    check), which says the text's number, body or date was misread ("the 16th ... Meeting" of
    another series taken as the 16th of this one). Dates compare at their shared precision."""
    first: dict[str, Any] = {}
    for f in ex.facts:
        if f.subject == eid and f.relation in (P.meetingOf, P.ordinal, P.startDate):
            first.setdefault(f.relation, f.object)
    body, n, start = first.get(P.meetingOf), first.get(P.ordinal), first.get(P.startDate)
    if not isinstance(body, str) or start is None:
        return ""
    try:
        number = int(str(n))
    except ValueError:
        return ""
    day = str(start)
    for m in gaz.meetings_of(body):
        if m.ordinal is None or m.start is None or m.ordinal == number:
            continue
        width = min(len(m.start), len(day))
        if (m.ordinal < number and m.start[:width] > day[:width]) or (
                m.ordinal > number and m.start[:width] < day[:width]):
            return f"no. {number} dated {day}, out of order with no. {m.ordinal} ({m.start}) of {body}"
    return ""


# ---------------------------------------------------------------------------------------- RDF
def document_quads(doc: LoadedDocument, ex: Extraction, gaz: Gazetteer | None = None) -> list[Quad]:
    """The named graph of one document: its description, its facts and their assertions."""
    v = vocabulary()
    graph = doc.graph
    g = NamedNode(graph)
    d = doc.id
    quads: list[Quad] = describe_graph(graph, EXTRACTED, sources=[doc.url] if doc.url else [],
                                       derived_from=entity_iri(d))

    def add(s: str, p: str, o: NamedNode | Literal) -> None:
        quads.append(Quad(NamedNode(s), NamedNode(p), o, g))

    def ref(eid: str) -> NamedNode:
        return NamedNode(entity_iri(d if eid == DOC else eid))

    node = entity_iri(d)
    add(node, RDF_TYPE, NamedNode(v.iri(doc.kind or ex.kind)))
    known = gaz.get(d) if gaz is not None else None
    if doc.heading or known is None or not known.name:
        add(node, IRI.name, Literal(doc.title))
    add(node, IRI.contentHash, Literal(doc.content_hash))
    if doc.url:
        add(node, IRI.url, Literal(doc.url, datatype=NamedNode(XSD + "anyURI")))
    issued = doc.date or ex.issued
    if issued:
        add(node, IRI.issued, date_literal(issued, lambda: IngestError(f"bad date {issued!r}")))
    if doc.publisher:
        pub = _publisher(doc.publisher, gaz)
        add(node, IRI.publisher, ref(pub))
        if gaz is None or not gaz.known(pub):
            add(entity_iri(pub), RDF_TYPE, NamedNode(IRI.Organization))
            add(entity_iri(pub), IRI.name, Literal(doc.publisher))
            add(entity_iri(pub), IRI.extracted, _literal(P.extracted, True))

    # which layer found a triple, when every fact stating it says the same one (else the rules had it too)
    found_by: dict[tuple[str, str, str], set[str]] = {}
    for f in ex.facts:
        found_by.setdefault((f.subject, f.relation, str(f.object)), set()).add(f.found_by)
    for f in ex.facts:
        s = entity_iri(d if f.subject == DOC else f.subject)
        o: NamedNode | Literal
        if f.relation == "type":
            p, o = RDF_TYPE, NamedNode(v.iri(str(f.object)))
        else:
            prop = v.prop(f.relation)
            p = prop.iri
            o = ref(str(f.object)) if prop.is_object else _literal(f.relation, f.object)
        add(s, p, o)
        by = found_by[(f.subject, f.relation, str(f.object))]
        quads.extend(assertion(graph, s, p, o, Qualifiers(quote=f.quote, quoted_from=entity_iri(d),
                                                          start=f.start, end=f.end,
                                                          found_by=next(iter(by)) if len(by) == 1 and "" not in by
                                                          else None)))
    # the same triple stated twice (a quote and a span each) keeps one of each
    return list(dict.fromkeys(quads))


def _literal(key: str, value: Value) -> Literal:
    dt = vocabulary().prop(key).datatype or XSD + "string"
    if dt == XSD + "date":
        return date_literal(value, lambda: IngestError(f"bad date {value!r}"))
    if dt == XSD + "boolean":
        return Literal("true" if value else "false", datatype=NamedNode(dt))
    if dt == XSD + "string":
        return Literal(str(value))
    return Literal(str(value), datatype=NamedNode(dt))


def _publisher(name: str, gaz: Gazetteer | None) -> str:
    if gaz is not None:
        ids = gaz.lookup(name, kinds=(C.Organization, C.Body, C.MemberState))
        if ids:
            return ids[0]
    return "org/" + slugify(name)


# ---------------------------------------------------------------------------------------- running
@dataclass
class FileResult:
    """What happened to one file."""

    file: str
    status: str                 # added, updated, unchanged, duplicate, skipped
    document: str = ""
    kind: str = ""
    facts: int = 0
    entities: int = 0
    new: int = 0
    held: int = 0
    note: str = ""

    @property
    def ok(self) -> bool:
        """True when the file's facts are in the store (written now or before)."""
        return self.status not in ("skipped", "duplicate")

    def as_row(self) -> dict[str, str | int]:
        """The row ``graphkit ingest`` prints for this file."""
        return {"file": self.file, "status": self.status, "document": self.document, "kind": self.kind,
                "facts": self.facts, "entities": self.entities, "new": self.new, "held": self.held,
                "note": self.note}

    def line(self) -> str:
        """One line for stderr: what the file gave, or why it was skipped."""
        if self.status in ("skipped", "duplicate"):
            return f"{self.status} {self.file}: {self.note}"
        found = f"{self.kind}, {self.facts} facts, {self.entities} entities ({self.new} new)"
        note = f" [{self.note}]" if self.note else ""
        return f"{self.status} {self.file}: {found}{note}"


def document_files(paths: Iterable[Path]) -> list[Path]:
    """The files to ingest: files as given, folders recursively (hidden files, metadata sidecars,
    gold annotations left out), in a stable order; a file no reader handles is reported, not skipped
    silently."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                rel = f.relative_to(p)
                if f.is_file() and not any(part.startswith(".") for part in rel.parts) and not _is_aux(f):
                    out.append(f)
        else:
            out.append(p)
    return list(dict.fromkeys(out))


def _is_aux(path: Path) -> bool:
    return path.name.endswith((SIDECAR, *GOLD_SUFFIXES, ".yml", ".yaml", ".json"))


SAME_TEXT = """SELECT ?d ?g ?hash WHERE { GRAPH ?g { ?d gk:contentHash ?hash } }"""


class IngestRun:
    """An ingest of many files into one store: iterate to ingest them one by one.

    ``len(run)`` is the number of files. Each file is written in its own transaction; a file whose
    graph would come out the same is not written at all. ``finish()`` publishes the writes and says
    which graphs changed (graphkit.project.Changes), so the projection and the Cypher copy are
    brought up to date by redoing only what those graphs touch (graphkit.engines.embedded.refresh).
    """

    def __init__(self, store: Store, paths: Iterable[Path], max_bytes: int | None = None, *,
                 ner: bool = True) -> None:
        self.store = store
        self.ner = ner_ready(ner)
        self.files = document_files(paths)
        self.max_bytes = max_bytes
        self._gaz: SourceGazetteer | None = None
        self._gaz_saved = False
        self._frozen = False
        self._keys: dict[str, str] = {}
        self._hashes: dict[str, str] = {}
        self.changes = Changes(before=store.fingerprint)

    def __len__(self) -> int:
        return len(self.files)

    def __iter__(self) -> Iterator[FileResult]:
        for path in self.files:
            yield self.ingest_file(path)

    @property
    def gazetteer(self) -> SourceGazetteer:
        """Made once per run (curated entities only; see :class:`SourceGazetteer`): the one saved beside
        the store when it matches the store's fingerprint, else read from the store."""
        if self._gaz is None:
            self._gaz = SourceGazetteer.for_store(self.store)
            self._gaz_saved = self._gaz.loaded
            # At 1M facts the gazetteer is millions of objects that live as long as the run: the
            # cyclic collector's full passes walked them all again and again during extraction
            # (it took twice as long). They are left out of its view until finish().
            gc.freeze()
            self._frozen = True
        return self._gaz

    def ingest_file(self, path: Path) -> FileResult:
        """Ingest one file; never raises for a bad file (the result says why it was skipped)."""
        name = str(path)
        try:
            doc = load_document(path, self.max_bytes)
        except (IngestError, InvalidDataError) as exc:
            return FileResult(name, "skipped", note=_reason(exc, name))
        if doc.key in self._keys:
            return FileResult(name, "skipped", doc.id, note=f"same document key as {self._keys[doc.key]}: "
                                                            "give one an id or url in a sidecar")
        self._keys[doc.key] = name
        twin = self._same_text(doc)
        if twin:
            return FileResult(name, "duplicate", doc.id,
                              note=f"same text as {twin} (content hash): not ingested again")
        self._hashes[doc.content_hash] = doc.id
        gaz = self.gazetteer
        kinds = vocabulary().subclasses(C.Document)
        stated = sorted(c for c in gaz.classes(doc.id) if c in kinds and c != C.Document)
        if doc.kind is None and len(stated) == 1:
            doc.kind = stated[0]  # a curated source already says what this document is
        ex = extract(doc.text, gaz, Context(doc.heading, doc.kind, doc.date), ner=self.ner)
        names = {f.subject: str(f.object) for f in ex.facts if f.relation == P.name}
        held = hold_back(ex, gaz)
        try:
            quads = document_quads(doc, ex, gaz)
        except (IngestError, InvalidDataError) as exc:   # a value the store cannot hold: this file only
            return FileResult(name, "skipped", doc.id, note=_reason(exc, name))
        before = list(self.store.quads(doc.graph))
        old = {(q.subject, q.predicate, q.object) for q in before}
        new = {(q.subject, q.predicate, q.object) for q in quads}
        if old == new:
            status = "unchanged"
        else:
            self.changes.note(doc.graph, before)   # what the graph said, and what it says now
            self.changes.note(doc.graph, quads)
            self.store.replace_graphs({doc.graph: quads})
            status = "updated" if old else "added"
        facts = sum(1 for f in ex.facts if f.relation not in (P.mentions, "type", P.name, P.extracted))
        notes = [*doc.notes, held.note(names)]
        return FileResult(name, status, doc.id, doc.kind or ex.kind, facts, len(ex.entities()), len(ex.created),
                          len(held.entities), "; ".join(n for n in notes if n))

    def finish(self) -> Changes:
        """Publish what the run wrote (a snapshot for readers) and say what changed: the graphs
        written, the IRIs they mention before and after, and the store's fingerprint before and after."""
        self.store.publish()
        self.changes.after = self.store.fingerprint
        ensure_build_mark(self.store.path)  # a store built before build marks: the search index can update
        try:
            self._save_gazetteer()
        finally:
            if self._frozen:
                gc.unfreeze()
                self._frozen = False
        return self.changes

    def _save_gazetteer(self) -> None:
        """Save the run's gazetteer beside the store for the next run, brought up to date with what
        this run wrote (only the subjects of the changed graphs are read again)."""
        gaz = self._gaz
        if gaz is None:
            return
        if not self.changes.graphs and self._gaz_saved:
            return  # nothing written: the saved one is this one
        try:
            if self.changes.graphs:
                gaz.update(self.store, self.changes.mentioned)
            gaz.save_changes(self.store.path / GAZETTEER_FILE, self.changes.after)
        except (sqlite3.Error, OSError):
            pass  # only a cache: the next run reads the store (what was not committed is rolled back)

    def _same_text(self, doc: LoadedDocument) -> str | None:
        """Another document already in the store (or in this run) with the same text."""
        if doc.content_hash in self._hashes and self._hashes[doc.content_hash] != doc.id:
            return self._hashes[doc.content_hash]
        _, rows = self.store.select(SAME_TEXT, {"hash": doc.content_hash})
        others = sorted(entity_id(str(r["d"])) for r in rows if str(r["g"]) != doc.graph
                        and str(r["g"]).startswith(EXTRACTED_GRAPHS))
        others = [o for o in others if o != doc.id]
        return others[0] if others else None


def ner_ready(ner: bool) -> bool:
    """``ner`` when the pretrained NER layer was asked for (the default of ingest and evaluate) and can run;
    raises IngestError saying what to install when it cannot, before anything is written (a command does not
    silently store less than it would elsewhere)."""
    if ner:
        from ingest.extract import pretrained

        reason = pretrained.missing()
        if reason:
            raise IngestError(reason)
    return ner


def _reason(exc: Exception, name: str) -> str:
    text = str(exc)
    return text[len(name) + 2:] if text.startswith(name + ": ") else text


def ingest_paths(store: Store, paths: Iterable[Path], max_bytes: int | None = None, *,
                 ner: bool = True) -> IngestRun:
    """Plan an ingest of files and folders into ``store``; iterate the result to run it.

    Example::

        run = ingest_paths(store, [Path("statements/")])
        for result in run:
            print(result.line())
    """
    return IngestRun(store, paths, max_bytes, ner=ner)


__all__ = ["FileResult", "Fact", "IngestRun", "SourceGazetteer", "document_files", "document_quads", "hold_back",
           "ingest_paths", "save_gazetteer", "sha256"]
