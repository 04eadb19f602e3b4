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

from anyascii import anyascii

from graphkit.project import collector_paused
from graphkit.terms import C, P
from graphkit.vocab import slugify
from ingest.extract import learned as learned_relations
from ingest.extract import learned_entities, pretrained
from ingest.extract.dates import MONTH_RE, ORDINAL_RE, find_dates, ordinal_suffix, ordinal_value
from ingest.extract.lexicon import (
    ASEAN_MARKERS,
    ASEAN_NAME_HEADS,
    ASEAN_ORGANISATION_HEADS,
    BARE_TITLE_ROLES,
    BARE_TITLES,
    BODY_HEADS,
    BROAD_TOPIC_FORMS,
    CHAIRMANSHIP_PHRASES,
    CONNECTORS,
    CONTEXT_ACRONYMS,
    COUNTRIES,
    COUNTRY_RE,
    DEMONYMS,
    DOC_HEAD_RE,
    DOC_HEADS,
    GENERIC_MODIFIERS,
    GENERIC_TOPICS,
    GROUP_HEADS,
    HONORIFIC,
    HONORIFICS_RE,
    IN_HEADS,
    INSTITUTION_HEADS,
    INSTITUTION_OFFICES,
    KNOWN_NAMES,
    MEETING_HEADS,
    MINISTRY_RES,
    MORE_CITIES,
    NAME_LEAD_TITLES_RE,
    NAME_LOWER,
    NAME_STOP,
    NAME_TITLES,
    NAME_UPPER,
    NAMED_INSTRUMENT_HEADS,
    ORGAN_WORDS,
    ORGANISATION_HEADS,
    PILLAR_BARE_NAMES,
    PLURAL_DOC_HEADS,
    PORTFOLIO,
    PORTFOLIO_WORD,
    RANK,
    RANK_RUN_RE,
    REPRESENTED_BODIES,
    ROLE_MODIFIER,
    ROLE_RE,
    ROLES,
    SESSION_SERIES,
    SPOKESPERSON_TITLES,
    STATE_ALIASES,
    STATE_SHORT_NAMES,
    STRONG_HEADS,
    TITLE_TRIGGER_RE,
    UNTITLED_BEFORE_RE,
    UNTITLED_ROLES_RE,
    not_a_city,
)
from ingest.extract.model import DOC, Context, Extraction, Fact, Mention
from ingest.extract.rules import RULES, Sentence, coordinated
from ingest.extract.sentences import split_sentences
from ingest.extract.state import Discourse
from ingest.gazetteer import Gazetteer, kind_of, norm_key, tokens

# a month or a day of the week: a time, where a name or a place might be read
_MONTH_OR_DAY = rf"(?:{MONTH_RE}|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH_OR_DAY_RE = re.compile(_MONTH_OR_DAY)

# a name's words: title-case, hyphenated ("Han-Koo", "Chan-O-Cha", "Geun-hye"), initials, particles
# (Malay names abbreviate "Mohamed", "Haji", "Abdul" with a dot: "Mohd. Amin", "Hj. Ali", "Abd. Rahman"); a first
# initial without its dot ("S Jaishankar", "K Shanmugam"; not "A" or "I")
_UP, _LO = f"[{NAME_UPPER}]", f"[{NAME_LOWER}'’]"   # any Latin letter: "Đỗ Hùng", "Trần Lưu Quang"
NAME_RE = re.compile(
    rf"(?:(?:Mohd|Muhd|Md|Hj|Abd)\.|{_UP}{_LO}+(?:-[{NAME_UPPER}{NAME_LOWER}'’]+)*-?|[A-Z]\.|{_UP}{{2,}}[a-z]*|"
    rf"(?<![\w.])[B-HJ-Z](?=\s+{_UP}{_LO}{{2,}}))"
    r"(?:\s+(?:(?:bin|binti|bte|bt|van|de|da|do|di|del|dos|al|a/l|a/p)\s+)?"
    rf"(?:(?:Mohd|Muhd|Md|Hj|Abd)\.|Jr\.|Sr\.|{_UP}{_LO}+(?:-[{NAME_UPPER}{NAME_LOWER}'’]+)*-?|[A-Z]\.))*")

# the rank a post phrase ends with, after the portfolio written before it ("Trade Undersecretary")
_RANK_RE = re.compile(r"(?P<head>(?:(?:Deputy|Assistant)\s+){0,2}(?:Minister|Under-?[Ss]ecretary|Permanent\s+Secretary|"
                      r"State\s+Secretary|Secretary\s+of\s+State|Secretary|Premier))$")
_RANK_NAMES = {"Under-Secretary": "Undersecretary", "Under-secretary": "Undersecretary",
               "State Secretary": "Secretary of State"}


# words a title may stand before that are no one's name ("Prime Minister Office", "Minister Counsellor")
_NOT_ONE_NAME = frozenset((*ORGANISATION_HEADS, *BODY_HEADS, *MEETING_HEADS, "House", "Senate", "Directorate",
                           "Counsellor", "Counselor", "Designate", "Emeritus", "General", "Elect"))
# the endings of common English words written title-case after a post ("Minister of Energy Transition",
# "Minister Attached to ...", "Undersecretary and Administrator"): no one's name
_COMMON_WORD_END = re.compile(r"(?:tion|sion|ment|ing|ed|ship|ity|ance|ence|ator)$")
_FRONT_RE = re.compile(r"(?<![\w'’.\-])([A-Z][a-z]+)\s+$")
# words that may stand before a post without being part of it
_NOT_IN_FRONT = frozenset(("The", "A", "An", "And", "As", "Former", "Then", "New", "Incoming", "Outgoing", "Newly",
                           "Current", "Both", "Its", "His", "Her", "Their", "Our", "While", "When", "After", "Before",
                           "Asean"))
_DEMONYM_STATES = frozenset(DEMONYMS.values())


def _words_in_front(before: str) -> bool:
    """True when a title-case word written right before a post belongs to it ("Presidential
    Communications Office Undersecretary", "Bank Governor"): not a state, demonym, honorific or a
    word such as "The" or "Former". Such a post keeps those words as its portfolio or is no post."""
    m = _FRONT_RE.search(before)
    if m is None:
        return False
    word = m.group(1)
    return word not in _NOT_IN_FRONT and word not in DEMONYMS and word not in _DEMONYM_STATES and \
        not COUNTRY_RE.fullmatch(word) and \
        not HONORIFICS_RE.fullmatch(word) and word.lower() not in NAME_STOP and not STATE_ALIASES.get(word)


def role_of(text: str) -> tuple[str, str] | None:
    """(role key, display name) of a post phrase: "Foreign Minister" -> ("foreign-minister", ...),
    "Coordinating Minister for Political, Legal, and Security Affairs" ->
    ("political-legal-and-security-affairs-coordinating-minister", "Coordinating Minister for ...")."""
    numbered = re.search(r"\s+(II|III)$", text)   # "Minister of Defence II": a second office
    if numbered:
        role = role_of(text[:numbered.start()])
        if role:
            return f"{role[0]}-{numbered.group(1).lower()}", f"{role[1]} {numbered.group(1)}"
    for pattern, key, display in ROLES:
        m = re.search(pattern, text)
        if m and m.start() > 0:
            mod = re.fullmatch(rf"(?i:({ROLE_MODIFIER}))[\s-]+", text[:m.start()])
            inner = role_of(text[m.start():]) if mod else None
            if mod and inner:   # "Deputy Foreign Minister": a post of its own
                word = mod.group(1).capitalize()
                ikey = inner[0]   # keyed as "Deputy Minister of Trade" is: trade-deputy-minister
                key = f"{ikey[:-len('minister')]}{word.lower()}-minister" if ikey.endswith("-minister") \
                    else f"{word.lower()}-{ikey}"
                return key, f"{word} {inner[1]}"
        if m:
            if key:
                return key, display
            said = " ".join(m.group(0).split())
            sec = re.match(r"(?P<head>Secretary)\s+(?P<of>of|for)\s+(?!State$)(?P<portfolio>.+)", said)
            if sec:     # Secretary of Tourism (a department's head): tourism-secretary
                portfolio = re.sub(r",?\s+(?:and|&)\s+", " and ", sec.group("portfolio"))
                return f"{slugify(portfolio)}-secretary", f"Secretary {sec.group('of')} {sec.group('portfolio')}"
            parts = re.match(r"(?P<head>(?:[A-Z][a-z]+\s+)?Minister)\s+(?P<of>of|for)\s+(?P<portfolio>.+)", said)
            if parts:   # Minister of Trade and Industry, Deputy Minister of Public Security
                head, of, portfolio = parts.group("head"), parts.group("of"), parts.group("portfolio")
            else:       # Trade Minister; Trade Undersecretary, Foreign Affairs Deputy Assistant Secretary, Premier
                rank = _RANK_RE.search(said)
                head, of = (rank.group("head"), "of") if rank else ("Minister", "of")
                portfolio = said[:rank.start()].strip() if rank else " ".join(said.split()[:-1])
                if head != "Minister" and not head.endswith(" Minister"):
                    head = _RANK_NAMES.get(head, head)
                    if not portfolio:
                        return slugify(head), head
                    portfolio = re.sub(r",?\s+(?:and|&)\s+", " and ", portfolio)
                    return f"{slugify(portfolio)}-{slugify(head)}", f"{head} of {portfolio}"
            portfolio = re.sub(r",?\s+(?:and|&)\s+", " and ", portfolio)
            prefix = head.split()[0] if head != "Minister" else ""
            rkey = "-".join(x for x in (slugify(portfolio), slugify(prefix), "minister") if x)
            return rkey, f"{head} {of} {portfolio}"   # the preposition as written: Singapore's "Minister for X"
    return None


# ---------------------------------------------------------------------------------------- the extractor
_PATRONYMIC = frozenset(("bin", "binti", "bte", "bt"))
_NAME_PARTICLES = frozenset(("bin", "binti", "haji", "hajah", "datuk", "dato", "seri", "utama", "tan", "sri"))
_WORDS = r"(?P<words>(?:(?:[A-Z][\w'’\-]*|of|on|and|for|\([A-Z][\w\-]*\))\s+){1,10}?)"
_YEAR = r"(?:19|20)\d{2}"
_DEMONYM_RE = re.compile(r"\b(?<!Latin )(?:" + "|".join(re.escape(d) for d in sorted(DEMONYMS, key=len, reverse=True))
                         + r")\b(?![’'-])(?!\s+(?:Ocean|Sea|Peninsula|Gulf|Airlines?)\b)")
_CHAIR_RES = tuple(re.compile(p.replace("YEAR", _YEAR)) for p in CHAIRMANSHIP_PHRASES)
_BARE_RE = re.compile(r"\b(?:(?:" + ROLE_RE + r")(?:\s+and\s+(?:" + ROLE_RE + r"))?|" + "|".join(BARE_TITLES) + r")\b")
_NAME_TITLE_RE = re.compile(rf"\b{NAME_TITLES}\s+(?={_UP})")
# a name of title-case words (no particles) before ", the leader of ..."
_NAME_WORD = rf"{_UP}[{NAME_LOWER}\-]+"   # a name's word in any Latin letters ("Đặng", "Việt")
_UNTITLED_RE = re.compile(rf"(?<![\w'’.-])(?={_NAME_WORD}(?:\s+(?:{_NAME_WORD}|[A-Z]\.(?=\s+[A-Z][a-z]))){{1,3}}"
                          + UNTITLED_ROLES_RE.pattern + ")")   # a middle initial: "Jane Q. Roe, the head of"
_ACRONYM_RE = re.compile(r"\(([A-Z][A-Za-z0-9&+\-]*[A-Z][A-Za-z0-9&+\-]*)\)")
_NAME_WORD_RE = re.compile(r"[A-Z][\w'’\-]*|of|on|for|and|the|in|&|,")
_ISO_DATE_RE = re.compile(r"\b(" + _YEAR + r")-(\d{2})-(\d{2})\b|\b(\d{1,2})/(\d{1,2})/(" + _YEAR + r")\b")
_DATELINE_RE = re.compile(r"\s*(?:date\s+\S+\s+)?(?P<city>(?!THE\b)[A-Z][A-Z'’\-]+(?:\s+[A-Z][A-Z'’\-]+){0,3})"
                          r"(?:\s*,|\s*\(|\s+[–—-]\s)")
# the page's own date stamp before its text (" date 2024-10-09 ..."): when it was published, no date it names
# words of a heading in capitals that no city's name has (a dateline's place is one to four names)
_HEADING_WORDS = frozenset(("on", "of", "and", "for", "the", "to", "in", "meeting", "meetings", "summit",
                            "ministerial", "ministers", "statement", "joint", "declaration", "conference",
                            "communique", "press", "media", "release"))
_STAMP_RE = re.compile(r"\s*date\s+(?:19|20)\d{2}-\d{2}-\d{2}\b")
_ASEAN_NAME_RE = re.compile(
    # "and" joins words of one name, not two names ("the ASEAN Secretariat and the ASEAN Centre for X")
    r"\b(?:ASEAN|Asean)(?:[\s-]+(?:[A-Z][\w'’\-]*|of|on|for|and(?!\s+(?:the\s+)?(?:ASEAN|Asean)\b)|the)){0,6}?"
    r"[\s-]+(?P<head>"
    + "|".join(re.escape(h) for h in ASEAN_NAME_HEADS) + r")\b(?![\w-])"
    r"(?:\s+(?:for|on|of)\s+(?:the\s+)?[A-Z][\w'’\-]*(?:\s+(?!and\s+(?:the\s+)?(?:ASEAN|Asean)\b)"
    r"(?:(?:and|of|on|for|the|in)\s+)*[A-Z][\w'’\-]*)*)?")
_KNOWN_NAMES = {n: (cls, name) for cls, name, alts in KNOWN_NAMES for n in (name, *alts)}
_KNOWN_ALT = "|".join(re.escape(n) for n in sorted(_KNOWN_NAMES, key=len, reverse=True))
# not inside a longer name or a compound acronym ("the ASEAN Plus Three Cooperation Fund", "EAS EMM")
# (an office after it is no longer name: "DOE Secretary X", "DOLE Sec. X" are the organisation's office)
_KNOWN_NAME_RE = re.compile(rf"(?<![\w\-+])(?:{_KNOWN_ALT})"
                            r"(?![\w+]|-[A-Za-z]|\s+(?:(?!(?:Secretary|Governor|Director|Administrator|Sec\.)\s+[A-Z][a-z])"
                            r"[A-Z][a-z]|[A-Z]{2,}\b|\d|summits?\b|meetings?\b))")
_MINISTRY_RES = tuple(re.compile(p) for p in MINISTRY_RES)
# an office written after an organisation's name or acronym, before its holder's name ("SBV Governor X",
# "the Central Bank (CB) Deputy Governor Dr X")
_OFFICE_AFTER_RE = re.compile(r"(?:\s*\([A-Z][\w&\-]*\))?\s+(?P<role>(?:Deputy\s+|Executive\s+|Assistant\s+)?"
                              r"(?:Governor|Secretary(?![\s-][Gg]eneral\b)|Sec\.|Director(?:[\s-]General)?|Chairman|"
                              # (a Secretary-General, a President: the post patterns')
                              r"Chairperson|Administrator|Chief\s+Executive(?:\s+Officer)?))"
                              # the holder right after, or after a comma ("the DOST Secretary, X")
                              r"(?=,?\s+(?:" + HONORIFICS_RE.pattern + r"\s+)?[A-Z][a-z])")
_THE_ORGS = ("State ", "Department ", "Ministry ", "Office ", "Bureau ", "National ", "Central ", "Bank ", "Agency ",
             "Council ", "Commission ", "Authority ")
_OFFICE_RE = re.compile(r"(?:(?:ASEAN|Asean)\s+)?(?<![\w'’-])(?P<role>(?:Deputy\s+|Executive\s+|Assistant\s+)?"
                        r"(?:Director(?:[\s-]General)?|"
                        r"Secretary[\s-]General|Head|[Cc]hief\s+of\s+[Mm]ission|President|Undersecretary|"
                        r"Under-Secretary|Representative|Ambassador|Governor|Chief\s+Executive(?:\s+Officer)?)|"
                        r"(?:director|head|chief\s+of\s+mission|representative)(?=\s+(?:of|for|at)\s))"
                        r"\s+(?:of|for|at)\s+(?:the\s+)?$")
# an office of a state's institution named after it ("Permanent Secretary at the Ministry of Foreign
# Affairs of X", "President of the National Assembly of X", "Undersecretary of the Department of Y"):
# title-case office, "of/at the", up to three words before an institution's head, and the words of
# its name after the head (of/for/and/on + title-case word, or a bracketed acronym)
_INSTITUTION_OFFICE_RE = re.compile(
    rf"(?<![\w'’-])(?P<role>{INSTITUTION_OFFICES})\s+(?:of|at)\s+(?:the\s+)?"
    rf"(?P<inst>(?:[A-Z][\w'’\-]*\s+){{0,3}}?{INSTITUTION_HEADS}(?![\w'’-])"
    # (not a rank or an honorific: "the Royal Thai Armed Forces General X" ends before the holder's title)
    rf"(?:\s+(?:(?:of|for|and|on|&)\s+(?:the\s+)?)?(?!{INSTITUTION_OFFICES}\b)(?!(?:{HONORIFIC}|{RANK})(?![\w'’-]))"
    rf"[A-Z][\w'’\-]*|\s+\([A-Z][\w&\-]*\))*)"
    r"(?!\s+of\s+(?:the\s+)?\d)")   # "Head of the Organising Board of the 14th X": the meeting's, left alone
# the same office written after its institution, right before its holder ("the Ruritanian Information
# Agency Director-General Jane Roe", "National Assembly President X", "the Y Council's (YC) Secretary General X"):
# up to six title-case words (and connectors) ending in an institution's head, the office in title case, then
# a name (after a comma or titles perhaps)
_INSTITUTION_FIRST_OFFICE_RE = re.compile(
    rf"(?<![\w'’\-])(?P<inst>(?:(?!{INSTITUTION_OFFICES}(?![\w'’\-]))[A-Z][\w'’\-]*\s+(?:(?:and|of|for|&)\s+)?)"
    rf"{{0,6}}?{INSTITUTION_HEADS})(?P<poss>['’]s?)?(?:\s*\([A-Z][\w&\-]*\))?\s+"
    rf"(?P<role>{INSTITUTION_OFFICES}(?:(?<=Secretary)[\s-]General)?(?:\s+\([A-Z][a-z]+\))?)(?![\w'’\-])"
    rf"(?=,?\s+(?:{HONORIFIC}(?:(?<=\.)|(?![\w'’]))\s*)*[A-Z][a-z])")
# a spokesperson of a ministry or of ASEAN: "(Ruritanian) Foreign Ministry spokesman", "ASEAN spokesperson",
# "spokesman for the Ruritanian Foreign Ministry", "spokeswoman of the Ministry of Health"
_DEMONYM_ALT = "|".join(re.escape(d) for d in sorted(DEMONYMS, key=len, reverse=True))
_MINISTRY_NAMED = (rf"(?:(?P<pre>{PORTFOLIO_WORD}(?:\s+(?:and\s+)?{PORTFOLIO_WORD}){{0,2}})\s+Ministry\b|"
                   rf"Ministry\s+(?:of|for)\s+(?:the\s+)?(?P<post>{PORTFOLIO})|(?P<asean>ASEAN|Asean)\b)")
_SPOKES_BEFORE_RE = re.compile(rf"(?<![\w'’-])(?:(?P<dem>{_DEMONYM_ALT})\s+)?{_MINISTRY_NAMED}\s+"
                               rf"(?P<title>{SPOKESPERSON_TITLES})\b")
_SPOKES_AFTER_RE = re.compile(rf"(?<![\w'’-])(?P<title>{SPOKESPERSON_TITLES})\s+(?:of|for)\s+(?:the\s+)?"
                              rf"(?:(?P<dem>{_DEMONYM_ALT})\s+)?{_MINISTRY_NAMED}")
_MORE_CITIES_RE = re.compile(r"(?<![\w'’\-])(?:"
                             + "|".join(re.escape(n) for n in sorted(MORE_CITIES, key=len, reverse=True))
                             + r")(?![\w\-])")
_FOR_PILLAR_RE = re.compile(r"\s+for\s+(?:the\s+)?(?P<p>(?:ASEAN|Asean)\s+[\w\-]+(?:\s+[\w\-]+)?\s+Community|APSC|AEC|"
                            r"ASCC)\b")
_DSG_RE = re.compile(r"(?:(?:ASEAN|Asean)\s+)?Deputy\s+Secretary[\s-]General(?:\s+of\s+(?:ASEAN|Asean))?"
                     + _FOR_PILLAR_RE.pattern)
_DSG_PLAIN_RE = re.compile(r"\b(?i:deputy)\s+Secretary[\s-]General\s+of\s+(?:ASEAN|Asean)\b(?!\s+for\s)")
_ITS_PLAN_RE = re.compile(r"\bits\s+(?P<plan>Implementation\s+Plan|Work\s+Plan|Action\s+Plan|Plan\s+of\s+Action|"
                          r"Roadmap|Strategic\s+Plan)\b(?!\s+(?:of|on|for)\s+[A-Z])")
_CHAIR_WORD = r"(?:(?:Vice|Deputy)[\s-])?[Cc]hair(?:man|person|woman)?(?:ship)?\b"
_CHAIR_BEFORE_RE = re.compile(_CHAIR_WORD + r"\s+(?:of|for)\s+(?:the\s+)?(?:\d{1,3}(?:st|nd|rd|th)\s+)?$")
_CHAIR_AFTER_RE = re.compile(r"\s+" + _CHAIR_WORD)
_CHAIR_YEAR_RE = re.compile(r"(?:\s+(?:of|for|(?P<in>in))\s+|\s+|\s*\()"
                            r"(?P<y>(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?)\)?(?![\w-])")
# a series' session the text reports: "attended the X Meeting", "at the recent X Meeting" ...
_SESSION_BEFORE_RE = re.compile(r"(?:\b(?:attended|opened|chaired|convened|hosted|outcomes?\s+of|follow(?:s|ed|ing)|"
                                r"(?:will|to|would)\s+(?:chair|attend|host)|chairs|chairing|attends|attending|hosting|"
                                # "speaking at the X Summit", "his participation in the X Summit" (round thirteen)
                                r"[Ss]peaking\s+at|[Ss]poke\s+at|participat(?:ed|ing|ion)\s+in|"
                                r"preceded\s+by)\s+the(?:\s+(?:annual|upcoming|recent|latest))?|"
                                r"\bat\s+the\s+(?:recent|latest))\s+$")
