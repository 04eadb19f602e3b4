"""Coverage report: ordinals present and gaps per meeting series, counts per family.

Checked against a small records fixture written here (example.org sources), never against the
numbers of the shipped data, which grow as records are added.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit.cli import cli
from graphkit.coverage import SeriesCoverage, coverage, coverage_rows, ranges
from graphkit.store import opened

RECORDS = """
- id: state/alpha
  type: MemberState
  source: https://example.org/states
  name: Alpha
- id: place/alpha-city
  type: City
  source: https://example.org/places
  name: Alpha City
- id: body/alpha-council
  type: Body
  source: https://example.org/bodies
  name: Alpha Council
- id: body/beta-council
  type: Body
  source: https://example.org/bodies
  name: Beta Council
- id: post/alpha-minister
  type: Post
  source: https://example.org/posts
  name: Minister of Alpha
  postIn: state/alpha
- id: person/ann
  type: Person
  source: https://example.org/people
  name: Ann
  holds:
    value: post/alpha-minister
    startDate: 2016-01-01
    endDate: 2018-05
    source: https://example.org/people
- id: person/bob
  type: Person
  source: https://example.org/people
  name: Bob
  holds:
    value: post/alpha-minister
    source: https://example.org/people
- id: meeting/alpha-1
  type: Meeting
  source: https://example.org/meetings
  name: 1st Alpha Council
  meetingOf: body/alpha-council
  ordinal: 1
  startDate: 2016-02-01
  location: place/alpha-city
  chairedBy: person/ann
- id: meeting/alpha-2
  type: Meeting
  source: https://example.org/meetings
  name: 2nd Alpha Council
  meetingOf: body/alpha-council
  ordinal: 2
  startDate: 2016-08
  location: place/alpha-city
- id: meeting/alpha-4
  type: Meeting
  source: https://example.org/meetings
  name: 4th Alpha Council
  meetingOf: body/alpha-council
  ordinal: 4
  location: place/alpha-city
- id: meeting/alpha-7
  type: Meeting
  source: https://example.org/meetings
  name: 7th Alpha Council
  meetingOf: body/alpha-council
  ordinal: 7
  startDate: 2019
- id: meeting/alpha-special
  type: Meeting
  source: https://example.org/meetings
  name: Special Alpha Council
  meetingOf: body/alpha-council
  startDate: 2017-03-03
- id: document/alpha-declaration
  type: Declaration
  source: https://example.org/documents
  name: Alpha Declaration
  adoptedOn: 2016-02-01
- id: document/alpha-blueprint
  type: Blueprint
  source: https://example.org/documents
  name: Alpha Blueprint
"""


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("coverage")
    (root / "records").mkdir()
    (root / "records" / "fixture.yaml").write_text(RECORDS, encoding="utf-8")
    path = root / "store"
    result = run("build", "--store", str(path), "--records", str(root / "records"), "--no-shipped", "--quiet")
    assert result.exit_code == 0, result.output
    return path


def series(path: Path, scope: dict[str, tuple[int, int] | None]) -> dict[str, SeriesCoverage]:
    with opened(path, read_only=True) as s:
        return {c.body: c for c in coverage(s, scope).series}


def test_ranges() -> None:
    assert ranges([]) == "-"
    assert ranges([7, 1, 2, 3, 5, 8, 2]) == "1-3, 5, 7-8"


def test_gaps_between_first_and_last_ordinal(store: Path) -> None:
    got = series(store, {})
    alpha = got["body/alpha-council"]
    assert alpha.present == (1, 2, 4, 7)
    assert alpha.gaps == (3, 5, 6)
    assert alpha.unnumbered == 1
    assert alpha.without_date == (4,)
    assert alpha.without_city == (7,)
    assert alpha.without_chair == (2, 4, 7)
    assert "body/beta-council" not in got  # no meetings and not in scope


def test_scope_names_gaps_outside_the_present_range(store: Path) -> None:
    got = series(store, {"body/alpha-council": (0, 5), "body/beta-council": (1, 2)})
    assert got["body/alpha-council"].present == (1, 2, 4, 7)   # 7 is outside the scope: present, never a gap
    assert got["body/alpha-council"].gaps == (0, 3, 5)
    assert got["body/beta-council"].present == ()
    assert got["body/beta-council"].gaps == (1, 2)


def test_family_counts(store: Path) -> None:
    with opened(store, read_only=True) as s:
        families = {f.family: f for f in coverage(s, {}).families}
    assert (families["meetings"].count, families["meetings"].dated) == (5, 4)
    assert (families["people"].count, families["posts"].count) == (2, 1)
    holdings = families["post-holdings"]
    assert (holdings.count, holdings.dated, holdings.note) == (2, 1, "1 with an end date")
    assert (families["documents"].count, families["documents"].dated) == (2, 1)
    assert (families["documents: Declaration"].count, families["documents: Declaration"].dated) == (1, 1)
    assert (families["documents: Blueprint"].count, families["documents: Blueprint"].dated) == (1, 0)


def test_cli_lists_series_and_families(store: Path) -> None:
    result = run("stats", "--store", str(store), "--coverage", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = {(r["kind"], r["name"]): r for r in json.loads(result.stdout)}
    alpha = rows[("series", "body/alpha-council")]
    assert (alpha["count"], alpha["present"], alpha["gaps"], alpha["without date"]) == (5, "1-2, 4, 7", "3, 5-6", "4")
    # a body outside the default scope is listed only when it has meetings; scoped bodies absent from
    # the store (these records have no body/admm) are not invented
    assert ("series", "body/beta-council") not in rows
    assert ("series", "body/admm") not in rows
    assert rows[("family", "post-holdings")]["dated"] == 1
    with opened(store, read_only=True) as s:
        assert len(coverage_rows(coverage(s))) == len(rows)


def test_cli_missing_store_is_a_one_line_error(tmp_path: Path) -> None:
    result = run("stats", "--store", str(tmp_path / "nowhere"), "--coverage")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "nowhere" in result.output
