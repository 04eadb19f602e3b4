"""Co-chairs written before "co-chaired" and speakers at a meeting's opening or closing floor
(sentences written for these tests, not corpus text)."""

from __future__ import annotations

import pytest
from extraction_helpers import add_meeting, asean_gazetteer, ctx, rel, spoke

from ingest.extract import Extraction, extract
from ingest.gazetteer import Gazetteer

AWM = "7th AWM opens"   # the title of every text here


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    g = asean_gazetteer()
    g.add("state/malaysia", "MemberState", "Malaysia")
    g.add("state/lao-pdr", "MemberState", "Lao PDR", ["Laos"])
    g.add("body/awm", "Body", "ASEAN Widget Ministers Meeting", ["AWM"])
    add_meeting(g, "meeting/awm-7", "7th ASEAN Widget Ministers Meeting", "body/awm", 7, "2024-10-08")
    g.add("person/jane-roe", "Person", "Jane Roe")
    g.add("person/john-doe", "Person", "John Doe")
    g.add("person/ann-poe", "Person", "Ann Poe")
    return g


@pytest.mark.parametrize("sentence", [
    "Jane Roe and John Doe co-chaired the 7th ASEAN Widget Ministers Meeting.",
    "Governor Jane Roe and Minister of Widgets John Doe will co-chair the 7th ASEAN Widget Ministers Meeting.",
    "Jane Roe, Minister of Widgets, and John Doe co-chaired the 7th ASEAN Widget Ministers Meeting.",
    # round fourteen: "along with", "together with"
    "Jane Roe, along with her Lao counterpart John Doe, is co-chairing the 7th ASEAN Widget Ministers Meeting.",
    "Jane Roe together with John Doe will co-chair the 7th ASEAN Widget Ministers Meeting.",
])
def test_both_co_chairs_written_before_the_verb_chair_the_meeting(gaz: Gazetteer, sentence: str) -> None:
    ex = extract(sentence, gaz, ctx(title=AWM), learned=False)
    assert {("meeting/awm-7", "person/jane-roe"), ("meeting/awm-7", "person/john-doe")} <= \
        rel(ex, "chairedBy"), sentence


def test_a_name_before_a_plain_chaired_or_in_another_phrase_is_no_co_chair(gaz: Gazetteer) -> None:
    for sentence in ("After talks with Jane Roe, John Doe co-chaired the 7th ASEAN Widget Ministers Meeting.",
                     "Jane Roe and John Doe met; Ann Poe co-chaired the 7th ASEAN Widget Ministers Meeting.",
                     "Jane Roe praised John Doe, who chaired the 7th ASEAN Widget Ministers Meeting."):
        ex = extract(sentence, gaz, ctx(title=AWM), learned=False)
        assert ("meeting/awm-7", "person/jane-roe") not in rel(ex, "chairedBy"), sentence


@pytest.mark.parametrize("sentence", [
    '"Widgets matter," Minister Jane Roe said during the AWM\'s Opening Ceremony.',
    "Jane Roe stated at the closing of the 7th ASEAN Widget Ministers Meeting here on Friday.",
    "Jane Roe presided over the opening ceremony of the 7th ASEAN Widget Ministers Meeting and expressed "
    "her hopes for widgets.",
])
def test_words_at_a_meeting_s_opening_or_closing_make_the_person_a_speaker(gaz: Gazetteer, sentence: str) -> None:
    text = "The 7th ASEAN Widget Ministers Meeting opened in Vientiane. " + sentence
    assert ("person/jane-roe", "meeting/awm-7") in spoke(extract(text, gaz, ctx(title=AWM), learned=False)), sentence


def test_presiding_over_a_ceremony_with_no_words_reported_is_no_speech(gaz: Gazetteer) -> None:
    text = ("The 7th ASEAN Widget Ministers Meeting opened in Vientiane. Jane Roe presided over the opening "
            "ceremony from Hanoi and is joined online by the other ministers.")
    assert not spoke(extract(text, gaz, ctx(title=AWM), learned=False))


