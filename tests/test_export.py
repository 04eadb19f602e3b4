"""Exports: every format round-trips (networkx, rdflib, lxml against the GEXF 1.3 XSD), and the
shared filters keep what they promise. The fixture graph's dates span 2015-2045 and its names
need escaping in every format."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from rdflib.compare import isomorphic

from graphkit.cli import cli
from graphkit.errors import EntityNotFoundError, OntologyError
from graphkit.export import (
    FORMATS,
    WRITERS,
    Filters,
    check_filters,
    cypher,
    export,
    format_for_path,
    gexf,
    neo4j_csv,
    parse_time_bound,
    resolve_entity,
    select,
    time_span,
)
from graphkit.project import Edge, Node, Projection, project
from graphkit.store import opened
from graphkit.vocab import GRAPH_BASE, RDF, RDF_TYPE, entity_iri, vocabulary

FIXTURES = Path(__file__).parent / "fixtures"
RECORDS = FIXTURES / "exports" / "records.yaml"
GEXF_XSD = FIXTURES / "gexf-1.3" / "gexf.xsd"
GEXF_NS = "{http://gexf.net/1.3}"
EXTRACTED_GRAPH = GRAPH_BASE + "extracted/apsc29-remarks"
REMARKS = entity_iri("document/apsc29-remarks")
TRICKY_NAME = "Chairman's \"opening\" remarks: back\\slash and a\nsecond line"


# ---------------------------------------------------------------------- fixtures
def _add_extracted_graph(store_path: Path) -> None:
    """An extracted source graph, as document ingestion writes one: self-described, derived
    from the remarks document, with one link the curated records do not state and its quote."""
    v = vocabulary()
    g = ox.NamedNode(EXTRACTED_GRAPH)
    meeting = ox.NamedNode(entity_iri("meeting/apsc-council-29"))
    topic = ox.NamedNode(entity_iri("topic/cybersecurity"))
    assertion = ox.NamedNode(entity_iri("assertion/test-extracted-1"))
    quads = [
        ox.Quad(g, ox.NamedNode(RDF_TYPE), ox.NamedNode(v.iri("SourceGraph")), g),
        ox.Quad(g, ox.NamedNode(v.iri("origin")), ox.Literal("extracted"), g),
        ox.Quad(g, ox.NamedNode(v.iri("derivedFrom")), ox.NamedNode(REMARKS), g),
        ox.Quad(meeting, ox.NamedNode(v.iri("addresses")), topic, g),
        ox.Quad(assertion, ox.NamedNode(RDF_TYPE), ox.NamedNode(v.iri("Assertion")), g),
        ox.Quad(assertion, ox.NamedNode(RDF + "subject"), meeting, g),
        ox.Quad(assertion, ox.NamedNode(RDF + "predicate"), ox.NamedNode(v.iri("addresses")), g),
        ox.Quad(assertion, ox.NamedNode(RDF + "object"), topic, g),
        ox.Quad(assertion, ox.NamedNode(v.iri("statedIn")), g, g),
        ox.Quad(assertion, ox.NamedNode(v.iri("quotedFrom")), ox.NamedNode(REMARKS), g),
        ox.Quad(assertion, ox.NamedNode(v.iri("quote")),
                ox.Literal("We must safeguard \"cyberspace\";\nit is\\our shared domain."), g),
    ]
    with opened(store_path) as s:
        s.replace_graphs({EXTRACTED_GRAPH: quads})


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from graphkit.build import build

    path = tmp_path_factory.mktemp("exports") / "store"
    build(path, [RECORDS], shipped=False)
    _add_extracted_graph(path)
    return path


@pytest.fixture(scope="module")
def proj(store_path: Path) -> Projection:
    with opened(store_path, read_only=True) as s:
        return project(s)


def run_export(store_path: Path, fmt: str, filters: Filters | None = None, **kw: Any) -> bytes:
    out = io.BytesIO()
    with opened(store_path, read_only=True) as s:
        export(s, fmt, out, filters, **kw)
    return out.getvalue()


def store_dataset(store_path: Path, graph: str | None = None) -> rdflib.Dataset:
    with opened(store_path, read_only=True) as s:
        data = ox.serialize(s.quads(graph), format=ox.RdfFormat.N_QUADS)
    ds = rdflib.Dataset()
    ds.parse(data=data, format="nquads")
    return ds


def union(ds: rdflib.Dataset) -> rdflib.Graph:
    g = rdflib.Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def graphs_of(ds: rdflib.Dataset) -> dict[str, rdflib.Graph]:
    out: dict[str, rdflib.Graph] = {}
    for s, p, o, c in ds.quads((None, None, None, None)):
        out.setdefault(str(c), rdflib.Graph()).add((s, p, o))
    return out


def gephi_list(text: str) -> list[str]:
    """Parse Gephi's list syntax (graphstore ArraysParser: quoted items, \\ escapes)."""
    assert text.startswith("[") and text.endswith("]"), text
    items, i = [], 1
    while i < len(text) - 1:
        if text[i] == '"':
            buf, i = [], i + 1
            while text[i] != '"':
                if text[i] == "\\":
                    i += 1
                buf.append(text[i])
                i += 1
            items.append("".join(buf))
        i += 1
    return items


