"""Meetings named without an ordinal (round ten): retreats of a series the text names with its
acronym, and a lower-case retreat after a possessive. Sentences invented for these tests."""

from __future__ import annotations

import pytest
from extraction_helpers import asean_gazetteer, mentioned, read

from ingest.gazetteer import Gazetteer


@pytest.fixture
def gaz() -> Gazetteer:
    g = asean_gazetteer()
    g.add("body/amm", "Body", "ASEAN Foreign Ministers' Meeting", ["AMM", "ASEAN Foreign Ministers Meeting"])
    g.add("place/hanoi", "City", "Hanoi")
    return g


def meetings(text: str, gaz: Gazetteer) -> dict[str, str]:
    return mentioned(text, gaz, "Meeting")


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
    cities = mentioned("The forum met in Siem Reap, Cambodia, after talks in Naypyidaw.", gaz, "City")
    assert cities == {"Siem Reap": "place/siem-reap", "Naypyidaw": "place/nay-pyi-taw"}
    # the graph's place wins when it has the name
    assert mentioned("The ministers met in Hanoi.", gaz, "City") == {"Hanoi": "place/hanoi"}


@pytest.mark.parametrize("sentence, said", [
    ("Traders met at the ASEAN Rice Forum 2031 in Hanoi.", "ASEAN Rice Forum 2031"),
    ("The ASEAN Rice Forum (ARF2) 2031 Conference drew traders to Hanoi.", "ASEAN Rice Forum (ARF2) 2031"),
    ("The ASEAN Rice Forum 2031 (ARF2) drew traders to Hanoi.", "ASEAN Rice Forum 2031"),
])
def test_a_known_series_with_a_year_after_it_is_that_year_s_session(gaz: Gazetteer, sentence: str, said: str) -> None:
    # round twelve: "the X Forum 2031" is the 2031 session of the series, as "the 2031 X Forum" is
    gaz.add("body/asean-rice-forum", "Body", "ASEAN Rice Forum", ["ARF2"])
    found = meetings(sentence, gaz)
    assert found[said] == "meeting/asean-rice-forum-session-2031", found
    assert set(found.values()) == {"meeting/asean-rice-forum-session-2031"}, found


def test_a_range_of_years_after_a_series_is_no_session(gaz: Gazetteer) -> None:
    gaz.add("body/asean-rice-forum", "Body", "ASEAN Rice Forum", ["ARF2"])
    assert meetings("The ASEAN Rice Forum 2031-2035 work plan was adopted.", gaz) == {}


@pytest.mark.parametrize("sentence, said", [
    ("The 4th Meeting of the Conference of the Parties to the ASEAN Agreement on Widget Safety (AAWS) was held "
     "in Hanoi.", "4th Meeting of the Conference of the Parties to the ASEAN Agreement on Widget Safety (AAWS)"),
    ("The 4th Meeting of the Conference of Parties (COP) to the ASEAN Agreement on Widget Safety was held in Hanoi.",
     "4th Meeting of the Conference of Parties (COP) to the ASEAN Agreement on Widget Safety"),
])
def test_a_meeting_of_the_parties_to_a_treaty_is_named_with_the_treaty(gaz: Gazetteer, sentence: str,
                                                                         said: str) -> None:
    # round twelve: the treaty after "Conference of the Parties" belongs to the meeting's name
    assert said in meetings(sentence, gaz)


def test_a_lower_case_session_of_after_a_number(gaz: Gazetteer) -> None:
    found = meetings("Ministers will attend the 12th session of the Conference of the Parties to the "
                     "Widget Convention in Hanoi.", gaz)
    assert "12th session of the Conference of the Parties to the Widget Convention" in found, found


@pytest.mark.parametrize("sentence, said, mid", [
    ("The 14th AWMM was held in Hanoi on 5 May.", "14th AWMM", "meeting/awmm-14"),
    ("The 9th AWMM+3 was held in Hanoi on 5 May.", "9th AWMM+3", "meeting/awmm-plus-three-9"),
    ("The 9th ASEAN WSOM Plus Three was held in Hanoi on 5 May.", "9th ASEAN WSOM Plus Three",
     "meeting/wsom-plus-three-9"),
])
def test_a_number_before_an_unknown_meeting_acronym_is_a_session(gaz: Gazetteer, sentence: str, said: str,
                                                                 mid: str) -> None:
    # round twelve: an acronym no one defines, with an M (meeting, ministers) or "+3", after an ordinal
    assert meetings(sentence, gaz) == {said: mid}


