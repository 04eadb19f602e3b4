"""Shared fixtures: a store built from the shipped records, and a real Neo4j server.

Neo4j tests read NEO4J_URI / NEO4J_USERNAME / NEO4J_PASSWORD / NEO4J_DATABASE (`.ci/run` starts
``scripts/neo4j-test-server`` and exports them). Without NEO4J_URI they skip with the reason;
under CI (CI=true) or GRAPHKIT_REQUIRE_NEO4J=1 that skip is a failure.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

TEST_LABEL_PREFIX = "GraphkitTest"
"""Labels of data tests put in Neo4j besides graphkit's own (the wipe may remove it)."""

# ---------------------------------------------------------------------------------------- xdist
# `.ci/run` runs the suite on two pytest-xdist workers with `--dist loadfile`: each test file runs
# whole on one worker, in file order, with its module fixtures, as in a plain run. Here loadfile
# takes SERVER_FILES as one file: the tests that use the one Neo4j database or the one Fuseki
# dataset run on one worker, one at a time. The heaviest files are handed out first.
SERVER_FILES = frozenset({"test_bench_smoke.py", "test_contract.py", "test_docs.py", "test_export_neo4j.py",
                          "test_neo4j.py", "test_neo4j_bulk.py", "test_sparqlpush.py", "test_xref.py"})
"""Files with tests that reach the Neo4j server (NEO4J_*, the fixtures below) or Fuseki (FUSEKI_URL), also
through a child process that inherits NEO4J_URI: `bench/run --smoke` pushes into the server when it is set
(run beside test_neo4j.py on the other worker, it is the one test process outside this list that reaches the
server, and a clean-clone run failed with more nodes in test_neo4j.py's emptied database than its store has)."""
SERVER_FIXTURES = frozenset({"neo4j_settings", "neo4j_engine", "empty_neo4j", "pushed_neo4j"})
SERVERS = "servers"
HEAVY_FIRST = (SERVERS, "test_lookup_scale.py", "test_concurrency.py")
"""The groups that take longest (pytest --durations), started first so that none is left for the end."""


def _group(nodeid: str) -> str:
    file = nodeid.split("::", 1)[0]
    return SERVERS if file.rsplit("/", 1)[-1] in SERVER_FILES else file.rsplit("/", 1)[-1]


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """--dist loadfile with SERVER_FILES as one file, scopes in the (heavy first) collection order."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class ServersAsOneFile(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return _group(nodeid)

    config.option.loadscopereorder = False  # keep the order below, not the files by number of tests
    return ServersAsOneFile(config, log)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not hasattr(config, "workerinput"):  # not an xdist worker: a plain run, nothing changes
        return
    strays = sorted({item.path.name for item in items if SERVER_FIXTURES & set(getattr(item, "fixturenames", ()))}
                    - SERVER_FILES)
    if strays:
        raise pytest.UsageError(f"tests/conftest.py: add {', '.join(strays)} to SERVER_FILES (they use Neo4j)")

    def rank(item: pytest.Item) -> int:
        group = _group(item.nodeid)
        return HEAVY_FIRST.index(group) if group in HEAVY_FIRST else len(HEAVY_FIRST)

    items.sort(key=rank)  # stable: the order of the tests within each file is kept


def neo4j_required() -> bool:
    """True under CI or GRAPHKIT_REQUIRE_NEO4J=1: a missing server fails instead of skipping."""
    return os.environ.get("GRAPHKIT_REQUIRE_NEO4J") == "1" or os.environ.get("CI", "").lower() == "true"


def _no_neo4j(reason: str) -> None:
    if neo4j_required():
        pytest.fail(f"{reason} (CI or GRAPHKIT_REQUIRE_NEO4J=1: the Neo4j tests must run)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built once per test session from the records shipped with graphkit."""
    from graphkit.cli import cli

    path = tmp_path_factory.mktemp("built") / "store"
    result = CliRunner().invoke(cli, ["build", "--store", str(path), "--quiet"])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture(scope="session")
def neo4j_settings() -> dict[str, str | None]:
    """uri, user, password, database of the Neo4j server under test (from NEO4J_*)."""
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        _no_neo4j('no Neo4j server configured: NEO4J_URI is unset (start one with '
                  'set -a; eval "$(scripts/neo4j-test-server start)"; set +a)')
    return {"uri": uri, "user": os.environ.get("NEO4J_USERNAME"), "password": os.environ.get("NEO4J_PASSWORD"),
            "database": os.environ.get("NEO4J_DATABASE")}


@pytest.fixture(scope="session")
def neo4j_engine(neo4j_settings: dict[str, Any]) -> Iterator[Any]:
    """A connected Neo4jEngine for the whole session."""
    from graphkit.engines.neo4j import Neo4jEngine
    from graphkit.errors import StoreError

    try:
        engine = Neo4jEngine.from_settings(**neo4j_settings)
    except StoreError as exc:
        pytest.fail(f"NEO4J_URI is set but the server does not answer: {exc}", pytrace=False)
    yield engine
    engine.close()


def wipe_neo4j(engine: Any) -> None:
    """Empty the test database. Refuses (fails the test) when it holds data that is neither
    graphkit's nor a test's: NEO4J_URI must point at a throwaway server, not someone's graph."""
    from graphkit.engines.neo4j import MARKER_LABEL

    with engine.driver.session(database=engine.database) as session:
        foreign = session.run(
            f"MATCH (n) WHERE NOT n:{MARKER_LABEL} AND NOT any(l IN labels(n) WHERE l STARTS WITH $prefix) "
            "RETURN count(n) AS n", prefix=TEST_LABEL_PREFIX).single()["n"]
        if foreign:
            pytest.fail(f"refusing to wipe the Neo4j database at {engine.uri}: it holds {foreign} nodes that are not "
                        "graphkit's; point NEO4J_URI at a throwaway server (scripts/neo4j-test-server)", pytrace=False)
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


@pytest.fixture
def empty_neo4j(neo4j_engine: Any) -> Any:
    """The Neo4j engine on an emptied test database."""
    wipe_neo4j(neo4j_engine)
    return neo4j_engine


@pytest.fixture(scope="module")
def pushed_neo4j(neo4j_engine: Any, built_store: Path) -> Any:
    """The Neo4j engine on a test database holding exactly the built store's graph."""
    from graphkit.engines.neo4j import push
    from graphkit.store import opened

    wipe_neo4j(neo4j_engine)
    with opened(built_store, read_only=True) as store:
        push(store, neo4j_engine)
    return neo4j_engine


SEED_TEXT = Path(__file__).parent / "fixtures" / "texts" / "apsc29-opening-remarks.txt"
"""The seed document: a news report of the 29th APSC Council (Kuala Lumpur, 25 May 2025)."""


@pytest.fixture(scope="session")
def seeded_store(built_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built store with the seed document ingested (read-only use: copy it before writing)."""
    import shutil

    from graphkit.cli import cli

    path = tmp_path_factory.mktemp("seeded") / "store"
    shutil.copytree(built_store, path)
    result = CliRunner().invoke(cli, ["ingest", str(SEED_TEXT), "--store", str(path), "--quiet"])
    assert result.exit_code == 0, result.output
    return path