# ... and the weaker cues of round fifteen, taken when no numbered session of the series is named
# before: "during the X Meeting", "from the recent X Summit", "before the upcoming X Forum"
_SESSION_BEFORE_WEAK_RE = re.compile(r"(?:\b[Dd]uring\s+the(?:\s+(?:annual|upcoming|recent|latest))?|"
                                     r"\b(?:from|of|since|after|before)\s+the\s+(?:recent|latest|upcoming))\s+$")
# ... "X Meeting (XM), which took place on ...", "X Meeting on 9 May", "X Meeting earlier the same day"
_SESSION_AFTER_RE = re.compile(
    r"\s*(?:\([A-Z][\w+\-]*\)\s*)?(?:,\s*(?:which|that)\s+(?:took\s+place|was\s+(?:held|convened))[^.;]{0,40}|"
    r"(?:was|were)\s+(?:held|convened)\b[^.;]{0,40}|"
    # "X Meeting opened in Jakarta on ...", "X Meeting is set to take place in Y on ...", "X Summit took place"
    r"(?:opened|commenced|kicked\s+off|took\s+place|convened|(?:is|was|are|were)\s+(?:set|scheduled|due)\s+to\s+"
    r"(?:take\s+place|be\s+held|convene|open)|will\s+(?:take\s+place|be\s+held|convene|open))\b[^.;]{0,40}|"
    rf"on\s+(?:\d{{1,2}}\s+{MONTH_RE}|{MONTH_RE}\s+\d{{1,2}})\b(?:,?\s+\d{{4}})?|"
    # "from 26 to 30 January", "from Jan. 26 to 30"
    rf"from\s+(?:\d{{1,2}}\s+(?:{MONTH_RE}\s+)?|{MONTH_RE}\s+\d{{1,2}}\s+)(?:to|until|-|–)\s+"
    rf"(?:\d{{1,2}}\s+{MONTH_RE}|{MONTH_RE}\s+\d{{1,2}}|\d{{1,2}})\b(?:,?\s+\d{{4}})?|"
    r"earlier\s+(?:the\s+same\s+day|today|this\s+week))")
# "the X Summit, which will be held at the end of the week", "X Summit scheduled for this year",
# "the X Forum set for next month" (round fifteen; weak, as above)
_SESSION_AFTER_WEAK_RE = re.compile(
    r"\s*(?:\([A-Z][\w+\-]*\)\s*)?(?:,\s*which\s+(?:will|is\s+(?:set|scheduled|due)\s+to)\s+"
    r"(?:be\s+held|take\s+place|convene|open)\b[^.;]{0,40}|"
    r"(?:scheduled|slated|set)\s+for\s+(?:this|next|later)\b[^.;]{0,20}|"
    r",?\s+held\s+(?:on|in|from|at)\s[^.;]{0,40})")
# a name without a title right before a comma and a post the text names ("Jane Roe, the Minister of X",
# "Jane Roe, Ruritania's defence minister"): two to four title-case words (a middle initial, "bin"), not
# a day ("Last Friday, the Minister ...") nor the end of a longer name ("Keeper of the Royal Seals, the ...")
_NAME_BEFORE_POST_RE = re.compile(
    r"(?<![\w'’.-])(?<!\bof\s)(?<!\bthe\s)"
    r"(?!(?:[A-Z][a-z]+\s+){0,3}(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|" + MONTH_RE + r")\b)"
    r"(?!(?:Last|Next|This|Earlier|Later)\s)" + _NAME_WORD + r"(?:\s+(?:(?:bin|binti|bte)\s+)?(?:" + _NAME_WORD
    + r"|[A-Z]\.)){1,3}"
    r",\s+(?:(?:the|a|an)\s+)?(?:(?:acting|former)\s+)?$")
# between two series named in a list: a comma, "and", "as well as", and perhaps "the"
_LIST_JOIN_RE = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+as\s+well\s+as\s+)(?:the\s+)?")


def _series_shaped(m: Mention) -> bool:
    """A series' name a session may be reported by: "the X Meeting", "the X Meeting (XM)", "the X Meeting on Y"."""
    return m.kind == C.Body and bool(m.entity) and bool(
        re.search(r"\b(?:Meeting|Summit|Forum)(?:\s+(?:on|of|for)\s+(?:the\s+)?[A-Z][^()]*)?"
                  r"(?:\s*\([A-Z][\w+\-]*\))?$", m.text))


# the institution a post is of, written between the post and its holder's name ("Premier of the State
# Council X", "Director-General of Y at Thailand's Foreign Ministry X"): title-case words ending in an
# institution's head, then a capital
_POST_INSTITUTION_TAIL_RE = re.compile(
    r"\s+(?:of|at)\s+(?:the\s+)?(?:[A-Z][\w\-]*(?:['’]s?)?\s+(?:(?:of|and|&|for|the)\s+)*){0,4}?"
    + INSTITUTION_HEADS + r"(?![\w'’\-])(?:\s*\([A-Z][\w&\-]*\))?\s+(?=[A-Z])")
# a summit named for an anniversary ("the Commemorative Summit for the 50th Year of ASEAN-X Friendship and
# Cooperation", "the Special Summit to Commemorate the 30th Anniversary of X-ASEAN Dialogue Relations"): one
# session, named as written (the ordinal is the relations' age, not the session's number); the name ends in
# the relations' head word (not "... Cooperation Gala Dinner")
_ANNIVERSARY_SUMMIT_RE = re.compile(
    r"\b(?:Commemorative|Special|Anniversary)\s+Summit\s+(?:for|to\s+[Cc]ommemorate|[Mm]arking|[Cc]elebrating)\s+"
    r"the\s+\d{1,3}(?:st|nd|rd|th)\s+(?:Year|Anniversary)\s+of\s+(?:the\s+)?[A-Z][\w’'\-]*"
    r"(?:\s+(?:(?:and|of|for|the|&)\s+)*[A-Z][\w’'\-]*){0,8}")
# a series the graph does not know, named without a number: "ASEAN" or "ASEAN Plus Three", title-case
# words, then the members' head and "Meeting" ("the ASEAN Transport Ministers Meeting", "the ASEAN Leaders'
# Meeting", "the ASEAN Plus Three Senior Officials' Meeting"); a session of it only where a cue says so
_UNKNOWN_SERIES_RE = re.compile(
    r"(?<![\w\-+])(?:ASEAN|Asean|East\s+Asia\s+Summit|EAS|ARF)(?:\s+(?:Plus\s+(?:Three|3)|\+\s?3)|[-–][A-Z][\w.]*)?"
    r"(?:\s+(?!Meeting\b)(?:[A-Z][\w\-]*|\([A-Z][\w+\-]*\))(?:\s+(?:and|&)(?=\s+[A-Z]))?){0,4}?"
    r"\s+(?:Ministers|Leaders|Officials)(?:['’]|\b)\s+Meeting\b(?!\s*[-–]?\s*Plus\b|\s+(?:(?:of|on|with)\s+)?[A-Z])")
# ... and an ASEAN forum or summit of title-case words the graph does not know ("the ASEAN Widget Forum", "the
# ASEAN Widget Business Summit"): a session of it where a cue says so ("the ASEAN Widget Forum 2030 opened")
_UNKNOWN_FORUM_RE = re.compile(
    r"(?<![\w\-+])(?:ASEAN|Asean)(?:\s+(?!(?:Summit|Forum|Plus|Regional)\b)[A-Z][\w\-]*){1,4}\s+(?:Forum|Summit)\b"
    r"(?!\s*[-–]?\s*Plus\b|\s+(?:(?:of|on|with)\s+)?[A-Z])")
# " to the X Agreement on Y (XA)" after "Conference of the Parties": the treaty (title-case words, connectors)
_TO_TREATY_RE = re.compile(r"\s+to\s+(?:the\s+)?[A-Z][\w'’\-]*(?:\s+(?:(?:of|on|and|for|the|&)\s+)*[A-Z][\w'’\-]*)*"
                           r"(?:\s*\([A-Z][\w\-+ ]*\))?")
# "the 14th XMM", "the 16th XMME+3", "the 12th Asean XSOM Plus Three" (an acronym of 3 to 8 capitals)
_ORDINAL_ACRONYM_RE = re.compile(r"\b(?P<n>\d{1,3})(?:st|nd|rd|th)\s+(?:(?:ASEAN|Asean)\s+)?(?P<acr>[A-Z]{3,8})"
                                 r"(?P<plus>\+\s?3|\s+Plus\s+(?:Three|3))?(?![\w+\-’'])")
# "AMME15", "AMMSTI-21", "ADGMIN1": a session numbered after its series' acronym (not "SEOM 1/57", a cycle's)
_ACRONYM_NUMBER_RE = re.compile(r"(?<![\w\-+/])(?P<acr>[A-Z]{3,8}|[A-Z]{3,6}in)-?(?P<n>\d{1,2})(?![\w\-+/.]|,\d)")
# acronyms with an M that name no meeting series ("the 3rd AMS": ASEAN Member States)
# (written in lower case: upper-case words here would read as ontology terms to tests/test_vocab.py)
_NOT_MEETING_ACRONYMS = frozenset(w.upper() for w in (
    "ams", "msme", "mou", "mofa", "mfa", "moh", "moe", "mod", "unescap", "meeting", "meetings", "summit", "ministers",
    "ministerial", "member", "members"))
_YEAR_BEFORE_RE = re.compile(r"(?<![\w\-/])((?:19|20)\d{2})\s+$")
# "the X Forum 2025", "the X Forum (XF) 2025", "the X Summit 2016 in Y": that year's session (not a range of
# years, and not a longer name going on after the year: "the X Forum 2025 Organising Committee")
_YEAR_AFTER_RE = re.compile(r"(?:\s*\([A-Z][\w+\-]*\))?\s+((?:19|20)\d{2})(?![\w\-–/])"
                            r"(?!\s+(?!(?:Conference|Meeting|Summit)\b)[A-Z][a-z])(?:\s*\([A-Z][\w+\-]*\))?")
# between a post and the state written after it: "from (the)", or a comma after a bracket
_STATE_AFTER_RE = re.compile(r"(?:\s+from\s+(?:the\s+)?|\s*(?:\([^()]{1,30}\))?\s*,\s*(?:the\s+)?)"
                             r"(?:(?:Kingdom|Republic|Socialist\s+Republic|Democratic\s+Republic|Sultanate|Union|State)"
                             r"\s+of\s+(?:the\s+)?)?")
# a title naming a speech ("Remarks by ...", "Keynote Address at ...", "Opening address of ..."); not a "page address"
_SPEECH_TITLE_RE = r"\b(?:remarks|speech|keynote)\b|\baddress\s+(?:by|at|to|of|on)\b|" \
                   r"\b(?:opening|closing|welcom(?:e|ing)|keynote|inaugural|special|policy)\s+address\b|^address\b"
_SESSION_HEAD_RE = re.compile(r"\b(?:Meeting|Summit|Retreat|Forum)\b")
# the title-case words of a name right before its meeting word, after "the", "and" or a comma
_NAME_RUN_RE = re.compile(r"(?<![\w'’])(?:(?:[A-Z][\w'’\-+&]*|\([A-Z][\w+\-]*\)|(?:of|on|for)(?=\s+[A-Z]))\s+)+$")
# a partner's name in a summit's: one to three capitalised words ("Japan", "European Union", "Republic of
# Korea (ROK)"), not the summit's kind
_PARTNER_NAME = (r"(?:[A-Z][\w.]*)(?:\s+of\s+[A-Z][\w.]*|(?:\s+(?!(?:Commemorative|Special|Informal|Summit)\b)"
                 r"[A-Z][\w.]*){0,2})(?:\s+\([A-Za-z]{2,6}\))?")
_PARTNER_SUMMIT_RE = re.compile(
    r"(?<![\w\-])(?:(?P<y0>(?:19|20)\d{2})\s+)?(?P<series>(?:ASEAN|Asean)(?P<partners>(?:[-–]" + _PARTNER_NAME
    + r")+)(?:\s+(?:Commemorative|Special|Informal))?\s+Summit)\b"
    r"(?!\s+(?:on|of)\s+[A-Z])(?:\s+(?P<y1>(?:19|20)\d{2})\b)?")
# a meeting of ASEAN's and a partner's ministers or leaders named without an ordinal ("the ASEAN-Ruritania
# Foreign Ministers' Meeting", "the ASEAN-Ruritania Leaders' Summit", "the Ruritania-ASEAN Ministerial Meeting",
# "the ASEAN-Ruritania Post Ministerial Conference"): that year's session, as a partner summit is
_PARTNER_KIND = (r"(?:(?:[A-Z][a-z]+\s+){0,2}Ministers['’]?|Leaders['’]?|Ministerial|Post[\s-]Ministerial)\s+"
                 r"(?:Meeting|Conference|Summit|Consultations?)")
# (the partner's name as short as it can be: "the ASEAN-China Post Ministerial Conference" is China's)
_PARTNER_NAME_SHORT = _PARTNER_NAME.replace("{0,2})", "{0,2}?)")
_PARTNER_MEETING_RE = re.compile(
    r"(?<![\w\-])(?:(?P<y0>(?:19|20)\d{2})\s+)?(?P<series>(?:ASEAN|Asean)(?P<partners>(?:[-–]" + _PARTNER_NAME_SHORT
    + r")+)\s+" + _PARTNER_KIND + r")\b(?!\s+(?:on|of|with)\s+[A-Z])(?:\s+(?P<y1>(?:19|20)\d{2})\b)?")
_PARTNER_FIRST_MEETING_RE = re.compile(
    r"(?<![\w\-.])(?:(?P<y0>(?:19|20)\d{2})\s+)?(?P<series>(?P<partners>(?:" + _PARTNER_NAME + r"[-–])+)"
    r"(?:ASEAN|Asean)\s+" + _PARTNER_KIND + r")\b(?!\s+(?:on|of|with)\s+[A-Z])(?:\s+(?P<y1>(?:19|20)\d{2})\b)?")
# the partner first ("the U.S.-ASEAN Special Summit", "the EU-ASEAN Commemorative Summit"): only with its kind,
# as "China-ASEAN Summit" alone may name the series
_PARTNER_FIRST_SUMMIT_RE = re.compile(
    r"(?<![\w\-.])(?:(?P<y0>(?:19|20)\d{2})\s+)?(?P<series>(?P<partners>(?:" + _PARTNER_NAME + r"[-–])+)"
    r"(?:ASEAN|Asean)\s+(?:Commemorative|Special|Informal)\s+Summit)\b"
    r"(?!\s+(?:on|of)\s+[A-Z])(?:\s+(?P<y1>(?:19|20)\d{2})\b)?")
# the partner first and a lower-case summit, with or without its kind ("a two-day Ruritania-ASEAN summit",
# "the Ruritania-ASEAN special summit"): running text reports a session so, not the series' name
_PARTNER_FIRST_LOWER_SUMMIT_RE = re.compile(
    r"(?<![\w\-.])(?:(?P<y0>(?:19|20)\d{2})\s+)?(?P<series>(?P<partners>(?:" + _PARTNER_NAME + r"[-–])+)"
    r"(?:ASEAN|Asean)(?:\s+(?:commemorative|special|informal))?\s+summit)\b"
    r"(?!\s+(?:on|of)\s+[A-Z])(?:\s+(?P<y1>(?:19|20)\d{2})\b)?")
# "his Vietnamese counterpart", "her Thai counterparts": the state of the person named next
_COUNTERPART_RE = re.compile(r"\s+counterparts?\b")
# ASEAN Plus Three's summit without an ordinal ("the ASEAN+3 summit", "the ASEAN Plus Three Summit", "the
# ASEAN +3 Summit"): that year's session, as a partner summit is
_PLUS_THREE_SUMMIT_RE = re.compile(r"(?<![\w\-])(?:(?P<y0>(?:19|20)\d{2})\s+)?(?:ASEAN|Asean)\s*"
                                   r"(?:\+\s?3|\s+Plus\s+(?:Three|3))\s+[Ss]ummit\b(?!\s+(?:on|of)\s+[A-Z])(?:\s+(?P<y1>(?:19|20)\d{2})\b)?")
_SUBJECT_LIST_RE = re.compile(r",(?:\s+[A-Z][\w\-]*){1,3}(?:,(?:\s+[A-Z][\w\-]*){1,3}){0,4},?\s+(?i:and|&)\s+[A-Z]")
_SERIES_HEADS = frozenset(("meeting", "meetings", "consultation", "workshop", "conference"))
_ACR_NUMBER_RE = re.compile(r"\b([A-Z][A-Z+]{2,})(?: |-)(\d{1,3})\b(?![\d/.:,]\d|\s*(?:" + MONTH_RE + r"))")
_MEETING_ACR_RE = re.compile(r"(?P<name>(?:[A-Z][\w'’\-]*\s+(?:(?:of|on|and|for)\s+)?){1,10}(?:Meeting|Consultation|"
                             r"Conference))\s*\((?P<acr>[A-Z][A-Za-z+\-]*[A-Z+])\)")
# "the ASEAN Economic Ministers' (AEM) meeting", "... Ministers' (AEM) Special Meeting": the acronym inside the name
_MEETING_ACR_INSIDE_RE = re.compile(r"(?P<name>(?:[A-Z][\w\-]*\s+(?:(?:of|on|and|for)\s+)?){1,10}?[A-Z][\w\-]*s['’])"
                                    r"\s*\((?P<acr>[A-Z][A-Za-z+\-]*[A-Z+])\)\s+(?P<tail>(?:[A-Z][a-z]+\s+)?[Mm]eeting)\b")
_PILLAR_RE = re.compile(r"\b(?:ASEAN|Asean)(?:\s+[A-Z][a-z]+(?:-[A-Z][a-z]+)?){1,2}\s+Community\b"
                        r"(?!['’]s|\s+(?:\([A-Z]+\)\s+)?(?:[A-Z]|Blueprint|Vision|Council))")
_UNNUMBERED = (
    re.compile(r"\b(?P<prefix>[Ss]pecial|[Ii]nformal|[Ee]xtraordinary|[Ee]mergency|[Pp]reparatory)\s+" + _WORDS
               + r"(?P<head>Retreat|Meeting|Summit)\b"),
    re.compile(r"(?P<prefix>)\b" + _WORDS + r"(?P<head>Retreat)\b"),
    # "the ASEAN Foreign Ministers' retreat": a lower-case retreat of a body named in the possessive
    re.compile(r"(?P<prefix>)\b(?P<words>(?:(?:[A-Z][\w'’\-]*|of|on|and|for)\s+){0,9}?[A-Z][\w\-]*s['’]\s+)"
               r"(?P<head>retreat)\b"),
    # "the ASEAN Economic Ministers' (AEM) Special Meeting": the kind after the series' name
    re.compile(r"\b" + _WORDS + r"(?P<prefix>Special|Informal|Extraordinary|Emergency)\s+(?P<head>Meeting|Summit)\b"),
)


# the learned entity layer's default: off (in grouped cross-validation it did not beat the rules alone,
# docs/ingest.md "A learned entity layer")
ENTITY_LAYER = False
# the learned relation layer's default: on. Chosen by a rule fixed before measuring (on if grouped 5-fold CV
# by publisher over the 234 tuned-on texts, dev .. heldout7, gains >= 0.005 core recall for <= 0.010 relation
# precision): rules alone P 0.903 (1204/1333), core R 0.700 (920/1314); rules + layer 0.898 (1247/1389),
# 0.721 (947/1314). docs/ingest.md "A learned relation layer", round nine
RELATION_LAYER = True
# the pretrained NER layer's default (ingest.extract.pretrained, spaCy's general English model, a dependency):
# on since round nineteen, after the blind split heldout15 scored it better on entity F1, relation P and core R
# (docs/ingest.md "A pretrained NER layer (round seventeen; on by default since round nineteen)")
NER_LAYER = True


def extract(text: str, gazetteer: Gazetteer, context: Context | None = None, *,
            learned: bool | learned_relations.Model = RELATION_LAYER,
            entities: bool | learned_entities.Model = ENTITY_LAYER, ner: bool | None = None) -> Extraction:
    """Extract mentions and facts from ``text``; see the module docstring for what it finds. With
    ``learned`` (True: the shipped model; or a :class:`~ingest.extract.learned.Model`) the learned
    relation layer runs after the rules and adds what it scores above its thresholds (False: the rules
    alone; see :data:`RELATION_LAYER` for the default). Raises IngestError when the shipped model cannot
    be read. ``entities`` (True: the shipped weights, or a
    :class:`~ingest.extract.learned_entities.Model`; False: the rules alone) adds the mentions the
    learned entity layer tags where no rule found one (see :data:`ENTITY_LAYER` for the default). ``ner``
    (None: :data:`NER_LAYER` as it is at the call) adds the persons the pretrained NER layer tags where no
    rule found a mention (:mod:`ingest.extract.pretrained`; without spaCy or its model: a warning, the rules
    alone)."""
    return Extractor(text, gazetteer, context or Context(), learned=learned, entities=entities, ner=ner).run()


@dataclass
class Segment:
    start: int | None      # None: the title
    end: int | None
    text: str
    offset: int            # where ``text`` begins in its source (text or title)
    mentions: list[Mention] = field(default_factory=list)
    inner: list[Mention] = field(default_factory=list)   # topics inside a document's title


