"""Adoptions at a meeting named before ("the said meeting") or at its opening ceremony (sentences
written for these tests, not corpus text)."""

from __future__ import annotations

import pytest
from extraction_helpers import add_meeting, asean_gazetteer, ctx

from ingest.extract import Extraction, extract
from ingest.gazetteer import Gazetteer


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    g = asean_gazetteer()
    g.add("body/awm", "Body", "ASEAN Widget Ministers Meeting", ["AWM"])
    for n, day in ((6, "2022-10-08"), (7, "2024-10-08")):
        add_meeting(g, f"meeting/awm-{n}", f"{n}th ASEAN Widget Ministers Meeting", "body/awm", n, day)
    g.add("document/widget-declaration", "Declaration", "Vientiane Declaration on Widgets")
    return g


AWM = "7th AWM opens"   # the title of every text here


def adopted(ex: Extraction) -> set[tuple[str, str]]:
    return {(f.subject, str(f.object)) for f in ex.facts if f.relation in ("adoptedAt", "signedAt")}


def test_the_said_meeting_is_the_meeting_named_before_not_the_one_reported(gaz: Gazetteer) -> None:
    text = ("The 7th ASEAN Widget Ministers Meeting opened today. The minister recalled the 6th ASEAN Widget "
            "Ministers Meeting two years ago. It was during the said meeting that we adopted the Vientiane "
            "Declaration on Widgets.")
    ex = extract(text, gaz, ctx(title=AWM), learned=False)
    assert adopted(ex) == {("document/widget-declaration", "meeting/awm-6")}


@pytest.mark.parametrize("sentence", [
    "The Signing of the Vientiane Declaration on Widgets took place at the Opening Ceremony of the 7th ASEAN "
    "Widget Ministers Meeting.",
    "The ministers signed the Vientiane Declaration on Widgets at the closing session of the 7th ASEAN Widget "
    "Ministers Meeting.",
])
def test_signed_at_a_meeting_s_opening_or_closing_is_signed_at_the_meeting(gaz: Gazetteer, sentence: str) -> None:
    ex = extract(sentence, gaz, ctx(title=AWM), learned=False)
    assert ("document/widget-declaration", "meeting/awm-7") in adopted(ex), sentence


@pytest.mark.parametrize("title", [
    "ASEAN Widget Masterplan 2030", "ASEAN Guide on Widget Governance", "Concept Paper on Widget Standards",
    "ASEAN Widget Grid Memorandum of Understanding", "ASEAN Widget Cooperation Strategy 2026-2030",
])
def test_more_document_heads_name_what_a_meeting_adopts(gaz: Gazetteer, title: str) -> None:
    ex = extract(f"The 7th ASEAN Widget Ministers Meeting endorsed the {title}.", gaz, ctx(title=AWM), learned=False)
    docs = {m.text: m.entity for m in ex.mentions if m.entity.startswith("document/")}
    assert title in docs, docs
    assert (docs[title], "meeting/awm-7") in adopted(ex)
