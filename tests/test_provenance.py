"""graphkit.provenance writes exactly the RDF the ingesters write, and reads it back."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit.provenance import (
    CURATED,
    EXTRACTED,
    VOCABULARY,
    Qualifiers,
    assertion,
    describe_graph,
    graph_catalogue,
    source_graph,
)
from graphkit.store import Literal, NamedNode, Quad, opened
from graphkit.terms import IRI
from graphkit.vocab import RDF, RDF_TYPE

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def mixed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Shipped records plus two ingested documents (one with a url): curated, extracted and
    vocabulary graphs, and Assertions with dates and with quotes."""
    from graphkit.cli import cli

    path = tmp_path_factory.mktemp("prov") / "store"
    runner = CliRunner()
    assert runner.invoke(cli, ["build", "--store", str(path), "-q"]).exit_code == 0
    texts = ROOT / "tests" / "fixtures" / "texts"
    docs = [texts / "apsc29-opening-remarks.txt", texts / "chairmans-statement-46th-summit.md"]
    result = runner.invoke(cli, ["ingest", "--store", str(path), "-q", *map(str, docs)])
    assert result.exit_code == 0, result.output
    return path


def _key(q: Quad) -> tuple[str, str, str, str]:
    return (str(q.subject), str(q.predicate), str(q.object), str(q.graph_name))


def test_graph_descriptions_are_what_describe_graph_writes(mixed_store: Path) -> None:
    with opened(mixed_store, read_only=True) as store:
        catalogue = graph_catalogue(store)
        actual: dict[str, set[tuple[str, str, str, str]]] = defaultdict(set)
        for q in store.quads():
            if q.subject.value == q.graph_name.value:
                actual[q.graph_name.value].add(_key(q))
    origins = {i.origin for i in catalogue.values()}
    assert origins == {CURATED, EXTRACTED, VOCABULARY}
    for g, info in catalogue.items():
        written = describe_graph(g, info.origin, sources=info.addresses, derived_from=info.document,
                                 files=info.files)
        assert {_key(q) for q in written} == actual[g], g


def test_assertions_are_what_assertion_writes(mixed_store: Path) -> None:
    parts: dict[tuple[str, str], dict[str, list[NamedNode | Literal]]] = defaultdict(lambda: defaultdict(list))
    actual: dict[tuple[str, str], set[tuple[str, str, str, str]]] = defaultdict(set)
    with opened(mixed_store, read_only=True) as store:
        assertions = {(q.subject.value, q.graph_name.value) for q in store.quads()
                      if q.predicate.value == RDF_TYPE and q.object.value == IRI.Assertion}
        for q in store.quads():
            k = (q.subject.value, q.graph_name.value)
            if k in assertions:
                parts[k][q.predicate.value].append(q.object)
                actual[k].add(_key(q))
    kinds = set()
    assert assertions
    for (a, g), p in parts.items():
        one = {k: v[0] for k, v in p.items()}
        q = Qualifiers(
            quote=one[IRI.quote].value if IRI.quote in one else None,
            quoted_from=one[IRI.quotedFrom].value if IRI.quotedFrom in one else None,
            start=int(one[IRI.charStart].value) if IRI.charStart in one else None,
            end=int(one[IRI.charEnd].value) if IRI.charEnd in one else None,
            valid_from=one.get(IRI.startDate),  # type: ignore[arg-type]
            valid_until=one.get(IRI.endDate),  # type: ignore[arg-type]
        )
        kinds.add("quote" if q.quote else "dates")
        written = assertion(g, one[RDF + "subject"].value, one[RDF + "predicate"].value,
                            one[RDF + "object"], q)  # type: ignore[arg-type]
        assert written[0].subject.value == a
        assert {_key(x) for x in written} == actual[(a, g)], a
    assert kinds == {"quote", "dates"}


def test_catalogue_names_the_source_of_each_graph(mixed_store: Path) -> None:
    with opened(mixed_store, read_only=True) as store:
        catalogue = graph_catalogue(store)
    curated = [i for i in catalogue.values() if i.origin == CURATED]
    assert curated
    for info in curated:
        assert len(info.addresses) == 1 and source_graph(info.addresses[0]) == info.iri
        assert info.source == info.addresses[0] and info.files
    extracted = [i for i in catalogue.values() if i.origin == EXTRACTED]
    assert len(extracted) == 2 and all(i.document and i.source == i.document for i in extracted)


def test_describe_graph_refuses_an_unknown_origin() -> None:
    with pytest.raises(ValueError, match="origin"):
        describe_graph("https://example.org/g", "guessed")
