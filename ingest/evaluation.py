"""Scoring the extractor against gold annotations: entity P/R/F1 and per-relation P/R.

Two gold formats:

* the real-text corpus (``tests/realtexts``, format of docs ANNOTATION.md): ``gold/ID.json`` with
  typed entities (canonical name and mentions) and relations with a tier (core, lenient);
  ``manifest.yaml`` names each text's split (``dev``, ``heldout``, ``heldout2`` .. ``heldout16``). The
  extractor's facts are mapped to the guide's types and predicates, and matched as the guide says:
  casefold, curly apostrophes as ``'``, no leading "the", any listed mention. Recall is scored on core and
  on core+lenient, precision on core+lenient.
* the fixture texts' ``NAME.gold.yaml``: entity ids and (subject, relation, object) id triples.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypedDict

from graphkit import safeyaml
from graphkit.errors import InvalidDataError
from graphkit.store import Store
from graphkit.terms import C, P
from ingest.extract import DOC, RELATIONS, Context, Extraction, extract
from ingest.gazetteer import Gazetteer
from ingest.pipeline import SourceGazetteer, document_files, hold_back, ner_ready
from ingest.readers import load_document

GOLD_YAML = ".gold.yaml"
# a corpus manifest's splits: dev is tuned on; heldout .. heldout13 were each a round's once-scored split, and from
# round sixteen on dev .. heldout13 are all tuned on; heldout14 (made blind at the end of round fifteen) was round
# sixteen's once-scored split, tuned on from round seventeen; heldout15 (made blind at the end of round sixteen) is
# round seventeen's once-scored split; heldout16 (made blind in round seventeen) round nineteen's; heldout17 (made
# blind in round nineteen) round twenty's; heldout18 (made blind in round twenty) round twenty-one's; heldout19 (made
# blind in round twenty-one) round twenty-two's; heldout20 (made blind in round twenty-two) the next round's
CORPUS_SPLITS = ("dev", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7",
                 "heldout8", "heldout9", "heldout10", "heldout11", "heldout12",
                 "heldout13", "heldout14", "heldout15", "heldout16", "heldout17", "heldout18",
                 "heldout19", "heldout20")
SPLITS = (*CORPUS_SPLITS, "all")

# the extractor's broad kinds -> the guide's entity types (venues and other places are not annotated)
TYPE_OF_KIND = {C.Meeting: "Meeting", C.Body: "Body", C.Document: "Document", C.Person: "Person", C.Post: "Post",
                C.Organization: "Organisation", C.MemberState: "Country", C.Country: "Country", C.City: "City",
                C.Topic: "Topic", C.Chairmanship: "Post"}
# the extractor's relations -> the guide's predicates; inverse ones swap subject and object
PREDICATE_OF = {P.location: "HELD_IN", P.startDate: "HELD_ON", P.inConjunctionWith: "IN_CONJUNCTION_WITH",
                P.chairedBy: "CHAIRED_BY", P.chairState: "CHAIRED_BY", P.holds: "HOLDS_POST",
                P.reviews: "REVIEWS", P.informs: "INFORMS", P.succeeds: "SUCCEEDS", P.alignedWith: "ALIGNED_WITH",
                P.addresses: "ADDRESSES", P.containedIn: "PART_OF", P.partOf: "PART_OF"}
INVERSE_OF = {P.adoptedAt: "ADOPTED", P.signedAt: "ADOPTED"}


# ---------------------------------------------------------------------------------------- scores
@dataclass
class Counts:
    """What precision and recall are computed from: found items that are right, found items,
    gold items (core; core+lenient for relations) that were found, and gold items."""

    right: int = 0
    found: int = 0
    hit: int = 0
    gold: int = 0
    hit_all: int = 0
    gold_all: int = 0

    def __iadd__(self, other: Counts) -> Counts:
        for k in ("right", "found", "hit", "gold", "hit_all", "gold_all"):
            setattr(self, k, getattr(self, k) + getattr(other, k))
        return self

    @property
    def precision(self) -> float:
        """Right over found; 1.0 when nothing was found."""
        return self.right / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        """Gold found over gold (core for relations); 1.0 when there was nothing to find."""
        return self.hit / self.gold if self.gold else 1.0

    @property
    def recall_all(self) -> float:
        """Gold found over gold, core and lenient."""
        return self.hit_all / self.gold_all if self.gold_all else 1.0

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


class ScoreRow(TypedDict):
    """One row of `graphkit evaluate`: a text, a split's total or the total."""

    text: str
    split: str
    entity_p: float
    entity_r: float
    entity_f1: float
    relation_p: float
    relation_r: float
    relation_r_all: float
    relation_f1: float
    entities: str
    relations: str
    missed: list[str]
    extra: list[str]


