"""Entity resolution: xref candidates, decisions that merge on the next build (and split when
removed), Cypher and Neo4j counts that follow, and conflicts between sources reported by validate."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from graphkit.cli import cli
from graphkit.engines import open_engine
from graphkit.errors import InvalidDataError
from graphkit.store import opened
from graphkit.xref import canonical_ids, parse_decisions, record_decision

FIXTURES = Path(__file__).parent / "fixtures"
BASE = FIXTURES / "records-ingest"
SEEDED = FIXTURES / "xref" / "seeded.yaml"
SOURCE = "https://example.org/decision"
KHALED = ("person/khaled-nordin", "person/mohamed-khaled-nordin")


def run(*args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def build(records: Path, store: Path) -> None:
    result = run("build", "--no-shipped", "--records", BASE, "--records", records, "--store", store, "--quiet")
    assert result.exit_code == 0, result.output


def cypher(store: Path, query: str, **params: Any) -> list[dict[str, Any]]:
    engine = open_engine("embedded", store)
    try:
        return engine.run(query, params)[1]
    finally:
        engine.close()


def persons(store: Path) -> int:
    return int(cypher(store, "MATCH (p:Person) RETURN count(p) AS n")[0]["n"])


@pytest.fixture
def seeded(tmp_path: Path) -> tuple[Path, Path]:
    """A records folder holding the seeded duplicates, and a store built from it."""
    records = tmp_path / "my-records"
    records.mkdir()
    shutil.copy(SEEDED, records / "seeded.yaml")
    store = tmp_path / "store"
    build(records, store)
    return records, store


def test_xref_lists_the_seeded_duplicates_with_evidence_for_each_side(seeded: tuple[Path, Path]) -> None:
    records, store = seeded
    result = run("xref", "--store", store, "--records", records, "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    pairs = {(r["left"], r["right"]): r for r in rows}
    assert set(pairs) >= {KHALED, ("person/sihasak-phuangketkeow", "person/sihasak-puangketkeow"),
                          ("meeting/amm-58", "meeting/asean-foreign-ministers-meeting-58")}
    khaled = pairs[KHALED]
    assert khaled["score"] >= 90 and "given/family-name variant" in khaled["evidence"]
    assert "both hold post/malaysia-defence-minister" in khaled["evidence"]
    assert khaled["left_sources"] == ["https://example.org/wire/one"]
    assert khaled["right_sources"] == ["https://example.org/wire/two"]
    meeting = pairs[("meeting/amm-58", "meeting/asean-foreign-ministers-meeting-58")]
    assert "meeting number 58 of body/amm" in meeting["evidence"]
    # an ordinary pair of different people is not a candidate
    assert not any({r["left"], r["right"]} == {"person/mohamad-hasan", "person/anwar-ibrahim"} for r in rows)
    assert run("xref", "--store", store, "--min-score", "100").exit_code == 3  # nothing that sure: exit 3


def test_a_decision_merges_on_the_next_build_and_removing_it_splits_them(seeded: tuple[Path, Path]) -> None:
    records, store = seeded
    before = persons(store)
    decided = run("xref", "--store", store, "--records", records, "--same", "Khaled Nordin", KHALED[1],
                  "--source", SOURCE, "--note", "one minister", "--format", "json")
    assert decided.exit_code == 0, decided.output
    assert json.loads(decided.stdout)[0]["left"] == KHALED[0]  # the name resolved through the lookup
    assert parse_decisions((records / "decisions.xref").read_text(encoding="utf-8"))[0].verdict == "same"
    assert persons(store) == before  # recorded, not applied until the next build

    build(records, store)
    assert persons(store) == before - 1
    holders = cypher(store, "MATCH (p:Person)-[h:HOLDS]->(:Post {key: $post}) RETURN p.key AS key, h.sources AS s",
                     post="post/malaysia-defence-minister")
    assert len(holders) == 1 and holders[0]["key"] == KHALED[0]
    assert sorted(holders[0]["s"]) == ["https://example.org/wire/one", "https://example.org/wire/two"]
    for name in ("Khaled Nordin", "Mohamed Khaled Nordin"):
        found = run("links", name, "--store", store, "--format", "json")
        assert found.exit_code == 0 and KHALED[0] in found.stderr
    explained = json.loads(run("explain", "Mohamed Khaled Nordin", "--relation", "name", "--store", store,
                               "--format", "json").stdout)
    assert {(r["subject"], r["object"], r["source"]) for r in explained} == {
        (KHALED[0], "Khaled Nordin", "https://example.org/wire/one"),
        (KHALED[1], "Mohamed Khaled Nordin", "https://example.org/wire/two")}
    by_member_id = run("explain", KHALED[1], "--relation", "name", "--store", store, "--format", "json")
    assert by_member_id.exit_code == 0 and len(json.loads(by_member_id.stdout)) == 2  # a merged id still resolves
    listed = json.loads(run("xref", "--store", store, "--records", records, "--format", "json").stdout)
    assert KHALED not in {(r["left"], r["right"]) for r in listed}
    with opened(store, read_only=True) as s:
        assert set(canonical_ids(s)) == {"https://w3id.org/asean-graphkit/id/" + k for k in KHALED}

    forgot = run("xref", "--store", store, "--records", records, "--forget", *KHALED)
    assert forgot.exit_code == 0, forgot.output
    build(records, store)
    assert persons(store) == before
    assert run("xref", "--store", store, "--records", records, "--forget", *KHALED).exit_code == 3


def test_different_and_unsure_decisions_only_stop_the_listing(seeded: tuple[Path, Path]) -> None:
    records, store = seeded
    before = persons(store)
    pair = ("person/sihasak-phuangketkeow", "person/sihasak-puangketkeow")
    assert run("xref", "--store", store, "--records", records, "--different", *pair, "--source", SOURCE).exit_code == 0
    build(records, store)
    assert persons(store) == before
    rows = json.loads(run("xref", "--store", store, "--records", records, "--format", "json").stdout)
    assert pair not in {(r["left"], r["right"]) for r in rows}
    everything = json.loads(run("xref", "--all", "--store", store, "--records", records, "--format", "json").stdout)
    assert any((r["left"], r["right"]) == pair and r["decision"].startswith("different") for r in everything)


def test_deciding_needs_a_source_and_a_decisions_file(seeded: tuple[Path, Path]) -> None:
    records, store = seeded
    assert run("xref", "--store", store, "--records", records, "--same", *KHALED).exit_code == 2
    assert run("xref", "--store", store, "--same", *KHALED, "--source", SOURCE).exit_code == 2
    bad = run("xref", "--store", store, "--records", records, "--same", *KHALED, "--source", "not-a-url")
    assert bad.exit_code == 1 and "http(s)" in bad.stderr
    unknown = run("xref", "--store", store, "--records", records, "--same", "person/nobody-at-all", KHALED[0],
                  "--source", SOURCE)
    assert unknown.exit_code == 3
    assert not (records / "decisions.xref").exists()


def test_a_broken_decisions_file_fails_the_build_with_file_and_line_and_keeps_the_store(
        seeded: tuple[Path, Path]) -> None:
    records, store = seeded
    (records / "decisions.xref").write_text(f"- same: [{KHALED[0]}, {KHALED[1]}]\n  source: {SOURCE}\n"
                                            f"- sam: [{KHALED[0]}, person/x]\n  source: {SOURCE}\n", encoding="utf-8")
    before = persons(store)
    result = run("build", "--no-shipped", "--records", BASE, "--records", records, "--store", store, "--quiet")
    assert result.exit_code == 1
    assert "decisions.xref:3:" in result.stderr and "Traceback" not in result.output
    assert persons(store) == before


@pytest.mark.parametrize(("text", "line", "message"), [
    ("- same: [person/a, person/a]\n  source: https://e.org\n", 1, "twice"),
    ("- same: [person/a]\n  source: https://e.org\n", 1, "two ids"),
    ("- same: [person/a, person/b]\n", 1, "needs a source"),
    ("- same: [person/a, person/b]\n  source: https://e.org\n- unsure: [person/b, person/a]\n  source: https://e.org\n",
     3, "already decided"),
    ("- same: [person/a, Person B]\n  source: https://e.org\n", 1, "expected an id"),
])
def test_bad_decisions_are_one_error_with_the_line(text: str, line: int, message: str) -> None:
    with pytest.raises(InvalidDataError) as err:
        parse_decisions(text, "decisions.xref")
    assert err.value.line == line and message in str(err.value)


def test_recorded_decisions_round_trip_any_text(tmp_path: Path) -> None:
    path = tmp_path / "decisions.xref"
    record_decision(path, "unsure", "person/a", "person/b", "https://e.org/a?b=c#d", note='quote " colon: # hash ไทย')
    record_decision(path, "same", "person/b", "person/a", "https://e.org/x")  # replaces the earlier decision
    decisions = parse_decisions(path.read_text(encoding="utf-8"))
    assert [(d.verdict, d.source) for d in decisions] == [("same", "https://e.org/x")]


# ------------------------------------------------------------------------------------------- Neo4j

def test_neo4j_counts_follow_a_merge_and_a_split(seeded: tuple[Path, Path], empty_neo4j: Any) -> None:
    from graphkit.engines.neo4j import push

    records, store = seeded

    def pushed_persons() -> int:
        with opened(store, read_only=True) as s:
            push(s, empty_neo4j, replace=True)
        return int(empty_neo4j.run("MATCH (p:Person) WHERE p.key IN $keys RETURN count(p) AS n",
                                   {"keys": list(KHALED)})[1][0]["n"])

    assert pushed_persons() == 2
    assert run("xref", "--store", store, "--records", records, "--same", *KHALED, "--source", SOURCE).exit_code == 0
    build(records, store)
    assert pushed_persons() == 1
    assert run("xref", "--store", store, "--records", records, "--forget", *KHALED).exit_code == 0
    build(records, store)
    assert pushed_persons() == 2


# ------------------------------------------------------------------------------------------- conflicts

PARIS = """---
title: Council meets in Paris
publisher: Example Wire
date: 2025-05-26
url: https://example.org/wire/paris
---
PARIS, May 25 -- The 29th ASEAN Political-Security Community Council Meeting was held in Paris on 25 May 2025.
"""


def test_a_text_that_moves_a_meeting_to_paris_is_a_reported_conflict(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert run("build", "--no-shipped", "--records", BASE, "--store", store, "--quiet").exit_code == 0
    text = tmp_path / "paris.md"
    text.write_text(PARIS, encoding="utf-8")
    assert run("ingest", text, "--store", store, "--quiet").exit_code == 0
    result = run("validate", "--store", store, "--format", "json")
    assert result.exit_code == 0, result.output  # a disagreement is a finding, not a broken store
    found = [p for p in json.loads(result.stdout) if p["check"] == "sources-disagree"]
    assert len(found) == 1
    conflict = found[0]
    assert conflict["focus"] == "meeting/apsc-council-29" and conflict["severity"] == "warning"
    assert "place/kuala-lumpur (curated: https://example.org/meetings)" in conflict["message"]
    assert "place/paris (extracted: document/" in conflict["message"]
    assert "keeps place/kuala-lumpur" in conflict["message"]
    curated, extracted = sorted(conflict["sources"], key=lambda s: s.startswith("document/"))
    assert curated == "https://example.org/meetings" and extracted.startswith("document/")
    assert f"place/paris (extracted: {extracted})" in conflict["message"]
    city = cypher(store, "MATCH (m:Meeting {key: $m})-[:LOCATION]->(c) RETURN c.key AS city",
                  m="meeting/apsc-council-29")
    assert [r["city"] for r in city] == ["place/kuala-lumpur"]


def test_a_store_with_a_conflict_pushes_to_neo4j_with_the_curated_value(tmp_path: Path, empty_neo4j: Any) -> None:
    """The claims the projection carries for a disagreement are declared properties: push takes
    them, and Neo4j answers with the curated city, as the embedded engine does."""
    from graphkit.engines.neo4j import push

    store = tmp_path / "store"
    assert run("build", "--no-shipped", "--records", BASE, "--store", store, "--quiet").exit_code == 0
    text = tmp_path / "paris.md"
    text.write_text(PARIS.replace("was held in Paris on 25 May 2025", "opened on 24 May 2025 in Paris"),
                    encoding="utf-8")
    assert run("ingest", text, "--store", store, "--quiet").exit_code == 0
    with opened(store, read_only=True) as s:
        push(s, empty_neo4j, replace=True)
    rows = empty_neo4j.run("MATCH (m:Meeting {key: $m})-[:LOCATION]->(c) RETURN c.key AS city",
                           {"m": "meeting/apsc-council-29"})[1]
    assert [r["city"] for r in rows] == ["place/kuala-lumpur"]
    embedded = cypher(store, "MATCH (m:Meeting {key: $m}) RETURN m.startDate AS d, m.startDateClaims AS claims",
                      m="meeting/apsc-council-29")
    pushed = empty_neo4j.run("MATCH (m:Meeting {key: $m}) RETURN m.startDate AS d, m.startDateClaims AS claims",
                             {"m": "meeting/apsc-council-29"})[1]
    assert embedded[0]["claims"], "the text's other date should be a claim beside the curated one"
    assert str(pushed[0]["d"]) == str(embedded[0]["d"])
    assert sorted(pushed[0]["claims"]) == sorted(embedded[0]["claims"])


# ------------------------------------------------------------------------------------------- matching at ingest

TEXT_ONE = """---
title: Defence ministers meet
publisher: Example Wire
date: 2025-07-07
url: https://example.org/wire/one
---
KUALA LUMPUR, July 7 -- Malaysian Defence Minister Khaled Nordin said on Monday that the region must work together
on cybercrime. The 58th AMM was held in Kuala Lumpur on 8 July 2025. Ministers reviewed the ASEAN Charter.
"""
TEXT_TWO = """---
title: Defence cooperation
publisher: Example Post
date: 2025-07-09
url: https://example.org/post/two
---
KUALA LUMPUR, July 9 -- Defence Minister Datuk Seri Mohamed Khaled Nordin said cooperation on cybercrime would
continue. Foreign Minister Datuk Seri Utama Haji Mohamad bin Haji Hasan also spoke.
The 58th ASEAN Foreign Ministers' Meeting was held in Kuala Lumpur on 8 July 2025. Ministers reviewed the Charter of
the Association of Southeast Asian Nations.
"""


@pytest.fixture(scope="module")
def two_texts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store from the fixture records and two texts that name one person, meeting and document differently."""
    root = tmp_path_factory.mktemp("two-texts")
    store = root / "store"
    assert run("build", "--no-shipped", "--records", BASE, "--store", store, "--quiet").exit_code == 0
    texts = root / "texts"
    texts.mkdir()
    (texts / "one.md").write_text(TEXT_ONE, encoding="utf-8")
    (texts / "two.md").write_text(TEXT_TWO, encoding="utf-8")
    result = run("ingest", texts, "--store", store, "--quiet")
    assert result.exit_code == 0, result.output
    return store