def gexf_value(v: Any) -> Any:
    """A projection value as networkx reads it back from graphkit's GEXF."""
    if isinstance(v, list):
        return gexf.gephi_list(v)
    if isinstance(v, dt.date):
        return v.isoformat()
    return v


# ---------------------------------------------------------------------- registry and terms
def test_every_format_is_one_writer_behind_one_contract() -> None:
    import inspect

    from graphkit.export import writer

    assert list(FORMATS) == list(WRITERS)
    for name, w in WRITERS.items():
        assert writer(name) is w and w.name == name and w.reads in ("graph", "rdf")
        assert list(inspect.signature(w.write).parameters) == ["data", "sink", "options"]
        assert FORMATS[name].suffixes == w.suffixes
    with pytest.raises(Exception, match="unknown export format"):
        writer("nope")
    assert format_for_path("x/g.gexf") == "gexf"
    assert format_for_path("g.TTL") == "turtle"
    assert format_for_path("g.unknown") is None


# ---------------------------------------------------------------------- GEXF
@pytest.fixture(scope="module")
def gexf_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(GEXF_XSD)))


def validate_gexf(data: bytes, schema: etree.XMLSchema) -> etree._Element:
    doc = etree.fromstring(data)
    assert schema.validate(doc), [str(e) for e in schema.error_log][:5]
    return doc


def test_gexf_is_valid_and_reads_back_in_networkx(store_path: Path, proj: Projection, gexf_schema: Any,
                                                  tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["export", "--store", str(store_path), "--format", "gexf",
                                      "-o", str(tmp_path / "g.gexf")])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert f"{len(proj.nodes)} nodes, {len(proj.edges)} relationships" in result.stderr
    data = (tmp_path / "g.gexf").read_bytes()
    validate_gexf(data, gexf_schema)

    g = nx.read_gexf(tmp_path / "g.gexf", version="1.3")
    assert set(g.nodes) == set(proj.nodes)
    assert g.number_of_edges() == len(proj.edges)
    for k, n in proj.nodes.items():
        got = g.nodes[k]
        assert got["label"] == n.props["name"]
        assert got["class"] == n.labels[0]
        expected = {p: gexf_value(v) for p, v in n.props.items() if p not in ("id", "kind") and v not in (None, [])}
        assert {p: got[p] for p in expected} == expected
        assert gephi_list(got["labels"]) == n.labels
    assert g.nodes[REMARKS]["name"] == TRICKY_NAME

    got_edges = sorted((s, t, d["label"], d["relationship"], d.get("sources")) for s, t, d in g.edges(data=True))
    want = sorted((e.source, e.target, e.type, e.type, gexf.gephi_list(e.props["sources"])) for e in proj.edges)
    assert got_edges == want


def test_gexf_declares_types_colours_by_class_sizes_by_degree(store_path: Path, proj: Projection,
                                                             gexf_schema: Any) -> None:
    doc = validate_gexf(run_export(store_path, "gexf"), gexf_schema)
    graph = doc.find(f"{GEXF_NS}graph")
    types = {a.get("title"): a.get("type") for a in graph.find(f"{GEXF_NS}attributes[@class='node']")}
    assert types["class"] == "string" and types["ordinal"] == "long" and types["year"] == "long"
    assert types["labels"] == types["sources"] == types["altNames"] == "liststring"
    # Gephi ignores attributes typed anyURI: addresses are strings
    assert types["url"] == "string" and types["startDate"] == "string"
    assert "anyURI" not in {a.get("type") for a in graph.iter(f"{GEXF_NS}attribute")}
    edge_types = {a.get("title"): a.get("type") for a in graph.find(f"{GEXF_NS}attributes[@class='edge']")}
    assert edge_types["relationship"] == "string" and edge_types["quotes"] == "liststring"

    degree = dict.fromkeys(proj.nodes, 0)
    for e in proj.edges:
        degree[e.source] += 1
        degree[e.target] += 1
    colours: dict[str, set[tuple[str, ...]]] = {}
    sizes = []
    for node in graph.iter(f"{GEXF_NS}node"):
        c = node.find(f"{GEXF_NS}color")
        kind = proj.nodes[node.get("id")].labels[0]
        colours.setdefault(kind, set()).add((c.get("r"), c.get("g"), c.get("b")))
        sizes.append((degree[node.get("id")], float(node.find(f"{GEXF_NS}size").get("value"))))
    assert all(len(c) == 1 for c in colours.values())             # one colour per class
    assert len({next(iter(c)) for c in colours.values()}) > 5      # and classes differ
    assert sorted(sizes) == sorted(sizes, key=lambda x: (x[1], x[0]))  # size grows with degree
    for edge in graph.iter(f"{GEXF_NS}edge"):
        assert edge.get("label") == edge.get("kind") and edge.get("kind").isupper()