class Extractor:
    def __init__(self, text: str, gaz: Gazetteer, ctx: Context,
                 learned: bool | learned_relations.Model = RELATION_LAYER,
                 entities: bool | learned_entities.Model = ENTITY_LAYER, ner: bool | None = None) -> None:
        self.text = text
        self.ner = NER_LAYER if ner is None else ner   # None: the default as it is at the call, as extract()
        self.found_by = ""   # what a layer sets while it adds facts (Fact.found_by); "" for the rules
        # PERSON spans of the pretrained NER layer by sentence start (ingest.extract.pretrained); empty: none
        self.ner_spans: dict[int, list[tuple[int, int]]] = {}
        self.learned = learned
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
        self._named_as_written: set[str] = set()   # new numbered meetings named as the text writes them
        self._memo: dict[str, Any] = {}
        self.acronym_defs: dict[str, tuple[str, str]] = {}  # acronym -> (entity, the name it stands for)
        self.meeting_acr: dict[str, str] = {}   # acronyms the text gives a meeting series -> body
        stamp = _STAMP_RE.match(text)
        self.stamp_end = stamp.end() if stamp else -1
        # the title, and (read in the title itself) the title without what brackets close it ("... on
        # Youth (AMMY XIII)", "(title from the page address)"): the name the title gives the document
        bare = re.sub(r"(?:\s*\([^()]*\))+\s*$", "", ctx.title)
        self.own_titles = [t for t in dict.fromkeys((ctx.title, bare)) if t.strip()]
        self.in_title = False
        # the learned entity layer (ingest.extract.learned_entities); None: the rules alone
        self.entity_model = learned_entities.shipped_model() if entities is True else entities or None

    # ------------------------------------------------------------------ driver
    def run(self) -> Extraction:
        title = " ".join(self.ctx.title.split())
        if title and title not in " ".join(self.text[:len(title) * 3 + 500].split()):
            self.segments.append(Segment(None, None, self.ctx.title, 0))
        for s, e in split_sentences(self.text):
            self.segments.append(Segment(s, e, self.text[s:e], s))
        nlp = pretrained.pipeline() if self.ner else None
        if nlp is not None:   # one batch for the text's sentences, before the mention pass
            sentences = [(g.offset, g.text) for g in self.segments if g.start is not None]
            self.ner_spans = pretrained.tag(nlp, self.text, sentences, self.gaz)
        self.acronym_defs = self._acronym_definitions()
        self.meeting_acr = self._meeting_acronyms()
        for seg in self.segments:
            self.in_title = seg.start is None
            seg.mentions = self._mentions(seg)
        self.in_title = False
        self._drop_adverbial_ordinals()
        self._merge_variant_meetings()
        self._resolve_bare_posts()
        self.out.kind = self.ctx.kind or self._guess_kind()
        self.out.main_meeting = self._main_meeting()
        self._resolve_relative()
        self._series_as_session()
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
            self.out.mentions.extend(self._inner_mentions(seg))
        if self.learned is not False:   # relations the rules missed, scored by ingest.extract.learned
            learned_relations.apply(self, None if self.learned is True else self.learned)
        # candidates that lost to a longer mention were never described: they are not new entities
        self.out.created = {e: c for e, c in self.out.created.items() if (e, "type", c) in self.seen}
        return self.out

    # ------------------------------------------------------------------ facts
    def fact(self, seg: Segment, s: str, p: str, o: Any, found_by: str = "") -> None:
        key = (s, p, str(o))
        if key in self.seen or (s == o and p != "type"):
            return
        self.seen.add(key)
        self.out.facts.append(Fact(s, p, o, seg.start, seg.end, seg.text, found_by or self.found_by))

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
        cands += [(6, m) for m in self._dated_sessions(seg)]
        cands += [(6, m) for m in self._partner_summits(seg)]
        cands += [(5, m) for m in self._posts(seg)]
        cands += [(5, m) for m in self._bare_posts(seg)]
        cands += [(5, m) for m in self._chairmanships(seg)]
        cands += [(4, m) for m in self._defined_names(seg)]
        cands += [(3, m) for m in self._series_and_pillars(seg)]
        cands += [(3, m) for m in self._pillar_list(seg)]
        cands += [(3, m) for m in self._anniversary_summits(seg)]
        cands += [(4, m) for m in self._known_names(seg)]
        cands += [(4, m) for m in self._ministries(seg)]
        for s, e, ids in self.gaz.scan(seg.text, seg.offset):
            eid = self._pick(ids)
            said = self._slice(seg, s, e)
            if self.kind(eid) == C.Topic and (self._generic_topic(eid) or " ".join(said.split()).casefold()
                                              in BROAD_TOPIC_FORMS):
                continue  # "peace and security": too general to be a topic the text deals with
            if self.kind(eid) == C.City and (not_a_city(said) or not_a_city(self.name(eid) or "")):
                continue  # "Langkawi", an island the graph has as a City: a meeting there is held in the country
            titled = self._topic_title(said) if self.kind(eid) == C.Topic else None
            if titled:   # the document's name, not a mention of the issue it settles
                cands.append((4, Mention(titled, C.Document, s, e, said)))
                continue
            cands.append((4, Mention(eid, self.kind(eid), s, e, said)))
        cands += [(5, m) for m in self._sub_chairs(seg, [m for _, m in cands if m.kind in (C.Body, C.Meeting)
                                                         and m.entity and not m.data.get("tentative")])]
        cands += [(5, m) for m in self._offices(seg, [m for _, m in cands if m.kind in (C.Body, C.Organization)
                                                      and m.entity and not m.data.get("tentative")])]
        cands += [(5, m) for m in self._institution_offices(seg)]
        cands += [(5, m) for m in self._institution_first_offices(seg)]
        cands += [(5, m) for m in self._spokespersons(seg)]
        cands += [(3, m) for m in self._titled_persons(seg, [m for _, m in cands if m.kind == C.Post])]
        cands += [(1, m) for m in self._dateline_city(seg)]
        cands += [(1, m) for m in self._city_of_state(seg)]
        cands += [(1, m) for m in self._more_cities(seg)]
        cands += [(2, m) for m in self._coreferent_persons(seg)]
        cands += [(1, m) for m in self._documents(seg)]
        cands += [(1, m) for m in self._own_plans(seg, [m for _, m in cands if m.kind == C.Document and m.entity])]
        cands += [(1, m) for m in self._countries(seg)]
        cands += [(0, m) for m in self._dates(seg)]
        chosen: list[Mention] = []
        for _, m in sorted(cands, key=lambda c: (-(c[1].end - c[1].start), -c[0], c[1].start)):
            if all(m.end <= c.start or c.end <= m.start for c in chosen):
                chosen.append(m)
        chosen.sort(key=lambda m: m.start)
        chosen = self._sessions_of_series(seg, chosen)
        if self.entity_model is not None:   # names the rules missed, tagged by the learned layer
            chosen = learned_entities.add_mentions(self, seg, chosen, self.entity_model)
        if seg.start is not None and seg.start in self.ner_spans:   # persons the rules missed, tagged by spaCy
            chosen = pretrained.add_mentions(self, seg.text, seg.offset, chosen, self.ner_spans[seg.start])
        titles = [c for c in chosen if c.kind == C.Document and c.entity]
        if titles:
            kept = {id(c) for c in chosen}
            # topics named in a title, and a numbered meeting ("the Joint Statement of the 4th X Summit"): the
            # meeting is named by the text even when only its document is (round sixteen)
            seg.inner = [m for _, m in cands if (m.kind == C.Topic or m.kind == C.Meeting and m.data.get(P.ordinal))
                         and m.entity and id(m) not in kept
                         and any(t.start <= m.start and m.end <= t.end for t in titles)]
            # (an organisation named inside a title, "the 1982 United Nations Convention on the Law of the Sea",
            # is no mention of its own: of the 29 tuned texts that name the United Nations only inside titles, the
            # gold annotates it in 5; round twenty)
            for t in titles:
                seg.inner += self._nested_documents(t)
        meetings = [c for c in chosen if c.kind == C.Meeting and c.entity]
        if meetings:   # "the 9th Meeting of the Conference of the Parties to the ASEAN Agreement on X": the treaty too
            kept, inner = {id(c) for c in chosen}, {m.entity for m in seg.inner}
            for _, m in sorted(cands, key=lambda c: -(c[1].end - c[1].start)):
                if m.kind == C.Document and m.entity and id(m) not in kept and m.entity not in inner and \
                        any(t.start < m.start and m.end <= t.end for t in meetings):
                    seg.inner = [*seg.inner, m]
                    inner.add(m.entity)
        for m in chosen:
            if m.kind == C.Person and m.entity:
                self._remember_person(m)
            if m.kind == C.Document and m.entity:
                key = norm_key(m.text)
                self.doc_names.pop(key, None)
                self.doc_names[key] = m.entity
        return chosen

    def _sessions_of_series(self, seg: Segment, chosen: list[Mention]) -> list[Mention]:
        """A meeting series named without an ordinal where the text reports one of its sessions
        ("attended the ASEAN Foreign Ministers' Meeting (AMM)", "the X Meeting, which took place on
        4 May", "opened the X Meeting on 9 May", "follows the X Meeting earlier the same day"): a
        Meeting of that series (``meeting/<body>-<date>``, else ``-session-<year>``), not the Body."""
        text, out = seg.text, list(chosen)
        dropped: list[Mention] = []   # tentative series no cue made a session of
        listed = self._listed_series(seg, out)
        for i, m in enumerate(out):
            # "the X Meeting", "the X Meeting (XM)", "the X Meeting on Social Welfare (XMSW)"
            if not _series_shaped(m):
                continue
            s, e = m.start - seg.offset, m.end - seg.offset
            year_after = _YEAR_AFTER_RE.match(text, e)   # "the X Forum 2030": that year's
            if year_after:
                e = year_after.end(1)
            # a list of series shares the cues around it ("the X Meeting, the Y Meeting and the Z Meeting
            # were held in Y", "attended the X Meeting and the Y Meeting"): its first start, last end; a date
            # after the last is the last's (it may span the week of all), the others are sessions of the year
            ls, le = listed.get(id(m), (s, e))
            after = _SESSION_AFTER_RE.match(text, e)
            carried = None if after or le == e else _SESSION_AFTER_RE.match(text, le)
            of_year = _YEAR_BEFORE_RE.search(text, max(0, s - 12), s) or year_after   # "the 2030 X Forum"
            if not (after or carried or of_year or _SESSION_BEFORE_RE.search(text[max(0, ls - 40):ls])):
                after = _SESSION_AFTER_WEAK_RE.match(text, e)
                if seg.start is None or not (after or _SESSION_BEFORE_WEAK_RE.search(text[max(0, s - 40):s]) or
                                             self._held_in_place_after(seg, out, i, e)) or \
                        self._named_session(m.entity, text[:s], out[:i]):   # not in a headline cut short
                    if m.data.get("tentative"):
                        dropped.append(m)
                    continue
            stated = find_dates(after.group(0), self.state.year) if after else []
            year = int(of_year.group(1)) if of_year else \
                self.state.year or (int(self.ctx.date[:4]) if self.ctx.date else None)
            if of_year:
                stated = [d for d in stated if d.value.startswith(of_year.group(1))]
                s = s if of_year is year_after else of_year.start()
            if stated:
                suffix, label = stated[0].value, stated[0].value
            elif year:
                suffix, label = f"session-{year}", str(year)
            else:
                if m.data.get("tentative"):
                    dropped.append(m)
                continue
            body = m.entity
            mid = f"meeting/{body.split('/', 1)[1]}-{suffix}"
            if not self.gaz.known(mid):
                self.create(mid, C.Meeting)
                bname = self.name(body) or str(self._new_info.get(body, {}).get("name", "")) or m.text
                self._new_info.setdefault(mid, {P.name: f"{bname} ({label})", P.meetingOf: body})
            inner = re.search(r"\s*\(([A-Z][\w+\-]*)\)$", text[s:e])
            if inner:   # "the X Meeting (XM)" written as one mention: the name, and the acronym its own
                a0, a1 = s + inner.start(1), s + inner.end(1)
                out[i] = Mention(mid, C.Meeting, s + seg.offset, s + inner.start() + seg.offset,
                                 text[s:s + inner.start()], (body,), data={"body": body})
                out.insert(i + 1, Mention(mid, C.Meeting, a0 + seg.offset, a1 + seg.offset, text[a0:a1], (body,),
                                          data={"body": body}))
                continue
            out[i] = Mention(mid, C.Meeting, s + seg.offset, e + seg.offset, text[s:e], (body,), data={"body": body})
            nxt = out[i + 1] if i + 1 < len(out) else None
            in_year = year_after is not None and m.end <= nxt.start and nxt.end <= year_after.end() + seg.offset \
                if nxt else False   # "the X Forum 2030 (XF)": the acronym after the year
            if nxt and nxt.entity == body and (re.fullmatch(r"\s*\(", text[e:nxt.start - seg.offset]) or in_year):
                out[i + 1] = Mention(mid, C.Meeting, nxt.start, nxt.end, nxt.text, (body,), data={"body": body})
        return [m for m in out if not any(m is d for d in dropped)]

    @staticmethod
    def _listed_series(seg: Segment, ms: list[Mention]) -> dict[int, tuple[int, int]]:
        """Series named one after another in a list ("the X Meeting, the Y Meeting and the Z Meeting"):
        id of each listed mention -> (start of the list's first, end of its last), in the segment."""
        out: dict[int, tuple[int, int]] = {}
        i = 0
        while i < len(ms):
            j = i
            while j + 1 < len(ms) and _series_shaped(ms[j]) and _series_shaped(ms[j + 1]) and \
                    _LIST_JOIN_RE.fullmatch(seg.text[ms[j].end - seg.offset:ms[j + 1].start - seg.offset]):
                j += 1
            if j > i:
                for k in range(i, j + 1):
                    out[id(ms[k])] = (ms[i].start - seg.offset, ms[j].end - seg.offset)
            i = j + 1
        return out

    def _named_session(self, body: str, before: str, earlier: list[Mention]) -> bool:
        """Whether a weak cue must not make a session of ``body``: the text has named a numbered
        session of it ("the 43rd X Summit ... At the X Summit in Y" is that one), an ordinal is right
        before ("the 49th annual X Meeting"), or a partner's name is joined on ("U.S.-ASEAN Summit")."""
        if re.search(r"(?:\d(?:st|nd|rd|th)\s+(?:annual\s+)?|[\w.][-‑–]|[\w.])$", before):
            return True
        named = {m.entity for sg in self.segments for m in sg.mentions + earlier if m.kind == C.Meeting}
        return any(self.meeting_body(mid) == body for mid in named)

    @staticmethod
    def _held_in_place_after(seg: Segment, out: list[Mention], i: int, e: int) -> bool:
        """A series named with the place of a session right after it: "the recent X Summit in Y", "the
        X Meeting (XM) in Y, Z" (Y a city, a state or a venue the text names), not "in 2030", "in Y's"."""
        gap = re.match(r"\s*(?:\([A-Z][\w+\-]*\)\s*)?in\s+(?:the\s+)?", seg.text[e:])
        if gap is None:
            return False
        at = seg.offset + e + gap.end()
        prev = out[i - 1] if i else None
        if prev is not None and prev.kind in (C.Body, C.Meeting) and \
                re.fullmatch(r"\)?\s*(?:\([A-Z][\w+\-]*\)\s*)?(?:,|,?\s+and)\s+(?:the\s+)?",
                             seg.text[prev.end - seg.offset:out[i].start - seg.offset]):
            return False   # the last of a list of series: "X, Y (Y) and Z (Z) in Vientiane" is where they all met
        nxt = next((n for n in out[i + 1:] if n.start >= at), None)
        return nxt is not None and nxt.start == at and \
            nxt.kind in (C.City, C.MemberState, C.Country, C.Venue, C.Place) and \
            not re.match(r"[’']s\b", seg.text[nxt.end - seg.offset:])

    def _topic_title(self, said: str) -> str | None:
        """A topic's name that is a document's title ("the Five-Point Consensus": a name the graph
        gives the issue it settles): title-case words ending in a document head. The document, new
        unless the graph has it; the name is no mention of the topic."""
        head = DOC_HEAD_RE.search(said)
        if head is None or head.end() != len(said) or not said[:1].isupper() or " " not in said and "-" not in said:
            return None
        known = self.gaz.lookup(said, kinds=(C.Document,))
        if known:
            return known[0]
        did = "document/" + slugify(said)
        if not self.gaz.known(did):
            self.create(did, DOC_HEADS.get(head.group(1)) or DOC_HEADS[PLURAL_DOC_HEADS[head.group(1)]])
            self._new_info.setdefault(did, {"name": " ".join(said.split())})
        return did

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
            # "the 8th Meeting of the ASEAN Ministers on Energy", "the 4th Conference of ASEAN Ministers
            # Responsible for Sport" (a lower-case "meeting" only after a number: "the first meeting of
            # the ministers" is no title)
            of = re.match(r"\s+(?:Meeting|Session|Summit|Conference" + ("|meeting|session" if m.group(1) else "")
                          + r")\s+of\s+(?:[Tt]he\s+)?", text[pos:])
            if of:
                pos += of.end()
            words = self._phrase(text, pos)
            if not words:
                continue
            found = self._match_body(words, of=bool(of), head=" ".join(of.group(0).split()).capitalize() if of else "")
            if found is None:
                bare = self._asean_summits(seg, m.start(), pos) or self._own_sessions(seg, m.start(), pos)
                if bare:
                    out += bare
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
            if re.search(r"\bConference\s+of\s+(?:the\s+)?Parties$", " ".join(w for w, _, _ in words[:used])):
                # "the 9th Meeting of the Conference of the Parties (COP) to the X Agreement (XA)": the treaty
                # the parties are parties to belongs to the meeting's name
                treaty = _TO_TREATY_RE.match(text, end)
                if treaty:
                    end = treaty.end()
            # "the 44th and 45th ASEAN Summits": one mention per ordinal, the last one spans the name
            for i, (n, start) in enumerate(ords):
                stop = end if i == len(ords) - 1 else start + len(ordinal_suffix(n))
                mid = self.gaz.meeting(body, n)
                if mid is None:
                    mid = self._new_meeting(body, n)
                    if len(ords) == 1 and mid in self._new_info and not self.gaz.known(body) \
                            and mid not in self._named_as_written:
                        self._name_as_written(mid, n, text[start:stop])
                out.append(Mention(mid, C.Meeting, start + seg.offset, stop + seg.offset, text[start:stop],
                                   (body,), data={P.ordinal: n, "body": body,
                                                  "adverb": bool(m.group(2) and m.group(2).islower())}))
        out += self._acronym_numbered(seg)
        out += self._numbered_unknown_acronyms(seg, out)
        return out

    def _asean_summits(self, seg: Segment, start: int, pos: int) -> list[Mention]:
        """Ordinals before a bare "summit(s)" in a sentence about ASEAN ("ASEAN convened its 27th
        Summit", "ASEAN leaders gather for their 28th and 29th summits"): sessions of the ASEAN
        Summit, when the sentence names ASEAN and no other summit by name between it and them."""
        text = seg.text
        head = re.match(r"\s+[Ss]ummits?\b", text[pos:])
        # ("the bloc's 21st summit": ASEAN's, as news calls it)
        if head is None or not re.search(r"\b(?:[Tt]he|[Ii]ts|[Tt]heir|the\s+(?:regional\s+)?bloc['’]s?)\s+$",
                                         text[max(0, start - 24):start]):
            return []
        asean = [x.start() for x in re.finditer(r"\b(?:ASEAN|Asean|Association\s+of\s+Southeast\s+Asian\s+Nations)\b",
                                                text)]
        named = [x.start() for x in re.finditer(r"[A-Z][\w+\-]*\)?\s+[Ss]ummits?\b", text[:start])]
        if not asean or named and named[-1] > max([a for a in asean if a < start] or [-1]):
            return []   # "the 13th East Asia Summit ... the 14th summit": the series named last before is another
        body = next(iter(self.gaz.lookup("ASEAN Summit", kinds=(C.Body,))), None)
        if body is None:
            return []
        return self._ordinal_sessions(seg, body, start, pos + head.end())   # "28th and 29th summits"

    def _own_sessions(self, seg: Segment, start: int, pos: int) -> list[Mention]:
        """Ordinals before a bare "meeting(s)" or "session(s)" that a body named before them in the
        sentence holds ("the X Commission (XC) convened its 40th Meeting in Y", "the X Council held
        their 5th and 6th meetings"): sessions of the last body named before "its" / "their"."""
        text = seg.text
        head = re.match(r"\s+(?:[Mm]eetings?|[Ss]essions?)\b(?!\s+(?:of|on|with)\b)", text[pos:])
        if head is None or not re.search(r"\b(?:[Ii]ts|[Tt]heir)\s+$", text[max(0, start - 8):start]):
            return []
        bodies = [ids for s, e, ids in self.gaz.scan(text[:start]) if any(self.kind(i) == C.Body for i in ids)]
        if not bodies:
            return []
        body = next(i for i in bodies[-1] if self.kind(i) == C.Body)
        return self._ordinal_sessions(seg, body, start, pos + head.end())   # "5th and 6th meetings"

    def _ordinal_sessions(self, seg: Segment, body: str, start: int, end: int) -> list[Mention]:
        """A session of ``body`` for each ordinal in ``seg.text[start:end]``, each mention from its ordinal
        to the next one, the last to ``end`` ("28th and 29th summits": "28th", "29th summits")."""
        text = seg.text
        ords = list(re.finditer(r"(\d{1,3})(?:st|nd|rd|th)\b", text[start:end]))
        out = []
        for i, x in enumerate(ords):
            n, a = int(x.group(1)), start + x.start()
            b = end if i == len(ords) - 1 else start + x.end()
            mid = self.gaz.meeting(body, n) or self._new_meeting(body, n)
            out.append(Mention(mid, C.Meeting, a + seg.offset, b + seg.offset, text[a:b], (body,),
                               data={P.ordinal: n, "body": body, "adverb": False}))
        return out

    def _series_and_pillars(self, seg: Segment) -> list[Mention]:
        """Bodies named without a number: a meeting series the text gives an acronym ("the ASEAN
        Education Ministers Meeting (ASED)", later "ASED"), and an ASEAN community pillar named
        in full ("the ASEAN Economic Community"; not inside a longer name such as its Blueprint)."""
        out = []
        text = seg.text
        for m in _MEETING_ACR_RE.finditer(text):
            body = self.meeting_acr.get(m.group("acr"))
            if body and not self.gaz.known(body):
                lead = re.match(r"(?:The|An?)\s+", m.group("name"))
                start = m.start("name") + (lead.end() if lead else 0)
                out.append(Mention(body, C.Body, start + seg.offset, m.end() + seg.offset, text[start:m.end()]))
        for acr, body in self.meeting_acr.items():
            if self.gaz.known(body):
                continue    # "ACCM": the acronym of a known council's meeting, not a name of the council
            for m in re.finditer(rf"(?<![\w\-+]){re.escape(acr)}(?![\w\-+])", text):
                out.append(Mention(body, C.Body, m.start() + seg.offset, m.end() + seg.offset, acr))
        for m in (*_UNKNOWN_SERIES_RE.finditer(text), *_UNKNOWN_FORUM_RE.finditer(text)):
            if re.search(r"\d(?:st|nd|rd|th)\s+(?:annual\s+)?$|[Ss]pecial\s+$|[Ii]nformal\s+$", text[:m.start()]):
                continue   # "the 3rd X Meeting", "the Special X Meeting": other rules' sessions
            name = " ".join(m.group(0).replace("’", "'").split())
            if self.gaz.lookup(name, kinds=(C.Body, C.Meeting)):
                continue
            bid = "body/" + slugify(name.replace("'", ""))
            if not self.gaz.known(bid):
                self.create(bid, C.Body)
                self._new_info.setdefault(bid, {"name": name})
            # tentative: kept only as the session a cue makes of it (_sessions_of_series)
            out.append(Mention(bid, C.Body, m.start() + seg.offset, m.end() + seg.offset, m.group(0),
                               data={"tentative": True}))
        for m in _PILLAR_RE.finditer(text):
            bid = self._pillar_body(" ".join(m.group(0).split()))
            out.append(Mention(bid, C.Body, m.start() + seg.offset, m.end() + seg.offset, m.group(0)))
        return out

    def _pillar_body(self, name: str) -> str:
        """The Body of an ASEAN Community pillar by its name: the gazetteer's, else a new one."""
        ids = self.gaz.lookup(name, kinds=(C.Body,))
        bid = ids[0] if ids else "body/" + slugify(name)
        if not ids and not self.gaz.known(bid):
            self.create(bid, C.Body)
            self._new_info.setdefault(bid, {"name": name})
        return bid

    def _pillar_list(self, seg: Segment) -> list[Mention]:
        """The pillars of the ASEAN Community named without "ASEAN" in a list of them ("three pillars,
        namely the Political and Security Community, the Economic Community and the Socio-Cultural
        Community"; entities.yaml's pillar_bare_names): a bare form is read only where the sentence names
        two pillars or more and no title-case word stands before it ("European Economic Community")."""
        text = seg.text
        found: list[tuple[str, re.Match[str]]] = []
        for name, rx in PILLAR_BARE_NAMES:
            for m in re.finditer(rf"\b(?:{rx})\b" + _PILLAR_RE.pattern[_PILLAR_RE.pattern.index("(?!"):], text):
                prev = re.search(r"(\S+)\s*$", text[:m.start()])
                if prev is None or not prev.group(1)[0].isupper() or prev.group(1)[-1] in ",;:":
                    found.append((name, m))
        named = {slugify(" ".join(p.group(0).split()).replace("ASEAN", "Asean").replace("Asean", "ASEAN"))
                 for p in _PILLAR_RE.finditer(text)}
        if len({slugify(n) for n, _ in found} | named) < 2:
            return []
        out = []
        for name, m in found:
            bid = self._pillar_body(name)
            out.append(Mention(bid, C.Body, m.start() + seg.offset, m.end() + seg.offset, m.group(0)))
        return out

    def _anniversary_summits(self, seg: Segment) -> list[Mention]:
        """A summit named for an anniversary of relations (_ANNIVERSARY_SUMMIT_RE): a Meeting of its year
        (the year the text gives, else the document's), named as written."""
        out = []
        for m in _ANNIVERSARY_SUMMIT_RE.finditer(seg.text):
            year = self.state.year or (int(self.ctx.date[:4]) if self.ctx.date else None)
            if year is None:
                continue
            if not re.search(r"(?:Friendship|Cooperation|Relations|Relationship|Partnership)$", m.group(0)):
                continue   # "... Friendship and Cooperation Gala Dinner": an event of its own
            name = " ".join(m.group(0).replace("’", "'").split())
            known = self.gaz.lookup(name, kinds=(C.Meeting,))
            mid = known[0] if known else f"meeting/{slugify(name)}-{year}"
            if not known and not self.gaz.known(mid):
                self.create(mid, C.Meeting)
                self._new_info.setdefault(mid, {P.name: f"{name} ({year})"})
            out.append(Mention(mid, C.Meeting, m.start() + seg.offset, m.end() + seg.offset, m.group(0)))
        return out

    def _known_names(self, seg: Segment) -> list[Mention]:
        """Names of ASEAN's own bodies and centres written without an acronym ("the ASEAN Centre for
        Energy", "ASEAN Plus One"), and the ASEAN-led mechanisms and international organisations of
        entities.yaml's ``known_names`` ("the European Union", "EU"). The graph's entity when it
        knows the name; else a new Body, or an Organisation for centres and institutions."""
        out = []
        text = seg.text
        for m in _KNOWN_NAME_RE.finditer(text):
            cls, name = _KNOWN_NAMES[m.group(0)]
            known = self.gaz.lookup(name) or self.gaz.lookup(m.group(0))
            eid = self._pick(known) if known else self._new_named(cls, name)
            out.append(Mention(eid, self.kind(eid), m.start() + seg.offset, m.end() + seg.offset, m.group(0)))
        for m in _ASEAN_NAME_RE.finditer(text):
            said = m.group(0)
            name = re.sub(r"^(?:ASEAN|Asean)[\s-]+", "ASEAN ", " ".join(said.split()))
            if DOC_HEAD_RE.search(name) or re.search(r"\b(?:Meeting|Summit|Conference)\b", name):
                continue
            known = self.gaz.lookup(name) or self.gaz.lookup(said)
            if known:
                eid = self._pick(known)
            else:
                org = any(re.search(rf"\b{re.escape(h)}\b", name) for h in ASEAN_ORGANISATION_HEADS)
                eid = self._new_named(C.Organization if org else C.Body, name)
            out.append(Mention(eid, self.kind(eid), m.start() + seg.offset, m.end() + seg.offset, said))
        return out

    def _new_named(self, cls: str, name: str) -> str:
        eid = {C.Organization: "org/", C.Post: "post/"}.get(cls, "body/") + slugify(name)
        if not self.gaz.known(eid):
            self.create(eid, cls)
            self._new_info.setdefault(eid, {"name": name})
        return eid

    def _ministries(self, seg: Segment) -> list[Mention]:
        """"Ministry of Foreign Affairs", "the Human Resources Ministry", "Thailand's Foreign Ministry",
        "Ministry of Defence Malaysia", "Ministry of Foreign Affairs of Japan": an Organisation, the
        state's when the text writes the state with it (before it, possessive or as a demonym, or
        after it). The mention keeps the state as written."""
        alt = _state_alt(self.gaz)
        out = []
        text = seg.text
        for rx in _MINISTRY_RES:
            for m in rx.finditer(text):
                start, end = m.start(), m.end()
                said_state = None
                if alt is not None:
                    before = re.search(rf"(?:\b(?P<s>{alt})['’]s?|\b(?P<d>{_DEMONYM_RE.pattern}))\s+$",
                                       text[max(0, start - 60):start])
                    after = re.match(rf"(?:\s+of\s+(?:the\s+)?|,?\s+)(?P<s>{alt})\b(?!['’])", text[end:])
                    if before:
                        said_state = before.group("s") or before.group("d")
                        start -= len(before.group(0))
                    elif after:
                        said_state = after.group("s")
                        end += after.end()
                said = text[start:end]
                core = " ".join(m.group(0).split())
                portfolio = re.sub(r"^Ministry\s+of\s+(?:the\s+)?|\s+Ministry$", "", core)
                role = role_of(f"Minister of {portfolio}")
                if not role:
                    continue
                state = self._state(said_state) if said_state else None
                known = self.gaz.lookup(said, kinds=(C.Organization,)) or self.gaz.lookup(core, kinds=(C.Organization,))
                defined = next((e for e, n in self.acronym_defs.values()
                                if slugify(n.replace("&", "and")) == slugify(core.replace("&", "and"))), None)
                if known or defined:
                    eid = defined or known[0]
                else:
                    rkey = role[0].removesuffix("-minister").removesuffix("minister")
                    sname = (self.name(state) or said_state or "") if state else ""
                    eid = "org/" + "-".join(x for x in (state.split("/", 1)[1] if state else "", "ministry", rkey) if x)
                    if not self.gaz.known(eid):
                        self.create(eid, C.Organization)
                        pname = role[1].split(" of ", 1)[1] if " of " in role[1] else portfolio
                        self._new_info.setdefault(eid, {"name": f"Ministry of {pname}"
                                                        + (f" of {sname}" if sname else "")})
                out.append(Mention(eid, C.Organization, start + seg.offset, end + seg.offset, said,
                                   (state,) if state else ()))
        return out

    def _acronym_numbered(self, seg: Segment) -> list[Mention]:
        """"AMMTC 14", "AMM-53": a body's acronym with the meeting's number after it."""
        out = []
        for m in _ACR_NUMBER_RE.finditer(seg.text):
            acr, n = m.group(1), int(m.group(2))
            body = self.meeting_acr.get(acr) or next(iter(self.gaz.lookup(acr, kinds=(C.Body,))), None)
            if body is None or n == 0:
                continue
            mid = self.gaz.meeting(body, n) or self._new_meeting(body, n)
            out.append(Mention(mid, C.Meeting, m.start() + seg.offset, m.end() + seg.offset, m.group(0), (body,),
                               data={P.ordinal: n, "body": body}))
        return out

    def _numbered_unknown_acronyms(self, seg: Segment, named: list[Mention]) -> list[Mention]:
        """"the 14th XMM", "the 16th XMME+3", "the 16th ASEAN XSOM Plus Three": a number before an acronym
        neither the graph nor the text defines is a session of the series the acronym names, when the
        acronym reads as a meeting's (an M in it: Meeting, Ministers) or carries ASEAN Plus Three's "+3".
        The series is new, named by its acronym (``body/<acronym>[-plus-three]``); in brackets right after
        a numbered meeting's name ("the 26th X Meeting (26th XM)") it is that meeting."""
        out = []
        text = seg.text
        for m in _ORDINAL_ACRONYM_RE.finditer(text):
            acr, plus, n = m.group("acr"), m.group("plus"), int(m.group("n"))
            if n == 0 or acr in self.meeting_acr or self.gaz.lookup(acr) or acr in _NOT_MEETING_ACRONYMS or \
                    not plus and "M" not in acr or re.match(r"\s+[A-Z]{2,}\b", text[m.end():]):
                continue    # (a heading in capitals: "THE 23RD MEETING OF ...")
            bracket = re.search(r"\(\s*$", text[:m.start()])
            if bracket:
                before = next((x for x in named if x.kind == C.Meeting and x.entity
                               and x.end - seg.offset == bracket.start()), None)
                if before is not None and before.data.get(P.ordinal) == n and not plus:
                    start = m.start("n")
                    out.append(Mention(before.entity, C.Meeting, start + seg.offset, m.end() + seg.offset,
                                       text[start:m.end()], before.parts, data=dict(before.data)))
                continue
            bid = f"body/{acr.lower()}{'-plus-three' if plus else ''}"
            if not self.gaz.known(bid):
                self.create(bid, C.Body)
                self._new_info.setdefault(bid, {"name": acr + (" Plus Three" if plus else ""),
                                                P.acronym: acr + ("+3" if plus else "")})
            mid = self.gaz.meeting(bid, n)
            if mid is None:
                mid = self._new_meeting(bid, n)
                self._new_info[mid]["name"] = f"{ordinal_suffix(n)} {acr}{'+3' if plus else ''}"   # as written
            start = m.start("n")
            out.append(Mention(mid, C.Meeting, start + seg.offset, m.end() + seg.offset, seg.text[start:m.end()],
                               (bid,), data={P.ordinal: n, "body": bid}))
        for m in _ACRONYM_NUMBER_RE.finditer(text):   # "AMME15", "AMMSTI-21": the number after the acronym
            acr, n = m.group("acr"), int(m.group("n"))
            if n == 0 or acr in _NOT_MEETING_ACRONYMS or "M" not in acr:
                continue
            known = self.meeting_acr.get(acr) or next(iter(self.gaz.lookup(acr, kinds=(C.Body,))), None)
            bid = known or f"body/{acr.lower()}"
            if not self.gaz.known(bid) and bid not in self.out.created:
                self.create(bid, C.Body)
                self._new_info.setdefault(bid, {"name": acr, P.acronym: acr})
            mid = self.gaz.meeting(bid, n)
            if mid is None:
                mid = self._new_meeting(bid, n)
                if not known:
                    self._new_info[mid]["name"] = f"{ordinal_suffix(n)} {acr}"
            out.append(Mention(mid, C.Meeting, m.start() + seg.offset, m.end() + seg.offset, m.group(0),
                               (bid,), data={P.ordinal: n, "body": bid}))
        return out

    def _meeting_acronyms(self) -> dict[str, str]:
        """Acronyms the text gives a meeting series ("the ASEAN Education Ministers Meeting (ASED)")."""
        out: dict[str, str] = {}
        for m in (*_MEETING_ACR_RE.finditer(self.text), *_MEETING_ACR_INSIDE_RE.finditer(self.text)):
            acr = m.group("acr")
            if acr in out or self.gaz.lookup(acr):
                continue
            words = self._phrase(re.sub(r"^(?:The|An?)\s+", "", m.group("name")) + (
                " Meeting" if "tail" in m.groupdict() else ""), 0)
            found = self._match_body(words) if words else None
            if found:
                out[acr] = found[0]
        return out

    def _drop_adverbial_ordinals(self) -> None:
        """"This is the first ASCC Council Meeting hosted by ...": a lower-case ordinal word is no
        meeting number when the text numbers a meeting of that body in digits."""
        numbered: dict[str, set[int]] = {}
        for seg in self.segments:
            for m in seg.mentions:
                if m.kind == C.Meeting and m.entity and P.ordinal in m.data and not m.data.get("adverb"):
                    numbered.setdefault(str(m.data["body"]), set()).add(int(str(m.data[P.ordinal])))
        for seg in self.segments:
            for m in seg.mentions:
                if m.data.get("adverb") and numbered.get(str(m.data["body"]), set()) - {m.data[P.ordinal]}:
                    m.entity = ""

    def _meeting_ordinal_name(self, mid: str) -> tuple[int | None, str]:
        """A meeting's number and name (the graph's, or those the extractor gave a new one)."""
        info = self._new_info.get(mid)
        if mid in self.out.created and info is not None:
            ordinal = info.get(P.ordinal)
            return (int(str(ordinal)) if ordinal is not None else None), str(info.get(P.name, ""))
        known = self.gaz.meetings.get(mid)
        return (known.ordinal if known else None), self.name(mid)

    def _merge_variant_meetings(self) -> None:
        """One session written two ways in a text ("the 18th Ministerial Meeting on Transnational Crime"
        in a title, "the 18th ASEAN Ministerial Meeting on Transnational Crime" in the body; "the 53rd
        Association of Southeast Asian Nations Foreign Ministers' Meeting" and "the 53rd ASEAN Foreign
        Ministers' Meeting"; "Transnational Crimes"): a new meeting whose name is another's of the same
        number without "ASEAN", with ASEAN spelt out, or with a plural, is that meeting (the graph's first)."""
        ids = dict.fromkeys(m.entity for seg in self.segments for m in seg.mentions
                            if m.kind == C.Meeting and m.entity)
        keys: dict[str, tuple[int, tuple[str, ...]]] = {}
        for mid in ids:
            ordinal, name = self._meeting_ordinal_name(mid)
            if ordinal is None or not name:
                continue
            plain = re.sub(r"association\s+of\s+(?:the\s+)?southeast\s+asian\s+nations", "asean",
                           name.casefold().replace("’", "'"))
            words = [re.sub(r"(?<=\w{3})s$", "", w) for w in re.findall(r"[a-z0-9]+", plain.replace("'s", ""))]
            keys[mid] = (ordinal, tuple(w for w in words if w not in ("the", "asean")))
        remap: dict[str, str] = {}
        for a in ids:
            if a not in keys or a not in self.out.created:
                continue
            for b in ids:
                if b == a or b not in keys or b in remap or keys[b] != keys[a]:
                    continue
                _, aname = self._meeting_ordinal_name(a)
                _, bname = self._meeting_ordinal_name(b)
                # the graph's meeting, else the name written with "ASEAN" (then the shorter id)
                rank_a = (self.gaz.known(a), bool(re.search(r"\bASEAN\b", aname, re.I)), -len(a), a)
                rank_b = (self.gaz.known(b), bool(re.search(r"\bASEAN\b", bname, re.I)), -len(b), b)
                if rank_b > rank_a:
                    remap[a] = b
                    break
        if not remap:
            return
        for seg in self.segments:
            for m in seg.mentions:
                if m.entity in remap:
                    m.entity = remap[m.entity]

    def _phrase(self, text: str, pos: int) -> list[tuple[str, int, int]]:
        """Capitalised words from ``pos`` (with connectors and parenthesised acronyms)."""
        words: list[tuple[str, int, int]] = []
        # (ASEAN spelt out in brackets: "the 55th ASEAN (the Association of Southeast Asian Nations) X Meeting")
        rx = re.compile(r"\s*(\((?:the\s+)?Association\s+of\s+Southeast\s+Asian\s+Nations\)|\([^()]{1,40}\)|"
                        r"[A-Z][\w'’\-+&]*|of|on|and|for|the|&|(?<=Parties )to(?= the )|"
                        r"(?<=[A-Za-z’')] )(?:meetings?|summits?)\b)")
        while len(words) < 18:
            m = rx.match(text, pos)
            if not m:
                break
            w = m.group(1)
            if words and w.lower() in ("on", "of", "for", "and") and w != w.lower():
                w = w.lower()   # a headline's or an all-capitals title: "Meeting On Environment"
            if w in CONNECTORS:
                nxt = rx.match(text, m.end())
                if nxt and _MONTH_OR_DAY_RE.fullmatch(nxt.group(1)):
                    break   # "the X Summit on Thursday", "the X Meeting on June 20": a day, not the name's subject
                # "Meeting on the Environment", "Conference of the Parties to the Convention"
                if nxt and w in ("on", "of", "for", "to") and nxt.group(1) == "the":
                    after = rx.match(text, nxt.end())
                    if after and after.group(1)[:1].isupper() and not after.group(1).startswith("("):
                        words.append((w, m.start(1), m.end(1)))
                        pos = m.end()
                        continue
                if not nxt or nxt.group(1) in CONNECTORS or nxt.group(1).startswith("("):
                    break
            words.append((w, m.start(1), m.end(1)))
            pos = m.end()
            # a subject that lists several fields ("Meeting on Science, Technology and Innovation"):
            # the comma joins the next field when "and" closes the list
            if any(x in ("on", "for") for x, _, _ in words[1:]) and _SUBJECT_LIST_RE.match(text, pos):
                words[-1] = (words[-1][0] + ",", words[-1][1], pos + 1)
                pos += 1
        while words and words[-1][0] in CONNECTORS:
            words.pop()
        return words

    def _match_body(self, words: list[tuple[str, int, int]], of: bool = False,
                    head: str = "") -> tuple[str, int, bool] | None:
        """The body a phrase names (longest prefix), how many words it used, and whether it is new.
        A known name with more words and a meeting word after it names another series ("East Asia
        Summit Foreign Ministers' Meeting" is not the East Asia Summit); after "Meeting of" the
        whole title-case phrase is the series ("Meeting of the ASEAN Ministers on Agriculture and
        Forestry (AMAF)")."""
        if words and words[0][0] in self.meeting_acr:
            return self.meeting_acr[words[0][0]], 1, not self.gaz.known(self.meeting_acr[words[0][0]])
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
                    rest = [w for _, w in plain[n:]]
                    longer = rest and rest[0] not in CONNECTORS and (
                        of or len(rest) >= 2 and rest[0].lower() not in MEETING_HEADS
                        and any(w.lower() in _SERIES_HEADS for w in rest[1:]))
                    # "ASEAN Ministerial Meeting on the Environment" is not the ASEAN Ministerial Meeting
                    longer = longer or var[-1].lower() in _SERIES_HEADS and _on_subject(rest, var[-1].isupper())
                    if not longer:
                        return ids[0], plain[n - 1][0] + 1, False
                    break
            else:
                continue
            break
        else:
            summit = self._organisation_summit(plain)
            if summit:
                return summit
            fuzzy = self._fuzzy_body([w for _, w in plain])
            if fuzzy:
                return fuzzy
        # An unknown body: a title-case phrase that ends in a meeting word (the last one before
        # "and Related ..."), with "on ..." or "Plus Three" after it; after "Meeting of", the phrase.
        upto = next((k for k, (_, w) in enumerate(plain) if w == "and" and k + 1 < len(plain)
                     and plain[k + 1][1].lower() == "related"), len(plain))
        heads = [k for k, (_, w) in enumerate(plain[:upto]) if w.lower() in MEETING_HEADS | _SERIES_HEADS]
        first_bracket = next((i for i, (w, _, _) in enumerate(words) if w.startswith("(")), len(words))
        if of and plain and plain[0][0] < first_bracket:
            k = max(j for j, (i, _) in enumerate(plain) if i < first_bracket)
        elif heads:
            k = heads[0]   # a later meeting word with no "and" before it ends the name
            for h in heads[1:]:
                if any(w == "and" for _, w in plain[k:h]):
                    break
                k = h
            nxt = plain[k + 1][1] if k + 1 < len(plain) else ""
            if nxt == "of" and plain[k][1] == "Assembly" and k + 2 < upto:
                k = upto - 1   # "the 37th General Assembly of AIPA": the assembly is the organisation's
            elif nxt in ("on", "Plus", "for") and plain[k][0] < first_bracket < len(words):
                k = max(j for j, (i, _) in enumerate(plain) if i < first_bracket)
            elif _on_subject([w for _, w in plain[k + 1:upto]], plain[k][1].isupper()):
                k = upto - 1   # "... Meeting on the Environment": the subject ends the name
        else:
            return None
        while k > 0 and plain[k][1] in CONNECTORS:
            k -= 1
        name_words = [w for _, w in plain[:k + 1]]
        if name_words[-1].lower() in ("meetings", "summits"):
            name_words[-1] = name_words[-1][:-1]
        name_words[-1] = name_words[-1][0].upper() + name_words[-1][1:]
        if len(name_words) < 2 or name_words[0] in CONNECTORS:
            return None
        if name_words[0].lower() == "anniversary" and name_words[-1].lower() not in ("summit", "meeting", "conference"):
            return None   # "the 50th Anniversary of ASEAN-Ruritania Dialogue Relations": an age, not a session
        name = " ".join(name_words)
        # the series' acronym: a bracket right after its name ("... Forestry (the 42nd AMAF)")
        bracket = next((w[1:-1] for w, _, _ in words[plain[k][0] + 1:plain[k][0] + 2] if w.startswith("(")), None)
        acr = bracket.split()[-1] if bracket and re.fullmatch(r"[A-Z][A-Za-z+\-]*[A-Z+]", bracket.split()[-1]) else None
        known = self._series(name, head.split()[0]) if of else None
        council = re.fullmatch(r"([A-Z]{2,6}) Meeting", name)   # "the 28th APSC Meeting": the APSC Council's
        if council:
            known = next(iter(self.gaz.lookup(council.group(1) + " Council", kinds=(C.Body,))), None)
        if known:
            return known, plain[k][0] + 1, False
        bid = "body/" + slugify(name + (" " + head.split()[0] if of else ""))
        if not self.gaz.known(bid):
            self.create(bid, C.Body)
            self._new_info.setdefault(bid, {"name": name, P.acronym: acr, "of": head if of else ""})
        if acr and acr not in self.meeting_acr:
            self.meeting_acr[acr] = bid
        return bid, plain[k][0] + 1, not self.gaz.known(bid)

    def _organisation_summit(self, plain: list[tuple[int, str]]) -> tuple[str, int, bool] | None:
        """"The 38th and 39th Association of Southeast Asian Nations (ASEAN) summits": an
        organisation's name and a meeting word name its summit or meeting series (the "ASEAN Summit")."""
        for n in range(len(plain) - 1, 0, -1):
            head = plain[n][1].lower().rstrip("s")
            if head not in ("summit", "meeting"):
                continue
            orgs = self.gaz.lookup(" ".join(w for _, w in plain[:n]), kinds=(C.Organization,))
            for org in orgs[:1]:
                ent = self.gaz.get(org)
                for label in sorted(ent.labels if ent else ()):
                    ids = self.gaz.lookup(f"{label} {head.capitalize()}", kinds=(C.Body,))
                    if ids:
                        return ids[0], plain[n][0] + 1, False
        return None

    def _fuzzy_body(self, words: list[str]) -> tuple[str, int, bool] | None:
        from rapidfuzz import fuzz, process

        bodies = _body_choices(self.gaz)
        if not bodies or len(words) < 3:
            return None
        for n in range(len(words), 2, -1):
            q = " ".join(norm_key(" ".join(words[:n])))
            hit = process.extractOne(q, list(bodies), scorer=fuzz.ratio, score_cutoff=93)
            # a spelling apart, not a word more or less ("ASEAN Senior Officials' Meeting" is not
            # the "ASEAN Senior Law Officials' Meeting")
            if hit and not (set(q.split()) <= set(hit[0].split()) or set(hit[0].split()) <= set(q.split())):
                return bodies[hit[0]], n, False
        return None

    def _body_is_meeting(self, body: str, new: bool) -> bool:
        name = self.name(body) or self._new_info.get(body, {}).get("name", "")
        return bool(re.search(r"\b(?:Meeting|Summit|Council|Forum|Conference|Retreat)\b", name)) or new

    def _name_as_written(self, mid: str, n: int, written: str) -> None:
        """A new numbered meeting of a series the graph does not know is named as the text first writes
        it, without the acronym in brackets after it ("the 14th ASEAN Forum on Migrant Labour (AFML)" is
        the "14th ASEAN Forum on Migrant Labour", not a "... Forum Meeting"; "the 20th Meeting of the
        Conference of the Parties to the X Agreement" keeps "Meeting of"), when every word of it after the
        ordinal is a name's; the ordinal in figures ("the Fifth Conference of X" is the "5th Conference
        of X")."""
        self._named_as_written.add(mid)
        name = " ".join(re.sub(r"\s*\([^()]*\)\s*$", "", written).split())
        words = ["the" if w == "The" else w for w in name.split()[1:]]   # "Meeting of The X"
        if len(words) >= 2 and words[-1][:1].isupper() and all(
                w[:1].isupper() or w[:1].isdigit() or w in ("of", "on", "for", "and", "the", "to", "in", "&")
                for w in words):
            self._new_info[mid]["name"] = " ".join([ordinal_suffix(n), *words])

    def _new_meeting(self, body: str, n: int) -> str:
        mid = f"meeting/{body.split('/', 1)[1]}-{n}"
        if not self.gaz.known(mid):
            self.create(mid, C.Meeting)
            bname = self.name(body) or self._new_info.get(body, {}).get("name", body)
            label = bname if re.search(r"\b(?i:Meeting|Summit|Retreat|Consultation|Conference)\b", bname) else \
                f"{self._new_info[body]['of']} {bname}" if self._new_info.get(body, {}).get("of") \
                else bname + " Meeting"
            self._new_info.setdefault(mid, {"name": f"{ordinal_suffix(n)} {label}", P.meetingOf: body,
                                            P.ordinal: n})
        return mid

    # dates and states the gazetteer lacks ---------------------------------
    def _dates(self, seg: Segment) -> list[Mention]:
        """Every date the sentence gives (as a ``date:<iso>`` mention; not an entity of the graph:
        a meeting's date becomes a fact by the held-on rule). A year alone ("in 2019") is no date
        the text gives; a day and month whose year the text never states is partial (``--MM-DD``)."""
        out = []
        for d in find_dates(seg.text, self.state.year, seg.offset):
            if len(d.value) == 4 and not d.until:
                continue
            value = f"{d.value}/{d.until}" if d.until else d.value
            said = seg.text[d.start - seg.offset:d.end - seg.offset]
            if len(d.value) == 10 and not re.search(r"\d{4}", said) and not self._year_stated():
                value = "/".join("--" + v[5:] for v in value.split("/"))
            out.append(Mention("date:" + value, "Date", d.start, d.end, said))
        for m in _ISO_DATE_RE.finditer(seg.text):   # 2021-08-02, 11/07/2025
            y, mo, day = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(6), m.group(5), m.group(4))
            if not (1 <= int(mo) <= 12 and 1 <= int(day) <= 31) or m.end() + seg.offset <= self.stamp_end:
                continue
            out.append(Mention(f"date:{y}-{int(mo):02d}-{int(day):02d}", "Date", m.start() + seg.offset,
                               m.end() + seg.offset, m.group(0)))
        return out

    def _year_stated(self) -> bool:
        """Whether the text itself gives the year dates without one take (a year range such as
        "2016-2025" does not count: it names a period, not the year of an event)."""
        if "year_stated" not in self._memo:
            year = str(self.state.year) if self.state.year else None
            plain = re.sub(_YEAR + r"\s*[-–]\s*" + _YEAR, " ", self.text)
            self._memo["year_stated"] = bool(year and re.search(rf"\b{year}\b", plain))
        return bool(self._memo["year_stated"])

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
        for m in _DEMONYM_RE.finditer(seg.text):   # "a Vietnamese delegation" names Viet Nam
            state = self._state(m.group(0))
            if state:
                out.append(Mention(state, self.kind(state), m.start() + seg.offset, m.end() + seg.offset, m.group(0)))
        return out

    # posts without their state, chairmanships, names defined by an acronym, datelines ------
    def _bare_posts(self, seg: Segment) -> list[Mention]:
        """A post written without its state before a name ("Deputy Prime Minister and Foreign
        Minister Pham Binh Minh", "Senior Minister Prak Sokhonn") or after one ("X, Deputy Prime
        Minister and Minister of Foreign Affairs and International Cooperation, said"). The state is
        settled once every sentence is read (:meth:`_resolve_bare_posts`)."""
        text = seg.text
        out = []
        for m in _BARE_RE.finditer(text):
            after = re.match(r"[\s,]*(?:" + HONORIFICS_RE.pattern + rf")?\s*({_UP}{_LO}+|[A-Z]\.(?=\s*[A-Z][a-z]))",
                             text[m.end():])
            named_after = after is not None and after.group(1).lower() not in NAME_STOP and \
                not (after.group(0).startswith(",") and not HONORIFICS_RE.match(after.group(0).lstrip(", ")))
            apposition = re.search(rf"(?:{_UP}{_LO}+|{_UP}{{3,}}),\s*(?:the\s+)?$", text[:m.start()])   # "Jane ROE, "
            if not (named_after or apposition):
                continue
            if _words_in_front(text[:m.start()]):
                continue   # "Communications Office Undersecretary X": a post the role table cannot name
            pieces = list(re.finditer(ROLE_RE, m.group(0))) or [m]
            for piece in pieces:
                said = piece.group(0)
                role = role_of(said) or next((v for k, v in BARE_TITLE_ROLES.items() if said.startswith(k)), None)
                if role is None:
                    continue
                start = m.start() + (piece.start() if piece is not m else 0)
                out.append(Mention("", C.Post, start + seg.offset, start + len(said) + seg.offset, said,
                                   data={"bare": True, "key": role[0], "display": role[1]}))
        return out

    def _resolve_bare_posts(self) -> None:
        """The state of a post written without one: the post the graph knows the person holds in
        that role, else the state of the person's known posts, else a state the sentence names by
        its demonym ("led a Vietnamese delegation"). Otherwise the post is the person's own,
        without a state (``post/<person>-<role>``): no state is guessed. A post of that role the text
        itself gives the person with its state elsewhere ("Japanese Prime Minister X" ... "Prime Minister
        X") is that post."""
        own: dict[str, list[str]] = {}   # person -> posts the text writes with their state right before the name
        for seg in self.segments:
            for a, b in zip(seg.mentions, seg.mentions[1:], strict=False):
                if a.kind == C.Post and a.entity and a.parts and b.kind == C.Person and b.entity and \
                        re.fullmatch(r"[\s,]*(?:" + HONORIFICS_RE.pattern + r")?\s*",
                                     seg.text[a.end - seg.offset:b.start - seg.offset]):
                    own.setdefault(b.entity, []).append(a.entity)
        for seg in self.segments:
            for i, m in enumerate(seg.mentions):
                if not m.data.get("bare") or m.entity:
                    continue
                key, display = str(m.data["key"]), str(m.data["display"])
                person = self._holder(seg, i)
                if person is None:
                    continue
                held = sorted(self.gaz.holds.get(person, ()))
                pid = next((h for h in held if (role_of(self.name(h)) or ("",))[0] == key), None)
                states = {self.gaz.post_in[h] for h in held if h in self.gaz.post_in}
                # not the state of "his Vietnamese counterpart": the other person's
                demonyms = {x.entity for x in seg.mentions if x.kind in (C.MemberState, C.Country) and x.entity
                            and x.text in DEMONYMS and not _COUNTERPART_RE.match(seg.text, x.end - seg.offset)}
                state = next(iter(states)) if len(states) == 1 else next(iter(demonyms)) if len(demonyms) == 1 \
                    else None
                if state is None:
                    state = self._state_after(seg, i)
                    if state:   # the post is written up to its state ("Minister of Trade from the Republic of X")
                        nxt = seg.mentions[i + 1]
                        m.data.update(state_start=nxt.start, state_end=nxt.end)
                        m.text = seg.text[m.start - seg.offset:nxt.end - seg.offset]
                        m.end = nxt.end
                if state is None:
                    state = self._state_after_holder(seg, person)
                if pid is None and state is None:
                    pid = next((p for p in own.get(person, ()) if p.endswith("-" + key)), None)
                if pid is None and state:
                    pid = self._post(state, (key, display))
                if pid is None:
                    pid = f"post/{person.split('/', 1)[1]}-{key}"
                    if not self.gaz.known(pid):
                        self.create(pid, C.Post)
                        self._new_info.setdefault(pid, {"name": display})
                m.entity = pid
                m.parts = (state,) if state else ()

    def _state_after(self, seg: Segment, i: int) -> str | None:
        """The state written right after a post without one ("Minister of Trade from the Republic
        of X,", "acting Minister for Health (Hospitals), X.", "Union Minister at X's Health
        Ministry"): the next mention is the state, or a ministry named with its state's possessive."""
        ms = seg.mentions
        if i + 1 >= len(ms) or not ms[i + 1].entity:
            return None
        nxt = ms[i + 1]
        gap = seg.text[ms[i].end - seg.offset:nxt.start - seg.offset]
        if nxt.kind in (C.MemberState, C.Country):
            if not _STATE_AFTER_RE.fullmatch(gap):
                return None
            rest = seg.text[nxt.end - seg.offset:]
            # the apposition ends at the state: punctuation, or the sentence's verb ("..., Thailand as the
            # Chair", "..., Kingdom of X serves as the Chairman"); not a list ("Thailand and Malaysia")
            return nxt.entity if re.match(r"\s*(?:[,.;:)]|$)|\s+(?!and\b|or\b|nor\b)[a-z]+\b", rest) else None
        poss = re.match(r"(.+?)['’]s?\s", nxt.text)
        if nxt.kind == C.Organization and poss and re.fullmatch(r"\s+(?:at|in)\s+", gap):
            return self._state(poss.group(1))
        return None

    def _state_after_holder(self, seg: Segment, person: str) -> str | None:
        """The state written right after the holder's name ("Prime Minister X of the Republic of
        Y", "Trade Minister X from Y,"): a state mention after "of"/"from", not the start of a
        longer name ("of Y's ruling party", "of Y Airways")."""
        ms = seg.mentions
        for j, pm in enumerate(ms[:-1]):
            if pm.entity != person or pm.kind != C.Person:
                continue
            nxt = ms[j + 1]
            if nxt.kind not in (C.MemberState, C.Country) or not nxt.entity:
                continue
            gap = seg.text[pm.end - seg.offset:nxt.start - seg.offset]
            rest = seg.text[nxt.end - seg.offset:]
            if re.fullmatch(r"\s+(?:of|from)\s+(?:the\s+)?(?:(?:Kingdom|Republic|Socialist\s+Republic|Democratic\s+"
                            r"Republic|Sultanate|Union|State)\s+of\s+(?:the\s+)?)?", gap) and \
                    not re.match(r"['’]|\s+[A-Z]", rest):
                return nxt.entity
        return None

    def _holder(self, seg: Segment, i: int) -> str | None:
        """The person a post at ``seg.mentions[i]`` belongs to: the name after it (over other posts
        joined by "and"), else the name before it and a comma."""
        ms = seg.mentions
        j = i + 1
        while j < len(ms) and ms[j].kind == C.Post and \
                re.fullmatch(r"\s*(?:,|and|&)?\s*", seg.text[ms[j - 1].end - seg.offset:ms[j].start - seg.offset]):
            j += 1
        if j < len(ms) and ms[j].kind == C.Person and ms[j].entity and \
                re.fullmatch(r"[\s,]*(?:" + HONORIFICS_RE.pattern + r")?[\s,]*",
                             seg.text[ms[j - 1].end - seg.offset:ms[j].start - seg.offset]):
            return ms[j].entity
        k = i - 1
        while k >= 0 and ms[k].kind == C.Post:
            k -= 1
        if k >= 0 and ms[k].kind == C.Person and ms[k].entity and \
                re.fullmatch(r"\s*,\s*(?:the\s+)?(?:\S+\s+){0,12}?",
                             seg.text[ms[k].end - seg.offset:ms[i].start - seg.offset]):
            return ms[k].entity
        return None

    def _inner_mentions(self, seg: Segment) -> list[Mention]:
        """States written inside a post ("Thailand's" in "Thailand's Prime Minister"), topics and
        titles inside a document's title ("Declaration on Combating Trafficking in Persons", "Protocol
        to Amend the ASEAN Trade in Goods Agreement"): mentions of their own for the document, added
        after the rules (which read the post or title as one)."""
        out = list(seg.inner)
        for m in seg.inner:
            if m.entity in self.out.created:
                self._describe(seg, m.entity)
            if m.kind != C.Topic:
                self.fact(seg, DOC, P.mentions, m.entity)
        for m in seg.mentions:
            start, end = m.data.get("state_start"), m.data.get("state_end")
            if isinstance(start, int) and isinstance(end, int) and m.parts:
                state = m.parts[0]
                out.append(Mention(state, self.kind(state), start, end, self._slice(seg, start, end)))
                if m.kind == C.Post and start == m.start and end < m.end:
                    # "Ruritania's Foreign Minister": "Foreign Minister" names the post too (the role
                    # as a later sentence or another writer would give it)
                    role = self._slice(seg, end, m.end)
                    lead = len(role) - len(role.lstrip())
                    if role.strip() and role.strip()[0].isupper():
                        out.append(Mention(m.entity, C.Post, end + lead, m.end, role.strip()))
        return out

    def _chairmanships(self, seg: Segment) -> list[Mention]:
        """"ASEAN Chairmanship in 2019", "the Chair of ASEAN for 2024", "the 2015 ASEAN Chairman",
        "Malaysia's 2025 chairmanship": the ASEAN Chairmanship of that year (of the year the
        sentence gives, else the document's), when the graph has it or the state is written before."""
        text = seg.text
        out = []
        for rx in _CHAIR_RES:
            for m in rx.finditer(text):
                given = [g for g in (m.groupdict().get(y) for y in ("y1", "y2", "y3")) if g]
                years = {int(y) for y in re.findall(r"\b(" + _YEAR + r")\b", text)}
                year = int(given[0]) if given else next(iter(years)) if len(years) == 1 else \
                    None if years else self.state.year
                if year is None:
                    continue
                cid = f"chairmanship/{year}"
                if not self.gaz.known(cid):
                    owner = re.search(r"((?:[A-Z][\w\-]*\s+){0,3}[A-Z][\w\-]+)['’]s?\s+$", text[:m.start()])
                    words = owner.group(1).split() if owner else []
                    # the state is the last words of the capitalised run ("Officials of Viet Nam's")
                    state = next((st for k in range(len(words)) if (st := self._state(" ".join(words[k:])))), None)
                    if state is None or self.kind(state) != C.MemberState:
                        continue
                    self.create(cid, C.Chairmanship)
                    self._new_info.setdefault(cid, {P.name: f"ASEAN Chairmanship {year}", P.year: year,
                                                    P.chairState: state})
                out.append(Mention(cid, C.Chairmanship, m.start() + seg.offset, m.end() + seg.offset, m.group(0)))
        return out

    def _acronym_definitions(self) -> dict[str, tuple[str, str]]:
        """Names the text defines with an acronym after them ("the International Organization for
        Migration (IOM)", "ASEAN Plus Three (APT)"): acronym -> (entity, name). A known name is
        its entity; a new one is an Organisation, or a Body when it is ASEAN's or a summit or forum.
        An acronym the gazetteer already knows keeps its meaning."""
        out: dict[str, tuple[str, str]] = {}
        for a in _ACRONYM_RE.finditer(self.text):
            acr = a.group(1)
            if acr in out or self.gaz.lookup(acr):
                continue
            words = list(_NAME_WORD_RE.finditer(self.text[max(0, a.start() - 160):a.start()]))
            name = self._defined_name(words, acr)
            if not name:
                continue
            eid = self._defined_entity(name, acr)
            if eid:
                out[acr] = (eid, name)
        return out

    @staticmethod
    def _defined_name(words: list[re.Match[str]], acr: str) -> str | None:
        """The shortest run of title-case words before an acronym that it abbreviates."""
        letters = [c for c in acr if c.isupper()]
        run: list[str] = []
        for w in reversed(words[-12:]):
            run.insert(0, w.group(0))
            first = run[0]
            if first in CONNECTORS or first in (",", "in") or first[0] != letters[0]:
                continue
            # initials: a word in capitals gives all its letters, "Political-Security" gives P and S
            seq = "".join(x if x.isupper() else "".join(p[0] for p in x.split("-") if p and p[0].isupper())
                          for x in run)
            k = 0
            for c in seq:
                if k < len(letters) and c == letters[k]:
                    k += 1
            if k >= max(2, 0.6 * len(letters)):
                return " ".join(run).replace(" ,", ",")
        return None

    def _defined_entity(self, name: str, acr: str) -> str | None:
        known = self.gaz.lookup(name)
        if known:
            return self._pick(known)
        words = name.replace(",", "").split()
        if DOC_HEAD_RE.search(name) or words[-1].lower() in ("meeting", "meetings", "retreat", "conference",
                                                              "session", "dialogue") or words[-1] in GROUP_HEADS:
            return None   # ... or a group of states or people ("ASEAN Member States (AMS)")
        def has(heads: tuple[str, ...]) -> bool:
            return any(re.search(rf"\b{re.escape(h)}\b", name) for h in heads)
        asean = any(w in ASEAN_MARKERS or w.split("-")[0] in ASEAN_MARKERS for w in words)
        if asean and has(ASEAN_ORGANISATION_HEADS):
            cls, eid = C.Organization, "org/" + slugify(name)   # "ASEAN Centre for Energy (ACE)"
        elif asean and (has(BODY_HEADS) or has(ORGANISATION_HEADS) or words[0] in ASEAN_MARKERS):
            cls, eid = C.Body, "body/" + slugify(name)
        elif words[-1] in ("Summit", "Forum") or has(ORGAN_WORDS):
            cls, eid = C.Body, "body/" + slugify(name)
        elif has(ORGANISATION_HEADS):
            cls, eid = C.Organization, "org/" + slugify(name)
        else:
            return None
        if not self.gaz.known(eid):
            self.create(eid, cls)
            self._new_info.setdefault(eid, {"name": name, P.acronym: acr})
        return eid

    def _defined_names(self, seg: Segment) -> list[Mention]:
        """Mentions of the names the text defines with an acronym, and of the acronyms."""
        if not self.acronym_defs:
            return []
        rx = self._memo.get("defined_re")
        if rx is None:
            alts = sorted({re.escape(n).replace(r"\ ", r"\s+") for _, n in self.acronym_defs.values()}
                          | {re.escape(a) for a in self.acronym_defs}, key=len, reverse=True)
            rx = self._memo["defined_re"] = re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])")
        by_name = {" ".join(n.split()): e for e, n in self.acronym_defs.values()}
        out = []
        for m in rx.finditer(seg.text):
            said = m.group(0)
            eid = self.acronym_defs[said][0] if said in self.acronym_defs else by_name.get(" ".join(said.split()))
            if eid:
                out.append(Mention(eid, self.kind(eid), m.start() + seg.offset, m.end() + seg.offset, said))
        return out

    def _city_of_state(self, seg: Segment) -> list[Mention]:
        """A place the graph lacks written with its state after "in" or "at" ("held in Siem Reap,
        the Kingdom of Cambodia", "in Glasgow, United Kingdom"): a new City (not a province or island
        of ``not_cities``, not a venue, nothing the graph knows as something else)."""
        alt = _state_alt(self.gaz)
        if alt is None:
            return []
        c = _cache(self.gaz)
        if "city_of_state" not in c:
            c["city_of_state"] = re.compile(
                r"\b(?:in|at)\s+(?P<city>[A-Z][a-z'’\-]+(?:\s+[A-Z][a-z'’\-]+){0,2}),\s+(?:the\s+)?"
                r"(?:(?:Kingdom|Republic|Socialist\s+Republic|Sultanate|State)\s+of\s+(?:the\s+)?)?"
                rf"(?:{alt})\b(?![\w'’-])")
        out = []
        for m in c["city_of_state"].finditer(seg.text):
            name = m.group("city")
            if not_a_city(name) or COUNTRY_RE.fullmatch(name) or self.gaz.lookup(name) or \
                    name.split()[0].lower() in NAME_STOP or name.split()[0] in DEMONYMS or DOC_HEAD_RE.search(name) or \
                    re.search(r"\b(?:Centre|Center|Hall|Hotel|Palace|Building|Complex|Resort|House|University)$", name):
                continue
            eid = "place/" + slugify(name)
            if not self.gaz.known(eid):
                self.create(eid, C.City)
                self._new_info.setdefault(eid, {"name": name})
            out.append(Mention(eid, C.City, m.start("city") + seg.offset, m.end("city") + seg.offset, name))
        return out

    def _dateline_city(self, seg: Segment) -> list[Mention]:
        """The city of a dateline in capitals ("GEORGE TOWN, Feb 26 –"): the known place, else a new
        City."""
        if seg.start is None or seg.start > 400 or any(x.start is not None and x.start < seg.start and
                                                       x.end is not None and x.end - x.start > 200
                                                       for x in self.segments):
            return []
        m = _DATELINE_RE.match(seg.text)
        if not m or not re.search(r"\d|\(|–|—", seg.text[m.end("city"):m.end("city") + 40]):
            return []
        said = m.group("city")
        name = " ".join(w.capitalize() for w in said.split())
        if not_a_city(name):
            return []     # "PULAU PINANG, 26 February": a state or island, not a city
        if {w.lower() for w in said.split()} & _HEADING_WORDS:
            return []     # a heading in capitals ("MINISTERIAL MEETING ON YOUTH (XM)", "ON SCIENCE, ...")
        ids = self.gaz.lookup(name, kinds=(C.City, C.Place, C.Venue, C.MemberState))
        if not ids and self.gaz.lookup(said):
            return []     # an acronym or an organisation in capitals, not a city
        if ids:
            eid = ids[0]
        else:
            eid = "place/" + slugify(name)
            if not self.gaz.known(eid):
                self.create(eid, C.City)
                self._new_info.setdefault(eid, {"name": name})
        return [Mention(eid, self.kind(eid) or C.City, m.start("city") + seg.offset, m.end("city") + seg.offset, said)]

    def _more_cities(self, seg: Segment) -> list[Mention]:
        """Cities of entities.yaml's list the graph lacks ("Siem Reap", "New Delhi", "Naypyidaw"):
        the graph's place when it has the name, else a new City."""
        out = []
        for m in _MORE_CITIES_RE.finditer(seg.text):
            name = MORE_CITIES[m.group(0)]
            ids = self.gaz.lookup(name, kinds=(C.City, C.Place, C.Venue)) or \
                self.gaz.lookup(m.group(0), kinds=(C.City, C.Place, C.Venue))
            eid = ids[0] if ids else "place/" + slugify(name)
            if not ids and not self.gaz.known(eid):
                self.create(eid, C.City)
                self._new_info.setdefault(eid, {"name": name})
            out.append(Mention(eid, self.kind(eid) or C.City, m.start() + seg.offset, m.end() + seg.offset,
                               m.group(0)))
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
            acr = re.search(r"\(([A-Z][\w\-]*)\)\s*$", words)
            if body is None and head == "Retreat":
                # a series the graph lacks that the text names with its acronym ("the ASEAN Senior
                # Economic Officials' Meeting (SEOM) Retreat", later "the SEOM Retreat")
                plain = words.strip()
                body = self.meeting_acr.get(acr.group(1)) if acr else self.meeting_acr.get(plain)
            if body is None and acr and prefix:   # "the X Ministers' (XM) Special Meeting", XM defined as theirs
                body = self.meeting_acr.get(acr.group(1))
            if body is None and prefix:   # "the Special ASEAN-Ruritania Foreign Ministers' Meeting": the partners'
                body = self._partner_series(" ".join(f"{words} {head}".replace("’", "'").split()))
            if body is None:
                continue
            kind = (prefix or head).lower()
            mid = f"meeting/{body.split('/', 1)[1]}-{kind}-{year}"
            if not self.gaz.known(mid):
                self.create(mid, C.Meeting)
                said = re.sub(r"^(?:The|A|An)\s+", "", " ".join(m.group(0).replace("’", "'").split()))
                self._new_info.setdefault(mid, {P.name: f"{said[0].upper()}{said[1:]} {year}", P.meetingOf: body})
            start = min(m.start("prefix"), m.start("words")) if prefix else m.start("words")
            article = re.match(r"(?:The|A|An)\s+", text[start:])
            start += article.end() if article else 0
            out.append(Mention(mid, C.Meeting, start + seg.offset, m.end() + seg.offset, text[start:m.end()],
                               (body,), data={"body": body}))
            acr = re.match(r"\s*\(([A-Z][\w\-+]*)\)", text[m.end():])
            if acr:   # "the Special ASEAN Foreign Ministers' Meeting (AMM)": the acronym is this meeting's here
                a0, a1 = m.end() + acr.start(1), m.end() + acr.end(1)
                out.append(Mention(mid, C.Meeting, a0 + seg.offset, a1 + seg.offset, text[a0:a1], (body,),
                                   data={"body": body}))
        return out

    def _dated_sessions(self, seg: Segment) -> list[Mention]:
        """A meeting named without an ordinal by a series the graph lacks, where the sentence gives
        the day it took place ("the Regional Fisheries Officials' Meeting (RFOM) on 3 March 2021",
        "the XYZ Lunch Retreat was held in Dili on 5 May 2019"): a Meeting of that series
        (``meeting/<body>[-<kind>]-<day>``). A known series is :meth:`_sessions_of_series`'s."""
        text = seg.text
        out: list[Mention] = []
        for h in _SESSION_HEAD_RE.finditer(text):
            after = _SESSION_AFTER_RE.match(text, h.end())
            if not after:
                continue
            days = [d for d in find_dates(after.group(0), self.state.year) if len(d.value) >= 10]
            if not days:
                continue
            lead = _NAME_RUN_RE.search(text, max(0, h.start() - 120), h.start())
            if not lead or lead.start() == h.start() or ORDINAL_RE.search(lead.group(0)):
                continue
            start = lead.start()
            article = re.match(r"(?:The|A|An)\s+", lead.group(0))
            if article:
                start += article.end()
            words = self._phrase(text, start)
            ends = [i for i, (_, _, e) in enumerate(words) if e == h.end()]
            if not ends or len(words[:ends[0] + 1]) < 2:
                continue
            words = words[:ends[0] + 1]
            found = self._match_body(words)
            if found is None:
                continue
            body, used, new_body = found
            rest = [w for w, _, _ in words[used:] if not w.startswith("(")]
            if used == len(words) and not new_body:
                continue   # a known series: _sessions_of_series
            if used < len(words) and (new_body and words[0][0] not in self.meeting_acr or len(rest) < 2):
                continue   # the body names only part of the phrase: "EAS Lunch Retreat" (a kind of its own)
            day = days[0].value
            kind = slugify(" ".join(rest)) if used < len(words) else ""
            mid = f"meeting/{body.split('/', 1)[1]}{'-' + kind if kind else ''}-{day}"
            said = text[start:h.end()]
            if not self.gaz.known(mid):
                self.create(mid, C.Meeting)
                self._new_info.setdefault(mid, {P.name: f"{' '.join(said.replace('’', chr(39)).split())} ({day})",
                                                P.meetingOf: body})
            out.append(Mention(mid, C.Meeting, start + seg.offset, h.end() + seg.offset, said, (body,),
                               data={"body": body}))
            acr = re.match(r"\s*\(([A-Z][\w\-+]*)\)", text[h.end():])
            if acr:
                a0, a1 = h.end() + acr.start(1), h.end() + acr.end(1)
                out.append(Mention(mid, C.Meeting, a0 + seg.offset, a1 + seg.offset, text[a0:a1], (body,),
                                   data={"body": body}))
        return out

    def _partner_summits(self, seg: Segment) -> list[Mention]:
        """A summit of ASEAN with its partners named without an ordinal ("the 2030 ASEAN-Ruritania
        Special Summit", "the ASEAN-Ruritania-GCC Summit", "the ASEAN-Republic of Ruritania (ROR)
        Commemorative Summit 2030"): a Meeting of that series in the year the phrase or the text
        gives (``meeting/<series>-<year>``). Each partner must be a state or organisation the
        gazetteer knows; a summit with its day after it is :meth:`_dated_sessions`'s."""
        text = seg.text
        out: list[Mention] = []
        for m in (*_PARTNER_SUMMIT_RE.finditer(text), *_PARTNER_FIRST_SUMMIT_RE.finditer(text),
                  *_PARTNER_FIRST_LOWER_SUMMIT_RE.finditer(text), *_PLUS_THREE_SUMMIT_RE.finditer(text),
                  *_PARTNER_MEETING_RE.finditer(text), *_PARTNER_FIRST_MEETING_RE.finditer(text)):
            if re.search(r"\d(?:st|nd|rd|th)\s+$", text[max(0, m.start() - 8):m.start()]):
                continue   # "the 2nd ASEAN-GCC Summit": a numbered session
            plus_three = m.re is _PLUS_THREE_SUMMIT_RE
            kind_said = plus_three or m.re in (_PARTNER_MEETING_RE, _PARTNER_FIRST_MEETING_RE)
            if kind_said and re.search(r"\b(?:[Ss]pecial|[Ii]nformal|[Ee]xtraordinary|[Ee]mergency)\s+$",
                                       text[max(0, m.start() - 14):m.start()]):
                continue   # "the Special ASEAN Plus Three Summit on X": a session of its own kind
            parts = [] if plus_three else \
                [p for p in re.split(r"\s*[-–]\s*", re.sub(r"\s*\([^)]*\)", "", m.group("partners"))) if p]
            if not plus_three and not self._known_partners(parts):
                continue
            after = _SESSION_AFTER_RE.match(text, m.end())
            if after and any(len(d.value) >= 10 for d in find_dates(after.group(0), self.state.year)):
                continue
            given = m.group("y0") or m.group("y1")
            year = int(given) if given else self.state.year
            if year is None:
                continue
            series = "ASEAN Plus Three Summit" if plus_three else " ".join(m.group("series").replace("’", "'").split())
            series = re.sub(r"\s*\([^)]*\)", "", series)
            # "X-ASEAN special summit": its name is the X-ASEAN Special Summit
            series = re.sub(r"\b(?:commemorative|special|informal)(?= summit$)|\bsummit$",
                            lambda w: w.group(0).capitalize(), series)
            body = self._series_body(series)
            mid = f"meeting/{body.split('/', 1)[1]}-{year}"
            if not self.gaz.known(mid):
                self.create(mid, C.Meeting)
                self._new_info.setdefault(mid, {P.name: f"{series} ({year})", P.meetingOf: body})
            out.append(Mention(mid, C.Meeting, m.start() + seg.offset, m.end() + seg.offset, m.group(0), (body,),
                               data={"body": body}))
        return out

    def _partner_series(self, said: str) -> str | None:
        """The series of meetings of ASEAN's and a partner's ministers a phrase names ("ASEAN-Ruritania
        Foreign Ministers' Meeting"), as :meth:`_partner_summits` names it; None unless every partner is a
        state or organisation the gazetteer knows."""
        m = _PARTNER_MEETING_RE.fullmatch(said) or _PARTNER_FIRST_MEETING_RE.fullmatch(said)
        if m is None or m.group("y0") or m.group("y1"):
            return None
        parts = [p for p in re.split(r"\s*[-–]\s*", re.sub(r"\s*\([^)]*\)", "", m.group("partners"))) if p]
        if not self._known_partners(parts):
            return None
        return self._series_body(re.sub(r"\s*\([^)]*\)", "", m.group("series")))

    def _known_partners(self, parts: list[str]) -> bool:
        """True when there are partners and each is a state or organisation the gazetteer or the text's
        known names hold."""
        return bool(parts) and all(self.gaz.lookup(p, kinds=(C.Country, C.MemberState, C.Organization))
                                   or self._state(p) is not None or p in _KNOWN_NAMES for p in parts)

    def _series_body(self, series: str) -> str:
        """The Body of a series of partner meetings by its name: the gazetteer's, else made (named ``series``)."""
        body = next(iter(self.gaz.lookup(series, kinds=(C.Body,))), None) or "body/" + slugify(series)
        if not self.gaz.known(body):
            self.create(body, C.Body)
            self._new_info.setdefault(body, {"name": series})
        return body

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

    def _series_as_session(self) -> None:
        """A series whose bare name in the news means the session reported (SESSION_SERIES: "the ASEAN
        Summit", "the AMM") names no Body: in a text that names one session of it ("the 43rd ASEAN Summit")
        it is that session, else no mention (the tuned gold has the bare ASEAN Summit as a Body in 2 of
        35 texts, the AMM in 4 of 18; round twenty)."""
        series = {eid for name in SESSION_SERIES for eid in self.gaz.lookup(name, kinds=(C.Body,))}
        bare = [m for seg in self.segments for m in seg.mentions
                if m.kind == C.Body and m.entity in series and not m.data.get("tentative")]
        if not bare:
            return
        sessions: dict[str, set[str]] = {}
        for seg in self.segments:
            for m in seg.mentions:
                if m.kind == C.Meeting and m.entity:
                    body = self.meeting_body(m.entity)
                    if body in series:
                        sessions.setdefault(body, set()).add(m.entity)
        for m in bare:
            of = sessions.get(m.entity, set())
            if len(of) == 1:
                m.entity, m.kind = next(iter(of)), C.Meeting
            else:
                m.entity = ""

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
        rx_lower = _lower_role_pattern(self.gaz)
        for rx, order in ((rx_before, "before"), (rx_after, "after"), (rx_lower, "before")):
            if rx is None:
                continue
            for m in rx.finditer(text):
                state = self._state(m.group("state"))
                if rx is rx_lower and state and self.kind(state) not in (C.MemberState, C.Country):
                    continue   # "ASEAN defence ministers": no state's post
                said_role = _capitalise_role(m.group("role")) if rx is rx_lower else m.group("role")
                role = role_of(said_role) or next(
                    (v for k, v in BARE_TITLE_ROLES.items() if said_role.startswith(k)), None)
                if not state or not role:
                    continue
                spans = [(m.start(), m.end(), role)]
                if m.groupdict().get("role2"):
                    # "Deputy Prime Minister and Minister of Foreign Affairs of the Lao PDR": two posts
                    second = role_of(m.group("role2"))
                    if second:
                        if order == "after":
                            spans = [(m.start("role2"), m.end("role2"), second), (m.start("role"), m.end(), role)]
                        else:
                            spans = [(m.start(), m.end("role"), role), (m.start("role2"), m.end(), second)]
                where = m.start("formal") if m.groupdict().get("formal") else m.start("state")
                poss = re.match(r"['’]s?(?!\w)", text[m.end("state"):])   # "Thailand's" as the text writes it
                upto = m.end("state") + (poss.end() if poss else 0)
                for start, end, r in spans:
                    pid = self._post(state, r, m.group("state"))
                    out.append(Mention(pid, C.Post, start + seg.offset, end + seg.offset, text[start:end], (state,),
                                       data={"state_start": where + seg.offset,
                                             "state_end": upto + seg.offset}))
        out += self._representatives(seg)
        return out

    def _representatives(self, seg: Segment) -> list[Mention]:
        """A state's representative to ASEAN or one of its bodies ("Representative of X to the AICHR",
        "Permanent Representative of X to ASEAN", "X's Representative to AICHR"): a Post of its own,
        "<office> of <state> to <body>"; the state stays a mention of its own."""
        rx = _representative_pattern(self.gaz)
        out: list[Mention] = []
        for m in rx.finditer(seg.text) if rx else ():
            state = self._state(m.group("state") or m.group("state2"))
            if not state or self.kind(state) not in (C.MemberState, C.Country):
                continue
            office = " ".join(w[:1].upper() + w[1:] for w in (m.group("office") or m.group("office2")).split())
            org = " ".join(m.group("org").split())
            pid = f"post/{state.split('/', 1)[1]}-{slugify(office)}-to-{slugify(org)}"
            if not self.gaz.known(pid):
                self.create(pid, C.Post)
                sname = STATE_SHORT_NAMES.get(self.name(state), self.name(state)) or m.group("state") or state
                self._new_info.setdefault(pid, {"name": f"{office} of {sname} to {org}", P.postIn: state})
            sgroup = "state" if m.group("state") else "state2"
            out.append(Mention(pid, C.Post, m.start() + seg.offset, m.end() + seg.offset, m.group(0), (state,),
                               data={"state_start": m.start(sgroup) + seg.offset,
                                     "state_end": m.end(sgroup) + seg.offset}))
        return out

    def _sub_chairs(self, seg: Segment, named: list[Mention]) -> list[Mention]:
        """The chair of a body, not of ASEAN ("the Chair of AMMTC 2023", "ALMM Chair
        of 2024-2026", "the ASCC Council Chair", "Chairman of the 30th ASCC", "Chairman of ADMM and
        ADMM-Plus for 2023", "the ASCC Chairpersonship for 2024"): a Post of its own
        (``post/chair-<body>[-<years>]``); the body stays a mention of its own. The chair of one
        meeting is no post ("Chair of the 28th ... Meeting, X": the rules read the meeting as
        chaired by X)."""
        text = seg.text
        out = []
        by_start = {m.start - seg.offset: m for m in named}
        for b in named:
            if b.kind == C.Meeting or any(x is not b and x.kind == C.Meeting and x.start <= b.start and b.end <= x.end
                                          for x in named):
                continue   # "Chair of the 28th APSC Council Meeting, X": the meeting chaired by X (the rules)
            s0, e0 = b.start - seg.offset, b.end - seg.offset
            before = _CHAIR_BEFORE_RE.search(text, max(0, s0 - 60), s0)
            after = None if before else _CHAIR_AFTER_RE.match(text, e0)
            if not before and not after:
                continue
            ends = [b]
            end = e0
            if before:
                both = re.match(r"\s+(?:and|&)\s+(?:the\s+)?", text[end:])
                other = by_start.get(end + both.end()) if both else None
                if both and other is not None:
                    ends.append(other)
                    end = other.end - seg.offset
            else:
                end = after.end() if after else end
            year = _CHAIR_YEAR_RE.match(text, end)
            if year and year.group("in") and not before:
                year = None   # "as the ATM chairman in 2030": the clause's ("Chair of ATM in 2030": the post's)
            if year:
                end = year.end()
            start = before.start() if before else s0
            vice = bool(re.match(r"(?:Vice|Deputy)", text[start:]))
            years = re.sub(r"\s*[-–]\s*", "-", year.group("y")) if year else ""
            slugs = "-and-".join(x.entity.split("/", 1)[1] for x in ends)
            pid = "post/" + "-".join(x for x in ("vice-chair" if vice else "chair", slugs, years) if x)
            if not self.gaz.known(pid):
                self.create(pid, C.Post)
                names = " and ".join(self.name(x.entity) or str(self._new_info.get(x.entity, {}).get("name", ""))
                                     or x.text for x in ends)
                self._new_info.setdefault(pid, {"name": f"{'Vice Chair' if vice else 'Chair'} of the {names}"
                                                        + (f" ({years})" if years else "")})
            out.append(Mention(pid, C.Post, start + seg.offset, end + seg.offset, text[start:end], (b.entity,),
                               data={"state_start": b.start, "state_end": b.end}))
        return out

    def _offices(self, seg: Segment, named: list[Mention]) -> list[Mention]:
        """An office of an organisation or body named after it ("the Director of the ASEAN University
        Network", "Secretary-General of the Trilateral Cooperation Secretariat", "Deputy Secretary-General
        of ASEAN for the ASEAN Economic Community", "chief of mission for the International Organization
        for Migration"): a Post (``post/<organisation>-<office>``); the organisation stays a mention."""
        text = seg.text
        out = []
        for b in named:
            s0, e0 = b.start - seg.offset, b.end - seg.offset
            office = _OFFICE_RE.search(text, max(0, s0 - 80), s0)
            if not office:
                continue
            end = e0
            pillar = _FOR_PILLAR_RE.match(text, e0)
            if pillar and office.group("role").startswith("Deputy"):
                end = pillar.end()     # "Deputy Secretary-General of ASEAN for the ASEAN Economic Community"
            elif self.kind(b.entity) not in (C.Organization, C.Body) or self.gaz.known(b.entity) and \
                    b.entity.startswith("org/asean"):
                continue   # ASEAN's own offices are posts of the state patterns ("Secretary-General of ASEAN")
            role = " ".join(office.group("role").split())
            role = role[0].upper() + role[1:]
            said_pillar = text[pillar.start("p"):pillar.end()] if end != e0 and pillar else ""
            key = "-".join(x for x in (slugify(role), slugify(said_pillar)) if x)
            pid = f"post/{b.entity.split('/', 1)[1]}-{key}"
            if not self.gaz.known(pid):
                self.create(pid, C.Post)
                oname = self.name(b.entity) or str(self._new_info.get(b.entity, {}).get("name", "")) or b.text
                self._new_info.setdefault(pid, {"name": f"{role} of {'the ' if b.kind == C.Body else ''}{oname}"
                                                        + (f" for the {said_pillar}" if said_pillar else "")})
            out.append(Mention(pid, C.Post, office.start() + seg.offset, end + seg.offset, text[office.start():end],
                               (b.entity,), data={"state_start": b.start, "state_end": b.end}))
        for b in named:   # "SBV Governor X", "the Central Bank (CB) Deputy Governor X": the office after the name
            after = _OFFICE_AFTER_RE.match(text, b.end - seg.offset)
            if after is None or self.kind(b.entity) != C.Organization or b.entity.startswith("org/asean"):
                continue
            role = re.sub(r"\bSec\.$", "Secretary", " ".join(after.group("role").split()))
            pid = f"post/{b.entity.split('/', 1)[1]}-{slugify(role)}"
            if not self.gaz.known(pid):
                self.create(pid, C.Post)
                oname = self.name(b.entity) or str(self._new_info.get(b.entity, {}).get("name", "")) or b.text
                self._new_info.setdefault(pid, {"name": f"{role} of {'the ' if oname.startswith(_THE_ORGS) else ''}"
                                                        f"{oname}"})
            s0, e0 = b.start - seg.offset, after.end("role")
            out.append(Mention(pid, C.Post, b.start, e0 + seg.offset, text[s0:e0], (b.entity,),
                               data={"state_start": b.start, "state_end": b.end}))
        asean = next(iter(self.gaz.lookup("ASEAN", kinds=(C.Organization,))), "")
        for d in _DSG_RE.finditer(text) if asean else ():   # the graph names "Secretary-General of ASEAN" as one
            said_pillar = d.group("p")
            pid = f"post/{asean.split('/', 1)[1]}-deputy-secretary-general-{slugify(said_pillar)}"
            if not self.gaz.known(pid):
                self.create(pid, C.Post)
                self._new_info.setdefault(pid, {"name": f"Deputy Secretary-General of ASEAN for the {said_pillar}"})
            out.append(Mention(pid, C.Post, d.start() + seg.offset, d.end() + seg.offset, d.group(0), (asean,)))
        for d in _DSG_PLAIN_RE.finditer(text) if asean else ():   # "deputy Secretary-General of ASEAN"
            pid = f"post/{asean.split('/', 1)[1]}-deputy-secretary-general"
            if not self.gaz.known(pid):
                self.create(pid, C.Post)
                self._new_info.setdefault(pid, {"name": "Deputy Secretary-General of ASEAN"})
            out.append(Mention(pid, C.Post, d.start() + seg.offset, d.end() + seg.offset, d.group(0), (asean,)))
        return out

    def _institution_offices(self, seg: Segment) -> list[Mention]:
        """An office of a state's institution written with the institution after it ("Permanent
        Secretary at the Ministry of Foreign Affairs of Ruritania", "Speaker of the House of
        Representatives of X", "Undersecretary of the Department of Y"): one Post spanning the office,
        the institution and the state after it (``post/<state>-<institution>-<office>``), named "<office>
        of the <institution>[ of <state>]". ASEAN's own bodies are left to the chair and office rules."""
        out = []
        text = seg.text
        alt = _state_alt(self.gaz)
        for m in _INSTITUTION_OFFICE_RE.finditer(text):
            inst, inst_end = m.group("inst"), m.end("inst")
            state_said, state = None, None
            if alt:
                tail = re.search(rf"\s+of\s+(?:the\s+)?(?:(?:Republic|Kingdom|Union|Sultanate)\s+of\s+(?:the\s+)?)?"
                                 rf"(?P<s>{alt})$", inst)
                if tail:
                    state_said, state = tail.group("s"), self._state(tail.group("s"))
                    if state is None or self.kind(state) == C.Organization:
                        state_said, state = None, None   # "of ASEAN": an organisation's office, not a state's
                    else:
                        inst = inst[:tail.start()]
            words = inst.split()
            if any(w in ASEAN_MARKERS or w.split("-")[0] in ASEAN_MARKERS for w in words) and not re.search(
                    r"\b(?:Ministry|Department|Bureau|Office)\b", inst):
                continue   # "Chair of the ASEAN Coordinating Council": ASEAN's own body
            if len(words) < 2 or self.gaz.lookup(re.sub(r"\s*\([^)]*\)", "", inst), kinds=(C.Body,)):
                continue   # a bare "the House", or a body the chair and office rules read
            role = " ".join(m.group("role").split())
            plain = " ".join(re.sub(r"\s*\([^)]*\)", "", inst).split())
            sname = STATE_SHORT_NAMES.get(self.name(state) or state_said or "", self.name(state) or state_said or "") \
                if state else ""
            if sname == "Philippines":
                sname = "the Philippines"
            display = f"{role} of the {plain}" + (f" of {sname}" if sname else "")
            known = self.gaz.lookup(display, kinds=(C.Post,))
            pid = known[0] if known else "post/" + "-".join(
                x for x in ((state or "").split("/", 1)[-1] if state else "", slugify(plain), slugify(role)) if x)
            if not known and not self.gaz.known(pid):
                self.create(pid, C.Post)
                self._new_info.setdefault(pid, {"name": display, P.postIn: state} if state else {"name": display})
            data: dict[str, Any] = {}
            if state:
                s0 = inst_end - len(state_said or "")
                data = {"state_start": s0 + seg.offset, "state_end": inst_end + seg.offset}
            out.append(Mention(pid, C.Post, m.start() + seg.offset, inst_end + seg.offset, text[m.start():inst_end],
                               (state,) if state else (), data=data))
        return out

    def _institution_first_offices(self, seg: Segment) -> list[Mention]:
        """An office of an institution written after the institution's name and before its holder
        ("Ruritanian Information Agency Director-General Jane Roe", "the National Assembly President X"):
        one Post spanning both (``post/<institution>-<office>``, as :meth:`_institution_offices` names
        "Director-General of the Ruritanian Information Agency"), named "<office> of the <institution>".
        ASEAN's own bodies and the bodies the graph knows are left to the chair and office rules."""
        out = []
        text = seg.text
        for m in _INSTITUTION_FIRST_OFFICE_RE.finditer(text):
            start = m.start("inst")
            # (not "the", nor a state's possessive: "Ruritania's Education Ministry Secretary-General", the
            # state a mention of its own)
            article = re.match(r"(?:The|A|An|This|That|(?P<poss>[A-Z][\w\-]*)['’]s?)\s+(?=[A-Z])", text[start:])
            state = self._state(article.group("poss")) if article and article.group("poss") else None
            data: dict[str, Any] = {}
            if state and article:
                data = {"state_start": start + seg.offset, "state_end": start + article.end("poss") + seg.offset}
            if article:
                start += article.end()
            inst = " ".join(text[start:m.end("inst")].split())
            words = inst.split()
            if any(w in ASEAN_MARKERS or w.split("-")[0] in ASEAN_MARKERS for w in words) and not re.search(
                    r"\b(?:Ministry|Department|Bureau|Office)\b", inst):
                continue   # "the ASEAN Coordinating Council Chair": ASEAN's own body
            if len(words) < 2 or self.gaz.lookup(inst, kinds=(C.Body,)):
                continue   # a bare "Council President", or a body the chair and office rules read
            role = " ".join(m.group("role").split())
            if re.search(SPOKESPERSON_TITLES, role):
                continue   # "Ruritanian Health Ministry Spokesperson": the spokesperson rule's
            display = f"{role} of the {inst}"
            known = self.gaz.lookup(display, kinds=(C.Post,))
            pid = known[0] if known else f"post/{slugify(inst)}-{slugify(role)}"
            if not known and not self.gaz.known(pid):
                self.create(pid, C.Post)
                self._new_info.setdefault(pid, {"name": display})
            out.append(Mention(pid, C.Post, start + seg.offset, m.end() + seg.offset, text[start:m.end()],
                               (state,) if state else (), data=data))
        return out

    def _spokespersons(self, seg: Segment) -> list[Mention]:
        """A spokesperson's title with the ministry (or ASEAN) it speaks for ("Defence Ministry
        spokesman", "the Ruritanian Foreign Ministry Spokesperson", "ASEAN spokesperson", "spokesman for
        the Ruritanian Foreign Ministry"): a Post (``post/[<state>-]<ministry>-spokesperson``) spanning
        the phrase, named "Spokesperson of the Ministry of X[ of <state>]"; the state from a demonym."""
        out = []
        text = seg.text
        for m in (m for rx in (_SPOKES_BEFORE_RE, _SPOKES_AFTER_RE) for m in rx.finditer(text)):
            if m.group("asean"):
                if m.group("dem"):
                    continue
                pid, display, state = "post/asean-spokesperson", "Spokesperson of ASEAN", None
            else:
                words = " ".join((m.group("pre") or m.group("post") or "").split())
                words = "Foreign Affairs" if words == "Foreign" else words
                ministry = f"Ministry of {words}"
                state = self._state(m.group("dem")) if m.group("dem") else None
                sname = STATE_SHORT_NAMES.get(self.name(state), self.name(state)) if state else ""
                if state and not sname:
                    sname = str(self._new_info.get(state, {}).get(P.name, ""))
                if sname == "Philippines":
                    sname = "the Philippines"
                display = f"Spokesperson of the {ministry}" + (f" of {sname}" if sname else "")
                pid = "post/" + "-".join(x for x in ((state or "").split("/", 1)[-1], slugify(ministry),
                                                     "spokesperson") if x)
            known = self.gaz.lookup(display, kinds=(C.Post,))
            if known:
                pid = known[0]
            elif not self.gaz.known(pid):
                self.create(pid, C.Post)
                self._new_info.setdefault(pid, {"name": display, P.postIn: state} if state else {"name": display})
            data: dict[str, Any] = {}
            if state:
                data = {"state_start": m.start("dem") + seg.offset, "state_end": m.end("dem") + seg.offset}
            out.append(Mention(pid, C.Post, m.start() + seg.offset, m.end() + seg.offset, m.group(0),
                               (state,) if state else (), data=data))
        return out

    def _state(self, text: str) -> str | None:
        name = DEMONYMS.get(text, text)
        name = STATE_ALIASES.get(name, name)
        ids = self.gaz.lookup(name, kinds=(C.MemberState, C.Country, C.Organization))
        if ids:
            return ids[0]
        if name not in COUNTRIES:
            return None
        eid = "country/" + slugify(name)   # a state outside ASEAN the graph lacks, as _countries names it
        if not self.gaz.known(eid):
            self.create(eid, C.Country)
            self._new_info.setdefault(eid, {P.name: name})
        return eid

    def counterpart_post(self, seg: Segment, post: str, state: str) -> str | None:
        """The post of ``state`` in the role of ``post`` ("Prime Minister X and his Vietnamese counterpart
        Y": Y is Viet Nam's Prime Minister), described when it is new; None when the role is unknown."""
        said = self.name(post) or str(self._new_info.get(post, {}).get("name", ""))
        role = role_of(said) if said else None
        if role is None:
            return None
        pid = self._post(state, role)
        if pid in self.out.created:
            self._describe(seg, pid)
        return pid

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
            sname = STATE_SHORT_NAMES.get(sname, sname)
            if state.startswith("state/") and sname == "Philippines":
                sname = "the " + sname
            self._new_info.setdefault(pid, {"name": f"{display} of {sname}", P.postIn: state})
        return pid

    # persons -------------------------------------------------------------
    def _titled_persons(self, seg: Segment, posts: list[Mention]) -> list[Mention]:
        text = seg.text
        starts = [(m.end(), m.group(0)) for m in TITLE_TRIGGER_RE.finditer(text)]
        starts += [(m.end(), m.group(0)) for m in _NAME_TITLE_RE.finditer(text)]
        starts += [(m.end(), "") for m in UNTITLED_BEFORE_RE.finditer(text)]
        starts += [(m.start(), "") for m in _UNTITLED_RE.finditer(text)]
        apposed = _untitled_post_re(self.gaz)
        starts += [(m.start(), "") for m in apposed.finditer(text)] if apposed else []
        for p in posts:
            rest = text[p.end - seg.offset:]
            gap = re.match(r"[\s,]*(?:" + HONORIFICS_RE.pattern + r")?\s*", rest)
            starts.append((p.end - seg.offset + (gap.end() if gap else 0), p.text))
            # "Premier of the State Council X", "Director-General ... at Thailand's Foreign Ministry X": the
            # holder's name after the institution the post is of (round fifteen)
            tail = _POST_INSTITUTION_TAIL_RE.match(rest)
            if tail:
                starts.append((p.end - seg.offset + tail.end(), p.text))
            # "Jane Roe, the Minister of Trade of X", "Jane Roe, Ruritania's defence minister": a name
            # without a title before a comma and a post the text names (round sixteen)
            p0 = p.start - seg.offset
            apposed_name = _NAME_BEFORE_POST_RE.search(text, max(0, p0 - 80), p0)
            if apposed_name and not re.search(r"[A-Z][\w.'’]*\s+$", text[:apposed_name.start()]):
                starts.append((apposed_name.start(), ""))   # (the whole run of title-case words)
        out = []
        context = {p.entity for p in posts if p.entity} | {x for p in posts for x in p.parts}
        for pos, trigger in starts:
            lead = HONORIFICS_RE.match(text, pos)
            if lead and lead.end() > pos:
                pos = lead.end()
            numeral = re.match(r"(?:II|III|IV)\s+", text[pos:])   # "Foreign Minister II Datuk X"
            if numeral:
                pos += numeral.end()
                lead = HONORIFICS_RE.match(text, pos)
                if lead and lead.end() > pos:
                    pos = lead.end()
            m = NAME_RE.match(text, pos)
            if not m:
                continue
            words = m.group(0).split()
            keep: list[str] = []
            for w in words:
                # "Said" after a patronymic particle ("X bin Mohamed Said") is the father's name, not
                # the verb (a name's words are title-case; the verb "said" never is mid-sentence)
                patronymic = w == "Said" and any(x in _PATRONYMIC for x in keep)
                if not patronymic and (w.lower().strip(".'’") in NAME_STOP or self._is_other_entity(w)):
                    break
                owner = re.fullmatch(r"(.+?)['’]s", w)
                if owner and keep:   # "Prime Minister Hun Sen's schedule": the name ends before the possessive
                    if not (self._is_other_entity(owner.group(1)) or COUNTRY_RE.fullmatch(owner.group(1))):
                        keep.append(owner.group(1))   # (not "Prime Minister Lee Singapore's ...": a state's)
                    break
                keep.append(w)
            # titles of rank and address between the honorifics and the name ("YB Dato Seri Setia Hj
            # X", "Shri X", "Samdech Akka Moha Ponhea Chakrei X"): in the mention, not in the name
            first = m.start()
            while len(keep) > 2:
                lead_title = NAME_LEAD_TITLES_RE.match(text, m.start())
                dropped = len(lead_title.group(0).split()) if lead_title else 0
                nxt = NAME_RE.match(text, lead_title.end()) if lead_title else None
                if not dropped or len(keep) - dropped < 2 or nxt is None:
                    break
                keep, m = keep[dropped:], nxt
            if not keep:
                continue
            name = " ".join(keep).rstrip(",")
            if not trigger and (len(keep) != len(words) or not 2 <= len(keep) <= 4 or self.gaz.lookup(name)
                                or any(self._is_other_entity(w) or COUNTRY_RE.fullmatch(w) or w in GROUP_HEADS
                                       for w in keep)):
                continue   # a name without a title: the whole capitalised run, two to four words, nothing else
            end = m.start() + len(name) + seg.offset
            lead = RANK_RUN_RE.search(text, max(0, first - 100), first)
            start = (lead.start() if lead else first) + seg.offset
            said = self._slice(seg, start, end)   # "Dato' Seri X": titles of rank stay in the mention
            known = self.gaz.lookup(name, kinds=(C.Person,), context=context)
            if known:
                out.append(Mention(known[0], C.Person, start, end, said, data={"name": name}))
                continue
            single = self._person_by_token(keep) if len(keep) == 1 else None
            if single:
                out.append(Mention(single, C.Person, start, end, said, data={"name": name}))
                continue
            # one name after a post or a title ("President Prabowo", "Prime Minister Anwar", "Mr Lee"): a person the
            # text names by one word, when that word is nothing else the gazetteer or the word lists know
            alone = len(keep) == 1 and bool(trigger) and len(keep[0]) >= 4 and keep[0][0].isupper() and \
                not _COMMON_WORD_END.search(keep[0]) and \
                keep[0][1:].islower() and not self.gaz.lookup(keep[0]) and not COUNTRY_RE.fullmatch(keep[0]) and \
                keep[0] not in DEMONYMS and keep[0] not in GROUP_HEADS and keep[0] not in _NOT_ONE_NAME and \
                not re.match(r"\s*(?:[A-Z]|of\b|for\b|to\b|-|[a-z]{1,4}[\s-][A-Z])", text[m.start() + len(name):])
            if (len(keep) < 2 and not alone) or len(keep[0]) == 1 and not (trigger and keep[0].isupper()):
                continue   # (an initial without its dot opens a name after a title: "Mr K Shanmugam")
            if self.gaz.lookup(name):  # a place or body, not a person
                continue
            pid = "person/" + slugify(anyascii(_strip_honorifics(name)))   # "Đỗ" -> "do", not "o"
            if not self.gaz.known(pid):
                self.create(pid, C.Person)
                honorific = HONORIFICS_RE.match(trigger)
                self._new_info.setdefault(pid, {"name": _strip_honorifics(name),
                                                P.honorific: _clean_honorific(honorific.group(0))
                                                if honorific else None})
            out.append(Mention(pid, C.Person, start, end, said, data={"name": name}))
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
        said = str(m.data.get("name", m.text))   # the name without the titles the mention keeps
        names = [said, self.name(m.entity) or self._new_info.get(m.entity, {}).get("name", "")]
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
                nxt = re.match(rf"\s+({_UP}{_LO}+)", seg.text[e:])
                if nxt and nxt.group(1).lower() not in self.person_tokens and nxt.group(1).lower() not in NAME_STOP \
                        and not self.gaz.lookup(nxt.group(1)):
                    continue   # the first word of another name ("Nguyen" of Nguyen Van A is not Nguyen Thi B)
                out.append(Mention(pid, C.Person, s + seg.offset, e + seg.offset, t))
        return out

    # documents -----------------------------------------------------------
    def _documents(self, seg: Segment) -> list[Mention]:
        """Document titles around a head word ("Blueprint", "Plan of Action", "Report" ...): the
        title-case words before it (a leading year, acronyms in brackets), and after it a Roman
        numeral, "on/of/for/in ..." title words, a participle phrase ("Recognizing the Role of
        ..."), acronyms in brackets, a year or a span of years (bracketed too), an edition and a
        subtitle after a colon; wrapped lines join. The name leaves the bracketed acronyms out
        ("Master Plan on ASEAN Connectivity (MPAC) 2025" is the "Master Plan on ASEAN Connectivity
        2025"). A plural head lists several ("the APSC, AEC and ASCC Blueprints 2025")."""
        out = []
        text = seg.text
        for m in DOC_HEAD_RE.finditer(text):
            head = m.group(1)
            start, end = m.start(), m.end()
            mods, start = self._title_left(text, start)
            plural = PLURAL_DOC_HEADS.get(head)
            tail = _title_right(text, end, head)
            end = tail.end
            if plural:
                out += self._listed_documents(seg, m.start(), m.end(), plural, tail)
                continue
            if text[end - 1] == "”" and "“" not in text[start:end] or \
                    text[end - 1] == '"' and text.count('"', start, end) % 2:
                end -= 1   # a closing quote the title did not open
            phrase = text[start:end].strip()
            if not mods and not tail.cont and not tail.year:
                continue
            year = tail.year or bool(mods and re.match(_YEAR, mods[0]))
            eid = self._resolve_document(_title_name(phrase), head, tail.cont, year, mods, phrase)
            if eid:
                out.append(Mention(eid, C.Document, start + seg.offset, end + seg.offset, phrase))
        return out

    def _nested_documents(self, outer: Mention) -> list[Mention]:
        """Titles named inside a title after "the" ("Second Protocol to Amend the ASEAN
        Trade in Goods Agreement", "Action Plan to Implement the ASEAN Consensus on ...", "Mid-Term
        Review of the ASCC Blueprint 2025"): documents of their own, found as titles are found."""
        out: list[Mention] = []
        text = outer.text
        upto = 0
        for p in re.finditer(r"\bthe\s+(?=[A-Z\d])", text):
            if p.end() < upto:
                continue
            inner = Segment(None, None, text[p.end():], outer.start + p.end())
            found = next((m for m in self._documents(inner) if m.start == inner.offset and m.entity
                          and m.entity not in (outer.entity, DOC)), None)
            if found:
                out.append(found)
                upto = found.end - outer.start
        return out

    def _own_plans(self, seg: Segment, titles: list[Mention]) -> list[Mention]:
        """"the ASEAN Comprehensive Recovery Framework and its Implementation Plan": a document of the
        one named just before ("Implementation Plan of the ASEAN Comprehensive Recovery Framework")."""
        out = []
        text = seg.text
        for m in _ITS_PLAN_RE.finditer(text):
            before = [t for t in titles if t.end - seg.offset <= m.start() and
                      re.fullmatch(r"[\s,]*(?:and|as\s+well\s+as)?\s*", text[t.end - seg.offset:m.start()])]
            if not before or before[-1].entity == DOC:
                continue
            of = before[-1]
            oname = self.name(of.entity) or str(self._new_info.get(of.entity, {}).get("name", "")) or of.text
            head = " ".join(m.group("plan").split())
            did = "document/" + slugify(f"{head} of {oname}")
            if not self.gaz.known(did):
                self.create(did, DOC_HEADS.get(head) or C.WorkPlan)
                self._new_info.setdefault(did, {"name": f"{head} of the {oname}" if not oname.startswith("the ")
                                                else f"{head} of {oname}"})
            out.append(Mention(did, C.Document, m.start("plan") + seg.offset, m.end("plan") + seg.offset,
                               m.group("plan")))
        return out

    def _title_left(self, text: str, start: int) -> tuple[list[str], int]:
        """The title-case words (connectors, bracketed acronyms, a leading year) before a head."""
        left = list(_TITLE_LEFT_RE.finditer(text[:start]))
        mods: list[str] = []
        k = len(left) - 1
        cursor = start
        while k >= 0:
            w = left[k]
            if text[w.end():cursor].strip():
                break
            word = w.group(0)
            if word in CONNECTORS or word == "in":
                joined = word == "and" and not mods and k > 0 and \
                    re.search(r"\b(?:" + DOC_HEAD_RE.pattern + r")\s*$", text[:w.start()]) and \
                    not self._known_title_before(text, w.start()) and \
                    not re.search(_ACR + r"\s*(?:[A-Z][\w'’\-]*\s*)?$", text[:w.start()])   # "X (AIFS) Framework and"
                if not joined and (not mods or k == 0 or not left[k - 1].group(0)[0].isupper() or
                                   word == "in" and left[k - 1].group(0) in CONNECTORS):
                    break
                if word == "and" and not joined and _TITLE_BEFORE_RE.search(text, max(0, w.start() - 200), w.start()):
                    break   # "... Guidelines on A and ASEAN Guidelines on B": the left one is a title of its own
            # a year or "post-2015" leads a title; "in" is inside one ("ASEAN Trade in Goods Agreement")
            lead = word[0].isdigit() or word[0].islower() and word not in CONNECTORS and word != "in"
            if lead and \
                    (k > 0 and not text[left[k - 1].end():w.start()].strip() and left[k - 1].group(0)[0].isupper()
                     and left[k - 1].group(0) not in ("The", "This", "Its", "Our")):
                break   # a year or "post-2015" only leads a title
            mods.insert(0, word)
            start, cursor = w.start(), w.start()
            k -= 1
            if lead:
                break
        while mods and (mods[0] in CONNECTORS or mods[0] in ("in", "The", "This", "Its", "Our")
                        or mods[0].startswith("(")):
            start += len(mods[0])
            start += len(text[start:]) - len(text[start:].lstrip())
            mods.pop(0)
        return mods, start

    def _known_title_before(self, text: str, pos: int) -> bool:
        """Whether the title ending at ``pos`` is a document the graph knows ("the ASEAN Charter and
        ..." lists two documents; "Regional Framework and Action Plan ..." is one title)."""
        words = re.findall(r"[\w'’\-]+|\(", text[max(0, pos - 80):pos])
        for n in range(1, min(len(words), 8) + 1):
            if "(" not in words[-n:] and self.gaz.lookup(" ".join(words[-n:]), kinds=(C.Document,)):
                return True
        return False

    def _listed_documents(self, seg: Segment, hs: int, he: int, head: str, tail: _Tail) -> list[Mention]:
        """"X (APSC), Y (AEC), and Z (ASCC) Blueprints 2025": one document per listed name;
        "Work Plans III and IV": one per numeral."""
        text = seg.text
        out = []
        rest = text[he:tail.end]
        year = re.search(_YEAR + r"(?:\s*[-–]\s*" + _YEAR + r")?", rest)
        numerals = re.match(r"\s+(" + _ROMAN + r")(?:\s*(?:,|and|&)\s*(" + _ROMAN + r"))+\b", text[he:])
        mods, start = self._title_left(text, hs)
        items: list[tuple[int, int]] = []
        if numerals and mods:
            base = text[start:hs] + head
            # the first numeral's mention spans the title, the others their numeral
            for i, g in enumerate(re.finditer(r"\b" + _ROMAN + r"\b", numerals.group(0))):
                name = f"{' '.join(base.split())} {g.group(0)}"
                eid = self._resolve_document(_title_name(name), head, False, True, mods, name)
                s0, e0 = (start, he + g.end()) if i == 0 else (he + g.start(), he + g.end())
                if eid:
                    out.append(Mention(eid, C.Document, s0 + seg.offset, e0 + seg.offset, text[s0:e0]))
            return out
        if not year:
            return out
        # the names before the head, separated by commas and "and"
        pos = hs
        while True:
            mods, s = self._title_left(text, pos)
            if not mods:
                break
            items.insert(0, (s, pos))
            sep = re.search(r"(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?$", text[:s])
            if not sep:
                break
            pos = sep.start()
        for s, e in items:
            said = text[s:e].strip()
            name = f"{_title_name(said)} {head} {year.group(0)}"
            eid = self._resolve_document(name, head, False, True, said.split(), name)
            if eid:
                out.append(Mention(eid, C.Document, s + seg.offset, s + len(said) + seg.offset, said))
        return out

    def _resolve_document(self, phrase: str, head: str, cont: bool, year: bool, mods: list[str],
                          said: str = "") -> str | None:
        for title in self.own_titles if self.in_title else self.own_titles[:1]:
            if norm_key(phrase) == norm_key(title)[-len(norm_key(phrase)):] and \
                    len(norm_key(phrase)) >= len(norm_key(title)) - 1:
                return DOC  # the document names itself
        exact = self.gaz.lookup(phrase, kinds=(C.Document,)) or \
            (self.gaz.lookup(said, kinds=(C.Document,)) if said and said != phrase else [])
        if exact:
            return exact[0]
        key = norm_key(phrase)
        for names, eid in reversed(self.doc_names.items()):
            if len(key) < len(names) and names[-len(key):] == key:
                return eid
        # documents with a label this phrase is the end of (Gazetteer.ending_with: by index, not a
        # scan of every document's labels, nor an index of every suffix of them made per run)
        cands = sorted(e for e in self.gaz.ending_with(key, C.Document) if self.gaz.known(e))
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
        named = len([w for w in mods if w[0].isupper()]) >= 3 and \
            (any(w in ASEAN_MARKERS for w in mods) or head in NAMED_INSTRUMENT_HEADS)
        if not (year or cont or named or head in STRONG_HEADS):
            return None
        if generic and not cont:
            return None
        did = "document/" + slugify(phrase)
        if not self.gaz.known(did):
            self.create(did, DOC_HEADS.get(head) or DOC_HEADS[PLURAL_DOC_HEADS[head]])
            self._new_info.setdefault(did, {"name": phrase})
        return did

    # ------------------------------------------------------------------ kind, main meeting, dates
    def _guess_kind(self) -> str:
        title = self.ctx.title.lower()
        for rx, kind in ((r"chair(?:man)?['’]?s\s+statement", C.ChairmansStatement),
                         (r"joint\s+communiq", C.JointCommunique), (r"\bdeclaration\b", C.Declaration),
                         (_SPEECH_TITLE_RE, C.Remarks), (r"\bstatement\b", C.Statement)):
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
                self.fact(seg, DOC, P.mentions, m.entity, str(m.data.get("found_by") or ""))
            for p in m.parts:
                self.fact(seg, DOC, P.mentions, p)
            if m.rel and m.data.get("place"):
                # "the last APSC Council meeting in Vientiane": the text says where it was held
                self.fact(seg, m.entity, P.location, m.data["place"])

    def _describe(self, seg: Segment, eid: str) -> None:
        if (eid, "type", self.out.created[eid]) in self.seen:
            return
        info = self._new_info.get(eid, {})
        by = str(info.get("found_by") or "")   # an entity the NER layer found: its description is the layer's
        self.fact(seg, eid, "type", self.out.created[eid], by)
        self.fact(seg, eid, "name", info.get("name") or eid.split("/", 1)[1], by)
        self.fact(seg, eid, "extracted", True, by)
        for key in (P.meetingOf, P.ordinal, P.postIn, P.acronym, P.honorific, P.location, P.year, P.chairState):
            if info.get(key):
                self.fact(seg, eid, key, info[key], by)
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

    def meeting_body(self, mid: str) -> str | None:
        """The series a meeting is a session of (the graph's, or the one this text made it of)."""
        info = self.gaz.meetings.get(mid)
        if info is not None and info.body:
            return info.body
        body = self._new_info.get(mid, {}).get(P.meetingOf)
        return str(body) if body else None

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
        if self.gaz.lookup(name) or name.split()[0].lower() in NAME_STOP or not_a_city(name):
            return
        if re.fullmatch(rf"{_MONTH_OR_DAY}\b.*", name):
            return   # "held in November": a time, not a place
        if " " not in name and re.match(r"\s+of\s", seg.text[pos + len(name):]):
            return   # "the X Meeting in Celebration of ...", "in Support of": a purpose, not a place
        venue = re.search(r"\b(?:Centre|Center|Hall|Hotel|Palace|Building|Complex|Resort|House)$", name)
        cls = C.Venue if venue else C.City
        pid = "place/" + slugify(name)
        if not self.gaz.known(pid):
            self.create(pid, cls)
            self._new_info.setdefault(pid, {"name": name})
            self._describe(seg, pid)
        self.fact(seg, DOC, P.mentions, pid)
        self.fact(seg, mid, P.heldAt if cls == C.Venue else P.location, pid)


