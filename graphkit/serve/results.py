"""SPARQL 1.1 query results in the W3C formats: JSON, XML, CSV and TSV.

The rows come as RDF terms from :meth:`graphkit.store.Store.solutions`, so an IRI stays an IRI,
a literal keeps its datatype or language, and a client (rdflib's SPARQLStore, SPARQLWrapper,
YASGUI) reads exactly what the store holds.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

from graphkit.store import BlankNode, Literal, NamedNode, Term, Triple

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

# media type -> format name, in the order of preference when a client accepts anything.
RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
MEDIA = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
         "csv": "text/csv; charset=utf-8", "tsv": "text/tab-separated-values; charset=utf-8"}

Rows = Sequence[Sequence[Term | None]]


def _json_term(term: Term) -> dict[str, str]:
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, Triple):  # RDF 1.2 triple terms
        return {"type": "triple", "value": str(term)}
    raise TypeError(f"not an RDF term: {term!r}")


def to_json(names: Sequence[str], rows: Rows | bool) -> bytes:
    """SPARQL 1.1 Query Results JSON Format."""
    if isinstance(rows, bool):
        return json.dumps({"head": {}, "boolean": rows}).encode()
    bindings = [{n: _json_term(t) for n, t in zip(names, row, strict=True) if t is not None} for row in rows]
    return json.dumps({"head": {"vars": list(names)}, "results": {"bindings": bindings}},
                      ensure_ascii=False).encode("utf-8")


def _xml_term(term: Term) -> str:
    if isinstance(term, NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    return f"<literal>{escape(str(term))}</literal>"


def to_xml(names: Sequence[str], rows: Rows | bool) -> bytes:
    """SPARQL Query Results XML Format."""
    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    if isinstance(rows, bool):
        out += ["</head>", f"<boolean>{'true' if rows else 'false'}</boolean>", "</sparql>"]
        return "\n".join(out).encode()
    out += [f"<variable name={quoteattr(n)}/>" for n in names]
    out += ["</head>", "<results>"]
    for row in rows:
        out.append("<result>")
        out += [f"<binding name={quoteattr(n)}>{_xml_term(t)}</binding>"
                for n, t in zip(names, row, strict=True) if t is not None]
        out.append("</result>")
    out += ["</results>", "</sparql>"]
    return "\n".join(out).encode("utf-8")


def to_csv(names: Sequence[str], rows: Rows | bool) -> bytes:
    """SPARQL 1.1 Query Results CSV: plain values (IRIs, lexical forms), no types."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    if isinstance(rows, bool):
        writer.writerows([["_askResult"], ["true" if rows else "false"]])
        return buf.getvalue().encode()
    writer.writerow(names)
    for row in rows:
        writer.writerow(["" if t is None else (f"_:{t.value}" if isinstance(t, BlankNode) else
                                                getattr(t, "value", str(t))) for t in row])
    return buf.getvalue().encode("utf-8")


def to_tsv(names: Sequence[str], rows: Rows | bool) -> bytes:
    """SPARQL 1.1 Query Results TSV: terms in Turtle/N-Triples syntax."""
    if isinstance(rows, bool):
        return f"?_askResult\n{'true' if rows else 'false'}\n".encode()
    lines = ["\t".join(f"?{n}" for n in names)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


WRITERS = {"json": to_json, "xml": to_xml, "csv": to_csv, "tsv": to_tsv}