def test_gexf_dynamic_spans_2015_to_2045(store_path: Path, proj: Projection, gexf_schema: Any,
                                         tmp_path: Path) -> None:
    data = run_export(store_path, "gexf", dynamic=True)
    doc = validate_gexf(data, gexf_schema)
    graph = doc.find(f"{GEXF_NS}graph")
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    (tmp_path / "d.gexf").write_bytes(data)
    g = nx.read_gexf(tmp_path / "d.gexf", version="1.3")
    starts = [d["start"] for _, d in g.nodes(data=True) if "start" in d]
    ends = [d["end"] for _, d in g.nodes(data=True) if "end" in d]
    in_window = [s for s in starts if "2015" <= s <= "2045-12-31"]
    assert min(in_window) <= "2015-04-26" and max(ends) == "2045-12-31"
    node = g.nodes
    assert (node[entity_iri("document/apsc-strategic-plan-2045")]["start"],
            node[entity_iri("document/apsc-strategic-plan-2045")]["end"]) == ("2026-01-01", "2045-12-31")
    assert (node[entity_iri("meeting/apsc-council-17")]["start"],
            node[entity_iri("meeting/apsc-council-17")]["end"]) == ("2018-04-01", "2018-04-30")   # month precision
    assert (node[entity_iri("meeting/apsc-council-19")]["start"],
            node[entity_iri("meeting/apsc-council-19")]["end"]) == ("2019-01-01", "2019-12-31")   # year precision
    assert (node[entity_iri("chairmanship/2025")]["start"], node[entity_iri("chairmanship/2025")]["end"]) == (
        "2025-01-01", "2025-12-31")
    assert node[entity_iri("membership/timor-leste-observer")]["end"] == "2025-10-25"
    assert "start" not in node[entity_iri("person/mohamad-hasan")]   # undated: always on the timeline

    edge_spans = {(s, t, d["label"]): (d.get("start"), d.get("end")) for s, t, d in g.edges(data=True)}
    assert edge_spans[(entity_iri("person/mohamad-hasan"), entity_iri("post/malaysia-foreign-minister"), "HOLDS")] == (
        "2023-12-12", None)   # a post held from its own start date, still held
    assert edge_spans[(entity_iri("document/apsc-strategic-plan-2045"), entity_iri("meeting/asean-summit-46"),
                       "ADOPTED_AT")] == ("2025-05-26", "2045-12-31")   # no overlap: from one start to the other end
    for (s, t, _), span in edge_spans.items():   # an edge with a dated end is dated
        if "start" in node[s] or "start" in node[t]:
            assert span != (None, None), (s, t)
    dated_edges = [v for v in edge_spans.values() if v[0]]
    assert any(v[0] and v[0].startswith("2015") for v in dated_edges)
    assert any(v[1] == "2045-12-31" for v in dated_edges)
    for start, end in dated_edges:
        assert end is None or start <= end


def test_time_span_rules() -> None:
    def node(labels: list[str], **props: Any) -> Node:
        return Node("x", labels, labels[0], props)

    d = dt.date
    assert time_span(node(["Person"])) is None
    assert time_span(node(["Meeting", "Event"], startDate=d(2025, 5, 26))) == (d(2025, 5, 26), d(2025, 5, 26))
    assert time_span(node(["Membership"], startDate=d(2022, 11, 11))) == (d(2022, 11, 11), None)
    assert time_span(node(["Document"], periodEnd=2045, adoptedOn=d(2025, 5, 26))) == (d(2025, 5, 26), d(2045, 12, 31))
    assert time_span(node(["Declaration"], signedOn=d(1967, 8, 8), issued=d(1967, 8, 9))) == (
        d(1967, 8, 8), d(1967, 8, 8))
    assert time_span(node(["Document"], issued=d(2018, 4, 1), issuedPrecision="month")) == (
        d(2018, 4, 1), d(2018, 4, 30))