# ---------------------------------------------------------------------------------------- titles
_ROMAN = r"(?:X{0,2}(?:IX|IV|V?I{1,3}|V))"
_S = r"(?:[ \t]*\n[ \t]*|[ \t]+)"   # a space, or one line break (a wrapped title; a blank line ends it)
_ACR = r"\([A-Z][A-Za-z0-9&\-]*(?: \d{1,3})?\)"
_NOT_TITLE = rf"(?!{_MONTH_OR_DAY}\b)"
_TITLE_WORD = (rf"(?:[“\"]?{_NOT_TITLE}[A-Z][\w'’\-]*[”\"]?|(?<=[A-Z]{{2}} )\d{{1,3}}\b|"
               rf"(?:19|20)\d{{2}}(?=[ \t]+[A-Z])|\d{{1,3}}(?:st|nd|rd|th)(?=[ \t]+[A-Z])|{_ACR})")
_TITLE_LINK = (rf"(?:{_S}(?:(?:of|on|in|into|for|to|towards|against|between|among|with|by|through|from|at)"
               rf"(?:{_S}(?:the|a|an))?|and|the|a|an|as(?:{_S}(?:the|a|an))?|&){_S}|{_S}|-|"
               rf",{_S}(?=(?:[A-Z][\w'’\-]*,?{_S}){{1,4}}and{_S}[A-Z]))(?=[A-Z(\d“\"])")
