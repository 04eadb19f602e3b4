"""A city written with its state, and a meeting begun in a state (sentences written for these tests,
not corpus text)."""

from __future__ import annotations

import pytest
from extraction_helpers import add_meeting, ctx, rel

from ingest.extract import extract
from ingest.gazetteer import Gazetteer


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    g = Gazetteer()
    g.add("state/malaysia", "MemberState", "Malaysia")
    g.add("state/brunei-darussalam", "MemberState", "Brunei Darussalam", ["Brunei"])
    g.add("place/kuala-lumpur", "City", "Kuala Lumpur")
    g.add("place/clark", "City", "Clark")
    g.add("body/awm", "Body", "ASEAN Widget Ministers Meeting", ["AWM"])
    add_meeting(g, "meeting/awm-7", "7th ASEAN Widget Ministers Meeting", "body/awm", 7, "2024-10-08")
    add_meeting(g, "meeting/awm-8", "8th ASEAN Widget Ministers Meeting", "body/awm", 8, "2024-10-09")
    return g


@pytest.mark.parametrize("written", ["Kuala Lumpur, Malaysia", "Kuala Lumpur city, Malaysia", "Kuala Lumpur (Malaysia)",
                                     "Kuala Lumpur [Malaysia]"])
def test_a_city_with_its_state_after_a_comma_or_in_brackets_is_in_it(gaz: Gazetteer, written: str) -> None:
    ex = extract(f"Widget talks opened in {written} on Monday.", gaz, ctx("2024-10-08"),
                 learned=False)
    assert ("place/kuala-lumpur", "state/malaysia") in rel(ex, "containedIn"), written


def test_a_bracket_holding_more_than_the_state_is_a_name(gaz: Gazetteer) -> None:
    ex = extract("Kuala Lumpur (Malaysia Widget News) - Widget talks opened.", gaz,
                 ctx("2024-10-08"), learned=False)
    assert not rel(ex, "containedIn")


def test_a_meeting_that_commenced_on_a_weekday_in_a_state_is_held_there(gaz: Gazetteer) -> None:
    ex = extract("The 7th ASEAN Widget Ministers Meeting commenced, Monday, in Malaysia, with 500 delegates.", gaz,
                 ctx("2024-10-08"), learned=False)
    assert ("meeting/awm-7", "state/malaysia") in rel(ex, "location")


def test_a_caption_or_agenda_line_gives_the_day_and_city_after_the_meeting_s_name(gaz: Gazetteer) -> None:
    ex = extract("Ministers at the 7th ASEAN Widget Ministers Meeting, 9 October 2024, Kuala Lumpur", gaz,
                 ctx("2024-10-10"), learned=False)
    assert ("meeting/awm-7", "2024-10-09") in rel(ex, "startDate")
    assert ("meeting/awm-7", "place/kuala-lumpur") in rel(ex, "location")
    # a day after the name that begins something else ("..., 9 October 2024 marks ...") is no caption's
    ex = extract("The 7th ASEAN Widget Ministers Meeting, 9 October 2024 marks the start of talks.", gaz,
                 ctx("2024-10-10"), learned=False)
    assert not rel(ex, "startDate")


def test_the_two_meetings_reported_are_placed_together(gaz: Gazetteer) -> None:
    text = ("The 7th ASEAN Widget Ministers Meeting and the 8th ASEAN Widget Ministers Meeting opened. "
            "The two meetings were convened by the minister at the Widget Hall in Kuala Lumpur.")
    ex = extract(text, gaz, ctx("2024-10-10", "7th and 8th AWM"), learned=False)
    assert {("meeting/awm-7", "place/kuala-lumpur"), ("meeting/awm-8", "place/kuala-lumpur")} <= rel(ex, "location")


def test_a_month_after_held_in_is_no_place(gaz: Gazetteer) -> None:
    # round twelve: "hosted the 7th ... Meeting in November": a time, no new city
    ex = extract("Malaysia successfully hosted the 7th ASEAN Widget Ministers Meeting in November, and the team "
                 "is proud.", gaz, ctx(), learned=False)
    assert not any(o.startswith("place/") for _, o in rel(ex, "location"))
    assert not any(e.startswith("place/nov") for e in ex.created)


def test_days_in_brackets_after_a_meeting_among_others_are_its_days(gaz: Gazetteer) -> None:
    # round twelve: "the X Meeting (July 8-12, 2030)" in a sentence that names another meeting too
    ex = extract("Ministers will endorse what the 7th ASEAN Widget Ministers Meeting (8-9 October 2024) "
                 "proposed for the 8th ASEAN Widget Ministers Meeting in Clark.", gaz, ctx("2024-10-01"), learned=False)
    assert ("meeting/awm-7", "2024-10-08") in rel(ex, "startDate")
    assert not any(s == "meeting/awm-8" for s, _ in rel(ex, "startDate"))


@pytest.mark.parametrize("sentence", [
    # round thirteen: "within (in) the framework of Y", after the meetings or fronted before them
    "The 7th ASEAN Widget Ministers Meeting was held online on 8 October 2024 within the framework of the ongoing "
    "8th ASEAN Widget Ministers Meeting.",
    "Within the framework of the 8th ASEAN Widget Ministers Meeting, the 7th ASEAN Widget Ministers Meeting took place "
    "in Clark.",
])
def test_a_meeting_within_the_framework_of_another_is_part_of_it(gaz: Gazetteer, sentence: str) -> None:
    ex = extract(sentence, gaz, ctx("2024-10-08"), learned=False)
    assert rel(ex, "partOf") == {("meeting/awm-7", "meeting/awm-8")}, rel(ex, "partOf")


def test_a_plan_s_framework_names_no_whole_meeting(gaz: Gazetteer) -> None:
    ex = extract("The 7th ASEAN Widget Ministers Meeting reviewed work within the framework of the Widget Plan.", gaz,
                 ctx("2024-10-08"), learned=False)
    assert rel(ex, "partOf") == set()


@pytest.mark.parametrize("written", ["Pulau Widget, Malaysia", "Widget Island, Malaysia", "Widget Province, Malaysia",
                                     "Langkawi, Malaysia"])
def test_a_meeting_on_an_island_or_in_a_province_is_held_in_its_country(written: str) -> None:
    # round fourteen: an island or province is no City (the graph may have one as a City); the country is the place
    g = Gazetteer()
    g.add("state/malaysia", "MemberState", "Malaysia")
    g.add("place/langkawi", "City", "Langkawi")
    g.add("body/awm", "Body", "ASEAN Widget Ministers Meeting", ["AWM"])
    add_meeting(g, "meeting/awm-7", "7th ASEAN Widget Ministers Meeting", "body/awm", 7, "2024-10-08")
    ex = extract(f"The 7th ASEAN Widget Ministers Meeting was held in {written} on 8 October 2024.", g,
                 ctx("2024-10-08"), learned=False)
    assert rel(ex, "location") == {("meeting/awm-7", "state/malaysia")}, rel(ex, "location")


def test_a_state_that_will_hold_the_meeting_gives_its_place_and_days(gaz: Gazetteer) -> None:
    # "X will hold the M in CITY from DATE": the meeting is held there and then
    ex = extract("Malaysia will hold the 8th ASEAN Widget Ministers Meeting and its related events in Kuala Lumpur "
                 "on 9 October 2024.", gaz, ctx("2024-09-01"), learned=False)
    assert ("meeting/awm-8", "place/kuala-lumpur") in rel(ex, "location")
    assert ("meeting/awm-8", "2024-10-09") in rel(ex, "startDate")
