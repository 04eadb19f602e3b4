"""Markdown with optional YAML front matter -> plain text and metadata."""

from __future__ import annotations

import re

from ingest.readers.common import Metadata, check_lines, decode, normalise, parse_metadata

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


class MarkdownReader:
    """``.md``: markup dropped (headings, quotes, list markers, emphasis, links keep their text)."""

    name: str = "markdown"
    suffixes: tuple[str, ...] = (".md", ".markdown")

    def read(self, raw: bytes, source: str, notes: list[str]) -> tuple[str, Metadata]:
        """The text without markup and the front matter's metadata."""
        return parse_markdown(check_lines(decode(raw, notes)), source)


def parse_markdown(text: str, source: str = "<markdown>") -> tuple[str, Metadata]:
    """Markdown with optional YAML front matter -> (plain text, metadata)."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    meta: Metadata = {}
    m = FRONT_MATTER.match(text)
    if m:
        meta = parse_metadata(m.group(1), source + " (front matter)")
        text = text[m.end():]
    body = []
    fenced = False
    for line in text.split("\n"):
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
