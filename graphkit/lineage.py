"""Policy lineage: follow a document forward in time, or a topic across meetings and documents.

``trace_document`` starts at a document (or a meeting) and follows the typed lineage links of the
ontology forward in time: meetings and documents that review it, documents that succeed,
supersede or implement it or that it informs, documents it is aligned with or part of, the
meetings that adopted or signed them, and meetings held in conjunction with a meeting on the way.
``trace_topic`` lists every meeting and document that addressed a topic (or a narrower one, by
``skos:broader``), with who spoke, who chaired and what was adopted there.

Both work on anything with the Engine lookup contract (``names()``, ``neighbours(id)``), so the
same trace comes from the embedded engine, Neo4j or, without any engine, a projection
(:class:`ProjectionGraph`). Every step carries the sources of the link that brought it in and the
evidence sentences when the link was extracted from a document.

Which links are followed, in which direction, is data (``FOLLOW``); how they read are ontology annotations
keyed by the ontology's property keys; relationship types derive from the ontology.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from typing import Any, Protocol

from graphkit.errors import EntityNotFoundError
from graphkit.terms import C, P
from graphkit.vocab import vocabulary

# ---------------------------------------------------------------------------------------- model

# How a link reads (subject -> object, object <- subject): the ontology's gk:phrase annotations.
def phrases() -> dict[str, tuple[str, str]]:
    """Property key -> (how it reads from the subject, from the object): "reviews" / "reviewed by"."""
    return _phrases()


@cache
def _phrases() -> dict[str, tuple[str, str]]:
    return vocabulary().phrases()


# The links trace_document follows from a step to the next: (property key, direction). "in":
# the next step is the subject (the 28th meeting reviews the blueprint); "out": the next step is
# the object (the review informs the plan). Every link must also go forward in time.
FOLLOW: tuple[tuple[str, str], ...] = (
    (P.reviews, "in"),
    (P.succeeds, "in"),
    (P.supersedes, "in"),
    (P.informs, "out"),
    (P.implements, "in"),
    (P.implements, "out"),
    (P.alignedWith, "out"),
    (P.alignedWith, "in"),
    (P.partOf, "out"),
    (P.adoptedAt, "out"),
    (P.signedAt, "out"),
    (P.inConjunctionWith, "out"),
    (P.inConjunctionWith, "in"),
)
# Meetings held alongside are context: followed one hop from a meeting that came in by another link.
CONTEXT_ONLY = {P.inConjunctionWith}
# Which link names a step when several connect it to earlier steps (first wins).
PRIORITY = (P.reviews, P.succeeds, P.supersedes, P.informs, P.adoptedAt, P.signedAt, P.implements,
            P.alignedWith, P.partOf, P.inConjunctionWith, P.deliveredAt, P.about, P.addresses, P.mentions)
# Links drawn between steps in pictures (any two steps of a trace they connect).
DRAWN = tuple(PRIORITY)

DATE_KEYS = (P.adoptedOn, P.signedOn, P.issued, P.startDate, P.enteredIntoForce, P.foundingDate)
MEETING_LINKS = (P.adoptedAt, P.signedAt, P.deliveredAt, P.about)  # a document's meeting, in this order
DEFAULT_DEPTH = 6


class Graph(Protocol):
    """What a trace reads: the Engine lookup contract (graphkit.engines.Engine)."""

    def names(self) -> list[dict[str, Any]]: ...

    def neighbours(self, node_id: str) -> list[dict[str, Any]]: ...


@dataclass
class Link:
    """One relationship between two nodes of a trace, as the graph states it."""

    key: str          # ontology property key ("reviews")
    subject: str      # node ids
    object: str
    sources: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    start: str | None = None  # qualifying dates of the fact, when given
    end: str | None = None

    def phrase_from(self, node_id: str) -> str:
        """How the link reads seen from one end ("reviews" from the subject, "reviewed by" from the object)."""
        active, passive = phrases().get(self.key, (self.key, self.key + " (inverse)"))
        return active if node_id == self.subject else passive

    def other(self, node_id: str) -> str:
        return self.object if node_id == self.subject else self.subject

    def as_dict(self, names: dict[str, str]) -> dict[str, Any]:
        return {"relation": self.key, "subject": names.get(self.subject, self.subject),
                "object": names.get(self.object, self.object), "sources": self.sources, "evidence": self.evidence}


@dataclass
class Step:
    """One meeting or document in a trace, in time order."""

    id: str
    key: str
    name: str
    kind: str
    date: dt.date | None = None
    precision: str = "day"
    end: dt.date | None = None
    place: str | None = None
    at: str | None = None              # documents: the meeting that adopted, signed or heard it
    body: str | None = None            # meetings: the body whose meeting this is
    body_short: str | None = None
    ordinal: int | None = None
    series_previous: str | None = None  # meetings: the previous number of the series, or a gap note
    period_end: int | None = None      # documents: the last year a plan covers
    label: str = ""
    family: str = ""                   # the lane a picture draws it in: a body, or a document family
    depth: int = 0
    sort_date: dt.date | None = None
    link: Link | None = None           # the link to an earlier step that names this step's relation
    previous: str | None = None        # that earlier step's id
    node_sources: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)
    chairs: list[str] = field(default_factory=list)
    adopted: list[str] = field(default_factory=list)
    also: list[Link] = field(default_factory=list)  # other links to the same previous step
    start: bool = False
    before: bool = False               # undated, placed just before the step it leads to

    @property
    def shown_date(self) -> str | None:
        """The date as precise as the sources give it: 2025-05-26, 2018-04 or 2019."""
        return show_date(self.date, self.precision)

    @property
    def relation(self) -> str:
        """How this step relates to the previous one ("reviews"; "succeeds, informed by")."""
        if self.start:
            return "start"
        return ", ".join(dict.fromkeys(lk.phrase_from(self.id) for lk in self.joined))

    @property
    def joined(self) -> list[Link]:
        """The naming link and every other link between this step and the same previous step."""
        return ([self.link] if self.link else []) + self.also

    @property
    def sources(self) -> list[str]:
        found = list(dict.fromkeys(src for lk in self.joined for src in lk.sources))
        return found or self.node_sources

    @property
    def evidence(self) -> list[str]:
        return list(dict.fromkeys(q for lk in self.joined for q in lk.evidence))


@dataclass
class Trace:
    """The result of a trace: steps in time order, every link among them, and the window asked for."""

    mode: str                      # "document" or "topic"
    subject: dict[str, Any]        # the start entity (id, key, name, kind)
    steps: list[Step]
    links: list[Link]
    from_year: int | None = None
    to_year: int | None = None
    topics: list[str] = field(default_factory=list)   # topic trace: the topic and narrower ones
    left_out: int = 0                                  # steps outside the window

    def names(self) -> dict[str, str]:
        return {s.id: s.name for s in self.steps}

    def rows(self) -> list[dict[str, Any]]:
        """One plain dict per step (the CLI renders these)."""
        names = self.names()
        out = []
        for i, s in enumerate(self.steps, 1):
            row: dict[str, Any] = {
                "step": i, "date": s.shown_date, "name": s.name, "kind": s.kind, "key": s.key,
                "place": s.place, "at": s.at, "relation": s.relation,
                "previous": names.get(s.previous or "", s.previous) if s.previous else None,
                "sources": s.sources, "evidence": s.evidence,
            }
            if self.mode == "topic":
                row.update(topics=s.topics, speakers=s.speakers, chairs=s.chairs, adopted=s.adopted)
            else:
                row.update(body=s.body, series_previous=s.series_previous, adopted=s.adopted, chairs=s.chairs,
                           links=[lk.as_dict(names) for lk in self.links if s.id in (lk.subject, lk.object)
                                  and lk.other(s.id) in names])
                if self.mode == "back":  # the step this one led to
                    row["leads_to"] = row.pop("previous")
            out.append(row)
        return out


# ---------------------------------------------------------------------------------------- helpers

def show_date(date: dt.date | None, precision: str = "day") -> str | None:
    """A date as precise as it is known."""
    if date is None:
        return None
    if precision == "year":
        return f"{date.year:04d}"
    if precision == "month":
        return f"{date.year:04d}-{date.month:02d}"
    return date.isoformat()


def parse_date(value: Any) -> dt.date | None:
    """A date from an engine value (ISO text or a date); None when it is not one."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}", value):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    if isinstance(value, int) and 1000 <= value <= 9999:
        return dt.date(value, 1, 1)
    return None