_TITLE_WORDS = rf"{_TITLE_WORD}(?:{_TITLE_LINK}{_TITLE_WORD})*"
_TITLE_STEPS = (
    ("acr", re.compile(rf"[ \t]*{_ACR}")),
    ("cont", re.compile(rf"{_S}(?:[Oo]n|[Oo]f|[Ff]or|[Aa]gainst|[Tt]o|[Tt]owards|[Ii]n(?={_S}[A-Z][a-z]+ing\b)|"
                        rf"[Bb]etween|[Aa]mong)(?:{_S}(?:the|a|an))?{_S}{_TITLE_WORDS}")),
    ("cont", re.compile(rf"{_S}(?=[A-Z][a-z]+ing\b){_TITLE_WORDS}")),
    ("year", re.compile(rf"(?:,?{_S}(?:(?:for|by){_S})?|[ \t]*\()(?:19|20)\d{{2}}(?:\s*[-–]\s*(?:19|20)\d{{2}})?\)?"
                        r"(?![\w-])")),
    ("edition", re.compile(r"[ \t]*\((?:[A-Z][a-z]+\s+)?Edition\)")),
)
_HEAD_END = "(?:" + "|".join(sorted({re.escape(h.split()[-1]) for h in DOC_HEADS}, key=len, reverse=True)) + ")"
_TWO_TITLES_RE = re.compile(r"\s+and\s+(?=(?:[A-Z][\w'’\-]*\s+){0,5}?" + DOC_HEAD_RE.pattern + ")")
_TITLE_BEFORE_RE = re.compile(r"\b" + _HEAD_END + r"(?:[ \t]+(?:[A-Z][\w'’\-]*|of|on|for|the|in|to|and|&|" + _ACR
                              + r"))*[ \t]*$")
