"""Curated YAML records -> RDF quads, one named graph per public source address.

A record file is a YAML list of records; each record names its ``id``, ``type`` (a class key of
the ontology), ``source`` (the public address stating its facts) and fields whose keys are the
ontology's property keys. A field may cite its own source as ``{value: ..., source: URL}``;
``holds`` may also carry ``startDate`` / ``endDate``, which qualify that one fact. See
docs/records.md.

Every fact lands in the named graph of the address that states it, so the address of any fact is
the graph it sits in, and a fact stated by two sources sits in two graphs. ``parse_records`` is
pure (text in, facts out) and reports the file and line of the first problem it meets.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from graphkit import safeyaml
from graphkit.errors import InvalidDataError
from graphkit.safeyaml import MappingNode, Node, SequenceNode
from graphkit.store import Literal, NamedNode, Quad
from graphkit.terms import C, P
from graphkit.vocab import GRAPH_BASE, RDF, RDF_TYPE, XSD, Property, entity_iri, vocabulary

RECORDS_DIR = Path(__file__).resolve().parent / "records"
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9.-]*)+$")
URL_RE = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
RESERVED = {"id", "type", "source"}
QUALIFIERS = {P.startDate, P.endDate}
# Properties graphkit writes itself (provenance); a record may not set them.
NOT_FIELDS = {P.origin, P.primarySource, P.derivedFrom, P.statedIn, P.subject, P.predicate, P.object, P.quotedFrom,
              P.quote, P.recordFile}
MAX_ORDINAL = 10_000  # the longest-running ASEAN series are numbered in the dozens

# Terms are built once per process (about a fifth of a build's time went to NamedNode(...) calls).
_node = lru_cache(maxsize=200_000)(NamedNode)


@lru_cache(maxsize=100_000)
def source_graph(url: str) -> str:
    """The named graph holding the facts a public address states."""
    return GRAPH_BASE + "source/" + hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]


def assertion_iri(graph: str, s: str, p: str, o: str) -> str:
    """A deterministic IRI for the Assertion qualifying one triple in one graph."""
    digest = hashlib.sha1("\x1f".join((graph, s, p, o)).encode("utf-8")).hexdigest()[:20]
    return entity_iri("assertion/" + digest)


@dataclass
class Facts:
    """Quads grouped by named graph, the graph metadata, and the ids defined and referenced."""

    graphs: dict[str, list[Quad]] = field(default_factory=dict)
    meta: dict[str, dict[str, set[str]]] = field(default_factory=dict)
    defined: dict[str, tuple[str, int]] = field(default_factory=dict)
    references: list[tuple[str, str, int]] = field(default_factory=list)

    def add(self, graph: str, s: str, p: str, o: NamedNode | Literal) -> None:
        quads = self.graphs.get(graph)
        if quads is None:
            quads = self.graphs[graph] = []
        quads.append(Quad(_node(s), _node(p), o, _node(graph)))

    def merge(self, other: Facts) -> None:
        """Add another file's facts; an id defined in both is an error."""
        for rid, (src, line) in other.defined.items():
            if rid in self.defined:
                first = self.defined[rid]
                raise InvalidDataError(f"id {rid!r} is already defined at {first[0]}:{first[1]}", src, line)
            self.defined[rid] = (src, line)
        for g, quads in other.graphs.items():
            self.graphs.setdefault(g, []).extend(quads)
        for g, m in other.meta.items():
            mine = self.meta.setdefault(g, {})
            for k, vs in m.items():
                mine.setdefault(k, set()).update(vs)
        self.references.extend(other.references)

    def check_references(self, known: set[str]) -> None:
        """Every id a record refers to must be defined in some record or in the vocabulary."""
        for rid, src, line in self.references:
            if rid not in self.defined and entity_iri(rid) not in known:
                raise InvalidDataError(f"reference to unknown id {rid!r}", src, line)

    def describe_graphs(self) -> None:
        """Add to each source graph the facts about itself: origin, address, record files.

        Kept inside the graph it describes, so replacing or removing a graph takes its
        description along in the same step.
        """
        v = vocabulary()
        for g in sorted(self.meta):
            facts_of = self.meta[g]
            self.add(g, g, RDF_TYPE, _node(v.iri(C.SourceGraph)))
            self.add(g, g, v.iri(P.origin), Literal("curated"))
            for url in sorted(facts_of.get("url", ())):
                self.add(g, g, v.iri(P.primarySource), _node(url))
            for f in sorted(facts_of.get("file", ())):
                self.add(g, g, v.iri(P.recordFile), Literal(f))


