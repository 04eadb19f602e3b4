"""`graphkit validate`: SHACL shapes (pySHACL) plus the checks SHACL cannot express.

Problems come back as rows: severity (violation or warning), check, focus (the entity), message
and the sources that state the entity, so a reader can go and fix the record.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from graphkit.settings import data_dir
from graphkit.store import Store
from graphkit.vocab import SH, entity_id, vocabulary

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
SELECT DISTINCT ?focus ?src WHERE { GRAPH ?g { ?focus ?p ?o . ?g prov:hadPrimarySource|prov:wasDerivedFrom ?src } }
"""


def _problem(severity: str, check: str, focus: str, message: str, sources: list[str] | None = None) -> dict[str, Any]:
    return {"severity": severity, "check": check, "focus": entity_id(focus), "message": message,
            "sources": sources or []}


def shacl_problems(store: Store) -> list[dict[str, Any]]:
    """Run pySHACL with ontologies/shapes.ttl over the union of all graphs."""
    import pyoxigraph as ox
    import rdflib
    from pyshacl import validate

    triples = {ox.Triple(q.subject, q.predicate, q.object) for q in store.quads()}
    data = rdflib.Graph()
    if triples:
        data.parse(data=(ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8"), format="nt")
    ont = rdflib.Graph().parse(data_dir("ontologies") / "graphkit.ttl", format="turtle")
    shapes = rdflib.Graph().parse(data_dir("ontologies") / "shapes.ttl", format="turtle")
    _conforms, report, _text = validate(data, shacl_graph=shapes, ont_graph=ont, inference="none",
                                        allow_warnings=True, advanced=True)
    out = []
    sh = rdflib.Namespace(SH)
    for r in report.subjects(rdflib.RDF.type, sh.ValidationResult):
        focus = str(report.value(r, sh.focusNode))
        path = report.value(r, sh.resultPath)
        msg = str(report.value(r, sh.resultMessage) or "")
        sev = str(report.value(r, sh.resultSeverity)).rsplit("#", 1)[-1].lower()
        shape = report.value(r, sh.sourceShape)
        where = f"{_short(str(path))}: " if path is not None else ""
        check = _short(str(shape)) if isinstance(shape, rdflib.URIRef) else "shacl"
        srcs = [row["src"] for row in store.select(SOURCES_OF, {"focus": f"<{focus}>"})[1]] if focus.startswith("http") else []
        out.append(_problem("violation" if sev == "violation" else "warning", check, focus, where + msg, srcs))
    return out


def _short(iri: str) -> str:
    v = vocabulary()
    if iri in v.property_by_iri:
        return v.property_by_iri[iri].key
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def provenance_problems(store: Store) -> list[dict[str, Any]]:
    """Facts outside any described source graph, and source graphs without an address."""
    import pyoxigraph as ox

    out = []
    default = sum(1 for _ in store.db.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    if default:
        out.append(_problem("violation", "every-fact-has-a-source", "default graph",
                            f"{default} facts sit outside any source graph"))
    for row in store.select(UNDESCRIBED_QUERY)[1]:
        out.append(_problem("violation", "every-fact-has-a-source", row["g"], "graph does not describe its source"))
    for row in store.select(UNSOURCED_QUERY)[1]:
        out.append(_problem("violation", "every-fact-has-a-source", row["g"], "source graph names no address or document"))
    return out


def series_problems(store: Store) -> list[dict[str, Any]]:
    """Numbered meeting series: two meetings with one number, numbers out of date order, gaps.

    Dates keep their precision: a meeting dated only "2019" is not before one on 2019-11-02.
    Each problem carries the sources of the meetings involved, so a reader can check them.
    """
    series: dict[str, dict[int, set[tuple[str, str | None]]]] = defaultdict(lambda: defaultdict(set))
    for row in store.select(SERIES_QUERY)[1]:
        if isinstance(row["ordinal"], int):
            series[row["body"]][row["ordinal"]].add((row["m"], row["date"]))
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
        for (n1, m1, d1), (n2, m2, d2) in zip(dated, dated[1:]):
            width = min(len(d1), len(d2))
            if n1 < n2 and d1[:width] > d2[:width]:
                out.append(_problem("violation", "series-order", m2,
                                    f"{name} no. {n2} ({d2}) is dated before no. {n1} ({d1})", sources(m1, m2)))
        numbers = sorted(by_ord)
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
