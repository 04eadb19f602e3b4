"""Plain text: read as it is, so character spans index the file's own text."""

from __future__ import annotations

from ingest.readers.common import Metadata, check_lines, decode


class TextReader:
    """``.txt``: the decoded text unchanged (no metadata of its own; a sidecar may add some)."""

    name: str = "text"
    suffixes: tuple[str, ...] = (".txt", ".text")

    def read(self, raw: bytes, source: str, notes: list[str]) -> tuple[str, Metadata]:
        """The decoded text and no metadata."""
        return check_lines(decode(raw, notes)), {}
