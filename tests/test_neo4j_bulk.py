"""The bulk route's files and script without a server: the neo4j-csv writer's cells (quoting, line
breaks, array delimiter, types) read back by a CSV reader, the same files from forked writers, and
the import script's JVM settings (run with a stand-in neo4j-admin that prints what it was given).

The real import tool runs in tests/test_export_neo4j.py (with a Neo4j server).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import pytest

from graphkit.atomic import OutputError
from graphkit.engines.neo4j.admin import (
    ARCHIVE_FOLDER_VARIABLE,
    IMPORT_SCRIPT,
    QUICK_JIT_OPTIONS,
    QUICK_JIT_ROWS,
    import_script,
)
from graphkit.engines.neo4j.identity import MARKER_LABEL, MARKER_PROP, edge_props, node_props
from graphkit.errors import GraphkitError
from graphkit.export import neo4j_csv
from graphkit.project import Edge, Node, Projection


def _written(proj: Projection, **options: Any) -> dict[str, str]:
    files: dict[str, io.StringIO] = {}

    @contextmanager
    def opener(name: str) -> Iterator[io.StringIO]:
        files[name] = io.StringIO()
        yield files[name]

    neo4j_csv.write(proj, opener, **options)
    return {k: v.getvalue() for k, v in files.items()}


def _rows(text: str) -> list[dict[str, str]]:
    header, *rows = list(csv.reader(io.StringIO(text, newline="")))
    return [dict(zip(header, row, strict=True)) for row in rows]


def _graph() -> Projection:
    p = Projection(node_props={"Topic": {"id": "STRING", "name": "STRING", "altNames": "STRING[]",
                                         "year": "INT64", "startDate": "DATE"}})
    names = ["plain", 'a "quoted", name', "two\nlines", "carriage\rreturn", "", "comma, only"]
    for i, name in enumerate(names):
        props: dict[str, Any] = {"id": f"urn:t{i}", "name": name, "altNames": [f"alt {i}", "x"] if i % 2 else []}
        if i == 1:
            props.update(year=2024, startDate=dt.date(2024, 5, 1), extra=True)
        p.nodes[f"urn:t{i}"] = Node(f"urn:t{i}", ["Topic"], "Topic", props)
    p.edges.append(Edge("urn:t0", "urn:t1", "RELATED", {"sources": ["s1", "s2"], "quotes": ["q; with semicolon"]}))
    p.edges.append(Edge("urn:t1", "urn:t2", "RELATED", {"sources": ["s3"], "quotes": []}))
    return p


def test_cells_read_back_as_written() -> None:
    """Every cell, quoted or not, reads back (with a CSV reader) as the value the node or
    relationship holds: line breaks, quotes, commas, lists, ints, dates, booleans, no value."""
    proj = _graph()
    files = _written(proj)
    script = files[IMPORT_SCRIPT]
    delim = "|"   # a quote holds a ";": the next delimiter
    assert f"--array-delimiter={delim}" in script and "--multiline-fields=true" in script
    nodes = {r["id:ID"]: r for r in _rows(files["nodes_Topic.csv"])}
    assert list(nodes) == list(proj.nodes)
    for nid, node in proj.nodes.items():
        row, props = nodes[nid], node_props(node)
        assert row["name"] == props.get("name", "")
        assert row[":LABEL"].split(delim) == [MARKER_LABEL, "Topic"]
        assert row["altNames:string[]"] == delim.join(props.get("altNames", []))
        assert row[MARKER_PROP] == props[MARKER_PROP]
    one = nodes["urn:t1"]
    assert (one["year:long"], one["startDate:date"], one["extra:boolean"]) == ("2024", "2024-05-01", "true")
    assert nodes["urn:t0"]["year:long"] == "" and nodes["urn:t0"]["extra:boolean"] == ""
    rels = _rows(files["rels_RELATED.csv"])
    assert [(r[":START_ID"], r[":END_ID"], r[":TYPE"]) for r in rels] == [("urn:t0", "urn:t1", "RELATED"),
                                                                           ("urn:t1", "urn:t2", "RELATED")]
    assert rels[0]["quotes:string[]"] == "q; with semicolon" and rels[1]["quotes:string[]"] == ""
    assert rels[0]["sources:string[]"].split(delim) == ["s1", "s2"]
    assert [r[MARKER_PROP] for r in rels] == [edge_props(e)[MARKER_PROP] for e in proj.edges]


def test_an_empty_text_is_a_quoted_empty_field() -> None:
    """neo4j-admin reads an empty field as no property and ``""`` as the empty text: push stores an
    empty text, so the CSV writes it quoted (and nothing for a missing value)."""
    proj = _graph()
    text = _written(proj)["nodes_Topic.csv"]
    lines = text.splitlines()
    header = lines[0].split(",")
    name, year = header.index("name"), header.index("year:long")
    empty = next(line for line in lines if line.startswith("urn:t4,")).split(",")
    assert (empty[name], empty[year]) == ('""', "")
    plain = next(line for line in lines if line.startswith("urn:t0,")).split(",")
    assert (plain[name], plain[year]) == ("plain", "")


def test_no_line_break_no_multiline_fields() -> None:
    proj = _graph()
    for n in proj.nodes.values():
        n.props["name"] = n.props["name"].replace("\n", " ").replace("\r", " ")
    script = _written(proj)[IMPORT_SCRIPT]
    assert "--multiline-fields=false" in script


def _run(script: str, tmp_path: Path, env: dict[str, str]) -> str:
    """Run an import script with a stand-in neo4j-admin that prints JDK_JAVA_OPTIONS and its arguments."""
    (tmp_path / IMPORT_SCRIPT).write_text(script)
    fake = tmp_path / "fake-admin"
    fake.write_text('#!/bin/sh\nprintf "JDK_JAVA_OPTIONS=%s\\n" "${JDK_JAVA_OPTIONS-<unset>}"\n'
                    'for a in "$@"; do printf "%s\\n" "$a"; done\n')
    fake.chmod(0o755)
    base = {k: v for k, v in os.environ.items() if k != "JDK_JAVA_OPTIONS"}
    done = subprocess.run(["sh", str(tmp_path / IMPORT_SCRIPT), "graph"], capture_output=True, text=True,
                          env={**base, "NEO4J_ADMIN": str(fake), ARCHIVE_FOLDER_VARIABLE: "", **env}, check=True)
    return done.stdout


def test_small_imports_ask_for_c1_only_unless_the_user_chose(tmp_path: Path) -> None:
    args: dict[str, Any] = {"array_delimiter": ";", "multiline": False}
    small = import_script(["nodes_A.csv"], ["rels_R.csv"], rows=QUICK_JIT_ROWS, **args)
    out = _run(small, tmp_path, {})
    assert out.splitlines()[0] == f"JDK_JAVA_OPTIONS={QUICK_JIT_OPTIONS}"
    assert out.splitlines()[1:5] == ["database", "import", "full", "graph"]
    assert _run(small, tmp_path, {"JDK_JAVA_OPTIONS": "-Xmx3g"}).splitlines()[0] == "JDK_JAVA_OPTIONS=-Xmx3g"
    assert _run(small, tmp_path, {"JDK_JAVA_OPTIONS": ""}).splitlines()[0] == "JDK_JAVA_OPTIONS="
    large = import_script(["nodes_A.csv"], ["rels_R.csv"], rows=QUICK_JIT_ROWS + 1, **args)
    assert _run(large, tmp_path, {}).splitlines()[0] == "JDK_JAVA_OPTIONS=-XX:+IgnoreUnrecognizedVMOptions"
    assert small.isascii() and large.isascii()


_FAKE_JVM = r"""#!/bin/sh
# a stand-in neo4j-admin that acts on the class-data-sharing options as a JVM does (FAKE: how it fails)
printf "%s\n" "$JDK_JAVA_OPTIONS" >> "$CALLS"
for o in $JDK_JAVA_OPTIONS; do
  case $o in
    -XX:ArchiveClassesAtExit=*) printf archive > "${o#*=}" ;;
    -XX:SharedArchiveFile=*) used=${o#*=} ;;
    -Xlog:cds=info:file=*) log=${o#*file=} ;;
  esac
done
if [ -n "${used:-}" ]; then
  case $FAKE in
    crash) exit 139 ;;
    stale) printf "Mapped dynamic region #0 at base\nUnmapping region #0 at base\n" > "$log" ;;
    *) printf "Mapped dynamic region #0 at base\n" > "$log" ;;
  esac
