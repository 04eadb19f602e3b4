"""The foundation as a user meets it: build, validate, stats, sparql, formats and exit codes."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit.cli import cli
from graphkit.store import opened

FIXTURES = Path(__file__).parent / "fixtures"


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def dump(store: Path) -> list[str]:
    """The store's facts as sorted N-Quads lines."""
    with opened(store, read_only=True) as s:
        return sorted(str(q) for q in s.quads())


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("build") / "store"
    result = run("build", "--store", str(path))
    assert result.exit_code == 0, result.output
    return path


def test_build_reports_what_it_wrote(store: Path) -> None:
    rows = json.loads(run("stats", "--store", str(store), "--format", "json").stdout)
    counts = {(r["kind"], r["name"]): r["count"] for r in rows}
    assert counts[("label", "MemberState")] == 11
    assert counts[("label", "Meeting")] >= 30
    assert counts[("label", "Document")] >= 10
    assert counts[("label", "Body")] >= 15


def test_curated_data_passes_shacl(store: Path) -> None:
    result = run("validate", "--store", str(store), "--format", "json")
    assert result.exit_code == 0, result.output
    problems = json.loads(result.stdout)
    assert not [p for p in problems if p["severity"] == "violation"]


def test_broken_record_fails_validation_readably(tmp_path: Path) -> None:
    path = tmp_path / "s"
    broken = str(FIXTURES / "records-broken")
    assert run("build", "--no-shipped", "--records", broken, "--store", str(path)).exit_code == 0
    result = run("validate", "--store", str(path))
    assert result.exit_code == 4
    assert "meeting/broken-1" in result.stdout
    assert "body it is a meeting of" in result.stdout
    assert "a real date" in result.stdout
    assert "violations" in result.stderr


def test_every_fact_sits_in_a_source_graph_with_an_address(store: Path) -> None:
    with opened(store, read_only=True) as s:
        _, rows = s.select("""SELECT ?g (SAMPLE(?src) AS ?source) WHERE {
            GRAPH ?g { ?s ?p ?o } OPTIONAL { GRAPH ?g { ?g prov:hadPrimarySource|prov:wasDerivedFrom ?src } }
        } GROUP BY ?g""")
        assert not list(s.quads(default_graph=True))
    assert rows
    for row in rows:
        assert row["source"] and row["source"].startswith(("http://", "https://")), row


