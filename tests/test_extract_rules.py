"""The relation rules' general behaviours, on sentences written for these tests (not corpus text),
with a small hand-made gazetteer: no store, no files."""

from __future__ import annotations

import pytest
from extraction_helpers import add_meeting, asean_gazetteer, ctx, members, rel, spoke

from ingest.extract import Context, extract, find_dates, split_sentences
from ingest.gazetteer import Gazetteer, MeetingInfo


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    g = asean_gazetteer()
    g.add("state/malaysia", "MemberState", "Malaysia")
    g.add("state/lao-pdr", "MemberState", "Lao PDR", ["Laos"])
    g.add("state/singapore", "MemberState", "Singapore")
    g.add("state/myanmar", "MemberState", "Myanmar")
    g.add("body/asean-summit", "Body", "ASEAN Summit")
    g.add("body/apsc-council", "Body", "ASEAN Political-Security Community Council", ["APSC Council"])
    g.add("body/acc", "Body", "ASEAN Coordinating Council", ["ACC"])
    g.add("place/vientiane", "City", "Vientiane")
    g.add("place/kuala-lumpur", "City", "Kuala Lumpur")
    for mid, body, n, start, loc in (
        ("meeting/apsc-council-28", "body/apsc-council", 28, "2024-10-08", "place/vientiane"),
        ("meeting/acc-36", "body/acc", 36, "2024-10-08", "place/vientiane"),
        ("meeting/asean-summit-44", "body/asean-summit", 44, "2024-10-09", "place/vientiane"),
        ("meeting/asean-summit-45", "body/asean-summit", 45, "2024-10-10", "place/vientiane"),
    ):
        add_meeting(g, mid, mid, body, n, start, loc)
    g.add("person/jane-roe", "Person", "Jane Roe")
    g.add("person/john-doe", "Person", "John Doe")
    g.add("document/apsc-blueprint-2025", "Blueprint", "APSC Blueprint 2025")
    g.add("document/widget-declaration", "Declaration", "Vientiane Declaration on Widgets")
    g.add("topic/transnational-crime", "Topic", "Transnational crime")
    return g


# ---------------------------------------------------------------------------------------- sentences
def test_a_leading_timestamp_and_the_dateline_are_spans_of_their_own() -> None:
    text = "date 2024-10-08 VIENTIANE, Oct 8 (Agency) -- The council met today."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "date 2024-10-08", "VIENTIANE, Oct 8 (Agency) --", "The council met today."]


def test_a_wrapped_bulleted_item_is_one_line_and_a_page_number_is_not_joined() -> None:
    text = ("The leaders adopted the following documents:\n"
            "Ø A Very Long Declaration on Regional Widgets and Their Uses in the\n"
            "Member States\n"
            "Ø A Short Plan\n"
            "3\n")
    got = [text[s:e] for s, e in split_sentences(text)]
    assert "A Very Long Declaration on Regional Widgets and Their Uses in the\nMember States" in got
    assert "A Short Plan" in got and "3" not in " ".join(got[-1:]).split("\n")[1:]


def test_date_ranges_across_months_and_with_to() -> None:
    assert [(d.value, d.until) for d in find_dates("from July 29 to Aug. 5, 2022")] == [("2022-07-29", "2022-08-05")]
    assert [(d.value, d.until) for d in find_dates("(March 4 to 6)", 2024)] == [("2024-03-04", "2024-03-06")]
    # day and month at both ends, the year once or not at all (then the document's)
    assert [(d.value, d.until) for d in find_dates("met from 30 June to 2 July", 2030)] == \
        [("2030-06-30", "2030-07-02")]
    assert [(d.value, d.until) for d in find_dates("on 30 June–2 July 2030 in Widgetville")] == \
        [("2030-06-30", "2030-07-02")]
    assert find_dates("from 30 June to 2 July") == []  # no year to give it


# ---------------------------------------------------------------------------------------- held in / on
def test_a_meeting_named_twice_in_apposition_is_held_where_and_when_the_sentence_says(gaz: Gazetteer) -> None:
    ex = extract("The Twenty-Eighth APSC Council Meeting (28th APSC Council Meeting) was convened in Vientiane, "
                 "Lao PDR, on 8 October 2024.", gaz, ctx())
    assert ("meeting/apsc-council-28", "place/vientiane") in rel(ex, "location")
    assert ("meeting/apsc-council-28", "2024-10-08") in rel(ex, "startDate")


def test_meetings_listed_with_acronyms_share_the_date_and_the_chair(gaz: Gazetteer) -> None:
    ex = extract("Ms Jane Roe attended the 28th APSC Council Meeting (APSCC) and the 36th ASEAN Coordinating "
                 "Council Meeting (ACCM) that were held on 8 October 2024 and chaired by John Doe.", gaz, ctx())
    for mid in ("meeting/apsc-council-28", "meeting/acc-36"):
        assert (mid, "2024-10-08") in rel(ex, "startDate")
        assert (mid, "person/john-doe") in rel(ex, "chairedBy")
    assert not any(o == "person/jane-roe" for _, o in rel(ex, "chairedBy"))


def test_a_state_is_a_place_after_a_verb_of_meeting_not_in_a_passing_phrase(gaz: Gazetteer) -> None:
    ex = extract("The leaders gathered in Singapore for the 44th ASEAN Summit on 9 October 2024.", gaz, ctx())
    assert ("meeting/asean-summit-44", "state/singapore") in rel(ex, "location")
    ex = extract("The 44th ASEAN Summit was held on 9 October 2024 and discussed the situation in Myanmar.",
                 gaz, ctx())
    assert not any(o == "state/myanmar" for _, o in rel(ex, "location"))


def test_a_date_right_after_a_group_in_a_sentence_of_several_groups(gaz: Gazetteer) -> None:
    ex = extract("The plan, noted by the 28th APSC Council Meeting, was adopted at the 44th and 45th ASEAN Summits "
                 "on 9 October 2024 in Vientiane.", gaz, ctx())
    for mid in ("meeting/asean-summit-44", "meeting/asean-summit-45"):
        assert (mid, "2024-10-09") in rel(ex, "startDate")
        assert (mid, "place/vientiane") in rel(ex, "location")
    assert not any(s == "meeting/apsc-council-28" for s, _ in rel(ex, "startDate"))


def test_here_and_today_are_the_datelines_place_and_day(gaz: Gazetteer) -> None:
    text = "VIENTIANE, Oct 8 (Agency) -- The 28th APSC Council Meeting kicked off here today."
    ex = extract(text, gaz, ctx())
    assert ("meeting/apsc-council-28", "place/vientiane") in rel(ex, "location")
    assert ("meeting/apsc-council-28", "2024-10-08") in rel(ex, "startDate")


def test_the_day_a_meeting_ended_or_another_event_is_not_its_start(gaz: Gazetteer) -> None:
    ex = extract("The 44th ASEAN Summit concluded in Vientiane on 11 October 2024.", gaz, ctx())
    assert not rel(ex, "startDate")
    ex = extract("The 28th APSC Council Meeting was preceded by a senior officials' meeting on 7 October 2024.",
                 gaz, ctx())
    assert not rel(ex, "startDate")


# ---------------------------------------------------------------------------------------- chairs
def test_chaired_by_verbs_states_and_as_chair(gaz: Gazetteer) -> None:
    assert ("meeting/apsc-council-28", "person/jane-roe") in rel(
        extract("Jane Roe will chair the 28th APSC Council Meeting in Vientiane.", gaz, ctx()), "chairedBy")
    assert ("meeting/apsc-council-28", "state/lao-pdr") in rel(
        extract("Lao PDR chaired the 28th APSC Council Meeting.", gaz, ctx()), "chairState")
    ex = extract("The 28th APSC Council Meeting opened today. In her remarks as chair of the meeting, Jane Roe "
                 "called for calm.", gaz, Context("28th APSC Council Meeting", "NewsReport", "2024-10-08"))
    assert ("meeting/apsc-council-28", "person/jane-roe") in rel(ex, "chairedBy")


def test_asean_chaired_by_a_state_is_a_chairmanship_not_a_meeting_chair(gaz: Gazetteer) -> None:
    ex = extract("The 28th APSC Council Meeting noted that ASEAN will be chaired by Malaysia in 2025.", gaz, ctx())
    assert not rel(ex, "chairState") - {(s, o) for s, o in rel(ex, "chairState") if s.startswith("chairmanship")}
    assert any(s.startswith("chairmanship") and o == "state/malaysia" for s, o in rel(ex, "chairState"))


@pytest.mark.parametrize("sentence", [
    "The ministers praised Laos as the Chair of ASEAN for 2024.",
    "Laos is the chair of ASEAN for 2024.",
    "They thanked Laos as Asean Chairman in 2024.",
    "The summit took place under Laos's 2024 chairmanship.",
    "The ministers praised Laos' role as the 2024 ASEAN Chair.",
])
def test_chairmanship_cues(gaz: Gazetteer, sentence: str) -> None:
    ex = extract(sentence, gaz, ctx())
    assert any(o == "state/lao-pdr" and s.endswith("2024") for s, o in rel(ex, "chairState")), sentence


# ---------------------------------------------------------------------------------------- spoke at
def test_speaking_at_the_opening_ceremony_of_the_reported_meeting(gaz: Gazetteer) -> None:
    context = Context("28th APSC Council Meeting opens", "NewsReport", "2024-10-08")
    ex = extract("The 28th APSC Council Meeting opened in Vientiane. Speaking at the opening ceremony, Jane Roe "
                 "urged unity.", gaz, context)
    at = rel(ex, "deliveredAt")
    by = rel(ex, "deliveredBy")
    assert any(m == "meeting/apsc-council-28" and (r, "person/jane-roe") in by for r, m in at)


