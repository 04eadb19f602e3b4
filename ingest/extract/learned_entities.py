"""The learned entity layer: a token tagger that adds entity mentions the rules missed, and mends theirs.

The rules of :mod:`ingest.extract.extractor` find mentions by wording; on text from a new publisher
they miss names written in ways no rule foresaw ("Jameson Greer", "the Shanghai Cooperation
Organisation", "Lapu-Lapu City"). This layer reads each sentence as a sequence of tokens and tags
them B/I/O with the annotation guide's entity types, from the word itself (case, shape, affixes),
its neighbours, and the mentions the rules already chose there. It is an averaged perceptron
decoded greedily left to right (plain Python, no numpy): the same text gives the same tags.

What it adds is narrow on purpose: a tagged span of a type in the model's ``act`` list, tagged with
a margin at least the type's threshold, that overlaps no mention the rules chose. What it mends is as
narrow: a tagged span of a type in the model's ``replace`` thresholds, tagged at least that confident,
whose place or type differs from the rule mentions it overlaps (cut too short or too long, or read as
another type), takes their place, unless one of them is a date. Each such span is resolved the way the
rules resolve names (the graph's entity when the gazetteer knows the label, else a new entity with an id
from its natural key: ``person/<name>``, ``org/<name>``, ``place/<name>`` ...), so relation rules see it
like any other mention; a span that cannot be resolved leaves the rules' mentions as they were.

The weights are package data (``entity_tagger.json`` beside this module), rebuilt from the real-text
corpus by ``scripts/train-entities``.
"""

from __future__ import annotations

import json
import re
import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphkit.errors import IngestError
from graphkit.terms import C, P
from graphkit.vocab import slugify
from ingest.extract.lexicon import (
    BODY_HEADS,
    CONNECTORS,
    COUNTRY_RE,
    DOC_HEAD_RE,
    DOC_HEADS,
    HONORIFICS_RE,
    MEETING_HEADS,
    NAME_STOP,
    ORGANISATION_HEADS,
    PORTFOLIO_WORDS,
    not_a_city,
)
from ingest.extract.model import Mention

if TYPE_CHECKING:
    from ingest.extract.extractor import Extractor, Segment

WEIGHTS = Path(__file__).with_name("entity_tagger.json")
"""The shipped model (package data)."""

TYPES = ("Meeting", "Body", "Document", "Person", "Post", "Organisation", "Country", "City", "Topic")
LABELS = ("O", *(f"{p}-{t}" for t in TYPES for p in "BI"))

# the extractor's kinds -> the guide's types (as graphkit evaluate maps them)
TYPE_OF_KIND = {C.Meeting: "Meeting", C.Body: "Body", C.Document: "Document", C.Person: "Person", C.Post: "Post",
                C.Organization: "Organisation", C.MemberState: "Country", C.Country: "Country", C.City: "City",
                C.Topic: "Topic", C.Chairmanship: "Post", "Date": "Date"}

_ORDINAL_RE = re.compile(r"\d{1,3}(?:st|nd|rd|th)|(?i:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
                         r"tenth|eleventh|twelfth)")
_HEADS = {**{w.lower(): "orghead" for w in ORGANISATION_HEADS}, **{w.lower(): "bodyhead" for w in BODY_HEADS},
          **{w.lower(): "meetinghead" for w in MEETING_HEADS}}
_PORTFOLIO = frozenset(w.lower() for w in PORTFOLIO_WORDS)
_LINKS = frozenset(("of", "on", "for", "and", "the", "&", "'s", "’s"))   # words inside a capitalised name

# words: initials ("H.E."), words with inner apostrophes and hyphens ("Lapu-Lapu", "Dato'"), single marks
TOKEN_RE = re.compile(r"[A-Z](?:\.[A-Z])+\.?|[^\W_]+(?:['’\-][^\W_]+)*|[^\w\s]")


@dataclass(frozen=True)
class Token:
    """A token of a sentence, with the guide type and position (B/I) of the rule mention covering it."""

    text: str
    start: int     # in the source text
    end: int
    rule: str      # "B-Person", "I-Document" ... or "O"


