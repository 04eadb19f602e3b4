"""A Cypher script that recreates the graph in any Neo4j 5 (``cypher-shell -f graph.cypher``).

The script is a file for people to run, so every value is written as a Cypher literal, escaped
(strings single-quoted with ``\\\\``, ``\\'``, ``\\n``, ``\\r``, ``\\t`` and ``\\uXXXX`` escapes;
dates as ``date('2025-05-26')``); labels, relationship types and property keys come from the
ontology only and are backquoted when they are not plain identifiers.

Nodes and relationships follow the identity model of ``graphkit push``
(:mod:`graphkit.engines.neo4j.identity`), so running the script, then pushing, then pushing
again gives no duplicates, no constraint error, and a push that finds everything unchanged:

1. The one uniqueness constraint on ``id`` of the marker label ``GraphkitNode`` and the name
   index, the statements push runs.
2. Nodes, in batches per label set: ``UNWIND [{id: ..., props: {...}}, ...] AS row
   MERGE (n:GraphkitNode {id: row.id}) SET n += row.props, n:Label...``; the properties include
   the ``graphkit`` fingerprint and leave out empty values, as push does.
3. Relationships, in batches per type: ``MATCH`` both ends by id, ``MERGE`` the relationship,
   ``SET r += row.props``.

Every statement ends a line with ``;`` and no literal contains a raw newline, so
:func:`iter_statements` splits the script safely for drivers that run one statement at a time.
Running it twice changes nothing (MERGE).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Any, TextIO

from graphkit import __version__
from graphkit.engines.neo4j.identity import MARKER_LABEL, edge_props, node_props, schema_statements
from graphkit.export.base import ExportInput, Progress, Reads, Sink, WriteOptions
from graphkit.project import Projection

BATCH = 500   # rows per UNWIND statement
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_SPECIAL = re.compile("[\\\\'\x00-\x1f\x7f\u2028\u2029]")


def _escape_char(m: re.Match[str]) -> str:
    c = m.group()
    return _ESCAPES.get(c) or f"\\u{ord(c):04x}"


def string(value: str) -> str:
    """A Cypher string literal: ``O'Neil \\ x`` -> ``'O\\'Neil \\\\ x'``; never a raw newline."""
    return "'" + _SPECIAL.sub(_escape_char, value) + "'"


def name(identifier: str) -> str:
    """A label, type or key, backquoted (backquotes doubled) unless it is a plain identifier."""
    return identifier if _IDENT.match(identifier) else "`" + identifier.replace("`", "``") + "`"


def literal(value: Any) -> str:
    """A Cypher literal for a projection value (str, int, float, bool, date, list of those)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return string(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dt.datetime):
        return f"datetime({string(value.isoformat())})"
    if isinstance(value, dt.date):
        return f"date({string(value.isoformat())})"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    raise TypeError(f"no Cypher literal for {type(value).__name__}")


def map_literal(props: dict[str, Any]) -> str:
    """A map literal of the properties that have a value (None and empty lists are left out:
    Neo4j has no null properties, and push leaves them out too)."""
    return "{" + ", ".join(f"{name(k)}: {literal(v)}" for k, v in props.items()
                           if v is not None and v != [] and v != ()) + "}"


def _without_id(props: dict[str, Any]) -> dict[str, Any]:
    return {p: v for p, v in props.items() if p != "id"}


def iter_statements(script: str) -> Iterator[str]:
    """The statements of a script written by :func:`write` (comments dropped)."""
    lines: list[str] = []
    for line in script.splitlines():
        if not lines and (not line.strip() or line.lstrip().startswith("//")):
            continue
        lines.append(line)
        if line.rstrip().endswith(";"):
            yield "\n".join(lines).rstrip()[:-1]
            lines = []
    if lines and "".join(lines).strip():
        yield "\n".join(lines)


def write(proj: Projection, out: TextIO, *, progress: Progress | None = None) -> None:
    """Write the Cypher script for the projection to a text handle."""
    nodes = proj.nodes
    out.write(f"// graphkit {__version__} export: {len(nodes)} nodes, {len(proj.edges)} relationships.\n"
              "// Recreates the graph in Neo4j 5, e.g.: cypher-shell -a bolt://localhost:7687 -u neo4j -f FILE\n"
              "// MERGE makes it safe to run twice; run it on an empty database for an exact copy.\n\n")
    out.writelines(stmt + ";\n" for stmt in schema_statements())
    out.write("\n")

    groups: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for n in nodes.values():
        groups[tuple(n.labels)].append(n.id)
    for labels, ids in sorted(groups.items()):
        set_labels = "".join(f", n:{name(label)}" for label in labels)
        for i in range(0, len(ids), BATCH):
            rows = ",\n  ".join(f"{{id: {string(k)}, props: {map_literal(_without_id(node_props(nodes[k])))}}}"
                                 for k in ids[i:i + BATCH])
            out.write(f"UNWIND [\n  {rows}\n] AS row\nMERGE (n:{MARKER_LABEL} {{id: row.id}}) "
                      f"SET n += row.props{set_labels};\n")
            if progress:
                progress(len(ids[i:i + BATCH]))
    out.write("\n")

    rels: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(proj.edges):
        rels[e.type].append(i)
    for rtype, idx in sorted(rels.items()):
        for i in range(0, len(idx), BATCH):
            rows = ",\n  ".join(
                f"{{s: {string(proj.edges[j].source)}, t: {string(proj.edges[j].target)}, "
                f"props: {map_literal(edge_props(proj.edges[j]))}}}" for j in idx[i:i + BATCH])
            out.write(f"UNWIND [\n  {rows}\n] AS row\nMATCH (a:{MARKER_LABEL} {{id: row.s}})\n"
                      f"MATCH (b:{MARKER_LABEL} {{id: row.t}})\n"
                      f"MERGE (a)-[r:{name(rtype)}]->(b) SET r += row.props;\n")
            if progress:
                progress(len(idx[i:i + BATCH]))


class CypherWriter:
    """The cypher format behind the writer contract."""

    name = "cypher"
    suffixes: tuple[str, ...] = (".cypher", ".cql")
    reads: Reads = "graph"
    folder = False
    description = "a Cypher script that recreates the graph in Neo4j 5 (the identity push uses)"

    def write(self, data: ExportInput, sink: Sink, options: WriteOptions) -> None:
        with sink.text() as out:
            write(data.projection(), out, progress=options.progress)
