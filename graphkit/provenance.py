"""Provenance: the one place that writes and reads how a fact came to be.

Every fact sits in a named graph of one source. The graph describes itself, inside itself (so
replacing or dropping the graph takes its description along)::

    <g> a gk:SourceGraph ; gk:origin "curated" ; prov:hadPrimarySource <address> ; gk:recordFile "x.yaml" .
    <g> a gk:SourceGraph ; gk:origin "extracted" ; prov:wasDerivedFrom <document> [; prov:hadPrimarySource <url>] .
    <g> a gk:SourceGraph ; gk:origin "vocabulary" ; prov:hadPrimarySource <ontology> .

A fact that needs more than its graph (the sentence that states it, its character span, the dates
it holds between) gets a ``gk:Assertion`` in the same graph (RDF reification)::

    <assertion/…> a gk:Assertion ; rdf:subject s ; rdf:predicate p ; rdf:object o ; gk:statedIn <g> ;
        [prov:wasQuotedFrom <doc> ; prov:value "sentence" ; gk:quoteHash "sha256" ;
         gk:charStart 12 ; gk:charEnd 80 ;] [schema:startDate … ; schema:endDate …] .

What to call (writers build quads; they never write to a store):

- ``source_graph(url)`` / ``document_graph(key)``: the graph IRI of a public address or document;
- ``describe_graph(graph, origin, sources=…, derived_from=…, files=…)``: a graph's self-description;
- ``assertion(graph, s, p, o, Qualifiers(...))``: the Assertion quads of one fact;
- ``graph_catalogue(store)`` / ``list_graphs(store)``: every graph with its origin and sources;
- ``GraphCatalogue``: the same, collected while a caller streams the store's quads once.

STORE (ingest/curated.py, graphkit/build.py, graphkit/validate.py), EXTRACT (ingest/documents.py)
and RESOLVE (graphkit/explain.py) switch to these; the quads they produce stay the same.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

from graphkit.store import Literal, NamedNode, Quad, Store
from graphkit.terms import IRI
from graphkit.vocab import GRAPH_BASE, RDF, RDF_TYPE, XSD, entity_iri

CURATED: Final = "curated"
EXTRACTED: Final = "extracted"
VOCABULARY: Final = "vocabulary"
ORIGINS: Final = (CURATED, EXTRACTED, VOCABULARY)
"""How a source graph's facts came to be; curated outranks extracted (docs/provenance.md)."""

RDF_SUBJECT: Final = RDF + "subject"
RDF_PREDICATE: Final = RDF + "predicate"
RDF_OBJECT: Final = RDF + "object"

Object = NamedNode | Literal


def source_graph(url: str) -> str:
    """The named graph holding the facts a public address states."""
    return GRAPH_BASE + "source/" + hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]


def document_graph(key: str) -> str:
    """The named graph of one ingested document (``key`` as documents.py derives it)."""
    return GRAPH_BASE + "document/" + key


def assertion_iri(graph: str, s: str, p: str, o: str) -> str:
    """A deterministic IRI for the Assertion qualifying one triple in one graph."""
    digest = hashlib.sha1("\x1f".join((graph, s, p, o)).encode("utf-8")).hexdigest()[:20]
    return entity_iri("assertion/" + digest)