@dataclass
class Model:
    """Averaged perceptron weights: feature -> {label index: weight}; what the layer may add (``act``,
    at ``thresholds``) and where it may replace the rules' mentions (``replace``: type -> threshold)."""

    weights: dict[str, dict[int, float]]
    act: tuple[str, ...]
    thresholds: dict[str, float]
    rule_features: bool = True   # the rules' own mentions among the features
    replace: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._dense: dict[str, tuple[float, ...]] | None = None

    def scores(self, feats: list[str]) -> list[float]:
        """The score of every label for these features."""
        if self._dense is None:   # a row of every label per feature: sums in C (zip, sum), not a Python loop
            self._dense = {f: tuple(row.get(li, 0.0) for li in range(len(LABELS))) for f, row in self.weights.items()}
        dense = self._dense
        rows = [dense[f] for f in feats if f in dense]
        return list(map(sum, zip(*rows, strict=True))) if rows else [0.0] * len(LABELS)

    def to_json(self) -> dict[str, Any]:
        """The model as the weights file stores it (sorted: the same model gives the same bytes)."""
        return {"format": 2, "labels": list(LABELS), "rule_features": self.rule_features, "act": list(self.act),
                "thresholds": {k: self.thresholds[k] for k in sorted(self.thresholds)},
                "replace": {k: self.replace[k] for k in sorted(self.replace)},
                "weights": {f: [[li, round(w, 4)] for li, w in sorted(row.items()) if round(w, 4)]
                            for f, row in sorted(self.weights.items())}}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Model:
        """The model of a weights file's contents (raises KeyError/TypeError/ValueError when malformed)."""
        if data.get("format") not in (1, 2) or tuple(data["labels"]) != LABELS:
            raise ValueError("format or labels differ from this version's")
        weights = {str(f): {int(li): float(w) for li, w in row} for f, row in data["weights"].items()}
        return cls(weights, tuple(data["act"]), {str(k): float(v) for k, v in data["thresholds"].items()},
                   bool(data["rule_features"]), {str(k): float(v) for k, v in (data.get("replace") or {}).items()})