def test_gexf_writer_escapes_everything_xml_cannot_hold(gexf_schema: Any) -> None:
    p = Projection()
    weird = "a\x00b\x1fc & <d> \"e\" \t\r\n \ud800 \uffff end"
    p.nodes["urn:x:1"] = Node("urn:x:1", ["Topic"], "Topic", {"id": "urn:x:1", "name": weird, "altNames": [weird, "]["],
                                                               "flag": True, "n": 3})
    p.nodes["urn:x:2&y"] = Node("urn:x:2&y", ["Topic"], "Topic", {"id": "urn:x:2&y", "name": "two"})
    p.edges.append(Edge("urn:x:1", "urn:x:2&y", "RELATED", {"quotes": [weird]}))
    out = io.StringIO()
    gexf.write(p, out)
    doc = validate_gexf(out.getvalue().encode("utf-8"), gexf_schema)
    node = doc.find(f".//{GEXF_NS}node")
    assert node.get("label") == "a\ufffdb\ufffdc & <d> \"e\" \t\r\n \ufffd \ufffd end"
    values = {a.get("for"): a.get("value") for a in node.iter(f"{GEXF_NS}attvalue")}
    assert "true" in values.values() and "3" in values.values()


# ---------------------------------------------------------------------- GraphML
def test_graphml_reads_back_in_networkx(store_path: Path, proj: Projection, tmp_path: Path) -> None:
    (tmp_path / "g.graphml").write_bytes(run_export(store_path, "graphml"))
    g = nx.read_graphml(tmp_path / "g.graphml")
    assert set(g.nodes) == set(proj.nodes)
    assert g.number_of_edges() == len(proj.edges)

    def plain(v: Any) -> Any:
        if isinstance(v, list):
            return json.dumps(v, ensure_ascii=False)
        return v.isoformat() if isinstance(v, dt.date) else v

    for k, n in proj.nodes.items():
        want = {p: plain(v) for p, v in n.props.items() if v not in (None, [])}
        got = dict(g.nodes[k])
        assert got.pop("label") == n.props["name"]
        assert got == want
        assert json.loads(got["labels"]) == n.labels
    want_edges = sorted((e.source, e.target, e.type, json.dumps({p: plain(v) for p, v in e.props.items()
                                                                 if v not in (None, [])}, sort_keys=True))
                        for e in proj.edges)
    got_edges = []
    for s, t, d in g.edges(data=True):
        d = dict(d)
        d.pop("id", None)
        assert d.pop("label") == d["type"]
        rtype = d.pop("type")
        got_edges.append((s, t, rtype, json.dumps(d, sort_keys=True)))
    assert sorted(got_edges) == want_edges
    quotes = [json.loads(d["quotes"]) for _, _, d in g.edges(data=True) if "quotes" in d]
    assert ["We must safeguard \"cyberspace\";\nit is\\our shared domain."] in quotes


# ---------------------------------------------------------------------- RDF formats
def test_jsonld_is_isomorphic_to_the_store(store_path: Path) -> None:
    data = run_export(store_path, "jsonld")
    doc = json.loads(data)
    ctx = doc["@context"]
    v = vocabulary()
    assert all(key in ctx for key in v.properties) and all(key in ctx for key in v.classes)
    assert ctx["meetingOf"] == {"@id": "gk:meetingOf", "@type": "@id"}
    assert ctx["ordinal"] == {"@id": "gk:ordinal", "@type": "xsd:integer"}
    assert ctx["name"] == "skos:prefLabel"

    got = rdflib.Dataset()
    got.parse(data=data, format="json-ld")
    ref = store_dataset(store_path)
    mine, theirs = graphs_of(got), graphs_of(ref)
    assert set(mine) == set(theirs)
    for g in theirs:
        assert isomorphic(mine[g], theirs[g]), g
    assert isomorphic(union(got), union(ref))


@pytest.mark.parametrize("fmt,parser", [("turtle", "turtle"), ("ntriples", "nt")])
def test_triple_formats_are_isomorphic_to_the_store_union(store_path: Path, fmt: str, parser: str) -> None:
    got = rdflib.Graph()
    got.parse(data=run_export(store_path, fmt), format=parser)
    assert isomorphic(got, union(store_dataset(store_path)))


@pytest.mark.parametrize("fmt,parser", [("nquads", "nquads"), ("trig", "trig")])
def test_quad_formats_keep_every_graph(store_path: Path, fmt: str, parser: str) -> None:
    got = rdflib.Dataset()
    got.parse(data=run_export(store_path, fmt), format=parser)
    mine, theirs = graphs_of(got), graphs_of(store_dataset(store_path))
    assert set(mine) == set(theirs)
    assert all(isomorphic(mine[g], theirs[g]) for g in theirs)


