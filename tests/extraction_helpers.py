"""What the extractor's tests share: a gazetteer made by hand, the context of a text, and what an
extraction states or mentions. Imported by name (``from extraction_helpers import rel``), as
tests/remote.py is: pytest puts tests/ on the import path."""

from __future__ import annotations

from ingest.extract import Context, Extraction, extract
from ingest.gazetteer import Gazetteer, MeetingInfo


# ---------------------------------------------------------------------------------------- gazetteer
def asean_gazetteer() -> Gazetteer:
    """A gazetteer that knows ASEAN (by its name and acronym) and nothing else yet."""
    g = Gazetteer()
    g.add("org/asean", "Organization", "Association of Southeast Asian Nations", ["ASEAN"])
    return g


def add_meeting(g: Gazetteer, mid: str, name: str, body: str, ordinal: int, start: str,
                location: str | None = None) -> None:
    """A known meeting of ``body``: its name, number, first day and place."""
    g.add(mid, "Meeting", name)
    g.add_meeting(MeetingInfo(mid, body, ordinal, start, location))


# ---------------------------------------------------------------------------------------- texts
def ctx(date: str = "2024-10-08", title: str = "") -> Context:
    """A news report published on ``date``, with ``title``."""
    return Context(title, "NewsReport", date)


def read(text: str, gaz: Gazetteer, date: str = "2030-03-01") -> Extraction:
    """The extraction of ``text``, a text of ``date`` of no stated kind or title."""
    return extract(text, gaz, Context(date=date))


def mentioned(text: str, gaz: Gazetteer, kind: str, date: str = "2030-03-01") -> dict[str, str]:
    """Mention text -> entity for the mentions of one kind in ``text`` (a text of ``date``)."""
    return said(read(text, gaz, date), kind)


# ---------------------------------------------------------------------------------------- what it gives
def said(ex: Extraction, kind: str) -> dict[str, str]:
    """Mention text -> entity for the mentions of one kind."""
    return {m.text: m.entity for m in ex.mentions if m.kind == kind}


def rel(ex: Extraction, relation: str) -> set[tuple[str, str]]:
    """(subject, object) of every fact of ``relation``, the object as a string."""
    return {(f.subject, str(f.object)) for f in ex.facts if f.relation == relation}


def spoke(ex: Extraction) -> set[tuple[str, str]]:
    """(speaker, meeting) of every speech: the remarks delivered at a meeting and by a speaker."""
    by = dict(rel(ex, "deliveredBy"))
    return {(by[r], m) for r, m in rel(ex, "deliveredAt") if r in by}


def members(ex: Extraction) -> set[str]:
    """The states stated members of ASEAN (a membership's member, of a membership of ASEAN)."""
    member = dict(rel(ex, "member"))
    return {member[m] for m, o in rel(ex, "membershipOf") if o == "org/asean" and m in member}
