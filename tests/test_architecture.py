"""Dependencies point one way: graphkit never imports ingest; click and neo4j stay at their edges;
the library's layers (cli > features > engines > projection > store > vocab > errors/settings) hold."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_are_kept() -> None:
    exe = Path(sys.executable).parent / "lint-imports"
    if not exe.exists():
        found = shutil.which("lint-imports")
        if not found:
            pytest.skip("import-linter is not installed (pip install '.[test]')")
        exe = Path(found)
    result = subprocess.run([str(exe), "--config", str(ROOT / "pyproject.toml")], cwd=ROOT, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "0 broken" in result.stdout
