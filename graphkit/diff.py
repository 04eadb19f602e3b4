"""``graphkit diff A B``: what changed between two stores or two release bundles.

A fact is a quad (subject, property, value, source graph). Facts only in B are *added*, facts only
in A *removed*; where one source replaced one value of a property of an entity by another (a
meeting's date moved), the pair is one *changed* row. Every row names the entity, the property,
the old and new value and the source (address or document) that states it, so the same rows read
grouped by entity or by source; ``changelog`` writes them as Markdown for a brief.

Speed: both sides are serialised to N-Quads by the store (Rust) and compared as sets of lines
(C-level hashing of bytes); only the lines that differ are parsed back into RDF terms. Against a
naive set difference of Python quad tuples this is measured in ``bench/diff.py``.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Final

from graphkit.errors import GraphkitError
from graphkit.provenance import RDF_OBJECT, RDF_PREDICATE, RDF_SUBJECT, GraphCatalogue
from graphkit.store import Literal, NamedNode, Quad, opened, parse_rdf, serialize_rdf, store_exists
from graphkit.terms import IRI
from graphkit.vocab import ID_BASE, RDF_TYPE, entity_id, vocabulary

MANIFEST: Final = "manifest.json"
BOOKKEEPING: Final = frozenset({RDF_SUBJECT, RDF_PREDICATE, RDF_OBJECT, IRI.statedIn})
"""Assertion structure: reported through the fact it qualifies, not as facts of their own."""
DIFF_COLUMNS: Final = ("change", "entity", "name", "property", "old", "new", "source")


@dataclass(frozen=True)
class Change:
    """One row of a diff."""

    change: str          # added, removed, changed
    entity: str          # the entity's key (or a source for a graph's own description)
    name: str
    property: str        # the ontology key ("startDate"; "holds.startDate" for a qualifier)
    old: str | None
    new: str | None
    source: str

    def row(self) -> dict[str, str | None]:
        """The row as the CLI renders it."""
        return asdict(self)


@dataclass
class Diff:
    """All changes from A to B, with counts."""

    a: str
    b: str
    changes: list[Change] = field(default_factory=list)
    facts_a: int = 0
    facts_b: int = 0

    def counts(self) -> dict[str, int]:
        """How many rows of each kind."""
        c = Counter(ch.change for ch in self.changes)
        return {k: c.get(k, 0) for k in ("added", "removed", "changed")}

    def by_source(self) -> dict[str, list[Change]]:
        """The changes grouped by the source that states them."""
        out: dict[str, list[Change]] = defaultdict(list)
        for ch in self.changes:
            out[ch.source].append(ch)
        return dict(sorted(out.items()))

    def by_entity(self) -> dict[tuple[str, str], list[Change]]:
        """The changes grouped by entity (key, name)."""
        out: dict[tuple[str, str], list[Change]] = defaultdict(list)
        for ch in self.changes:
            out[(ch.entity, ch.name)].append(ch)
        return dict(sorted(out.items()))


# ------------------------------------------------------------------------------------ reading
def read_nquads(path: Path) -> bytes:
    """The facts of a store folder, a release bundle (folder with manifest.json) or an N-Quads file.

    Raises GraphkitError when the path is none of these."""
    path = Path(path)
    if path.is_file():
        return _read_bytes(path)
    manifest = path / MANIFEST
    if manifest.is_file():
        try:
            files = json.loads(manifest.read_text(encoding="utf-8"))["files"]
            name = next(f["path"] for f in files if f["path"].endswith(".nq"))
        except (ValueError, KeyError, TypeError, StopIteration):
            raise GraphkitError(f"{manifest}: not a graphkit release manifest (no N-Quads file listed)") from None
        return _read_bytes(path / name)
    if store_exists(path):
        with opened(path, read_only=True) as store:
            data = serialize_rdf(store.quads(), None, "nquads")
        return data or b""
    raise GraphkitError(f"{path}: neither a store, a release bundle nor an N-Quads file")


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise GraphkitError(f"cannot read {path}: {exc.strerror or exc}") from None


def _lines(data: bytes) -> set[bytes]:
    lines = set(data.split(b"\n"))  # C-level: no Python loop over a million lines
    lines.discard(b"")
    return lines


Fact = tuple[str, str, NamedNode | Literal, str]
"""(subject IRI, property IRI, value, graph IRI): the facts graphkit writes (no blank nodes)."""


def _parse(lines: Iterable[bytes]) -> list[Fact]:
    text = b"\n".join(sorted(lines))
    out: list[Fact] = []
    for q in parse_rdf(text, fmt="nquads") if text else []:
        if (isinstance(q, Quad) and isinstance(q.subject, NamedNode) and isinstance(q.graph_name, NamedNode)
                and isinstance(q.object, (NamedNode, Literal))):
            out.append((q.subject.value, q.predicate.value, q.object, q.graph_name.value))
    return out


def _lines_with(data: bytes, predicates: Iterable[str]) -> list[bytes]:
    """The N-Quads lines whose predicate is one of these: found with ``bytes.find`` (C speed), so
    the cost follows the number of such lines, not the size of the data."""
    out: list[bytes] = []
    for p in predicates:
        token = f"> <{p}> ".encode()
        pos = data.find(token)
        while pos >= 0:
            start = data.rfind(b"\n", 0, pos) + 1
            end = data.find(b"\n", pos)
            end = len(data) if end < 0 else end
            line = data[start:end]
            if line.startswith(b"<") and line.find(b"> <") == pos - start:  # the predicate, not a value
                out.append(line)
            pos = data.find(token, end)
    return out


def _catalogue(data: bytes, cat: GraphCatalogue, graphs: set[str]) -> None:
    """The descriptions of these graphs only (a million facts may sit in tens of thousands of graphs)."""
    wanted = {f"<{g}>".encode() for g in graphs}
    lines = [ln for ln in _lines_with(data, (IRI.origin, IRI.primarySource, IRI.derivedFrom))
             if ln.split(b" ", 1)[0] in wanted]
    for s, p, o, g in _parse(lines):
        cat.take(s, p, o.value, g)


# ------------------------------------------------------------------------------------ comparing
def diff_bytes(a: bytes, b: bytes, *, a_label: str = "A", b_label: str = "B") -> Diff:
    """The changes from the N-Quads ``a`` to ``b``."""
    la, lb = _lines(a), _lines(b)
    removed_lines, added_lines = la - lb, lb - la
    result = Diff(a_label, b_label, facts_a=len(la), facts_b=len(lb))
    if not removed_lines and not added_lines:
        return result
    removed, added = _parse(removed_lines), _parse(added_lines)
    cat = GraphCatalogue()
    graphs = {f[3] for f in (*removed, *added)}
    _catalogue(a, cat, graphs)
    _catalogue(b, cat, graphs)
    subjects = {f[0] for f in (*removed, *added)}
    names = _names([*_lines_with(a, (IRI.name,)), *_lines_with(b, (IRI.name,))], subjects)
    reified: dict[str, tuple[str, str]] = {}
    # an Assertion whose qualifier changed keeps its IRI: find the fact it qualifies on either side
    assertion_subjects = {f"<{s}>".encode() for s in subjects if s.startswith(ID_BASE + "assertion/")}
    structure = [ln for data in (a, b) for ln in _lines_with(data, (RDF_SUBJECT, RDF_PREDICATE))
                 if ln.split(b" ", 1)[0] in assertion_subjects] if assertion_subjects else []
    for s, p, o, _ in (*_parse(structure), *removed, *added):
        if p == RDF_SUBJECT:
            reified[s] = (o.value, reified.get(s, ("", ""))[1])
        elif p == RDF_PREDICATE:
            reified[s] = (reified.get(s, ("", ""))[0], o.value)

    v = vocabulary()

    def key_of(p: str) -> str:
        prop = v.property_by_iri.get(p)
        return prop.key if prop else ("type" if p == RDF_TYPE else p)

    def show(term: NamedNode | Literal) -> str:
        if isinstance(term, NamedNode):
            c = v.class_by_iri.get(term.value)
            return c.key if c else entity_id(term.value)
        return term.value

    grouped: dict[tuple[str, str, str], dict[str, list[str]]] = defaultdict(lambda: {"removed": [], "added": []})
    for side, quads in (("removed", removed), ("added", added)):
        for s, p, o, g in quads:
            if p in BOOKKEEPING or (p == RDF_TYPE and o.value == IRI.Assertion):
                continue
            source = entity_id(cat.get(g).source)
            if s == g:                       # a source graph's description of itself
                entity, prop = source, "source." + key_of(p)
            elif s in reified:               # a qualifier of a fact: the fact's subject and property
                subj, pred = reified[s]
                entity, prop = entity_id(subj) if subj else entity_id(s), f"{key_of(pred)}.{key_of(p)}"
            else:
                entity, prop = entity_id(s), key_of(p)
            grouped[(entity, prop, source)][side].append(show(o))

    for (entity, prop, source), sides in grouped.items():
        old, new = sorted(sides["removed"]), sorted(sides["added"])
        name = names.get(entity, "")
        if len(old) == 1 and len(new) == 1:
            result.changes.append(Change("changed", entity, name, prop, old[0], new[0], source))
            continue
        result.changes.extend(Change("removed", entity, name, prop, o, None, source) for o in old)
        result.changes.extend(Change("added", entity, name, prop, None, n, source) for n in new)
    result.changes.sort(key=lambda c: (c.entity, c.property, c.change, c.old or "", c.new or "", c.source))
    return result


def _names(lines: list[bytes], subjects: set[str]) -> dict[str, str]:
    wanted = {f"<{s}>".encode() for s in subjects if s.startswith(ID_BASE)}
    chosen = [ln for ln in lines if ln.split(b" ", 1)[0] in wanted]
    out: dict[str, str] = {}
    for s, _, o, _ in _parse(chosen):
        out.setdefault(entity_id(s), o.value)
    return out


def diff(a: Path, b: Path) -> Diff:
    """The changes from store/bundle/file ``a`` to ``b``; raises GraphkitError for a bad path."""
    return diff_bytes(read_nquads(a), read_nquads(b), a_label=str(a), b_label=str(b))


# ------------------------------------------------------------------------------------ writing
def _value(ch: Change) -> str:
    if ch.change == "changed":
        return f"{ch.old} → {ch.new}"
    return str(ch.new if ch.change == "added" else ch.old)


def changelog(d: Diff, title: str | None = None) -> str:
    """A short Markdown changelog: counts, then each entity's changes with their sources."""
    c = d.counts()
    lines = [f"# {title or f'Changes from {d.a} to {d.b}'}", ""]
    if not d.changes:
        lines += ["No facts changed.", ""]
        return "\n".join(lines)
    sources = d.by_source()
    lines += [f"{c['added']} added, {c['removed']} removed, {c['changed']} changed, in "
              f"{len(d.by_entity())} entities from {len(sources)} sources.", "", "## By entity", ""]
    for (entity, name), changes in d.by_entity().items():
        lines.append(f"### {name} (`{entity}`)" if name else f"### `{entity}`")
        lines.append("")
        lines.extend(f"- {ch.change} **{ch.property}**: {_value(ch)} — {ch.source}" for ch in changes)
        lines.append("")
    lines += ["## By source", ""]
    for source, changes in sources.items():
        n = Counter(ch.change for ch in changes)
        lines.append(f"- {source}: " + ", ".join(f"{n[k]} {k}" for k in ("added", "removed", "changed") if n[k]))
    lines.append("")
    return "\n".join(lines)


def naive_diff(a: bytes, b: bytes) -> tuple[int, int]:
    """The baseline for bench/diff.py: parse every fact into a Python tuple and subtract sets."""
    def facts(data: bytes) -> set[tuple[str, str, str, str]]:
        return {(str(q.subject), str(q.predicate), str(q.object), str(q.graph_name))
                for q in parse_rdf(data, fmt="nquads") if isinstance(q, Quad)}

    fa, fb = facts(a), facts(b)
    return len(fb - fa), len(fa - fb)