class RelationRow(TypedDict):
    """Precision and recall of one predicate over a split."""

    split: str
    predicate: str
    precision: float
    recall: float
    recall_all: float
    found: int
    gold: int
    gold_core: int


@dataclass
class Outcome:
    """One text scored."""

    text: str
    split: str
    entities: Counts = field(default_factory=Counts)
    relations: Counts = field(default_factory=Counts)
    by_predicate: dict[str, Counts] = field(default_factory=dict)
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)


def score_row(name: str, split: str, e: Counts, r: Counts, missed: list[str] | None = None,
              extra: list[str] | None = None) -> ScoreRow:
    """The printed row of these counts."""
    return {"text": name, "split": split,
            "entity_p": round(e.precision, 3), "entity_r": round(e.recall, 3), "entity_f1": round(e.f1, 3),
            "relation_p": round(r.precision, 3), "relation_r": round(r.recall, 3),
            "relation_r_all": round(r.recall_all, 3), "relation_f1": round(r.f1, 3),
            "entities": f"{e.hit}/{e.gold}", "relations": f"{r.hit}/{r.gold}",
            "missed": missed or [], "extra": extra or []}


# ---------------------------------------------------------------------------------------- matching
def norm(text: str) -> str:
    """A name as the guide compares it: casefold, curly apostrophes as ', no leading "the"."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u02bc", "'")
    text = " ".join(text.split()).casefold()
    return re.sub(r"^the\s+", "", text)


# The corpus gold annotates a closed list of topics (the annotation guide, section 2.1, with the
# surface forms it gives): a topic of the graph's vocabulary outside it (climate change, terrorism,
# migrant workers ...) is what the gold has no view on, so a found one is neither a hit nor an
# extra, and neither is a relation to it. Matched whole against each name of a found topic.
GUIDE_TOPICS = re.compile(
    r"trafficking in persons|human trafficking|tip|online scams?|scam cent(?:re|er)s?|online fraud|"
    r"cyber[ -]?crimes?|cyber[ -]?security|transnational crimes?|money laundering|drug trafficking|"
    r"people smuggling|maritime security|south china sea|myanmar crisis|human rights|nuclear weapons")


def outside_guide_topics(found: dict[str, Found]) -> set[str]:
    """Found topics none of whose names is a topic of the guide's list."""
    return {fid for fid, f in found.items()
            if f.type == "Topic" and not any(GUIDE_TOPICS.fullmatch(k) for k in f.keys)}


@dataclass
class GoldEntity:
    """An annotated entity: type, canonical name, the normalised names that match it."""

    type: str
    name: str
    keys: set[str]


@dataclass
class GoldRelation:
    """An annotated relation between two canonical names."""

    subject: str
    predicate: str
    object: str
    tier: str


