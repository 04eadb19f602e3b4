"""Every export format: one line each. A new format is one module with a writer (the
:class:`graphkit.export.base.Writer` contract) and one line here."""

from __future__ import annotations

from graphkit.errors import GraphkitError
from graphkit.export.base import Format, Writer
from graphkit.export.cypher import CypherWriter
from graphkit.export.gexf import GexfWriter
from graphkit.export.graphml import GraphmlWriter
from graphkit.export.jsonld import JsonLdWriter
from graphkit.export.neo4j_csv import Neo4jCsvWriter
from graphkit.export.rdf import RdfWriter

WRITERS: dict[str, Writer] = {w.name: w for w in (
    GexfWriter(),
    GraphmlWriter(),
    JsonLdWriter(),
    RdfWriter("turtle", (".ttl",), "Turtle (the union of the graphs chosen)"),
    RdfWriter("ntriples", (".nt",), "N-Triples (the union of the graphs chosen)"),
    RdfWriter("nquads", (".nq",), "N-Quads (keeps every source graph)"),
    RdfWriter("trig", (".trig",), "TriG (keeps every source graph)"),
    CypherWriter(),
    Neo4jCsvWriter(),
)}

FORMATS: dict[str, Format] = {name: Format(w.name, w.suffixes, w.reads, w.folder, w.description)
                              for name, w in WRITERS.items()}


def writer(fmt: str) -> Writer:
    """The writer of a format; raises GraphkitError naming the formats for an unknown one."""
    try:
        return WRITERS[fmt]
    except KeyError:
        raise GraphkitError(f"unknown export format {fmt!r}; choose one of {', '.join(WRITERS)}") from None
