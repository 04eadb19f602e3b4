"""Meetings named without an ordinal (round ten): retreats of a series the text names with its
acronym, and a lower-case retreat after a possessive. Sentences invented for these tests."""

from __future__ import annotations

import pytest

from ingest.extract import Context, extract
from ingest.gazetteer import Gazetteer


@pytest.fixture
def gaz() -> Gazetteer:
    g = Gazetteer()
    g.add("org/asean", "Organization", "Association of Southeast Asian Nations", ["ASEAN"])
    g.add("body/amm", "Body", "ASEAN Foreign Ministers' Meeting", ["AMM", "ASEAN Foreign Ministers Meeting"])
    g.add("place/hanoi", "City", "Hanoi")
    return g


def meetings(text: str, gaz: Gazetteer) -> dict[str, str]:
    ex = extract(text, gaz, Context(date="2030-03-01"))
    return {m.text: m.entity for m in ex.mentions if m.kind == "Meeting"}


def test_a_retreat_of_a_series_defined_by_its_acronym(gaz: Gazetteer) -> None:
    found = meetings("The host convened the ASEAN Senior Fisheries Officials' Meeting (SFOM) Retreat in Hanoi. "
                     "Decisions of the SFOM Retreat were reviewed.", gaz)
    assert len(set(found.values())) == 1
    assert set(found) == {"ASEAN Senior Fisheries Officials' Meeting (SFOM) Retreat", "SFOM Retreat"}


def test_a_lower_case_retreat_after_a_possessive(gaz: Gazetteer) -> None:
    found = meetings("The ASEAN Foreign Ministers' retreat was held in Hanoi on 4 March 2030.", gaz)
    assert found == {"ASEAN Foreign Ministers' retreat": "meeting/amm-retreat-2030"}


def test_a_lower_case_retreat_without_a_possessive_is_no_meeting_name(gaz: Gazetteer) -> None:
    assert meetings("The ministers held a retreat in Hanoi on 4 March 2030.", gaz) == {}


def test_a_host_city_the_graph_lacks_is_a_city(gaz: Gazetteer) -> None:
    ex = extract("The forum met in Siem Reap, Cambodia, after talks in Naypyidaw.", gaz, Context(date="2030-03-01"))
    cities = {m.text: m.entity for m in ex.mentions if m.kind == "City"}
    assert cities == {"Siem Reap": "place/siem-reap", "Naypyidaw": "place/nay-pyi-taw"}
    # the graph's place wins when it has the name
    ex = extract("The ministers met in Hanoi.", gaz, Context(date="2030-03-01"))
    assert {m.text: m.entity for m in ex.mentions if m.kind == "City"} == {"Hanoi": "place/hanoi"}