def test_opening_a_meeting_is_speaking_at_it_but_being_opened_by_is_not_read_twice(gaz: Gazetteer) -> None:
    ex = extract("John Doe will open the 44th ASEAN Summit tomorrow.", gaz, ctx())
    assert any(m == "meeting/asean-summit-44" for _, m in rel(ex, "deliveredAt"))
    assert any(p == "person/john-doe" for _, p in rel(ex, "deliveredBy"))


# ---------------------------------------------------------------------------------------- adopted
def test_adopted_by_the_reported_meeting_only_when_the_sentence_says_who(gaz: Gazetteer) -> None:
    context = Context("28th APSC Council Meeting", "NewsReport", "2024-10-08")
    ex = extract("The 28th APSC Council Meeting met in Vientiane. The Ministers adopted the Vientiane Declaration "
                 "on Widgets.", gaz, context)
    assert ("document/widget-declaration", "meeting/apsc-council-28") in rel(ex, "adoptedAt")
    ex = extract("The 28th APSC Council Meeting met in Vientiane. The bloc was founded in 1967 with the signing of "
                 "the Vientiane Declaration on Widgets.", gaz, context)
    assert not rel(ex, "adoptedAt") and not rel(ex, "signedAt")


def test_an_adopted_list_ends_at_a_full_sentence(gaz: Gazetteer) -> None:
    text = ("The 44th ASEAN Summit was held in Vientiane on 9 October 2024.\n"
            "We adopted the following documents:\n"
            "• Vientiane Declaration on Widgets\n"
            "On other matters, the Leaders reaffirmed the importance of the APSC Blueprint 2025.\n")
    ex = extract(text, gaz, Context("Chairman's Statement of the 44th ASEAN Summit", "ChairmansStatement",
                                    "2024-10-09"))
    assert ("document/widget-declaration", "meeting/asean-summit-44") in rel(ex, "adoptedAt")
    assert ("document/apsc-blueprint-2025", "meeting/asean-summit-44") not in rel(ex, "adoptedAt")


def test_years_inside_names_and_document_periods_are_not_history(gaz: Gazetteer) -> None:
    context = Context("28th APSC Council Meeting", "NewsReport", "2024-10-08")
    ex = extract("The 28th APSC Council Meeting met in Vientiane. The documents adopted during the meeting are the "
                 "APSC Blueprint 2025 (2016-2025) and the Vientiane Declaration on Widgets.", gaz, context)
    assert {("document/apsc-blueprint-2025", "meeting/apsc-council-28"),
            ("document/widget-declaration", "meeting/apsc-council-28")} <= rel(ex, "adoptedAt")


# ---------------------------------------------------------------------------------------- reviews
def test_progress_in_the_implementation_of_a_document_is_its_review(gaz: Gazetteer) -> None:
    context = Context("28th APSC Council Meeting", "NewsReport", "2024-10-08")
    ex = extract("The 28th APSC Council Meeting met in Vientiane. The Ministers commended the steady progress in "
                 "the implementation of the APSC Blueprint 2025.", gaz, context)
    assert ("meeting/apsc-council-28", "document/apsc-blueprint-2025") in rel(ex, "reviews")
    ex = extract("The 28th APSC Council Meeting reviewed the work of the sectoral bodies and of their many partners "
                 "across the region and the implementation of the APSC Blueprint 2025.", gaz, ctx())
    assert ("meeting/apsc-council-28", "document/apsc-blueprint-2025") in rel(ex, "reviews")
    ex = extract("The 28th APSC Council Meeting met in Vientiane. Malaysia reported progress in the implementation "
                 "of the APSC Blueprint 2025.", gaz, context)
    assert not rel(ex, "reviews")


# ---------------------------------------------------------------------------------------- more places and chairs
def test_a_place_after_the_month_of_a_meeting_or_after_its_session(gaz: Gazetteer) -> None:
    ex = extract("The plan was adopted at the 44th ASEAN Summit in October 2024 in Vientiane.", gaz, ctx())
    assert ("meeting/asean-summit-44", "place/vientiane") in rel(ex, "location")
    assert not rel(ex, "startDate")
    ex = extract("Delegates at the 28th APSC Council Meeting plenary session in Vientiane discussed widgets.",
                 gaz, ctx())
    assert ("meeting/apsc-council-28", "place/vientiane") in rel(ex, "location")


def test_the_meeting_chaired_by_the_reported_group_a_state_chairmanship_and_a_host_after_a_post(
        gaz: Gazetteer) -> None:
    ex = extract("The 44th and 45th ASEAN Summits were held in Vientiane on 9 October 2024. The meeting was "
                 "chaired by Jane Roe.", gaz, Context("44th and 45th ASEAN Summits", "NewsReport", "2024-10-09"))
    for mid in ("meeting/asean-summit-44", "meeting/asean-summit-45"):
        assert (mid, "person/jane-roe") in rel(ex, "chairedBy")
    ex = extract("The 44th ASEAN Summit, held under Laos' Chairmanship of ASEAN, opened today.", gaz, ctx())
    assert ("meeting/asean-summit-44", "state/lao-pdr") in rel(ex, "chairState")
    ex = extract("The 28th APSC Council Meeting was hosted by Minister of Foreign Affairs of Malaysia Jane Roe.",
                 gaz, ctx())
    assert ("meeting/apsc-council-28", "person/jane-roe") in rel(ex, "chairedBy")


def test_a_retired_rank_between_a_name_and_its_post(gaz: Gazetteer) -> None:
    ex = extract("General John Doe (Ret.), Prime Minister of Malaysia, opened the summit.", gaz, ctx())
    assert any(p == "person/john-doe" for p, _ in rel(ex, "holds"))


# ---------------------------------------------------------------------------------------- topics, side meetings
def test_a_topic_inside_a_name_is_not_what_the_meeting_addresses(gaz: Gazetteer) -> None:
    ex = extract("The 28th APSC Council Meeting welcomed the Plan of Action in Combating Transnational Crime.",
                 gaz, ctx())
    assert ("meeting/apsc-council-28", "topic/transnational-crime") not in rel(ex, "addresses")
    ex = extract("The 28th APSC Council Meeting discussed transnational crime.", gaz, ctx())
    assert ("meeting/apsc-council-28", "topic/transnational-crime") in rel(ex, "addresses")


def test_meetings_held_before_or_ahead_of_another_are_held_with_it(gaz: Gazetteer) -> None:
    for sentence in ("The 44th ASEAN Summit was preceded by the 28th APSC Council Meeting.",
                     "Ahead of the 44th ASEAN Summit, the ministers held the 28th APSC Council Meeting.",
                     "The ministers held the 28th APSC Council Meeting ahead of the 44th ASEAN Summit."):
        ex = extract(sentence, gaz, ctx())
        assert rel(ex, "inConjunctionWith") == {("meeting/apsc-council-28", "meeting/asean-summit-44")}, sentence


def test_speaking_at_the_plenary_when_a_past_meeting_is_named_too(gaz: Gazetteer) -> None:
    context = Context("45th ASEAN Summit", "NewsReport", "2024-10-10")
    ex = extract("The 45th ASEAN Summit opened in Vientiane. Speaking at the plenary session, Jane Roe listed the "
                 "results achieved since the 44th ASEAN Summit.", gaz, context)
    at = rel(ex, "deliveredAt")
    by = rel(ex, "deliveredBy")
    assert any(m == "meeting/asean-summit-45" and (r, "person/jane-roe") in by for r, m in at)
    assert not any(m == "meeting/asean-summit-44" for _, m in at)


def test_a_document_addresses_the_topics_its_title_names(gaz: Gazetteer) -> None:
    ex = extract("The 28th APSC Council Meeting welcomed the Plan of Action in Combating Transnational Crime.",
                 gaz, ctx())
    assert any(d.startswith("document/") and t == "topic/transnational-crime" for d, t in rel(ex, "addresses"))
    # a title the gazetteer knows whole is read for its topics too
    g = Gazetteer()
    g.add("document/widget-crime-declaration", "Declaration", "Vientiane Declaration on Transnational Crime")
    g.add("topic/transnational-crime", "Topic", "Transnational crime")
    g.add("topic/regional-integration", "Topic", "Regional integration")
    ex = extract("The ministers noted the Vientiane Declaration on Transnational Crime.", g, ctx())
    assert ("document/widget-crime-declaration", "topic/transnational-crime") in rel(ex, "addresses")
    # a topic too general to be one (cues.yaml generic_topics) is not addressed
    g.add("document/integration-plan", "WorkPlan", "Work Plan on Regional Integration")
    ex = extract("The ministers noted the Work Plan on Regional Integration.", g, ctx())
    assert not any(t == "topic/regional-integration" for _, t in rel(ex, "addresses"))
    # a topic naming a meeting inside the title is what the meeting is about, not the document
    g.add("document/js", "Statement", "Joint Statement of the Third Ministerial Meeting on Transnational Crime")
    ex = extract("The Joint Statement of the Third Ministerial Meeting on Transnational Crime was issued.", g, ctx())
    assert ("document/js", "topic/transnational-crime") not in rel(ex, "addresses")


