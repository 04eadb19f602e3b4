"""`graphkit push` and the Neo4j engine against a real server (NEO4J_URI; `.ci/run` starts one).

The query builders and row encoding are also tested without a database.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from graphkit.cli import cli
from graphkit.engines.neo4j import (
    MARKER_LABEL,
    MARKER_PROP,
    Neo4jEngine,
    create_nodes_query,
    encode_rows,
    fingerprint,
    load,
    push,
    update_nodes_query,
)
from graphkit.engines.neo4j.load import columns, create_rels_query, pack_rows
from graphkit.errors import OntologyError, QueryError, StoreError
from graphkit.project import Projection, project
from graphkit.store import opened


def invoke(*args: str, env: dict[str, str] | None = None) -> Any:
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


@pytest.fixture(scope="module")
def proj(built_store: Path) -> Projection:
    with opened(built_store, read_only=True) as s:
        return project(s)


def stats_of(store: Path) -> tuple[dict[str, int], dict[str, int]]:
    rows = json.loads(invoke("stats", "--store", str(store), "--format", "json").stdout)
    return ({r["name"]: r["count"] for r in rows if r["kind"] == "label"},
            {r["name"]: r["count"] for r in rows if r["kind"] == "relationship"})


def neo4j_counts(engine: Neo4jEngine) -> tuple[dict[str, int], dict[str, int]]:
    labels = engine.run("MATCH (n) UNWIND labels(n) AS label WITH label WHERE label <> $m "
                        "RETURN label, count(*) AS n", {"m": MARKER_LABEL})[1]
    types = engine.run("MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n")[1]
    return {r["label"]: r["n"] for r in labels}, {r["type"]: r["n"] for r in types}


def no_duplicates(engine: Neo4jEngine) -> None:
    rows = engine.run("MATCH (a)-[r]->(b) WITH a, type(r) AS t, b, count(r) AS n WHERE n > 1 RETURN count(*) AS dup")[1]
    assert rows[0]["dup"] == 0
    rows = engine.run("MATCH (n) WITH n.id AS id, count(*) AS n WHERE n > 1 RETURN count(*) AS dup")[1]
    assert rows[0]["dup"] == 0


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# ------------------------------------------------------------------ without a database
def test_node_query_takes_labels_as_a_parameter_and_keys_checked() -> None:
    q = create_nodes_query(["id", "name", "sources"], {"sources"})
    # the labels are a pool entry named by the row (a parameter, never Cypher text)
    assert q.startswith(f"UNWIND $rows AS row CREATE (n:{MARKER_LABEL}:$($pool[row[0]]))")
    assert "n.`sources` = $pool[row[3]]" in q and "n.`name` = row[2]" in q and "n.`id` = row[1]" in q
    with pytest.raises(OntologyError):
        create_nodes_query(["id) DETACH DELETE (x"], set())
    q = update_nodes_query(["Declaration", "Document"], ["Statement"], ["name"], set())
    assert "REMOVE n:`Statement`" in q and "MATCH (n:GraphkitNode {id: row[0]})" in q


def test_new_relationships_find_their_ends_by_element_id() -> None:
    """The node writes return each new node's element id; the relationship writes look the ends up
    by it (and the marker label), not through the id index."""
    assert create_nodes_query(["id"], set()).endswith("RETURN count(n) AS n, collect([n.id, elementId(n)]) AS ids")
    q = create_rels_query(["sources"], {"sources"})
    assert (f"MATCH (a:{MARKER_LABEL}) WHERE elementId(a) = row[0] "
            f"MATCH (b:{MARKER_LABEL}) WHERE elementId(b) = row[1]") in q
    assert "r.`sources` = $pool[row[3]]" in q
    q = create_rels_query(["sources"], {"sources"}, by_element_id=False)
    assert f"MATCH (a:{MARKER_LABEL} {{id: row[0]}}) MATCH (b:{MARKER_LABEL} {{id: row[1]}})" in q
    # through the id index, the node writes do not collect element ids
    q = create_nodes_query(["id"], set(), element_ids=False)
    assert q.endswith("RETURN count(n) AS n") and "elementId" not in q


def test_small_stages_go_in_smaller_batches() -> None:
    """At least four batches per worker, not below load.MIN_SPLIT_BATCH rows, never above the batch size."""
    assert load._split_size(8_501, 10_000, 2) == 1_063
    assert load._split_size(28_214, 10_000, 2) == 3_527
    assert load._split_size(3_000, 10_000, 2) == load.MIN_SPLIT_BATCH
    assert load._split_size(333_954, 10_000, 2) == 10_000
    assert load._split_size(10, 5, 2) == 5


def test_rows_send_a_repeated_list_once() -> None:
    rows: list[dict[str, Any]] = [{"id": "a", "sources": ["s1", "s2"]}, {"id": "b", "sources": ["s1", "s2"]},
                                  {"id": "c"}]
    data, pool, pooled = encode_rows(rows, ["id", "sources"])
    assert pooled == {"sources"} and pool == [["s1", "s2"]]
    assert data == [["a", 0], ["b", 0], ["c", None]]


def test_packed_rows_share_label_sets_and_lists() -> None:
    items: list[tuple[tuple[Any, ...], Any, dict[str, Any]]] = [
        ((), ["Meeting", "Event"], {"id": "a", "sources": ["s1"]}),
        ((), ["Meeting", "Event"], {"id": "b", "sources": ["s1"], "ordinal": 3}),
        ((), ["Person"], {"id": "c"})]
    keys, pooled = columns(p for _, _, p in items)
    assert keys == ["id", "ordinal", "sources"] and pooled == {"sources"}
    rows, pool = pack_rows(items, keys, pooled)
    assert pool == [["Meeting", "Event"], ["s1"], ["Person"]]
    assert rows == [[0, "a", None, 1], [0, "b", 3, 1], [2, "c", None, None]]


_values = st.one_of(st.none(), st.integers(), st.text(max_size=5), st.lists(st.text(max_size=3), max_size=3))


@given(st.lists(st.tuples(st.text(max_size=3), st.dictionaries(st.sampled_from(["a", "b", "c"]), _values)),
                max_size=8))
def test_packed_rows_decode_to_the_rows(items: list[tuple[str, dict[str, Any]]]) -> None:
    keys, pooled = columns(p for _, p in items)
    rows, pool = pack_rows((((i,), shared, p) for i, (shared, p) in enumerate(items)), keys, pooled)
    decoded = [(row[0], pool[row[1]], {k: (pool[v] if k in pooled and v is not None else v)
                                        for k, v in zip(keys, row[2:], strict=True)}) for row in rows]
    assert decoded == [(i, shared, {k: p.get(k) for k in keys}) for i, (shared, p) in enumerate(items)]


@given(st.lists(st.dictionaries(st.sampled_from(["a", "b", "c"]), _values), max_size=8))
def test_encoded_rows_decode_to_the_rows(rows: list[dict[str, Any]]) -> None:
    keys = ["a", "b", "c"]
    data, pool, pooled = encode_rows(rows, keys)
    decoded = [{k: (pool[v] if k in pooled and v is not None else v) for k, v in zip(keys, row, strict=True)}
               for row in data]
    assert decoded == [{k: r.get(k) for k in keys} for r in rows]


def test_fingerprints_tell_changes_apart() -> None:
    props = {"id": "x", "name": "A", "sources": ["s1", "s2"], "startDate": dt.date(2024, 10, 8)}
    assert fingerprint(["Meeting", "Event"], props) == fingerprint(["Meeting", "Event"], dict(props))
    assert fingerprint(["Meeting", "Event"], props) != fingerprint(["Meeting", "Event"], dict(props, name="B"))
    assert fingerprint(["Meeting", "Event"], props) != fingerprint(["Meeting"], props)
    assert fingerprint(None, props) == fingerprint(None, dict(props, quotes=None))


def test_a_label_the_ontology_does_not_declare_is_refused(proj: Projection) -> None:
    bad = copy.deepcopy(proj)
    node = next(iter(bad.nodes.values()))
    node.labels = [*node.labels, "Evil"]
    with pytest.raises(OntologyError, match="Evil"):
        push(bad, None)  # type: ignore[arg-type]  # refused before any connection


# ------------------------------------------------------------------ against the server
def test_push_then_counts_per_label_equal_stats(empty_neo4j: Neo4jEngine, built_store: Path) -> None:
    result = invoke("push", "--store", str(built_store), "--format", "json")
    assert result.exit_code == 0, result.output
    summary = {r["what"]: r for r in json.loads(result.stdout)}
    labels, types = stats_of(built_store)
    got_labels, got_types = neo4j_counts(empty_neo4j)
    assert got_labels == labels
    assert got_types == types
    assert summary["nodes"]["created"] == empty_neo4j.run("MATCH (n) RETURN count(n) AS n")[1][0]["n"]
    assert summary["relationships"]["created"] == sum(types.values())
    assert "pushed" in result.stderr and "NEO4J_PASSWORD" not in result.stdout


def test_many_new_relationships_find_their_ends_by_id(empty_neo4j: Neo4jEngine, proj: Projection,
                                                     built_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """From load.ELEMENT_ID_ROWS relationships in the graph on, new relationships find their ends
    through the id index, and neither the node writes nor the snapshot read collect element ids:
    the same graph, and the next push finds everything unchanged."""
    writers: list[load._Writer] = []

    class Recording(load._Writer):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            writers.append(self)

    monkeypatch.setattr(load, "ELEMENT_ID_ROWS", 0)
    monkeypatch.setattr(load, "_Writer", Recording)
    push(proj, empty_neo4j)
    assert neo4j_counts(empty_neo4j) == stats_of(built_store)
    again = push(proj, empty_neo4j)
    assert (again.nodes_unchanged, again.relationships_unchanged) == (len(proj.nodes), len(proj.edges))
    no_duplicates(empty_neo4j)
    assert len(writers) == 2 and all(not w.by_element_id and not w.element_ids for w in writers)


def test_pushing_again_changes_no_counts(empty_neo4j: Neo4jEngine, built_store: Path) -> None:
    assert invoke("push", "--store", str(built_store), "-q").exit_code == 0
    before = neo4j_counts(empty_neo4j)
    result = invoke("push", "--store", str(built_store), "--format", "json")
    assert result.exit_code == 0, result.output
    summary = {r["what"]: r for r in json.loads(result.stdout)}
    assert summary["nodes"]["created"] == summary["nodes"]["updated"] == 0
    assert summary["relationships"]["created"] == summary["relationships"]["updated"] == 0
    assert summary["nodes"]["unchanged"] == sum(1 for _ in empty_neo4j.names())
    assert neo4j_counts(empty_neo4j) == before
    no_duplicates(empty_neo4j)


def test_replace_removes_only_what_graphkit_pushed(empty_neo4j: Neo4jEngine, proj: Projection) -> None:
    push(proj, empty_neo4j)
    gone = next(n for n in proj.nodes.values() if n.table == "Meeting")
    kept = next(n for n in proj.nodes.values() if n.table == "Body")
    # someone else's data: a node (with an ontology label), a relationship of an ontology type
    # between graphkit's nodes, a label and a property on a graphkit node
    empty_neo4j.run("CREATE (:GraphkitTestForeign:Meeting {id: 'not-graphkit', name: 'mine'})", allow_write=True)
    empty_neo4j.run("MATCH (a:GraphkitNode {id: $a}), (b:GraphkitNode {id: $b}) "
                    "CREATE (a)-[:PARENT {note: 'mine'}]->(b) SET b:GraphkitTestTag, b.myScore = 7",
                    {"a": kept.id, "b": kept.id}, allow_write=True)
    smaller = copy.deepcopy(proj)
    del smaller.nodes[gone.id]
    smaller.edges = [e for e in smaller.edges if gone.id not in (e.source, e.target)]
    n_edges = len(proj.edges) - len(smaller.edges)

    kept_stale = push(smaller, empty_neo4j)  # without --replace: reported, not removed
    assert (kept_stale.nodes_stale, kept_stale.relationships_stale) == (1, n_edges)
    assert kept_stale.nodes_removed == kept_stale.relationships_removed == 0
    assert empty_neo4j.run("MATCH (n {id: $id}) RETURN n", {"id": gone.id})[1]

    summary = push(smaller, empty_neo4j, replace=True)
    assert (summary.nodes_removed, summary.relationships_removed) == (1, n_edges)
    assert not empty_neo4j.run("MATCH (n {id: $id}) RETURN n", {"id": gone.id})[1]
    assert empty_neo4j.run("MATCH (n:GraphkitTestForeign) RETURN n.name AS name")[1] == [{"name": "mine"}]
    row = empty_neo4j.run("MATCH (b {id: $id}) RETURN b.myScore AS score, 'GraphkitTestTag' IN labels(b) AS tagged",
                          {"id": kept.id})[1]
    assert row == [{"score": 7, "tagged": True}]
    assert empty_neo4j.run("MATCH ()-[r:PARENT {note: 'mine'}]->() RETURN count(r) AS n")[1] == [{"n": 1}]
    graphkit_nodes = empty_neo4j.run(f"MATCH (n:{MARKER_LABEL}) RETURN count(n) AS n")[1][0]["n"]
    assert graphkit_nodes == len(smaller.nodes)


def test_changed_nodes_are_updated_in_place(empty_neo4j: Neo4jEngine, proj: Projection) -> None:
    push(proj, empty_neo4j)
    changed = copy.deepcopy(proj)
    doc = next(n for n in changed.nodes.values() if n.labels[0] == "Statement")
    doc.props["name"] = "Renamed"
    doc.props.pop("description", None)
    doc.props.pop("url", None)
    doc.labels = ["Declaration", "Document"]
    doc.props["labels"] = doc.labels
    doc.props["kind"] = "Declaration"
    summary = push(changed, empty_neo4j)
    assert summary.nodes_updated == 1 and summary.nodes_created == 0
    assert summary.relationships_updated == 0
    row = empty_neo4j.run("MATCH (n {id: $id}) RETURN n.name AS name, n.url AS url, "
                          "[l IN labels(n) WHERE l <> $m] AS labels", {"id": doc.id, "m": MARKER_LABEL})[1][0]
    assert row["name"] == "Renamed" and row["url"] is None
    assert sorted(row["labels"]) == ["Declaration", "Document"]


def test_an_edge_stated_by_two_sources_keeps_both(empty_neo4j: Neo4jEngine, proj: Projection) -> None:
    push(proj, empty_neo4j)
    edge = next(e for e in proj.edges if len(e.props["sources"]) >= 2)
    rows = empty_neo4j.run(f"MATCH (a {{id: $s}})-[r:{edge.type}]->(b {{id: $t}}) RETURN r.sources AS sources",
                           {"s": edge.source, "t": edge.target})[1]
    assert rows == [{"sources": edge.props["sources"]}]


def test_an_interrupted_push_completes_without_duplicates(empty_neo4j: Neo4jEngine, proj: Projection,
                                                          built_store: Path) -> None:
    half = copy.deepcopy(proj)  # as if the push stopped after the nodes and half the relationships
    half.edges = half.edges[: len(half.edges) // 2]
    push(half, empty_neo4j, batch_size=50)
    summary = push(proj, empty_neo4j)
    assert summary.nodes_created == 0 and summary.relationships_created == len(proj.edges) - len(half.edges)
    assert neo4j_counts(empty_neo4j) == stats_of(built_store)
    no_duplicates(empty_neo4j)


def test_what_was_pushed_is_read_back_in_pages(empty_neo4j: Neo4jEngine, proj: Projection,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """The push reads what graphkit wrote before a page of nodes (with their relationships) at a
    time: with pages of 7 nodes every node and relationship is still found, so a push after half the
    relationships creates only the rest and the next push finds everything unchanged."""
    monkeypatch.setattr(load, "SNAPSHOT_PAGE", 7)
    assert len(proj.nodes) > 3 * 7
    half = copy.deepcopy(proj)
    half.edges = half.edges[: len(half.edges) // 2]
    push(half, empty_neo4j)
    rest = push(proj, empty_neo4j)
    assert rest.nodes_created == 0 and rest.relationships_created == len(proj.edges) - len(half.edges)
    again = push(proj, empty_neo4j)
    assert (again.nodes_unchanged, again.relationships_unchanged) == (len(proj.nodes), len(proj.edges))
    assert again.nodes_created == again.relationships_created == again.relationships_removed == 0
    no_duplicates(empty_neo4j)


def test_a_killed_push_completes_when_run_again(empty_neo4j: Neo4jEngine, built_store: Path) -> None:
    cmd = [sys.executable, "-c", "from graphkit.cli import main; main()", "push", "--store", str(built_store),
           "--batch-size", "5", "-q"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            if empty_neo4j.run("MATCH ()-[r]->() RETURN count(r) AS n")[1][0]["n"] > 0:
                break
            time.sleep(0.02)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    result = subprocess.run(cmd[:-3], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert neo4j_counts(empty_neo4j) == stats_of(built_store)
    no_duplicates(empty_neo4j)


def test_bolt_and_routing_uris_both_work(empty_neo4j: Neo4jEngine, neo4j_settings: dict[str, Any],
                                         proj: Projection) -> None:
    uri = neo4j_settings["uri"]
    address = uri.split("://", 1)[1]
    for scheme in ("bolt", "neo4j"):
        with Neo4jEngine.from_settings(**dict(neo4j_settings, uri=f"{scheme}://{address}")) as engine:
            push(proj, engine)
            assert engine.run("MATCH (n:GraphkitNode) RETURN count(n) AS n")[1] == [{"n": len(proj.nodes)}]
    no_duplicates(empty_neo4j)


def test_rows_are_plain_values(empty_neo4j: Neo4jEngine, proj: Projection) -> None:
    push(proj, empty_neo4j)
    rows = empty_neo4j.run("MATCH (m:Meeting)-[r:MEETING_OF]->(b) WHERE m.startDate IS NOT NULL "
                           "RETURN m.startDate AS date, m AS node, r AS rel LIMIT 1")[1]
    row = rows[0]
    assert isinstance(row["date"], str) and len(row["date"]) == 10
    assert row["node"]["id"].startswith("https://") and isinstance(row["node"]["startDate"], str)
    assert MARKER_PROP not in row["rel"] and isinstance(row["rel"]["sources"], list)


def test_queries_are_read_only_unless_allowed(empty_neo4j: Neo4jEngine) -> None:
    with pytest.raises(QueryError, match="refused"):
        empty_neo4j.run("CREATE (n:GraphkitTestX) RETURN n")
    with pytest.raises(QueryError):
        empty_neo4j.run("MATCH (n RETURN n")


# ------------------------------------------------------------------ faults: one line, non-zero exit
def _one_line_error(result: Any, secret: str | None = None) -> str:
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = [x for x in result.stderr.splitlines() if x.strip()]
    assert len(lines) == 1, result.stderr
    if secret:
        assert secret not in result.output
    return lines[0]


def test_wrong_password_is_one_line_without_the_password(neo4j_settings: dict[str, Any], built_store: Path) -> None:
    secret = "wrong-Pa55word-xyzzy"
    env = {"NEO4J_PASSWORD": secret}
    result = CliRunner().invoke(cli, ["push", "--store", str(built_store)], env=env)
    line = _one_line_error(result, secret)
    assert "credentials" in line and "NEO4J_PASSWORD" in line


def test_wrong_database_is_a_clear_error(neo4j_settings: dict[str, Any], built_store: Path) -> None:
    result = CliRunner().invoke(cli, ["push", "--store", str(built_store), "--database", "nosuchdb"])
    line = _one_line_error(result, neo4j_settings["password"])
    assert "no database 'nosuchdb'" in line


def test_server_down_is_a_clear_error(neo4j_settings: dict[str, Any], built_store: Path) -> None:
    for scheme in ("bolt", "neo4j"):
        started = time.monotonic()
        result = CliRunner().invoke(cli, ["push", "--store", str(built_store), "--uri",
                                          f"{scheme}://127.0.0.1:{closed_port()}"])
        line = _one_line_error(result, neo4j_settings["password"])
        assert "cannot reach Neo4j" in line
        assert time.monotonic() - started < 60


def test_engine_errors_are_store_errors(neo4j_settings: dict[str, Any]) -> None:
    with pytest.raises(StoreError, match="credentials"):
        Neo4jEngine.from_settings(**dict(neo4j_settings, user="nobody-here"))
    with pytest.raises(StoreError, match="bad Neo4j connection settings|cannot reach"):
        Neo4jEngine.from_settings(**dict(neo4j_settings, uri="http://127.0.0.1:1"))


def test_a_password_inside_the_uri_is_used_and_never_printed(neo4j_settings: dict[str, Any],
                                                             built_store: Path) -> None:
    """Issue 16: `--uri bolt://user:secret@host` printed the secret in the error."""
    address = neo4j_settings["uri"].split("://", 1)[1]
    secret = "Wr0ng-inside-uri-xyzzy"
    for uri in (f"bolt://neo4j:{secret}@{address}", f"bolt://neo4j:{secret}@127.0.0.1:{closed_port()}",
                f"http://neo4j:{secret}@{address}"):
        result = CliRunner().invoke(cli, ["push", "--store", str(built_store), "--uri", uri],
                                    env={"NEO4J_PASSWORD": None, "NEO4J_USERNAME": None})
        line = _one_line_error(result, secret)
        assert "@" not in line, line
    # the right password inside the URI works (and the default user does not override the URI's)
    right = f"bolt://{neo4j_settings['user'] or 'neo4j'}:{neo4j_settings['password']}@{address}"
    from graphkit.engines.neo4j.engine import connect, split_credentials

    driver = connect(right, None, None, neo4j_settings["database"] or "neo4j")   # no password given apart
    driver.close()
    assert split_credentials(right)[0] == f"bolt://{address}"


def test_push_has_help_with_an_example() -> None:
    result = invoke("push", "--help")
    assert result.exit_code == 0 and "Example" in result.stdout and "--replace" in result.stdout


@pytest.fixture(autouse=True)
def _env_is_untouched() -> Any:
    before = {k: v for k, v in os.environ.items() if k.startswith("NEO4J_")}
    yield
    assert {k: v for k, v in os.environ.items() if k.startswith("NEO4J_")} == before
