"""Cypher for analysts on the embedded engine: saved queries, ad-hoc queries, links, safety."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit.cli import cli
from graphkit.queries import load_catalogue
from graphkit.store import opened


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("query") / "store"
    assert run("build", "--store", str(path)).exit_code == 0
    return str(path)


def test_queries_lists_at_least_a_dozen_with_descriptions() -> None:
    rows = json.loads(run("queries", "--format", "json").stdout)
    cypher = [r for r in rows if r["language"] == "cypher"]
    assert len(cypher) >= 12
    assert all(r["description"] for r in rows)


@pytest.mark.parametrize("name", sorted(n for n, q in load_catalogue().items() if q.language == "cypher"))
def test_every_saved_query_returns_rows_with_its_example_parameters(store: str, name: str) -> None:
    q = load_catalogue()[name]
    args = ["query", name, "--store", store, "--format", "json"]
    for k, v in q.example_params().items():
        args += ["--param", f"{k}={v}"]
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout), f"{name} returned no rows"


def test_apsc_council_meetings_in_order_with_dates_and_cities(store: str) -> None:
    rows = json.loads(run("query", "meetings_of_body", "--param", "body=body/apsc-council",
                          "--store", store, "--format", "json").stdout)
    ordinals = [r["ordinal"] for r in rows]
    assert ordinals == sorted(ordinals)
    by_n = {r["ordinal"]: r for r in rows}
    for n in range(26, 31):
        assert by_n[n]["startDate"] and by_n[n]["city"], by_n.get(n)
    assert by_n[28]["city"] == "Vientiane" and by_n[29]["city"] == "Kuala Lumpur"


def test_links_resolves_an_acronym_and_lists_meetings(store: str) -> None:
    result = run("links", "APSC", "--store", store, "--format", "json")
    assert result.exit_code == 0
    assert "ASEAN Political-Security Community Council" in result.stderr
    rows = json.loads(result.stdout)
    meetings = {r["key"] for r in rows if r["relationship"] == "MEETING_OF" and r["direction"] == "in"}
    assert {"meeting/apsc-council-28", "meeting/apsc-council-29"} <= meetings
    assert all(r["sources"] for r in rows)


def test_links_forgives_a_misspelling(store: str) -> None:
    result = run("links", "Mohamad Hassan", "--store", store, "--format", "json")
    assert result.exit_code == 0 and "Mohamad Hasan" in result.stderr
    assert run("links", "Political-Security Community Council", "--store", store).exit_code == 0


def test_links_nothing_found_exits_3_with_suggestions(store: str) -> None:
    result = run("links", "Zzyzx Qwerty Council", "--store", store)
    assert result.exit_code == 3
    assert "did you mean" in result.stderr


def test_links_depth_two_reaches_further(store: str) -> None:
    one = json.loads(run("links", "body/apsc-council", "--store", store, "--format", "json").stdout)
    two = json.loads(run("links", "body/apsc-council", "--depth", "2", "--store", store, "--format", "json").stdout)
    assert len(two) > len(one) and {r["depth"] for r in two} == {1, 2}


def test_write_clause_is_refused(store: str) -> None:
    result = run("query", "-e", "MATCH (n:Meeting) DETACH DELETE n", "--store", store)
    assert result.exit_code == 1 and "refused" in result.stderr
    assert run("query", "-e", "MATCH (n:Meeting) RETURN count(n) AS n", "--store", store).exit_code == 0


def test_a_hostile_parameter_is_just_a_string(store: str) -> None:
    with opened(Path(store), read_only=True) as s:
        before = len(s)
    hostile = "x' }) DETACH DELETE n //"
    result = run("query", "meetings_of_body", "--param", f"body={hostile}", "--store", store, "--format", "json")
    assert result.exit_code == 3 and "not found" in result.stderr  # names nothing: not pasted, not run
    result = run("query", "-e", "MATCH (b:Body) WHERE b.name = $b RETURN b.name AS name", "--param", f"b={hostile}",
                 "--store", store, "--format", "json")
    assert result.exit_code == 3 and json.loads(result.stdout) == []
    count = run("query", "-e", "MATCH (m:Meeting) RETURN count(m) AS n", "--store", store, "--format", "json")
    assert json.loads(count.stdout)[0]["n"] >= 30
    with opened(Path(store), read_only=True) as s:
        assert len(s) == before


def test_ad_hoc_query_from_file_and_text(store: str, tmp_path: Path) -> None:
    f = tmp_path / "q.cypher"
    f.write_text("MATCH (c:Chairmanship) WHERE c.year = $y RETURN c.theme AS theme")
    rows = json.loads(run("query", "-f", str(f), "--param", "y=2025", "--store", store, "--format", "json").stdout)
    assert len(rows) == 1 and rows[0]["theme"]


def test_embedded_copy_follows_the_store(store: str, tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text("- id: place/test-city\n  type: City\n  source: https://example.org/t\n  name: Testopolis\n")
    path = tmp_path / "s"
    assert run("build", "--store", str(path)).exit_code == 0
    q = ["query", "-e", "MATCH (c:City) WHERE c.name = 'Testopolis' RETURN count(c) AS n", "--store", str(path),
         "--format", "json"]
    assert json.loads(run(*q).stdout)[0]["n"] == 0
    assert run("build", "--store", str(path), "--records", str(extra)).exit_code == 0
    assert json.loads(run(*q).stdout)[0]["n"] == 1


# --- names everywhere, honest exits (issue 14) -------------------------------------------------

def test_an_acronym_names_the_body_of_a_saved_query(store: str) -> None:
    result = run("query", "meetings_of_body", "--param", "body=APSC", "--store", store, "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {28, 29} <= {r["ordinal"] for r in rows}
    assert all("Political-Security" in r["meeting"] for r in rows)


def test_names_are_case_insensitive(store: str) -> None:
    lower = run("query", "topic_meetings", "--param", "topic=TRAFFICKING IN PERSONS", "--store", store,
                "--format", "json")
    exact = run("query", "topic_meetings", "--param", "topic=trafficking in persons", "--store", store,
                "--format", "json")
    assert lower.exit_code == 0 and json.loads(lower.stdout) == json.loads(exact.stdout) != []


def test_an_unknown_parameter_is_a_usage_error_naming_the_ones_it_takes(store: str) -> None:
    result = run("query", "meetings_of_body", "--param", "bdy=APSC", "--store", store)
    assert result.exit_code == 2
    assert "bdy" in result.stderr and "body=" in result.stderr
    assert result.stdout == ""


def test_a_missing_parameter_is_a_usage_error_unless_examples_are_asked_for(store: str) -> None:
    result = run("query", "meetings_of_body", "--store", store)
    assert result.exit_code == 2 and "body" in result.stderr
    result = run("query", "meetings_of_body", "--examples", "--store", store, "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout)


def test_an_adhoc_query_needs_every_parameter_it_uses(store: str) -> None:
    result = run("query", "-e", "MATCH (m:Meeting) WHERE m.ordinal = $n RETURN m.name AS name", "--store", store)
    assert result.exit_code == 2 and "$n" in result.stderr
    result = run("query", "-e", "MATCH (m:Meeting) RETURN m.name AS name LIMIT 1", "-p", "n=1", "--store", store)
    assert result.exit_code == 2 and "does not use n" in result.stderr


def test_no_rows_exits_3_with_a_message(store: str) -> None:
    result = run("query", "-e", "MATCH (m:Meeting) WHERE m.ordinal = -1 RETURN m.name AS name", "--store", store)
    assert result.exit_code == 3 and "no rows" in result.stderr and result.stdout == ""


def test_an_ambiguous_name_lists_candidates_in_the_format_asked_and_exits_3(store: str) -> None:
    result = run("query", "meetings_of_body", "--param", "body=council", "--store", store, "--format", "json")
    assert result.exit_code == 3
    rows = json.loads(result.stdout)
    assert len(rows) >= 2 and all({"score", "name", "kind", "key"} <= set(r) for r in rows)
    assert all(r["kind"] == "Body" for r in rows)


def test_partial_dates_print_as_given(store: str) -> None:
    rows = json.loads(run("query", "meetings_of_body", "--param", "body=APSC", "--store", store,
                          "--format", "json").stdout)
    partial = [r for r in rows if r["datePrecision"] in ("month", "year")]
    assert partial, "the seed has APSC Council meetings dated only to the month or year"
    for r in partial:
        assert len(r["startDate"]) == (7 if r["datePrecision"] == "month" else 4), r


def test_tables_keep_every_character(store: str, tmp_path: Path) -> None:
    out = tmp_path / "t.txt"
    args = ["query", "topic_meetings", "--param", "topic=trafficking in persons", "--store", store]
    assert run(*args, "-o", str(out)).exit_code == 0
    rows = json.loads(run(*args, "--format", "json").stdout)
    longest = max((s for r in rows for s in r["sources"]), key=len)
    assert len(longest) > 60 and longest in out.read_text()
    narrow = run(*args, "--max-width", "60")
    assert narrow.exit_code == 0
    assert all(len(line) <= 60 for line in narrow.stdout.splitlines())
    lines = narrow.stdout.splitlines()
    last = lines[0].index("sources")  # the last column: its wrapped pieces, read down, give the whole cell
    assert longest in "".join(line[last:] for line in lines[2:])


def test_markdown_tables_for_briefs(store: str) -> None:
    result = run("query", "meetings_of_body", "--param", "body=APSC", "--store", store, "--format", "markdown")
    lines = result.stdout.splitlines()
    assert result.exit_code == 0 and lines[0].startswith("| ordinal |") and lines[1].startswith("|---")
    assert all(line.startswith("|") and line.endswith("|") for line in lines)


def test_a_failed_query_leaves_the_output_file_as_it_was(store: str, tmp_path: Path) -> None:
    out = tmp_path / "keep.csv"
    out.write_text("before\n")
    result = run("query", "-e", "MATCH (m:Meeting) WHERE m.ordinal = -1 RETURN m.name AS name", "--store", store,
                 "--format", "csv", "-o", str(out))
    assert result.exit_code == 3 and out.read_text() == "before\n"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.csv"]
    folder = run("query", "meetings_of_body", "-p", "body=APSC", "--store", store, "-o", str(tmp_path))
    assert folder.exit_code == 1 and "is a folder" in folder.stderr and len(folder.stderr.strip().splitlines()) == 1