@pytest.mark.parametrize("sentence", [
    "THE 14TH AWMM OF 2030",        # not an ordinal as written in prose
    "THE 14th MEETING OF WIDGET MINISTERS",
    "The 3rd AMS to ratify the treaty was Laos.",
    "The 14th WTO round opened.",   # no M, no +3
])
def test_no_session_from_a_heading_or_a_non_meeting_acronym(gaz: Gazetteer, sentence: str) -> None:
    assert meetings(sentence, gaz) == {}


def test_the_numbered_acronym_in_brackets_after_a_name_is_that_meeting(gaz: Gazetteer) -> None:
    found = meetings("The 26th ASEAN Widget Ministers Meeting (26th AWMM) opened in Hanoi.", gaz)
    assert found["26th AWMM"] == found["26th ASEAN Widget Ministers Meeting"], found


def test_asean_spelt_out_in_brackets_inside_a_numbered_name(gaz: Gazetteer) -> None:
    # round twelve: "the 60th ASEAN (the Association of Southeast Asian Nations) Foreign Ministers' Meeting"
    found = meetings("The 60th ASEAN (the Association of Southeast Asian Nations) Foreign Ministers' Meeting "
                     "opened in Hanoi.", gaz)
    assert list(found.values()) == ["meeting/amm-60"], found


@pytest.mark.parametrize("sentence, said, mid", [
    # round thirteen: the partner before ASEAN, with the summit's kind
    ("Leaders gathered in Hanoi for the U.S.-ASEAN Special Summit in May 2030.", "U.S.-ASEAN Special Summit",
     "meeting/u-s-asean-special-summit-2030"),
    ("The EU-ASEAN Commemorative Summit took place in Hanoi on 2 June 2031.", "EU-ASEAN Commemorative Summit",
     "meeting/eu-asean-commemorative-summit-2031"),
    # a partner of two words after ASEAN
    ("Hanoi will host the ASEAN-New Zealand Commemorative Summit next month.", "ASEAN-New Zealand Commemorative Summit",
     "meeting/asean-new-zealand-commemorative-summit-2030"),
])
def test_a_summit_with_a_partner_named_before_or_in_two_words(gaz: Gazetteer, sentence: str, said: str,
                                                             mid: str) -> None:
    gaz.add("org/eu", "Organization", "European Union", ["EU"])
    gaz.add("country/new-zealand", "Country", "New Zealand")
    gaz.add("country/united-states", "Country", "United States", ["U.S."])
    found = meetings(sentence, gaz)
    assert found.get(said, "").startswith(mid), found   # a day given after it may name the session by its day


def test_a_partner_first_summit_without_its_kind_is_no_session(gaz: Gazetteer) -> None:
    assert not any("Ruritania" in said for said in meetings("The Ruritania-ASEAN Summit is held every year.", gaz))


def test_an_anniversary_of_relations_is_no_meeting(gaz: Gazetteer) -> None:
    gaz.add("country/ruritania", "Country", "Ruritania")
    found = meetings("The 2031 ASEAN-Ruritania Special Summit, marking the 40th Anniversary of ASEAN-Ruritania "
                     "Dialogue Relations, was held in Hanoi on 3 March 2031.", gaz)
    assert found == {"2031 ASEAN-Ruritania Special Summit": "meeting/asean-ruritania-special-summit-2031"}, found