@pytest.mark.parametrize("sentence", [
    "Malaysia has successfully held the rotating chairmanship of the 7th ASEAN Widget Ministers Meeting.",
    "Malaysia is holding the chair of the 7th ASEAN Widget Ministers Meeting for the term to 2025.",
    "Assuming the chairmanship for the 7th ASEAN Widget Ministers Meeting on Monday, Malaysia thanked Laos.",
])
def test_a_state_holding_or_assuming_a_meeting_s_chair_chairs_it(gaz: Gazetteer, sentence: str) -> None:
    ex = extract(sentence, gaz, ctx(title=AWM), learned=False)
    assert rel(ex, "chairState") == {("meeting/awm-7", "state/malaysia")}, sentence


def test_a_person_acting_as_chairperson_in_a_meeting_chairs_it(gaz: Gazetteer) -> None:
    ex = extract("Minister Jane Roe conducted as the chairperson in the 7th ASEAN Widget Ministers Meeting.", gaz,
                 ctx(title=AWM), learned=False)
    assert ("meeting/awm-7", "person/jane-roe") in rel(ex, "chairedBy")
    # a chair held of something that is no meeting named: nothing
    ex = extract("Malaysia held the chairmanship of the widget board in 2020.", gaz, ctx(title=AWM), learned=False)
    assert not rel(ex, "chairState")


def test_a_state_receiving_the_chair_from_another_succeeds_it(gaz: Gazetteer) -> None:
    ex = extract("At the close, Malaysia will receive the role of AWM Chair from Laos.", gaz, ctx(title=AWM),
                 learned=False)
    assert rel(ex, "succeeds") == {("state/malaysia", "state/lao-pdr")}


def chair_states(ex: Extraction) -> set[tuple[str, str]]:
    return {(s, o) for s, o in rel(ex, "chairState") if s.startswith("chairmanship/")}


@pytest.mark.parametrize("sentence", [
    "The widget fair was hosted by Malaysia, coinciding with their chairmanship of ASEAN in 2025.",
    "Delegates praised the widget plans Malaysia made during its 2025 ASEAN Chairmanship.",
])
def test_a_possessive_before_the_asean_chairmanship_of_a_year_stands_for_the_state_before(
        gaz: Gazetteer, sentence: str) -> None:
    ex = extract(sentence, gaz, ctx("2026-01-05"), learned=False)
    assert chair_states(ex) == {("chairmanship/2025", "state/malaysia")}, sentence
    # no year, or no ASEAN: whose chairmanship it is stays unsaid
    for other in ("The fair was hosted by Malaysia, coinciding with their chairmanship of the widget board in 2025.",
                  "The fair was hosted by Malaysia during its chairmanship."):
        assert not chair_states(extract(other, gaz, ctx("2026-01-05"), learned=False)), other


def test_a_person_introduced_as_asean_s_chair_of_a_year_holds_it(gaz: Gazetteer) -> None:
    ex = extract("As the ASEAN's chair in 2025, Jane Roe of Malaysia will open the widget session.", gaz,
                 ctx("2025-01-05"), learned=False)
    assert ("person/jane-roe", "chairmanship/2025") in rel(ex, "holds")


def test_a_vice_chairman_named_without_the_meeting_holds_the_meeting_s_vice_chair(gaz: Gazetteer) -> None:
    # round twelve: "X, <post>, served as the Vice-Chairman" in a report of one meeting
    text = ("The 7th ASEAN Widget Ministers Meeting was held in Vientiane. Jane Roe, Minister of Widgets of Laos, "
            "serves as the Chairman, and John Doe, Minister of Gadgets of Malaysia, served as the Vice-Chairman.")
    ex = extract(text, gaz, ctx(title=AWM), learned=False)
    assert ("meeting/awm-7", "person/jane-roe") in rel(ex, "chairedBy")
    assert ("meeting/awm-7", "person/john-doe") not in rel(ex, "chairedBy")
    assert ("person/john-doe", "post/vice-chair-awm-7") in rel(ex, "holds")
    assert any(m.entity == "post/vice-chair-awm-7" and m.text == "Vice-Chairman" for m in ex.mentions)
    ex = extract("The 7th ASEAN Widget Ministers Meeting opened. Ann Poe, Minister of Cogs of Malaysia was the "
                 "Vice Chair.", gaz, ctx(title=AWM), learned=False)
    assert ("person/ann-poe", "post/vice-chair-awm-7") in rel(ex, "holds")