def last_day(date: dt.date, precision: str) -> dt.date:
    """The last day a partial date can mean (2018-04 -> 2018-04-30)."""
    if precision == "year":
        return dt.date(date.year, 12, 31)
    if precision == "month":
        nxt = dt.date(date.year + (date.month == 12), date.month % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return date


def node_date(props: dict[str, Any]) -> tuple[dt.date | None, str]:
    """A node's own date (adopted, signed, issued, held ...) and its precision."""
    for k in DATE_KEYS:
        d = parse_date(props.get(k))
        if d is not None:
            return d, str(props.get(k + "Precision") or "day")
    return None, "day"


def ordinal_text(n: int) -> str:
    """1st, 2nd, 3rd, 4th ... 11th, 12th, 13th, 21st."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def short_name(props: dict[str, Any], limit: int = 40) -> str:
    """A label for pictures: the name if short, else the most telling alias that fits."""
    name = str(props.get("name") or props.get("key") or "")
    if len(name) <= limit:
        return name
    aliases = [a for a in [*(props.get(P.altNames) or []), *(props.get(P.acronym) or [])] if len(a) <= limit]
    if aliases:
        return str(max(aliases, key=lambda a: (sum(c.isdigit() for c in a) > 0, len(a))))
    cut = name[:limit - 1].rsplit(" ", 1)[0]
    return cut + "…"


def _document_kinds() -> set[str]:
    return set(vocabulary().subclasses(C.Document))


def _rel_keys() -> dict[str, str]:
    """Relationship type -> ontology property key, for every object property."""
    return {p.rel_type: p.key for p in vocabulary().properties.values() if p.is_object}


# ---------------------------------------------------------------------------------------- graph access

class Cached:
    """Neighbours and node properties of a Graph, each read once."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.rel_keys = _rel_keys()
        self._nb: dict[str, list[dict[str, Any]]] = {}
        self.props: dict[str, dict[str, Any]] = {}

    def neighbours(self, node_id: str) -> list[dict[str, Any]]:
        """Rows with key (property key), direction, other (props) and props (relationship props)."""
        if node_id not in self._nb:
            rows = []
            for r in self.graph.neighbours(node_id):
                key = self.rel_keys.get(r["type"])
                other = r.get("other") or {}
                if key is None or not other.get("id"):
                    continue
                self.props.setdefault(other["id"], other)
                rows.append({"key": key, "direction": r["direction"], "other": other, "props": r.get("props") or {}})
            rows.sort(key=lambda r: (r["key"], r["direction"], str(r["other"].get("key"))))
            self._nb[node_id] = rows
        return self._nb[node_id]

    def linked(self, node_id: str, key: str, direction: str) -> list[dict[str, Any]]:
        return [r for r in self.neighbours(node_id) if r["key"] == key and r["direction"] == direction]

    def link(self, node_id: str, row: dict[str, Any]) -> Link:
        """The Link a neighbour row stands for."""
        other = row["other"]["id"]
        s, o = (node_id, other) if row["direction"] == "out" else (other, node_id)
        p = row["props"]
        return Link(row["key"], s, o, list(p.get("sources") or []), list(p.get("quotes") or []),
                    p.get(P.startDate), p.get(P.endDate))


class ProjectionGraph:
    """The lookup contract over a projection (graphkit.project), for tracing without an engine."""

    name = "projection"

    def __init__(self, proj: Any) -> None:
        from graphkit.engines import plain

        self._plain = plain
        self.nodes = {k: n.props for k, n in proj.nodes.items()}
        self.adj: dict[str, list[tuple[str, str, str, dict[str, Any]]]] = defaultdict(list)
        for e in proj.edges:
            self.adj[e.source].append(("out", e.type, e.target, e.props))
            self.adj[e.target].append(("in", e.type, e.source, e.props))

    def names(self) -> list[dict[str, Any]]:
        keys = ("id", "key", "name", "kind", P.altNames, P.acronym, P.misspellings)
        return [{k: p.get(k) for k in keys} for p in self.nodes.values()]

    def neighbours(self, node_id: str) -> list[dict[str, Any]]:
        return [{"direction": d, "type": t,
                 "other": self._plain({k: v for k, v in self.nodes[o].items() if v is not None}),
                 "props": self._plain({k: v for k, v in p.items() if v is not None})}
                for d, t, o, p in self.adj.get(node_id, [])]

    def node(self, node_id: str) -> dict[str, Any]:
        return dict(self._plain({k: v for k, v in self.nodes[node_id].items() if v is not None}))

    def close(self) -> None:
        pass


def node_props(graph: Graph, node_id: str) -> dict[str, Any]:
    """Every property of one node: from the graph's ``node`` method, else a Cypher lookup."""
    getter = getattr(graph, "node", None)
    if callable(getter):
        return dict(getter(node_id))
    _cols, rows = graph.run("MATCH (n) WHERE n.id = $id RETURN n AS node", {"id": node_id})  # type: ignore[attr-defined]
    if not rows:
        raise EntityNotFoundError(f"no node {node_id}")
    return dict(rows[0]["node"])


# ---------------------------------------------------------------------------------------- resolving

def traceable(row: dict[str, Any], topics: bool = True) -> bool:
    """Documents and meetings start a document trace; topics a topic trace."""
    kind = row.get("kind") or ""
    return kind == C.Meeting or kind in _document_kinds() or (topics and kind == C.Topic)


def find_start(graph: Graph, text: str, kinds: str = "any") -> Any:
    """Resolve a name (alias, acronym, misspelling, key) among traceable entities.

    ``kinds``: "any" (documents, meetings, topics) or "topic". Returns a lookup.Lookup; raises
    EntityNotFoundError with suggestions when nothing is near.
    """
    from graphkit.engines.name_index import resolve
    from graphkit.lookup import NameNotFoundError

    # the traceable kinds (traceable(): meetings, documents of every kind, topics), with acronyms read
    # as from those entities only; through the store's name index when it is current
    wanted = [C.Topic] if kinds == "topic" else [C.Meeting, C.Document, C.Topic]
    match = resolve(graph, text, wanted, own_acronyms=True)
    if match.status == "none":
        raise NameNotFoundError(match, "topic" if kinds == "topic" else "document, meeting or topic")
    return match


# ---------------------------------------------------------------------------------------- steps

def _describe(g: Cached, node_id: str, props: dict[str, Any], doc_kinds: set[str]) -> Step:
    """A step for a node: date, place, meeting, body and series, from the node and its neighbours."""
    date, precision = node_date(props)
    step = Step(id=node_id, key=str(props.get("key") or node_id), name=str(props.get("name") or props.get("key")),
                kind=str(props.get("kind") or ""), date=date, precision=precision,
                node_sources=list(props.get("sources") or []), label=short_name(props))
    end = parse_date(props.get(P.endDate))
    step.end = end
    if step.kind == C.Meeting:
        step.place = _place(g, node_id)
        step.ordinal = props.get(P.ordinal) if isinstance(props.get(P.ordinal), int) else None
        bodies = g.linked(node_id, P.meetingOf, "out")
        if bodies:
            b = bodies[0]["other"]
            step.body = b.get("name")
            acr = b.get(P.acronym) or []
            step.body_short = acr[0] if acr else short_name(b, 24)
            step.family = step.body_short or step.body or "meetings"
            step.series_previous = _series_previous(g, b["id"], step.ordinal)
        if step.ordinal and step.body_short:
            step.label = f"{ordinal_text(step.ordinal)} {step.body_short}"
        step.chairs = sorted({r["other"].get("name") for r in g.linked(node_id, P.chairedBy, "out")} - {None})
        step.adopted = sorted({r["other"].get("name") for k in (P.adoptedAt, P.signedAt)
                               for r in g.linked(node_id, k, "in")} - {None})
        speakers = set()
        for r in g.linked(node_id, P.deliveredAt, "in"):
            speakers |= {x["other"].get("name") for x in g.linked(r["other"]["id"], P.deliveredBy, "out")}
        step.speakers = sorted(speakers - {None})
    elif step.kind in doc_kinds:
        step.period_end = props.get(P.periodEnd) if isinstance(props.get(P.periodEnd), int) else None
        for k in MEETING_LINKS:
            rows = g.linked(node_id, k, "out")
            if rows:
                m = rows[0]["other"]
                step.at = m.get("name")
                step.place = _place(g, m["id"])
                if step.date is None:
                    step.date, step.precision = node_date(m)
                break
        step.speakers = sorted({r["other"].get("name") for r in g.linked(node_id, P.deliveredBy, "out")} - {None})
        step.family = document_family(step.kind)
    return step


def _place(g: Cached, meeting_id: str) -> str | None:
    for key in (P.location, P.heldAt):
        rows = g.linked(meeting_id, key, "out")
        if rows:
            return str(rows[0]["other"].get("name"))
    return None


def _series_previous(g: Cached, body_id: str, ordinal: int | None) -> str | None:
    """The meeting numbered one less in the same body's series; a note when it is not recorded."""
    if not ordinal or ordinal <= 1:
        return None
    prev = [r["other"] for r in g.linked(body_id, P.meetingOf, "in") if r["other"].get(P.ordinal) == ordinal - 1]
    if not prev:
        return f"no. {ordinal - 1} not recorded"
    names = sorted(str(p.get("name")) for p in prev)
    return "; ".join(names)


def document_family(kind: str) -> str:
    """The family a document kind belongs to (the lane of a picture; the ontology's gk:family)."""
    return vocabulary().families().get(kind, "Other documents")


def _forward(cur: Step, nxt: Step) -> bool:
    """True when ``nxt`` does not lie wholly before ``cur`` (either undated counts as forward)."""
    if cur.date is None or nxt.date is None:
        return True
    nxt_last = max(last_day(nxt.date, nxt.precision), nxt.end or nxt.date)
    return nxt_last >= cur.date


def _in_window(step: Step, from_year: int | None, to_year: int | None) -> bool:
    """Within the years asked for; an undated step is judged by where it is placed."""
    when = step.date or step.sort_date
    if when is None:
        return True
    if to_year is not None and when.year > to_year:
        return False
    last = last_day(step.date, step.precision) if step.date else when
    return not (from_year is not None and last.year < from_year)


def _links_among(g: Cached, ids: Iterable[str], keys: Iterable[str]) -> list[Link]:
    wanted, members = set(keys), set(ids)
    out: dict[tuple[str, str, str], Link] = {}
    for nid in members:
        for r in g.neighbours(nid):
            if r["key"] in wanted and r["other"]["id"] in members and r["other"]["id"] != nid:
                lk = g.link(nid, r)
                out.setdefault((lk.key, lk.subject, lk.object), lk)
    return [out[k] for k in sorted(out)]


def _place_undated(g: Cached, steps: dict[str, Step]) -> None:
    """An undated step goes just before the earliest dated step it leads to (the review that
    informs a plan comes before the plan); failing that, after the step that led to it."""
    for s in steps.values():
        if s.date is not None or s.start:
            continue
        later: list[dt.date] = []
        for key, direction in FOLLOW:
            for r in g.linked(s.id, key, direction):
                d = steps[r["other"]["id"]].date if r["other"]["id"] in steps else None
                if d is not None and (s.sort_date is None or d >= s.sort_date):
                    later.append(d)
        if later:
            s.sort_date, s.before = min(later), True


def _order(steps: list[Step]) -> list[Step]:
    def key(s: Step) -> tuple[Any, ...]:
        tie = 0 if s.before else (1 if s.date is not None else 2)
        return (not s.start, s.sort_date or dt.date.max, tie, s.depth, s.kind == C.Meeting, s.name)

    return sorted(steps, key=key)


def _name_links(steps: list[Step], links: list[Link]) -> None:
    """Give each step the most telling link to a step listed before it."""
    position = {s.id: i for i, s in enumerate(steps)}
    rank = {k: i for i, k in enumerate(PRIORITY)}
    for s in steps:
        if s.start:
            continue
        earlier = [lk for lk in links
                   if s.id in (lk.subject, lk.object) and position.get(lk.other(s.id), 10**9) < position[s.id]]
        if earlier:
            # the most telling relation; then the step nearest the start; then the latest
            best = min(earlier, key=lambda lk: (rank.get(lk.key, 99), steps[position[lk.other(s.id)]].depth,
                                                -position[lk.other(s.id)]))
            s.link, s.previous = best, best.other(s.id)
            s.also = sorted((lk for lk in earlier if lk is not best and lk.other(s.id) == s.previous),
                            key=lambda lk: rank.get(lk.key, 99))


# ---------------------------------------------------------------------------------------- traces

def trace_document(graph: Graph, start: str | dict[str, Any], *, from_year: int | None = None,
                   to_year: int | None = None, max_depth: int = DEFAULT_DEPTH) -> Trace:
    """Follow a document (or a meeting) forward in time along the lineage links.

    Parameters
    ----------
    graph: an Engine (or a ProjectionGraph).
    start: the start node's id, or its row from ``names()`` / a resolve Match.
    from_year, to_year: list only steps in these years (inclusive); steps after ``to_year`` are
        not followed further, steps before ``from_year`` are followed but not listed. The start is
        always listed first.
    max_depth: the most links between the start and a step.

    Returns a Trace whose steps are in time order (undated steps right after the step that led
    to them), each with the link to an earlier step that names its relation.
    """
    g = Cached(graph)
    doc_kinds = _document_kinds()
    start_id = start if isinstance(start, str) else str(start["id"])
    sprops = node_props(graph, start_id)
    first = _describe(g, start_id, sprops, doc_kinds)
    first.start, first.sort_date = True, first.date
    steps: dict[str, Step] = {start_id: first}
    via: dict[str, str] = {start_id: "start"}
    queue: deque[str] = deque([start_id])
    while queue:
        cur_id = queue.popleft()
        cur = steps[cur_id]
        if cur.depth >= max_depth:
            continue
        for key, direction in FOLLOW:
            if key in CONTEXT_ONLY and (cur.kind != C.Meeting or via[cur_id] in CONTEXT_ONLY):
                continue
            for row in g.linked(cur_id, key, direction):
                nid = row["other"]["id"]
                if nid in steps:
                    continue
                nxt = _describe(g, nid, row["other"], doc_kinds)
                if nxt.kind != C.Meeting and nxt.kind not in doc_kinds:
                    continue
                if not _forward(cur, nxt) or (to_year is not None and nxt.date is not None and nxt.date.year > to_year):
                    continue
                nxt.depth = cur.depth + 1
                own = nxt.date
                known = [d for d in (own, cur.sort_date) if d is not None]
                nxt.sort_date = max(known) if known else None
                steps[nid], via[nid] = nxt, key
                queue.append(nid)
    _place_undated(g, steps)
    listed = [s for s in steps.values() if s.start or _in_window(s, from_year, to_year)]
    ordered = _order(listed)
    links = _links_among(g, [s.id for s in ordered], DRAWN)
    _name_links(ordered, links)
    subject = {k: sprops.get(k) for k in ("id", "key", "name", "kind")}
    return Trace("document", subject, ordered, links, from_year, to_year, left_out=len(steps) - len(listed))


def narrower_topics(graph: Graph | Cached, topic_id: str) -> list[dict[str, Any]]:
    """Every topic under a topic (``skos:broader`` followed down), nearest first."""
    g = graph if isinstance(graph, Cached) else Cached(graph)
    seen: dict[str, dict[str, Any]] = {}
    queue = deque([topic_id])
    while queue:
        tid = queue.popleft()
        for r in g.linked(tid, P.broader, "in"):
            oid = r["other"]["id"]
            if oid not in seen and oid != topic_id:
                seen[oid] = r["other"]
                queue.append(oid)
    return list(seen.values())


def trace_topic(graph: Graph, topic: str | dict[str, Any], *, from_year: int | None = None,
                to_year: int | None = None) -> Trace:
    """Every meeting and document that addressed a topic or a narrower one, in time order.

    Each step lists the topics it addressed, the sources and evidence of that, the place, who
    spoke (remarks delivered at a meeting, or a document's speaker), who chaired and what was
    adopted or signed there. Undated steps are listed last, and only when no window is given.
    """
    g = Cached(graph)
    doc_kinds = _document_kinds()
    topic_id = topic if isinstance(topic, str) else str(topic["id"])
    tprops = node_props(graph, topic_id)
    topics = [tprops] + narrower_topics(g, topic_id)
    found: dict[str, Step] = {}
    said: dict[str, list[Link]] = defaultdict(list)
    for t in topics:
        for key in (P.addresses, P.mentions):
            for row in g.linked(t["id"], key, "in"):
                nid = row["other"]["id"]
                if nid not in found:
                    step = _describe(g, nid, row["other"], doc_kinds)
                    if step.kind != C.Meeting and step.kind not in doc_kinds:
                        continue
                    found[nid] = step
                found[nid].topics.append(str(t.get("name")))
                said[nid].append(g.link(nid, row))
    for nid, step in found.items():
        first = said[nid][0]
        step.topics = list(dict.fromkeys(step.topics))
        step.link = Link(first.key, nid, first.object,
                         sorted({src for lk in said[nid] for src in lk.sources}),
                         sorted({q for lk in said[nid] for q in lk.evidence}))
    windowed = from_year is not None or to_year is not None
    listed = [s for s in found.values()
              if (s.date is not None and _in_window(s, from_year, to_year)) or (s.date is None and not windowed)]
    for s in listed:
        s.sort_date = s.date
    ordered = sorted(listed, key=lambda s: (s.date is None, s.date or dt.date.max, s.kind != C.Meeting, s.name))
    for before, after in pairwise(ordered):
        after.previous = before.id  # the topic moves on from one meeting or document to the next
    links = _links_among(g, [s.id for s in ordered], [k for k in DRAWN if k not in (P.addresses, P.mentions)])
    subject = {k: tprops.get(k) for k in ("id", "key", "name", "kind")}
    return Trace("topic", subject, ordered, links, from_year, to_year,
                 topics=[str(t.get("name")) for t in topics], left_out=len(found) - len(listed))


# ---------------------------------------------------------------------------------------- backwards

# What led to a step: (property key, direction from the step). Documents it succeeds or
# supersedes, what informed it, what reviewed it (before the start), what a review reviewed, what
# it implements, and the meetings that adopted or signed it. From the start only: the plans
# adopted to carry it out or aligned with it (the bridge to what informed them).
BACK: tuple[tuple[str, str], ...] = (
    (P.succeeds, "out"),
    (P.supersedes, "out"),
    (P.informs, "in"),
    (P.reviews, "out"),
    (P.reviews, "in"),
    (P.implements, "out"),
    (P.adoptedAt, "out"),
    (P.signedAt, "out"),
)
BACK_FROM_START: tuple[tuple[str, str], ...] = ((P.implements, "in"), (P.alignedWith, "in"))


def _not_after(step: Step, limit: Step) -> bool:
    """True when ``step`` may have come no later than ``limit`` (undated counts as before)."""
    if step.date is None or limit.date is None:
        return True
    return step.date <= max(last_day(limit.date, limit.precision), limit.end or limit.date)


def trace_back(graph: Graph, start: str | dict[str, Any], *, from_year: int | None = None,
               to_year: int | None = None, max_depth: int = DEFAULT_DEPTH) -> Trace:
    """What led to a document or meeting: follow the lineage links backwards in time.

    From the start: the documents it succeeds or supersedes, what informed it, the meetings and
    reports that reviewed it, what those reviewed, what it implements, where it was adopted or
    signed, and (one hop, from the start only) the plans adopted with it to implement it or aligned
    with it, whose own lineage leads further back. No step is later than the start. Steps come in
    time order; each names the step it leads to (``previous``) and how (``relation``, read from the
    step: "informs", "reviews", "adopted at" ...), with the sources of that link.
    """
    g = Cached(graph)
    doc_kinds = _document_kinds()
    start_id = start if isinstance(start, str) else str(start["id"])
    sprops = node_props(graph, start_id)
    first = _describe(g, start_id, sprops, doc_kinds)
    first.start, first.sort_date = True, first.date
    steps: dict[str, Step] = {start_id: first}
    queue: deque[str] = deque([start_id])
    while queue:
        cur_id = queue.popleft()
        cur = steps[cur_id]
        if cur.depth >= max_depth:
            continue
        follow = BACK + (BACK_FROM_START if cur.start else ())
        for key, direction in follow:
            for row in g.linked(cur_id, key, direction):
                nid = row["other"]["id"]
                if nid in steps:
                    continue
                nxt = _describe(g, nid, row["other"], doc_kinds)
                if nxt.kind != C.Meeting and nxt.kind not in doc_kinds:
                    continue
                if not _not_after(nxt, first) or (from_year is not None and nxt.date is not None
                                                  and last_day(nxt.date, nxt.precision).year < from_year):
                    continue
                nxt.depth = cur.depth + 1
                nxt.sort_date = nxt.date
                nxt.link, nxt.previous = g.link(cur_id, row), cur_id
                steps[nid] = nxt
                queue.append(nid)
    _place_undated_back(steps)
    listed = [s for s in steps.values() if s.start or _in_window(s, from_year, to_year)]
    ordered = sorted(listed, key=lambda s: (s.start, s.sort_date or dt.date.max, s.depth, s.name))
    links = _links_among(g, [s.id for s in ordered], DRAWN)
    subject = {k: sprops.get(k) for k in ("id", "key", "name", "kind")}
    return Trace("back", subject, ordered, links, from_year, to_year, left_out=len(steps) - len(listed))


def _place_undated_back(steps: dict[str, Step]) -> None:
    """An undated step goes just before the step it leads to."""
    for s in steps.values():
        if s.date is None and not s.start and s.previous in steps:
            s.sort_date, s.before = steps[s.previous].sort_date or steps[s.previous].date, True
