"""Dates and ordinals as texts write them: "26-27 May 2025", "May 26, 2025", "29th", "Twenty-Ninth"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as _date

# ---------------------------------------------------------------------------------------- ordinals
_UNITS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
          "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
          "eighteenth", "nineteenth"]
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_TENTHS = {"twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
           "seventieth": 70, "eightieth": 80, "ninetieth": 90}
_WORD_ORDINAL = (r"(?:(?:" + "|".join(_TENS) + r")[- ](?:" + "|".join(_UNITS[:9]) + r")|"
                 + "|".join(sorted(_UNITS + list(_TENTHS), key=len, reverse=True)) + ")")
# "29th", "Twenty-Ninth", and "35 th" (a space some copies put before the suffix)
ORDINAL_RE = re.compile(r"\b(?:(\d{1,3})\s?(?:st|nd|rd|th)|(" + _WORD_ORDINAL + r"))\b", re.IGNORECASE)


def ordinal_value(numeric: str | None, word: str | None) -> int:
    """29 for "29th" or "Twenty-Ninth"."""
    if numeric:
        return int(numeric)
    w = (word or "").lower().replace(" ", "-")
    if w in _TENTHS:
        return _TENTHS[w]
    if "-" in w:
        tens, unit = w.split("-", 1)
        return _TENS[tens] + _UNITS.index(unit) + 1
    return _UNITS.index(w) + 1


def ordinal_suffix(n: int) -> str:
    """"29th", "21st", "42nd"."""
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}" + {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


# ---------------------------------------------------------------------------------------- dates
MONTHS = {m: i + 1 for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july",
                                          "august", "september", "october", "november", "december"])}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
MONTH_RE = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
            r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
_D = r"(\d{1,2})(?:st|nd|rd|th)?"
DATE_PATTERNS = [
    # 26 May - 2 June 2025, from 31 July to 3 August
    ("dm-dm-y", re.compile(rf"\b{_D}\s+({MONTH_RE})\s*(?:-|–|to|until)\s*{_D}\s+({MONTH_RE})(?:,?\s+(\d{{4}}))?\b")),
    # 26-27 May 2025, 26 and 27 May 2025
    ("d-d-m-y", re.compile(rf"\b{_D}\s*(?:-|–|and|to)\s*{_D}\s+(?:of\s+)?({MONTH_RE})(?:,?\s+(\d{{4}}))?\b")),
    # 26 May 2025, 26th of May
    ("d-m-y", re.compile(rf"\b{_D}\s+(?:of\s+)?({MONTH_RE})(?:,?\s+(\d{{4}}))?\b")),
    # July 29 to Aug. 5, 2022
    ("m-d-m-d-y", re.compile(rf"\b({MONTH_RE})\s+{_D}\s*(?:-|–|to|until)\s*({MONTH_RE})\s+{_D}(?:,?\s+(\d{{4}}))?\b")),
    # May 26-27, 2025; March 4 to 6
    ("m-d-d-y", re.compile(rf"\b({MONTH_RE})\s+{_D}\s*(?:-|–|to|until)\s*{_D}(?!\s*(?:st|nd|rd|th)?\s+[A-Z])"
                           rf"(?:,?\s+(\d{{4}}))?\b")),
    # May 26, 2025
    ("m-d-y", re.compile(rf"\b({MONTH_RE})\s+{_D}(?:,?\s+(\d{{4}}))?\b")),
    # October 2024
    ("m-y", re.compile(rf"\b({MONTH_RE})\s+(\d{{4}})\b")),
    # in 2024
    ("y", re.compile(r"\b(?:in|since|during|of|year)\s+((?:19|20)\d{2})\b(?!\s*[-–]\s*\d)")),
]


@dataclass(frozen=True)
class DateMention:
    """A date in the text: start and (for ranges) end, ISO strings of the precision given."""

    start: int
    end: int
    value: str
    until: str | None = None


def _iso(y: int | None, m: int | None = None, d: int | None = None) -> str | None:
    if y is None:
        return None
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    try:
        return _date(y, m, d).isoformat()   # not "November 31" (a typo in a real text)
    except ValueError:
        return None


def _month(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def find_dates(text: str, year: int | None = None, offset: int = 0) -> list[DateMention]:
    """Dates in ``text``; a date without a year takes ``year`` (or is dropped when there is none)."""
    taken: list[tuple[int, int]] = []
    out = []
    for kind, rx in DATE_PATTERNS:
        for m in rx.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            g = m.groups()
            y: int | None
            if kind == "dm-dm-y":
                y = int(g[4]) if g[4] else year
                start, until = _iso(y, _month(g[1]), int(g[0])), _iso(y, _month(g[3]), int(g[2]))
            elif kind == "d-d-m-y":
                y = int(g[3]) if g[3] else year
                start, until = _iso(y, _month(g[2]), int(g[0])), _iso(y, _month(g[2]), int(g[1]))
            elif kind == "d-m-y":
                y = int(g[2]) if g[2] else year
                start, until = _iso(y, _month(g[1]), int(g[0])), None
            elif kind == "m-d-m-d-y":
                y = int(g[4]) if g[4] else year
                start, until = _iso(y, _month(g[0]), int(g[1])), _iso(y, _month(g[2]), int(g[3]))
            elif kind == "m-d-d-y":
                y = int(g[3]) if g[3] else year
                start, until = _iso(y, _month(g[0]), int(g[1])), _iso(y, _month(g[0]), int(g[2]))
            elif kind == "m-d-y":
                if g[0].lower().startswith("may") and g[2] is None:
                    continue  # "may 26" is too often the verb
                y = int(g[2]) if g[2] else year
                start, until = _iso(y, _month(g[0]), int(g[1])), None
            elif kind == "m-y":
                start, until = _iso(int(g[1]), _month(g[0])), None
            else:
                start, until = _iso(int(g[0])), None
            taken.append((m.start(), m.end()))
            if start:
                out.append(DateMention(m.start() + offset, m.end() + offset, start, until))
    return sorted(out, key=lambda d: d.start)

