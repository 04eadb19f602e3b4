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
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any, cast

from graphkit import safeyaml
from graphkit.errors import InvalidDataError
from graphkit.safeyaml import MappingNode, Node, ScalarNode, SequenceNode
from graphkit.store import Literal, NamedNode, NQuads, Quad, parse_rdf
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


@lru_cache(maxsize=200_000)
def _iri(iri: str) -> str:
    """An IRI as N-Quads text; pyoxigraph checks it once (a malformed IRI raises ValueError)."""
    return str(NamedNode(iri))


# A plain literal as N-Quads text: JSON's string escapes (quote, backslash, control characters as
# \n, \t ... or \u00XX) are all N-Quads escapes, and the C encoder is fast.
_text = encode_basestring
_RDF_TYPE = "<" + RDF_TYPE + ">"


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
    """The facts of some records as N-Quads lines, the graph metadata, and the ids defined and
    referenced. (Text, not pyoxigraph Quads: a Quad with a literal object costs ~3 us to make from
    Python, a line a tenth of that, and the build bulk-loads the text as it is.)

    ``references`` keeps each referenced id once, with the file and line of its first use (the
    place an unknown id is reported).
    """

    lines: list[str] = field(default_factory=list)  # N-Quads, one quad a line
    meta: dict[str, dict[str, set[str]]] = field(default_factory=dict)
    defined: dict[str, tuple[str, int]] = field(default_factory=dict)
    references: dict[str, tuple[str, int]] = field(default_factory=dict)

    @property
    def graphs(self) -> dict[str, list[Quad]]:
        """The facts as Quads grouped by named graph (for readers and tests; the build loads ``lines``)."""
        out: dict[str, list[Quad]] = {}
        for q in parse_rdf("".join(self.lines), fmt="nquads"):
            g = q.graph_name if isinstance(q, Quad) else None
            out.setdefault(g.value if isinstance(g, NamedNode) else "", []).append(cast(Quad, q))
        return out

    def add(self, graph: str, s: str, p: str, o: NamedNode | Literal) -> None:
        self.lines.append(f"{_iri(s)} {_iri(p)} {o} {_iri(graph)} .\n")

    def target(self, url: str, file_name: str) -> str:
        """The graph of a source address (as N-Quads text), noted with the record file that cites it."""
        g = source_graph(url)
        meta = self.meta.get(g)
        if meta is None:
            meta = self.meta[g] = {"url": set(), "file": set()}
        meta["url"].add(url)
        meta["file"].add(file_name)
        return f"<{g}>"  # the graph base and a hex digest: a valid IRI

    def merge(self, other: Facts) -> None:
        """Add another file's facts; an id defined in both is an error."""
        for rid, (src, line) in other.defined.items():
            if rid in self.defined:
                first = self.defined[rid]
                raise InvalidDataError(f"id {rid!r} is already defined at {first[0]}:{first[1]}", src, line)
            self.defined[rid] = (src, line)
        self.lines.extend(other.lines)
        for g, m in other.meta.items():
            mine = self.meta.get(g)
            if mine is None:
                self.meta[g] = {k: set(vs) for k, vs in m.items()}
                continue
            for k, vs in m.items():
                mine.setdefault(k, set()).update(vs)
        refs = self.references
        for rid, where in other.references.items():
            if rid not in refs:
                refs[rid] = where

    def check_references(self, known: set[str]) -> None:
        """Every id a record refers to must be defined in some record or in the vocabulary."""
        for rid, (src, line) in self.references.items():
            if rid not in self.defined and entity_iri(rid) not in known:
                raise InvalidDataError(f"reference to unknown id {rid!r}", src, line)

    def describe_graphs(self) -> None:
        """Add to each source graph the facts about itself: origin, address, record files.

        Kept inside the graph it describes, so replacing or removing a graph takes its
        description along in the same step.
        """
        v = vocabulary()
        # terms as N-Quads text, made once (a graph's description is four or more lines; there is a
        # graph per source address)
        kind = f"{_RDF_TYPE} {_iri(v.iri(C.SourceGraph))}"
        origin = f"{_iri(v.iri(P.origin))} {Literal('curated')}"
        primary, record_file = _iri(v.iri(P.primarySource)), _iri(v.iri(P.recordFile))
        append = self.lines.append
        for g in sorted(self.meta):
            facts_of = self.meta[g]
            gi = _iri(g)
            append(f"{gi} {kind} {gi} .\n")
            append(f"{gi} {origin} {gi} .\n")
            for url in sorted(facts_of.get("url", ())):
                append(f"{gi} {primary} {_iri(url)} {gi} .\n")
            for f in sorted(facts_of.get("file", ())):
                append(f"{gi} {record_file} {_text(f)} {gi} .\n")


