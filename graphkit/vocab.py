"""Namespaces and terms, derived from the ontology in ontologies/ (closed: an unknown key raises).

The ontology is the single declaration of graphkit's terms. Every class and property carries a
``gk:key``: the short name used in YAML records, as the property-graph label or property name,
and (in CONST_CASE) as the relationship type. Nothing else in graphkit hard-codes a term that the
ontology does not declare; ``tests/test_vocab.py`` checks that they agree.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from graphkit.errors import OntologyError
from graphkit.settings import data_dir

GK = "https://w3id.org/asean-graphkit/ontology#"
ID_BASE = "https://w3id.org/asean-graphkit/id/"
GRAPH_BASE = "https://w3id.org/asean-graphkit/graph/"
VOCAB_GRAPH = GRAPH_BASE + "vocabulary"
ONTOLOGY_IRI = "https://w3id.org/asean-graphkit/ontology"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
ORG = "http://www.w3.org/ns/org#"
SCHEMA = "https://schema.org/"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SH = "http://www.w3.org/ns/shacl#"

PREFIXES = {
    "gk": GK, "id": ID_BASE, "rdf": RDF, "rdfs": RDFS, "owl": OWL, "xsd": XSD, "org": ORG,
    "schema": SCHEMA, "dcterms": DCTERMS, "prov": PROV, "skos": SKOS,
}
RDF_TYPE = RDF + "type"


def const_case(key: str) -> str:
    """``inConjunctionWith`` -> ``IN_CONJUNCTION_WITH``: the relationship type of a property key."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", key).upper()


@dataclass(frozen=True)
class Class:
    """An ontology class: its IRI, key (the property-graph label) and superclasses' keys."""

    key: str
    iri: str
    parents: tuple[str, ...] = ()
    ancestors: tuple[str, ...] = ()  # transitive, nearest first, declared classes only
    node_table: bool = False
    temporal_kind: str | None = None   # gk:temporalKind ("occurrence"), inherited through ancestors
    family: str | None = None          # gk:family: a document kind's picture lane
    lookup_bonus: float | None = None  # gk:lookupBonus, inherited through ancestors


@dataclass(frozen=True)
class Property:
    """An ontology property: object properties become relationships, datatype ones properties."""

    key: str
    iri: str
    is_object: bool
    datatype: str | None = None
    multi: bool = False
    id_prefix: str = ""
    time_role: str | None = None       # gk:timeRole: start, end, occurred, inForce, founded, year, period...
    date_rank: int | None = None       # gk:dateRank: order among a node's own dates
    single_valued: bool = False        # gk:singleValued: sources that disagree on it are a conflict
    single_valued_on: str | None = None  # gk:singleValuedOn: the class (key) whose entities it is single-valued on
    phrase: str | None = None          # gk:phrase / gk:inversePhrase: how the link reads either way
    inverse_phrase: str | None = None
    colour: str | None = None          # gk:colour in timeline pictures

    @property
    def rel_type(self) -> str:
        """The relationship type in the property graph (CONST_CASE of the key)."""
        return const_case(self.key)


