"""One lookup: a user's name for an entity -> the entity, the candidates to choose from, or nothing.

Every command that takes a name (``links``, ``explain``, ``trace``, ``export --around``, saved-query
parameters) resolves it here, with one ambiguity policy and one result type, :class:`Lookup`.
A name may be an id (``person/mohamad-hasan``, any case), an IRI, the name, an acronym, an
alternative name or a known misspelling; near misses are scored fuzzily ("Mohamad Hassan").

Names in every script: :func:`normalise` keeps Thai, Lao, Khmer, Burmese and other scripts (only
Latin accents are dropped), and :func:`translit_key` gives every label a Latin key through
``anyascii`` (a maintained, table-driven transliterator covering every Unicode script), so
``ประเทศไทย`` is found in its own script and through its romanisation, and "Viet Nam" finds
"Việt Nam".

Names come from the store itself (:func:`store_entries`, SPARQL over the SKOS labels, so no Cypher
copy is needed) or from engine/projection rows (:func:`row_entries`); both become the same
:class:`NameEntry` and go through the same :func:`resolve_name`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal, TypedDict

from graphkit.errors import EntityNotFoundError
from graphkit.terms import IRI, P
from graphkit.vocab import ID_BASE, entity_id, entity_iri, vocabulary

if TYPE_CHECKING:
    from graphkit.store import Store

Status = Literal["match", "ambiguous", "none"]

# exact matches outrank any fuzzy score (fuzzy scores are 0-100)
EXACT_SCORES: dict[str, float] = {"key": 200.0, P.name: 120.0, P.acronym: 116.0, P.altNames: 112.0,
                                  P.misspellings: 108.0, "translit": 104.0}
ACCEPT_FUZZY = 80.0
ACRONYM_LEAD = 96.0
SUGGEST = 70.0  # below this a candidate is a suggestion, not a match
NEAR = 45.0  # ... and below this not even that ("did you mean" falls back to character similarity)
CLEAR_MARGIN = 3.0  # a fuzzy winner must lead the runner-up by this much
LABEL_KEYS: tuple[str, ...] = (P.name, P.acronym, P.altNames, P.misspellings)
LABEL_IRIS: dict[str, str] = {IRI.name: P.name, IRI.acronym: P.acronym, IRI.altNames: P.altNames,
                              IRI.misspellings: P.misspellings}


# ---------------------------------------------------------------------------------------- keys

@lru_cache(maxsize=262144)
def normalise(text: str) -> str:
    """Case-folded words in their own script: Latin accents dropped, punctuation to spaces.

    ``"The ASEAN Ministers’ Meeting"`` -> ``"asean ministers meeting"``; ``"Hà Nội"`` -> ``"ha noi"``;
    Thai, Lao, Khmer and Burmese letters and their vowel signs are kept (``"ประเทศไทย"`` stays).
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"['’`]s\b", "s", text)
    text = text.replace("+", " plus ")  # "ADMM+" is ADMM-Plus, not ADMM
    out: list[str] = []
    for ch in unicodedata.normalize("NFD", text):
        cat = unicodedata.category(ch)
        if cat[0] == "M":
            # a combining mark on a Latin letter is an accent; in other scripts it is part of the word
            if out and out[-1].isascii():
                continue
            out.append(ch)
        elif cat[0] in "LN":
            out.append(ch)
        else:
            out.append(" ")
    words = unicodedata.normalize("NFC", "".join(out)).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


@lru_cache(maxsize=65536)
def translit_key(text: str) -> str:
    """The Latin transliteration key of a name (anyascii, then :func:`normalise`)."""
    from anyascii import anyascii

    return normalise(anyascii(unicodedata.normalize("NFC", text)))


def is_latin(text: str) -> bool:
    """True when a normalised text has only ASCII letters, digits and spaces."""
    return text.isascii()


# ---------------------------------------------------------------------------------------- entries

@dataclass(frozen=True)
class Label:
    """One name of an entity: the text, how it names it (a label key), its language tag if any."""

    text: str
    how: str
    lang: str = ""

    @property
    def norm(self) -> str:
        return normalise(self.text)


