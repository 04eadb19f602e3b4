"""Numbered meeting series (graphkit.validate.series_problems): duplicates, order contradictions, gaps.

Each test builds a store from a few records written here, so the series is exactly what the test says.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit.build import build
from graphkit.cli import cli
from graphkit.store import opened
from graphkit.validate import series_problems

HEADER = """
- id: body/council
  type: Body
  source: https://example.org/bodies
  name: Example Council
- id: body/forum
  type: Body
  source: https://example.org/bodies
  name: Example Forum
"""


def meeting(key: str, ordinal: int, date: str | None, body: str = "body/council") -> str:
    lines = [f"- id: meeting/{key}", "  type: Meeting", f"  source: https://example.org/{key}",
             f"  name: Meeting {key}", f"  meetingOf: {body}", f"  ordinal: {ordinal}"]
    if date:
        lines.append(f'  startDate: "{date}"')
    return "\n".join(lines) + "\n"


def problems(tmp_path: Path, *meetings: str) -> list[dict]:
    records = tmp_path / "records"
    records.mkdir()
    (records / "series.yaml").write_text(HEADER + "".join(meetings), encoding="utf-8")
    store = tmp_path / "store"
    build(store, [records], shipped=False)
    with opened(store, read_only=True) as s:
        return series_problems(s)


def checks(found: list[dict]) -> list[tuple[str, str, str]]:
    return sorted((p["severity"], p["check"], p["focus"]) for p in found)


def test_a_complete_series_has_no_problems(tmp_path: Path) -> None:
    assert problems(tmp_path, meeting("c-1", 1, "2023-05-09"), meeting("c-2", 2, "2023-09-04"),
                    meeting("c-3", 3, "2024-10-08")) == []


def test_a_gap_is_a_warning_naming_the_missing_numbers(tmp_path: Path) -> None:
    found = problems(tmp_path, meeting("c-27", 27, "2023-09-04"), meeting("c-29", 29, "2025-05-25"),
                     meeting("c-32", 32, "2026-10-01"))
    assert checks(found) == [("warning", "series-gap", "body/council")]
    assert found[0]["message"] == "body/council series 27-32 lacks no. 28, 30, 31"
    assert set(found[0]["sources"]) == {"https://example.org/c-27", "https://example.org/c-29",
                                        "https://example.org/c-32"}


def test_two_different_meetings_with_one_number_are_a_violation(tmp_path: Path) -> None:
    found = problems(tmp_path, meeting("c-28", 28, "2024-10-08"), meeting("c-29", 29, "2025-05-25"),
                     meeting("c-29-again", 29, "2025-05-26"))
    assert checks(found) == [("violation", "series-duplicate", "meeting/c-29")]
    assert "meeting/c-29, meeting/c-29-again" in found[0]["message"]
    assert "https://example.org/c-29-again" in found[0]["sources"]


def test_a_later_number_dated_earlier_is_a_violation(tmp_path: Path) -> None:
    found = problems(tmp_path, meeting("c-28", 28, "2024-10-08"), meeting("c-29", 29, "2023-05-25"))
    assert checks(found) == [("violation", "series-order", "meeting/c-29")]
    assert found[0]["message"] == "body/council no. 29 (2023-05-25) is dated before no. 28 (2024-10-08)"
    assert set(found[0]["sources"]) == {"https://example.org/c-28", "https://example.org/c-29"}


@pytest.mark.parametrize("earlier, later, contradiction", [
    ("2019", "2019-11-02", False),        # a year is not before a day in it
    ("2018-04", "2018-04-28", False),     # nor a month
    ("2019-12", "2019-11-02", True),      # but December is after November
    ("2020", "2019-06-22", True),
    ("2019-11-02", "2019-11-02", False),  # the same day
])
def test_partial_dates_keep_their_precision(tmp_path: Path, earlier: str, later: str, contradiction: bool) -> None:
    found = problems(tmp_path, meeting("c-19", 19, earlier), meeting("c-20", 20, later))
    assert bool(found) == contradiction


def test_undated_meetings_are_left_out_of_the_order_check(tmp_path: Path) -> None:
    found = problems(tmp_path, meeting("c-1", 1, "2024-01-01"), meeting("c-2", 2, None),
                     meeting("c-3", 3, "2023-01-01"))
    # c-3 is dated before c-1, two numbers earlier: the undated c-2 between them does not hide that
    assert ("violation", "series-order", "meeting/c-3") in checks(found)


def test_series_are_per_body(tmp_path: Path) -> None:
    found = problems(tmp_path, meeting("c-1", 1, "2024-01-01"), meeting("f-1", 1, "2020-01-01", "body/forum"),
                     meeting("c-2", 2, "2024-06-01"), meeting("f-3", 3, "2021-01-01", "body/forum"))
    assert checks(found) == [("warning", "series-gap", "body/forum")]


def test_validate_reports_series_problems_and_exits_4_on_a_violation(tmp_path: Path) -> None:
    records = tmp_path / "records"
    records.mkdir()
    (records / "series.yaml").write_text(HEADER + meeting("c-28", 28, "2024-10-08")
                                         + meeting("c-29", 29, "2023-05-25"), encoding="utf-8")
    store = tmp_path / "store"
    runner = CliRunner()
    built = runner.invoke(cli, ["build", "--store", str(store), "--records", str(records), "--no-shipped"])
    assert built.exit_code == 0
    result = runner.invoke(cli, ["validate", "--store", str(store), "--format", "json"])
    assert result.exit_code == 4
    rows = json.loads(result.stdout)
    assert any(r["check"] == "series-order" and r["focus"] == "meeting/c-29" for r in rows)


def test_the_shipped_series_have_gaps_but_no_contradictions(tmp_path_factory: pytest.TempPathFactory) -> None:
    store = tmp_path_factory.mktemp("shipped") / "store"
    build(store)
    with opened(store, read_only=True) as s:
        found = series_problems(s)
    assert not [p for p in found if p["severity"] == "violation"]
    gaps = {p["focus"]: p["message"] for p in found if p["check"] == "series-gap"}
    # The gap message names exactly the ordinals missing between the first and last APSC Council
    # meetings the records hold (whatever the records hold today).
    with opened(store, read_only=True) as s:
        _, rows = s.select("SELECT DISTINCT ?n ?body WHERE { ?m gk:meetingOf ?body ; gk:ordinal ?n }",
                           {"body": "id:body/apsc-council"})
    held = {int(r["n"]) for r in rows}
    missing = [n for n in range(min(held), max(held)) if n not in held]
    assert missing, "the shipped APSC Council series has no gap to check"
    assert ", ".join(map(str, missing)) in gaps["body/apsc-council"]


def test_a_news_report_that_misdates_a_meeting_is_a_disagreement_not_a_broken_series(tmp_path: Path) -> None:
    """Sources disagree on the 45th meeting's day: the records say 10 October, a report ingested
    says 6 October, before the 44th. The graph keeps the curated day, so the series is in order:
    validate warns that the sources disagree and exits 0 (it used to order by the report's day and
    fail the store with a series-order violation)."""
    records = tmp_path / "records"
    records.mkdir()
    (records / "series.yaml").write_text(HEADER + meeting("c-44", 44, "2024-10-09") + meeting("c-45", 45, "2024-10-10"),
                                         encoding="utf-8")
    report = tmp_path / "report.txt"
    report.write_text("VIENTIANE, 7 October 2024 - The 45th Example Council Meeting was held on 6 October 2024 "
                      "in Vientiane.\n", encoding="utf-8")
    store = tmp_path / "store"
    runner = CliRunner()
    built = runner.invoke(cli, ["build", "-q", "--store", str(store), "--records", str(records), "--no-shipped"])
    assert built.exit_code == 0
    assert runner.invoke(cli, ["ingest", "-q", str(report), "--store", str(store)]).exit_code == 0
    result = runner.invoke(cli, ["validate", "--store", str(store), "--format", "json"])
    rows = json.loads(result.stdout)
    assert [(r["severity"], r["check"], r["focus"]) for r in rows] == [("warning", "sources-disagree", "meeting/c-45")]
    assert "2024-10-06 (extracted: document/report)" in rows[0]["message"]
    assert result.exit_code == 0
