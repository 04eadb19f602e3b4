"""The extractor's word lists and cue phrases, read once from ``cues.yaml`` beside this module.

Everything a rule matches on that is language rather than logic lives in that file: honorifics,
abbreviations, demonyms, post roles, document heads, meeting heads and the cue phrases of each
relation rule. Code refers to them by these names; a missing key fails at import.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Final

from graphkit import safeyaml

_DATA = safeyaml.load_file(Path(__file__).with_name("cues.yaml"))
_ENTITIES = safeyaml.load_file(Path(__file__).with_name("entities.yaml"))


def _strings(key: str, data: dict[str, object] = _DATA, name: str = "cues.yaml") -> list[str]:
    value = data[key]
    if not isinstance(value, list):
        raise TypeError(f"{name}: {key} must be a list")
    return [str(v) for v in value]


def _mapping(key: str) -> dict[str, str]:
    value = _DATA[key]
    if not isinstance(value, dict):
        raise TypeError(f"cues.yaml: {key} must be a mapping")
    return {str(k): str(v) for k, v in value.items()}


ABBREVIATIONS: Final = frozenset(_strings("abbreviations"))


def _latin_letters(upper: bool) -> str:
    """The Latin letters beyond ASCII of one case, for a regex character class: Latin-1, Latin
    Extended-A and -B and Latin Extended Additional, where Vietnamese writes its names ("Đỗ", "Đặng",
    "Trần", "Nguyễn", "Ngô"), and the accented letters of other names ("Avanceña")."""
    ranges = ((0xC0, 0x250), (0x1E00, 0x1F00))
    return "".join(c for lo, hi in ranges for c in map(chr, range(lo, hi))
                   if c.isalpha() and (c.isupper() if upper else c.islower()))


# a name's first letter and the letters after it, in any Latin script ("[" + NAME_UPPER + "]")
NAME_UPPER: Final = "A-Z" + _latin_letters(True)
NAME_LOWER: Final = "a-z" + _latin_letters(False)

HONORIFIC: Final = "(?:" + "|".join(sorted(_strings("honorifics"), key=len, reverse=True)) + ")"
NAME_STOP: Final = frozenset([*_strings("name_stop"), *_strings("more_name_stop", _ENTITIES, "entities.yaml")])
# cues.yaml's demonyms, then entities.yaml's of states outside ASEAN ("Russian", "South Korean")
DEMONYMS: Final = {**{str(k): str(v) for k, v in _ENTITIES["more_demonyms"].items()}, **_mapping("demonyms")}
# a portfolio's words stop at an honorific ("Minister of Trade Tengku Datuk Seri ...") and, after a
# plain space, at a word that is not a portfolio word (the holder's name)
PORTFOLIO_WORDS: Final = tuple(_strings("portfolio_words", _ENTITIES, "entities.yaml"))
_PORTFOLIO_WORD = "(?:" + "|".join(sorted(PORTFOLIO_WORDS, key=len, reverse=True)) + ")"
STATE_ALIASES: Final = _mapping("state_aliases")
# cues.yaml's states outside ASEAN, and entities.yaml's further ones
COUNTRIES: Final = tuple(dict.fromkeys([*_strings("countries"),
                                       *_strings("more_countries", _ENTITIES, "entities.yaml")]))
_STATE_NAMES = "(?:" + "|".join(re.escape(n) for n in sorted({*DEMONYMS.values(), *COUNTRIES, *STATE_ALIASES},
                                                              key=len, reverse=True)) + ")"
PORTFOLIO: Final = str(_ENTITIES["portfolio"]).replace("HONORIFIC", HONORIFIC).replace(
    "STATENAME", _STATE_NAMES).replace("PORTFOLIOWORD", _PORTFOLIO_WORD)
# cues.yaml's roles with a named office (foreign, defence ... minister) first, then entities.yaml's
# portfolio roles (portfolios with commas and "&"), then cues.yaml's other generic roles
_CUE_ROLES = [(str(r[0]), str(r[1]), str(r[2])) for r in _DATA["roles"]]
_FIRST_GENERIC = next((i for i, r in enumerate(_CUE_ROLES) if not r[1]), len(_CUE_ROLES))
ROLES: Final[list[tuple[str, str, str]]] = [
    (str(r[0]).replace("PORTFOLIOWORD", _PORTFOLIO_WORD).replace("PORTFOLIO", PORTFOLIO), str(r[1]), str(r[2]))
    for r in _ENTITIES["office_roles"]
] + _CUE_ROLES[:_FIRST_GENERIC] + [
    (str(r[0]).replace("PORTFOLIOWORD", _PORTFOLIO_WORD).replace("PORTFOLIO", PORTFOLIO), str(r[1]), str(r[2]))
    for r in _ENTITIES["post_roles"]
] + _CUE_ROLES[_FIRST_GENERIC:]
# a numbered office ("Minister of Defence II", a second minister of the same portfolio)
ROLE_MODIFIER: Final = str(_ENTITIES["role_modifiers"])
ROLE_RE: Final = (rf"(?:(?i:{ROLE_MODIFIER})[\s-]+)?(?:" + "|".join(f"(?:{p})" for p, _, _ in ROLES)
                  + r")(?:\s+II\b|\s+III\b)?")
DOC_HEADS: Final = {**_mapping("document_heads"),
                    **{str(k): str(v) for k, v in _ENTITIES["document_heads"].items()}}
PLURAL_DOC_HEADS: Final = {str(k): str(v) for k, v in _ENTITIES["plural_document_heads"].items()}
IN_HEADS: Final = frozenset(_strings("in_heads", _ENTITIES, "entities.yaml"))
TITLE_LEAD_LOWER: Final = str(_ENTITIES["title_lead_lower"])
STRONG_HEADS: Final = frozenset(_strings("strong_heads"))
GENERIC_MODIFIERS: Final = frozenset(_strings("generic_modifiers"))
MEETING_HEADS: Final = frozenset(_strings("meeting_heads"))
CONNECTORS: Final = frozenset(_strings("connectors"))
CONTEXT_ACRONYMS: Final = tuple(_strings("context_acronyms"))
STATEMENT_KINDS: Final = frozenset(_strings("statement_kinds"))
CUES: Final = _mapping("cues")
GENERIC_TOPICS: Final = frozenset(t.casefold() for t in _strings("generic_topics"))
BROAD_TOPIC_FORMS: Final = frozenset(t.casefold() for t in _strings("broad_topic_forms"))
BARE_TITLES: Final = tuple(_strings("bare_titles", _ENTITIES, "entities.yaml"))
BARE_TITLE_ROLES: Final = {str(k): (str(v[0]), str(v[1])) for k, v in _ENTITIES["bare_title_roles"].items()}
ORGANISATION_HEADS: Final = tuple(_strings("organisation_heads", _ENTITIES, "entities.yaml"))
BODY_HEADS: Final = tuple(_strings("body_heads", _ENTITIES, "entities.yaml"))
# words that make a name an organ of officials or ministers (a Body) without "ASEAN" in it
ORGAN_WORDS: Final = tuple(_strings("organ_words", _ENTITIES, "entities.yaml"))
# the pillars of the ASEAN Community, as a list of them writes them without "ASEAN": (name, bare-form regex)
PILLAR_BARE_NAMES: Final = tuple((str(k), "|".join(str(x) for x in v))
                                 for k, v in _ENTITIES["pillar_bare_names"].items())
ASEAN_MARKERS: Final = frozenset(_strings("asean_markers", _ENTITIES, "entities.yaml"))
NAMED_INSTRUMENT_HEADS: Final = frozenset(_strings("named_instrument_heads", _ENTITIES, "entities.yaml"))
SESSION_SERIES: Final = tuple(_strings("session_series", _ENTITIES, "entities.yaml"))
CHAIRMANSHIP_PHRASES: Final = tuple(_strings("chairmanship_phrases", _ENTITIES, "entities.yaml"))
STATE_SHORT_NAMES: Final = {str(k): str(v) for k, v in _ENTITIES["state_short_names"].items()}
REPRESENTED_BODIES: Final = tuple(_strings("represented_bodies", _ENTITIES, "entities.yaml"))
NOT_CITIES: Final = frozenset(_strings("not_cities", _ENTITIES, "entities.yaml"))
GROUP_HEADS: Final = frozenset(_strings("group_heads", _ENTITIES, "entities.yaml"))
ASEAN_ORGANISATION_HEADS: Final = tuple(_strings("asean_organisation_heads", _ENTITIES, "entities.yaml"))
ASEAN_NAME_HEADS: Final = tuple(_strings("asean_name_heads", _ENTITIES, "entities.yaml"))
KNOWN_NAMES: Final = tuple((str(r[0]), str(r[1]), tuple(str(x) for x in r[2])) for r in _ENTITIES["known_names"])
PORTFOLIO_WORD: Final = _PORTFOLIO_WORD
MINISTRY_RES: Final = tuple(
    p.replace("PORTFOLIOWORD", PORTFOLIO_WORD).replace("PORTFOLIO", PORTFOLIO)
    for p in [*_strings("ministry_before", _ENTITIES, "entities.yaml"),
              *_strings("ministry_after", _ENTITIES, "entities.yaml")])

# an honorific is a whole word: "U Thant" but not the "U" of "Usman", "Dr" of "Drew", "Tun" of "Tunku"
# ("H.E.Brigido": one ending in a full stop may touch the name)
HONORIFICS_RE: Final = re.compile(rf"(?:\b{HONORIFIC}(?:(?<=\.)|(?![\w'’]))\s*)+")
NAME_TITLES: Final = "(?:" + "|".join(_strings("name_titles", _ENTITIES, "entities.yaml")) + ")"
# titles of rank and royal titles: kept in a person's mention, left out of the name
RANK: Final = "(?:" + "|".join([*_strings("rank_titles", _ENTITIES, "entities.yaml"), NAME_TITLES,
                                 r"\((?:Dr|Rtd|Retd)\)"]) + ")"
# a run of rank titles ending where a name starts ("Dato Seri Setia Awang Haji "): titles and a few
# title-case words between them
RANK_RUN_RE: Final = re.compile(rf"(?<![\w'’])(?:{RANK})(?![\w'’])(?:\s+(?:{RANK}|[A-Z][a-z]+))*\s+$")
# titles of rank and address that may stand between the honorifics and a person's name, one at a
# time at the name's start ("Setia", "Hj", "YB", "Shri", "Akka Moha Ponhea Chakrei"): left out of the name
NAME_LEAD_TITLES_RE: Final = re.compile(
    "(?:" + "|".join(_strings("name_lead_titles", _ENTITIES, "entities.yaml")) + r")[ \t]+(?=[" + NAME_UPPER + "])")
INSTITUTION_OFFICES: Final = "(?:" + "|".join(_strings("institution_offices", _ENTITIES, "entities.yaml")) + ")"
SPOKESPERSON_TITLES: Final = str(_ENTITIES["spokesperson_titles"])
INSTITUTION_HEADS: Final = "(?:" + "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in sorted(
    _strings("institution_heads", _ENTITIES, "entities.yaml"), key=len, reverse=True)) + ")"
# entities.yaml's cities the graph may lack: spelling -> the city's name
MORE_CITIES: Final = {str(v): str(k) for k, vs in _ENTITIES["more_cities"].items() for v in [k, *(vs or [])]}
UNTITLED_BEFORE_RE: Final = re.compile(str(_ENTITIES["untitled_before"]))
UNTITLED_ROLES_RE: Final = re.compile(r",\s+" + str(_ENTITIES["untitled_roles"]))
TITLE_TRIGGER_RE: Final = re.compile(
    rf"(?:\b{HONORIFIC}\s+)+|\b(?:Deputy\s+)?(?:Prime\s+Minister|President|Foreign\s+Minister|Secretary-General|"
    r"Secretary\s+General|Chairman|King|Senior\s+Minister|Minister|Undersecretary|Under-Secretary|"
    r"Assistant\s+Secretary|Secretary|Governor|Premier)\s+")
DOC_HEAD_RE: Final = re.compile(r"\b(" + "|".join(sorted((re.escape(h) for h in [*DOC_HEADS, *PLURAL_DOC_HEADS]),
                                                         key=len, reverse=True))
                                + r")\b(?!\s+(?:Centre|Center|Hall|Hotel)\b)")   # "National Convention Centre": a venue
SPEECH_VERBS: Final = re.compile(r"\b" + CUES["speech_verbs"] + r"\b")
MEETING_ANAPHORA: Final = re.compile(r"\b" + CUES["meeting_anaphora"] + r"\b")


COUNTRY_RE: Final = re.compile(
    r"\b(?<!['’])(?:" + "|".join(re.escape(n) for n in sorted({*COUNTRIES, *STATE_ALIASES}, key=len, reverse=True))
    + r")(?![\w-]|['’](?![sS]\b)|\$|\s+News\b)")   # "Serbia's" names Serbia; "US$", "Vietnam News Agency" do not


def cue(name: str, tail: str = "") -> re.Pattern[str]:
    """The compiled cue phrase ``name`` of cues.yaml, as a whole word, followed by ``tail``."""
    return re.compile(r"\b" + CUES[name] + r"\b" + tail)


def not_a_city(name: str) -> bool:
    """A state, province, island or region, not a city: one of ``not_cities``, or a name ending in Island(s)
    or Province, or an island written "Pulau X" ("Boracay Island", "Buriram Province", "Pulau Tioman"). The
    annotation has no type for them; a meeting held there is held in the country."""
    name = " ".join(name.split())
    return name in NOT_CITIES or bool(re.search(r"\s(?:[Ii]slands?|[Pp]rovince)$|^Pulau\s", name))
