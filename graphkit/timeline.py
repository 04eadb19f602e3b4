"""Time: partial dates, the ontology's date keys, and what "valid at" a date means.

A source often gives only a year or a month. Such a date is stored with its precision
(xsd:date, xsd:gYearMonth, xsd:gYear) and projected as its first day plus ``<key>Precision``.
A partial date stands for every day it covers, so (docs/time.md, and the comment at the top of
ontologies/graphkit.ttl):

- a fact with a start S and an end E is **valid at** day D when ``first_day(S) <= D <= last_day(E)``:
  a post held from "2018" is valid at 2018-06-01 (and at 2018-01-01); one held until "2019-03"
  is valid at 2019-03-31 and not at 2019-04-01. No start: valid from the beginning; no end: still
  valid. This is the inclusive ("may have held") reading: at the year of a hand-over both holders
  are valid, and every row carries the precision so a reader sees why;
- an **occurrence** (a meeting, a document: ``gk:temporalKind "occurrence"``) exists from the first
  day of its own date on and never stops existing; it has no validity window;
- everything else with a start or end (a membership, a chairmanship, a body founded or dissolved,
  a post held: an Assertion's dates) is valid only between them.

The one list of date keys (for links, lineage and export filters) is ``date_keys()``: the date
properties with a ``gk:dateRank``, in rank order. ``time_keys()`` adds those without a rank
(``endDate``, ``periodEnd``). Nothing here lists a term: roles and ranks are ontology annotations.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Final, Literal

from graphkit.errors import GraphkitError
from graphkit.vocab import XSD, vocabulary

Precision = Literal["day", "month", "year"]
PRECISIONS: Final[tuple[Precision, ...]] = ("day", "month", "year")
PRECISION_SUFFIX: Final = "Precision"
"""A projected partial date ``startDate`` keeps its precision in ``startDatePrecision``."""

_DATATYPE_PRECISION: Final[dict[str, Precision]] = {XSD + "date": "day", XSD + "gYearMonth": "month",
                                                     XSD + "gYear": "year"}
_YEAR = re.compile(r"^(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the day, the month or the year. ``first`` is its first day."""

    first: dt.date
    precision: Precision = "day"

    @property
    def last(self) -> dt.date:
        """The last day the date covers: 2019 -> 2019-12-31, 2018-04 -> 2018-04-30."""
        d = self.first
        if self.precision == "year":
            return dt.date(d.year, 12, 31)
        if self.precision == "month":
            return dt.date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])
        return d

    def __str__(self) -> str:
        if self.precision == "year":
            return f"{self.first.year:04d}"
        if self.precision == "month":
            return f"{self.first.year:04d}-{self.first.month:02d}"
        return self.first.isoformat()

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        """``2018``, ``"2018"``, ``"2018-04"``, ``"2018-04-30"`` or a date; raises ValueError."""
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.datetime):
            return cls(value.date())
        if isinstance(value, dt.date):
            return cls(value)
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 9999:
            return cls(dt.date(value, 1, 1), "year")
        if isinstance(value, str):
            text = value.strip()
            if m := _YEAR.match(text):
                return cls(dt.date(int(m.group(1)), 1, 1), "year")
            if m := _MONTH.match(text):
                return cls(dt.date(int(m.group(1)), int(m.group(2)), 1), "month")
            return cls(dt.date.fromisoformat(text[:10]))
        raise ValueError(f"not a date: {value!r}")

    @classmethod
    def from_literal(cls, lexical: str, datatype: str) -> PartialDate:
        """A partial date from an RDF literal's lexical form and datatype; raises ValueError."""
        precision = _DATATYPE_PRECISION.get(datatype)
        parsed = cls.parse(lexical)
        if precision is not None and precision != parsed.precision:
            raise ValueError(f"{lexical!r} is not an {datatype}")
        return parsed

    @classmethod
    def from_props(cls, props: dict[str, object], key: str) -> PartialDate | None:
        """A projected node's or edge's date ``key`` with its ``<key>Precision`` (None if absent)."""
        value = props.get(key)
        if value is None or value == "":
            return None
        precision = props.get(key + PRECISION_SUFFIX)
        try:
            parsed = cls.parse(value)
        except ValueError:
            return None
        if precision in PRECISIONS and isinstance(value, dt.date):
            return cls(parsed.first, precision)
        return parsed


def parse_day(text: str) -> dt.date:
    """A ``--as-of`` or ``date`` argument: a day, or a month/year meaning its first day.

    Raises GraphkitError with the expected forms for anything else."""
    try:
        return PartialDate.parse(text).first
    except ValueError:
        raise GraphkitError(f"not a date: {text!r} (expected 2016-06-01, 2016-06 or 2016)") from None


# --------------------------------------------------------------------------- keys from the ontology
@cache
def date_keys() -> tuple[str, ...]:
    """The one list of date keys: properties with a ``gk:dateRank``, in rank order (a node's own
    date is the first of these it has)."""
    ranked = [p for p in vocabulary().properties.values() if p.date_rank is not None]
    return tuple(p.key for p in sorted(ranked, key=lambda p: (p.date_rank or 0, p.key)))


