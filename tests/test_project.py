"""The projection: claims where sources disagree, the graph as of a date, and the saved copy that
build and ingest leave ready (no rebuild before the first query)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit.project import (
    CLAIMS_SUFFIX,
    claims_of,
    load_projection,
    project,
    projection_path,
    saved_projection,
    snapshot,
)
from graphkit.provenance import EXTRACTED, conflicts, describe_graph, document_graph
from graphkit.store import Literal, NamedNode, Quad, opened
from graphkit.terms import IRI, P, R
from graphkit.vocab import XSD, entity_iri

ROOT = Path(__file__).resolve().parent.parent
RECORDS = ROOT / "tests" / "fixtures" / "model" / "records.yaml"
MEETING = entity_iri("meeting/test-council-1")


def _build(path: Path) -> str:
    from graphkit.cli import cli

    result = CliRunner().invoke(cli, ["build", "--store", str(path), "--no-shipped", "--records", str(RECORDS)])
    assert result.exit_code == 0, result.output
    return result.stderr


def _claim_paris(path: Path) -> None:
    """An extracted source saying the 1st Test Council Meeting was in Beta City on another day."""
    g = document_graph("model-report")
    gn = NamedNode(g)
    quads = describe_graph(g, EXTRACTED, derived_from=entity_iri("document/model-report"))
    quads += [Quad(NamedNode(MEETING), NamedNode(IRI.location), NamedNode(entity_iri("city/beta")), gn),
              Quad(NamedNode(MEETING), NamedNode(IRI.startDate),
                   Literal("2016-04-26", datatype=NamedNode(XSD + "date")), gn),
              Quad(NamedNode(MEETING), NamedNode(IRI.ordinal), Literal("1", datatype=NamedNode(XSD + "integer")), gn)]
    with opened(path) as store:
        store.replace_graphs({g: quads})


@pytest.fixture(scope="module")
def claimed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("claims") / "store"
    _build(path)
    _claim_paris(path)
    return path


def test_curated_outranks_extracted_and_every_claim_is_carried(claimed: Path) -> None:
    with opened(claimed, read_only=True) as store:
        proj = project(store)
        found = conflicts(store)
    m = proj.nodes[MEETING]
    assert m.props[P.startDate] == dt.date(2016, 4, 25)
    assert claims_of(m.props, P.startDate) == [("2016-04-25", "https://example.org/model/meetings"),
                                               ("2016-04-26", "document/model-report")]
    cities = [e.target for e in proj.edges if e.source == MEETING and e.type == R.LOCATION]
    assert cities == [entity_iri("city/alpha")]
    assert sorted(v for v, _ in claims_of(m.props, P.location)) == ["city/alpha", "city/beta"]
    assert m.props.get(P.ordinal + CLAIMS_SUFFIX) is None  # the sources agree: no claims list
    # the same rule, listed for `validate`: both values with their sources, the curated one chosen
    by_key = {(c.subject, c.key): c for c in found}
    assert set(by_key) == {(MEETING, P.location), (MEETING, P.startDate)}
    loc = by_key[(MEETING, P.location)]
    assert {(c.value, c.origin) for c in loc.claims} == {(entity_iri("city/alpha"), "curated"),
                                                        (entity_iri("city/beta"), EXTRACTED)}
    assert loc.chosen.value == entity_iri("city/alpha")


def test_claims_read_the_same_in_cypher(claimed: Path) -> None:
    from graphkit.engines import open_engine

    engine = open_engine("embedded", claimed)
    try:
        _, rows = engine.run("MATCH (m:Meeting)-[:LOCATION]->(c:City) WHERE m.key = $k "
                             "RETURN c.name AS city, m.locationClaims AS claims", {"k": "meeting/test-council-1"})
    finally:
        engine.close()
    assert [r["city"] for r in rows] == ["Alpha City"]
    assert sorted(rows[0]["claims"]) == ["city/alpha | https://example.org/model/meetings",
                                         "city/beta | document/model-report"]


def test_a_partial_date_inside_a_full_one_is_no_conflict(tmp_path: Path) -> None:
    path = tmp_path / "store"
    _build(path)
    g = document_graph("model-year")
    quads = describe_graph(g, EXTRACTED, derived_from=entity_iri("document/model-year"))
    quads.append(Quad(NamedNode(MEETING), NamedNode(IRI.startDate), Literal("2016", datatype=NamedNode(XSD + "gYear")),
                      NamedNode(g)))
    with opened(path) as store:
        store.replace_graphs({g: quads})
        assert conflicts(store) == []
        assert project(store).nodes[MEETING].props[P.startDate] == dt.date(2016, 4, 25)


def test_as_of_gives_the_graph_as_it_stood(tmp_path: Path) -> None:
    path = tmp_path / "store"
    _build(path)
    with opened(path, read_only=True) as store:
        full = project(store)
        then = project(store, as_of=dt.date(2020, 1, 1))
    keys = {n.props["key"] for n in then.nodes.values()}
    assert "membership/aland" in keys and "membership/bora" not in keys   # joined 2025-10-26
    assert "meeting/test-council-1" in keys and "meeting/test-council-2" not in keys  # held 2021-03
    assert "state/bora" in keys  # the state itself is undated
    assert all(e.source in then.nodes and e.target in then.nodes for e in then.edges)
    assert len(then.edges) < len(full.edges)

    def holders(day: dt.date) -> list[str]:
        proj = snapshot(full, day)
        return sorted(proj.nodes[e.source].props[P.name] for e in proj.edges if e.type == R.HOLDS)

    assert holders(dt.date(2016, 5, 31)) == ["First Minister"]   # held until "2016-05": its last day
    assert holders(dt.date(2016, 6, 1)) == ["Second Minister"]
    assert holders(dt.date(2014, 1, 1)) == ["First Minister"]    # held from "2014": its first day
    assert holders(dt.date(2013, 12, 31)) == []
    first = next(e for e in full.edges if e.type == R.HOLDS and full.nodes[e.source].props[P.name] == "First Minister")
    assert first.props[P.startDate + "Precision"] == "year" and first.props[P.endDate + "Precision"] == "month"


def test_build_leaves_the_projection_and_cypher_copy_ready(tmp_path: Path) -> None:
    from graphkit.engines.embedded import cypher_dir, is_fresh

    path = tmp_path / "store"
    stderr = _build(path)
    assert "Cypher copy ready" in stderr
    stamp = cypher_dir(path) / "fingerprint.json"
    before = stamp.stat().st_mtime_ns
    with opened(path, read_only=True) as store:
        assert is_fresh(store)
        saved = saved_projection(store)
        assert saved is not None
        again = project(store)
        assert saved.nodes == again.nodes and saved.edges == again.edges
        assert json.loads(stamp.read_text())["fingerprint"] == store.fingerprint
    from graphkit.engines import open_engine

    engine = open_engine("embedded", path)
    try:
        assert engine.run("MATCH (m:Meeting) RETURN count(m) AS n")[1] == [{"n": 2}]
    finally:
        engine.close()
    assert stamp.stat().st_mtime_ns == before  # the first query rebuilt nothing


def test_a_write_makes_the_saved_projection_stale_until_refreshed(tmp_path: Path) -> None:
    from graphkit.engines.embedded import is_fresh, refresh

    path = tmp_path / "store"
    _build(path)
    _claim_paris(path)
    with opened(path, read_only=True) as store:
        assert saved_projection(store) is None and not is_fresh(store)
        fresh = load_projection(store)
        assert fresh.nodes[MEETING].props.get(P.location + CLAIMS_SUFFIX)
    lines: list[str] = []
    done = refresh(path, progress=lines.append)
    assert not done.skipped and "Cypher copy ready" in lines[-1]
    assert refresh(path).skipped
    projection_path(path).write_bytes(b"not a pickle")
    with opened(path, read_only=True) as store:
        assert saved_projection(store) is None  # a damaged file is ignored, not trusted


def test_as_of_on_query_links_and_trace(tmp_path: Path) -> None:
    from graphkit.cli import cli

    path = tmp_path / "store"
    _build(path)
    runner = CliRunner()
    held = runner.invoke(cli, ["query", "posts_held_at", "--as-of", "2016-06-01", "--store", str(path),
                               "--format", "json"])
    assert held.exit_code == 0, held.output
    assert [r["person"] for r in json.loads(held.stdout)] == ["Second Minister"]
    earlier = runner.invoke(cli, ["query", "posts_held_at", "--as-of", "2016-05", "--store", str(path),
                                  "--format", "json"])
    assert [r["person"] for r in json.loads(earlier.stdout)] == ["First Minister"]
    now = runner.invoke(cli, ["links", "Bora", "--store", str(path), "--format", "json"])
    then = runner.invoke(cli, ["links", "Bora", "--as-of", "2020-01-01", "--store", str(path), "--format", "json"])
    assert now.exit_code == 0 and [r["relationship"] for r in json.loads(now.stdout)] == ["MEMBER"]
    assert then.exit_code == 3  # no links at all: the membership began in 2025
    adhoc = runner.invoke(cli, ["query", "-e", "MATCH (m:Meeting) RETURN m.key AS k ORDER BY k", "--as-of", "2020",
                                "--store", str(path), "--format", "json"])
    assert [r["k"] for r in json.loads(adhoc.stdout)] == ["meeting/test-council-1"]
    bad = runner.invoke(cli, ["query", "posts_held_at", "--as-of", "June", "--store", str(path)])
    assert bad.exit_code == 2 and "2016-06-01" in bad.stderr
    neo = runner.invoke(cli, ["query", "posts_held_at", "--as-of", "2016", "--engine", "neo4j",
                              "--uri", "bolt://127.0.0.1:1", "--store", str(path)])
    assert neo.exit_code == 1 and "--as-of needs the embedded engine" in neo.stderr


def test_ingest_leaves_the_cypher_copy_ready(tmp_path: Path) -> None:
    from graphkit.cli import cli
    from graphkit.engines.embedded import is_fresh

    path = tmp_path / "store"
    _build(path)
    text = ROOT / "tests" / "fixtures" / "texts" / "apsc29-opening-remarks.txt"
    result = CliRunner().invoke(cli, ["ingest", str(text), "--store", str(path)])
    assert result.exit_code == 0, result.output
    assert "Cypher copy ready" in result.stderr
    with opened(path, read_only=True) as store:
        assert is_fresh(store) and saved_projection(store) is not None
    again = CliRunner().invoke(cli, ["ingest", str(text), "--store", str(path)])  # unchanged: nothing to redo
    assert again.exit_code == 0 and "already up to date" in again.stderr


def test_export_as_of_2020_has_no_timor_leste_membership(built_store: Path, tmp_path: Path) -> None:
    from lxml import etree

    from graphkit.cli import cli

    def memberships(*extra: str) -> set[str]:
        out = tmp_path / f"g{len(extra)}.gexf"
        result = CliRunner().invoke(cli, ["export", "--format", "gexf", "-o", str(out), "--store", str(built_store),
                                          "-q", *extra])
        assert result.exit_code == 0, result.output
        ns = {"g": "http://gexf.net/1.3"}
        ids = etree.parse(str(out)).xpath("//g:node/@id", namespaces=ns)
        return {str(i) for i in ids if "membership/" in str(i)}

    now, then = memberships(), memberships("--as-of", "2020-01-01")
    assert any(i.endswith("membership/timor-leste") for i in now)
    assert then and not any("timor-leste" in i for i in then)
    assert then < now


def test_show_as_of(tmp_path: Path) -> None:
    from graphkit.cli import cli

    path = tmp_path / "store"
    _build(path)

    def relationships(*extra: str) -> list[str]:
        result = CliRunner().invoke(cli, ["show", "Bora", "--store", str(path), "--format", "json", *extra])
        assert result.exit_code == 0, result.output
        return [link["relationship"] for link in json.loads(result.stdout).get("links", [])]

    assert relationships() == ["MEMBER"] and relationships("--as-of", "2020-01-01") == []