def test_building_twice_gives_an_identical_store(store: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert run("build", "--store", str(again)).exit_code == 0
    assert dump(again) == dump(store)


def test_failed_build_leaves_previous_store_untouched(store: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(store, copy)
    before = dump(copy)
    bad = tmp_path / "bad.yaml"
    bad.write_text("- id: meeting/x-1\n  type: Meeting\n  source: https://example.org/x\n  name: X\n  ordinal: zero\n")
    result = run("build", "--store", str(copy), "--records", str(bad))
    assert result.exit_code == 1
    assert f"{bad}:5:" in result.stderr and "ordinal" in result.stderr
    assert "Traceback" not in result.output
    assert dump(copy) == before


def test_a_build_loaded_in_many_parts_is_the_same_store_and_fails_as_atomically(
        store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The facts reach the store in bulk loads of growing parts (bounded memory): tiny parts give the
    same store, and a bad record found after several parts were loaded still leaves the store as it was."""
    import graphkit.store

    monkeypatch.setattr(graphkit.store, "LOAD_PART_BYTES", 2048)
    monkeypatch.setattr(graphkit.store, "LOAD_PART_MAX_BYTES", 8192)
    calls: list[int] = []
    real = graphkit.store._parts

    def counted(chunks: Iterator[bytes], first: int, cap: int, folder: Path) -> Iterator[Path]:
        for part in real(chunks, first, cap, folder):
            calls.append(part.stat().st_size)
            yield part

    monkeypatch.setattr(graphkit.store, "_parts", counted)
    parts = tmp_path / "parts"
    assert run("build", "--store", str(parts)).exit_code == 0
    assert len(calls) > 5, calls   # many parts, growing from the first to at most the cap
    assert dump(parts) == dump(store)
    records = tmp_path / "records"
    records.mkdir()
    (records / "zz-bad.yaml").write_text("- id: meeting/x-1\n  type: Meeting\n  source: https://example.org/x\n"
                                         "  name: X\n  ordinal: zero\n", encoding="utf-8")
    calls.clear()
    result = run("build", "--store", str(parts), "--records", str(records))
    assert result.exit_code == 1 and "zz-bad.yaml:5:" in result.stderr, result.output
    assert len(calls) > 3 and "Traceback" not in result.output
    assert dump(parts) == dump(store)


def test_load_parts_grow_from_the_first_to_the_cap_and_keep_every_byte_in_order(tmp_path: Path) -> None:
    from graphkit.store import LOAD_PART_GROWTH, _parts

    chunks = [b"%d\n" % i for i in range(200)]   # 2-4 bytes each
    parts = [p.read_bytes() for p in _parts(iter(chunks), 2, 32, tmp_path)]
    assert b"".join(parts) == b"".join(chunks)
    sizes = [len(p) for p in parts]
    assert LOAD_PART_GROWTH > 1 and sizes[0] < sizes[1] < sizes[2], sizes
    assert all(32 <= n < 36 for n in sizes[3:-1]) and len(sizes) > 5, sizes
    assert [p.read_bytes() for p in _parts(iter(chunks), 0, 0, tmp_path)] == [b"".join(chunks)]   # 0: one part
    assert list(_parts(iter([]), 8, 32, tmp_path)) == []


def test_a_bulk_load_leaves_no_part_files_even_when_its_producer_fails(tmp_path: Path) -> None:
    import pyoxigraph as ox

    from graphkit.store import bulk_load_chunks

    def chunks(fail: bool) -> Iterator[bytes]:
        for i in range(50):
            yield b"<http://example.org/s%d> <http://example.org/p> \"%d\" <http://example.org/g> .\n" % (i, i)
        if fail:
            raise ValueError("a bad record")

    db = ox.Store()
    bulk_load_chunks(db, chunks(False), 100, 400, folder=tmp_path)
    assert len(db) == 50 and list(tmp_path.iterdir()) == []
    with pytest.raises(ValueError, match="a bad record"):
        bulk_load_chunks(ox.Store(), chunks(True), 100, 400, folder=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_the_records_first_pieces_are_small_then_grow_and_keep_every_fact(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The loader starts on a small first part, so the records' first pieces are small (FIRST_CHUNK_LINES)
    and later ones grow to CHUNK_LINES; the pieces hold exactly the facts of one parse."""
    import ingest.curated as curated

    monkeypatch.setattr(curated, "FIRST_CHUNK_LINES", 4)
    monkeypatch.setattr(curated, "CHUNK_LINES", 16)
    records = tmp_path / "records"
    records.mkdir()
    text = "".join(f"- id: meeting/m-{i}\n  type: Meeting\n  source: https://example.org/m\n  name: M {i}\n"
                   for i in range(40))   # two facts a record
    (records / "m.yaml").write_text(text, encoding="utf-8")
    pieces = [p.count("\n") for p in curated.iter_records([records], set())]
    body = pieces[:-1]   # the last piece is the source graphs' description
    assert body[0] == 4 and max(body) == 16 and body == sorted(body), pieces
    whole = curated.load_records([records], set())
    whole.describe_graphs()
    assert sum(pieces) == len(whole.lines)


def test_build_saves_the_ingest_gazetteer_for_the_store_it_built(store: Path) -> None:
    from ingest.pipeline import GAZETTEER_FILE, IngestRun, SourceGazetteer

    with opened(store, read_only=True) as s:
        saved = SourceGazetteer.load(store / GAZETTEER_FILE, s.fingerprint)
        assert isinstance(saved, SourceGazetteer)
        fresh = SourceGazetteer.from_store(s)
        assert saved.entities == fresh.entities and saved.meetings == fresh.meetings
        assert saved._trie == fresh._trie and saved.ends == fresh.ends
        assert IngestRun(s, []).gazetteer.loaded  # the first ingest loads it, reads no entity


def test_a_failing_after_build_hook_is_reported_and_leaves_the_store_built(store: Path, tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.metadata

    import graphkit.build

    real = importlib.metadata.entry_points
    broken = importlib.metadata.EntryPoint("broken", "graphkit_no_such_module:hook", graphkit.build.AFTER_BUILD_GROUP)

    def entry_points(**kw: str) -> list[importlib.metadata.EntryPoint]:
        found = list(real(**kw))
        return [*found, broken] if kw.get("group") == graphkit.build.AFTER_BUILD_GROUP else found

    monkeypatch.setattr(graphkit.build, "entry_points", entry_points)
    path = tmp_path / "s"
    result = run("build", "--store", str(path), "--quiet")
    assert result.exit_code == 0, result.output
    assert "after-build step 'broken'" in result.stderr and "the store is built" in result.stderr
    assert "Traceback" not in result.output
    assert dump(path) == dump(store)
    assert (path / "gazetteer.sqlite").is_file()  # the other hooks ran


def _store_with_bad_facts(tmp_path: Path) -> Path:
    """A built store, then a described source graph holding a meeting with a date that is no date
    and a body that is no body (written through the store's own writer)."""
    from graphkit.store import Literal, NamedNode, Quad, writing
    from graphkit.terms import IRI
    from graphkit.vocab import GRAPH_BASE, RDF_TYPE, entity_iri

    path = tmp_path / "bad"
    assert run("build", "--no-shipped", "--records", str(FIXTURES / "records-broken"), "--store", str(path),
               "--quiet").exit_code == 0
    g = GRAPH_BASE + "source/test-bad"
    gn, m = NamedNode(g), NamedNode(entity_iri("meeting/bad-date"))
    quads = [Quad(gn, NamedNode(RDF_TYPE), NamedNode(IRI.SourceGraph), gn),
             Quad(gn, NamedNode(IRI.origin), Literal("curated"), gn),
             Quad(gn, NamedNode(IRI.primarySource), NamedNode("https://example.org/bad"), gn),
             Quad(m, NamedNode(RDF_TYPE), NamedNode(IRI.Meeting), gn),
             Quad(m, NamedNode(IRI.name), Literal("Bad"), gn),
             Quad(m, NamedNode(IRI.startDate), Literal("soon"), gn),
             Quad(m, NamedNode(IRI.meetingOf), NamedNode(entity_iri("meeting/broken-1")), gn)]
    with writing(path) as s:
        s.replace_graphs({g: quads})
    return path


def test_validate_counts_each_violation_once_and_in_slices_as_in_one_run(tmp_path: Path) -> None:
    from graphkit.validate import shacl_problems, shacl_problems_whole

    path = _store_with_bad_facts(tmp_path)
    with opened(path, read_only=True) as s:
        sliced = shacl_problems(s, chunk=2)
        whole = shacl_problems_whole(s)
    key = [(p["focus"], p["check"], p["message"]) for p in sliced]
    assert sorted(key) == sorted((p["focus"], p["check"], p["message"]) for p in whole)
    assert len(key) == len(set(key))
    bad_date = [p for p in sliced if p["focus"] == "meeting/bad-date" and "startDate" in p["message"]]
    assert len(bad_date) == 1, bad_date  # the nested sh:or results are not counted again
    assert [p for p in sliced if p["focus"] == "meeting/bad-date" and "meetingOf" in p["message"]]
    result = run("validate", "--store", str(path), "--format", "json")
    assert result.exit_code == 4
    assert "3 violations" in result.stderr or "violations" in result.stderr


def test_a_series_with_an_absurd_span_is_reported_not_enumerated(tmp_path: Path) -> None:
    from graphkit.store import Literal, NamedNode, Quad, writing
    from graphkit.terms import IRI
    from graphkit.validate import series_problems
    from graphkit.vocab import RDF_TYPE, XSD, entity_iri

    path = _store_with_bad_facts(tmp_path)
    g = NamedNode("https://w3id.org/asean-graphkit/graph/source/test-bad")
    body = NamedNode(entity_iri("body/test-body"))
    quads = []
    for n, ordinal in enumerate(("1", "100000000000000000000000")):
        m = NamedNode(entity_iri(f"meeting/span-{n}"))
        quads += [Quad(m, NamedNode(RDF_TYPE), NamedNode(IRI.Meeting), g), Quad(m, NamedNode(IRI.meetingOf), body, g),
                  Quad(m, NamedNode(IRI.startDate), Literal("2020"), g),
                  Quad(m, NamedNode(IRI.ordinal), Literal(ordinal, datatype=NamedNode(XSD + "integer")), g)]
    with writing(path) as s:
        s.replace_graphs({g.value: [*s.quads(g.value), *quads]})
    with opened(path, read_only=True) as s:
        problems = series_problems(s)
    assert [p for p in problems if "too wide a span" in p["message"]]


def test_sparql_finds_the_29th_and_28th_apsc_council_meetings(store: Path) -> None:
    query = """SELECT ?n ?meeting ?city ?date ?summit ?source WHERE {
      ?m gk:ordinal ?n ; gk:meetingOf ?b ; skos:prefLabel ?meeting ; schema:location/skos:prefLabel ?city ;
         schema:startDate ?date .
      ?b skos:prefLabel "ASEAN Political-Security Community Council" .
      GRAPH ?g { ?m schema:location ?place . ?g prov:hadPrimarySource ?source }
      OPTIONAL { ?m gk:heldInConjunctionWith/skos:prefLabel ?summit }
    }"""
    result = run("sparql", "--store", str(store), query, "--param", "n=29", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows and all(r["city"] == "Kuala Lumpur" for r in rows)
    assert any(r["summit"] == "46th ASEAN Summit" for r in rows)
    assert all(r["source"].startswith("http") for r in rows)
    rows = json.loads(run("sparql", "--store", str(store), query, "--param", "n=28", "--format", "json").stdout)
    assert rows and {r["city"] for r in rows} == {"Vientiane"}
    assert all(r["date"].startswith("2024") and r["source"].startswith("http") for r in rows)


def test_formats_and_exit_codes(store: Path, tmp_path: Path) -> None:
    csv_out = run("stats", "--store", str(store), "--format", "csv").stdout.splitlines()
    assert csv_out[0] == "kind,name,count"
    table = run("stats", "--store", str(store)).stdout.splitlines()
    assert table[0].split() == ["kind", "name", "count"]
    assert run("stats", "--store", str(store), "--format", "xml").exit_code == 2
    missing = run("stats", "--store", str(tmp_path / "nowhere"))
    assert missing.exit_code == 1 and "graphkit build" in missing.stderr
    bad = run("sparql", "--store", str(store), "SELECT ?x WHERE { ?x ")
    assert bad.exit_code == 1 and "SPARQL syntax error" in bad.stderr


def test_sparql_parameter_is_a_value_not_code(store: Path) -> None:
    before = dump(store)
    evil = '"} ; DROP ALL ; SELECT * WHERE {'
    result = run("sparql", "--store", str(store), "SELECT ?m ?name WHERE { ?m skos:prefLabel ?name }",
                 "--param", f"name={evil}", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []
    assert dump(store) == before


def test_every_command_has_help_with_an_example() -> None:
    from graphkit.cli import COMMANDS, _available

    for name, target in COMMANDS.items():
        if not _available(target):
            continue
        result = run(name, "--help")
        assert result.exit_code == 0, name
        assert "Example" in result.stdout, f"{name} --help has no example"


def test_the_store_is_a_facade() -> None:
    """pyoxigraph is imported only in the store layer, and nobody reaches into a Store's database."""
    import re

    root = Path(__file__).resolve().parent.parent
    allowed = {"graphkit/store.py", "graphkit/vocab.py", "graphkit/build.py"}
    offenders = []
    for path in sorted([*root.glob("graphkit/**/*.py"), *root.glob("ingest/**/*.py")]):
        rel = path.relative_to(root).as_posix()
        text = path.read_text(encoding="utf-8")
        if rel not in allowed and re.search(r"^\s*(import pyoxigraph|from pyoxigraph)", text, re.M):
            offenders.append(f"{rel}: imports pyoxigraph")
        if rel != "graphkit/store.py" and re.search(r"\b(store|s)\.(db|_db)\b", text):
            offenders.append(f"{rel}: uses the store's database directly")
    assert not offenders, offenders



def test_a_build_in_two_processes_leaves_what_one_process_leaves(store: Path, tmp_path: Path) -> None:
    """`--processes 2` (the default from graphkit.cli.derived.SIDE_FACTS facts) makes the saved
    gazetteer and the search index in a second process: the store, its derived copies and what
    the next commands answer are those of a one-process build, and none of them rebuilds anything."""
    from graphkit.engines.embedded import refresh
    from graphkit.search import index_state
    from ingest.pipeline import GAZETTEER_FILE, SourceGazetteer

    path = tmp_path / "two"
    result = run("build", "--store", str(path), "--processes", "2")
    assert result.exit_code == 0, result.output
    assert "search index rebuilt" in result.stderr and "name index ready" in result.stderr
    assert "warning" not in result.stderr
    assert dump(path) == dump(store)
    with opened(path, read_only=True) as s:
        saved = SourceGazetteer.load(path / GAZETTEER_FILE, s.fingerprint)
    with opened(store, read_only=True) as s:
        one = SourceGazetteer.load(store / GAZETTEER_FILE, s.fingerprint)
    assert isinstance(saved, SourceGazetteer) and isinstance(one, SourceGazetteer)
    assert saved.entities == one.entities and saved.meetings == one.meetings and saved.ends == one.ends
    assert index_state(path) is not None
    assert refresh(path).skipped   # the projection and the Cypher copy are current
    for args in (["search", "ASEAN Economic Community"], ["links", "ASEAN Summit"],
                 ["query", "member_states"], ["stats"]):
        a = run(*args, "--store", str(path), "--format", "json")
        b = run(*args, "--store", str(store), "--format", "json")
        assert a.exit_code == 0 and a.stdout == b.stdout, (args, a.output)
        assert "preparing" not in a.stderr and "rebuilt" not in a.stderr and "index" not in a.stderr, args
