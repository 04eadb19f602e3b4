"""The catalogue of saved queries in queries/: one query per file, a comment header on top.

Header lines (``//`` in .cypher, ``#`` in .rq)::

    // name: meetings_of_body
    // description: Meetings of a body in order, with dates, cities and chairs.
    // param: body = "ASEAN Political-Security Community Council" -- the body's name or key
    // entity: body = Body

Parameter examples are JSON values. An ``entity`` line marks a parameter that names an entity of
one of the given classes (``topic = Topic``; several: ``document = Document, Meeting``): the CLI
resolves what the user gives (id, name, acronym, alias, misspelling, any case) through
:mod:`graphkit.lookup` and binds the entity's key, which every such query accepts.

A Cypher file may carry a variant for one engine after a line
``// variant: embedded`` (or ``neo4j``); the text before it is what every other engine runs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphkit.errors import QueryError
from graphkit.lookup import Lookup, NameEntry, resolve_name
from graphkit.settings import data_dir

_HEADER = re.compile(r"^\s*(?://|#)\s*(name|description|param|entity|variant)\s*:\s*(.*)$")
_CYPHER_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_STRING = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*")


@dataclass
class SavedQuery:
    """One saved query: its language, text (and per-engine variants) and example parameters."""

    name: str
    language: str  # "cypher" or "sparql"
    description: str
    path: Path
    text: str
    params: dict[str, Any] = field(default_factory=dict)
    param_docs: dict[str, str] = field(default_factory=dict)
    variants: dict[str, str] = field(default_factory=dict)
    entities: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def text_for(self, engine: str) -> str:
        """The query text for an engine ("embedded", "neo4j")."""
        return self.variants.get(engine, self.text)

    def example_params(self) -> dict[str, Any]:
        return dict(self.params)


def parse_saved(path: Path) -> SavedQuery:
    """Read one saved query file; raises QueryError naming the file and line of a bad header."""
    language = "sparql" if path.suffix == ".rq" else "cypher"
    name, description = path.stem, ""
    params: dict[str, Any] = {}
    docs: dict[str, str] = {}
    entities: dict[str, tuple[str, ...]] = {}
    body: list[str] = []
    variants: dict[str, list[str]] = {}
    current = body
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        m = _HEADER.match(line)
        if not m:
            current.append(line)
            continue
        key, value = m.group(1), m.group(2).strip()
        if key == "name":
            name = value
        elif key == "description":
            description = (description + " " + value).strip()
        elif key == "variant":
            current = variants.setdefault(value, [])
        elif key == "entity":
            pname, sep, kinds = value.partition("=")
            classes = tuple(k.strip() for k in kinds.split(",") if k.strip())
            if not sep or not pname.strip() or not classes:
                raise QueryError(f"{path}:{lineno}: expected 'entity: PARAM = Class[, Class]'")
            entities[pname.strip()] = classes
        else:
            pname, sep, example = value.partition("=")
            example, _, doc = example.partition(" -- ")
            try:
                params[pname.strip()] = json.loads(example.strip()) if sep else None
            except json.JSONDecodeError as exc:
                raise QueryError(f"{path}:{lineno}: parameter example must be a JSON value: {exc}") from None
            docs[pname.strip()] = doc.strip()
    for pname in entities:
        if pname not in params:
            raise QueryError(f"{path}: entity parameter {pname!r} has no 'param:' line")
    return SavedQuery(name, language, description, path, "\n".join(body).strip(), params, docs,
                      {k: "\n".join(v).strip() for k, v in variants.items()}, entities)


def load_catalogue(root: Path | None = None) -> dict[str, SavedQuery]:
    """Every saved query by name (Cypher under cypher/, SPARQL under sparql/)."""
    root = root or data_dir("queries")
    out: dict[str, SavedQuery] = {}
    for path in sorted(list(root.glob("cypher/*.cypher")) + list(root.glob("sparql/*.rq"))):
        q = parse_saved(path)
        key = q.name if q.name not in out else f"{q.name}.{q.language}"
        out[key] = q
    return out


def get(name: str, language: str | None = None) -> SavedQuery:
    """A saved query by name; raises QueryError listing the names when it does not exist."""
    cat = load_catalogue()
    q = cat.get(name) or (cat.get(f"{name}.{language}") if language else None)
    if q is None or (language and q.language != language):
        raise QueryError(f"no saved {language or ''} query {name!r}; see `graphkit queries`".replace("  ", " "))
    return q


class ParameterError(QueryError):
    """Parameters that a query does not take, or that it needs and were not given (a usage error)."""

    exit_code = 2


def cypher_parameters(text: str) -> list[str]:
    """The ``$name`` parameters a Cypher text uses (outside strings and comments), in order of use."""
    return list(dict.fromkeys(_CYPHER_PARAM.findall(_STRING.sub(" ", text))))


def describe_parameters(q: SavedQuery) -> str:
    """``body=<Body> (e.g. "APSC Council")``, for messages and the catalogue."""
    parts = []
    for k, v in q.params.items():
        kinds = q.entities.get(k)
        what = f"<{'|'.join(kinds)}>" if kinds else "VALUE"
        parts.append(f"{k}={what} (e.g. {json.dumps(v, ensure_ascii=False)})")
    return ", ".join(parts) or "no parameters"


def check_parameters(q: SavedQuery, given: dict[str, Any], use_examples: bool = False) -> dict[str, Any]:
    """The parameters to bind: ``given`` checked against what ``q`` takes.

    Raises :class:`ParameterError` naming the parameters the query takes when one given is unknown,
    or one it takes is missing (unless ``use_examples``: then its example value is used).
    """
    unknown = sorted(set(given) - set(q.params))
    if unknown:
        raise ParameterError(f"query {q.name!r} takes no parameter {', '.join(unknown)}; "
                             f"it takes {describe_parameters(q)}")
    missing = [k for k in q.params if k not in given]
    if missing and not use_examples:
        raise ParameterError(f"query {q.name!r} needs --param {', '.join(missing)}; it takes {describe_parameters(q)}"
                             " (or --examples to use the example values)")
    out = dict(given)
    for k in missing:
        out[k] = q.params[k]
    return out


def check_adhoc(text: str, given: dict[str, Any]) -> None:
    """An ad-hoc Cypher text must be given every ``$name`` it uses, and nothing else."""
    used = cypher_parameters(text)
    missing = [k for k in used if k not in given]
    unknown = sorted(set(given) - set(used))
    if missing:
        raise ParameterError(f"the query uses ${', $'.join(missing)}: give --param {missing[0]}=VALUE")
    if unknown:
        takes = ", ".join("$" + k for k in used) or "no parameters"
        raise ParameterError(f"the query does not use {', '.join(unknown)}; it takes {takes}")


def resolve_entities(q: SavedQuery, params: dict[str, Any],
                     entries: Sequence[NameEntry] | Callable[[str, Iterable[str] | None], Lookup]) -> dict[str, Any]:
    """``params`` with every entity parameter of ``q`` resolved to the key of the entity it names.

    ``entries``: every name entry, or a resolver (graphkit.engines.name_index.resolver(engine),
    which goes through the store's name index when it is current, with the same answers).

    Names resolve through the one lookup (ids, names, acronyms, aliases, misspellings, any case);
    raises :class:`graphkit.lookup.NameNotFoundError` (exit 3) when a value names nothing or
    several entities about equally (it carries the candidates).
    """
    out = dict(params)
    for k, kinds in q.entities.items():
        value = out.get(k)
        if isinstance(value, str):
            found = entries(value, kinds) if callable(entries) else resolve_name(entries, value, kinds)
            out[k] = found.require().key
    return out
