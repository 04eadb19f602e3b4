"""GEXF 1.3 for Gephi, written as a stream of strings (no DOM), valid against the 1.3 XSD.

- Nodes: id = IRI, label = name; attribute ``class`` = the most specific class, then every
  property, each declared once with its type (``liststring`` for lists, ``long``, ``boolean``;
  dates are ISO strings, as GEXF has no date type). Colour by class (a fixed palette in the
  order of the ontology's classes, so a class keeps its colour across exports), size by degree.
- Edges: label and kind = the relationship type (``kind`` lets Gephi keep parallel edges of
  different types); attribute ``relationship`` = the type, plus sources, origins, quotes, dates.
- ``dynamic=True``: ``mode="dynamic" timeformat="date"`` and ``start``/``end`` on every dated
  node and relationship (see :func:`graphkit.export.time_span` and ``edge_span``); undated
  nodes have none, so they stay on the whole timeline.

The viz elements (``color``, ``size``) are written in the GEXF namespace, as the 1.3 XSD
declares them (its viz.xsd has no target namespace); Gephi reads them by local name. networkx's
writer puts them in a separate viz namespace, which the XSD rejects.

List values use Gephi's list syntax: ``["a", "b"]`` with ``\\`` and ``"`` escaped by a backslash.
"""

from __future__ import annotations

import datetime as dt
import math
import zlib
from collections import defaultdict
from typing import Any, TextIO

from graphkit import __version__
from graphkit.export._xml import _ATTR_SPECIAL, ChunkedWriter, attr
from graphkit.export.base import ExportInput, Progress, Reads, Sink, WriteOptions
from graphkit.export.select import edge_span, time_span
from graphkit.project import Projection, collector_paused
from graphkit.vocab import vocabulary

NS = "http://gexf.net/1.3"
SCHEMA_LOCATION = "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"
CHUNK = 2000  # elements joined per write

# 20 distinct colours (Tableau 20); class i of the ontology's sorted class keys gets colour i % 20.
PALETTE = (
    (31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40), (148, 103, 189),
    (140, 86, 75), (227, 119, 194), (127, 127, 127), (188, 189, 34), (23, 190, 207),
    (174, 199, 232), (255, 187, 120), (152, 223, 138), (255, 152, 150), (197, 176, 213),
    (196, 156, 148), (247, 182, 210), (199, 199, 199), (219, 219, 141), (158, 218, 229),
)
SKIP_NODE_PROPS = {"id", "kind"}   # the node's id attribute, and "class"


def class_colour(kind: str) -> tuple[int, int, int]:
    """The colour of a class: stable across exports (its rank among the ontology's classes)."""
    keys = sorted(vocabulary().classes)
    if kind in keys:
        return PALETTE[keys.index(kind) % len(PALETTE)]
    return PALETTE[zlib.crc32(kind.encode("utf-8")) % len(PALETTE)]


def node_size(degree: int) -> float:
    """Node size from its degree (relationships in and out): 4 for none, growing with sqrt."""
    return round(4.0 + 2.5 * math.sqrt(degree), 2)


_KINDS: dict[type, str] = {str: "string", list: "liststring", tuple: "liststring", bool: "boolean", int: "long",
                           float: "double"}


def _kind_of(value: Any) -> str:
    return _KINDS.get(type(value), "string")   # dates and anything else: their text


def _declare(items: Any, skip: set[str]) -> dict[str, str]:
    """Attribute title -> GEXF type over every value; a key seen with two types becomes string."""
    # the distinct (key, value type) pairs in order of first use, gathered in C a dict at a time
    pairs: dict[tuple[str, type], None] = {}
    for props in items:
        pairs.update(dict.fromkeys(zip(props, map(type, props.values()), strict=True)))
    types: dict[str, str] = {}
    for k, t in pairs:
        if t is type(None) or k in skip:
            continue
        kind = _KINDS.get(t, "string")
        seen = types.get(k)
        if seen is None:
            types[k] = kind
        elif seen != kind:
            types[k] = "string"
    # Addresses stay "string": Gephi ignores attributes typed anyURI (it dropped `url`).
    return types


def gephi_list(values: Any) -> str:
    """A list in Gephi's syntax (not yet XML-escaped)."""
    return "[" + ", ".join('"' + str(x).replace("\\", "\\\\").replace('"', '\\"') + '"' for x in values) + "]"


