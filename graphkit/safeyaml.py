"""YAML for untrusted files: sizes, nesting and aliases limited, values range-checked, lines kept.

Every YAML graphkit reads (curated records, document sidecars and front matter) goes through
here. What it guards against, each a one-line :class:`~graphkit.errors.InvalidDataError` with
file and line instead of a hang, a memory blow-up or a traceback:

- a text larger than $GRAPHKIT_YAML_MAX_MB (default 20 MB);
- nesting deeper than ``MAX_DEPTH`` levels, more than ``MAX_ALIASES`` aliases, or aliases that
  would expand to more than ``MAX_NODES`` nodes (the "billion laughs": 538 bytes, 4 GB);
- impossible dates (2025-02-30, month 13, year 0, a UTC offset beyond 24 hours), years outside
  1..9999, whole numbers beyond 64 bits, infinite or NaN floats.

Each call makes its own parser and constructs scalars without PyYAML's per-constructor object
cache, so nothing from one file stays alive while the next is read (the cache held every node of
every record file: 0.6 GB per million facts, issue #19).
"""

from __future__ import annotations

import datetime as dt
import math
import operator
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from graphkit.errors import InvalidDataError
from graphkit.settings import yaml_max_bytes

# libyaml's parser when PyYAML has it (about 2x faster; it keeps line numbers too).
_BASE: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR_TAG, _SEQ_TAG, _MAP_TAG = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


# The tag of a short plain value, once worked out (keys and common values repeat on every record);
# filled up to _TAGS_MAX entries by _Loader only, whose implicit resolvers never change.
_TAGS: dict[str, str] = {}
_TAGS_MAX, _TAGS_VALUE_MAX = 4096, 32


class _Loader(_BASE):  # type: ignore[valid-type,misc]
    """The safe loader with a leaner tag resolver: the parser calls it for every node, and the
    general one also walks path resolvers, which no safe loader has (same tags: a 10% faster parse).
    The tags of short plain values are remembered (another 10% of a record file's parse)."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is ScalarNode:
            if implicit[0]:
                tag = _TAGS.get(value)
                if tag is not None and self.__class__ is _Loader:
                    return tag
                tag = _STR_TAG
                for t, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if regexp.match(value):
                        tag = str(t)
                        break
                if self.__class__ is _Loader and len(value) <= _TAGS_VALUE_MAX and len(_TAGS) < _TAGS_MAX:
                    _TAGS[value] = tag
                return tag
            return _STR_TAG
        return _SEQ_TAG if kind is SequenceNode else _MAP_TAG

    # Called around every node and unused without path resolvers: C functions that ignore their
    # arguments, so each call costs less than a Python method's.
    descend_resolver = staticmethod(operator.is_)
    ascend_resolver = staticmethod(tuple)


LOADER: type[yaml.SafeLoader] = _Loader
MAX_DEPTH = 64
MAX_ALIASES = 1_000
MAX_NODES = 1_000_000
MAX_INT = 2**63 - 1
MIN_YEAR, MAX_YEAR = 1, 9999

Node = yaml.Node
ScalarNode = yaml.ScalarNode
SequenceNode = yaml.SequenceNode
MappingNode = yaml.MappingNode
Scalar = str | int | float | bool | None | dt.date | dt.datetime

_CONSTRUCT = yaml.constructor.SafeConstructor.yaml_constructors
_TS = "tag:yaml.org,2002:timestamp"
_YEAR_RE = re.compile(r"^\d{4}$")


def line(node: Node) -> int:
    """The 1-based line where a node starts."""
    return int(node.start_mark.line) + 1


def read_text(path: Path, *, max_bytes: int | None = None) -> str:
    """A YAML file's text: UTF-8 (a BOM allowed), at most ``max_bytes``; InvalidDataError otherwise."""
    limit = max_bytes or yaml_max_bytes()
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except IsADirectoryError:
        raise InvalidDataError("is a folder, not a YAML file", str(path)) from None
    except OSError as exc:
        raise InvalidDataError(f"cannot read: {exc.strerror}", str(path)) from None
    if len(data) > limit:
        raise InvalidDataError(f"larger than {limit // (1024 * 1024)} MB (GRAPHKIT_YAML_MAX_MB)", str(path))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        where = data[: exc.start].count(b"\n") + 1
        raise InvalidDataError(f"not UTF-8 text (byte {data[exc.start]:#04x})", str(path), where) from None


