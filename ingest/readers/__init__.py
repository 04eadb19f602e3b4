"""Readers: a file's bytes -> plain text and metadata, one module per format.

A reader is anything with ``name``, ``suffixes`` and ``read(raw, source, notes)`` (the
:class:`Reader` protocol). :data:`READERS` is the registry: adding a format (say ``.docx``) is one
module in this package and one line in that tuple. ``load_document`` picks the reader by suffix,
applies the limits (size, HTML depth, line length), merges metadata from the text and its sidecar
file, and returns a :class:`LoadedDocument`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from graphkit import settings
from graphkit.errors import IngestError, InvalidDataError
from graphkit.terms import C, P
from graphkit.vocab import GRAPH_BASE, slugify, vocabulary
from ingest.curated import URL_RE, date_literal
from ingest.readers.common import Metadata, load_sidecar
from ingest.readers.html import HtmlReader
from ingest.readers.markdown import MarkdownReader
from ingest.readers.pdf import PdfReader
from ingest.readers.text import TextReader

__all__ = ["READERS", "LoadedDocument", "Reader", "load_document", "make_document", "reader_for", "sha256"]


class Reader(Protocol):
    """One document format: ``read`` turns a file's bytes into (text, metadata found in it)."""

    name: str
    suffixes: tuple[str, ...]

    def read(self, raw: bytes, source: str, notes: list[str]) -> tuple[str, Metadata]:
        """The text and metadata of ``raw``; raises IngestError with a one-line reason."""
        ...


# The registry: one line per format.
READERS: tuple[Reader, ...] = (TextReader(), MarkdownReader(), HtmlReader(), PdfReader())


def reader_for(path: Path) -> Reader:
    """The reader of a file's suffix; raises IngestError for a format no reader handles."""
    suffix = path.suffix.lower()
    for reader in READERS:
        if suffix in reader.suffixes:
            return reader
    known = ", ".join(s for r in READERS for s in r.suffixes)
    raise IngestError(f"unsupported file type {suffix or '(none)'!r} (use one of {known})")


def is_document(path: Path) -> bool:
    """True when some reader handles this file's suffix."""
    return any(path.suffix.lower() in r.suffixes for r in READERS)


@dataclass
class LoadedDocument:
    """A file read into plain text, with its metadata and notes on how it was read."""

    path: Path
    key: str
    text: str
    title: str = ""             # the name of the document node
    heading: str = ""           # a real title (metadata, <title>, first line), "" when there is none
    kind: str | None = None
    date: str | None = None
    url: str | None = None
    publisher: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        """The document's entity id (``document/<key>``)."""
        return "document/" + self.key

    @property
    def graph(self) -> str:
        """The named graph holding the document's facts."""
        return GRAPH_BASE + "document/" + self.key

    @property
    def content_hash(self) -> str:
        """sha256 of the text the facts were extracted from."""
        return sha256(self.text)


def sha256(text: str) -> str:
    """Hex sha256 of a text's UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_document(path: Path, max_bytes: int | None = None) -> LoadedDocument:
    """Read one file into a :class:`LoadedDocument`; raises IngestError with a one-line reason."""
    path = Path(path)
    reader = reader_for(path)
    limit = max_bytes if max_bytes is not None else settings.ingest_max_mb() * 1024 * 1024
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise IngestError(f"cannot read: {exc.strerror}") from None
    if size == 0:
        raise IngestError("empty file")
    if size > limit:
        raise IngestError(f"too large: {size / 1048576:.1f} MB (limit {limit / 1048576:.0f} MB; "
                          "see --max-size or GRAPHKIT_INGEST_MAX_MB)")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"cannot read: {exc.strerror}") from None
    notes: list[str] = []
    text, found = reader.read(raw, str(path), notes)
    meta: Metadata = {k: v for k, v in found.items() if v}
    meta.update(load_sidecar(path))
    if not text.strip():
        raise IngestError("no text found" + (" in the article" if reader.name == "html" else ""))
    return make_document(path, text, meta, notes)


def make_document(path: Path, text: str, meta: Metadata, notes: list[str] | None = None) -> LoadedDocument:
    """Check metadata and pick the document's key and title."""
    source = str(path)
    kinds = vocabulary().subclasses(C.Document)
    kind = meta.get("kind")
    if kind is not None and kind not in kinds:
        raise InvalidDataError(f"unknown kind {kind!r}; one of: {', '.join(sorted(kinds))}", source)
    url = meta.get("url")
    if url is not None and not (isinstance(url, str) and URL_RE.match(url) and url == url.strip()):
        raise InvalidDataError(f"url must be an http(s) address, got {url!r}", source)
    date = None
    if meta.get("date") not in (None, ""):
        date = date_literal(meta["date"], lambda: InvalidDataError(
            f"date must be a real date such as 2025-05-26, 2025-05 or 2025, got {meta['date']!r}", source)).value
    key = doc_key(path, meta.get("id"), url if isinstance(url, str) else None)
    heading = " ".join(str(meta.get("title") or "").split()) or first_line_title(text)
    publisher = meta.get(P.publisher)
    return LoadedDocument(path, key, text, heading or path.name, heading, str(kind) if kind else None, date,
                          url if isinstance(url, str) else None,
                          str(publisher).strip() if publisher else None, list(notes or []))


def doc_key(path: Path, given: object, url: str | None) -> str:
    """The stable key of a document: the ``id`` given, else from its address, else its file name."""
    if given:
        key = str(given).removeprefix("document/")
        if not re.fullmatch(r"[a-z0-9][a-z0-9.-]*", key):
            raise InvalidDataError(f"id must be a lowercase slug such as document/my-report, got {given!r}", str(path))
        return key
    if url:
        slug = slugify(re.sub(r"^https?://(www\.)?", "", url))
        if len(slug) > 80:
            slug = slug[:70].rstrip("-") + "-" + hashlib.sha1(url.encode()).hexdigest()[:8]
        return slug
    name = path.name[: -len(path.suffix)] if path.suffix else path.name
    return slugify(name) or hashlib.sha1(path.name.encode()).hexdigest()[:12]


def first_line_title(text: str) -> str:
    """The first line when it reads like a heading (short, no full stop, more text follows)."""
    lines = [ln.strip() for ln in text.split("\n", 20)[:20] if ln.strip()]
    if len(lines) < 2:
        return ""
    first = lines[0]
    if len(first) <= 160 and not first.endswith((".", ":", ",", ";", "”", '"')) and len(first.split()) >= 2:
        return first
    return ""