@pytest.mark.parametrize("sentence, said", [
    # round thirteen: a numbered general assembly is a session
    ("The 12th General Assembly of the Ruritanian Inter-Parliamentary Assembly (RIPA) opened in Hanoi.",
     "12th General Assembly of the Ruritanian Inter-Parliamentary Assembly (RIPA)"),
    ("The 12th RIPA General Assembly opened in Hanoi.", "12th RIPA General Assembly"),
    ("Delegates recalled the 11th General Assembly of RIPA in Hanoi.", "11th General Assembly of RIPA"),
])
def test_a_numbered_general_assembly_is_a_session(gaz: Gazetteer, sentence: str, said: str) -> None:
    gaz.add("org/ripa", "Organization", "Ruritanian Inter-Parliamentary Assembly", ["RIPA"])
    assert said in meetings(sentence, gaz), meetings(sentence, gaz)


@pytest.mark.parametrize("sentence", [
    # round thirteen: more verbs before a known series that report one of its sessions
    "Hanoi will be hosting the ASEAN Foreign Ministers' Meeting next month.",
    "The envoy will attend the annual ASEAN Foreign Ministers' Meeting in Hanoi.",
    "Speaking at the ASEAN Foreign Ministers' Meeting in Hanoi, the envoy called for calm.",
])
def test_hosting_attending_or_speaking_at_a_known_series_is_a_session(gaz: Gazetteer, sentence: str) -> None:
    assert "meeting/amm-session-2030" in meetings(sentence, gaz).values(), meetings(sentence, gaz)


@pytest.mark.parametrize("sentence, said", [
    # round thirteen: ASEAN Plus Three's summit without an ordinal is that year's session, as a partner summit is
    ("Widget policy was raised at the ASEAN+3 summit in Hanoi.", "ASEAN+3 summit"),
    ("Leaders gathered for the ASEAN Plus Three Summit in Hanoi.", "ASEAN Plus Three Summit"),
])
def test_an_unnumbered_asean_plus_three_summit_is_the_year_s_session(gaz: Gazetteer, sentence: str,
                                                                     said: str) -> None:
    found = meetings(sentence, gaz)
    assert found == {said: "meeting/asean-plus-three-summit-2030"}, found


def test_a_special_asean_plus_three_summit_is_not_the_year_s_session(gaz: Gazetteer) -> None:
    found = meetings("Leaders met at the Special ASEAN Plus Three Summit on Widgets.", gaz)
    assert "meeting/asean-plus-three-summit-2030" not in found.values(), found


@pytest.mark.parametrize("sentence, name", [
    # round fourteen: a new numbered meeting of a new series is named as the text writes it, without the
    # acronym in brackets, the ordinal in figures
    ("The 9th Ruritanian Forum on Widget Standards (RFWS) was held in Hanoi on 4 March 2030.",
     "9th Ruritanian Forum on Widget Standards"),
    ("The 12th Meeting of the Conference of the Parties to the Ruritanian Agreement on Widget Waste opened "
     "in Hanoi on 4 March 2030.",
     "12th Meeting of the Conference of the Parties to the Ruritanian Agreement on Widget Waste"),
    ("The Third Conference of Ruritanian Ministers Responsible for Widgets met in Hanoi on 4 March 2030.",
     "3rd Conference of Ruritanian Ministers Responsible for Widgets"),
])
def test_a_new_numbered_meeting_is_named_as_written(gaz: Gazetteer, sentence: str, name: str) -> None:
    ex = read(sentence, gaz)
    names = {str(f.object) for f in ex.facts if f.relation == "name" and f.subject.startswith("meeting/")}
    assert names == {name}, names


@pytest.mark.parametrize("sentence, said", [
    # round fourteen: the partner first and a lower-case summit, with or without its kind, is that year's session
    ("A two-day Ruritania-ASEAN summit opens in Hanoi on Thursday.", "Ruritania-ASEAN summit"),
    ("Leaders arrived for the Ruritania-ASEAN special summit in Hanoi.", "Ruritania-ASEAN special summit"),
])
def test_a_lower_case_partner_first_summit_is_the_year_s_session(gaz: Gazetteer, sentence: str, said: str) -> None:
    gaz.add("country/ruritania", "Country", "Ruritania")
    found = meetings(sentence, gaz)
    assert said in found and found[said].endswith("-2030"), found


def test_a_lower_case_partner_first_summit_after_an_ordinal_is_no_year_s_session(gaz: Gazetteer) -> None:
    gaz.add("country/ruritania", "Country", "Ruritania")
    found = meetings("The first Ruritania-ASEAN summit was held in Hanoi in 2005.", gaz)
    assert not any(v.endswith("-2030") for v in found.values()), found


