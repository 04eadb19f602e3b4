"""The relation rules: one small function per relation, run in order on every sentence.

Each rule takes the extractor (for the gazetteer, new entities and the :class:`Discourse` state)
and a :class:`Sentence` (its text and mentions) and states facts with ``x.fact``. The registry
:data:`RULES` is the order they run in; adding a relation is one function and one line there.
Cue phrases come from ``cues.yaml`` (:func:`ingest.extract.lexicon.cue`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from graphkit.terms import C, P
from ingest.extract.dates import DateMention, find_dates
from ingest.extract.lexicon import (
    GENERIC_TOPICS,
    HONORIFICS_RE,
    MEETING_ANAPHORA,
    SPEECH_VERBS,
    STATEMENT_KINDS,
    cue,
    not_a_city,
)
from ingest.extract.model import DOC, Mention
from ingest.extract.sentences import LATE_HEAD_LINES

if TYPE_CHECKING:
    from ingest.extract.extractor import Extractor, Segment

# "A and B", "A, B", "A (AM) and B" (the bracket of an acronym closed), "A, its associated meetings, and B"
COORDINATION = re.compile(r"\s*\)?\s*(?:\([^()]{1,40}\)\s*)?"
                          r"(?:,\s*(?:its|their)\s+(?:associated|related)\s+(?:meetings|events))?"
                          r"(?:,|,?\s*and|,?\s*as\s+well\s+as|&)\s*(?:the\s+)?")
# "the Eighteenth ASEAN Ministerial Meeting on Transnational Crime (18th AMMTC)": one meeting named twice
_APPOSITION = re.compile(r"\s*\(\s*")
PLACE_KINDS = (C.City, C.Venue, C.Place)


def coordinated(first: Mention, pool: list[Mention], text: str, offset: int) -> list[Mention]:
    """``first`` and the mentions of ``pool`` joined to it by "and" or commas ("the 44th and 45th
    ASEAN Summits", "the X Declaration and the Y Vision")."""
    out = [first]
    for m in sorted(pool, key=lambda m: m.start):
        if m.start < out[-1].end or m is first:
            continue
        gap = text[out[-1].end - offset:m.start - offset]
        if COORDINATION.fullmatch(gap) or m.entity == out[-1].entity and _APPOSITION.fullmatch(gap):
            out.append(m)
        else:
            break
    return out


def _group_end(group: list[Mention], text: str, offset: int) -> int:
    """Where a group of mentions ends in ``text``, past a bracket that closes an apposition."""
    end = group[-1].end - offset
    close = re.match(r"\s*\)", text[end:]) if len(group) > 1 and group[-1].entity == group[-2].entity else None
    return end + close.end() if close else end


def meeting_groups(meetings: list[Mention], text: str, offset: int) -> list[list[Mention]]:
    """The meetings of a sentence in groups written together ("the 44th and 45th ASEAN Summits",
    "the X (XM), the Y (YM) and the Z (ZM)", "the Eighteenth ... (18th AMMTC)")."""
    groups: list[list[Mention]] = []
    k = 0
    while k < len(meetings):
        group = coordinated(meetings[k], meetings, text, offset)
        groups.append(group)
        k += len(group)
    return groups


def distinct(group: list[Mention]) -> list[str]:
    """The entities of a group, each once, in order."""
    return list(dict.fromkeys(m.entity for m in group))


@dataclass
class Sentence:
    """One sentence as the rules see it: its text, offset and resolved mentions."""

    seg: Segment
    main: str | None
    kind: str

    @property
    def text(self) -> str:
        """The sentence's text."""
        return self.seg.text

    @property
    def off(self) -> int:
        """Where the sentence starts in the document."""
        return self.seg.offset

    @property
    def ms(self) -> list[Mention]:
        """Its mentions, in order."""
        return self.seg.mentions

    def of(self, *kinds: str) -> list[Mention]:
        """Mentions of these kinds."""
        return [m for m in self.ms if m.kind in kinds]

    def after(self, pos: int, *kinds: str) -> list[Mention]:
        """Mentions of these kinds starting at or after ``pos`` (an index into the text)."""
        return [m for m in self.ms if m.start - self.off >= pos and m.kind in kinds]

    def before(self, pos: int, *kinds: str) -> list[Mention]:
        """Mentions of these kinds ending at or before ``pos``."""
        return [m for m in self.ms if m.end - self.off <= pos and m.kind in kinds]

    @property
    def meetings(self) -> list[Mention]:
        """Meetings named in the sentence."""
        return self.of(C.Meeting)

    @property
    def docs(self) -> list[Mention]:
        """Documents named in the sentence (not the document itself)."""
        return [m for m in self.ms if m.kind == C.Document and m.entity != DOC]


Rule = Callable[["Extractor", Sentence], None]


def _last(mentions: list[Mention]) -> Mention | None:
    return mentions[-1] if mentions else None


# ---------------------------------------------------------------------------------------- rules
def about(x: Extractor, s: Sentence) -> None:
    """The document is about its main meeting (plans and visions are not about one)."""
    if s.main and any(m.entity == s.main for m in s.meetings) and s.kind not in (
            C.Blueprint, C.StrategicPlan, C.CommunityVision, C.Charter):
        for mid in x.state.main_group:
            x.fact(s.seg, DOC, P.about, mid)


_GAP_POST_PERSON = re.compile(r"[\s,]*(?:" + HONORIFICS_RE.pattern + r")?[\s,]*")
_GAP_PERSON_POST = re.compile(r"(?:\s*\((?:Ret|Retd|Rtd|retired)\.?\))?"  # "General X (Ret.), Prime Minister"
                              r"(?:\s*(?:,|\(|–|-)\s*(?:the\s+|who\s+is\s+(?:also\s+)?(?:the\s+)?|"
                              r"(?:(?:[A-Z][\w\-]*|and|of)\s+){0,6})?"
                              # "X as Chairman of ...", "X, in his capacity as the ATM chairman"
                              r"|\s*,?\s+(?:in\s+(?:his|her)\s+capacity\s+)?as\s+(?:the\s+)?(?:new\s+|current\s+|incoming\s+)?)")
# "The National Police Chief is the Chair of AMMTC 2023", "The Lao minister ... in his capacity as the ATM
# chairman": a title standing for the person last named
_TITLE_IS = re.compile(r"(?:^|\.\s+)[Tt]he\s+(?:[A-Z][\w\-]*\s+){0,4}(?:Chief|Minister|minister|President|Secretary|"
                       r"Chair(?:man|person|woman)?|Head|Director)\s+(?:is|was|will\s+be|,\s*who\s+is)\s+(?:also\s+)?"
                       r"(?:the\s+)?$|\b(?:he|she)\s+(?:is|was)\s+(?:also\s+)?(?:the\s+)?$|"
                       r"\b[Ii]n\s+(?:his|her)\s+capacity\s+as\s+(?:the\s+)?$")


def holds(x: Extractor, s: Sentence) -> None:
    """A post next to a person: "Foreign Minister X", "X, Minister of ...", and posts in
    apposition ("Deputy Prime Minister and Foreign Minister X" holds both)."""
    ms, text, off = s.ms, s.text, s.off
    posts = [p for p in s.of(C.Post) if not _FORMER.search(text[max(0, p.start - off - 12):p.start - off] + p.text)]
    for a, b in zip(ms, ms[1:], strict=False):
        gap = text[a.end - off:b.start - off]
        if (a.kind == C.Post and a not in posts) or (b.kind == C.Post and b not in posts):
            continue  # "Former Deputy Prime Minister X": an office no longer held
        if a.kind == C.Post and b.kind == C.Person and _GAP_POST_PERSON.fullmatch(gap):
            held = [a]
            for p in reversed([p for p in posts if p.end <= a.start]):
                if COORDINATION.fullmatch(text[p.end - off:held[-1].start - off]):
                    held.append(p)
                else:
                    break
            for p in held:
                x.fact(s.seg, b.entity, P.holds, p.entity)
        if a.kind == C.Post and a in posts:
            # "Minister of X of Laos and the ASCC Council Chair, Y": a second role between post and name
            nxt = next((m for m in ms if m.start >= a.end and m.kind == C.Person), None)
            if nxt and _AND_CHAIR.fullmatch(text[a.end - off:nxt.start - off]):
                x.fact(s.seg, nxt.entity, P.holds, a.entity)
        if a.kind == C.Person and b.kind == C.Post and _GAP_PERSON_POST.fullmatch(gap) and not _before_person(s, b):
            for p in coordinated(b, posts, text, off):
                x.fact(s.seg, a.entity, P.holds, p.entity)
        if a.kind == C.MemberState and b.kind == C.Post and _BODY_CHAIR.match(b.entity) and \
                _STATE_AS_CHAIR.fullmatch(gap):
            x.fact(s.seg, _holder_before_state(s, a), P.holds, b.entity)
    if x.state.speaker and not s.of(C.Person):
        for p in posts:
            if _TITLE_IS.search(text[:p.start - off]):
                x.fact(s.seg, x.state.speaker, P.holds, p.entity)


# "Prime Minister X and his Ruritanian counterpart Y", "... met her Ruritanian counterpart, H.E. Y": Y holds the
# office of X's post in the state the demonym names
_COUNTERPART_OF = re.compile(r"\b(?:his|her|their)\s+$")
_COUNTERPART_GAP = re.compile(r"\s+counterpart\s*,?\s*(?:" + HONORIFICS_RE.pattern + r")?\s*")


def counterpart(x: Extractor, s: Sentence) -> None:
    """A person named as another's counterpart of a state ("Defence Minister X met his Ruritanian
    counterpart Y") holds the office of the post the sentence gives the other one, in that state. The post
    must be written before the demonym, with its person; one counterpart, not "counterparts"."""
    text, off = s.text, s.off
    for k, st in enumerate(s.ms):
        if st.kind not in (C.MemberState, C.Country) or k + 1 >= len(s.ms) or \
                not _COUNTERPART_OF.search(text[:st.start - off]):
            continue
        person = s.ms[k + 1]
        if person.kind != C.Person or not _COUNTERPART_GAP.fullmatch(text[st.end - off:person.start - off]):
            continue
        post = _last([p for p in s.before(st.start - off, C.Post) if p.entity])
        if post is None or not any(m.kind == C.Person and post.end <= m.start < st.start for m in s.ms):
            continue
        if x.gaz.post_in.get(post.entity) == st.entity:
            continue   # the post named is already the counterpart's state's
        pid = x.counterpart_post(s.seg, post.entity, st.entity)
        if pid:
            end = st.end - off + len(text[st.end - off:].split("counterpart", 1)[0]) + len("counterpart")
            x.out.mentions.append(Mention(pid, C.Post, st.start, end + off, text[st.start - off:end], (st.entity,)))
            x.fact(s.seg, DOC, P.mentions, pid)
            x.fact(s.seg, person.entity, P.holds, pid)


# "hosted by Ruritania as the Chair of the XMM in 2030", "Ruritania – the Chair of the XMM during 2030-2032 –":
# the state holds the body's chair (a post of the extractor's sub-chairs, post/chair-...)
_BODY_CHAIR = re.compile(r"post/(?:vice-)?chair-")
_STATE_AS_CHAIR = re.compile(r"\s+as\s+(?:the\s+)?(?:new\s+|current\s+|incoming\s+)?|\s*[–—]\s*(?:the\s+)?")


def _holder_before_state(s: Sentence, state: Mention) -> str:
    """Who holds a chair written after a state: the state, or the person before it when the state
    closes that person's post ("X, Minister of Education, Ruritania as the Chair of ...")."""
    k = s.ms.index(state)
    if k < 2:
        return state.entity
    post, person = s.ms[k - 1], s.ms[k - 2]
    closes = post.end >= state.end or re.fullmatch(r"\s*,\s*", s.text[post.end - s.off:state.start - s.off])
    if post.kind == C.Post and person.kind == C.Person and closes and \
            re.fullmatch(r"\s*,\s*", s.text[person.end - s.off:post.start - s.off]):
        return person.entity
    return state.entity


_AND_CHAIR = re.compile(r"\s+and\s+(?:the\s+)?(?:[A-Z][\w\-]*\s+){0,5}(?:Vice[\s-])?[Cc]hair(?:man|person|woman)?"
                        r"(?:\s+of\s+(?:the\s+)?(?:[A-Z0-9][\w\-]*\s*){1,6})?\s*,\s*"
                        r"(?:" + HONORIFICS_RE.pattern + r")?")
_FORMER = re.compile(r"\b(?:[Ff]ormer\b|[Ee]x-)")


def _before_person(s: Sentence, post: Mention) -> bool:
    """The post is written before a name ("..., Cambodia's Prime Minister Hun Sen"): it is that
    person's, not the one before it."""
    nxt = next((m for m in s.ms if m.start >= post.end), None)
    return nxt is not None and nxt.kind == C.Person and \
        bool(_GAP_POST_PERSON.fullmatch(s.text[post.end - s.off:nxt.start - s.off]))


_REMARKS = re.compile(
    r"\b(?:(?P<verb>deliver(?:ed|ing|s)?|gave|giving|made|making|presented|presenting|in)\s+"
    r"(?:his|her|their|the|an?)\s+)?(?P<occasion>(?:opening|closing|welcoming|welcome|keynote|special|"
    r"introductory)\s+)?(?P<noun>(?i:remarks|speech|address|statement|keynote|intervention))\s+(?:by\s+(?P<by>.{3,120}?)\s+)?"
    r"(?:at|to|during|before)\s+")
_ADDRESSING = re.compile(r"\b(?:to\s+)?(?P<verb>address(?:ing)?|speak(?:ing)?\s+(?:at|to))\s+")
_REMARKS_TARGET = re.compile(r"(?:the\s+)?(?:(?:[A-Z][a-z]+|[a-z]+ing|ceremony|session|plenary|segment|dinner|luncheon|"
                             r"gala)\s+){0,3}?(?:(?:of|for)\s+)?(?:the\s+)?")


def delivered(x: Extractor, s: Sentence) -> None:
    """Remarks delivered at a meeting, and by whom (the speaker named, else the current one)."""
    text, off = s.text, s.off
    rm = _REMARKS.search(text)
    if rm is None and s.kind == C.Remarks:
        rm = _ADDRESSING.search(text)
    found = rm.groupdict() if rm else {}
    if not rm or not (found.get("verb") or found.get("occasion") or found.get("by")):
        return
    target = next((m for m in s.after(rm.end(), C.Meeting)
                   if _REMARKS_TARGET.fullmatch(text[rm.end():m.start - off])), None)
    if target is None and re.match(r"the\s+(?:Meeting|meeting|Summit)", text[rm.end():]) and s.main:
        target = Mention(s.main, C.Meeting, 0, 0, "")
    if target is None:
        return
    persons = s.of(C.Person)
    speaker = x.state.speaker
    if found.get("by"):
        by = [p for p in persons if p.start - off >= rm.start("by") and p.end - off <= rm.end("by")]
        speaker = by[0].entity if by else speaker
    elif persons:
        speaker = min(persons, key=lambda p: abs(p.start - off - rm.start())).entity
    occasion = (found.get("occasion") or "").strip().lower()
    subject = DOC if s.kind == C.Remarks else x.remarks(s.seg, target.entity, speaker, occasion)
    x.fact(s.seg, subject, P.deliveredAt, target.entity)
    if speaker:
        x.fact(s.seg, subject, P.deliveredBy, speaker)


_OPENED_BY = re.compile(r"\b(?:was|were)\s+(?:officially\s+)?(?P<occasion>opened|closed)\s+by\s+")
_IN_REMARKS = re.compile(r"\b(?:[Ii]n|[Dd]uring)\s+(?P<pron>his|her|their)\s+"
                         r"(?P<occasion>opening\s+|closing\s+|keynote\s+|welcom(?:e|ing)\s+|inaugural\s+)?"
                         r"(?:remarks|speech|address|statement|intervention)(?:\s+delivered)?\b")
# the words before a name that opens its sentence: none, or a title in capitals ("Trade Minister", "H.E.")
_TITLE_LEAD = re.compile(r"\W{0,3}(?:(?:(?:[A-Z][\w.'’\-]*|of|for|and|the)\s+){0,5}(?:Minister|Secretary|President|"
                         r"Premier|Chair(?:man|person|woman)?|Governor|Ambassador|Director|General|Dr\.?|H\.E\.|"
                         r"Mr\.?|Ms\.?|Mrs\.?)\s+)?")
# "X said in his speech": the reporting verb right before the words' occasion
_SAID_IN = re.compile(r"\s+(?:said|stated|noted|stressed|added)\s+")
_SPEAKING = re.compile(r"\b(?:(?:[Ss]peaking|[Aa]ddressing|[Ss]poke|speaks)\s+(?:at|to|during|before)|"
                       r"(?<!\bbe\s)(?<!\bwas\s)(?<!\bwere\s)addressed)\s+(?:the\s+)?"
                       r"(?P<occasion>opening|closing)?\s*(?P<event>ceremony|session|plenary(?:\s+session)?|meeting|summit|"
                       r"retreat|forum|conference|event)?\s*(?:of\s+(?:the\s+)?)?")
_OPENS = re.compile(r"\b(?:will\s+|to\s+)?(?:officially\s+)?(?P<occasion>open(?:ed|s)?|close[ds]?|inaugurated)\s+"
                    r"(?:the\s+)?")
_WHILE = re.compile(r"\b(?:[Ww]hile|[Ww]hen)\s+"
                    r"(?P<occasion>addressing|chairing|opening|closing|speaking\s+at|speaking\s+to)"
                    r"\s+(?:the\s+)?(?:(?:virtual|online|hybrid)\s+)?")
# "in his address at the opening ceremony", "in her remarks to the plenary": the clause names the meeting's floor
_FLOOR = re.compile(r"\b(?:ceremony|plenary|session|opening|closing)\b", re.I)
# "At the opening ceremony, X stressed ...", "Addressing the summit, X said ...", "Opening the Meeting, X pointed
# out ...": a fronted phrase names the floor, the person after it speaks there (with a reporting verb after the name)
_FRONTED_FLOOR = re.compile(r"^\W{0,3}(?:(?:At|During)\s+the|Addressing\s+the|Opening\s+the|Closing\s+the)\s+"
                            r"(?P<occasion>opening\s+|closing\s+)?(?:ceremony|session|plenary(?:\s+session)?|meeting|"
                            r"[Mm]eeting|[Ss]ummit|retreat|forum|conference|event)\s*,\s*")
_REPORTING = re.compile(r"\b(?:said|says|stressed|highlighted|noted|emphasi[sz]ed|underlined|underscored|affirmed|"
                        r"reaffirmed|called|urged|expressed|shared|welcomed|reiterated|pointed\s+out|told|added|"
                        r"stated|voiced|praised|appreciated|proposed|suggested|encouraged|thanked|described|"
                        r"acknowledged|pledged|vowed|declared|warned|observed|remarked|announced)\b")
# "X delivered remarks", "gave a speech", "welcoming remarks by X" with no meeting named after the words
_BARE_REMARKS = re.compile(r"\b(?:(?P<verb>deliver(?:ed|s)|gave|gives|made|makes)\s+(?:(?:his|her|the|an?)\s+)?"
                           r"(?:(?:opening|closing|welcoming|welcome|keynote|special)\s+)?(?:remarks|speech|address)\b"
                           r"|(?P<occasion>opening|closing|welcoming|welcome|keynote)\s+(?:remarks|speech|address)\s+by\s+)")


# "X said during the AMEM's Opening Ceremony", "X stated at the closing of the 41st AMEM", "X presided over the
# opening ceremony of the 51st AEM and expressed ...": a person's words at a meeting's opening or closing floor
# (presiding over it only with words reported after it: presiding alone is no speech)
_AT_FLOOR = re.compile(r"\b(?:(?:said|says|stated|states|remarked|stressed|noted|added|emphasi[sz]ed|underlined|"
                       r"highlighted)\s+(?:at|during)|(?P<presided>presided\s+over|officiated(?:\s+at)?))\s+(?:the\s+)?"
                       r"(?:[A-Z][\w\-+]*(?:\s+[A-Z\d][\w\-+]*){0,4}['’]s?\s+)?"
                       r"(?P<occasion>[Oo]pening|[Cc]losing)(?:\s+(?:[Cc]eremony|[Ss]ession|[Pp]lenary))?"
                       r"(?P<of>\s+of\s+(?:the\s+)?)?")


def _only_main(x: Extractor, s: Sentence) -> bool:
    """The sentence names no meeting but the one(s) the document reports: "the opening ceremony",
    "the plenary session" are theirs."""
    if not s.main:
        return False
    main = x.state.main_group or [s.main]
    return all(m.entity in main or _PAST_MEETING.search(s.text[:m.start - s.off]) for m in s.meetings)


# "since the 13th AMMTC", "at the previous meeting": a meeting named as the past, not where one speaks
_PAST_MEETING = re.compile(r"\b(?:since|after|until|from)\s+(?:the\s+)?$")


def spoke_at(x: Extractor, s: Sentence) -> None:
    """Who spoke at a meeting, when the sentence says it without "delivered remarks": "The Meeting
    was opened by X", "In his remarks as chair of the meeting, X said", "X said while chairing the
    21st ... Meeting". The speech is a Remarks document delivered at the meeting by the person."""
    if s.kind == C.Remarks:
        return
    text, off = s.text, s.off
    persons = s.of(C.Person)
    found: list[tuple[str, str, str]] = []   # (meeting, person, occasion)
    for c in _OPENED_BY.finditer(text):
        who = next(iter(s.after(c.end(), C.Person)), None)
        what = _last(s.before(c.start(), C.Meeting))
        meeting = what.entity if what else (s.main if _ANAPHORA.search(text[:c.start()]) else None)
        if who and meeting:
            found.append((meeting, who.entity, "opening" if c.group("occasion") == "opened" else "closing"))
    for c in _IN_REMARKS.finditer(text):
        clause = text[c.end():].split(",", 1)[0]
        what = next((m for m in s.after(c.end(), C.Meeting) if m.start - off <= c.end() + len(clause)), None)
        occasion = (c.group("occasion") or "").strip()
        # "In his speech, X highlighted ...": the clause opens the sentence and its speaker follows, speaking
        opening = c.start() <= 3 and re.match(r"\s*,\s*", text[c.end():]) is not None and \
            bool(_REPORTING.search(text, c.end(), c.end() + 160))
        # "X said in his speech, ...": the sentence opens with the speaker, the verb and the words' occasion
        subject = _last(s.before(c.start(), C.Person))
        # (a title before the name: "Trade Minister X said in his speech")
        opening = opening or subject is not None and (subject.start - off <= 3 or
                                                      bool(_TITLE_LEAD.fullmatch(text, 0, subject.start - off))) and \
            bool(_SAID_IN.fullmatch(text, subject.end - off, c.start()))
        meeting = what.entity if what else (s.main if re.search(r"\b(?:the\s+)?meeting\b", clause, re.I)
                                            or (occasion or _FLOOR.search(clause) or opening) and _only_main(x, s)
                                            else None)
        who = next((p for p in persons if p.start - off > c.end()), None) or \
            _last([p for p in persons if p.end - off <= c.start()])
        # "Yang Berhormat, in his opening remarks, highlighted ...": no name in the sentence, the current speaker
        speaker = who.entity if who else (x.state.speaker if not persons and c.group("pron") in ("his", "her")
                                          else None)
        if speaker and meeting:
            found.append((meeting, speaker, (c.group("occasion") or "").strip()))
    for c in _WHILE.finditer(text):
        what = next((m for m in s.after(c.end(), C.Meeting) if m.start - off - c.end() <= 4), None)
        who = _last([p for p in persons if p.end - off <= c.start()])
        if who is None and what and c.start() == 0:
            # "When closing the X in Jakarta, President Y called for ...": the subject after the fronted clause
            comma = text.find(",", what.end - off)
            who = next((p for p in persons if comma >= 0 and 0 <= p.start - off - comma <= 60), None)
        speaker = who.entity if who else x.state.speaker
        if what and speaker:
            occasion = c.group("occasion").split()[0]
            found.append((what.entity, speaker, occasion if occasion in ("opening", "closing") else ""))
    for c in _SPEAKING.finditer(text):
        what = next((m for m in s.after(c.end(), C.Meeting) if m.start - off - c.end() <= 4), None)
        # "Speaking to reporters afterwards": not at the meeting; "Speaking at the plenary session": the meeting's
        said_at = c.group("event") or c.group("occasion")
        meeting = what.entity if what else (s.main if said_at and _only_main(x, s) else None)
        who = next((p for p in persons if p.start - off >= c.end()), None) or \
            _last([p for p in persons if p.end - off <= c.start()])
        if who and meeting:
            found.append((meeting, who.entity, c.group("occasion") or ""))
    fronted = _FRONTED_FLOOR.match(text)
    if fronted and s.main and _only_main(x, s):
        who = next((p for p in persons if p.start - off >= fronted.end()), None)
        if who and who.start - off - fronted.end() <= 90 and _REPORTING.search(text, who.end - off,
                                                                                who.end - off + 120):
            found.append((s.main, who.entity, (fronted.group("occasion") or "").strip()))
    for c in _OPENS.finditer(text):
        what = next((m for m in s.after(c.end(), C.Meeting) if m.start - off - c.end() <= 4), None)
        if what is None and s.main and _only_main(x, s) and _MEETING_WORD.match(text, c.end()):
            what = Mention(s.main, C.Meeting, 0, 0, "")
        who = _last([p for p in persons if p.end - off <= c.start()])
        if who and what and not re.search(r"\b(?:was|were|be|been)\s+$", text[:c.start()]):
            found.append((what.entity, who.entity, "opening" if c.group("occasion").startswith("open") else "closing"))
    for c in _AT_FLOOR.finditer(text):
        who = _last([p for p in persons if p.end - off <= c.start()])
        if who is None or re.search(r"[;]|\b(?:which|who|that|when|after|before)\b", text[who.end - off:c.start()]):
            continue   # the floor's speaker is the subject of the verb, not a name in another clause
        if c.group("presided") and not _REPORTING.search(text, c.end()):
            continue
        what = next((m for m in s.after(c.end(), C.Meeting) if m.start - off - c.end() <= 4), None)
        meeting = what.entity if what else (s.main if not c.group("of") and _only_main(x, s) else None)
        if meeting:
            found.append((meeting, who.entity, c.group("occasion").lower()))
    for c in _BARE_REMARKS.finditer(text):
        if s.after(c.end(), C.Meeting) or not _only_main(x, s):
            continue   # a meeting named after the words: delivered() reads "remarks at X"
        if c.group("verb") and not _FLOOR.search(text) and not re.search(r"\b(?:[Mm]eeting|[Ss]ummit)\b", text):
            continue   # "X delivered remarks" with no floor named may be anywhere
        by = next((p for p in persons if p.start - off >= c.end()), None) if c.group("occasion") else \
            _last([p for p in persons if p.end - off <= c.start()])
        speaker = by.entity if by else (x.state.speaker if c.group("verb") and not persons else None)
        if speaker and s.main:
            found.extend((mid, speaker, (c.group("occasion") or "")) for mid in [s.main])
    for meeting, person, occasion in dict.fromkeys(found):
        rid = x.remarks(s.seg, meeting, person, occasion)
        x.fact(s.seg, rid, P.deliveredAt, meeting)
        x.fact(s.seg, rid, P.deliveredBy, person)


_CONJUNCTION = cue("conjunction", r"\s+")
# what may stand between a meeting and "in conjunction with": its acronym, "which was held", "is being held",
# its date and place, and a clause on who chaired or hosted it
_CONJ_GAP = re.compile(r"\s*\)?\s*(?:\([^()]{1,40}\)\s*)?,?\s*"
                       r"(?:(?:chaired|co-chaired|hosted|co-hosted|organi[sz]ed|led|opened)\s+by\s+[^,;()]{2,80}?,\s*)?"
                       r"(?:(?:which|that)\s+(?:was|were|is|are|will\s+be|has\s+been)\s+|(?:is|are|was|were)\s+(?:being\s+)?|"
                       r"will\s+be\s+|to\s+be\s+)?(?:(?:also|being|jointly|successfully)\s+)?"
                       r"(?:held|convened|organi[sz]ed|hosted|took\s+place|taking\s+place|takes\s+place|"
                       r"(?:will|to)\s+take\s+place|met|meets|gathered)?\s*,?\s*"
                       r"(?:(?:on|in|at|from|via)\s+[^,;()]{2,40}?\s*,?\s*){0,3}")


# "X was preceded / followed by Y": Y is held with X; "prior to / ahead of / in preparation for X, ... Y": Y with X
_SIDE_BY = re.compile(r"\b(?:was|were|is|will\s+be)\s+(?:(?:immediately|previously|also|then)\s+)?"
                      r"(?:preceded|followed)\s+by\s+(?:the\s+)?")
# a meeting named in capitals that the extractor does not know, with its acronym: "Senior Officials' Meeting (SOM)"
_UNNAMED_SIDE = re.compile(r"(?:[A-Z][\w'’\-]*\s+(?:(?:of|on|for)\s+)?){1,8}?"
                           r"(?:Meeting|Meetings|Forum|Dialogue|Session)(?:\s*\([^()]{1,40}\))?")
# what stands between meetings listed after "preceded by": "A on 2 May and the B on 3 May"
_SIDE_DATED_AND = re.compile(r"\s*\)?\s*(?:\([^()]{1,40}\)\s*)?(?:(?:on|from)\s+[^,;]{3,30}?\s*)?"
                             r"(?:,|,?\s*and|,?\s*as\s+well\s+as)\s*(?:the\s+)?")
_SIDE_BEFORE = re.compile(r"\b(?:[Pp]rior\s+to|[Aa]head\s+of|[Ii]n\s+preparation\s+for|[Ll]eading\s+up\s+to|"
                          r"[Aa]s\s+part\s+of\s+(?:the\s+)?preparations\s+for|[Ii]n\s+the\s+run-up\s+to)\s+(?:the\s+)?")


def _side_meetings(x: Extractor, s: Sentence) -> None:
    """Meetings held around another (lenient in the guide): "The Summit was preceded by the Y",
    "Ahead of the 46th Summit, the ministers held the Y"; Y is held in conjunction with the other."""
    text, off = s.text, s.off
    sides_by = list(_SIDE_BY.finditer(text))
    days = [d for d in find_dates(text, x.state.year, off) if len(d.value) == 10] if sides_by else []
    for c in sides_by:
        if _far_apart([d for d in days if d.end - off <= c.start()], [d for d in days if d.start - off >= c.end()]):
            continue  # "X will be held on 8 May and followed by Y on 10 November": the next session, not a side one
        main = _last(s.before(c.start(), C.Meeting))
        host = main.entity if main else (s.main if _ANAPHORA.search(text[:c.start()]) else None)
        after = [m for m in s.after(c.end(), C.Meeting) if not m.rel]
        side = next((m for m in after if m.start - off == c.end()), None)
        unnamed = _UNNAMED_SIDE.match(text, c.end())
        if side is None and after and unnamed and _SIDE_DATED_AND.fullmatch(text[unnamed.end():after[0].start - off]):
            side = after[0]   # "preceded by the Senior Officials' Meeting (SOM) on 2 May and the 32nd ACC"
        group = [side] if side else []
        for m in after:
            if side and m.start > group[-1].end and _SIDE_DATED_AND.fullmatch(text[group[-1].end - off:m.start - off]):
                group.append(m)
        for m in group:
            if host and host != m.entity:
                x.fact(s.seg, m.entity, P.inConjunctionWith, host)
    for c in _SIDE_BEFORE.finditer(text):
        around = next((m for m in s.after(c.end(), C.Meeting) if m.start - off - c.end() <= 4), None)
        if around is None:
            continue
        others = [m for m in s.meetings if m.entity != around.entity and not m.rel]
        # "Ahead of X, ... Y" (Y after X) or "Y ... ahead of X" (Y before it)
        sides = [m for m in others if m.start > around.end] if c.start() < 3 else \
            [m for m in others if m.end <= c.start() + off]
        if len(distinct(sides)) > 1 and c.start() >= 3:
            # "attended the A and the B on 9 May, in preparation for X": the group written last before the cue
            last = meeting_groups(sides, text, off)[-1]
            sides = last if _SIDE_TAIL.fullmatch(text[_group_end(last, text, off):c.start()]) else sides
        if len(distinct(sides)) == 1 or len(meeting_groups(sides, text, off)) == 1:
            for mid in distinct(sides):
                x.fact(s.seg, mid, P.inConjunctionWith, around.entity)
        elif not sides and c.start() >= 3 and s.main and s.main != around.entity and \
                _ANAPHORA.search(text[:c.start()]) and not s.before(c.start(), C.Meeting):
            x.fact(s.seg, s.main, P.inConjunctionWith, around.entity)  # "The meeting ... leading up to X"


def _far_apart(before: list[DateMention], after: list[DateMention]) -> bool:
    """The days written before and after "followed by" are weeks apart: meetings held together are
    days apart at most (the SOM on 2 May before the ministers on 3 May)."""
    if not before or not after:
        return False
    try:
        return abs((date.fromisoformat(after[0].value) - date.fromisoformat(before[-1].value)).days) > _SIDE_DAYS
    except ValueError:
        return False


_SIDE_DAYS = 14
# what may stand between a group of meetings and "in preparation for": a date, a place
_SIDE_TAIL = re.compile(r"\s*\)?\s*,?\s*(?:(?:on|in|at|from)\s+[^,;]{2,40}?\s*,?\s*){0,2}")


def _host(x: Extractor, s: Sentence, pos: int) -> tuple[str, int] | None:
    """The meeting named right at ``pos`` (and where its group ends), or the reported meeting when
    its series is named there ("In conjunction with the ALMM, ..." in a report of the 25th ALMM)."""
    off = s.off
    first = next((m for m in s.ms if m.start - off >= pos and m.kind in (C.Meeting, C.Body)), None)
    if first is None or first.start - off - pos > 4:
        return None
    if first.kind == C.Meeting:
        group = coordinated(first, s.meetings, s.text, off)
        return first.entity, _group_end(group, s.text, off)
    if s.main and s.main.removeprefix("meeting/").startswith(first.entity.removeprefix("body/") + "-"):
        return s.main, first.end - off
    return None


# what follows the host in "In conjunction with X, ... will be held, namely Y and Z"
_SIDE_LIST = re.compile(r"\b(?:held|convened|organi[sz]ed|namely|including|include[ds]?|such\s+as)\b")


def _fronted_conjunction(x: Extractor, s: Sentence, pos: int) -> None:
    """"In conjunction with X, several related meetings will be held, namely Y and Z": Y and Z are
    held in conjunction with X."""
    host = _host(x, s, pos)
    if host is None:
        return
    mid, end = host
    for m in s.after(end, C.Meeting):
        if m.entity != mid and not m.rel and _SIDE_LIST.search(s.text[end:m.start - s.off]):
            x.fact(s.seg, m.entity, P.inConjunctionWith, mid)


# "Other related meetings include Y and Z", "Preparatory meetings ..., including Y", "The AEM also held
# joint meetings with Y and Z": Y and Z are held with the meeting the document reports (lenient)
_RELATED_LIST = re.compile(r"\b(?:[Oo]ther\s+)?(?:[Rr]elated|[Pp]reparatory|[Aa]ssociated)\s+meetings\b[^.;]{0,80}?"
                           r"\b(?:include[ds]?|including|namely|are|were)\s+(?:the\s+)?|"
                           r"\bheld\s+(?:a\s+)?joint\s+meetings?\s+with\s+(?:the\s+)?")


def _related_meetings(x: Extractor, s: Sentence) -> None:
    if not s.main:
        return
    main = x.state.main_group or [s.main]
    for c in _RELATED_LIST.finditer(s.text):
        if any(m.entity not in main for m in s.before(c.start(), C.Meeting)):
            continue  # the meetings are another one's
        first = next((m for m in s.after(c.end(), C.Meeting) if m.start - s.off - c.end() <= 4), None)
        if first is None:
            continue
        for side in distinct(coordinated(first, s.after(c.end(), C.Meeting), s.text, s.off)):
            if side not in main:
                x.fact(s.seg, side, P.inConjunctionWith, s.main)


def in_conjunction(x: Extractor, s: Sentence) -> None:
    """"X, held in conjunction with Y" (also on the sidelines or margins of, back-to-back with);
    meetings held before or after another (:func:`_side_meetings`), related meetings listed
    (:func:`_related_meetings`)."""
    _side_meetings(x, s)
    _related_meetings(x, s)
    text = s.text
    for c in _CONJUNCTION.finditer(text):
        if not text[:c.start()].strip():
            _fronted_conjunction(x, s, c.end())
            continue
        objs = s.after(c.end(), C.Meeting)
        if not objs:
            continue
        # the meeting the cue is said of: written right before it ("X, held on 2 May in Y, in conjunction
        # with Z"), or the meeting reported as "the Meeting"; not one named before another event or clause
        # ("the youth of the X spoke during the Leaders' Interface, held on the sidelines of Z"; "the Meeting
        # looked forward to welcoming W, which will sign the Treaty on the sidelines of Z")
        subs = [m for m in s.before(c.start(), C.Meeting) if _CONJ_GAP.fullmatch(text[m.end - s.off:c.start()])]
        subj = subs[-1].entity if subs else None
        if subj is None and s.main and not s.before(c.start(), C.Meeting):
            ana = [a for a in _ANAPHORA.finditer(text[:c.start()]) if _CONJ_GAP.fullmatch(text[a.end():c.start()])]
            subj = s.main if ana else None
        for obj in coordinated(objs[0], objs, s.text, s.off):
            if subj and subj != obj.entity:
                x.fact(s.seg, subj, P.inConjunctionWith, obj.entity)


_HELD = cue("held")
_RELATED = r"(?:\s+and\s+(?:its\s+|the\s+)?[Rr]elated\s+(?:[Mm]eetings|[Ss]ummits))?"
_WHERE = re.compile(_RELATED + r"(?:\s+(?:plenary|opening|closing)\s+(?:session|ceremony))?"  # its session's place
                    r"\s*\)?\s*,?\s*(?:which\s+(?:was|is|will\s+be)\s+|was\s+|is\s+being\s+|will\s+be\s+)?"
                    r"(?:held\s+|convened\s+|hosted\s+|taking\s+place\s+|took\s+place\s+|"
                    r"(?:will\s+|(?:is\s+|are\s+)?to\s+)?takes?\s+place\s+)?(?:in|at)\s+(?:the\s+)?")
_IN_PLACE = re.compile(r"\b(?:held|convened|hosted|gathered|met|took\s+place|taking\s+place)?\s*(?:in|at)\s+"
                       r"(?:the\s+)?(?:(?P<state>[A-Z][\w\-]+(?:\s[A-Z][\w\-]+)?)['’]s?\s+(?:[a-z\-]+\s+){0,2}"
                       r"(?:city|capital|town|province|resort\s+city|resort\s+town)\s+of\s+)?$")
# a state is a meeting's place only when a verb of meeting or the meeting's date is right before it
# ("gathered in Singapore", "on 21 March 2018 in Singapore"); "the situation in Myanmar" is not one
# ("commenced, Monday, in Malaysia": a weekday set off by commas between verb and place)
_IN_STATE = re.compile(r"\b(?:held|convened|hosted|gathered|met|took\s+place|taking\s+place|kicked\s+off|"
                       r"opened|began|concluded|commenced|started)\s*(?:,\s*(?:on\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|"
                       r"Satur|Sun)day\s*,\s*)?(?:here\s+)?(?:(?:virtually|today|yesterday)\s+)?in\s+(?:the\s+)?$")
# "Cebu will host the ASEAN Foreign Ministers' Retreat", "Vientiane hosted the 28th ...": the city is the place
_PLACE_HOSTS = re.compile(r"(?P<place>[A-Z][\w'’\-]+(?:\s[A-Z][\w'’\-]+){0,2})\s+"
                          r"(?:will\s+(?:also\s+)?host|is\s+hosting|hosted|hosts|played\s+host\s+to|plays\s+host\s+to)"
                          r"\s+(?:the\s+)?")
_AFTER_DATE = re.compile(r"\s*,?\s*in\s+(?:the\s+)?$")
# "on 18 May 2022 in Bali, Indonesia": a region that is no city the text names, then its state: the state is the place
_AFTER_DATE_REGION = re.compile(r"\s*,?\s*in\s+(?:the\s+)?[A-Z][\w'’\-]+(?:\s[A-Z][\w'’\-]+){0,2}\s*,\s*(?:the\s+)?$")
_NOT_HELD_ON = re.compile(r"\b(?:since|until|till|by|before|after|from|to|"
                          r"(?<!morning\s)(?<!afternoon\s)(?<!evening\s)of|deadline|signed|adopted|"
                          r"established|founded)\s+(?:the\s+)?$")
# ("The two meetings were convened ...": the meetings the document reports, plural)
_ANAPHORA = re.compile(r"\b[Tt]he\s+(?:(?:(?:[a-z]+-day|two|three|annual)\s+)?(?:Meeting|Summit|Retreat|meeting|summit|"
                       r"retreat|conference|Conference|forum|Forum)\b|(?:two|three)\s+(?:[Mm]eetings|[Ss]ummits)\b)")
# another event is in the sentence: its date and place are not the meeting's
_OTHER_EVENT = re.compile(r"\b(?:preceded|followed)\s+by\b|\bahead\s+of\b|\bprior\s+to\b|\bin\s+the\s+run-up\s+to\b|"
                          r"(?:^|,\s*)[Ff]ollowing\s+(?:the\s+)?(?:(?:activities|conclusion|success|end)\s+of\s+)?(?:the\s+)?"
                          r"(?=\d|[A-Z])")
# the day a meeting ended is not the day it was held
_CLOSING_VERB = re.compile(r"concluded|closed|wrapped\s+up|ended")
# the sentence's subject is a meeting it does not name: "A ministerial interface meeting between the ATM and the
# M-ATM was also held on 10 November", "Preparatory meetings will be held from 22 to 24 June, including the X";
# the date and place are that meeting's, not those of the meetings named inside it
_UNNAMED_SUBJECT = re.compile(r"\s*(?:An?\s+(?:[\w\-]+\s+){0,4}(?:meeting|session|dialogue)\s+(?:between|among|with)\b|"
                              r"(?:Preparatory|Related|Side|Other|Several|Bilateral)\s+(?:[a-z\-]+\s+){0,2}"
                              r"(?:meetings|sessions)\b)")
# "the Preparatory Senior Officials' Meeting for the X on 2 May", "met on 2 May to make preparations for the X":
# X is what another meeting prepares; the date and place are that one's
_PREPARED_FOR = re.compile(r"\b(?:[Pp]reparat\w*|[Pp]repar(?:e|es|ing))\b[^.;]{0,80}?\bfor\s+(?:the\s+)?"
                           r"(?:(?:[a-z]+\s+)?(?:organi[sz]ation|hosting|holding|convening)\s+of\s+(?:the\s+)?)?$")
_HERE = re.compile(r"\bhere\b")
# a meeting held online has no place the dateline could give
_VIRTUAL = re.compile(r"\b(?:video[\s-]?conferenc\w*|virtual(?:ly)?|online)\b", re.IGNORECASE)
_TODAY_ONLY = re.compile(r"\btoday\b")
_TODAY = re.compile(r"\b(?:today|on\s+(?P<day>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _is_dateline_day(match: re.Match[str] | None, dateline_date: str) -> bool:
    """"today", or a weekday that is the dateline's own ("VIENTIANE, 8 October 2024 -- ... on Tuesday")."""
    if match is None:
        return False
    if not match.group("day"):
        return True
    try:
        return _WEEKDAYS[date.fromisoformat(dateline_date).weekday()] == match.group("day")
    except ValueError:
        return False


def _place_date_line(s: Sentence, dates: list[DateMention]) -> bool:
    """A line that is only a place and a day ("Bandar Seri Begawan, 29 September 2021", "28 April 2017,
    Manila, Republic of the Philippines"): the dateline of a statement or press release, without a dash."""
    rest = list(s.text)
    for a, b in [(m.start - s.off, m.end - s.off) for m in s.ms] + [(d.start - s.off, d.end - s.off) for d in dates]:
        rest[a:b] = " " * (b - a)
    return re.fullmatch(r"[\s,.;:]*", "".join(rest)) is not None


def dateline(x: Extractor, s: Sentence) -> None:
    """The dateline at the head of a report ("PHNOM PENH, Aug. 3 (Xinhua) --", its own span):
    where "here" is and which day "today" is for the sentences after it."""
    if s.seg.start is None:
        return
    x.state.index += 1
    if x.state.index > LATE_HEAD_LINES or len(s.text) > 80:
        return
    place = next(iter(s.of(C.City, *PLACE_KINDS)), None) or next(iter(s.of(C.MemberState, C.Country)), None)
    dates = [d for d in find_dates(s.text, x.state.year, s.off) if len(d.value) == 10]
    if not re.search(r"(?:--|—|–|-|:)\s*$", s.text) and not (place and dates and _place_date_line(s, dates)):
        return
    if place:
        x.state.dateline_place = place.entity
    if dates:
        x.state.dateline_date = dates[0].value
    x.state.dateline_at = x.state.index


def held_in_and_on(x: Extractor, s: Sentence) -> None:
    """Where and when a meeting was held: "X, held in Kuala Lumpur on 26 May 2025", "gathered in
    Jakarta on 5 September 2023 for the 43rd ASEAN Summit", "The Summit was held ...". A date or
    place anywhere in the sentence counts when the sentence names one meeting (or one group:
    "the 44th and 45th ASEAN Summits", "X (XM), Y (YM) and Z (ZM) that were held on ...") and says
    it was held, convened, attended ...; a date needs its day (month-only dates say when something
    else happened). After a dateline, "kicked off here on Wednesday" is its place and day."""
    text, off = s.text, s.off
    if _UNNAMED_SUBJECT.match(text):
        return
    own = [m for m in s.meetings if not m.rel]
    groups = meeting_groups(own, text, off)
    subjects = [(mid, _group_end(group, text, off)) for group in groups for mid in distinct(group)
                if not _prepared(s, group)]
    if not subjects and s.main and not own:   # not when the meetings named are what another prepares
        ana = _ANAPHORA.search(text) or _own_numbered(s)
        if ana:
            subjects = [(mid, ana.end()) for mid in x.state.main_group or [s.main]]
            groups = [[Mention(s.main, C.Meeting, ana.start() + off, ana.end() + off, ana.group(0))]]
    if not subjects:
        return
    held_cue = _HELD.search(text)
    other = _OTHER_EVENT.search(text)
    # "X took place at V and was followed by Y": what the sentence says before the other event is still X's
    limit = other.start() if other and held_cue and held_cue.start() < other.start() and \
        all(end <= other.start() for _, end in subjects) else len(text)
    # one meeting (or group), though it may be named twice ("The X (XM) - Cebu, 31 January / The X (XM) was
    # convened on ..." when a headline runs into the first sentence)
    one = len({tuple(distinct(g)) for g in groups}) == 1 and (other is None or limit < len(text))
    closing = held_cue is not None and all(_CLOSING_VERB.fullmatch(c.group(0)) for c in _HELD.finditer(text))
    placed: set[str] = set()
    found = find_dates(text, x.state.year, off)
    # the sentence tells of a visit or of what someone will do on a day: the days after it are that event's too
    limit = min([limit] + [d.start - off for d in found if _other_day(text, off, d)])
    dates = [d for d in found if len(d.value) == 10 and not _not_held_on(text, off, d) and d.start - off < limit]
    if one and len(groups) > 1:
        # the meeting named again: its day is the one written after the last naming (the first may be a headline's)
        dates = [d for d in dates if d.start >= groups[-1][0].start]
    for mid, end in subjects:
        where = _WHERE.match(text[end:])
        if where:
            pm = next((m for m in s.ms if m.start - off == end + where.end()), None)
            pm = _capital_city(s, pm) or pm if pm and pm.kind in (C.MemberState, C.Country) else pm
            if pm and (pm.kind in PLACE_KINDS or pm.kind in (C.MemberState, C.Country) and not _is_state_of(s, pm)):
                _place(x, s, mid, pm)
                placed.add(mid)
            elif pm is None and (state := _region_state(s, end + where.end())):
                x.fact(s.seg, mid, P.location, state.entity)
                placed.add(mid)
            elif pm is None and held_cue:
                x.new_place(s.seg, mid, end + where.end())
                venue = _NEW_VENUE.match(text, end + where.end())
                state = _region_state(s, venue.end()) if venue else None
                if state:
                    x.fact(s.seg, mid, P.location, state.entity)
    # a caption or agenda line: "at the 17th X Meeting, March 8, Iloilo City", "Follow Up on the 12th X Meeting,
    # 18 September 2014": the day (and the city) written right after the meeting's name
    for mid, end in subjects if not held_cue else ():
        comma = re.match(r"\s*,\s*", text[end:])
        d = next((d for d in found if comma and d.start - off == end + comma.end()), None)
        if d is None or len(d.value) != 10 or not re.match(r"\s*(?:$|[,;\[(]|\.\s)", text[d.end - off:]):
            continue
        _held_on(x, s, mid, d)
        city = re.match(r"\s*,\s*", text[d.end - off:])
        pm = next((m for m in s.of(C.City) if city and m.start - off == d.end - off + city.end()), None)
        if pm:
            _place(x, s, mid, pm)
            placed.add(mid)
    for c in _PLACE_HOSTS.finditer(text):
        pm = next((m for m in s.ms if m.end - off == c.start("place") + len(c.group("place"))
                   and m.kind == C.City), None)
        hosted = next((m for m in own if m.start - off == c.end()), None)
        if pm and hosted:
            for mid in _group_of(s, hosted):
                _place(x, s, mid, pm)
                placed.add(mid)
    if one and held_cue and not placed:
        for pm in s.of(*PLACE_KINDS, C.MemberState, C.Country):
            if pm.start - off >= limit:
                break
            before = text[:pm.start - off]
            if pm.kind in PLACE_KINDS:
                inside = _IN_PLACE.search(before)
                ok = bool(inside)
                state = _last(s.before(pm.start - off, C.MemberState, C.Country)) if inside and inside.group("state") \
                    else None
                if inside and state and pm.kind == C.City and state.start - off == inside.start("state"):
                    x.fact(s.seg, pm.entity, P.containedIn, state.entity)  # "Thailand's northern city of Chiang Mai"
            else:
                ok = not _is_state_of(s, pm) and (bool(_IN_STATE.search(before)) or any(
                    _AFTER_DATE.fullmatch(text[d.end - off:pm.start - off])
                    or _AFTER_DATE_REGION.fullmatch(text[d.end - off:pm.start - off])
                    and not any(d.end <= m.start < pm.start for m in s.ms) for d in dates))
            if ok:
                for mid, _ in subjects:
                    _place(x, s, mid, pm)
                    placed.add(mid)
                break
        # "kicked off here"; "was convened today" after the dateline of a press release (not of a news report,
        # whose reporter may write from home about a meeting abroad): the dateline's place
        here = _HERE.search(text, held_cue.start()) or \
            (_TODAY_ONLY.search(text, held_cue.start()) if s.kind != C.NewsReport and not _VIRTUAL.search(text)
             else None)
        if not placed and here and x.state.dateline_place:
            for mid, _ in subjects:
                x.fact(s.seg, mid, P.location, x.state.dateline_place)
    if not one:
        _dated_groups(x, s, groups, dates)
    elif not placed:
        _dated_groups(x, s, groups, [d for d in find_dates(text, x.state.year, off)
                                     if not _not_held_on(text, off, d)], place_only=True)
    if one and (held_cue or _WHERE.match(text[subjects[-1][1]:]) or _ON_DATE.match(text[subjects[-1][1]:])):
        if dates and not closing:
            for mid, _ in subjects:
                _held_on(x, s, mid, dates[0])
        elif held_cue and not closing and x.state.dateline_date and (
                _is_dateline_day(_TODAY.search(text, held_cue.start()), x.state.dateline_date)
                # a press release or statement opening under its dateline with the meeting held, no other day said
                or s.kind != C.NewsReport and x.state.index == x.state.dateline_at + 1
                and not find_dates(text, x.state.year, off)):
            for mid, _ in subjects:
                x.fact(s.seg, mid, P.startDate, x.state.dateline_date)


def _prepared(s: Sentence, group: list[Mention]) -> bool:
    """The group is named as what another meeting prepares ("the Preparatory Senior Officials' Meeting for
    the X", "met to make preparations for the X")."""
    return bool(_PREPARED_FOR.search(s.text[:group[0].start - s.off]))


def _not_held_on(text: str, off: int, d: DateMention) -> bool:
    """The date says when something else happened ("since 2 May", "signed on ...", "his 6 to 9 May
    visit", "the leaders will on 9 May announce"); "from 14 to 15 May" is a meeting's days (a range
    after "from" is no starting point of something else)."""
    if _other_day(text, off, d):
        return True
    hit = _NOT_HELD_ON.search(text[:d.start - off])
    return hit is not None and not (d.until and hit.group(0).startswith("from"))


# a date that qualifies a visit or trip ("started his 6-9 May official visit to ..."), or that stands between
# an auxiliary and another verb ("the leaders will on 9 May announce ..."): the day of something else
_DATED_OTHER = re.compile(r"\s*(?:(?:official|state|working|two-day|three-day|four-day)\s+)?"
                          r"(?:visit|visits|trip|tour|journey)\b")
_WILL_ON = re.compile(r"\b(?:will|would|shall|to)\s+(?:also\s+)?on\s+$")


def _other_day(text: str, off: int, d: DateMention) -> bool:
    """``d`` is the day of a visit or of what someone will do (:data:`_DATED_OTHER`, :data:`_WILL_ON`)."""
    return bool(_DATED_OTHER.match(text, d.end - off) or _WILL_ON.search(text[:d.start - off]))


_OWN_NUMBERED = re.compile(r"\b(?:[Oo]ur|[Ii]ts|[Tt]heir)\s+(\d{1,3})(?:st|nd|rd|th)\s+"
                           r"(?:[Mm]eeting|[Ss]ummit|[Rr]etreat)\b")


def _own_numbered(s: Sentence) -> re.Match[str] | None:
    """"We ... held our 38th Meeting on ...": the reported meeting, when the ordinal is its own."""
    m = _OWN_NUMBERED.search(s.text)
    return m if m and s.main and s.main.endswith(f"-{m.group(1)}") else None


def _held_on(x: Extractor, s: Sentence, meeting: str, d: DateMention) -> None:
    """The meeting was held on ``d``. A day and month whose year the text never states ("on
    November 13", the year taken from the document's date) is no full date: it is not stated for a
    meeting the graph knows (its curated date stands); a new meeting keeps it, as it needs a date
    to be recorded at all."""
    partial = any(m.kind == "Date" and m.start == d.start and m.entity.startswith("date:--") for m in s.ms)
    if partial and x.gaz.known(meeting):
        return
    x.fact(s.seg, meeting, P.startDate, d.value)
    if d.until:
        x.fact(s.seg, meeting, P.endDate, d.until)


# "which was", "that will be", "to be", "scheduled to be", "which", "was" before "held / convened on ..."
_AUX = r"(?:(?:which|that)\s+(?:(?:was|were|is|are|will\s+be)\s+)?|(?:(?:scheduled|set|due)\s+)?to\s+be\s+|" \
       r"will\s+be\s+|(?:was|were|is|are)\s+)?"
_ON_DATE = re.compile(_RELATED + r"\s*\)?\s*,?\s*(?:(?:" + _AUX + r"(?:held|convened)\s+)?on|"
                      r"(?:which\s+is\s+|that\s+is\s+)?(?:scheduled|slated|set)\s+(?:for|on))"
                      r"\s+(?:the\s+)?(?=\d|[A-Z][a-z])")
_HELD_VERB = re.compile(r"\b(?:held|convened|scheduled|slated|set)\b")


_IN_DATE = re.compile(_RELATED + r"\s*\)?\s*,?\s*(?:" + _AUX + r"(?:held|convened)\s+)?in\s+(?=[A-Z][a-z]+\s+\d{4})")


# a day (or days) in brackets right after a meeting's name: "the X Meeting (July 8-12, 2019)"
_BRACKET_DATE = re.compile(r"\s*\(\s*(?=(?:\d|[A-Z][a-z]+\s+\d)[^()]{0,30}\))")


def _dated_groups(x: Extractor, s: Sentence, groups: list[list[Mention]], dates: list[DateMention],
                  place_only: bool = False) -> set[str]:
    """In a sentence naming several meetings, a date written right after a group ("at the 40th and
    41st ASEAN Summits on 11 November 2022 in Phnom Penh") is that group's, and a place right
    after that date too (also after a month: "at the 27th ASEAN Summit in November 2015 in Kuala
    Lumpur"; ``place_only``: the date is not taken, only the place after it)."""
    text, off = s.text, s.off
    out: set[str] = set()
    for group in groups:
        end = _group_end(group, text, off)
        on = _ON_DATE.match(text[end:]) or (_IN_DATE.match(text[end:]) if place_only else None) or \
            (_BRACKET_DATE.match(text[end:]) if not place_only else None)   # "the X Meeting (8-12 July 2019)"
        if on and _prepared(s, group) and not _HELD_VERB.search(on.group(0)):
            continue  # "the Preparatory SOM for the X on 2 May": the date is the preparatory meeting's
        d = next((d for d in dates if d.start - off == end + on.end()), None) if on else None
        if d is None:
            continue
        for mid in distinct(group) if not place_only else ():
            _held_on(x, s, mid, d)
            out.add(mid)
        pm = next((m for m in s.ms if m.start > d.end and _AFTER_DATE.fullmatch(text[d.end - off:m.start - off])), None)
        if pm and (pm.kind in PLACE_KINDS or pm.kind in (C.MemberState, C.Country) and not _is_state_of(s, pm)):
            for mid in distinct(group):
                _place(x, s, mid, pm)
    return out


def _is_state_of(s: Sentence, pm: Mention) -> bool:
    """"in Malaysia's capital" or "in the Philippines' ...": a state that qualifies something else."""
    return bool(re.match(r"['’]", s.text[pm.end - s.off:pm.end - s.off + 1]))


# "the Lao capital Vientiane", "Indonesia's capital city of Jakarta": the city after a state that qualifies it
_CAPITAL = re.compile(r"(?:['’]s?)?\s+(?:(?:capital\s+city|capital|city)(?:\s+of)?|"
                      r"(?:northern|southern|eastern|western|central|coastal|resort|island)\s+"
                      r"(?:city|province|island)(?:\s+of)?)\s*,?\s*")


def _capital_city(s: Sentence, pm: Mention) -> Mention | None:
    """The city named right after "<state> capital" (``pm`` the state), else None."""
    c = _CAPITAL.match(s.text, pm.end - s.off)
    if c is None:
        return None
    return next((m for m in s.ms if m.start - s.off == c.end() and m.kind == C.City), None)


def _place(x: Extractor, s: Sentence, mid: str, pm: Mention) -> None:
    x.fact(s.seg, mid, P.heldAt if pm.kind == C.Venue else P.location, pm.entity)
    if pm.kind == C.Venue:
        nxt = next((m for m in s.ms if m.start > pm.end and m.start - pm.end <= 4 and m.kind == C.City), None)
        comma = _COMMA.match(s.text, pm.end - s.off)
        if nxt is None and comma:
            nxt = _region_state(s, comma.end())
        if nxt:
            x.fact(s.seg, mid, P.location, nxt.entity)


# "held in Bali, Indonesia", "in Selangor, Malaysia", "at the X Centre, Kedah, Malaysia": an island, province or
# state (entities.yaml not_cities; the guide has no type for them) written with its country: the meeting's place
# is the country
_NEW_VENUE = re.compile(r"(?:[A-Z][\w'’\-]+\s?){0,4}(?:Centre|Center|Hall|Hotel|Palace|Building|Complex|Resort|House)"
                        r"\s*,\s*")
_REGION = re.compile(r"(?P<region>[A-Z][\w'’\-]+(?:\s[A-Z][\w'’\-]+){0,2})\s*,\s*")


def _region_state(s: Sentence, pos: int) -> Mention | None:
    """The state after "REGION, " at ``pos`` (relative to the sentence), when REGION is no mention."""
    r = _REGION.match(s.text, pos)
    if r is None or not not_a_city(r.group("region")):
        return None
    return next((m for m in s.ms if m.start - s.off == r.end() and m.kind in (C.MemberState, C.Country)), None)


# "Kuala Lumpur, Malaysia", "Cebu, the Philippines", "Siem Reap, the Kingdom of Cambodia"
# "Kuala Lumpur, Malaysia", "Clark city, the Philippines", "Bandar Seri Begawan (Brunei Darussalam)",
# "Kuala Lumpur [Malaysia]": the state after a comma or in brackets
_COMMA = re.compile(r"\s*(?:[Cc]ity\s*)?(?:,|\(|\[)\s*(?:the\s+)?"
                    r"(?:(?:Kingdom|Republic|Union|Sultanate|Socialist\s+Republic)\s+of\s+(?:the\s+)?)?")


def city_in_country(x: Extractor, s: Sentence) -> None:
    """"Kuala Lumpur, Malaysia", "Bandar Seri Begawan (Brunei)": a city written with its country is in it."""
    for a, b in zip(s.ms, s.ms[1:], strict=False):
        gap = s.text[a.end - s.off:b.start - s.off]
        if a.kind == C.City and b.kind in (C.MemberState, C.Country) and _COMMA.fullmatch(gap) and (
                not re.search(r"[(\[]", gap) or re.match(r"\s*[)\]]", s.text[b.end - s.off:])):
            # (a bracket holds the state alone: "Jakarta (Indonesia Window)" is a publisher's name)
            x.fact(s.seg, a.entity, P.containedIn, b.entity)


_YEAR = r"(?:19|20)\d{2}"
_CHAIR_AFTER = re.compile(
    r"(?:['’]s?\s+(?:(?:current|rotating|outgoing)\s+)?(?:(?P<y1>" + _YEAR + r")\s+)?(?:(?i:asean)\s+)?"
    r"(?:(?P<y4>" + _YEAR + r")\s+)?(?i:chair(?:(?:man|person)?ship)?)\b"
    r"(?!\s+of\s+(?:the\s+)?(?!(?i:asean)))"
    r"|\s+(?:during|under)\s+(?:her|its|their)\s+(?:(?P<y3>" + _YEAR + r")\s+)?(?:(?i:asean)\s+)?(?i:chairmanship)\b)"
    r"(?:\s+of\s+(?i:asean))?(?:\s+(?:in|for|of)?\s*(?P<y2>" + _YEAR + r")\b)?")
_ASEAN_SUMMIT_HELD = re.compile(r"\b(?i:asean)\s+[Ss]ummits?\b[^.;]{0,120}\b(?:held|hosted|convened)\s+under\b")
# "Laos has been designated as the ASEAN Chair for 2024", "Indonesia as chair of the 2023 ASEAN Summits"
_CHAIR_AS = re.compile(
    r"(?:['’]s?(?:\s+[\w-]+){1,3})?,?"
    r"(?:\s+(?:has|have|had|was|is|will|be|been|officially|formally|designated|named|appointed|confirmed|chosen|"
    r"selected|serving|serves|served|acting))*"
    r"\s+(?:as(?:\s+the)?|the|is\s+the|was\s+the|will\s+be\s+the)\s+"
    r"(?:current\s+|incoming\s+)?(?:(?P<y1>" + _YEAR + r")\s+)?"
    r"(?:(?i:asean)\s+[Cc]hair(?:man)?|[Cc]hair(?:man)?\s+of\s+(?i:asean)|"
    r"[Cc]hair(?:man)?\s+of\s+the\s+(?P<y3>" + _YEAR + r")\s+(?i:asean)\s+Summits?)\b"
    r"(?:\s+(?:in|for|of)?\s*(?P<y2>" + _YEAR + r")\b)?")
# "Indonesia, ASEAN Chair 2023,", "Indonesia, the current ASEAN Chair for 2023": the post in apposition, with its year
_CHAIR_APPOSED = re.compile(r"\s*,\s+(?:the\s+)?(?:current\s+|incoming\s+)?(?:(?i:asean)\s+[Cc]hair(?:man)?|"
                            r"[Cc]hair(?:man)?\s+of\s+(?i:asean))\s+(?:(?:in|for|of)\s+)?(?P<y2>" + _YEAR + r")\b")
# "The Philippines has officially assumed its chairship of the ASEAN", "Malaysia will take over the ASEAN
# Chairmanship in 2025", "thanked X for assuming the ASEAN Chairmanship in 2030", "as X takes on the
# Chairmanship of ASEAN 2030": ASEAN's (a chairmanship "of ASEAN Education" is another body's)
# ("Indonesia, which holds the ASEAN Chairmanship for 2023", "Laos as it prepares to assume the ASEAN chairmanship
# in 2024": holding it, and preparing to assume it, too)
_CHAIR_ASSUMED = re.compile(
    r"(?:\s*,\s*(?:which|who)|\s+as\s+(?:it|she|they))?"
    r"\s+(?:has\s+|have\s+|had\s+|will\s+|is\s+set\s+to\s+|is\s+to\s+|for\s+|on\s+)?(?:officially\s+|formally\s+)?"
    r"(?:(?:prepares|prepared|preparing|is\s+preparing|is\s+ready|readies|gets\s+ready)\s+to\s+)?"
    r"(?:assume[ds]?|assuming|take[s]?\s+(?:over|on)|took\s+(?:over|on)|taking\s+(?:over|on)|holds|holding|held)\s+"
    r"(?:the\s+|its\s+|her\s+)?"
    r"(?:rotating\s+)?(?:(?P<a1>(?i:asean))\s+)?(?i:chair(?:man|person)?ship)\b"
    r"(?:\s+of\s+(?:the\s+)?(?:(?P<a2>(?i:asean))|Association\s+of\s+Southeast\s+Asian\s+Nations(?:\s*\(ASEAN\))?)"
    r"(?!\s+[A-Z]))?(?:\s+(?:in|for|of)?\s*(?P<y2>" + _YEAR + r")\b)?")
# "Laos chairing ASEAN in 2030", "Laos will lead ASEAN throughout 2030", "2011, when Indonesia last chaired ASEAN",
# "X, who chairs ASEAN for 2030": a verb of chairing with ASEAN as its object (leading needs the year)
_CHAIR_VERB = re.compile(
    r",?\s+(?:who\s+|which\s+)?(?:(?:last|currently|now|also|again)\s+)?"
    r"(?:(?:will|would|is\s+set\s+to|is\s+to|to)\s+)?"
    r"(?P<verb>chairs|chaired|chairing|chair|leads|led|leading|lead)\s+(?:the\s+)?(?i:asean)\b(?![\w\-'’]|\s+[A-Z])"
    r"(?:\s+(?:in|for|throughout|during)\s+(?:the\s+year\s+)?(?P<y2>" + _YEAR + r")\b)?")
# "devised in 2011 when Indonesia last chaired ASEAN": the year right before "when"
_YEAR_WHEN = re.compile(r"\b(?:in|of)\s+(?P<y2>" + _YEAR + r")\s*,?\s+when\s+(?:the\s+)?$")
_CHAIR_BEFORE = re.compile(r"\b(?:under\s+the\s+(?:ASEAN\s+)?Chair(?:man)?ship\s+of|(?:ASEAN\s+Chair(?:man)?|"
                           r"[Cc]hair(?:man)?\s+of\s+ASEAN)(?:\s+(?:for\s+|in\s+)?(?P<y1>(?:19|20)\d{2}))?,?|(?i:asean)\s+(?:will\s+be|is|was|is\s+being)\s+"
                           r"chaired\s+by)\s+(?:the\s+)?$")


def chairmanship(x: Extractor, s: Sentence) -> None:
    """A state holds the ASEAN Chairmanship of a year: "Thailand's ASEAN Chairmanship in 2019",
    "Singapore's 2018 ASEAN Chairmanship", "under the Chairmanship of Indonesia", "Malaysia, as
    ASEAN Chair", "Cambodia is the chair of ASEAN for 2022", "ASEAN will be chaired by Malaysia in
    2025", "Malaysia during her Chairmanship in 2015". Without a year in the sentence, the year of
    the document's date."""
    text, off = s.text, s.off
    for m in s.of(C.MemberState):
        after = _CHAIR_AFTER.match(text, m.end - off) or _CHAIR_AS.match(text, m.end - off) or \
            _CHAIR_APPOSED.match(text, m.end - off)
        assumed = None if after else _CHAIR_ASSUMED.match(text, m.end - off)
        if assumed and not assumed.group("a1") and " of " not in assumed.group(0):
            assumed = None   # "Laos assumed the chairmanship" alone may be of another body
        after = after or assumed
        verb = None if after else _CHAIR_VERB.match(text, m.end - off)
        if verb and not verb.group("y2"):
            when = _YEAR_WHEN.search(text[:m.start - off])
            if when:
                cid = x.chairmanship(s.seg, int(when.group("y2")), m.entity)
                x.fact(s.seg, cid, P.chairState, m.entity)
                continue
            if verb.group("verb").startswith("le"):
                verb = None   # "Laos leads ASEAN" without a year: leading may be in something else
        after = after or verb
        before = None if after else _CHAIR_BEFORE.search(text[:m.start - off])
        hit = after or before
        if hit is None:
            continue
        found = [g for g in (hit.groupdict().get(k) for k in ("y1", "y2", "y3", "y4")) if g]
        if after and not found and not assumed and "asean" not in after.group(0).lower() and \
                not _ASEAN_SUMMIT_HELD.search(text):
            # "Malaysia's chairmanship" alone may be of another body; with a year or ASEAN it is ASEAN's, and
            # so it is in a sentence on an ASEAN Summit held under it ("the 47th ASEAN Summit, hosted under
            # Malaysia's current chairmanship")
            continue
        years = [int(found[0])] if found else []
        if not years:
            nearby = re.search(r"\b(?:in|for|of)\s+((?:19|20)\d{2})\b", text[m.end - off:m.end - off + 80])
            elsewhere = {int(y) for y in re.findall(r"\b((?:19|20)\d{2})\b", text)} - {x.state.year}
            if not nearby and elsewhere:
                continue  # "handed over the Chairmanship for 2016 ... under Laos' Chairmanship": which year is unsure
            years = [int(nearby.group(1))] if nearby else ([x.state.year] if x.state.year else [])
        for year in years:
            cid = x.chairmanship(s.seg, year, m.entity)
            x.fact(s.seg, cid, P.chairState, m.entity)
    # "Vietnam's preparations during its 2020 ASEAN Chairmanship", "hosted by Malaysia, coinciding with their
    # chairmanship of ASEAN in 2015": the possessive stands for the state last named before it
    for c in _ITS_CHAIRMANSHIP.finditer(text):
        if not (c.group("a1") or c.group("a2")) or not (c.group("y1") or c.group("y2")):
            continue
        if re.match(r"\s*[,;]?\s*(?:which|that)\b", text[c.end():]):
            continue
        state = _last([m for m in s.before(c.start(), C.MemberState) if not _is_state_of(s, m)])
        if state is None:
            continue
        year = int(c.group("y1") or c.group("y2"))
        cid = x.chairmanship(s.seg, year, state.entity)
        x.fact(s.seg, cid, P.chairState, state.entity)
    _person_chair(x, s)


_ITS_CHAIRMANSHIP = re.compile(r"\b(?:its|her|their)\s+(?:(?P<y1>" + _YEAR + r")\s+)?(?:(?P<a1>(?i:asean))\s+)?"
                               r"(?i:chair(?:man|person)?ship)(?:\s+of\s+(?:the\s+)?(?P<a2>(?i:asean)))?"
                               r"(?:\s+(?:in|for|of)?\s*(?P<y2>" + _YEAR + r")\b)?")


_ASEAN_CHAIR_YEAR = (r"(?:(?P<y1>" + _YEAR + r")\s+(?i:asean)\s+[Cc]hair(?:man|person)?|"
                     r"(?:(?i:asean)(?:['’]s)?\s+[Cc]hair(?:man|person)?|[Cc]hair(?:man|person)?\s+of\s+(?i:asean))\s+"
                     r"(?:for\s+|in\s+)?(?P<y2>" + _YEAR + r"))\b")
# "as the Chair of ASEAN 2024, H.E. X", "The 2015 ASEAN Chairman, Malaysian Prime Minister X",
# "As the ASEAN's chair in 2020, Vietnamese Prime Minister X"
_PERSON_CHAIR_BEFORE = re.compile(r"(?:^|\b[Aa]s\s+(?:the\s+)?|\b[Tt]he\s+)" + _ASEAN_CHAIR_YEAR +
                                  r"\s*,\s*[^,;]{0,60}$")
# "X in his capacity as ASEAN Chair 2020", "X, as the ASEAN Chair for 2025,"
_PERSON_CHAIR_AFTER = re.compile(r",?\s+(?:in\s+(?:his|her)\s+capacity\s+as|as)\s+(?:the\s+)?" + _ASEAN_CHAIR_YEAR)


def _person_chair(x: Extractor, s: Sentence) -> None:
    """A person named as the ASEAN Chair of a year holds that post (the guide's HOLDS_POST Person -> Post):
    the year written with it; the state of the Chairmanship, if new, is the one the sentence names."""
    text, off = s.text, s.off
    for p in s.of(C.Person):
        hit = _PERSON_CHAIR_AFTER.match(text, p.end - off) or _PERSON_CHAIR_BEFORE.search(text[:p.start - off])
        if hit is None:
            verb = _CHAIR_VERB.match(text, p.end - off)   # "X, who chairs ASEAN for 2030"
            hit = verb if verb and verb.group("y2") and verb.group("verb").startswith("ch") else None
        if hit is None:
            continue
        year = int(hit.groupdict().get("y1") or hit.group("y2"))
        cid = f"chairmanship/{year}"
        if not x.gaz.known(cid):
            states = s.of(C.MemberState)
            if not states:
                continue
            cid = x.chairmanship(s.seg, year, states[0].entity)
        x.fact(s.seg, p.entity, P.holds, cid)


_CHAIRED_BY = cue("chaired_by", r"\s+")
_CHAIRED = re.compile(r"\b(?:chaired|co-chaired|chairs|chairing|chair|led|leads|leading|lead|presided\s+over|"
                      r"presiding\s+over)\s+(?:the\s+)?(?:(?:19|20)\d{2}\s+)?(?:(?:virtual|online|hybrid|annual|special|"
                      r"informal|inaugural|(?:[a-z]+-)+(?:level|day))\s+)?")   # "the two-day meeting", "the 2030 forum"
# "as Chair of the M", "acted as the chairperson in the M"
_AS_CHAIR = re.compile(r"\bas\s+(?:the\s+)?(?:[Cc]hair(?:man|person|woman)?|Chair)\s+(?:of|in|for)\s+(?:the\s+)?")
# "Myanmar has held the rotating chairmanship of the M", "Vietnam is holding the chair of the M and the N",
# "Assuming the chairmanship for the M, X ...": who holds (held, assumes) a meeting's chair chairs it
_HOLDS_CHAIR = re.compile(r"\b(?P<verb>[Hh]eld|[Hh]olds?|[Hh]olding|[Aa]ssum(?:ed|es|e|ing)"
                          r"|[Tt]ook\s+up|[Tt]akes?\s+up|[Tt]aking\s+up)\s+"
                          r"(?:the\s+)?(?:rotating\s+)?(?:[Cc]hair(?:man|person)?(?:ship)?)\s+(?:of|for)\s+(?:the\s+)?")
_HOSTED_BY = re.compile(r"\b(?:hosted|co-hosted)\s+by\s+")
# "The meeting, which he chaired, ...", "the 29th ... Meeting, which she chaired": the current speaker
_WHICH_CHAIRED = re.compile(r"(?:(?P<ana>\b[Tt]he\s+(?:[Mm]eeting|[Ss]ummit|[Rr]etreat))|(?P<named>\S))\s*,?\s+"
                            r"(?:which|that)\s+(?:he|she)\s+(?:had\s+)?(?:co-)?(?:chaired|presided\s+over)\b")
# "Chair of the 9th ASED, H.E. X", "X, Chair of the 21st ... Meeting" (not "as chair of": _AS_CHAIR)
_CHAIR_OF = re.compile(r"(?<!\bas\s)(?<!\bas\sthe\s)\b(?:Chair(?:man|person|woman)?|chair(?:man|person|woman)?)\s+of\s+"
                       r"(?:the\s+)?")
_CHAIR_APPOSITION = re.compile(r"\s*,\s*(?:(?:the|and)\s+)?(?:[A-Z][\w\-]*\s+(?:of\s+|and\s+|&\s+)?){0,8}")
_ORG_CHAIRED = re.compile(r"\b(?i:asean)\s+(?:will\s+be|is|was|is\s+being)\s+$")
_MEETING_WORD = re.compile(r"(?:meeting|Meeting|summit|Summit|retreat|Retreat|forum|Forum)\b")
# "the ADMM retreat", "the high-level meeting": a series' acronym or name before the word
_SERIES_MEETING_WORD = re.compile(r"(?:[A-Z][\w\-]*\s+){0,3}"
                                  r"(?:meeting|Meeting|summit|Summit|retreat|Retreat|forum|Forum|event)\b")
# "The Lao minister chaired ...", "The minister, who chaired ...": the person last named
# "The National Police Chief is the Chair of X and will lead the event": a title opening the sentence, no name
_TITLE_SUBJECT = re.compile(r"\s*[Tt]he\s+(?:[A-Z][\w\-]*\s+){0,3}(?:Chief|Minister|President|Secretary-General|"
                            r"Chair(?:man|person|woman)?)\b")
_UNNAMED_CHAIR = re.compile(r"(?:^|\.\s+)[Tt]he\s+(?:[A-Z][a-z]+\s+)?(?:minister|Minister|president|President|"
                            r"chair(?:man|person|woman)?|Chair(?:man|person|woman)?)\s*,?\s*(?:who\s+)?(?:also\s+)?$")


def _group_of(s: Sentence, m: Mention) -> list[str]:
    """The meetings written together with ``m`` ("the X, Y and Z that were held ... and chaired by")."""
    for group in meeting_groups([g for g in s.meetings if not g.rel], s.text, s.off):
        if any(g is m for g in group):
            return distinct(group)
    return [m.entity]


# "the 27th ASEAN Summit, held under Malaysia's Chairmanship of ASEAN": the state chairs the meeting
_UNDER_STATE = re.compile(r"\b(?:held|convened|took\s+place)\s+under\s+(?:the\s+)?"
                          r"(?P<state>[A-Z][\w\-]+(?:\s[A-Z][\w\-]+)?)['’]s?\s+(?:ASEAN\s+)?[Cc]hair(?:man)?ship\b")


_CHAIRMANSHIP_OF = re.compile(r"['’]s?\s+(?:(?i:asean)\s+)?[Cc]hair(?:man|person)?ship\s+of\s+(?:the\s+)?")


def _chair_named(s: Sentence, pos: int) -> Mention | None:
    """Who "chaired by" / "hosted by" at ``pos`` names: the person, even after a post that names a
    state ("chaired by Minister of Agriculture ... of Cambodia Veng Sakhon"), else a state."""
    off = s.off
    near = [m for m in s.after(pos, C.Person, C.MemberState, C.Post) if m.start - off - pos <= 120]
    person = next((m for m in near if m.kind == C.Person), None)
    in_post = person and all(m.kind == C.Post or not re.search(r",|\band\b", s.text[m.end - off:person.start - off])
                             or _state_in_title(s, pos, m, person) or _demonym_title(s, m, person)
                             for m in near[:near.index(person)])
    return person if in_post else (near[0] if near else None)


# "chaired by Malaysian minister of Agriculture and Food Security Dato' X": a state's adjective opening a title
_ROLE_AFTER_ADJECTIVE = re.compile(r"\s+(?:[Dd]eputy\s+|[Vv]ice\s+|[Ss]enior\s+|[Ff]oreign\s+|[Pp]rime\s+)*"
                                   r"(?:[Mm]inister|[Pp]resident|[Ss]ecretary|[Cc]hair(?:man|person|woman)?|"
                                   r"[Aa]mbassador|[Gg]overnor)\b[^,;()]*$")


def _demonym_title(s: Sentence, m: Mention, person: Mention) -> bool:
    """``m`` is a state written as its adjective at the head of the title of ``person`` ("Malaysian
    minister of Agriculture and Food Security X"): the person is who is named, not the state."""
    off = s.off
    return m.kind == C.MemberState and m.text[:1].isupper() and m.text.endswith(("n", "ese", "i", "ish")) and \
        bool(_ROLE_AFTER_ADJECTIVE.match(s.text[m.end - off:person.start - off]))


# "the Minister of Defence Malaysia, Dato' Seri X": a state closing a title written before a name
_TITLE_BEFORE_STATE = re.compile(r"(?:the\s+)?(?:(?:[A-Z][\w\-]*|of|for|and|&)\s+){1,8}$")


def _state_in_title(s: Sentence, pos: int, m: Mention, person: Mention) -> bool:
    """``m`` is a state that ends a title in apposition with ``person`` ("presided over by the
    Minister of Defence Malaysia, Dato' Seri X"): the person is who is named, not the state."""
    off = s.off
    return m.kind == C.MemberState and bool(_TITLE_BEFORE_STATE.fullmatch(s.text[pos:m.start - off])) and \
        bool(re.search(r"\b(?:Minister|President|Secretary|Chair(?:man|person)?|Governor|Ambassador)\b",
                       s.text[pos:m.start - off])) and \
        bool(_GAP_POST_PERSON.fullmatch(s.text[m.end - off:person.start - off]))


# "A and B co-chaired the summit", "Governor A and Minister of Finance B will co-chair the Meeting",
# "A, Minister of X, and B co-chaired", "A, along with his Thai counterpart B, is co-chairing": the co-chairs
# written before the verb, joined by "and" ("along with", "together with")
_CO_CHAIR_GAP = re.compile(r"\s*(?:,\s*[^,;]{0,80}?)?,?\s+(?:and|along\s+with|together\s+with)\s+"
                           r"(?:the\s+|his\s+|her\s+)?"
                           r"(?:(?:[A-Z][\w.'’\-]*|of|for|and|&|counterpart)\s+){0,8}")


def _co_chairs(s: Sentence, last: Mention) -> list[Mention]:
    """The persons (or states) written before ``last``, the last subject of "co-chaired", and joined
    to it by "and": every co-chair, in order."""
    off = s.off
    out: list[Mention] = []
    cur = last
    for m in reversed(s.before(last.start - off, last.kind)):
        if m.entity == cur.entity or not _CO_CHAIR_GAP.fullmatch(s.text[m.end - off:cur.start - off]):
            break
        out.insert(0, m)
        cur = m
        break   # two co-chairs: the usual case; a longer list is read no further
    return out


def chaired_by(x: Extractor, s: Sentence) -> None:
    """"X, chaired by Y", "under the Chairmanship of Y", "Y chaired / led / will chair the X" (a
    person, or a state: its chairState), "In his remarks as chair of the meeting, Y said"; a group of
    meetings written together is chaired by the same."""
    text, off = s.text, s.off
    for c in _CHAIRED_BY.finditer(text):
        if _ORG_CHAIRED.search(text[:c.start()]):
            continue  # "ASEAN will be chaired by Malaysia": the Chairmanship, not a meeting
        subj = _last(s.before(c.start(), C.Meeting))
        meetings: list[str] = _group_of(s, subj) if subj else (x.state.main_group or [s.main] if s.main else [])
        who = _chair_named(s, c.end())
        if c.group("co") and who and who.kind == C.Person:
            # "co-chaired by A, Minister of ... of X; B, ... and C": every co-chair named after it
            stop = re.compile(r"\b(?:attended|was|were|is|are|said|joined|with|while|who)\b").search(text, c.end())
            for co in s.after(who.end - off, C.Person):
                if stop and co.start - off > stop.start():
                    break
                for meeting in meetings:
                    x.fact(s.seg, meeting, P.chairedBy, co.entity)
        for meeting in meetings:
            if who and who.kind == C.Person:
                x.fact(s.seg, meeting, P.chairedBy, who.entity)
            elif who and who.kind == C.MemberState:
                x.fact(s.seg, meeting, P.chairState, who.entity)
    for c in _UNDER_STATE.finditer(text):
        subj = _last(s.before(c.start(), C.Meeting))
        state = next((m for m in s.ms if m.start - off == c.start("state") and m.kind == C.MemberState), None)
        if subj and state:
            for meeting in _group_of(s, subj):
                x.fact(s.seg, meeting, P.chairState, state.entity)
    for st in s.of(C.MemberState):
        chair = _CHAIRMANSHIP_OF.match(text, st.end - off)
        if chair is None:
            continue
        what = next((m for m in s.after(chair.end(), C.Meeting) if m.start - off == chair.end()), None)
        if what:   # "Cambodia's chairmanship of the 40th and 41st ASEAN Summits": the state chairs them
            for meeting in _group_of(s, what):
                x.fact(s.seg, meeting, P.chairState, st.entity)
    for c in _HOSTED_BY.finditer(text):
        subj = _last(s.before(c.start(), C.Meeting))
        person = _chair_named(s, c.end())
        if subj and person and person.kind == C.Person:
            for meeting in _group_of(s, subj):
                x.fact(s.seg, meeting, P.chairedBy, person.entity)
    for c in _CHAIRED.finditer(text):
        what = next(iter(s.after(c.end(), C.Meeting)), None)
        if (not what or what.start - off - c.end() > 4) and s.main and not s.meetings and \
                _SERIES_MEETING_WORD.match(text, c.end()):
            what = Mention(s.main, C.Meeting, c.end() + off, c.end() + off, "")  # "will lead the forum"
        if not what or what.start - off - c.end() > 4:
            what = _series_reported(x, s, c.end()) or what
        if not what or what.start - off - c.end() > 4:
            continue
        by = _last([m for m in s.before(c.start(), C.Person, C.MemberState)
                    if not (m.kind == C.MemberState and _is_state_of(s, m))])
        gerund = c.group(0).lower().startswith("chairing")
        if x.state.speaker and (by is None or by.kind != C.Person) and (
                _UNNAMED_CHAIR.search(text[:c.start()]) or _TITLE_SUBJECT.match(text) and not s.of(C.Person)
                or gerund and (
                    by is None or re.search(r"\b(?:he|she)\b", text[:c.start()]))):
            by = Mention(x.state.speaker, C.Person, 0, 0, "")  # "after chairing ...", "The Lao minister chaired"
        if by is None:
            continue
        chairs = [by]
        joint = c.group(0).lower().startswith("co-") or text[max(c.start() - 3, 0):c.start()].lower() == "co-"
        if joint and by.end - off <= c.start():
            chairs = _co_chairs(s, by) + chairs
        for meeting in _group_of(s, what):
            for chairing in chairs:
                x.fact(s.seg, meeting, P.chairedBy if chairing.kind == C.Person else P.chairState, chairing.entity)
    for c in _WHICH_CHAIRED.finditer(text) if " he " in text or " she " in text else ():
        what = next((m for m in s.meetings if m.end - s.off == c.end("named")), None) if c.group("named") else None
        which = what.entity if what else (s.main if c.group("ana") else None)
        if which and x.state.speaker:
            x.fact(s.seg, which, P.chairedBy, x.state.speaker)
    for c in _CHAIR_OF.finditer(text):
        chaired = next((m for m in s.after(c.end(), C.Meeting) if m.start - off - c.end() <= 4), None)
        if chaired is None:
            continue
        gap_end = _group_end([chaired], text, off)
        after = next((p for p in s.after(gap_end, C.Person)
                      if _GAP_POST_PERSON.fullmatch(text[gap_end:p.start - off])), None)
        before = _last([p for p in s.before(c.start(), C.Person)
                        if _CHAIR_APPOSITION.fullmatch(text[p.end - off:c.start()])])
        by = after or before
        if by:
            x.fact(s.seg, chaired.entity, P.chairedBy, by.entity)
        post = _last(s.before(c.start(), C.Post))
        if after and post and re.fullmatch(r"\s+and\s+(?:the\s+)?", text[post.end - off:c.start()]):
            x.fact(s.seg, after.entity, P.holds, post.entity)  # "Minister of X and Chair of the M, Y"
    for c in _HOLDS_CHAIR.finditer(text):
        chaired = next((m for m in s.after(c.end(), C.Meeting) if m.start - off - c.end() <= 4), None)
        if chaired is None:
            continue
        clause_start = max(text.rfind(";", 0, c.start()), 0)
        by = _last([m for m in s.before(c.start(), C.Person, C.MemberState)
                    if clause_start <= m.start - off and not (m.kind == C.MemberState and _is_state_of(s, m))])
        if by is None and c.start() <= 3:
            # a fronted participle ("Assuming the chairmanship for the M, X acknowledged ..."): the subject after it
            comma = text.find(",", _group_end([chaired], text, off))
            # (a person named there first; "Philippine Sports Commission Chairman X": the state is X's title's)
            near = [m for m in s.after(comma, C.Person, C.MemberState) if comma >= 0 and m.start - off - comma <= 80]
            by = next((m for m in near if m.kind == C.Person), near[0] if near else None)
        if by is None:
            continue
        for meeting in _group_of(s, chaired):
            x.fact(s.seg, meeting, P.chairedBy if by.kind == C.Person else P.chairState, by.entity)
    for c in _AS_CHAIR.finditer(text):
        chaired = next((m for m in s.after(c.end(), C.Meeting) if m.start - off - c.end() <= 4), None)
        chair_of = chaired.entity if chaired else (s.main if _MEETING_WORD.match(text, c.end()) else None)
        clause_start = max(text.rfind(".", 0, c.start()), 0)
        by = _last([p for p in s.of(C.Person) if clause_start <= p.start - off < c.start()]) or \
            next(iter(s.after(c.end(), C.Person)), None)
        if chair_of and by:
            x.fact(s.seg, chair_of, P.chairedBy, by.entity)
    _series_chair(x, s)


# "who chairs the meetings", "will chair the summit": the meeting word alone, lower case
_PLAIN_MEETING_WORD = re.compile(r"(?:the\s+)?(?:meetings?|summits?)\b")


def _series_reported(x: Extractor, s: Sentence, pos: int) -> Mention | None:
    """The meeting a verb of chairing at ``pos`` names without naming it: "X will chair the XMM" (the
    series whose session the text reports), "X, who chairs the meetings, said" after the sentence names
    one meeting (that one)."""
    off = s.off
    body = next((m for m in s.ms if m.kind == C.Body and 0 <= m.start - off - pos <= 4), None)
    if body is not None and s.main and not any(m.entity != s.main for m in s.meetings) and \
            x.meeting_body(s.main) == body.entity:
        return Mention(s.main, C.Meeting, body.start, body.end, "")
    if _PLAIN_MEETING_WORD.match(s.text, pos):
        named = {m.entity for m in s.before(pos, C.Meeting)}
        if len(named) == 1 and not s.after(pos, C.Meeting):
            return next(m for m in s.before(pos, C.Meeting))
    return None


# "X, Minister of Y, served as the Vice-Chairman.", "X ... was the Vice Chair", "X serves as the Chairman, and":
# a role at the meeting the text reports, with nothing named after it (a named body is _sub_chairs' post)
_SERVES_AS_CHAIR = re.compile(r"\b(?:serves?|served|serving|acts?|acted|(?:will|would)\s+serve|was|is)\s+"
                              r"(?:as\s+)?the\s+(?P<vice>(?:Vice|Deputy|vice|deputy)[\s-])?"
                              r"(?P<word>[Cc]hair(?:man|person|woman)?)(?:\s+of\s+the\s+(?:[Mm]eeting|[Ss]ummit))?"
                              r"(?=\s*(?:[.;,]|\s+and\s|$))")
# what may stand between the person and the verb: their post, state and honorifics, no other verb or clause
_NO_CLAUSE = re.compile(r"\b(?:who|which|while|whereas|chaired|co-chaired|attended|said|led|opened|"
                        r"and\s+(?:the|H\.E)\b)")


def serves_as_chair(x: Extractor, s: Sentence) -> None:
    """"X, Minister of Tourism of Y, served as the Vice-Chairman", "X serves as the Chairman, and Z
    ... serves as the Vice Chairman" in a report of one meeting: the chairman chairs the meeting
    reported; the vice chair holds a post of its own, "Vice Chair of <the meeting>". The person is
    the last one named before the verb in the same clause; another meeting named in the sentence
    leaves it unsure whose role it is."""
    if not s.main or any(m.entity != s.main and m.entity not in x.state.main_group for m in s.meetings):
        return
    text, off = s.text, s.off
    done = 0
    for c in _SERVES_AS_CHAIR.finditer(text):
        person = _last([p for p in s.before(c.start(), C.Person) if p.start - off >= done])
        done = c.end()
        if person is None or c.start() - (person.end - off) > 160 or \
                _NO_CLAUSE.search(text, person.end - off, c.start()):
            continue
        if not c.group("vice"):
            for mid in x.state.main_group or [s.main]:
                x.fact(s.seg, mid, P.chairedBy, person.entity)
            continue
        main = s.main
        pid = f"post/vice-chair-{main.split('/', 1)[1]}"
        if not x.gaz.known(pid):
            x.create(pid, C.Post)
            mname = x.name(main) or str(x._new_info.get(main, {}).get(P.name, "")) or main.split("/", 1)[1]
            x._new_info.setdefault(pid, {"name": f"Vice Chair of the {mname}"})
            x._describe(s.seg, pid)
        v0, v1 = c.start("vice"), c.end("word")
        x.out.mentions.append(Mention(pid, C.Post, v0 + off, v1 + off, text[v0:v1]))
        x.fact(s.seg, DOC, P.mentions, pid)
        x.fact(s.seg, person.entity, P.holds, pid)


def _series_of(x: Extractor, mid: str) -> str | None:
    """The body a meeting is a session of (the graph's, or the one the extractor gave a new meeting)."""
    info = x.gaz.meetings.get(mid)
    if info is not None:
        return info.body
    return x._main_body() if mid == x.out.main_meeting else None


def _series_chair(x: Extractor, s: Sentence) -> None:
    """"... and the ASCC Council Chair, X", "opened by the ALMM Chair of 2024-2026, H.E. X" in a report
    of a meeting of that body: the chair of the series chairs the meeting reported (lenient in the guide)."""
    if not s.main:
        return
    text, off = s.text, s.off
    series = _series_of(x, s.main)
    for post in s.of(C.Post):
        if not series or post.parts[:1] != (series,) or not post.entity.startswith("post/chair-"):
            continue
        if any(m.entity != s.main and m.entity not in x.state.main_group for m in s.meetings):
            continue  # another meeting is named: whose chair is unsure
        holder = next((p for p in s.after(post.end - off, C.Person)
                       if _GAP_POST_PERSON.fullmatch(text[post.end - off:p.start - off].replace(",", " ", 1))), None)
        if holder:
            for mid in x.state.main_group or [s.main]:
                if _series_of(x, mid) == series:
                    x.fact(s.seg, mid, P.chairedBy, holder.entity)


_REVIEWS = cue(P.reviews)
# "We commended the implementation of X", "noted the successful implementation of X" (lenient in the guide);
# not "reaffirmed our commitment to the implementation of X"
_NOTED_IMPLEMENTATION = re.compile(r"\b(?:commended|noted|welcomed|acknowledged|appreciated|lauded|praised)\s+"
                                   r"(?:the\s+)?(?:(?:successful|effective|steady|good|full|ongoing)\s+)?"
                                   r"implementation\s+of\s+(?:the\s+)?")
_PROGRESS = cue("progress", r"\s*(?:the\s+)?")
# "reviewed the operations of ... and the implementation of the X Blueprint": the document is what
# is reviewed, however far the cue is, when "the implementation/progress of" is right before it
_IMPLEMENTATION_OF = re.compile(r"\b(?:implementation|implementing|progress|review)\s+(?:of|under|in)\s+"
                                r"(?:the\s+)?$")


def reviews(x: Extractor, s: Sentence) -> None:
    """A meeting reviewed a document (took stock of, assessed ...); "noted / commended the
    progress in the implementation of X", "the progress made under X" is a review of X too."""
    text, off = s.text, s.off
    for c in _NOTED_IMPLEMENTATION.finditer(text):
        first = next((d for d in s.docs if d.start - off == c.end()), None)
        subj = _last(s.before(c.start(), C.Meeting))
        meeting = subj.entity if subj else (s.main if _reported_meeting_speaks(x, s, c.start()) else None)
        if first and meeting:
            for d in coordinated(first, s.docs, text, off):
                x.fact(s.seg, meeting, P.reviews, d.entity)
    for c in _PROGRESS.finditer(text):
        objs = [d for d in s.docs if d.start - off >= c.end()]
        if not objs or objs[0].start - off != c.end():
            continue
        subj = _last(s.before(c.start(), C.Meeting))
        meeting = subj.entity if subj else (s.main if _reported_meeting_speaks(x, s, c.start()) else None)
        for d in coordinated(objs[0], objs, text, off):
            if meeting:
                x.fact(s.seg, meeting, P.reviews, d.entity)
            x.state.reviewed = d.entity
    for c in _REVIEWS.finditer(text):
        obj = next(iter(s.after(c.end(), C.Document)), None)
        if obj is None or obj.entity == DOC or obj.start - off - c.end() > 80 and not (
                _IMPLEMENTATION_OF.search(text[:obj.start - off]) and "." not in text[c.end():obj.start - off]):
            continue
        between = text[c.end():obj.start - off]
        noun = re.search(r"\b(?:this|that|the|a|its|such|mid-term|final)\s+$", text[:c.start()])
        if (noun and not re.match(r"\s+of\b", between)) or \
                re.search(r"\b(?:will|shall|would|inform|serve|aligned|adopt)", between):
            continue
        subj = _last(s.before(c.start(), C.Meeting))
        meeting = subj.entity if subj else s.main
        if subj is None and s.before(c.start(), C.Body, C.Organization, C.Person, C.MemberState):
            meeting = None  # someone else reviews it ("the Secretariat ... completing the review of")
        if subj is None and any(_SUBJECT_START.fullmatch(text[:d.start - off])
                                for d in s.before(c.start(), C.Document)):
            meeting = None  # "The forthcoming Integration Report will assess ...": the report reviews
        if meeting:
            x.fact(s.seg, meeting, P.reviews, obj.entity)
        x.state.reviewed = obj.entity


# what stands before a sentence's subject: "The ", "The forthcoming ", "The new "
_SUBJECT_START = re.compile(r"\s*(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir)?\s*(?:[a-z\-]+\s+)?")


def _reported_meeting_speaks(x: Extractor, s: Sentence, pos: int) -> bool:
    """The clause before ``pos`` is said by the meeting the document reports: "We", "The
    Ministers", "the Meeting", "ASEAN Leaders", or any sentence of a statement it issued."""
    before = s.text[:pos]
    if s.before(pos, C.Body, C.Organization, C.MemberState) and not _PARTICIPANTS.search(before):
        return False
    return bool(MEETING_ANAPHORA.search(before) or _PARTICIPANTS.search(before) or s.kind in STATEMENT_KINDS)


_INFORMS = re.compile(r"(?<!\bwere )(?<!\bwas )(?<!\bbe )(?<!\bbeen )" + cue(P.informs).pattern)


def informs(x: Extractor, s: Sentence) -> None:
    """A document informs another ("will inform", "feed into"); "the review's findings" are the
    document last reviewed."""
    text, off = s.text, s.off
    for c in _INFORMS.finditer(text):
        obj = next(iter(s.after(c.end(), C.Document)), None)
        if obj is None:
            continue
        subj_m = _last(s.before(c.start(), C.Document))
        if subj_m and re.search(r"\b(?:by|under|with|from|in|through)\s+(?:the\s+)?$", text[:subj_m.start - off]):
            subj_m = None  # "guided by the Blueprint and will feed into ...": not what informs
        subj = subj_m.entity if subj_m else None
        if subj is None and re.search(r"\b(?:review|findings|outcomes?|assessment|evaluation)\b",
                                      text[:c.start()], re.I):
            subj = x.state.reviewed
        if subj and subj != obj.entity:
            x.fact(s.seg, subj, P.informs, obj.entity)


_ALIGNED = cue("aligned", r"\s+")


def aligned_with(x: Extractor, s: Sentence) -> None:
    """A document aligned with (in line with) another."""
    for c in _ALIGNED.finditer(s.text):
        obj = next(iter(s.after(c.end(), C.Document)), None)
        subj = _last(s.before(c.start(), C.Document))
        if obj and subj and subj.entity != obj.entity and obj.start - s.off - c.end() <= 40:
            x.fact(s.seg, subj.entity, P.alignedWith, obj.entity)


_SUCCEEDS = cue(P.succeeds, r"\s+(?:the\s+)?")
_SUCCESSOR = re.compile(r"\b(?:its|their|a|the)\s+successor,?\s+(?:the\s+)?")


# "Viet Nam took over the chairmanship of ... from the Philippines", "X took the helm of ... from Y";
# "Laos handed over the chairmanship of ... to the Philippines"
# "Y will receive the role of ... Chair from X": the receiver succeeds the giver
_TOOK_OVER = re.compile(r"\b(?:took\s+over|takes\s+over|took\s+the\s+helm\s+of|assumed|assumes|receive[sd]?|"
                        r"receiving)\s+"
                        r"(?P<what>[^.;]{0,100}?)\bfrom\s+(?:the\s+)?")
_HANDED_OVER = re.compile(r"\b(?:handed|hands|passed|passes)\s+over\s+(?P<what>[^.;]{0,100}?)\bto\s+(?:the\s+)?")
_CHAIR_WORD = re.compile(r"\b(?:[Cc]hair(?:man|person)?(?:ship)?|helm|gavel)\b")
# "Brunei will take over the ASEAN chairmanship in 2021, after Vietnam handed over the gavel": no "from" or "to"
_TAKES_OVER = re.compile(r"\s+(?:will\s+|is\s+set\s+to\s+|is\s+to\s+)?(?:take|takes|took|taking)\s+over\s+"
                         r"(?:the\s+)?(?:rotating\s+)?(?:(?i:asean)\s+)?(?:[Cc]hair(?:man|person)?ship|helm)\b")
_HANDS_OVER = re.compile(r"\s+(?:has\s+|had\s+)?(?:handed|hands|passed|passes)\s+over\b")


def _chair_handover(x: Extractor, s: Sentence) -> None:
    """A state that takes over a chairmanship from another succeeds it."""
    text, off = s.text, s.off
    states = s.of(C.MemberState, C.Country)
    if len(states) < 2 or not _CHAIR_WORD.search(text):
        return
    for rx, new_first in ((_TOOK_OVER, True), (_HANDED_OVER, False)):
        for c in rx.finditer(text):
            if not _CHAIR_WORD.search(c.group(0)):
                continue
            before = _last([m for m in states if m.end - off <= c.start() and
                            not re.search(r"[,;]", text[m.end - off:c.start()])])
            after = next((m for m in states if m.start - off == c.end()), None)
            if before and after and before.entity != after.entity:
                new, old = (before, after) if new_first else (after, before)
                x.fact(s.seg, new.entity, P.succeeds, old.entity)
    new_ = next((m for m in states if _TAKES_OVER.match(text, m.end - off)), None)
    old_ = next((m for m in states if _HANDS_OVER.match(text, m.end - off)), None)
    if new_ and old_ and new_.entity != old_.entity:
        x.fact(s.seg, new_.entity, P.succeeds, old_.entity)


def succeeds(x: Extractor, s: Sentence) -> None:
    """A document succeeds (replaces) another; "X and its successor, Y"; a state takes over a
    chairmanship from another (:func:`_chair_handover`)."""
    _chair_handover(x, s)
    for c in _SUCCEEDS.finditer(s.text):
        obj = next(iter(s.after(c.end(), C.Document)), None)
        subj = _last(s.before(c.start(), C.Document))
        if obj and subj and subj.entity != obj.entity:
            x.fact(s.seg, subj.entity, P.succeeds, obj.entity)
    for c in _SUCCESSOR.finditer(s.text):
        obj = next(iter(s.after(c.end(), C.Document)), None)
        subj = _last(s.before(c.start(), C.Document))
        if obj and subj and obj.start - s.off == c.end() and subj.entity != obj.entity:
            x.fact(s.seg, obj.entity, P.succeeds, subj.entity)


_ADOPTED = cue("adopted")
_CLOSING = re.compile(r"\s*(ADOPTED|Adopted|DONE|Done|SIGNED|Signed)\b")
# "adopted at the 46th Summit", "signed at the Opening Ceremony of the 47th Summit": where the adoption was
_AT = re.compile(r"\b(?:at|during|by|on\s+the\s+occasion\s+of)\s+(?:the\s+)?"
                 r"(?:(?:[Oo]pening|[Cc]losing|[Pp]lenary)\s+(?:[Cc]eremony|[Ss]ession)\s+of\s+(?:the\s+)?)?$")
_PASSIVE = re.compile(r"\b(?:was|were|been|be)\s+$")
# a participle used as an adjective before a name: "the four endorsed ...", "its adopted ..."
_ATTRIBUTIVE = re.compile(r"\b(?:the|these|those|its|their|our|all|two|three|four|five|six|seven|eight|nine|ten|"
                          r"\d{1,2})\s+$")
_OTHERS_ADOPTION = re.compile(r"\b(?:welcom\w*|not\w*|took\s+note\s+of|look\w*\s+forward\s+to|await\w*)\s+"
                              r"the\s+$")
# a list run on in the same sentence after the cue: "adopted the following: the A; the B"
_FOLLOWING = re.compile(r"(?:\s+and\s+\w+)?\s+(?:the\s+)?following(?:\s+\w+){0,2}\s*:\s*(?:the\s+)?")
_LIST_INTRO = re.compile(r"(?:\bfollowing\b[^.]*|:)\s*:?\s*$")


_ADOPTED_ARE = re.compile(r"\s+(?:at|during|by)\s+(?:the\s+)?(?:[Mm]eeting|[Ss]ummit|[Rr]etreat)\s+"
                          r"(?:are|were|include[ds]?|included)\b\s*:?")
_PARTICIPANTS = re.compile(r"\b(?:ASEAN\s+|Asean\s+)?(?:[Ll]eaders|[Mm]inisters|"
                           r"[Hh]eads\s+of\s+(?:State|Government))\b")


# "the adoption of X" as what the sentence is about: its subject, or what the outcome "was"
# "the said meeting", "that meeting", "the previous summit": the meeting named before, not the one reported
_PAST_ANAPHORA = re.compile(r"\b(?:[Tt]he\s+said|[Tt]hat|[Tt]he\s+previous|[Tt]he\s+last|[Tt]he\s+same)\s+"
                            r"(?:[Mm]eeting|[Ss]ummit|[Rr]etreat|[Cc]onference)\b")
_ADOPTION_NAMED = re.compile(r"(?:^\s*|\b(?:was|is|were|are)\s+)[Tt]he\s+$")


def adopted(x: Extractor, s: Sentence) -> None:
    """Documents adopted, endorsed, approved or signed at a meeting; "adopted the following
    documents:" carries over to the list items after it (Discourse.adopting)."""
    text, off, docs = s.text, s.off, s.docs
    if x.state.adopting and s.seg.start is not None:
        # an item of the list: a line that is mostly a document's name, or begins with one
        if docs and (_list_item(s) or docs[0].start - off <= 3):
            list_rel, list_meeting = x.state.adopting
            # items with markers ("f. A; and\ng. B"): the document each marker opens, not those named inside it
            marked = [d for d in docs if _ITEM_START.search(text[:d.start - off])]
            for d in docs[:1] if _list_item(s) else marked if _ITEM_LINE.match(text) else docs:
                x.fact(s.seg, d.entity, list_rel, list_meeting)
            return
        if not _list_item(s) and not _ITEM_LINE.search(text):
            x.state.adopting = None
    closing = _CLOSING.match(text)
    if closing and not docs and s.main and s.kind not in (C.NewsReport, C.Remarks):
        # the closing formula of a declaration or statement: "Adopted in Kuala Lumpur ..."
        rel = P.signedAt if closing.group(1).lower() == "signed" else P.adoptedAt
        x.fact(s.seg, DOC, rel, s.main)
        return
    c = _ADOPTED.search(text)
    if not c:
        return
    if c.group(1).startswith("adoption") and _OTHERS_ADOPTION.search(text[:c.start()]):
        return  # "welcomed the adoption of X": someone else adopted it
    if _ATTRIBUTIVE.search(text[:c.start()]) and c.group(1).endswith("ed"):
        return  # "the four endorsed Work Programmes": adopted some time, not said where
    rel = P.signedAt if c.group(1).startswith("sign") else P.adoptedAt
    meetings = s.meetings
    at = next((m for m in meetings if m.start - off > c.end() and _AT.search(text[:m.start - off])), None)
    at = at or next((m for m in meetings if m.end - off <= c.start() and _AT.search(text[:m.start - off])), None)
    subject_meeting = [m for m in meetings if m.end - off <= c.start()]
    meeting: str | None
    if at:
        meeting = at.entity
    elif not subject_meeting and _PAST_ANAPHORA.search(text[:c.start()]):
        meeting = x.state.last_meeting   # "It was during the said meeting that we adopted X": the one named before
    elif MEETING_ANAPHORA.search(text[:c.start()]) or _PARTICIPANTS.search(text[:c.start()]) or \
            not subject_meeting and s.kind in STATEMENT_KINDS:
        meeting = s.main  # "We adopted", "The Ministers endorsed": the meeting reported
    elif not subject_meeting and _ADOPTED_ARE.match(text, c.end()):
        meeting = s.main  # "The documents adopted during the meeting are ..."
    elif not subject_meeting and c.group(1).startswith("adoption") and _ADOPTION_NAMED.search(text[:c.start()]):
        meeting = s.main  # "The adoption of X set the tone", "the key outcome was the adoption of X"
    elif not subject_meeting:
        meeting = None  # who adopted it is not said ("established ... with the signing of X")
    else:
        meeting = subject_meeting[-1].entity
    if meeting == s.main and not at and not subject_meeting and x.state.year and any(
            y < x.state.year - 1 for y in _event_years(s)):
        meeting = None  # "established on 8 August 1967 ... with the signing of X": history, not this meeting
    if meeting is None:
        return
    after_cue = [d for d in docs if d.start - off > c.end()]
    objs = coordinated(after_cue[0], after_cue, text, off) if after_cue else []
    listed = _ADOPTED_ARE.match(text, c.end())
    if listed:  # "The documents adopted during the meeting are A, B, C and D"
        objs = [d for d in docs if d.start - off >= listed.end()]
    elif after_cue and _FOLLOWING.match(text[c.end():after_cue[0].start - off]):
        # "endorsed and adopted the following: the A; the B (AB) and its work plan; the C"
        objs = after_cue
    if not objs and (at or _PASSIVE.search(text[:c.start()])):
        # "X was adopted at ...", "the Vision, adopted at the 46th ASEAN Summit"
        objs = [d for d in docs if d.end - off <= c.start()][-1:]
    group = _group_of(s, at) if at else [meeting]
    for d in objs:
        for mid in group:
            x.fact(s.seg, d.entity, rel, mid)
    if not objs and _LIST_INTRO.search(text):
        x.state.adopting = (rel, meeting)


_YEAR_RANGE = re.compile(r"\b(?:19|20)\d{2}\s*[-–/]\s*(?:19|20)?\d{2}\b|\b((?:19|20)\d{2})\b")


def _event_years(s: Sentence) -> list[int]:
    """The years a sentence dates something by: not those inside a name ("Work Plan 2016-2020")
    nor the periods documents run for ("Action Plan (2018-2025)")."""
    names = [(m.start - s.off, m.end - s.off) for m in s.ms if m.kind != "Date"]
    return [int(y.group(1)) for y in _YEAR_RANGE.finditer(s.text)
            if y.group(1) and not any(a <= y.start() < b for a, b in names)]


# a line of a list whose document the extractor did not find ("c. ASEAN Enabling Masterplan 2025: ...;"):
# it keeps the list running for the items after it
_ITEM_LINE = re.compile(r"^(?:\(?[a-zA-Z0-9]{1,3}[.)]|[•▪◦·\-–Ø➢►▶■□❖✓✔➤→])\s|[;,]\s*(?:and|or)?\s*$")


_ITEM_START = re.compile(r"(?:^|\n)\s*(?:\(?[a-zA-Z0-9]{1,3}[.)]|[•▪◦·\-–Ø➢►▶■□❖✓✔➤→])?\s*(?:the\s+)?$")


def _list_item(s: Sentence) -> bool:
    """The sentence is an item of a list: a short line that is mostly one document's name."""
    docs = s.docs
    return bool(docs) and len(s.text) - (docs[0].end - docs[0].start) < 40


# a capitalised word (not the first of the sentence), with "of/on/in/against/for" after it, before
# a topic written in capitals: the topic is part of a name ("Plan of Action in Combating
# Transnational Crime", "Working Group on Counter Terrorism", "Rights of Migrant Workers")
_NAME_BEFORE = re.compile(r"(?<=\S\s)[A-Z][\w\-]*(?:\s+(?:of|on|in|against|for|to))?\s+$")


def _in_a_name(s: Sentence, topic: Mention) -> bool:
    """The topic is written inside the name of something else (a document, a body): it names that
    thing, it is not what the sentence deals with."""
    words = topic.text.split()
    if not all(w[:1].isupper() for w in words if w not in ("in", "of", "and")):
        return False
    inside = any(m.kind != C.Topic and m.start <= topic.start and topic.end <= m.end and m is not topic
                 for m in s.ms)
    return inside or bool(_NAME_BEFORE.search(s.text[:topic.start - s.off]))


# a topic that names a meeting inside a title ("Joint Statement of the 18th Ministerial Meeting on
# Transnational Crime") says what the meeting is, not what the document deals with
_MEETING_ON = re.compile(r"\b(?:Meetings?|Ministers|Summit|Conference|Forum|Officials|Dialogue|Workshop)\s+"
                         r"(?:on|of)\s+(?:the\s+)?$")


def _title_topics(x: Extractor, s: Sentence, doc: Mention) -> list[str]:
    """The topics written inside a document's title ("Declaration on Combating Trafficking in
    Persons", "Plan of Action in Combating Transnational Crime"): those the extractor kept under the
    title (``Segment.inner``) and those the gazetteer finds in the title's words (a title the
    gazetteer knows whole was never split into its parts)."""
    found = [t.entity for t in s.seg.inner + s.of(C.Topic) if doc.start <= t.start and t.end <= doc.end
             and x.kind(t.entity) == C.Topic and not _MEETING_ON.search(doc.text[:t.start - doc.start])]
    # the scan is leftmost-longest (the whole title first): read it again from each later word
    for word in re.finditer(r"(?<=\s)\S", doc.text):
        for start, _end, ids in x.gaz.scan(doc.text[word.start():], doc.start + word.start()):
            topic = next((i for i in ids if x.kind(i) == C.Topic), None)
            ent = x.gaz.get(topic) if topic else None
            if ent and not any(" ".join(lab.split()).casefold() in GENERIC_TOPICS for lab in ent.labels) \
                    and not _MEETING_ON.search(doc.text[:start - doc.start]):
                found.append(ent.id)
    return list(dict.fromkeys(found))


_SPEECH_OCCASION = cue("speech_occasion")


def addresses(x: Extractor, s: Sentence) -> None:
    """Topics a document, its meeting or a meeting named alone deals with; a document deals with
    the topics its title names. Any topic of the vocabulary but the generic ones (cues.yaml
    ``generic_topics``): the corpus scorer leaves topics outside the annotation guide's list unscored."""
    for d in s.of(C.Document):
        if d.entity != DOC and d.text:
            for topic in _title_topics(x, s, d):
                x.fact(s.seg, d.entity, P.addresses, topic)
    topics = [t for t in s.of(C.Topic) if " ".join(t.text.split()).casefold() not in GENERIC_TOPICS
              and not _in_a_name(s, t)]
    if not topics:
        return
    text = s.text
    # a person named as who speaks: what they raise is theirs, not the meeting's ("he warned", a quotation
    # going on, are the words of the speaker at the meeting reported: the meeting's, as before)
    person = _named_speaker(s)
    # the speaker named as the subject of what they say ("X stressed ...", "X says ..."), not in a reporting
    # clause closing the words reported ("..., X said."; "“...,” said X") nor by a quotation
    own_view = person is not None and not _reporting_clause(s)
    # a quotation opening the sentence: the words of the person last named ("we" in it is the speaker's side),
    # unless the meeting is what it is about ("The Meeting on X has a mandate to ...")
    quote = re.match(r"\s*[\"“]\s*", text)
    if person is None and quote and s.kind not in STATEMENT_KINDS and not s.of(C.Person) and not (
            re.match(r"[Tt]he\s", text[quote.end():]) and MEETING_ANAPHORA.match(text, quote.end())
            or any(m.start - s.off <= quote.end() + 4 for m in s.of(C.Meeting, C.Body))):
        person = x.state.speaker
    names_meeting = (s.kind in STATEMENT_KINDS or any(m.entity == s.main for m in s.meetings)
                     or bool(MEETING_ANAPHORA.search(text)))
    # a speech verb or a quotation makes the words the meeting's (the words reported from it); a speaker
    # named as the subject of the speech verb gives their own view, the meeting's only when the sentence
    # names the meeting too or says the words on its floor (an opening speech, the agenda, the chair)
    about_meeting = names_meeting or (not own_view or bool(_SPEECH_OCCASION.search(text))) and bool(
        SPEECH_VERBS.search(text) or re.match(r"\s*[\"“‘]", text))
    own = [m for m in s.meetings if m.entity != s.main and not m.rel]
    # a spokesperson reports what others discuss: the topics are not the spokesperson's own
    spokes = any(p.entity.endswith("-spokesperson") for p in s.of(C.Post)) or person is not None and any(
        k[0] == person and k[1] == P.holds and k[2].endswith("-spokesperson") for k in x.seen)
    for t in topics:
        x.fact(s.seg, DOC, P.addresses, t.entity)
        if person and not spokes:
            x.fact(s.seg, person, P.addresses, t.entity)
        if s.main and about_meeting:
            for mid in x.state.main_group:
                x.fact(s.seg, mid, P.addresses, t.entity)
        elif len(own) == 1:
            x.fact(s.seg, own[0].entity, P.addresses, t.entity)


_CLAUSE_START = re.compile(r"\s+(?:that\s+)?")
# verbs whose object is whom one speaks to ("urged the leaders to ..."), not what is said
_TO_SOMEONE = re.compile(r"(?i:called\s+on|urg\w+|told|address\w*)$")


# the reporting clause closing a sentence after the person: "..., Foreign Minister X said."
_SAID_LAST = re.compile(r"\s*(?:said|says|warned|stressed|added|noted)\s*[.]?[\s\"”’]*")


def _reporting_clause(s: Sentence) -> bool:
    """The sentence names its speaker only in a clause closing it ("..., Malaysia's Foreign Minister X
    said."; "“...,” said X of the Y.")."""
    persons = s.of(C.Person)
    if not persons:
        return False
    last, text, off = persons[-1], s.text, s.off
    return bool(_SAID_LAST.fullmatch(text[last.end - off:])) or bool(
        re.search(r"[,\"”]\s*(?:said|says)\s+(?:[^\s,]+\s+){0,6}$", text[:last.start - off]))


def _named_speaker(s: Sentence) -> str | None:
    """The person a news report names as who speaks in the sentence: the subject of a speech verb
    ("X, known for ..., also urged"; not when the meeting or its participants stand between them),
    or "..., said X" after a quotation; not when what is said is what a meeting does ("X said the
    meeting will ...")."""
    if s.kind in STATEMENT_KINDS:
        return None
    text, off = s.text, s.off
    verb = SPEECH_VERBS.search(text)
    persons = s.of(C.Person)
    if verb is None or not persons:
        return None
    last = persons[-1]
    if _SAID_LAST.fullmatch(text[last.end - off:]) and not (
            MEETING_ANAPHORA.match(text) or s.meetings and s.meetings[0].start - off < 6):
        return last.entity  # "..., Malaysia's Foreign Minister X said." ("The meeting will ..., X said": the meeting's)
    opens = None if _TO_SOMEONE.match(verb.group(0)) else _CLAUSE_START.match(text, verb.end())
    if opens and (any(m.start - off in (opens.end(), opens.end() + 4) for m in s.of(C.Meeting, C.Body))
                  or MEETING_ANAPHORA.match(text, opens.end()) or _PARTICIPANTS.match(text, opens.end())
                  or re.match(r"the\s+", text[opens.end():]) and _PARTICIPANTS.match(text, opens.end() + 4)):
        return None  # "X said the meeting will ...": the meeting is what the clause is about
    before = _last([p for p in persons if p.end - off <= verb.start()])
    if before is not None:
        gap = text[before.end - off:verb.start()]
        return None if MEETING_ANAPHORA.search(gap) or _PARTICIPANTS.search(gap) else before.entity
    if verb.group(0) in ("said", "says"):
        after = next((p for p in persons if 0 <= p.start - off - verb.end() <= 40), None)
        if after and not _PARTICIPANTS.search(text[verb.end():after.start - off]):
            return after.entity
    return None


def speaker(x: Extractor, s: Sentence) -> None:
    """The person a sentence names first (its subject, as a rule: "The meeting was chaired by X, and
    attended by Y") is who the next sentences' "he" and "I" are."""
    persons = s.of(C.Person)
    if persons:
        x.state.speaker = persons[0].entity


# "the 27th X, as part of the 53rd Y and Related Meetings", "attended the X (XM) as part of the Y", "X is part of Y"
_PART_OF = re.compile(r"\s*\)?\s*(?:\([^()]{1,40}\)\s*)?,?\s*(?:(?:which|that)\s+(?:was|is|were|are|will\s+be)\s+|"
                      r"(?:was|is|were|are)\s+)?(?:held\s+|convened\s+)?(?:as\s+)?(?:a\s+|one\s+)?part\s+of\s+(?:the\s+)?")


# "within (in) the framework of the 53rd Y": the meetings the sentence reports are held as part of Y
_FRAMEWORK = re.compile(r"\b(?:[Ww]ithin|[Ii]n)\s+the\s+framework\s+of\s+(?:the\s+)?(?:ongoing\s+|current\s+)?")


def part_of(x: Extractor, s: Sentence) -> None:
    """A meeting held as part of another ("the 27th X, as part of the 53rd Y", "attended the X as part of
    the Y", "the X and the Z were held ... within the framework of the Y", "Within the framework of the Y, the
    X took place"): PART_OF Meeting -> Meeting in the guide, dcterms:isPartOf in the graph."""
    text, off = s.text, s.off
    for m in s.meetings:
        c = _PART_OF.match(text, m.end - off)
        if c is None:
            continue
        whole = next((w for w in s.after(c.end(), C.Meeting) if w.start - off == c.end()), None)
        if whole is not None and whole.entity != m.entity:
            x.fact(s.seg, m.entity, P.partOf, whole.entity)
    for c in _FRAMEWORK.finditer(text):
        whole = next((w for w in s.after(c.end(), C.Meeting) if w.start - off == c.end() and not w.rel), None)
        if whole is None:
            continue
        if c.start() <= 3:
            # fronted: the meetings of the main clause, after the comma that closes the phrase
            comma = text.find(",", whole.end - off)
            parts = [m for m in s.meetings if comma >= 0 and m.start - off > comma]
        else:
            # after the clause: the meetings it names before, none of them after a full stop or semicolon
            clause = max(text.rfind(";", 0, c.start()), 0)
            parts = [m for m in s.meetings if clause <= m.start - off and m.end - off <= c.start()]
        for m in parts:
            if not m.rel and m.entity != whole.entity:
                x.fact(s.seg, m.entity, P.partOf, whole.entity)


# "X joined ASEAN on 8 January 1984", "X was admitted to ASEAN on ...", "X became the 11th member of ASEAN on ..."
_JOINED = re.compile(r"\s*(?:(?:then|later|officially|formally)\s+)?"
                     r"(?:joined|acceded\s+to|was\s+admitted\s+(?:to|into)|"
                     r"became\s+(?:a\s+|the\s+)?(?:[\w\-]+\s+)?(?:full\s+)?member\s+(?:state\s+)?of)\s+(?:the\s+)?")
_JOINED_WORD = re.compile(r"\b(?:joined|acceded|admitted|member)\b")
_MEMBERS_WORD = re.compile(r"\b(?:[Mm]ember|[Mm]embers|comprises|comprising|consists|composed|made\s+up|groups|"
                           r"brings\s+together|[Ff]ounding|joining|accession|(?:countries|states|nations)\s+are|AMS)\b|"
                           r"\b(?:countries|states|nations)\s*[-–—:]")
_ON = re.compile(r"\s*,?\s*(?:on|in)\s+$")
# what leads to the next state of a list of joinings: ", followed by", ", then", ", and"
_NEXT_JOINED = re.compile(r"\s*,?\s*(?:(?:followed\s+by|then|and\s+then|and|while)\s+)?(?:by\s+)?$")
_AND_STATE = re.compile(r"\s*(?:,|,?\s*and)\s*$")


# "The member states of ASEAN are A, B and C", "ASEAN's members include A, B", "ASEAN comprises A, B, ..."
_MEMBERS_BEFORE = re.compile(r"\b[Mm]ember(?:-|\s+)(?:countries|states|nations)\s+of\s+(?:the\s+)?$")
# "The 10 Asean countries are A, B ...", "All 10 ASEAN member states, namely A, B ...": ASEAN's members listed
# Also "ASEAN member states, which include A, B", "ASEAN Member States, representing A, the Kingdom of B",
# "10 ASEAN (Association of Southeast Asian Nations) countries - A, B ...", "ASEAN's ten member states — A, B":
# the list after a dash or a relative clause
_ORG_MEMBER_LIST = re.compile(r"\s*(?:\([^()]{1,60}\)\s*)?(?:['’]s)?\s(?:(?:\d+|ten|eleven)\s+)?(?:[Mm]ember(?:-|\s+))?"
                              r"(?:[Cc]ountries|[Ss]tates|[Nn]ations|members)\s*,?\s*"
                              r"(?:(?:which|that)\s+)?(?:are|include[sd]?|namely|representing|:|[-–—])"
                              r"\s*:?\s*(?:the\s+)?")
_MEMBERS_ARE = re.compile(r"\s*(?:\([^()]{1,12}\)\s*)?(?:are|include|includes|comprise)\s*:?\s*(?:the\s+)?")
_ORG_MEMBERS = re.compile(r"\s*(?:\([^()]{1,12}\)\s*)?(?:['’]s?\s+(?:(?:\d+|ten|eleven)\s+)?"
                          r"(?:member(?:-|\s+)(?:countries|states|nations)|members)\s+(?:are|include)|"
                          r"(?:\s+for\s+(?:19|20)\d{2})?\s*,?\s*(?:which\s+|that\s+)?"
                          r"(?:comprises|comprising|consists\s+of|is\s+composed\s+of|is\s+made\s+up\s+of|groups|"
                          r"brings\s+together)"
                          r"(?:\s+(?:\d+|ten|eleven)\s+(?:Southeast\s+Asian\s+)?(?:countries|nations|states|member\s+states)"
                          r"\s*(?:,?\s*(?:namely|including|that\s+include|:))?)?)"
                          r"\s*:?\s*(?:the\s+)?")
# "signed by the Founding Fathers of ASEAN: A, B and C", "the five founding members -- A, B and C -- signed"
_FOUNDERS = re.compile(r"\b[Ff]ounding\s+"
                       r"(?:[Ff]athers|[Mm]embers?|[Mm]ember\s+[Ss]tates|[Ss]tates|[Cc]ountries|[Nn]ations)"
                       r"(?:\s+of\s+(?:the\s+)?(?:ASEAN|Asean|Association))?\s*(?:[:,]|--|—|–)?\s*(?:namely\s*,?\s*)?"
                       r"(?:the\s+)?")
# (a state's formal style may stand before its name: "the Republic of the Union of Myanmar")
_LIST_STATE = re.compile(r"\s*(?:,|,?\s*and)\s*(?:the\s+)?(?:(?:Socialist\s+|Democratic\s+)?(?:Republic|Kingdom|Union|"
                         r"Sultanate)\s+of\s+(?:the\s+)?)*$")
# "X attended ... as an ASEAN member", "X, as a full member of ASEAN, ..."; "Since joining ASEAN in 1997, X"
# and "X, participating as ASEAN's newest Member State": the organisation's possessive in place of the article
_MEMBER_ORDINAL = r"(?:new(?:est)?\s+|full\s+|(?:\d+|[a-z]+)(?:st|nd|rd|th)\s+)?"
_AS_MEMBER = re.compile(r"\bas\s+(?:(?:an?|the)\s+" + _MEMBER_ORDINAL +
                        r"(?:(?i:asean)\s+member(?:\s+(?:state|country|nation))?|"
                        r"member(?:\s+(?:state|country|nation))?\s+of\s+(?:the\s+)?(?i:asean))|"
                        r"(?i:asean)['’]s?\s+" + _MEMBER_ORDINAL + r"(?i:member)(?:\s+(?i:state|country|nation))?)\b")
# "agreed to admit X as a member of ASEAN", "X hopes to join as ...": a membership to come, not one held
_NOT_YET_MEMBER = re.compile(r"\b(?:to\s+(?:admit|accept|join|become)|agree[ds]?|agreement|will|would|could|may|might|"
                             r"hopes?|aims?|seeks?|bid|plans?|wants?|applied|application)\b")
_ONE_OF_MEMBERS = re.compile(r"\s*,?\s*(?:(?:is|was|as)\s+)?one\s+of\s+(?:the\s+)?"
                             r"(?:(?i:asean)['’]s?\s+(?:(?:\d+|ten|eleven)\s+)?|(?:(?:\d+|ten|eleven)\s+)?(?i:asean)\s+)"
                             r"(?:members|[Mm]ember\s+(?:[Ss]tates|[Cc]ountries|[Nn]ations))\b")
_SINCE_JOINING = re.compile(r"^\s*(?:[Ss]ince|[Aa]fter|[Uu]pon)\s+(?:joining|its\s+accession\s+to)\s+(?:the\s+)?"
                            r"(?P<org>(?i:asean))\b[^,;]{0,40},\s*(?:the\s+)?$")


# a list of ASEAN's member states after a word of membership, where the sentence does not name ASEAN ("the
# bloc made up of A, B, ...", "The founding 5 members are A, B, ...", "Leaders of the AMS – A, B, ...", "the
# 10-member states of Aseam: A, B, ..."): at least _MIN_LISTED of them, so the list is the group's own
_STATE_LIST_CUE = re.compile(r"\b(?:made\s+up\s+of|comprising|comprises|consists\s+of|composed\s+of|"
                             r"(?:members|[Mm]ember(?:-|\s+)(?:[Ss]tates|[Cc]ountries|[Nn]ations)|AMS\)?)"
                             r"(?:\s+of\s+(?:the\s+)?[A-Z]\w*)?\s*(?:,?\s*(?:are|were|include|namely)\b|:|[-–—]))"
                             r"\s*(?:the\s+)?")
_MIN_LISTED = 5
# "ASEAN member states A, B, C ...": the list right after the words, no verb (a long list only: _MIN_LISTED)
_ORG_MEMBERS_BARE = re.compile(r"(?:['’]s)?\s+[Mm]ember(?:-|\s+)(?:[Cc]ountries|[Ss]tates|[Nn]ations)\s+(?:the\s+)?")


def _listed_states(s: Sentence, states: list[Mention], cue_end: int) -> list[Mention]:
    """The states listed right after ``cue_end`` ("A, B, the C and D")."""
    out: list[Mention] = []
    pos = cue_end
    for st in [m for m in states if m.start - s.off >= cue_end]:
        gap = s.text[pos:st.start - s.off]
        if not (pos == cue_end and not gap.strip() or _LIST_STATE.fullmatch(gap)):
            break
        out.append(st)
        pos = st.end - s.off
    return out


def _dateless_members(x: Extractor, s: Sentence) -> None:
    """Memberships a sentence states without the day they began: a list of ASEAN's members ("The member
    states of ASEAN are A, B and C", "ASEAN comprises A, B, ..."), a state acting "as an ASEAN member",
    "Since joining ASEAN in July 1997, X". The graph's membership node needs its first day: only a
    membership the curated graph already holds (a member state it knows: the records give each one its
    membership node and day) is stated, never a new node."""
    text, off = s.text, s.off
    # ASEAN, or its chairmanship ("the chair of ASEAN for 2022, which groups A, B, ...")
    asean = [o for o in s.ms if o.entity == "org/asean" or o.kind == C.Chairmanship]
    states = s.of(C.MemberState)
    if not states:
        return
    members: list[Mention] = []
    if not asean:
        for c in _STATE_LIST_CUE.finditer(text):
            if re.search(r"\b(?!ASEAN\b|Asean\b)[A-Z]{2,}\s+$", text[:c.start()]):
                continue   # "AIPA Member Countries: A, B, ...": another organisation's members
            run = _listed_states(s, states, c.end())
            if len(run) >= _MIN_LISTED:
                members += run
        for state in dict.fromkeys(m.entity for m in members):
            _known_membership(x, s, state)
        return
    for org in asean:
        before = _MEMBERS_BEFORE.search(text[:org.start - off])
        cue_end = None
        if before:
            are = _MEMBERS_ARE.match(text, org.end - off)
            cue_end = are.end() if are else None
        else:
            listed = _ORG_MEMBERS.match(text, org.end - off) or _ORG_MEMBER_LIST.match(text, org.end - off)
            cue_end = listed.end() if listed else None
        if org.start < states[0].start and _SINCE_JOINING.match(text[:states[0].start - off]):
            members.append(states[0])
        if cue_end is not None:
            members += _listed_states(s, states, cue_end)
        elif not before:
            bare = _ORG_MEMBERS_BARE.match(text, org.end - off)
            run = _listed_states(s, states, bare.end()) if bare else []
            if len(run) >= _MIN_LISTED:   # "ASEAN member states A, B, C, D and E were present"
                members += run
    for c in _FOUNDERS.finditer(text):
        members += _listed_states(s, states, c.end())
    for c in _AS_MEMBER.finditer(text):
        clause_start = max(text.rfind(";", 0, c.start()), 0)
        subject = next((m for m in states if clause_start <= m.start - off < c.start()), None)
        if subject and not _NOT_YET_MEMBER.search(text[clause_start:c.start()]) and \
                not re.search(r"\b(?:observer|candidate|aspiring|prospective)\b", text[c.end():c.end() + 40]):
            members.append(subject)
    # "Myanmar, one of ASEAN's ten members, ...", "X is one of the ASEAN member states": an apposition
    for st in states:
        if _ONE_OF_MEMBERS.match(text, st.end - off):
            members.append(st)
    for state in dict.fromkeys(m.entity for m in members):
        _known_membership(x, s, state)


def _known_membership(x: Extractor, s: Sentence, state: str) -> None:
    """ASEAN membership of ``state`` stated without its first day, for a member state the curated graph
    knows (the shipped records give each one its membership node and day). A store without that node
    cannot take it (a membership needs the day it began): ingest holds it back, with the reason
    (ingest.pipeline.hold_back)."""
    mid = f"membership/{state.split('/', 1)[1]}"
    if x.gaz.known(state):   # a member state of the curated graph, which holds its membership and first day
        x.fact(s.seg, mid, "type", C.Membership)
        x.fact(s.seg, mid, P.member, state)
        x.fact(s.seg, mid, P.membershipOf, "org/asean")


def member_of(x: Extractor, s: Sentence) -> None:
    """A state that joined an organisation on a day the sentence gives is its member from that day
    (MEMBER_OF in the guide; the graph's org:Membership, which needs the day it began): "X joined
    ASEAN on 7 January 1984, followed by Y on 28 July 1995, Z and W on 23 July 1997"; "X became the
    10th member of ASEAN on 30 April 1999". Without a day no membership is stated; "was joined by X"
    and "agreed to admit X" are not joinings."""
    text, off = s.text, s.off
    orgs = s.of(C.Organization)
    states = [m for m in s.of(C.MemberState, C.Country) if m.kind == C.MemberState or m.entity.startswith("country/")]
    if states and _MEMBERS_WORD.search(text):
        _dateless_members(x, s)
    if not orgs or not states or not _JOINED_WORD.search(text):
        return
    days = [d for d in find_dates(text, None, off) if len(d.value) == 10]
    for org in orgs:
        joined = next((c for c in (_JOINED.fullmatch(text[st.end - off:org.start - off]) and st for st in states)
                       if c), None)
        if joined is None:
            continue
        # the states written together before the verb ("Lao PDR and Myanmar joined ...")
        group = [joined]
        for st in reversed([m for m in states if m.end <= joined.start]):
            if not _AND_STATE.fullmatch(text[st.end - off:group[0].start - off]):
                break
            group.insert(0, st)
        pos = org.end - off
        first = True
        while group:
            day = next((d for d in days if d.start - off >= pos and _ON.fullmatch(text[pos:d.start - off])), None)
            if day is None:
                # "X became the 11th member of ASEAN during the 47th Summit": joined, the day not given with it;
                # ASEAN's members only, from the curated graph's membership
                if first and org.entity == "org/asean":
                    for st in group:
                        _known_membership(x, s, st.entity)
                break
            first = False
            for st in group:
                _membership(x, s, st.entity, org.entity, day.value)
            pos = day.end - off
            # ", followed by Y on ...", ", Z and W on ...": the next states of the list, each with its day
            nxt = next((m for m in states if m.start - off >= pos), None)
            if nxt is None or not _NEXT_JOINED.fullmatch(text[pos:nxt.start - off]):
                break
            group = [nxt]
            for st in [m for m in states if m.start > nxt.end]:
                if not _AND_STATE.fullmatch(text[group[-1].end - off:st.start - off]):
                    break
                group.append(st)
            pos = group[-1].end - off


def _membership(x: Extractor, s: Sentence, state: str, org: str, day: str) -> None:
    """The membership of ``state`` in ``org`` that began on ``day`` (the graph's node for a member
    state of ASEAN is ``membership/<state>``)."""
    slug = state.split("/", 1)[1]
    mid = f"membership/{slug}" if org == "org/asean" else f"membership/{slug}-{org.split('/', 1)[1]}"
    x.fact(s.seg, mid, "type", C.Membership)
    x.fact(s.seg, mid, P.member, state)
    x.fact(s.seg, mid, P.membershipOf, org)
    x.fact(s.seg, mid, P.startDate, day)


# "ASEAN member states, including A and B", "Asean countries such as A": some of ASEAN's members, named
_ORG_MEMBERS_SOME = re.compile(r"\s*(?:\([^()]{1,60}\)\s*)?(?:['’]s?)?\s+(?:(?:\d+|ten|eleven)\s+)?"
                               r"(?:[Mm]ember(?:-|\s+))?(?:[Cc]ountries|[Ss]tates|[Nn]ations|members)\s*,?\s*"
                               r"(?:including|such\s+as|like|notably|especially|particularly)\s+(?:the\s+)?")
# "A joined in 1984, B in 1995, C and D in 1997": states and the years they joined, one after another
_JOINED_IN_YEAR = re.compile(r"\s*(?:(?:then|later|officially|formally)\s+)?(?:joined|was\s+admitted|were\s+admitted)?"
                             r"\s*(?:in|in\s+the\s+year)\s+(?:19[89]\d|20[0-4]\d)\b")


def members_listed(x: Extractor, s: Sentence) -> None:
    """ASEAN memberships stated without the day they began, in two more shapes (member_of and its
    _dateless_members have the others): some members named after "ASEAN member states, including" or
    "Asean countries such as" (not one "as Observer"), and a history of joinings by year, "A joined
    in 1984, B in 1995, C and D in 1997, and E in 1999" (two joinings or more, every state one of
    ASEAN's in the gazetteer; the organisation need not be named in the sentence). Only a membership the
    curated graph holds is stated (_known_membership)."""
    text, off = s.text, s.off
    states = s.of(C.MemberState)
    if not states:
        return
    members: list[Mention] = []
    for org in (o for o in s.ms if o.entity == "org/asean"):
        some = _ORG_MEMBERS_SOME.match(text, org.end - off)
        run = _listed_states(s, states, some.end()) if some else []
        if run and not re.match(r"\s*,?\s*(?:and|as\s+well\s+as)\s+(?:the\s+)?[A-Z]", text[run[-1].end - off:]):
            # (not "including Myanmar and the Secretariat": delegations, not a list of members)
            members += [st for st in run
                        if not re.match(r"\s*(?:,\s*)?as\s+(?:an?\s+)?[Oo]bserver", text[st.end - off:])]
    if re.search(r"\bjoined\b", text):
        joined: list[Mention] = []
        group: list[Mention] = []
        pos = None
        for st in states:
            if pos is not None and not (_NEXT_JOINED.fullmatch(text[pos:st.start - off]) or
                                        _AND_STATE.fullmatch(text[pos:st.start - off])):
                group = []
            year = _JOINED_IN_YEAR.match(text, st.end - off)
            group.append(st)
            pos = st.end - off
            if year:
                joined += group
                group = []
                pos = year.end()
        if len(joined) >= 2 and len(re.findall(r"\b(?:19[89]\d|20[0-4]\d)\b", text)) >= 2:
            members += joined
    for state in dict.fromkeys(m.entity for m in members):
        _known_membership(x, s, state)


def remember(x: Extractor, s: Sentence) -> None:
    """The meeting the sentence names last, for "the said meeting" in the sentences after it (runs after
    every rule that reads it)."""
    named = [m for m in s.meetings if not m.rel]
    if named:
        x.state.last_meeting = named[-1].entity


# The registry, in the order the rules run on each sentence.
RULES: tuple[Rule, ...] = (
    about,
    dateline,
    holds,
    counterpart,
    delivered,
    spoke_at,
    in_conjunction,
    held_in_and_on,
    city_in_country,
    chairmanship,
    chaired_by,
    serves_as_chair,
    member_of,
    members_listed,
    part_of,
    reviews,
    informs,
    aligned_with,
    succeeds,
    adopted,
    addresses,
    remember,
    speaker,
)
