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
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import yaml

from graphkit.errors import InvalidDataError
from graphkit.vocab import (
    GRAPH_BASE, RDF, RDF_TYPE, XSD, Property, entity_iri, vocabulary,
)

RECORDS_DIR = Path(__file__).resolve().parent / "records"
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9.-]*)+$")
URL_RE = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
RESERVED = {"id", "type", "source"}
QUALIFIERS = {"startDate", "endDate"}

_constructor = yaml.constructor.SafeConstructor()
# libyaml's parser when PyYAML has it (about 2x faster builds); it keeps line numbers too.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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

    graphs: dict[str, list[ox.Quad]] = field(default_factory=dict)
    meta: dict[str, dict[str, set[str]]] = field(default_factory=dict)
    defined: dict[str, tuple[str, int]] = field(default_factory=dict)
    references: list[tuple[str, str, int]] = field(default_factory=list)

    def add(self, graph: str, s: str, p: str, o: ox.NamedNode | ox.Literal) -> None:
        self.graphs.setdefault(graph, []).append(ox.Quad(ox.NamedNode(s), ox.NamedNode(p), o, ox.NamedNode(graph)))

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
            self.add(g, g, RDF_TYPE, ox.NamedNode(v.iri("SourceGraph")))
            self.add(g, g, v.iri("origin"), ox.Literal("curated"))
            for url in sorted(facts_of.get("url", ())):
                self.add(g, g, v.iri("primarySource"), ox.NamedNode(url))
            for f in sorted(facts_of.get("file", ())):
                self.add(g, g, v.iri("recordFile"), ox.Literal(f))


def parse_records(text: str, filename: str = "<records>") -> Facts:
    """Parse one YAML record file into facts; raises InvalidDataError with file and line."""
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        start = getattr(exc, "context_mark", None) or mark
        problem = getattr(exc, "problem", None) or str(exc)
        context = getattr(exc, "context", None)
        if context and mark and start is not mark and start.line != mark.line:
            problem += f" ({context} begun here, trouble found at line {mark.line + 1})"
        raise InvalidDataError(f"not valid YAML: {problem}", filename, start.line + 1 if start else None) from None
    facts = Facts()
    if root is None:
        return facts
    if not isinstance(root, yaml.SequenceNode):
        raise InvalidDataError("a record file must be a YAML list of records", filename, _line(root))
    for node in root.value:
        _parse_record(node, filename, facts)
    return facts


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _scalar(node: yaml.Node, filename: str) -> Any:
    if not isinstance(node, yaml.ScalarNode):
        raise InvalidDataError("expected a single value here", filename, _line(node))
    try:
        return _constructor.construct_object(node, deep=True)
    except (ValueError, yaml.constructor.ConstructorError) as exc:
        what = "is not a real date" if node.tag.endswith("timestamp") else "is not a valid value"
        raise InvalidDataError(f"{node.value!r} {what} ({exc})", filename, _line(node)) from None


def _mapping(node: yaml.Node, filename: str, what: str) -> list[tuple[str, yaml.Node, int]]:
    if not isinstance(node, yaml.MappingNode):
        raise InvalidDataError(f"{what} must be a mapping of keys to values", filename, _line(node))
    out: list[tuple[str, yaml.Node, int]] = []
    seen: set[str] = set()
    for k, v in node.value:
        key = _scalar(k, filename)
        if not isinstance(key, str):
            raise InvalidDataError(f"key {key!r} is not a name", filename, _line(k))
        if key in seen:
            raise InvalidDataError(f"key {key!r} appears twice", filename, _line(k))
        seen.add(key)
        out.append((key, v, _line(k)))
    return out


def _check_url(value: Any, filename: str, line: int) -> str:
    if not isinstance(value, str) or not URL_RE.match(value):
        raise InvalidDataError(f"source must be an http(s) address, got {value!r}", filename, line)
    return value


def _sources(node: yaml.Node, filename: str) -> list[str]:
    if isinstance(node, yaml.SequenceNode):
        urls = [_check_url(_scalar(n, filename), filename, _line(n)) for n in node.value]
    else:
        urls = [_check_url(_scalar(node, filename), filename, _line(node))]
    if not urls:
        raise InvalidDataError("source must name at least one address", filename, _line(node))
    return urls


