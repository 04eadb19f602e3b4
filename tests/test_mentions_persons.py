"""Persons named with titles of rank and address between the honorifics and the name (round ten).

Sentences invented for these tests; the gazetteer is built by hand.
"""

from __future__ import annotations

import pytest
from extraction_helpers import asean_gazetteer, mentioned, read, said

from ingest.gazetteer import Gazetteer


@pytest.fixture
def gaz() -> Gazetteer:
    g = asean_gazetteer()
    g.add("state/brunei-darussalam", "MemberState", "Brunei Darussalam", ["Brunei"])
    g.add("state/cambodia", "MemberState", "Cambodia")
    return g


def persons(text: str, gaz: Gazetteer) -> dict[str, str]:
    return mentioned(text, gaz, "Person")


def test_bruneian_ranks_after_dato_seri_stay_out_of_the_name(gaz: Gazetteer) -> None:
    found = persons("Minister of Culture YB Dato Seri Setia Hj Omar Rahim said the plan was ready.", gaz)
    assert found == {"Dato Seri Setia Hj Omar Rahim": "person/omar-rahim"}


def test_indian_and_cambodian_forms_of_address_stay_out_of_the_name(gaz: Gazetteer) -> None:
    assert persons("The envoy thanked Prime Minister Shri Arjun Mehta for the visit.", gaz) == \
        {"Shri Arjun Mehta": "person/arjun-mehta"}
    found = persons("The talks were led by Samdech Akka Moha Ponhea Chakrei Sok Vanna, President of the "
                    "National Assembly.", gaz)
    assert list(found.values()) == ["person/sok-vanna"]


def test_a_title_word_that_is_a_given_name_stays_when_two_words_would_not_remain(gaz: Gazetteer) -> None:
    # "Sri" is a title after "Dato'", but the given name of "Sri Wulan": a name keeps two words
    assert persons("Finance Minister Sri Wulan spoke first.", gaz) == {"Sri Wulan": "person/sri-wulan"}


def test_said_after_a_patronymic_is_a_name(gaz: Gazetteer) -> None:
    found = persons("Dato' Sri Haji Kamal bin Ahmad Said, Deputy Speaker of the House, spoke next.", gaz)
    assert list(found.values()) == ["person/kamal-bin-ahmad-said"]
    # and "said" the verb still ends a name
    assert persons("Minister Kamal Ahmad said the talks went well.", gaz) == {"Kamal Ahmad": "person/kamal-ahmad"}


def test_abbreviated_malay_names_keep_their_dotted_words(gaz: Gazetteer) -> None:
    found = persons("It was attended by Dato Seri Setia Dr Awang Haji Mohd. Yusri bin Salleh, Minister of "
                    "Energy.", gaz)
    assert list(found.values()) == ["person/mohd-yusri-bin-salleh"]


def test_a_junior_minister_of_a_portfolio_is_one_post() -> None:
    from ingest.extract import role_of

    assert role_of("Minister of State for External Affairs") == (
        "state-for-external-affairs-minister", "Minister of State for External Affairs")


def test_a_possessive_ends_a_titled_name(gaz: Gazetteer) -> None:
    # round twelve: "Prime Minister X Y's schedule", "President X's inauguration"; a state's possessive is no name
    assert persons("That is Prime Minister Sok Dara's schedule this week.", gaz) == {"Sok Dara": "person/sok-dara"}
    assert persons("It is the first visit since President Kim Min-jun’s inauguration.", gaz) == \
        {"Kim Min-jun": "person/kim-min-jun"}
    found = persons("According to Prime Minister Sok Dara, Cambodia's chairmanship will focus on trade.", gaz)
    assert found == {"Sok Dara": "person/sok-dara"}
    found = persons("According to Prime Minister Dara Cambodia's chairmanship will focus on trade.", gaz)
    assert "person/dara-cambodia" not in found.values()


