"""``graphkit release``: a dated, versioned, reproducible bundle of the graph.

A bundle is one folder::

    manifest.json      name, version, date, ontology version, counts, every file's bytes and sha256,
                       the previous release it is compared with
    graph.nq           every fact with its source graph (N-Quads, lines sorted)
    graph.gexf         the property graph for Gephi (stamped with the release date, not today)
    graph.graphml      the property graph for yEd, Cytoscape, networkx
    neo4j-csv/         neo4j-admin import files and script
    context.jsonld     the JSON-LD context of the ontology's keys
    CHANGELOG.md       what changed since the previous release (graphkit.diff), or "first release"

The same store, version, date and previous release give the same bytes: nodes and relationships
are written in a fixed order, dates come from the arguments, and nothing records the time of the
run. The bundle is written beside its target and renamed into place only when complete. The
writers are graphkit.export's; this module only fixes their order and inputs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from graphkit.diff import MANIFEST, changelog, diff_bytes, read_nquads
from graphkit.errors import GraphkitError
from graphkit.project import Projection, load_projection
from graphkit.provenance import graph_catalogue
from graphkit.store import opened, serialize_rdf
from graphkit.vocab import ontology_version

NQUADS: Final = "graph.nq"
GEXF: Final = "graph.gexf"
GRAPHML: Final = "graph.graphml"
NEO4J_CSV: Final = "neo4j-csv"
CONTEXT: Final = "context.jsonld"
CHANGELOG: Final = "CHANGELOG.md"
_VERSION = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.+-]{0,40}$")


@dataclass
class ReleaseSummary:
    """What a release wrote."""

    path: Path
    version: str
    date: str
    counts: dict[str, int] = field(default_factory=dict)
    files: list[dict[str, str | int]] = field(default_factory=list)

    def rows(self) -> list[dict[str, str | int]]:
        """One row per file: path, bytes, sha256."""
        return list(self.files)


def _ordered(proj: Projection) -> Projection:
    """The same projection with nodes by id and relationships by (source, type, target)."""
    out = Projection(node_props=dict(sorted(proj.node_props.items())), rel_pairs=proj.rel_pairs)
    out.nodes = dict(sorted(proj.nodes.items()))
    out.edges = sorted(proj.edges, key=lambda e: (e.source, e.type, e.target))
    return out


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def check_version(version: str) -> str:
    """A release version: letters, digits, dots, plus and minus (``2026.12``, ``1.2.0-rc1``)."""
    if not _VERSION.match(version):
        raise GraphkitError(f"not a release version: {version!r} (letters, digits, '.', '+', '-'; e.g. 2026.12)")
    return version


def release(store_path: Path, out: Path, version: str, date: dt.date, previous: Path | None = None) -> ReleaseSummary:
    """Write the release bundle of a store to the folder ``out`` (which must not exist yet).

    ``previous`` is an earlier bundle (or store) the changelog compares with. Raises GraphkitError
    for an existing target, a bad version or an unreadable previous release."""
    from graphkit.export import gexf, graphml, jsonld, neo4j_csv

    check_version(version)
    out = Path(out)
    if out.exists():
        raise GraphkitError(f"{out} already exists: a release is never overwritten; choose a new folder")
    previous_data = read_nquads(previous) if previous is not None else None
    tmp = out.with_name(f".{out.name}.partial-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        with opened(Path(store_path), read_only=True) as store:
            data = serialize_rdf(store.quads(), None, "nquads") or b""
            proj = _ordered(load_projection(store))
            origins: dict[str, int] = {}
            for info in graph_catalogue(store).values():
                origins[info.origin] = origins.get(info.origin, 0) + 1
        lines = sorted(line for line in data.split(b"\n") if line)
        nq = b"\n".join(lines) + (b"\n" if lines else b"")
        (tmp / NQUADS).write_bytes(nq)
        with (tmp / GEXF).open("w", encoding="utf-8", newline="\n") as fh:
            gexf.write(proj, fh, today=date)
        with (tmp / GRAPHML).open("w", encoding="utf-8", newline="\n") as fh:
            graphml.write(proj, fh)
        neo4j_csv.write(proj, neo4j_csv.folder_opener(tmp / NEO4J_CSV))
        (tmp / CONTEXT).write_text(json.dumps({"@context": jsonld.context()}, indent=2, ensure_ascii=False) + "\n",
                                   encoding="utf-8")
        title = f"graphkit release {version} ({date.isoformat()})"
        if previous_data is None:
            log = f"# {title}\n\nFirst release: {len(lines)} facts.\n"
        else:
            changes = diff_bytes(previous_data, nq, a_label=str(previous), b_label=version)
            log = changelog(changes, title=title)
        (tmp / CHANGELOG).write_text(log, encoding="utf-8")

        summary = ReleaseSummary(out, version, date.isoformat())
        summary.counts = {"facts": len(lines), "graphs": sum(origins.values()), "nodes": len(proj.nodes),
                          "relationships": len(proj.edges),
                          **{f"graphs_{k}": n for k, n in sorted(origins.items())}}
        for path in sorted(p for p in tmp.rglob("*") if p.is_file()):
            rel = path.relative_to(tmp).as_posix()
            summary.files.append({"path": rel, "bytes": path.stat().st_size, "sha256": _sha256(path)})
        manifest = {
            "name": "graphkit release", "version": version, "date": date.isoformat(),
            "ontology_version": ontology_version(), "counts": summary.counts, "files": summary.files,
            "previous": _previous_entry(previous),
        }
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        os.replace(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return summary


def _previous_entry(previous: Path | None) -> dict[str, str] | None:
    """The previous release's version and manifest checksum (or None for a first release or a store)."""
    if previous is None:
        return None
    manifest = Path(previous) / MANIFEST
    if not manifest.is_file():
        return {"path": Path(previous).name}
    try:
        version = str(json.loads(manifest.read_text(encoding="utf-8")).get("version", ""))
    except ValueError:
        raise GraphkitError(f"{manifest}: not valid JSON") from None
    return {"version": version, "manifest_sha256": _sha256(manifest)}