@pytest.mark.parametrize("fmt", ["jsonld", "turtle"])
def test_one_named_graph(store_path: Path, fmt: str) -> None:
    got = rdflib.Dataset()
    got.parse(data=run_export(store_path, fmt, graph=EXTRACTED_GRAPH), format="json-ld" if fmt == "jsonld" else fmt)
    assert isomorphic(union(got), union(store_dataset(store_path, EXTRACTED_GRAPH)))


def test_rdf_source_filter_chooses_graphs(store_path: Path) -> None:
    got = rdflib.Dataset()
    got.parse(data=run_export(store_path, "nquads", Filters(sources=("extracted",))), format="nquads")
    assert set(graphs_of(got)) == {EXTRACTED_GRAPH}
    got = rdflib.Dataset()
    got.parse(data=run_export(store_path, "nquads", Filters(sources=("document/apsc29-remarks",))), format="nquads")
    assert set(graphs_of(got)) == {EXTRACTED_GRAPH}
    got = rdflib.Dataset()
    got.parse(data=run_export(store_path, "nquads", Filters(sources=("https://example.org/source/apsc-29",))),
              format="nquads")
    assert len(graphs_of(got)) == 1 and EXTRACTED_GRAPH not in graphs_of(got)


def test_rdf_entity_filters_keep_quads_about_selected_entities(store_path: Path, proj: Projection) -> None:
    got = rdflib.Dataset()
    got.parse(data=run_export(store_path, "nquads", Filters(classes=("Meeting",))), format="nquads")
    meetings = {k for k, n in proj.nodes.items() if "Meeting" in n.labels}
    entities = set(proj.nodes)
    v = vocabulary()
    objects = {p.iri for p in v.properties.values() if p.is_object}
    subjects = set()
    for s, p, o, c in got.quads((None, None, None, None)):
        if str(s) == str(c) or str(s).startswith(entity_iri("assertion/")):
            continue
        subjects.add(str(s))
        if str(p) in objects and str(o) in entities:
            assert str(o) in meetings, (s, p, o)    # links leave the selection only to non-entities
    assert subjects == meetings
    # the extracted Assertion qualified a link to a topic, which is not selected
    assert not any(str(s) == entity_iri("assertion/test-extracted-1") for s, _, _, _ in got.quads())


# ---------------------------------------------------------------------- Cypher script
def unescape_cypher(literal: str) -> str:
    """Decode a single-quoted Cypher string literal (the escapes Neo4j's parser knows)."""
    assert literal[0] == literal[-1] == "'"
    body, out, i = literal[1:-1], [], 0
    simple = {"\\": "\\", "'": "'", '"': '"', "n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f"}
    while i < len(body):
        c = body[i]
        assert c != "'" and c != "\n", "unescaped quote or raw newline"
        if c == "\\":
            nxt = body[i + 1]
            if nxt == "u":
                out.append(chr(int(body[i + 2:i + 6], 16)))
                i += 6
                continue
            out.append(simple[nxt])
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_cypher_string_literals_round_trip(text: str) -> None:
    lit = cypher.string(text)
    assert "\n" not in lit and "\r" not in lit
    assert unescape_cypher(lit) == text


def test_cypher_literals() -> None:
    assert cypher.string("O'Neil \\ \"x\"\nnext") == "'O\\'Neil \\\\ \"x\"\\nnext'"
    assert cypher.literal(dt.date(2025, 5, 26)) == "date('2025-05-26')"
    assert cypher.literal(["a'b", "c"]) == "['a\\'b', 'c']"
    assert cypher.literal(True) == "true" and cypher.literal(29) == "29"
    assert cypher.name("Meeting") == "Meeting" and cypher.name("odd name`") == "`odd name```"
    assert cypher.map_literal({"a": None, "b": [], "c": 1}) == "{c: 1}"