@dataclass
class Vocabulary:
    """All classes and properties the ontology declares, by key and by IRI."""

    classes: dict[str, Class] = field(default_factory=dict)
    properties: dict[str, Property] = field(default_factory=dict)
    class_by_iri: dict[str, Class] = field(default_factory=dict)
    property_by_iri: dict[str, Property] = field(default_factory=dict)

    def cls(self, key: str) -> Class:
        """The class with this key; raises OntologyError for an undeclared one."""
        try:
            return self.classes[key]
        except KeyError:
            raise OntologyError(f"unknown class {key!r}; declared: {', '.join(sorted(self.classes))}") from None

    def prop(self, key: str) -> Property:
        """The property with this key; raises OntologyError for an undeclared one."""
        try:
            return self.properties[key]
        except KeyError:
            raise OntologyError(f"unknown property {key!r}") from None

    def iri(self, key: str) -> str:
        """The IRI of a class or property key."""
        if key in self.classes:
            return self.classes[key].iri
        return self.prop(key).iri

    def labels(self, class_iris: set[str] | list[str]) -> list[str]:
        """Labels for a node of these types: the most specific class first, then its ancestors."""
        keys = [self.class_by_iri[c].key for c in class_iris if c in self.class_by_iri]
        if not keys:
            return []
        keys.sort(key=lambda k: (-len(self.classes[k].ancestors), k))
        primary = keys[0]
        out = [primary]
        for k in keys[1:] + list(self.classes[primary].ancestors):
            if k not in out:
                out.append(k)
        return out

    def table(self, label: str) -> str:
        """The node table of a primary label: the nearest class (itself included) marked gk:nodeTable."""
        for k in (label, *self.classes[label].ancestors):
            if self.classes[k].node_table:
                return k
        return label

    def subclasses(self, key: str) -> list[str]:
        """The keys of a class and every class below it."""
        return [k for k, c in self.classes.items() if k == key or key in c.ancestors]

    def inherited(self, key: str, attr: str) -> str | float | None:
        """An annotation of a class or, failing that, of its nearest ancestor that has one."""
        for k in (key, *self.cls(key).ancestors):
            value = getattr(self.classes[k], attr)
            if value is not None:
                return value  # type: ignore[no-any-return]
        return None

    def document_kinds(self) -> list[str]:
        """The class keys of documents (Document and every kind below it), sorted."""
        return sorted(self.subclasses("Document"))

    def families(self) -> dict[str, str]:
        """Document kind -> its family (gk:family), for every kind that has one."""
        return {k: c.family for k, c in sorted(self.classes.items()) if c.family}

    def lookup_bonus(self, kind: str) -> float:
        """The tie-break bonus of a kind in name lookups (gk:lookupBonus, inherited; 0 without)."""
        if kind not in self.classes:
            return 0.0
        value = self.inherited(kind, "lookup_bonus")
        return float(value) if value is not None else 0.0

    def is_occurrence(self, kind: str) -> bool:
        """True for kinds that exist from their date on (events, documents: gk:temporalKind)."""
        return kind in self.classes and self.inherited(kind, "temporal_kind") == "occurrence"

    def phrases(self) -> dict[str, tuple[str, str]]:
        """Property key -> (how it reads from the subject, from the object), for annotated links."""
        return {p.key: (p.phrase, p.inverse_phrase or p.phrase)
                for p in sorted(self.properties.values(), key=lambda p: p.key) if p.phrase}

    def colours(self) -> dict[str, str]:
        """Property key -> colour in timeline pictures (gk:colour)."""
        return {p.key: p.colour for p in sorted(self.properties.values(), key=lambda p: p.key) if p.colour}

    def single_valued(self) -> list[str]:
        """The keys of properties an entity has one value of (gk:singleValued, or gk:singleValuedOn
        its class), sorted."""
        return sorted(p.key for p in self.properties.values() if p.single_valued)

    def single_valued_for(self, key: str, labels: Iterable[str]) -> bool:
        """Whether property ``key`` is single-valued on an entity with these class keys (its own and
        its ancestors'): always for gk:singleValued, on that class only for gk:singleValuedOn."""
        p = self.properties[key]
        return p.single_valued and (p.single_valued_on is None or p.single_valued_on in labels)


def ontology_files() -> list[Path]:
    """The Turtle files of the ontology, SHACL shapes and SKOS schemes."""
    return sorted(data_dir("ontologies").glob("*.ttl"))