fi
[ "$FAKE" = fail ] && exit 1
exit 0
"""


def test_the_class_archive_is_written_once_then_used_and_dropped_when_unusable(tmp_path: Path) -> None:
    """The first import writes the JVM's class-data-sharing archive (under a temporary name, kept only
    if the import succeeds), later ones use it; one the JVM does not use is removed (written anew
    next time); if the JVM crashes with it, it is removed and the import runs again without it. None
    when the folder is set empty or the user set JDK_JAVA_OPTIONS. Without a server: a stand-in
    neo4j-admin acts on the options as the JVM does."""
    (tmp_path / IMPORT_SCRIPT).write_text(import_script(["nodes_A.csv"], ["rels_R.csv"], array_delimiter=";",
                                                        multiline=False, rows=10))
    fake, calls, archives = tmp_path / "fake-admin", tmp_path / "calls", tmp_path / "archives"
    fake.write_text(_FAKE_JVM)
    fake.chmod(0o755)
    base = {k: v for k, v in os.environ.items() if k != "JDK_JAVA_OPTIONS"}

    def run(fail: str = "", **env: str) -> tuple[int, list[str], list[str]]:
        calls.write_text("")
        done = subprocess.run(["sh", str(tmp_path / IMPORT_SCRIPT)], capture_output=True, text=True, check=False,
                              env={**base, "NEO4J_ADMIN": str(fake), "CALLS": str(calls), "FAKE": fail,
                                   ARCHIVE_FOLDER_VARIABLE: str(archives), **env})
        return done.returncode, calls.read_text().splitlines(), sorted(p.name for p in archives.glob("*"))

    code, options, files = run("fail")   # a failed import leaves no archive
    assert code == 1 and "-XX:ArchiveClassesAtExit=" in options[0] and files == []
    code, options, files = run()
    assert code == 0 and "-XX:ArchiveClassesAtExit=" in options[0] and len(files) == 1
    archive = files[0]
    assert archive.startswith("neo4j-admin-") and archive.endswith(".jsa")
    code, options, files = run()
    assert code == 0 and f"-XX:SharedArchiveFile={archives / archive}" in options[0] and files == [archive]
    assert options[0].startswith(QUICK_JIT_OPTIONS) and "-Xshare:auto" in options[0]
    assert run("stale")[2] == []   # not used by the JVM: removed
    run()
    code, options, files = run("crash")
    assert code == 0 and len(options) == 2 and options[1] == QUICK_JIT_OPTIONS and files == []
    assert run(**{ARCHIVE_FOLDER_VARIABLE: ""})[1] == [QUICK_JIT_OPTIONS]
    assert run(JDK_JAVA_OPTIONS="-Xmx2g")[1] == ["-Xmx2g"]
    assert run(**{ARCHIVE_FOLDER_VARIABLE: str(tmp_path / "a b")})[1] == [QUICK_JIT_OPTIONS]   # not in options


def _wide_graph() -> Projection:
    """:func:`_graph` with more node tables and relationship types, so several processes each get files;
    only the RELATED relationships hold a ``;`` (in a quote), so the delimiter is ``|`` everywhere."""
    p = _graph()
    p.node_props["Venue"] = {"id": "STRING", "name": "STRING", "altNames": "STRING[]"}
    for i in range(40):
        p.nodes[f"urn:v{i}"] = Node(f"urn:v{i}", ["Venue"], "Venue",
                                    {"id": f"urn:v{i}", "name": f"venue, {i}", "altNames": [f"v{i}", "w"]})
    for i, rtype in enumerate(("HELD_AT", "LOCATION", "ABOUT", "MENTIONS")):
        for j in range(10 * (i + 1)):
            p.edges.append(Edge(f"urn:t{j % 6}", f"urn:v{j}", rtype, {"sources": [f"s{j}"], "quotes": []}))
    return p


def _folder(proj: Projection, folder: Path, workers: int, **options: Any) -> dict[str, bytes]:
    names = neo4j_csv.write(proj, neo4j_csv.folder_opener(folder), workers=workers, **options)
    assert sorted(names) == sorted(f.name for f in folder.iterdir())
    return {name: (folder / name).read_bytes() for name in names}


def test_forked_writers_write_the_same_files(tmp_path: Path) -> None:
    """Two or three processes (one builds and writes each share of the files) write byte for byte
    the files one process writes, with the array delimiter free in every share's lists."""
    proj = _wide_graph()
    one = _folder(proj, tmp_path / "one", 1)
    assert "--array-delimiter=|" in one[IMPORT_SCRIPT].decode()
    for workers in (2, 3):
        assert _folder(proj, tmp_path / f"w{workers}", workers) == one
    numbered = _folder(proj, tmp_path / "int1", 1, integer_ids=True)   # every process numbers nodes alike
    assert _folder(proj, tmp_path / "int2", 2, integer_ids=True) == numbered != one
    seen: list[int] = []
    neo4j_csv.write(proj, neo4j_csv.folder_opener(tmp_path / "progress"), workers=2, progress=seen.append)
    assert sum(seen) == len(proj.nodes) + len(proj.edges)