def test_a_numbered_meeting_of_a_long_named_series_keeps_its_acronym_and_head(gaz: Gazetteer) -> None:
    # round fourteen: a series' name of up to 17 words ("... (XCW) Meeting")
    found = meetings("Members met for the 9th Ruritanian Commission on the Promotion and Protection of the Rights of "
                     "Widget Makers and Sellers (RCW) Meeting in Hanoi on 4 March 2030.", gaz)
    assert any(k.startswith("9th Ruritanian Commission") and k.endswith("(RCW) Meeting") for k in found), found


@pytest.mark.parametrize("sentence", [
    "Leaders will attend the 9th ASEAN-Ruritania Summit on Thursday in Hanoi.",
    "Leaders will attend the 9th ASEAN Widget Summit on Wednesday (4 March) in Hanoi.",
    "Leaders will attend the 9th ASEAN Widget Summit on March 4 in Hanoi.",
])
def test_a_day_after_on_is_no_part_of_a_meeting_s_name(gaz: Gazetteer, sentence: str) -> None:
    found = meetings(sentence, gaz)
    assert any(k.startswith("9th ") and k.endswith("Summit") for k in found), found


@pytest.mark.parametrize("sentence", [
    # round fifteen: weaker cues that a known series is named for one of its sessions
    "Trade in rice was on the table during the ASEAN Foreign Ministers' Meeting.",
    "The envoy brought three proposals back from the recent ASEAN Foreign Ministers' Meeting.",
    "Officials met twice before the upcoming ASEAN Foreign Ministers' Meeting (AMM).",
    "The envoys welcomed progress at the ASEAN Foreign Ministers' Meeting in Hanoi.",
    "Rice will be on the table at the ASEAN Foreign Ministers' Meeting, which will be held next week.",
    "A draft will go to the ASEAN Foreign Ministers' Meeting scheduled for later this year.",
])
def test_a_known_series_named_for_a_session_by_a_weak_cue(gaz: Gazetteer, sentence: str) -> None:
    assert "meeting/amm-session-2030" in meetings(sentence, gaz).values(), meetings(sentence, gaz)


@pytest.mark.parametrize("sentence", [
    # the numbered session named before is the one meant; an ordinal or a partner joined on is no weak cue's
    "The 12th ASEAN Foreign Ministers' Meeting opened. Rice was on the table during the ASEAN Foreign "
    "Ministers' Meeting.",
    "The envoys spoke at the 12th annual ASEAN Foreign Ministers' Meeting in Hanoi.",
    "The envoys spoke at the Ruritania-ASEAN Foreign Ministers' Meeting in Hanoi.",
    # a series of a list the place closes: where they all met (round sixteen: without "attended the" before the
    # list, a strong cue its series now share)
    "The envoys wrote about the ASEAN Regional Forum and the ASEAN Foreign Ministers' Meeting in Hanoi.",
    # no place after "in"
    "Hanoi has a say in the ASEAN Foreign Ministers' Meeting in 2030 and in the years after.",
])
def test_no_weak_cue_session_after_a_numbered_one_an_ordinal_a_partner_or_a_list(gaz: Gazetteer,
                                                                                    sentence: str) -> None:
    assert "meeting/amm-session-2030" not in meetings(sentence, gaz).values(), meetings(sentence, gaz)


@pytest.mark.parametrize("sentence,said,mid", [
    # round fifteen: a series the graph does not know, named without a number, where a cue reports a session
    ("The plan was adopted by the ASEAN Leaders' Meeting held on 24 April 2030 at the secretariat.",
     "ASEAN Leaders' Meeting", "meeting/asean-leaders-meeting-2030-04-24"),
    ("Ministers spoke of ports during the ASEAN Ferry Ministers Meeting.",
     "ASEAN Ferry Ministers Meeting", "meeting/asean-ferry-ministers-meeting-session-2030"),
    ("Ministers met at the ASEAN Plus Three Ferry Officials' Meeting in Hanoi.",
     "ASEAN Plus Three Ferry Officials' Meeting", "meeting/asean-plus-three-ferry-officials-meeting-session-2030"),
])
def test_an_unknown_series_named_for_a_session_by_a_cue(gaz: Gazetteer, sentence: str, said: str, mid: str) -> None:
    assert meetings(sentence, gaz).get(said) == mid, meetings(sentence, gaz)


