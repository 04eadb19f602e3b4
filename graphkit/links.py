"""`graphkit links`: how an entity is linked, hop by hop, with dates and sources."""

from __future__ import annotations

from typing import Any

from graphkit.engines import Engine
from graphkit.engines.name_index import resolve
from graphkit.lookup import Lookup, NameNotFoundError
from graphkit.terms import P
from graphkit.timeline import PartialDate, own_date


def find(engine: Engine, text: str) -> Lookup:
    """Resolve a text to an entity through the one lookup; raises NameNotFoundError (exit 3) when
    nothing is near. An ambiguous text comes back with ``best`` unset and the candidates. The
    store's name index answers when it is current (graphkit.engines.name_index), with the same
    answer as scanning every name."""
    match = resolve(engine, text)
    if match.status == "none":
        raise NameNotFoundError(match)
    return match


def _when(props: dict[str, Any]) -> str:
    """A node's own date as given (a year or month stays a year or month: graphkit.timeline)."""
    d = own_date(props)
    return str(d) if d is not None else ""


def _span(props: dict[str, Any]) -> str:
    """A relationship's dates (start - end) as given."""
    parts = [PartialDate.from_props(props, k) for k in (P.startDate, P.endDate)]
    return " - ".join(str(d) for d in parts if d is not None)


def links(engine: Engine, entity: dict[str, Any], depth: int = 1) -> list[dict[str, Any]]:
    """Rows for every link within ``depth`` hops, grouped by hop, relationship and direction."""
    rows: list[dict[str, Any]] = []
    seen = {entity["id"]}
    frontier = [(entity["id"], entity.get("name"))]
    for hop in range(1, depth + 1):
        nxt = []
        for node_id, node_name in frontier:
            for r in engine.neighbours(node_id):
                other, props = r["other"], r["props"] or {}
                span = _span(props)
                rows.append({
                    "depth": hop, "from": node_name, "direction": r["direction"], "relationship": r["type"],
                    "name": other.get("name"), "kind": other.get("kind"), "key": other.get("key"),
                    "date": span or _when(other), "sources": props.get("sources") or [],
                })
                if other.get("id") not in seen:
                    seen.add(other["id"])
                    nxt.append((other["id"], other.get("name")))
        frontier = nxt
    rows.sort(key=lambda r: (r["depth"], r["from"] or "", r["relationship"], r["direction"], r["date"],
                             r["name"] or ""))
    return rows