def test_a_day_and_month_without_a_year_in_the_text_is_no_held_on_date_of_a_known_meeting(gaz: Gazetteer) -> None:
    ex = extract("The 28th APSC Council Meeting was held in Vientiane on October 8.", gaz, ctx())
    assert not rel(ex, "startDate")
    assert ("meeting/apsc-council-28", "place/vientiane") in rel(ex, "location")
    ex = extract("The 28th APSC Council Meeting was held in Vientiane on 8 October 2024.", gaz, ctx())
    assert rel(ex, "startDate") == {("meeting/apsc-council-28", "2024-10-08")}


def test_chaired_by_at_the_head_of_a_sentence_and_co_chairs_listed(gaz: Gazetteer) -> None:
    context = Context("28th APSC Council Meeting", "NewsReport", "2024-10-08")
    ex = extract("The 28th APSC Council Meeting opened in Vientiane. Chaired by Jane Roe, the video conference was "
                 "attended by all ministers.", gaz, context)
    assert ("meeting/apsc-council-28", "person/jane-roe") in rel(ex, "chairedBy")
    ex = extract("The 28th APSC Council Meeting was co-chaired by H.E. Jane Roe, Minister of Foreign Affairs of "
                 "Malaysia; and H.E. John Doe, Prime Minister of Singapore.", gaz, ctx())
    assert {("meeting/apsc-council-28", "person/jane-roe"),
            ("meeting/apsc-council-28", "person/john-doe")} <= rel(ex, "chairedBy")
    ex = extract("The 28th APSC Council Meeting was chaired by Jane Roe and attended by John Doe.", gaz, ctx())
    assert ("meeting/apsc-council-28", "person/john-doe") not in rel(ex, "chairedBy")


def test_chairing_a_meeting_named_with_a_hyphenated_adjective(gaz: Gazetteer) -> None:
    context = Context("28th APSC Council Meeting", "NewsReport", "2024-10-08")
    ex = extract("The 28th APSC Council Meeting opens on Tuesday. Jane Roe will chair the high-level meeting "
                 "attended by ministers.", gaz, context)
    assert ("meeting/apsc-council-28", "person/jane-roe") in rel(ex, "chairedBy")


def test_a_list_of_adopted_documents_run_on_after_the_following(gaz: Gazetteer) -> None:
    context = Context("28th APSC Council Meeting", "NewsReport", "2024-10-08")
    ex = extract("The 28th APSC Council Meeting opened in Vientiane. The meeting endorsed and adopted the following: "
                 "the APSC Blueprint 2025; the Vientiane Declaration on Widgets; and other papers.", gaz, context)
    assert {("document/apsc-blueprint-2025", "meeting/apsc-council-28"),
            ("document/widget-declaration", "meeting/apsc-council-28")} <= rel(ex, "adoptedAt")


# ---------------------------------------------------------------------------------------- round four
def test_a_meeting_addresses_every_topic_of_the_vocabulary_and_a_title_only_its_topics(gaz: Gazetteer) -> None:
    """Round five: a topic outside the annotation guide's list (here "widget weather") is addressed
    too (the corpus scorer leaves it unscored); a title gives its topics, not the other names inside it."""
    g = Gazetteer()
    g.add("body/apsc-council", "Body", "ASEAN Political-Security Community Council", ["APSC Council"])
    g.add("meeting/apsc-council-28", "Meeting", "meeting/apsc-council-28")
    g.add_meeting(MeetingInfo("meeting/apsc-council-28", "body/apsc-council", 28, "2024-10-08", None))
    g.add("topic/transnational-crime", "Topic", "transnational crime")
    g.add("topic/widget-weather", "Topic", "widget weather")
    g.add("org/widget-union", "Organization", "Widget Union")
    g.add("document/charter", "Charter", "Charter of the Widget Union on Widget Weather")
    context = Context("28th APSC Council Meeting", "NewsReport", "2024-10-08")
    ex = extract("The 28th APSC Council Meeting discussed transnational crime and widget weather.", g, context)
    assert {("meeting/apsc-council-28", "topic/transnational-crime"),
            ("meeting/apsc-council-28", "topic/widget-weather")} <= rel(ex, "addresses")
    ex = extract("The ministers noted the Charter of the Widget Union on Widget Weather.", g, context)
    assert {o for d, o in rel(ex, "addresses") if d == "document/charter"} == {"topic/widget-weather"}


def test_a_range_after_from_is_the_meeting_s_days_and_a_spaced_ordinal_is_an_ordinal(gaz: Gazetteer) -> None:
    ex = extract("The 28th APSC Council Meeting was held in Vientiane from 7 to 8 October 2024.", gaz, ctx())
    assert ("meeting/apsc-council-28", "2024-10-07") in rel(ex, "startDate")
    ex = extract("Nothing has changed in the council from 7 October 2024, said the 28th APSC Council Meeting.",
                 gaz, ctx())
    assert not rel(ex, "startDate")
    ex = extract("Ministers gathered in Vientiane for the 28 th APSC Council Meeting on 8 October 2024.", gaz, ctx())
    assert ("meeting/apsc-council-28", "place/vientiane") in rel(ex, "location")


def test_meetings_with_acronyms_and_associated_meetings_are_one_group(gaz: Gazetteer) -> None:
    ex = extract("The 28th APSC Council Meeting (28th APSC) and the 36th ACC concluded today in Vientiane.", gaz, ctx())
    assert {("meeting/apsc-council-28", "place/vientiane"), ("meeting/acc-36", "place/vientiane")} <= \
        rel(ex, "location")
    ex = extract("The 28th APSC Council Meeting, its associated meetings, and the 36th ACC opened in Vientiane on "
                 "8 October 2024.", gaz, ctx())
    assert ("meeting/acc-36", "place/vientiane") in rel(ex, "location")


def test_our_numbered_meeting_is_the_reported_one_only_with_its_own_ordinal(gaz: Gazetteer) -> None:
    context = Context("28th APSC Council Meeting", "Statement", "2024-10-08")
    ex = extract("The 28th APSC Council Meeting issued this. We held our 28th Meeting on 8 October 2024 in "
                 "Vientiane.", gaz, context)
    assert ("meeting/apsc-council-28", "place/vientiane") in rel(ex, "location")
    ex = extract("The 28th APSC Council Meeting issued this. We held our 27th Meeting on 8 October 2023 in "
                 "Kuala Lumpur.", gaz, context)
    assert ("meeting/apsc-council-28", "place/kuala-lumpur") not in rel(ex, "location")


def test_a_city_of_a_state_written_with_the_possessive(gaz: Gazetteer) -> None:
    ex = extract("The 28th APSC Council Meeting opened in Laos' capital city of Vientiane on 8 October 2024.",
                 gaz, ctx())
    assert ("meeting/apsc-council-28", "place/vientiane") in rel(ex, "location")
    assert ("place/vientiane", "state/lao-pdr") in rel(ex, "containedIn")


def test_chairs_named_after_a_title_ending_in_a_state_and_as_chair_of_the_meeting(gaz: Gazetteer) -> None:
    ex = extract("The 28th APSC Council Meeting was presided over by the Minister of Widgets Malaysia, "
                 "Dato' Seri Jane Roe at a hotel.", gaz, ctx())
    assert ("meeting/apsc-council-28", "person/jane-roe") in rel(ex, "chairedBy")
    assert not rel(ex, "chairState")
    ex = extract("In her speech, Singapore's Foreign Minister and Chair of the 28th APSC Council Meeting, H.E. "
                 "Jane Roe, spoke of widgets.", gaz, ctx())
    assert ("meeting/apsc-council-28", "person/jane-roe") in rel(ex, "chairedBy")
    assert ("person/jane-roe", "post/singapore-foreign-minister") in rel(ex, "holds")
    ex = extract("John Doe, Chair of the 36th ACC, said nothing.", gaz, ctx())
    assert ("meeting/acc-36", "person/john-doe") in rel(ex, "chairedBy")
    ex = extract("Jane Roe said she would attend, as chair of the 36th ACC, with John Doe.", gaz, ctx())
    assert ("meeting/acc-36", "person/john-doe") not in rel(ex, "chairedBy")


def test_the_meeting_which_he_chaired_is_chaired_by_the_speaker(gaz: Gazetteer) -> None:
    context = Context("28th APSC Council Meeting", "NewsReport", "2024-10-08")
    ex = extract("The 28th APSC Council Meeting opened today. John Doe spoke first. The meeting, which he chaired, "
                 "lasted two hours.", gaz, context)
    assert ("meeting/apsc-council-28", "person/john-doe") in rel(ex, "chairedBy")


def test_fronted_in_conjunction_with_and_related_meetings_listed(gaz: Gazetteer) -> None:
    context = Context("44th ASEAN Summit", "NewsReport", "2024-10-09")
    ex = extract("The 44th ASEAN Summit opened today. In conjunction with the ASEAN Summit, related meetings will "
                 "also be held, namely the 28th APSC Council Meeting and the 36th ACC.", gaz, context)
    assert {("meeting/apsc-council-28", "meeting/asean-summit-44"),
            ("meeting/acc-36", "meeting/asean-summit-44")} <= rel(ex, "inConjunctionWith")
    ex = extract("The 44th ASEAN Summit opened today. Other related meetings include the 28th APSC Council "
                 "Meeting and the 36th ACC.", gaz, context)
    assert ("meeting/acc-36", "meeting/asean-summit-44") in rel(ex, "inConjunctionWith")
    context = Context("28th APSC Council Meeting", "NewsReport", "2024-10-08")
    ex = extract("The 28th APSC Council Meeting opened today. The meeting is one of several engagements leading up "
                 "to the 44th ASEAN Summit.", gaz, context)
    assert ("meeting/apsc-council-28", "meeting/asean-summit-44") in rel(ex, "inConjunctionWith")