@dataclass(frozen=True)
class NameEntry:
    """An entity as the lookup sees it: IRI, short id (key), name, kind and every label."""

    id: str
    key: str
    name: str
    kind: str
    labels: tuple[Label, ...] = ()
    row: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)
    # precomputed (how, normalised label, transliteration key)
    _keys: tuple[tuple[str, str, str], ...] = field(default=(), compare=False, hash=False, repr=False)

    @classmethod
    def make(cls, iri: str, name: str, kind: str, labels: Iterable[Label],
             row: Mapping[str, Any] | None = None) -> NameEntry:
        """An entry with its matching keys computed once."""
        labs = tuple(dict.fromkeys(lab for lab in labels if lab.text.strip()))
        keys = tuple((lab.how, lab.norm, translit_key(lab.text)) for lab in labs)
        return cls(iri, entity_id(iri), name, kind, labs, dict(row or {}), keys)


class CandidateRow(TypedDict):
    """One candidate as a row, the same in every output format."""

    score: int
    name: str
    kind: str
    key: str
    matched: str


@dataclass(frozen=True)
class Candidate:
    """An entity scored against the user's text, with the label that matched and how."""

    entry: NameEntry
    score: float
    matched: str
    how: str

    @property
    def id(self) -> str:
        return self.entry.id

    @property
    def key(self) -> str:
        return self.entry.key

    @property
    def name(self) -> str:
        return self.entry.name

    @property
    def kind(self) -> str:
        return self.entry.kind

    @property
    def row(self) -> dict[str, Any]:
        """The engine or projection row this entry came from (id, key, name and kind at least)."""
        base: dict[str, Any] = {"id": self.id, "key": self.key, "name": self.name, "kind": self.kind}
        base.update(self.entry.row)
        return base

    def as_row(self) -> CandidateRow:
        return {"score": round(self.score), "name": self.name, "kind": self.kind, "key": self.key,
                "matched": self.matched}

    def label(self) -> str:
        """``Name (key)``, for messages."""
        return f"{self.name} ({self.key})" if self.name and self.name != self.key else self.key


CANDIDATE_COLUMNS: list[str] = list(CandidateRow.__annotations__)


@dataclass
class Lookup:
    """What a text names: one clear ``best`` match, several ``candidates``, or ``suggestions``."""

    text: str
    best: Candidate | None = None
    candidates: list[Candidate] = field(default_factory=list)
    suggestions: list[Candidate] = field(default_factory=list)

    @property
    def status(self) -> Status:
        if self.best is not None:
            return "match"
        return "ambiguous" if self.candidates else "none"

    def rows(self) -> list[CandidateRow]:
        """The candidates (or, when there are none, the suggestions) as rows for any --format."""
        return [c.as_row() for c in (self.candidates or self.suggestions)]

    def pairs(self) -> list[tuple[float, dict[str, Any]]]:
        """(score, row) pairs of the candidates, for renderers that take those."""
        return [(float(r["score"]), dict(r)) for r in self.rows()]

    def require(self) -> Candidate:
        """The clear match; otherwise raises :class:`NameNotFoundError` (exit 3) with the rows."""
        if self.best is not None:
            return self.best
        raise NameNotFoundError(self)


class NameNotFoundError(EntityNotFoundError):
    """A name named nothing, or several entities about equally; carries the :class:`Lookup`."""

    def __init__(self, lookup: Lookup, what: str = "entity") -> None:
        self.lookup = lookup
        self.rows = lookup.rows()
        if lookup.candidates:
            message = f"{lookup.text!r} names {len(lookup.candidates)} entities; give the key of the one you mean"
        else:
            message = f"no {what} is called {lookup.text!r}"
        super().__init__(message, [c.label() for c in (lookup.candidates or lookup.suggestions)])


# ---------------------------------------------------------------------------------------- sources

NAMES_QUERY = """
SELECT ?e ?p ?label (LANG(?label) AS ?lang) WHERE {
  VALUES ?p { skos:prefLabel skos:altLabel skos:notation skos:hiddenLabel }
  ?e ?p ?label FILTER(isIRI(?e))
}"""


