"""`graphkit validate`: SHACL shapes (pySHACL) plus the checks SHACL cannot express.

Problems come back as rows: severity (violation or warning), check, focus (the entity), message
and the sources that state the entity, so a reader can go and fix the record.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from graphkit.settings import data_dir
from graphkit.store import BlankNode, Literal, NamedNode, Store
from graphkit.terms import P
from graphkit.vocab import RDF_TYPE, SH, entity_id, vocabulary

SERIES_QUERY = """
SELECT DISTINCT ?m ?body ?ordinal ?date WHERE {
  ?m a gk:Meeting ; gk:meetingOf ?body ; gk:ordinal ?ordinal .
  OPTIONAL { ?m schema:startDate ?date }
}"""

UNDESCRIBED_QUERY = """
SELECT DISTINCT ?g WHERE {
  GRAPH ?g { ?s ?p ?o }
  FILTER NOT EXISTS { GRAPH ?g { ?g a gk:SourceGraph ; gk:origin ?origin } }
}"""

UNSOURCED_QUERY = """
SELECT DISTINCT ?g WHERE {
  GRAPH ?g { ?g a gk:SourceGraph }
  FILTER NOT EXISTS { GRAPH ?g { ?g prov:hadPrimarySource|prov:wasDerivedFrom ?src } }
}"""

SOURCES_OF = """
SELECT DISTINCT ?focus ?src WHERE {
  GRAPH ?g { ?focus ?p ?o . ?g prov:hadPrimarySource|prov:wasDerivedFrom ?src }
}"""


Problem = dict[str, Any]
# Focus nodes per pySHACL run. Each run sees only its focus nodes' own facts and the types of what
# they point at, so the cost per run is bounded and the whole check grows linearly with the data.
CHUNK = 5_000
MAX_GAP_SPAN = 10_000  # a series numbered 1..10^23 is reported, not enumerated


def _problem(severity: str, check: str, focus: str, message: str, sources: list[str] | None = None) -> Problem:
    return {"severity": severity, "check": check, "focus": entity_id(focus), "message": message,
            "sources": sources or []}


def _shapes() -> tuple[Any, Any]:
    import rdflib

    ont = rdflib.Graph().parse(data_dir("ontologies") / "graphkit.ttl", format="turtle")
    shapes = rdflib.Graph().parse(data_dir("ontologies") / "shapes.ttl", format="turtle")
    return ont, shapes


def _report_rows(report: Any) -> list[tuple[str, Any, str, str, Any, str]]:
    """(focus, path, message, severity, shape, value) of each top-level result of a report.

    Only the results the report itself lists (sh:result): a result nested under another one
    (sh:detail, from sh:node or sh:or) explains that one and is not counted again.
    """
    import rdflib

    sh = rdflib.Namespace(SH)
    rows = []
    for rep in report.subjects(rdflib.RDF.type, sh.ValidationReport):
        for r in report.objects(rep, sh.result):
            rows.append((str(report.value(r, sh.focusNode)), report.value(r, sh.resultPath),
                         str(report.value(r, sh.resultMessage) or ""),
                         str(report.value(r, sh.resultSeverity)).rsplit("#", 1)[-1].lower(),
                         report.value(r, sh.sourceShape), report.value(r, sh.value)))
    return rows


def _to_problems(store: Store, rows: list[tuple[str, Any, str, str, Any, str]]) -> list[Problem]:
    import rdflib

    out = []
    seen: set[tuple[str, str, str, str, str]] = set()
    sources: dict[str, list[str]] = {}
    for focus, path, msg, sev, shape, value in rows:
        key = (focus, str(path), msg, str(shape) if isinstance(shape, rdflib.URIRef) else "", str(value))
        if key in seen:
            continue
        seen.add(key)
        where = f"{_short(str(path))}: " if path is not None else ""
        check = _short(str(shape)) if isinstance(shape, rdflib.URIRef) else "shacl"
        if focus.startswith("http") and focus not in sources:
            sources[focus] = [row["src"] for row in store.select(SOURCES_OF, {"focus": f"<{focus}>"})[1]]
        out.append(_problem("violation" if sev == "violation" else "warning", check, focus, where + msg,
                            sources.get(focus, [])))
    return out


def shacl_problems(store: Store, chunk: int = CHUNK) -> list[Problem]:
    """Run pySHACL with ontologies/shapes.ttl over the union of all graphs, a slice of nodes at a time.

    Every node with a type is the focus of exactly one run, which holds its own facts, the types
    of the nodes it points at, and the nodes it ``addresses`` (the shapes' only other target);
    results are kept for a run's own nodes and counted once.
    """
    import rdflib
    from pyshacl import validate

    from graphkit.terms import IRI

    ont, shapes = _shapes()
    rdf_type = RDF_TYPE
    types: dict[str, set[str]] = defaultdict(set)
    for q in store.quads(predicate=rdf_type):
        if isinstance(q.subject, NamedNode) and isinstance(q.object, NamedNode):
            types[q.subject.value].add(q.object.value)
    addresses = IRI.addresses
    nodes = sorted(types)
    rows: list[tuple[str, Any, str, str, Any, str]] = []
    for i in range(0, len(nodes), chunk):
        members = set(nodes[i:i + chunk])
        data = rdflib.Graph()
        extra: set[str] = set()
        for s in sorted(members):
            for q in store.quads(subject=s):
                o = q.object
                data.add((rdflib.URIRef(s), rdflib.URIRef(q.predicate.value), _rdflib_term(o)))
                if isinstance(o, NamedNode):
                    for t in types.get(o.value, ()):
                        data.add((rdflib.URIRef(o.value), rdflib.RDF.type, rdflib.URIRef(t)))
                    if q.predicate.value == addresses:
                        extra.add(o.value)
        for x in sorted(extra - members):
            for q in store.quads(subject=x):
                data.add((rdflib.URIRef(x), rdflib.URIRef(q.predicate.value), _rdflib_term(q.object)))
        # inplace: the slice is ours to mix the ontology into (no copy); no SHACL-AF feature is used
        _conforms, report, _text = validate(data, shacl_graph=shapes, ont_graph=ont, inference="none",
                                            allow_warnings=True, advanced=False, inplace=True)
        keep = members | extra
        rows.extend(r for r in _report_rows(report) if r[0] in keep)
    return _to_problems(store, rows)


def shacl_problems_whole(store: Store) -> list[Problem]:
    """The round-one approach (the whole store copied into one rdflib graph, one pySHACL run).

    Kept as the baseline of the validate benchmark (bench/run); gives the same problems.
    """
    import rdflib
    from pyshacl import validate

    from graphkit.store import Triple, serialize_rdf

    triples = {Triple(q.subject, q.predicate, q.object) for q in store.quads()}
    data = rdflib.Graph()
    if triples:
        data.parse(data=(serialize_rdf(list(triples), fmt="ntriples") or b"").decode("utf-8"), format="nt")
    ont, shapes = _shapes()
    _conforms, report, _text = validate(data, shacl_graph=shapes, ont_graph=ont, inference="none",
                                        allow_warnings=True, advanced=True)
    return _to_problems(store, _report_rows(report))


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _rdflib_term(term: Any) -> Any:
    import rdflib

    if isinstance(term, NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return rdflib.Literal(term.value)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
    if isinstance(term, BlankNode):
        return rdflib.BNode(term.value)
    return rdflib.Literal(str(term))


def _short(iri: str) -> str:
    v = vocabulary()
    if iri in v.property_by_iri:
        return v.property_by_iri[iri].key
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def provenance_problems(store: Store) -> list[Problem]:
    """Facts outside any described source graph, and source graphs without an address."""
    out = []
    default = sum(1 for _ in store.quads(default_graph=True))
    if default:
        out.append(_problem("violation", "every-fact-has-a-source", "default graph",
                            f"{default} facts sit outside any source graph"))
    for row in store.select(UNDESCRIBED_QUERY)[1]:
        out.append(_problem("violation", "every-fact-has-a-source", row["g"], "graph does not describe its source"))
    for row in store.select(UNSOURCED_QUERY)[1]:
        out.append(_problem("violation", "every-fact-has-a-source", row["g"],
                            "source graph names no address or document"))
    return out


def series_problems(store: Store) -> list[dict[str, Any]]:
    """Numbered meeting series: two meetings with one number, numbers out of date order, gaps.

    Dates keep their precision: a meeting dated only "2019" is not before one on 2019-11-02.
    Each problem carries the sources of the meetings involved, so a reader can check them.
    """
    series: dict[str, dict[int, set[tuple[str, str | None]]]] = defaultdict(lambda: defaultdict(set))
    for row in store.select(SERIES_QUERY)[1]:
        if isinstance(row[P.ordinal], int):
            series[row["body"]][row[P.ordinal]].add((row["m"], row["date"]))
    cache: dict[str, list[str]] = {}

    def sources(*meetings: str) -> list[str]:
        for m in meetings:
            if m not in cache:
                cache[m] = sorted({r["src"] for r in store.select(SOURCES_OF, {"focus": f"<{m}>"})[1]})
        return sorted({src for m in meetings for src in cache[m]})

    out: list[dict[str, Any]] = []
    for body, by_ord in sorted(series.items()):
        name = entity_id(body)
        for n, meetings in sorted(by_ord.items()):
            distinct = sorted({m for m, _ in meetings})
            if len(distinct) > 1:
                out.append(_problem("violation", "series-duplicate", distinct[0],
                                    f"{name} has {len(distinct)} different meetings numbered {n}: "
                                    + ", ".join(entity_id(m) for m in distinct), sources(*distinct)))
        dated = sorted((n, m, d) for n, ms in by_ord.items() for m, d in ms if d)
        for (n1, m1, d1), (n2, m2, d2) in zip(dated, dated[1:], strict=False):
            width = min(len(d1), len(d2))
            if n1 < n2 and d1[:width] > d2[:width]:
                out.append(_problem("violation", "series-order", m2,
                                    f"{name} no. {n2} ({d2}) is dated before no. {n1} ({d1})", sources(m1, m2)))
        numbers = sorted(by_ord)
        if numbers[-1] - numbers[0] > MAX_GAP_SPAN:
            out.append(_problem("warning", "series-gap", body, f"{name} series runs {numbers[0]}-{numbers[-1]}: "
                                f"too wide a span to list its gaps (more than {MAX_GAP_SPAN:,})"))
            continue
        missing = [n for n in range(numbers[0], numbers[-1] + 1) if n not in by_ord]
        if missing:
            around = sorted({m for n in missing for k in (n - 1, n + 1) for m, _ in by_ord.get(k, ())})
            out.append(_problem("warning", "series-gap", body,
                                f"{name} series {numbers[0]}-{numbers[-1]} lacks no. " + ", ".join(map(str, missing)),
                                sources(*around)))
    return out


def validate_store(store: Store) -> list[dict[str, Any]]:
    """Every problem found: SHACL, provenance and meeting-series checks, and sources that disagree."""
    from graphkit.conflicts import conflict_problems

    problems = provenance_problems(store) + series_problems(store) + shacl_problems(store) + conflict_problems(store)
    problems.sort(key=lambda p: (p["severity"] != "violation", p["check"], p["focus"], p["message"]))
    return problems
