"""The catalogue of saved queries in queries/: one query per file, a comment header on top.

Header lines (``//`` in .cypher, ``#`` in .rq)::

    // name: meetings_of_body
    // description: Meetings of a body in order, with dates, cities and chairs.
    // param: body = "ASEAN Political-Security Community Council"

Parameter examples are JSON values. A Cypher file may carry a variant for one engine after a line
``// variant: embedded`` (or ``neo4j``); the text before it is what every other engine runs.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphkit.errors import QueryError
from graphkit.settings import data_dir

_HEADER = re.compile(r"^\s*(?://|#)\s*(name|description|param|variant)\s*:\s*(.*)$")


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
        else:
            pname, sep, example = value.partition("=")
            example, _, doc = example.partition(" -- ")
            try:
                params[pname.strip()] = json.loads(example.strip()) if sep else None
            except json.JSONDecodeError as exc:
                raise QueryError(f"{path}:{lineno}: parameter example must be a JSON value: {exc}") from None
            docs[pname.strip()] = doc.strip()
    return SavedQuery(name, language, description, path, "\n".join(body).strip(), params, docs,
                      {k: "\n".join(v).strip() for k, v in variants.items()})


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
