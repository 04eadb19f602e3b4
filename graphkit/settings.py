"""Settings from the environment, read in one place, and where graphkit's data files live."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_STORE = ".graphkit"


def store_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The store folder: an explicit value, else $GRAPHKIT_STORE, else ./.graphkit."""
    return Path(explicit or os.environ.get("GRAPHKIT_STORE") or DEFAULT_STORE)


def env_int(name: str, default: int) -> int:
    """An integer setting from the environment."""
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def data_dir(name: str) -> Path:
    """A data folder shipped with graphkit: "ontologies" or "queries".

    An installed wheel carries them inside the package (graphkit/_data/NAME); a source checkout
    keeps them at the top level beside graphkit/.
    """
    here = Path(__file__).resolve().parent
    for candidate in (here / "_data" / name, here.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"graphkit data folder {name!r} is missing from this installation")


NEO4J_BATCH_SIZE = env_int("GRAPHKIT_NEO4J_BATCH", 10_000)
INGEST_MAX_MB = env_int("GRAPHKIT_INGEST_MAX_MB", 50)  # larger files are refused by `graphkit ingest`
