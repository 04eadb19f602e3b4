"""graphkit diff and graphkit release: what changed, with sources; bundles that rebuild byte for byte."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit.cli import cli
from graphkit.diff import diff, diff_bytes, naive_diff, read_nquads
from graphkit.terms import P

ROOT = Path(__file__).resolve().parent.parent
RECORDS = ROOT / "tests" / "fixtures" / "model" / "records.yaml"
EXTRA_MEETING = """
- id: meeting/test-council-3
  type: Meeting
  source: https://example.org/model/meetings
  name: 3rd Test Council Meeting
  meetingOf: body/test-council
  ordinal: 3
  startDate: 2023-09-05
  location: city/alpha
"""


def _build(tmp: Path, name: str, text: str) -> Path:
    (tmp / f"{name}-records").mkdir()
    records = tmp / f"{name}-records" / "records.yaml"   # the file name is a fact (gk:recordFile)
    records.write_text(text, encoding="utf-8")
    store = tmp / name
    result = CliRunner().invoke(cli, ["build", "--store", str(store), "--no-shipped", "--records", str(records), "-q"])
    assert result.exit_code == 0, result.output
    return store


def _release(store: Path, out: Path, *extra: str) -> CliRunner:
    result = CliRunner().invoke(cli, ["release", str(out), "--store", str(store), "--version", "2026.12",
                                      "--date", "2026-12-01", *extra])
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """The fixture records, the same records again (a second build), and them plus one meeting."""
    tmp = tmp_path_factory.mktemp("release")
    base = RECORDS.read_text(encoding="utf-8")
    return _build(tmp, "a", base), _build(tmp, "a2", base), _build(tmp, "b", base + EXTRA_MEETING)


def test_the_same_release_built_twice_has_identical_bytes(stores: tuple[Path, Path, Path], tmp_path: Path) -> None:
    a, a2, _ = stores
    _release(a, tmp_path / "one")
    _release(a2, tmp_path / "two")
    files = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*") if p.is_file())
    assert {"manifest.json", "graph.nq", "graph.gexf", "graph.graphml", "context.jsonld", "CHANGELOG.md"} <= {
        str(f) for f in files}
    assert any(str(f).startswith("neo4j-csv/") for f in files)
    for f in files:
        assert (tmp_path / "one" / f).read_bytes() == (tmp_path / "two" / f).read_bytes(), f
    manifest = json.loads((tmp_path / "one" / "manifest.json").read_text())
    import hashlib

    for entry in manifest["files"]:
        data = (tmp_path / "one" / entry["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"] and len(data) == entry["bytes"]
    assert manifest["ontology_version"] and manifest["counts"]["facts"] == len(read_nquads(a).splitlines())
    assert manifest["date"] == "2026-12-01" and 'lastmodifieddate="2026-12-01"' in (
        tmp_path / "one" / "graph.gexf").read_text()


def test_release_gexf_is_schema_valid(stores: tuple[Path, Path, Path], tmp_path: Path) -> None:
    from lxml import etree

    _release(stores[0], tmp_path / "r")
    schema = etree.XMLSchema(etree.parse(str(ROOT / "tests" / "fixtures" / "gexf-1.3" / "gexf.xsd")))
    doc = etree.parse(str(tmp_path / "r" / "graph.gexf"))
    assert schema.validate(doc), schema.error_log


def test_diff_of_two_releases_is_exactly_the_added_meeting(stores: tuple[Path, Path, Path], tmp_path: Path) -> None:
    a, _, b = stores
    _release(a, tmp_path / "r1")
    result = CliRunner().invoke(cli, ["release", str(tmp_path / "r2"), "--store", str(b), "--version", "2027.01",
                                      "--date", "2027-01-01", "--previous", str(tmp_path / "r1")])
    assert result.exit_code == 0, result.output
    d = diff(tmp_path / "r1", tmp_path / "r2")
    assert d.counts() == {"added": 6, "removed": 0, "changed": 0}
    assert {c.entity for c in d.changes} == {"meeting/test-council-3"}
    assert {c.source for c in d.changes} == {"https://example.org/model/meetings"}
    assert {c.property for c in d.changes} == {"type", P.name, P.meetingOf, P.ordinal, P.startDate, P.location}
    log = (tmp_path / "r2" / "CHANGELOG.md").read_text()
    assert "3rd Test Council Meeting (`meeting/test-council-3`)" in log and "6 added, 0 removed, 0 changed" in log
    cli_json = CliRunner().invoke(cli, ["diff", str(tmp_path / "r1"), str(tmp_path / "r2"), "--format", "json"])
    assert cli_json.exit_code == 0, cli_json.output
    rows = json.loads(cli_json.stdout)
    assert len(rows) == 6 and all(r["entity"] == "meeting/test-council-3" for r in rows)
    assert "6 added" in cli_json.stderr


def test_a_moved_date_is_one_changed_row_with_its_source(stores: tuple[Path, Path, Path], tmp_path: Path) -> None:
    a = stores[0]
    moved = RECORDS.read_text(encoding="utf-8").replace("startDate: 2016-04-25", "startDate: 2016-04-27")
    b = _build(tmp_path, "moved", moved)
    d = diff(a, b)
    assert [(c.change, c.entity, c.property, c.old, c.new, c.source) for c in d.changes] == [
        ("changed", "meeting/test-council-1", P.startDate, "2016-04-25", "2016-04-27",
         "https://example.org/model/meetings")]
    by_source = CliRunner().invoke(cli, ["diff", str(a), str(b), "--by", "source", "--changelog"])
    assert by_source.exit_code == 0
    assert "changed **startDate**: 2016-04-25 → 2016-04-27 — https://example.org/model/meetings" in by_source.stdout


def test_a_qualifier_change_names_the_fact_it_qualifies(stores: tuple[Path, Path, Path], tmp_path: Path) -> None:
    moved = RECORDS.read_text(encoding="utf-8").replace("    startDate: 2016-06-01", "    startDate: 2016-07-01")
    d = diff(stores[0], _build(tmp_path, "later", moved))
    assert {(c.entity, c.property) for c in d.changes} == {("person/second-minister", "holds.startDate")}


def test_identical_inputs_diff_to_nothing_and_the_fast_path_agrees_with_the_naive_one(
        stores: tuple[Path, Path, Path]) -> None:
    a, a2, b = stores
    assert diff(a, a2).changes == []
    da, db = read_nquads(a), read_nquads(b)
    fast = diff_bytes(da, db)
    assert naive_diff(da, db) == (fast.facts_b - fast.facts_a, 0)


def test_bad_release_and_diff_input_is_one_line(stores: tuple[Path, Path, Path], tmp_path: Path) -> None:
    a = stores[0]
    (tmp_path / "taken").mkdir()
    for args in (["release", str(tmp_path / "taken"), "--store", str(a), "--version", "1"],
                 ["release", str(tmp_path / "x"), "--store", str(a), "--version", "1 0"],
                 ["release", str(tmp_path / "y"), "--store", str(a), "--version", "1", "--date", "soon"],
                 ["diff", str(a), str(tmp_path / "taken")]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 1, (args, result.output)
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert not (tmp_path / "x").exists() and not (tmp_path / "y").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no partial bundle left behind