def test_a_list_item_whose_document_is_not_found_keeps_the_list_running(gaz: Gazetteer) -> None:
    context = Context("44th ASEAN Summit", "ChairmansStatement", "2024-10-09")
    ex = extract("We adopted the following documents at the 44th ASEAN Summit:\n"
                 "a. Widget Guidelines of Nobody in Particular;\n"
                 "b. APSC Blueprint 2025 as revised under the Vientiane Declaration on Widgets; and\n"
                 "c. Nothing else.", gaz, context)
    adopted = rel(ex, "adoptedAt")
    assert ("document/apsc-blueprint-2025", "meeting/asean-summit-44") in adopted
    assert ("document/widget-declaration", "meeting/asean-summit-44") not in adopted


def test_an_intervention_delivered_at_a_meeting_is_spoken_there(gaz: Gazetteer) -> None:
    ex = extract("In her intervention delivered at the 28th APSC Council Meeting, Jane Roe spoke of widgets.",
                 gaz, ctx())
    spoken = {r for r, m in rel(ex, "deliveredAt") if m == "meeting/apsc-council-28"}
    assert spoken and all((r, "person/jane-roe") in rel(ex, "deliveredBy") for r in spoken)


def test_a_state_taking_over_a_chairmanship_from_another_succeeds_it(gaz: Gazetteer) -> None:
    ex = extract("In May 2024, Malaysia took over the chairmanship of the widget council from Singapore.", gaz, ctx())
    assert ("state/malaysia", "state/singapore") in rel(ex, "succeeds")
    ex = extract("Concluding the meeting, Myanmar handed over the chairmanship of the council to Laos.", gaz, ctx())
    assert ("state/lao-pdr", "state/myanmar") in rel(ex, "succeeds")
    ex = extract("Malaysia took over widget exports from Singapore.", gaz, ctx())
    assert not rel(ex, "succeeds")


def test_a_dateline_ending_in_a_colon_is_a_span_of_its_own() -> None:
    text = "VIENTIANE: The council met today. Widgets Summit: a headline, not a dateline."
    assert [text[s:e] for s, e in split_sentences(text)][0] == "VIENTIANE:"
    text = "Vientiane, Oct 8 (Agency): The council met today."
    assert [text[s:e] for s, e in split_sentences(text)][0] == "Vientiane, Oct 8 (Agency):"
    text = "Widget Summit: the council met today."
    assert [text[s:e] for s, e in split_sentences(text)][0] == text


def test_a_former_office_is_not_held(gaz: Gazetteer) -> None:
    ex = extract("Malaysia's Former Prime Minister Jane Roe and Singapore's Prime Minister John Doe met.", gaz, ctx())
    assert ("person/john-doe", "post/singapore-prime-minister") in rel(ex, "holds")
    assert not any(p == "person/jane-roe" for p, _ in rel(ex, "holds"))


def test_a_report_that_will_assess_a_plan_is_no_review_by_the_meeting(gaz: Gazetteer) -> None:
    context = Context("28th APSC Council Meeting", "NewsReport", "2024-10-08")
    ex = extract("The 28th APSC Council Meeting opened. The forthcoming Vientiane Declaration on Widgets will assess "
                 "the progress of the APSC Blueprint 2025.", gaz, context)
    assert not rel(ex, "reviews")
    ex = extract("The 28th APSC Council Meeting opened. The ministers will assess the APSC Blueprint 2025.", gaz,
                 context)
    assert ("meeting/apsc-council-28", "document/apsc-blueprint-2025") in rel(ex, "reviews")


def test_a_city_that_hosts_a_meeting_is_its_place(gaz: Gazetteer) -> None:
    ex = extract("Next year, Vientiane will host the 28th APSC Council Meeting and the 36th ACC.", gaz, ctx())
    assert {("meeting/apsc-council-28", "place/vientiane"), ("meeting/acc-36", "place/vientiane")} <= \
        rel(ex, "location")


def test_a_second_role_between_a_post_and_its_holder(gaz: Gazetteer) -> None:
    ex = extract("Minister of Foreign Affairs of Malaysia and the Widget Chair, Jane Roe, spoke first.", gaz, ctx())
    assert ("person/jane-roe", "post/malaysia-foreign-minister") in rel(ex, "holds")


def test_a_meeting_scheduled_for_a_date_in_a_place(gaz: Gazetteer) -> None:
    # the rules alone: the learned relation layer (on by default) also pairs Vientiane with the meeting the
    # document reports here, a known error of the layer (docs/ingest.md "A learned relation layer")
    ex = extract("The 28th APSC Council Meeting prepared papers for the 44th ASEAN Summit, scheduled for "
                 "9-10 October 2024 in Vientiane.", gaz, ctx(), learned=False)
    assert ("meeting/asean-summit-44", "place/vientiane") in rel(ex, "location")
    assert ("meeting/apsc-council-28", "place/vientiane") not in rel(ex, "location")


def test_the_unnamed_chair_is_the_person_last_named(gaz: Gazetteer) -> None:
    context = Context("28th APSC Council Meeting", "NewsReport", "2024-10-08")
    ex = extract("John Doe arrived on Monday. The Malaysian minister chaired the 28th APSC Council Meeting.", gaz,
                 context)
    assert ("meeting/apsc-council-28", "person/john-doe") in rel(ex, "chairedBy")
    ex = extract("The 28th APSC Council Meeting opened. John Doe spoke. \u201cAll is well in Malaysia,\u201d he said "
                 "after chairing the APSC retreat.", gaz, context)
    assert ("meeting/apsc-council-28", "person/john-doe") in rel(ex, "chairedBy")
    assert not rel(ex, "chairState")


def test_a_post_held_as_or_by_a_title_standing_for_the_person(gaz: Gazetteer) -> None:
    ex = extract("The meeting was chaired by Jane Roe as Minister of Foreign Affairs of Malaysia.", gaz, ctx())
    assert ("person/jane-roe", "post/malaysia-foreign-minister") in rel(ex, "holds")
    ex = extract("John Doe arrived. The National Widget Chief is the Minister of Foreign Affairs of Singapore.", gaz,
                 ctx())
    assert ("person/john-doe", "post/singapore-foreign-minister") in rel(ex, "holds")
    ex = extract("John Doe arrived. The talks were about the Minister of Foreign Affairs of Singapore.", gaz, ctx())
    assert ("person/john-doe", "post/singapore-foreign-minister") not in rel(ex, "holds")


def test_a_dateline_after_a_headline_and_one_without_a_dash() -> None:
    text = "Widgets for all, says council\nVIENTIANE, Oct 8 (Agency) -- The council met today."
    assert "VIENTIANE, Oct 8 (Agency) --" in [text[s:e] for s, e in split_sentences(text)]
    text = "Vientiane, Oct 8 (Agency) The council met today."
    assert [text[s:e] for s, e in split_sentences(text)][0] == "Vientiane, Oct 8 (Agency)"
    text = "The Widget Council (WC) Met today in Vientiane."
    assert [text[s:e] for s, e in split_sentences(text)] == [text]


def test_commending_the_implementation_of_a_plan_is_reviewing_it(gaz: Gazetteer) -> None:
    context = Context("28th APSC Council Meeting", "JointCommunique", "2024-10-08")
    ex = extract("We commended the implementation of the APSC Blueprint 2025.", gaz, context)
    assert ("meeting/apsc-council-28", "document/apsc-blueprint-2025") in rel(ex, "reviews")
    ex = extract("We reaffirmed our commitment to the implementation of the APSC Blueprint 2025.", gaz, context)
    assert not rel(ex, "reviews")


def test_an_endorsed_document_named_in_passing_is_not_adopted_there(gaz: Gazetteer) -> None:
    ex = extract("At the 28th APSC Council Meeting the ministers recalled the two endorsed APSC Blueprint 2025 "
                 "papers.", gaz, ctx())
    assert not rel(ex, "adoptedAt")
    ex = extract("At the 28th APSC Council Meeting the ministers endorsed the APSC Blueprint 2025.", gaz, ctx())
    assert ("document/apsc-blueprint-2025", "meeting/apsc-council-28") in rel(ex, "adoptedAt")


def test_a_weekday_is_the_dateline_s_day_only_when_it_falls_on_it(gaz: Gazetteer) -> None:
    context = Context("28th APSC Council Meeting", "NewsReport", "2024-10-08")
    ex = extract("Widgets agreed\nVIENTIANE, 8 October 2024 -- The 28th APSC Council Meeting was held here on Tuesday.",
                 gaz, context)
    assert ("meeting/apsc-council-28", "2024-10-08") in rel(ex, "startDate")
    ex = extract("Widgets agreed\nVIENTIANE, 8 October 2024 -- The 28th APSC Council Meeting was held here on "
                 "Wednesday.", gaz, context)
    assert ("meeting/apsc-council-28", "2024-10-08") not in rel(ex, "startDate")


