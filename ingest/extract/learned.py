"""A learned relation layer: after the rules, score candidate entity pairs and add what they missed.

The rules (:mod:`ingest.extract.rules`) are keyed on wordings and do not carry to new publishers. This
layer looks at every pair of mentions that could stand in one of a few relations (a meeting and a
place in one sentence, a meeting and a date, a person and a post ...), or a mention and the meeting
the document reports, describes the pair by plain features (the words between and around it, the
kinds of mention between, distance, order, whether a rule already stated it) and scores it with a
logistic model per relation. A pair scored at or above its relation's threshold that no rule stated
is added, with its sentence as evidence, as the rules would state it.

The model is data: ``relations.json`` beside this module (weights per feature, bias and threshold per
relation), rebuilt from the real-text corpus by ``scripts/train-relations``. Inference is pure Python
and deterministic: candidates are read in text order and features are sorted strings.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from graphkit.errors import IngestError
from graphkit.terms import C, P
from ingest.extract.model import DOC, Mention

if TYPE_CHECKING:
    from ingest.extract.extractor import Extractor, Segment

WEIGHTS = Path(__file__).with_name("relations.json")
FORMAT = 1
# the relations the layer may add (the annotation guide's predicate names, as `graphkit evaluate` maps them)
PREDICATES = ("HELD_IN", "HELD_ON", "CHAIRED_BY", "SPOKE_AT", "HOLDS_POST", "MEMBER_OF")

_PLACES = (C.City, C.MemberState, C.Country)
_TOKEN = re.compile(r"[A-Za-z]+|\d+|[^\w\s]")
# words that cue one relation or another, looked for anywhere in the sentence
CUES = frozenset((
    "held", "hold", "holds", "hosted", "hosts", "host", "convened", "took", "place", "venue", "opened", "chaired",
    "chair", "chairman", "chairmanship", "chairs", "co", "presided", "led", "attended", "attend", "delivered",
    "remarks", "speech", "address", "addressed", "said", "stated", "spoke", "speaking", "told", "noted",
    "member", "members", "membership", "comprises", "comprising", "joined", "groups", "founding", "minister",
    "president", "secretary", "prime", "virtual", "videoconference", "via", "today", "yesterday", "will",
    "upcoming", "next", "last", "previous", "scheduled", "ahead", "during", "sidelines", "on", "in", "at", "from",
    "to", "by", "under", "as", "former",
))


@dataclass(frozen=True)
class Candidate:
    """A pair the layer scores: (subject, predicate, object) entity ids, the sentence and its features."""

    predicate: str
    subject: str
    object: str
    segment: int
    features: tuple[str, ...]


@dataclass(frozen=True)
class Model:
    """Logistic weights per relation, with the threshold a pair must reach to be added."""

    weights: dict[str, dict[str, float]]
    bias: dict[str, float]
    threshold: dict[str, float]

    def score(self, c: Candidate) -> float:
        """The probability the model gives that the text states ``c``."""
        w = self.weights.get(c.predicate)
        if w is None:
            return 0.0
        z = self.bias.get(c.predicate, 0.0) + sum(w.get(f, 0.0) for f in c.features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


_CACHE: dict[Path, Model] = {}


def load_model(path: Path | None = None) -> Model:
    """The model in ``path`` (default: the shipped ``relations.json``), read once per process.

    Raises :class:`IngestError` naming the file when it is missing or not a model of this format.
    """
    path = path or WEIGHTS
    if path in _CACHE:
        return _CACHE[path]
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise IngestError(f"the learned relation model {path} cannot be read ({exc}); rebuild it with "
                          "scripts/train-relations, or extract with learned=False for the rules alone") from None
    try:
        if data["format"] != FORMAT:
            raise ValueError(f"format {data['format']!r}, expected {FORMAT}")
        model = Model({p: {str(f): float(v) for f, v in m["weights"].items()} for p, m in data["predicates"].items()},
                      {p: float(m["bias"]) for p, m in data["predicates"].items()},
                      {p: float(m["threshold"]) for p, m in data["predicates"].items()})
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise IngestError(f"the learned relation model {path} is not a model of format {FORMAT} ({exc}); "
                          "rebuild it with scripts/train-relations, or extract with learned=False for the rules "
                          "alone") from None
    unknown = sorted(set(model.weights) - set(PREDICATES))
    if unknown:
        raise IngestError(f"the learned relation model {path} names relations this layer cannot add: "
                          f"{', '.join(unknown)}")
    _CACHE[path] = model
    return model


# ---------------------------------------------------------------------------------------- what the rules said
def rule_triples(x: Extractor) -> set[tuple[str, str, str]]:
    """The rules' facts as (subject, guide predicate, object), for the predicates this layer adds."""
    out: set[tuple[str, str, str]] = set()
    at: dict[str, set[str]] = {}
    by: dict[str, set[str]] = {}
    member: dict[str, str] = {}
    ends = {(f.subject, f.start): str(f.object) for f in x.out.facts if f.relation == P.endDate}
    for f in x.out.facts:
        o = str(f.object)
        if f.relation == P.location:
            out.add((f.subject, "HELD_IN", o))
        elif f.relation == P.chairState and f.subject.startswith("chairmanship/"):
            out.add((o, "HOLDS_POST", f.subject))
        elif f.relation in (P.chairedBy, P.chairState):
            out.add((f.subject, "CHAIRED_BY", o))
        elif f.relation == P.holds:
            out.add((f.subject, "HOLDS_POST", o))
        elif f.relation == P.deliveredAt:
            at.setdefault(f.subject, set()).add(o)
        elif f.relation == P.deliveredBy:
            by.setdefault(f.subject, set()).add(o)
        elif f.relation == P.member:
            member[f.subject] = o
        elif f.relation == P.startDate and not f.subject.startswith("membership/"):
            end = ends.get((f.subject, f.start))
            out.add((f.subject, "HELD_ON", f"date:{o}/{end}" if end else f"date:{o}"))
    for f in x.out.facts:
        if f.relation == P.membershipOf and f.subject in member:
            out.add((member[f.subject], "MEMBER_OF", str(f.object)))
    for remarks, meetings in at.items():
        out.update((person, "SPOKE_AT", m) for person in by.get(remarks, ()) for m in meetings)
    return out