@pytest.mark.parametrize("headline, said, pid", [
    # round thirteen: a headline's verb in title case ends the name
    ("Premier Tomas Verhal Attends the Harbour Forum", "Tomas Verhal", "person/tomas-verhal"),
    ("President Ilse Marnov Responds to the Flood Report", "Ilse Marnov", "person/ilse-marnov"),
])
def test_a_headline_verb_after_a_titled_name_ends_it(gaz: Gazetteer, headline: str, said: str, pid: str) -> None:
    assert persons(headline + "\n\nThe forum opened on Monday.", gaz) == {said: pid}


def test_a_group_of_states_before_a_post_is_no_person(gaz: Gazetteer) -> None:
    found = persons("The meeting was attended by envoys of the Member States, Deputy Secretary-General of "
                    "the Secretariat and experts.", gaz)
    assert found == {}, found


@pytest.mark.parametrize("sentence, name", [
    # round fourteen: a first initial without its dot, after a title
    ("External Affairs Minister, Dr S Widgetkar attended the talks.", "S Widgetkar"),
    ("Chaired by the Minister for Widgets, Mr K Widgetram, the talks opened.", "K Widgetram"),
])
def test_an_initial_without_its_dot_opens_a_titled_name(gaz: Gazetteer, sentence: str, name: str) -> None:
    found = mentioned(sentence, gaz, "Person")
    assert name in found, found


def test_a_capital_letter_alone_without_a_title_is_no_name(gaz: Gazetteer) -> None:
    assert mentioned("A Widget Ministers group met in Cambodia.", gaz, "Person") == {}


@pytest.mark.parametrize("sentence,name", [
    # round fifteen: the holder's name after the institution the post is of
    ("Chinese Premier of the State Council Wang Lin said the talks went well.", "Wang Lin"),
    ("The Director-General of the Department of Ports at Cambodia's Transport Ministry Sok Dara told reporters "
     "it would rain.", "Sok Dara"),
])
def test_a_name_after_the_institution_of_a_post_is_its_holder(gaz: Gazetteer, sentence: str, name: str) -> None:
    gaz.add("country/china", "Country", "China")
    assert name in persons(sentence, gaz), persons(sentence, gaz)


def test_no_holder_after_an_institution_without_a_name(gaz: Gazetteer) -> None:
    gaz.add("country/china", "Country", "China")
    assert persons("Chinese Premier of the State Council said the talks went well.", gaz) == {}


@pytest.mark.parametrize("sentence, name, post", [
    # round sixteen: a name without a title before a comma, an article or a state's name, and a post
    ("The plan came from Chea Sophal, the Minister of Commerce of Cambodia, on Monday.", "Chea Sophal",
     "Minister of Commerce of Cambodia"),
    ("The drill was praised by Hadi Rosli, Brunei's defence minister, at the dinner.", "Hadi Rosli",
     "Brunei's defence minister"),
    # a portfolio whose parts are listed with commas before "Minister"
    ("Tep Rithy, Cambodia's acting Water, Mines and Energy Minister, opened the fair.", "Tep Rithy",
     "Cambodia's acting Water, Mines and Energy Minister"),
])
def test_a_name_before_a_comma_and_a_post_holds_it(gaz: Gazetteer, sentence: str, name: str, post: str) -> None:
    ex = read(sentence, gaz)
    people = said(ex, "Person")
    posts = said(ex, "Post")
    assert name in people and post in posts, (people, posts)
    assert (people[name], "holds", posts[post]) in ex.relations()


@pytest.mark.parametrize("sentence", [
    "Last Friday, the Minister of Commerce of Cambodia opened the fair.",
    "The Keeper of the Royal Seals, the Minister of Commerce of Cambodia, spoke.",
])
def test_a_day_or_a_longer_name_before_a_comma_and_a_post_is_no_person(gaz: Gazetteer, sentence: str) -> None:
    assert persons(sentence, gaz) == {}
