"""PDF -> the text layer, hard-wrapped lines joined into paragraphs, and the info dictionary."""

from __future__ import annotations

import io
import logging
import re
import struct
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

from graphkit.errors import IngestError
from ingest.readers.common import Metadata, normalise


class PdfReader:
    """``.pdf``: the text layer (no OCR: a scan without one is refused with a note to run OCR)."""

    name: str = "pdf"
    suffixes: tuple[str, ...] = (".pdf",)

    def read(self, raw: bytes, source: str, notes: list[str]) -> tuple[str, Metadata]:
        """The reflowed text layer and the title and date of the info dictionary."""
        return parse_pdf(raw)


@contextmanager
def _quiet_pypdf() -> Iterator[None]:
    log = logging.getLogger("pypdf")
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        yield
    finally:
        log.setLevel(level)


def parse_pdf(raw: bytes) -> tuple[str, Metadata]:
    """A PDF's text layer -> (text with paragraphs reflowed, metadata from its info dictionary)."""
    from pypdf import PdfReader as PypdfReader
    from pypdf.errors import PyPdfError

    if not raw.lstrip()[:5] == b"%PDF-":
        raise IngestError("not a PDF (no %PDF- header)")
    if b"%%EOF" not in raw[-2048:]:
        raise IngestError("truncated PDF (no %%EOF marker at the end)")
    meta: Metadata = {}
    # pypdf raises many kinds of error on malformed files; they all mean "this PDF is broken",
    # and the try covers pypdf calls only.
    broken = (PyPdfError, ValueError, KeyError, TypeError, IndexError, AttributeError, struct.error, zlib.error,
              RecursionError)
    try:
        with _quiet_pypdf():
            reader = PypdfReader(io.BytesIO(raw), strict=False)
            if reader.is_encrypted:
                try:
                    if not reader.decrypt(""):
                        raise IngestError("encrypted PDF (needs a password)")
                except PyPdfError as exc:
                    raise IngestError(f"encrypted PDF ({exc})") from None
            info = reader.metadata
            if info is not None:
                if info.title:
                    meta["title"] = str(info.title).strip()
                created = info.get("/CreationDate")
                m = re.match(r"D:(\d{4})(\d{2})(\d{2})", str(created or ""))
                if m:
                    meta["date"] = f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
            pages = [page.extract_text() or "" for page in reader.pages]
    except broken as exc:
        raise IngestError(f"unreadable PDF ({type(exc).__name__}: {str(exc)[:80]})") from None
    if not pages:
        raise IngestError("PDF has no pages")
    text = reflow("\n\n".join(pages))
    if len(re.findall(r"\w", text)) < 20:
        raise IngestError(f"PDF has no text layer ({len(pages)} pages of images?): run OCR on it first")
    return text, meta


def reflow(text: str) -> str:
    """Join a PDF's hard-wrapped lines into paragraphs (blank lines, numbered items and bullets
    start new ones)."""
    text = normalise(text)
    out: list[str] = []
    for para in re.split(r"\n\s*\n", text):
        lines = [ln.strip() for ln in para.split("\n") if ln.strip()]
        buf = ""
        for ln in lines:
            starts_item = re.match(r"(?:\d{1,3}[.)]|[•▪◦·\-–])\s", ln)
            ends = buf.endswith((".", ":", "?", "!", "”", '"')) and ln[:1].isupper() and len(buf) < 120 \
                and not buf.endswith(tuple(f" {a}." for a in ("H.E", "Dr", "Mr")))
            if buf and (starts_item or ends):
                out.append(buf)
                buf = ln
            else:
                buf = f"{buf} {ln}" if buf else ln
        if buf:
            out.append(buf)
    return "\n".join(out)
