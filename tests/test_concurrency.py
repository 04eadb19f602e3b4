"""Several graphkit processes on one store: one writer at a time, readers never blocked or broken.

Every test here runs real `graphkit` processes (subprocesses), as analysts and scripts do.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from graphkit.lock import lock_path, writer_lock
from graphkit.store import open_store, opened

FIXTURES = Path(__file__).parent / "fixtures"
TEXTS = FIXTURES / "texts"
ROUNDS = 4


def graphkit(*args: str) -> list[str]:
    beside = Path(sys.executable).parent / "graphkit"
    return [str(beside), *args] if beside.exists() else [sys.executable, "-m", "graphkit.cli", *args]


def run(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(graphkit(*args), capture_output=True, text=True, timeout=timeout)


def no_traceback(proc: subprocess.CompletedProcess[str] | tuple[int, str, str]) -> None:
    err = proc.stderr if isinstance(proc, subprocess.CompletedProcess) else proc[2]
    assert "Traceback" not in err, err


@pytest.fixture()
def store(built_store: Path, tmp_path: Path) -> Path:
    """A private copy of the built store (each test writes to it)."""
    path = tmp_path / "store"
    shutil.copytree(built_store, path, symlinks=True)
    return path


def documents(folder: Path) -> Path:
    """The fixture texts (and their sidecars) copied to a folder of their own."""
    shutil.copytree(TEXTS, folder, ignore=shutil.ignore_patterns("*.gold.yaml"))
    return folder


def graphs_in(store: Path) -> set[str]:
    with opened(store, read_only=True) as s:
        return set(s.named_graphs())


def test_ingest_and_build_at_the_same_time_lose_nothing(store: Path, tmp_path: Path) -> None:
    docs = documents(tmp_path / "docs")
    reported: set[str] = set()
    for n in range(ROUNDS):
        procs = [subprocess.Popen(graphkit("ingest", str(docs), "--store", str(store), "--wait", "120",
                                           "--format", "json", "--quiet"),
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True),
                 subprocess.Popen(graphkit("build", "--store", str(store), "--wait", "120", "--quiet"),
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)]
        if n % 2:
            procs.reverse()  # the other one first, every other round
        outs = [(p.wait(timeout=600), *p.communicate()) for p in procs]
        for code, out, err in outs:
            no_traceback((code, out, err))
            assert code == 0, err
        ingest_out = next(out for (code, out, err), p in zip(outs, procs, strict=True) if "ingest" in p.args)
        rows = json.loads(ingest_out)
        reported |= {r["document"] for r in rows if r["status"] in ("added", "updated", "unchanged")}
        with opened(store, read_only=True) as s:
            docs_in_store = {r["d"] for r in s.select(
                "SELECT DISTINCT ?d WHERE { GRAPH ?g { ?g gk:origin 'extracted' ; prov:wasDerivedFrom ?d } }")[1]}
            assert len(s) > 0
        assert reported, "the ingest reported no document written"
        missing = {d for d in reported if not any(x.endswith(d) or x == d for x in docs_in_store)}
        assert not missing, f"round {n}: documents reported written but not in the store: {sorted(missing)}"
    validate = run("validate", "--store", str(store), "--format", "json")
    no_traceback(validate)
    assert validate.returncode in (0, 4), validate.stderr


def test_a_second_writer_is_refused_naming_the_first(store: Path) -> None:
    with writer_lock(store, command="graphkit test-holder"):
        result = run("build", "--store", str(store), "--wait", "0.2")
    assert result.returncode == 1
    assert f"pid {os.getpid()} (graphkit test-holder)" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not lock_path(store).read_text()  # released: the label goes with the lock


def test_a_writer_waits_for_the_lock_then_writes(store: Path) -> None:
    holder = threading.Thread(target=_hold_lock, args=(store, 1.5))
    holder.start()
    time.sleep(0.2)
    t0 = time.monotonic()
    result = run("build", "--store", str(store), "--wait", "30", "--quiet")
    holder.join()
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - t0 >= 1.0


def _hold_lock(store: Path, seconds: float) -> None:
    with writer_lock(store, command="test"):
        time.sleep(seconds)


def test_four_queries_and_an_ingest_at_once_all_answer(store: Path, tmp_path: Path) -> None:
    docs = documents(tmp_path / "docs")
    assert run("query", "-e", "MATCH (n) RETURN count(n) AS n", "--store", str(store)).returncode == 0  # Cypher copy
    ingest = subprocess.Popen(graphkit("ingest", str(docs), "--store", str(store), "--quiet", "--wait", "60"),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    readers = [
        graphkit("sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--store", str(store), "--format", "json"),
        graphkit("stats", "--store", str(store), "--format", "json"),
        graphkit("query", "-e", "MATCH (m:Meeting) RETURN count(m) AS n", "--store", str(store), "--format", "json"),
        graphkit("export", "--format", "nquads", "--store", str(store), "-o", str(tmp_path / "out.nq")),
    ]
    answered = 0
    for _ in range(3):  # three waves while the ingest runs (or just after)
        procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for cmd in readers]
        for p in procs:
            out, err = p.communicate(timeout=300)
            assert "Traceback" not in err, err
            assert p.returncode == 0, (p.args, err)
            answered += 1
    out, err = ingest.communicate(timeout=600)
    assert "Traceback" not in err, err
    assert ingest.returncode == 0, err
    assert answered == 12


def test_readers_keep_their_snapshot_while_a_build_swaps_the_database(store: Path) -> None:
    with opened(store, read_only=True) as before:
        n = len(before)
        assert run("build", "--store", str(store), "--quiet").returncode == 0
        assert len(before) == n  # the reader still reads the data it opened
        assert before.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[1][0]["n"] > 0
    # the snapshot the reader held stays until the next write, which removes every unheld old one
    assert len([p for p in (store / "snapshots").iterdir() if p.is_dir()]) == 2
    assert run("build", "--store", str(store), "--quiet").returncode == 0
    assert len([p for p in (store / "snapshots").iterdir() if p.is_dir()]) == 1


def test_leftovers_of_killed_writers_are_cleaned(store: Path) -> None:
    dead = _dead_pid()
    beside = store.parent / f".{store.name}.building-{dead}"
    (beside / "rdf").mkdir(parents=True)
    inside = store / f".cypher.building-{dead}"
    inside.mkdir()
    (store / f".state.json.{dead}").write_text("{}")
    result = run("build", "--store", str(store), "--quiet")
    assert result.returncode == 0, result.stderr
    assert not beside.exists() and not inside.exists() and not (store / f".state.json.{dead}").exists()


def test_an_ingest_killed_midway_leaves_a_store_that_opens_and_takes_writes(store: Path, tmp_path: Path) -> None:
    docs = documents(tmp_path / "docs")
    proc = subprocess.Popen(graphkit("ingest", str(docs), "--store", str(store), "--quiet"),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.5)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with opened(store, read_only=True) as s:
        assert len(s) > 0
    again = run("ingest", str(docs), "--store", str(store), "--quiet")  # the lock died with the process
    no_traceback(again)
    assert again.returncode == 0, again.stderr
    assert run("build", "--store", str(store), "--quiet").returncode == 0


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


# ------------------------------------------------------------------------- query safety
class Listener:
    """A local TCP server that records whether anyone connected."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.stop = False
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stop:
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            conn.close()

    def close(self) -> None:
        time.sleep(0.5)
        self.stop = True
        self.thread.join()
        self.sock.close()


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:{port}/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { service   <http://127.0.0.1:{port}/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:{port}/sparql> { ?s ?p ?o } }",
    "PREFIX ex: <http://127.0.0.1:{port}/> SELECT * WHERE { SERVICE ex:sparql { ?s ?p ?o } }",
    "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:{port}/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { # a comment\n SERVICE\n<http://127.0.0.1:{port}/sparql> { ?s ?p ?o } }",
])
def test_sparql_service_is_refused_and_opens_no_socket(built_store: Path, query: str) -> None:
    listener = Listener()
    try:
        result = run("sparql", query.replace("{port}", str(listener.port)), "--store", str(built_store))
    finally:
        listener.close()
    assert result.returncode == 1
    assert "SERVICE" in result.stderr and "Traceback" not in result.stderr
    assert listener.connections == 0