def store_entries(store: Store, merged: bool = True, canon: Mapping[str, str] | None = None) -> list[NameEntry]:
    """Every named entity in the store (all graphs), with its labels and language tags.

    With ``merged`` (the default), ids that an xref decision merged (``owl:sameAs``) are one entry
    under the canonical id, holding every member's names (graphkit.xref.canonical_ids; ``canon``
    when the caller has it already).
    """
    from graphkit.xref import canonical_ids

    v = vocabulary()
    if canon is None:
        canon = canonical_ids(store) if merged else {}
    labels: dict[str, list[Label]] = {}
    own_names: dict[str, list[str]] = {}
    named: set[str] = set()   # every subject with a label
    for r in store.select(NAMES_QUERY)[1]:
        iri = str(r["e"])
        named.add(iri)
        lab = Label(str(r["label"]), LABEL_IRIS[str(r["p"])], str(r["lang"] or ""))
        if lab.how == P.name:
            own_names.setdefault(iri, []).append(lab.text)
        head = canon.get(iri, iri)
        if head != iri and lab.how == P.name:
            lab = Label(lab.text, P.altNames, lab.lang)  # a merged member's name is an alias of the merged node
            labels.setdefault(head, []).append(Label(entity_id(iri), "key"))  # and its id still finds it
        labels.setdefault(head, []).append(lab)
    # the named subjects' types, from one scan of the rdf:type facts of every graph (a SPARQL join of
    # the label and type patterns over the union graph took 4-5 s at 1M facts, the scan ~1.5 s)
    from graphkit.store import NamedNode, to_python

    types: dict[str, set[str]] = {}
    for q in store.quads(predicate=RDF_TYPE_IRI):
        if isinstance(q.subject, NamedNode):
            e = q.subject.value
            if e in named:
                types.setdefault(canon.get(e, e), set()).add(str(to_python(q.object)))
    out = []
    for iri, labs in labels.items():
        kinds = v.labels(types.get(iri, set()))
        names = sorted(own_names.get(iri, [])) or sorted(lab.text for lab in labs if lab.how == P.altNames)
        out.append(NameEntry.make(iri, names[0] if names else entity_id(iri), kinds[0] if kinds else "", labs))
    out.sort(key=lambda e: e.key)
    return out


RDF_TYPE_IRI = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def entity_entries(store: Store, iris: Iterable[str], canon: Mapping[str, str]) -> dict[str, NameEntry | None]:
    """:func:`store_entries` for single entities: the entry of the merged node (``canon``, from
    graphkit.xref.canonical_ids) of each IRI, or None when it has no name. Each member of a merged
    node is read by subject (one index lookup), never by a scan, so the cost follows the number of
    IRIs, not the store's size; the entries equal those :func:`store_entries` gives."""
    from graphkit.store import to_python

    v = vocabulary()
    members: dict[str, set[str]] = {}
    for m, h in canon.items():
        members.setdefault(h, set()).add(m)
    out: dict[str, NameEntry | None] = {}
    for head in sorted({canon.get(i, i) for i in iris}):
        labels: list[Label] = []
        own_names: list[str] = []
        types: set[str] = set()
        for iri in sorted({head, *members.get(head, ())}):
            named = False
            its_types: set[str] = set()
            for q in store.quads(subject=iri):
                p = q.predicate.value
                if p == RDF_TYPE_IRI:
                    its_types.add(str(getattr(q.object, "value", "")))
                    continue
                how = LABEL_IRIS.get(p)
                if how is None:
                    continue
                named = True
                lab = Label(str(to_python(q.object)), how, str(getattr(q.object, "language", None) or ""))
                if how == P.name and iri == head:
                    own_names.append(lab.text)
                if iri != head and how == P.name:
                    lab = Label(lab.text, P.altNames, lab.lang)
                    labels.append(Label(entity_id(iri), "key"))
                labels.append(lab)
            if named:
                types |= its_types
        if not labels:
            out[head] = None
            continue
        kinds = v.labels(types)
        names = sorted(own_names) or sorted(lab.text for lab in labels if lab.how == P.altNames)
        out[head] = NameEntry.make(head, names[0] if names else entity_id(head), kinds[0] if kinds else "", labels)
    return out


def row_entries(rows: Iterable[Mapping[str, Any]]) -> list[NameEntry]:
    """Entries from engine ``names()`` rows or projection node properties (id, key, name, kind, labels)."""
    out = []
    for r in rows:
        iri = str(r.get("id") or entity_iri(str(r.get("key") or "")))
        labs = [Label(str(r.get(P.name) or ""), P.name)]
        for how in (P.acronym, P.altNames, P.misspellings):
            value = r.get(how) or []
            labs.extend(Label(str(x), how) for x in ([value] if isinstance(value, str) else value))
        out.append(NameEntry.make(iri, str(r.get(P.name) or r.get("key") or ""), str(r.get("kind") or ""), labs, r))
    return out


# ---------------------------------------------------------------------------------------- scoring

def _word_cover(query: str, label: str) -> float:
    """How much of the query the label holds: each query word's best fuzzy match, weighted by length."""
    from rapidfuzz import fuzz

    words = label.split()
    qwords = query.split()
    if not words or not qwords:
        return 0.0
    total = sum(len(w) for w in qwords)
    return sum(len(w) * max(fuzz.ratio(w, x) for x in words) for w in qwords) / total


