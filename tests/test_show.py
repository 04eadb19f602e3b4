"""`graphkit show`: one page about any entity, with relations both ways, speakers and evidence."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from graphkit.cli import cli


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def page(store: Path, name: str) -> dict:
    result = run("show", name, "--store", store, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_the_29th_apsc_council_page(seeded_store: Path) -> None:
    p = page(seeded_store, "meeting/apsc-council-29")
    assert p["name"] == "29th ASEAN Political-Security Community Council Meeting" and p["kind"] == "Meeting"
    out = {(x["relationship"], x["key"]) for x in p["links"] if x["direction"] == "out"}
    assert ("REVIEWS", "document/apsc-blueprint-2025") in out
    assert ("IN_CONJUNCTION_WITH", "meeting/asean-summit-46") in out
    assert ("LOCATION", "place/kuala-lumpur") in out
    assert {k for r, k in out if r == "ADDRESSES"} >= {"topic/cybercrime", "topic/trafficking-in-persons"}
    assert "person/mohamad-hasan" in {s["key"] for s in p["speakers"]}
    assert any(o["relationship"] == "DELIVERED_AT" for o in p["outcomes"])
    quotes = " ".join(e["quote"] for e in p["evidence"])
    assert "scam centres" in quotes and all(e["document"] == "document/apsc29-opening-remarks" for e in p["evidence"])
    # each fact's ends by their names, not their ids (read entity by entity since round six)
    assert {(e["subject"], e["object"]) for e in p["evidence"]} >= {(p["name"], "scam centres")}
    assert not [e for e in p["evidence"] if "/" in e["subject"]]
    assert all(link["sources"] for link in p["links"])
    assert {"date": "2025-05-25", "name": p["name"], "kind": "Meeting", "key": p["key"],
            "relationship": ""} in p["timeline"]


def test_relations_in_both_directions(built_store: Path) -> None:
    p = page(built_store, "APSC Council")
    assert p["key"] == "body/apsc-council"
    meetings = {x["key"] for x in p["links"] if x["relationship"] == "MEETING_OF" and x["direction"] == "in"}
    assert {"meeting/apsc-council-28", "meeting/apsc-council-29"} <= meetings


def test_the_page_in_a_terminal_and_in_markdown(seeded_store: Path) -> None:
    text = run("show", "meeting/apsc-council-29", "--store", seeded_store)
    assert text.exit_code == 0
    for heading in ("Who spoke", "Relations", "Timeline", "Evidence sentences", "Sources"):
        assert heading in text.stdout
    assert "Mohamad Hasan" in text.stdout and "46th ASEAN Summit" in text.stdout
    md = run("show", "meeting/apsc-council-29", "--store", seeded_store, "--format", "markdown")
    assert md.stdout.startswith("# 29th ASEAN Political-Security Community Council Meeting")
    assert "## Relations" in md.stdout


def test_partial_dates_as_given(built_store: Path) -> None:
    p = page(built_store, "meeting/apsc-council-17")
    facts = {f["property"]: f["value"] for f in p["facts"]}
    assert facts["startDate"] == "2018-04"


def test_unknown_and_ambiguous_names_exit_3(built_store: Path) -> None:
    none = run("show", "Zzyzx Qwerty", "--store", built_store)
    assert none.exit_code == 3 and "did you mean" in none.stderr
    several = run("show", "council", "--store", built_store, "--format", "json")
    assert several.exit_code == 3 and len(json.loads(several.stdout)) >= 2
