"""The benchmark still works: the generator is deterministic and its records build and validate,
and `bench/run --smoke` runs end to end and prints every figure. About 40 s in all."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import subprocess
import sys
from importlib.machinery import SourceFileLoader
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"


def _module(name: str, path: Path) -> Any:
    loader = SourceFileLoader(name, str(path))
    spec = importlib.util.spec_from_loader(name, loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generate() -> Any:
    return _module("bench_generate", BENCH / "generate.py")


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != "manifest.json"}


def test_generator_is_deterministic(generate: Any, tmp_path: Path) -> None:
    a = generate.generate(tmp_path / "a", "3k", seed=3)
    b = generate.generate(tmp_path / "b", "3k", seed=3)
    generate.generate(tmp_path / "c", "3k", seed=4)
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    assert _digest(tmp_path / "a") != _digest(tmp_path / "c")
    assert {k: v for k, v in a.items() if k != "seconds"} == {k: v for k, v in b.items() if k != "seconds"}
    assert a["counts"]["meetings"] > 0 and a["counts"]["texts"] > 0
    # every text has its sidecar and gold file, and a line in gold.jsonl
    texts = sorted((tmp_path / "a" / "texts").glob("*.txt"))
    assert len(texts) == a["counts"]["texts"]
    for t in texts:
        assert t.with_name(t.stem + ".meta.yaml").is_file() and t.with_name(t.stem + ".gold.yaml").is_file()
    gold = [json.loads(line) for line in (tmp_path / "a" / "gold.jsonl").read_text().splitlines()]
    assert len(gold) == len(texts) and all(g["facts"] for g in gold)


def test_scale_is_roughly_met(generate: Any, tmp_path: Path) -> None:
    m = generate.generate(tmp_path / "g", "20k", seed=1)
    assert 0.7 * 20_000 <= m["estimated_facts"] <= 1.3 * 20_000


def test_generated_records_build_and_validate(generate: Any, tmp_path: Path) -> None:
    from graphkit.cli import cli

    generate.generate(tmp_path / "g", "4k", seed=5)
    store = tmp_path / "store"
    runner = CliRunner()
    built = runner.invoke(cli, ["build", "--no-shipped", "--records", str(tmp_path / "g" / "records"),
                                "--store", str(store), "-q", "--format", "json"])
    assert built.exit_code == 0, built.output
    total = next(r["quads"] for r in json.loads(built.stdout) if r["source"] == "total")
    assert total > 3_000
    checked = runner.invoke(cli, ["validate", "--store", str(store), "--format", "json"])
    assert checked.exit_code == 0, checked.output
    assert not [p for p in json.loads(checked.stdout) if p["severity"] == "violation"]


def test_meetings_only_link_to_summits_that_were_written(generate: Any, tmp_path: Path) -> None:
    """At 30k (seed 7) the 49th Summit falls after the generator's last date and is not written, but
    the councils of that half-year used to be written "in conjunction with" it, and the build refused
    the records."""
    from graphkit.cli import cli

    generate.generate(tmp_path / "g", "30k", seed=7)
    built = CliRunner().invoke(cli, ["build", "--no-shipped", "--records", str(tmp_path / "g" / "records"),
                                     "--store", str(tmp_path / "store"), "-q", "--format", "json"])
    assert built.exit_code == 0, built.output


def test_bench_run_smoke_prints_every_figure(tmp_path: Path) -> None:
    run = _module("bench_run", BENCH / "run")
    proc = subprocess.run([sys.executable, str(BENCH / "run"), "--smoke", "--out", str(tmp_path)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    for _, label, _ in run.FIGURES:
        assert label in proc.stdout, label
    assert "growth:" in proc.stdout
    results = json.loads((tmp_path / "results.json").read_text())
    assert len(results["scales"]) == 2
    first = results["scales"][0]["figures"]
    for key in ("build_s", "raw_s", "build_ratio", "sparql_ms", "cypher_ms", "export_gexf_s",
                "first_query_ratio", "ingest_cli_docs_s", "ingest_one_s"):
        assert first.get(key) is not None, key
    # flatness is a ratio to the smallest scale: that scale is the baseline, the next has the ratio
    second = results["scales"][1]["figures"]
    assert first.get("ingest_flat") is None and first.get("ingest_flat_base")
    assert second.get("ingest_flat", 0) > 0 and second.get("ingest_one_flat", 0) > 0
    # the targets are printed beside the figures, met or missed per scale
    assert "first / second query <= 2" in proc.stdout and "store build / raw time <= 2" in proc.stdout
