"""`graphkit explain`: which sources state a fact, and the sentence for extracted ones."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit.cli import cli
from graphkit.errors import EntityNotFoundError, OntologyError
from graphkit.explain import explain, resolve
from graphkit.store import opened

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "texts" / "apsc29-opening-remarks.txt"


def run(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("explain") / "store"
    assert run("build", "--no-shipped", "--records", FIXTURES / "records-ingest", "--store", path).exit_code == 0
    assert run("ingest", SEED, "--store", path).exit_code == 0
    return path


def test_a_fact_shows_its_curated_address_and_its_sentence(store: Path) -> None:
    with opened(store, read_only=True) as s:
        rows = explain(s, "Mohamad Hasan", relation="holds")
    assert {(r["object"], r["origin"]) for r in rows} == {("post/malaysia-foreign-minister", "curated"),
                                                          ("post/malaysia-foreign-minister", "extracted")}
    curated = next(r for r in rows if r["origin"] == "curated")
    assert curated["source"] == "https://example.org/people" and curated["quote"] == ""
    extracted = next(r for r in rows if r["origin"] == "extracted")
    assert extracted["source"] == "document/apsc29-opening-remarks"
    start, end = map(int, extracted["span"].split("-"))
    assert SEED.read_text(encoding="utf-8")[start:end] == extracted["quote"]
    assert "Foreign Minister Datuk Seri Mohamad Hasan said" in extracted["quote"]


def test_one_fact_by_subject_relation_object(store: Path) -> None:
    result = run("explain", "meeting/apsc-council-29", "inConjunctionWith", "meeting/asean-summit-46",
                 "--store", store, "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len(rows) == 1
    assert "held in conjunction with the 46th ASEAN Summit" in rows[0]["quote"]
    assert rows[0]["origin"] == "extracted"


def test_facts_where_the_entity_is_the_object_count_too(store: Path) -> None:
    with opened(store, read_only=True) as s:
        rows = explain(s, "meeting/apsc-council-28")
    mentions = [r for r in rows if r["relation"] == "mentions"]
    assert mentions and "the last APSC Council meeting in Vientiane in 2024" in mentions[0]["quote"]
    assert mentions[0]["subject"] == "document/apsc29-opening-remarks"


def test_table_output_and_counts(store: Path) -> None:
    result = run("explain", "person/mohamad-hasan", "--store", store)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].split() == ["subject", "relation", "object", "origin", "source", "quote",
                                                     "span", "found_by"]
    assert "statements from" in result.stderr


def test_a_misspelt_name_resolves_as_in_links(store: Path) -> None:
    # one lookup: explain finds what `links` finds (it used to exit 3 on this spelling)
    result = run("explain", "Mohamed Hassan", "--store", store, "--format", "json")
    assert result.exit_code == 0, result.output
    assert {r["subject"] for r in json.loads(result.stdout)} >= {"person/mohamad-hasan"}
    links = run("links", "Mohamed Hassan", "--store", store, "--format", "json")
    assert links.exit_code == 0 and "person/mohamad-hasan" in links.stderr


def test_unknown_entity_suggests_the_nearest(store: Path) -> None:
    result = run("explain", "Mohamad Hasanudin Zzyzx Qwerty", "--store", store)
    assert result.exit_code == 3
    assert "did you mean" in result.stderr and "person/mohamad-hasan" in result.stderr
    with opened(store, read_only=True) as s:
        with pytest.raises(EntityNotFoundError):
            resolve(s, "Nobody At All")


def test_a_relation_without_facts_is_not_found(store: Path) -> None:
    result = run("explain", "person/mohamad-hasan", "--relation", "chairedBy", "--store", store)
    assert result.exit_code == 3
    with opened(store, read_only=True) as s:
        with pytest.raises(OntologyError):
            explain(s, "person/mohamad-hasan", relation="holdz")


def test_ids_iris_and_names_resolve_alike(store: Path) -> None:
    with opened(store, read_only=True) as s:
        by_id = resolve(s, "meeting/apsc-council-29")
        assert resolve(s, "<" + by_id + ">") == by_id == resolve(s, by_id)
        assert resolve(s, "29th ASEAN Political-Security Community Council Meeting") == by_id


def test_csv_output_for_a_topic(store: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(store, copy)
    result = run("explain", "topic/scam-centres", "--store", copy, "--format", "csv")
    assert result.exit_code == 0
    assert "addresses" in result.stdout and "scam centres" in result.stdout
