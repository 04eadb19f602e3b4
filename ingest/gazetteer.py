"""The extractor's gazetteer: every named entity in the graph, indexed for matching in text.

Built from the store (``Gazetteer.from_store``) or by hand in tests (``Gazetteer.add``). It holds
names, alternative names, acronyms and misspellings of every entity, meetings by (body, ordinal)
with their dates and places, posts with the state or organisation they belong to, and the SKOS
topics. Matching works on word tokens, so "Political-Security" finds "Political Security", and
"Ministers’ Meeting" finds "Ministers' Meeting".

An entity that only the document being extracted defines (its ``gk:extracted`` entities from a
previous run) does not count as known while that document is extracted again: see ``exclude``.
"""

from __future__ import annotations

import functools
import os
import pickle
import re
import sqlite3
import tempfile
from collections.abc import Callable, ItemsView, Iterable, Iterator, Mapping, ValuesView
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphkit.lock import pid_alive
from graphkit.lookup import person_name_score, person_tokens, translit_key
from graphkit.project import collector_paused
from graphkit.store import NamedNode, to_python
from graphkit.terms import IRI, C
from graphkit.vocab import RDF_TYPE, entity_id, entity_iri, vocabulary

if TYPE_CHECKING:
    from graphkit.store import Store

# A word: letters and digits, with the combining marks that belong to them. Python's \w leaves out
# the vowel signs and the coeng of Thai, Lao, Khmer and Burmese (Unicode category M), which would
# cut "ភ្នំពេញ" into four one-letter tokens; they are kept inside the word here.
_MARKS = ("\u0300-\u036f\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u0eb1\u0eb4-\u0ebc\u0ec8-\u0ecd"
          "\u102b-\u103e\u1056-\u1059\u105e-\u1060\u1062-\u1064\u1067-\u106d\u1071-\u1074"
          "\u1082-\u108d\u108f\u109a-\u109d\u17b4-\u17d3\u17dd")
TOKEN_RE = re.compile(rf"[^\W_](?:[^\W_]|[{_MARKS}])*", re.UNICODE)
TOPIC_SCHEME = "scheme/topics"

# Broad kinds the extractor reasons with; each entity gets the first that its classes reach.
KINDS = (C.Meeting, C.Person, C.Post, C.Body, C.MemberState, C.Country, C.Venue, C.City, C.Place,
         C.Organization, C.Chairmanship, C.Document, C.Topic)
# A person named differently from the graph ("Khaled Nordin" for "Mohamed Khaled Nordin", a
# spelling or honorific apart) is the known person when the names match this well
# (graphkit.lookup.person_name_score: 100 same words, 90 one name inside the other) ...
PERSON_MATCH = 90.0
# ... or, for names spelt a little differently (up to 89), when the text's context agrees too:
# the person holds a post, or a post in a state, that the text names.
PERSON_MATCH_WITH_CONTEXT = 85.0