def test_a_region_written_with_its_country_places_the_meeting_in_the_country(gaz: Gazetteer) -> None:
    ex = extract("The 44th ASEAN Summit was held in Sabah, Malaysia on 9 October 2024.", gaz, ctx())
    assert ("meeting/asean-summit-44", "state/malaysia") in rel(ex, "location")
    ex = extract("Malaysia took over the chair during the 45th ASEAN Summit in Langkawi, Malaysia.", gaz, ctx())
    assert ("meeting/asean-summit-45", "state/malaysia") in rel(ex, "location")
    # a city is the place itself, and an unknown name before the country is no region of the list
    ex = extract("The 44th ASEAN Summit was held in Kuala Lumpur, Malaysia on 9 October 2024.", gaz, ctx())
    assert ("meeting/asean-summit-44", "place/kuala-lumpur") in rel(ex, "location")
    assert ("meeting/asean-summit-44", "state/malaysia") not in rel(ex, "location")
    ex = extract("The 44th ASEAN Summit was held in Widgetville, Malaysia on 9 October 2024.", gaz, ctx())
    assert ("meeting/asean-summit-44", "state/malaysia") not in rel(ex, "location")
    ex = extract("The 44th ASEAN Summit was held at the Grand Widget Convention Centre, Kedah, Malaysia on "
                 "9 October 2024.", gaz, ctx())
    assert ("meeting/asean-summit-44", "state/malaysia") in rel(ex, "location")


def test_a_dateline_opening_the_first_paragraph_below_crumbs_and_a_caption() -> None:
    para = ("VIENTIANE, 8 October 2024 – The 28th APSC Council Meeting was convened today and was attended by the "
            "ministers of all member states.")
    text = "Widget news\n\nHome > News > Widgets\n\nCouncil meets on widgets\n\nPhoto of the day\n\n" + para
    spans = [text[s:e] for s, e in split_sentences(text)]
    assert "VIENTIANE, 8 October 2024 –" in spans
    # a short line with a dash that far down is a heading, not a dateline
    text = "Widget news\n\nHome > News\n\nCouncil\n\nPhoto\n\nASEAN – Widgets\n\nThe council met."
    assert "ASEAN –" not in [text[s:e] for s, e in split_sentences(text)]


def test_today_is_the_datelines_place_in_a_press_release_not_in_a_news_report(gaz: Gazetteer) -> None:
    text = "VIENTIANE, 8 October 2024 – The 28th APSC Council Meeting was convened today by the ministers."
    ex = extract(text, gaz, Context("", "PressRelease", "2024-10-08"))
    assert ("meeting/apsc-council-28", "place/vientiane") in rel(ex, "location")
    text = "KUALA LUMPUR, Oct 8 (Agency) -- The 28th APSC Council Meeting starting today will discuss widgets."
    ex = extract(text, gaz, ctx())
    assert ("meeting/apsc-council-28", "place/kuala-lumpur") not in rel(ex, "location")


def test_a_state_assuming_the_asean_chairship_holds_the_chair(gaz: Gazetteer) -> None:
    def chairs(text: str) -> set[tuple[str, str]]:
        return rel(extract(text, gaz, ctx()), "chairState")

    assert ("chairmanship/2024", "state/lao-pdr") in chairs("Widgets are a priority under Laos' ASEAN Chairship.")
    assert ("chairmanship/2024", "state/lao-pdr") in chairs(
        "Laos has officially assumed its chairship of the Association of Southeast Asian Nations (ASEAN).")
    assert ("chairmanship/2025", "state/malaysia") in chairs("Malaysia will take over the ASEAN Chairmanship in 2025.")
    assert ("chairmanship/2030", "state/malaysia") in chairs(
        "The ministers thanked Malaysia for assuming the ASEAN Chairmanship in 2030.")
    assert ("chairmanship/2031", "state/malaysia") in chairs(
        "As Malaysia takes on the Chairmanship of ASEAN 2031, widgets come first.")
    # another body's chairmanship, or one whose body the sentence does not say
    assert not chairs("Malaysia took over the chairmanship of ASEAN Widget Ministers from Laos.")
    assert not chairs("Malaysia assumed the chairmanship on Monday.")
    assert not chairs("Malaysia took on the chairmanship of the widget council for 2030.")


def test_a_meeting_the_sentence_does_not_name_keeps_its_own_date(gaz: Gazetteer) -> None:
    ex = extract("A ministerial dialogue between the APSC Council and the ACC was also held on 9 October 2024.",
                 gaz, ctx())
    assert not rel(ex, "startDate") & {("meeting/apsc-council-28", "2024-10-09"), ("meeting/acc-36", "2024-10-09")}
    ex = extract("Preparatory meetings will be held from 6 to 7 October 2024, including the 36th ACC.", gaz, ctx())
    assert not any(s == "meeting/acc-36" for s, _ in rel(ex, "startDate"))
    # a named meeting that is the subject keeps its date
    ex = extract("The 36th ACC was also held on 9 October 2024 with a dialogue between ministers.", gaz, ctx())
    assert ("meeting/acc-36", "2024-10-09") in rel(ex, "startDate")


# ---------------------------------------------------------------------------------------- round five
def test_will_take_place_and_organised_say_a_meeting_is_held(gaz: Gazetteer) -> None:
    ex = extract("The 28th APSC Council Meeting will take place in Vientiane on 7 October 2024.", gaz, ctx())
    assert ("meeting/apsc-council-28", "2024-10-07") in rel(ex, "startDate")
    assert ("meeting/apsc-council-28", "place/vientiane") in rel(ex, "location")
    ex = extract("Ministers joined the 28th APSC Council Meeting organised online on 7 October 2024.", gaz, ctx())
    assert ("meeting/apsc-council-28", "2024-10-07") in rel(ex, "startDate")


def test_a_date_after_to_be_held_is_that_group_s(gaz: Gazetteer) -> None:
    ex = extract("Ministers met for the 28th APSC Council Meeting on 7 October 2024, ahead of the 44th ASEAN Summit "
                 "to be held on 9 October 2024 in Vientiane.", gaz, ctx())
    assert ("meeting/asean-summit-44", "2024-10-09") in rel(ex, "startDate")
    assert ("meeting/asean-summit-44", "place/vientiane") in rel(ex, "location")
    assert ("meeting/apsc-council-28", "2024-10-09") not in rel(ex, "startDate")


def test_a_meeting_another_one_prepares_does_not_take_its_date(gaz: Gazetteer) -> None:
    context = Context("28th APSC Council Meeting", "NewsReport", "2024-10-08")
    for sentence in ("The council met on 2 October 2024 to make preparations for the 44th ASEAN Summit.",
                     "The Meeting was followed by a preparatory senior officials' session for the 44th ASEAN "
                     "Summit on 2 October 2024."):
        ex = extract(sentence, gaz, context)
        assert ("meeting/asean-summit-44", "2024-10-02") not in rel(ex, "startDate"), sentence


def test_two_initials_before_a_name_do_not_end_a_sentence() -> None:
    text = "The talks were opened by Jane Q.R. Roe, the host. They ended at noon."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "The talks were opened by Jane Q.R. Roe, the host.", "They ended at noon."]


def test_a_place_before_followed_by_is_still_the_meeting_s(gaz: Gazetteer) -> None:
    context = Context("28th APSC Council Meeting", "NewsReport", "2024-10-08")
    ex = extract("The 28th APSC Council Meeting opened on Monday. The meeting, chaired by Jane Roe, took place in "
                 "Vientiane and was followed by a dinner for the ministers in Kuala Lumpur.", gaz, context)
    assert ("meeting/apsc-council-28", "place/vientiane") in rel(ex, "location")
    assert ("meeting/apsc-council-28", "place/kuala-lumpur") not in rel(ex, "location")


def test_speaking_to_reporters_is_not_speaking_at_the_meeting(gaz: Gazetteer) -> None:
    context = Context("28th APSC Council Meeting", "NewsReport", "2024-10-08")
    ex = extract("The 28th APSC Council Meeting ended today. Speaking to reporters later, Jane Roe said the talks "
                 "went well.", gaz, context)
    assert not rel(ex, "deliveredBy")
    ex = extract("The 28th APSC Council Meeting ended today. Speaking at the closing session, Jane Roe said the "
                 "talks went well.", gaz, context)
    assert any(p == "person/jane-roe" for _, p in rel(ex, "deliveredBy"))


def test_side_meetings_listed_with_their_dates_after_preceded_by(gaz: Gazetteer) -> None:
    ex = extract("The 44th ASEAN Summit was previously preceded by the Widget Officials' Meeting (WOM) on 5 October "
                 "2024 and the 28th APSC Council Meeting on 6 October 2024.", gaz, ctx())
    assert ("meeting/apsc-council-28", "meeting/asean-summit-44") in rel(ex, "inConjunctionWith")


def test_a_group_attended_in_preparation_for_a_summit(gaz: Gazetteer) -> None:
    ex = extract("John Doe attended the 28th APSC Council Meeting and the 36th ACC Meeting on 8 October 2024, in "
                 "preparation for the 44th ASEAN Summit.", gaz, ctx())
    assert {("meeting/apsc-council-28", "meeting/asean-summit-44"),
            ("meeting/acc-36", "meeting/asean-summit-44")} <= rel(ex, "inConjunctionWith")


def test_the_chair_of_the_series_chairs_the_meeting_reported(gaz: Gazetteer) -> None:
    context = Context("28th APSC Council Meeting", "NewsReport", "2024-10-08")
    ex = extract("The 28th APSC Council Meeting opened on Tuesday. The Minister of Foreign Affairs of Malaysia and the "
                 "APSC Council Chair, Jane Roe, welcomed the delegates.", gaz, context)
    assert ("meeting/apsc-council-28", "person/jane-roe") in rel(ex, "chairedBy")
    # the chair of another body does not chair it
    ex = extract("The 28th APSC Council Meeting opened on Tuesday. The ACC Chair, John Doe, welcomed the "
                 "delegates.", gaz, context)
    assert ("meeting/apsc-council-28", "person/john-doe") not in rel(ex, "chairedBy")