def _check_text(text: str, source: str) -> None:
    if len(text) > yaml_max_bytes():
        raise InvalidDataError(f"larger than {yaml_max_bytes() // (1024 * 1024)} MB (GRAPHKIT_YAML_MAX_MB)", source)
    if "\x00" in text:
        where = text[: text.index("\x00")].count("\n") + 1
        raise InvalidDataError("contains a NUL character (binary data?)", source, where)


def compose(text: str, source: str = "<yaml>") -> Node | None:
    """The node tree of one YAML document (None when empty), within the limits above."""
    _check_text(text, source)
    try:
        root: Node | None = yaml.compose(text, Loader=LOADER)
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, source) from None
    except RecursionError:
        raise InvalidDataError(f"nested deeper than {MAX_DEPTH} levels", source) from None
    if root is not None and "*" in text:  # without an alias nothing can expand: the walk is skipped
        _check_shape(root, source, aliases_possible=True)
    return root


# how many list items compose_items composes at a time
ITEMS_PER_PIECE = 500
# a line at column 0 that is neither blank, a comment, an indented line nor a list item's start ("- ")
# (each searched after a newline, so the search skips from one newline to the next)
_OTHER_COLUMN0 = re.compile(r"\n(?![ #\r\n]|-(?: |\r?\n|\r?\Z)|\Z)")
_ITEM_START = re.compile(r"\n-(?: |\r?\n|\r?\Z)")


def compose_items(text: str, source: str = "<yaml>", *, not_a_list: str = "must be a YAML list") -> Iterator[Node]:
    """The items of one YAML document whose root is a list, composed a few hundred at a time: the
    caller can drop an item's nodes before later ones are made, so a large file's whole node tree is
    never in memory at once (a 1.7 MB record file's tree is ~35 MB). The same limits and errors as
    :func:`compose`; a root that is not a list raises InvalidDataError(``not_a_list``) with its line.

    A block list at column 0 is cut where its items begin ("- " at column 0) and each piece composed
    by libyaml with the lines before it left blank, so every line number stays the file's. Whatever
    cannot be cut that way is composed whole: a text with aliases (their limits count across items),
    another line at column 0 (a document marker, a flow list, a directive), or a piece that does not
    come out as exactly its items (a cut inside a multi-line quoted value): then the file's own error,
    if it has one, is raised as :func:`compose` raises it."""
    _check_text(text, source)
    framed = "\n" + text  # every line, the first too, after a newline; offsets in it are one more than in text
    starts = [] if "*" in text or _OTHER_COLUMN0.search(framed) else [m.start() for m in _ITEM_START.finditer(framed)]
    done, lines, prev = 0, 0, 0
    for i in range(0, len(starts), ITEMS_PER_PIECE):
        begin = starts[i]
        end = starts[i + ITEMS_PER_PIECE] if i + ITEMS_PER_PIECE < len(starts) else len(text)
        lines += text.count("\n", prev, begin)
        prev = begin
        try:
            piece = yaml.compose("\n" * lines + text[begin:end], Loader=LOADER)
        except (yaml.YAMLError, RecursionError):
            piece = None
        if not isinstance(piece, SequenceNode) or len(piece.value) != min(ITEMS_PER_PIECE, len(starts) - i):
            break
        done += len(piece.value)
        yield from piece.value
    else:
        if starts:
            return
    root = compose(text, source)
    if root is None:
        return
    if not isinstance(root, SequenceNode):
        raise InvalidDataError(not_a_list, source, line(root))
    yield from root.value[done:]


def _yaml_error(exc: yaml.YAMLError, source: str) -> InvalidDataError:
    mark = getattr(exc, "problem_mark", None)
    start = getattr(exc, "context_mark", None) or mark
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    if context and mark and start is not mark and start is not None and start.line != mark.line:
        problem += f" ({context} begun here, trouble found at line {mark.line + 1})"
    return InvalidDataError(f"not valid YAML: {problem}", source, start.line + 1 if start is not None else None)