def parse_records(text: str, filename: str = "<records>") -> Facts:
    """Parse one YAML record file into facts; raises InvalidDataError with file and line.

    The YAML is read by graphkit.safeyaml (sizes, nesting, aliases, dates and numbers checked).
    """
    facts = Facts()
    for _ in _parsed(text, filename, facts):
        pass
    return facts


# a file's facts go to the build in pieces of about this many lines (each a quad; ~4.5 MB of text),
# the first ones smaller (iter_records): the build's loader starts on a first part of about 1 MB
# (graphkit.store.LOAD_PART_BYTES), which a 4.5 MB piece kept waiting. (Pieces of 5,000 lines
# throughout cost a 1M build ~85 MB more peak memory than pieces of 20,000, for the same time.)
CHUNK_LINES = 20_000
FIRST_CHUNK_LINES = 5_000


def _parsed(text: str, filename: str, facts: Facts, piece: Callable[[], int] | None = None) -> Iterator[None]:
    """Parse one record file into ``facts``, a record at a time; yields whenever ``facts.lines``
    holds a piece's lines (``piece()``, asked again after each; default CHUNK_LINES), and once at the
    end. Each record's YAML nodes are composed as it is reached and dropped after it, so a large file
    never has its whole node tree in memory."""
    schema = _schema()
    file_name = os.path.basename(filename)
    limit = piece() if piece else CHUNK_LINES
    for node in safeyaml.compose_items(text, filename, not_a_list="a record file must be a YAML list of records"):
        _parse_record(node, filename, file_name, facts, schema)
        if len(facts.lines) >= limit:
            yield
            limit = piece() if piece else CHUNK_LINES
    yield


_line = safeyaml.line
_STR = "tag:yaml.org,2002:str"


def _scalar(node: Node, filename: str) -> Any:
    # A plain or quoted text is most values: read it without the checks other values need.
    if node.__class__ is ScalarNode and node.tag == _STR:
        return node.value
    return safeyaml.scalar(node, filename)


def _mapping(node: Node, filename: str, what: str) -> dict[str, tuple[Node, Node]]:
    """key -> (value node, key node), in the file's order; lines are read only to report a problem."""
    if node.__class__ is not MappingNode:
        raise InvalidDataError(f"{what} must be a mapping of keys to values", filename, _line(node))
    out: dict[str, tuple[Node, Node]] = {}
    for k, v in node.value:
        if k.__class__ is ScalarNode and k.tag == _STR:
            key = k.value
        else:
            key = safeyaml.scalar(k, filename)
            if not isinstance(key, str):
                raise InvalidDataError(f"key {key!r} is not a name", filename, _line(k))
        if key in out:
            raise InvalidDataError(f"key {key!r} appears twice", filename, _line(k))
        out[key] = (v, k)
    return out


def _check_url(value: Any, filename: str, node: Node) -> str:
    if not isinstance(value, str) or not URL_RE.match(value):
        raise InvalidDataError(f"source must be an http(s) address, got {value!r}", filename, _line(node))
    try:
        _iri(value)  # the graph's description names it as an IRI
    except ValueError as exc:
        raise InvalidDataError(f"source is not a valid address ({exc}): {value!r}", filename, _line(node)) from None
    return value


def _sources(node: Node, filename: str) -> list[str]:
    if isinstance(node, SequenceNode):
        urls = [_check_url(_scalar(n, filename), filename, n) for n in node.value]
    else:
        urls = [_check_url(_scalar(node, filename), filename, node)]
    if not urls:
        raise InvalidDataError("source must name at least one address", filename, _line(node))
    return urls


@dataclass(frozen=True)
class _Field:
    """What the parser needs of a record field, looked up once per process."""

    prop: Property
    iri: str                   # the property's IRI as N-Quads text
    is_object: bool
    text: bool                 # a plain text value (xsd:string): the common case


@dataclass(frozen=True)
class _Schema:
    vocab: Any
    fields: dict[str, _Field]
    types: dict[str, str]      # class key -> its IRI as N-Quads text
    qualifiers: dict[str, Property]


_SCHEMAS: dict[int, _Schema] = {}


def _schema() -> _Schema:
    """Fields, class terms and qualifier properties of the current vocabulary, computed once."""
    v = vocabulary()
    found = _SCHEMAS.get(id(v))
    if found is not None and found.vocab is v:
        return found
    fields = {k: _Field(p, _iri(p.iri), p.is_object, (p.datatype or _XSD_STRING) == _XSD_STRING)
              for k, p in v.properties.items() if k not in NOT_FIELDS and k not in RESERVED}
    types = {k: _iri(c.iri) for k, c in v.classes.items()}
    schema = _Schema(v, fields, types, {k: v.prop(k) for k in QUALIFIERS})
    _SCHEMAS.clear()
    _SCHEMAS[id(v)] = schema
    return schema