def test_a_vice_chair_does_not_chair_the_meeting(gaz: Gazetteer) -> None:
    ex = extract("The 28th APSC Council Meeting was chaired by Jane Roe and vice-chaired by John Doe.", gaz, ctx())
    assert rel(ex, "chairedBy") == {("meeting/apsc-council-28", "person/jane-roe")}


def test_a_line_of_place_and_day_is_a_dateline_and_a_meeting_online_has_no_place_from_it(gaz: Gazetteer) -> None:
    context = Context("", "Statement", "2024-10-08")
    ex = extract("Vientiane, 8 October 2024\nThe 28th APSC Council Meeting was held today in a warm spirit.",
                 gaz, context)
    assert ("meeting/apsc-council-28", "2024-10-08") in rel(ex, "startDate")
    assert ("meeting/apsc-council-28", "place/vientiane") in rel(ex, "location")
    ex = extract("Vientiane, 8 October 2024\nThe 28th APSC Council Meeting was held today via video conference.",
                 gaz, context)
    assert ("meeting/apsc-council-28", "2024-10-08") in rel(ex, "startDate")
    assert ("meeting/apsc-council-28", "place/vientiane") not in rel(ex, "location")


def test_a_statement_opening_under_its_dateline_gives_the_meeting_that_day(gaz: Gazetteer) -> None:
    text = "VIENTIANE, 8 October 2024 – The 28th APSC Council Meeting was chaired by Jane Roe."
    ex = extract(text, gaz, Context("", "Statement", "2024-10-08"))
    assert ("meeting/apsc-council-28", "2024-10-08") in rel(ex, "startDate")
    ex = extract(text, gaz, Context("", "NewsReport", "2024-10-08"))  # a reporter's day need not be the meeting's
    assert not rel(ex, "startDate")


# ---------------------------------------------------------------------------------------- round six
def test_malay_abbreviations_before_a_name_do_not_end_a_sentence() -> None:
    text = "The envoy, Hj. Mohd. Rahman bin Abd. Karim, met Awg. Ali and Muhd. Nor on Monday. They spoke."
    assert [text[s:e] for s, e in split_sentences(text)] == [text[:-12], "They spoke."]


def test_a_topic_a_named_speaker_raises_is_also_the_speaker_s(gaz: Gazetteer) -> None:
    context = Context("28th APSC Council Meeting", "NewsReport", "2024-10-08")

    def addressed(text: str) -> set[tuple[str, str]]:
        return rel(extract("The 28th APSC Council Meeting opened in Vientiane. " + text, gaz, context), "addresses")

    got = addressed("Jane Roe, who spoke to reporters after lunch, warned of transnational crime.")
    assert ("person/jane-roe", "topic/transnational-crime") in got
    # the reporting clause closes the sentence
    got = addressed("Member states must act together against transnational crime, Malaysia's envoy Jane Roe said.")
    assert ("person/jane-roe", "topic/transnational-crime") in got
    # a quotation opening the sentence is the words of the person last named
    got = addressed("John Doe arrived early. \u201cTransnational crime knows no borders,\u201d he told reporters.")
    assert ("person/john-doe", "topic/transnational-crime") in got
    # what the meeting is said to do stays the meeting's
    got = addressed("Jane Roe said the 28th APSC Council Meeting would take up transnational crime.")
    assert ("person/jane-roe", "topic/transnational-crime") not in got
    assert ("meeting/apsc-council-28", "topic/transnational-crime") in got


def test_who_will_lead_the_meeting_or_event_chairs_it(gaz: Gazetteer) -> None:
    context = Context("28th APSC Council Meeting", "NewsReport", "2024-10-08")

    def chairs(text: str) -> set[tuple[str, str]]:
        return rel(extract("The 28th APSC Council Meeting opens in Vientiane tomorrow. " + text, gaz, context),
                   "chairedBy")

    assert ("meeting/apsc-council-28", "person/john-doe") in chairs(
        "Jane Roe will open the meeting, while John Doe will lead the meeting.")
    # a title opening the sentence, no name: the person last named
    assert ("meeting/apsc-council-28", "person/john-doe") in chairs(
        "John Doe landed on Monday. The National Widget Chief is its host and will personally lead the event.")
    assert not chairs("John Doe will lead the way on widgets.")


def test_a_person_named_as_the_asean_chair_of_a_year_holds_it(gaz: Gazetteer) -> None:
    def held(text: str) -> set[tuple[str, str]]:
        return {(p, c) for p, c in rel(extract(text, gaz, ctx()), "holds") if c.startswith("chairmanship/")}

    assert ("person/jane-roe", "chairmanship/2024") in held(
        "As the Chair of ASEAN 2024, Jane Roe of Malaysia opened the widget talks.")
    assert ("person/john-doe", "chairmanship/2025") in held(
        "The 2025 ASEAN Chairman, Malaysia's widget envoy John Doe, spoke first.")
    assert ("person/john-doe", "chairmanship/2025") in held(
        "The talks were led by John Doe in his capacity as ASEAN Chair 2025 for Malaysia.")
    # no year written with it, or no state to hold a new Chairmanship
    assert not held("As ASEAN Chair, Jane Roe of Malaysia opened the widget talks.")
    assert not held("As the Chair of ASEAN 2024, Jane Roe opened the widget talks.")


def test_the_adoption_of_a_document_as_what_a_report_is_about_is_the_meeting_s(gaz: Gazetteer) -> None:
    context = Context("28th APSC Council Meeting", "NewsReport", "2024-10-08")

    def adopted(text: str) -> set[tuple[str, str]]:
        return rel(extract("The 28th APSC Council Meeting ended on Tuesday. " + text, gaz, context), "adoptedAt")

    pair = ("document/apsc-blueprint-2025", "meeting/apsc-council-28")
    assert pair in adopted("The adoption of the APSC Blueprint 2025 gave the talks their shape.")
    assert pair in adopted("For many delegates the main outcome was the adoption of the APSC Blueprint 2025.")
    assert not adopted("Since the adoption of the APSC Blueprint 2025, widget trade has doubled.")


def test_in_conjunction_with_is_said_of_the_meeting_written_right_before_it(gaz: Gazetteer) -> None:
    context = Context("28th APSC Council Meeting", "NewsReport", "2024-10-08")
    # the cue belongs to another event (an unnamed dinner, a signing) than the meeting named earlier
    ex = extract("Delegates of the 28th APSC Council Meeting praised the hosts at the gala dinner for widget "
                 "makers, held on the sidelines of the 44th ASEAN Summit.", gaz, context)
    assert not rel(ex, "inConjunctionWith")
    ex = extract("The 28th APSC Council Meeting opened today. The Meeting also looked forward to welcoming "
                 "Ruritania, which will sign the widget treaty on the sidelines of the upcoming 44th ASEAN Summit.",
                 gaz, context)
    assert not rel(ex, "inConjunctionWith")
    # still: the meeting itself, with its acronym, chair, date and place between
    for sentence in ("The 28th APSC Council Meeting (APSC-28), chaired by Jane Roe, was held on 8 October 2024 "
                     "in Vientiane in conjunction with the 44th ASEAN Summit.",
                     "The 28th APSC Council Meeting opened today. The Meeting is being held on the margins of "
                     "the 44th ASEAN Summit."):
        ex = extract(sentence, gaz, context)
        assert ("meeting/apsc-council-28", "meeting/asean-summit-44") in rel(ex, "inConjunctionWith"), sentence


def test_a_session_followed_by_another_months_later_is_not_held_with_it(gaz: Gazetteer) -> None:
    context = Context("44th ASEAN Summit", "NewsReport", "2024-01-20")
    ex = extract("The 44th ASEAN Summit will be held in Vientiane on 9 March 2024 and will be followed by the "
                 "45th ASEAN Summit on 10 October 2024.", gaz, context)
    assert not rel(ex, "inConjunctionWith")
    ex = extract("The 44th ASEAN Summit will be held in Vientiane on 9 October 2024 and will be followed by the "
                 "45th ASEAN Summit on 10 October 2024.", gaz, context)
    assert ("meeting/asean-summit-45", "meeting/asean-summit-44") in rel(ex, "inConjunctionWith")


def test_the_day_of_a_visit_or_of_what_someone_will_do_is_not_the_meeting_s(gaz: Gazetteer) -> None:
    context = Context("44th ASEAN Summit", "NewsReport", "2024-10-01")
    ex = extract("The Ruritanian President begins his 7 to 11 October 2024 state visit to Laos to attend the 44th "
                 "ASEAN Summit.", gaz, context)
    assert not rel(ex, "startDate")
    ex = extract("Jane Roe, who chaired the 44th ASEAN Summit, said the leaders would on 9 October 2024 launch "
                 "the widget fund, which opens on 1 December 2024.", gaz, context)
    assert not rel(ex, "startDate")
    ex = extract("The 44th ASEAN Summit, which Jane Roe chaired, opened on 9 October 2024 in Vientiane.", gaz, context)
    assert ("meeting/asean-summit-44", "2024-10-09") in rel(ex, "startDate")


