"""What every reader shares: decoding bytes, normalising text, the limits, metadata files."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from graphkit import safeyaml
from graphkit.errors import IngestError, InvalidDataError
from graphkit.terms import P

Metadata = dict[str, object]
"""Metadata of a document: keys of :data:`META_KEYS` to the values found."""

META_KEYS = ("id", "title", P.publisher, "date", "url", "kind")
SIDECAR = ".meta.yaml"
MAX_LINE = 1_000_000
"""The longest line of text accepted (characters): a longer one is not prose but a dump."""
MAX_META_BYTES = 64 * 1024
"""Front matter and sidecar files are a few lines; a larger one is refused before it is parsed."""


def decode(raw: bytes, notes: list[str]) -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 with a BOM, else cp1252 with a note."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError:
            raise IngestError("not valid UTF-16 text despite its byte-order mark") from None
        notes.append("read as UTF-16")
        return check_text(text)
    if b"\x00" in raw[:65536]:
        raise IngestError("binary file (contains NUL bytes), not text")
    try:
        return check_text(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        bad = exc.start
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        raise IngestError(f"not UTF-8 text (invalid byte at offset {bad}) and not cp1252 either; "
                          "convert it to UTF-8") from None
    notes.append(f"not UTF-8 (invalid byte at offset {bad}): read as cp1252")
    return check_text(text)


def check_text(text: str) -> str:
    """The text, unless it is binary (control characters)."""
    sample = text[:65536]
    controls = sum(1 for c in sample if unicodedata.category(c) == "Cc" and c not in "\n\r\t\f")
    if sample and controls / len(sample) > 0.01:
        raise IngestError("binary file (control characters), not text")
    return text


def check_lines(text: str) -> str:
    """The text, unless a line is longer than MAX_LINE characters (prose, not a dump)."""
    pos = 0
    line = 1
    while pos < len(text):
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        if end - pos > MAX_LINE:
            raise IngestError(f"line {line} is {end - pos} characters long (limit {MAX_LINE}): not running text")
        pos = end + 1
        line += 1
    return text


def normalise(text: str) -> str:
    """The text facts are extracted from: NFC, \\n line ends, no invisible characters."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[\u200b\u200c\u200d\u2060\ufeff]", "", text)
    text = text.replace("\u00a0", " ").replace("\t", " ")
    text = re.sub(r"[ \f\v]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def parse_metadata(text: str, source: str) -> Metadata:
    """YAML metadata (front matter or a sidecar) -> a mapping of known keys."""
    if len(text.encode("utf-8")) > MAX_META_BYTES:
        raise InvalidDataError(f"metadata larger than {MAX_META_BYTES // 1024} KB", source)
    data = safeyaml.load(text, source)   # limits on size, depth and aliases; dates range-checked
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InvalidDataError("metadata must be a mapping of keys to values", source)
    unknown = sorted(str(k) for k in data if k not in META_KEYS)
    if unknown:
        raise InvalidDataError(f"unknown metadata key {unknown[0]!r} (known: {', '.join(META_KEYS)})", source)
    return {str(k): v for k, v in data.items()}


def sidecar_path(path: Path) -> Path | None:
    """``NAME.meta.yaml`` (or ``NAME.EXT.meta.yaml``) beside a document, if there is one."""
    for candidate in (path.with_name(path.stem + SIDECAR), path.with_name(path.name + SIDECAR)):
        if candidate.is_file():
            return candidate
    return None


def load_sidecar(path: Path) -> Metadata:
    """The metadata of a document's sidecar file (empty without one)."""
    side = sidecar_path(path)
    if side is None:
        return {}
    try:
        return parse_metadata(side.read_text(encoding="utf-8"), str(side))
    except UnicodeDecodeError:
        raise InvalidDataError("not UTF-8 text", str(side)) from None