_SUBTITLE_RE = re.compile(rf":[ \t]+(?!(?:The|This|These|It|We|They|In|On|At|As|A|An)\b){_TITLE_WORDS}")
# a leading year, or years ("the 2016-2025 ASEAN Work Plan on X": the range leads the title)
_TITLE_LEFT_RE = re.compile(r"[A-Z][\w'’\-]*|[A-Z]{2,}|" + _ACR + r"|(?:19|20)\d{2}[-–](?:19|20)\d{2}\b|(?:19|20)\d{2}|"
                            r"(?i:post-(?:19|20)\d{2})|"
                            r"\b\d{1,2}(?:st|nd|rd|th)\b|"
                            r"of|on|for|and|the|in|&")


@dataclass
class _Tail:
    end: int
    cont: bool = False
    year: bool = False


def _title_right(text: str, end: int, head: str) -> _Tail:
    """How far a title runs after its head word (see :meth:`Extractor._documents`)."""
    tail = _Tail(end)
    roman = re.match(rf"[ \t]+{_ROMAN}\b(?![’'\-])", text[end:])
    if roman:
        tail.end += roman.end()
        tail.cont = True
    if head in IN_HEADS:   # "a Code of Conduct in the South China Sea"
        place = re.match(rf"{_S}in(?:{_S}the)?(?:{_S}{_NOT_TITLE}[A-Z][\w'’\-]*){{1,4}}", text[tail.end:])
        if place:
            tail.end += place.end()
            tail.cont = True
    subtitle = False
    progress = True
    while progress:
        progress = False
        for what, rx in _TITLE_STEPS:
            m = rx.match(text, tail.end)
            if m and m.end() > tail.end:
                if what == "year" and m.group(0).count("(") != m.group(0).count(")"):
                    continue
                if what == "year" and tail.year:
                    continue
                tail.end = m.end()
                tail.cont = tail.cont or what == "cont"
                tail.year = tail.year or what == "year"
                progress = True
        if not subtitle and (tail.cont or tail.year):
            m = _SUBTITLE_RE.match(text, tail.end)
            if m and len(m.group(0).split()) >= 3:
                tail.end = m.end()
                subtitle = progress = True
    # "X Guidelines on A and ASEAN Guidelines on B": two titles
    for two in _TWO_TITLES_RE.finditer(text, end, tail.end):
        if not re.search(r"\b" + _HEAD_END + r"$", text[:two.start()]):   # "Vision and Strategic Plan" is one
            tail.end = two.start()
            break
    # "... Declaration on X at the 44th ASEAN Summit": the meeting where it was adopted is no part of it
    where = re.search(r"\s+(?:at|during)\s+the\s+\d{1,3}(?:st|nd|rd|th)\b", text[end:tail.end])
    if where:
        tail.end = end + where.start()
    # a title does not end on a connector word or an open bracket
    while True:
        trimmed = re.search(r"(?:\s+(?:of|on|in|into|for|to|towards|and|the|a|an|as|&)|\s*\()$", text[:tail.end])
        if not trimmed or trimmed.start() <= end:
            break
        tail.end = trimmed.start()
    return tail


