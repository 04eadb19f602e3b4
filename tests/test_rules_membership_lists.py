"""ASEAN memberships in two more shapes: some members "including" after the word for them, and a history
of joinings by year (round twenty-two; sentences written for these tests, not corpus text)."""

from __future__ import annotations

import pytest
from extraction_helpers import asean_gazetteer, ctx, members

from ingest.extract import extract
from ingest.gazetteer import Gazetteer

DAY = "2026-03-02"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    g = asean_gazetteer()
    g.add("state/malaysia", "MemberState", "Malaysia")
    g.add("state/lao-pdr", "MemberState", "Lao PDR", ["Laos"])
    g.add("state/singapore", "MemberState", "Singapore")
    g.add("state/myanmar", "MemberState", "Myanmar")
    g.add("state/timor-leste", "MemberState", "Timor-Leste")
    g.add("state/viet-nam", "MemberState", "Viet Nam", ["Vietnam"])
    g.add("state/brunei-darussalam", "MemberState", "Brunei Darussalam", ["Brunei"])
    g.add("state/cambodia", "MemberState", "Cambodia")
    return g


def test_members_named_after_including(gaz: Gazetteer) -> None:
    ex = extract("Several ASEAN member states, including Singapore and Malaysia, backed the widget plan.", gaz,
                 ctx(DAY), learned=False)
    assert members(ex) == {"state/singapore", "state/malaysia"}


def test_an_observer_named_after_including_is_no_member(gaz: Gazetteer) -> None:
    ex = extract("ASEAN Member States, including Timor-Leste as Observer, sent widget experts.", gaz, ctx(DAY),
                 learned=False)
    assert members(ex) == set()


def test_a_history_of_joinings_by_year(gaz: Gazetteer) -> None:
    ex = extract("The family grew: Brunei joined in 1984, Vietnam in 1995, Laos and Myanmar in 1997, and "
                 "Cambodia in 1999.", gaz, ctx(DAY), learned=False)
    assert members(ex) == {"state/brunei-darussalam", "state/viet-nam", "state/lao-pdr", "state/myanmar",
                           "state/cambodia"}


@pytest.mark.parametrize("sentence", [
    "Malaysia joined the widget talks in 2019.",                # one joining, of something else
    "Myanmar and Singapore joined the widget drill in 2019.",   # one year for a group: no history
])
def test_one_joining_by_year_is_no_membership(gaz: Gazetteer, sentence: str) -> None:
    assert members(extract(sentence, gaz, ctx(DAY), learned=False)) == set()