@cache
def vocabulary() -> Vocabulary:
    """Load (once) the ontology's classes and properties."""
    import pyoxigraph as ox

    path = data_dir("ontologies") / "graphkit.ttl"
    store = ox.Store()
    try:
        store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    except SyntaxError as exc:
        raise OntologyError(f"{path}: {exc}") from exc

    def rows(query: str) -> ox.QuerySolutions:
        result = store.query(query, prefixes=PREFIXES)
        assert isinstance(result, ox.QuerySolutions)
        return result

    vocab = Vocabulary()
    parents: dict[str, list[str]] = {}
    keys: dict[str, str] = {}
    for sol in rows("SELECT ?c ?k WHERE { ?c a owl:Class ; gk:key ?k }"):
        keys[sol["c"].value] = sol["k"].value
    tables = {sol["c"].value for sol in rows("SELECT ?c WHERE { ?c a owl:Class ; gk:nodeTable true }")}
    for sol in rows("SELECT ?c ?p WHERE { ?c a owl:Class ; rdfs:subClassOf ?p }"):
        parents.setdefault(sol["c"].value, []).append(sol["p"].value)

    def annotations(kind: str) -> dict[str, dict[str, str]]:
        """term IRI -> annotation local name -> lexical value, for the gk: annotations below."""
        out: dict[str, dict[str, str]] = {}
        names = ("temporalKind", "family", "lookupBonus", "timeRole", "dateRank", "singleValued", "singleValuedOn",
                 "phrase",
                 "inversePhrase", "colour")
        values = " ".join(f"gk:{n}" for n in names)
        for sol in rows(f"SELECT ?t ?a ?v WHERE {{ ?t a {kind} ; ?a ?v . VALUES ?a {{ {values} }} }}"):
            out.setdefault(sol["t"].value, {})[sol["a"].value[len(GK):]] = sol["v"].value
        return out

    class_notes = annotations("owl:Class")
    prop_notes = annotations("?any")

    def ancestors(iri: str) -> list[str]:
        out: list[str] = []
        frontier = [p for p in parents.get(iri, []) if p in keys]
        while frontier:
            nxt = frontier.pop(0)
            if keys[nxt] not in out:
                out.append(keys[nxt])
                frontier.extend(p for p in parents.get(nxt, []) if p in keys)
        return out

    for iri, key in keys.items():
        if key in vocab.classes:
            raise OntologyError(f"class key {key!r} declared twice")
        notes = class_notes.get(iri, {})
        bonus = notes.get("lookupBonus")
        c = Class(key, iri, tuple(keys[p] for p in parents.get(iri, []) if p in keys), tuple(ancestors(iri)),
                  iri in tables, temporal_kind=notes.get("temporalKind"), family=notes.get("family"),
                  lookup_bonus=float(bonus) if bonus is not None else None)
        vocab.classes[key] = c
        vocab.class_by_iri[iri] = c

    q = """SELECT ?p ?k ?kind ?range ?multi ?prefix WHERE {
        ?p gk:key ?k ; a ?kind . FILTER(?kind IN (owl:ObjectProperty, owl:DatatypeProperty))
        OPTIONAL { ?p rdfs:range ?range } OPTIONAL { ?p gk:multiValued ?multi }
        OPTIONAL { ?p gk:idPrefix ?prefix } }"""
    for sol in rows(q):
        key = sol["k"].value
        if key in vocab.properties or key in vocab.classes:
            raise OntologyError(f"key {key!r} declared twice")
        notes = prop_notes.get(sol["p"].value, {})
        p = Property(
            key=key,
            iri=sol["p"].value,
            is_object=sol["kind"].value == OWL + "ObjectProperty",
            datatype=sol["range"].value if sol["range"] is not None else None,
            multi=sol["multi"] is not None and sol["multi"].value == "true",
            id_prefix=sol["prefix"].value if sol["prefix"] is not None else "",
            time_role=notes.get("timeRole"),
            date_rank=int(notes["dateRank"]) if "dateRank" in notes else None,
            single_valued=notes.get("singleValued") == "true" or "singleValuedOn" in notes,
            single_valued_on=keys.get(notes["singleValuedOn"], notes["singleValuedOn"]) if "singleValuedOn" in notes
            else None,
            phrase=notes.get("phrase"),
            inverse_phrase=notes.get("inversePhrase"),
            colour=notes.get("colour"),
        )
        if not p.is_object and p.datatype is None:
            raise OntologyError(f"datatype property {key!r} has no rdfs:range")
        vocab.properties[key] = p
        vocab.property_by_iri[p.iri] = p
    # Engines with one catalogue for tables and relationship types compare names without case.
    names: dict[str, str] = {}
    for name in [*vocab.classes, *(p.rel_type for p in vocab.properties.values() if p.is_object)]:
        if name.upper() in names:
            raise OntologyError(f"{name!r} and {names[name.upper()]!r} differ only in case")
        names[name.upper()] = name
    return vocab


