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

import os
import pickle
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
    # saved beside the store as a whole (the base, at _base_fp) and the subjects updated since (see save_changes)
    _base_fp: str | None = field(default=None, repr=False, compare=False)
    _journal: list[tuple[str, dict[str, list[tuple[str, Any]]]]] = field(default_factory=list, repr=False,
                                                                         compare=False)

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
                for ent in self.entities.values():
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
        for mid in self._meetings_by()[0].get((body, ordinal), ()):
            if self.known(mid):
                return mid
        return None

    def meetings_of(self, body: str) -> list[MeetingInfo]:
        """Known meetings of a body, by ordinal."""
        out = [self.meetings[mid] for mid in self._meetings_by()[1].get(body, ()) if self.known(mid)]
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
            by_last = self._keys_by_last_word(kind)
            n = len(key)
            found = memo[key] = {eid for lk, eid in by_last.get(key[-1], ()) if len(lk) > n and lk[-n:] == key}
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
        return [e for e in self.entities.values() if e.kind in kinds and self.known(e.id)]

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
        """Redo these subjects from their facts (as :meth:`update` read them); kept for save_changes."""
        self._clear_derived()
        for iri, by_pred in changes:
            self._drop_subject(iri)
            if by_pred:
                self._load_subject(iri, by_pred)
        self._journal.extend(changes)
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
        """Write the whole gazetteer to ``path`` (atomically), marked with the store's fingerprint;
        the changes file beside it (see :meth:`save_changes`) is dropped."""
        cache, self.cache = self.cache, {}
        index, self._meeting_index = self._meeting_index, None
        journal, self._journal = self._journal, []
        self.loaded = False
        self._base_fp = None
        try:
            with collector_paused():
                self._share_strings()
                # the label prefixes, exact, saved with it (their tokens the shared strings of the keys)
                self.cache = {PREFIXES: self._label_prefixes()}
            _write_pickles(path, (CACHE_FORMAT, fingerprint), self)
        finally:
            self.cache, self._meeting_index = cache, index
            self._journal = journal
        self._base_fp, self._journal = fingerprint, []
        _changes_path(path).unlink(missing_ok=True)

    def _share_strings(self) -> None:
        """Make equal ids, graph IRIs and label tokens one string object each. Pickle writes an
        object it has written before as a reference, so the saved file holds each string once: at
        1M facts 38 MB became 29.5 MB and loading it took 28% less time. Values are unchanged."""
        memo: dict[str, str] = {}

        def one(x: str) -> str:
            return memo.setdefault(x, x)

        def opt(x: str | None) -> str | None:
            return None if x is None else memo.setdefault(x, x)

        entities: dict[str, Entity] = {}
        for eid, ent in self.entities.items():
            ent.id, ent.kind, ent.cls = one(eid), one(ent.kind), one(ent.cls)
            ent.graphs = {one(g) for g in ent.graphs}
            ent.classes = {one(g): {one(c) for c in cs} for g, cs in ent.classes.items()}
            entities[ent.id] = ent
        self.entities = entities

        def keys(index: dict[tuple[str, ...], set[tuple[str, bool]]]) -> dict[tuple[str, ...], set[tuple[str, bool]]]:
            return {tuple(one(t) for t in k): {(one(e), a) for e, a in v} for k, v in index.items()}

        self._trie, self._folded = keys(self._trie), keys(self._folded)
        self._exact = {tuple(one(t) for t in k): {one(e) for e in v} for k, v in self._exact.items()}
        self.meetings = {one(k): MeetingInfo(one(m.id), opt(m.body), m.ordinal, opt(m.start), opt(m.location))
                         for k, m in self.meetings.items()}
        self.post_in = {one(k): one(v) for k, v in self.post_in.items()}
        self.holds = {one(k): {one(x) for x in v} for k, v in self.holds.items()}

    def save_changes(self, path: Path, fingerprint: str) -> None:
        """Save the gazetteer for ``fingerprint`` by writing only the subjects :meth:`update` redid
        since the whole one at ``path`` was saved (a file beside it, ``.changes``: their facts, replayed
        by :meth:`load`), so a run's cost does not grow with the whole gazetteer's size. The whole
        gazetteer is saved instead when there is none to add to, or the changes have grown past
        CHANGES_MAX subjects (or a tenth of the entities)."""
        if (self._base_fp is None or not Gazetteer.saved_for(path, self._base_fp)
                or len(self._journal) > max(CHANGES_MAX, len(self.entities) // 10)):
            self.save(path, fingerprint)
            return
        _write_pickles(_changes_path(path), (CACHE_FORMAT, self._base_fp, fingerprint), self._journal)

    @staticmethod
    def saved_for(path: Path, fingerprint: str) -> bool:
        """True when the file at ``path`` is a whole gazetteer saved for this store fingerprint (its
        header alone is read)."""
        try:
            with open(path, "rb") as f:
                return bool(pickle.load(f) == (CACHE_FORMAT, fingerprint))
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ValueError, TypeError):
            return False

    @classmethod
    def load(cls, path: Path, fingerprint: str) -> Gazetteer | None:
        """The gazetteer saved at ``path`` for this store fingerprint and class: the whole one saved
        for it, or the whole one the changes beside it start from with those changes replayed (None:
        missing, stale, another format or unreadable; the caller builds it again)."""
        base_fp, journal = fingerprint, None
        try:
            with open(_changes_path(path), "rb") as f:
                header = pickle.load(f)
                if (isinstance(header, tuple) and len(header) == 3 and header[0] == CACHE_FORMAT
                        and header[2] == fingerprint):
                    with collector_paused():
                        journal = pickle.load(f)
                    base_fp = header[1]
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ValueError, TypeError):
            journal = None
        try:
            with open(path, "rb") as f:
                header = pickle.load(f)
                if header != (CACHE_FORMAT, base_fp):
                    return None
                with collector_paused():
                    gaz = pickle.load(f)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ValueError, TypeError):
            return None
        if type(gaz) is not cls:
            return None
        gaz._base_fp, gaz._journal = base_fp, []
        if journal:
            gaz._apply(journal)
        return gaz


def _changes_path(path: Path) -> Path:
    return path.with_name(path.name + ".changes")


def _write_pickles(path: Path, *objects: Any) -> None:
    """Pickle ``objects`` one after the other into ``path``, atomically."""
    tmp = path.with_name(f".{path.name}.partial-{os.getpid()}")
    try:
        with collector_paused(), open(tmp, "wb") as f:
            for obj in objects:
                pickle.dump(obj, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


CHANGES_MAX = 1_000
"""Subjects the changes file beside a saved gazetteer may hold (or a tenth of the entities, if more)
before the whole one is saved again: replaying them stays cheaper than loading the whole."""


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

CACHE_FORMAT = "graphkit-gazetteer/2"  # 2: the label prefixes saved in ``cache``
PREFIXES = "label_prefixes"
_LABELS = ((IRI.name, "1name"), (IRI.altNames, "2alt"), (IRI.acronym, "3acronym"),
           (IRI.misspellings, "4misspelling"))
_PREDICATES = (RDF_TYPE, *(p for p, _ in _LABELS), IRI.inScheme, IRI.meetingOf, IRI.ordinal,
               IRI.startDate, IRI.location, IRI.endDate, IRI.postIn, IRI.holds,
               IRI.deliveredAt, IRI.deliveredBy)
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
