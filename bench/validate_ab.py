#!/usr/bin/env python3
"""A/B of `graphkit validate`: this checkout's graphkit.validate against another copy of the module.

    bench/validate_ab.py --store STORE --old OLD_validate.py [--new NEW_validate.py] [--rounds 2]
                         [--what shacl|all]

Each run is a fresh process (old, new, old, new, ...: interleaved), timed in wall and CPU
seconds with its peak resident set; the problems of every run are written as sorted JSON next to
``--out`` and compared: the script exits 1 if old and new report different problems. The old
module is loaded from its file under the name graphkit._validate_old (``--new``: a copy of the
new one, so that editing the checkout during a long run does not change what is measured), so
both use this checkout's store and vocabulary code (only validate.py differs). ``--what all``
times validate_store (every check), ``shacl`` only shacl_problems.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any


def _module(old: str | None) -> Any:
    if not old:
        from graphkit import validate

        return validate
    spec = importlib.util.spec_from_file_location("graphkit._validate_old", old)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules["graphkit._validate_old"] = mod
    spec.loader.exec_module(mod)
    return mod


def child(store: str, old: str | None, what: str, out: str) -> None:
    from graphkit.store import opened

    mod = _module(old)
    with opened(Path(store), read_only=True) as s:
        t0, c0 = time.perf_counter(), time.process_time()
        found = mod.validate_store(s) if what == "all" else mod.shacl_problems(s)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    rows = sorted(json.dumps(p, sort_keys=True) for p in found)
    Path(out).write_text("\n".join(rows) + "\n")
    print(json.dumps({"wall_s": round(wall, 2), "cpu_s": round(cpu, 2), "problems": len(rows),
                      "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", required=True)
    ap.add_argument("--old", required=True, help="the validate.py to compare with")
    ap.add_argument("--new", help="the validate.py measured as new (default: this checkout's)")
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--what", choices=["shacl", "all"], default="shacl")
    ap.add_argument("--out", default="validate-ab", help="prefix of the problem files")
    ap.add_argument("--_child", nargs=1, help=argparse.SUPPRESS)
    opts = ap.parse_args()
    if opts._child:
        child(opts.store, opts.old if opts._child[0] == "old" else opts.new, opts.what, opts.out)
        return 0
    results: dict[str, list[dict[str, Any]]] = {"old": [], "new": []}
    for r in range(opts.rounds):
        for which in ("old", "new"):
            out = f"{opts.out}-{which}.jsonl"
            load = os.getloadavg()[0]
            new = ["--new", opts.new] if opts.new else []
            proc = subprocess.run([sys.executable, __file__, "--store", opts.store, "--old", opts.old, *new,
                                   "--what", opts.what, "--out", out, "--_child", which],
                                  capture_output=True, text=True, check=False)
            if proc.returncode:
                print(proc.stderr[-3000:], file=sys.stderr)
                return 2
            row = json.loads(proc.stdout.strip().splitlines()[-1]) | {"load": round(load, 1)}
            results[which].append(row)
            print(f"round {r + 1} {which}: {json.dumps(row)}", flush=True)
    same = Path(f"{opts.out}-old.jsonl").read_text() == Path(f"{opts.out}-new.jsonl").read_text()
    best = {w: min(rows, key=lambda x: x["cpu_s"]) for w, rows in results.items()}
    print(json.dumps({"same_problems": same,
                      "cpu_old_over_new": round(best["old"]["cpu_s"] / max(best["new"]["cpu_s"], 1e-9), 2),
                      "wall_old_over_new": round(min(x["wall_s"] for x in results["old"])
                                                 / max(min(x["wall_s"] for x in results["new"]), 1e-9), 2)}))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