@cache
def ontology_version() -> str:
    """The ontology's ``owl:versionInfo`` (release manifests record it)."""
    text = (data_dir("ontologies") / "graphkit.ttl").read_text(encoding="utf-8")
    m = re.search(r"<" + re.escape(ONTOLOGY_IRI) + r">[^.]*?owl:versionInfo\s+\"([^\"]+)\"", text, re.S)
    if m is None:
        raise OntologyError("the ontology has no owl:versionInfo")
    return m.group(1)


def entity_iri(entity_id: str) -> str:
    """The IRI of a record id such as ``meeting/apsc-council-29``."""
    return entity_id if entity_id.startswith(("http://", "https://")) else ID_BASE + entity_id


def entity_id(iri: str) -> str:
    """The short id of an IRI under graphkit's id base (other IRIs come back unchanged)."""
    return iri[len(ID_BASE):] if iri.startswith(ID_BASE) else iri


def slugify(text: str) -> str:
    """A lowercase, hyphenated slug for ids: ``"Lao PDR"`` -> ``"lao-pdr"``.

    Accents go (``"Hùng Việt"`` -> ``"hung-viet"``), and a Latin letter that carries no separable accent
    is written in ASCII letters, ``"Đỗ"`` -> ``"do"``, ``"Øresund"`` -> ``"oresund"``, ``"Straße"`` ->
    ``"strasse"`` (before, such a letter was dropped: ``"o"``, ``"resund"``). Punctuation, the curly
    apostrophe included, and letters of other scripts are dropped as before, so no other id changes."""
    text = unicodedata.normalize("NFKD", text)
    if not text.isascii():
        text = "".join(_latin_ascii(ch) for ch in text)
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@lru_cache(maxsize=4096)
def _latin_ascii(ch: str) -> str:
    """``ch`` if ASCII; a Latin letter without a separable accent in ASCII letters (anyascii); else ""."""
    if ch.isascii():
        return ch
    if not unicodedata.category(ch).startswith("L") or "LATIN" not in unicodedata.name(ch, ""):
        return ""
    from anyascii import anyascii

    return "".join(c for c in anyascii(ch) if c.isascii() and c.isalpha())


def render_terms() -> str:
    """The text of ``graphkit/terms.py``: one closed class per kind of term, generated from the
    ontology, so that code names a term as ``C.Meeting``, ``P.startDate`` or ``R.HELD_IN``.

    An undeclared name is an ``AttributeError`` at first use and a mypy error before that."""
    v = vocabulary()
    lines = [
        '"""Ontology terms by key, generated from ontologies/graphkit.ttl by scripts/generate-terms.',
        "",
        "Do not edit: change the ontology and run the script (a test fails when this file is stale).",
        "``C`` holds class keys (property-graph labels), ``P`` property keys (record fields and",
        "property names) and ``R`` relationship types (CONST_CASE of object-property keys).",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from typing import Final",
        "",
        "",
    ]

    def block(name: str, doc: str, items: list[tuple[str, str]]) -> None:
        lines.append(f"class {name}:")
        lines.append(f'    """{doc}"""')
        lines.append("")
        lines.append("    __slots__ = ()")
        lines.append("")
        lines.extend(f'    {attr}: Final = "{value}"' for attr, value in items)
        lines.append("")
        lines.append("")

    block("C", "Class keys: the label of a node in the property graph.",
          sorted((k, k) for k in v.classes))
    block("P", "Property keys: the field in records and the property or relationship key.",
          sorted((k, k) for k in v.properties))
    block("R", "Relationship types: the CONST_CASE of each object property's key.",
          sorted((p.rel_type, p.rel_type) for p in v.properties.values() if p.is_object))
    block("IRI", "The full IRI of each class and property, by key.",
          sorted((k, v.iri(k)) for k in [*v.classes, *v.properties]))
    return "\n".join(lines).rstrip() + "\n"
