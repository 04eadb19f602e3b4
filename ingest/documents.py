"""Document ingest: text, Markdown, HTML and PDF files -> one named graph of sourced facts each.

Reading (``load_document``) turns a file into plain text plus metadata; the extractor
(``ingest.extract``) finds facts in the text; ``document_quads`` writes them as RDF. Each document
is one named graph ``graph/document/<key>`` that describes itself inside itself::

    <g> a gk:SourceGraph ; gk:origin "extracted" ; prov:wasDerivedFrom <document/<key>> .

and every fact in it has a ``gk:Assertion`` with the sentence (``prov:value``), its character
span in the text (``gk:charStart``/``gk:charEnd``) and the sentence's sha256 (``gk:quoteHash``).
The key comes from the metadata (``id``, else ``url``) or the file name, never from the folder it
sits in, so the same file ingested from elsewhere lands in the same graph.

``ingest_paths`` (entry point ``graphkit.ingesters: documents``) writes one file at a time in its
own transaction: a bad file is reported in one line and leaves the store as it was, an unchanged
file writes nothing at all. ``evaluate_paths`` (``graphkit.ingesters: evaluation``) scores the
extractor against annotated texts.
"""

from __future__ import annotations

import hashlib
import logging
import re
import struct
import unicodedata
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import yaml

from graphkit.errors import IngestError, InvalidDataError
from graphkit.settings import INGEST_MAX_MB
from graphkit.store import Store
from graphkit.vocab import GRAPH_BASE, RDF, RDF_TYPE, XSD, entity_iri, slugify, vocabulary

from ingest.curated import URL_RE, assertion_iri, date_literal
from ingest.extract import DOC, RELATIONS, Context, Extraction, extract
from ingest.gazetteer import Gazetteer, MeetingInfo

FORMATS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
           ".html": "html", ".htm": "html", ".xhtml": "html", ".pdf": "pdf"}
META_KEYS = ("id", "title", "publisher", "date", "url", "kind")
SIDECAR = ".meta.yaml"
GOLD = ".gold.yaml"
MAX_BYTES = INGEST_MAX_MB * 1024 * 1024


# ---------------------------------------------------------------------------------------- reading
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


def load_document(path: Path, max_bytes: int = MAX_BYTES) -> LoadedDocument:
    """Read one file into a :class:`LoadedDocument`; raises IngestError with a one-line reason."""
    path = Path(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise IngestError(f"unsupported file type {path.suffix or '(none)'!r} (use .txt, .md, .html or .pdf)")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise IngestError(f"cannot read: {exc.strerror}") from None
    if size == 0:
        raise IngestError("empty file")
    if size > max_bytes:
        raise IngestError(f"too large: {size / 1048576:.1f} MB (limit {max_bytes / 1048576:.0f} MB; "
                          "see --max-size or GRAPHKIT_INGEST_MAX_MB)")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"cannot read: {exc.strerror}") from None
    notes: list[str] = []
    meta: dict[str, Any] = {}
    if fmt == "pdf":
        text, found = parse_pdf(raw)
    else:
        decoded = decode(raw, notes)
        if fmt == "html":
            text, found = parse_html(decoded)
        elif fmt == "markdown":
            text, found = parse_markdown(decoded, str(path))
        else:
            # plain text stays exactly as read, so spans index the file's own characters
            text, found = decoded, {}
    meta.update({k: v for k, v in found.items() if v})
    meta.update(load_sidecar(path))
    if not text.strip():
        raise IngestError("no text found" + (" in the article" if fmt == "html" else ""))
    return make_document(path, text, meta, notes)