@pytest.mark.parametrize("sentence", [
    # no cue, a number (the numbered rules' own), a longer name, or a chair of the series: no session, no body
    "The ASEAN Ferry Ministers Meeting is where the ministers agree on ports.",
    "The Chair of the ASEAN Ferry Ministers Meeting spoke on ports.",
    "Ports were discussed during the ASEAN Ferry Officials' Meeting Working Group.",
])
def test_an_unknown_series_without_a_cue_is_left_alone(gaz: Gazetteer, sentence: str) -> None:
    ex = read(sentence, gaz)
    assert not [m for m in ex.mentions if m.kind in ("Meeting", "Body", "Post") and "ferry" in m.entity], \
        [(m.kind, m.entity) for m in ex.mentions]


@pytest.mark.parametrize("sentence,sessions", [
    # round sixteen: series named in a list share the cue after the list's last or before its first
    ("In March 2030 the ASEAN Ferry Officials' Meeting, the ASEAN Plus Three Ferry Officials' Meeting and the "
     "ASEAN Dock Officials' Meeting were held in Hanoi.",
     {"ASEAN Ferry Officials' Meeting": "meeting/asean-ferry-officials-meeting-session-2030",
      "ASEAN Plus Three Ferry Officials' Meeting": "meeting/asean-plus-three-ferry-officials-meeting-session-2030",
      "ASEAN Dock Officials' Meeting": "meeting/asean-dock-officials-meeting-session-2030"}),
    # the East Asia Summit's and the ARF's own series, and an acronym in brackets inside the name
    ("The envoy attended the East Asia Summit Ferry Ministers' Meeting and the ARF (ARF) Dock Officials' Meeting.",
     {"East Asia Summit Ferry Ministers' Meeting": "meeting/east-asia-summit-ferry-ministers-meeting-session-2030",
      "ARF (ARF) Dock Officials' Meeting": "meeting/arf-arf-dock-officials-meeting-session-2030"}),
])
def test_series_named_in_a_list_share_its_cue(gaz: Gazetteer, sentence: str, sessions: dict[str, str]) -> None:
    found = meetings(sentence, gaz)
    assert {k: v for k, v in found.items() if k in sessions} == sessions, found


def test_series_named_in_a_list_without_a_cue_are_left_alone(gaz: Gazetteer) -> None:
    ex = read("The ASEAN Ferry Officials' Meeting and the East Asia Summit Ferry Officials' Meeting are yearly.", gaz)
    assert not [m for m in ex.mentions if m.kind in ("Meeting", "Body") and "ferry" in m.entity], \
        [(m.kind, m.entity) for m in ex.mentions]


@pytest.mark.parametrize("sentence,said", [
    # round fifteen: a summit named for an anniversary of relations is one session, named as written
    ("Hanoi hosted the Commemorative Summit for the 40th Year of ASEAN-Ruritania Friendship and Cooperation.",
     "Commemorative Summit for the 40th Year of ASEAN-Ruritania Friendship and Cooperation"),
    ("Last year the two sides held the Special Summit to Commemorate the 25th Anniversary of Ruritania-ASEAN "
     "Dialogue Relations in Hanoi.",
     "Special Summit to Commemorate the 25th Anniversary of Ruritania-ASEAN Dialogue Relations"),
])
def test_a_summit_named_for_an_anniversary_is_a_session(gaz: Gazetteer, sentence: str, said: str) -> None:
    found = meetings(sentence, gaz)
    assert found.get(said, "").endswith("-2030"), found