def _value(v: Any) -> str | None:
    """An attribute value, XML-escaped; None for nothing to write (None, empty list)."""
    t = type(v)
    if t is str:
        return attr(v)
    if t is list or t is tuple:
        # Gephi's list syntax, XML-escaped item by item (the quotes around items as &quot;)
        return "[" + ", ".join(["&quot;" + attr(str(x).replace("\\", "\\\\").replace('"', '\\"')) + "&quot;"
                                for x in v]) + "]" if v else None
    if v is None:
        return None
    if t is bool:
        return "true" if v else "false"
    if isinstance(v, dt.date):
        return v.isoformat()
    return attr(str(v))


def _attvalues(props: dict[str, Any], opens: dict[str, str], cache: dict[Any, str]) -> str:
    """The ``<attvalue>`` elements of the declared properties (``opens``: key -> the element's text
    up to its value). Lists and dates are rendered once per distinct value (``cache``): the same
    source lists recur on most relationships."""
    out = []
    for k, v in props.items():
        opening = opens.get(k)
        if opening is None:
            continue
        t = type(v)
        if t is str:
            s = v if _ATTR_SPECIAL.search(v) is None else attr(v)
        elif t is list or t is tuple:
            if not v:
                continue
            key = tuple(v) if type(v[0]) is str else None
            try:
                cached = cache.get(key) if key is not None else None
            except TypeError:   # an unhashable item after the first
                key = cached = None
            if cached is None:
                cached = _value(v) or ""
                if key is not None and all(type(x) is str for x in v):   # (1,) == (True,): strings only
                    cache[key] = cached
            s = cached
        elif v is None:
            continue
        elif t is dt.date:
            cached = cache.get(v)
            if cached is None:
                cached = cache[v] = v.isoformat()
            s = cached
        else:
            s = _value(v) or ""
        out.append(opening + s + '"/>')
    return "".join(out)


def _span_attrs(span: tuple[dt.date | None, dt.date | None] | None) -> str:
    if span is None:
        return ""
    start, end = span
    return (f' start="{start.isoformat()}"' if start else "") + (f' end="{end.isoformat()}"' if end else "")


def write(proj: Projection, out: TextIO, *, dynamic: bool = False, progress: Progress | None = None,
          today: dt.date | None = None, metrics: dict[str, dict[str, float | int]] | None = None) -> None:
    """Write the projection as GEXF 1.3 to a text handle.

    Parameters
    ----------
    proj : the (filtered) projection.
    out : an open text handle (UTF-8).
    dynamic : write start/end time spans for Gephi's timeline.
    progress : called with the number of elements written, every few thousand.
    today : the ``lastmodifieddate`` stamp (default: today), fixed in golden tests.
    metrics : measure -> node id -> value (:func:`graphkit.analysis.metrics`), written as node
        attributes (``integer`` for whole numbers, else ``double``) so Gephi opens a measured graph.
    """
    with collector_paused():
        _write(proj, out, dynamic=dynamic, progress=progress, today=today, metrics=metrics)


