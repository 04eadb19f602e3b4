"""Sentence splitting for published texts: spans, never across a line break.

Handles what real texts do: a dateline before the first sentence ("KUALA LUMPUR, May 25
(Bernama) -- ", "VIENTIANE – ", "Indonesia (FN), May 11 – ", "KUALA LUMPUR: ", "Hanoi, Jun 22
(IANS): ") becomes a span of its own;
numbered paragraphs and list markers ("1.", "(a)", "•") are not sentences; a full stop after an
abbreviation or honorific ("H.E.", "Dr.", "No.") or an initial ("Joko W. Widodo") does not end
one; closing quotes and brackets stay with their sentence. A sentence longer than
:data:`MAX_SENTENCE` characters is cut at a space, so the rules' cost stays linear in the text.
"""

from __future__ import annotations

import re

from ingest.extract.lexicon import ABBREVIATIONS, NAME_UPPER

MAX_SENTENCE = 2000
# the next sentence opens with a capital of any Latin script ("Đỗ Hùng Việt said ...") or a digit
_BOUNDARY = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[0-9" + NAME_UPPER + "])")
_WORD_BEFORE = re.compile(r"([\w.]+)[.!?]*$")
_ENUMERATOR = re.compile(r"\s*(?:\(?\d{1,3}[.)]|\(?[a-zA-Z]{1,2}\)|\(?[ivxIVX]{1,5}\)|[•▪◦·*\-–Ø➢►▶■□❖✓✔➤→])\s+")
# a timestamp some copies put before the text ("2025-02-26 ", "date 2025-02-26 "): a span of its own
_STAMP = re.compile(r"\s*(?:date:?\s+)?\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?\s+(?=\S)")
# PLACE[, Country][ (Agency)][, Month Day[, Year]][ (Agency)] followed by a dash
_DATELINE = re.compile(
    r"(?:[A-Z][A-Z.'’\- ]{1,40}|[A-Z][\w'’\-]+(?:\s[A-Z][\w'’\-]+){0,3})"
    r"(?:,\s*[A-Z][\w.'’\- ]{1,30})?"
    r"(?:\s*\([A-Za-z.\- ]{1,30}\))?"
    r"(?:,?\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})(?:,?\s+\d{4})?)?"
    r"(?:\s*\([A-Za-z.\- ]{1,30}\))?"
    r"(?:\s*(?:--|—|–|-|(?P<colon>:))\s+|(?<=\))(?P<bare>\s+))(?=[A-Z\"“])")


def dateline_end(line: str) -> int:
    """Where a dateline at the start of ``line`` ends (0 when there is none).

    A dateline names a place in capitals, or carries an agency in brackets or a date, and ends
    with a dash; a plain sentence that happens to contain a dash is not one."""
    m = _DATELINE.match(line)
    if not m or m.end() > 80:
        return 0
    head = line[:m.end()]
    if m.group("bare"):
        # "Kuala Lumpur, May 25 (IANS) Greater ...": no dash, so a date and an agency in brackets are needed
        return m.end() if re.search(r"\d", head) and re.search(r"\([A-Za-z.\- ]{1,30}\)\s*$", head) else 0
    if m.group("colon"):
        # "KUALA LUMPUR: ...", "Hanoi, Jun 22 (IANS): ...": a place in capitals alone, or an agency and a
        # date ("ASEAN Summit: ..." is a headline, not a dateline)
        before = head.rstrip().rstrip(":").strip()
        alone = re.fullmatch(r"[A-Z][A-Z.'’\- ]{2,}(?:,\s*[A-Z][A-Z.'’\- ]{2,})?", before)
        return m.end() if alone or ("(" in head and re.search(r"\d", head)) else 0
    caps = re.match(r"[A-Z][A-Z.'’\- ]{2,}\b", head)
    if caps or "(" in head or re.search(r"\d", head):
        return m.end()
    return 0


_TERMINAL = ('.', '!', '?', ':', ';', '"', '”', '’', ')', ']')
_CONNECTOR_END = re.compile(r"\b(?:the|of|and|in|on|for|to|a|an|with|by|at|from|under|as)$", re.I)
_CONTINUES = re.compile(r"[a-z(“\"‘']|\d{1,2}(?:st|nd|rd|th)?\s+(?!\s)(?![.)])")