def test_a_word_service_inside_a_string_or_name_is_not_refused(built_store: Path) -> None:
    result = run("sparql", "SELECT ?service WHERE { BIND('SERVICE' AS ?service) }", "--store", str(built_store),
                 "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [{"service": "SERVICE"}]


CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"


def test_a_sparql_query_stops_at_its_timeout(built_store: Path) -> None:
    t0 = time.monotonic()
    result = run("sparql", CARTESIAN, "--store", str(built_store), "--timeout", "1")
    assert time.monotonic() - t0 < 15
    assert result.returncode == 1 and "stopped after 1 s" in result.stderr
    no_traceback(result)


def test_a_sparql_query_stops_beyond_its_row_cap(built_store: Path) -> None:
    result = run("sparql", "SELECT ?s WHERE { ?s ?p ?o }", "--store", str(built_store), "--max-rows", "10")
    assert result.returncode == 1 and "more than 10 rows" in result.stderr
    ok = run("sparql", "SELECT ?s WHERE { ?s ?p ?o } LIMIT 10", "--store", str(built_store), "--max-rows", "10",
             "--format", "json")
    assert ok.returncode == 0 and len(json.loads(ok.stdout)) == 10


def test_ctrl_c_stops_a_sparql_query_within_a_second(built_store: Path) -> None:
    # as from a terminal: a background job of a script (CI launched with `&`) starts with SIGINT
    # ignored, and Python then installs no handler, so Ctrl-C would never reach the command
    proc = subprocess.Popen(graphkit("sparql", CARTESIAN, "--store", str(built_store), "--timeout", "0"),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    time.sleep(2.0)  # well into the query
    assert proc.poll() is None
    sent = time.monotonic()
    proc.send_signal(signal.SIGINT)
    proc.communicate(timeout=10)
    assert time.monotonic() - sent < 1.0
    assert proc.returncode != 0


@pytest.mark.parametrize("query", [
    "CHECKPOINT",
    "MATCH (n) RETURN n LIMIT 1; CHECKPOINT",
    "CALL db.labels() YIELD label RETURN label UNION CALL db.createLabel('x') YIELD x RETURN x",
    "MATCH (n:Meeting) SET n.name = 'x'",
    "CALL { CREATE (n:Meeting {id: 'x'}) } RETURN 1",
    "LOAD CSV FROM 'http://127.0.0.1/x' AS r RETURN r",
    "VACUUM",
])
def test_cypher_outside_the_read_clauses_is_refused_and_breaks_nothing(built_store: Path, query: str) -> None:
    result = run("query", "-e", query, "--store", str(built_store))
    assert result.returncode == 1 and "refused" in result.stderr
    no_traceback(result)
    after = run("query", "-e", "MATCH (m:Meeting) RETURN count(m) AS n", "--store", str(built_store))
    assert after.returncode == 0, after.stderr


def test_names_that_look_like_keywords_are_not_refused(built_store: Path) -> None:
    result = run("query", "-e", "MATCH (m:Meeting) RETURN m.name AS set, {delete: 1} AS remove LIMIT 1",
                 "--store", str(built_store), "--format", "json")
    assert result.returncode == 0, result.stderr


def test_a_reader_opens_a_store_on_a_read_only_folder(store: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes through permissions; a read-only folder cannot be simulated by chmod")
    for p in [store, *store.rglob("*")]:
        p.chmod(p.stat().st_mode & ~0o222)
    try:
        with open_store(store, read_only=True) as s:
            assert len(s) > 0
    finally:
        for p in [store, *store.rglob("*")]:
            p.chmod(p.stat().st_mode | 0o200)


def test_a_cypher_query_stops_at_its_timeout_and_the_engine_still_answers(built_store: Path) -> None:
    env = dict(os.environ, GRAPHKIT_QUERY_TIMEOUT="1")
    slow = "MATCH (a), (b), (c) WHERE a.id + b.id + c.id = 'x' RETURN count(*) AS n"
    t0 = time.monotonic()
    result = subprocess.run(graphkit("query", "-e", slow, "--store", str(built_store)), capture_output=True,
                            text=True, timeout=120, env=env)
    assert time.monotonic() - t0 < 20
    assert result.returncode == 1 and "stopped after 1 s" in result.stderr, result.stderr
    no_traceback(result)
    after = run("query", "-e", "MATCH (m:Meeting) RETURN count(m) AS n", "--store", str(built_store))
    assert after.returncode == 0, after.stderr