# ---------------------------------------------------------------------------------------- candidates
def _pairs(ms: list[Mention]) -> Iterator[tuple[str, Mention, Mention]]:
    """(predicate, subject, object) mention pairs of one sentence whose kinds fit a relation."""
    for a in ms:
        for b in ms:
            if a is b or a.entity == b.entity:
                continue
            if a.kind == C.Meeting:
                if b.kind in _PLACES:
                    yield "HELD_IN", a, b
                if b.kind == "Date":
                    yield "HELD_ON", a, b
                if b.kind in (C.Person, C.MemberState):
                    yield "CHAIRED_BY", a, b
            elif a.kind == C.Person:
                if b.kind == C.Meeting:
                    yield "SPOKE_AT", a, b
                elif b.kind == C.Post:
                    yield "HOLDS_POST", a, b
            elif a.kind == C.MemberState:
                if b.entity == "org/asean":
                    yield "MEMBER_OF", a, b
                elif b.kind == C.Chairmanship:
                    yield "HOLDS_POST", a, b


# what a mention may be to a meeting the sentence does not name
_OUTSIDE = {C.City: ("HELD_IN",), C.Country: ("HELD_IN",), C.MemberState: ("HELD_IN", "CHAIRED_BY"),
            "Date": ("HELD_ON",), C.Person: ("CHAIRED_BY",)}


def _bucket(n: int) -> str:
    return str(n) if n < 3 else "3-5" if n <= 5 else "6-10" if n <= 10 else "11-20" if n <= 20 else "21+"


def _tokens(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(text)]


def _date_kind(m: Mention) -> list[str]:
    value = m.entity.removeprefix("date:")
    out = ["drange" if "/" in value else "dday"]
    if value.startswith("--"):
        out.append("dpartial")
    elif len(value.split("/")[0]) == 7:
        out.append("dmonth")
    if not re.search(r"\d{4}", m.text):
        out.append("dnoyear")
    return out


def _known(x: Extractor, pred: str, sid: str, oid: str) -> str:
    """What the curated graph already says of the pair: agrees, says otherwise, or nothing."""
    if pred in ("HELD_IN", "HELD_ON"):
        info = x.gaz.meetings.get(sid)
        said = (info.location if pred == "HELD_IN" else info.start) if info else None
        if said is None:
            return "kb:none"
        value = oid.removeprefix("date:").split("/")[0]
        return "kb:agrees" if said == oid or said == value or said[4:] == value[1:] else "kb:other"
    if pred == "HOLDS_POST" and not oid.startswith("chairmanship/"):
        posts = x.gaz.holds.get(sid)
        return "kb:none" if not posts else "kb:agrees" if oid in posts else "kb:other"
    if pred == "SPOKE_AT":
        return "kb:agrees" if x.gaz.delivered.get((oid, sid)) else "kb:none"
    return "kb:none"


