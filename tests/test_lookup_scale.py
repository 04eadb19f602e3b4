"""The name index (graphkit.engines.name_index) gives the full scan's answers, scoring few entries.

Every name of the curated store and of a small generated one, and variants of them (case, typos,
partial names, acronyms written out, other ordinals, names of two kinds run together, kinds), go
through both the index and graphkit.lookup.resolve_name over every ``names()`` row: same status,
best entity, candidates (with scores, the label matched and how) and suggestions, in order.
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
from graphkit.engines.name_index import INDEX_FILE, NameIndex, keep_in_step
from graphkit.lookup import Lookup, NameEntry, resolve_name, row_entries
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
    full = row_entries(engine.names())
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
    full = row_entries(engine.names())
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
    full = row_entries(engine.names())
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
    full = row_entries(generated.names())
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
