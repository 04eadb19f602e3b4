"""The name index (graphkit.engines.name_index) gives the full scan's answers, scoring few entries.

Every name of the curated store and of a small generated one, and variants of them (case, typos,
partial names, acronyms written out, other ordinals, names of two kinds run together, kinds), go
through both the index and graphkit.lookup.resolve_name over every ``names()`` row (in key order,
as the scan reads them: name_index.scan_entries): same status, best entity, candidates (with
scores, the label matched and how) and suggestions, in order. After an ingest and a forget, the
index updated in place answers as the scan and as an index written whole.
"""

from __future__ import annotations

import importlib.util
import json
import random
import shutil
import sys
from collections.abc import Iterator
from importlib.machinery import SourceFileLoader
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from graphkit.cli import cli
from graphkit.engines.embedded import EmbeddedEngine
from graphkit.engines.name_index import INDEX_FILE, NameIndex, keep_in_step, scan_entries, write_index
from graphkit.lookup import Lookup, NameEntry, resolve_name
from graphkit.store import opened
from graphkit.terms import C, P

ROOT = Path(__file__).resolve().parent.parent


def _shape(found: Lookup) -> tuple[Any, ...]:
    return (found.status, found.best.key if found.best else None,
            [(c.key, c.score, c.matched, c.how) for c in found.candidates],
            [(c.key, c.score, c.matched, c.how) for c in found.suggestions])


def _engine(store: Path) -> EmbeddedEngine:
    with opened(store, read_only=True) as s:
        return EmbeddedEngine(s)


def _typos(word: str, rng: random.Random) -> list[str]:
    if len(word) < 4:
        return []
    i = rng.randrange(1, len(word) - 1)
    return [word[:i] + word[i + 1:], word[:i] + word[i + 1] + word[i] + word[i + 2:], word[:i] + word[i] + word[i:]]


