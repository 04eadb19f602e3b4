"""Every command through its failure modes: a one-line error and an exit code, never a traceback.

Cases are generated from the command registry, so a new command is driven through the generic
modes (bad store, special outputs, full stdout) as soon as it is listed in ARGS below; a command
missing from ARGS fails `test_every_command_is_driven`. Modes and counts: see MODES at the end
(``pytest tests/test_failures.py --collect-only -q`` lists every case by mode).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from graphkit.cli import COMMANDS, cli

FIXTURES = Path(__file__).parent / "fixtures"
TEXT = FIXTURES / "texts" / "news-58th-amm.txt"

# Minimal valid arguments of each command (besides --store); None: not driven (long-running server).
ARGS: dict[str, list[str] | None] = {
    "build": ["--quiet"],
    "validate": [],
    "stats": [],
    "sparql": ["SELECT * WHERE { ?s ?p ?o } LIMIT 1"],
    "ingest": [str(TEXT), "--quiet"],
    "explain": ["APSC"],
    "evaluate": [str(FIXTURES / "texts")],
    "queries": [],
    "query": ["-e", "MATCH (n) RETURN count(n) AS n"],
    "links": ["APSC"],
    "trace": ["ASEAN Community Vision 2045"],
    "export": ["--format", "nquads", "--quiet"],
    "push": ["--uri", "bolt://127.0.0.1:9", "--password", "x"],
    "show": ["APSC"],
    "search": ["summit"],
    "paths": ["APSC", "ASEAN"],
    "documents": [],
    "forget": ["document/none-such"],
    "xref": [],
    "diff": None,      # takes two stores, driven below
    "release": None,   # writes a folder, driven below
    "serve": None,     # a server: runs until stopped
}
WRITERS = {"build", "ingest", "forget"}
ERROR_CODES = {1, 2, 3, 4}


def registered() -> list[str]:
    return sorted(COMMANDS)


def command(name: str) -> click.Command:
    cmd = cli.get_command(click.Context(cli), name)
    assert cmd is not None
    return cmd


def takes(name: str, option: str) -> bool:
    return any(option in p.opts for p in command(name).params)


def invoke(args: list[str], env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, args, env=env, catch_exceptions=True)


def check(result: Result, codes: set[int]) -> None:
    """The one rule: an expected exit code, no traceback, and a short error on stderr."""
    exc = result.exception
    assert exc is None or isinstance(exc, SystemExit), f"uncaught {type(exc).__name__}: {exc}"
    assert "Traceback" not in result.output
    assert result.exit_code in codes, (result.exit_code, result.output[-800:])
    if result.exit_code != 0:
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert lines, "an error exit with nothing on stderr"
        assert len(lines) <= 12, result.stderr  # an error line (and click's usage lines, or suggestions)


@pytest.fixture(scope="module")
def store(built_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("failures") / "store"
    shutil.copytree(built_store, path, symlinks=True)
    return path


def test_every_command_is_driven() -> None:
    missing = [c for c in registered() if c not in ARGS]
    assert not missing, f"add the new commands to ARGS in tests/test_failures.py: {missing}"


# --------------------------------------------------------------------------- bad stores
def _bad_stores(tmp: Path) -> dict[str, Path]:
    (tmp / "empty").mkdir(exist_ok=True)
    (tmp / "a-file").write_text("not a store\n")
    half = tmp / "half"
    (half / "rdf").mkdir(parents=True, exist_ok=True)
    (half / "state.json").write_text("{not json")
    return {"missing": tmp / "no" / "such" / "store", "a-file": tmp / "a-file", "empty": tmp / "empty",
            "half-made": half, "newline": Path(str(tmp / "store") + "\n")}


STORE_CASES = [(c, kind) for c in sorted(ARGS) if ARGS[c] is not None
               for kind in ("missing", "a-file", "empty", "half-made", "newline")]


@pytest.mark.parametrize("name, kind", STORE_CASES, ids=[f"bad-store:{c}:{k}" for c, k in STORE_CASES])
def test_bad_store(name: str, kind: str, tmp_path: Path) -> None:
    if not takes(name, "--store"):
        pytest.skip(f"{name} takes no --store")
    path = _bad_stores(tmp_path)[kind]
    before = sorted(p.name for p in tmp_path.iterdir())
    result = invoke([name, *(ARGS[name] or []), "--store", str(path)])
    codes = ERROR_CODES | ({0} if name in WRITERS or name in ("queries", "evaluate") else set())
    if name == "build" and kind in ("missing", "empty"):
        codes = {0}  # a new store is built there
    check(result, codes)
    if name != "build" and kind != "half-made":
        assert sorted(p.name for p in tmp_path.iterdir()) == before  # a failed reader creates nothing


# --------------------------------------------------------------------------- special outputs
OUTPUTS = ["/dev/full", "/dev/null-dir", "a-folder", "missing/folder/out.txt"]
OUTPUT_CASES = [(c, o) for c in sorted(ARGS) if ARGS[c] is not None and c not in ("push", "build", "ingest", "forget")
                for o in OUTPUTS]


@pytest.mark.parametrize("name, target", OUTPUT_CASES, ids=[f"bad-output:{c}:{o.strip()}" for c, o in OUTPUT_CASES])
def test_special_output(name: str, target: str, store: Path, tmp_path: Path) -> None:
    if not takes(name, "-o"):
        pytest.skip(f"{name} takes no -o")
    (tmp_path / "a-folder").mkdir()
    out = target if target.startswith("/dev/full") else str(tmp_path / target)
    if target == "/dev/null-dir":
        out = "/dev"
    result = invoke([name, *(ARGS[name] or []), "--store", str(store), "-o", out])
    check(result, ERROR_CODES)
    assert os.path.exists("/dev/full") and not os.path.isfile("/dev/full")  # the device is still a device
    assert (tmp_path / "a-folder").is_dir()
    assert not list(tmp_path.rglob(".*partial*")), "a temporary file was left behind"


# --------------------------------------------------------------------------- full stdout (a real process)
FULL_STDOUT = ["stats", "sparql", "query", "queries", "export", "links", "validate"]


@pytest.mark.parametrize("name", FULL_STDOUT, ids=[f"full-stdout:{c}" for c in FULL_STDOUT])
def test_full_stdout(name: str, store: Path) -> None:
    exe = Path(sys.executable).parent / "graphkit"
    args = [str(exe), name, *(ARGS[name] or [])] + (["--store", str(store)] if takes(name, "--store") else [])
    with open("/dev/full", "w") as full:
        proc = subprocess.run(args, stdout=full, stderr=subprocess.PIPE, text=True, timeout=300)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode != 0 or name == "validate", proc.stderr
    assert len(proc.stderr.strip().splitlines()) <= 3, proc.stderr


# --------------------------------------------------------------------------- bad encodings
def _latin1(tmp: Path, name: str, text: str) -> Path:
    path = tmp / name
    path.write_bytes(text.encode("latin-1"))
    return path


ENCODING_CASES: list[tuple[str, Callable[[Path], list[str]]]] = [
    ("sparql-file", lambda t: ["sparql", str(_latin1(t, "q.rq", "SELECT ?s WHERE { ?s ?p 'Déclaration' }"))]),
    ("query-file", lambda t: ["query", "-f",
                              str(_latin1(t, "q.cypher", "MATCH (n) WHERE n.name = 'Réunion' RETURN n"))]),
    ("records", lambda t: ["build", "--no-shipped", "--records",
                           str(_latin1(t, "r.yaml", "- id: state/x\n  type: MemberState\n  source: https://e.org/\n"
                                                    "  name: Côte\n"))]),
    ("ingest-text", lambda t: ["ingest", str(_latin1(t, "doc.txt", "Réunion des ministres à Vientiane, 2024."))]),
    ("ingest-sidecar", lambda t: ["ingest", str(_sidecar(t, "title: Réunion\ndate: 2024-01-02\n".encode("latin-1")))]),
    ("binary-records", lambda t: ["build", "--no-shipped", "--records", str(_bytes(t, "b.yaml", b"\x00\x01\x02\xff"))]),
]


def _bytes(tmp: Path, name: str, data: bytes) -> Path:
    (tmp / name).write_bytes(data)
    return tmp / name


def _sidecar(tmp: Path, meta: bytes) -> Path:
    doc = tmp / "docs" / "note.txt"
    doc.parent.mkdir(exist_ok=True)
    doc.write_text("The 58th ASEAN Foreign Ministers' Meeting was held in Kuala Lumpur.\n")
    (tmp / "docs" / "note.meta.yaml").write_bytes(meta)
    return tmp / "docs"


@pytest.mark.parametrize("case, make", ENCODING_CASES, ids=[f"bad-encoding:{c}" for c, _ in ENCODING_CASES])
def test_bad_encoding(case: str, make: Callable[[Path], list[str]], store: Path, tmp_path: Path) -> None:
    work = tmp_path / "store"
    shutil.copytree(store, work, symlinks=True)
    result = invoke([*make(tmp_path), "--store", str(work)])
    check(result, ERROR_CODES | ({0} if case.startswith("ingest") else set()))
    if case.startswith("ingest") and result.exit_code == 0:
        assert "skipped" in result.stderr or "UTF-8" in result.stderr or "encoding" in result.stderr.lower()


# --------------------------------------------------------------------------- bad values
def _ref(i: int) -> str:
    """An alias to the list one level down (the alias bomb's fan-out of ten)."""
    return "*a" if i == 0 else f"*a{i - 1}"


def _records(tmp: Path, field: str) -> str:
    path = tmp / "bad.yaml"
    path.write_text("- id: meeting/bad-1\n  type: Meeting\n  source: https://e.org/\n  name: Bad\n" + field + "\n")
    return str(path)


VALUE_CASES: list[tuple[str, Callable[[Path], list[str]], set[int]]] = [
    ("param-without-value", lambda t: ["sparql", "SELECT ?n WHERE { BIND(1 AS ?n) }", "--param", "novalue"], {2}),
    ("unknown-format", lambda t: ["stats", "--format", "xml"], {2}),
    ("negative-timeout", lambda t: ["sparql", "SELECT * WHERE {}", "--timeout", "-1"], {2}),
    ("negative-wait", lambda t: ["build", "--wait", "-5"], {2}),
    ("id-with-newline:links", lambda t: ["links", "body/apsc-council\n"], {0, 1, 3}),
    ("id-with-newline:explain", lambda t: ["explain", "body/apsc-council\n"], {0, 1, 3}),
    ("id-with-newline:show", lambda t: ["show", "body/apsc-council\n"], {0, 1, 3}),
    ("iri-with-newline:sparql", lambda t: ["sparql", "SELECT ?p WHERE { ?s ?p ?o } LIMIT 1", "--param",
                                           "s=<https://e.org/x\n>"], {1}),
    ("sparql-syntax", lambda t: ["sparql", "SELECT WHERE {"], {1, 2}),
    ("sparql-service", lambda t: ["sparql", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"], {1}),
    ("cypher-syntax", lambda t: ["query", "-e", "MATCH (n RETURN n"], {1}),
    ("cypher-write", lambda t: ["query", "-e", "CHECKPOINT"], {1}),
    ("unknown-saved-query", lambda t: ["query", "no_such_query"], {1, 2, 3}),
    ("impossible-as-of", lambda t: ["links", "APSC", "--as-of", "2025-02-30"], {1, 2}),
    ("year-zero-as-of", lambda t: ["links", "APSC", "--as-of", "0000-01-01"], {1, 2}),
    ("export-from-month-13", lambda t: ["export", "--format", "gexf", "--from", "2025-13"], {1, 2}),
    ("export-from-year-0", lambda t: ["export", "--format", "gexf", "--from", "0000"], {1, 2}),
    ("trace-negative-year", lambda t: ["trace", "ASEAN Community Vision 2045", "--from", "-5"], {1, 2}),
    ("records-feb-30", lambda t: ["build", "--records", _records(t, "  startDate: 2025-02-30")], {1}),
    ("records-0000", lambda t: ["build", "--records", _records(t, "  startDate: 0000-00-00")], {1}),
    ("records-month-13", lambda t: ["build", "--records", _records(t, "  startDate: 2025-13-01")], {1}),
    ("records-tz-25h", lambda t: ["build", "--records", _records(t, "  startDate: 2025-01-01T10:00:00+25:00")], {1}),
    ("records-negative-year", lambda t: ["build", "--records", _records(t, "  startDate: '-0044'")], {1}),
    ("records-huge-ordinal", lambda t: ["build", "--records", _records(t, "  ordinal: 100000000000000000000000")], {1}),
    ("records-alias-bomb", lambda t: ["build", "--records", _records(t, "  x: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n"
                                      + "".join(f"  y{i}: &a{i} [{', '.join([_ref(i)] * 10)}]\n" for i in range(7)))],
     {1}),
    ("records-missing", lambda t: ["build", "--records", str(t / "none.yaml")], {1, 2}),
    ("sidecar-feb-30", lambda t: ["ingest", str(_sidecar(t, b"title: X\ndate: 2025-02-30\n"))], {0, 1}),
    ("sidecar-tz-25h", lambda t: ["ingest", str(_sidecar(t, b"title: X\ndate: 2025-01-01T10:00:00+25:00\n"))], {0, 1}),
    ("sidecar-alias-bomb", lambda t: ["ingest", str(_sidecar(t, b"a: &a [x, x, x, x, x, x, x, x, x, x]\n"
                                      + b"".join(f"b{i}: &a{i} [{', '.join([_ref(i)] * 10)}]\n".encode()
                                                 for i in range(7))))], {0, 1}),
    ("ingest-missing", lambda t: ["ingest", str(t / "none.txt")], {1, 2}),
    ("ingest-a-device", lambda t: ["ingest", "/dev/zero"], {1, 2}),
]


@pytest.mark.parametrize("case, make, codes", VALUE_CASES, ids=[f"bad-value:{c}" for c, _, _ in VALUE_CASES])
def test_bad_value(case: str, make: Callable[[Path], list[str]], codes: set[int], store: Path,
                   tmp_path: Path) -> None:
    work = tmp_path / "store"
    shutil.copytree(store, work, symlinks=True)
    before = _dump(work)
    result = invoke([*make(tmp_path), "--store", str(work)])
    check(result, codes)
    if result.exit_code != 0:
        assert _dump(work) == before  # the store exactly as it was
    if case.startswith("sidecar") and result.exit_code == 0:
        assert "skipped" in result.stderr


def _dump(path: Path) -> list[str]:
    from graphkit.store import opened

    with opened(path, read_only=True) as s:
        return sorted(str(q) for q in s.quads())


# --------------------------------------------------------------------------- the others
def test_diff_and_release_fail_cleanly(store: Path, tmp_path: Path) -> None:
    if "diff" in COMMANDS:
        check(invoke(["diff", str(tmp_path / "none"), str(store)]), ERROR_CODES)
    if "release" in COMMANDS:
        check(invoke(["release", "/dev/full", "--store", str(store)]), ERROR_CODES)
        check(invoke(["release", str(tmp_path / "missing" / "out"), "--store", str(tmp_path / "none")]), ERROR_CODES)


def test_a_store_writer_on_a_read_only_folder_fails_in_one_line(store: Path, tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes through permissions; a read-only folder cannot be simulated by chmod")
    work = tmp_path / "ro"
    shutil.copytree(store, work, symlinks=True)
    tmp_path.chmod(0o555)
    try:
        check(invoke(["ingest", str(TEXT), "--store", str(work)]), ERROR_CODES)
        check(invoke(["build", "--store", str(work)]), ERROR_CODES)
    finally:
        tmp_path.chmod(0o755)


MODES = {
    "bad-store": len(STORE_CASES),
    "bad-output": len(OUTPUT_CASES),
    "full-stdout": len(FULL_STDOUT),
    "bad-encoding": len(ENCODING_CASES),
    "bad-value": len(VALUE_CASES),
}


# --------------------------------------------------------------------------- the helpers themselves
def test_atomic_write_refuses_special_files_and_keeps_the_target_on_failure(tmp_path: Path) -> None:
    from graphkit.atomic import OutputError, atomic_write

    for bad, words in (("/dev/full", "a device"), (str(tmp_path), "a folder"),
                       (str(tmp_path / "no" / "x.txt"), "does not exist")):
        with pytest.raises(OutputError, match=words):
            atomic_write(bad)
    target = tmp_path / "out.txt"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_write(target, "w") as fh:
        fh.write("half")
        raise RuntimeError("the writer failed")
    assert target.read_text() == "old" and sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]
    with atomic_write(target, "w") as fh:
        fh.write("new")
    assert target.read_text() == "new"


def test_atomic_write_removes_partials_of_dead_writers_only(tmp_path: Path) -> None:
    from graphkit.atomic import atomic_write

    target = tmp_path / "g.gexf"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (tmp_path / f".g.gexf.partial-{dead.pid}").write_text("left by a crash")
    alive = tmp_path / f".g.gexf.partial-{os.getppid()}"
    alive.write_text("someone still writing")
    with atomic_write(target) as fh:
        fh.write(b"<gexf/>")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([alive.name, "g.gexf"])


def test_settings_are_read_at_call_time_and_bad_values_are_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from graphkit import settings
    from graphkit.errors import GraphkitError

    monkeypatch.setenv("GRAPHKIT_QUERY_TIMEOUT", "7")
    assert settings.query_timeout() == 7.0
    monkeypatch.setenv("GRAPHKIT_QUERY_TIMEOUT", "2")
    assert settings.query_timeout() == 2.0
    monkeypatch.setenv("GRAPHKIT_NEO4J_BATCH", "123")
    assert settings.NEO4J_BATCH_SIZE == 123
    for value in ("soon", "-1", "nan", "inf"):
        monkeypatch.setenv("GRAPHKIT_QUERY_TIMEOUT", value)
        with pytest.raises(GraphkitError, match="GRAPHKIT_QUERY_TIMEOUT"):
            settings.query_timeout()
    monkeypatch.setenv("GRAPHKIT_QUERY_TIMEOUT", "soon")
    check(invoke(["sparql", "SELECT * WHERE {}", "--store", "/nonexistent"]), {1})


def test_build_and_export_on_a_full_disk_are_one_line(store: Path, tmp_path: Path) -> None:
    """A 3 MB tmpfs: the build (or the copy it leaves for Cypher) and an export run out of space."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(disk)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root in a namespace that allows it)")
    try:
        exe = str(Path(sys.executable).parent / "graphkit")
        for args in (["build", "--store", str(disk / "store"), "-q"],
                     ["export", "--format", "nquads", "--store", str(store), "-o", str(disk / "big.nq"), "-q"]):
            free = os.statvfs(disk)
            (disk / "filler").write_bytes(b"x" * max(free.f_bavail * free.f_frsize - 64_000, 0))  # 64 KB left
            proc = subprocess.run([exe, *args], capture_output=True, text=True, timeout=600)
            (disk / "filler").unlink()
            assert "Traceback" not in proc.stderr, proc.stderr
            assert proc.returncode == 1 and len(proc.stderr.strip().splitlines()) == 1, proc.stderr
            assert "No space left" in proc.stderr
        assert not (disk / "big.nq").exists() and not list(disk.glob(".*partial*"))
    finally:
        subprocess.run(["umount", str(disk)], capture_output=True)
