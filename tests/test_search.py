"""`graphkit search`: names, aliases and ingested sentences, ranked, kept in step with the store."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from graphkit.cli import cli
from graphkit.search import SearchError, index_path, index_state, parse_query, refresh_index, search
from graphkit.store import opened


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def hits(store: Path, *args: str) -> list[dict]:
    result = run("search", *args, "--store", store, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture()
def seeded_copy(seeded_store: Path, tmp_path: Path) -> Path:
    path = tmp_path / "store"
    shutil.copytree(seeded_store, path)
    return path


def test_the_seed_sentence_is_found_with_its_document_span_and_entities(seeded_store: Path) -> None:
    found = [h for h in hits(seeded_store, "scam centres") if h["what"] == "sentence"]
    assert found, "the seed's sentence about scam centres"
    top = found[0]
    assert "forced labour at scam centres" in top["text"]
    assert top["document"] == "document/apsc29-opening-remarks"
    start, end = (int(x) for x in top["span"].split("-"))
    text = (Path(__file__).parent / "fixtures" / "texts" / "apsc29-opening-remarks.txt").read_text(encoding="utf-8")
    assert text[start:end] == top["text"]
    assert "29th ASEAN Political-Security Community Council Meeting" in top["entities"]


def test_a_phrase_needs_its_words_together_and_in_order(seeded_store: Path) -> None:
    assert any(h["what"] == "sentence" for h in hits(seeded_store, '"scam centres"'))
    result = run("search", '"centres scam"', "--sentences", "--store", seeded_store)
    assert result.exit_code == 3 and "nothing matches" in result.stderr


def test_a_prefix_and_stems_match(seeded_store: Path) -> None:
    prefix = hits(seeded_store, "traffick*", "--sentences")
    assert any("trafficked" in h["text"] for h in prefix)
    assert any("scam centres" in h["text"] for h in hits(seeded_store, "scam centre", "--sentences"))


def test_names_and_aliases_are_found_and_ranked_first_for_an_acronym(seeded_store: Path) -> None:
    top = hits(seeded_store, "APSC Council", "--names")[0]
    assert top["key"] == "body/apsc-council" and top["kind"] == "Body"


def test_an_excluded_word_leaves_out_its_hits(seeded_store: Path) -> None:
    both = hits(seeded_store, "cybercrime", "--sentences")
    without = hits(seeded_store, "cybercrime -syndicates", "--sentences")
    assert len(without) < len(both) and not any("syndicates" in h["text"] for h in without)


def test_user_text_is_never_fts_syntax(seeded_store: Path) -> None:
    assert parse_query('NEAR(a b) OR x:y "unclosed') == '"NEAR a" AND "b" AND "OR" AND "x y" AND "unclosed"'
    with pytest.raises(SearchError):
        parse_query('" - * :')
    for hostile in ('NEAR(scam centres)', 'text: scam', '"scam" OR "x', "scam'); DROP TABLE hits; --", "^scam"):
        result = run("search", hostile, "--store", seeded_store)
        assert result.exit_code in (0, 3), (hostile, result.output)
    assert hits(seeded_store, "scam")  # the index is still there


def test_nothing_to_search_for_is_a_usage_error(seeded_store: Path) -> None:
    result = run("search", "*", "--store", seeded_store)
    assert result.exit_code == 2 and "nothing to search for" in result.stderr


def test_the_index_follows_ingest_and_forget(seeded_copy: Path, tmp_path: Path) -> None:
    refresh_index(seeded_copy)
    doc = tmp_path / "note.txt"
    doc.write_text("The 29th ASEAN Political-Security Community Council Meeting discussed zymurgical cooperation.\n",
                   encoding="utf-8")
    assert run("ingest", doc, "--store", seeded_copy, "--quiet").exit_code == 0
    with opened(seeded_copy, read_only=True) as s:
        assert index_state(seeded_copy) == s.fingerprint  # ingest brought it up to date itself
    found = search(seeded_copy, "zymurgical")
    assert [h["document"] for h in found if h["what"] == "sentence"] == ["document/note"]
    assert search(seeded_copy, "scam centres", what=("sentence",))  # other documents untouched
    result = run("forget", "document/note", "--store", seeded_copy)
    assert result.exit_code == 0, result.output
    assert search(seeded_copy, "zymurgical") == []
    assert search(seeded_copy, "scam centres", what=("sentence",))


def test_a_stale_or_missing_index_is_rebuilt_on_search(seeded_copy: Path) -> None:
    index_path(seeded_copy).unlink(missing_ok=True)
    assert search(seeded_copy, "scam centres", what=("sentence",))
    with sqlite3.connect(index_path(seeded_copy)) as db:
        db.execute("UPDATE meta SET value = 'old' WHERE key = 'fingerprint'")
    assert search(seeded_copy, "scam centres", what=("sentence",))
    with opened(seeded_copy, read_only=True) as s:
        assert index_state(seeded_copy) == s.fingerprint


def _rows(store: Path) -> list[tuple[str, ...]]:
    with sqlite3.connect(index_path(store)) as db:
        return sorted(db.execute("SELECT text, title, what, key, kind, graph, document, span, entities FROM hits"))


def _full_rows(store: Path, tmp_path: Path) -> list[tuple[str, ...]]:
    """The rows of an index made whole, from a copy of the store."""
    copy = tmp_path / f"full-{len(list(tmp_path.iterdir()))}"
    shutil.copytree(store, copy)
    assert refresh_index(copy, rebuild=True).rebuilt
    return _rows(copy)


def test_an_index_updated_for_the_changed_documents_equals_one_made_whole(seeded_copy: Path, tmp_path: Path) -> None:
    texts = Path(__file__).parent / "fixtures" / "texts"
    note = tmp_path / "docs" / "note.txt"
    note.parent.mkdir()
    # names a meeting the records lack (a new entity with a name) and known ones
    note.write_text("The 31st ASEAN Political-Security Community Council Meeting discussed zymurgical cooperation "
                    "in Vientiane on 5 March 2026.\n", encoding="utf-8")
    steps = [[texts / "news-28th-apsc-council.txt"], [texts / "news-58th-amm.txt", note],
             [texts / "remarks-19th-ammtc.txt"]]
    refresh_index(seeded_copy, rebuild=True)
    for paths in steps:
        result = run("ingest", *paths, "--store", seeded_copy)
        assert result.exit_code == 0, result.output
        assert "search index updated" in result.stderr  # not rebuilt whole
        assert _rows(seeded_copy) == _full_rows(seeded_copy, tmp_path)
    note.write_text("The 31st ASEAN Political-Security Community Council Meeting discussed oenological cooperation "
                    "in Vientiane on 5 March 2026.\n", encoding="utf-8")
    assert run("ingest", note, "--store", seeded_copy).exit_code == 0  # a changed document
    assert _rows(seeded_copy) == _full_rows(seeded_copy, tmp_path)
    assert [h["document"] for h in search(seeded_copy, "oenological") if h["what"] == "sentence"] == ["document/note"]
    assert search(seeded_copy, "zymurgical") == []
    result = run("forget", "document/news-28th-apsc-council", "--store", seeded_copy)
    assert result.exit_code == 0, result.output
    assert "search index updated" in result.stderr
    assert _rows(seeded_copy) == _full_rows(seeded_copy, tmp_path)
    with opened(seeded_copy, read_only=True) as s:
        assert index_state(seeded_copy) == s.fingerprint


def test_after_a_build_the_index_is_made_whole(seeded_copy: Path) -> None:
    from graphkit.build import BUILD_MARK_FILE, _write_build_mark

    refresh_index(seeded_copy)
    (seeded_copy / BUILD_MARK_FILE).unlink()  # as a build does before it changes the curated graphs
    assert refresh_index(seeded_copy).rebuilt
    assert refresh_index(seeded_copy).rebuilt  # no mark (a build failed half-way): whole every time
    _write_build_mark(seeded_copy)  # as a build does once it succeeded
    assert refresh_index(seeded_copy).rebuilt  # another build than the index's
    assert not refresh_index(seeded_copy).rebuilt  # the same build: updated


def test_entries_read_by_subject_equal_those_of_the_whole_store(seeded_store: Path) -> None:
    from graphkit.lookup import entity_entries, store_entries
    from graphkit.xref import canonical_ids

    with opened(seeded_store, read_only=True) as s:
        canon = canonical_ids(s)
        whole = {e.id: e for e in store_entries(s, canon=canon)}
        single = entity_entries(s, [*whole, "https://w3id.org/asean-graphkit/id/meeting/no-such-meeting"], canon)
    assert single.pop("https://w3id.org/asean-graphkit/id/meeting/no-such-meeting") is None
    assert set(single) == set(whole)
    for iri, e in whole.items():
        got = single[iri]
        assert got is not None
        assert (got.key, got.name, got.kind, set(got.labels)) == (e.key, e.name, e.kind, set(e.labels)), iri


def test_a_store_built_before_build_marks_gets_one_from_its_next_ingest(seeded_copy: Path, tmp_path: Path) -> None:
    from graphkit.build import BUILD_MARK_FILE, build_mark

    (seeded_copy / BUILD_MARK_FILE).unlink()
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text("The 29th ASEAN Political-Security Community Council Meeting discussed zymurgical cooperation.\n",
                     encoding="utf-8")
    second.write_text("The 29th ASEAN Political-Security Community Council Meeting discussed oenological matters.\n",
                      encoding="utf-8")
    result = run("ingest", first, "--store", seeded_copy)
    assert result.exit_code == 0, result.output
    assert build_mark(seeded_copy) is not None
    assert "search index rebuilt" in result.stderr  # the mark is new to the index
    result = run("ingest", second, "--store", seeded_copy)
    assert result.exit_code == 0, result.output
    assert "search index updated" in result.stderr
    assert _rows(seeded_copy) == _full_rows(seeded_copy, tmp_path)