def variants(entries: list[NameEntry], seed: int = 5, every: int = 1) -> list[str]:
    """Names as users type them: each label, lower and upper case, typos, partial names, acronyms
    written out, other ordinals, two names run together, ids, and text that names nothing."""
    rng = random.Random(seed)
    out: list[str] = []
    for i, e in enumerate(entries):
        if i % every:
            continue
        for lab in e.labels:
            t = lab.text
            out += [t, t.lower(), t.upper()]
            words = t.split()
            if len(words) > 1:
                out += [" ".join(words[: len(words) // 2]), " ".join(words[1:]), words[-1]]
                out.append(" ".join("".join(w[0] for w in words if w[:1].isalpha()).upper() for _ in (0,)))
            for w in words:
                if w[:-2].isdigit() and w[-2:] in ("st", "nd", "rd", "th"):
                    out.append(t.replace(w, f"{int(w[:-2]) + 1}th"))
            out += [t.replace(w, typo) for w in words[:2] for typo in _typos(w, rng)]
        out.append(e.key)
        out.append(e.key.upper())
        other = entries[rng.randrange(len(entries))]
        out.append(f"{e.name} {other.name}")
    out += ["zzqx wobble", "Mohamad Hassan", "ASEAN", "Summit", "the", "", "  ", "29th APSC Council",
            "twenty-ninth APSC Council", "ADMM+", "ประเทศไทย", "Viet Nam", "Secretary General of ASEAN"]
    return list(dict.fromkeys(out))


def _compare(index: NameIndex, full: list[NameEntry], texts: list[str],
             kinds: list[str] | None = None) -> dict[str, int]:
    paths: dict[str, int] = {}
    for text in texts:
        expected = _shape(resolve_name(full, text, kinds))
        got = _shape(index.lookup(text, kinds))
        assert got == expected, text
        paths[index.stats["path"]] = paths.get(index.stats["path"], 0) + 1
    return paths


@pytest.fixture(scope="module")
def curated(built_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, EmbeddedEngine]]:
    path = tmp_path_factory.mktemp("names") / "store"
    shutil.copytree(built_store, path)
    assert keep_in_step(path) > 0
    engine = _engine(path)
    yield path, engine
    engine.close()


def test_the_index_answers_as_the_full_scan_on_every_curated_name(curated: tuple[Path, EmbeddedEngine]) -> None:
    _path, engine = curated
    index = engine.name_index()
    assert index is not None
    full = scan_entries(engine.names())
    # every name of every entry as given; the variants of every third entry (the full scan is slow)
    texts = list(dict.fromkeys([lab.text for e in full for lab in e.labels] + variants(full, every=8)))
    assert len(texts) > 1000
    paths = _compare(index, full, texts)
    # most names are answered from the index, scoring a small part of the graph
    assert paths.get("index", 0) > 0.8 * len(texts), paths
    index.lookup("APSC Council")
    assert index.stats["scored"] < len(full) / 4


def test_kinds_give_the_same_answers(curated: tuple[Path, EmbeddedEngine]) -> None:
    _path, engine = curated
    index = engine.name_index()
    assert index is not None
    full = scan_entries(engine.names())
    texts = variants(full, every=15)
    _compare(index, full, texts, [C.Meeting])
    _compare(index, full, texts, [C.MemberState])


def test_a_stale_index_is_not_used_and_not_rewritten(curated: tuple[Path, EmbeddedEngine],
                                                     tmp_path: Path) -> None:
    path, _engine_ = curated
    copy = tmp_path / "store"
    shutil.copytree(path, copy)  # another folder: the copy's stamp (its folder) differs
    before = (copy / INDEX_FILE).read_bytes()
    engine = _engine(copy)
    try:
        assert engine.name_index() is None
        result = CliRunner().invoke(cli, ["links", "APSC", "--store", str(copy), "--format", "json"])
        assert result.exit_code == 0, result.output
    finally:
        engine.close()
    assert (copy / INDEX_FILE).read_bytes() == before


def _links(store: Path, *args: str) -> tuple[int, Any]:
    result = CliRunner().invoke(cli, ["links", *args, "--store", str(store), "--format", "json"])
    return result.exit_code, result.output


@pytest.mark.parametrize("text", ["APSC", "29th APSC Council", "Mohamed Hassan", "ASEAN Summit",
                                  "Secretariat", "zzqx wobble", "ประเทศไทย"])
def test_links_prints_the_same_with_and_without_the_index(curated: tuple[Path, EmbeddedEngine], text: str,
                                                          tmp_path: Path) -> None:
    path, _engine_ = curated
    assert NameIndex.open(path) is not None
    with_index = _links(path, text, "--depth", "2")
    bare = tmp_path / "bare"
    shutil.copytree(path, bare)
    (bare / INDEX_FILE).unlink()
    assert _links(bare, text, "--depth", "2") == with_index
    assert not (bare / INDEX_FILE).exists()  # a reader never writes it


def test_a_saved_query_resolves_its_entity_parameter_through_the_index(
        curated: tuple[Path, EmbeddedEngine]) -> None:
    from graphkit.engines.name_index import resolver
    from graphkit.lookup import NameNotFoundError
    from graphkit.queries import get, resolve_entities

    _path, engine = curated
    full = scan_entries(engine.names())
    saved = get("bodies_under")
    fast = resolver(engine)
    assert fast.__self__ is not None  # type: ignore[attr-defined]  # the index's, not the scan
    for text in ["APSC Council", "apsc council", "ASEAN Political-Security Community Councl", "Secretariat",
                 "29th APSC Council", "zzqx wobble", *[e.name for e in full if e.kind][:60]]:
        outcome: list[Any] = []
        for entries in (full, fast):
            try:
                outcome.append(resolve_entities(saved, {"body": text}, entries))
            except NameNotFoundError as exc:
                outcome.append((str(exc), exc.rows))
        assert outcome[0] == outcome[1], text


# ---------------------------------------------------------------------------------------- generated

def _generate() -> Any:
    loader = SourceFileLoader("bench_generate_names", str(ROOT / "bench" / "generate.py"))
    spec = importlib.util.spec_from_loader("bench_generate_names", loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_generate_names"] = module
    loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedEngine]:
    root = tmp_path_factory.mktemp("gen-names")
    _generate().generate(root / "gen", "5k", seed=11)
    store = root / "store"
    result = CliRunner().invoke(cli, ["build", "--no-shipped", "--records", str(root / "gen" / "records"),
                                      "--store", str(store), "--quiet"])
    assert result.exit_code == 0, result.output
    keep_in_step(store)
    engine = _engine(store)
    yield engine
    engine.close()


def test_the_index_answers_as_the_full_scan_on_a_generated_store(generated: EmbeddedEngine) -> None:
    index = generated.name_index()
    assert index is not None
    full = scan_entries(generated.names())
    assert len(full) > 300
    texts = variants(full, seed=9, every=max(1, len(full) // 60))
    paths = _compare(index, full, texts)
    assert paths.get("index", 0) > 0.8 * len(texts), paths
    _compare(index, full, texts[::5], [C.Meeting])


def test_the_index_holds_the_engine_rows(generated: EmbeddedEngine) -> None:
    """Every row names() gives, once. (Not in the same order: the engine's row order differs from
    one process to the next, which is why ties in a lookup are ordered by key, never by position.)"""
    index = generated.name_index()
    assert index is not None
    rows = [json.loads(r) for (r,) in index.db.execute("SELECT row FROM entries ORDER BY seq")]

    def canon(items: list[Any]) -> list[str]:
        return sorted(json.dumps(r, sort_keys=True, default=str) for r in items)

    assert canon(rows) == canon(json.loads(json.dumps(generated.names(), default=str)))
    assert P.name in rows[0] or "name" in rows[0]


# ---------------------------------------------------------------------------------------- kept in step

# Two reports naming a person and a meeting the curated records lack (the 11th ASEAN Summit, Kuala
# Lumpur, December 2005, opened and chaired by Malaysia's Prime Minister), the person named two ways:
# the projection merges the two ids, and forgetting one report splits them again.
OPENED = """---
title: Leaders open summit in Kuala Lumpur
publisher: Example Wire
date: 2005-12-12
url: https://example.org/wire/summit-11
---
KUALA LUMPUR, December 12 -- Prime Minister Abdullah Ahmad Badawi of Malaysia opened the 11th ASEAN Summit in Kuala
Lumpur on Monday.
"""
CHAIRED = """---
title: Summit closes
publisher: Example Post
date: 2005-12-14
url: https://example.org/post/summit-11-closes
---
KUALA LUMPUR, December 14 -- Malaysian Prime Minister Abdullah Badawi chaired the 11th ASEAN Summit, which closed on
Wednesday.
"""
ASKED = ["Abdullah Ahmad Badawi", "Abdullah Badawi", "abdullah badawi", "Badawi", "Abdulah Badawi",
         "11th ASEAN Summit", "11th Summit", "ASEAN Summit", "12th ASEAN Summit", "Example Wire", "Example Post",
         "Leaders open summit in Kuala Lumpur", "Summit closes", "APSC", "29th APSC Council", "ADMM", "ADMM Plus",
         "19th ADMM", "Malaysia", "Prime Minister of Malaysia", "zzqx wobble", "Kuala Lumpur"]


def _cli(*args: str) -> Any:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result


def _in_step(store: Path, tmp_path: Path) -> list[str]:
    """The index is current and answers as the scan and as an index written whole; its rows."""
    engine = _engine(store)
    try:
        index = engine.name_index()
        assert index is not None
        rows = engine.names()
        full = scan_entries(rows)
        whole = tmp_path / f"whole-{len(list(tmp_path.iterdir()))}.sqlite"
        write_index(rows, "", whole)
        fresh = NameIndex.read(whole)
        assert fresh is not None
        assert index.acronyms == fresh.acronyms and index.live == fresh.count == len(rows)
        texts = ASKED + variants(full, seed=3, every=25)
        for text in texts:
            expected = _shape(resolve_name(full, text))
            assert _shape(index.lookup(text)) == expected, text
            assert _shape(fresh.lookup(text)) == expected, text
        _compare(index, full, texts[::4], [C.Person])
        held = [json.loads(r) for (r,) in index.db.execute("SELECT row FROM entries")]
        index.close()  # a reader holds its read transaction until then: the next update waits for it
        fresh.close()
    finally:
        engine.close()
    def canon(items: list[Any]) -> list[str]:
        return sorted(json.dumps(r, sort_keys=True, default=str) for r in items)

    assert canon(held) == canon(json.loads(json.dumps(rows, default=str)))
    return canon(held)


def _people(rows: list[str]) -> list[str]:
    return sorted(r for r in rows if "Badawi" in r)


def test_an_ingest_and_a_forget_update_the_index_in_place(curated: tuple[Path, EmbeddedEngine],
                                                         tmp_path: Path) -> None:
    path, _engine_ = curated
    store = tmp_path / "store"
    shutil.copytree(path, store)
    assert keep_in_step(store) > 0  # another folder: written whole once
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "opened.md").write_text(OPENED, encoding="utf-8")
    (texts / "chaired.md").write_text(CHAIRED, encoding="utf-8")
    start = _in_step(store, tmp_path)
    assert not _people(start)

    def updated(result: Any) -> tuple[int, int]:
        lines = [x for x in result.stderr.splitlines() if x.startswith("name index updated")]
        assert lines, result.stderr
        out, into = lines[0].split(": ", 1)[1].split(" entries out, ")
        return int(out), int(into.split(" ", 1)[0])

    # a new person, a new meeting, the report and its publisher: only they go in
    result = _cli("ingest", str(texts / "opened.md"), "--store", str(store))
    out, into = updated(result)
    one = _in_step(store, tmp_path)
    assert out == 0 and 4 <= into == len(one) - len(start) < 10
    assert len(_people(one)) == 2  # the person, and the remarks that name him
    # the same person named another way: merged with the first (graphkit.xref.auto_matches)
    result = _cli("ingest", str(texts / "chaired.md"), "--store", str(store))
    out, into = updated(result)
    assert out < 10 and into < 10
    two = _in_step(store, tmp_path)
    assert len([r for r in _people(two) if '"Person"' in r]) == 1
    # forgetting the first report splits them again; forgetting both gives back the start
    result = _cli("forget", "document/example-org-wire-summit-11", "--store", str(store))
    assert sum(updated(result)) < 20
    _in_step(store, tmp_path)
    _cli("forget", "document/example-org-post-summit-11-closes", "--store", str(store))
    assert _in_step(store, tmp_path) == start


def test_a_failed_update_leaves_the_old_index_stale(curated: tuple[Path, EmbeddedEngine], tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    from graphkit.engines import name_index

    path, _engine_ = curated
    store = tmp_path / "store"
    shutil.copytree(path, store)
    keep_in_step(store)
    (tmp_path / "opened.md").write_text(OPENED, encoding="utf-8")
    before = (store / INDEX_FILE).read_bytes()

    def full_disk(*args: Any) -> dict[str, str]:   # after the rows, words and arrays were written
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(name_index, "_acronym_map", full_disk)
    result = _cli("ingest", str(tmp_path / "opened.md"), "--store", str(store))
    assert "warning: name index not updated (database or disk is full)" in result.stderr
    monkeypatch.undo()
    assert (store / INDEX_FILE).read_bytes() == before  # rolled back: the old index, stale
    assert NameIndex.open(store) is None
    code, out = _links(store, "Abdullah Badawi")  # lookups scan, and find what the ingest added
    assert code == 0 and "abdullah-ahmad-badawi" in out
    # the next write finds the index of another state: it is written whole
    (tmp_path / "chaired.md").write_text(CHAIRED, encoding="utf-8")
    result = _cli("ingest", str(tmp_path / "chaired.md"), "--store", str(store))
    assert "name index ready" in result.stderr
    _in_step(store, tmp_path)


# ---------------------------------------------------------------------------------------- trace

def test_trace_resolves_its_start_through_the_index_as_by_the_scan(curated: tuple[Path, EmbeddedEngine],
                                                                 tmp_path: Path) -> None:
    """graphkit.lineage.find_start gives, through the index, what resolve_name gives over the
    traceable entities alone (meetings, documents, topics; their acronyms only), and `graphkit trace`
    prints the same with and without the index."""
    from graphkit.lineage import find_start, traceable
    from graphkit.lookup import NameNotFoundError

    path, engine = curated
    assert engine.name_index() is not None
    rows = engine.names()
    pools = {"any": scan_entries([r for r in rows if traceable(r)]),
             "topic": scan_entries([r for r in rows if r.get("kind") == C.Topic])}
    texts = variants(scan_entries(rows), seed=4, every=12) + ["MPAC", "MPAC 2025", "29th APSC Council",
                                                               "ASEAN Summit", "Vientiane Declaration"]

    class Bare:   # the same engine without an index: the scan
        def names(self) -> list[dict[str, Any]]:
            return rows

    def outcome(graph: Any, text: str, kinds: str) -> Any:
        try:
            return _shape(find_start(graph, text, kinds))
        except NameNotFoundError as exc:
            return ("not found", _shape(exc.lookup))

    for kinds, pool in pools.items():
        for text in texts[:: 1 if kinds == "any" else 3]:
            found = resolve_name(pool, text)
            expected = ("not found", _shape(found)) if found.status == "none" else _shape(found)
            assert outcome(engine, text, kinds) == expected, (kinds, text)
            assert outcome(Bare(), text, kinds) == expected, (kinds, text)
    bare = tmp_path / "bare"
    shutil.copytree(path, bare)
    (bare / INDEX_FILE).unlink()
    for text in ["29th APSC Council", "ASEAN Summit", "Vientiane Declaration", "zzqx wobble"]:
        runs = [CliRunner().invoke(cli, ["trace", text, "--store", str(s), "--format", "json"]) for s in (path, bare)]
        assert runs[0].exit_code == runs[1].exit_code and runs[0].output == runs[1].output, text
