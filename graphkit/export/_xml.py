"""XML text helpers shared by the GEXF and GraphML writers: fast escaping and typed values."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any, TextIO

# Characters XML 1.0 cannot carry at all, even as references: replaced by U+FFFD.
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ATTR_SPECIAL = re.compile('[&<>"\t\n\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]')
_TEXT_SPECIAL = re.compile("[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ATTR_REPL = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"}


def _attr_sub(m: re.Match[str]) -> str:
    return _ATTR_REPL.get(m.group(), "\ufffd")


def _text_sub(m: re.Match[str]) -> str:
    c = m.group()
    return "&#13;" if c == "\r" else _ATTR_REPL.get(c, "\ufffd")


def attr(value: str) -> str:
    """A string escaped for a double-quoted XML attribute; tabs and newlines survive as references."""
    if _ATTR_SPECIAL.search(value) is None:
        return value
    return _ATTR_SPECIAL.sub(_attr_sub, value)


def text(value: str) -> str:
    """A string escaped for XML element content."""
    if _TEXT_SPECIAL.search(value) is None:
        return value
    return _TEXT_SPECIAL.sub(_text_sub, value)


def plain(value: Any) -> str:
    """A scalar as text: dates ISO, booleans true/false, numbers as Python writes them."""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class ChunkedWriter:
    """Joins written pieces and writes them in chunks; reports progress per element written."""

    def __init__(self, out: TextIO, progress: Callable[[int], None] | None = None, chunk: int = 2000) -> None:
        self.out, self.progress, self.chunk = out, progress, chunk
        self.buf: list[str] = []
        self.elements = 0

    def raw(self, piece: str) -> None:
        """Markup that is not an element of the graph (headers, closing tags)."""
        self.buf.append(piece)

    def element(self, piece: str) -> None:
        """One node or edge."""
        self.buf.append(piece)
        self.elements += 1
        if self.elements >= self.chunk:
            self.flush()

    def flush(self) -> None:
        self.out.write("".join(self.buf))
        self.buf.clear()
        if self.progress and self.elements:
            self.progress(self.elements)
        self.elements = 0


