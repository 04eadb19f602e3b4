"""Document titles (round ten). Sentences invented for these tests; the gazetteer is built by hand."""

from __future__ import annotations

import pytest
from extraction_helpers import asean_gazetteer, mentioned, read

from ingest.gazetteer import Gazetteer


@pytest.fixture
def gaz() -> Gazetteer:
    g = asean_gazetteer()
    # the graph names an issue by the document that settles it
    g.add("topic/river-dispute", "Topic", "River dispute", ["Three-Point Consensus", "river dispute"])
    return g


def test_a_topic_named_by_a_documents_title_is_the_document(gaz: Gazetteer) -> None:
    ex = read("The ministers reviewed progress on the Three-Point Consensus.", gaz)
    found = {m.text: (m.kind, m.entity) for m in ex.mentions}
    assert found["Three-Point Consensus"] == ("Document", "document/three-point-consensus")
    assert not any(m.entity == "topic/river-dispute" for m in ex.mentions)


def test_a_topic_named_as_an_issue_stays_a_topic(gaz: Gazetteer) -> None:
    found = mentioned("The ministers discussed the river dispute at length.", gaz, "Topic")
    assert found == {"river dispute": "topic/river-dispute"}


def test_a_range_of_years_leads_a_title(gaz: Gazetteer) -> None:
    found = mentioned("The ministers reviewed the 2021-2030 ASEAN Work Plan on Rivers.", gaz, "Document")
    assert set(found) == {"2021-2030 ASEAN Work Plan on Rivers"}


@pytest.mark.parametrize("sentence, title, meeting", [
    # round sixteen: a numbered meeting named only inside its document's title is named by the text too
    ("The envoys recalled the Joint Statement of the 7th ASEAN-Ruritania Summit of 2030.",
     "Joint Statement of the 7th ASEAN-Ruritania Summit", "7th ASEAN-Ruritania Summit"),
    ("The plan follows the Chairman's Statement of the 61st ASEAN Ferry Ministers Meeting.",
     "Chairman's Statement of the 61st ASEAN Ferry Ministers Meeting", "61st ASEAN Ferry Ministers Meeting"),
])
def test_a_numbered_meeting_in_a_title_is_mentioned(gaz: Gazetteer, sentence: str, title: str, meeting: str) -> None:
    ex = read(sentence, gaz)
    assert title in mentioned(sentence, gaz, "Document"), [(m.kind, m.text) for m in ex.mentions]
    assert meeting in mentioned(sentence, gaz, "Meeting"), [(m.kind, m.text) for m in ex.mentions]