def logical_lines(text: str) -> list[tuple[int, str]]:
    """Lines with hard-wrapped prose joined (start, line): a line that does not end a sentence
    and is followed by one that continues it (lower case, a day or ordinal, or after "the",
    "of" ...) is one line with the next; a heading or list item stays alone."""
    out: list[tuple[int, str]] = []
    pos = 0
    lines = text.split("\n")
    k = 0
    while k < len(lines):
        start, line = pos, lines[k]
        pos += len(line) + 1
        while k + 1 < len(lines):
            cur, nxt = line.rstrip(), lines[k + 1].lstrip()
            if not cur or not nxt or cur.endswith(_TERMINAL) or _ENUMERATOR.match(lines[k + 1]) \
                    or nxt.strip().isdigit():
                break
            wrapped_item = len(lines[k].rstrip()) >= 50 and _ENUMERATOR.match(line) is not None
            if not (_CONNECTOR_END.search(cur) or (len(cur) >= 40 and _CONTINUES.match(nxt)) or wrapped_item):
                break
            line = line + "\n" + lines[k + 1]
            pos += len(lines[k + 1]) + 1
            k += 1
        out.append((start, line))
        k += 1
    return out


_HEAD_LINES = 3
# further down (after crumbs, a headline, a time stamp, a photo caption) a dateline counts only when it opens a
# paragraph: the line goes on with at least this many characters of prose after it
LATE_HEAD_LINES = 8
_LATE_PARAGRAPH = 100


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) in ``text``; see the module docstring for what is handled."""
    spans: list[tuple[int, int]] = []
    heads = 0          # a dateline may follow a headline or a stamp line: the first lines are tried
    dated = False
    for start, line in logical_lines(text):
        cut = 0
        if heads < LATE_HEAD_LINES and not dated and line.strip():
            heads += 1
            stamp = _STAMP.match(line) if heads == 1 else None
            if stamp:
                spans.append((start, start + stamp.end()))
                cut = stamp.end()
            end = dateline_end(line[cut:])
            if end and heads > _HEAD_LINES and len(line) - cut - end < _LATE_PARAGRAPH:
                end = 0
            if end:
                spans.append((start + cut, start + cut + end))
                cut += end
                dated = True
        marker = _ENUMERATOR.match(line, cut)
        if marker and (cut or marker.start() == 0):
            cut = marker.end()
        for m in _BOUNDARY.finditer(line, cut):
            word = _WORD_BEFORE.search(line, max(cut, m.start() - 40), m.start() + 1)
            before = word.group(1).lower().rstrip(".") if word else ""
            if line[m.start()] == "." and (before in ABBREVIATIONS or re.fullmatch(r"[a-z]|\d{1,3}", before)
                                           and _starts_item(line, cut, m.start())
                                           or _initials(line, m.start(), before)):
                continue
            spans.append((start + cut, start + m.end()))
            cut = m.end()
            marker = _ENUMERATOR.match(line, cut)
            if marker and re.fullmatch(r"\s*\d{1,3}[.)]\s+", marker.group(0)):
                cut = marker.end()   # "... end. 2. Next paragraph" on one line
        spans.append((start + cut, start + len(line)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s and any(c.isalpha() for c in text[s:e]):
            out.extend(_capped(text, s, e))
    return out


def _initials(line: str, dot: int, before: str) -> bool:
    """Two or more initials written together before a name ("Retno L.P. Marsudi"): no sentence ends."""
    return bool(re.fullmatch(r"[a-z](?:\.[a-z])+", before)) and line[dot - len(before):dot].isupper() and \
        bool(re.match(r"\.\s+[A-Z][a-z]", line[dot:]))


def _starts_item(line: str, cut: int, dot: int) -> bool:
    """A single letter or a number before a full stop: an initial ("W.") or a paragraph number
    at the start ("1."), which do not end a sentence; "in 2025." does."""
    word = _WORD_BEFORE.search(line, max(cut, dot - 40), dot + 1)
    if word is None:
        return False
    token = word.group(1).rstrip(".")
    if token.isdigit():
        return line[cut:word.start()].strip() == ""
    return True


def _capped(text: str, s: int, e: int) -> list[tuple[int, int]]:
    out = []
    while e - s > MAX_SENTENCE:
        cut = text.rfind(" ", s + MAX_SENTENCE // 2, s + MAX_SENTENCE)
        if cut < 0:
            cut = s + MAX_SENTENCE
        out.append((s, cut))
        s = cut
        while s < e and text[s].isspace():
            s += 1
    if e > s:
        out.append((s, e))
    return out
