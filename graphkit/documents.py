"""Ingested documents: list them, and forget one (its graph and nothing else).

Each ingested document has a named graph of its own (``provenance.document_graph``) that
describes itself (``gk:origin "extracted"``, ``prov:wasDerivedFrom`` the document). Forgetting a
document drops that graph in one transaction under the store's writer lock; curated facts and
other documents' graphs are untouched, and the search index drops the document's sentences.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, TypedDict

from graphkit.errors import EntityNotFoundError
from graphkit.lookup import normalise
from graphkit.project import Changes
from graphkit.provenance import EXTRACTED
from graphkit.store import Store, writing
from graphkit.terms import IRI
from graphkit.vocab import RDF_TYPE, entity_id, vocabulary


class DocumentRow(TypedDict):
    """One ingested document, as `graphkit documents` lists it."""

    key: str
    title: str
    kind: str
    date: str
    url: str
    triples: int
    sentences: int
    content_hash: str
    graph: str


DOCUMENT_COLUMNS: Final[list[str]] = list(DocumentRow.__annotations__)

_DOCUMENTS = f"""
SELECT ?g ?doc ?title ?type ?when ?url ?hash WHERE {{
  GRAPH ?g {{
    ?g <{IRI.origin}> "{EXTRACTED}" ; <{IRI.derivedFrom}> ?doc .
    OPTIONAL {{ ?doc <{IRI.name}> ?title }}
    OPTIONAL {{ ?doc <{RDF_TYPE}> ?type }}
    OPTIONAL {{ ?doc <{IRI.issued}> ?when }}
    OPTIONAL {{ ?doc <{IRI.url}> ?url }}
    OPTIONAL {{ ?doc <{IRI.contentHash}> ?hash }}
  }}
}}"""

# triples: those other than the graph's description and the assertions qualifying them
_COUNTS = f"""
SELECT ?g (COUNT(DISTINCT ?fact) AS ?n) (COUNT(DISTINCT ?quote) AS ?q) WHERE {{
  GRAPH ?g {{
    ?g <{IRI.origin}> "{EXTRACTED}" .
    {{ ?s ?p ?o FILTER(?s != ?g) FILTER NOT EXISTS {{ ?s a <{IRI.Assertion}> }}
       BIND(CONCAT(STR(?s), " ", STR(?p), " ", STR(?o)) AS ?fact) }}
    UNION {{ ?a <{IRI.quote}> ?quote }}
  }}
}} GROUP BY ?g"""


def list_documents(store: Store) -> list[DocumentRow]:
    """Every ingested document with its title, kind, date, address, facts and quoted sentences."""
    v = vocabulary()
    found: dict[str, DocumentRow] = {}
    for r in store.select(_DOCUMENTS)[1]:
        g = str(r["g"])
        row = found.get(g)
        if row is None:
            row = found[g] = {"key": entity_id(str(r["doc"])), "title": str(r["title"] or ""), "kind": "",
                              "date": str(r["when"] or ""), "url": str(r["url"] or ""), "triples": 0,
                              "sentences": 0, "content_hash": str(r["hash"] or ""), "graph": g}
        t = str(r["type"] or "")
        if t in v.class_by_iri:
            kind = v.class_by_iri[t].key
            # the most specific class: one that is not an ancestor of the kind already found
            if not row["kind"] or row["kind"] in v.classes[kind].ancestors:
                row["kind"] = kind
    for r in store.select(_COUNTS)[1]:
        g = str(r["g"])
        if g in found:
            found[g]["triples"] = int(r["n"] or 0)
            found[g]["sentences"] = int(r["q"] or 0)
    return sorted(found.values(), key=lambda d: (d["key"], d["graph"]))


def find_document(docs: list[DocumentRow], text: str) -> DocumentRow:
    """The ingested document ``text`` names: its key, graph, title or address (any case).

    Raises EntityNotFoundError (exit 3) with the ingested documents nearest by title.
    """
    t = text.strip()
    norm = normalise(t)
    exact = [d for d in docs if t in (d["key"], d["graph"], d["url"]) or t.removeprefix("id:") == d["key"]]
    if not exact:
        exact = [d for d in docs if norm and norm in (normalise(d["title"]), normalise(d["key"].rsplit("/", 1)[-1]))]
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        raise EntityNotFoundError(f"{text!r} names {len(exact)} ingested documents; give the key",
                                  [f"{d['title']} ({d['key']})" for d in exact])
    from rapidfuzz import fuzz, process

    near = process.extract(norm, {d["key"]: normalise(d["title"] or d["key"]) for d in docs},
                           scorer=fuzz.WRatio, limit=5)
    titles = {d["key"]: d["title"] for d in docs}
    raise EntityNotFoundError(f"no ingested document is called {text!r} (see `graphkit documents`)",
                              [f"{titles[k]} ({k})" for _, _, k in near])


@dataclass
class Forgotten:
    """What :func:`forget` removed, and what that changed (for the refresh: graphkit.project.Changes)."""

    document: DocumentRow
    changes: Changes = field(default_factory=lambda: Changes(before=""))

    def describe(self) -> str:
        d = self.document
        return f"forgot {d['key']} ({d['title'] or 'untitled'}): {d['triples']} triples in graph {d['graph']}"


FORGOTTEN_FILE: Final = "forgotten.json"
"""What the forgets since the last other write changed: the store fingerprint before the first and
after the last, and every IRI the dropped graphs mentioned. The ingest gazetteer saved for the
fingerprint before (ingest.pipeline) is brought up to date from it instead of read whole again."""


def forget(store_path: Path, text: str, *, timeout: float | None = None) -> Forgotten:
    """Drop the graph of the ingested document ``text`` names, under the store's writer lock.

    Nothing else changes: curated graphs and other documents stay as they are. Raises
    EntityNotFoundError when no ingested document matches, StoreError when the store is busy.
    The result says what changed, so the projection and the Cypher copy are redone only for the
    entities the graph mentioned (graphkit.engines.embedded.refresh); FORGOTTEN_FILE records it too.
    """
    with writing(Path(store_path), timeout=timeout) as store:
        doc = find_document(list_documents(store), text)
        changes = Changes(before=store.fingerprint)
        changes.note(doc["graph"], list(store.quads(doc["graph"])))
        store.replace_graphs({}, remove=[doc["graph"]])
        store.publish()
        changes.after = store.fingerprint
        _record_forgotten(store.path, changes)
    return Forgotten(doc, changes)


def _record_forgotten(path: Path, changes: Changes) -> None:
    """Add ``changes`` to FORGOTTEN_FILE (started again unless it ends where they begin); only a
    cache, so a failure to write it is left alone (the next ingest reads its gazetteer whole)."""
    target = path / FORGOTTEN_FILE
    before, mentioned = changes.before, set(changes.mentioned)
    try:
        old = json.loads(target.read_text(encoding="utf-8"))
        if isinstance(old, dict) and old.get("after") == changes.before and isinstance(old.get("mentioned"), list):
            before = str(old["before"])
            mentioned |= {str(x) for x in old["mentioned"]}
    except (OSError, ValueError, KeyError):
        pass
    tmp = target.with_name(f".{FORGOTTEN_FILE}.partial-{os.getpid()}")
    try:
        tmp.write_text(json.dumps({"before": before, "after": changes.after, "mentioned": sorted(mentioned)}),
                       encoding="utf-8")
        os.replace(tmp, target)
    except OSError:
        pass
    finally:
        tmp.unlink(missing_ok=True)


def forgotten_since(path: Path, fingerprint: str) -> tuple[str, set[str]] | None:
    """(the fingerprint before, the IRIs mentioned) when FORGOTTEN_FILE leads to ``fingerprint``, else None."""
    try:
        found = json.loads((path / FORGOTTEN_FILE).read_text(encoding="utf-8"))
        if isinstance(found, dict) and found.get("after") == fingerprint and fingerprint:
            return str(found["before"]), {str(x) for x in found["mentioned"]}
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return None