def _on_subject(rest: list[str], capitals: bool = False) -> bool:
    """Words after a meeting word that give its subject: "on (the) Environment", not "on Monday"
    nor "on ASEAN Integration" (an acronym starts no subject, except in a title all in capitals:
    "MEETING ON ENERGY")."""
    words = [w for w in rest[1:] if w != "the"]
    return len(rest) >= 2 and rest[0] == "on" and bool(words) and \
        bool(re.match(_NOT_TITLE + (r"[A-Z][A-Za-z]" if capitals else r"[A-Z][a-z]"), words[0]))


def _title_name(said: str) -> str:
    """A title as a name: bracketed acronyms out, a bracketed year span bare, one line."""
    name = re.sub(r"\s*" + _ACR, "", said)
    name = re.sub(r"\(((?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?)\)", r"\1", name)
    name = re.sub(r"\s+for\s+((?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2})$", r" \1", name)
    return " ".join(name.split())


# ---------------------------------------------------------------------------------------- helpers
def _strip_honorifics(name: str) -> str:
    """The name without the honorifics that lead it ("Datuk Seri X Tun Y" -> "X Tun Y": a title inside
    a name is part of it)."""
    lead = HONORIFICS_RE.match(name)
    return (name[lead.end():] if lead else name).strip() or name


