"""`graphkit validate`: SHACL shapes (pySHACL) plus the checks SHACL cannot express.

Problems come back as rows: severity (violation or warning), check, focus (the entity), message
and the sources that state the entity, so a reader can go and fix the record.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from graphkit.errors import GraphkitError
from graphkit.provenance import Conflict
from graphkit.settings import data_dir
from graphkit.store import BlankNode, Literal, NamedNode, Store, to_python
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


def sources_of(store: Store, nodes: Iterable[str]) -> dict[str, list[str]]:
    """The addresses (or documents) of the graphs that state something about each node, sorted.

    By index lookups: the graphs a node is the subject in, then each graph's own description once;
    the same answer as the SOURCES_OF query, asked only for the nodes that have problems.
    """
    from graphkit.terms import IRI

    of_graph: dict[str, list[str]] = {}
    out: dict[str, list[str]] = {}
    for node in nodes:
        found: set[str] = set()
        for g in {q.graph_name.value for q in store.quads(subject=node) if isinstance(q.graph_name, NamedNode)}:
            if g not in of_graph:
                of_graph[g] = [to_python(q.object) for pred in (IRI.primarySource, IRI.derivedFrom)
                               for q in store.quads(g, subject=g, predicate=pred)]
            found.update(of_graph[g])
        out[node] = sorted(found)
    return out


def _to_problems(store: Store, rows: list[tuple[str, Any, str, str, Any, str]]) -> list[Problem]:
    import rdflib

    out = []
    seen: set[tuple[str, str, str, str, str]] = set()
    kept = []
    for focus, path, msg, sev, shape, value in rows:
        key = (focus, str(path), msg, str(shape) if isinstance(shape, rdflib.URIRef) else "", str(value))
        if key in seen:
            continue
        seen.add(key)
        kept.append((focus, path, msg, sev, shape))
    sources = sources_of(store, sorted({f for f, *_ in kept if f.startswith("http")}))
    for focus, path, msg, sev, shape in kept:
        where = f"{_short(str(path))}: " if path is not None else ""
        check = _short(str(shape)) if isinstance(shape, rdflib.URIRef) else "shacl"
        out.append(_problem("violation" if sev == "violation" else "warning", check, focus, where + msg,
                            sources.get(focus, [])))
    return out


@dataclass
class _Targets:
    """What one shape targets (SHACL 2.1.3): instances of classes, objects or subjects of properties, nodes."""

    classes: set[str] = field(default_factory=set)
    objects_of: set[str] = field(default_factory=set)
    subjects_of: set[str] = field(default_factory=set)
    nodes: set[str] = field(default_factory=set)


def _shape_targets(shapes: Any, ont: Any) -> dict[str, _Targets]:
    """Each named shape with a target, and what it targets (classes widened to their subclasses)."""
    import rdflib

    sh = rdflib.Namespace(SH)
    subclasses: dict[str, set[str]] = defaultdict(set)
    for sub_, sup in ont.subject_objects(rdflib.RDFS.subClassOf):
        subclasses[str(sup)].add(str(sub_))

    def widened(c: str) -> set[str]:
        out, todo = {c}, [c]
        while todo:
            for x in subclasses.get(todo.pop(), ()):
                if x not in out:
                    out.add(x)
                    todo.append(x)
        return out

    found: dict[str, _Targets] = {}
    for pred, attr in ((sh.targetClass, "classes"), (sh.targetObjectsOf, "objects_of"),
                       (sh.targetSubjectsOf, "subjects_of"), (sh.targetNode, "nodes")):
        for shape, value in shapes.subject_objects(pred):
            if not isinstance(shape, rdflib.URIRef):
                raise GraphkitError(f"a shape with a target must have an IRI in shapes.ttl (one targets {value})")
            t = found.setdefault(str(shape), _Targets())
            getattr(t, attr).update(widened(str(value)) if attr == "classes" else {str(value)})
    if (None, sh.target, None) in shapes:
        raise GraphkitError("shapes.ttl uses sh:target (SPARQL-based targets), which graphkit validate does not run")
    return found


def _split_shapes(shapes: Any, targets: dict[str, _Targets]) -> tuple[Any, dict[str, list[Any]]]:
    """A copy of the shapes graph in which each targeted shape runs its property shapes itself.

    SHACL (4.8.1, sh:property): the results of a shape's sh:property on a focus node are the
    results of validating that node against the property shape, and a shape's results are the
    union of its constraints' results. So validating the property shapes of a targeted shape on
    its focus nodes, plus the shape without its sh:property triples (when it keeps other
    constraints, such as sh:or or sh:class), gives the same results as validating the shape. pySHACL
    then validates each property shape once for all the focus nodes of a slice instead of once per
    focus node. Returns the graph and, for each targeted shape, the nodes of the shapes to run.
    """
    import rdflib
    from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS

    sh = rdflib.Namespace(SH)
    split = rdflib.Graph()
    for prefix, ns in shapes.namespace_manager.namespaces():
        split.namespace_manager.bind(prefix, ns, override=True, replace=True)
    for triple in shapes:
        split.add(triple)
    constraints = set(ALL_CONSTRAINT_PARAMETERS) - {sh.property}
    runs: dict[str, list[Any]] = {}
    for shape in targets:
        node = rdflib.URIRef(shape)
        props = sorted(split.objects(node, sh.property), key=str)
        split.remove((node, sh.property, None))
        for p in props:  # still a shape once no sh:property points at it (SHACL 2.2: it has a sh:path)
            split.add((p, rdflib.RDF.type, sh.PropertyShape))
        keep = [node] if any(p in constraints for p in split.predicates(node)) else []
        runs[shape] = keep + props
    return split, runs


# What a shape may say and still read nothing but the value it checks (SHACL 4.1-4.7, without paths,
# sh:class or SPARQL): its answer for a literal is the same in every graph.
_VALUE_ONLY = {"datatype", "nodeKind", "minInclusive", "maxInclusive", "minExclusive", "maxExclusive", "minLength",
               "maxLength", "pattern", "flags", "languageIn", "in", "hasValue", "message", "severity", "name",
               "description", "or", "and", "xone", "not", "node"}


def _value_only(shapes: Any) -> set[Any]:
    """The shapes of `shapes` whose result for a literal depends on the literal alone.

    Only the parameters in _VALUE_ONLY (and rdf:type), and every shape they name (sh:or, sh:and,
    sh:xone members, sh:not, sh:node) value-only too: no path, no sh:class, no SPARQL, so no look
    at the data graph. gks:a-real-date and its three sh:datatype alternatives are such shapes.
    """
    import rdflib

    sh = rdflib.Namespace(SH)
    allowed = {sh[name] for name in _VALUE_ONLY} | {rdflib.RDF.type}
    nested = {sh["or"], sh["and"], sh.xone}
    candidates = {s for s in shapes.subjects() if all(p in allowed for p in shapes.predicates(s))}
    candidates -= {s for s in candidates if (s, rdflib.RDF.first, None) in shapes}  # list cells are not shapes

    def named(s: Any) -> list[Any]:
        out = [o for p in nested for lst in shapes.objects(s, p) for o in shapes.items(lst)]
        return out + [o for p in (sh["not"], sh.node) for o in shapes.objects(s, p)]

    changed = True
    while changed:
        changed = False
        for s in list(candidates):
            if any(o not in candidates for o in named(s)):
                candidates.discard(s)
                changed = True
    return candidates


def _memoizing(memo: dict[tuple[int, Any], tuple[bool, list[Any]]],
               lasting: dict[tuple[int, Any], tuple[bool, list[Any]]], value_only: set[Any]) -> Any:
    """A pySHACL Shape class whose shapes answer a repeated single focus node from memory.

    pySHACL validates a value node against a nested shape (sh:node, sh:or) once per focus node
    that points at it: a date shared by 3,000 meetings is checked 3,000 times. The slice's graph
    does not change while it is validated, so the answer for one (shape, node) is the same each
    time: `memo`, emptied before each slice. A literal checked against a value-only shape
    (_value_only) gets the same answer in any slice: when it conforms with nothing to report, it
    goes to `lasting`, kept for the whole run. (Results are not kept across slices: pySHACL's
    results hold the graph of their slice, which would then stay in memory.) Shapes
    given a list of focus nodes (or none) run as they are. The compiled shapes take this class
    (same slots, one method more).
    """
    from pyshacl.shape import Shape
    from rdflib import Literal as RdfLiteral

    def validate(self: Any, executor: Any, target_graph: Any, focus: Any = None,
                 _evaluation_path: Any = None) -> tuple[bool, list[Any]]:
        if focus is None or isinstance(focus, (list, tuple, set)):
            nodes: Any = focus
            whole: tuple[bool, list[Any]] = Shape.validate(self, executor, target_graph, focus=nodes,
                                                           _evaluation_path=_evaluation_path)
            return whole
        key = (id(self), focus)
        found = memo.get(key) or lasting.get(key)
        if found is None:
            found = Shape.validate(self, executor, target_graph, focus=focus, _evaluation_path=_evaluation_path)
            if found[0] and not found[1] and isinstance(focus, RdfLiteral) and self.node in value_only:
                lasting[key] = found  # nothing to report: holds no result, so no slice's graph
            else:
                memo[key] = found
        return found[0], list(found[1])

    return type("MemoizingShape", (Shape,), {"__slots__": (), "validate": validate})


# Shape parameters whose value names a predicate of the data (a path, or a property compared with one).
_PATH_PARAMETERS = ("path", "inversePath", "alternativePath", "zeroOrMorePath", "oneOrMorePath", "zeroOrOnePath",
                    "equals", "disjoint", "lessThan", "lessThanOrEquals")
# Parameters that may read any fact of a focus node: with one of them, a slice keeps every fact.
_READ_ANYTHING = ("closed", "sparql", "select", "ask", "js", "expression", "rule", "target")


def _predicates_read(shapes: Any) -> set[str] | None:
    """The predicates whose facts pySHACL can read for `shapes`, or None for "any of them".

    Core SHACL reads a focus node's facts only along property paths (and the properties that
    sh:equals, sh:disjoint, sh:lessThan name), plus rdf:type and rdfs:subClassOf for sh:class; a
    slice needs no other fact of its members (gk:recordFile, schema:about ... are about 15% of the
    facts). Targets are found by graphkit itself, from the store. sh:closed, SPARQL-based and
    SHACL-AF parameters can read anything: then every fact is kept.
    """
    import rdflib

    sh = rdflib.Namespace(SH)
    if any((None, sh[name], None) in shapes for name in _READ_ANYTHING):
        return None
    read = {RDF_TYPE, str(rdflib.RDFS.subClassOf)}
    todo = [o for name in _PATH_PARAMETERS for o in shapes.objects(None, sh[name])]
    while todo:  # a path is an IRI, a list of paths, or a blank node with one of the path parameters
        o = todo.pop()
        if isinstance(o, rdflib.URIRef):
            read.add(str(o))
        elif (o, rdflib.RDF.first, None) in shapes:
            todo.extend(shapes.items(o))
        else:
            todo.extend(x for name in _PATH_PARAMETERS for x in shapes.objects(o, sh[name]))
    return read


def shacl_problems(store: Store, chunk: int = CHUNK, phases: dict[str, float] | None = None) -> list[Problem]:
    """Run pySHACL with ontologies/shapes.ttl over the union of all graphs, a slice of nodes at a time.

    Every node with a type is a member of exactly one slice. A slice's graph holds its members'
    facts and the types of the nodes they point at (for sh:class), straight from the store's
    indexes. Each shape then runs on the slice's members it targets only (as pySHACL's use_shapes
    with focus_nodes does): the nodes pointed at are never focus nodes of a slice they are not
    members of, and shapes that target none of a slice's members do not run on it. The shapes are
    compiled once (one pySHACL ShapesGraph for every slice); each targeted shape's property shapes
    run once per slice on all its focus nodes (_split_shapes), and a nested shape answers a node it
    has already validated in the slice from memory (_memoizing). The results are those of one run
    over the whole store (tests/test_validate_scale.py checks it on deliberate violations); cost
    grows with the data, not faster. `phases`, when given, gets the CPU seconds of each phase
    (shapes, types, slices: facts copied into rdflib, pyshacl, report: rows and sources).
    """
    import logging
    import time

    import rdflib
    from pyshacl import Validator
    from pyshacl.graph_abstraction import DataGraph
    from pyshacl.pytypes import SHACLExecutor
    from pyshacl.shapes_graph import ShapesGraph

    spent = phases if phases is not None else {}
    clock = [time.process_time()]

    def lap(phase: str) -> None:
        now = time.process_time()
        spent[phase] = spent.get(phase, 0.0) + now - clock[0]
        clock[0] = now

    ont, shapes = _shapes()
    targets = _shape_targets(shapes, ont)
    split, runs = _split_shapes(shapes, targets)
    sg = ShapesGraph(split, False, logging.getLogger("pyshacl"))
    memo: dict[tuple[int, Any], tuple[bool, list[Any]]] = {}
    lasting: dict[tuple[int, Any], tuple[bool, list[Any]]] = {}
    memoizing = _memoizing(memo, lasting, _value_only(split))
    for compiled in list(sg.shapes):
        compiled.__class__ = memoizing
    to_run = {shape: [sg.lookup_shape_from_node(n) for n in nodes] for shape, nodes in runs.items()}
    # Core SHACL only (the shapes use no SHACL-AF), no inference: the options graphkit always ran with.
    executor = SHACLExecutor(advanced_mode=False, abort_on_first=False, allow_infos=False, allow_warnings=True,
                             iterate_rules=False, sparql_mode=False, max_validation_depth=15, focus_nodes=None,
                             debug=False)
    by_class: dict[str, list[str]] = defaultdict(list)
    for shape, wanted in targets.items():
        for c in wanted.classes:
            by_class[c].append(shape)
    by_object_of = {p: [sh for sh, t in targets.items() if p in t.objects_of] for t in targets.values()
                    for p in t.objects_of}
    by_subject_of = {p: [sh for sh, t in targets.items() if p in t.subjects_of] for t in targets.values()
                     for p in t.subjects_of}
    by_node = {n: [sh for sh, t in targets.items() if n in t.nodes] for t in targets.values() for n in t.nodes}
    ont_triples = list(ont)
    read = _predicates_read(shapes)

    lap("shapes")
    types: dict[str, set[str]] = defaultdict(set)
    for q in store.quads(predicate=RDF_TYPE):
        if isinstance(q.subject, NamedNode) and isinstance(q.object, NamedNode):
            types[q.subject.value].add(q.object.value)
    nodes = sorted(types)
    lap("types")
    uri: dict[str, Any] = {}  # predicate and class terms, made once

    def ref(iri: str) -> Any:
        term = uri.get(iri)
        if term is None:
            term = uri[iri] = rdflib.URIRef(iri)
        return term

    rdf_type = ref(RDF_TYPE)
    rows: list[tuple[str, Any, str, str, Any, str]] = []
    for i in range(0, len(nodes), chunk):
        members = nodes[i:i + chunk]
        data = rdflib.Graph()
        add = data.add
        for triple in ont_triples:
            add(triple)
        focus: dict[str, set[str]] = defaultdict(set)
        terms: dict[Any, Any] = {}  # the slice's objects as rdflib terms, each made once
        typed: set[str] = set()  # the objects whose types the slice holds
        for s in members:
            subject = rdflib.URIRef(s)
            for c in types[s]:
                for shape in by_class.get(c, ()):
                    focus[shape].add(s)
            for shape in by_node.get(s, ()):
                focus[shape].add(s)
            for q in store.quads(subject=s):
                o, p = q.object, q.predicate.value
                if read is None or p in read:
                    term = terms.get(o)
                    if term is None:
                        term = terms[o] = _rdflib_term(o)
                    add((subject, ref(p), term))
                for shape in by_subject_of.get(p, ()):
                    focus[shape].add(s)
                if isinstance(o, NamedNode):
                    if o.value not in typed:
                        typed.add(o.value)
                        for c in types.get(o.value, ()):
                            add((terms.get(o) or rdflib.URIRef(o.value), rdf_type, ref(c)))
                    for shape in by_object_of.get(p, ()):
                        focus[shape].add(o.value)
        graph = DataGraph.from_rdflib(data)
        lap("slices")
        memo.clear()
        reports: list[Any] = []
        for shape in sorted(focus):
            on = [rdflib.URIRef(n) for n in sorted(focus[shape])]
            for compiled in to_run[shape]:
                _conforms, found = compiled.validate(executor, graph, focus=on)
                reports.extend(found)
        lap("pyshacl")
        if reports:
            report, _text = Validator.create_validation_report(sg, False, reports)
            rows.extend(_report_rows(report))
        lap("report")
    memo.clear()
    lasting.clear()
    problems = _to_problems(store, rows)
    lap("report")
    return problems


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


def series_problems(store: Store, kept: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """Numbered meeting series: two meetings with one number, numbers out of date order, gaps.

    Dates keep their precision: a meeting dated only "2019" is not before one on 2019-11-02.
    A meeting whose sources disagree on its date is ordered by the date the graph keeps
    (``kept``: meeting -> start date, from :func:`graphkit.provenance.conflicts`; found here when not
    given); the disagreement itself is a sources-disagree warning, not a broken series.
    Each problem carries the sources of the meetings involved, so a reader can check them.
    """
    if kept is None:
        kept = kept_start_dates(store)
    series: dict[str, dict[int, set[tuple[str, str | None]]]] = defaultdict(lambda: defaultdict(set))
    for row in store.select(SERIES_QUERY)[1]:
        if isinstance(row[P.ordinal], int):
            series[row["body"]][row[P.ordinal]].add((row["m"], kept.get(row["m"], row["date"])))
    cache: dict[str, list[str]] = {}

    def sources(*meetings: str) -> list[str]:
        missing = [m for m in meetings if m not in cache]
        if missing:
            cache.update(sources_of(store, missing))
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


def kept_start_dates(store: Store, found: Iterable[Conflict] | None = None) -> dict[str, str]:
    """Meeting -> the start date the graph keeps, for every meeting whose sources disagree on it."""
    from graphkit.provenance import conflicts

    return {c.subject: c.chosen.value for c in (conflicts(store) if found is None else found)
            if c.key == P.startDate}


def validate_store(store: Store) -> list[dict[str, Any]]:
    """Every problem found: SHACL, provenance and meeting-series checks, and sources that disagree."""
    from graphkit.conflicts import conflict_problems
    from graphkit.provenance import conflicts

    found = conflicts(store)
    problems = (provenance_problems(store) + series_problems(store, kept_start_dates(store, found))
                + shacl_problems(store) + conflict_problems(store, found))
    problems.sort(key=lambda p: (p["severity"] != "violation", p["check"], p["focus"], p["message"]))
    return problems