def _failing_opener(folder: Path, error: Exception) -> neo4j_csv.Opener:
    opener = neo4j_csv.folder_opener(folder)

    @contextmanager
    def failing(name: str) -> Iterator[IO[str]]:
        if name.startswith("rels_"):
            raise error
        with opener(name) as fh:
            yield fh
    return failing


def test_a_forked_writer_s_error_is_raised_here(tmp_path: Path) -> None:
    """The share of another process fails: its GraphkitError is raised as it is; anything else (a
    bug) as a RuntimeError that carries the other process's traceback. No process is left behind."""
    proj = _wide_graph()
    with pytest.raises(OutputError, match="disk full"):
        neo4j_csv.write(proj, _failing_opener(tmp_path / "a", OutputError("cannot write: disk full")), workers=3)
    with pytest.raises(RuntimeError, match=r"(?s)Traceback.*ValueError: a bug"):
        neo4j_csv.write(proj, _failing_opener(tmp_path / "b", ValueError("a bug")), workers=3)
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def test_the_delimiter_is_the_first_free_one_across_every_process(tmp_path: Path) -> None:
    """One process's lists hold a ``;`` (a quote), another's a ``|`` (a venue's other name): every
    process writes with U+001F, as one process does."""
    proj = _wide_graph()
    proj.nodes["urn:v3"].props["altNames"] = ["a|b"]
    one = _folder(proj, tmp_path / "one", 1)
    assert "--array-delimiter=U+001F" in one[IMPORT_SCRIPT].decode()
    assert _folder(proj, tmp_path / "two", 2) == one


