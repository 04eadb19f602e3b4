"""What the graph knows and what it does not: ordinals per meeting series and counts per family.

An analyst reads this before trusting an absence. For each body that has numbered meetings it
lists the ordinals present, the gaps (ordinals missing between the first and the last present, or
within the series' stated scope) and the meetings that lack a date, a city or a
chair person. For each family (meetings, people, posts, post-holdings, documents, ...) it counts
the records and how many carry the dates that make them usable "as of" a day.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from graphkit.project import Edge, Node, Projection, project
from graphkit.store import Store
from graphkit.terms import C, P, R

Scope = Mapping[str, "tuple[int, int] | None"]

SCOPE: Scope = {
    "body/asean-summit": (26, 49),
    "body/apsc-council": (13, 30),
    "body/amm": (48, 58),
    "body/acc": None,
    "body/ammtc": None,
    "body/admm": None,
    "body/admm-plus": None,
    "body/aec-council": None,
    "body/ascc-council": None,
}
"""The series an analyst expects (issue 15: 2015-2026), listed even when the graph holds none of
their meetings, with the ordinals each should cover where known; ordinals outside that range are
listed as present but never as gaps. A series without a range (or not named here) is judged
between its first and last ordinal present."""


@dataclass(frozen=True)
class SeriesCoverage:
    """The numbered meetings of one body."""

    body: str
    name: str
    present: tuple[int, ...]
    gaps: tuple[int, ...]
    unnumbered: int = 0
    without_date: tuple[int, ...] = ()
    without_city: tuple[int, ...] = ()
    without_chair: tuple[int, ...] = ()


@dataclass(frozen=True)
class FamilyCount:
    """How many records of one family the graph holds, and how many of them are dated."""

    family: str
    count: int
    dated: int | None = None
    note: str = ""


@dataclass(frozen=True)
class Coverage:
    """Series coverage and family counts of one store."""

    series: tuple[SeriesCoverage, ...]
    families: tuple[FamilyCount, ...]
    scope: Scope = field(default_factory=dict)


def ranges(numbers: Iterable[int]) -> str:
    """``1, 2, 3, 5, 7, 8`` as ``1-3, 5, 7-8``; empty as ``-``."""
    nums = sorted(set(numbers))
    if not nums:
        return "-"
    runs: list[list[int]] = []
    for n in nums:
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    parts = [str(a) if a == b else f"{a}-{b}" for a, b in runs]
    return ", ".join(parts)


def _targets(edges: Iterable[Edge], rel: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for e in edges:
        if e.type == rel:
            out[e.source].add(e.target)
    return out


def series_coverage(proj: Projection, scope: Scope | None = None
                    ) -> list[SeriesCoverage]:
    """One entry per body with at least one meeting, in body-key order."""
    scope = SCOPE if scope is None else scope
    meeting_of = _targets(proj.edges, R.MEETING_OF)
    located = _targets(proj.edges, R.LOCATION)
    chaired = _targets(proj.edges, R.CHAIRED_BY)
    by_body: dict[str, list[Node]] = defaultdict(list)
    for node in proj.iter_nodes():
        if C.Meeting in node.labels:
            for body_of in meeting_of.get(node.id, ()):
                by_body[body_of].append(node)
    keys = {n.id: str(n.props.get("key", n.id)) for n in proj.nodes.values()}
    key_to_id = {k: i for i, k in keys.items()}
    for body_key in scope:
        if body_key in key_to_id:
            by_body.setdefault(key_to_id[body_key], [])
    out: list[SeriesCoverage] = []
    for body_id, meetings in by_body.items():
        body = proj.nodes.get(body_id)
        key = keys.get(body_id, body_id)
        numbered = [(m.props[P.ordinal], m) for m in meetings if isinstance(m.props.get(P.ordinal), int)]
        present = sorted({n for n, _ in numbered})
        stated = scope.get(key)
        low, high = stated if stated else (min(present), max(present)) if present else (0, -1)
        gaps = tuple(n for n in range(low, high + 1) if n not in present)
        out.append(SeriesCoverage(
            body=key,
            name=str(body.props.get(P.name, key)) if body else key,
            present=tuple(present),
            gaps=gaps,
            unnumbered=len(meetings) - len(numbered),
            without_date=tuple(sorted({n for n, m in numbered if m.props.get(P.startDate) is None})),
            without_city=tuple(sorted({n for n, m in numbered if not located.get(m.id)})),
            without_chair=tuple(sorted({n for n, m in numbered if not chaired.get(m.id)})),
        ))
    return sorted(out, key=lambda s: s.body)


def family_counts(proj: Projection) -> list[FamilyCount]:
    """Counts per family; ``dated`` is how many carry a start date (meetings, holdings), a year
    (chairmanships) or a date of adoption, issue or signature (documents; by most specific label)."""
    labels: dict[str, list[Node]] = defaultdict(list)
    for node in proj.iter_nodes():
        for label in node.labels:
            labels[label].append(node)
    holds = [e for e in proj.edges if e.type == R.HOLDS]
    doc_dates = (P.adoptedOn, P.issued, P.signedOn, P.startDate, P.year)

    def dated(nodes: list[Node], props: tuple[str, ...]) -> int:
        return sum(1 for n in nodes if any(n.props.get(p) is not None for p in props))

    out = [
        FamilyCount("meetings", len(labels[C.Meeting]), dated(labels[C.Meeting], (P.startDate,))),
        FamilyCount("bodies", len(labels[C.Body])),
        FamilyCount("member states", len(labels[C.MemberState])),
        FamilyCount("memberships", len(labels[C.Membership]), dated(labels[C.Membership], (P.startDate,))),
        FamilyCount("chairmanships", len(labels[C.Chairmanship]), dated(labels[C.Chairmanship], (P.year, P.startDate))),
        FamilyCount("people", len(labels[C.Person])),
        FamilyCount("posts", len(labels[C.Post])),
        FamilyCount("post-holdings", len(holds), sum(1 for e in holds if e.props.get(P.startDate) is not None),
                    f"{sum(1 for e in holds if e.props.get(P.endDate) is not None)} with an end date"),
        FamilyCount("documents", len(labels[C.Document]), dated(labels[C.Document], doc_dates)),
    ]
    kinds: dict[str, list[Node]] = defaultdict(list)
    for n in labels[C.Document]:
        kinds[n.labels[0]].append(n)
    for kind, nodes in sorted(kinds.items()):
        out.append(FamilyCount(f"documents: {kind}", len(nodes), dated(nodes, doc_dates)))
    return out


def coverage_of(proj: Projection, scope: Scope | None = None) -> Coverage:
    """Coverage of a projection (``scope`` defaults to :data:`SCOPE`)."""
    used = SCOPE if scope is None else scope
    return Coverage(tuple(series_coverage(proj, used)), tuple(family_counts(proj)), dict(used))


def coverage(store: Store, scope: Scope | None = None) -> Coverage:
    """Coverage of the store as the property-graph projection sees it."""
    return coverage_of(project(store), scope)


COLUMNS = ["kind", "name", "count", "dated", "present", "gaps", "without date", "without city", "without chair"]


def coverage_rows(cov: Coverage) -> list[dict[str, object]]:
    """Rows for a table: one per meeting series, then one per family."""
    rows: list[dict[str, object]] = []
    for s in cov.series:
        rows.append({"kind": "series", "name": s.body, "count": len(s.present) + s.unnumbered,
                     "dated": len(s.present) - len(s.without_date), "present": ranges(s.present),
                     "gaps": ranges(s.gaps), "without date": ranges(s.without_date),
                     "without city": ranges(s.without_city), "without chair": ranges(s.without_chair)})
    for f in cov.families:
        rows.append({"kind": "family", "name": f.family, "count": f.count, "dated": f.dated,
                     "present": f.note or None})
    return rows
