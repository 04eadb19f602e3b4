"""XML text helpers shared by the GEXF and GraphML writers: fast escaping and typed values."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

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