def tokens(text: str) -> list[tuple[str, int, int]]:
    """Word tokens of ``text`` with their character spans (apostrophes and hyphens split words)."""
    return [(m.group(0), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]


def norm_key(text: str) -> tuple[str, ...]:
    """The matching key of a label: its lowercased word tokens."""
    return tuple(t.lower() for t, _, _ in tokens(text))


def fold_key(key: tuple[str, ...]) -> tuple[str, ...]:
    """A matching key through transliteration: Latin accents dropped, other scripts romanised
    (graphkit.lookup.translit_key). An all-ASCII key is its own folded key."""
    if all(t.isascii() for t in key):
        return key
    return tuple(w for t in key for w in translit_key(t).split())


def is_acronym(label: str) -> bool:
    """Labels without lower-case letters (APSC, TIP, KL) match only in the same case."""
    return not any(c.islower() for c in label) and any(c.isalpha() for c in label)


@dataclass
class Entity:
    """One entity of the graph as the extractor sees it."""

    id: str
    kind: str
    cls: str
    name: str = ""
    labels: set[str] = field(default_factory=set)
    graphs: set[str] = field(default_factory=set)
    classes: dict[str, set[str]] = field(default_factory=dict)  # graph -> class keys it states


@dataclass(frozen=True)
class MeetingInfo:
    """A numbered meeting: its body, ordinal, dates and city."""

    id: str
    body: str | None
    ordinal: int | None
    start: str | None
    location: str | None


# meeting ids by (body, ordinal) and by body
_MeetingIndex = tuple[dict[tuple[str | None, int | None], list[str]], dict[str | None, list[str]]]


@dataclass
class Gazetteer:
    """Entities by id, a token trie of their labels, meetings and posts."""

    entities: dict[str, Entity] = field(default_factory=dict)
    meetings: dict[str, MeetingInfo] = field(default_factory=dict)
    post_in: dict[str, str] = field(default_factory=dict)
    holds: dict[str, set[str]] = field(default_factory=dict)
    delivered: dict[tuple[str, str], set[str]] = field(default_factory=dict)  # (meeting, speaker) -> remarks
    exclude: str | None = None  # the graph being re-extracted: its own entities are not "known"
    _trie: dict[tuple[str, ...], set[tuple[str, bool]]] = field(default_factory=dict)
    _exact: dict[tuple[str, ...], set[str]] = field(default_factory=dict)
    # labels written with accents or in a non-Latin script, by their transliteration key's words
    _folded: dict[tuple[str, ...], set[tuple[str, bool]]] = field(default_factory=dict)
    _max_len: int = 1
    cache: dict[str, Any] = field(default_factory=dict, repr=False)  # the extractor's derived indexes
    _meeting_index: _MeetingIndex | None = field(default=None, repr=False, compare=False)  # see _meetings_by
    loaded: bool = field(default=False, repr=False, compare=False)  # read from a saved file (see load)
    # read from the file saved beside the store, by key (see load): its tables stand for the dicts above
    _saved: _SavedFile | None = field(default=None, repr=False, compare=False)
    _saved_words: Any = field(default=None, repr=False, compare=False)  # word -> (kind, id)s, by index (see load)

    # ------------------------------------------------------------------ building
    def add(self, eid: str, cls: str, name: str = "", labels: Iterable[str] = (), graph: str = "") -> Entity:
        """Add an entity (or more labels and a defining graph to one already there)."""
        self._clear_derived()
        ent = self.entities.get(eid)
        if ent is None:
            ent = Entity(eid, kind_of(cls), cls)
            self.entities[eid] = ent
        elif _more_specific(cls, ent.cls):
            ent.cls, ent.kind = cls, kind_of(cls)
        if graph:
            ent.graphs.add(graph)
        if name and not ent.name:
            ent.name = name
        for label in ([name] if name else []) + list(labels):
            self._index(ent, label)
        return ent

    def _index(self, ent: Entity, label: str) -> None:
        label = label.strip()
        key = norm_key(label)
        if not key or label in ent.labels:
            return
        ent.labels.add(label)
        self._trie.setdefault(key, set()).add((ent.id, is_acronym(label)))
        folded = fold_key(key)
        if folded != key and folded:
            self._folded.setdefault(folded, set()).add((ent.id, is_acronym(label)))
        if is_acronym(label):
            self._exact.setdefault(tuple(t for t, _, _ in tokens(label)), set()).add(ent.id)
        self._max_len = max(self._max_len, len(key))
        kept = self.cache.get(PREFIXES)
        if kept is not None:  # the label prefixes follow additions (see _clear_derived)
            raw, folded_prefixes = kept
            for n in range(1, len(key) + 1):
                raw.add(key[:n])
                folded_prefixes.add(key[:n])
            if folded != key and folded:
                folded_prefixes.update(folded[:n] for n in range(1, len(folded) + 1))

    def _clear_derived(self) -> None:
        """Drop the indexes derived from the entities (the extractor's, in ``cache``), except the label
        prefixes ``scan`` uses: :meth:`_index` adds a new label's, and a dropped label's may stay.
        That superset scans the same: a window grows past a key no label starts with only to
        end where the exact set would have ended it, since every label key found has all its
        prefixes in both sets. It is saved with the gazetteer (exact again) and kept in step by
        updates, so a run does not walk every label key of the gazetteer to make it."""
        kept = self.cache.get(PREFIXES)
        self.cache.clear()
        if kept is not None:
            self.cache[PREFIXES] = kept

    def add_meeting(self, info: MeetingInfo) -> None:
        """Record a numbered meeting's body, ordinal, date and city."""
        self._clear_derived()
        self._meeting_index = None
        self.meetings[info.id] = info

    def _meetings_by(self) -> _MeetingIndex:
        """Meeting ids by (body, ordinal) and by body, in the order they were added (built once)."""
        if self._meeting_index is None:
            by_number: dict[tuple[str | None, int | None], list[str]] = {}
            by_body: dict[str | None, list[str]] = {}
            with collector_paused():  # see BUILT ONCE below
                for m in self.meetings.values():
                    by_number.setdefault((m.body, m.ordinal), []).append(m.id)
                    by_body.setdefault(m.body, []).append(m.id)
            self._meeting_index = (by_number, by_body)
        return self._meeting_index

    # ------------------------------------------------------------------ looking up
    def known(self, eid: str) -> bool:
        """True when the entity is defined in the graph, other than by the excluded graph alone."""
        ent = self.entities.get(eid)
        if ent is None:
            return False
        return not ent.graphs or bool(ent.graphs - {self.exclude})

    def classes(self, eid: str) -> set[str]:
        """Class keys of an entity, as stated outside the excluded graph."""
        ent = self.entities.get(eid)
        if ent is None:
            return set()
        return {c for g, cs in ent.classes.items() if g != self.exclude for c in cs}

    def get(self, eid: str) -> Entity | None:
        """The entity with this id, if known."""
        return self.entities[eid] if self.known(eid) else None

    def lookup(self, label: str, kinds: Iterable[str] | None = None, context: Iterable[str] = ()) -> list[str]:
        """Ids that ``label`` names, known entities only, of ``kinds`` if given.

        First the labels equal to it (token-wise, case-insensitive except acronyms), then the same
        through transliteration keys ("Viet Nam" finds "Việt Nam", a romanised Thai name its
        script). When nothing matches and a person is wanted, a known person whose name is a
        variant of ``label`` (honorifics dropped, "Khaled Nordin" for "Mohamed Khaled Nordin", a
        spelling apart when ``context``, the ids of posts or states the text names, agrees): see
        :meth:`match_person`. An empty list means a new entity may be minted.
        """
        key = norm_key(label)
        exact = tuple(t for t, _, _ in tokens(label))
        wanted = set(kinds) if kinds else None

        def fits(eid: str) -> bool:
            ent = self.entities[eid]
            return self.known(eid) and (wanted is None or ent.kind in wanted or ent.cls in wanted)

        out = [eid for eid, acronym in sorted(self._trie.get(key, ()))
               if not (acronym and not self._acronym_fits(eid, exact)) and fits(eid)]
        if not out:
            out = [eid for eid, acronym in sorted(self._folded_entries(key) or ()) if not acronym and fits(eid)]
        if not out and wanted is not None and C.Person in wanted:
            found = self.match_person(label, context)
            out = [found] if found and fits(found) else []
        return out

    def _folded_entries(self, key: tuple[str, ...], folded: tuple[str, ...] | None = None
                        ) -> set[tuple[str, bool]] | None:
        """Labels matching ``key`` through transliteration: a label written with accents or in another
        script for a plain key, or a plain label for a key written with accents ("Việt Nam").
        ``folded`` is ``fold_key(key)`` when the caller has it already."""
        if folded is None:
            folded = fold_key(key)
        found = self._folded.get(folded)
        if folded != key:
            plain = self._trie.get(folded)
            found = (found | plain) if found and plain else (found or plain)
        return found

    def match_person(self, name: str, context: Iterable[str] = ()) -> str | None:
        """The one known person ``name`` is a variant of, or None (none, or several alike).

        Scores every known person sharing a name word with graphkit.lookup.person_name_score;
        ``context`` (ids of posts, states or meetings the text names) adds 5 for a post the person
        holds and 3 for a post of a named state. Accepted at PERSON_MATCH, or at
        PERSON_MATCH_WITH_CONTEXT when the context agrees; a tie is no match.
        """
        words = person_tokens(name)
        if len(words) < 2:
            return None
        index = self._person_words()
        pool = sorted({pid for w in words for pid in index.get(w, ())})
        ctx = set(context)
        scored: list[tuple[float, str]] = []
        for pid in pool:
            if not self.known(pid):
                continue
            ent = self.entities[pid]
            base = max((person_name_score(name, lab)[0] for lab in ent.labels), default=0.0)
            if base <= 0:
                continue
            posts = self.holds.get(pid, set())
            bonus = 5.0 if posts & ctx else 3.0 if {self.post_in.get(p) for p in posts} & ctx else 0.0
            if base >= PERSON_MATCH or (bonus and base >= PERSON_MATCH_WITH_CONTEXT):
                scored.append((base + bonus, pid))
        scored.sort(reverse=True)
        if not scored or (len(scored) > 1 and scored[1][0] == scored[0][0]):
            return None
        return scored[0][1]

    def _person_words(self) -> dict[str, set[str]]:
        """Known people by the words of their names (honorifics and particles dropped)."""
        index: dict[str, set[str]] | None = self.cache.get("person_words")
        if index is None:
            index = {}
            with collector_paused():  # see BUILT ONCE below
                for ent in self._of_kinds((C.Person,)):
                    if ent.kind == C.Person:
                        for lab in ent.labels:
                            for w in person_tokens(lab):
                                index.setdefault(w, set()).add(ent.id)
            self.cache["person_words"] = index
        return index

    def scan(self, text: str, offset: int = 0) -> Iterator[tuple[int, int, list[str]]]:
        """Leftmost-longest label matches in ``text``: (start, end, candidate ids).

        From each token the window grows only while it is the beginning of some label (raw or
        through transliteration), so the cost per token is the length of the longest label that
        starts there, not the length of the longest label of the gazetteer."""
        toks = tokens(text)
        raw_prefixes, folded_prefixes = self._prefixes()
        low = [t.lower() for t, _, _ in toks]
        folds = [(t,) if t.isascii() else self._fold_token(t) for t in low]
        i = 0
        while i < len(toks):
            key: tuple[str, ...] = ()
            fkey: tuple[str, ...] = ()
            ends: list[tuple[int, tuple[str, ...], tuple[str, ...]]] = []
            j = i
            while j < len(toks) and j - i < self._max_len:
                key += (low[j],)
                fkey += folds[j]
                if key not in raw_prefixes and fkey not in folded_prefixes:
                    break
                j += 1
                ends.append((j, key, fkey))
            found = None
            for j, key, fkey in reversed(ends):
                window = toks[i:j]
                ids = self._candidates(window, text, key, fkey)
                if ids:
                    found = (window[0][1] + offset, window[-1][2] + offset, ids)
                    i = j
                    break
            if found:
                yield found
            else:
                i += 1

    def _prefixes(self) -> tuple[set[tuple[str, ...]], set[tuple[str, ...]]]:
        """Every beginning of every label key, raw and transliterated (made once per gazetteer, saved
        with it, and kept in step by additions: see :meth:`_clear_derived`)."""
        cached = self.cache.get(PREFIXES)
        if cached is None:
            with collector_paused():  # see BUILT ONCE below
                cached = self.cache[PREFIXES] = self._label_prefixes()
        return cached

    def _label_prefixes(self) -> tuple[set[tuple[str, ...]], set[tuple[str, ...]]]:
        raw: set[tuple[str, ...]] = set()
        _add_prefixes(raw, self._trie)
        folded = set(raw)
        _add_prefixes(folded, self._folded)
        return raw, folded

    def _fold_token(self, token: str) -> tuple[str, ...]:
        memo: dict[str, tuple[str, ...]] = self.cache.setdefault("folded_tokens", {})
        out = memo.get(token)
        if out is None:
            out = memo[token] = tuple(translit_key(token).split())
        return out

    def _acronym_fits(self, eid: str, exact: tuple[str, ...]) -> bool:
        """An acronym label matches in its own case, or written as a word ("Asean" for ASEAN: the
        house style of many newspapers) when it is one token of five letters or more."""
        if eid in self._exact.get(exact, ()):
            return True
        if len(exact) == 1 and len(exact[0]) >= 5 and exact[0].isalpha() and exact[0][0].isupper() \
                and exact[0][1:].islower():
            return eid in self._exact.get((exact[0].upper(),), ())
        return False

    def _candidates(self, window: list[tuple[str, int, int]], text: str, key: tuple[str, ...] | None = None,
                    fkey: tuple[str, ...] | None = None) -> list[str]:
        if key is None:
            key = tuple(t.lower() for t, _, _ in window)
        entries = self._trie.get(key) or self._folded_entries(key, fkey)
        if not entries:
            return []
        exact = tuple(t for t, _, _ in window)
        first = window[0][0]
        out = []
        for eid, acronym in sorted(entries):
            if not self.known(eid):
                continue
            if acronym and not self._acronym_fits(eid, exact):
                continue
            ent = self.entities[eid]
            # Proper names start with a capital in running text; topics may not.
            # (scripts without case, such as Thai or Khmer, start names with no capital)
            if ent.kind != C.Topic and first[0].islower():
                continue
            out.append(eid)
        return out

    def meeting(self, body: str, ordinal: int) -> str | None:
        """The known meeting of ``body`` numbered ``ordinal``."""
        ids = (self._saved.meeting_ids(body, ordinal) if self._saved is not None
               else self._meetings_by()[0].get((body, ordinal), ()))
        for mid in ids:
            if self.known(mid):
                return mid
        return None

    def meetings_of(self, body: str) -> list[MeetingInfo]:
        """Known meetings of a body, by ordinal."""
        ids = (self._saved.meeting_ids(body, by_number=False) if self._saved is not None
               else self._meetings_by()[1].get(body, ()))
        out = [self.meetings[mid] for mid in ids if self.known(mid)]
        return sorted(out, key=lambda m: (m.ordinal or 0, m.id))

    def ending_with(self, key: tuple[str, ...], kind: str) -> set[str]:
        """Entities of ``kind`` (known or not) with a label whose key ends with ``key`` and is longer
        (``key`` a proper word-suffix of it). Looked up among the label keys that end with the same
        word: an index made once per gazetteer from the label keys (no label tokenised again, one
        entry per label rather than one per suffix), each answer kept until the entities change."""
        if not key:
            return set()
        memo: dict[tuple[str, ...], set[str]] = self.cache.setdefault(f"ending_with:{kind}", {})
        found = memo.get(key)
        if found is None:
            ending = (self._saved.keys_ending_with(key[-1], kind) if self._saved is not None
                      else self._keys_by_last_word(kind).get(key[-1], ()))
            n = len(key)
            found = memo[key] = {eid for lk, eid in ending if len(lk) > n and lk[-n:] == key}
        return found

    def _keys_by_last_word(self, kind: str) -> dict[str, list[tuple[tuple[str, ...], str]]]:
        """(label key, id) of the entities of ``kind`` by the key's last word (made once)."""
        index: dict[str, list[tuple[tuple[str, ...], str]]] | None = self.cache.get(f"keys_by_last_word:{kind}")
        if index is None:
            index = {}
            entities = self.entities
            with collector_paused():  # see BUILT ONCE below
                for key, entries in self._trie.items():
                    for eid, _ in entries:
                        if entities[eid].kind == kind:
                            index.setdefault(key[-1], []).append((key, eid))
            self.cache[f"keys_by_last_word:{kind}"] = index
        return index

    def of_kind(self, *kinds: str) -> list[Entity]:
        """Known entities of these kinds."""
        return [e for e in self._of_kinds(kinds) if self.known(e.id)]

    def _of_kinds(self, kinds: Iterable[str]) -> Iterable[Entity]:
        """Entities of these kinds, known or not, in the order they were added (for a gazetteer read
        from its saved file, read by kind)."""
        if self._saved is not None:
            return self._saved.of_kind(kinds)
        wanted = set(kinds)
        return (e for e in self.entities.values() if e.kind in wanted)

    def word_kinds(self, word: str) -> frozenset[str]:
        """The kinds of the known entities (:meth:`known`, as :meth:`of_kind` reads them) with ``word`` (lower
        case) among the words of their labels (:data:`LABEL_WORD_RE`): "lumpur" -> {City, Meeting ...}. For a
        gazetteer read from its saved file, answered by index, word by word (the file holds the words of the
        entities known when their rows were made); otherwise from an index of every label's words, made once."""
        if self._saved is not None:
            found: frozenset[tuple[str, str]] = self._saved_words.get(word) or frozenset()
            return frozenset(kind for kind, eid in found if self.exclude is None or self.known(eid))
        index: dict[str, frozenset[str]] | None = self.cache.get("word_kinds")
        if index is None:
            with collector_paused():  # see BUILT ONCE below
                kinds: dict[str, set[str]] = {}
                for e in self.entities.values():
                    if self.known(e.id):
                        for w in label_words(e.labels):
                            kinds.setdefault(w, set()).add(e.kind)
                index = self.cache["word_kinds"] = {w: frozenset(k) for w, k in kinds.items()}
        return index.get(word, frozenset())

    # ------------------------------------------------------------------ from the store
    @classmethod
    def from_store(cls, store: Store) -> Gazetteer:
        """Read every named entity, meeting, post and topic from the store.

        Every fact the gazetteer uses is about one subject (its types, labels, scheme, a
        meeting's body, ordinal, date and place, a post's state, a person's posts, a speech's
        meeting and speaker), so the store is read by predicate (one index scan each, no join)
        and the gazetteer is put together subject by subject; :meth:`update` redoes single
        subjects the same way."""
        gaz = cls()
        facts: dict[str, dict[str, list[tuple[str, Any]]]] = {}
        for pred in _PREDICATES:
            for q in store.quads(predicate=pred):
                if not isinstance(q.subject, NamedNode):
                    continue
                g = q.graph_name.value if isinstance(q.graph_name, NamedNode) else ""
                facts.setdefault(q.subject.value, {}).setdefault(pred, []).append((g, to_python(q.object)))
        for iri in sorted(facts):
            gaz._load_subject(iri, facts[iri])
        return gaz

    def update(self, store: Store, subjects: Iterable[str]) -> None:
        """Bring the gazetteer up to date for these subject IRIs (those whose quads changed), each
        read from the store by index: the result equals a new :meth:`from_store`."""
        changes = []
        for iri in sorted(set(subjects)):
            by_pred: dict[str, list[tuple[str, Any]]] = {}
            for q in store.quads(subject=iri):
                pred = q.predicate.value
                if pred in _PREDICATE_SET:
                    g = q.graph_name.value if isinstance(q.graph_name, NamedNode) else ""
                    by_pred.setdefault(pred, []).append((g, to_python(q.object)))
            changes.append((iri, by_pred))
        self._apply(changes)

    def _apply(self, changes: list[tuple[str, dict[str, list[tuple[str, Any]]]]]) -> None:
        """Redo these subjects from their facts (as :meth:`update` read them): in memory, or for a
        gazetteer read from its saved file, in that file (committed by :meth:`save`)."""
        self._clear_derived()
        if self._saved is not None:
            self._saved.redo(self, changes)
            self._max_len = self._saved.max_len
            return
        for iri, by_pred in changes:
            self._drop_subject(iri)
            if by_pred:
                self._load_subject(iri, by_pred)
        # _max_len stays an upper bound (raised by _index, never lowered here): scan stops a window
        # at the first key no label starts with, so a bound above the longest label changes nothing,
        # and recomputing it walked every label key of the gazetteer on every update

    def _load_subject(self, iri: str, facts: dict[str, list[tuple[str, Any]]]) -> None:
        """Add what the facts about one subject (predicate -> [(graph, value)]) tell the gazetteer."""
        v = vocabulary()
        eid = entity_id(iri)
        types = facts.get(RDF_TYPE, ())
        keys_by_graph: list[tuple[str, str]] = []
        for g, t in types:
            c = v.class_by_iri.get(t)
            if c is not None and g:  # a class stated in a named graph
                keys_by_graph.append((g, c.key))
        if keys_by_graph:
            keys = {k for _, k in keys_by_graph}
            topic_scheme = entity_iri(TOPIC_SCHEME)
            in_topics = any(s == topic_scheme for _, s in facts.get(IRI.inScheme, ()))
            cls_key = v.labels({v.cls(k).iri for k in keys})[0]
            # body types and membership roles are not things a text talks about; assertions,
            # memberships and source graphs are nothing a text names
            if not (C.Topic in keys and not in_topics) and kind_of(cls_key) in KINDS:
                names = sorted({(how, str(lab)) for pred, how in _LABELS
                                for _, lab in facts.get(pred, ())})
                name = next((lab for how, lab in names if how == "1name"), "")
                ent = self.add(eid, cls_key, name, [lab for _, lab in names])
                for g, ck in keys_by_graph:
                    ent.graphs.add(g)
                    ent.classes.setdefault(g, set()).add(ck)
        type_iris = {t for _, t in types}
        if IRI.Meeting in type_iris:
            bodies = sorted({b for _, b in facts.get(IRI.meetingOf, ()) if b})
            ordinals = sorted({n for _, n in facts.get(IRI.ordinal, ()) if isinstance(n, int)})
            starts = sorted({d for _, d in facts.get(IRI.startDate, ()) if d is not None}, key=str)
            places = sorted({x for _, x in facts.get(IRI.location, ()) if x})
            self.add_meeting(MeetingInfo(eid, entity_id(bodies[-1]) if bodies else None,
                                         ordinals[-1] if ordinals else None, starts[0] if starts else None,
                                         entity_id(places[-1]) if places else None))
        if IRI.Post in type_iris:
            states = sorted({x for _, x in facts.get(IRI.postIn, ()) if x})
            if states:
                self.post_in[eid] = entity_id(states[-1])
        for _, post in facts.get(IRI.holds, ()):
            self.holds.setdefault(eid, set()).add(entity_id(post))
        for _, m in facts.get(IRI.deliveredAt, ()):
            for _, p in facts.get(IRI.deliveredBy, ()):
                self.delivered.setdefault((entity_id(m), entity_id(p)), set()).add(eid)

    def _drop_subject(self, iri: str) -> None:
        """Take out everything the facts about one subject put in the gazetteer."""
        eid = entity_id(iri)
        ent = self.entities.pop(eid, None)
        if ent is not None:
            for label in ent.labels:
                key = norm_key(label)
                acronym = is_acronym(label)
                _discard(self._trie, key, (eid, acronym))
                folded = fold_key(key)
                if folded != key and folded:
                    _discard(self._folded, folded, (eid, acronym))
                if acronym:
                    _discard(self._exact, tuple(t for t, _, _ in tokens(label)), eid)
        if self.meetings.pop(eid, None) is not None:
            self._meeting_index = None
        self.post_in.pop(eid, None)
        self.holds.pop(eid, None)
        for key in [k for k, ds in self.delivered.items() if eid in ds]:
            self.delivered[key].discard(eid)
            if not self.delivered[key]:
                del self.delivered[key]

    # ------------------------------------------------------------------ saved beside the store
    def save(self, path: Path, fingerprint: str) -> None:
        """Save the gazetteer at ``path`` for the store ``fingerprint``. One read from that file (see
        :meth:`load`) has written what :meth:`update` redid into it as it went, subject by subject, and
        commits that now with the new fingerprint; any other is written whole (a new SQLite file,
        renamed over the old one)."""
        if self._saved is not None and self._saved.path == path:
            self._saved.commit(fingerprint)
            return
        with collector_paused():
            _SavedFile.write(path, fingerprint, self)
        for legacy in LEGACY_FILES:  # the pickles of rounds four and five
            path.with_name(legacy).unlink(missing_ok=True)

    def save_changes(self, path: Path, fingerprint: str) -> None:
        """Save the gazetteer for ``fingerprint`` (see :meth:`save`): for one loaded from ``path``,
        only the rows of the subjects updated since, so a run's cost does not grow with the size of
        the gazetteer."""
        self.save(path, fingerprint)

    @staticmethod
    def saved_for(path: Path, fingerprint: str) -> bool:
        """True when the file at ``path`` is a gazetteer saved for this store fingerprint."""
        header = _SavedFile.header(path)
        return header is not None and header[1] == fingerprint

    @classmethod
    def load(cls, path: Path, fingerprint: str) -> Gazetteer | None:
        """The gazetteer saved at ``path`` for this store fingerprint and class, read lazily: loading
        it reads no entity; each lookup reads the rows it needs by index and keeps them for the run.
        None: missing, stale, another format or class, or unreadable (the caller builds it again)."""
        if _SavedFile.header(path) != (_class_name(cls), fingerprint):
            return None
        try:
            saved = _SavedFile.open(path)
        except (sqlite3.Error, OSError, ValueError):
            return None
        gaz = cls()
        gaz._saved = saved
        gaz.loaded = True
        gaz._max_len = saved.max_len
        for name in ("entities", "meetings", "delivered", "_trie", "_folded", "_exact", *gaz._saved_tables()):
            setattr(gaz, name, saved.view(name))
        gaz.cache = {PREFIXES: (saved.prefixes(raw=True), saved.prefixes(raw=False))}
        gaz._saved_words = saved.view("words")
        return gaz

    def _saved_tables(self) -> tuple[str, ...]:
        """The attributes saved as tables of their own, keyed by entity id (a subclass adds its own)."""
        return ("post_in", "holds")


# ---------------------------------------------------------------------------------------- saved file
# STORE/gazetteer.sqlite holds the gazetteer row by row, each row belonging to one subject (``owner``,
# its entity id), so an ingest or forget redoes the rows of the subjects it changed and a run reads
# only the rows its lookups ask for (loading the whole pickled gazetteer cost 1.0-2.0 s of CPU at 1M
# facts, 0.1 s at 100k: the cost of one more document grew with the graph).
#   meta(key, value)                 format, fingerprint, class, max_len, seq (the next row order)
#   entity(id, seq, kind, data)      data: pickled (kind, cls, name, labels, graphs, classes); seq: the
#                                    order entities were added (an update moves one to the end)
#   label(key, last, kind, owner, acronym)  the label trie: key = the label key's words joined by \x1f
#   folded(key, owner, acronym), exact(key, owner)
#   prefix(key, raw)                 every beginning of every label key; raw 0: transliterated only
#   meeting(owner, seq, body, ordinal, start, location)
#   delivered(meeting, speaker, owner)
#   tables(name, owner, data)        the per-id tables (post_in, holds; ends for SourceGazetteer)
#   word(word, kind, owner)          each entity's label words, lower case (see Gazetteer.word_kinds)
_SEP = "\x1f"
_DB_FORMAT = "graphkit-gazetteer/6"  # 3: SQLite; 4: tables(owner) indexed; 5: chair states read; 6: words
_SCHEMA = (
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID",
    "CREATE TABLE entity(id TEXT PRIMARY KEY, seq INTEGER NOT NULL, kind TEXT NOT NULL, data BLOB NOT NULL)",
    "CREATE INDEX entity_kind ON entity(kind, seq)",
    "CREATE TABLE label(key TEXT NOT NULL, last TEXT NOT NULL, kind TEXT NOT NULL, owner TEXT NOT NULL,"
    " acronym INTEGER NOT NULL)",
    "CREATE INDEX label_key ON label(key)",
    "CREATE INDEX label_last ON label(kind, last)",
    "CREATE INDEX label_owner ON label(owner)",
    "CREATE TABLE folded(key TEXT NOT NULL, owner TEXT NOT NULL, acronym INTEGER NOT NULL)",
    "CREATE INDEX folded_key ON folded(key)",
    "CREATE INDEX folded_owner ON folded(owner)",
    "CREATE TABLE exact(key TEXT NOT NULL, owner TEXT NOT NULL)",
    "CREATE INDEX exact_key ON exact(key)",
    "CREATE INDEX exact_owner ON exact(owner)",
    "CREATE TABLE prefix(key TEXT PRIMARY KEY, raw INTEGER NOT NULL) WITHOUT ROWID",
    "CREATE TABLE meeting(owner TEXT PRIMARY KEY, seq INTEGER NOT NULL, body TEXT, ordinal INTEGER, start TEXT,"
    " location TEXT)",
    "CREATE INDEX meeting_body ON meeting(body, ordinal, seq)",
    "CREATE TABLE delivered(meeting TEXT NOT NULL, speaker TEXT NOT NULL, owner TEXT NOT NULL)",
    "CREATE INDEX delivered_key ON delivered(meeting, speaker)",
    "CREATE INDEX delivered_owner ON delivered(owner)",
    "CREATE TABLE tables(name TEXT NOT NULL, owner TEXT NOT NULL, data BLOB NOT NULL, PRIMARY KEY(name, owner))"
    " WITHOUT ROWID",
    "CREATE INDEX tables_owner ON tables(owner)",
    "CREATE TABLE word(word TEXT NOT NULL, kind TEXT NOT NULL, owner TEXT NOT NULL)",
    "CREATE INDEX word_word ON word(word)",
    "CREATE INDEX word_owner ON word(owner)",
)
_OWNED = ("entity:id", "label:owner", "folded:owner", "exact:owner", "meeting:owner", "delivered:owner",
          "tables:owner", "word:owner")
_KEY_TABLES = {"_trie": "label", "_folded": "folded", "_exact": "exact"}
_dumps = functools.partial(pickle.dumps, protocol=pickle.HIGHEST_PROTOCOL)


def _class_name(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def _join(key: tuple[str, ...]) -> str:
    return _SEP.join(key)


def _split(key: str) -> tuple[str, ...]:
    return tuple(key.split(_SEP))


class _SavedFile:
    """The gazetteer saved beside a store, read (and updated) row by row."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.conn = conn
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("format") != _DB_FORMAT:
            raise ValueError("another format")
        self.max_len = int(meta.get("max_len") or 1)
        self.seq = int(meta.get("seq") or 0)
        self.views: list[_Keyed | _Prefixes] = []
        self.writing = False

    # -------------------------------------------------------------- opening
    @staticmethod
    def header(path: Path) -> tuple[str, str] | None:
        """(class, fingerprint) of the gazetteer saved at ``path``, or None (missing, damaged, another
        format)."""
        if not path.is_file():
            return None
        try:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
            try:
                meta = dict(conn.execute("SELECT key, value FROM meta WHERE key IN "
                                         "('format', 'class', 'fingerprint')").fetchall())
            finally:
                conn.close()
        except sqlite3.Error:
            return None
        if meta.get("format") != _DB_FORMAT or not isinstance(meta.get("fingerprint"), str):
            return None
        return str(meta.get("class")), str(meta["fingerprint"])

    @classmethod
    def open(cls, path: Path) -> _SavedFile:
        conn = sqlite3.connect(str(path), timeout=30, isolation_level=None, check_same_thread=False)
        try:
            return cls(path, conn)
        except BaseException:
            conn.close()
            raise

    # -------------------------------------------------------------- reading
    def view(self, name: str) -> Any:
        """The read-only mapping that stands for the gazetteer attribute ``name``."""
        view: _Keyed
        if name == "entities":
            view = _Entities(self._entity, self._entities, self.conn)
        elif name == "meetings":
            view = _Keyed(self._meeting, self._meetings)
        elif name in _KEY_TABLES:
            table = _KEY_TABLES[name]
            view = _Keyed(functools.partial(self._entries, table), functools.partial(self._all_entries, table))
        elif name == "delivered":
            view = _Keyed(self._delivered, self._all_delivered)
        elif name == "words":
            view = _Keyed(self._word_kinds, self._all_word_kinds)
        else:
            view = _Keyed(functools.partial(self._row, name), functools.partial(self._rows, name))
        self.views.append(view)
        return view

    def _entity(self, eid: str) -> Entity | None:
        row = self.conn.execute("SELECT data FROM entity WHERE id = ?", (eid,)).fetchone()
        return None if row is None else _entity(eid, row[0])

    def _entities(self) -> Iterator[tuple[str, Entity]]:
        for eid, data in self.conn.execute("SELECT id, data FROM entity ORDER BY seq").fetchall():
            yield eid, _entity(eid, data)

    _MEETING = "SELECT owner, body, ordinal, start, location FROM meeting"

    def _meeting(self, mid: str) -> MeetingInfo | None:
        row = self.conn.execute(self._MEETING + " WHERE owner = ?", (mid,)).fetchone()
        return None if row is None else MeetingInfo(*row)

    def _meetings(self) -> Iterator[tuple[str, MeetingInfo]]:
        for row in self.conn.execute(self._MEETING + " ORDER BY seq").fetchall():
            yield row[0], MeetingInfo(*row)

    def _entries(self, table: str, key: tuple[str, ...]) -> set[Any] | None:
        cols = "owner" if table == "exact" else "owner, acronym"
        rows = self.conn.execute(f"SELECT {cols} FROM {table} WHERE key = ?", (_join(key),)).fetchall()
        return {_entry(r) for r in rows} or None

    def _all_entries(self, table: str) -> Iterator[tuple[tuple[str, ...], set[Any]]]:
        cols = "owner" if table == "exact" else "owner, acronym"
        found: dict[tuple[str, ...], set[Any]] = {}
        for r in self.conn.execute(f"SELECT key, {cols} FROM {table} ORDER BY rowid").fetchall():
            found.setdefault(_split(r[0]), set()).add(_entry(r[1:]))
        yield from found.items()

    def _delivered(self, key: tuple[str, str]) -> set[str] | None:
        rows = self.conn.execute("SELECT owner FROM delivered WHERE meeting = ? AND speaker = ?", key).fetchall()
        return {r[0] for r in rows} or None

    def _all_delivered(self) -> Iterator[tuple[tuple[str, str], set[str]]]:
        found: dict[tuple[str, str], set[str]] = {}
        for m, p, owner in self.conn.execute("SELECT meeting, speaker, owner FROM delivered ORDER BY rowid"
                                             ).fetchall():
            found.setdefault((m, p), set()).add(owner)
        yield from found.items()

    def _word_kinds(self, word: str) -> frozenset[tuple[str, str]] | None:
        rows = self.conn.execute("SELECT kind, owner FROM word WHERE word = ?", (word,)).fetchall()
        return frozenset((kind, owner) for kind, owner in rows) or None

    def _all_word_kinds(self) -> Iterator[tuple[str, frozenset[tuple[str, str]]]]:
        found: dict[str, set[tuple[str, str]]] = {}
        for w, kind, owner in self.conn.execute("SELECT word, kind, owner FROM word ORDER BY rowid").fetchall():
            found.setdefault(w, set()).add((kind, owner))
        yield from ((w, frozenset(k)) for w, k in found.items())

    def _row(self, name: str, eid: str) -> Any:
        row = self.conn.execute("SELECT data FROM tables WHERE name = ? AND owner = ?", (name, eid)).fetchone()
        return None if row is None else pickle.loads(row[0])

    def _rows(self, name: str) -> Iterator[tuple[str, Any]]:
        for eid, data in self.conn.execute("SELECT owner, data FROM tables WHERE name = ? ORDER BY owner",
                                           (name,)).fetchall():
            yield eid, pickle.loads(data)

    def prefixes(self, raw: bool) -> _Prefixes:
        """The label prefixes, raw or through transliteration, as a set answered by index."""
        p = _Prefixes(self.conn, raw)
        self.views.append(p)
        return p

    def meeting_ids(self, body: str | None, ordinal: int | None = None, by_number: bool = True) -> list[str]:
        """Meeting ids by (body, ordinal), or by body, in the order they were added."""
        if by_number:
            rows = self.conn.execute("SELECT owner FROM meeting WHERE body IS ? AND ordinal IS ? ORDER BY seq",
                                     (body, ordinal)).fetchall()
        else:
            rows = self.conn.execute("SELECT owner FROM meeting WHERE body IS ? ORDER BY seq", (body,)).fetchall()
        return [r[0] for r in rows]

    def keys_ending_with(self, word: str, kind: str) -> list[tuple[tuple[str, ...], str]]:
        """(label key, id) of the entities of ``kind`` whose label key ends with ``word``."""
        rows = self.conn.execute("SELECT key, owner FROM label WHERE kind = ? AND last = ? ORDER BY rowid",
                                 (kind, word)).fetchall()
        return [(_split(k), eid) for k, eid in rows]

    def of_kind(self, kinds: Iterable[str]) -> Iterator[Entity]:
        """The entities of these kinds, in the order they were added."""
        ks = sorted(set(kinds))
        rows = self.conn.execute(f"SELECT id, data FROM entity WHERE kind IN ({','.join('?' * len(ks))})"
                                 " ORDER BY seq", ks).fetchall()
        for eid, data in rows:
            yield _entity(eid, data)

    # -------------------------------------------------------------- writing
    @classmethod
    def write(cls, path: Path, fingerprint: str, gaz: Gazetteer) -> None:
        """Write the whole of ``gaz`` to a new file renamed over ``path``."""
        folder = path.parent
        for left in folder.glob(f".{path.name}-*"):   # of a writer that died
            pid = left.name.rsplit("-", 2)[-2] if left.name.count("-") >= 2 else ""
            if pid.isdigit() and int(pid) != os.getpid() and not pid_alive(int(pid)):
                left.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-{os.getpid()}-", dir=str(folder))
        os.close(fd)
        try:
            mask = os.umask(0)
            os.umask(mask)
            os.chmod(tmp, 0o666 & ~mask)  # as a file opened for writing would be (mkstemp makes it 0600)
            conn = sqlite3.connect(tmp, isolation_level=None)
            try:
                conn.execute("PRAGMA journal_mode=OFF")   # a new file: nobody reads it before the rename
                conn.execute("PRAGMA synchronous=OFF")
                conn.execute("BEGIN")
                for stmt in _SCHEMA:
                    if not stmt.startswith("CREATE INDEX"):
                        conn.execute(stmt)
                saved = cls(path, _with_meta(conn))
                saved.insert(gaz, prefixes=gaz._label_prefixes())
                for stmt in _SCHEMA:  # the indexes made once the rows are in: cheaper than row by row
                    if stmt.startswith("CREATE INDEX"):
                        conn.execute(stmt)
                saved.put_meta(fingerprint, _class_name(type(gaz)), max(gaz._max_len, 1))
                conn.execute("COMMIT")
            finally:
                conn.close()
            os.replace(tmp, path)
        finally:
            Path(tmp).unlink(missing_ok=True)

    def insert(self, gaz: Gazetteer, prefixes: tuple[set[tuple[str, ...]], set[tuple[str, ...]]]) -> None:
        """Add the rows of ``gaz`` (a whole gazetteer, or one subject's) after those there."""
        c = self.conn
        seq = self.seq
        rows = []
        for eid, e in gaz.entities.items():
            rows.append((eid, seq, e.kind, _dumps((e.kind, e.cls, e.name, e.labels, e.graphs, e.classes))))
            seq += 1
        c.executemany("INSERT INTO entity VALUES (?, ?, ?, ?)", rows)
        # the known entities' words only (SourceGazetteer: not those an ingested document alone defines, which
        # must not change how another document is read); a subject's known-ness is redone with its rows
        c.executemany("INSERT INTO word VALUES (?, ?, ?)",
                      ((w, e.kind, eid) for eid, e in gaz.entities.items() if gaz.known(eid)
                       for w in sorted(label_words(e.labels))))
        kinds = {eid: e.kind for eid, e in gaz.entities.items()}
        c.executemany("INSERT INTO label VALUES (?, ?, ?, ?, ?)",
                      ((_join(k), k[-1], kinds.get(eid, ""), eid, int(a)) for k, es in gaz._trie.items()
                       for eid, a in sorted(es)))
        c.executemany("INSERT INTO folded VALUES (?, ?, ?)",
                      ((_join(k), eid, int(a)) for k, es in gaz._folded.items() for eid, a in sorted(es)))
        c.executemany("INSERT INTO exact VALUES (?, ?)",
                      ((_join(k), eid) for k, es in gaz._exact.items() for eid in sorted(es)))
        raw, folded = prefixes
        # in key order: the rows go to the end of the key's B-tree instead of all over it
        c.executemany("INSERT INTO prefix VALUES (?, 1) ON CONFLICT(key) DO UPDATE SET raw = 1",
                      ((k,) for k in sorted(map(_join, raw))))
        c.executemany("INSERT OR IGNORE INTO prefix VALUES (?, 0)", ((k,) for k in sorted(map(_join, folded - raw))))
        meetings = []
        for mid, m in gaz.meetings.items():
            meetings.append((mid, seq, m.body, m.ordinal, m.start, m.location))
            seq += 1
        c.executemany("INSERT INTO meeting VALUES (?, ?, ?, ?, ?, ?)", meetings)
        c.executemany("INSERT INTO delivered VALUES (?, ?, ?)",
                      ((m, p, eid) for (m, p), es in gaz.delivered.items() for eid in sorted(es)))
        for name in gaz._saved_tables():
            table: dict[str, Any] = getattr(gaz, name)
            c.executemany("INSERT INTO tables VALUES (?, ?, ?)",
                          ((name, eid, _dumps(v)) for eid, v in table.items()))
        self.seq = seq
        self.max_len = max(self.max_len, gaz._max_len)

    def put_meta(self, fingerprint: str, cls: str | None = None, max_len: int | None = None) -> None:
        rows: list[tuple[str, Any]] = [("format", _DB_FORMAT), ("fingerprint", fingerprint), ("seq", self.seq),
                                       ("max_len", max_len or self.max_len)]
        if cls is not None:
            rows.append(("class", cls))
        self.conn.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", rows)

    def redo(self, gaz: Gazetteer, changes: list[tuple[str, dict[str, list[tuple[str, Any]]]]]) -> None:
        """Redo these subjects' rows from their facts (in a transaction left open until :meth:`commit`):
        each subject's rows are dropped and made again by a gazetteer of that subject alone, of the
        class of ``gaz``, exactly as a whole gazetteer makes them (see Gazetteer._load_subject)."""
        if not self.writing:
            self.conn.execute("BEGIN IMMEDIATE")
            self.writing = True
        try:
            for iri, by_pred in changes:
                eid = entity_id(iri)
                for owned in _OWNED:
                    table, col = owned.split(":")
                    self.conn.execute(f"DELETE FROM {table} WHERE {col} = ?", (eid,))
                if by_pred:
                    one = type(gaz)()
                    one._load_subject(iri, by_pred)
                    self.insert(one, prefixes=one._label_prefixes())
        except BaseException:
            self.conn.execute("ROLLBACK")
            self.writing = False
            raise
        finally:
            for v in self.views:
                v.forget()

    def commit(self, fingerprint: str) -> None:
        """Mark the file with ``fingerprint`` and commit what :meth:`redo` wrote."""
        if not self.writing:
            self.conn.execute("BEGIN IMMEDIATE")
            self.writing = True
        try:
            self.put_meta(fingerprint)
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        finally:
            self.writing = False


def _with_meta(conn: sqlite3.Connection) -> sqlite3.Connection:
    conn.execute("INSERT INTO meta VALUES ('format', ?)", (_DB_FORMAT,))
    return conn


def _entity(eid: str, data: bytes) -> Entity:
    kind, cls, name, labels, graphs, classes = pickle.loads(data)
    return Entity(eid, kind, cls, name, labels, graphs, classes)


def _entry(row: tuple[Any, ...]) -> Any:
    return row[0] if len(row) == 1 else (row[0], bool(row[1]))


_MISSING: Any = object()


class _Keyed(Mapping[Any, Any]):
    """A read-only mapping over rows of the saved gazetteer: a key is read by index the first time it is
    asked for and kept (present or absent) until the rows change; iterating reads every row."""

    def __init__(self, one: Callable[[Any], Any], every: Callable[[], Iterator[tuple[Any, Any]]]) -> None:
        self._one, self._every = one, every
        self._memo: dict[Any, Any] = {}

    def forget(self) -> None:
        self._memo.clear()

    def get(self, key: Any, default: Any = None) -> Any:
        found = self._memo.get(key, _MISSING)
        if found is _MISSING:
            found = self._memo[key] = self._one(key)
        return default if found is None else found

    def __getitem__(self, key: Any) -> Any:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def __contains__(self, key: object) -> bool:
        return self.get(key) is not None

    def __iter__(self) -> Iterator[Any]:
        return (k for k, _ in self._every())

    def __len__(self) -> int:
        return sum(1 for _ in self._every())

    def items(self) -> ItemsView[Any, Any]:
        return _Items(self)

    def values(self) -> ValuesView[Any]:
        return _Values(self)


class _Entities(_Keyed):
    def __init__(self, one: Callable[[Any], Any], every: Callable[[], Iterator[tuple[Any, Any]]],
                 conn: sqlite3.Connection) -> None:
        super().__init__(one, every)
        self._conn = conn

    def __len__(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM entity").fetchone()[0])


class _Items(ItemsView[Any, Any]):
    def __init__(self, keyed: _Keyed) -> None:
        super().__init__(keyed)
        self._keyed = keyed

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        return self._keyed._every()


class _Values(ValuesView[Any]):
    def __init__(self, keyed: _Keyed) -> None:
        super().__init__(keyed)
        self._keyed = keyed

    def __iter__(self) -> Iterator[Any]:
        return (v for _, v in self._keyed._every())


class _Prefixes:
    """A label-prefix set of the saved gazetteer: membership answered by index, kept for the run."""

    def __init__(self, conn: sqlite3.Connection, raw: bool) -> None:
        self._conn, self._raw = conn, raw
        self._memo: dict[tuple[str, ...], bool] = {}

    def forget(self) -> None:
        self._memo.clear()

    def __contains__(self, key: object) -> bool:
        assert isinstance(key, tuple)
        found = self._memo.get(key)
        if found is None:
            row = self._conn.execute("SELECT raw FROM prefix WHERE key = ?", (_join(key),)).fetchone()
            found = self._memo[key] = row is not None and (bool(row[0]) or not self._raw)
        return found

    def add(self, key: tuple[str, ...]) -> None:
        raise TypeError("the saved gazetteer's prefixes change through Gazetteer.update")

    def __iter__(self) -> Iterator[tuple[str, ...]]:
        sql = "SELECT key FROM prefix" + (" WHERE raw = 1" if self._raw else "")
        return (_split(k) for (k,) in self._conn.execute(sql).fetchall())


LEGACY_FILES = ("gazetteer.pickle", "gazetteer.pickle.changes")
"""The saved gazetteer of rounds four and five (one pickle and its changes): removed on the next save."""


def _add_prefixes(prefixes: set[tuple[str, ...]], keys: Iterable[tuple[str, ...]]) -> None:
    """Add every beginning of every key to ``prefixes``, a set that holds every beginning of each key
    it holds: from the longest beginning down, a key's first one already there means all the shorter
    ones are too (at 1M facts, 218,359 prefixes: 0.6 s of CPU making every prefix of every key, 0.3-0.5 s
    this way; the same set)."""
    for key in keys:
        for n in range(len(key), 0, -1):
            p = key[:n]
            if p in prefixes:
                break
            prefixes.add(p)


def _discard(index: dict[Any, set[Any]], key: Any, item: Any) -> None:
    found = index.get(key)
    if found is not None:
        found.discard(item)
        if not found:
            del index[key]


# BUILT ONCE: the indexes made once per gazetteer from all its entities (meetings by body, label
# prefixes, people by name word, label keys by last word) are made with the cyclic garbage collector
# paused: each allocates tens of thousands of small acyclic objects, and with a million-fact store's
# gazetteer in memory (millions of objects) the full collections they set off walked all of it again.
# At 1M facts (86,531 entities, 42,352 meetings) the meeting index took 0.72 s CPU with the collector
# and 0.055 s without it.

PREFIXES = "label_prefixes"
LABEL_WORD_RE = re.compile(r"[\w'’\-]+")


def label_words(labels: Iterable[str]) -> set[str]:
    """The words of these labels, in lower case ("Kuala Lumpur" -> {"kuala", "lumpur"})."""
    return {w.lower() for lab in labels for w in LABEL_WORD_RE.findall(lab)}
_LABELS = ((IRI.name, "1name"), (IRI.altNames, "2alt"), (IRI.acronym, "3acronym"),
           (IRI.misspellings, "4misspelling"))
_PREDICATES = (RDF_TYPE, *(p for p, _ in _LABELS), IRI.inScheme, IRI.meetingOf, IRI.ordinal,
               IRI.startDate, IRI.location, IRI.endDate, IRI.postIn, IRI.holds,
               IRI.deliveredAt, IRI.deliveredBy, IRI.chairState)
_PREDICATE_SET = frozenset(_PREDICATES)


def kind_of(cls: str) -> str:
    """The broad kind of a class key (Remarks -> Document, Meeting -> Meeting ...)."""
    v = vocabulary()
    if cls not in v.classes:
        return cls
    chain = (cls,) + v.classes[cls].ancestors
    for kind in KINDS:
        if kind in chain:
            return kind
    return cls


def _more_specific(a: str, b: str) -> bool:
    v = vocabulary()
    return a in v.classes and b in v.classes[a].ancestors
