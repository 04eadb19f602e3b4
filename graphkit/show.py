"""One page about any entity: what it is, its dates and places, its relations, who spoke, who says so.

:func:`profile` gathers it from a Cypher engine (the projection: node properties, relationships
in both directions with their sources) and from the store (the sentences that state facts about
the entity, with their document and span). Dates known only to the month or year read as the
source gave them ("2019", "2018-04").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any, Final, TypedDict

from graphkit.engines import Engine
from graphkit.lookup import Candidate, NameNotFoundError
from graphkit.store import Store
from graphkit.terms import IRI, P, R
from graphkit.timeline import PRECISION_SUFFIX, PRECISIONS, PartialDate, date_keys
from graphkit.vocab import entity_id

# Node properties that are bookkeeping, not facts to show (the header shows name, kind and key).
HIDDEN: Final = frozenset({"id", "key", P.name, "kind", "labels", "sources", "origins"})
LABEL_KEYS: Final = (P.acronym, P.altNames, P.misspellings)
# Incoming relationships that say what was adopted, signed, said or reported at or about a meeting.
OUTCOMES: Final = (R.ADOPTED_AT, R.SIGNED_AT, R.DELIVERED_AT, R.ABOUT)


class Fact(TypedDict):
    """One property of the entity, as the source gave it."""

    property: str
    value: str


class Link(TypedDict):
    """One relationship of the entity, seen from it."""

    relationship: str
    direction: str       # "out" (entity -> other) or "in" (other -> entity)
    name: str
    kind: str
    key: str
    date: str
    sources: list[str]


class Speaker(TypedDict):
    """Who spoke at (or delivered a document about) the entity, and in which document."""

    name: str
    key: str
    document: str
    document_key: str


class Evidence(TypedDict):
    """A sentence of an ingested document that states a fact about the entity."""

    subject: str
    relation: str
    object: str
    quote: str
    document: str
    span: str


class Moment(TypedDict):
    """A dated step on the entity's small timeline: itself and what it links to."""

    date: str
    name: str
    kind: str
    key: str
    relationship: str


@dataclass
class Profile:
    """Everything :func:`profile` found about one entity."""

    key: str
    name: str
    kind: str
    names: list[str] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    outcomes: list[Link] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    timeline: list[Moment] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """A plain dict (for ``--format json``)."""
        return asdict(self)


def _text(value: object) -> str:
    if isinstance(value, (list, tuple)):
        return "; ".join(_text(v) for v in value)
    return "" if value is None else str(value)


def partial(props: Mapping[str, Any], key: str) -> PartialDate | None:
    """The date ``key`` of projected properties with its ``<key>Precision`` (engines may give text)."""
    value = props.get(key)
    if value in (None, ""):
        return None
    try:
        parsed = PartialDate.parse(value)
    except ValueError:
        return None
    precision = props.get(key + PRECISION_SUFFIX)
    return PartialDate(parsed.first, precision) if precision in PRECISIONS else parsed


def _date(props: Mapping[str, Any]) -> str:
    """A node's own date (the first date key it has), as given."""
    for key in date_keys():
        d = partial(props, key)
        if d is not None:
            return str(d)
    return ""


def _span_date(props: Mapping[str, Any]) -> str:
    """A relationship's qualifying dates ("2018 - 2021"), as given."""
    parts = [partial(props, k) for k in (P.startDate, P.endDate)]
    return " - ".join(str(d) for d in parts if d)


def _facts(props: Mapping[str, Any]) -> list[Fact]:
    out: list[Fact] = []
    dates = set(date_keys())
    for k in sorted(props):
        v = props[k]
        if k in HIDDEN or k in LABEL_KEYS or k.endswith(PRECISION_SUFFIX) or v in (None, "", []):
            continue
        if k in dates or k == P.endDate:
            d = partial(props, k)
            out.append({"property": k, "value": str(d) if d else _text(v)})
        else:
            out.append({"property": k, "value": _text(v)})
    return out


EVIDENCE_QUERY = f"""
SELECT DISTINCT ?e ?s ?p ?o ?quote ?start ?end ?doc WHERE {{
  {{ GRAPH ?g {{ ?a <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> ?e }} BIND(?e AS ?s) }}
  UNION {{ GRAPH ?g {{ ?a <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> ?e }} BIND(?e AS ?o) }}
  GRAPH ?g {{
    ?a <{IRI.quote}> ?quote ; <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> ?s ;
       <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> ?p ;
       <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> ?o .
    OPTIONAL {{ ?a <{IRI.charStart}> ?start ; <{IRI.charEnd}> ?end }}
    OPTIONAL {{ ?a <{IRI.quotedFrom}> ?doc }}
  }}
}}"""


