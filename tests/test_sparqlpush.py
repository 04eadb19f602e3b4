"""`graphkit push --sparql`: the store's named graphs into a real Apache Jena Fuseki.

.ci/run starts one (scripts/fuseki-test-server) and exports FUSEKI_URL; without it these tests
skip locally and fail under CI.
"""

from __future__ import annotations

import os
import shutil
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from remote import short, substitute

from graphkit.cli import cli
from graphkit.errors import StoreError
from graphkit.sparqlpush import MANIFEST_GRAPH, Endpoints, push_sparql, remote_counts
from graphkit.store import opened


@pytest.fixture(scope="module")
def fuseki() -> Iterator[Endpoints]:
    url = os.environ.get("FUSEKI_URL")
    if not url:
        reason = ('no Fuseki server: FUSEKI_URL is unset (start one with '
                  'set -a; eval "$(scripts/fuseki-test-server start)"; set +a)')
        if os.environ.get("GRAPHKIT_REQUIRE_FUSEKI") == "1" or os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    endpoints = Endpoints.for_dataset(url)
    yield endpoints


def drop_all(endpoints: Endpoints) -> None:
    req = urllib.request.Request(endpoints.update, data=b"DROP ALL",
                                 headers={"Content-Type": "application/sparql-update"})
    urllib.request.urlopen(req, timeout=60).read()


def put_foreign_graph(endpoints: Endpoints, graph: str) -> None:
    assert endpoints.store is not None
    req = urllib.request.Request(f"{endpoints.store}?graph={graph}", method="PUT",
                                 data=b'<http://example.org/a> <http://example.org/b> "not graphkit\'s" .\n',
                                 headers={"Content-Type": "application/n-triples"})
    urllib.request.urlopen(req, timeout=60).read()


def local_counts(store_path: Path) -> dict[str, int]:
    with opened(store_path, read_only=True) as store:
        return {g: sum(1 for _ in store.quads(g)) for g in store.named_graphs()}


def test_push_twice_sends_nothing_the_second_time_and_counts_per_graph_agree(
        fuseki: Endpoints, built_store: Path) -> None:
    drop_all(fuseki)
    first = CliRunner().invoke(cli, ["push", "--sparql", fuseki.query.rsplit("/", 1)[0], "--store", str(built_store),
                                     "--format", "json"])
    assert first.exit_code == 0, first.output
    counts = local_counts(built_store)
    assert f'"graphs sent": {len(counts)}' in first.stdout
    second = CliRunner().invoke(cli, ["push", "--sparql", fuseki.query.rsplit("/", 1)[0], "--store",
                                      str(built_store), "--format", "json"])
    assert second.exit_code == 0, second.output
    assert '"graphs sent": 0' in second.stdout and '"triples sent": 0' in second.stdout
    assert remote_counts(fuseki) == counts


def test_interrupted_push_resumes_and_replace_touches_only_graphkit_graphs(
        fuseki: Endpoints, built_store: Path, tmp_path: Path) -> None:
    drop_all(fuseki)
    foreign = "http://example.org/someone-elses-graph"
    put_foreign_graph(fuseki, foreign)
    by_update = Endpoints(fuseki.query, fuseki.update, None)  # the SPARQL Update route, in batches
    with opened(built_store, read_only=True) as store:
        graphs = store.named_graphs()
        # A push that stopped after a third of the graphs ...
        partial = push_sparql(store, by_update, graphs=graphs[: len(graphs) // 3])
        assert len(partial.sent) == len(graphs) // 3 and partial.route == "sparql update"
        # ... is resumed by the next one, which sends only the rest.
        rest = push_sparql(store, by_update)
        assert len(rest.sent) == len(graphs) - len(graphs) // 3
        assert rest.unchanged == len(graphs) // 3
    # A store with one source graph fewer: --replace drops exactly that one remote graph.
    smaller = tmp_path / "store"
    shutil.copytree(built_store, smaller)
    with opened(built_store, read_only=True) as store:
        victim = next(g for g in store.named_graphs() if "/graph/source/" in g)
    from graphkit.store import writing

    with writing(smaller) as store:
        store.replace_graphs({}, remove=[victim])
    result = CliRunner().invoke(cli, ["push", "--sparql", fuseki.query.rsplit("/", 1)[0], "--replace",
                                      "--via", "update", "--store", str(smaller), "--format", "json"])
    assert result.exit_code == 0, result.output
    counts = remote_counts(fuseki)
    assert victim not in counts
    assert counts[foreign] == 1, "a graph graphkit did not write was touched"
    assert {g: n for g, n in counts.items() if g != foreign} == local_counts(smaller)


def test_saved_sparql_queries_give_the_same_rows_on_fuseki(fuseki: Endpoints, built_store: Path) -> None:
    import rdflib
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    from graphkit.lookup import store_entries
    from graphkit.queries import check_parameters, load_catalogue, resolve_entities
    from graphkit.vocab import PREFIXES

    drop_all(fuseki)
    with opened(built_store, read_only=True) as store:
        push_sparql(store, Endpoints(fuseki.query, fuseki.update, None))
        remote = rdflib.Graph(store=SPARQLStore(fuseki.query, returnFormat="json"))
        compared = 0
        for q in load_catalogue().values():
            if q.language != "sparql":
                continue
            bound = check_parameters(q, {}, use_examples=True)
            if q.entities:
                bound = resolve_entities(q, bound, store_entries(store))
            names, local_rows = store.select(q.text, bound)
            got = remote.query(substitute(q.text, bound), initNs=PREFIXES)
            remote_rows = sorted(tuple(short(r[i]) for i in range(len(names))) for r in got)
            want = sorted(tuple("" if r.get(n) is None else str(r.get(n)) for n in names) for r in local_rows)
            assert remote_rows == want, q.name
            assert remote_rows, f"{q.name} returned no rows to compare"
            compared += 1
    assert compared >= 2


def test_errors_are_one_line_and_never_show_the_password(built_store: Path) -> None:
    result = CliRunner().invoke(cli, ["push", "--sparql", "http://admin:s3cret@127.0.0.1:9/ds", "--store",
                                      str(built_store)])
    assert result.exit_code == 1
    assert "s3cret" not in result.output and "Traceback" not in result.output
    assert "cannot reach" in result.stderr
    with pytest.raises(StoreError):
        Endpoints.for_dataset("ftp://example.org/ds")


def test_manifest_graph_is_not_counted_as_data(fuseki: Endpoints) -> None:
    assert MANIFEST_GRAPH not in remote_counts(fuseki)