def _check_shape(root: Node, source: str, *, aliases_possible: bool) -> None:
    """Depth always; with aliases, the count of nodes the tree expands to (without expanding it)."""
    seen: set[int] = set()
    aliases = 0
    visits = 0
    stack: list[tuple[Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise InvalidDataError(f"nested deeper than {MAX_DEPTH} levels", source, line(node))
        visits += 1
        if visits > MAX_NODES:
            raise InvalidDataError(f"expands to more than {MAX_NODES:,} values (aliases repeated too often)",
                                   source, line(node))
        if aliases_possible:
            if id(node) in seen:
                aliases += 1
                if aliases > MAX_ALIASES:
                    raise InvalidDataError(f"more than {MAX_ALIASES} aliases (repeating the value anchored here)",
                                           source, line(node))
            elif not isinstance(node, ScalarNode):
                seen.add(id(node))
        if isinstance(node, SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
        elif isinstance(node, MappingNode):
            for key, value in node.value:
                stack.append((key, depth + 1))
                stack.append((value, depth + 1))


def scalar(node: Node, source: str = "<yaml>") -> Scalar:
    """The value of a scalar node, range-checked; InvalidDataError (with line) for anything else."""
    if not isinstance(node, ScalarNode):
        raise InvalidDataError("expected a single value here", source, line(node))
    tag = node.tag
    if tag == "tag:yaml.org,2002:str":
        return str(node.value)
    fn = _CONSTRUCT.get(tag)
    if fn is None:
        raise InvalidDataError(f"unsupported YAML tag {tag!r}", source, line(node))
    try:
        value = _construct(fn, node)
    except (ValueError, OverflowError, yaml.constructor.ConstructorError) as exc:
        what = "is not a real date or time" if tag == _TS else "is not a valid value"
        raise InvalidDataError(f"{node.value!r} {what} ({exc})", source, line(node)) from None
    return check_value(value, source, line(node), raw=str(node.value))


_CONSTRUCTOR = yaml.constructor.SafeConstructor()


def _construct(fn: Any, node: ScalarNode) -> Any:
    # The scalar constructors do not touch the constructed-objects cache (only construct_object does).
    return fn(_CONSTRUCTOR, node)


def check_value(value: Any, source: str, where: int | None, raw: str | None = None) -> Scalar:
    """Refuse numbers and dates outside sane ranges (raises InvalidDataError with file and line)."""
    shown = raw if raw is not None else repr(value)
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        if abs(value) > MAX_INT:
            raise InvalidDataError(f"{shown} is too large a number", source, where)
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InvalidDataError(f"{shown} is not a finite number", source, where)
        return value
    if isinstance(value, dt.datetime):
        offset = value.utcoffset()
        if offset is not None and abs(offset) >= dt.timedelta(hours=24):
            raise InvalidDataError(f"{shown} has an impossible UTC offset", source, where)
        return value
    if isinstance(value, dt.date):
        return value
    raise InvalidDataError(f"{shown} is not a single value", source, where)


def check_year(value: Any, source: str, where: int | None) -> int:
    """A year between 1 and 9999 from an int or a 4-digit text; InvalidDataError otherwise."""
    if isinstance(value, str) and _YEAR_RE.match(value.strip()):
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not MIN_YEAR <= value <= MAX_YEAR:
        raise InvalidDataError(f"{value!r} is not a year between {MIN_YEAR} and {MAX_YEAR}", source, where)
    return value


def mapping_items(node: Node, source: str, what: str = "this") -> Iterator[tuple[str, Node, Node]]:
    """(key, key node, value node) of a mapping whose keys are names; duplicate keys refused."""
    if not isinstance(node, MappingNode):
        raise InvalidDataError(f"{what} must be a mapping of keys to values", source, line(node))
    seen: set[str] = set()
    for k, v in node.value:
        key = scalar(k, source)
        if not isinstance(key, str):
            raise InvalidDataError(f"key {key!r} is not a name", source, line(k))
        if key in seen:
            raise InvalidDataError(f"key {key!r} appears twice", source, line(k))
        seen.add(key)
        yield key, k, v


def to_python(node: Node, source: str = "<yaml>", depth: int = 1) -> Any:
    """Plain Python data (dicts with name keys, lists, checked scalars) for a composed node."""
    if depth > MAX_DEPTH:
        raise InvalidDataError(f"nested deeper than {MAX_DEPTH} levels", source, line(node))
    if isinstance(node, ScalarNode):
        return scalar(node, source)
    if isinstance(node, SequenceNode):
        return [to_python(child, source, depth + 1) for child in node.value]
    return {key: to_python(value, source, depth + 1) for key, _, value in mapping_items(node, source)}


def load(text: str, source: str = "<yaml>") -> Any:
    """Parse one YAML document into plain Python data within every limit above (None when empty)."""
    root = compose(text, source)
    return None if root is None else to_python(root, source)


def load_file(path: Path) -> Any:
    """:func:`load` of a file read with :func:`read_text`."""
    return load(read_text(path), str(path))