def test_the_quick_delimiter_check_agrees_with_the_full_search() -> None:
    """:func:`neo4j_csv._probe` (lists joined once, delimiters counted) picks the delimiter the
    search of every element for every delimiter picks: text lists, tuples, numbers, empty lists."""
    cases: list[list[Any]] = [
        [["a", "b"], [], None, ["c"]], [["a;b"], ["c"]], [["x", "y;"], None], [["a|b"], ["c;"]],
        [("t;u",), ["v"]], [(1, 2), ["w"]], [[1, "2;3"]], [["\x1f"], ["a;", "b|"]], [["", ""], [";"]],
    ]
    for column in cases:
        proj = Projection()
        for i, value in enumerate(column):
            for end in (f"urn:a{i}", f"urn:b{i}"):
                proj.nodes[end] = Node(end, ["Topic"], "Topic", {"id": end})
            proj.edges.append(Edge(f"urn:a{i}", f"urn:b{i}", "RELATED", {"sources": value}))
        assert neo4j_csv.write(proj, _memory_opener({}))   # writes with the probe's choice
        files = [job.build() for job in neo4j_csv._jobs(proj)]
        full = neo4j_csv._first_free(neo4j_csv._used_delimiters(files))
        probe = neo4j_csv._probe(files)
        quick = neo4j_csv._first_free(neo4j_csv._used_delimiters(files) if probe else probe)
        assert quick == full == neo4j_csv.array_delimiter(proj), column


