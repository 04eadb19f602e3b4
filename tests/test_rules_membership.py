"""Memberships of ASEAN stated without the day they began, in the ways news and statements write them
(sentences written for these tests, not corpus text)."""

from __future__ import annotations

import pytest
from extraction_helpers import asean_gazetteer, ctx, members

from ingest.extract import extract
from ingest.gazetteer import Gazetteer

DAY = "2026-03-02"   # the day every text here was published


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    g = asean_gazetteer()
    g.add("state/malaysia", "MemberState", "Malaysia")
    g.add("state/lao-pdr", "MemberState", "Lao PDR", ["Laos", "Lao People's Democratic Republic"])
    g.add("state/singapore", "MemberState", "Singapore", ["Republic of Singapore"])
    g.add("state/myanmar", "MemberState", "Myanmar")
    g.add("state/timor-leste", "MemberState", "Timor-Leste")
    g.add("country/japan", "Country", "Japan")
    return g


@pytest.mark.parametrize("sentence", [
    # a relative clause after "member states"
    "The widget forum is open to ASEAN member states, which include Malaysia, Laos and Singapore.",
    # the organisation's name spelled out in brackets, the list after a dash
    "The forum gathers ministers of 10 ASEAN (Association of Southeast Asian Nations) countries - Malaysia, "
    "Laos, Singapore and others, and partners such as Japan.",
    # "representing" the states, with their long-form names
    "We, the Widget Ministers of ASEAN Member States, representing Malaysia, the Lao People's Democratic "
    "Republic and the Republic of Singapore, met online.",
])
def test_a_list_of_asean_members_after_the_word_for_them(gaz: Gazetteer, sentence: str) -> None:
    assert members(extract(sentence, gaz, ctx(DAY), learned=False)) == \
        {"state/malaysia", "state/lao-pdr", "state/singapore"}, sentence


def test_a_partner_listed_after_the_members_is_no_member(gaz: Gazetteer) -> None:
    ex = extract("Ministers of ASEAN countries - Malaysia and Laos - and of partner countries - Japan - met.",
                 gaz, ctx(DAY), learned=False)
    assert members(ex) == {"state/malaysia", "state/lao-pdr"}


@pytest.mark.parametrize("sentence", [
    "Myanmar, one of ASEAN's ten members, skipped the widget fair.",
    "Myanmar is one of the ten ASEAN member states that trade widgets.",
])
def test_a_state_said_to_be_one_of_asean_s_members(gaz: Gazetteer, sentence: str) -> None:
    assert members(extract(sentence, gaz, ctx(DAY), learned=False)) == {"state/myanmar"}, sentence


def test_one_of_the_dialogue_partners_is_no_member(gaz: Gazetteer) -> None:
    assert not members(extract("Japan, one of ASEAN's dialogue partners, sent a delegate.", gaz, ctx(DAY),
                                learned=False))
    assert not members(extract("Myanmar, one of the countries of the region, sent a delegate.", gaz, ctx(DAY),
                                learned=False))


def test_a_state_taking_part_as_asean_s_newest_member(gaz: Gazetteer) -> None:
    ex = extract("The widget talks were the first with Timor-Leste participating as ASEAN's newest Member State.",
                 gaz, ctx(DAY), learned=False)
    assert members(ex) == {"state/timor-leste"}


def test_a_state_that_became_a_member_with_no_day_given(gaz: Gazetteer) -> None:
    ex = extract("Timor-Leste became the 11th member of ASEAN during a widget summit on Sunday.", gaz, ctx(DAY),
                 learned=False)
    assert members(ex) == {"state/timor-leste"}
    # no day is made up: the membership keeps the day the curated graph gives it
    assert not [f for f in ex.facts if f.relation == "startDate" and f.subject.startswith("membership/")]
    # a membership to come is none
    assert not members(extract("Timor-Leste hopes to become the 11th member of ASEAN soon.", gaz, ctx(DAY),
                                learned=False))


@pytest.mark.parametrize("sentence", [
    # round twelve: the organisation's possessive and a number before "member states", the list after a dash
    "The forum brings together ministers from ASEAN's eleven member states — Malaysia, Laos, Singapore, "
    "Timor-Leste and Myanmar — and guests.",
    # a state's formal style before its name in the list
    "We, the ministers of ASEAN Member States, representing Malaysia, the Republic of the Union of Myanmar, "
    "the Kingdom of Laos and the Democratic Republic of Timor-Leste, met today.",
])
def test_a_list_of_members_after_the_possessive_or_in_formal_styles(gaz: Gazetteer, sentence: str) -> None:
    found = members(extract(sentence, gaz, ctx(DAY), learned=False))
    assert {"state/malaysia", "state/myanmar", "state/timor-leste"} <= found, sentence


@pytest.mark.parametrize("sentence", [
    # round fifteen: five or more member states listed after a word of membership, ASEAN unnamed in the sentence
    "Widget quotas split the bloc made up of Malaysia, Laos, Myanmar, Singapore and Timor-Leste.",
    "The founding 5 members are Malaysia, Laos, Myanmar, Singapore and Timor-Leste.",
    "Leaders of the AMS – Malaysia, Laos, Myanmar, Singapore and Timor-Leste – traded widgets.",
    "Envoys came from the 5-member states of Widgetland: Malaysia, Laos, Myanmar, Singapore and Timor-Leste.",
])
def test_a_long_list_of_member_states_after_a_word_of_membership(gaz: Gazetteer, sentence: str) -> None:
    assert members(extract(sentence, gaz, ctx(DAY), learned=False)) == \
        {"state/malaysia", "state/lao-pdr", "state/myanmar", "state/singapore", "state/timor-leste"}, sentence


@pytest.mark.parametrize("sentence", [
    # another organisation's members, or a short list: no ASEAN membership from them
    "Delegations came from the RIPA Member Countries: Malaysia, Laos, Myanmar, Singapore and Timor-Leste.",
    "The bloc made up of Malaysia, Laos and Singapore traded widgets.",
])
def test_no_membership_from_another_organisation_s_or_a_short_list(gaz: Gazetteer, sentence: str) -> None:
    assert members(extract(sentence, gaz, ctx(DAY), learned=False)) == set(), sentence


def test_a_long_list_right_after_asean_member_states(gaz: Gazetteer) -> None:
    # no verb between the words and the list: a long list only
    ex = extract("ASEAN member states Malaysia, Laos, Myanmar, Singapore and Timor-Leste sent widget experts.",
                 gaz, ctx(DAY), learned=False)
    assert members(ex) == {"state/malaysia", "state/lao-pdr", "state/myanmar", "state/singapore", "state/timor-leste"}
    ex = extract("ASEAN member states Malaysia and Laos sent widget experts.", gaz, ctx(DAY), learned=False)
    assert members(ex) == set()