def load_json_gold(path: Path) -> tuple[list[GoldEntity], list[GoldRelation]]:
    """A gold file of the annotation guide's JSON format."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidDataError(f"not a readable JSON gold file: {exc}", str(path)) from None
    if not isinstance(data, dict):
        raise InvalidDataError("a gold file is an object with entities and relations", str(path))
    entities = []
    for e in data.get("entities") or []:
        names = [e["name"], *(e.get("mentions") or []), *(e.get("alt_names") or [])]
        entities.append(GoldEntity(str(e["type"]), str(e["name"]), {norm(str(n)) for n in names}))
    relations = [GoldRelation(str(r["subject"]), str(r["predicate"]), str(r["object"]), str(r.get("tier", "core")))
                 for r in data.get("relations") or []]
    return entities, relations


@dataclass
class Found:
    """An entity the extractor found: its guide type and the normalised names it goes by."""

    id: str
    type: str
    keys: set[str]


def found_entities(ex: Extraction, gaz: Gazetteer) -> dict[str, Found]:
    """Entities named in the text (mentions, relation ends) and dates, by the guide's types."""
    created_names = {f.subject: str(f.object) for f in ex.facts if f.relation == P.name}
    out: dict[str, Found] = {}

    def add(eid: str, kind: str, text: str | None) -> None:
        if kind == "Date":
            value = eid.removeprefix("date:")
            out.setdefault(eid, Found(eid, "Date", {value, value.split("/")[0]}))
            return
        gtype = TYPE_OF_KIND.get(kind)
        if gtype is None or eid == DOC:
            return
        item = out.get(eid)
        if item is None:
            ent = gaz.get(eid)
            names = set(ent.labels) if ent else set()
            if eid in created_names:
                names.add(created_names[eid])
            year = re.fullmatch(r"chairmanship/(\d{4})", eid)
            if year:
                names.add(f"ASEAN Chair ({year.group(1)})")
            item = out[eid] = Found(eid, gtype, {norm(n) for n in names})
        if text:
            item.keys.add(norm(text))

    for m in ex.mentions:
        add(m.entity, m.kind, m.text)
    for f in ex.facts:
        if f.relation in PREDICATE_OF or f.relation in INVERSE_OF or f.relation in (P.deliveredAt, P.deliveredBy):
            for eid in (f.subject, str(f.object)):
                if eid in out or eid == DOC or f.relation == P.startDate and eid == str(f.object):
                    continue
                if f.relation in (P.deliveredAt, P.deliveredBy) and eid == f.subject and eid in ex.created:
                    # the speech the extractor makes up to carry "X spoke at M": the text does not
                    # name it (a named one is a mention above), so the guide has no entity for it
                    continue
                kind = _kind(eid, ex, gaz)
                add(eid, kind, None)
    for s, value in _dates(ex):
        out.setdefault("date:" + value, Found("date:" + value, "Date", {value, value.split("/")[0]}))
        del s
    return out


def _kind(eid: str, ex: Extraction, gaz: Gazetteer) -> str:
    from ingest.gazetteer import kind_of

    if eid in ex.created:
        return kind_of(ex.created[eid])
    ent = gaz.get(eid)
    return ent.kind if ent else ""


def _memberships(ex: Extraction) -> dict[str, tuple[str, str]]:
    """Membership node -> (member, organisation) for every membership found (MEMBER_OF in the guide)."""
    member = {f.subject: str(f.object) for f in ex.facts if f.relation == P.member}
    return {f.subject: (member[f.subject], str(f.object)) for f in ex.facts
            if f.relation == P.membershipOf and f.subject in member}


def _dates(ex: Extraction) -> list[tuple[str, str]]:
    """(meeting, date name) for every meeting date found: "2025-05-26" or "2025-05-26/2025-05-27".
    The day a membership began is no meeting's date (HELD_ON is Meeting -> Date in the guide)."""
    ends = {(f.subject, f.start): str(f.object) for f in ex.facts if f.relation == P.endDate}
    memberships = _memberships(ex)
    out = []
    for f in ex.facts:
        if f.relation == P.startDate and f.subject not in memberships:
            end = ends.get((f.subject, f.start))
            out.append((f.subject, f"{f.object}/{end}" if end else str(f.object)))
    return out