def test_two_texts_naming_one_person_differently_give_one_person_with_both_names(two_texts: Path) -> None:
    khaled = cypher(two_texts, "MATCH (p:Person) WHERE p.name CONTAINS 'Khaled' RETURN p.key AS key")
    assert len(khaled) == 1
    rows = json.loads(run("explain", "Mohamed Khaled Nordin", "--relation", "name", "--store", two_texts,
                          "--format", "json").stdout)
    named = {r["object"]: r["source"] for r in rows}
    assert {"Khaled Nordin", "Mohamed Khaled Nordin"} <= set(named)
    assert named["Khaled Nordin"] != named["Mohamed Khaled Nordin"]  # each name with the text that gives it
    for name in ("Khaled Nordin", "Mohamed Khaled Nordin"):
        found = run("links", name, "--store", two_texts)
        assert found.exit_code == 0 and khaled[0]["key"] in found.stderr


def test_an_honorific_and_particle_laden_name_is_the_curated_person(two_texts: Path) -> None:
    hasan = cypher(two_texts, "MATCH (p:Person) WHERE p.name CONTAINS 'Hasan' RETURN p.key AS key")
    assert [r["key"] for r in hasan] == ["person/mohamad-hasan"]


def test_two_names_of_one_meeting_and_one_document_are_one_node_each(two_texts: Path) -> None:
    meetings = cypher(two_texts, "MATCH (m:Meeting)-[:MEETING_OF]->(:Body {key: 'body/amm'}) WHERE m.ordinal = 58 "
                                 "RETURN m.key AS key, m.sources AS sources")
    assert len(meetings) == 1 and len(meetings[0]["sources"]) == 2
    charters = cypher(two_texts, "MATCH (d:Document) WHERE d.name CONTAINS 'Charter' RETURN d.key AS key")
    assert [r["key"] for r in charters] == ["document/asean-charter"]