def make_document(path: Path, text: str, meta: dict[str, Any], notes: list[str] | None = None) -> LoadedDocument:
    """Check metadata and pick the document's key and title."""
    source = str(path)
    v = vocabulary()
    kind = meta.get("kind")
    if kind is not None and kind not in v.subclasses("Document"):
        raise InvalidDataError(f"unknown kind {kind!r}; one of: {', '.join(sorted(v.subclasses('Document')))}", source)
    url = meta.get("url")
    if url is not None and not (isinstance(url, str) and URL_RE.match(url)):
        raise InvalidDataError(f"url must be an http(s) address, got {url!r}", source)
    date = None
    if meta.get("date") not in (None, ""):
        date = date_literal(meta["date"], lambda: InvalidDataError(
            f"date must look like 2025-05-26, 2025-05 or 2025, got {meta['date']!r}", source)).value
    key = doc_key(path, meta.get("id"), url)
    heading = " ".join(str(meta.get("title") or "").split()) or first_line_title(text)
    publisher = meta.get("publisher")
    return LoadedDocument(path, key, text, heading or path.name, heading, kind, date, url,
                          str(publisher).strip() if publisher else None, list(notes or []))


def doc_key(path: Path, given: Any, url: str | None) -> str:
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
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if len(lines) < 2:
        return ""
    first = lines[0]
    if len(first) <= 160 and not first.endswith((".", ":", ",", ";", "”", '"')) and len(first.split()) >= 2:
        return first
    return ""


