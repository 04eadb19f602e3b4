"""HTML pages -> the article's text and metadata (<title>, <meta>, canonical link)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from graphkit.errors import IngestError
from ingest.curated import URL_RE
from ingest.readers.common import Metadata, decode, normalise

if TYPE_CHECKING:
    from selectolax.lexbor import LexborNode

MAX_DEPTH = 512
"""Deepest element nesting accepted: real pages stay under ~40; 100k nested tags took a minute."""
SKIP_TAGS = "script, style, noscript, template, nav, header, footer, aside, form, menu, iframe, svg, button, select"
SKIP_ATTR = re.compile(r"(?:^|[\s_-])(?:nav|navbar|menu|footer|header|sidebar|breadcrumbs?|share|sharing|social|"
                       r"related|cookie|subscribe|newsletter|advert|ads?|promo|comments?|masthead|skip)(?:$|[\s_-])",
                       re.I)
BLOCKS = "h1, h2, h3, h4, h5, h6, p, li, blockquote, pre, td, th, dt, dd, figcaption"
CONTAINERS = ("p", "li", "blockquote", "td", "th", "dd")


class HtmlReader:
    """``.html``: the article (or main) element's blocks, page furniture left out."""

    name: str = "html"
    suffixes: tuple[str, ...] = (".html", ".htm", ".xhtml")

    def read(self, raw: bytes, source: str, notes: list[str]) -> tuple[str, Metadata]:
        """The article's text and the page's metadata."""
        return parse_html(decode(raw, notes))


def parse_html(html: str, max_depth: int = MAX_DEPTH) -> tuple[str, Metadata]:
    """An HTML page -> (the article's text, metadata from <title> and <meta>)."""
    from selectolax.lexbor import LexborHTMLParser

    lower = html.lower()
    if "<html" in lower and "</html>" not in lower and "</body>" not in lower:
        raise IngestError("truncated HTML: no closing </body> or </html>")
    # checked on the markup before parsing: the parser itself took minutes on 100k nested tags
    if _nesting(html, max_depth) > max_depth:
        raise IngestError(f"HTML elements nested deeper than {max_depth} levels: not a page to read")
    tree = LexborHTMLParser(html)
    meta: Metadata = {}
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
            if any(p.tag in CONTAINERS for p in _ancestors(node, root)):
                continue  # its text is part of the enclosing block already
            parts.append(" ".join(node.text(separator=" ").split()))
    else:
        parts = [" ".join(line.split()) for line in root.text(separator="\n").split("\n")]
    h1 = root.css_first("h1")
    if not meta["title"] and h1:
        meta["title"] = " ".join(h1.text().split())
    return normalise("\n".join(p for p in parts if p)), meta


def _nesting(html: str, limit: int) -> int:
    """How deep the markup nests elements, counted on the tags (stops past ``limit``).

    Void elements and elements whose end tag may be left out (p, li, td ...) are not counted, so
    ordinary sloppy markup does not look deep."""
    depth = deepest = 0
    for m in _TAG.finditer(html):
        name = m.group(2).lower()
        if name in _UNCOUNTED or m.group(3):
            continue
        depth += -1 if m.group(1) else 1
        if depth > deepest:
            deepest = depth
            if deepest > limit:
                break
    return deepest


_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*?(/?)>")
_UNCOUNTED = frozenset(
    "area base br col embed hr img input link meta param source track wbr p li dt dd tr td th option optgroup "
    "thead tbody tfoot colgroup rb rt rp rtc html head body".split())


def _ancestors(node: LexborNode, root: LexborNode) -> Iterator[LexborNode]:
    parent = node.parent
    while parent is not None and parent.mem_id != root.mem_id:
        yield parent
        parent = parent.parent
