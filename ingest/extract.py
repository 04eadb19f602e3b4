"""The document extractor: text + gazetteer -> facts, each with the sentence that states it.

Pure (no I/O): ``extract(text, gazetteer, context)`` returns an :class:`Extraction`. It works in
two passes over the sentences:

1. **Mentions.** Numbered meetings ("the 29th ASEAN Political-Security Community (APSC) Council
   Meeting", "the 44th and 45th ASEAN Summits", "the 58th AMM"), relative references ("the last
   APSC Council meeting in Vientiane in 2024"), posts ("Malaysia's Foreign Minister", "Minister
   of Foreign Affairs of the Lao PDR"), persons after titles and honorifics ("H.E.", "Dato' Seri
   Utama"), document names with years ("APSC Blueprint 2025", "Strategic Plan 2045"), and every
   label the gazetteer knows (bodies, persons, places, documents, topics). Mentions resolve to
   entities already in the graph; only what matches nothing becomes a new entity, with an id
   from its natural key (``meeting/<body>-<ordinal>``, ``person/<name>``) so that re-ingesting
   merges.
2. **Relations.** Rules on each sentence's mentions and cue words: holds, delivered (remarks) at
   and by, held in conjunction with, addresses (topics), reviews, informs, aligned with, adopted
   and signed at, chaired by, held in (place), dates, and what the document is about.

The document itself is the placeholder :data:`DOC`; the caller gives it its id.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from graphkit.vocab import slugify

from ingest.gazetteer import Gazetteer, kind_of, norm_key, tokens

DOC = "@document"

# Relations the evaluation scores (object properties between entities).
RELATIONS = ("holds", "deliveredAt", "deliveredBy", "inConjunctionWith", "addresses", "reviews", "informs",
             "alignedWith", "adoptedAt", "signedAt", "chairedBy", "chairState", "location", "heldAt", "about",
             "succeeds")


# ---------------------------------------------------------------------------------------- results
@dataclass(frozen=True)
class Fact:
    """One extracted fact and where the text states it.

    ``relation`` is an ontology property key or ``"type"`` (then ``object`` is a class key).
    ``object`` is an entity id for object properties, else a value (str, int, bool; dates as
    ISO strings of the precision given). ``start``/``end`` delimit the sentence in the text;
    both are None for a fact stated by the document's title.
    """

    subject: str
    relation: str
    object: Any
    start: int | None
    end: int | None
    quote: str


@dataclass
class Mention:
    """A span of the text that names an entity."""

    entity: str
    kind: str
    start: int
    end: int
    text: str
    parts: tuple[str, ...] = ()   # entities named inside it (a meeting's body, a post's state)
    rel: str = ""                # "last", "next" ... for relative meeting references
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class Context:
    """What the caller knows about the document: title, kind (a class key) and date."""

    title: str = ""
    kind: str | None = None
    date: str | None = None


@dataclass
class Extraction:
    """Everything extracted from one document."""

    facts: list[Fact] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    created: dict[str, str] = field(default_factory=dict)  # new entity id -> class key
    kind: str = "Document"
    issued: str | None = None
    main_meeting: str | None = None

    def entities(self) -> set[str]:
        """Ids of every entity the document names (resolved or created), parts included."""
        out = {m.entity for m in self.mentions if m.entity}
        out |= {p for m in self.mentions for p in m.parts}
        out |= {f.object for f in self.facts if f.relation in RELATIONS}
        out |= {f.subject for f in self.facts if f.relation in RELATIONS}
        out.discard(DOC)
        return out

    def relations(self) -> set[tuple[str, str, str]]:
        """(subject, relation, object) for every scored relation."""
        return {(f.subject, f.relation, f.object) for f in self.facts if f.relation in RELATIONS}


# ---------------------------------------------------------------------------------------- sentences
ABBREVIATIONS = {
    "h.e", "he", "dr", "mr", "mrs", "ms", "prof", "gen", "lt", "col", "jr", "sr", "st", "no", "nos", "vol",
    "e.g", "i.e", "etc", "vs", "hon", "sen", "rep", "amb", "pol", "adm", "maj", "capt", "u.s", "u.n", "rt",
    "y.b", "yb", "ir", "drs", "art", "para", "sec", "dept", "govt", "inc", "ltd", "co", "corp", "mt",
}
_BOUNDARY = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: lines are split at sentence ends, never across a line break."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        start = pos
        pos += len(line) + 1
        cut = 0
        for m in _BOUNDARY.finditer(line):
            word = re.search(r"([\w.]+)[.!?]*$", line[:m.start() + 1])
            before = word.group(1).lower().rstrip(".") if word else ""
            if line[m.start()] == "." and (before in ABBREVIATIONS or re.fullmatch(r"[a-z]", before)):
                continue
            spans.append((start + cut, start + m.end()))
            cut = m.end()
        spans.append((start + cut, start + len(line)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s and any(c.isalnum() for c in text[s:e]):
            out.append((s, e))
    return out


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
ORDINAL_RE = re.compile(r"\b(?:(\d{1,3})(?:st|nd|rd|th)|(" + _WORD_ORDINAL + r"))\b", re.IGNORECASE)


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
_MON = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_D = r"(\d{1,2})(?:st|nd|rd|th)?"
DATE_PATTERNS = [
    # 26 May - 2 June 2025
    ("dm-dm-y", re.compile(rf"\b{_D}\s+({_MON})\s*(?:-|–|to|until)\s*{_D}\s+({_MON}),?\s+(\d{{4}})\b")),
    # 26-27 May 2025, 26 and 27 May 2025
    ("d-d-m-y", re.compile(rf"\b{_D}\s*(?:-|–|and|to)\s*{_D}\s+(?:of\s+)?({_MON})(?:,?\s+(\d{{4}}))?\b")),
    # 26 May 2025, 26th of May
    ("d-m-y", re.compile(rf"\b{_D}\s+(?:of\s+)?({_MON})(?:,?\s+(\d{{4}}))?\b")),
    # May 26-27, 2025
    ("m-d-d-y", re.compile(rf"\b({_MON})\s+{_D}\s*(?:-|–)\s*{_D}(?:,?\s+(\d{{4}}))?\b")),
    # May 26, 2025
    ("m-d-y", re.compile(rf"\b({_MON})\s+{_D}(?:,?\s+(\d{{4}}))?\b")),
    # October 2024
    ("m-y", re.compile(rf"\b({_MON})\s+(\d{{4}})\b")),
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
    if not 1 <= d <= 31:
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


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
            if kind == "dm-dm-y":
                y = int(g[4])
                start, until = _iso(y, _month(g[1]), int(g[0])), _iso(y, _month(g[3]), int(g[2]))
            elif kind == "d-d-m-y":
                y = int(g[3]) if g[3] else year
                start, until = _iso(y, _month(g[2]), int(g[0])), _iso(y, _month(g[2]), int(g[1]))
            elif kind == "d-m-y":
                y = int(g[2]) if g[2] else year
                start, until = _iso(y, _month(g[1]), int(g[0])), None
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


# ---------------------------------------------------------------------------------------- lexicon
HONORIFIC = (r"(?:H\.\s?E\.|HE|His\s+Excellency|Her\s+Excellency|His\s+Majesty|Her\s+Majesty|His\s+Royal\s+Highness|"
             r"Excellency|Dato['’]?\s+Seri\s+Utama|Dato['’]?\s+Sri|Dato['’]?\s+Seri|Datuk\s+Seri\s+Panglima|"
             r"Datuk\s+Seri|Datuk\s+Wira|Datuk|Dato['’]?|Tan\s+Sri|Toh\s+Puan|Puan\s+Sri|Datin\s+Seri|Datin|Tun|"
             r"Haji|Hajah|Pehin|Pengiran|Samdech|Dr\.?|Prof\.?|Professor|Mr\.?|Mrs\.?|Ms\.?|Madam|Mdm\.?|"
             r"General|Gen\.|Lt\.?\s*Gen\.?|Admiral|Adm\.|Pol\.?\s*Gen\.?|Police\s+General|Ambassador|Amb\.|"
             r"Senator|Sen\.|Y\.?B\.?|Yang\s+Berhormat|Yang\s+Amat\s+Berhormat|Dasho|Daw|U|Bapak|Ibu|Pak|"
             r"Sultan|Haji|Ir\.|Drs\.|Hon\.|Honourable|Honorable|Atty\.|Secretary|Minister|Deputy)")
HONORIFICS_RE = re.compile(rf"(?:\b{HONORIFIC}\s*)+")
TITLE_TRIGGER_RE = re.compile(
    rf"(?:\b{HONORIFIC}\s+)+|\b(?:Deputy\s+)?(?:Prime\s+Minister|President|Foreign\s+Minister|Secretary-General|"
    r"Secretary\s+General|Chairman|King|Senior\s+Minister|Minister)\s+")
NAME_RE = re.compile(
    r"(?:[A-Z][a-zà-ÿ'’\-]+|[A-Z]\.|[A-Z]{2,}[a-z]*)(?:\s+(?:(?:bin|binti|bte|bt|van|de|da|del|dos|al|a/l|a/p)\s+)?"
    r"(?:[A-Z][a-zà-ÿ'’\-]+|[A-Z]\.|Jr\.?|Sr\.?))*")
NAME_STOP = {
    "asean", "minister", "ministers", "meeting", "summit", "council", "foreign", "prime", "president", "secretary",
    "the", "said", "in", "on", "at", "of", "and", "for", "while", "who", "as", "also", "excellency", "deputy",
    "chairman", "chair", "leaders", "government", "kingdom", "republic", "state", "affairs", "general",
    "he", "she", "they", "we", "it", "this", "that", "there", "during", "after", "before", "following",
    "delivering", "speaking", "addressing", "opening", "closing", "remarks", "statement", "according",
}
DEMONYMS = {
    "Malaysian": "Malaysia", "Indonesian": "Indonesia", "Thai": "Thailand", "Singaporean": "Singapore",
    "Philippine": "Philippines", "Filipino": "Philippines", "Vietnamese": "Viet Nam", "Lao": "Lao PDR",
    "Laotian": "Lao PDR", "Cambodian": "Cambodia", "Bruneian": "Brunei Darussalam", "Myanmar": "Myanmar",
    "Burmese": "Myanmar", "Timorese": "Timor-Leste",
}
# Roles of posts: (pattern, key, display name). Specific before generic.
ROLES: list[tuple[str, str, str]] = [
    (r"Deputy\s+Prime\s+Minister", "deputy-prime-minister", "Deputy Prime Minister"),
    (r"(?:Minister\s+(?:of|for)\s+Foreign\s+Affairs(?:\s+and\s+International\s+Cooperation)?|Foreign\s+Affairs\s+Minister|"
     r"Foreign\s+Minister|Secretary\s+(?:of|for)\s+Foreign\s+Affairs|Foreign\s+Affairs\s+Secretary|Foreign\s+Secretary)",
     "foreign-minister", "Minister of Foreign Affairs"),
    (r"(?:Minister\s+(?:of|for)\s+(?:National\s+)?Defen[cs]e|(?:National\s+)?Defen[cs]e\s+Minister|"
     r"Secretary\s+of\s+(?:National\s+)?Defen[cs]e)", "defence-minister", "Minister of Defence"),
    (r"(?:Minister\s+(?:of|for)\s+Home\s+Affairs|Home\s+(?:Affairs\s+)?Minister|Interior\s+Minister|"
     r"Minister\s+(?:of|for)\s+(?:the\s+)?Interior)", "home-minister", "Minister of Home Affairs"),
    (r"Prime\s+Minister", "prime-minister", "Prime Minister"),
    (r"Vice[\s-]President", "vice-president", "Vice President"),
    (r"President", "president", "President"),
    (r"Secretary[\s-]General", "secretary-general", "Secretary-General"),
    (r"Minister\s+(?:of|for)\s+(?!the\b)[A-Z][a-z]+(?:(?:\s+and\s+|\s+)[A-Z][a-z]+){0,3}", "", ""),
    (r"(?!Prime\b|Foreign\b|Home\b|Deputy\b|Senior\b)[A-Z][a-z]+\s+Minister", "", ""),
]
ROLE_RE = "|".join(f"(?:{p})" for p, _, _ in ROLES)


def role_of(text: str) -> tuple[str, str] | None:
    """(role key, display name) of a post phrase: "Foreign Minister" -> ("foreign-minister", ...)."""
    for pattern, key, display in ROLES:
        m = re.search(pattern, text)
        if m:
            if key:
                return key, display
            words = m.group(0).split()
            if words[0] == "Minister":  # Minister of Trade and Industry
                portfolio = " ".join(words[2:])
            else:                       # Trade Minister
                portfolio = " ".join(words[:-1])
            return slugify(portfolio) + "-minister", "Minister of " + portfolio
    return None


DOC_HEADS = {
    "Blueprint": "Blueprint", "Strategic Plan": "StrategicPlan", "Community Vision": "CommunityVision",
    "Vision": "CommunityVision", "Declaration": "Declaration", "Charter": "Charter", "Convention": "Convention",
    "Treaty": "Convention", "Agreement": "Convention", "Protocol": "Convention", "Work Plan": "WorkPlan",
    "Workplan": "WorkPlan", "Plan of Action": "WorkPlan", "Action Plan": "WorkPlan", "Master Plan": "WorkPlan",
    "Roadmap": "WorkPlan", "Code of Conduct": "Document", "Framework": "Document", "Statement": "Statement",
    "Joint Statement": "Statement", "Communiqué": "JointCommunique", "Communique": "JointCommunique",
}
STRONG_HEADS = {"Blueprint", "Charter", "Convention", "Treaty", "Declaration", "Strategic Plan", "Work Plan",
                "Workplan", "Plan of Action", "Master Plan", "Code of Conduct", "Community Vision"}
GENERIC_MODIFIERS = {"joint", "chairman", "chairman's", "chair", "chair's", "leaders", "ministers", "ministerial",
                     "final", "draft", "press", "this", "said", "such", "our", "the", "new", "s", "its", "their"}
DOC_HEAD_RE = re.compile(r"\b(" + "|".join(sorted((re.escape(h) for h in DOC_HEADS), key=len, reverse=True)) + r")\b")
MEETING_HEADS = {"meeting", "meetings", "summit", "summits", "conference", "forum", "retreat", "session",
                 "dialogue", "council"}
CONNECTORS = {"of", "on", "and", "for", "the", "&"}
CONTEXT_ACRONYMS = ("APSC", "AEC", "ASCC", "ADMM", "AMMTC", "ARF", "AICHR", "SOMTC")

SPEECH_VERBS = re.compile(
    r"\b(?:said|says|saying|told|warned|highlighted|highlighting|stressed|stressing|noted|noting|urged|urging|"
    r"called\s+(?:for|on)|emphasi[sz]ed|emphasi[sz]ing|underscored|underscoring|underlined|addressed|addressing|"
    r"discussed|discussing|raised|expressed|reaffirmed|reiterated|welcomed|agreed|condemned|shared|praised|"
    r"pointed\s+out|acknowledged|recognised|recognized|exchanged\s+views|deliberated|tackl(?:e|ed|ing)|"
    r"combat(?:ed|ing)?|counter(?:ed|ing)?|address)\b", re.I)
MEETING_ANAPHORA = re.compile(r"\b(?:the\s+(?:Meeting|meeting|Summit|summit|Council|Retreat|Ministers|Leaders|"
                              r"Heads\s+of\s+State)|We|we)\b")
STATEMENT_KINDS = {"ChairmansStatement", "JointCommunique", "Statement", "Declaration", "Remarks"}


# ---------------------------------------------------------------------------------------- the extractor
COORDINATION = re.compile(r"\s*(?:,|,?\s*and|,?\s*as\s+well\s+as|&)\s*(?:the\s+)?")


def coordinated(first: Mention, pool: Iterable[Mention], text: str, offset: int) -> list[Mention]:
    """``first`` and the mentions of ``pool`` joined to it by "and" or commas ("the 44th and 45th
    ASEAN Summits", "the X Declaration and the Y Vision")."""
    out = [first]
    for m in sorted(pool, key=lambda m: m.start):
        if m.start < out[-1].end or m is first:
            continue
        if COORDINATION.fullmatch(text[out[-1].end - offset:m.start - offset]):
            out.append(m)
        else:
            break
    return out


def extract(text: str, gazetteer: Gazetteer, context: Context | None = None) -> Extraction:
    """Extract mentions and facts from ``text``; see the module docstring for what it finds."""
    return _Extractor(text, gazetteer, context or Context()).run()


@dataclass
class _Segment:
    start: int | None      # None: the title
    end: int | None
    text: str
    offset: int            # where ``text`` begins in its source (text or title)
    mentions: list[Mention] = field(default_factory=list)


class _Extractor:
    def __init__(self, text: str, gaz: Gazetteer, ctx: Context) -> None:
        self.text = text
        self.gaz = gaz
        self.ctx = ctx
        self.out = Extraction()
        self.seen: set[tuple[str, str, str]] = set()
        self.person_tokens: dict[str, set[str]] = {}
        self.doc_names: list[tuple[tuple[str, ...], str]] = []
        self.year: int | None = int(ctx.date[:4]) if ctx.date else None
        self.acronyms = {a for a in CONTEXT_ACRONYMS if re.search(rf"\b{a}\b", ctx.title + " " + text)}
        self.last_person: str | None = None
        self.last_reviewed: str | None = None
        self.segments: list[_Segment] = []
        self.main_group: list[str] = []
        self._new_info: dict[str, dict[str, Any]] = {}  # names and key facts of entities to create

    # ------------------------------------------------------------------ driver
    def run(self) -> Extraction:
        title = " ".join(self.ctx.title.split())
        if title and title not in " ".join(self.text[:len(title) * 3 + 500].split()):
            self.segments.append(_Segment(None, None, self.ctx.title, 0))
        for s, e in split_sentences(self.text):
            self.segments.append(_Segment(s, e, self.text[s:e], s))
        for seg in self.segments:
            seg.mentions = self._mentions(seg)
        self.out.kind = self.ctx.kind or self._guess_kind()
        self.out.main_meeting = self._main_meeting()
        self._resolve_relative()
        if self.year is None and self.out.main_meeting:
            info = self.gaz.meetings.get(self.out.main_meeting)
            if info and info.start:
                self.year = int(info.start[:4])
        self._issued()
        pending_adoption = ""
        for seg in self.segments:
            seg.mentions = [m for m in seg.mentions if m.entity]
            self.out.mentions.extend(seg.mentions)
            self._creation_facts(seg)
            pending_adoption = self._relations(seg, pending_adoption)
        # candidates that lost to a longer mention were never described: they are not new entities
        self.out.created = {e: c for e, c in self.out.created.items() if (e, "type", c) in self.seen}
        return self.out

    # ------------------------------------------------------------------ facts
    def fact(self, seg: _Segment, s: str, p: str, o: Any) -> None:
        key = (s, p, str(o))
        if key in self.seen or (s == o and p != "type"):
            return
        self.seen.add(key)
        self.out.facts.append(Fact(s, p, o, seg.start, seg.end, seg.text))

    def create(self, eid: str, cls: str) -> str:
        """Register a new entity (once); facts about it come with its first mention."""
        if not self.gaz.known(eid) and eid not in self.out.created:
            self.out.created[eid] = cls
        return eid

    def kind(self, eid: str) -> str:
        if eid in self.out.created:
            return kind_of(self.out.created[eid])
        ent = self.gaz.get(eid)
        return ent.kind if ent else ""

    def name(self, eid: str) -> str:
        ent = self.gaz.get(eid)
        return ent.name if ent else ""

    # ------------------------------------------------------------------ pass 1: mentions
    def _mentions(self, seg: _Segment) -> list[Mention]:
        cands: list[tuple[int, Mention]] = []
        cands += [(6, m) for m in self._numbered_meetings(seg)]
        cands += [(6, m) for m in self._relative_meetings(seg)]
        cands += [(5, m) for m in self._posts(seg)]
        for s, e, ids in self.gaz.scan(seg.text, seg.offset):
            eid = self._pick(ids)
            cands.append((4, Mention(eid, self.kind(eid), s, e, self._slice(seg, s, e))))
        cands += [(3, m) for m in self._titled_persons(seg, [m for _, m in cands if m.kind == "Post"])]
        cands += [(2, m) for m in self._coreferent_persons(seg)]
        cands += [(1, m) for m in self._documents(seg)]
        chosen: list[Mention] = []
        for _, m in sorted(cands, key=lambda c: (-(c[1].end - c[1].start), -c[0], c[1].start)):
            if all(m.end <= c.start or c.end <= m.start for c in chosen):
                chosen.append(m)
        chosen.sort(key=lambda m: m.start)
        for m in chosen:
            if m.kind == "Person" and m.entity:
                self._remember_person(m)
            if m.kind == "Document" and m.entity:
                self.doc_names.append((norm_key(m.text), m.entity))
        return chosen

    def _slice(self, seg: _Segment, s: int, e: int) -> str:
        return seg.text[s - seg.offset:e - seg.offset]

    def _pick(self, ids: list[str]) -> str:
        """One entity among several with the same label: prefer a specific kind, then the first."""
        order = {k: i for i, k in enumerate(("Meeting", "Document", "Person", "Body", "Post", "MemberState",
                                              "City", "Venue", "Organization", "Topic"))}
        return sorted(ids, key=lambda i: (order.get(self.kind(i), 99), i))[0]

    # numbered meetings ---------------------------------------------------
    def _numbered_meetings(self, seg: _Segment) -> list[Mention]:
        out = []
        text = seg.text
        for m in ORDINAL_RE.finditer(text):
            ords = [(ordinal_value(m.group(1), m.group(2)), m.start())]
            pos = m.end()
            pair_rx = re.compile(r"\s*(?:,|and|&)\s*(?:the\s+)?(\d{1,3})(?:st|nd|rd|th)\b")
            pair = pair_rx.match(text, pos)
            while pair:
                ords.append((int(pair.group(1)), pair.start(1)))
                pos = pair.end()
                pair = pair_rx.match(text, pos)
            of = re.match(r"\s+(?:Meeting|Session|Summit)\s+of\s+(?:the\s+)?", text[pos:])
            if of:
                pos += of.end()
            words = self._phrase(text, pos)
            if not words:
                continue
            found = self._match_body(words)
            if found is None:
                continue
            body, used, new_body = found
            end = words[used - 1][2]
            last = words[used - 1][0].lower()
            tail = re.match(r"\s*(?:\([A-Z][\w\-]*\)\s*)?(?:Meetings?|Summits?|Retreat)\b", text[end:])
            if tail and not of and last not in MEETING_HEADS:
                end += tail.end()
            elif not of and last not in MEETING_HEADS and not self._body_is_meeting(body, new_body):
                continue  # "the 5th ASEAN Charter ..." names no meeting
            acr = re.match(r"\s*\([A-Z][\w\-+]*\)", text[end:])
            if acr:
                end += acr.end()
            # "the 44th and 45th ASEAN Summits": one mention per ordinal, the last one spans the name
            for i, (n, start) in enumerate(ords):
                stop = end if i == len(ords) - 1 else start + len(ordinal_suffix(n))
                mid = self.gaz.meeting(body, n) or self._new_meeting(body, n)
                out.append(Mention(mid, "Meeting", start + seg.offset, stop + seg.offset, text[start:stop],
                                   (body,), data={"ordinal": n, "body": body}))
        return out

    def _phrase(self, text: str, pos: int) -> list[tuple[str, int, int]]:
        """Capitalised words from ``pos`` (with connectors and parenthesised acronyms)."""
        words: list[tuple[str, int, int]] = []
        rx = re.compile(r"\s*(\([^()]{1,40}\)|[A-Z][\w'’\-+&]*|of|on|and|for|the|&)")
        while len(words) < 14:
            m = rx.match(text, pos)
            if not m:
                break
            w = m.group(1)
            if w in CONNECTORS:
                nxt = rx.match(text, m.end())
                if not nxt or nxt.group(1) in CONNECTORS or nxt.group(1).startswith("("):
                    break
            words.append((w, m.start(1), m.end(1)))
            pos = m.end()
        while words and words[-1][0] in CONNECTORS:
            words.pop()
        return words

    def _match_body(self, words: list[tuple[str, int, int]]) -> tuple[str, int, bool] | None:
        """The body a phrase names (longest prefix), how many words it used, and whether it is new."""
        plain = [(i, w) for i, (w, _, _) in enumerate(words) if not w.startswith("(")]
        for n in range(len(plain), 0, -1):
            ws = [w for _, w in plain[:n]]
            variants = [ws]
            last = ws[-1].lower()
            if last in ("summits", "meetings"):
                variants.append(ws[:-1] + [ws[-1][:-1]])
            if last in ("meeting", "meetings") and n > 1:
                variants.append(ws[:-1])
            for var in variants:
                ids = self.gaz.lookup(" ".join(var), kinds=("Body",))
                if ids:
                    return ids[0], plain[n - 1][0] + 1, False
        fuzzy = self._fuzzy_body([w for _, w in plain])
        if fuzzy:
            return fuzzy
        # An unknown body: a title-case phrase that ends in a meeting word.
        heads = [k for k, (_, w) in enumerate(plain) if w.lower() in MEETING_HEADS]
        if not heads:
            return None
        k = heads[0]
        name_words = [w for _, w in plain[:k + 1]]
        if name_words[-1].lower() in ("meetings", "summits"):
            name_words[-1] = name_words[-1][:-1]
        if len(name_words) < 2 or name_words[0] in CONNECTORS:
            return None
        name = " ".join(name_words)
        acr = next((w[1:-1] for w, _, _ in words[:plain[k][0] + 1] if w.startswith("(")), None)
        bid = "body/" + slugify(name)
        if not self.gaz.known(bid):
            self.create(bid, "Body")
            self._new_info.setdefault(bid, {"name": name, "acronym": acr})
        return bid, plain[k][0] + 1, not self.gaz.known(bid)

    def _fuzzy_body(self, words: list[str]) -> tuple[str, int, bool] | None:
        from rapidfuzz import fuzz, process

        bodies = _body_choices(self.gaz)
        if not bodies or len(words) < 3:
            return None
        for n in range(len(words), 2, -1):
            q = " ".join(norm_key(" ".join(words[:n])))
            hit = process.extractOne(q, list(bodies), scorer=fuzz.ratio, score_cutoff=93)
            if hit:
                return bodies[hit[0]], n, False
        return None

    def _body_is_meeting(self, body: str, new: bool) -> bool:
        name = self.name(body) or self._new_info.get(body, {}).get("name", "")
        return bool(re.search(r"\b(?:Meeting|Summit|Council|Forum|Conference|Retreat)\b", name)) or new

    def _new_meeting(self, body: str, n: int) -> str:
        mid = f"meeting/{body.split('/', 1)[1]}-{n}"
        if not self.gaz.known(mid):
            self.create(mid, "Meeting")
            bname = self.name(body) or self._new_info.get(body, {}).get("name", body)
            label = bname if re.search(r"\b(?:Meeting|Summit|Retreat)$", bname) else bname + " Meeting"
            self._new_info.setdefault(mid, {"name": f"{ordinal_suffix(n)} {label}", "meetingOf": body,
                                            "ordinal": n})
        return mid

    # relative meetings ---------------------------------------------------
    def _relative_meetings(self, seg: _Segment) -> list[Mention]:
        out = []
        text = seg.text
        rx = re.compile(r"\b(?:[Tt]he\s+|[Ii]ts\s+)(?:(last|previous|preceding|latest|most\s+recent|next|upcoming|"
                        r"forthcoming|coming)\s+)?")
        for m in rx.finditer(text):
            words = self._phrase(text, m.end())
            if not words:
                continue
            found = None
            for n in range(len(words), 0, -1):
                ids = self.gaz.lookup(" ".join(w for w, _, _ in words[:n] if not w.startswith("(")), kinds=("Body",))
                if ids:
                    found = (ids[0], n)
                    break
            if not found:
                continue
            body, n = found
            end = words[n - 1][2]
            head = re.match(r"\s+(?:meeting|summit|retreat)s?\b", text[end:])
            if not head:
                continue
            end += head.end()
            place = year = None
            where = re.match(r"\s+(?:held\s+)?(?:in|at)\s+(?:the\s+)?", text[end:])
            if where:
                hits = list(self.gaz.scan(text[end + where.end():end + where.end() + 60], 0))
                if hits and hits[0][0] == 0:
                    pid = next((i for i in hits[0][2] if self.kind(i) in ("City", "Venue", "Place", "MemberState")), None)
                    if pid:
                        place = pid
                        end += where.end() + hits[0][1]
            when = re.match(r"\s+(?:in|on|of)\s+(?:(?:\d{1,2}\s+)?" + _MON + r"\s+)?((?:19|20)\d{2})\b", text[end:])
            if when:
                year = int(when.group(1))
                end += when.end()
            rel = (m.group(1) or "").lower()
            if not rel and not place and not year:
                continue
            mid = self._resolve_by_graph(body, place, year)
            parts = tuple(p for p in (body, place) if p)
            out.append(Mention(mid or "", "Meeting", m.start() + seg.offset, end + seg.offset, text[m.start():end],
                               parts, rel=rel, data={"body": body, "place": place, "year": year}))
        return out

    def _resolve_by_graph(self, body: str, place: str | None, year: int | None) -> str | None:
        if not place and not year:
            return None
        found = [mi for mi in self.gaz.meetings_of(body)
                 if (place is None or mi.location == place)
                 and (year is None or (mi.start or "")[:4] == str(year))]
        return found[0].id if len(found) == 1 else None

    def _resolve_relative(self) -> None:
        """"The last APSC Council meeting": the one before the document's own meeting of that body."""
        main = self.gaz.meetings.get(self.out.main_meeting or "")
        main_n = main.ordinal if main else self._main_ordinal()
        main_body = main.body if main else None
        for seg in self.segments:
            for m in seg.mentions:
                if m.kind != "Meeting" or m.entity or not m.rel:
                    continue
                body = m.data["body"]
                if main_n is None or (main_body and body != main_body) or \
                        (not main_body and body != self._main_body()):
                    continue
                step = -1 if m.rel in ("last", "previous", "preceding", "latest", "most recent") else 1
                cands = [mi for mi in self.gaz.meetings_of(body) if mi.ordinal and
                         (mi.ordinal < main_n if step < 0 else mi.ordinal > main_n)
                         and (m.data["place"] is None or mi.location == m.data["place"])
                         and (m.data["year"] is None or (mi.start or "")[:4] == str(m.data["year"]))]
                if cands:
                    m.entity = (cands[-1] if step < 0 else cands[0]).id
                else:
                    m.entity = self._new_meeting(body, main_n + step)
                    if m.data["place"]:
                        self._new_info[m.entity]["location"] = m.data["place"]

    def _main_ordinal(self) -> int | None:
        mid = self.out.main_meeting
        info = self._new_info.get(mid or "", {})
        return info.get("ordinal")

    def _main_body(self) -> str | None:
        mid = self.out.main_meeting
        return self._new_info.get(mid or "", {}).get("meetingOf")

    # posts ---------------------------------------------------------------
    def _posts(self, seg: _Segment) -> list[Mention]:
        states = _state_pattern(self.gaz)
        if states is None:
            return []
        rx_before, rx_after = states
        out = []
        text = seg.text
        for rx, order in ((rx_before, "before"), (rx_after, "after")):
            for m in rx.finditer(text):
                state = self._state(m.group("state"))
                role = role_of(m.group("role"))
                if not state or not role:
                    continue
                spans = [(m.start(), m.end(), role)]
                if m.group("role2"):
                    # "Deputy Prime Minister and Minister of Foreign Affairs of the Lao PDR": two posts
                    second = role_of(m.group("role2"))
                    if second:
                        if order == "after":
                            spans = [(m.start("role2"), m.end("role2"), second), (m.start("role"), m.end(), role)]
                        else:
                            spans = [(m.start(), m.end("role"), role), (m.start("role2"), m.end(), second)]
                for start, end, r in spans:
                    pid = self._post(state, r, m.group("state"))
                    out.append(Mention(pid, "Post", start + seg.offset, end + seg.offset, text[start:end], (state,)))
        return out

    def _state(self, text: str) -> str | None:
        name = DEMONYMS.get(text, text)
        ids = self.gaz.lookup(name, kinds=("MemberState", "Country", "Organization"))
        return ids[0] if ids else None

    def _post(self, state: str, role: tuple[str, str], said: str = "") -> str:
        key, display = role
        for pid in _posts_by_role(self.gaz).get((state, key), []):
            if self.gaz.known(pid):
                return pid
        pid = f"post/{state.split('/', 1)[1]}-{key}"
        if not self.gaz.known(pid):
            self.create(pid, "Post")
            sname = self.name(state) or said or state
            if self.kind(state) == "Organization" and said and said not in DEMONYMS:
                sname = said  # "Secretary-General of ASEAN", not of the organisation's full name
            if state.startswith("state/") and sname in ("Philippines", "Lao PDR"):
                sname = "the " + sname
            self._new_info.setdefault(pid, {"name": f"{display} of {sname}", "postIn": state})
        return pid

    # persons -------------------------------------------------------------
    def _titled_persons(self, seg: _Segment, posts: list[Mention]) -> list[Mention]:
        text = seg.text
        starts = [(m.end(), m.group(0)) for m in TITLE_TRIGGER_RE.finditer(text)]
        for p in posts:
            rest = text[p.end - seg.offset:]
            gap = re.match(r"[\s,]*(?:" + HONORIFICS_RE.pattern + r")?\s*", rest)
            starts.append((p.end - seg.offset + (gap.end() if gap else 0), p.text))
        out = []
        for pos, trigger in starts:
            lead = HONORIFICS_RE.match(text, pos)
            if lead and lead.end() > pos:
                pos = lead.end()
            m = NAME_RE.match(text, pos)
            if not m:
                continue
            words = m.group(0).split()
            keep = []
            for w in words:
                if w.lower().strip(".'’") in NAME_STOP or self._is_other_entity(w):
                    break
                keep.append(w)
            if not keep:
                continue
            name = " ".join(keep).rstrip(",")
            start = m.start() + seg.offset
            end = start + len(name)
            known = self.gaz.lookup(name, kinds=("Person",))
            if known:
                out.append(Mention(known[0], "Person", start, end, name))
                continue
            single = self._person_by_token(keep) if len(keep) == 1 else None
            if single:
                out.append(Mention(single, "Person", start, end, name))
                continue
            if len(keep) < 2 or any(len(w) == 1 for w in keep[:1]):
                continue
            if self.gaz.lookup(name):  # a place or body, not a person
                continue
            pid = "person/" + slugify(_strip_honorifics(name))
            if not self.gaz.known(pid):
                self.create(pid, "Person")
                honorific = HONORIFICS_RE.match(trigger)
                self._new_info.setdefault(pid, {"name": _strip_honorifics(name),
                                                "honorific": _clean_honorific(honorific.group(0)) if honorific else None})
            out.append(Mention(pid, "Person", start, end, name))
        return out

    def _is_other_entity(self, word: str) -> bool:
        ids = self.gaz.lookup(word)
        return bool(ids) and all(self.kind(i) != "Person" for i in ids)

    def _person_by_token(self, words: list[str]) -> str | None:
        tok = words[0].lower()
        if tok in self.person_tokens and len(self.person_tokens[tok]) == 1:
            return next(iter(self.person_tokens[tok]))
        found = {e.id for e in self.gaz.of_kind("Person") if tok in norm_key(e.name)}
        return found.pop() if len(found) == 1 else None

    def _remember_person(self, m: Mention) -> None:
        names = [m.text, self.name(m.entity) or self._new_info.get(m.entity, {}).get("name", "")]
        for name in names:
            for t, _, _ in tokens(name):
                if len(t) >= 3 and t[0].isupper() and t.lower() not in NAME_STOP and \
                        t.lower() not in ("bin", "binti", "haji", "hajah", "datuk", "dato", "seri", "utama", "tan", "sri"):
                    self.person_tokens.setdefault(t.lower(), set()).add(m.entity)

    def _coreferent_persons(self, seg: _Segment) -> list[Mention]:
        out = []
        for t, s, e in tokens(seg.text):
            ids = self.person_tokens.get(t.lower())
            if ids and len(ids) == 1 and t[0].isupper():
                pid = next(iter(ids))
                out.append(Mention(pid, "Person", s + seg.offset, e + seg.offset, t))
        return out

    # documents -----------------------------------------------------------
    def _documents(self, seg: _Segment) -> list[Mention]:
        out = []
        text = seg.text
        for m in DOC_HEAD_RE.finditer(text):
            head = m.group(1)
            start, end = m.start(), m.end()
            # left: capitalised modifiers
            left = list(re.finditer(r"[A-Z][\w'’\-]*|[A-Z]{2,}|of|on|for|and|the|&", text[:start]))
            mods: list[str] = []
            k = len(left) - 1
            cursor = start
            while k >= 0:
                w = left[k]
                if text[w.end():cursor].strip() not in ("",):
                    break
                if w.group(0) in CONNECTORS:
                    if not mods or k == 0 or not left[k - 1].group(0)[0].isupper():
                        break
                mods.insert(0, w.group(0))
                start, cursor = w.start(), w.start()
                k -= 1
            while mods and (mods[0] in CONNECTORS or mods[0] in ("The", "This", "Its", "Our")):
                start += len(mods[0])
                start += len(text[start:]) - len(text[start:].lstrip())
                mods.pop(0)
            # right: "on ..." continuation and a year or a span of years
            cont = re.match(r"\s+(?:[Oo]n|[Oo]f|[Ff]or|[Aa]gainst|[Tt]o)\s+(?:the\s+)?(?:[A-Z][\w'’\-]*"
                            r"(?:\s+(?:of|on|and|in|into|the|for|a|an|to|towards|against|between|among|with|by)(?:\s+(?:the|a|an))?\s+(?=[A-Z]))?\s*)+", text[end:])
            if cont and head not in ("Plan of Action", "Code of Conduct"):
                end += len(cont.group(0).rstrip())
            year = re.match(r"\s+((?:19|20)\d{2})(?:\s*[-–]\s*((?:19|20)\d{2}))?\b", text[end:])
            if year:
                end += year.end()
            phrase = text[start:end].strip()
            if not mods and not cont and not year:
                continue
            eid = self._resolve_document(phrase, head, bool(cont), bool(year), mods)
            if eid:
                out.append(Mention(eid, "Document", start + seg.offset, end + seg.offset, phrase))
        return out

    def _document_suffixes(self) -> dict[tuple[str, ...], set[str]]:
        """Every proper word-suffix of every document label -> the documents it ends (built once
        per gazetteer: scanning all labels per phrase made extraction slow on large graphs)."""
        index = self.gaz.cache.get("document_suffixes")
        if index is None:
            index = {}
            for e in self.gaz.entities.values():
                if e.kind != "Document":
                    continue
                for nk in map(norm_key, e.labels):
                    for i in range(1, len(nk)):
                        index.setdefault(nk[i:], set()).add(e.id)
            self.gaz.cache["document_suffixes"] = index
        return index

    def _resolve_document(self, phrase: str, head: str, cont: bool, year: bool, mods: list[str]) -> str | None:
        if self.ctx.title and norm_key(phrase) == norm_key(self.ctx.title)[-len(norm_key(phrase)):] and \
                len(norm_key(phrase)) >= len(norm_key(self.ctx.title)) - 1:
            return DOC  # the document names itself
        exact = self.gaz.lookup(phrase, kinds=("Document",))
        if exact:
            return exact[0]
        key = norm_key(phrase)
        for names, eid in reversed(self.doc_names):
            if len(key) < len(names) and names[-len(key):] == key:
                return eid
        cands = sorted(e for e in self._document_suffixes().get(key, ()) if self.gaz.known(e))
        if len(cands) > 1:
            narrowed = [c for c in cands if any(a.lower() in norm_key(lab) for a in self.acronyms
                                                for lab in self.gaz.entities[c].labels)]
            cands = narrowed
        if len(cands) == 1:
            return cands[0]
        if cands:
            return None
        generic = all(w.lower().strip("'’") in GENERIC_MODIFIERS for w in mods)
        if generic and not cont and not year:
            return None
        if not (year or cont or head in STRONG_HEADS):
            return None
        if generic and not cont:
            return None
        did = "document/" + slugify(phrase)
        if not self.gaz.known(did):
            self.create(did, DOC_HEADS[head])
            self._new_info.setdefault(did, {"name": phrase})
        return did

    # ------------------------------------------------------------------ kind, main meeting, dates
    def _guess_kind(self) -> str:
        title = self.ctx.title.lower()
        for rx, kind in ((r"chair(?:man)?['’]?s\s+statement", "ChairmansStatement"),
                         (r"joint\s+communiq", "JointCommunique"), (r"\bdeclaration\b", "Declaration"),
                         (r"\b(?:remarks|speech|address|keynote)\b", "Remarks"), (r"\bstatement\b", "Statement")):
            if re.search(rx, title):
                return kind
        head = self.text[:3000]
        if re.search(r"\b(?:Excellencies|Ladies and [Gg]entlemen|Distinguished (?:delegates|guests)|Thank you)\b", head) \
                and re.search(r"\b(?:I|my)\b", head):
            return "Remarks"
        if re.search(r"\bChairman['’]s Statement\b", head[:400]):
            return "ChairmansStatement"
        if re.search(r"\bJoint Communiqu", head[:400]):
            return "JointCommunique"
        if re.search(r"\b(?:said|told|according to|reported)\b", self.text):
            return "NewsReport"
        return "Document"

    def _main_meeting(self) -> str | None:
        """The meeting the document is about: the first numbered one named in the title, else in
        the text, leaving out those it is only held in conjunction with."""
        for seg in self.segments:
            for m in seg.mentions:
                if m.kind != "Meeting" or not m.entity or m.rel:
                    continue
                before = seg.text[:m.start - seg.offset]
                if re.search(r"(?:conjunction with|sidelines of|margins of|ahead of|prior to|following|since|"
                             r"back-to-back with|report of|reports of|outcomes? of)\s+(?:the\s+)?$", before):
                    continue
                group = coordinated(m, [x for x in seg.mentions if x.kind == "Meeting" and x.entity],
                                    seg.text, seg.offset)
                self.main_group = [g.entity for g in group]
                return m.entity
        return None

    def _issued(self) -> None:
        if self.ctx.date:
            return
        head = self.text[:300]
        m = re.match(r"\s*(?:[A-Z][\w .'’-]{1,40},\s*)?", head)
        dates = find_dates(head[m.end() if m else 0:][:40], None, (m.end() if m else 0))
        if dates and dates[0].start <= (m.end() if m else 0) + 2 and len(dates[0].value) == 10:
            self.out.issued = dates[0].value
            if self.year is None:
                self.year = int(dates[0].value[:4])

    # ------------------------------------------------------------------ pass 2: facts
    def _creation_facts(self, seg: _Segment) -> None:
        for m in seg.mentions:
            for eid in (m.entity, *m.parts):
                if eid in self.out.created:
                    self._describe(seg, eid)
            if m.kind != "Topic" and m.entity != DOC:
                self.fact(seg, DOC, "mentions", m.entity)
            for p in m.parts:
                self.fact(seg, DOC, "mentions", p)
            if m.rel and m.data.get("place"):
                # "the last APSC Council meeting in Vientiane": the text says where it was held
                self.fact(seg, m.entity, "location", m.data["place"])

    def _describe(self, seg: _Segment, eid: str) -> None:
        if (eid, "type", self.out.created[eid]) in self.seen:
            return
        info = self._new_info.get(eid, {})
        self.fact(seg, eid, "type", self.out.created[eid])
        self.fact(seg, eid, "name", info.get("name") or eid.split("/", 1)[1])
        self.fact(seg, eid, "extracted", True)
        for key in ("meetingOf", "ordinal", "postIn", "acronym", "honorific", "location"):
            if info.get(key):
                self.fact(seg, eid, key, info[key])
                if key in ("meetingOf", "postIn") and info[key] in self.out.created:
                    self._describe(seg, info[key])

    def _relations(self, seg: _Segment, pending_adoption: str) -> str:
        ms = seg.mentions
        text = seg.text
        off = seg.offset
        main = self.out.main_meeting
        kind = self.out.kind

        def after(pos: int, *kinds: str) -> list[Mention]:
            return [m for m in ms if m.start - off >= pos and m.kind in kinds]

        def before(pos: int, *kinds: str) -> list[Mention]:
            return [m for m in ms if m.end - off <= pos and m.kind in kinds]

        persons = [m for m in ms if m.kind == "Person"]
        meetings = [m for m in ms if m.kind == "Meeting"]
        docs = [m for m in ms if m.kind == "Document" and m.entity != DOC]

        # about: the document is about its main meeting
        if main and any(m.entity == main for m in meetings) and kind not in ("Blueprint", "StrategicPlan",
                                                                              "CommunityVision", "Charter"):
            for mid in self.main_group:
                self.fact(seg, DOC, "about", mid)

        # holds: post next to a person
        posts = [m for m in ms if m.kind == "Post"]
        for i, (a, b) in enumerate(zip(ms, ms[1:])):
            gap = text[a.end - off:b.start - off]
            if a.kind == "Post" and b.kind == "Person" and re.fullmatch(r"[\s,]*(?:" + HONORIFICS_RE.pattern + r")?[\s,]*", gap):
                # "Deputy Prime Minister and Foreign Minister X": X holds both
                chain = [p for p in posts if p.end <= a.start]
                held = [a]
                for p in reversed(chain):
                    if COORDINATION.fullmatch(text[p.end - off:held[-1].start - off]):
                        held.append(p)
                    else:
                        break
                for p in held:
                    self.fact(seg, b.entity, "holds", p.entity)
            if a.kind == "Person" and b.kind == "Post" and re.fullmatch(
                    r"\s*(?:,|\(|–|-)\s*(?:the\s+|who\s+is\s+(?:also\s+)?(?:the\s+)?|(?:(?:[A-Z][\w\-]*|and|of)\s+){0,6})?", gap):
                for p in coordinated(b, posts, text, off):
                    self.fact(seg, a.entity, "holds", p.entity)

        # delivered remarks at a meeting
        rm = re.search(r"\b(?:(?P<verb>deliver(?:ed|ing|s)?|gave|giving|made|making|presented|presenting|in)\s+"
                       r"(?:his|her|their|the|an?)\s+)?(?P<occasion>(?:opening|closing|welcoming|welcome|keynote|special|"
                       r"introductory)\s+)?(?P<noun>(?i:remarks|speech|address|statement|keynote))\s+(?:by\s+(?P<by>.{3,120}?)\s+)?"
                       r"(?:at|to|during|before)\s+", text)
        if rm is None and kind == "Remarks":
            rm = re.search(r"\b(?:to\s+)?(?P<verb>address(?:ing)?|speak(?:ing)?\s+(?:at|to))\s+", text)
        found = rm.groupdict() if rm else {}
        if rm and (found.get("verb") or found.get("occasion") or found.get("by")):
            target = next((m for m in after(rm.end(), "Meeting") if re.fullmatch(
                r"(?:the\s+)?(?:(?:[A-Z][a-z]+|[a-z]+ing)\s+){0,3}?(?:(?:of|for)\s+)?(?:the\s+)?",
                text[rm.end():m.start - off])), None)
            if target is None and re.match(r"the\s+(?:Meeting|meeting|Summit)", text[rm.end():]) and main:
                target = Mention(main, "Meeting", 0, 0, "")
            if target:
                speaker = self._speaker(persons, rm, off)
                occasion = (found.get("occasion") or "").strip().lower()
                subject = DOC if kind == "Remarks" else self._remarks(seg, target.entity, speaker, occasion)
                self.fact(seg, subject, "deliveredAt", target.entity)
                if speaker:
                    self.fact(seg, subject, "deliveredBy", speaker)

        # held in conjunction with
        for cue in re.finditer(r"\b(?:in\s+conjunction\s+with|on\s+the\s+sidelines\s+of|on\s+the\s+margins\s+of|"
                               r"back-to-back\s+with)\s+", text):
            objs = after(cue.end(), "Meeting")
            subs = before(cue.start(), "Meeting")
            if not objs:
                continue
            subj = subs[-1].entity if subs else None
            if subj is None and main and re.search(r"\b(?:held|convened|took\s+place|meeting|Meeting)\b",
                                                   text[:cue.start()]):
                subj = main
            for obj in coordinated(objs[0], objs, text, off):
                if subj and subj != obj.entity:
                    self.fact(seg, subj, "inConjunctionWith", obj.entity)

        # meetings held in a place, on a date
        self._places_and_dates(seg, meetings, main)

        # chaired by
        for cue in re.finditer(r"\b(?:chaired\s+by|under\s+the\s+[Cc]hair(?:man)?ship\s+of|presided\s+over\s+by)\s+", text):
            subj = (before(cue.start(), "Meeting") or [None])[-1]
            meeting = subj.entity if subj else main
            near = [m for m in after(cue.end(), "Person", "MemberState", "Post") if m.start - off - cue.end() <= 120]
            person = next((m for m in near if m.kind == "Person"), None)
            who = person if person and all(m.kind == "Post" for m in near[:near.index(person)]) else \
                (near[0] if near else None)
            if meeting and who:
                if who.kind == "Person":
                    self.fact(seg, meeting, "chairedBy", who.entity)
                elif who.kind == "MemberState":
                    self.fact(seg, meeting, "chairState", who.entity)
        for cue in re.finditer(r"\bchaired\s+(?:the\s+)?", text):
            who = (before(cue.start(), "Person") or [None])[-1]
            what = next(iter(after(cue.end(), "Meeting")), None)
            if who and what and what.start - off - cue.end() <= 4:
                self.fact(seg, what.entity, "chairedBy", who.entity)

        # reviews
        for cue in re.finditer(r"\b(?:review(?:ed|s|ing)?|took\s+stock\s+of|taking\s+stock\s+of|assess(?:ed|ing)?|"
                               r"evaluat(?:ed|ing|e))\b", text):
            obj = next(iter(after(cue.end(), "Document")), None)
            if obj is None or obj.start - off - cue.end() > 80:
                continue
            between = text[cue.end():obj.start - off]
            noun = re.search(r"\b(?:this|that|the|a|its|such|mid-term|final)\s+$", text[:cue.start()])
            if (noun and not re.match(r"\s+of\b", between)) or \
                    re.search(r"\b(?:will|shall|would|inform|serve|aligned|adopt)", between):
                continue
            subj = (before(cue.start(), "Meeting") or [None])[-1]
            meeting = subj.entity if subj else main
            if subj is None and before(cue.start(), "Body", "Organization", "Person", "MemberState"):
                meeting = None  # someone else reviews it ("the Secretariat ... completing the review of")
            if meeting:
                self.fact(seg, meeting, "reviews", obj.entity)
            self.last_reviewed = obj.entity

        # informs
        for cue in re.finditer(r"(?<!\bwere )(?<!\bwas )(?<!\bbe )(?<!\bbeen )\b(?:inform(?:s|ed|ing)?(?!\s+(?:of|about|that))|"
                               r"feed(?:s|ing)?\s+into|serve\s+as\s+(?:an?\s+)?inputs?\s+(?:to|for)|"
                               r"contribut(?:e|es|ed|ing)\s+to\s+the\s+(?:development|formulation|drafting)\s+of)\b", text):
            obj = next(iter(after(cue.end(), "Document")), None)
            if obj is None:
                continue
            subj_m = (before(cue.start(), "Document") or [None])[-1]
            if subj_m and re.search(r"\b(?:by|under|with|from|in|through)\s+(?:the\s+)?$", text[:subj_m.start - off]):
                subj_m = None  # "guided by the Blueprint and will feed into ...": not what informs
            subj = subj_m.entity if subj_m else None
            if subj is None and re.search(r"\b(?:review|findings|outcomes?|assessment|evaluation)\b",
                                          text[:cue.start()], re.I):
                subj = self.last_reviewed
            if subj and subj != obj.entity:
                self.fact(seg, subj, "informs", obj.entity)

        # aligned with
        for cue in re.finditer(r"\b(?:aligned\s+with|in\s+line\s+with|in\s+alignment\s+with|align(?:s|ing)?\s+with)\s+", text):
            obj = next(iter(after(cue.end(), "Document")), None)
            subj_m = (before(cue.start(), "Document") or [None])[-1]
            if obj and subj_m and subj_m.entity != obj.entity and obj.start - off - cue.end() <= 40:
                self.fact(seg, subj_m.entity, "alignedWith", obj.entity)

        # succeeds
        for cue in re.finditer(r"\b(?:succeed(?:s|ing)?|successor\s+(?:to|of)|replac(?:es|ing))\s+(?:the\s+)?", text):
            obj = next(iter(after(cue.end(), "Document")), None)
            subj_m = (before(cue.start(), "Document") or [None])[-1]
            if obj and subj_m and subj_m.entity != obj.entity:
                self.fact(seg, subj_m.entity, "succeeds", obj.entity)

        for cue in re.finditer(r"\b(?:its|their|a|the)\s+successor,?\s+(?:the\s+)?", text):
            obj = next(iter(after(cue.end(), "Document")), None)
            subj_m = (before(cue.start(), "Document") or [None])[-1]
            if obj and subj_m and obj.start - off == cue.end() and subj_m.entity != obj.entity:
                self.fact(seg, obj.entity, "succeeds", subj_m.entity)

        # adopted / signed
        pending_adoption = self._adoption(seg, docs, meetings, main, pending_adoption)

        # topics
        topics = [m for m in ms if m.kind == "Topic"]
        if topics:
            about_meeting = (
                kind in STATEMENT_KINDS
                or any(m.entity == main for m in meetings)
                or MEETING_ANAPHORA.search(text)
                or SPEECH_VERBS.search(text)
                or re.match(r"\s*[\"“‘]", text)
            )
            own = [m for m in meetings if m.entity != main and not m.rel]
            for t in topics:
                self.fact(seg, DOC, "addresses", t.entity)
                if main and about_meeting:
                    for mid in self.main_group:
                        self.fact(seg, mid, "addresses", t.entity)
                elif len(own) == 1:
                    self.fact(seg, own[0].entity, "addresses", t.entity)

        if persons:
            self.last_person = persons[-1].entity
        return pending_adoption

    def _speaker(self, persons: list[Mention], rm: re.Match[str], off: int) -> str | None:
        if rm.groupdict().get("by"):
            by = [p for p in persons if p.start - off >= rm.start("by") and p.end - off <= rm.end("by")]
            if by:
                return by[0].entity
        if persons:
            return min(persons, key=lambda p: abs(p.start - off - rm.start())).entity
        return self.last_person

    def _remarks(self, seg: _Segment, meeting: str, speaker: str | None, occasion: str) -> str:
        known = sorted(d for d in self.gaz.delivered.get((meeting, speaker or ""), ()) if self.gaz.known(d))
        if len(known) == 1:
            return known[0]  # the graph already has these remarks
        who = speaker.split("/", 1)[1] if speaker else "unknown"
        mslug = meeting.split("/", 1)[1]
        rid = "document/" + "-".join(x for x in (occasion, "remarks", who, mslug) if x)
        if not self.gaz.known(rid):
            self.create(rid, "Remarks")
            sname = (self.name(speaker) or self._new_info.get(speaker, {}).get("name", "")) if speaker else ""
            mname = self.name(meeting) or self._new_info.get(meeting, {}).get("name", mslug)
            label = (occasion.capitalize() + " remarks") if occasion else "Remarks"
            self._new_info.setdefault(rid, {"name": f"{label}{' by ' + sname if sname else ''} at the {mname}"})
            self._describe(seg, rid)
        return rid

    def _places_and_dates(self, seg: _Segment, meetings: list[Mention], main: str | None) -> None:
        text, off = seg.text, seg.offset
        own = [m for m in meetings if not m.rel]
        subjects: list[tuple[str, int]] = []
        k = 0
        while k < len(own):
            group = coordinated(own[k], own, text, off)
            subjects += [(g.entity, group[-1].end - off) for g in group]
            k += len(group)
        if not subjects and main:
            ana = re.search(r"\b[Tt]he\s+(?:Meeting|Summit|Retreat|meeting|summit)\b", text)
            if ana:
                subjects = [(main, ana.end())]
        held_cue = re.search(r"\b(?:held|convened|took\s+place|opened|met|hosted|was\s+held|will\s+be\s+held)\b", text)
        for mid, end in subjects:
            rest = text[end:]
            where = re.match(r"\s*,?\s*(?:which\s+(?:was|is|will\s+be)\s+|was\s+|is\s+being\s+|will\s+be\s+)?"
                             r"(?:held\s+|convened\s+|hosted\s+|taking\s+place\s+|took\s+place\s+)?(?:in|at)\s+(?:the\s+)?", rest)
            if where:
                pm = next((m for m in seg.mentions if m.start - off == end + where.end()), None)
                if pm and pm.kind in ("City", "Venue", "Place"):
                    self.fact(seg, mid, "heldAt" if pm.kind == "Venue" else "location", pm.entity)
                    nxt = next((m for m in seg.mentions if m.start > pm.end and m.start - pm.end <= 4
                                and m.kind == "City"), None)
                    if pm.kind == "Venue" and nxt:
                        self.fact(seg, mid, "location", nxt.entity)
                elif pm is None and held_cue:
                    self._new_place(seg, mid, end + where.end())
            if not where:
                self._held_in(seg, mid, subjects)
            # the text's own date is stated even when the curated graph has one (corroboration)
            if held_cue:
                dates = [d for d in find_dates(text, self.year, off) if d.start - off > end and len(d.value) >= 7]
                if dates and len({e for _, e in subjects}) == 1:
                    self.fact(seg, mid, "startDate", dates[0].value)
                    if dates[0].until:
                        self.fact(seg, mid, "endDate", dates[0].until)

    def _held_in(self, seg: _Segment, mid: str, subjects: list[tuple[str, int]]) -> None:
        """"The 47th ASEAN Summit, chaired by ..., was convened in Kuala Lumpur": one meeting in
        the sentence and a held-in phrase anywhere after it."""
        if len({m for m, _ in subjects}) != 1:
            return
        text, off = seg.text, seg.offset
        for cue in re.finditer(r"\b(?:held|convened|took\s+place|hosted)\s+(?:in|at)\s+(?:the\s+)?", text):
            pm = next((m for m in seg.mentions if m.start - off == cue.end()), None)
            if pm and pm.kind in ("City", "Venue", "Place") and cue.start() > subjects[0][1]:
                self.fact(seg, mid, "heldAt" if pm.kind == "Venue" else "location", pm.entity)
                return

    def _new_place(self, seg: _Segment, mid: str, pos: int) -> None:
        m = re.match(r"((?:[A-Z][\w'’\-]+\s?){1,5})", seg.text[pos:])
        if not m:
            return
        name = m.group(1).strip()
        if self.gaz.lookup(name) or name.split()[0].lower() in NAME_STOP:
            return
        venue = re.search(r"\b(?:Centre|Center|Hall|Hotel|Palace|Building|Complex|Resort|House)$", name)
        cls = "Venue" if venue else "City"
        pid = "place/" + slugify(name)
        if not self.gaz.known(pid):
            self.create(pid, cls)
            self._new_info.setdefault(pid, {"name": name})
            self._describe(seg, pid)
        self.fact(seg, DOC, "mentions", pid)
        self.fact(seg, mid, "heldAt" if cls == "Venue" else "location", pid)

    def _adoption(self, seg: _Segment, docs: list[Mention], meetings: list[Mention], main: str | None,
                  pending: str) -> str:
        """Documents adopted or signed at a meeting; "adopted the following documents:" carries over
        to the list items after it."""
        text, off = seg.text, seg.offset
        if pending and docs and seg.start is not None:
            for d in docs:
                self.fact(seg, d.entity, "adoptedAt" if pending.startswith("a:") else "signedAt", pending[2:])
            return pending
        closing = re.match(r"\s*(ADOPTED|Adopted|DONE|Done|SIGNED|Signed)\b", text)
        if closing and not docs and main and self.out.kind not in ("NewsReport", "Remarks"):
            # the closing formula of a declaration or statement: "Adopted in Kuala Lumpur ..."
            rel = "signedAt" if closing.group(1).lower() == "signed" else "adoptedAt"
            self.fact(seg, DOC, rel, main)
            return ""
        cue = re.search(r"\b(adopt(?:ed|s|ing)?|adoption\s+of|sign(?:ed|s|ing)?|signing\s+of)\b", text)
        if not cue:
            return ""
        rel = "signedAt" if cue.group(1).startswith("sign") else "adoptedAt"
        at = next((m for m in meetings if m.start - off > cue.end() and
                   re.search(r"\b(?:at|during|by)\s+(?:the\s+)?$", text[:m.start - off])), None)
        subject_meeting = [m for m in meetings if m.end - off <= cue.start()]
        if at:
            meeting = at.entity
        elif MEETING_ANAPHORA.match(text.lstrip()) or not subject_meeting:
            meeting = main
        else:
            meeting = subject_meeting[-1].entity
        if meeting is None:
            return ""
        after_cue = [d for d in docs if d.start - off > cue.end()]
        objs = coordinated(after_cue[0], after_cue, text, off) if after_cue else []
        if not objs and (at or re.search(r"\b(?:was|were|been|be)\s+$", text[:cue.start()])):
            # "X was adopted at ...", "the Vision, adopted at the 46th ASEAN Summit"
            objs = [d for d in docs if d.end - off <= cue.start()][-1:]
        for d in objs:
            self.fact(seg, d.entity, rel, meeting)
        if not objs and re.search(r"\bfollowing\b[^.]*:\s*$", text):
            return ("a:" if rel == "adoptedAt" else "s:") + meeting
        return ""


# ---------------------------------------------------------------------------------------- helpers
def _strip_honorifics(name: str) -> str:
    return HONORIFICS_RE.sub("", name).strip() or name


def _clean_honorific(text: str) -> str | None:
    words = re.sub(r"\s+", " ", text).strip()
    # H.E. and Mr/Ms are forms of address, not honorifics of the person
    words = re.sub(r"^(?:H\.\s?E\.|HE|His Excellency|Her Excellency|Mr\.?|Mrs\.?|Ms\.?)\s*", "", words)
    roles = {"Minister", "Secretary", "Deputy", "Sultan"}
    words = " ".join(w for w in words.split() if w not in roles)
    return words or None


def _cache(gaz: Gazetteer) -> dict[str, Any]:
    return gaz.cache


def _state_pattern(gaz: Gazetteer) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    c = _cache(gaz)
    if "states" not in c:
        names: set[str] = set(DEMONYMS)
        for e in gaz.of_kind("MemberState", "Country", "Organization"):
            names |= {lab for lab in e.labels if len(lab) > 2}
        if not names:
            c["states"] = None
        else:
            alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
            c["states"] = (
                re.compile(rf"\b(?P<state>{alt})(?:['’]s?)?\s+(?P<role>{ROLE_RE})(?:\s+and\s+(?P<role2>{ROLE_RE}))?"),
                re.compile(rf"\b(?:(?P<role2>{ROLE_RE})\s+and\s+)?(?P<role>{ROLE_RE})\s+of\s+(?:the\s+)?(?P<state>{alt})\b"),
            )
    return c["states"]


def _posts_by_role(gaz: Gazetteer) -> dict[tuple[str, str], list[str]]:
    c = _cache(gaz)
    if "posts" not in c:
        index: dict[tuple[str, str], list[str]] = {}
        for pid, holder in sorted(gaz.post_in.items()):
            ent = gaz.entities.get(pid)
            if ent is None:
                continue
            for label in sorted(ent.labels):
                role = role_of(label)
                if role and pid not in index.get((holder, role[0]), []):
                    index.setdefault((holder, role[0]), []).append(pid)
        c["posts"] = index
    return c["posts"]


def _body_choices(gaz: Gazetteer) -> dict[str, str]:
    c = _cache(gaz)
    if "bodies" not in c:
        c["bodies"] = {" ".join(norm_key(lab)): e.id for e in gaz.of_kind("Body") for lab in e.labels
                       if len(norm_key(lab)) >= 3}
    return c["bodies"]