@cache
def time_keys() -> tuple[str, ...]:
    """Every property that carries time (a ``gk:timeRole``): the date keys, then the rest by key."""
    rest = sorted(p.key for p in vocabulary().properties.values() if p.time_role and p.date_rank is None)
    return (*date_keys(), *rest)


@cache
def keys_with_role(*roles: str) -> tuple[str, ...]:
    """The property keys whose ``gk:timeRole`` is one of ``roles``, in date-key order."""
    v = vocabulary()
    return tuple(k for k in time_keys() if v.properties[k].time_role in roles)


def own_date(props: dict[str, object]) -> PartialDate | None:
    """A node's own date: the first date key it has (held, adopted, signed, issued, founded ...)."""
    for key in date_keys():
        d = PartialDate.from_props(props, key)
        if d is not None:
            return d
    return None


# --------------------------------------------------------------------------- validity
@dataclass(frozen=True)
class Validity:
    """When a fact holds: from ``start`` to ``end`` (None: open on that side)."""

    start: PartialDate | None = None
    end: PartialDate | None = None

    def valid_at(self, day: dt.date) -> bool:
        """True when the fact holds at ``day`` (inclusive reading of partial dates)."""
        return (self.start is None or self.start.first <= day) and (self.end is None or day <= self.end.last)

    @property
    def bounded(self) -> bool:
        """True when at least one side is known."""
        return self.start is not None or self.end is not None


ALWAYS: Final = Validity()


def node_validity(kind: str, props: dict[str, object]) -> Validity:
    """When a node exists, from its projected properties.

    An occurrence (event, document) exists from its own date on, for good. Anything else is
    valid from its start (``timeRole`` start or founded) to its end (``timeRole`` end), or for
    its ``year`` (a Chairmanship) when it has neither."""
    if vocabulary().is_occurrence(kind):
        return Validity(own_date(props), None)
    start = next((d for k in keys_with_role("start", "founded") if (d := PartialDate.from_props(props, k))), None)
    end = next((d for k in keys_with_role("end") if (d := PartialDate.from_props(props, k))), None)
    if start is None and end is None:  # a Chairmanship holds for its year
        year = next((d for k in keys_with_role("year") if (d := PartialDate.from_props(props, k))), None)
        return Validity(year, year)
    return Validity(start, end)


def edge_validity(props: dict[str, object]) -> Validity:
    """When a relationship holds: its qualifying dates (an Assertion's start and end), else always."""
    start = next((d for k in keys_with_role("start") if (d := PartialDate.from_props(props, k))), None)
    end = next((d for k in keys_with_role("end") if (d := PartialDate.from_props(props, k))), None)
    return Validity(start, end)


AS_OF_PARAMETERS: Final = ("as_of", "date")
"""Names a saved query may give its date parameter; ``--as-of`` fills the first one it takes."""


def fill_as_of(takes: Iterable[str], given: dict[str, object], day: dt.date) -> dict[str, object]:
    """``given`` with the query's date parameter set to ``day`` when the query takes one and it
    was not given (an explicit ``--param`` wins)."""
    names = set(takes)
    out = dict(given)
    for name in AS_OF_PARAMETERS:
        if name in names:
            out.setdefault(name, day.isoformat())
            break
    return out


# ---------------------------------------------------------------------------------------- rows
DATE_PRECISION_COLUMN: Final = "date" + PRECISION_SUFFIX
"""A saved query's column giving the precision of its first date column (``datePrecision``)."""


def as_given(rows: list[dict[str, Any]], cols: Sequence[str]) -> list[dict[str, Any]]:
    """Rows whose partial dates read as the source gave them ("2019", "2018-04"), not as a first day.

    A date column ``X`` is paired with ``XPrecision`` (``startDatePrecision``), or the first
    date column with a ``datePrecision`` column; the precision column itself is kept.
    """
    pairs = {c: c + PRECISION_SUFFIX for c in cols if c + PRECISION_SUFFIX in cols}
    if not pairs and DATE_PRECISION_COLUMN not in cols:
        return rows
    out: list[dict[str, Any]] = []
    for r in rows:
        row = dict(r)
        todo = dict(pairs)
        if DATE_PRECISION_COLUMN in cols:
            first = next((c for c in cols if isinstance(row.get(c), (dt.date, str)) and c not in pairs
                          and c != DATE_PRECISION_COLUMN and _looks_like_date(row.get(c))), None)
            if first is not None:
                todo[first] = DATE_PRECISION_COLUMN
        for c, pc in todo.items():
            precision = row.get(pc)
            if precision in PRECISIONS and row.get(c) not in (None, ""):
                try:
                    row[c] = str(PartialDate(PartialDate.parse(row[c]).first, precision))
                except ValueError:
                    pass  # not a date after all: shown as it is
        out.append(row)
    return out


def _looks_like_date(value: Any) -> bool:
    if isinstance(value, dt.date):
        return True
    return isinstance(value, str) and len(value) >= 10 and value[4] == "-" and value[:4].isdigit()
