"""What each command that writes the store (build, ingest, forget) does after it: the copies derived
from the store are brought in step, so the next command reads them ready instead of rebuilding."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from graphkit.project import Changes


def keep_derived(store: Path, report: Callable[[str], None] | None, changes: Changes | None = None) -> None:
    """The projection and the embedded Cypher copy, the search index and the name index, in step with
    ``store``. With ``changes`` (what an ingest or forget just wrote) only what those graphs touched
    is redone; without, whatever is out of date is (after a build: all of it)."""
    from graphkit.engines.embedded import refresh
    from graphkit.engines.name_index import keep_in_step as keep_names
    from graphkit.engines.name_index import merged_ids
    from graphkit.project import collector_paused
    from graphkit.search import keep_in_step as keep_search

    # Each step reads the whole store (or the copy) into millions of small acyclic objects: the
    # cyclic collector's passes over them found nothing and cost 3 s of a 1M build's search index
    # and name index (graphkit.project.collector_paused; reference counting still frees them).
    with collector_paused():
        # before the refresh: the name index learns what a merge renamed
        merged = merged_ids(store) if changes is not None else None
        refresh(store, progress=report, changes=changes)
        keep_search(store, report)
        keep_names(store, report, changes=changes, merged=merged)
