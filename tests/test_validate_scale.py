"""SHACL in slices gives exactly the problems of one pySHACL run over a whole-store copy.

`graphkit validate` runs each shape only on the members of a slice that it targets, on a graph
made of those members' facts and the types of what they point at (graphkit.validate). A store
with a deliberate violation of every shape, spread over many slices, must give the same rows,
sources included, as the round-one approach (shacl_problems_whole), whatever the slice size.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit.cli import cli
from graphkit.store import Literal, NamedNode, Quad, opened, writing
from graphkit.terms import IRI
from graphkit.validate import (
    SOURCES_OF,
    _predicates_read,
    _value_only,
    shacl_problems,
    shacl_problems_whole,
    sources_of,
)
from graphkit.vocab import GRAPH_BASE, RDF_TYPE, XSD, entity_iri

FIXTURES = Path(__file__).parent / "fixtures"
ORG = "http://www.w3.org/ns/org#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


def _n(key: str) -> NamedNode:
    return NamedNode(entity_iri(key))


def _graph(name: str, url: str | None, origin: str = "curated") -> tuple[NamedNode, list[Quad]]:
    g = NamedNode(GRAPH_BASE + "source/" + name)
    quads = [Quad(g, NamedNode(RDF_TYPE), NamedNode(IRI.SourceGraph), g),
             Quad(g, NamedNode(IRI.origin), Literal(origin), g)]
    if url:
        quads.append(Quad(g, NamedNode(IRI.primarySource), NamedNode(url), g))
    return g, quads


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The broken-records fixture, plus a graph breaking every shape and 40 good meetings around it."""
    path = tmp_path_factory.mktemp("scale") / "store"
    result = CliRunner().invoke(cli, ["build", "--no-shipped", "--records", str(FIXTURES / "records-broken"),
                                      "--store", str(path), "--quiet"])
    assert result.exit_code == 0, result.output
    t = NamedNode(RDF_TYPE)
    g, bad = _graph("test-every-shape", "https://example.org/every-shape")
    body, city, person, post = _n("body/b"), _n("place/c"), _n("person/p"), _n("post/p")
    integer, year = NamedNode(XSD + "integer"), NamedNode(XSD + "gYear")
    bad += [
        Quad(body, t, NamedNode(IRI.Body), g),                                      # body without a name
        Quad(city, t, NamedNode(IRI.City), g), Quad(city, NamedNode(IRI.name), Literal("C"), g),
        Quad(person, t, NamedNode(IRI.Person), g), Quad(person, NamedNode(IRI.name), Literal("P"), g),
        Quad(person, NamedNode(IRI.holds), city, g),                                # holds a city, not a post
        Quad(post, t, NamedNode(IRI.Post), g),                                      # post without a name
        Quad(_n("meeting/two-numbers"), t, NamedNode(IRI.Meeting), g),
        Quad(_n("meeting/two-numbers"), NamedNode(IRI.name), Literal("Two numbers"), g),
        Quad(_n("meeting/two-numbers"), NamedNode(IRI.meetingOf), body, g),
        Quad(_n("meeting/two-numbers"), NamedNode(IRI.startDate), Literal("2020", datatype=year), g),
        Quad(_n("meeting/two-numbers"), NamedNode(IRI.endDate), Literal("soon"), g),   # not a date (sh:node)
        Quad(_n("meeting/two-numbers"), NamedNode(IRI.ordinal), Literal("0", datatype=integer), g),
        Quad(_n("meeting/two-numbers"), NamedNode(IRI.ordinal), Literal("2", datatype=integer), g),
        Quad(_n("meeting/two-numbers"), NamedNode(IRI.location), person, g),       # a person as the place
        Quad(_n("meeting/two-numbers"), NamedNode(IRI.chairedBy), city, g),        # a city as the chair
        Quad(_n("meeting/also-soon"), t, NamedNode(IRI.Meeting), g),               # the same bad literal again,
        Quad(_n("meeting/also-soon"), NamedNode(IRI.name), Literal("Also soon"), g),  # and a good one shared
        Quad(_n("meeting/also-soon"), NamedNode(IRI.meetingOf), body, g),
        Quad(_n("meeting/also-soon"), NamedNode(IRI.startDate), Literal("2020", datatype=year), g),
        Quad(_n("meeting/also-soon"), NamedNode(IRI.endDate), Literal("soon"), g),
        Quad(_n("membership/m"), t, NamedNode(ORG + "Membership"), g),              # no organisation, no start
        Quad(_n("membership/m"), NamedNode(IRI.member), person, g),
        Quad(_n("chairmanship/c"), t, NamedNode(IRI.Chairmanship), g),              # no state, no year, no name
        Quad(_n("document/d"), t, NamedNode(IRI.Document), g),
        Quad(_n("document/d"), NamedNode(IRI.name), Literal("D"), g),
        Quad(_n("document/d"), NamedNode(IRI.succeeds), _n("meeting/two-numbers"), g),  # a meeting, not a document
        Quad(_n("document/d"), NamedNode(IRI.contentHash), Literal("not-a-hash"), g),
        Quad(_n("document/d"), NamedNode(IRI.addresses), city, g),                 # a city as a topic
        Quad(_n("assertion/a"), t, NamedNode(IRI.Assertion), g),                   # no subject, predicate, object
        Quad(_n("assertion/a"), NamedNode(IRI.statedIn), g, g),
    ]
    g2, nameless = _graph("test-no-address", None, origin="bogus")              # no address, unknown origin
    gg, good = _graph("test-good", "https://example.org/good")
    for i in range(40):
        m = _n(f"meeting/good-{i:02d}")
        good += [Quad(m, t, NamedNode(IRI.Meeting), gg), Quad(m, NamedNode(IRI.name), Literal(f"G{i}"), gg),
                 Quad(m, NamedNode(IRI.meetingOf), body, gg),
                 Quad(m, NamedNode(IRI.startDate), Literal(f"20{i:02d}", datatype=year), gg)]
    with writing(path) as s:
        s.replace_graphs({g.value: bad, g2.value: nameless, gg.value: good})
    return path