def _parse_record(node: yaml.Node, filename: str, facts: Facts) -> None:
    v = vocabulary()
    fields = _mapping(node, filename, "a record")
    byname = {k: (n, line) for k, n, line in fields}
    for required in ("id", "type", "source", "name"):
        if required not in byname:
            raise InvalidDataError(f"record is missing {required!r}", filename, _line(node))
    rid = _scalar(byname["id"][0], filename)
    if not isinstance(rid, str) or not ID_RE.match(rid):
        raise InvalidDataError(f"id must look like kind/slug (lowercase, hyphens), got {rid!r}", filename, byname["id"][1])
    type_key = _scalar(byname["type"][0], filename)
    if type_key not in v.classes:
        raise InvalidDataError(f"unknown type {type_key!r}", filename, byname["type"][1])
    sources = _sources(byname["source"][0], filename)
    if rid in facts.defined:
        raise InvalidDataError(f"id {rid!r} is already defined at line {facts.defined[rid][1]}", filename, byname["id"][1])
    facts.defined[rid] = (filename, byname["id"][1])
    subject = entity_iri(rid)

    def emit(srcs: list[str], p: str, o: ox.NamedNode | ox.Literal, qualifiers: dict[str, ox.Literal] | None = None) -> None:
        for url in srcs:
            g = source_graph(url)
            meta = facts.meta.setdefault(g, {})
            meta.setdefault("url", set()).add(url)
            meta.setdefault("file", set()).add(Path(filename).name)
            facts.add(g, subject, p, o)
            if qualifiers:
                a = assertion_iri(g, subject, p, str(o))
                facts.add(g, a, RDF_TYPE, ox.NamedNode(v.iri("Assertion")))
                facts.add(g, a, RDF + "subject", ox.NamedNode(subject))
                facts.add(g, a, RDF + "predicate", ox.NamedNode(p))
                facts.add(g, a, RDF + "object", o)
                facts.add(g, a, v.iri("statedIn"), ox.NamedNode(g))
                for qk, qv in qualifiers.items():
                    facts.add(g, a, v.iri(qk), qv)

    emit(sources, RDF_TYPE, ox.NamedNode(v.cls(type_key).iri))
    for key, vnode, line in fields:
        if key in RESERVED:
            continue
        if key not in v.properties or key in ("origin", "primarySource", "derivedFrom", "statedIn", "subject",
                                               "predicate", "object", "quotedFrom", "quote", "recordFile"):
            raise InvalidDataError(f"unknown field {key!r} for a {type_key}", filename, line)
        prop = v.properties[key]
        items = vnode.value if isinstance(vnode, yaml.SequenceNode) and any(
            isinstance(n, yaml.MappingNode) for n in vnode.value) else [vnode]
        for item in items:
            _parse_field(prop, item, line, sources, filename, facts, emit)


def _parse_field(prop: Property, vnode: yaml.Node, line: int, sources: list[str], filename: str,
                 facts: Facts, emit: Any) -> None:
    """One field value: a scalar, a list, or ``{value, source, startDate, endDate}``."""
    v = vocabulary()
    key = prop.key
    srcs = sources
    qualifiers: dict[str, ox.Literal] = {}
    if isinstance(vnode, yaml.MappingNode):
        sub = dict((k, (n, ln)) for k, n, ln in _mapping(vnode, filename, f"field {key!r}"))
        allowed = {"value", "source"} | (QUALIFIERS if prop.is_object else set())
        for k, (_, ln) in sub.items():
            if k not in allowed:
                raise InvalidDataError(f"{key!r} may only carry {', '.join(sorted(allowed))}; not {k!r}", filename, ln)
        if "value" not in sub:
            raise InvalidDataError(f"{key!r} is a mapping without 'value'", filename, _line(vnode))
        if "source" in sub:
            srcs = _sources(sub["source"][0], filename)
        for qk in sorted(QUALIFIERS & set(sub)):
            qv = _scalar(sub[qk][0], filename)
            qualifiers[qk] = _literal(v.prop(qk), qv, filename, sub[qk][1])
        vnode = sub["value"][0]
    values = vnode.value if isinstance(vnode, yaml.SequenceNode) else [vnode]
    if len(values) > 1 and not (prop.is_object or prop.multi):
        raise InvalidDataError(f"{key!r} takes one value, got {len(values)}", filename, line)
    for vn in values:
        value = _scalar(vn, filename)
        if value is None or value == "":
            raise InvalidDataError(f"{key!r} has an empty value", filename, _line(vn))
        if prop.is_object:
            emit(srcs, prop.iri, _reference(prop, value, filename, _line(vn), facts), qualifiers)
        else:
            emit(srcs, prop.iri, _literal(prop, value, filename, _line(vn)), qualifiers)