def test_cypher_script(store_path: Path, proj: Projection) -> None:
    script = run_export(store_path, "cypher").decode("utf-8")
    statements = list(cypher.iter_statements(script))
    from graphkit.engines.neo4j.identity import schema_statements

    # the identity model push uses: one constraint on the marker label's id, and the name index, first
    assert statements[:2] == schema_statements()
    assert [s for s in statements if s.startswith("CREATE CONSTRAINT")] == [
        "CREATE CONSTRAINT graphkit_node_id IF NOT EXISTS FOR (n:GraphkitNode) REQUIRE n.id IS UNIQUE"]
    merges = [s for s in statements if "MERGE (n:" in s]
    assert all("MERGE (n:GraphkitNode {id: row.id})" in m for m in merges)
    assert sum(s.count("{id: '") for s in merges) == len(proj.nodes)
    rels = [s for s in statements if "MERGE (a)-[r:" in s]
    assert sum(s.count("{s: '") for s in rels) == len(proj.edges)
    labels_used = set(re.findall(r"[(:, ]n:(\w+)", script)) | set(re.findall(r"\[r:(\w+)\]", script))
    v = vocabulary()
    assert labels_used <= set(v.classes) | {p.rel_type for p in v.properties.values() if p.is_object} | {"GraphkitNode"}
    literal = re.search(r"name: ('Chairman(?:[^'\\]|\\.)*')", script)
    assert literal is not None and unescape_cypher(literal.group(1)) == TRICKY_NAME
    assert "issued: date('2025-05-25')" in script


# ---------------------------------------------------------------------- neo4j-admin CSV
def read_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    return rows[0], rows[1:]