def parse_records(text: str, filename: str = "<records>") -> Facts:
    """Parse one YAML record file into facts; raises InvalidDataError with file and line.

    The YAML is read by graphkit.safeyaml (sizes, nesting, aliases, dates and numbers checked).
    """
    root = safeyaml.compose(text, filename)
    facts = Facts()
    if root is None:
        return facts
    if not isinstance(root, SequenceNode):
        raise InvalidDataError("a record file must be a YAML list of records", filename, _line(root))
    for node in root.value:
        _parse_record(node, filename, facts)
    return facts


_line = safeyaml.line


def _scalar(node: Node, filename: str) -> Any:
    return safeyaml.scalar(node, filename)


def _mapping(node: Node, filename: str, what: str) -> list[tuple[str, Node, Node]]:
    """(key, value node, key node): lines are read from the key node only to report a problem."""
    return [(key, v, k) for key, k, v in safeyaml.mapping_items(node, filename, what)]


def _check_url(value: Any, filename: str, node: Node) -> str:
    if not isinstance(value, str) or not URL_RE.match(value):
        raise InvalidDataError(f"source must be an http(s) address, got {value!r}", filename, _line(node))
    return value


def _sources(node: Node, filename: str) -> list[str]:
    if isinstance(node, SequenceNode):
        urls = [_check_url(_scalar(n, filename), filename, n) for n in node.value]
    else:
        urls = [_check_url(_scalar(node, filename), filename, node)]
    if not urls:
        raise InvalidDataError("source must name at least one address", filename, _line(node))
    return urls


Emit = Callable[[list[str], str, NamedNode | Literal, dict[str, Literal] | None], None]


def _parse_record(node: Node, filename: str, facts: Facts) -> None:
    v = vocabulary()
    fields = _mapping(node, filename, "a record")
    byname = {k: (n, kn) for k, n, kn in fields}
    for required in ("id", "type", "source", P.name):
        if required not in byname:
            raise InvalidDataError(f"record is missing {required!r}", filename, _line(node))
    rid = _scalar(byname["id"][0], filename)
    if not isinstance(rid, str) or not ID_RE.match(rid):
        raise InvalidDataError(f"id must look like kind/slug (lowercase, hyphens), got {rid!r}", filename,
                               _line(byname["id"][1]))
    type_key = _scalar(byname["type"][0], filename)
    if not isinstance(type_key, str) or type_key not in v.classes:
        raise InvalidDataError(f"unknown type {type_key!r}", filename, _line(byname["type"][1]))
    sources = _sources(byname["source"][0], filename)
    if rid in facts.defined:
        raise InvalidDataError(f"id {rid!r} is already defined at line {facts.defined[rid][1]}", filename,
                               _line(byname["id"][1]))
    facts.defined[rid] = (filename, _line(byname["id"][1]))
    subject = entity_iri(rid)
    file_name = os.path.basename(filename)

    def emit(srcs: list[str], p: str, o: NamedNode | Literal,
             qualifiers: dict[str, Literal] | None = None) -> None:
        for url in srcs:
            g = source_graph(url)
            meta = facts.meta.get(g)
            if meta is None:
                meta = facts.meta[g] = {"url": set(), "file": set()}
            meta["url"].add(url)
            meta["file"].add(file_name)
            facts.add(g, subject, p, o)
            if qualifiers:
                a = assertion_iri(g, subject, p, str(o))
                facts.add(g, a, RDF_TYPE, _node(v.iri(C.Assertion)))
                facts.add(g, a, RDF + "subject", _node(subject))
                facts.add(g, a, RDF + "predicate", _node(p))
                facts.add(g, a, RDF + "object", o)
                facts.add(g, a, v.iri(P.statedIn), _node(g))
                for qk, qv in qualifiers.items():
                    facts.add(g, a, v.iri(qk), qv)

    emit(sources, RDF_TYPE, _node(v.cls(type_key).iri))
    for key, vnode, knode in fields:
        if key in RESERVED:
            continue
        if key not in v.properties or key in NOT_FIELDS:
            raise InvalidDataError(f"unknown field {key!r} for a {type_key}", filename, _line(knode))
        prop = v.properties[key]
        items = vnode.value if isinstance(vnode, SequenceNode) and any(
            isinstance(n, MappingNode) for n in vnode.value) else [vnode]
        for item in items:
            _parse_field(prop, item, knode, sources, filename, facts, emit)


