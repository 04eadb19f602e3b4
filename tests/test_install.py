"""A plain (non-editable) install works from any directory: ontologies, queries and records ship."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_install_runs_from_another_directory(tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", "--target",
                    str(target), str(ROOT)], check=True, capture_output=True, timeout=300)
    assert (target / "graphkit" / "_data" / "ontologies" / "graphkit.ttl").is_file()
    assert list((target / "graphkit" / "_data" / "queries" / "cypher").glob("*.cypher"))
    assert list((target / "ingest" / "records").glob("*.yaml"))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = dict(os.environ, PYTHONPATH=str(target))
    cmd = [sys.executable, "-c", "from graphkit.cli import main; main()"]
    store = elsewhere / "S"
    build = subprocess.run(cmd + ["build", "--store", str(store)], cwd=elsewhere, env=env, capture_output=True,
                           text=True, timeout=300)
    assert build.returncode == 0, build.stderr
    where = subprocess.run([sys.executable, "-c", "import graphkit; print(graphkit.__file__)"], cwd=elsewhere, env=env,
                           capture_output=True, text=True)
    assert where.stdout.startswith(str(target))
    stats = subprocess.run(cmd + ["stats", "--store", str(store), "--format", "json"], cwd=elsewhere, env=env,
                           capture_output=True, text=True, timeout=300)
    counts = {(r["kind"], r["name"]): r["count"] for r in json.loads(stats.stdout)}
    assert counts[("label", "MemberState")] == 11
    valid = subprocess.run(cmd + ["validate", "--store", str(store)], cwd=elsewhere, env=env, capture_output=True,
                           text=True, timeout=300)
    assert valid.returncode == 0, valid.stdout
