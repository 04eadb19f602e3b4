"""Find an entity by name, acronym, alias, id or a misspelling ("Mohamad Hassan" -> Mohamad Hasan).

Works on the rows of ``Engine.names()``, so lookups behave the same on every backend.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from graphkit.vocab import ID_BASE

# exact matches outrank any fuzzy score (fuzzy scores are 0-100)
EXACT_SCORES = {"key": 200.0, "name": 120.0, "acronym": 116.0, "altNames": 112.0, "misspellings": 108.0}
ACCEPT_FUZZY = 80.0
ACRONYM_LEAD = 96.0
# On a tie, a standing entity (a body, a state, a document) is likelier meant than one occurrence.
KIND_BONUS = {"Body": 3.0, "Organization": 3.0, "MemberState": 3.0, "Document": 2.0, "Person": 2.0, "Post": 1.0,
              "City": 1.0, "Meeting": 0.0, "Topic": -1.0, "ConceptScheme": -3.0}
SUGGEST = 70.0  # below this a candidate is a suggestion, not a match


def normalise(text: str) -> str:
    """Case-folded, accents and punctuation dropped, spaces collapsed, leading "the" removed."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"['’`]s\b", "s", text.casefold())
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


@dataclass
class Match:
    """The entity a text resolves to (``best``), or the candidates to choose from."""

    best: dict[str, Any] | None
    candidates: list[tuple[float, dict[str, Any]]] = field(default_factory=list)


def _labels(row: dict[str, Any]) -> list[tuple[str, str]]:
    out = [("key", row.get("key") or ""), ("name", row.get("name") or "")]
    for k in ("acronym", "altNames", "misspellings"):
        out.extend((k, v) for v in (row.get(k) or []))
    return [(k, v) for k, v in out if v]


def _word_cover(query: str, label: str) -> float:
    """How much of the query the label holds: each query word's best fuzzy match, weighted by length."""
    from rapidfuzz import fuzz

    words = label.split()
    qwords = query.split()
    if not words or not qwords:
        return 0.0
    total = sum(len(w) for w in qwords)
    return sum(len(w) * max(fuzz.ratio(w, x) for x in words) for w in qwords) / total


def score(row: dict[str, Any], text: str) -> float:
    """How well a text names this entity: an exact-match score, else a fuzzy one."""
    from rapidfuzz import fuzz

    raw = text.strip()
    if raw in (row.get("id"), row.get("key")) or (raw.startswith(ID_BASE) and raw == row.get("id")):
        return EXACT_SCORES["key"]
    q = normalise(raw)
    best = 0.0
    for kind, label in _labels(row):
        n = normalise(label)
        if not n:
            continue
        if n == q:
            best = max(best, EXACT_SCORES[kind])
        elif kind == "acronym" and n.startswith(q + " "):
            best = max(best, ACRONYM_LEAD)  # "APSC" leads "APSC Council"
        elif kind != "key":
            # every word of the query should be there; shorter labels covering it rank higher
            coverage = min(len(q), len(n)) / max(len(q), len(n))
            best = max(best, min(99.0, _word_cover(q, n) * (0.85 + 0.15 * coverage)))
    if 0 < best < 100:
        best = min(99.0, best + KIND_BONUS.get(row.get("kind") or "", 1.0 if row.get("kind") in _DOCUMENT_KINDS else 0.0))
    return best


_DOCUMENT_KINDS = {"Charter", "Blueprint", "StrategicPlan", "CommunityVision", "Declaration", "Convention",
                   "ChairmansStatement", "JointCommunique", "Statement", "Remarks", "NewsReport", "Report", "WorkPlan"}


def resolve(names: list[dict[str, Any]], text: str, limit: int = 8) -> Match:
    """Rank every entity against ``text``; ``best`` is set when one clearly wins."""
    scored = sorted(((score(r, text), r) for r in names), key=lambda x: (-x[0], x[1].get("name") or ""))
    scored = [(s, r) for s, r in scored if s >= SUGGEST][:limit]
    if not scored:
        return Match(None, [])
    top = scored[0][0]
    runner_up = scored[1][0] if len(scored) > 1 else 0.0
    if top >= 100 and top > runner_up:
        return Match(scored[0][1], scored)
    if top >= ACCEPT_FUZZY and top - runner_up >= 3 and runner_up < 100:
        return Match(scored[0][1], scored)
    return Match(None, scored)


def suggestions(names: list[dict[str, Any]], text: str, limit: int = 5) -> list[str]:
    """The nearest names, for a "did you mean" when nothing matched well enough."""
    from rapidfuzz import fuzz, process

    choices = {r["key"]: r.get("name") or r["key"] for r in names if r.get("key")}
    found = process.extract(normalise(text), {k: normalise(v) for k, v in choices.items()},
                            scorer=fuzz.WRatio, limit=limit)
    return [f"{choices[k]} ({k})" for _, _, k in found]