def _fuzzy(q: str, n: str) -> float:
    coverage = min(len(q), len(n)) / max(len(q), len(n))
    return min(99.0, _word_cover(q, n) * (0.85 + 0.15 * coverage))


def _as_id(text: str) -> str | None:
    """The IRI a text spells as an id or IRI, if it looks like one."""
    t = text.strip()
    if t.startswith("<") and t.endswith(">"):
        return t[1:-1]
    if t.startswith(("http://", "https://")):
        return t
    if "/" in t and " " not in t:
        return ID_BASE + t.removeprefix("id:").lower()
    return None


def score(entry: NameEntry, text: str) -> tuple[float, str, str]:
    """How well ``text`` names ``entry``: (score, the label that matched, how)."""
    raw = text.strip()
    if _as_id(raw) == entry.id or raw == entry.key:
        return EXACT_SCORES["key"], entry.key, "key"
    q = normalise(raw)
    qkey = translit_key(raw)
    best: tuple[float, str, str] = (0.0, "", "")
    for lab, (how, n, key) in zip(entry.labels, entry._keys, strict=True):
        if not n:
            continue
        if n == q:
            cand = (EXACT_SCORES[how], lab.text, how)
        elif key and key == qkey:
            cand = (EXACT_SCORES["translit"], lab.text, "translit")
        elif how == P.acronym and n.startswith(q + " "):
            cand = (ACRONYM_LEAD, lab.text, how)  # "APSC" leads "APSC Council"
        elif how == "key":
            continue  # an id matches exactly or not at all
        elif is_latin(q) and is_latin(n):
            cand = (_fuzzy(q, n), lab.text, "fuzzy")
        elif key and qkey:
            cand = (_fuzzy(qkey, key), lab.text, "fuzzy")  # across scripts, through the Latin keys
        else:
            continue
        if cand[0] > best[0]:
            best = cand
    if 0 < best[0] < 100:
        # on a tie, a standing entity (a body, a state, a document) is likelier meant than one occurrence
        best = (min(99.0, best[0] + vocabulary().lookup_bonus(entry.kind)), best[1], best[2])
    return best


ACRONYM_SKIPS = frozenset({"on", "of", "and", "the", "for", "in", "to"})
"""Words an acronym usually skips: AMMTC is the ASEAN Ministerial Meeting *on* Transnational Crime."""


def _initials_match(acronym: str, tokens: list[str]) -> str | None:
    """The run of ``tokens`` whose initials spell ``acronym`` (skipping small words), if any."""
    for i in range(len(tokens)):
        if tokens[i] in ACRONYM_SKIPS:
            continue
        initials = ""
        for j in range(i, len(tokens)):
            if tokens[j] in ACRONYM_SKIPS and initials:
                continue
            initials += tokens[j][0]
            if not acronym.startswith(initials):
                break
            if initials == acronym and j > i:
                return " ".join(tokens[i:j + 1])
    return None


def acronym_words(entries: Sequence[NameEntry]) -> dict[str, str]:
    """Each acronym -> the words of its entity's name it abbreviates, read off the initials:
    ``apsc`` -> ``asean political security community`` (from the acronym "APSC Council" of the
    ASEAN Political-Security Community Council). Used to read "29th APSC Council" as a meeting.

    An acronym two entities share (the ADMM's and the ADMM-Plus's "ADMM") gets the words of the one
    with the smallest key, whatever order ``entries`` come in (the engine's ``names()`` order differs
    from one process to the next), as the name index does (graphkit.engines.name_index)."""
    out: dict[str, str] = {}
    for e in sorted(entries, key=lambda e: e.key):
        name = normalise(e.name).split()
        for how, n, _key in e._keys:
            if how != P.acronym or not n:
                continue
            head, *rest = n.split()
            if len(head) < 2 or head in out:
                continue
            # "apsc council": the words after the acronym end the name too
            body = name[: len(name) - len(rest)] if rest and name[len(name) - len(rest):] == rest else name
            # initials that do not spell it (AMM: ASEAN Foreign Ministers' Meeting): the whole name
            out[head] = _initials_match(head, body) or " ".join(body)
    return out


ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$")
ORDINAL_MISMATCH = 30.0
"""Taken off a fuzzy score when the text and the name carry different ordinals ("28th" / "18th")."""
ORDINAL_MISSING = 8.0
"""Taken off when the text has an ordinal and the name none ("28th APSC Council" / the Council)."""