def test_neo4j_csv_headers_are_typed(store_path: Path, proj: Projection, tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    with opened(store_path, read_only=True) as s:
        summary = export(s, "neo4j-csv", folder)
    script = (folder / neo4j_csv.IMPORT_SCRIPT).read_text()
    # the extracted quote holds a ";", so the writer picked the next delimiter and says so
    delim = re.search(r"--array-delimiter=([^'\s]+)", script).group(1)
    assert delim == "|"
    header, rows = read_csv(folder / "nodes_Meeting.csv")
    assert header[:2] == ["id:ID", ":LABEL"]
    for h in ("name", "key", "ordinal:long", "startDate:date", "endDate:date", "labels:string[]",
              "sources:string[]", "origins:string[]", "altNames:string[]", "startDatePrecision"):
        assert h in header, h
    meetings = [n for n in proj.nodes.values() if n.table == "Meeting"]
    assert len(rows) == len(meetings)
    row = dict(zip(header, next(r for r in rows if r[0] == entity_iri("meeting/apsc-council-29")), strict=False))
    assert row[":LABEL"].split(delim) == ["GraphkitNode", "Meeting", "Event"]   # the identity model's marker
    assert row["sources:string[]"].split(delim) == proj.nodes[entity_iri("meeting/apsc-council-29")].props["sources"]
    assert (row["ordinal:long"], row["startDate:date"], row["endDate:date"]) == ("29", "2025-05-25", "")

    header, rows = read_csv(folder / "nodes_Document.csv")
    row = dict(zip(header, next(r for r in rows if r[0] == REMARKS), strict=False))
    assert row["name"] == TRICKY_NAME and row["issued:date"] == "2025-05-25"
    assert "periodStart:long" in header

    header, rows = read_csv(folder / "rels_HOLDS.csv")
    assert header[:6] == [":START_ID", ":END_ID", ":TYPE", "sources:string[]", "origins:string[]", "quotes:string[]"]
    assert "startDate:date" in header and "endDate:date" in header and header[-1] == "graphkit"
    assert rows[0][2] == "HOLDS" and rows[0][header.index("startDate:date")] == "2023-12-12"
    assert rows[0][5] == ""   # no quotes: an empty cell, no property (as push and the script leave it out)
    total = sum(len(read_csv(folder / f)[1]) for f in summary.files if f.startswith("rels_"))
    assert total == len(proj.edges)
    assert sum(len(read_csv(folder / f)[1]) for f in summary.files if f.startswith("nodes_")) == len(proj.nodes)
    assert "--multiline-fields=true" in script
    header, rows = read_csv(folder / "rels_ADDRESSES.csv")
    quotes = [r[header.index("quotes:string[]")] for r in rows if r[header.index("quotes:string[]")]]
    assert quotes == ["We must safeguard \"cyberspace\";\nit is\\our shared domain."]
    assert all(f"={f}" in script for f in summary.files if f.endswith(".csv"))


def test_neo4j_csv_picks_another_array_delimiter_when_values_hold_one() -> None:
    p = Projection()
    p.nodes["urn:a"] = Node("urn:a", ["Topic"], "Topic", {"id": "urn:a", "name": "a", "altNames": ["x|y", "z"]})
    assert neo4j_csv.array_delimiter(p) == ";"
    p.nodes["urn:a"].props["altNames"] = ["x;y", "z"]
    assert neo4j_csv.array_delimiter(p) == "|"
    files: dict[str, io.StringIO] = {}

    from contextlib import contextmanager

    @contextmanager
    def opener(name: str) -> Any:
        files[name] = io.StringIO()
        yield files[name]

    neo4j_csv.write(p, opener)
    header, *rows = list(csv.reader(io.StringIO(files["nodes_Topic.csv"].getvalue())))
    assert dict(zip(header, rows[0], strict=False))["altNames:string[]"].split("|") == ["x;y", "z"]
    assert "--array-delimiter=|" in files[neo4j_csv.IMPORT_SCRIPT].getvalue()
    p.nodes["urn:a"].props["altNames"] = ["x;y", "z|w"]
    assert neo4j_csv.array_delimiter(p) == "\x1f"
    files.clear()
    neo4j_csv.write(p, opener)
    script = files[neo4j_csv.IMPORT_SCRIPT].getvalue()
    # a control character goes on the command line as U+001F: plain ASCII works under any locale
    assert "--array-delimiter=U+001F" in script and script.isascii()
    lines = [line.strip() for line in script.splitlines()]
    # Neo4j 5.26: the database name right after `full`, before the many-valued --nodes/--relationships
    assert lines[lines.index("full \\") + 1] == '"$DATABASE" \\'
    assert lines[-1].startswith(("--relationships=", "--nodes="))   # nothing after the files


# ---------------------------------------------------------------------- filters
def keys(p: Projection) -> set[str]:
    return {n.props["key"] for n in p.nodes.values()}


def test_filter_by_class_includes_subclasses(proj: Projection) -> None:
    sel = select(proj, check_filters(Filters(classes=("Document",))))
    assert keys(sel) == {"document/apsc-blueprint-2025", "document/apsc-strategic-plan-2045", "document/apsc29-remarks"}
    assert [(e.source, e.type) for e in sel.edges] == [(entity_iri("document/apsc-strategic-plan-2045"), "SUCCEEDS")]


def test_filter_by_relationship_type(proj: Projection) -> None:
    sel = select(proj, check_filters(Filters(rel_types=("inConjunctionWith",))))
    assert {e.type for e in sel.edges} == {"IN_CONJUNCTION_WITH"}
    assert keys(sel) == {"meeting/apsc-council-11", "meeting/asean-summit-26", "meeting/apsc-council-29",
                         "meeting/asean-summit-46"}
    with pytest.raises(OntologyError):
        check_filters(Filters(rel_types=("NOT_A_TYPE",)))
    with pytest.raises(OntologyError):
        check_filters(Filters(classes=("Nope",)))


def test_filter_by_time_window(proj: Projection) -> None:
    sel = select(proj, Filters(start=parse_time_bound("2024", end=False), end=parse_time_bound("2045", end=True)))
    k = keys(sel)
    assert {"document/apsc-strategic-plan-2045", "meeting/apsc-council-29", "chairmanship/2025",
            "document/apsc-blueprint-2025", "membership/timor-leste-observer"} <= k
    assert not k & {"meeting/apsc-council-11", "meeting/asean-summit-26", "meeting/apsc-council-19",
                    "chairmanship/2015"}
    # undated nodes stay when linked to a kept dated node, and go when not
    assert {"person/mohamad-hasan", "body/apsc-council", "place/klcc", "topic/cybersecurity"} <= k
    assert "scheme/topics" not in k and "topic/terrorism" not in k
    sel = select(proj, Filters(start=dt.date(2018, 1, 1), end=dt.date(2018, 12, 31)))
    assert "meeting/apsc-council-17" in keys(sel) and "meeting/apsc-council-19" not in keys(sel)


def test_filter_around_an_entity(proj: Projection) -> None:
    sel = select(proj, Filters(around="APSC Council", depth=1))
    assert keys(sel) == {"body/apsc-council", "body/asean-summit", "meeting/apsc-council-11",
                         "meeting/apsc-council-17", "meeting/apsc-council-19", "meeting/apsc-council-29"}
    assert keys(select(proj, Filters(around="body/apsc-council", depth=0))) == {"body/apsc-council"}
    deeper = select(proj, Filters(around="apsc council", depth=2))
    assert "person/mohamad-hasan" in keys(deeper) and len(deeper.nodes) > len(sel.nodes)
    assert resolve_entity(proj, "APSC Counsil").props["key"] == "body/apsc-council"      # fuzzy
    assert resolve_entity(proj, "ASEAN").props["key"] == "org/asean"                    # acronym
    with pytest.raises(EntityNotFoundError) as err:
        resolve_entity(proj, "Completely Unrelated Words")
    assert err.value.suggestions


def test_filter_by_source(proj: Projection) -> None:
    extracted = select(proj, Filters(sources=("extracted",)))
    assert [(e.type, e.props["origins"]) for e in extracted.edges] == [("ADDRESSES", ["extracted"])]
    assert keys(extracted) == {"meeting/apsc-council-29", "topic/cybersecurity"}
    assert extracted.edges[0].props["quotes"]
    assert keys(select(proj, Filters(sources=("document/apsc29-remarks",)))) == keys(extracted)
    by_address = select(proj, Filters(sources=("https://example.org/documents/apsc29-remarks.html",)))
    assert keys(by_address) == keys(extracted)
    by_url = select(proj, Filters(sources=("https://example.org/source/apsc-29",)))
    assert "document/apsc29-remarks" in keys(by_url) and "meeting/apsc-council-11" not in keys(by_url)
    curated = select(proj, Filters(sources=("curated",)))
    assert "topic/cybersecurity" not in keys(curated) and "meeting/apsc-council-29" in keys(curated)
    assert all("curated" in e.props["origins"] for e in curated.edges)


def test_graph_option_on_property_graph_formats_keeps_what_that_graph_states(store_path: Path, tmp_path: Path) -> None:
    (tmp_path / "x.graphml").write_bytes(run_export(store_path, "graphml", graph=EXTRACTED_GRAPH))
    g = nx.read_graphml(tmp_path / "x.graphml")
    assert set(g.nodes) == {entity_iri("meeting/apsc-council-29"), entity_iri("topic/cybersecurity")}


def test_filters_combine(proj: Projection) -> None:
    sel = select(proj, check_filters(Filters(classes=("Meeting", "Body"), around="APSC Council", depth=1,
                                             start=dt.date(2025, 1, 1))))
    assert keys(sel) == {"body/apsc-council", "body/asean-summit", "meeting/apsc-council-29"}


# ---------------------------------------------------------------------- CLI
def test_export_help_has_examples() -> None:
    result = CliRunner().invoke(cli, ["export", "--help"])
    assert result.exit_code == 0 and "graphkit export" in result.output and "--around" in result.output


def test_export_to_stdout_infers_nothing_and_keeps_messages_on_stderr(store_path: Path) -> None:
    result = CliRunner().invoke(cli, ["export", "--store", str(store_path), "--format", "ntriples", "--class", "Venue"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<https://") and "exported" in result.stderr
    result = CliRunner().invoke(cli, ["export", "--store", str(store_path)])
    assert result.exit_code == 2 and "--format" in result.stderr


def _graphkit(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args))


def test_export_exit_codes_and_no_partial_file(store_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.gexf"
    r = _graphkit("export", "--store", str(store_path), "-o", str(out), "--around", "Zzzz Qqqq Unknown")
    assert r.exit_code == 3 and "not found" in r.stderr
    assert not out.exists() and not list(tmp_path.iterdir())
    r = _graphkit("export", "--store", str(store_path), "-o", str(out), "--class", "Nope")
    assert r.exit_code == 2 and "unknown class" in r.stderr
    r = _graphkit("export", "--store", str(store_path), "-o", str(out), "--from", "someday")
    assert r.exit_code == 2
    r = _graphkit("export", "--store", str(store_path), "--format", "graphml", "--dynamic")
    assert r.exit_code == 2
    r = _graphkit("export", "--store", str(store_path), "--format", "neo4j-csv")
    assert r.exit_code == 2 and "FOLDER" in r.stderr
    r = _graphkit("export", "--store", str(store_path), "-o", str(out), "--dynamic", "--from", "2024", "-q")
    assert r.exit_code == 0 and r.stderr == "" and out.exists()
    r = _graphkit("export", "--store", str(tmp_path / "missing"), "-o", str(out))
    assert r.exit_code == 1 and "graphkit build" in r.stderr


def test_export_writes_only_regular_files(store_path: Path, tmp_path: Path) -> None:
    """-o goes through graphkit.atomic: a folder or a device is refused in one line and left as it was."""
    folder = tmp_path / "a-folder"
    folder.mkdir()
    r = _graphkit("export", "--store", str(store_path), "--format", "gexf", "-o", str(folder))
    assert r.exit_code == 1 and "Traceback" not in r.output and len(r.stderr.strip().splitlines()) == 1
    assert folder.is_dir() and not list(folder.iterdir())
    device = Path("/dev/null")
    r = _graphkit("export", "--store", str(store_path), "--format", "gexf", "-o", str(device))
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert device.is_char_device()
    assert not [p for p in tmp_path.iterdir() if ".partial-" in p.name]
    # neo4j-csv onto a regular file: refused, the file untouched
    plain_file = tmp_path / "not-a-folder"
    plain_file.write_text("keep me")
    r = _graphkit("export", "--store", str(store_path), "--format", "neo4j-csv", "-o", str(plain_file))
    assert r.exit_code == 1 and "Traceback" not in r.output and plain_file.read_text() == "keep me"