def test_a_different_decision_vetoes_the_automatic_match(two_texts: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    shutil.copytree(two_texts, store)
    keys = sorted(r["key"] for r in cypher(store, "MATCH (p:Person) RETURN p.key AS key")
                  if "khaled" in r["key"])
    assert len(keys) == 1
    with opened(store, read_only=True) as s:
        members = sorted(k.rsplit("/id/", 1)[-1] for k in canonical_ids(s))
    assert len(members) == 2  # two extracted ids, merged in the projection
    records = tmp_path / "my-records"
    decided = run("xref", "--store", store, "--records", records, "--different", *members, "--source", SOURCE)
    assert decided.exit_code == 0, decided.output
    build(records, store)
    assert len([r for r in cypher(store, "MATCH (p:Person) RETURN p.key AS key") if "khaled" in r["key"]]) == 2
    listed = json.loads(run("xref", "--all", "--store", store, "--records", records, "--format", "json").stdout)
    assert any((r["left"], r["right"]) == tuple(members) and r["decision"].startswith("different") for r in listed)


def test_names_that_differ_in_a_number_are_not_candidates(tmp_path: Path) -> None:
    records = tmp_path / "numbered"
    records.mkdir()
    (records / "numbered.yaml").write_text(
        "- id: document/joint-communique-50\n  type: JointCommunique\n  source: https://example.org/a\n"
        "  name: Joint Communique of the 50th ASEAN Foreign Ministers' Meeting\n"
        "- id: document/joint-communique-54\n  type: JointCommunique\n  source: https://example.org/b\n"
        "  name: Joint Communique of the 54th ASEAN Foreign Ministers' Meeting\n", encoding="utf-8")
    store = tmp_path / "store"
    build(records, store)
    rows = json.loads(run("xref", "--store", store, "--kind", "Document", "--format", "json").stdout or "[]")
    assert not any("joint-communique-5" in r["left"] for r in rows)


def test_a_decisions_file_is_read_within_the_yaml_limits() -> None:
    """The decisions file sits in the user's records folder: an alias bomb is refused with its file,
    as every other YAML graphkit reads, instead of being expanded."""
    bomb = "- &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"- &{c} [{', '.join(['*' + p] * 10)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True))
    with pytest.raises(InvalidDataError, match="aliases") as err:
        parse_decisions(bomb, "decisions.xref")
    assert str(err.value).startswith("decisions.xref:1:")
