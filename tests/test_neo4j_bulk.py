"""The bulk route's files and script without a server: the neo4j-csv writer's cells (quoting, line
breaks, array delimiter, types) read back by a CSV reader, and the import script's JVM settings
(run with a stand-in neo4j-admin that prints what it was given).

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
from typing import Any

from graphkit.engines.neo4j.admin import IMPORT_SCRIPT, QUICK_JIT_OPTIONS, QUICK_JIT_ROWS, import_script
from graphkit.engines.neo4j.identity import MARKER_LABEL, MARKER_PROP, edge_props, node_props
from graphkit.export import neo4j_csv
from graphkit.project import Edge, Node, Projection


def _written(proj: Projection) -> dict[str, str]:
    files: dict[str, io.StringIO] = {}

    @contextmanager
    def opener(name: str) -> Iterator[io.StringIO]:
        files[name] = io.StringIO()
        yield files[name]

    neo4j_csv.write(proj, opener)
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
                          env={**base, "NEO4J_ADMIN": str(fake), **env}, check=True)
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
    assert _run(large, tmp_path, {}).splitlines()[0] == "JDK_JAVA_OPTIONS=<unset>"
    assert small.isascii() and large.isascii()
