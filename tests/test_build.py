"""The foundation as a user meets it: build, validate, stats, sparql, formats and exit codes."""

from __future__ import annotations

import json
import shutil
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
    assert run("build", "--no-shipped", "--records", str(FIXTURES / "records-broken"), "--store", str(path)).exit_code == 0
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
        import pyoxigraph as ox

        assert not list(s.db.quads_for_pattern(None, None, None, ox.DefaultGraph()))
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