def test_a_meeting_whose_organisation_is_prepared_does_not_take_the_day(gaz: Gazetteer) -> None:
    context = Context("44th ASEAN Summit", "NewsReport", "2024-07-01")
    ex = extract("To prepare for the smooth hosting of the 44th ASEAN Summit, on 3 July 2024 the minister signed "
                 "a decree setting up a logistics board chaired by John Doe.", gaz, context)
    assert not rel(ex, "startDate")
    ex = extract("In preparation for the successful organisation of the 44th ASEAN Summit, the board met on 3 "
                 "July 2024 in Vientiane.", gaz, context)
    assert not rel(ex, "startDate")


def test_a_state_that_joined_an_organisation_on_a_day_is_its_member_from_that_day(gaz: Gazetteer) -> None:
    context = Context("", "PressRelease", "2024-10-08")
    ex = extract("The founders were joined by others: Myanmar later joined ASEAN on 3 March 1991, followed by "
                 "Singapore on 4 April 1992, Malaysia and Lao PDR on 5 May 1993, and then Laos' neighbour on "
                 "6 June 1994.", gaz, context)
    members = rel(ex, "member")
    assert members == {("membership/myanmar", "state/myanmar"), ("membership/singapore", "state/singapore"),
                       ("membership/malaysia", "state/malaysia"), ("membership/lao-pdr", "state/lao-pdr")}
    assert all((m, "org/asean") in rel(ex, "membershipOf") for m, _ in members)
    assert ("membership/lao-pdr", "1993-05-05") in rel(ex, "startDate")
    assert ("membership/singapore", "1992-04-04") in rel(ex, "startDate")
    assert ("membership/lao-pdr", "Membership") in rel(ex, "type")
    assert not any(day == "1994-06-06" for _, day in rel(ex, "startDate"))  # "Laos' neighbour" is not Laos
    # no day: ASEAN's member state the curated graph knows, with no day made up (the graph's node keeps its own)
    ex = extract("Myanmar joined ASEAN in the 1990s.", gaz, context)
    assert rel(ex, "member") == {("membership/myanmar", "state/myanmar")}
    assert not rel(ex, "startDate")
    # a passive "joined by", an agreement to admit: no membership
    for sentence in ("The meeting was also joined by Myanmar on 3 March 2024.",
                     "The leaders agreed to admit Myanmar as a member of ASEAN on 3 March 2024."):
        assert not rel(extract(sentence, gaz, context), "member"), sentence


def test_a_meeting_named_twice_takes_the_day_and_place_written_after_its_last_naming(gaz: Gazetteer) -> None:
    context = Context("", "PressRelease", "2024-10-12")
    ex = extract("Press Release The 28th APSC Council Meeting - Vientiane, Laos, 12 October 2024 / The 28th APSC "
                 "Council Meeting was convened on 8 October 2024, in Kuala Lumpur, Malaysia.", gaz, context)
    assert rel(ex, "startDate") == {("meeting/apsc-council-28", "2024-10-08")}
    assert ("meeting/apsc-council-28", "place/kuala-lumpur") in rel(ex, "location")


def test_which_convened_on_and_the_morning_of_a_day_date_the_meeting(gaz: Gazetteer) -> None:
    context = Context("", "NewsReport", "2024-10-12")
    ex = extract("The host ministry welcomed delegates to the 28th APSC Council Meeting (APSC-28), which convened "
                 "on October 8, 2024.", gaz, context)
    assert ("meeting/apsc-council-28", "2024-10-08") in rel(ex, "startDate")
    ex = extract("On the morning of 8 October 2024, Jane Roe chaired the 28th APSC Council Meeting.", gaz, context)
    assert ("meeting/apsc-council-28", "2024-10-08") in rel(ex, "startDate")
    # the day of what followed another meeting is not that meeting's
    ex = extract("Following the activities of the 28th APSC Council Meeting, on the afternoon of 9 October 2024 "
                 "Jane Roe chaired a lunch for the widget makers.", gaz, context)
    assert not rel(ex, "startDate")


def test_a_city_written_with_the_state_after_a_comma_and_the(gaz: Gazetteer) -> None:
    for sentence in ("The talks were held in Vientiane, the Lao PDR, on Monday.",
                     "The talks were held in Kuala Lumpur, the Kingdom of Malaysia, on Monday."):
        ex = extract(sentence, gaz, ctx())
        assert rel(ex, "containedIn") & {("place/vientiane", "state/lao-pdr"), ("place/kuala-lumpur", "state/malaysia")}


def test_a_region_and_its_state_after_the_day_make_the_state_the_place(gaz: Gazetteer) -> None:
    ex = extract("The 28th APSC Council Meeting was held on 8 October 2024 in Sabah, Malaysia.", gaz, ctx())
    assert ("meeting/apsc-council-28", "state/malaysia") in rel(ex, "location")
    # a city the text names is the place, not its state
    ex = extract("The 28th APSC Council Meeting was held on 8 October 2024 in Kuala Lumpur, Malaysia.", gaz, ctx())
    assert ("meeting/apsc-council-28", "place/kuala-lumpur") in rel(ex, "location")
    assert ("meeting/apsc-council-28", "state/malaysia") not in rel(ex, "location")


def test_a_meeting_held_as_part_of_another_is_part_of_it(gaz: Gazetteer) -> None:
    for sentence in ("The 28th APSC Council Meeting (APSC-28), as part of the 44th ASEAN Summit and Related Summits, "
                     "adopted a widget plan.",
                     "Jane Roe attended the 28th APSC Council Meeting as part of the 44th ASEAN Summit."):
        ex = extract(sentence, gaz, ctx())
        assert rel(ex, "partOf") == {("meeting/apsc-council-28", "meeting/asean-summit-44")}, sentence
    ex = extract("The 28th APSC Council Meeting discussed widgets as part of the preparations for the 44th ASEAN "
                 "Summit.", gaz, ctx())
    assert not rel(ex, "partOf")


def test_a_named_speaker_s_own_point_is_not_the_meeting_s_unless_said_on_its_floor(gaz: Gazetteer) -> None:
    context = Context("28th APSC Council Meeting", "NewsReport", "2024-10-08")

    def addressed(text: str) -> set[tuple[str, str]]:
        return rel(extract("The 28th APSC Council Meeting opened in Vientiane. " + text, gaz, context), "addresses")

    got = addressed("Asked about the harbour, Jane Roe stressed that her country fights transnational crime hard.")
    assert ("person/jane-roe", "topic/transnational-crime") in got
    assert ("meeting/apsc-council-28", "topic/transnational-crime") not in got
    got = addressed("Jane Roe says her country is proud of its record against transnational crime.")
    assert ("meeting/apsc-council-28", "topic/transnational-crime") not in got
    # an opening speech, the agenda or the chair's words are said on the meeting's floor, and so are the
    # words a report gives with the speaker in a closing clause or in a quotation
    for text in ("In her opening remarks, Jane Roe stressed the fight against transnational crime.",
                 "The region must act as one against transnational crime, Malaysia's envoy Jane Roe said.",
                 "\u201cTransnational crime knows no borders,\u201d said Jane Roe of the Widget Institute.",
                 "John Doe arrived early. \u201cTransnational crime knows no borders,\u201d he told reporters.",
                 "Jane Roe, the Council's Chair, stressed the fight against transnational crime.",
                 "Jane Roe said transnational crime would top the agenda."):
        got = addressed(text)
        assert ("meeting/apsc-council-28", "topic/transnational-crime") in got, text
    # no one named as who speaks: the meeting's words
    got = addressed("Ministers stressed the fight against transnational crime.")
    assert ("meeting/apsc-council-28", "topic/transnational-crime") in got


def test_a_meeting_that_will_take_place_in_a_city_is_held_there_beside_another_meeting(gaz: Gazetteer) -> None:
    for verb in ("will take place", "takes place", "is to take place"):
        ex = extract(f"After the 36th ACC in Vientiane, the 28th APSC Council Meeting and related meetings {verb} "
                     "in Kuala Lumpur on 8 October 2024.", gaz, ctx())
        assert ("meeting/apsc-council-28", "place/kuala-lumpur") in rel(ex, "location"), verb
        assert ("meeting/acc-36", "place/kuala-lumpur") not in rel(ex, "location"), verb


# ------------------------------------------------------------------- round seven: speech shapes, chair phrasings
def test_a_fronted_when_closing_clause_names_the_speaker_after_it(gaz: Gazetteer) -> None:
    ex = extract("When closing the 44th ASEAN Summit in Vientiane on 9 October, Prime Minister John Doe asked "
                 "for more widgets.", gaz, ctx())
    assert ("person/john-doe", "meeting/asean-summit-44") in spoke(ex)


def test_an_address_at_the_opening_ceremony_and_welcoming_remarks_by_are_spoken_at_the_reported_meeting(
        gaz: Gazetteer) -> None:
    context = Context("28th APSC Council Meeting opens", "NewsReport", "2024-10-08")
    ex = extract("The 28th APSC Council Meeting opened in Vientiane. John Doe, in his address at the opening "
                 "ceremony in the city hall, said widgets matter. The plenary began with welcoming remarks by "
                 "Jane Roe.", gaz, context)
    assert {("person/john-doe", "meeting/apsc-council-28"), ("person/jane-roe", "meeting/apsc-council-28")} <= \
        spoke(ex)
    # remarks that name no floor and no meeting are not placed at the reported meeting
    ex = extract("The 28th APSC Council Meeting opened in Vientiane. Later, Jane Roe delivered remarks to the press "
                 "club about widgets.", gaz, context)
    assert not spoke(ex)