def _parse_record(node: Node, filename: str, file_name: str, facts: Facts, schema: _Schema) -> None:
    byname = _mapping(node, filename, "a record")
    for required in ("id", "type", "source", P.name):
        if required not in byname:
            raise InvalidDataError(f"record is missing {required!r}", filename, _line(node))
    rid = _scalar(byname["id"][0], filename)
    if not isinstance(rid, str) or not ID_RE.match(rid):
        raise InvalidDataError(f"id must look like kind/slug (lowercase, hyphens), got {rid!r}", filename,
                               _line(byname["id"][1]))
    type_key = _scalar(byname["type"][0], filename)
    if not isinstance(type_key, str) or type_key not in schema.types:
        raise InvalidDataError(f"unknown type {type_key!r}", filename, _line(byname["type"][1]))
    sources = _sources(byname["source"][0], filename)
    if rid in facts.defined:
        raise InvalidDataError(f"id {rid!r} is already defined at line {facts.defined[rid][1]}", filename,
                               _line(byname["id"][1]))
    facts.defined[rid] = (filename, _line(byname["id"][1]))
    subject = f"<{entity_iri(rid)}>"  # an id matching ID_RE under the id base is a valid IRI
    graphs = [facts.target(url, file_name) for url in sources]
    append = facts.lines.append
    type_iri = schema.types[type_key]
    for g in graphs:
        append(f"{subject} {_RDF_TYPE} {type_iri} {g} .\n")
    for key, (vnode, knode) in byname.items():
        if key in RESERVED:
            continue
        f = schema.fields.get(key)
        if f is None:
            raise InvalidDataError(f"unknown field {key!r} for a {type_key}", filename, _line(knode))
        if vnode.__class__ is ScalarNode:  # one value, stated by the record's sources: most fields
            value = vnode.value if vnode.tag == _STR else safeyaml.scalar(vnode, filename)
            if value is None or value == "":
                raise InvalidDataError(f"{key!r} has an empty value", filename, _line(vnode))
            if f.is_object:
                o = _reference(f.prop, value, filename, vnode, facts)
            elif f.text and value.__class__ is str:
                o = _text(value.strip())
            else:
                o = str(_literal(f.prop, value, filename, vnode))
            for g in graphs:
                append(f"{subject} {f.iri} {o} {g} .\n")
            continue
        items = vnode.value if isinstance(vnode, SequenceNode) and any(
            isinstance(n, MappingNode) for n in vnode.value) else [vnode]
        for item in items:
            _parse_field(f, item, knode, sources, graphs, subject, filename, file_name, facts, schema)


def _parse_field(f: _Field, vnode: Node, knode: Node, sources: list[str], graphs: list[str],
                 subject: str, filename: str, file_name: str, facts: Facts, schema: _Schema) -> None:
    """One field value: a scalar, a list, or ``{value, source, startDate, endDate}``."""
    prop = f.prop
    key = prop.key
    qualifiers: dict[str, Literal] = {}
    if isinstance(vnode, MappingNode):
        sub = _mapping(vnode, filename, f"field {key!r}")
        allowed = {"value", "source"} | (QUALIFIERS if prop.is_object else set())
        for k, (_, kn) in sub.items():
            if k not in allowed:
                raise InvalidDataError(f"{key!r} may only carry {', '.join(sorted(allowed))}; not {k!r}", filename,
                                       _line(kn))
        if "value" not in sub:
            raise InvalidDataError(f"{key!r} is a mapping without 'value'", filename, _line(vnode))
        if "source" in sub:
            sources = _sources(sub["source"][0], filename)
            graphs = []  # noted in the graphs' metadata only when a value is stated
        for qk in sorted(QUALIFIERS & set(sub)):
            qnode = sub[qk][0]
            qualifiers[qk] = _literal(schema.qualifiers[qk], _scalar(qnode, filename), filename, qnode)
        vnode = sub["value"][0]
    values = vnode.value if isinstance(vnode, SequenceNode) else [vnode]
    if len(values) > 1 and not (prop.is_object or prop.multi):
        raise InvalidDataError(f"{key!r} takes one value, got {len(values)}", filename, _line(knode))
    append = facts.lines.append
    for vn in values:
        value = _scalar(vn, filename)
        if value is None or value == "":
            raise InvalidDataError(f"{key!r} has an empty value", filename, _line(vn))
        if prop.is_object:
            o = _reference(prop, value, filename, vn, facts)
        else:
            o = str(_literal(prop, value, filename, vn))
        if not graphs:
            graphs = [facts.target(url, file_name) for url in sources]
        for g in graphs:
            append(f"{subject} {f.iri} {o} {g} .\n")
            if qualifiers:
                _qualify(facts, g, subject, f.iri, o, qualifiers, schema)


