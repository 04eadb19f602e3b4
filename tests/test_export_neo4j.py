"""The Cypher script and the neo4j-admin CSV, loaded into a real Neo4j, give the graph `graphkit push` gives.

One identity model (graphkit.engines.neo4j.identity): loading the script, then pushing, then
pushing again gives no duplicates and no constraint error, and the pushes find everything
unchanged. The CSV is imported by Neo4j's own import tool (org.neo4j:neo4j-import-tool, from the
Maven jars the test server runs: scripts/neo4j-server/bin/neo4j-admin) under LANG=C into a second
test server, and its nodes, relationships and properties are compared with a push.

Needs a Neo4j server (``scripts/neo4j-test-server``; CI starts one) through the ``neo4j_settings``
fixture of tests/conftest.py; skips with the reason when there is none (CI sets
GRAPHKIT_REQUIRE_NEO4J=1, which turns a missing server into a failure).
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from graphkit.cli import cli
from graphkit.engines.neo4j import MARKER_LABEL, Neo4jEngine, push
from graphkit.engines.neo4j.admin import ARCHIVE_FOLDER_VARIABLE, run_import
from graphkit.export import export
from graphkit.export.cypher import iter_statements
from graphkit.project import Projection, project
from graphkit.store import opened
from graphkit.vocab import entity_iri

pytestmark = pytest.mark.neo4j

RECORDS = Path(__file__).parent / "fixtures" / "exports" / "records.yaml"
REPO = Path(__file__).resolve().parent.parent
TEST_SERVER = REPO / "scripts" / "neo4j-test-server"
NEO4J_ADMIN = REPO / "scripts" / "neo4j-server" / "bin" / "neo4j-admin"
ADMIN_JARS = REPO / "scripts" / "neo4j-server" / "target" / "lib"
REMARKS = entity_iri("document/apsc29-remarks")
TRICKY_NAME = "Chairman's \"opening\" remarks: back\\slash and a\nsecond line"


def _setting(settings: Any, *names: str) -> str | None:
    for name in names:
        value = getattr(settings, name, None) or (settings.get(name) if isinstance(settings, dict) else None)
        if value:
            return str(value)
    return None


@pytest.fixture
def neo4j_env(request: pytest.FixtureRequest) -> dict[str, str]:
    """NEO4J_* settings of the test server, from the conftest fixture (skip when there is none)."""
    try:
        settings = request.getfixturevalue("neo4j_settings")
    except pytest.FixtureLookupError:
        if os.environ.get("GRAPHKIT_REQUIRE_NEO4J") == "1" and os.environ.get("NEO4J_URI"):
            settings = None   # CI: the server is there; use its environment
        else:
            pytest.skip("no neo4j_settings fixture in tests/conftest.py")
    env = {
        "NEO4J_URI": _setting(settings, "uri", "NEO4J_URI") or os.environ.get("NEO4J_URI", ""),
        "NEO4J_USERNAME": _setting(settings, "username", "user", "NEO4J_USERNAME")
        or os.environ.get("NEO4J_USERNAME", "neo4j"),
        "NEO4J_PASSWORD": _setting(settings, "password", "NEO4J_PASSWORD") or os.environ.get("NEO4J_PASSWORD", ""),
        "NEO4J_DATABASE": _setting(settings, "database", "NEO4J_DATABASE") or os.environ.get("NEO4J_DATABASE", "neo4j"),
    }
    if not env["NEO4J_URI"]:
        pytest.skip("no Neo4j server configured (NEO4J_URI)")
    return env


@pytest.fixture
def session(neo4j_env: dict[str, str]) -> Iterator[Any]:
    import neo4j

    driver = neo4j.GraphDatabase.driver(neo4j_env["NEO4J_URI"],
                                        auth=(neo4j_env["NEO4J_USERNAME"], neo4j_env["NEO4J_PASSWORD"]))
    with driver.session(database=neo4j_env["NEO4J_DATABASE"]) as s:
        _empty(s)
        yield s
        _empty(s)
    driver.close()


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from graphkit.build import build

    path = tmp_path_factory.mktemp("exports-neo4j") / "store"
    build(path, [RECORDS], shipped=False)
    return path


def _empty(s: Any) -> None:
    """An empty database: no data, no constraints, no indexes (so push and the script each
    start from scratch and neither trips on the other's schema)."""
    s.run("MATCH (n) DETACH DELETE n").consume()
    for rec in list(s.run("SHOW CONSTRAINTS YIELD name")):
        s.run(f"DROP CONSTRAINT `{rec['name']}` IF EXISTS").consume()
    for rec in list(s.run("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP'")):
        s.run(f"DROP INDEX `{rec['name']}` IF EXISTS").consume()


def _counts(s: Any) -> dict[str, Any]:
    return {
        "nodes": s.run("MATCH (n) RETURN count(n) AS c").single()["c"],
        "relationships": s.run("MATCH ()-[r]->() RETURN count(r) AS c").single()["c"],
        "labels": {r["l"]: r["c"] for r in s.run("MATCH (n) UNWIND labels(n) AS l RETURN l, count(*) AS c")},
        "types": {r["t"]: r["c"] for r in s.run("MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS c")},
        "ids": sorted(r["id"] for r in s.run("MATCH (n) RETURN n.id AS id")),
    }


def _run_script(store_path: Path, session: Any) -> Projection:
    with opened(store_path, read_only=True) as st:
        proj = project(st)
        out = io.BytesIO()
        export(st, "cypher", out)
    for statement in iter_statements(out.getvalue().decode("utf-8")):
        session.run(statement).consume()
    return proj


def _contents(s: Any) -> tuple[dict[str, tuple[list[str], dict[str, Any]]], list[tuple[str, str, str, Any]]]:
    """Every node (labels, properties) by id and every relationship (ends, type, properties)."""
    nodes = {r["id"]: (sorted(r["labels"]), r["props"])
             for r in s.run("MATCH (n) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props")}
    rels = sorted((r["s"], r["t"], r["type"], sorted(r["props"].items()))
                  for r in s.run("MATCH (a)-[r]->(b) RETURN a.id AS s, b.id AS t, type(r) AS type, "
                                 "properties(r) AS props"))
    return nodes, rels


def test_cypher_script_recreates_the_projection(store_path: Path, session: Any) -> None:
    proj = _run_script(store_path, session)
    scripted = _counts(session)
    assert scripted["nodes"] == len(proj.nodes) and scripted["relationships"] == len(proj.edges)
    # every node carries the marker label of the identity model, besides its ontology labels
    assert scripted["labels"].pop(MARKER_LABEL) == len(proj.nodes)
    assert scripted["labels"] == proj.label_counts() and scripted["types"] == proj.type_counts()
    assert scripted["ids"] == sorted(proj.nodes)
    rec = session.run("MATCH (n {id: $id}) RETURN n.name AS name, n.issued AS issued, n.labels AS labels",
                      id=entity_iri("document/apsc29-remarks")).single()
    assert rec["name"] == TRICKY_NAME and rec["issued"].iso_format() == "2025-05-25"
    assert rec["labels"] == ["Remarks", "Document"]
    rec = session.run("MATCH (:Person)-[r:HOLDS]->(:Post) RETURN r.startDate AS d").single()
    assert rec["d"].iso_format() == "2023-12-12"
    constraints = list(session.run("SHOW CONSTRAINTS YIELD labelsOrTypes, properties"))
    assert [(c["labelsOrTypes"], c["properties"]) for c in constraints] == [([MARKER_LABEL], ["id"])]
    _run_script(store_path, session)          # running it again changes nothing (MERGE)
    again = _counts(session)
    again["labels"].pop(MARKER_LABEL)
    assert again == scripted


def test_script_then_push_then_push_again(store_path: Path, session: Any, neo4j_env: dict[str, str]) -> None:
    """The script and push share one identity: no duplicates, no constraint error, nothing to write."""
    proj = _run_script(store_path, session)
    scripted = _contents(session)
    runner = CliRunner(env=neo4j_env)
    for _ in range(2):
        result = runner.invoke(cli, ["push", "--store", str(store_path), "--quiet", "--format", "json"])
        assert result.exit_code == 0, result.output
        rows = {r["what"]: r for r in json.loads(result.stdout)}
        assert rows["nodes"]["created"] == rows["nodes"]["updated"] == 0
        assert rows["nodes"]["unchanged"] == len(proj.nodes)
        assert rows["relationships"]["created"] == rows["relationships"]["updated"] == 0
        assert rows["relationships"]["unchanged"] == len(proj.edges)
        assert _contents(session) == scripted
    dup = session.run("MATCH (n) WITH n.id AS id, count(*) AS c WHERE c > 1 RETURN count(*) AS d").single()["d"]
    assert dup == 0


def test_cypher_script_gives_the_same_graph_as_push(store_path: Path, session: Any,
                                                    neo4j_env: dict[str, str]) -> None:
    _run_script(store_path, session)
    scripted = _contents(session)
    _empty(session)
    result = CliRunner(env=neo4j_env).invoke(cli, ["push", "--store", str(store_path), "--quiet"])
    assert result.exit_code == 0, result.output
    assert _contents(session) == scripted


def test_empty_lists_are_left_out_by_every_route(store_path: Path, session: Any,
                                                 neo4j_env: dict[str, str]) -> None:
    """A relationship without quotes has no `quotes` property after push (as after the script and CSV)."""
    with opened(store_path, read_only=True) as st:
        proj = project(st)
    assert any(e.props.get("quotes") == [] for e in proj.edges), "the fixture needs an edge without quotes"
    result = CliRunner(env=neo4j_env).invoke(cli, ["push", "--store", str(store_path), "--quiet"])
    assert result.exit_code == 0, result.output
    empty = session.run("MATCH ()-[r]->() WHERE r.quotes = [] RETURN count(r) AS c").single()["c"]
    empty += session.run("MATCH (n) WHERE any(k IN keys(n) WHERE n[k] = []) RETURN count(n) AS c").single()["c"]
    assert empty == 0


@pytest.fixture
def second_server(tmp_path: Path) -> Iterator[Path]:
    """A state folder for a second test server, stopped (and its files removed) afterwards."""
    if not ADMIN_JARS.is_dir() or shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("the test server's jars are not built (scripts/neo4j-test-server build) or no Java")
    state = tmp_path / "neo4j-imported"
    yield state
    subprocess.run([str(TEST_SERVER), "stop"], env={**os.environ, "GRAPHKIT_NEO4J_STATE": str(state)},
                   capture_output=True, check=False)


@pytest.mark.parametrize("integer_ids", [False, True], ids=["iri-ids", "integer-ids"])
def test_neo4j_admin_import_gives_the_graph_push_gives(store_path: Path, session: Any, tmp_path: Path,
                                                       second_server: Path, neo4j_env: dict[str, str],
                                                       integer_ids: bool) -> None:
    """The exported folder's script, run by Neo4j 5.26's import tool under LANG=C, then the
    imported database served and compared with a push: same nodes, labels, relationships and
    properties; a push onto the imported database finds everything unchanged. The same with the
    files that name nodes by integers (``neo4j_csv.write(..., integer_ids=True)``)."""
    from graphkit.export import neo4j_csv

    with opened(store_path, read_only=True) as st:
        proj = project(st)
        if integer_ids:
            neo4j_csv.write(proj, neo4j_csv.folder_opener(tmp_path / "csv"), integer_ids=True)
        else:
            export(st, "neo4j-csv", tmp_path / "csv")
    archives = tmp_path / "archives"   # the JVM's class-data-sharing archive: written by this import
    run_import(tmp_path / "csv", "neo4j", neo4j_admin=str(NEO4J_ADMIN), timeout=600,
               environment={"LANG": "C", "LC_ALL": "C", "NEO4J_HOME": str(second_server / "home"),
                            ARCHIVE_FOLDER_VARIABLE: str(archives)})
    assert [p.suffix for p in archives.iterdir()] == [".jsa"]
    started = subprocess.run([str(TEST_SERVER), "start"], capture_output=True, text=True, check=False,
                             env={**os.environ, "GRAPHKIT_NEO4J_STATE": str(second_server),
                                  "GRAPHKIT_NEO4J_KEEP_HOME": "1", "GRAPHKIT_NEO4J_HEAP": "512m"})
    assert started.returncode == 0, started.stderr[-2000:]
    imported_env = dict(line.split("=", 1) for line in started.stdout.splitlines() if "=" in line)

    result = CliRunner(env=neo4j_env).invoke(cli, ["push", "--store", str(store_path), "--quiet"])
    assert result.exit_code == 0, result.output
    pushed = _contents(session)
    with Neo4jEngine.from_settings(imported_env["NEO4J_URI"], imported_env["NEO4J_USERNAME"],
                                   imported_env["NEO4J_PASSWORD"], "neo4j") as engine:
        with engine.driver.session(database="neo4j") as imported_session:
            imported = _contents(imported_session)
            assert len(imported[0]) == len(proj.nodes) and len(imported[1]) == len(proj.edges)
            assert imported == pushed
        summary = push(proj, engine)
        assert summary.nodes_created == summary.nodes_updated == 0
        assert summary.relationships_created == summary.relationships_updated == 0
        assert summary.nodes_unchanged == len(proj.nodes)


def test_an_empty_text_is_imported_as_push_stores_it(store_path: Path, session: Any, tmp_path: Path,
                                                      second_server: Path, neo4j_env: dict[str, str]) -> None:
    """Push stores an empty text as a property; neo4j-admin reads an empty field as no property, so
    the CSV writes the empty text as ``""``: the imported node has the same properties as the pushed one."""
    from graphkit.export import neo4j_csv

    with opened(store_path, read_only=True) as st:
        proj = project(st)
    node = proj.nodes[REMARKS]
    node.props["name"] = ""
    neo4j_csv.write(proj, neo4j_csv.folder_opener(tmp_path / "csv"))
    run_import(tmp_path / "csv", "neo4j", neo4j_admin=str(NEO4J_ADMIN), timeout=600,
               environment={"NEO4J_HOME": str(second_server / "home"), ARCHIVE_FOLDER_VARIABLE: ""})
    started = subprocess.run([str(TEST_SERVER), "start"], capture_output=True, text=True, check=False,
                             env={**os.environ, "GRAPHKIT_NEO4J_STATE": str(second_server),
                                  "GRAPHKIT_NEO4J_KEEP_HOME": "1", "GRAPHKIT_NEO4J_HEAP": "512m"})
    assert started.returncode == 0, started.stderr[-2000:]
    imported_env = dict(line.split("=", 1) for line in started.stdout.splitlines() if "=" in line)
    with Neo4jEngine.from_settings(neo4j_env["NEO4J_URI"], neo4j_env["NEO4J_USERNAME"],
                                   neo4j_env["NEO4J_PASSWORD"], neo4j_env["NEO4J_DATABASE"]) as engine:
        push(proj, engine)
    query = "MATCH (n {id: $id}) RETURN properties(n) AS p"
    pushed = session.run(query, id=REMARKS).single()["p"]
    assert pushed["name"] == ""
    with Neo4jEngine.from_settings(imported_env["NEO4J_URI"], imported_env["NEO4J_USERNAME"],
                                   imported_env["NEO4J_PASSWORD"], "neo4j") as engine:
        with engine.driver.session(database="neo4j") as imported_session:
            assert imported_session.run(query, id=REMARKS).single(strict=True)["p"] == pushed