def test_a_vice_chair_of_something_named_or_in_another_clause_is_not_the_meeting_s(gaz: Gazetteer) -> None:
    for text in ("The 7th ASEAN Widget Ministers Meeting opened. Ann Poe was the Vice Chair of the widget board "
                 "until 2020.",
                 "The 7th ASEAN Widget Ministers Meeting opened. Ann Poe met John Doe, who was the Vice Chair."):
        ex = extract(text, gaz, ctx(title=AWM), learned=False)
        assert ("person/ann-poe", "post/vice-chair-awm-7") not in rel(ex, "holds"), text


@pytest.mark.parametrize("sentence", [
    "Jane Roe addressed the 7th ASEAN Widget Ministers Meeting on the second day.",
    "During her address, she highlighted the need for more widgets.",
    "Jane Roe said in her speech, since the start of the talks, widgets have grown cheaper.",
    # round thirteen: a welcoming speech, a title before the name, a verb of describing
    "In her welcoming speech, Widget Minister Jane Roe said there is work to do.",
    "Widget Minister Jane Roe said in her speech that the widget talks matter.",
    "In her address, Jane Roe described 2024 as a key year for widgets.",
])
def test_addressing_a_meeting_or_words_in_her_speech_make_the_person_a_speaker(gaz: Gazetteer, sentence: str) -> None:
    # round twelve: "X addressed the M", "During her address, she ...", "X said in her speech, ..."
    text = "The 7th ASEAN Widget Ministers Meeting opened in Vientiane. Minister Jane Roe arrived. " + sentence
    assert ("person/jane-roe", "meeting/awm-7") in spoke(extract(text, gaz, ctx(title=AWM), learned=False)), sentence


def test_being_addressed_or_a_speech_elsewhere_is_no_speech_at_the_meeting(gaz: Gazetteer) -> None:
    for sentence in ("The 7th ASEAN Widget Ministers Meeting was addressed in the press by Jane Roe.",
                     "Jane Roe addressed the issue of widgets."):
        text = "The 7th ASEAN Widget Ministers Meeting opened in Vientiane. " + sentence
        assert not spoke(extract(text, gaz, ctx(title=AWM), learned=False)), sentence


def test_presided_by_without_over_names_the_chair(gaz: Gazetteer) -> None:
    # round twelve: "took place in X, presided by Minister Y" (no "over")
    ex = extract("The 7th ASEAN Widget Ministers Meeting took place in Vientiane, presided by Minister of Widgets "
                 "of Laos Jane Roe.", gaz, ctx(title=AWM), learned=False)
    assert ("meeting/awm-7", "person/jane-roe") in rel(ex, "chairedBy")


@pytest.mark.parametrize("sentence, year", [
    # round thirteen: a verb of chairing with ASEAN as its object, and the year
    ("The widget summit met in Perth, with Laos chairing ASEAN in 2031 and guests watching.", 2031),
    ("Laos will lead ASEAN throughout 2031, its ministers said.", 2031),
    ("The widget fund was set up in 2011 when Laos last chaired ASEAN.", 2011),
])
def test_a_state_chairing_or_leading_asean_in_a_year_holds_its_chairmanship(gaz: Gazetteer, sentence: str,
                                                                           year: int) -> None:
    ex = extract(sentence, gaz, ctx("2026-01-05"), learned=False)
    assert chair_states(ex) == {(f"chairmanship/{year}", "state/lao-pdr")}, sentence