def _ordinals(text: str) -> frozenset[str]:
    return frozenset(t for t in normalise(text).split() if ORDINAL.match(t))


def _spelled_out(text: str, words: dict[str, str]) -> str | None:
    """The text with its acronyms written out, when it has other words too (else None)."""
    tokens = normalise(text).split()
    if len(tokens) < 2 or not any(t in words for t in tokens):
        return None
    return " ".join(words.get(t, t) for t in tokens)


def resolve_name(entries: Sequence[NameEntry], text: str, kinds: Iterable[str] | None = None,
                 limit: int = 8) -> Lookup:
    """Rank every entry against ``text`` and apply the one ambiguity policy.

    ``kinds`` keeps entries of these kinds (or their subclasses). ``best`` is set when an exact
    match (id, name, acronym, alias, misspelling, transliteration) beats every other, or a fuzzy
    match of at least 80 leads the runner-up by 3 points; otherwise the ``candidates`` scoring
    70 or more are listed, or, when there are none, the nearest names as ``suggestions``.
    """
    pool = _of_kinds(entries, kinds)
    return rank(pool, text, acronym_words(entries), limit, lambda: suggestions(pool, text))


def rank(pool: Sequence[NameEntry], text: str, words: dict[str, str], limit: int = 8,
         nearest: Callable[[], list[Candidate]] | None = None) -> Lookup:
    """:func:`resolve_name` on a ``pool`` already filtered by kind, with the acronym words of the
    whole store (:func:`acronym_words`) given: an index that hands over only the entries that can
    score (graphkit.engines.name_index) gets the same answer as the full scan. ``nearest`` gives
    the "did you mean" names when nothing scores even as a suggestion (None: none)."""
    scored = []
    near = []
    # "29th APSC Council" is also read as "29th ASEAN Political-Security Community Council"; each
    # entry keeps the better of the two readings.
    spelled = _spelled_out(text, words)
    wanted = _ordinals(text)
    for e in pool:
        s, matched, how = score(e, text)
        if spelled is not None and how != "key":
            alt = score(e, spelled)
            if min(alt[0], 99.0) > s:  # read through the acronym: as good as a near name, never an exact one
                s, matched, how = min(alt[0], 99.0), alt[1], "fuzzy"
        if wanted and how == "fuzzy":
            # "28th" names one meeting of a series: another number is another meeting, and a
            # name without a number (the body itself) is a less likely reading
            has = _ordinals(e.name)
            if has != wanted:
                s -= ORDINAL_MISMATCH if has else ORDINAL_MISSING
        if s >= SUGGEST:
            scored.append(Candidate(e, s, matched, how))
        elif s >= NEAR:
            near.append(Candidate(e, s, matched, "suggestion"))
    scored.sort(key=lambda c: (-c.score, c.name, c.key))
    scored = scored[:limit]
    result = Lookup(text)
    if not scored:
        # the nearest by the same scoring (words of the text found in the name), else by characters
        near.sort(key=lambda c: (-c.score, c.name, c.key))
        result.suggestions = near[:5] or (nearest() if nearest is not None else [])
        return result
    top = scored[0].score
    runner_up = scored[1].score if len(scored) > 1 else 0.0
    if (top >= 100 and top > runner_up) or (top >= ACCEPT_FUZZY and top - runner_up >= CLEAR_MARGIN
                                            and runner_up < 100):
        result.best = scored[0]
    result.candidates = scored
    return result


def of_kinds(kinds: Iterable[str]) -> Callable[[str], bool]:
    """Whether a kind is one of ``kinds`` or a subclass of one."""
    wanted = set(kinds)
    v = vocabulary()

    def ok(kind: str) -> bool:
        return kind in wanted or (kind in v.classes and bool(wanted & set(v.classes[kind].ancestors)))

    return ok


def _of_kinds(entries: Sequence[NameEntry], kinds: Iterable[str] | None) -> Sequence[NameEntry]:
    if kinds is None:
        return entries
    ok = of_kinds(kinds)
    return [e for e in entries if ok(e.kind)]


