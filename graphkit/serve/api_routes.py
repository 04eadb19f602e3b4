"""JSON API routes (filled in with the analyst's commands)."""

from __future__ import annotations

from pathlib import Path

from starlette.routing import BaseRoute


def routes(store_path: Path) -> list[BaseRoute]:
    """The ``/api`` routes."""
    return []