def _reference(prop: Property, value: Any, filename: str, line: int, facts: Facts) -> ox.NamedNode:
    if isinstance(value, str) and value.startswith(("http://", "https://")) and prop.key == "sameAs":
        return ox.NamedNode(value)
    if not isinstance(value, str):
        raise InvalidDataError(f"{prop.key!r} must name a record id, got {value!r}", filename, line)
    rid = value if "/" in value else prop.id_prefix + value
    if not ID_RE.match(rid):
        raise InvalidDataError(f"{prop.key!r} must name a record id like kind/slug, got {value!r}", filename, line)
    facts.references.append((rid, filename, line))
    return ox.NamedNode(entity_iri(rid))


_YEAR = re.compile(r"^-?\d{4}$")
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def _literal(prop: Property, value: Any, filename: str, line: int) -> ox.Literal:
    """A typed literal for a value, checked against the property's declared range."""
    dt_ = prop.datatype or XSD + "string"

    def bad(expected: str) -> InvalidDataError:
        return InvalidDataError(f"{prop.key!r} must be {expected}, got {value!r}", filename, line)

    if dt_ == XSD + "date":
        return date_literal(value, lambda: bad("a date (2025-05-26, \"2025-05\" or 2025)"))
    if dt_ == XSD + "gYear":
        if isinstance(value, bool) or not (isinstance(value, int) or (isinstance(value, str) and _YEAR.match(value))):
            raise bad("a year such as 2025")
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "gYear"))
    if dt_ == XSD + "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            raise bad("a whole number")
        if prop.key == "ordinal" and value < 1:
            raise bad("a positive number")
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "integer"))
    if dt_ == XSD + "boolean":
        if not isinstance(value, bool):
            raise bad("true or false")
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(XSD + "boolean"))
    if dt_ == XSD + "anyURI":
        if not isinstance(value, str) or not URL_RE.match(value):
            raise bad("an http(s) address")
        return ox.Literal(value, datatype=ox.NamedNode(XSD + "anyURI"))
    if isinstance(value, (dt.date, bool)) or not isinstance(value, (str, int, float)):
        raise bad("text")
    return ox.Literal(str(value).strip())


def date_literal(value: Any, error: Any) -> ox.Literal:
    """A date literal keeping the precision given: xsd:date, xsd:gYearMonth or xsd:gYear."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return ox.Literal(value.isoformat(), datatype=ox.NamedNode(XSD + "date"))
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "gYear"))
    if isinstance(value, str):
        text = value.strip()
        if _YEAR.match(text):
            return ox.Literal(text, datatype=ox.NamedNode(XSD + "gYear"))
        m = _YEAR_MONTH.match(text)
        if m and 1 <= int(m.group(2)) <= 12:
            return ox.Literal(text, datatype=ox.NamedNode(XSD + "gYearMonth"))
        try:
            return ox.Literal(dt.date.fromisoformat(text).isoformat(), datatype=ox.NamedNode(XSD + "date"))
        except ValueError:
            pass
    raise error()


def record_files(dirs: Iterable[Path]) -> list[Path]:
    """The YAML record files in these folders (recursively), in a stable order."""
    files: list[Path] = []
    for d in dirs:
        d = Path(d)
        if d.is_file():
            files.append(d)
        elif d.is_dir():
            files.extend(sorted(p for p in d.rglob("*") if p.suffix in (".yaml", ".yml")))
        else:
            raise InvalidDataError("no such record file or folder", str(d))
    return files


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidDataError(f"not UTF-8 text ({exc.reason})", str(path)) from None
    except OSError as exc:
        raise InvalidDataError(f"cannot read: {exc.strerror}", str(path)) from None


def load_records(dirs: Iterable[Path], known_ids: set[str]) -> Facts:
    """Read and check every record file; all facts, or an InvalidDataError and nothing."""
    facts = Facts()
    for path in record_files(dirs):
        facts.merge(parse_records(_read(path), str(path)))
    facts.check_references(known_ids)
    return facts


def iter_records(dirs: Iterable[Path], known_ids: set[str]) -> Iterator[ox.Quad]:
    """Every fact of every record file, one file at a time, then each source graph's description.

    Only ids, references and graph descriptions are kept across files, so memory does not grow
    with the data. A problem raises InvalidDataError, possibly after facts were yielded: callers
    write into a new store that they throw away on error.
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


def curated_graphs(extra_dirs: Iterable[Path], known_ids: set[str], shipped: bool = True) -> Iterator[ox.Quad]:
    """Entry point for ``graphkit build``: the facts of the shipped records (unless ``shipped`` is
    false) and of any extra folders, streamed."""
    return iter_records([RECORDS_DIR, *extra_dirs] if shipped else list(extra_dirs), known_ids)
