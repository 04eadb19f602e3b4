"""One contract, every Cypher engine: each saved query, with its example parameters, gives the
same rows on the embedded engine and on Neo4j (after `graphkit push`); so do the lookups
(`names`, `neighbours`) that `graphkit links` and `graphkit trace` use.

Rows are compared in order when the query says ORDER BY, as a multiset otherwise. List values
are compared as multisets: Cypher leaves the order of collect() unspecified.

An empty list and a missing value compare equal: the embedded engine declares every list column,
so a list without items reads as ``[]`` there, while Neo4j stores no empty list (the identity
model push, the Cypher script and the neo4j-admin CSV share leaves empty values out), so it
reads as null. A query that needs ``[]`` on both writes ``coalesce(r.quotes, [])``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from graphkit.queries import load_catalogue

CYPHER = sorted(name for name, q in load_catalogue().items() if q.language == "cypher")


def canonical(value: Any) -> Any:
    """A value with every list sorted (by its JSON form), and empty lists and missing or null
    dict entries alike (see the module docstring), for comparisons."""
    if isinstance(value, dict):
        return {k: c for k, v in value.items() if (c := canonical(v)) is not None}
    if isinstance(value, list):
        if not value:
            return None
        return sorted((canonical(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    return value


def same_rows(a: list[dict[str, Any]], b: list[dict[str, Any]], ordered: bool) -> bool:
    ca, cb = [canonical(r) for r in a], [canonical(r) for r in b]
    if ordered:
        return ca == cb
    key = lambda r: json.dumps(r, sort_keys=True)  # noqa: E731
    return sorted(ca, key=key) == sorted(cb, key=key)


@pytest.fixture(scope="module")
def embedded(built_store: Path) -> Iterator[Any]:
    from graphkit.engines import open_engine

    engine = open_engine("embedded", built_store)
    yield engine
    engine.close()


def test_there_are_saved_cypher_queries() -> None:
    assert len(CYPHER) >= 12


@pytest.mark.neo4j
@pytest.mark.parametrize("name", CYPHER)
def test_saved_query_gives_the_same_rows_on_both_engines(name: str, embedded: Any, pushed_neo4j: Any) -> None:
    q = load_catalogue()[name]
    params = q.example_params()
    cols_e, rows_e = embedded.run(q.text_for(embedded.name), params)
    cols_n, rows_n = pushed_neo4j.run(q.text_for(pushed_neo4j.name), params)
    assert cols_e == cols_n
    ordered = "ORDER BY" in " ".join(q.text_for(pushed_neo4j.name).upper().split())
    assert same_rows(rows_e, rows_n, ordered), (
        f"{name}: embedded {len(rows_e)} rows, neo4j {len(rows_n)} rows\n"
        f"first embedded: {rows_e[:2]}\nfirst neo4j:    {rows_n[:2]}")


@pytest.mark.neo4j
def test_lookups_agree_on_every_node(embedded: Any, pushed_neo4j: Any) -> None:
    names_e, names_n = embedded.names(), pushed_neo4j.names()
    assert same_rows(names_e, names_n, ordered=False)
    for row in names_e:
        a, b = embedded.neighbours(row["id"]), pushed_neo4j.neighbours(row["id"])
        assert same_rows(a, b, ordered=False), row["key"]


@pytest.mark.neo4j
def test_links_prints_the_same_on_both_engines(built_store: Path, pushed_neo4j: Any) -> None:
    from graphkit.cli import cli

    out = {}
    for engine in ("embedded", "neo4j"):
        result = CliRunner().invoke(cli, ["links", "APSC", "--depth", "2", "--store", str(built_store),
                                          "--engine", engine, "--format", "json"])
        assert result.exit_code == 0, result.output
        out[engine] = json.loads(result.stdout)
    assert out["embedded"] and same_rows(out["embedded"], out["neo4j"], ordered=False)


def _adopted_lists(engine: Any) -> list[list[str]]:
    q = load_catalogue()["lineage_adopted_together"]
    _, rows = engine.run(q.text_for(engine.name), q.example_params())
    return [r["adopted"] for r in rows]


def test_what_else_a_meeting_adopted_is_listed_alphabetically(embedded: Any) -> None:
    """lineage_adopted_together lists the documents adopted at one meeting in alphabetical order,
    not in whatever order the engine stored them (which differs between builds)."""
    lists = _adopted_lists(embedded)
    assert any(len(a) >= 3 for a in lists), lists
    assert all(a == sorted(a) for a in lists), lists


@pytest.mark.neo4j
def test_what_else_a_meeting_adopted_is_listed_alphabetically_on_neo4j(pushed_neo4j: Any) -> None:
    lists = _adopted_lists(pushed_neo4j)
    assert any(len(a) >= 3 for a in lists), lists
    assert all(a == sorted(a) for a in lists), lists