def _qualify(facts: Facts, g: str, subject: str, p: str, o: str, qualifiers: dict[str, Literal],
             schema: _Schema) -> None:
    """The Assertion that carries a fact's own dates, in the fact's graph (terms as N-Quads text)."""
    v = schema.vocab
    a = _iri(assertion_iri(g[1:-1], subject[1:-1], p[1:-1], o))
    append = facts.lines.append
    append(f"{a} {_RDF_TYPE} {_iri(v.iri(C.Assertion))} {g} .\n")
    append(f"{a} {_iri(RDF + 'subject')} {subject} {g} .\n")
    append(f"{a} {_iri(RDF + 'predicate')} {p} {g} .\n")
    append(f"{a} {_iri(RDF + 'object')} {o} {g} .\n")
    append(f"{a} {_iri(v.iri(P.statedIn))} {g} {g} .\n")
    for qk, qv in qualifiers.items():
        append(f"{a} {_iri(v.iri(qk))} {qv} {g} .\n")


@lru_cache(maxsize=200_000)
def _id_iri(rid: str) -> str | None:
    """The IRI of a record id as N-Quads text, or None when it is not shaped like one."""
    return _iri(entity_iri(rid)) if ID_RE.match(rid) else None


def _reference(prop: Property, value: Any, filename: str, node: Node, facts: Facts) -> str:
    """The IRI (N-Quads text) a reference names; the id is noted to be checked once all files are read."""
    if prop.key == P.sameAs and isinstance(value, str) and value.startswith(("http://", "https://")):
        try:
            return _iri(value)
        except ValueError as exc:
            raise InvalidDataError(f"{prop.key!r} is not a valid address: {exc}", filename, _line(node)) from None
    if not isinstance(value, str):
        raise InvalidDataError(f"{prop.key!r} must name a record id, got {value!r}", filename, _line(node))
    rid = value if "/" in value else prop.id_prefix + value
    term = _id_iri(rid)
    if term is None:
        raise InvalidDataError(f"{prop.key!r} must name a record id like kind/slug, got {value!r}", filename,
                               _line(node))
    refs = facts.references
    if rid not in refs:
        refs[rid] = (filename, _line(node))
    return term


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
        lit = _date_text(value)
        if lit is not None:
            return lit
    raise error()


@lru_cache(maxsize=50_000)
def _date_text(value: str) -> Literal | None:
    """The literal of a date written as text (dates repeat: each is parsed once), None if it is not one."""
    text = value.strip()
    if _YEAR.match(text):
        return None if text == "0000" else Literal(text, datatype=_node(_XSD_GYEAR))
    m = _YEAR_MONTH.match(text)
    if m and 1 <= int(m.group(2)) <= 12 and m.group(1) != "0000":
        return Literal(text, datatype=_node(XSD + "gYearMonth"))
    try:
        parsed = dt.date.fromisoformat(text)
    except ValueError:
        parsed = None
    if parsed is not None and len(text) == 10:
        return Literal(parsed.isoformat(), datatype=_node(_XSD_DATE))
    return None


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


def iter_records(dirs: Iterable[Path], known_ids: set[str]) -> Iterator[NQuads]:
    """Every fact of every record file, one file at a time, then each source graph's description.

    Only ids, references and graph descriptions are kept across files, so memory does not grow
    with the data (each file gets its own parse: nothing of one file outlives it). A problem
    raises InvalidDataError, possibly after facts were yielded: callers write into a new store
    that they throw away on error.
    """
    seen = Facts()
    sent = 0

    def piece() -> int:  # pieces grow with what was sent: 5,000 lines at first, 20,000 from 20,000 on
        return min(max(sent, FIRST_CHUNK_LINES), CHUNK_LINES)

    for path in record_files(dirs):
        facts = Facts()
        for _ in _parsed(_read(path), str(path), facts, piece):
            if facts.lines:
                sent += len(facts.lines)
                text = NQuads("".join(facts.lines))
                facts.lines = []  # the lines go before the text is handed on, not while the next ones are made
                yield text
                del text
        seen.merge(facts)
    seen.check_references(known_ids)
    seen.describe_graphs()
    if seen.lines:
        yield NQuads("".join(seen.lines))


def curated_graphs(extra_dirs: Iterable[Path], known_ids: set[str], shipped: bool = True) -> Iterator[NQuads]:
    """Entry point for ``graphkit build``: the facts of the shipped records (unless ``shipped`` is
    false) and of any extra folders, streamed."""
    return iter_records([RECORDS_DIR, *extra_dirs] if shipped else list(extra_dirs), known_ids)