def _write(proj: Projection, out: TextIO, *, dynamic: bool, progress: Progress | None, today: dt.date | None,
           metrics: dict[str, dict[str, float | int]] | None) -> None:
    nodes = proj.nodes
    degree: dict[str, int] = defaultdict(int)
    for e in proj.edges:
        degree[e.source] += 1
        degree[e.target] += 1
    node_types = {"class": "string"}
    node_types.update(_declare((n.props for n in nodes.values()), SKIP_NODE_PROPS))
    metrics = metrics or {}
    for measure, values in metrics.items():
        whole = all(type(x) is int for x in values.values())
        node_types[measure] = "integer" if whole else "double"
    edge_types = {"relationship": "string"}
    edge_types.update(_declare((e.props for e in proj.edges), set()))
    node_ids = {k: str(i) for i, k in enumerate(node_types)}
    edge_ids = {k: str(i) for i, k in enumerate(edge_types)}
    node_opens = {k: f'<attvalue for="{i}" value="' for k, i in node_ids.items()}
    edge_opens = {k: f'<attvalue for="{i}" value="' for k, i in edge_ids.items()}
    cache: dict[Any, str] = {}

    stamp = (today or dt.date.today()).isoformat()
    mode = ' mode="dynamic" timeformat="date" timerepresentation="interval"' if dynamic else ' mode="static"'
    head = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        (f'<gexf xmlns="{NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
         f'xsi:schemaLocation="{SCHEMA_LOCATION}" version="1.3">\n'),
        f'  <meta lastmodifieddate="{stamp}">\n    <creator>graphkit {attr(__version__)}</creator>\n',
        f'    <description>graphkit export: {len(nodes)} nodes, {len(proj.edges)} relationships</description>\n',
        '  </meta>\n',
        f'  <graph defaultedgetype="directed"{mode}>\n',
        '    <attributes class="node">\n',
        *(f'      <attribute id="{node_ids[k]}" title="{attr(k)}" type="{t}"/>\n' for k, t in node_types.items()),
        '    </attributes>\n    <attributes class="edge">\n',
        *(f'      <attribute id="{edge_ids[k]}" title="{attr(k)}" type="{t}"/>\n' for k, t in edge_types.items()),
        '    </attributes>\n',
        f'    <nodes count="{len(nodes)}">\n',
    ]
    out.write("".join(head))

    class_id = node_ids["class"]
    by_kind: dict[str, tuple[str, str]] = {}     # kind -> the class attvalue and the colour, rendered once
    spans: dict[str, Any] = {}
    escaped: dict[str, str] = {}   # node id -> its escaped text, for the relationships' ends
    w = ChunkedWriter(out, progress, CHUNK)
    for n in nodes.values():
        kind = n.labels[0] if n.labels else n.table
        pre = by_kind.get(kind)
        if pre is None:
            r, g, b = class_colour(kind)
            pre = by_kind[kind] = (f'<attvalue for="{class_id}" value="{attr(kind)}"/>',
                                   f'<color r="{r}" g="{g}" b="{b}"/>')
        timing = ""
        if dynamic:
            span = spans[n.id] = time_span(n)
            timing = _span_attrs(span)
        name = n.props.get("name") or n.props.get("key") or n.id
        measured = "".join(f'<attvalue for="{node_ids[m]}" value="{values[n.id]!r}"/>'
                           for m, values in metrics.items() if n.id in values) if metrics else ""
        nid = escaped[n.id] = attr(n.id)
        w.element(f'      <node id="{nid}" label="{attr(str(name))}"{timing}><attvalues>{pre[0]}'
                   f'{_attvalues(n.props, node_opens, cache)}{measured}</attvalues>{pre[1]}'
                   f'<size value="{node_size(degree.get(n.id, 0))}"/></node>\n')
    w.raw(f'    </nodes>\n    <edges count="{len(proj.edges)}">\n')

    rel_id = edge_ids["relationship"]
    by_type: dict[str, tuple[str, str]] = {}
    for i, e in enumerate(proj.edges):
        pre_e = by_type.get(e.type)
        if pre_e is None:
            t = attr(e.type)
            pre_e = by_type[e.type] = (f' label="{t}" kind="{t}"', f'<attvalue for="{rel_id}" value="{t}"/>')
        timing = _span_attrs(edge_span(e, spans)) if dynamic else ""
        src, tgt = escaped.get(e.source), escaped.get(e.target)
        w.element(f'      <edge id="{i}" source="{src if src is not None else attr(e.source)}" '
                   f'target="{tgt if tgt is not None else attr(e.target)}"{pre_e[0]}{timing}>'
                   f'<attvalues>{pre_e[1]}{_attvalues(e.props, edge_opens, cache)}</attvalues></edge>\n')
    w.raw("    </edges>\n  </graph>\n</gexf>\n")
    w.flush()


class GexfWriter:
    """The gexf format behind the writer contract."""

    name = "gexf"
    suffixes: tuple[str, ...] = (".gexf",)
    reads: Reads = "graph"
    folder = False
    description = "GEXF 1.3 for Gephi (--dynamic for the timeline, --metrics for measures)"

    def write(self, data: ExportInput, sink: Sink, options: WriteOptions) -> None:
        with sink.text() as out:
            write(data.projection(), out, dynamic=options.dynamic, progress=options.progress, today=options.today,
                  metrics=options.metrics)