def evidence(store: Store, iri: str) -> list[Evidence]:
    """The sentences of ingested documents that state a fact with the entity as subject or object."""
    from graphkit.vocab import vocabulary

    v = vocabulary()
    found = store.select(EVIDENCE_QUERY, {"e": f"<{iri}>"})[1]
    names = _names_of(store, {str(r[k]) for r in found for k in ("s", "o") if _IRI.match(str(r[k]))})
    rows: list[Evidence] = []
    for r in found:
        p = str(r["p"])
        rel = v.property_by_iri[p].key if p in v.property_by_iri else p
        span = f"{r['start']}-{r['end']}" if r["start"] is not None and r["end"] is not None else ""
        rows.append({"subject": names.get(str(r["s"]), entity_id(str(r["s"]))), "relation": rel,
                     "object": names.get(str(r["o"]), entity_id(str(r["o"]))), "quote": str(r["quote"]),
                     "document": entity_id(str(r["doc"])) if r["doc"] else "", "span": span})
    rows.sort(key=lambda x: (x["document"], int(x["span"].split("-")[0]) if x["span"] else 0, x["relation"]))
    return rows


_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+\Z")  # an object may be a literal


def _names_of(store: Store, iris: set[str]) -> dict[str, str]:
    """The display name of each of ``iris`` that names an entity (a merged node under its canonical
    id, as graphkit.lookup.store_entries gives it), read entity by entity: the cost follows the
    evidence rows, not the store's size."""
    from graphkit.lookup import entity_entries
    from graphkit.xref import canonical_ids

    return {head: e.name for head, e in entity_entries(store, iris, canonical_ids(store)).items() if e is not None}


def find(engine: Engine, text: str) -> Candidate:
    """The entity ``text`` names (the one lookup); raises NameNotFoundError (exit 3) otherwise."""
    from graphkit.engines.name_index import resolve

    match = resolve(engine, text)
    if match.best is None:
        raise NameNotFoundError(match)
    return match.best


def profile(engine: Engine, entity: Candidate, store: Store | None = None) -> Profile:
    """The page about ``entity``: properties, links both ways, outcomes, speakers, evidence, timeline."""
    node = entity.row
    found = engine.run("MATCH (n) WHERE n.id = $id RETURN n", {"id": entity.id})[1]
    props: Mapping[str, Any] = found[0]["n"] if found and isinstance(found[0].get("n"), Mapping) else node
    page = Profile(entity.key, entity.name, entity.kind)
    page.names = sorted({_text(x) for k in LABEL_KEYS for x in (props.get(k) or [])
                         if _text(x) and _text(x) != entity.name})
    page.facts = _facts(props)
    sources: set[str] = set(props.get("sources") or [])
    moments: list[Moment] = []
    own = _date(props)
    if own:
        moments.append({"date": own, "name": entity.name, "kind": entity.kind, "key": entity.key, "relationship": ""})
    seen_docs: set[str] = set()
    for r in engine.neighbours(entity.id):
        other, rprops = r["other"], r["props"] or {}
        link: Link = {"relationship": r["type"], "direction": r["direction"], "name": _text(other.get(P.name)),
                      "kind": _text(other.get("kind")), "key": _text(other.get("key")),
                      "date": _span_date(rprops) or _date(other), "sources": sorted(rprops.get("sources") or [])}
        page.links.append(link)
        sources.update(link["sources"])
        when = _date(other)
        if when:
            moments.append({"date": when, "name": link["name"], "kind": link["kind"], "key": link["key"],
                            "relationship": link["relationship"]})
        if r["direction"] == "in" and r["type"] in OUTCOMES:
            page.outcomes.append(link)
            if r["type"] == R.DELIVERED_AT and other.get("id") not in seen_docs:
                seen_docs.add(str(other.get("id")))
                page.speakers.extend(_speakers(engine, other))
        if r["direction"] == "in" and r["type"] == R.DELIVERED_BY:
            page.speakers.append({"name": entity.name, "key": entity.key, "document": link["name"],
                                  "document_key": link["key"]})
    page.links.sort(key=lambda x: (x["relationship"], x["direction"], x["date"], x["name"]))
    page.outcomes.sort(key=lambda x: (x["date"], x["name"]))
    page.speakers.sort(key=lambda x: (x["name"], x["document"]))
    page.timeline = sorted(moments, key=lambda m: (PartialDate.parse(m["date"]).first, m["name"]))
    if store is not None:
        page.evidence = evidence(store, entity.id)
        sources.update(e["document"] for e in page.evidence if e["document"])
    page.sources = sorted(sources)
    return page


def _speakers(engine: Engine, document: Mapping[str, Any]) -> list[Speaker]:
    out: list[Speaker] = []
    for r in engine.neighbours(str(document.get("id"))):
        if r["direction"] == "out" and r["type"] == R.DELIVERED_BY:
            out.append({"name": _text(r["other"].get(P.name)), "key": _text(r["other"].get("key")),
                        "document": _text(document.get(P.name)), "document_key": _text(document.get("key"))})
    return out
