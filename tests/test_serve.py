"""`graphkit serve`: a real server process, read by real SPARQL clients and HTTP."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from remote import short, substitute


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def start_server(store: Path) -> tuple[subprocess.Popen[bytes], str]:
    """`graphkit serve` in its own process on a free port; returns it and its base URL."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-c", "from graphkit.cli import main; main()", "serve",
                             "--store", str(store), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"graphkit serve exited: {proc.stderr.read().decode() if proc.stderr else ''}")
        try:
            urllib.request.urlopen(base + "/sparql?query=" + urllib.parse.quote("ASK {}"), timeout=2).read()
            return proc, base
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    proc.kill()
    raise AssertionError("graphkit serve did not answer within 60 s")


@pytest.fixture(scope="module")
def server(built_store: Path) -> Iterator[str]:
    proc, base = start_server(built_store)
    yield base
    proc.terminate()
    proc.wait(timeout=10)


def get(url: str, accept: str | None = None) -> tuple[int, str, bytes]:
    req = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.headers.get("content-type", ""), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("content-type", ""), err.read()


def _plain(value: Any) -> str:
    return "" if value is None else str(value)


def test_each_saved_sparql_query_gives_the_cli_rows_through_a_sparql_client(server: str, built_store: Path) -> None:
    """rdflib's SPARQLStore (a real SPARQL 1.1 protocol client) runs every saved SPARQL query
    with its example parameters against the endpoint and gets the rows the CLI gets."""
    import rdflib
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    from graphkit.lookup import store_entries
    from graphkit.queries import check_parameters, load_catalogue, resolve_entities
    from graphkit.store import opened
    from graphkit.vocab import PREFIXES

    saved = [q for q in load_catalogue().values() if q.language == "sparql"]
    assert saved, "no saved SPARQL queries"
    remote = rdflib.Graph(store=SPARQLStore(server + "/sparql", returnFormat="json"))
    for q in saved:
        # What `graphkit query` runs for a saved SPARQL query (a Cypher query may share its name).
        with opened(built_store, read_only=True) as store:
            bound = check_parameters(q, {}, use_examples=True)
            if q.entities:
                bound = resolve_entities(q, bound, store_entries(store))
            columns, local_rows = store.select(q.text, bound)
        result = remote.query(substitute(q.text, bound), initNs=PREFIXES)
        names = [str(v) for v in result.vars or []]
        assert names == columns, q.name
        got = sorted(tuple(short(row[i]) for i in range(len(names))) for row in result)
        want = sorted(tuple(_plain(r.get(n)) for n in names) for r in local_rows)
        assert got and got == want, q.name


def test_results_formats_and_content_negotiation(server: str) -> None:
    council = "<https://w3id.org/asean-graphkit/id/body/apsc-council>"
    query = urllib.parse.quote(f"SELECT ?m ?n WHERE {{ ?m gk:ordinal ?n ; gk:meetingOf {council} }} "
                               "ORDER BY ?n LIMIT 2")
    status, ctype, body = get(f"{server}/sparql?query={query}", "application/sparql-results+json")
    assert status == 200 and ctype.startswith("application/sparql-results+json")
    data = json.loads(body)
    assert data["head"]["vars"] == ["m", "n"]
    first = data["results"]["bindings"][0]
    assert first["m"]["type"] == "uri" and first["n"]["datatype"].endswith("#integer")
    status, ctype, body = get(f"{server}/sparql?query={query}", "application/sparql-results+xml")
    assert status == 200 and b"<sparql" in body and b'datatype="http://www.w3.org/2001/XMLSchema#integer"' in body
    status, ctype, body = get(f"{server}/sparql?query={query}", "text/csv")
    assert status == 200 and body.splitlines()[0] == b"m,n"
    status, ctype, body = get(f"{server}/sparql?query={query}", "text/tab-separated-values")
    assert status == 200 and body.splitlines()[0] == b"?m\t?n" and b"<https://" in body
    status, _, _ = get(f"{server}/sparql?query={query}", "image/png")
    assert status == 406
    construct = urllib.parse.quote("CONSTRUCT { ?m gk:ordinal ?n } WHERE { ?m gk:ordinal ?n } LIMIT 3")
    status, ctype, body = get(f"{server}/sparql?query={construct}", "text/turtle")
    assert status == 200 and ctype.startswith("text/turtle")
    import rdflib

    assert len(rdflib.Graph().parse(data=body, format="turtle")) == 3


def test_the_endpoint_is_read_only_and_refuses_federation(server: str, built_store: Path) -> None:
    """No update, no SERVICE (the listener sees no connection), no graph-URI tricks."""
    before = sorted(p.name for p in (built_store).iterdir())
    data = urllib.parse.urlencode({"update": "DROP ALL"}).encode()
    req = urllib.request.Request(server + "/sparql", data=data,
                                 headers={"Content-Type": "application/x-www-form-urlencoded"})
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(req, timeout=10)
    assert err.value.code == 403
    req = urllib.request.Request(server + "/sparql", data=b"CLEAR ALL",
                                 headers={"Content-Type": "application/sparql-update"})
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(req, timeout=10)
    assert err.value.code == 403

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(1.0)
    port = listener.getsockname()[1]
    query = urllib.parse.quote(f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}")
    status, _, body = get(f"{server}/sparql?query={query}")
    assert status == 400 and b"SERVICE" in body
    with pytest.raises(socket.timeout):
        listener.accept()
    listener.close()
    status, _, _ = get(f"{server}/sparql?query={urllib.parse.quote('ASK {}')}&default-graph-uri=http://x/")
    assert status == 400
    status, _, body = get(f"{server}/sparql?query={urllib.parse.quote('SELECT WHERE {')}")
    assert status == 400 and b"syntax" in body.lower()
    ask = urllib.parse.quote("ASK { ?s ?p ?o }")
    assert json.loads(get(f"{server}/sparql?query={ask}")[2])["boolean"] is True
    assert sorted(p.name for p in built_store.iterdir()) == before