def found_relations(ex: Extraction, gaz: Gazetteer) -> set[tuple[str, str, str]]:
    """The extractor's facts as (subject, guide predicate, object) over found-entity ids."""
    out: set[tuple[str, str, str]] = set()
    at: dict[str, set[str]] = {}
    by: dict[str, set[str]] = {}
    for f in ex.facts:
        o = str(f.object)
        if f.relation == P.chairState and _kind(f.subject, ex, gaz) == C.Chairmanship:
            out.add((o, "HOLDS_POST", f.subject))
        elif f.relation in PREDICATE_OF and f.subject != DOC:
            if f.relation == P.startDate:
                continue
            out.add((f.subject, PREDICATE_OF[f.relation], o))
        elif f.relation in INVERSE_OF and o != DOC:
            out.add((o, INVERSE_OF[f.relation], f.subject))
        elif f.relation == P.deliveredAt:
            at.setdefault(f.subject, set()).add(o)
        elif f.relation == P.deliveredBy:
            by.setdefault(f.subject, set()).add(o)
    for remarks, meetings in at.items():
        for person in by.get(remarks, ()):
            for meeting in meetings:
                out.add((person, "SPOKE_AT", meeting))
    for meeting, value in _dates(ex):
        out.add((meeting, "HELD_ON", "date:" + value))
    for member, organisation in _memberships(ex).values():
        out.add((member, "MEMBER_OF", organisation))
    return out


def _matches(found: Found, gold: GoldEntity) -> bool:
    if found.type != gold.type and not (gold.type == "Country" and found.type == "Organisation"):
        return False
    if gold.type == "Date":
        return bool(found.keys & {gold.name, gold.name.split("/")[0]})
    return bool(found.keys & gold.keys)


def score_text(ex: Extraction, gaz: Gazetteer, gold_e: list[GoldEntity], gold_r: list[GoldRelation],
               name: str, split: str) -> Outcome:
    """Score one extraction against one JSON gold file."""
    out = Outcome(name, split)
    found = found_entities(ex, gaz)
    unscored = outside_guide_topics(found)
    found = {fid: f for fid, f in found.items() if fid not in unscored}
    align = {fid: {g.name for g in gold_e if _matches(f, g)} for fid, f in found.items()}
    recalled = set().union(*align.values()) if align else set()
    out.entities = Counts(sum(1 for h in align.values() if h), len(found), len({g.name for g in gold_e} & recalled),
                          len({g.name for g in gold_e}))
    out.missed += [f"entity {g.type} {g.name}" for g in gold_e if g.name not in recalled]
    out.extra += [f"entity {found[fid].type} {fid}" for fid, hits in align.items() if not hits]

    matched: set[int] = set()
    for s, p, o in sorted(found_relations(ex, gaz)):
        if s in unscored or o in unscored:
            continue
        cell = out.by_predicate.setdefault(p, Counts())
        cell.found += 1
        hit = [i for i, g in enumerate(gold_r) if g.predicate == p and g.subject in align.get(s, ())
               and g.object in align.get(o, ())]
        if hit:
            cell.right += 1
            matched.update(hit)
        else:
            out.extra.append(f"relation {s} {p} {o}")
    for i, g in enumerate(gold_r):
        cell = out.by_predicate.setdefault(g.predicate, Counts())
        cell.gold_all += 1
        cell.hit_all += i in matched
        if g.tier == "core":
            cell.gold += 1
            cell.hit += i in matched
        if i not in matched:
            out.missed.append(f"relation {g.subject} {g.predicate} {g.object} ({g.tier})")
    for cell in out.by_predicate.values():
        out.relations += cell
    return out


# ---------------------------------------------------------------------------------------- corpus
@dataclass(frozen=True)
class CorpusText:
    """One text of a corpus manifest: its id, split, body file, gold file and metadata."""

    id: str
    split: str
    path: Path
    gold: Path
    title: str
    date: str | None