def decode(raw: bytes, notes: list[str]) -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 with a BOM, else cp1252 with a note."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError:
            raise IngestError("not valid UTF-16 text despite its byte-order mark") from None
        notes.append("read as UTF-16")
        return _check_text(text)
    if b"\x00" in raw[:65536]:
        raise IngestError("binary file (contains NUL bytes), not text")
    try:
        return _check_text(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        bad = exc.start
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        raise IngestError(f"not UTF-8 text (invalid byte at offset {bad}) and not cp1252 either; "
                          "convert it to UTF-8") from None
    notes.append(f"not UTF-8 (invalid byte at offset {bad}): read as cp1252")
    return _check_text(text)


def _check_text(text: str) -> str:
    sample = text[:65536]
    controls = sum(1 for c in sample if unicodedata.category(c) == "Cc" and c not in "\n\r\t\f")
    if sample and controls / len(sample) > 0.01:
        raise IngestError("binary file (control characters), not text")
    return text


def normalise(text: str) -> str:
    """The text facts are extracted from: NFC, \\n line ends, no invisible characters."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[\u200b\u200c\u200d\u2060\ufeff]", "", text)
    text = text.replace("\u00a0", " ").replace("\t", " ")
    text = re.sub(r"[ \f\v]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


# ---------------------------------------------------------------------------------------- formats
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


def parse_markdown(text: str, source: str = "<markdown>") -> tuple[str, dict[str, Any]]:
    """Markdown with optional YAML front matter -> (plain text, metadata)."""
    text = text.lstrip("\ufeff")
    meta: dict[str, Any] = {}
    m = FRONT_MATTER.match(text.replace("\r\n", "\n"))
    if m:
        meta = _metadata(m.group(1), source + " (front matter)")
        text = text.replace("\r\n", "\n")[m.end():]
    body = []
    fenced = False
    for line in text.replace("\r\n", "\n").split("\n"):
        if line.strip().startswith(("```", "~~~")):
            fenced = not fenced
            continue
        if fenced:
            continue
        line = re.sub(r"^\s{0,3}#{1,6}\s+", "", line)          # headings
        line = re.sub(r"^\s{0,3}>\s?", "", line)                # quotes
        line = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", line)    # list markers
        line = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", line)        # images
        line = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", line)    # links keep their text
        line = re.sub(r"(\*\*|__)(.+?)\1", r"\2", line)
        line = re.sub(r"(?<![\w*])[*_](?![\s*_])(.+?)(?<![\s*_])[*_](?![\w*])", r"\1", line)
        line = re.sub(r"`([^`]+)`", r"\1", line)
        if re.fullmatch(r"\s*(?:[-*_]\s*){3,}", line):
            line = ""
        body.append(line)
    return normalise("\n".join(body)), meta


SKIP_TAGS = "script, style, noscript, template, nav, header, footer, aside, form, menu, iframe, svg, button, select"
SKIP_ATTR = re.compile(r"(?:^|[\s_-])(?:nav|navbar|menu|footer|header|sidebar|breadcrumbs?|share|sharing|social|"
                       r"related|cookie|subscribe|newsletter|advert|ads?|promo|comments?|masthead|skip)(?:$|[\s_-])", re.I)
BLOCKS = "h1, h2, h3, h4, h5, h6, p, li, blockquote, pre, td, th, dt, dd, figcaption"


def parse_html(html: str) -> tuple[str, dict[str, Any]]:
    """An HTML page -> (the article's text, metadata from <title> and <meta>)."""
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    lower = html.lower()
    if "<html" in lower and "</html>" not in lower and "</body>" not in lower:
        raise IngestError("truncated HTML: no closing </body> or </html>")
    tree = HTMLParser(html)
    meta: dict[str, Any] = {}
    title = tree.css_first("title")
    og = {n.attributes.get("property") or n.attributes.get("name"): n.attributes.get("content")
          for n in tree.css("meta") if n.attributes.get("content")}
    meta["title"] = (og.get("og:title") or (title.text(strip=True) if title else "") or "").strip()
    date = og.get("article:published_time") or og.get("date") or og.get("dcterms.date") or og.get("DC.date")
    if date and re.match(r"\d{4}-\d{2}-\d{2}", date):
        meta["date"] = date[:10]
    canonical = tree.css_first("link[rel=canonical]")
    url = og.get("og:url") or (canonical.attributes.get("href") if canonical else None)
    if url and URL_RE.match(url):
        meta["url"] = url
    for node in tree.css(SKIP_TAGS):
        node.decompose()
    for node in tree.css("[class], [id], [role]"):
        attrs = " ".join(filter(None, (node.attributes.get("class"), node.attributes.get("id"))))
        if node.attributes.get("role") in ("navigation", "banner", "contentinfo", "complementary") or \
                (attrs and SKIP_ATTR.search(attrs) and node.tag not in ("html", "body", "main", "article")):
            node.decompose()
    root = tree.css_first("article") or tree.css_first("main") or tree.css_first("[role=main]") or tree.body
    if root is None:
        return "", meta
    parts: list[str] = []
    blocks = root.css(BLOCKS)
    if blocks:
        for node in blocks:
            if any(p.tag in ("p", "li", "blockquote", "td", "th", "dd") for p in _ancestors(node, root)):
                continue  # its text is part of the enclosing block already
            parts.append(" ".join(node.text(separator=" ").split()))
    else:
        parts = [" ".join(line.split()) for line in root.text(separator="\n").split("\n")]
    h1 = root.css_first("h1")
    if not meta["title"] and h1:
        meta["title"] = " ".join(h1.text().split())
    return normalise("\n".join(p for p in parts if p)), meta


def _ancestors(node: Any, root: Any) -> Iterator[Any]:
    parent = node.parent
    while parent is not None and parent.mem_id != root.mem_id:
        yield parent
        parent = parent.parent


@contextmanager
def _quiet_pypdf() -> Iterator[None]:
    log = logging.getLogger("pypdf")
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        yield
    finally:
        log.setLevel(level)


def parse_pdf(raw: bytes) -> tuple[str, dict[str, Any]]:
    """A PDF's text layer -> (text with paragraphs reflowed, metadata from its info dictionary)."""
    import io

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    if not raw.lstrip()[:5] == b"%PDF-":
        raise IngestError("not a PDF (no %PDF- header)")
    if b"%%EOF" not in raw[-2048:]:
        raise IngestError("truncated PDF (no %%EOF marker at the end)")
    meta: dict[str, Any] = {}
    # pypdf raises many kinds of error on malformed files; they all mean "this PDF is broken",
    # and the try covers pypdf calls only.
    broken = (PyPdfError, ValueError, KeyError, TypeError, IndexError, AttributeError, struct.error, zlib.error,
              RecursionError)
    try:
        with _quiet_pypdf():
            reader = PdfReader(io.BytesIO(raw), strict=False)
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
    if not reader.pages:
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
            if buf and (starts_item or (buf.endswith((".", ":", "?", "!", "”", '"')) and ln[:1].isupper()
                                        and len(buf) < 120 and not buf.endswith(tuple(f" {a}." for a in ("H.E", "Dr", "Mr"))))):
                out.append(buf)
                buf = ln
            else:
                buf = f"{buf} {ln}" if buf else ln
        if buf:
            out.append(buf)
    return "\n".join(out)


# ---------------------------------------------------------------------------------------- metadata
def _metadata(text: str, source: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InvalidDataError(f"metadata is not valid YAML: {getattr(exc, 'problem', exc)}", source,
                               mark.line + 1 if mark else None) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InvalidDataError("metadata must be a mapping of keys to values", source)
    unknown = sorted(str(k) for k in data if k not in META_KEYS)
    if unknown:
        raise InvalidDataError(f"unknown metadata key {unknown[0]!r} (known: {', '.join(META_KEYS)})", source)
    return dict(data)


def sidecar_path(path: Path) -> Path | None:
    """``NAME.meta.yaml`` (or ``NAME.EXT.meta.yaml``) beside a document, if there is one."""
    for candidate in (path.with_name(path.stem + SIDECAR), path.with_name(path.name + SIDECAR)):
        if candidate.is_file():
            return candidate
    return None


def load_sidecar(path: Path) -> dict[str, Any]:
    """The metadata of a document's sidecar file (empty without one)."""
    side = sidecar_path(path)
    if side is None:
        return {}
    try:
        return _metadata(side.read_text(encoding="utf-8"), str(side))
    except UnicodeDecodeError:
        raise InvalidDataError("not UTF-8 text", str(side)) from None


# ---------------------------------------------------------------------------------------- RDF
def document_quads(doc: LoadedDocument, ex: Extraction, gaz: Gazetteer | None = None) -> list[ox.Quad]:
    """The named graph of one document: its description, its facts and their assertions."""
    v = vocabulary()
    g = ox.NamedNode(doc.graph)
    d = doc.id
    quads: list[ox.Quad] = []

    def add(s: str, p: str, o: ox.NamedNode | ox.Literal) -> None:
        quads.append(ox.Quad(ox.NamedNode(s), ox.NamedNode(p), o, g))

    def ref(eid: str) -> ox.NamedNode:
        return ox.NamedNode(entity_iri(d if eid == DOC else eid))

    add(doc.graph, RDF_TYPE, ox.NamedNode(v.iri("SourceGraph")))
    add(doc.graph, v.iri("origin"), ox.Literal("extracted"))
    add(doc.graph, v.iri("derivedFrom"), ref(d))
    if doc.url:
        add(doc.graph, v.iri("primarySource"), ox.NamedNode(doc.url))
    kind = doc.kind or ex.kind
    add(entity_iri(d), RDF_TYPE, ox.NamedNode(v.iri(kind)))
    known = gaz.get(d) if gaz is not None else None
    if doc.heading or known is None or not known.name:
        add(entity_iri(d), v.iri("name"), ox.Literal(doc.title))
    add(entity_iri(d), v.iri("contentHash"), ox.Literal(doc.content_hash))
    if doc.url:
        add(entity_iri(d), v.iri("url"), ox.Literal(doc.url, datatype=ox.NamedNode(XSD + "anyURI")))
    issued = doc.date or ex.issued
    if issued:
        add(entity_iri(d), v.iri("issued"), date_literal(issued, lambda: IngestError(f"bad date {issued!r}")))
    if doc.publisher:
        pub = _publisher(doc.publisher, gaz)
        add(entity_iri(d), v.iri("publisher"), ref(pub))
        if gaz is None or not gaz.known(pub):
            add(entity_iri(pub), RDF_TYPE, ox.NamedNode(v.iri("Organization")))
            add(entity_iri(pub), v.iri("name"), ox.Literal(doc.publisher))
            add(entity_iri(pub), v.iri("extracted"), _literal("extracted", True))

    for f in ex.facts:
        s = entity_iri(d if f.subject == DOC else f.subject)
        if f.relation == "type":
            p, o = RDF_TYPE, ox.NamedNode(v.iri(f.object))
        else:
            prop = v.prop(f.relation)
            p = prop.iri
            o = ref(f.object) if prop.is_object else _literal(f.relation, f.object)
        add(s, p, o)
        a = assertion_iri(doc.graph, s, p, str(o))
        add(a, RDF_TYPE, ox.NamedNode(v.iri("Assertion")))
        add(a, RDF + "subject", ox.NamedNode(s))
        add(a, RDF + "predicate", ox.NamedNode(p))
        add(a, RDF + "object", o)
        add(a, v.iri("statedIn"), g)
        add(a, v.iri("quotedFrom"), ref(d))
        add(a, v.iri("quote"), ox.Literal(f.quote))
        add(a, v.iri("quoteHash"), ox.Literal(sha256(f.quote)))
        if f.start is not None and f.end is not None:
            add(a, v.iri("charStart"), _literal("charStart", f.start))
            add(a, v.iri("charEnd"), _literal("charEnd", f.end))
    # the same triple stated twice (a quote and a span each) keeps one of each
    return list(dict.fromkeys(quads))


def _literal(key: str, value: Any) -> ox.Literal:
    dt = vocabulary().prop(key).datatype or XSD + "string"
    if dt in (XSD + "date",):
        return date_literal(value, lambda: IngestError(f"bad date {value!r}"))
    if dt == XSD + "boolean":
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(dt))
    if dt == XSD + "string":
        return ox.Literal(str(value))
    return ox.Literal(str(value), datatype=ox.NamedNode(dt))


def _publisher(name: str, gaz: Gazetteer | None) -> str:
    if gaz is not None:
        ids = gaz.lookup(name, kinds=("Organization", "Body", "MemberState"))
        if ids:
            return ids[0]
    return "org/" + slugify(name)


# ---------------------------------------------------------------------------------------- running
@dataclass
class FileResult:
    """What happened to one file."""

    file: str
    status: str                 # added, updated, unchanged, skipped
    document: str = ""
    kind: str = ""
    facts: int = 0
    entities: int = 0
    new: int = 0
    note: str = ""

    @property
    def ok(self) -> bool:
        """True when the file's facts are in the store (written now or before)."""
        return self.status != "skipped"

    def as_row(self) -> dict[str, Any]:
        """The row ``graphkit ingest`` prints for this file."""
        return {"file": self.file, "status": self.status, "document": self.document, "kind": self.kind,
                "facts": self.facts, "entities": self.entities, "new": self.new, "note": self.note}

    def line(self) -> str:
        """One line for stderr: what the file gave, or why it was skipped."""
        if self.status == "skipped":
            return f"skipped {self.file}: {self.note}"
        found = f"{self.kind}, {self.facts} facts, {self.entities} entities ({self.new} new)"
        note = f" [{self.note}]" if self.note else ""
        return f"{self.status} {self.file}: {found}{note}"


def document_files(paths: Iterable[Path]) -> list[Path]:
    """The files to ingest: files as given, folders recursively (hidden files, metadata sidecars
    and gold annotations left out), in a stable order."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                rel = f.relative_to(p)
                if f.is_file() and not any(part.startswith(".") for part in rel.parts) and not _is_aux(f):
                    out.append(f)
        else:
            out.append(p)
    return list(dict.fromkeys(out))


def _is_aux(path: Path) -> bool:
    return path.name.endswith((SIDECAR, GOLD, ".yml", ".yaml"))


class IngestRun:
    """An ingest of many files into one store: iterate to ingest them one by one.

    ``len(run)`` is the number of files. Each file is written in its own transaction; a file whose
    graph would come out the same is not written at all.
    """

    def __init__(self, store: Store, paths: Iterable[Path], max_bytes: int = MAX_BYTES) -> None:
        self.store = store
        self.files = document_files(paths)
        self.max_bytes = max_bytes
        self._gaz: Gazetteer | None = None
        self._keys: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self.files)

    def __iter__(self) -> Iterator[FileResult]:
        for path in self.files:
            yield self.ingest_file(path)

    @property
    def gazetteer(self) -> Gazetteer:
        """Built from the store once per run, and grown with what each document adds."""
        if self._gaz is None:
            self._gaz = Gazetteer.from_store(self.store)
        return self._gaz

    def ingest_file(self, path: Path) -> FileResult:
        """Ingest one file; never raises for a bad file (the result says why it was skipped)."""
        name = str(path)
        try:
            doc = load_document(path, self.max_bytes)
        except (IngestError, InvalidDataError) as exc:
            return FileResult(name, "skipped", note=_reason(exc, name))
        if doc.key in self._keys:
            return FileResult(name, "skipped", doc.id, note=f"same document key as {self._keys[doc.key]}: "
                                                            "give one an id or url in a sidecar")
        self._keys[doc.key] = name
        gaz = self.gazetteer
        gaz.exclude = doc.graph
        try:
            stated = sorted(c for c in gaz.classes(doc.id) if c in vocabulary().subclasses("Document") and c != "Document")
            if doc.kind is None and len(stated) == 1:
                doc.kind = stated[0]  # another source already says what this document is
            ex = extract(doc.text, gaz, Context(doc.heading, doc.kind, doc.date))
            quads = document_quads(doc, ex, gaz)
        finally:
            gaz.exclude = None
        old = {(q.subject, q.predicate, q.object) for q in self.store.quads(doc.graph)}
        new = {(q.subject, q.predicate, q.object) for q in quads}
        if old == new:
            status = "unchanged"
        else:
            self.store.replace_graphs({doc.graph: quads})
            status = "updated" if old else "added"
        self._learn(doc, ex)
        facts = sum(1 for f in ex.facts if f.relation not in ("mentions", "type", "name", "extracted"))
        return FileResult(name, status, doc.id, doc.kind or ex.kind, facts, len(ex.entities()), len(ex.created),
                          "; ".join(doc.notes))

    def _learn(self, doc: LoadedDocument, ex: Extraction) -> None:
        """Add the entities a document created to the gazetteer, for the files after it."""
        gaz = self.gazetteer
        names = {f.subject: f.object for f in ex.facts if f.relation == "name"}
        for eid, cls in ex.created.items():
            gaz.add(eid, cls, str(names.get(eid, "")), graph=doc.graph)
        attrs: dict[str, dict[str, Any]] = {}
        for f in ex.facts:
            if f.subject in ex.created and f.relation in ("meetingOf", "ordinal", "startDate", "location", "postIn"):
                attrs.setdefault(f.subject, {})[f.relation] = f.object
        for eid, a in attrs.items():
            if "postIn" in a:
                gaz.post_in[eid] = a["postIn"]
            if ex.created.get(eid) == "Meeting":
                gaz.add_meeting(MeetingInfo(eid, a.get("meetingOf"), a.get("ordinal"), a.get("startDate"),
                                            a.get("location")))


def _reason(exc: Exception, name: str) -> str:
    text = str(exc)
    return text[len(name) + 2:] if text.startswith(name + ": ") else text


def ingest_paths(store: Store, paths: Iterable[Path], max_bytes: int = MAX_BYTES) -> IngestRun:
    """Plan an ingest of files and folders into ``store``; iterate the result to run it.

    Example::

        run = ingest_paths(store, [Path("statements/")])
        for result in run:
            print(result.line())
    """
    return IngestRun(store, paths, max_bytes)


# ---------------------------------------------------------------------------------------- evaluation
@dataclass
class Score:
    """True positives, false positives and false negatives, and the figures from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, found: set[Any], gold: set[Any]) -> None:
        self.tp += len(found & gold)
        self.fp += len(found - gold)
        self.fn += len(gold - found)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_gold(path: Path) -> tuple[set[str], set[tuple[str, str, str]]]:
    """An annotation file: ``entities`` (ids) and ``relations`` ([subject, relation, object],
    with ``this`` for the annotated document itself)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise InvalidDataError(f"not valid YAML: {exc}", str(path)) from None
    if not isinstance(data, dict):
        raise InvalidDataError("a gold file is a mapping with entities and relations", str(path))
    entities = {str(e) for e in data.get("entities") or []}
    relations = set()
    for item in data.get("relations") or []:
        if not (isinstance(item, list) and len(item) == 3):
            raise InvalidDataError(f"a relation is [subject, relation, object], got {item!r}", str(path))
        s, p, o = map(str, item)
        if p not in RELATIONS:
            raise InvalidDataError(f"unknown relation {p!r}; scored: {', '.join(RELATIONS)}", str(path))
        relations.add((s, p, o))
    return entities, relations


def gold_path(path: Path) -> Path:
    """``NAME.gold.yaml`` beside ``NAME.EXT``."""
    return path.with_name(path.stem + GOLD)


def evaluate_paths(store: Store, paths: Iterable[Path]) -> list[dict[str, Any]]:
    """Score the extractor on every annotated text under ``paths`` (those with a gold file).

    Returns one row per text and a ``total`` row (micro-averaged): precision, recall and F1 for
    entities and for relations, plus what was missed and what was extra. Writes nothing.
    """
    gaz = Gazetteer.from_store(store)
    rows: list[dict[str, Any]] = []
    total_e, total_r = Score(), Score()
    files = [f for f in document_files(paths) if gold_path(f).is_file()]
    if not files:
        raise InvalidDataError("no annotated texts here (a text needs NAME.gold.yaml beside it)",
                               ", ".join(map(str, paths)))
    for path in files:
        doc = load_document(path)
        gold_e, gold_r = load_gold(gold_path(path))
        ex = extract(doc.text, gaz, Context(doc.heading, doc.kind, doc.date))
        found_e = ex.entities()
        found_r = {("this" if s == DOC else s, p, "this" if o == DOC else o) for s, p, o in ex.relations()}
        e, r = Score(), Score()
        e.add(found_e, gold_e)
        r.add(found_r, gold_r)
        total_e.add(found_e, gold_e)
        total_r.add(found_r, gold_r)
        rows.append(_score_row(path.name, e, r) | {
            "missed": sorted(gold_e - found_e) + [" ".join(t) for t in sorted(gold_r - found_r)],
            "extra": sorted(found_e - gold_e) + [" ".join(t) for t in sorted(found_r - gold_r)],
        })
    rows.append(_score_row("total", total_e, total_r) | {"missed": [], "extra": []})
    return rows


def _score_row(name: str, e: Score, r: Score) -> dict[str, Any]:
    return {"text": name,
            "entity_p": round(e.precision, 3), "entity_r": round(e.recall, 3), "entity_f1": round(e.f1, 3),
            "relation_p": round(r.precision, 3), "relation_r": round(r.recall, 3), "relation_f1": round(r.f1, 3),
            "entities": f"{e.tp}/{e.tp + e.fn}", "relations": f"{r.tp}/{r.tp + r.fn}"}
