"""The learned entity layer (ingest/extract/learned_entities.py), on sentences written for these tests and
a small hand-made gazetteer; the shipped weights file is read where a test says so."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from graphkit.errors import IngestError
from graphkit.terms import C, P
from ingest.extract import Context, extract
from ingest.extract import learned_entities as le
from ingest.extract.extractor import Extractor
from ingest.extract.model import Extraction, Mention
from ingest.gazetteer import Gazetteer

ROOT = Path(__file__).resolve().parent.parent
TEXT = "The envoy Harriet Quill met the ministers in Vientiane on 9 October 2024."


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    g = Gazetteer()
    g.add("org/asean", "Organization", "Association of Southeast Asian Nations", ["ASEAN"])
    g.add("state/lao-pdr", "MemberState", "Lao PDR", ["Laos"])
    g.add("place/vientiane", "City", "Vientiane")
    g.add("person/jane-roe", "Person", "Jane Roe")
    return g


def envoy_model() -> le.Model:
    """A tagger that reads the capitalised words after "envoy" as a person's name and nothing else."""
    li = {lab: i for i, lab in enumerate(le.LABELS)}
    weights = {"b": {li["O"]: 1.0}, "w-1=envoy": {li["B-Person"]: 5.0}, "t-1=B-Person": {li["I-Person"]: 5.0},
               "sh=xx": {li["O"]: 20.0}}
    return le.Model(weights, ("Person",), {"Person": 0.0})


def persons(ex: Extraction) -> dict[str, str]:
    return {m.entity: m.text for m in ex.mentions if m.kind == C.Person}


def test_a_name_the_rules_miss_is_found_and_gets_the_rules_id(gaz: Gazetteer) -> None:
    ctx = Context("", "NewsReport", "2024-10-09")
    rules = extract(TEXT, gaz, ctx, ner=False, entities=False)
    assert "person/harriet-quill" not in persons(rules)   # no title, no post: no rule reads it
    found = extract(TEXT, gaz, ctx, ner=False, entities=envoy_model())
    assert persons(found)["person/harriet-quill"] == "Harriet Quill"
    assert found.created["person/harriet-quill"] == C.Person
    names = {(f.subject, f.object) for f in found.facts if f.relation == "name"}
    assert ("person/harriet-quill", "Harriet Quill") in names
    mentioned = {str(f.object) for f in found.facts if f.relation == P.mentions}
    assert "person/harriet-quill" in mentioned
    # the rules' own mentions stay as they were
    assert {m.entity for m in rules.mentions} <= {m.entity for m in found.mentions}


def test_a_tagged_name_the_graph_knows_resolves_to_its_entity(gaz: Gazetteer) -> None:
    found = extract("The envoy Jane Roe met the ministers.", gaz, Context(), ner=False, entities=envoy_model())
    assert "person/jane-roe" in persons(found)
    assert "person/jane-roe" not in found.created


def test_the_same_text_gives_the_same_extraction_twice(gaz: Gazetteer) -> None:
    one = extract(TEXT, gaz, Context(), ner=False, entities=envoy_model())
    two = extract(TEXT, gaz, Context(), ner=False, entities=envoy_model())
    assert one.facts == two.facts and one.mentions == two.mentions and one.created == two.created


def harbour_model(replace: dict[str, float]) -> le.Model:
    """A tagger that reads "Laos" and the capitalised words after it as one organisation's name."""
    li = {lab: i for i, lab in enumerate(le.LABELS)}
    weights = {"b": {li["O"]: 1.0}, "w=laos": {li["B-Organisation"]: 5.0},
               "t-1=B-Organisation": {li["I-Organisation"]: 5.0}, "t-1=I-Organisation": {li["I-Organisation"]: 5.0},
               "sh=xx": {li["O"]: 20.0}, "sh=d": {li["O"]: 20.0}}
    return le.Model(weights, (), {}, replace=replace)


HARBOUR = "The ministers met the Laos Harbour Authority in Vientiane on 9 October 2024."