def _parse_field(prop: Property, vnode: Node, knode: Node, sources: list[str], filename: str,
                 facts: Facts, emit: Emit) -> None:
    """One field value: a scalar, a list, or ``{value, source, startDate, endDate}``."""
    v = vocabulary()
    key = prop.key
    srcs = sources
    qualifiers: dict[str, Literal] = {}
    if isinstance(vnode, MappingNode):
        sub = {k: (n, kn) for k, n, kn in _mapping(vnode, filename, f"field {key!r}")}
        allowed = {"value", "source"} | (QUALIFIERS if prop.is_object else set())
        for k, (_, kn) in sub.items():
            if k not in allowed:
                raise InvalidDataError(f"{key!r} may only carry {', '.join(sorted(allowed))}; not {k!r}", filename,
                                       _line(kn))
        if "value" not in sub:
            raise InvalidDataError(f"{key!r} is a mapping without 'value'", filename, _line(vnode))
        if "source" in sub:
            srcs = _sources(sub["source"][0], filename)
        for qk in sorted(QUALIFIERS & set(sub)):
            qnode = sub[qk][0]
            qualifiers[qk] = _literal(v.prop(qk), _scalar(qnode, filename), filename, qnode)
        vnode = sub["value"][0]
    values = vnode.value if isinstance(vnode, SequenceNode) else [vnode]
    if len(values) > 1 and not (prop.is_object or prop.multi):
        raise InvalidDataError(f"{key!r} takes one value, got {len(values)}", filename, _line(knode))
    for vn in values:
        value = _scalar(vn, filename)
        if value is None or value == "":
            raise InvalidDataError(f"{key!r} has an empty value", filename, _line(vn))
        if prop.is_object:
            emit(srcs, prop.iri, _reference(prop, value, filename, vn, facts), qualifiers)
        else:
            emit(srcs, prop.iri, _literal(prop, value, filename, vn), qualifiers)


def _reference(prop: Property, value: Any, filename: str, node: Node, facts: Facts) -> NamedNode:
    if isinstance(value, str) and value.startswith(("http://", "https://")) and prop.key == P.sameAs:
        return _node(value)
    if not isinstance(value, str):
        raise InvalidDataError(f"{prop.key!r} must name a record id, got {value!r}", filename, _line(node))
    rid = value if "/" in value else prop.id_prefix + value
    if not ID_RE.match(rid):
        raise InvalidDataError(f"{prop.key!r} must name a record id like kind/slug, got {value!r}", filename,
                               _line(node))
    facts.references.append((rid, filename, _line(node)))
    return _node(entity_iri(rid))


_YEAR = re.compile(r"^\d{4}$")
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_XSD_STRING, _XSD_DATE, _XSD_GYEAR = XSD + "string", XSD + "date", XSD + "gYear"
_XSD_INTEGER, _XSD_BOOLEAN, _XSD_ANYURI = XSD + "integer", XSD + "boolean", XSD + "anyURI"