def test_leading_asean_without_a_year_or_a_person_who_chairs_it(gaz: Gazetteer) -> None:
    ex = extract("Laos leads ASEAN in widget exports.", gaz, ctx("2026-01-05"), learned=False)
    assert not chair_states(ex)
    ex = extract("Malaysia's widget envoy met Jane Roe, who chairs ASEAN for 2031, in Perth.", gaz,
                 ctx("2026-01-05"), learned=False)
    assert ("person/jane-roe", "chairmanship/2031") in rel(ex, "holds")


@pytest.mark.parametrize("sentence, holder, post", [
    # round thirteen: a state (or the person whose post it closes) as the chair of a body
    ("The widget talks were hosted by Malaysia as the Chair of AWM in 2031.", "state/malaysia",
     "post/chair-awm-2031"),
    ("Laos – the Chair of the AWM – opened the widget fair.", "state/lao-pdr", "post/chair-awm"),
    ("Jane Roe, Minister of Widgets, Malaysia as the Chair of the AWM, opened the fair.", "person/jane-roe",
     "post/chair-awm"),
])
def test_a_state_as_the_chair_of_a_body_holds_it(gaz: Gazetteer, sentence: str, holder: str, post: str) -> None:
    ex = extract(sentence, gaz, ctx("2026-01-05"), learned=False)
    assert (holder, post) in rel(ex, "holds"), rel(ex, "holds")


def test_a_year_after_a_chair_written_after_its_body_stays_the_clause_s(gaz: Gazetteer) -> None:
    ex = extract("The widget minister spoke in her capacity as the AWM chairman in 2031.", gaz, ctx("2026-01-05"),
                 learned=False)
    assert {m.text for m in ex.mentions if m.kind == "Post"} == {"AWM chairman"}


@pytest.mark.parametrize("sentence", [
    # round thirteen: "chair the <series>" of the series whose session the text reports, and "the meetings"
    # after the one meeting the sentence names
    "Manila hosts the 7th ASEAN Widget Ministers Meeting this week. Jane Roe, who will chair the AWM, said so.",
    "At the 7th ASEAN Widget Ministers Meeting, Widget Minister Jane Roe, who chairs the meetings, said it went well.",
])
def test_chairing_the_series_or_the_meetings_is_chairing_the_session_reported(gaz: Gazetteer, sentence: str) -> None:
    ex = extract(sentence, gaz, ctx("2024-10-01"), learned=False)
    assert ("meeting/awm-7", "person/jane-roe") in rel(ex, "chairedBy"), rel(ex, "chairedBy")


def test_chairing_the_series_when_the_sentence_names_another_session_is_unsure(gaz: Gazetteer) -> None:
    ex = extract("The 7th AWM opened. Jane Roe, who will chair the AWM, attended the 3rd ASEAN Widget Summit.", gaz,
                 ctx("2024-10-01"), learned=False)
    assert ("meeting/awm-7", "person/jane-roe") not in rel(ex, "chairedBy")


def test_a_state_s_current_chairmanship_of_asean_or_under_which_an_asean_summit_is_held(gaz: Gazetteer) -> None:
    # round thirteen: "current" between the possessive and the chairmanship; an ASEAN Summit held under it
    for sentence in ("The widget summit closes Malaysia's current Chairmanship of ASEAN.",
                     "Leaders met for the 9th ASEAN Summit in Perth, hosted under Malaysia's current chairmanship."):
        ex = extract(sentence, gaz, ctx("2025-06-05"), learned=False)
        assert chair_states(ex) == {("chairmanship/2025", "state/malaysia")}, sentence
    ex = extract("Malaysia's current chairmanship of the widget board ends.", gaz, ctx("2025-06-05"), learned=False)
    assert not chair_states(ex)


def test_chairing_the_meeting_named_by_its_year_chairs_the_meeting_reported(gaz: Gazetteer) -> None:
    # "Malaysia chaired the 2024 meeting": the meeting the text reports, named by its year and the meeting word
    text = "The 7th ASEAN Widget Ministers Meeting opened in Vientiane. Laos chaired the 2024 meeting."
    ex = extract(text, gaz, ctx(title=AWM), learned=False)
    assert ("meeting/awm-7", "state/lao-pdr") in rel(ex, "chairState")
