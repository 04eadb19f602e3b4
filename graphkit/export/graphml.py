"""GraphML for yEd, Cytoscape, Gephi and networkx, written as a stream of strings.

Every node and relationship property becomes a ``<key>`` declared once with its GraphML type
(``string``, ``long``, ``boolean``, ``double``). GraphML has no list or date type: lists are
written as JSON arrays (``["a", "b"]``) and dates as ISO text. Nodes also carry ``label`` (the
name, which Gephi and yEd show); relationships carry ``type`` and ``label`` (the type).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, TextIO

from graphkit.export._xml import ChunkedWriter, attr, text
from graphkit.export.base import ExportInput, Progress, Reads, Sink, WriteOptions
from graphkit.project import Projection, collector_paused

NS = "http://graphml.graphdrawing.org/xmlns"
SCHEMA_LOCATION = "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"
CHUNK = 2000


def _kind_of(value: Any) -> str:
    t = type(value)
    if t is bool:
        return "boolean"
    if t is int:
        return "long"
    if t is float:
        return "double"
    return "string"


def _declare(items: Any) -> dict[str, str]:
    types: dict[str, str] = {}
    for props in items:
        for k, v in props.items():
            if v is None or (isinstance(v, list) and not v):
                continue
            kind = _kind_of(v)
            if types.setdefault(k, kind) != kind:
                types[k] = "string"
    return types


def _value(v: Any) -> str | None:
    if v is None:
        return None
    t = type(v)
    if t is str:
        return text(v)
    if t is list or t is tuple:
        return text(json.dumps(list(v), ensure_ascii=False, default=str)) if v else None
    if t is bool:
        return "true" if v else "false"
    if isinstance(v, dt.date):
        return v.isoformat()
    return text(str(v))


def _data(props: dict[str, Any], ids: dict[str, str]) -> str:
    out = []
    for k, v in props.items():
        kid = ids.get(k)
        if kid is None:
            continue
        s = _value(v)
        if s is not None:
            out.append(f'<data key="{kid}">{s}</data>')
    return "".join(out)


def write(proj: Projection, out: TextIO, *, progress: Progress | None = None) -> None:
    """Write the projection as GraphML (directed, parallel edges allowed) to a text handle."""
    with collector_paused():
        _write(proj, out, progress)


def _write(proj: Projection, out: TextIO, progress: Progress | None) -> None:
    node_types = {"label": "string"}
    node_types.update(_declare(n.props for n in proj.nodes.values()))
    edge_types = {"type": "string", "label": "string"}
    edge_types.update(_declare(e.props for e in proj.edges))
    node_ids = {k: f"n{i}" for i, k in enumerate(node_types)}
    edge_ids = {k: f"e{i}" for i, k in enumerate(edge_types)}
    head = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        (f'<graphml xmlns="{NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
         f'xsi:schemaLocation="{SCHEMA_LOCATION}">\n'),
        *(f'  <key id="{node_ids[k]}" for="node" attr.name="{attr(k)}" attr.type="{t}"/>\n'
          for k, t in node_types.items()),
        *(f'  <key id="{edge_ids[k]}" for="edge" attr.name="{attr(k)}" attr.type="{t}"/>\n'
          for k, t in edge_types.items()),
        '  <graph id="graphkit" edgedefault="directed">\n',
    ]
    out.write("".join(head))
    label_key = node_ids["label"]
    w = ChunkedWriter(out, progress, CHUNK)
    for n in proj.nodes.values():
        name = n.props.get("name") or n.props.get("key") or n.id
        w.element(f'    <node id="{attr(n.id)}"><data key="{label_key}">{text(str(name))}</data>'
                   f'{_data(n.props, node_ids)}</node>\n')
    type_key, elabel_key = edge_ids["type"], edge_ids["label"]
    for i, e in enumerate(proj.edges):
        t = text(e.type)
        w.element(f'    <edge id="e{i}" source="{attr(e.source)}" target="{attr(e.target)}">'
                   f'<data key="{type_key}">{t}</data><data key="{elabel_key}">{t}</data>'
                   f'{_data(e.props, edge_ids)}</edge>\n')
    w.raw("  </graph>\n</graphml>\n")
    w.flush()


class GraphmlWriter:
    """The graphml format behind the writer contract."""

    name = "graphml"
    suffixes: tuple[str, ...] = (".graphml",)
    reads: Reads = "graph"
    folder = False
    description = "GraphML for yEd, Cytoscape and networkx"

    def write(self, data: ExportInput, sink: Sink, options: WriteOptions) -> None:
        with sink.text() as out:
            write(data.projection(), out, progress=options.progress)