def _rows(problems: list[dict]) -> Counter:
    return Counter((p["severity"], p["check"], p["focus"], p["message"], tuple(p["sources"])) for p in problems)


def test_every_shape_is_broken_and_found(store: Path) -> None:
    with opened(store, read_only=True) as s:
        found = shacl_problems(s)
    text = "\n".join(f"{p['focus']} {p['message']}" for p in found)
    for focus, words in [("body/b", "prefLabel"), ("post/p", "has no name"), ("person/p", "holds"),
                         ("meeting/two-numbers", "ordinal"), ("meeting/two-numbers", "location"),
                         ("meeting/two-numbers", "endDate"), ("meeting/also-soon", "endDate"),
                         ("meeting/two-numbers", "chairedBy"), ("membership/m", "startDate"),
                         ("chairmanship/c", "year"), ("document/d", "succeeds"), ("document/d", "contentHash"),
                         ("place/c", "only topics"), ("assertion/a", "subject"), ("meeting/broken-1", "meetingOf"),
                         ("test-no-address", "")]:
        assert any(focus in line and words in line for line in text.splitlines()), (focus, words, text)


@pytest.mark.parametrize("chunk", [1, 3, 7, 5_000])
def test_slices_give_the_rows_of_one_run_over_a_whole_copy(store: Path, chunk: int) -> None:
    with opened(store, read_only=True) as s:
        whole = shacl_problems_whole(s)
        sliced = shacl_problems(s, chunk=chunk)
    assert len(whole) >= 20
    assert _rows(sliced) == _rows(whole)


def test_sources_by_index_match_the_sources_query(store: Path) -> None:
    with opened(store, read_only=True) as s:
        nodes = sorted({p["focus"] for p in shacl_problems(s)})
        iris = [entity_iri(n) if not n.startswith("http") else n for n in nodes]
        by_index = sources_of(s, iris)
        for iri in iris:
            by_query = sorted({r["src"] for r in s.select(SOURCES_OF, {"focus": f"<{iri}>"})[1]})
            assert by_index[iri] == by_query, iri
    assert any(by_index.values())


SHAPES_PREFIXES = """@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def _shapes_graph(text: str):  # type: ignore[no-untyped-def]
    import rdflib

    return rdflib.Graph().parse(data=SHAPES_PREFIXES + text, format="turtle")


def test_slices_keep_every_predicate_a_path_names_and_all_facts_for_closed_shapes() -> None:
    paths = _shapes_graph("""
        ex:s a sh:NodeShape ; sh:targetClass ex:C ;
          sh:property [ sh:path ex:a ] ;
          sh:property [ sh:path [ sh:inversePath ex:b ] ] ;
          sh:property [ sh:path ( ex:c [ sh:alternativePath ( ex:d [ sh:zeroOrMorePath ex:e ] ) ] ) ;
                        sh:lessThan ex:f ] .""")
    read = _predicates_read(paths)
    assert read is not None
    assert {f"https://example.org/{x}" for x in "abcdef"} <= read
    assert "https://example.org/C" not in read
    closed = _shapes_graph("ex:s a sh:NodeShape ; sh:targetClass ex:C ; sh:closed true ;"
                           " sh:property [ sh:path ex:a ] .")
    assert _predicates_read(closed) is None
    sparql = _shapes_graph("ex:s a sh:NodeShape ; sh:targetClass ex:C ; sh:sparql [ sh:select \"SELECT $this {}\" ] .")
    assert _predicates_read(sparql) is None


def test_only_shapes_that_read_nothing_but_the_value_answer_literals_for_the_whole_run() -> None:
    import rdflib

    g = _shapes_graph("""
        ex:date a sh:NodeShape ; sh:or ( [ sh:datatype xsd:date ] [ sh:datatype xsd:gYear ] ) .
        ex:typed a sh:NodeShape ; sh:class ex:C .
        ex:either a sh:NodeShape ; sh:or ( ex:date ex:typed ) .
        ex:has a sh:NodeShape ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .
        ex:wrapped a sh:NodeShape ; sh:node ex:has .""")
    found = {str(s) for s in _value_only(g) if isinstance(s, rdflib.URIRef)}
    assert found == {"https://example.org/date"}