def test_an_event_of_an_anniversary_summit_is_not_the_summit(gaz: Gazetteer) -> None:
    said = meetings("The Commemorative Summit for the 40th Year of ASEAN-Ruritania Friendship and Cooperation "
                    "opened in Hanoi. Guests came to the Commemorative Summit for the 40th Year of ASEAN-Ruritania "
                    "Friendship and Cooperation Gala Dinner.", gaz)
    assert "Commemorative Summit for the 40th Year of ASEAN-Ruritania Friendship and Cooperation" in said, said
    assert not any("Gala" in k or "gala" in v for k, v in said.items()), said


@pytest.mark.parametrize("sentence, said, number", [
    # round sixteen: a session numbered after its series' acronym, with or without a hyphen
    ("Ferry ministers met at AFMM12 in Hanoi to agree on ports.", "AFMM12", 12),
    ("The AFMMX-9 opened in Hanoi on Monday.", "AFMMX-9", 9),
])
def test_a_number_after_a_meeting_acronym_is_its_session(gaz: Gazetteer, sentence: str, said: str,
                                                         number: int) -> None:
    ex = read(sentence, gaz)
    found = {m.text: m for m in ex.mentions if m.kind == "Meeting"}
    assert said in found and found[said].data.get("ordinal") == number, [(m.kind, m.text) for m in ex.mentions]


def test_a_cycle_s_number_or_an_acronym_without_an_m_is_no_session(gaz: Gazetteer) -> None:
    assert meetings("Officials met at SEOM 1/57 and at AFTX3 in Hanoi.", gaz) == {}


def test_its_numbered_meeting_is_a_session_of_the_body_named_before(gaz: Gazetteer) -> None:
    gaz.add("body/wc", "Body", "ASEAN Widget Commission", ["AWC"])
    found = meetings("The ASEAN Widget Commission (AWC) convened its 12th Meeting in Hanoi on 4 March 2030.", gaz)
    assert found == {"12th Meeting": "meeting/wc-12"}
    found = meetings("The AWC held their 5th and 6th meetings in Hanoi.", gaz)
    assert found == {"5th": "meeting/wc-5", "6th meetings": "meeting/wc-6"}
    # "the 12th Meeting" names no body; "its 12th meeting of the Y" is another rule's
    assert meetings("The ministers recalled the 12th Meeting in Hanoi.", gaz) == {}


def test_the_bloc_s_numbered_summit_is_asean_s(gaz: Gazetteer) -> None:
    gaz.add("body/asean-summit", "Body", "ASEAN Summit")
    found = meetings("The ASEAN Widget Centre was launched at the bloc's 21st summit in Hanoi.", gaz)
    assert found == {"21st summit": "meeting/asean-summit-21"}


def test_a_special_meeting_of_asean_and_a_partner_s_ministers(gaz: Gazetteer) -> None:
    gaz.add("country/ruritania", "Country", "Ruritania")
    found = meetings("Ministers met at the Special ASEAN-Ruritania Foreign Ministers' Meeting in Celebration of the "
                     "30th Anniversary of the Dialogue Relations in Hanoi on 4 March 2030.", gaz)
    assert found == {"Special ASEAN-Ruritania Foreign Ministers' Meeting":
                     "meeting/asean-ruritania-foreign-ministers-meeting-special-2030"}
    ex = read("Ministers met at the Special ASEAN-Ruritania Foreign Ministers' Meeting in Celebration of the "
              "30th Anniversary of the Dialogue Relations.", gaz)
    assert not [f for f in ex.facts if str(f.object) == "place/celebration"]   # a purpose, not a place
    assert meetings("The Special ASEAN-Zembla Foreign Ministers' Meeting opened.", gaz) == {}


def test_an_asean_forum_the_graph_lacks_with_its_year_is_that_year_s_session(gaz: Gazetteer) -> None:
    found = meetings("The ASEAN Widget Forum 2030 officially opened in Hanoi on Wednesday.", gaz)
    assert found == {"ASEAN Widget Forum 2030": "meeting/asean-widget-forum-session-2030"}
    ex = read("The ASEAN Widget Forum 2030 officially opened in Hanoi on Wednesday.", gaz)
    assert ("meeting/asean-widget-forum-session-2030", "location", "place/hanoi") in ex.relations()
    # no cue: the series, not a session
    assert meetings("The ASEAN Widget Forum promotes widgets.", gaz) == {}
