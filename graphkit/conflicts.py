"""Conflicts are findings: sources that disagree on a single-valued fact, reported by `validate`.

A single-valued fact (``gk:singleValued`` in the ontology: a meeting's date, city or chair, a
document's adoption date) with two values from two sources is not merged and not dropped: the
store keeps both (each in its source's graph), the projection keeps the curated value and carries
every claim in ``<key>Claims`` (graphkit.project), and ``graphkit validate`` lists it here with
both values and their sources. The one function that finds them is
:func:`graphkit.provenance.conflicts`; this module turns them into rows.

Rule (docs/resolution.md): curated outranks vocabulary, which outranks extracted; between equals
the first value in sort order. A partial date does not conflict with a date inside it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypedDict

from graphkit.provenance import Conflict, conflicts
from graphkit.store import Store
from graphkit.vocab import entity_id

CHECK = "sources-disagree"
SEVERITY = "warning"  # a disagreement between sources is news for the analyst, not a broken store


class ConflictRow(TypedDict):
    """One disagreement: the entity, the fact, the value kept, and every value with its source."""

    focus: str
    key: str
    kept: str
    values: list[str]
    sources: list[str]


def _claim_text(value: str, origin: str, source: str) -> str:
    return f"{entity_id(value)} ({origin}: {entity_id(source)})"


def conflict_rows(store: Store, found: Iterable[Conflict] | None = None) -> list[ConflictRow]:
    """Every conflict in the store (or ``found``, already computed) as a row, by entity and key."""
    return [_row(c) for c in (conflicts(store) if found is None else found)]


def _row(c: Conflict) -> ConflictRow:
    values = sorted({_claim_text(cl.value, cl.origin, cl.source) for cl in c.claims})
    return {"focus": entity_id(c.subject), "key": c.key, "kept": entity_id(c.chosen.value), "values": values,
            "sources": sorted({entity_id(cl.source) for cl in c.claims})}


def conflict_problems(store: Store, found: Iterable[Conflict] | None = None) -> list[dict[str, object]]:
    """The conflicts as `graphkit validate` problems (severity warning, check sources-disagree)."""
    out: list[dict[str, object]] = []
    for row in conflict_rows(store, found):
        message = (f"sources disagree on {row['key']}: " + " vs ".join(row["values"])
                   + f"; the graph keeps {row['kept']}")
        out.append({"severity": SEVERITY, "check": CHECK, "focus": row["focus"], "message": message,
                    "sources": row["sources"]})
    return out