def load_manifest(path: Path) -> list[CorpusText]:
    """The texts a corpus manifest lists (``texts: [{id, split, title, date ...}]``), bodies in
    ``texts/ID.txt`` and gold in ``gold/ID.json`` beside it."""
    data = safeyaml.load_file(path)
    items = data.get("texts") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise InvalidDataError("a manifest has a list of texts under 'texts'", str(path))
    out = []
    for item in items:
        if not isinstance(item, dict) or "id" not in item or item.get("split") not in CORPUS_SPLITS:
            raise InvalidDataError(f"each text needs an id and a split ({', '.join(CORPUS_SPLITS)}), "
                                   f"got {item!r:.80}", str(path))
        tid = str(item["id"])
        date = str(item["date"]) if item.get("date") else None
        out.append(CorpusText(tid, str(item["split"]), path.parent / "texts" / f"{tid}.txt",
                              path.parent / "gold" / f"{tid}.json", str(item.get("title") or ""), date))
    return out


class Evaluation(TypedDict):
    """What `graphkit evaluate` prints: per-text and total rows, and per-predicate rows; ``held``, the
    entities and facts ingest would hold back (scored without them only ``as_ingested``)."""

    texts: list[ScoreRow]
    relations: list[RelationRow]
    held: int


def _extracted(text: str, gaz: Gazetteer, context: Context, as_ingested: bool,
               ner: bool = True) -> tuple[Extraction, int]:
    """The extractor's output for ``text``; ``as_ingested``: without what `graphkit ingest` holds back
    (ingest.pipeline.hold_back: a new meeting with neither a date nor a number, a membership without its
    first day, ...), so the figure is that of the facts a user's store gets. Also the number held back.
    ``ner``: with the pretrained NER layer (as ``graphkit ingest --ner``)."""
    ex = extract(text, gaz, context, ner=ner)
    if not as_ingested:
        return ex, 0
    held = hold_back(ex, gaz if isinstance(gaz, SourceGazetteer) else None)
    return ex, len(held.entities) + len(held.facts)


def evaluate_corpus(store: Store, manifest: Path, split: str = "dev", *, as_ingested: bool = False,
                    ner: bool = True) -> Evaluation:
    """Score the extractor on the texts of ``manifest`` in ``split`` (dev, heldout .. heldout16, or all).

    Each split is scored on its own; with ``all``, a row per split and one for everything.
    Texts whose body is missing are skipped (the corpus is rebuilt by scripts/corpus). ``as_ingested``
    scores only what ingest would keep, ``ner`` adds the pretrained NER layer (see :func:`_extracted`).
    Writes nothing.
    """
    ner_ready(ner)
    if split not in SPLITS:
        raise InvalidDataError(f"split must be one of {', '.join(SPLITS)}, got {split!r}", str(manifest))
    texts = [t for t in load_manifest(manifest) if split == "all" or t.split == split]
    texts = [t for t in texts if t.path.is_file() and t.gold.is_file()]
    if not texts:
        raise InvalidDataError(f"no {split} texts with a body and a gold file here", str(manifest))
    gaz = SourceGazetteer.from_store(store)
    outcomes = []
    held = 0
    for t in texts:
        body = t.path.read_text(encoding="utf-8")
        ex, n = _extracted(body, gaz, Context(t.title, None, t.date), as_ingested, ner)
        held += n
        gold_e, gold_r = load_json_gold(t.gold)
        outcomes.append(score_text(ex, gaz, gold_e, gold_r, t.id, t.split))
    return summarise(outcomes, split, held)


def summarise(outcomes: list[Outcome], split: str, held: int = 0) -> Evaluation:
    """Rows per text, per split and in total, and per predicate per split."""
    rows: list[ScoreRow] = [score_row(o.text, o.split, o.entities, o.relations, o.missed, o.extra)
                            for o in outcomes]
    preds: list[RelationRow] = []
    groups = sorted({o.split for o in outcomes}) + (["all"] if split == "all" else [])
    for group in groups:
        chosen = [o for o in outcomes if group == "all" or o.split == group]
        e, r = Counts(), Counts()
        per: dict[str, Counts] = {}
        for o in chosen:
            e += o.entities
            r += o.relations
            for p, c in o.by_predicate.items():
                per.setdefault(p, Counts()).__iadd__(c)
        rows.append(score_row(f"total ({group}, {len(chosen)} texts)", group, e, r))
        for p, c in sorted(per.items()):
            preds.append({"split": group, "predicate": p, "precision": round(c.precision, 3),
                          "recall": round(c.recall, 3), "recall_all": round(c.recall_all, 3),
                          "found": c.found, "gold": c.gold_all, "gold_core": c.gold})
    return {"texts": rows, "relations": preds, "held": held}