def suggestions(entries: Sequence[NameEntry], text: str, limit: int = 5) -> list[Candidate]:
    """The nearest names for a "did you mean", compared through their Latin keys."""
    from rapidfuzz import fuzz, process

    q = translit_key(text)
    if not q:
        return []
    choices: dict[tuple[int, int], str] = {}
    for i, e in enumerate(entries):
        for j, (_how, _n, key) in enumerate(e._keys):
            if key:
                choices[(i, j)] = key
        choices[(i, -1)] = normalise(e.key.replace("/", " ").replace("-", " "))
    found = process.extract(q, choices, scorer=fuzz.WRatio, limit=limit * 4)
    if len(found) == limit * 4:
        # every name that ties with the last one kept, so the order the names came in decides nothing
        found = process.extract(q, choices, scorer=fuzz.WRatio, limit=None, score_cutoff=found[-1][1])
    # best score first; equal scores by key (the engine's row order may differ from run to run)
    found.sort(key=lambda f: (-f[1], entries[f[2][0]].key, f[2][1]))
    out: list[Candidate] = []
    seen: set[int] = set()
    for _key, s, (i, j) in found:
        if i in seen:
            continue
        seen.add(i)
        e = entries[i]
        out.append(Candidate(e, float(s), e.labels[j].text if j >= 0 else e.key, "suggestion"))
        if len(out) == limit:
            break
    return out


# ---------------------------------------------------------------------------------------- entry points

def lookup(store: Store, text: str, kinds: Iterable[str] | None = None) -> Lookup:
    """Resolve ``text`` against the names in the store (see :func:`resolve_name`)."""
    return resolve_name(store_entries(store), text, kinds)


def find(store: Store, text: str, kinds: Iterable[str] | None = None) -> Candidate:
    """The one entity ``text`` names in the store; raises :class:`NameNotFoundError` (exit 3)."""
    return lookup(store, text, kinds).require()


# ---------------------------------------------------------------------------------------- person names

# Honorifics and titles that precede a name in ASEAN texts, and particles inside Malay/Indonesian
# names ("bin", "binti"): none of them tells two people apart.
HONORIFICS: frozenset[str] = frozenset({
    "he", "mr", "mrs", "ms", "dr", "prof", "professor", "sir", "dato", "datuk", "datin", "seri", "sri", "tun",
    "puan", "pehin", "orang", "kaya", "pengiran", "awang", "dayang", "haji", "hajah", "hj", "samdech", "akka",
    "moha", "sena", "padei", "techo", "thipadei", "pol", "gen", "general", "lt", "col", "maj", "admiral", "police",
    "senator", "excellency", "his", "her", "ir", "drs", "u", "daw", "khun", "pak", "bapak", "ibu", "yb", "yab",
    "yang", "berhormat", "amat", "mulia", "tuan", "encik",
})
LEADING_PAIRS: frozenset[tuple[str, str]] = frozenset({("tan", "sri"), ("toh", "puan"), ("h", "e")})
NAME_PARTICLES: frozenset[str] = frozenset({"bin", "binti", "bte", "bt", "b", "a l", "a p", "al", "van", "de"})


def person_tokens(name: str) -> tuple[str, ...]:
    """The words of a person's name without honorifics and particles, through the Latin key."""
    words = translit_key(name).split()
    while words:
        if tuple(words[:2]) in LEADING_PAIRS:  # "Tan Sri" is a title, "Tan" alone a family name
            words = words[2:]
        elif words[0] in HONORIFICS:
            words = words[1:]
        else:
            break
    return tuple(w for w in words if w not in NAME_PARTICLES and w not in {"haji", "hajah", "hj"})


def person_name_score(a: str, b: str) -> tuple[float, str]:
    """How likely two person names name one person, from the names alone, and why (0 when unlikely).

    Same words -> 100; one name's words all inside the other's, at least two of them
    ("Khaled Nordin" / "Mohamed Khaled Nordin") -> 90; the same words spelt slightly differently
    ("Mohamad Hasan" / "Mohamad Hassan") -> up to 89. A single shared word is never enough.
    """
    from rapidfuzz import fuzz

    ta, tb = person_tokens(a), person_tokens(b)
    if not ta or not tb:
        return 0.0, ""
    if ta == tb or sorted(ta) == sorted(tb):
        return 100.0, "the same name without honorifics"
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if len(short) >= 2 and set(short) <= set(long_):
        return 90.0, f"{' '.join(short)!r} is part of {' '.join(long_)!r} (given/family-name variant)"
    if len(ta) == len(tb) and len(ta) >= 2:
        ratio = fuzz.token_sort_ratio(" ".join(ta), " ".join(tb))
        if ratio >= 88 and all(fuzz.ratio(x, y) >= 75 for x, y in zip(sorted(ta), sorted(tb), strict=True)):
            return min(89.0, float(ratio)), "the same words spelt differently"
    return 0.0, ""