def test_a_confident_tagged_span_replaces_the_rule_mention_it_overlaps(gaz: Gazetteer) -> None:
    rules = extract(HARBOUR, gaz, Context(), ner=False, entities=False)
    assert [m.text for m in rules.mentions if m.entity == "state/lao-pdr"] == ["Laos"]
    found = extract(HARBOUR, gaz, Context(), ner=False, entities=harbour_model({"Organisation": 0.0}))
    said = {m.text: m.entity for m in found.mentions}
    assert said["Laos Harbour Authority"] == "org/laos-harbour-authority"
    assert found.created["org/laos-harbour-authority"] == C.Organization
    assert "state/lao-pdr" not in {m.entity for m in found.mentions}   # the rules' shorter span gave way
    assert "place/vientiane" in said.values() and any(m.kind == "Date" for m in found.mentions)
    # below the type's threshold, or for a type the model may not replace, the rules' mention stays
    for replace in ({"Organisation": 1e9}, {"Body": 0.0}, {}):
        kept = extract(HARBOUR, gaz, Context(), ner=False, entities=harbour_model(replace))
        assert kept.mentions == rules.mentions and kept.facts == rules.facts


def test_a_date_or_the_same_span_and_type_is_never_replaced() -> None:
    date = Mention("date:2024-10-09", "Date", 10, 24, "9 October 2024")
    org = Mention("org/x", C.Organization, 0, 9, "X Council")
    assert not le.replaceable([date], "Organisation", 5, 24)
    assert not le.replaceable([org], "Organisation", 0, 9)
    assert le.replaceable([org], "Body", 0, 9) and le.replaceable([org], "Organisation", 0, 15)


def test_a_format_one_weights_file_loads_without_replacements(tmp_path: Path) -> None:
    data = le.Model({"b": {0: 1.0}}, ("City",), {"City": 1.0}).to_json()
    data["format"] = 1
    del data["replace"]
    assert le.Model.from_json(data).replace == {}
    data = le.Model({"b": {0: 1.0}}, (), {}, replace={"Body": 2.0}).to_json()
    assert le.Model.from_json(data).replace == {"Body": 2.0}


def test_the_training_script_names_no_blind_split() -> None:
    for option in ("--score", "--test-split"):
        out = subprocess.run([sys.executable, str(ROOT / "scripts" / "train-entities"), "--store", "nowhere",
                              option, "heldout20"], capture_output=True, text=True, timeout=120)
        assert out.returncode == 2 and "invalid choice" in out.stderr


def test_the_shipped_weights_load_and_name_only_the_guide_s_types() -> None:
    model = le.load_model()
    assert set(model.act) <= set(le.TYPES)
    assert set(model.thresholds) == set(model.act)
    assert set(model.replace) <= set(le.TYPES)
    assert len(model.weights) > 1000   # trained weights, not an empty file


def test_missing_weights_are_a_clear_error_or_a_rules_only_fallback_that_says_so(
        gaz: Gazetteer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    missing = tmp_path / "entity_tagger.json"
    with pytest.raises(IngestError, match="entity_tagger.json.*scripts/train-entities"):
        le.load_model(missing)
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(IngestError, match="cannot be read"):
        le.load_model(broken)
    monkeypatch.setattr(le, "WEIGHTS", missing)
    monkeypatch.setattr(le, "_warned", [])
    with pytest.warns(RuntimeWarning, match="rules alone"):
        x = Extractor(TEXT, gaz, Context(), entities=True, ner=False)
    assert x.entity_model is None
    assert x.run().mentions   # the rules still run


@pytest.mark.slow
def test_the_weights_ship_in_an_installed_package(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w",
                    str(tmp_path), str(ROOT)], check=True, capture_output=True, timeout=300)
    wheel = next(tmp_path.glob("graphkit-*.whl"))
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as z:
        assert "ingest/extract/entity_tagger.json" in z.namelist()
        z.extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = ("from ingest.extract import learned_entities as le; m = le.load_model(); "
            "print(le.WEIGHTS.parent.parent.parent, len(m.weights))")
    out = subprocess.run([sys.executable, "-c", code], cwd=elsewhere, env=dict(os.environ, PYTHONPATH=str(site)),
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    where, count = out.stdout.split()
    assert Path(where) == site and int(count) > 1000