# ---------------------------------------------------------------------------------------- fixture gold
def load_gold(path: Path) -> tuple[set[str], set[tuple[str, str, str]]]:
    """A fixture gold file: ``entities`` (ids) and ``relations`` ([subject, relation, object],
    with ``this`` for the annotated document itself)."""
    data = safeyaml.load_file(path) or {}
    if not isinstance(data, dict):
        raise InvalidDataError("a gold file is a mapping with entities and relations", str(path))
    entities = {str(e) for e in data.get("entities") or []}
    relations = set()
    for item in data.get("relations") or []:
        if not (isinstance(item, list) and len(item) == 3):
            raise InvalidDataError(f"a relation is [subject, relation, object], got {item!r}", str(path))
        s, p, o = map(str, item)
        if p not in RELATIONS:
            raise InvalidDataError(f"unknown relation {p!r}; scored: {', '.join(RELATIONS)}", str(path))
        relations.add((s, p, o))
    return entities, relations


def gold_path(path: Path) -> Path:
    """``NAME.gold.yaml`` beside ``NAME.EXT``."""
    return path.with_name(path.stem + GOLD_YAML)


def _sets(found: set[str] | set[tuple[str, str, str]], gold: set[str] | set[tuple[str, str, str]]) -> Counts:
    right = len(found & gold)
    return Counts(right, len(found), right, len(gold), right, len(gold))


def evaluate_paths(store: Store, paths: Iterable[Path]) -> list[ScoreRow]:
    """Score the extractor on every annotated fixture text under ``paths`` (those with NAME.gold.yaml):
    one row per text and the total row (micro-averaged) last. Writes nothing."""
    return evaluate_fixtures(store, paths)["texts"]


def evaluate_fixtures(store: Store, paths: Iterable[Path], *, as_ingested: bool = False,
                      ner: bool = True) -> Evaluation:
    """Score the extractor on the annotated fixture texts under ``paths``: rows per text and in
    total (with what was missed and what was extra), and per relation; ``as_ingested`` and ``ner`` as
    :func:`evaluate_corpus`. Writes nothing."""
    ner_ready(ner)
    gaz = SourceGazetteer.from_store(store)
    files = [f for f in document_files(paths) if gold_path(f).is_file()]
    if not files:
        raise InvalidDataError("no annotated texts here (a text needs NAME.gold.yaml beside it)",
                               ", ".join(map(str, paths)))
    outcomes = []
    held = 0
    for path in files:
        doc = load_document(path)
        gold_e, gold_r = load_gold(gold_path(path))
        ex, n = _extracted(doc.text, gaz, Context(doc.heading, doc.kind, doc.date), as_ingested, ner)
        held += n
        found_e = ex.entities()
        found_r = {("this" if s == DOC else s, p, "this" if o == DOC else o) for s, p, o in ex.relations()}
        o = Outcome(path.name, "fixtures", _sets(found_e, gold_e), _sets(found_r, gold_r))
        for p in sorted({p for _, p, _ in found_r | gold_r}):
            o.by_predicate[p] = _sets({t for t in found_r if t[1] == p}, {t for t in gold_r if t[1] == p})
        o.missed = sorted(gold_e - found_e) + [" ".join(t) for t in sorted(gold_r - found_r)]
        o.extra = sorted(found_e - gold_e) + [" ".join(t) for t in sorted(found_r - gold_r)]
        outcomes.append(o)
    return summarise(outcomes, "fixtures", held)
