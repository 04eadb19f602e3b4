"""Curated records: bad input names file and line; dates keep their precision; ids are stable."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graphkit.errors import InvalidDataError
from ingest.curated import RECORDS_DIR, date_literal, load_records, parse_records

GOOD = """\
- id: state/x
  type: MemberState
  source: https://example.org/a
  name: X
"""

MEETING = "- id: meeting/m-1\n  type: Meeting\n  source: https://e.org/\n  name: M\n"


@pytest.mark.parametrize("text, line, words", [
    ("- id: state/x\n  type: MemberState\n  name: X\n", 1, "missing 'source'"),
    (GOOD + "  capital: Y\n", 5, "unknown field 'capital'"),
    (GOOD.replace("MemberState", "Nation"), 2, "unknown type 'Nation'"),
    (GOOD.replace("https://example.org/a", "example.org"), 3, "http(s) address"),
    (GOOD.replace("https://example.org/a", "https://example.org/a%zz"), 3, "not a valid address"),
    (GOOD + "  sameAs: 'http://a b'\n", 5, "not a valid address"),
    (GOOD.replace("state/x", "State X"), 1, "kind/slug"),
    (GOOD + GOOD, 5, "already defined"),
    (GOOD + "  sameAs: [a\n", 5, "not valid YAML"),
    ("- id: meeting/m-1\n  type: Meeting\n  source: https://e.org/\n  name: M\n  startDate: 2025-13-01\n", 5, "date"),
    ("- id: meeting/m-1\n  type: Meeting\n  source: https://e.org/\n  name: M\n  ordinal: -2\n", 5, "between 1 and"),
    (MEETING + "  ordinal: 100000000000000000000000\n", 5, "too large"),
    (MEETING + "  ordinal: 10001\n", 5, "between 1 and 10,000"),
    (MEETING + "  startDate: 2025-02-30\n", 5, "not a real date"),
    (MEETING + "  startDate: 0000-00-00\n", 5, "not a real date"),
    (MEETING + "  startDate: '0000'\n", 5, "years 1-9999"),
    (MEETING + "  startDate: '-0500'\n", 5, "years 1-9999"),
    (MEETING + "  startDate: 2025-01-01T10:00:00+25:00\n", 5, "not a real date"),
    (MEETING + "  startDate: .nan\n", 5, "not a finite number"),
    (MEETING + "  acronym: !!binary aGVsbG8=\n", 5, "not a single value"),
    (MEETING + "  acronym: !custom x\n", 5, "unsupported YAML tag"),
    ("a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [" + ", ".join(["*a"] * 10) + "]\nc: &c ["
     + ", ".join(["*b"] * 10) + "]\nd: [" + ", ".join(["*c"] * 10) + "]\n", 1, "aliases"),
    ("just text", 1, "list of records"),
    ("- id: x\x00\n", 1, "NUL"),
])
def test_malformed_records_name_file_and_line(text: str, line: int, words: str) -> None:
    with pytest.raises(InvalidDataError) as err:
        parse_records(text, "bad.yaml")
    assert err.value.source == "bad.yaml"
    assert err.value.line == line
    assert words in str(err.value)


def test_reference_to_unknown_id_is_reported(tmp_path) -> None:
    f = tmp_path / "r.yaml"
    f.write_text(GOOD + "- id: city/y\n  type: City\n  source: https://e.org/\n  name: Y\n"
                 "  containedIn: state/nowhere\n")
    with pytest.raises(InvalidDataError) as err:
        load_records([f], set())
    assert err.value.line == 9 and "state/nowhere" in str(err.value)


def test_a_field_can_cite_its_own_source_and_qualify_a_fact() -> None:
    facts = parse_records(GOOD + "- id: person/p\n  type: Person\n  source: https://e.org/p\n  name: P\n  holds:\n"
                          "    - {value: post/a, startDate: 2020-01-02, source: https://e.org/q}\n", "r.yaml")
    graphs = {g: {str(q.predicate) for q in qs} for g, qs in facts.graphs.items()}
    assert len(graphs) == 3
    holds_graph = [g for g, preds in graphs.items() if "<http://www.w3.org/ns/org#holds>" in preds]
    assert len(holds_graph) == 1
    assert "<https://schema.org/startDate>" in graphs[holds_graph[0]]


@pytest.mark.parametrize("value, lexical, datatype", [
    (dt.date(2025, 5, 26), "2025-05-26", "date"),
    ("2024-10", "2024-10", "gYearMonth"),
    (2024, "2024", "gYear"),
    ("2024", "2024", "gYear"),
])
def test_partial_dates_keep_their_precision(value, lexical, datatype) -> None:
    lit = date_literal(value, lambda: ValueError())
    assert lit.value == lexical and lit.datatype.value.endswith(datatype)


@given(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_any_real_date_round_trips(d: dt.date) -> None:
    assert date_literal(d.isoformat(), lambda: ValueError()).value == d.isoformat()


@given(st.text(min_size=1, max_size=12))
def test_anything_else_is_rejected_or_a_real_date(text: str) -> None:
    try:
        lit = date_literal(text, lambda: ValueError("bad"))
    except ValueError:
        return
    assert lit.datatype.value.rsplit("#", 1)[1] in ("date", "gYearMonth", "gYear")


def test_every_shipped_record_has_a_public_source() -> None:
    facts = load_records([RECORDS_DIR], known_ids=_vocabulary_ids())
    assert len(facts.defined) > 150
    for meta in facts.meta.values():
        assert meta["url"] and all(u.startswith(("http://", "https://")) for u in meta["url"])


def _vocabulary_ids() -> set[str]:
    from graphkit.build import vocabulary_graph

    return {q.subject.value for q in vocabulary_graph()}


def test_yaml_nested_too_deep_is_refused_with_its_line() -> None:
    from graphkit import safeyaml

    with pytest.raises(InvalidDataError, match="nested deeper than 64"):
        safeyaml.load("".join("  " * i + f"k{i}:\n" for i in range(70)) + "  " * 70 + "x\n", "deep.yaml")
    with pytest.raises(InvalidDataError, match="nested deeper than 64"):
        safeyaml.load("[" * 100 + "]" * 100, "flow.yaml")



def test_a_second_yaml_document_in_a_record_file_is_refused_with_its_line() -> None:
    with pytest.raises(InvalidDataError, match="single document") as err:
        parse_records(MEETING + "---\n" + MEETING.replace("m-1", "m-2"), "two.yaml")
    assert (err.value.source, err.value.line) == ("two.yaml", 1)
    assert "line 5" in str(err.value)


def test_a_large_record_file_is_parsed_without_its_whole_yaml_tree_in_memory() -> None:
    """Records are composed a few hundred at a time (issue 19: a 1.7 MB record file's node tree is
    ~35 MB): parsing a file of 4,000 records needs well under half of what composing it whole does."""
    import tracemalloc

    from graphkit import safeyaml

    text = "".join(MEETING.replace("m-1", f"m-{i}") + f"  ordinal: {i}\n" for i in range(1, 4001))
    tracemalloc.start()
    try:
        tree = safeyaml.compose(text, "big.yaml")
        _, whole = tracemalloc.get_traced_memory()
        del tree
        tracemalloc.reset_peak()
        count = sum(1 for _ in safeyaml.compose_items(text, "big.yaml"))
        _, streamed = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 4000
    assert streamed < whole / 2, (streamed, whole)


@pytest.mark.parametrize("text", [
    '- id: a\n  name: "two\n- lines"\n- id: b\n',     # a quoted value whose second line starts like an item
    "# notes\n- id: a\n\n- id: b\n  k: [1,\n 2]\n- id: c\n",
    "- &x {id: a}\n- *x\n",                              # an alias: composed whole
    "[{id: a}, {id: b}]\n",                              # a flow list
])
def test_records_composed_in_pieces_are_the_items_composed_whole(text: str, monkeypatch) -> None:
    """Cutting a file where its items begin never changes what is read: the same items, on the same
    lines, as composing the whole file (pieces of one item here, so every cut is tried)."""
    from graphkit import safeyaml

    monkeypatch.setattr(safeyaml, "ITEMS_PER_PIECE", 1)
    whole = safeyaml.compose(text, "f.yaml")
    assert whole is not None
    pieces = list(safeyaml.compose_items(text, "f.yaml"))
    assert [(safeyaml.line(n), safeyaml.to_python(n)) for n in pieces] == \
        [(safeyaml.line(n), safeyaml.to_python(n)) for n in whole.value]
