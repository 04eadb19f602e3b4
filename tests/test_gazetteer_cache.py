"""The ingest gazetteer saved beside the store: reused while current, updated by ingest, equal to a fresh one."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from graphkit.cli import cli
from graphkit.store import opened
from graphkit.terms import C
from graphkit.vocab import entity_iri
from ingest.gazetteer import Gazetteer, MeetingInfo, label_words, norm_key
from ingest.pipeline import GAZETTEER_FILE, SourceGazetteer

TEXTS = Path(__file__).parent / "fixtures" / "texts"


def contents(g: SourceGazetteer) -> dict[str, Any]:
    """Everything a lookup reads, in a comparable form."""
    ents = {e.id: (e.kind, e.cls, e.name, sorted(e.labels), sorted(e.graphs),
                   sorted((k, sorted(v)) for k, v in e.classes.items())) for e in g.entities.values()}
    return {"entities": ents, "meetings": g.meetings, "post_in": g.post_in, "holds": g.holds,
            "delivered": g.delivered, "ends": g.ends, "trie": g._trie, "folded": g._folded, "exact": g._exact}


@pytest.fixture
def store(built_store: Path, tmp_path: Path) -> Path:
    path = tmp_path / "store"
    shutil.copytree(built_store, path)
    return path


def ingest(store: Path, *paths: Path) -> None:
    result = CliRunner().invoke(cli, ["ingest", *map(str, paths), "--store", str(store), "--quiet"])
    assert result.exit_code == 0, result.output


def test_ingest_saves_a_gazetteer_equal_to_one_read_afresh(store: Path) -> None:
    texts = sorted(TEXTS.glob("*.txt"))
    assert len(texts) >= 3
    whole = store / GAZETTEER_FILE
    assert whole.is_file()  # saved by the build
    before = whole.stat().st_ino
    ingest(store, texts[0])
    ingest(store, *texts[1:3])  # loads the saved one, updates the rows of what these wrote
    assert whole.stat().st_ino == before  # updated in place, not written again whole
    with opened(store, read_only=True) as s:
        saved = SourceGazetteer.load(whole, s.fingerprint)
        assert isinstance(saved, SourceGazetteer)
        fresh = SourceGazetteer.from_store(s)
    assert contents(saved) == contents(fresh)
    assert any(g.startswith("https://w3id.org/asean-graphkit/graph/document/")
               for e in fresh.entities.values() for g in e.graphs)  # the documents did add to it


def test_a_gazetteer_saved_for_another_fingerprint_is_not_used(store: Path, tmp_path: Path) -> None:
    with opened(store, read_only=True) as s:
        gaz = SourceGazetteer.from_store(s)
        fp = s.fingerprint
    path = tmp_path / "g.sqlite"
    gaz.save(path, fp)
    assert SourceGazetteer.load(path, fp) is not None
    assert SourceGazetteer.load(path, fp + "x") is None
    assert Gazetteer.load(path, fp) is None  # another class
    path.write_bytes(b"not a database")
    assert SourceGazetteer.load(path, fp) is None


def test_meetings_by_body_and_ordinal_follow_additions() -> None:
    gaz = Gazetteer()
    gaz.add("meeting/a-1", "Meeting", "First A")
    gaz.add_meeting(MeetingInfo("meeting/a-1", "body/a", 1, "2020-01-01", None))
    assert gaz.meeting("body/a", 1) == "meeting/a-1"
    assert gaz.meeting("body/a", 2) is None
    gaz.add("meeting/a-2", "Meeting", "Second A")
    gaz.add_meeting(MeetingInfo("meeting/a-2", "body/a", 2, "2021-01-01", None))
    assert gaz.meeting("body/a", 2) == "meeting/a-2"
    assert [m.id for m in gaz.meetings_of("body/a")] == ["meeting/a-1", "meeting/a-2"]
    assert gaz.meetings_of("body/b") == []


def test_a_loaded_gazetteer_reads_no_entity_and_answers_as_one_read_afresh(store: Path) -> None:
    texts = sorted(TEXTS.glob("*.txt"))
    ingest(store, *texts[:2])
    with opened(store, read_only=True) as s:
        saved = SourceGazetteer.load(store / GAZETTEER_FILE, s.fingerprint)
        fresh = SourceGazetteer.from_store(s)
    assert isinstance(saved, SourceGazetteer)
    assert saved._saved is not None and not saved._saved.views[0]._memo  # nothing read yet
    assert sorted(saved.entities) == sorted(fresh.entities)  # (updated ones moved to the end: see below)
    assert sorted(saved.meetings) == sorted(fresh.meetings)
    for kinds in ((C.Person,), (C.Body,), (C.MemberState, C.Country, C.Organization), (C.Meeting,)):
        assert sorted(e.id for e in saved.of_kind(*kinds)) == sorted(e.id for e in fresh.of_kind(*kinds))
    for m in list(fresh.meetings.values())[:200]:
        if m.body:
            assert saved.meetings_of(m.body) == fresh.meetings_of(m.body)
            if m.ordinal is not None:
                assert saved.meeting(m.body, m.ordinal) == fresh.meeting(m.body, m.ordinal)
    docs = [e for e in fresh.entities.values() if e.kind == C.Document]
    for e in docs[:50]:
        for lab in e.labels:
            key = norm_key(lab)
            for n in range(1, len(key)):
                assert saved.ending_with(key[n:], C.Document) == fresh.ending_with(key[n:], C.Document)
    for e in list(fresh.entities.values())[:300]:
        for lab in e.labels:
            assert saved.lookup(lab) == fresh.lookup(lab), lab
            assert saved.lookup(lab, kinds=(C.Person,)) == fresh.lookup(lab, kinds=(C.Person,)), lab
    for text in texts:
        body = text.read_text(encoding="utf-8")
        assert list(saved.scan(body)) == list(fresh.scan(body)), text.name


def test_updates_in_the_file_keep_the_order_of_updates_in_memory(store: Path, tmp_path: Path) -> None:
    with opened(store, read_only=True) as s:
        memory = SourceGazetteer.from_store(s)
        memory.save(tmp_path / "g.sqlite", s.fingerprint)
        saved = SourceGazetteer.load(tmp_path / "g.sqlite", s.fingerprint)
        assert isinstance(saved, SourceGazetteer)
        people = [e.id for e in memory.of_kind(C.Person)][:3]
        meetings = list(memory.meetings)[:3]
        bodies = [e.id for e in memory.of_kind(C.Body)][:2]
        subjects = [entity_iri(x) for x in people + meetings + bodies]
        for gaz in (memory, saved):
            gaz.update(s, subjects)  # facts unchanged: each subject moves to the end
        assert list(saved.entities) == list(memory.entities) != list(SourceGazetteer.from_store(s).entities)
        assert list(saved.meetings) == list(memory.meetings)
        for kinds in ((C.Person,), (C.Body,), (C.Meeting,)):
            assert [e.id for e in saved.of_kind(*kinds)] == [e.id for e in memory.of_kind(*kinds)]
        for m in meetings:
            info = memory.meetings[m]
            assert info.body and saved.meetings_of(info.body) == memory.meetings_of(info.body)
        assert contents(saved) == contents(memory)
        saved.save(tmp_path / "g.sqlite", "next")
    again = SourceGazetteer.load(tmp_path / "g.sqlite", "next")
    assert again is not None and list(again.entities) == list(memory.entities)


def test_an_update_in_place_moves_the_file_to_the_new_fingerprint_only(store: Path) -> None:
    whole = store / GAZETTEER_FILE
    with opened(store, read_only=True) as s:
        built = s.fingerprint
    assert SourceGazetteer.load(whole, built) is not None
    ingest(store, sorted(TEXTS.glob("*.txt"))[0])
    with opened(store, read_only=True) as s:
        assert SourceGazetteer.load(whole, s.fingerprint) is not None
    assert SourceGazetteer.load(whole, built) is None  # the build's is no more: updated in place
    assert SourceGazetteer.load(whole, "another") is None
    whole.write_bytes(b"damaged")
    with opened(store, read_only=True) as s:
        assert SourceGazetteer.load(whole, s.fingerprint) is None  # read afresh by the next run
    ingest(store, sorted(TEXTS.glob("*.txt"))[1])  # reads it from the store and saves it whole again
    with opened(store, read_only=True) as s:
        saved = SourceGazetteer.load(whole, s.fingerprint)
        assert isinstance(saved, SourceGazetteer)
        assert contents(saved) == contents(SourceGazetteer.from_store(s))


def test_after_a_forget_the_saved_gazetteer_is_updated_not_read_whole(store: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    texts = sorted(TEXTS.glob("*.txt"))
    ingest(store, *texts[:2])
    forgot = CliRunner().invoke(cli, ["forget", "document/apsc29-opening-remarks", "--store", str(store), "--quiet"])
    assert forgot.exit_code == 0, forgot.output

    def whole(cls: type[Any], store: Any) -> Any:
        raise AssertionError("the gazetteer was read whole from the store after a forget")

    with opened(store, read_only=True) as s:
        with monkeypatch.context() as m:
            m.setattr(SourceGazetteer, "from_store", classmethod(whole))
            caught_up = SourceGazetteer.for_store(s)
        assert contents(caught_up) == contents(SourceGazetteer.from_store(s))
    with monkeypatch.context() as m:
        m.setattr(SourceGazetteer, "from_store", classmethod(whole))
        ingest(store, texts[0])  # the forgotten document again: the caught-up gazetteer, saved for the next run
        with opened(store, read_only=True) as s:
            saved = SourceGazetteer.load(store / GAZETTEER_FILE, s.fingerprint)
    assert isinstance(saved, SourceGazetteer)
    with opened(store, read_only=True) as s:
        assert contents(saved) == contents(SourceGazetteer.from_store(s))


def test_label_prefixes_are_saved_and_follow_updates_and_scan_as_made_afresh(store: Path) -> None:
    texts = sorted(TEXTS.glob("*.txt"))
    ingest(store, texts[0])
    ingest(store, *texts[1:3])  # replayed from the changes beside the saved one
    with opened(store, read_only=True) as s:
        saved = SourceGazetteer.for_store(s)
        fresh = SourceGazetteer.from_store(s)
    assert saved.loaded and "label_prefixes" in saved.cache  # loaded, not made by this run
    raw, folded = saved._prefixes()
    want_raw, want_folded = fresh._prefixes()
    assert all(p in raw for p in want_raw) and all(p in folded for p in want_folded)
    assert set(raw) == want_raw and set(folded) == want_folded  # every beginning, no more
    for text in texts:
        body = text.read_text(encoding="utf-8")
        assert list(saved.scan(body)) == list(fresh.scan(body)), text.name


def _ending_with_by_scan(gaz: Gazetteer, key: tuple[str, ...], kind: str) -> set[str]:
    """What Gazetteer.ending_with must answer, by reading every label of every entity of ``kind``."""
    n = len(key)
    return {e.id for e in gaz.entities.values() if e.kind == kind
            for lab in e.labels if len(norm_key(lab)) > n and norm_key(lab)[-n:] == key} if n else set()


def test_documents_ending_with_a_phrase_equal_a_scan_of_every_label(built_store: Path) -> None:
    with opened(built_store, read_only=True) as s:
        gaz = SourceGazetteer.from_store(s)
    docs = [e for e in gaz.entities.values() if e.kind == C.Document]
    assert len(docs) > 10
    keys = {norm_key(lab)[i:] for e in docs for lab in e.labels for i in range(len(norm_key(lab)) + 1)}
    keys |= {("no", "such", "declaration"), ("declaration", "on"), ()}
    found_any = 0
    for key in sorted(keys):
        want = _ending_with_by_scan(gaz, key, C.Document)
        assert gaz.ending_with(key, C.Document) == want, key
        assert gaz.ending_with(key, C.Document) == want, key  # answered again from the memo
        found_any += bool(want)
    assert found_any > 10
    # an added document is found: the memo and the index are dropped with the other derived indexes
    before = gaz.ending_with(("declaration", "on", "testing"), C.Document)
    gaz.add("document/test-decl", C.Document, "Kuala Lumpur Declaration on Testing")
    after = gaz.ending_with(("declaration", "on", "testing"), C.Document)
    assert "document/test-decl" not in before and "document/test-decl" in after
    assert after == _ending_with_by_scan(gaz, ("declaration", "on", "testing"), C.Document)


def test_label_prefixes_are_every_beginning_of_every_label_key(built_store: Path) -> None:
    with opened(built_store, read_only=True) as s:
        gaz = SourceGazetteer.from_store(s)
    raw, folded = gaz._label_prefixes()
    want_raw = {k[:n] for k in gaz._trie for n in range(1, len(k) + 1)}
    want_folded = want_raw | {k[:n] for k in gaz._folded for n in range(1, len(k) + 1)}
    assert len(want_folded) > len(want_raw) > 1000
    assert raw == want_raw and folded == want_folded


def test_the_ner_layers_other_words_answered_by_index_equal_a_scan_of_every_label(store: Path) -> None:
    """The NER layer asks, word by word of a text, whether a word names only things other than persons;
    a loaded gazetteer answers by index (a scan of every label cost seconds a command at 1M facts), and
    after ingests and a forget it answers as one read afresh, and as the scan did."""
    from ingest.extract.pretrained import _OTHER_KINDS, _lexicon_words, is_other_word

    texts = sorted(TEXTS.glob("*.txt"))
    ingest(store, *texts[:2])
    forgot = CliRunner().invoke(cli, ["forget", "document/apsc29-opening-remarks", "--store", str(store), "--quiet"])
    assert forgot.exit_code == 0, forgot.output
    with opened(store, read_only=True) as s:
        saved = SourceGazetteer.for_store(s)
        fresh = SourceGazetteer.from_store(s)
    assert saved.loaded

    def words(kinds: tuple[str, ...]) -> set[str]:
        return {w.lower() for e in fresh.of_kind(*kinds) for lab in e.labels for w in re.findall(r"[\w'’\-]+", lab)}

    scanned = (words(_OTHER_KINDS) | _lexicon_words()) - words((C.Person,))
    assert {"southeast", "lumpur"} <= scanned
    asked = words(tuple({e.kind for e in fresh.entities.values()})) | _lexicon_words() | {"nowhere-at-all"}
    assert asked - scanned  # (person words among them)
    for gaz in (saved, fresh):
        assert {w for w in asked if is_other_word(gaz, w)} == scanned
    assert set(saved._saved_words) == {w for w in asked if fresh.word_kinds(w)}  # no row left of what was forgotten
    # an entity only an ingested document defines is no known entity: its words stay out, as of_kind leaves it out
    extracted = [e for e in fresh.entities.values() if not fresh.known(e.id)]
    assert extracted
    for e in extracted + list(fresh.entities.values())[:500]:
        for w in label_words(e.labels):
            assert saved.word_kinds(w) == fresh.word_kinds(w) == frozenset(
                x.kind for x in fresh.entities.values() if fresh.known(x.id) and w in label_words(x.labels)), w


def test_a_gazetteer_saved_in_an_older_format_is_read_afresh_and_saved_anew(store: Path) -> None:
    """A store built before the word table (format 5) still ingests: its saved gazetteer is not used, the next
    ingest reads the gazetteer from the store and saves it whole in today's format."""
    import sqlite3

    whole = store / GAZETTEER_FILE
    conn = sqlite3.connect(whole)
    with conn:
        conn.execute("UPDATE meta SET value = 'graphkit-gazetteer/5' WHERE key = 'format'")
        conn.execute("DROP TABLE word")
    conn.close()
    with opened(store, read_only=True) as s:
        assert SourceGazetteer.load(whole, s.fingerprint) is None
    ingest(store, sorted(TEXTS.glob("*.txt"))[0])
    with opened(store, read_only=True) as s:
        saved = SourceGazetteer.load(whole, s.fingerprint)
        assert isinstance(saved, SourceGazetteer)
        fresh = SourceGazetteer.from_store(s)
    assert contents(saved) == contents(fresh)
    assert saved.word_kinds("lumpur") == fresh.word_kinds("lumpur") != frozenset()
