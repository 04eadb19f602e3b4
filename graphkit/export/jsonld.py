"""JSON-LD with a context derived from the ontology: one ``@graph`` per source graph.

The context maps every ontology key to its IRI (``"name": "skos:prefLabel"``), object
properties with ``"@type": "@id"`` and typed datatype properties with their XSD type, so a
meeting reads ``{"@id": "id:meeting/apsc-council-29", "@type": "Meeting", "ordinal": "29",
"meetingOf": "id:body/apsc-council"}``. Values that do not fit their term's declared type (a
``startDate`` given as a year) are written as explicit value objects, so nothing is lost:
the document expands to exactly the store's quads. Predicates outside the ontology keep their
(compact) IRIs.

Written as a stream: the context, then each named graph's nodes as they are grouped.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from typing import Any, TextIO

from graphkit import store as ox
from graphkit.errors import OntologyError
from graphkit.export.base import ExportInput, Reads, Sink, WriteOptions
from graphkit.vocab import PREFIXES, RDF_TYPE, XSD, vocabulary

XSD_STRING = XSD + "string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def compact(iri: str) -> str:
    """``https://schema.org/startDate`` -> ``schema:startDate`` when a prefix fits, else the IRI."""
    best = ""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(ns) > len(PREFIXES.get(best, "")):
            best = prefix
    if best:
        local = iri[len(PREFIXES[best]):]
        if local and not local.startswith("//"):
            return f"{best}:{local}"
    return iri


@cache
def context() -> dict[str, Any]:
    """The JSON-LD context: prefixes, then every class and property key of the ontology."""
    v = vocabulary()
    ctx: dict[str, Any] = dict(PREFIXES)
    for key, c in sorted(v.classes.items()):
        if key in ctx:
            raise OntologyError(f"class key {key!r} clashes with a prefix")
        ctx[key] = compact(c.iri)
    for key, p in sorted(v.properties.items()):
        if key in ctx:
            raise OntologyError(f"property key {key!r} clashes with a prefix or class key")
        if p.is_object:
            ctx[key] = {"@id": compact(p.iri), "@type": "@id"}
        elif p.datatype and p.datatype != XSD_STRING:
            ctx[key] = {"@id": compact(p.iri), "@type": compact(p.datatype)}
        else:
            ctx[key] = compact(p.iri)
    return ctx


@cache
def _terms() -> tuple[dict[str, str], dict[str, str | None], dict[str, str]]:
    """predicate IRI -> term; term -> coerced type (an IRI, "@id" or None); class IRI -> term."""
    v = vocabulary()
    term_of = {p.iri: k for k, p in v.properties.items()}
    coercion: dict[str, str | None] = {}
    for k, p in v.properties.items():
        coercion[k] = "@id" if p.is_object else (p.datatype if p.datatype and p.datatype != XSD_STRING else None)
    classes = {c.iri: k for k, c in v.classes.items()}
    return term_of, coercion, classes


def _node_ref(term: ox.NamedNode | ox.BlankNode) -> str:
    return "_:" + term.value if isinstance(term, ox.BlankNode) else compact(term.value)


def _value(o: Any, coerced: str | None) -> Any:
    """The JSON-LD value of an object term under a term coerced to ``coerced``."""
    if isinstance(o, ox.NamedNode):
        return compact(o.value) if coerced == "@id" else {"@id": compact(o.value)}
    if isinstance(o, ox.BlankNode):
        return {"@id": "_:" + o.value}
    if isinstance(o, ox.Literal):
        dtype = o.datatype.value
        if o.language:
            return {"@value": o.value, "@language": o.language}
        if dtype == XSD_STRING:
            return o.value if coerced is None else {"@value": o.value}
        if dtype == coerced:
            return o.value
        return {"@value": o.value, "@type": compact(dtype)}
    raise TypeError(f"cannot write {o!r} in JSON-LD")


def node_objects(quads: list[ox.Quad]) -> list[dict[str, Any]]:
    """The node objects of one graph's quads, grouped by subject (subjects sorted)."""
    term_of, coercion, classes = _terms()
    by_subject: dict[str, dict[str, Any]] = {}
    for q in quads:
        s = _node_ref(q.subject)  # type: ignore[arg-type]
        obj = by_subject.get(s)
        if obj is None:
            obj = by_subject[s] = {"@id": s}
        p, o = q.predicate.value, q.object
        if p == RDF_TYPE and isinstance(o, ox.NamedNode):
            key, val = "@type", classes.get(o.value) or compact(o.value)
        else:
            term = term_of.get(p)
            key = term if term is not None else compact(p)
            val = _value(o, coercion.get(term) if term is not None else None)
        have = obj.get(key)
        if have is None:
            obj[key] = val
        elif isinstance(have, list):
            have.append(val)
        else:
            obj[key] = [have, val]
    return [by_subject[k] for k in sorted(by_subject)]


def write(chunks: Iterable[tuple[str | None, list[ox.Quad]]], out: TextIO) -> None:
    """Write JSON-LD for quads grouped by graph (as :func:`graphkit.export.iter_quads` yields them)."""
    out.write('{\n"@context": ')
    out.write(json.dumps(context(), ensure_ascii=False, indent=1))
    out.write(',\n"@graph": [')
    first = True
    for g, quads in chunks:
        objects = node_objects(quads)
        if g is None:   # the default graph: its nodes sit at the top level
            for obj in objects:
                out.write(("\n" if first else ",\n") + json.dumps(obj, ensure_ascii=False))
                first = False
            continue
        out.write(("\n" if first else ",\n") + '{"@id": ' + json.dumps(compact(g)) + ', "@graph": [')
        first = False
        out.write(",".join("\n  " + json.dumps(obj, ensure_ascii=False) for obj in objects))
        out.write("\n]}")
    out.write("\n]\n}\n")


class JsonLdWriter:
    """JSON-LD, one ``@graph`` per source graph."""

    name = "jsonld"
    suffixes: tuple[str, ...] = (".jsonld",)
    reads: Reads = "rdf"
    folder = False
    description = "JSON-LD with a context from the ontology, one @graph per source"

    def write(self, data: ExportInput, sink: Sink, options: WriteOptions) -> None:
        with sink.text() as out:
            write(data.chunks(), out)
