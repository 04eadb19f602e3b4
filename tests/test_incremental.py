"""Refresh after an ingest redoes only what the changed graphs touch: the projection it saves equals a
full projection node for node and edge for edge, and the Cypher copy it updates answers queries as one
rebuilt from scratch. Where it cannot be sure (no saved projection, another write in between, merged
ids that changed) it projects the whole store, and says so."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit.engines.embedded import Refreshed, cypher_dir, refresh
from graphkit.project import (
    Changes,
    Projection,
    ProjectionFile,
    apply_delta,
    full_projection,
    last_saved_projection,
    project,
    projection_path,
    saved_projection,
    update_projection,
)
from graphkit.provenance import EXTRACTED, describe_graph, document_graph
from graphkit.store import NamedNode, Quad, opened, writing
from graphkit.terms import IRI
from graphkit.vocab import entity_iri
from ingest.pipeline import ingest_paths

TEXTS = Path(__file__).parent / "fixtures" / "texts"
FIRST = ["apsc29-opening-remarks.txt", "news-28th-apsc-council.txt", "news-58th-amm.txt"]


@pytest.fixture
def store(built_store: Path, tmp_path: Path) -> Path:
    path = tmp_path / "store"
    shutil.copytree(built_store, path)
    return path


def _ingest(store: Path, *paths: Path) -> Changes:
    with writing(store) as s:
        run = ingest_paths(s, list(paths))
        results = list(run)
        assert all(r.ok for r in results), [r.line() for r in results]
        return run.finish()


def _assert_same(got: Projection, want: Projection) -> None:
    """Node for node, edge for edge (in order), and the schema both imply."""
    assert got.nodes.keys() == want.nodes.keys()
    for nid, node in want.nodes.items():
        assert got.nodes[nid] == node, nid
    assert len(got.edges) == len(want.edges)
    for mine, theirs in zip(got.edges, want.edges, strict=True):
        assert mine == theirs
    assert got.rel_pairs == want.rel_pairs
    assert got.node_props == want.node_props


def _refresh_and_check(store: Path, changes: Changes) -> Refreshed:
    done = refresh(store, changes=changes)
    with opened(store, read_only=True) as s:
        saved = saved_projection(s)
        assert saved is not None
        _assert_same(saved, project(s))
    return done


def test_ingests_update_the_projection_as_a_full_projection_would(store: Path, tmp_path: Path) -> None:
    # three documents into the curated store
    changes = _ingest(store, *(TEXTS / name for name in FIRST))
    assert len(changes.graphs) == 3 and changes.before != changes.after
    with opened(store, read_only=True) as s:
        previous = last_saved_projection(s)
        assert previous is not None and previous.fingerprint == changes.before
        delta = update_projection(s, previous.projection, previous.canon, changes)
        assert delta is not None
        with ProjectionFile.open(store) as pf:  # the saved file, asked row by row, gives the same delta
            assert update_projection(s, pf, pf.canon, changes) == delta
        full, _ = full_projection(s)
        _assert_same(apply_delta(previous.projection, delta), full)
        assert delta.added_pairs  # the documents' MENTIONS join tables no relationship joined before
        assert 0 < len(delta.redone) < len(full.nodes) / 4  # a few entities, not the graph
        assert len(full.edges) > len(previous.projection.edges)
    done = _refresh_and_check(store, changes)
    assert (done.projection, done.copy) == ("incremental", "incremental")

    # the same file, changed: its graph is replaced (old facts gone, new ones in)
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(TEXTS / FIRST[0], docs / FIRST[0])
    (docs / FIRST[0]).write_text("The 29th APSC Council Meeting addressed maritime security.\n", encoding="utf-8")
    changes = _ingest(store, docs / FIRST[0])
    assert changes.graphs == {document_graph("apsc29-opening-remarks")}
    done = _refresh_and_check(store, changes)
    assert done.projection == "incremental"

    # the same file again: nothing written, nothing to redo
    changes = _ingest(store, docs / FIRST[0])
    assert not changes.graphs and changes.before == changes.after
    assert refresh(store, changes=changes).skipped

    # a document's graph dropped: what only it stated goes
    graph = document_graph("news-58th-amm")
    with writing(store) as s:
        dropped = Changes(before=s.fingerprint)
        dropped.note(graph, s.quads(graph))
        s.replace_graphs({}, remove=[graph])
        s.publish()
        dropped.after = s.fingerprint
    done = _refresh_and_check(store, dropped)
    assert done.projection == "incremental"


QUERIES = [
    "MATCH (n) RETURN n.id AS id, label(n) AS t, n.name AS name, n.sources AS s, n.origins AS o ORDER BY id",
    "MATCH (x)-[r]->(y) RETURN x.id AS src, label(r) AS t, y.id AS dst, r.sources AS s, r.origins AS o, "
    "r.quotes AS q, r.startDate AS sd, r.endDate AS ed ORDER BY src, t, dst",
]


def _answers(store: Path) -> list[str]:
    from graphkit.cli import cli

    out = []
    for query in QUERIES:
        result = CliRunner().invoke(cli, ["query", "-e", query, "--store", str(store), "--format", "json"])
        assert result.exit_code == 0, result.output
        out.append(result.stdout)
    result = CliRunner().invoke(cli, ["query", "meetings_of_body", "--param", "body=APSC", "--store", str(store),
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    out.append(result.stdout)
    return out


def test_query_after_an_ingest_answers_as_a_copy_rebuilt_from_scratch(store: Path, tmp_path: Path) -> None:
    from graphkit.cli import cli

    result = CliRunner().invoke(cli, ["ingest", *(str(TEXTS / n) for n in FIRST), "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert "Cypher copy ready (updated" in result.stderr
    stamp = cypher_dir(store) / "fingerprint.json"
    with opened(store, read_only=True) as s:
        assert json.loads(stamp.read_text())["fingerprint"] == s.fingerprint
    updated = _answers(store)
    assert len(json.loads(updated[1])) > 0
    shutil.rmtree(cypher_dir(store))  # the next query rebuilds the copy from the saved projection
    projection_path(store).unlink()   # ... or from the store itself
    assert _answers(store) == updated


def test_without_a_saved_projection_the_whole_store_is_projected(store: Path) -> None:
    changes = _ingest(store, TEXTS / FIRST[1])
    projection_path(store).unlink()
    done = _refresh_and_check(store, changes)
    assert (done.projection, done.copy) == ("full", "full")
    assert "rebuilt" in done.line()


def test_another_write_in_between_means_a_full_projection(store: Path) -> None:
    first = _ingest(store, TEXTS / FIRST[1])
    _ingest(store, TEXTS / FIRST[2])  # nobody refreshed after it: the saved projection is older
    done = _refresh_and_check(store, first)
    assert done.projection == "full"


def test_a_merge_decision_in_a_changed_graph_means_a_full_projection(store: Path) -> None:
    # two curated entities declared one (owl:sameAs): nodes are renamed wherever the ids appear
    with opened(store, read_only=True) as s:
        full = project(s)
    people = sorted(nid for nid, n in full.nodes.items() if n.table == "Person")[:2]
    assert len(people) == 2
    graph = document_graph("merge-note")
    quads = describe_graph(graph, EXTRACTED, derived_from=entity_iri("document/merge-note"))
    quads.append(Quad(NamedNode(people[0]), NamedNode(IRI.sameAs), NamedNode(people[1]), NamedNode(graph)))
    with writing(store) as s:
        changes = Changes(before=s.fingerprint)
        changes.note(graph, quads)
        s.replace_graphs({graph: quads})
        s.publish()
        changes.after = s.fingerprint
    with opened(store, read_only=True) as s:
        previous = last_saved_projection(s)
        assert previous is not None
        assert update_projection(s, previous.projection, previous.canon, changes) is None
    done = _refresh_and_check(store, changes)
    assert done.projection == "full"
    with opened(store, read_only=True) as s:
        merged = saved_projection(s)
        assert merged is not None and len(merged.nodes) == len(full.nodes) - 1


# ---------------------------------------------------------------------------- the saved layout
def _db_file(store: Path) -> Path:
    return cypher_dir(store) / "graph.lbdb"


def test_two_ingests_in_a_row_go_to_the_log_of_one_shared_database_file(store: Path, monkeypatch: pytest.MonkeyPatch
                                                                          ) -> None:
    import graphkit.engines.embedded as embedded

    first_file = _db_file(store).stat().st_ino
    for name in FIRST[:2]:   # one document, then another: each refresh updates what the last one left
        done = refresh(store, changes=_ingest(store, TEXTS / name))
        assert (done.projection, done.copy) == ("incremental", "incremental")
        # the database file was not copied nor rewritten: the update is in its write-ahead log
        assert _db_file(store).stat().st_ino == first_file
        assert (cypher_dir(store) / "graph.lbdb.wal").stat().st_size > 0
    chained = _answers(store)
    with opened(store, read_only=True) as s:
        saved = saved_projection(s)
        assert saved is not None
        _assert_same(saved, project(s))
    # past the log's limit, the next update copies the file and checkpoints it: no log left
    monkeypatch.setattr(embedded, "WAL_COMPACT_BYTES", 0)
    done = refresh(store, changes=_ingest(store, TEXTS / FIRST[2]))
    assert done.copy == "incremental"
    assert _db_file(store).stat().st_ino != first_file and not (cypher_dir(store) / "graph.lbdb.wal").exists()
    compacted = _answers(store)
    shutil.rmtree(cypher_dir(store))   # the same answers from a copy rebuilt from scratch
    assert _answers(store) == compacted
    assert compacted != chained  # the third document is in


def test_a_reader_keeps_the_copy_it_opened_while_an_ingest_updates_it(store: Path) -> None:
    from graphkit.engines import open_engine

    count = "MATCH (d:Document) RETURN count(d) AS n"
    before = open_engine("embedded", store)
    try:
        n0 = before.run(count)[1][0]["n"]
        done = refresh(store, changes=_ingest(store, *(TEXTS / name for name in FIRST)))
        assert done.copy == "incremental"
        assert before.run(count)[1][0]["n"] == n0   # the old state, whole, to the end
        after = open_engine("embedded", store)
        try:
            assert after.run(count)[1][0]["n"] >= n0 + 3   # the three documents (and any they cite)
        finally:
            after.close()
        assert before.run(count)[1][0]["n"] == n0
    finally:
        before.close()


def test_ingest_then_forget(store: Path) -> None:
    from graphkit.cli import cli

    original = _answers(store)
    result = CliRunner().invoke(cli, ["ingest", str(TEXTS / FIRST[1]), "--store", str(store)])
    assert result.exit_code == 0 and "Cypher copy ready (updated" in result.stderr, result.output
    assert _answers(store) != original
    result = CliRunner().invoke(cli, ["forget", "document/news-28th-apsc-council", "--store", str(store)])
    assert result.exit_code == 0, result.output
    with opened(store, read_only=True) as s:
        saved = saved_projection(s)
        assert saved is not None
        _assert_same(saved, project(s))
    assert _answers(store) == original


def test_a_writer_killed_in_the_middle_leaves_the_state_before_readable(store: Path) -> None:
    import subprocess
    import sys

    with opened(store, read_only=True) as s:
        before = last_saved_projection(s)
        assert before is not None and before.fingerprint == s.fingerprint
    # a writer that deleted rows and moved the fingerprint on, then died before committing
    script = ("import os, sqlite3, sys\n"
              "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
              "c.execute('BEGIN IMMEDIATE')\n"
              "c.execute('DELETE FROM nodes')\n"
              "c.execute('DELETE FROM out_edges')\n"
              "c.execute(\"UPDATE meta SET value = 'other' WHERE key = 'fingerprint'\")\n"
              "os._exit(9)\n")
    proc = subprocess.run([sys.executable, "-c", script, str(projection_path(store))])
    assert proc.returncode == 9
    assert projection_path(store).with_name("projection.sqlite-journal").exists()  # left hot
    with opened(store, read_only=True) as s:
        after = last_saved_projection(s)
        assert after is not None and after.fingerprint == before.fingerprint
        _assert_same(after.projection, before.projection)
    assert refresh(store).skipped


def test_an_update_from_another_state_is_refused_and_changes_nothing(store: Path) -> None:
    from graphkit.project import ProjectionFileError

    with opened(store, read_only=True) as s:
        saved = last_saved_projection(s)
        assert saved is not None
    changes = _ingest(store, TEXTS / FIRST[1])
    with opened(store, read_only=True) as s, ProjectionFile.open(store, write=True) as pf:
        delta = update_projection(s, pf, pf.canon, changes)
        assert delta is not None and delta.new_nodes
        with pytest.raises(ProjectionFileError):
            pf.apply(delta, "not-the-state-it-holds", changes.after)
        assert pf.fingerprint == changes.before
    with ProjectionFile.open(store) as pf:
        assert pf.fingerprint == changes.before
        _assert_same(pf.projection(), saved.projection)


def test_the_projection_written_but_not_the_copy_means_the_copy_is_rebuilt(store: Path) -> None:
    from graphkit.engines.embedded import _incremental

    changes = _ingest(store, TEXTS / FIRST[2])
    with opened(store, read_only=True) as s:
        assert _incremental(s, changes) is not None   # and then the process died
    done = refresh(store)
    assert (done.projection, done.copy) == ("kept", "full")
    updated = _answers(store)
    shutil.rmtree(cypher_dir(store))
    assert _answers(store) == updated


def test_a_reader_that_saw_the_copy_swapped_while_opening_it_opens_it_again(store: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import graphkit.engines.embedded as embedded
    from graphkit.engines import open_engine

    real = embedded._folder_id
    calls: list[int] = []

    def swapped_once(folder: Path) -> tuple[int, int] | None:
        calls.append(1)
        got = real(folder)
        # the first open sees another folder after opening than before it (a refresh's swap)
        return (0, 0) if len(calls) == 2 and got is not None else got

    monkeypatch.setattr(embedded, "_folder_id", swapped_once)
    engine = open_engine("embedded", store)
    try:
        assert engine.run("MATCH (m:Meeting) RETURN count(m) AS n")[1][0]["n"] > 0
    finally:
        engine.close()
    assert len(calls) == 4   # opened twice: before and after each


# ----------------------------------------------------------------------------------- people kept beside the store
NAMED_ONCE = """---
title: Cybercrime talks
publisher: Example Wire
date: 2025-07-07
url: https://example.org/wire/cyber-one
---
KUALA LUMPUR, July 7 -- Malaysian Defence Minister Khaled Nordin said on Monday that the region must work together
on cybercrime.
"""
NAMED_AGAIN = """---
title: Cybercrime cooperation
publisher: Example Post
date: 2025-07-09
url: https://example.org/post/cyber-two
---
KUALA LUMPUR, July 9 -- Defence Minister Datuk Seri Mohamed Khaled Nordin said cooperation on cybercrime would
continue.
"""


def _canon_kept_and_recomputed(store: Path, changes: Changes, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """canonical_ids brought up to date from ``changes`` (never from the whole store), checked against
    the same made from the whole store with the kept file removed."""
    import graphkit.xref as xref

    def whole(*_: object) -> None:
        raise AssertionError("the people file was made from the whole store, not updated")

    with opened(store, read_only=True) as s:
        with monkeypatch.context() as m:
            m.setattr(xref, "_fill_people", whole)
            kept = xref.canonical_ids(s, changes)
            assert xref.canonical_ids(s) == kept  # read back for the same fingerprint
        (store / xref.PEOPLE_FILE).unlink()
        assert xref.canonical_ids(s) == kept
        assert sorted(xref._auto_pairs(s, None)) == sorted(xref.auto_matches(s))
    return kept


def test_people_matched_across_texts_are_kept_beside_the_store_as_a_whole_store_would_give(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from graphkit.cli import cli
    from graphkit.documents import forget
    from graphkit.xref import canonical_ids

    store = tmp_path / "store"
    built = CliRunner().invoke(cli, ["build", "--no-shipped", "--records", str(Path(__file__).parent / "fixtures"
                                                                              / "records-ingest"),
                                     "--store", str(store), "--quiet"])
    assert built.exit_code == 0, built.output
    with opened(store, read_only=True) as s:
        assert canonical_ids(s) == {}  # the people file made for the built store
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "cyber-one.md").write_text(NAMED_ONCE, encoding="utf-8")
    (texts / "cyber-two.md").write_text(NAMED_AGAIN, encoding="utf-8")
    assert _canon_kept_and_recomputed(store, _ingest(store, texts / "cyber-one.md"), monkeypatch) == {}
    merged = _canon_kept_and_recomputed(store, _ingest(store, texts / "cyber-two.md"), monkeypatch)
    khaled = sorted(k.rsplit("/id/", 1)[-1] for k in merged)
    assert len(khaled) == 2 and all("khaled-nordin" in k for k in khaled), khaled
    done = forget(store, "document/example-org-wire-cyber-one")
    assert done.changes.graphs == {document_graph("example-org-wire-cyber-one")}
    assert _canon_kept_and_recomputed(store, done.changes, monkeypatch) == {}


def _dump(store: Path) -> list[str]:
    with opened(store, read_only=True) as s:
        return sorted(str(q) for q in s.quads())


def _search_rows(store: Path) -> list[tuple[str, ...]]:
    import sqlite3

    from graphkit.search import index_path

    with sqlite3.connect(index_path(store)) as db:
        return sorted(db.execute("SELECT text, title, what, key, kind, graph, document, span, entities FROM hits"))


def test_forget_then_ingest_is_refreshed_by_what_changed_and_equals_the_store_ingested_once(
        store: Path, tmp_path: Path) -> None:
    from graphkit.cli import cli
    from graphkit.search import refresh_index

    texts = [str(TEXTS / f) for f in FIRST[:2]]
    once = tmp_path / "once"
    shutil.copytree(store, once)
    for path in (once, store):
        result = CliRunner().invoke(cli, ["ingest", *texts, "--store", str(path)])
        assert result.exit_code == 0, result.output
    result = CliRunner().invoke(cli, ["forget", "document/apsc29-opening-remarks", "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert "Cypher copy ready (updated" in result.stderr, result.stderr  # not projected whole
    assert _dump(store) != _dump(once)
    result = CliRunner().invoke(cli, ["ingest", texts[0], "--store", str(store)])
    assert result.exit_code == 0 and "Cypher copy ready (updated" in result.stderr, result.output
    assert _dump(store) == _dump(once)
    with opened(store, read_only=True) as s:
        saved = saved_projection(s)
        assert saved is not None
        _assert_same(saved, project(s))
    assert _answers(store) == _answers(once)
    kept = _search_rows(store)
    assert refresh_index(store, rebuild=True).rebuilt
    assert kept == _search_rows(store)