@pytest.mark.parametrize("sentence", [
    "Jane Roe praised Lao PDR's ASEAN 2024 Chairmanship theme.",
    "As the Chair of ASEAN 2024, Laos welcomed the widget plan.",
    "Laos, ASEAN Chair 2024, welcomed the widget plan.",
    "The meeting opened under the chairmanship of Laos, the ASEAN Chair for 2024.",
])
def test_more_ways_of_naming_a_state_the_asean_chair_of_a_year(gaz: Gazetteer, sentence: str) -> None:
    ex = extract(sentence, gaz, ctx("2024-05-01"), learned=False)
    assert ("chairmanship/2024", "state/lao-pdr") in rel(ex, "chairState"), sentence


@pytest.mark.parametrize("sentence", [
    "Laos will take over the ASEAN chairmanship in 2024, after Malaysia handed over the gavel in Jakarta.",
    "Malaysia handed over the gavel to Laos at the closing ceremony.",
])
def test_a_state_taking_over_the_chair_from_another_without_from_succeeds_it(gaz: Gazetteer, sentence: str) -> None:
    ex = extract(sentence, gaz, ctx(), learned=False)
    assert rel(ex, "succeeds") == {("state/lao-pdr", "state/malaysia")}, sentence


def test_in_his_speech_opening_the_sentence_makes_its_subject_a_speaker_at_the_reported_meeting(
        gaz: Gazetteer) -> None:
    context = Context("28th APSC Council Meeting opens", "NewsReport", "2024-10-08")
    ex = extract("The 28th APSC Council Meeting opened in Vientiane. In his speech, John Doe highlighted the "
                 "widget plan.", gaz, context, learned=False)
    assert ("person/john-doe", "meeting/apsc-council-28") in spoke(ex)
    # not when the clause is inside the sentence, or the sentence names another meeting
    for text in ("Later John Doe said in his speech, widely shared, that widgets count.",
                 "In his speech, John Doe recalled the 44th ASEAN Summit."):
        ex = extract(f"The 28th APSC Council Meeting opened in Vientiane. {text}", gaz, context, learned=False)
        assert ("person/john-doe", "meeting/apsc-council-28") not in spoke(ex), text


@pytest.mark.parametrize("sentence", [
    "The 10 ASEAN countries are Malaysia, Laos and Singapore.",
    "All 10 ASEAN member states, namely Malaysia, Laos and Singapore, took part.",
])
def test_asean_members_listed_after_the_word_for_them(gaz: Gazetteer, sentence: str) -> None:
    ex = extract(sentence, gaz, ctx(), learned=False)
    assert members(ex) == {"state/malaysia", "state/lao-pdr", "state/singapore"}, sentence


def test_a_list_of_delegations_including_a_state_is_no_list_of_members(gaz: Gazetteer) -> None:
    ex = extract("Delegates from ASEAN member states, including Myanmar and the Secretariat, attended.", gaz, ctx(),
                 learned=False)
    assert not members(ex)


@pytest.mark.parametrize("where", ["in the Malaysian capital Kuala Lumpur", "in Malaysia's capital, Kuala Lumpur",
                                   "in the Malaysian capital city of Kuala Lumpur"])
def test_a_city_after_the_state_whose_capital_it_is_is_the_place(gaz: Gazetteer, where: str) -> None:
    ex = extract(f"The 44th ASEAN Summit was held {where} on Friday.", gaz, ctx(), learned=False)
    assert rel(ex, "location") == {("meeting/asean-summit-44", "place/kuala-lumpur")}


@pytest.mark.parametrize("fronted", ["At the opening ceremony,", "Addressing the meeting,", "Opening the Meeting,",
                                     "During the plenary session,"])
def test_a_fronted_phrase_naming_the_floor_makes_the_person_after_it_a_speaker(gaz: Gazetteer, fronted: str) -> None:
    context = Context("28th APSC Council Meeting opens", "NewsReport", "2024-10-08")
    text = f"The 28th APSC Council Meeting opened in Vientiane. {fronted} Minister John Doe stressed that it works."
    assert ("person/john-doe", "meeting/apsc-council-28") in spoke(extract(text, gaz, context, learned=False))
    # no reporting verb after the name, or another meeting named in the sentence: nothing said there
    for other in (f"{fronted} John Doe met Jane Roe.",
                  f"{fronted} John Doe recalled the 44th ASEAN Summit and stressed that widgets matter."):
        ex = extract(f"The 28th APSC Council Meeting opened in Vientiane. {other}", gaz, context, learned=False)
        assert ("person/john-doe", "meeting/apsc-council-28") not in spoke(ex), other


@pytest.mark.parametrize("sentence", [
    "Laos has been formally designated as the ASEAN Chair for 2024, a role it takes up in January.",
    "The widget agenda was drafted by Laos as chair of the 2024 ASEAN Summits.",
    "It is the first widget fair held in Laos during its 2024 chairmanship of ASEAN.",
])
def test_a_state_named_asean_chair_with_the_year_in_the_phrase(gaz: Gazetteer, sentence: str) -> None:
    ex = extract(sentence, gaz, ctx("2023-05-01"))
    assert any(o == "state/lao-pdr" and s.endswith("2024") for s, o in rel(ex, "chairState")), sentence


@pytest.mark.parametrize("sentence", [
    "Among its ten members, the member states of ASEAN are Malaysia, Lao PDR and Singapore.",
    "ASEAN, which consists of Malaysia, Lao PDR, Singapore and others, met on widgets.",
])
def test_a_list_of_asean_members_states_their_memberships_without_a_day(gaz: Gazetteer, sentence: str) -> None:
    ex = extract(sentence, gaz, ctx())
    assert {"state/malaysia", "state/lao-pdr", "state/singapore"} <= members(ex)
    # no day is made up: the membership node keeps the day the curated graph gives it
    assert not {m for m, _ in rel(ex, "member")} & {s for s, _ in rel(ex, "startDate")}


def test_acting_as_an_asean_member_and_since_joining_asean(gaz: Gazetteer) -> None:
    assert members(extract("Myanmar signed the widget pact as a full member of ASEAN.", gaz, ctx())) == \
        {"state/myanmar"}
    assert members(extract("Since joining ASEAN in the spring of 1997, Myanmar has hosted two widget fairs.",
                            gaz, ctx())) == {"state/myanmar"}
    # an observer, or a state the graph does not know as a member state, is no member
    assert not members(extract("Myanmar came as an ASEAN member candidate with observer status.", gaz, ctx()))
    assert not members(extract("The member states of ASEAN are Ruritania and Freedonia.", gaz, ctx()))


def test_chaired_and_hosted_by_a_state_and_a_state_s_chairmanship_of_named_meetings(gaz: Gazetteer) -> None:
    ex = extract("The 28th APSC Council Meeting was chaired and hosted by Lao PDR in October.", gaz, ctx())
    assert ("meeting/apsc-council-28", "state/lao-pdr") in rel(ex, "chairState")
    ex = extract("Widget trade grew during Laos' chairmanship of the 44th and 45th ASEAN Summits.", gaz, ctx())
    assert {("meeting/asean-summit-44", "state/lao-pdr"), ("meeting/asean-summit-45", "state/lao-pdr")} <= \
        rel(ex, "chairState")


def test_chaired_by_a_minister_whose_title_opens_with_the_state_s_adjective_is_the_minister(
        gaz: Gazetteer) -> None:
    ex = extract("The 28th APSC Council Meeting was chaired by Malaysian minister of Widgets and Gadgets "
                 "Datuk John Doe.", gaz, ctx())
    assert ("meeting/apsc-council-28", "person/john-doe") in rel(ex, "chairedBy")
    assert not rel(ex, "chairState")


def test_opening_remarks_of_an_unnamed_speaker_are_the_current_speaker_s(gaz: Gazetteer) -> None:
    context = Context("28th APSC Council Meeting opens", "NewsReport", "2024-10-08")
    ex = extract("The 28th APSC Council Meeting was chaired by John Doe and attended by Jane Roe. His Excellency, "
                 "in his opening remarks, praised the widget plan.", gaz, context)
    assert ("person/john-doe", "meeting/apsc-council-28") in spoke(ex)
    assert ("person/jane-roe", "meeting/apsc-council-28") not in spoke(ex)


@pytest.mark.parametrize("sentence", [
    "Set up long ago, ASEAN groups Malaysia, Lao PDR, Singapore and others in one widget market.",
    "The widget fair opened under the founding members of ASEAN: Malaysia, Lao PDR and Singapore.",
    "Myanmar is the chair of ASEAN for 2031, which groups Malaysia, Lao PDR, Singapore and others.",
])
def test_asean_groups_and_its_founding_members_listed(gaz: Gazetteer, sentence: str) -> None:
    assert {"state/malaysia", "state/lao-pdr", "state/singapore"} <= members(extract(sentence, gaz, ctx()))


def test_a_state_holding_or_preparing_to_assume_the_asean_chairmanship_holds_the_chair(gaz: Gazetteer) -> None:
    def chairs(text: str) -> set[tuple[str, str]]:
        return rel(extract(text, gaz, ctx()), "chairState")

    assert ("chairmanship/2030", "state/malaysia") in chairs(
        "The widget fair was hosted by Malaysia, which holds the ASEAN Chairmanship for 2030.")
    assert ("chairmanship/2031", "state/lao-pdr") in chairs(
        "The envoy backed Laos as it prepares to assume the ASEAN chairmanship in 2031.")
    # a chairmanship of another body, or of no body the sentence says
    assert not chairs("Malaysia, which holds the chairmanship of the widget council for 2030, spoke.")
    assert not chairs("Laos as it prepares to assume the chairmanship in 2031 spoke.")
