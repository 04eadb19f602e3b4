"""Document titles (round ten). Sentences invented for these tests; the gazetteer is built by hand."""

from __future__ import annotations

import pytest

from ingest.extract import Context, extract
from ingest.gazetteer import Gazetteer


@pytest.fixture
def gaz() -> Gazetteer:
    g = Gazetteer()
    g.add("org/asean", "Organization", "Association of Southeast Asian Nations", ["ASEAN"])
    # the graph names an issue by the document that settles it
    g.add("topic/river-dispute", "Topic", "River dispute", ["Three-Point Consensus", "river dispute"])
    return g


def test_a_topic_named_by_a_documents_title_is_the_document(gaz: Gazetteer) -> None:
    ex = extract("The ministers reviewed progress on the Three-Point Consensus.", gaz, Context(date="2030-03-01"))
    found = {m.text: (m.kind, m.entity) for m in ex.mentions}
    assert found["Three-Point Consensus"] == ("Document", "document/three-point-consensus")
    assert not any(m.entity == "topic/river-dispute" for m in ex.mentions)


def test_a_topic_named_as_an_issue_stays_a_topic(gaz: Gazetteer) -> None:
    ex = extract("The ministers discussed the river dispute at length.", gaz, Context(date="2030-03-01"))
    assert {m.text: m.entity for m in ex.mentions if m.kind == "Topic"} == {"river dispute": "topic/river-dispute"}


def test_a_range_of_years_leads_a_title(gaz: Gazetteer) -> None:
    ex = extract("The ministers reviewed the 2021-2030 ASEAN Work Plan on Rivers.", gaz, Context(date="2030-03-01"))
    assert {m.text for m in ex.mentions if m.kind == "Document"} == {"2021-2030 ASEAN Work Plan on Rivers"}