def _memory_opener(files: dict[str, io.StringIO]) -> neo4j_csv.Opener:
    @contextmanager
    def opener(name: str) -> Iterator[io.StringIO]:
        files[name] = io.StringIO()
        yield files[name]
    return opener


def test_integer_ids_name_nodes_and_relationship_ends() -> None:
    """``integer_ids``: nodes are numbered from 0 across the node files (``:ID``, read with
    ``--id-type=integer``; the IRI is the ``id`` property), relationships name their ends by those
    numbers, a column no row has a value in is left out; a relationship to a node outside the graph
    is an error. Otherwise the IRIs are the ids (``id:ID``, ``--id-type=string``)."""
    proj = _wide_graph()
    assert "--id-type=string" in _written(proj)[IMPORT_SCRIPT]
    files = _written(proj, integer_ids=True)
    assert "--id-type=integer" in files[IMPORT_SCRIPT]
    header = files["nodes_Topic.csv"].split("\n", 1)[0].split(",")
    assert header[:3] == [":ID", ":LABEL", "id"] and "startDate:date" in header
    assert "origins:string[]" not in files["rels_RELATED.csv"].split("\n", 1)[0]   # no relationship has origins
    ids = {}
    for name in sorted(f for f in files if f.startswith("nodes_")):
        ids.update((r[":ID"], r["id"]) for r in _rows(files[name]))
    assert sorted(map(int, ids)) == list(range(len(proj.nodes))) and sorted(ids.values()) == sorted(proj.nodes)
    written = sorted((ids[r[":START_ID"]], ids[r[":END_ID"]], r[":TYPE"], r["sources:string[]"])
                     for name in files if name.startswith("rels_") for r in _rows(files[name]))
    assert written == sorted((e.source, e.target, e.type, "|".join(e.props["sources"])) for e in proj.edges)
    proj.edges.append(Edge("urn:t0", "urn:nowhere", "RELATED", {}))
    with pytest.raises(GraphkitError, match="urn:nowhere"):
        _written(proj, integer_ids=True)


def test_equal_relationship_properties_share_one_fingerprint_not_one_of_another_type() -> None:
    """Relationships with equal properties get one row (computed once); ``1``, ``1.0`` and ``True``
    are not equal there (their fingerprints differ)."""
    proj = Projection()
    for end in ("urn:a", "urn:b"):
        proj.nodes[end] = Node(end, ["Topic"], "Topic", {"id": end})
    for v in (1, 1, 1.0, True, 2):
        proj.edges.append(Edge("urn:a", "urn:b", "RELATED", {"sources": ["x"], "weight": v}))
    proj.edges.append(Edge("urn:a", "urn:b", "RELATED", {"sources": ["x", "y"], "weight": 1}))
    rels = _rows(_written(proj)["rels_RELATED.csv"])
    assert [r[MARKER_PROP] for r in rels] == [edge_props(e)[MARKER_PROP] for e in proj.edges]
    assert len({r[MARKER_PROP] for r in rels}) == 5
