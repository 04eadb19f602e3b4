"""The Cypher script export, run on a real Neo4j, gives the same graph as `graphkit push`.

Needs a Neo4j server (``scripts/neo4j-test-server``; CI starts one) through the ``neo4j_settings``
fixture of tests/conftest.py, and the ``push`` command; skips with the reason when either is
missing (CI sets GRAPHKIT_REQUIRE_NEO4J=1, which turns a missing server into a failure).
neo4j-admin import of the CSV export is not tested here: there is no neo4j-admin binary.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from graphkit.cli import cli
from graphkit.export import export
from graphkit.export.cypher import iter_statements
from graphkit.project import Projection, project
from graphkit.store import opened
from graphkit.vocab import entity_iri

pytestmark = pytest.mark.neo4j

RECORDS = Path(__file__).parent / "fixtures" / "exports" / "records.yaml"
TRICKY_NAME = "Chairman's \"opening\" remarks: back\\slash and a\nsecond line"


def _setting(settings: Any, *names: str) -> str | None:
    for name in names:
        for get in (lambda n: getattr(settings, n, None),
                    lambda n: settings.get(n) if isinstance(settings, dict) else None):
            value = get(name)
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


def test_cypher_script_recreates_the_projection(store_path: Path, session: Any) -> None:
    proj = _run_script(store_path, session)
    scripted = _counts(session)
    assert scripted["nodes"] == len(proj.nodes) and scripted["relationships"] == len(proj.edges)
    assert scripted["labels"] == proj.label_counts() and scripted["types"] == proj.type_counts()
    assert scripted["ids"] == sorted(proj.nodes)
    rec = session.run("MATCH (n {id: $id}) RETURN n.name AS name, n.issued AS issued, n.labels AS labels",
                      id=entity_iri("document/apsc29-remarks")).single()
    assert rec["name"] == TRICKY_NAME and rec["issued"].iso_format() == "2025-05-25"
    assert rec["labels"] == ["Remarks", "Document"]
    rec = session.run("MATCH (:Person)-[r:HOLDS]->(:Post) RETURN r.startDate AS d").single()
    assert rec["d"].iso_format() == "2023-12-12"
    _run_script(store_path, session)          # running it again changes nothing (MERGE)
    assert _counts(session) == scripted


def test_cypher_script_gives_the_same_counts_as_push(store_path: Path, session: Any,
                                                     neo4j_env: dict[str, str]) -> None:
    if "push" not in cli.list_commands(None):  # type: ignore[arg-type]
        pytest.skip("`graphkit push` is not available in this installation")
    _run_script(store_path, session)
    scripted = _counts(session)
    _empty(session)
    result = CliRunner(env=neo4j_env).invoke(cli, ["push", "--store", str(store_path), "--quiet"])
    assert result.exit_code == 0, result.output
    pushed = _counts(session)
    from graphkit.engines.neo4j import MARKER_LABEL

    # push marks every node it writes with one more label, so it can later remove only its own
    assert pushed["labels"].pop(MARKER_LABEL) == pushed["nodes"]
    assert pushed == scripted
