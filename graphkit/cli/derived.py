"""What each command that writes the store (build, ingest, forget) does after it: the copies derived
from the store are brought in step, so the next command reads them ready instead of rebuilding."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from graphkit.engines.name_index import Merged
    from graphkit.project import Changes

SIDE_FACTS = 300_000
"""From this many facts, ``graphkit build`` (:func:`after_build`) runs the after-build hooks and the
search index in a second process while the first makes the projection, the Cypher copy and the name
index, when a core is free. Each reads the store on its own, so on two cores they overlap. Below it
the second process's start (a fresh interpreter importing graphkit, about 1.5 s of CPU) costs about
what it saves. Measured with 1M generated facts on this project's 2-core machine (one build, then
the other, twice): with a core free (load about 1) 65.4 s against 78.7 s; with both cores busy
(load about 2) 100.6 / 90.6 s against 97.9 / 85.8 s, a little slower, hence the free-core check."""


def keep_derived(store: Path, report: Callable[[str], None] | None, changes: Changes | None = None) -> None:
    """The projection and the embedded Cypher copy, the search index and the name index, in step with
    ``store``. With ``changes`` (what an ingest or forget just wrote) only what those graphs touched
    is redone; without, whatever is out of date is (after a build: all of it)."""
    from graphkit.engines.name_index import merged_ids
    from graphkit.project import collector_paused
    from graphkit.search import keep_in_step as keep_search

    # Each step reads the whole store (or the copy) into millions of small acyclic objects: the
    # cyclic collector's passes over them found nothing and cost 3 s of a 1M build's search index
    # and name index (graphkit.project.collector_paused; reference counting still frees them).
    with collector_paused():
        # before the refresh: the name index learns what a merge renamed
        merged = merged_ids(store) if changes is not None else None
        _refresh(store, report, changes)
        keep_search(store, report)
        _keep_names(store, report, changes, merged)


def after_build(store: Path, report: Callable[[str], None] | None, facts: int,
                processes: int | None = None) -> list[str]:
    """After a build: the after-build hooks (graphkit.build.after_build, such as the saved ingest
    gazetteer) and every derived copy of :func:`keep_derived`. Returns the hooks' failures.

    ``processes``: 2 runs the hooks and the search index in a second process, beside the projection,
    the Cypher copy and the name index here (neither half waits for the other: they only read the
    store and each writes files of its own); 1 runs all of it here, one step after the other;
    None: 2 from :data:`SIDE_FACTS` facts when about a core is free besides this one (the machine's
    cores less its load average, at least this process's one), else 1. If the second
    process cannot be started or dies, its work is done here after the rest."""
    from graphkit.build import after_build as run_hooks
    from graphkit.project import collector_paused

    if processes is None:
        processes = 2 if facts >= SIDE_FACTS and _free_cores() >= 0.5 else 1
    if processes < 2:
        failures = run_hooks(store)
        keep_derived(store, report)
        return failures
    pool: ProcessPoolExecutor | None = None
    try:
        pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
        side = pool.submit(_side, str(store))
    except (OSError, RuntimeError):   # no second process here: one after the other
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        return after_build(store, report, facts, 1)
    try:
        with collector_paused():
            _refresh(store, report, None)
            _keep_names(store, report, None, None)
        try:
            failures, lines = side.result()
        except BrokenProcessPool:   # the second process died (killed, out of memory): its work here
            failures, lines = _side(str(store))
    finally:
        pool.shutdown(cancel_futures=True)
    if report is not None:
        for line in lines:
            report(line)
    return failures


def _free_cores() -> float:
    """The machine's cores less its load (the 1-minute average, this build's own process counted as
    at least one busy core; unknown: this process only)."""
    cores = os.cpu_count() or 1
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):
        load = 0.0
    return cores - max(load, 1.0)


def _side(store: str) -> tuple[list[str], list[str]]:
    """The second process's half of :func:`after_build`: the hooks' failures and the lines it reports."""
    from graphkit.build import after_build as run_hooks
    from graphkit.project import collector_paused
    from graphkit.search import keep_in_step as keep_search

    lines: list[str] = []
    failures = run_hooks(Path(store))
    with collector_paused():
        keep_search(Path(store), lines.append)
    return failures, lines


def _refresh(store: Path, report: Callable[[str], None] | None, changes: Changes | None) -> None:
    from graphkit.engines.embedded import refresh

    refresh(store, progress=report, changes=changes)


def _keep_names(store: Path, report: Callable[[str], None] | None, changes: Changes | None,
                merged: Merged | None) -> None:
    from graphkit.engines.name_index import keep_in_step as keep_names

    keep_names(store, report, changes=changes, merged=merged)
