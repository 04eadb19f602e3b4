"""What the extractor gives back: facts with their sentence, mentions, the extraction of a text."""

from __future__ import annotations

from dataclasses import dataclass, field

from graphkit.terms import C, P

DOC = "@document"
"""The document being extracted; the caller gives it its id."""

Value = str | int | bool
"""The object of a fact: an entity id for object properties, else a literal value."""

# Relations the fixture evaluation scores (object properties between entities).
RELATIONS = (P.holds, P.deliveredAt, P.deliveredBy, P.inConjunctionWith, P.addresses, P.reviews, P.informs,
             P.alignedWith, P.adoptedAt, P.signedAt, P.chairedBy, P.chairState, P.location, P.heldAt, P.about,
             P.succeeds, P.containedIn)


@dataclass(frozen=True)
class Fact:
    """One extracted fact and where the text states it.

    ``relation`` is an ontology property key or ``"type"`` (then ``object`` is a class key).
    ``object`` is an entity id for object properties, else a value (str, int, bool; dates as
    ISO strings of the precision given). ``start``/``end`` delimit the sentence in the text;
    both are None for a fact stated by the document's title. ``found_by`` names the part of the
    extractor that found it when the rules did not (stored as ``gk:foundBy`` on its Assertion).
    """

    subject: str
    relation: str
    object: Value
    start: int | None
    end: int | None
    quote: str
    found_by: str = ""   # "" the rules; "ner" (the pretrained NER layer found its entity); "relation-layer"


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
    data: dict[str, Value | None] = field(default_factory=dict)


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
    kind: str = C.Document
    issued: str | None = None
    main_meeting: str | None = None

    def entities(self) -> set[str]:
        """Ids of every entity the document names (resolved or created), parts included."""
        out = {m.entity for m in self.mentions if m.entity and m.kind != "Date"}
        out |= {p for m in self.mentions for p in m.parts}
        out |= {str(f.object) for f in self.facts if f.relation in RELATIONS}
        out |= {f.subject for f in self.facts if f.relation in RELATIONS}
        out.discard(DOC)
        return out

    def relations(self) -> set[tuple[str, str, str]]:
        """(subject, relation, object) for every scored relation."""
        return {(f.subject, f.relation, str(f.object)) for f in self.facts if f.relation in RELATIONS}