def _features(x: Extractor, seg: Segment, index: int, pred: str, s: Mention | None, o: Mention, sid: str,
              said: set[tuple[str, str, str]], subjects: set[tuple[str, str]], objects: set[tuple[str, str]],
              main: set[str], cues: list[str]) -> tuple[str, ...]:
    """The features of one candidate; ``s`` is None when the subject is a meeting the sentence does not
    name (the meeting the document reports)."""
    text, off, ms = seg.text, seg.offset, seg.mentions
    f = {"bias", f"ko:{o.kind}", f"si:{min(index, 3)}", _known(x, pred, sid, o.entity), *cues}
    if (sid, pred, o.entity) in said:
        f.add("rule")
    if (sid, pred) in subjects:
        f.add("rule-subject")
    if (pred, o.entity) in objects:
        f.add("rule-object")
    if sid in main:
        f.add("main")
    if o.kind == "Date":
        f.update(_date_kind(o))
    before_o = _tokens(text[max(0, o.start - off - 30):o.start - off])[-2:]
    after_o = _tokens(text[o.end - off:o.end - off + 30])[:2]
    f.update(f"o-{i}:{t}" for i, t in enumerate(reversed(before_o), 1))
    f.update(f"o+{i}:{t}" for i, t in enumerate(after_o, 1))
    if s is None:
        f.add("outside")
        f.add(f"outside-meetings:{_bucket(sum(1 for m in ms if m.kind == C.Meeting))}")
        others = [m for m in ms if m.kind == o.kind and m.entity != o.entity]
        f.add(f"outside-same:{_bucket(len(others))}")
        return tuple(sorted(f))
    f.add(f"ks:{s.kind}")
    first, last = (s, o) if s.start < o.start else (o, s)
    f.add("order:so" if first is s else "order:os")
    gap = text[first.end - off:last.start - off]
    between = _tokens(gap)
    f.add(f"gap:{_bucket(len(between))}")
    if len(between) <= 10:
        f.update(f"b:{t}" for t in between)
    else:
        f.update(f"b:{t}" for t in between[:5] + between[-5:])
        f.add("gap-long")
    if between:
        f.add(f"bf:{between[0]}")
        f.add(f"bl:{between[-1]}")
        f.add(f"bb:{'_'.join(between[:2])}")
    else:
        f.add("b-none")
    inside = [m for m in ms if first.end <= m.start and m.end <= last.start]
    f.update(f"mb:{m.kind}" for m in inside)
    f.add(f"mbn:{_bucket(len(inside))}")
    if any(m.kind == s.kind for m in inside):
        f.add("between-same-subject-kind")
    if any(m.kind == o.kind for m in inside):
        f.add("between-same-object-kind")
    before_s = _tokens(text[max(0, s.start - off - 30):s.start - off])[-2:]
    f.update(f"s-{i}:{t}" for i, t in enumerate(reversed(before_s), 1))
    after_s = _tokens(text[s.end - off:s.end - off + 30])[:2]
    f.update(f"s+{i}:{t}" for i, t in enumerate(after_s, 1))
    # is each end the nearest of its kind to the other?
    dist = abs(o.start - s.start)
    if all(abs(m.start - o.start) >= dist for m in ms if m.kind == s.kind and m is not s):
        f.add("nearest-subject")
    if all(abs(m.start - s.start) >= dist for m in ms if m.kind == o.kind and m is not o):
        f.add("nearest-object")
    return tuple(sorted(f))