@lru_cache(maxsize=4)
def _load(path: Path) -> Model:
    try:
        return Model.from_json(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise IngestError(f"the learned entity layer's weights are missing ({path.name}); "
                          "rebuild them with scripts/train-entities, or extract with entities=False "
                          "(rules alone)") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise IngestError(f"the learned entity layer's weights ({path.name}) cannot be read: {exc}") from None


def load_model(path: Path | None = None) -> Model:
    """The entity tagger's model (the shipped one by default). Raises IngestError when missing or
    unreadable, naming the file and the way back to the rules alone."""
    return _load(path or WEIGHTS)


# ---------------------------------------------------------------------------------------- features
def sentence_tokens(text: str, offset: int, mentions: list[Mention]) -> list[Token]:
    """The tokens of a sentence (``text`` starting at ``offset`` in its source), each with the rule
    mention around it."""
    spans = sorted((m.start, m.end, TYPE_OF_KIND.get(m.kind, "Other")) for m in mentions if m.entity)
    out = []
    for t in TOKEN_RE.finditer(text):
        s, e = t.start() + offset, t.end() + offset
        rule = "O"
        for ms, me, kind in spans:
            if ms <= s and e <= me:
                rule = ("B-" if ms == s else "I-") + kind
                break
        out.append(Token(t.group(0), s, e, rule))
    return out


@lru_cache(maxsize=65536)
def _shape(word: str) -> str:
    shape = re.sub(r"[A-Z]", "X", re.sub(r"[a-z]", "x", re.sub(r"\d", "d", word)))
    shape = re.sub(r"[^\x00-\x7f]", "u", shape)
    return re.sub(r"(.)\1+", r"\1\1", shape)


def token_features(toks: list[Token], rules: bool = True) -> list[list[str]]:
    """The features of each token that do not depend on the tags before it (``rules``: with the
    rule mentions around it)."""
    words = [t.text for t in toks]
    low = [w.lower() for w in words]
    shapes = [_shape(w) for w in words]
    kinds = [t.rule for t in toks]
    n = len(toks)
    runs = _capital_runs(words)

    def at(seq: list[str], i: int) -> str:
        return seq[i] if 0 <= i < n else ("<s>" if i < 0 else "</s>")

    out = []
    for i, w in enumerate(words):
        lw = low[i]
        f = ["b", "w=" + lw, "sh=" + shapes[i], *_word_features(w),
             "w-1=" + at(low, i - 1), "w+1=" + at(low, i + 1), "w-2=" + at(low, i - 2), "w+2=" + at(low, i + 2),
             "sh-1=" + at(shapes, i - 1), "sh+1=" + at(shapes, i + 1),
             "sh-1|sh=" + at(shapes, i - 1) + "|" + shapes[i], "sh|sh+1=" + shapes[i] + "|" + at(shapes, i + 1),
             "w-1|w=" + at(low, i - 1) + "|" + lw]
        if rules:   # no "r=O": outside the rules' mentions the words alone decide (there the rules say nothing)
            f += ["r-1=" + at(kinds, i - 1), "r+1=" + at(kinds, i + 1)]
            if kinds[i] != "O":
                f.append("r=" + kinds[i])
                if i + 1 == n or not kinds[i + 1].startswith("I-"):   # the rule mention ends here
                    f.append("rend=" + kinds[i][2:])
        if i == 0:
            f.append("first")
        run = runs[i]
        if run:   # inside a run of capitalised words (with "of", "on", "and" ... between them): where
            f.append(f"run={min(run[0], 3)}|{min(run[1], 3)}")   # in it, capped, from each end
        if 0 < i < n - 1 and words[i - 1] == "(" and words[i + 1] == ")" and w.isupper():
            f.append("bracket-acronym")
        if i > 0 and _honorific(words[i - 1]):
            f.append("after-honorific")
        out.append(f)
    return out


@lru_cache(maxsize=65536)
def _honorific(word: str) -> bool:
    return bool(HONORIFICS_RE.fullmatch(word) or HONORIFICS_RE.fullmatch(word + "."))


@lru_cache(maxsize=65536)
def _word_features(word: str) -> tuple[str, ...]:
    """What a word says by itself: affixes, case, and the lexicon's lists it is in."""
    lw = word.lower()
    f = ["p3=" + lw[:3], "s3=" + lw[-3:], "s2=" + lw[-2:]]
    if lw in _HEADS:
        f.append(_HEADS[lw])
    if lw in _PORTFOLIO:
        f.append("portfolio")
    if lw in CONNECTORS:
        f.append("connector")
    if _ORDINAL_RE.fullmatch(word):
        f.append("ordinal")
    if word[:1].isupper():
        f.append("cap")
        if lw in NAME_STOP:
            f.append("stopcap")
    if _honorific(word):
        f.append("honorific")
    if COUNTRY_RE.fullmatch(word):
        f.append("country")
    if DOC_HEAD_RE.fullmatch(word):
        f.append("dochead")
    return tuple(f)


def _capital_runs(words: list[str]) -> list[tuple[int, int] | None]:
    """For each word in a run of capitalised words (linked by "of", "on", "and" ...), its place from the
    run's start and from its end, in capitalised words; None outside a run."""
    out: list[tuple[int, int] | None] = [None] * len(words)
    i = 0
    while i < len(words):
        if not words[i][:1].isupper():
            i += 1
            continue
        j, caps = i, [i]
        while j + 1 < len(words):
            if words[j + 1][:1].isupper():
                j += 1
            elif words[j + 1].lower() in _LINKS and j + 2 < len(words) and words[j + 2][:1].isupper():
                j += 2
            elif words[j + 1].lower() in _LINKS and j + 3 < len(words) and words[j + 2].lower() in _LINKS \
                    and words[j + 3][:1].isupper():   # "of the"
                j += 3
            else:
                break
            caps.append(j)
        if len(caps) > 1:
            for k in range(i, j + 1):
                before = sum(1 for c in caps if c < k)
                out[k] = (before, len(caps) - before - (k in caps))
        i = j + 1
    return out


def tag_features(base: list[str], prev: str, prev2: str) -> list[str]:
    """The features that depend on the tags chosen before."""
    return [*base, "t-1=" + prev, "t-2|t-1=" + prev2 + "|" + prev, "t-1|sh=" + prev + "|" + base[2][3:]]


def _allowed(label: str, prev: str) -> bool:
    """BIO: an I- tag continues a span of its own type."""
    return not label.startswith("I-") or prev[2:] == label[2:] and prev != "O"


# the labels that may follow each tag (and the start of a sentence)
_NEXT = {prev: tuple(li for li, lab in enumerate(LABELS) if _allowed(lab, prev)) for prev in ("<s>", *LABELS)}


def decode(model: Model, toks: list[Token]) -> list[tuple[str, float]]:
    """Each token's tag and its margin over the best other tag (greedy, left to right)."""
    out: list[tuple[str, float]] = []
    prev = prev2 = "<s>"
    for base in token_features(toks, model.rule_features):
        scores = model.scores(tag_features(base, prev, prev2))
        best = max(_NEXT[prev], key=lambda li: (scores[li], -li))
        other = max(sc for li, sc in enumerate(scores) if li != best)
        out.append((LABELS[best], scores[best] - other))
        prev2, prev = prev, LABELS[best]
    return out


def spans(toks: list[Token], tags: list[tuple[str, float]]) -> list[tuple[str, int, int, float]]:
    """(type, start, end, confidence) of each tagged span; its confidence is its weakest token's margin."""
    out: list[tuple[str, int, int, float]] = []
    cur: list[Any] | None = None
    for tok, (tag, margin) in zip(toks, tags, strict=True):
        if tag.startswith("I-") and cur is not None and cur[0] == tag[2:]:
            cur[2], cur[3] = tok.end, min(cur[3], margin)
            continue
        if cur is not None:
            out.append((cur[0], cur[1], cur[2], cur[3]))
            cur = None
        if tag != "O":
            cur = [tag[2:], tok.start, tok.end, margin]
    if cur is not None:
        out.append((cur[0], cur[1], cur[2], cur[3]))
    return out


# ---------------------------------------------------------------------------------------- the hook
def add_mentions(x: Extractor, seg: Segment, chosen: list[Mention], model: Model) -> list[Mention]:
    """``chosen`` (the rules' mentions of a sentence) with the mentions the tagger adds and those it
    puts in place of the rules' (see the module's docstring), by start. The title (a segment without a
    place in the text) is left to the rules."""
    if seg.start is None or not (model.act or model.replace):
        return chosen
    toks = sentence_tokens(seg.text, seg.offset, chosen)
    if not toks:
        return chosen
    added, dropped = [], set()
    for gtype, s, e, conf in spans(toks, decode(model, toks)):
        over = overlapping(chosen, s, e)
        if over:
            if conf < model.replace.get(gtype, float("inf")) or not replaceable(over, gtype, s, e):
                continue
        elif gtype not in model.act or conf < model.thresholds.get(gtype, 0.0):
            continue
        m = resolve(x, gtype, s, e, seg.text[s - seg.offset:e - seg.offset], over)
        if m is not None:
            added.append(m)
            dropped |= {id(o) for o in over}
    if not added:
        return chosen
    return sorted([*(m for m in chosen if id(m) not in dropped), *added], key=lambda m: m.start)


def overlapping(chosen: list[Mention], s: int, e: int) -> list[Mention]:
    """The mentions among ``chosen`` that overlap the span ``s``..``e``."""
    return [m for m in chosen if s < m.end and m.start < e]


def replaceable(over: list[Mention], gtype: str, s: int, e: int) -> bool:
    """Whether a tagged span of ``gtype`` may take the place of the rule mentions ``over``: none of
    them is a date or without an entity, and they are not exactly the span with its type already."""
    if any(m.kind == "Date" or not m.entity for m in over):
        return False
    return not (len(over) == 1 and over[0].start == s and over[0].end == e
                and TYPE_OF_KIND.get(over[0].kind) == gtype)


def resolve(x: Extractor, gtype: str, s: int, e: int, said: str, over: list[Mention] | None = None) -> Mention | None:
    """The entity a tagged span names, found or created as the rules would; None when the span
    cannot stand for one (a single-word person the text never named in full, a country the graph
    does not know, a meeting or post the gazetteer lacks). ``over``: the rule mentions the span would
    replace; a meeting, person or post among them keeps its entity under the span's wording, and a
    meeting series (a Body) among them gives a tagged meeting its series, as the rules make a session."""
    said = said.strip(" ,.;:")
    if not said or not said[0].isalnum():
        return None
    gaz = x.gaz
    same = {"Meeting": (C.Meeting,), "Person": (C.Person,), "Post": (C.Post, C.Chairmanship)}.get(gtype, ())
    kept = next((o for o in over or () if o.kind in same and o.entity), None)
    if kept is not None:
        return Mention(kept.entity, kept.kind, s, e, said, kept.parts, kept.rel, dict(kept.data))
    if gtype == "Meeting" and over:
        known = gaz.lookup(said, kinds=(C.Meeting,))
        body = next((o.entity for o in over if o.kind == C.Body and o.entity), None)
        if not known and body:
            return _session(x, body, s, e, said)
    if gtype == "Person":
        name = HONORIFICS_RE.sub("", said).strip() if HONORIFICS_RE.match(said) else said
        words = name.split()
        if not words:
            return None
        known = gaz.lookup(name, kinds=(C.Person,))
        if known:
            return Mention(known[0], C.Person, s, e, said, data={"name": name})
        single = x._person_by_token(words) if len(words) == 1 else None
        if single:
            return Mention(single, C.Person, s, e, said, data={"name": name})
        if len(words) < 2 or gaz.lookup(name) or any(w.lower() in NAME_STOP for w in words):
            return None
        pid = "person/" + slugify(name)
        if not gaz.known(pid):
            x.create(pid, C.Person)
            x._new_info.setdefault(pid, {"name": name})
        return Mention(pid, C.Person, s, e, said, data={"name": name})
    if gtype in ("Organisation", "Body"):
        cls = C.Organization if gtype == "Organisation" else C.Body
        known = gaz.lookup(said, kinds=(cls,)) or gaz.lookup(said)
        if known:
            eid = x._pick(known)
            return Mention(eid, x.kind(eid), s, e, said)
        if len(said) < 3 or said.lower() in NAME_STOP:
            return None
        eid = x._new_named(cls, " ".join(said.split()))
        return Mention(eid, cls, s, e, said)
    if gtype == "City":
        known = gaz.lookup(said, kinds=(C.City, C.Place, C.MemberState))
        if known and x.kind(known[0]) == C.City and not_a_city(said):
            return None
        if known:
            return Mention(known[0], x.kind(known[0]) or C.City, s, e, said)
        name = " ".join(w.capitalize() if w.isupper() else w for w in said.split())
        if not_a_city(name) or gaz.lookup(name) or COUNTRY_RE.fullmatch(name):
            return None
        eid = "place/" + slugify(name)
        if not gaz.known(eid):
            x.create(eid, C.City)
            x._new_info.setdefault(eid, {"name": name})
        return Mention(eid, C.City, s, e, said)
    if gtype == "Document":
        known = gaz.lookup(said, kinds=(C.Document,))
        if known:
            return Mention(known[0], x.kind(known[0]) or C.Document, s, e, said)
        head = DOC_HEAD_RE.search(said)
        if head is None or len(said.split()) < 2:
            return None
        cls = DOC_HEADS.get(head.group(0)) or C.Document
        eid = "document/" + slugify(said)
        if not gaz.known(eid):
            x.create(eid, cls)
            x._new_info.setdefault(eid, {"name": " ".join(said.split())})
        return Mention(eid, cls, s, e, said)
    kinds = {"Country": (C.MemberState, C.Country), "Meeting": (C.Meeting,), "Post": (C.Post,),
             "Topic": (C.Topic,)}.get(gtype)
    known = gaz.lookup(said, kinds=kinds) if kinds else []
    if known:
        return Mention(known[0], x.kind(known[0]), s, e, said)
    return None


def _session(x: Extractor, body: str, s: int, e: int, said: str) -> Mention | None:
    """A meeting of the series ``body`` that a tagged span names: its numbered session when the span
    gives an ordinal ("43rd ASEAN Committee on Disaster Management"), else the session of the text's
    year (``meeting/<body>-session-<year>``, as the rules name a session named without an ordinal)."""
    n = re.match(r"(\d{1,3})(?:st|nd|rd|th)\b", said)
    if n and int(n.group(1)):
        mid = x.gaz.meeting(body, int(n.group(1))) or x._new_meeting(body, int(n.group(1)))
        return Mention(mid, C.Meeting, s, e, said, (body,), data={P.ordinal: int(n.group(1)), "body": body})
    year = x.state.year or (int(x.ctx.date[:4]) if x.ctx.date else None)
    if year is None:
        return None
    mid = f"meeting/{body.split('/', 1)[1]}-session-{year}"
    if not x.gaz.known(mid):
        x.create(mid, C.Meeting)
        bname = x.name(body) or str(x._new_info.get(body, {}).get("name", "")) or said
        x._new_info.setdefault(mid, {P.name: f"{bname} ({year})", P.meetingOf: body})
    return Mention(mid, C.Meeting, s, e, said, (body,), data={"body": body})


def shipped_model() -> Model | None:
    """The shipped model for the extractor, or None (rules alone) when its weights file is missing
    or unreadable: then a warning says so once, naming the file and how to rebuild it."""
    try:
        return load_model()
    except IngestError as exc:
        if not _warned:
            _warned.append(True)
            warnings.warn(f"{exc}; extracting entities with the rules alone", RuntimeWarning, stacklevel=3)
        return None


_warned: list[bool] = []
