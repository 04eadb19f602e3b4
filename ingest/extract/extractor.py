"""The extractor: text + gazetteer -> facts, each with the sentence that states it.

Pure (no I/O): ``extract(text, gazetteer, context)`` returns an :class:`Extraction`. Two passes
over the sentences (:func:`ingest.extract.sentences.split_sentences`):

1. **Mentions** (this module). Numbered meetings ("the 29th ASEAN Political-Security Community
   (APSC) Council Meeting", "the 44th and 45th ASEAN Summits", "the 58th AMM"), meetings without
   an ordinal (a ministers' retreat, a special meeting: named by their series and date), relative
   references ("the last APSC Council meeting in Vientiane in 2024"), posts ("Malaysia's Foreign
   Minister", "Deputy Prime Minister and Minister of Foreign Affairs of the Lao PDR"), persons
   after titles and honorifics ("H.E.", "Dato' Seri Utama"), document names with years, and
   every label the gazetteer knows. Mentions resolve to entities already in the graph; only what
   matches nothing becomes a new entity, with an id from its natural key
   (``meeting/<body>-<ordinal>``, ``person/<name>``).
2. **Relations** (:mod:`ingest.extract.rules`): one small rule per relation, in an ordered
   registry, on each sentence's mentions and the cue phrases of ``cues.yaml``; what carries over
   from sentence to sentence (the current speaker, the meeting being reported, an adoption list
   under way, a date given once for several meetings) is one :class:`~ingest.extract.state.Discourse`.

The document itself is the placeholder :data:`DOC`; the caller gives it its id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from graphkit.terms import C, P
from graphkit.vocab import slugify
from ingest.extract.dates import MONTH_RE, ORDINAL_RE, find_dates, ordinal_suffix, ordinal_value
from ingest.extract.lexicon import (
    CONNECTORS,
    CONTEXT_ACRONYMS,
    COUNTRY_RE,
    DEMONYMS,
    DOC_HEAD_RE,
    DOC_HEADS,
    GENERIC_MODIFIERS,
    GENERIC_TOPICS,
    HONORIFICS_RE,
    MEETING_HEADS,
    NAME_STOP,
    ROLE_RE,
    ROLES,
    STATE_ALIASES,
    STRONG_HEADS,
    TITLE_TRIGGER_RE,
)
from ingest.extract.model import DOC, Context, Extraction, Fact, Mention
from ingest.extract.rules import RULES, Sentence, coordinated
from ingest.extract.sentences import split_sentences
from ingest.extract.state import Discourse
from ingest.gazetteer import Gazetteer, kind_of, norm_key, tokens

NAME_RE = re.compile(
    r"(?:[A-Z][a-zà-ÿ'’\-]+|[A-Z]\.|[A-Z]{2,}[a-z]*)(?:\s+(?:(?:bin|binti|bte|bt|van|de|da|del|dos|al|a/l|a/p)\s+)?"
    r"(?:[A-Z][a-zà-ÿ'’\-]+|[A-Z]\.|Jr\.?|Sr\.?))*")

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



# ---------------------------------------------------------------------------------------- the extractor
_NAME_PARTICLES = frozenset(("bin", "binti", "haji", "hajah", "datuk", "dato", "seri", "utama", "tan", "sri"))
_WORDS = r"(?P<words>(?:(?:[A-Z][\w'’\-]*|of|on|and|for|\([A-Z][\w\-]*\))\s+){1,10}?)"
_UNNUMBERED = (
    re.compile(r"\b(?P<prefix>Special|Informal|Extraordinary|Emergency|Preparatory)\s+" + _WORDS
               + r"(?P<head>Retreat|Meeting|Summit)\b"),
    re.compile(r"(?P<prefix>)\b" + _WORDS + r"(?P<head>Retreat)\b"),
)


def extract(text: str, gazetteer: Gazetteer, context: Context | None = None) -> Extraction:
    """Extract mentions and facts from ``text``; see the module docstring for what it finds."""
    return Extractor(text, gazetteer, context or Context()).run()


@dataclass
class Segment:
    start: int | None      # None: the title
    end: int | None
    text: str
    offset: int            # where ``text`` begins in its source (text or title)
    mentions: list[Mention] = field(default_factory=list)


class Extractor:
    def __init__(self, text: str, gaz: Gazetteer, ctx: Context) -> None:
        self.text = text
        self.gaz = gaz
        self.ctx = ctx
        self.out = Extraction()
        self.seen: set[tuple[str, str, str]] = set()
        self.person_tokens: dict[str, set[str]] = {}
        # document names seen so far, latest last (a dict: the same name repeated costs nothing)
        self.doc_names: dict[tuple[str, ...], str] = {}
        self.state = Discourse(year=int(ctx.date[:4]) if ctx.date else None)
        self.acronyms = {a for a in CONTEXT_ACRONYMS if re.search(rf"\b{a}\b", ctx.title + " " + text)}
        self.segments: list[Segment] = []
        self._new_info: dict[str, dict[str, Any]] = {}  # names and key facts of entities to create

    # ------------------------------------------------------------------ driver
    def run(self) -> Extraction:
        title = " ".join(self.ctx.title.split())
        if title and title not in " ".join(self.text[:len(title) * 3 + 500].split()):
            self.segments.append(Segment(None, None, self.ctx.title, 0))
        for s, e in split_sentences(self.text):
            self.segments.append(Segment(s, e, self.text[s:e], s))
        for seg in self.segments:
            seg.mentions = self._mentions(seg)
        self.out.kind = self.ctx.kind or self._guess_kind()
        self.out.main_meeting = self._main_meeting()
        self._resolve_relative()
        if self.state.year is None and self.out.main_meeting:
            info = self.gaz.meetings.get(self.out.main_meeting)
            if info and info.start:
                self.state.year = int(info.start[:4])
        self._issued()
        self.state.main_meeting = self.out.main_meeting
        for seg in self.segments:
            seg.mentions = [m for m in seg.mentions if m.entity]
            self.out.mentions.extend(seg.mentions)
            self._creation_facts(seg)
            sentence = Sentence(seg, self.out.main_meeting, self.out.kind)
            for rule in RULES:
                rule(self, sentence)
        # candidates that lost to a longer mention were never described: they are not new entities
        self.out.created = {e: c for e, c in self.out.created.items() if (e, "type", c) in self.seen}
        return self.out

    # ------------------------------------------------------------------ facts
    def fact(self, seg: Segment, s: str, p: str, o: Any) -> None:
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
    def _mentions(self, seg: Segment) -> list[Mention]:
        cands: list[tuple[int, Mention]] = []
        cands += [(6, m) for m in self._numbered_meetings(seg)]
        cands += [(6, m) for m in self._relative_meetings(seg)]
        cands += [(6, m) for m in self._unnumbered_meetings(seg)]
        cands += [(5, m) for m in self._posts(seg)]
        for s, e, ids in self.gaz.scan(seg.text, seg.offset):
            eid = self._pick(ids)
            said = self._slice(seg, s, e)
            if self.kind(eid) == C.Topic and self._generic_topic(eid):
                continue  # "peace and security": too general to be a topic the text deals with
            cands.append((4, Mention(eid, self.kind(eid), s, e, said)))
        cands += [(3, m) for m in self._titled_persons(seg, [m for _, m in cands if m.kind == C.Post])]
        cands += [(2, m) for m in self._coreferent_persons(seg)]
        cands += [(1, m) for m in self._documents(seg)]
        cands += [(1, m) for m in self._countries(seg)]
        cands += [(0, m) for m in self._dates(seg)]
        chosen: list[Mention] = []
        for _, m in sorted(cands, key=lambda c: (-(c[1].end - c[1].start), -c[0], c[1].start)):
            if all(m.end <= c.start or c.end <= m.start for c in chosen):
                chosen.append(m)
        chosen.sort(key=lambda m: m.start)
        for m in chosen:
            if m.kind == C.Person and m.entity:
                self._remember_person(m)
            if m.kind == C.Document and m.entity:
                key = norm_key(m.text)
                self.doc_names.pop(key, None)
                self.doc_names[key] = m.entity
        return chosen

    def _generic_topic(self, eid: str) -> bool:
        ent = self.gaz.get(eid)
        return ent is not None and any(" ".join(lab.split()).casefold() in GENERIC_TOPICS for lab in ent.labels)

    def _slice(self, seg: Segment, s: int, e: int) -> str:
        return seg.text[s - seg.offset:e - seg.offset]

    def _pick(self, ids: list[str]) -> str:
        """One entity among several with the same label: prefer a specific kind, then the first."""
        order = {k: i for i, k in enumerate((C.Meeting, C.Document, C.Person, C.Body, C.Post, C.MemberState,
                                              C.City, C.Venue, C.Organization, C.Topic))}
        return sorted(ids, key=lambda i: (order.get(self.kind(i), 99), i))[0]

    # numbered meetings ---------------------------------------------------
    def _numbered_meetings(self, seg: Segment) -> list[Mention]:
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
                out.append(Mention(mid, C.Meeting, start + seg.offset, stop + seg.offset, text[start:stop],
                                   (body,), data={P.ordinal: n, "body": body}))
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
                ids = self.gaz.lookup(" ".join(var), kinds=(C.Body,))
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
            self.create(bid, C.Body)
            self._new_info.setdefault(bid, {"name": name, P.acronym: acr})
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
            self.create(mid, C.Meeting)
            bname = self.name(body) or self._new_info.get(body, {}).get("name", body)
            label = bname if re.search(r"\b(?:Meeting|Summit|Retreat)$", bname) else bname + " Meeting"
            self._new_info.setdefault(mid, {"name": f"{ordinal_suffix(n)} {label}", P.meetingOf: body,
                                            P.ordinal: n})
        return mid

    # dates and states the gazetteer lacks ---------------------------------
    def _dates(self, seg: Segment) -> list[Mention]:
        """Every date the sentence gives (as a ``date:<iso>`` mention; not an entity of the graph:
        a meeting's date becomes a fact by the held-on rule)."""
        out = []
        for d in find_dates(seg.text, self.state.year, seg.offset):
            value = f"{d.value}/{d.until}" if d.until else d.value
            said = seg.text[d.start - seg.offset:d.end - seg.offset]
            out.append(Mention("date:" + value, "Date", d.start, d.end, said))
        return out

    def _countries(self, seg: Segment) -> list[Mention]:
        """States named the way the gazetteer does not ("Vietnam" for Viet Nam), and states that are
        not members of ASEAN ("Japan", "the United States"): new Country entities for those."""
        out = []
        for m in COUNTRY_RE.finditer(seg.text):
            said = m.group(0)
            name = STATE_ALIASES.get(said, said)
            ids = self.gaz.lookup(name, kinds=(C.MemberState, C.Country))
            if ids:
                eid = ids[0]
            else:
                eid = "country/" + slugify(name)
                if not self.gaz.known(eid):
                    self.create(eid, C.Country)
                    self._new_info.setdefault(eid, {P.name: name})
            out.append(Mention(eid, self.kind(eid) or C.Country, m.start() + seg.offset, m.end() + seg.offset, said))
        return out

    # meetings without an ordinal -----------------------------------------
    def _unnumbered_meetings(self, seg: Segment) -> list[Mention]:
        """A retreat, or a special, informal, extraordinary or preparatory meeting of a body,
        named without an ordinal: one per body and year ("the ADMM Retreat", "the ASEAN Foreign
        Ministers' Retreat", "a Special ASEAN Summit"), id ``meeting/<body>-<kind>-<year>``."""
        if self.state.year is None:
            return []
        out = []
        text = seg.text
        stated = [d.value for d in find_dates(text, None) if len(d.value) >= 4]
        year = int(stated[0][:4]) if stated else self.state.year
        for m in (m for rx in _UNNUMBERED for m in rx.finditer(text)):
            prefix, words, head = m.group("prefix"), m.group("words"), m.group("head")
            if ORDINAL_RE.search(words) or (not prefix and head.lower() != "retreat"):
                continue
            body = self._series(words, head)
            if body is None:
                continue
            kind = (prefix or head).lower()
            mid = f"meeting/{body.split('/', 1)[1]}-{kind}-{year}"
            if not self.gaz.known(mid):
                self.create(mid, C.Meeting)
                said = re.sub(r"^(?:The|A|An)\s+", "", " ".join(m.group(0).replace("’", "'").split()))
                self._new_info.setdefault(mid, {P.name: f"{said} {year}", P.meetingOf: body})
            start = m.start("prefix") if prefix else m.start("words")
            out.append(Mention(mid, C.Meeting, start + seg.offset, m.end() + seg.offset, text[start:m.end()],
                               (body,), data={"body": body}))
        return out

    def _series(self, words: str, head: str) -> str | None:
        """The body whose meetings a phrase names ("ASEAN Foreign Ministers'" -> the AMM)."""
        plain = re.sub(r"\s*\([^)]*\)", "", words).replace("’", "'").strip()
        plain = re.sub(r"^(?:[Tt]he|[Aa]n?)\s+", "", plain)
        plain = re.sub(r"\s+Ministerial$", "", plain)
        for variant in (plain, f"{plain} {head}", plain + " Meeting", plain.rstrip("'") + "' Meeting",
                        plain + "s' Meeting"):
            ids = self.gaz.lookup(variant, kinds=(C.Body,))
            if ids:
                return ids[0]
        return None

    # relative meetings ---------------------------------------------------
    def _relative_meetings(self, seg: Segment) -> list[Mention]:
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
                ids = self.gaz.lookup(" ".join(w for w, _, _ in words[:n] if not w.startswith("(")), kinds=(C.Body,))
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
                    pid = next((i for i in hits[0][2]
                                if self.kind(i) in (C.City, C.Venue, C.Place, C.MemberState)), None)
                    if pid:
                        place = pid
                        end += where.end() + hits[0][1]
            when = re.match(r"\s+(?:in|on|of)\s+(?:(?:\d{1,2}\s+)?" + MONTH_RE + r"\s+)?((?:19|20)\d{2})\b", text[end:])
            if when:
                year = int(when.group(1))
                end += when.end()
            rel = (m.group(1) or "").lower()
            if not rel and not place and not year:
                continue
            mid = self._resolve_by_graph(body, place, year)
            parts = tuple(p for p in (body, place) if p)
            out.append(Mention(mid or "", C.Meeting, m.start() + seg.offset, end + seg.offset, text[m.start():end],
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
                if m.kind != C.Meeting or m.entity or not m.rel:
                    continue
                body = str(m.data["body"])
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
                        self._new_info[m.entity][P.location] = m.data["place"]

    def _main_ordinal(self) -> int | None:
        mid = self.out.main_meeting
        info = self._new_info.get(mid or "", {})
        return info.get(P.ordinal)

    def _main_body(self) -> str | None:
        mid = self.out.main_meeting
        return self._new_info.get(mid or "", {}).get(P.meetingOf)

    # posts ---------------------------------------------------------------
    def _posts(self, seg: Segment) -> list[Mention]:
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
                    out.append(Mention(pid, C.Post, start + seg.offset, end + seg.offset, text[start:end], (state,)))
        return out

    def _state(self, text: str) -> str | None:
        name = DEMONYMS.get(text, text)
        ids = self.gaz.lookup(name, kinds=(C.MemberState, C.Country, C.Organization))
        return ids[0] if ids else None

    def _post(self, state: str, role: tuple[str, str], said: str = "") -> str:
        key, display = role
        for pid in _posts_by_role(self.gaz).get((state, key), []):
            if self.gaz.known(pid):
                return pid
        pid = f"post/{state.split('/', 1)[1]}-{key}"
        if not self.gaz.known(pid):
            self.create(pid, C.Post)
            sname = self.name(state) or said or state
            if self.kind(state) == C.Organization and said and said not in DEMONYMS:
                sname = said  # "Secretary-General of ASEAN", not of the organisation's full name
            if state.startswith("state/") and sname in ("Philippines", "Lao PDR"):
                sname = "the " + sname
            self._new_info.setdefault(pid, {"name": f"{display} of {sname}", P.postIn: state})
        return pid

    # persons -------------------------------------------------------------
    def _titled_persons(self, seg: Segment, posts: list[Mention]) -> list[Mention]:
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
            known = self.gaz.lookup(name, kinds=(C.Person,))
            if known:
                out.append(Mention(known[0], C.Person, start, end, name))
                continue
            single = self._person_by_token(keep) if len(keep) == 1 else None
            if single:
                out.append(Mention(single, C.Person, start, end, name))
                continue
            if len(keep) < 2 or any(len(w) == 1 for w in keep[:1]):
                continue
            if self.gaz.lookup(name):  # a place or body, not a person
                continue
            pid = "person/" + slugify(_strip_honorifics(name))
            if not self.gaz.known(pid):
                self.create(pid, C.Person)
                honorific = HONORIFICS_RE.match(trigger)
                self._new_info.setdefault(pid, {"name": _strip_honorifics(name),
                                                P.honorific: _clean_honorific(honorific.group(0))
                                                if honorific else None})
            out.append(Mention(pid, C.Person, start, end, name))
        return out

    def _is_other_entity(self, word: str) -> bool:
        ids = self.gaz.lookup(word)
        return bool(ids) and all(self.kind(i) != C.Person for i in ids)

    def _person_by_token(self, words: list[str]) -> str | None:
        tok = words[0].lower()
        if tok in self.person_tokens and len(self.person_tokens[tok]) == 1:
            return next(iter(self.person_tokens[tok]))
        found = _person_tokens(self.gaz).get(tok, set())
        return next(iter(found)) if len(found) == 1 else None

    def _remember_person(self, m: Mention) -> None:
        names = [m.text, self.name(m.entity) or self._new_info.get(m.entity, {}).get("name", "")]
        for name in names:
            for t, _, _ in tokens(name):
                if len(t) >= 3 and t[0].isupper() and t.lower() not in NAME_STOP and \
                        t.lower() not in _NAME_PARTICLES:
                    self.person_tokens.setdefault(t.lower(), set()).add(m.entity)

    def _coreferent_persons(self, seg: Segment) -> list[Mention]:
        out = []
        for t, s, e in tokens(seg.text):
            ids = self.person_tokens.get(t.lower())
            if ids and len(ids) == 1 and t[0].isupper():
                pid = next(iter(ids))
                out.append(Mention(pid, C.Person, s + seg.offset, e + seg.offset, t))
        return out

    # documents -----------------------------------------------------------
    def _documents(self, seg: Segment) -> list[Mention]:
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
                            r"(?:\s+(?:of|on|and|in|into|the|for|a|an|to|towards|against|between|among|with|by)"
                            r"(?:\s+(?:the|a|an))?\s+(?=[A-Z]))?\s*)+", text[end:])
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
                out.append(Mention(eid, C.Document, start + seg.offset, end + seg.offset, phrase))
        return out

    def _document_suffixes(self) -> dict[tuple[str, ...], set[str]]:
        """Every proper word-suffix of every document label -> the documents it ends (built once
        per gazetteer: scanning all labels per phrase made extraction slow on large graphs)."""
        index = self.gaz.cache.get("document_suffixes")
        if index is None:
            index = {}
            for e in self.gaz.entities.values():
                if e.kind != C.Document:
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
        exact = self.gaz.lookup(phrase, kinds=(C.Document,))
        if exact:
            return exact[0]
        key = norm_key(phrase)
        for names, eid in reversed(self.doc_names.items()):
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
        for rx, kind in ((r"chair(?:man)?['’]?s\s+statement", C.ChairmansStatement),
                         (r"joint\s+communiq", C.JointCommunique), (r"\bdeclaration\b", C.Declaration),
                         (r"\b(?:remarks|speech|address|keynote)\b", C.Remarks), (r"\bstatement\b", C.Statement)):
            if re.search(rx, title):
                return kind
        head = self.text[:3000]
        if re.search(r"\b(?:Excellencies|Ladies and [Gg]entlemen|Distinguished (?:delegates|guests)|Thank you)\b",
                     head) \
                and re.search(r"\b(?:I|my)\b", head):
            return C.Remarks
        if re.search(r"\bChairman['’]s Statement\b", head[:400]):
            return C.ChairmansStatement
        if re.search(r"\bJoint Communiqu", head[:400]):
            return C.JointCommunique
        if re.search(r"\b(?:said|told|according to|reported)\b", self.text):
            return C.NewsReport
        return C.Document

    def _main_meeting(self) -> str | None:
        """The meeting the document is about: the first numbered one named in the title, else in
        the text, leaving out those it is only held in conjunction with."""
        for seg in self.segments:
            for m in seg.mentions:
                if m.kind != C.Meeting or not m.entity or m.rel:
                    continue
                before = seg.text[:m.start - seg.offset]
                if re.search(r"(?:conjunction with|sidelines of|margins of|ahead of|prior to|following|since|"
                             r"back-to-back with|report of|reports of|outcomes? of)\s+(?:the\s+)?$", before):
                    continue
                group = coordinated(m, [x for x in seg.mentions if x.kind == C.Meeting and x.entity],
                                    seg.text, seg.offset)
                self.state.main_group = [g.entity for g in group]
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
            if self.state.year is None:
                self.state.year = int(dates[0].value[:4])

    # ------------------------------------------------------------------ pass 2: facts
    def _creation_facts(self, seg: Segment) -> None:
        for m in seg.mentions:
            for eid in (m.entity, *m.parts):
                if eid in self.out.created:
                    self._describe(seg, eid)
            if m.kind == "Date":
                continue  # dates are values, not entities of the graph
            if m.kind != C.Topic and m.entity != DOC:
                self.fact(seg, DOC, P.mentions, m.entity)
            for p in m.parts:
                self.fact(seg, DOC, P.mentions, p)
            if m.rel and m.data.get("place"):
                # "the last APSC Council meeting in Vientiane": the text says where it was held
                self.fact(seg, m.entity, P.location, m.data["place"])

    def _describe(self, seg: Segment, eid: str) -> None:
        if (eid, "type", self.out.created[eid]) in self.seen:
            return
        info = self._new_info.get(eid, {})
        self.fact(seg, eid, "type", self.out.created[eid])
        self.fact(seg, eid, "name", info.get("name") or eid.split("/", 1)[1])
        self.fact(seg, eid, "extracted", True)
        for key in (P.meetingOf, P.ordinal, P.postIn, P.acronym, P.honorific, P.location, P.year, P.chairState):
            if info.get(key):
                self.fact(seg, eid, key, info[key])
                if key in (P.meetingOf, P.postIn) and info[key] in self.out.created:
                    self._describe(seg, info[key])

    def remarks(self, seg: Segment, meeting: str, speaker: str | None, occasion: str) -> str:
        known = sorted(d for d in self.gaz.delivered.get((meeting, speaker or ""), ()) if self.gaz.known(d))
        if len(known) == 1:
            return known[0]  # the graph already has these remarks
        who = speaker.split("/", 1)[1] if speaker else "unknown"
        mslug = meeting.split("/", 1)[1]
        rid = "document/" + "-".join(x for x in (occasion, "remarks", who, mslug) if x)
        if not self.gaz.known(rid):
            self.create(rid, C.Remarks)
            sname = (self.name(speaker) or self._new_info.get(speaker, {}).get("name", "")) if speaker else ""
            mname = self.name(meeting) or self._new_info.get(meeting, {}).get("name", mslug)
            label = (occasion.capitalize() + " remarks") if occasion else C.Remarks
            self._new_info.setdefault(rid, {"name": f"{label}{' by ' + sname if sname else ''} at the {mname}"})
            self._describe(seg, rid)
        return rid

    def chairmanship(self, seg: Segment, year: int, state: str) -> str:
        """The ASEAN Chairmanship of ``year`` (the curated one, else a new one held by ``state``)."""
        cid = f"chairmanship/{year}"
        if not self.gaz.known(cid):
            self.create(cid, C.Chairmanship)
            self._new_info.setdefault(cid, {P.name: f"ASEAN Chairmanship {year}", P.year: year,
                                            P.chairState: state})
            self._describe(seg, cid)
        return cid

    def new_place(self, seg: Segment, mid: str, pos: int) -> None:
        m = re.match(r"((?:[A-Z][\w'’\-]+\s?){1,5})", seg.text[pos:])
        if not m:
            return
        name = m.group(1).strip()
        if self.gaz.lookup(name) or name.split()[0].lower() in NAME_STOP:
            return
        venue = re.search(r"\b(?:Centre|Center|Hall|Hotel|Palace|Building|Complex|Resort|House)$", name)
        cls = C.Venue if venue else C.City
        pid = "place/" + slugify(name)
        if not self.gaz.known(pid):
            self.create(pid, cls)
            self._new_info.setdefault(pid, {"name": name})
            self._describe(seg, pid)
        self.fact(seg, DOC, P.mentions, pid)
        self.fact(seg, mid, P.heldAt if cls == C.Venue else P.location, pid)


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
        for e in gaz.of_kind(C.MemberState, C.Country, C.Organization):
            names |= {lab for lab in e.labels if len(lab) > 2}
        if not names:
            c["states"] = None
        else:
            alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
            c["states"] = (
                re.compile(rf"\b(?P<state>{alt})(?:['’]s?)?\s+(?P<role>{ROLE_RE})(?:\s+and\s+(?P<role2>{ROLE_RE}))?"
                           r"(?![\w'’])"),
                re.compile(rf"\b(?:(?P<role2>{ROLE_RE})\s+and\s+)?(?P<role>{ROLE_RE})\s+of\s+(?:the\s+)?(?P<state>{alt})\b"),
            )
    found = c["states"]
    return found  # type: ignore[no-any-return]


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
    found = c["posts"]
    return found  # type: ignore[no-any-return]


def _person_tokens(gaz: Gazetteer) -> dict[str, set[str]]:
    """Name token -> persons whose name has it (built once per gazetteer, not scanned per name)."""
    c = _cache(gaz)
    if "person_tokens" not in c:
        index: dict[str, set[str]] = {}
        for e in gaz.of_kind(C.Person):
            for tok in norm_key(e.name):
                index.setdefault(tok, set()).add(e.id)
        c["person_tokens"] = index
    found: dict[str, set[str]] = c["person_tokens"]
    return found


def _body_choices(gaz: Gazetteer) -> dict[str, str]:
    c = _cache(gaz)
    if "bodies" not in c:
        c["bodies"] = {" ".join(norm_key(lab)): e.id for e in gaz.of_kind(C.Body) for lab in e.labels
                       if len(norm_key(lab)) >= 3}
    found = c["bodies"]
    return found  # type: ignore[no-any-return]
