"""Native-script names (Thai, Lao, Khmer, Burmese, Vietnamese ...) as language-tagged SKOS labels.

A source adapter (entry point ``graphkit.sources:names``) for the files in ``ingest/names-native/``.
Each entry adds names to an entity the records define::

    - entity: state/thailand
      source: https://…          # the public page that states these names
      names:
        - {name: ราชอาณาจักรไทย, lang: th}
        - {name: Ratcha-anachak Thai, lang: th-Latn}

Every name becomes ``skos:altLabel "…"@lang`` in the named graph of its source address (the same
graph a record citing that address writes to), so ``explain`` shows who states each name and
the lookup finds it in its own script and through its transliteration key (graphkit.lookup).
The folder is not under ``ingest/records/`` because these are not records (they define nothing).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import yaml

from graphkit import safeyaml
from graphkit.errors import InvalidDataError
from graphkit.provenance import CURATED, describe_graph, source_graph
from graphkit.store import Literal, NamedNode, Quad
from graphkit.terms import IRI
from graphkit.vocab import entity_iri

NAMES_DIR = Path(__file__).resolve().parent / "names-native"
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9.-]*)+$")
URL_RE = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
LANG_RE = re.compile(r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?$")  # BCP 47: language[-Script][-REGION]


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _text(node: yaml.Node, filename: str, what: str) -> str:
    if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
        raise InvalidDataError(f"{what} must be a non-empty text", filename, _line(node))
    return str(node.value).strip()


def _fields(node: yaml.Node, filename: str, what: str, allowed: set[str]) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        raise InvalidDataError(f"{what} must be a mapping", filename, _line(node))
    out: dict[str, yaml.Node] = {}
    for k, v in node.value:
        key = str(k.value)
        if key not in allowed:
            raise InvalidDataError(f"{what} may only have {', '.join(sorted(allowed))}; not {key!r}", filename,
                                   _line(k))
        out[key] = v
    missing = allowed - set(out)
    if missing:
        raise InvalidDataError(f"{what} is missing {', '.join(sorted(missing))}", filename, _line(node))
    return out


def parse_names(text: str, filename: str = "<names>") -> list[Quad]:
    """The label quads and graph descriptions of one names file; InvalidDataError with file and line."""
    root = safeyaml.compose(text, filename)  # the size, depth and alias limits of every YAML graphkit reads
    if root is None:
        return []
    if not isinstance(root, yaml.SequenceNode):
        raise InvalidDataError("a names file must be a YAML list of entries", filename, _line(root))
    quads: list[Quad] = []
    described: dict[str, str] = {}
    for node in root.value:
        entry = _fields(node, filename, "an entry", {"entity", "source", "names"})
        eid = _text(entry["entity"], filename, "entity")
        if not ID_RE.match(eid):
            raise InvalidDataError(f"entity must be an id like kind/slug, got {eid!r}", filename,
                                   _line(entry["entity"]))
        url = _text(entry["source"], filename, "source")
        if not URL_RE.match(url):
            raise InvalidDataError(f"source must be an http(s) address, got {url!r}", filename, _line(entry["source"]))
        names = entry["names"]
        if not isinstance(names, yaml.SequenceNode) or not names.value:
            raise InvalidDataError("names must be a list of {name, lang}", filename, _line(names))
        g = source_graph(url)
        described[g] = url
        for item in names.value:
            fields = _fields(item, filename, "a name", {"name", "lang"})
            lang = _text(fields["lang"], filename, "lang")
            if not LANG_RE.match(lang):
                raise InvalidDataError(f"lang must be a BCP 47 tag such as th or th-Latn, got {lang!r}", filename,
                                       _line(fields["lang"]))
            name = _text(fields["name"], filename, "name")
            quads.append(Quad(NamedNode(entity_iri(eid)), NamedNode(IRI.altNames), Literal(name, language=lang),
                              NamedNode(g)))
    for g, url in described.items():
        quads.extend(describe_graph(g, CURATED, sources=[url], files=[Path(filename).name]))
    return quads


def name_files(dirs: Iterable[Path]) -> list[Path]:
    """The names files (``*.yaml``) in these folders, in a stable order."""
    return sorted(p for d in dirs if Path(d).is_dir() for p in Path(d).glob("*.yaml"))


def native_name_graphs(record_dirs: list[Path], known: set[str], shipped: bool = True) -> Iterator[Quad]:
    """Entry point for ``graphkit build``: the shipped native-script names (none with ``shipped=False``)."""
    if not shipped:
        return
    for path in name_files([NAMES_DIR]):
        yield from parse_names(path.read_text(encoding="utf-8"), str(path))