def iter_candidates(x: Extractor) -> Iterator[Candidate]:
    """Every candidate of the document, in text order: pairs within a sentence; and for a sentence
    naming a place, date, person or state but no meeting, that mention with the meeting the document
    reports and with the meetings the last sentence naming one named (the discourse's current meeting:
    "The Meeting was chaired by X")."""
    said = rule_triples(x)
    subjects = {(s, p) for s, p, _ in said}
    objects = {(p, o) for _, p, o in said}
    main = set(x.state.main_group) or ({x.out.main_meeting} if x.out.main_meeting else set())
    last: list[str] = []
    for index, seg in enumerate(x.segments):
        ms = [m for m in seg.mentions if m.entity and m.entity != DOC]
        if not ms:
            continue
        words = set(_tokens(seg.text))
        cues = [f"cue:{w}" for w in sorted(words & CUES)]
        for pred, s, o in _pairs(ms):
            yield Candidate(pred, s.entity, o.entity, index,
                            _features(x, seg, index, pred, s, o, s.entity, said, subjects, objects, main, cues))
        named = list(dict.fromkeys(m.entity for m in ms if m.kind == C.Meeting))
        if named:
            last = named
            continue
        for mid in sorted(main | set(last)):
            where = [f"outside:{'main' if mid in main else 'last'}", *(["outside:last-too"] if mid in last else [])]
            for o in ms:
                for pred in _OUTSIDE.get(o.kind, ()):
                    yield Candidate(pred, mid, o.entity, index, _features(
                        x, seg, index, pred, None, o, mid, said, subjects, objects, main, [*cues, *where]))
                if o.kind == C.Person:
                    yield Candidate("SPOKE_AT", o.entity, mid, index, _features(
                        x, seg, index, "SPOKE_AT", None, o, mid, said, subjects, objects, main, [*cues, *where]))


# ---------------------------------------------------------------------------------------- adding
def chosen(x: Extractor, model: Model) -> list[Candidate]:
    """The candidates the model adds: at or above their relation's threshold, not stated by a rule,
    each triple once (its first sentence)."""
    said = rule_triples(x)
    out: list[Candidate] = []
    seen: set[tuple[str, str, str]] = set()
    for c in iter_candidates(x):
        key = (c.subject, c.predicate, c.object)
        if key in said or key in seen or c.predicate not in model.threshold:
            continue
        if model.score(c) >= model.threshold[c.predicate]:
            seen.add(key)
            out.append(c)
    return out


def add(x: Extractor, c: Candidate) -> bool:
    """State ``c`` as the rules would, with its sentence as evidence; False when the graph's shapes
    would not take it (a second date for a meeting, a membership the curated graph does not hold)."""
    seg = x.segments[c.segment]
    if c.predicate == "HELD_IN":
        x.fact(seg, c.subject, P.location, c.object)
    elif c.predicate == "HELD_ON":
        value = c.object.removeprefix("date:")
        start, _, end = value.partition("/")
        day = r"(?:\d{4}|-)-\d{2}-\d{2}"
        if not re.fullmatch(day, start) or end and not re.fullmatch(day, end):
            return False   # a month or a year alone is no meeting's date
        if start.startswith("--") and x.gaz.known(c.subject):
            return False   # a day whose year the text never gives: a known meeting keeps its curated date
        if any(f.subject == c.subject and f.relation in (P.startDate, P.endDate) for f in x.out.facts):
            return False   # one date per meeting from one document
        x.fact(seg, c.subject, P.startDate, start)
        if end:
            x.fact(seg, c.subject, P.endDate, end)
    elif c.predicate == "CHAIRED_BY":
        x.fact(seg, c.subject, P.chairedBy if x.kind(c.object) == C.Person else P.chairState, c.object)
    elif c.predicate == "HOLDS_POST" and c.object.startswith("chairmanship/"):
        # a state's ASEAN Chairmanship of a year: the chairmanship has one chair state
        if any(f.subject == c.object and f.relation == P.chairState for f in x.out.facts):
            return False
        x.fact(seg, x.chairmanship(seg, int(c.object.split("/")[1]), c.subject), P.chairState, c.subject)
    elif c.predicate == "HOLDS_POST":
        x.fact(seg, c.subject, P.holds, c.object)
    elif c.predicate == "SPOKE_AT":
        rid = DOC if x.out.kind == C.Remarks else x.remarks(seg, c.object, c.subject, "")
        x.fact(seg, rid, P.deliveredAt, c.object)
        x.fact(seg, rid, P.deliveredBy, c.subject)
    elif c.predicate == "MEMBER_OF":
        if not x.gaz.known(c.subject) or c.object != "org/asean":
            return False   # a known member state's membership; ingest holds it back if the store lacks its day
        mid = f"membership/{c.subject.split('/', 1)[1]}"
        x.fact(seg, mid, "type", C.Membership)
        x.fact(seg, mid, P.member, c.subject)
        x.fact(seg, mid, P.membershipOf, c.object)
    return True


def apply(x: Extractor, model: Model | None = None) -> int:
    """Add the relations the model finds and the rules missed; how many were added."""
    model = model or load_model()
    x.found_by = "relation-layer"   # every fact it adds says so (Fact.found_by, gk:foundBy)
    try:
        return sum(add(x, c) for c in chosen(x, model))
    finally:
        x.found_by = ""
