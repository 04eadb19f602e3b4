#!/usr/bin/env python3
"""Document ingest cost against text length (10 KB to 10 MB) and against graph size.

    python bench/ingest_scaling.py --store ./.graphkit                  # sizes 10K,100K,1M,10M
    python bench/ingest_scaling.py --store ./.graphkit --sizes 10K,100K  # a quick look

Length: a text of each size is made by repeating the fixture texts (their sentences vary; the
same facts repeat, as in a long report), and read, extracted and turned into its graph's quads
(`ingest.pipeline`: reader, extractor, hold-back, quads; no store write, which Oxigraph does at
its own speed). The baseline is the smallest size in the same run: each size's cost per KB is
printed as a ratio of it, in wall time and in CPU time (the process's own; on a shared machine the
wall figure also measures the load, the CPU figure is the one to read). Linear cost keeps the ratio
near 1; a quadratic step would make the 10 MB ratio about 1000. Runs are best of ``--repeat``
(wall and CPU minimum each on its own).

Graph size: the per-document cost of the fixture texts against the store given, with the
gazetteer built once per run (as `graphkit ingest` does), is printed for comparison; give stores
of different sizes (bench/generate.py) to see it stay flat.
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ROOT / "tests" / "fixtures" / "texts"
SIZES = {"10K": 10_000, "100K": 100_000, "1M": 1_000_000, "10M": 10_000_000}


def corpus_text() -> str:
    """The fixture texts (plain text and Markdown) joined: about 15 KB of varied ASEAN prose."""
    parts = [p.read_text(encoding="utf-8") for p in sorted(TEXTS.glob("*.txt")) if ".meta" not in p.name]
    return "\n\n".join(parts)


def make_text(size: int) -> str:
    base = corpus_text()
    reps = size // len(base) + 1
    return ("\n\n".join([base] * reps))[:size]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--store", required=True, type=Path, help="a built store (gives the gazetteer)")
    ap.add_argument("--sizes", default="10K,100K,1M,10M")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    from graphkit.store import opened
    from ingest.extract import Context, extract
    from ingest.pipeline import SourceGazetteer, document_files, document_quads, hold_back
    from ingest.readers import load_document

    with opened(args.store, read_only=True) as s:
        t = time.perf_counter()
        gaz = SourceGazetteer.from_store(s)
        gaz_s = time.perf_counter() - t
        facts = len(s)
    print(f"store: {facts} facts; gazetteer built once in {gaz_s:.2f} s", file=sys.stderr)

    def ingest_one(path: Path) -> int:
        doc = load_document(path, 64 * 1024 * 1024)
        ex = extract(doc.text, gaz, Context(doc.heading, doc.kind, doc.date))
        hold_back(ex, gaz)
        return len(document_quads(doc, ex, gaz))

    files = [f for f in document_files([TEXTS]) if f.suffix in (".txt", ".md", ".html", ".htm", ".pdf")]
    best = min(_timed(lambda: [ingest_one(f) for f in files])[0] for _ in range(args.repeat))
    print(f"fixture texts: {len(files)} documents, {len(files) / best:.1f} documents/s on a store of {facts} facts")

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for label in args.sizes.split(","):
            size = SIZES[label]
            path = Path(tmp) / f"long-{label}.txt"
            path.write_text(make_text(size), encoding="utf-8")
            quads = 0

            def run(p: Path = path) -> None:
                nonlocal quads
                quads = ingest_one(p)

            times = [_timed(run) for _ in range(args.repeat if size <= 1_000_000 else 1)]
            secs, cpu = min(t[0] for t in times), min(t[1] for t in times)
            rows.append((label, size, secs, cpu, quads))
            print(f"  {label}: {secs:.2f} s wall, {cpu:.2f} s CPU", file=sys.stderr)
    base_label, base_size, base_secs, base_cpu, _ = rows[0]
    per_kb0, cpu_kb0 = base_secs / (base_size / 1000), base_cpu / (base_size / 1000)
    print(f"{'size':>6} {'wall s':>8} {'ms/KB':>8} {'ratio':>6} {'CPU s':>8} {'ms/KB':>8} {'ratio':>6} {'quads':>7}"
          f"   (ratios: cost per KB over {base_label}'s)")
    for label, size, secs, cpu, quads in rows:
        per_kb, cpu_kb = secs / (size / 1000), cpu / (size / 1000)
        print(f"{label:>6} {secs:8.2f} {per_kb * 1000:8.3f} {per_kb / per_kb0:6.2f} {cpu:8.2f} {cpu_kb * 1000:8.3f} "
              f"{cpu_kb / cpu_kb0:6.2f} {quads:7}")
    print("target: cost per KB within 2x of the 10K baseline at every size (linear in the text)")
    return 0


def _timed(fn: object) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) of one call."""
    gc.collect()
    t, c = time.perf_counter(), time.process_time()
    fn()  # type: ignore[operator]
    return time.perf_counter() - t, time.process_time() - c


if __name__ == "__main__":
    sys.exit(main())