def quote_hash(text: str) -> str:
    """Hex sha256 of a quoted sentence's UTF-8 bytes (``gk:quoteHash``)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# ------------------------------------------------------------------------------------ writing
def describe_graph(graph: str, origin: str, *, sources: Iterable[str] = (), derived_from: str | None = None,
                   files: Iterable[str] = ()) -> list[Quad]:
    """The quads by which a source graph describes itself, in its own graph.

    ``sources`` are public addresses (``prov:hadPrimarySource``), ``derived_from`` the ingested
    document's entity IRI (``prov:wasDerivedFrom``), ``files`` the record files it came from.
    """
    if origin not in ORIGINS:
        raise ValueError(f"unknown origin {origin!r}")
    g = NamedNode(graph)
    out = [Quad(g, NamedNode(RDF_TYPE), NamedNode(IRI.SourceGraph), g),
           Quad(g, NamedNode(IRI.origin), Literal(origin), g)]
    if derived_from is not None:
        out.append(Quad(g, NamedNode(IRI.derivedFrom), NamedNode(derived_from), g))
    out.extend(Quad(g, NamedNode(IRI.primarySource), NamedNode(u), g) for u in sorted(set(sources)))
    out.extend(Quad(g, NamedNode(IRI.recordFile), Literal(f), g) for f in sorted(set(files)))
    return out


@dataclass(frozen=True)
class Qualifiers:
    """What an Assertion says about one fact beyond the fact itself.

    ``quote``/``quoted_from``/``start``/``end`` describe extracted evidence (the sentence, the
    document it is in, its character span); ``valid_from``/``valid_until`` the dates between which
    the fact holds (typed literals keeping the source's precision: xsd:date, gYearMonth, gYear);
    ``found_by`` which part of the extractor found it when the rules did not ("ner", "relation-layer").
    """

    quote: str | None = None
    quoted_from: str | None = None
    start: int | None = None
    end: int | None = None
    valid_from: Literal | None = None
    valid_until: Literal | None = None
    found_by: str | None = None

    def __bool__(self) -> bool:
        return any(x is not None for x in (self.quote, self.quoted_from, self.start, self.end,
                                           self.valid_from, self.valid_until, self.found_by))


def assertion(graph: str, s: str, p: str, o: Object, q: Qualifiers) -> list[Quad]:
    """The Assertion quads qualifying the triple ``s p o`` as stated in ``graph``."""
    g = NamedNode(graph)
    a = NamedNode(assertion_iri(graph, s, p, str(o)))
    out = [Quad(a, NamedNode(RDF_TYPE), NamedNode(IRI.Assertion), g),
           Quad(a, NamedNode(RDF_SUBJECT), NamedNode(s), g),
           Quad(a, NamedNode(RDF_PREDICATE), NamedNode(p), g),
           Quad(a, NamedNode(RDF_OBJECT), o, g),
           Quad(a, NamedNode(IRI.statedIn), g, g)]
    integer = NamedNode(XSD + "integer")
    if q.quoted_from is not None:
        out.append(Quad(a, NamedNode(IRI.quotedFrom), NamedNode(q.quoted_from), g))
    if q.quote is not None:
        out.append(Quad(a, NamedNode(IRI.quote), Literal(q.quote), g))
        out.append(Quad(a, NamedNode(IRI.quoteHash), Literal(quote_hash(q.quote)), g))
    if q.start is not None and q.end is not None:
        out.append(Quad(a, NamedNode(IRI.charStart), Literal(str(q.start), datatype=integer), g))
        out.append(Quad(a, NamedNode(IRI.charEnd), Literal(str(q.end), datatype=integer), g))
    if q.valid_from is not None:
        out.append(Quad(a, NamedNode(IRI.startDate), q.valid_from, g))
    if q.valid_until is not None:
        out.append(Quad(a, NamedNode(IRI.endDate), q.valid_until, g))
    if q.found_by is not None:
        out.append(Quad(a, NamedNode(IRI.foundBy), Literal(q.found_by), g))
    return out


# ------------------------------------------------------------------------------------ reading
@dataclass
class GraphInfo:
    """What a named graph says about itself."""

    iri: str
    origin: str = "unknown"
    addresses: list[str] = field(default_factory=list)   # prov:hadPrimarySource
    document: str | None = None                          # prov:wasDerivedFrom
    files: list[str] = field(default_factory=list)       # gk:recordFile

    @property
    def sources(self) -> list[str]:
        """The addresses and the document it states, addresses first."""
        return [*self.addresses, *([self.document] if self.document else [])]

    @property
    def source(self) -> str:
        """The one source to cite: the document an extracted graph came from, else its address,
        else the graph itself."""
        return self.document or (self.addresses[0] if self.addresses else self.iri)


DESCRIPTION_KEYS: Final = frozenset({IRI.origin, IRI.primarySource, IRI.derivedFrom, IRI.recordFile})


class GraphCatalogue:
    """Graph descriptions collected from a stream of quads (one pass over the store)."""

    def __init__(self) -> None:
        self.graphs: dict[str, GraphInfo] = {}

    def take(self, s: str, p: str, o: str, g: str) -> bool:
        """Record a quad if it is a graph's description of itself; True when it was one."""
        if s != g:
            return False
        info = self.graphs.get(g)
        if info is None:
            info = self.graphs[g] = GraphInfo(g)
        if p == IRI.origin:
            info.origin = o
        elif p == IRI.primarySource:
            if o not in info.addresses:
                info.addresses.append(o)
                info.addresses.sort()
        elif p == IRI.derivedFrom:
            info.document = o
        elif p == IRI.recordFile:
            if o not in info.files:
                info.files.append(o)
                info.files.sort()
        return True

    def get(self, graph: str) -> GraphInfo:
        """The description of a graph (an undescribed one has origin "unknown")."""
        return self.graphs.get(graph) or GraphInfo(graph)


_CATALOGUE_QUERY = """
SELECT ?g ?p ?o WHERE { GRAPH ?g { ?g ?p ?o } }"""


def graph_catalogue(store: Store) -> dict[str, GraphInfo]:
    """Every named graph with its origin, addresses, document and record files."""
    cat = GraphCatalogue()
    for g in store.named_graphs():
        cat.graphs[g] = GraphInfo(g)
    for sol in store.terms(_CATALOGUE_QUERY):
        g, p, o = sol["g"], sol["p"], sol["o"]
        if g is not None and p is not None and o is not None:
            cat.take(g.value, p.value, o.value, g.value)
    return dict(sorted(cat.graphs.items()))


def list_graphs(store: Store) -> list[GraphInfo]:
    """The named graphs with their origins, sorted by IRI."""
    return list(graph_catalogue(store).values())


# ------------------------------------------------------------------------------------ claims
ORIGIN_RANK: Final = {CURATED: 0, VOCABULARY: 1, EXTRACTED: 2}
"""Whose value a single-valued fact keeps when sources disagree (lowest first; unknown last)."""


@dataclass(frozen=True)
class Claim:
    """One source's value for one single-valued fact."""

    value: str          # an entity IRI or a literal's lexical form
    graph: str
    source: str         # the address or document to cite
    origin: str


@dataclass(frozen=True)
class Conflict:
    """Sources that give one entity different values for a single-valued property."""

    subject: str
    key: str            # the property key (gk:singleValued)
    claims: tuple[Claim, ...]

    @property
    def chosen(self) -> Claim:
        """The claim the projection keeps: the best-ranked origin, then the first value."""
        return min(self.claims, key=lambda c: (ORIGIN_RANK.get(c.origin, len(ORIGIN_RANK)), c.value))


def conflicts(store: Store) -> list[Conflict]:
    """Every single-valued fact (``gk:singleValued``: a meeting's date, city or chair, a document's
    adoption date ...) on which the store's sources disagree, with every claim and its source.

    A partial date does not disagree with a date inside it (2016 and 2016-05-01). Shared by
    ``graphkit validate`` (the conflict report) and the projection's rule (docs/provenance.md)."""
    from graphkit.vocab import vocabulary

    v = vocabulary()
    keys = {v.prop(k).iri: k for k in v.single_valued()}
    if not keys:
        return []
    values = " ".join(f"<{iri}>" for iri in sorted(keys))
    query = f"SELECT ?s ?p ?o ?g WHERE {{ VALUES ?p {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}"
    cat = graph_catalogue(store)
    found: dict[tuple[str, str], dict[tuple[str, str], set[str]]] = {}
    for sol in store.terms(query):
        s, p, o, g = sol["s"], sol["p"], sol["o"], sol["g"]
        if s is None or p is None or o is None or g is None:
            continue
        datatype = o.datatype.value if isinstance(o, Literal) else ""
        found.setdefault((s.value, p.value), {}).setdefault((o.value, datatype), set()).add(g.value)
    # a property single-valued on one class only (a Chairmanship's chair state): its entities of that class
    scoped = {v.prop(k).single_valued_on for k in keys.values()} - {None}
    members = {c: {sol["s"].value for sol in store.terms("SELECT DISTINCT ?s ?c WHERE { ?s a ?c }",
                                                          {"c": f"<{v.iri(c)}>"})}
               for c in sorted(c for c in scoped if c is not None)}
    out = []
    for (s, p), by_value in sorted(found.items()):
        if len(by_value) < 2 or _compatible(list(by_value)):
            continue
        on = v.prop(keys[p]).single_valued_on
        if on is not None and s not in members[on]:
            continue
        claims = tuple(sorted((Claim(val, g, cat[g].source if g in cat else g, cat[g].origin if g in cat else "unknown")
                               for (val, _), graphs in by_value.items() for g in graphs),
                              key=lambda c: (c.value, c.source)))
        out.append(Conflict(s, keys[p], claims))
    return out


def _compatible(values: list[tuple[str, str]]) -> bool:
    """True when every value is a date and one of them lies inside all the others (2016, 2016-05-01)."""
    from graphkit.timeline import PartialDate

    try:
        dates = [PartialDate.parse(val) for val, datatype in values if datatype]
    except ValueError:
        return False
    if len(dates) != len(values):
        return False
    finest = min(dates, key=lambda d: d.last.toordinal() - d.first.toordinal())
    return all(d.first <= finest.first and finest.last <= d.last for d in dates)
