"""Which sources state a fact: the library behind `graphkit explain`.

Every fact sits in the named graph of the source that states it; a graph describes itself inside
itself (``gk:origin`` "curated" with ``prov:hadPrimarySource`` <address>, or "extracted" with
``prov:wasDerivedFrom`` <document>). Extracted facts also carry a ``gk:Assertion`` with the
sentence (``prov:value``), its character span and, when a layer and not the rules found it, ``gk:foundBy``.
``explain`` joins the three.
"""

from __future__ import annotations

from typing import Any

from graphkit.errors import EntityNotFoundError
from graphkit.store import Store
from graphkit.vocab import ID_BASE, RDF_TYPE, entity_id, entity_iri, vocabulary

FACTS_QUERY = """
SELECT ?e ?s ?p ?o ?g ?quote ?start ?end ?by WHERE {
  { GRAPH ?g { ?e ?p ?o } BIND(?e AS ?s) } UNION { GRAPH ?g { ?s ?p ?e } BIND(?e AS ?o) }
  FILTER NOT EXISTS { GRAPH ?g { ?s a gk:Assertion } }
  FILTER (?s != ?g)
  OPTIONAL {
    GRAPH ?g { ?a a gk:Assertion ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:value ?quote .
               OPTIONAL { ?a gk:charStart ?start ; gk:charEnd ?end } OPTIONAL { ?a gk:foundBy ?by } }
  }
}"""

SOURCES_QUERY = """
SELECT ?g ?origin ?src ?doc WHERE {
  GRAPH ?g { ?g a gk:SourceGraph ; gk:origin ?origin .
             OPTIONAL { ?g prov:hadPrimarySource ?src } OPTIONAL { ?g prov:wasDerivedFrom ?doc } }
}"""

def resolve(store: Store, text: str) -> str:
    """The IRI of the entity ``text`` names (through :mod:`graphkit.lookup`); raises NameNotFoundError."""
    from graphkit.lookup import find

    return find(store, text).id


def explain(store: Store, target: str, relation: str | None = None, obj: str | None = None) -> list[dict[str, Any]]:
    """One row per (fact, source) about an entity: who states it and, for extracted facts, how.

    ``target`` is an id, IRI or name (resolved by graphkit.lookup); an entity merged by an xref
    decision brings the facts of every merged id, each under the id and source that state it.
    ``relation`` (a property key, or ``type``) and ``obj`` (an
    id, name or literal value) narrow it to one fact. Rows: subject, relation, object, origin
    (curated, extracted, vocabulary), source (the address, or the document id), quote and span
    (``start-end`` characters in the document's text), found_by (for an extracted fact the rules did not
    find: "ner" when the pretrained NER layer found the person, "relation-layer" when the learned relation
    layer added it; else empty). Raises EntityNotFoundError when the entity
    is unknown or no fact matches.
    """
    v = vocabulary()
    iri = resolve(store, target)
    if relation is not None and relation != "type":
        v.prop(relation)  # an unknown key raises OntologyError with the known ones
    sources: dict[str, dict[str, Any]] = {}
    for r in store.select(SOURCES_QUERY)[1]:
        entry = sources.setdefault(r["g"], {"origin": r["origin"], "src": set(), "doc": None})
        if r["src"]:
            entry["src"].add(r["src"])
        if r["doc"]:
            entry["doc"] = r["doc"]
    rows = []
    seen = set()
    from graphkit.xref import members_of

    facts = [r for member in members_of(store, iri) for r in store.select(FACTS_QUERY, {"e": f"<{member}>"})[1]]
    for r in facts:
        p = r["p"]
        key = "type" if p == RDF_TYPE else (v.property_by_iri[p].key if p in v.property_by_iri else p)
        if relation is not None and key != relation:
            continue
        o = _show(r["o"], v)
        if obj is not None and not _matches(obj, r["o"], o):
            continue
        src = sources.get(r["g"], {"origin": "", "src": set(), "doc": None})
        if src["doc"]:
            source = entity_id(src["doc"])
        elif src["src"]:
            source = " ".join(sorted(src["src"]))
        else:
            source = entity_id(r["g"])
        span = f"{r['start']}-{r['end']}" if r["start"] is not None and r["end"] is not None else ""
        row = {"subject": entity_id(r["s"]), "relation": key, "object": o, "origin": src["origin"],
               "source": source, "quote": r["quote"] or "", "span": span, "found_by": r["by"] or ""}
        ident = tuple(row.values())
        if ident not in seen:
            seen.add(ident)
            rows.append(row)
    if not rows:
        what = f" with relation {relation!r}" if relation else ""
        raise EntityNotFoundError(f"no fact about {entity_id(iri)}{what}" + (f" and object {obj!r}" if obj else ""))
    order = {"curated": 0, "extracted": 1, "vocabulary": 2}
    rows.sort(key=lambda x: (x["relation"] != "type", x["relation"], x["subject"], str(x["object"]),
                             order.get(x["origin"], 3), x["source"]))
    return rows


def _show(value: Any, v: Any) -> Any:
    if isinstance(value, str) and value in v.class_by_iri:
        return v.class_by_iri[value].key
    if isinstance(value, str) and value.startswith(ID_BASE):
        return entity_id(value)
    return value


def _matches(wanted: str, raw: Any, shown: Any) -> bool:
    w = wanted.strip()
    if str(shown) == w or str(raw) == w or str(raw) == entity_iri(w.removeprefix("id:")):
        return True
    return False