def _literal(prop: Property, value: Any, filename: str, node: Node | int | None) -> Literal:
    """A typed literal for a value, checked against the property's declared range."""
    dt_ = prop.datatype or _XSD_STRING
    if dt_ == _XSD_STRING and isinstance(value, str):  # the common case first
        return Literal(value.strip())

    def bad(expected: str) -> InvalidDataError:
        line = _line(node) if isinstance(node, Node) else node
        return InvalidDataError(f"{prop.key!r} must be {expected}, got {value!r}", filename, line)

    if dt_ == _XSD_DATE:
        return date_literal(value, lambda: bad("a date (2025-05-26, \"2025-05\" or 2025; years 1-9999)"))
    if dt_ == _XSD_GYEAR:
        if isinstance(value, bool) or not (isinstance(value, int) or (isinstance(value, str) and _YEAR.match(value))):
            raise bad("a year such as 2025")
        if not 1 <= int(value) <= 9999:
            raise bad("a year between 1 and 9999")
        return Literal(f"{int(value):04d}", datatype=_node(_XSD_GYEAR))
    if dt_ == _XSD_INTEGER:
        if isinstance(value, bool) or not isinstance(value, int):
            raise bad("a whole number")
        if prop.key == P.ordinal and not 1 <= value <= MAX_ORDINAL:
            raise bad(f"a number between 1 and {MAX_ORDINAL:,}")
        return Literal(str(value), datatype=_node(_XSD_INTEGER))
    if dt_ == _XSD_BOOLEAN:
        if not isinstance(value, bool):
            raise bad("true or false")
        return Literal("true" if value else "false", datatype=_node(_XSD_BOOLEAN))
    if dt_ == _XSD_ANYURI:
        if not isinstance(value, str) or not URL_RE.match(value):
            raise bad("an http(s) address")
        return Literal(value, datatype=_node(_XSD_ANYURI))
    if isinstance(value, (dt.date, bool)) or not isinstance(value, (str, int, float)):
        raise bad("text")
    return Literal(str(value).strip())


def date_literal(value: Any, error: Callable[[], Exception]) -> Literal:
    """A date literal keeping the precision given: xsd:date, xsd:gYearMonth or xsd:gYear.

    Years run from 1 to 9999 (0000 and negative years are refused); a day must exist in its
    month. ``error()`` makes the exception raised for anything else.
    """
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return Literal(value.isoformat(), datatype=_node(_XSD_DATE))
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return Literal(str(value), datatype=_node(_XSD_GYEAR))
    if isinstance(value, str):
        text = value.strip()
        if _YEAR.match(text):
            if text == "0000":
                raise error()
            return Literal(text, datatype=_node(_XSD_GYEAR))
        m = _YEAR_MONTH.match(text)
        if m and 1 <= int(m.group(2)) <= 12 and m.group(1) != "0000":
            return Literal(text, datatype=_node(XSD + "gYearMonth"))
        try:
            parsed = dt.date.fromisoformat(text)
        except ValueError:
            parsed = None
        if parsed is not None and len(text) == 10:
            return Literal(parsed.isoformat(), datatype=_node(_XSD_DATE))
    raise error()


def record_files(dirs: Iterable[Path]) -> list[Path]:
    """The YAML record files in these folders (recursively), in a stable order."""
    files: list[Path] = []
    for d in dirs:
        d = Path(d)
        if d.is_file():
            files.append(d)
        elif d.is_dir():
            files.extend(sorted(p for p in d.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()))
        else:
            raise InvalidDataError("no such record file or folder", str(d))
    return files


def _read(path: Path) -> str:
    return safeyaml.read_text(path)


def load_records(dirs: Iterable[Path], known_ids: set[str]) -> Facts:
    """Read and check every record file; all facts, or an InvalidDataError and nothing."""
    facts = Facts()
    for path in record_files(dirs):
        facts.merge(parse_records(_read(path), str(path)))
    facts.check_references(known_ids)
    return facts


def iter_records(dirs: Iterable[Path], known_ids: set[str]) -> Iterator[Quad]:
    """Every fact of every record file, one file at a time, then each source graph's description.

    Only ids, references and graph descriptions are kept across files, so memory does not grow
    with the data (each file gets its own parse: nothing of one file outlives it). A problem
    raises InvalidDataError, possibly after facts were yielded: callers write into a new store
    that they throw away on error.
    """
    seen = Facts()
    for path in record_files(dirs):
        facts = parse_records(_read(path), str(path))
        for quads in facts.graphs.values():
            yield from quads
        facts.graphs.clear()
        seen.merge(facts)
    seen.check_references(known_ids)
    seen.describe_graphs()
    for quads in seen.graphs.values():
        yield from quads


def curated_graphs(extra_dirs: Iterable[Path], known_ids: set[str], shipped: bool = True) -> Iterator[Quad]:
    """Entry point for ``graphkit build``: the facts of the shipped records (unless ``shipped`` is
    false) and of any extra folders, streamed."""
    return iter_records([RECORDS_DIR, *extra_dirs] if shipped else list(extra_dirs), known_ids)