def _clean_honorific(text: str) -> str | None:
    words = re.sub(r"\s+", " ", text).strip()
    # H.E. and Mr/Ms are forms of address, not honorifics of the person
    words = re.sub(r"^(?:H\.\s?E\.|HE|His Excellency|Her Excellency|Mrs\.?|Ms\.?|Mr\.?)\s*", "", words)
    roles = {"Minister", "Secretary", "Deputy", "Sultan"}
    words = " ".join(w for w in words.split() if w not in roles)
    return words or None


def _cache(gaz: Gazetteer) -> dict[str, Any]:
    return gaz.cache


def _state_pattern(gaz: Gazetteer) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    c = _cache(gaz)
    if "states" not in c:
        with collector_paused():  # built once per gazetteer (see ingest/gazetteer.py, BUILT ONCE)
            names: set[str] = set(DEMONYMS) | set(COUNTRIES) | set(STATE_ALIASES)
            for e in gaz.of_kind(C.MemberState, C.Country, C.Organization):
                names |= {lab for lab in e.labels if len(lab) > 2}
            if not names:
                c["states"] = None
            else:
                alt = c["state_alt"] = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
                c["states"] = (
                    re.compile(rf"\b(?P<state>{alt})(?:['’]s?)?\s+(?:[Ff]ormer\s+)?(?P<role>{ROLE_RE}|{'|'.join(BARE_TITLES)})(?:\s+and\s+(?P<role2>{ROLE_RE}))?"
                               r"(?![\w'’])"),
                    re.compile(rf"\b(?:(?P<role2>{ROLE_RE})\s+(?:and|&)\s+)?(?P<role>{ROLE_RE}|{'|'.join(BARE_TITLES)})(?:\s+of\s+(?:the\s+)?|,\s+(?:the\s+)?(?=(?:Kingdom|Republic|Socialist|Democratic|Sultanate|Union|State)\s)|"
                               rf"[ \t]+(?=(?:{alt})\s*,)|"   # "the Minister of Defence Malaysia, Dato' Seri X"
                               rf",[ \t]+(?=(?:{alt})\s*(?:[.;]|$)))"   # "X, Minister of Tourism, Malaysia."
                               # "Minister of Commerce of the Royal Government of Cambodia"
                               r"(?P<formal>(?:(?:Royal\s+)?Government\s+of\s+(?:the\s+)?)?"
                               r"(?:(?:Kingdom|Republic|Socialist\s+Republic|Democratic\s+Republic|Sultanate|Union|State)"
                               r"\s+of\s+(?:the\s+)?)?)"
                               rf"(?P<state>{alt})\b"),
                )
    found = c["states"]
    return found  # type: ignore[no-any-return]


_REPRESENTATIVE = r"(?:(?:[Pp]ermanent|[Aa]lternate)\s+)?[Rr]epresentative"
_REPRESENTED = "(?:" + "|".join(sorted(REPRESENTED_BODIES, key=len, reverse=True)) + ")"


def _representative_pattern(gaz: Gazetteer) -> re.Pattern[str] | None:
    """"Representative of X to (the) AICHR", "X's Permanent Representative to ASEAN" (X a state's name)."""
    c = _cache(gaz)
    if "representatives" not in c:
        if _state_pattern(gaz) is None:
            c["representatives"] = None
        else:
            alt = c["state_alt"]
            with collector_paused():  # built once per gazetteer, as _state_pattern's
                c["representatives"] = re.compile(
                    rf"(?<![\w'’-])(?:(?P<office>{_REPRESENTATIVE})\s+of\s+(?:the\s+)?(?P<state>{alt})|"
                    rf"(?P<state2>{alt})(?:['’]s?)?\s+(?P<office2>{_REPRESENTATIVE}))"
                    rf"\s+to\s+(?:the\s+)?(?P<org>{_REPRESENTED})(?![\w'’-])")
    return c["representatives"]  # type: ignore[no-any-return]


# a head of state's or government's post, or a minister's, written in lower case after the state or its
# demonym ("Cambodia's defence minister", "the Myanmar state counselor", "South Korean president X",
# "Malaysian minister of Agriculture and Food Security X"): read as the capitalised title
_LOWER_ROLES = (r"(?:deputy\s+)?prime\s+minister|(?:vice[\s-])?president|(?:deputy\s+)?foreign\s+minister|"
                r"(?:deputy\s+)?defen[cs]e\s+minister|state\s+counsell?or|"
                r"(?:deputy\s+)?minister\s+(?:of|for)\s+" + PORTFOLIO)


def _lower_role_pattern(gaz: Gazetteer) -> re.Pattern[str] | None:
    c = _cache(gaz)
    if "lower_roles" not in c:
        alt = _state_alt(gaz)
        with collector_paused():  # built once per gazetteer, as _state_pattern's
            c["lower_roles"] = re.compile(rf"\b(?P<state>{alt})(?:['’]s?)?\s+(?P<role>{_LOWER_ROLES})(?![\w'’-])") \
                if alt else None
    return c["lower_roles"]  # type: ignore[no-any-return]


def _capitalise_role(said: str) -> str:
    """"defence minister" -> "Defence Minister", "minister of Agriculture and Food" -> "Minister of ..."."""
    return " ".join(w if w in ("of", "for", "and", "&") else "-".join(p[:1].upper() + p[1:] for p in w.split("-"))
                    for w in said.split())


def _untitled_post_re(gaz: Gazetteer) -> re.Pattern[str] | None:
    """A name without a title before a comma and a post ("Jane Roe, Minister of Trade", "Jane
    Roe, Ruritania's Deputy Foreign Minister", "Jane Roe bin Doe, deputy Secretary-General of ...")."""
    c = _cache(gaz)
    if "untitled_post" not in c:
        alt = _state_alt(gaz)
        c["untitled_post"] = re.compile(
            # not a day ("Last Friday, Director of X ..."): no weekday or month in the name
            # nor the end of a longer name ("Keeper of the Royal Seals, the Minister of X")
            r"(?<![\w'’.-])(?<!\bof\s)(?<!\bthe\s)"
            r"(?!(?:[A-Z][a-z]+\s+){0,3}(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
            + MONTH_RE + r")\b)(?!(?:Last|Next|This|Earlier|Later)\s)"
            r"(?=" + _NAME_WORD + r"(?:\s+(?:(?:bin|binti|bte)\s+)?(?:" + _NAME_WORD
            + r"|[A-Z]\.)){1,3},\s+(?:the\s+)?"
            + (rf"(?:(?:{alt})['’]s?\s+)?" if alt else "")
            # a middle initial ("Jane Q. Roe, Speaker of the House of X"); an office of an institution
            + rf"(?:(?:{ROLE_RE})(?![\w'’-])|{INSTITUTION_OFFICES}\s+(?:of|at)\s+the\s+[A-Z]))")
    found = c["untitled_post"]
    return found  # type: ignore[no-any-return]


def _state_alt(gaz: Gazetteer) -> str | None:
    """The alternation of every state's name, demonym and alias (the one the post patterns use)."""
    _state_pattern(gaz)
    found = _cache(gaz).get("state_alt")
    return found if isinstance(found, str) else None


def _posts_by_role(gaz: Gazetteer) -> dict[tuple[str, str], list[str]]:
    c = _cache(gaz)
    if "posts" not in c:
        with collector_paused():  # built once per gazetteer (see ingest/gazetteer.py, BUILT ONCE)
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
        with collector_paused():  # built once per gazetteer (see ingest/gazetteer.py, BUILT ONCE)
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
        with collector_paused():  # built once per gazetteer (see ingest/gazetteer.py, BUILT ONCE)
            c["bodies"] = {" ".join(norm_key(lab)): e.id for e in gaz.of_kind(C.Body) for lab in e.labels
                           if len(norm_key(lab)) >= 3}
    found = c["bodies"]
    return found  # type: ignore[no-any-return]
