"""graphkit.api, the Python API for notebooks: the same answers as the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import graphkit.api as gk
from graphkit.cli import cli
from graphkit.errors import EntityNotFoundError, GraphkitError
from graphkit.vocab import entity_iri


def test_open_refuses_a_missing_store(tmp_path: Path) -> None:
    with pytest.raises(GraphkitError, match="graphkit build"):
        gk.open(tmp_path / "nothing")


def test_lookup_query_and_dataframe_agree_with_the_cli(built_store: Path) -> None:
    g = gk.open(built_store)
    assert g.lookup("APSC").best is not None
    assert g.lookup("APSC").best.key == "body/apsc-council"  # type: ignore[union-attr]
    rows = g.query("meetings_of_body", body="APSC")
    cli_rows = json.loads(CliRunner().invoke(cli, ["query", "meetings_of_body", "--param", "body=APSC",
                                                   "--store", str(built_store), "--format", "json"]).stdout)
    assert rows == cli_rows and len(rows) >= 5
    frame = g.dataframe("meetings_of_body", body="APSC")
    assert list(frame.columns)[: len(rows[0])] == list(rows[0]) and len(frame) == len(rows)
    with pytest.raises(EntityNotFoundError):
        g.query("meetings_of_body", body="no such body anywhere qqq")


def test_sparql_and_cypher_bind_parameters(built_store: Path) -> None:
    g = gk.open(built_store)
    sparql = g.sparql("SELECT DISTINCT ?m ?n ?body WHERE { ?m gk:ordinal ?n ; gk:meetingOf ?body }", n=29,
                      body="id:body/apsc-council")
    assert [r["m"] for r in sparql] == [entity_iri("meeting/apsc-council-29")]
    cypher = g.cypher("MATCH (m:Meeting) WHERE m.ordinal = $n AND m.key = $key RETURN m.name AS name",
                      n=29, key="meeting/apsc-council-29")
    assert cypher == [{"name": "29th ASEAN Political-Security Community Council Meeting"}]


def test_networkx_trace_and_explain(built_store: Path) -> None:
    g = gk.open(built_store)
    graph = g.networkx()
    with g.rdf() as store:
        from graphkit.project import load_projection

        proj = load_projection(store)
    assert graph.number_of_nodes() == len(proj.nodes) and graph.number_of_edges() == len(proj.edges)
    trace = g.trace("APSC Blueprint 2025", to_year=2045)
    names = [step["name"] for step in trace.rows()]
    assert any("Strategic Plan" in n for n in names)
    back = g.trace("ASEAN Community Vision 2045", back=True)
    assert back.mode == "back" and back.rows()
    facts = g.explain("Mohamad Hassan")
    assert facts and all(f.get("sources") or f.get("source") for f in facts)
