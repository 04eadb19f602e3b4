"""The learned relation layer (ingest/extract/learned.py), on sentences written for these tests and a
small hand-made gazetteer; the shipped model file is read where a test says so."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from graphkit.errors import IngestError
from graphkit.terms import P
from ingest.extract import Context, Fact, extract, learned
from ingest.gazetteer import Gazetteer, MeetingInfo

ROOT = Path(__file__).resolve().parent.parent
TEXT = ("The 44th ASEAN Summit drew leaders from across the region. "
        "Vientiane welcomed them with a parade along the river.")


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    g = Gazetteer()
    g.add("org/asean", "Organization", "Association of Southeast Asian Nations", ["ASEAN"])
    g.add("state/lao-pdr", "MemberState", "Lao PDR", ["Laos"])
    g.add("state/malaysia", "MemberState", "Malaysia")
    g.add("country/japan", "Country", "Japan")
    g.add("body/asean-summit", "Body", "ASEAN Summit")
    g.add("place/vientiane", "City", "Vientiane")
    g.add("person/jane-roe", "Person", "Jane Roe")
    g.add("meeting/asean-summit-44", "Meeting", "44th ASEAN Summit")
    g.add_meeting(MeetingInfo("meeting/asean-summit-44", "body/asean-summit", 44, "2024-10-09", "place/vientiane"))
    return g


def ctx() -> Context:
    return Context("", "NewsReport", "2024-10-09")


def model(bias: float, weights: dict[str, dict[str, float]] | None = None, threshold: float = 0.5) -> learned.Model:
    """A model that scores every candidate of each relation by ``bias`` plus its feature weights."""
    weights = weights or {}
    return learned.Model({p: weights.get(p, {}) for p in learned.PREDICATES}, dict.fromkeys(learned.PREDICATES, bias),
                         dict.fromkeys(learned.PREDICATES, threshold))


def triples(facts: list[Fact], relation: str) -> set[tuple[str, str]]:
    return {(f.subject, str(f.object)) for f in facts if f.relation == relation}


def test_a_place_the_rules_miss_is_added_with_its_own_sentence_as_evidence(gaz: Gazetteer) -> None:
    # "Vientiane welcomed them": no rule reads a place that hosts without "held in"; the layer pairs the
    # place with the meeting the text reports, and a model that trusts that pairing states it
    trusting = model(-4.0, {"HELD_IN": {"outside:main": 8.0}})
    rules = extract(TEXT, gaz, ctx())
    assert ("meeting/asean-summit-44", "place/vientiane") not in triples(rules.facts, P.location)
    found = extract(TEXT, gaz, ctx(), learned=trusting)
    added = [f for f in found.facts if f.relation == P.location]
    assert [(f.subject, f.object) for f in added] == [("meeting/asean-summit-44", "place/vientiane")]
    assert added[0].quote == "Vientiane welcomed them with a parade along the river."
    assert TEXT[added[0].start:added[0].end] == added[0].quote
    assert added[0].found_by == "relation-layer"   # `graphkit explain` shows it (gk:foundBy)
    # a model that does not trust it adds nothing: the rules' facts stand alone
    doubting = model(-4.0, {"HELD_IN": {"outside:main": 1.0}})
    assert extract(TEXT, gaz, ctx(), learned=doubting).facts == rules.facts


def test_the_layer_never_states_what_the_graph_shapes_refuse(gaz: Gazetteer) -> None:
    # a model that says yes to everything: still one date per meeting, a chair state only for a member
    # state, a membership only for a member state the curated graph holds
    text = ("The 44th ASEAN Summit opened on 9 October 2024 in Vientiane. "
            "Japan and Malaysia sent delegations, and talks ran until 11 October 2024.")
    rules = extract(text, gaz, ctx())
    yes = extract(text, gaz, ctx(), learned=model(10.0))
    dates = [f for f in yes.facts if f.subject == "meeting/asean-summit-44" and f.relation == P.startDate]
    assert [f.object for f in dates] == [f.object for f in rules.facts
                                         if f.subject == "meeting/asean-summit-44" and f.relation == P.startDate]
    assert len(dates) == 1
    assert "country/japan" not in {str(f.object) for f in yes.facts if f.relation == P.chairState}
    assert ("meeting/asean-summit-44", "state/malaysia") in triples(yes.facts, P.chairState)  # a member state may


def test_the_same_text_gives_the_same_facts_twice(gaz: Gazetteer) -> None:
    text = TEXT + " Jane Roe, who chaired it, spoke of Laos and Malaysia as ASEAN members."
    for m in (True, model(0.0, {"CHAIRED_BY": {"b:chaired": 3.0}, "SPOKE_AT": {"cue:spoke": 2.0}})):
        first, second = extract(text, gaz, ctx(), learned=m), extract(text, gaz, ctx(), learned=m)
        assert first.facts == second.facts
        assert first.created == second.created


def test_the_layer_is_on_by_default(gaz: Gazetteer) -> None:
    # round nine switched it on by a rule fixed before the cross-validation (docs/ingest.md "Round nine")
    import inspect

    from ingest.extract import extractor
    assert extractor.RELATION_LAYER is True
    assert inspect.signature(extract).parameters["learned"].default is extractor.RELATION_LAYER
    text = TEXT + " Jane Roe, who chaired it, spoke of Laos and Malaysia as ASEAN members."
    assert extract(text, gaz, ctx()).facts == extract(text, gaz, ctx(), learned=True).facts


def test_the_shipped_model_loads_and_names_every_relation_it_may_add() -> None:
    shipped = learned.load_model()
    assert set(shipped.threshold) <= set(learned.PREDICATES)
    assert shipped.weights["HELD_IN"]   # trained weights, not an empty file
    data = json.loads(learned.WEIGHTS.read_text(encoding="utf-8"))
    assert data["format"] == learned.FORMAT and data["trained"]["texts"] > 100


@pytest.mark.parametrize("content, says", [
    (None, "cannot be read"),
    ("{not json", "cannot be read"),
    ('{"format": 99, "predicates": {}}', "not a model of format 1"),
    ('{"format": 1, "predicates": {"HELD_IN": {"bias": 0}}}', "not a model of format 1"),
    ('{"format": 1, "predicates": {"ADOPTED": {"bias": 0, "threshold": 0.5, "weights": {}}}}', "cannot add: ADOPTED"),
])
def test_a_missing_or_broken_model_file_is_a_clear_error(tmp_path: Path, content: str | None, says: str) -> None:
    path = tmp_path / "relations.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(IngestError, match=says) as err:
        learned.load_model(path)
    assert str(path) in str(err.value)
    if content is not None and "format" in says:
        assert "scripts/train-relations" in str(err.value)


@pytest.mark.slow
def test_the_model_file_ships_in_an_installed_package(tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", "--target",
                    str(target), str(ROOT)], check=True, capture_output=True, timeout=300)
    assert (target / "ingest" / "extract" / "relations.json").is_file()
    code = ("from ingest.extract import learned; m = learned.load_model(); "
            "print(learned.WEIGHTS); print(sorted(m.threshold))")
    run = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=dict(os.environ, PYTHONPATH=str(target)),
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    where, names = run.stdout.splitlines()
    assert where.startswith(str(target))
    assert "HELD_IN" in names


def test_the_training_script_trains_on_no_blind_split() -> None:
    """heldout20 is the next once-scored split: scripts/train-relations cannot train around it or score it as
    a test split (only --score, the lead's once-score, names it); heldout19, scored once, is a choice now."""
    script = str(ROOT / "scripts" / "train-relations")
    blind = subprocess.run([sys.executable, script, "--store", "nowhere", "--test-split", "heldout20"],
                           capture_output=True, text=True, timeout=120)
    assert blind.returncode == 2 and "invalid choice: 'heldout20'" in blind.stderr
    tuned = subprocess.run([sys.executable, script, "--store", "nowhere", "--test-split", "heldout19"],
                           capture_output=True, text=True, timeout=120)
    assert "invalid choice" not in tuned.stderr and "no graphkit store at nowhere" in tuned.stderr
