"""Posts that are offices of a state's institution, written with the institution after them (round
ten). Sentences invented for these tests; the gazetteer is built by hand."""

from __future__ import annotations

import pytest
from extraction_helpers import asean_gazetteer, read, said

from ingest.extract import Extraction
from ingest.gazetteer import Gazetteer


@pytest.fixture
def gaz() -> Gazetteer:
    g = asean_gazetteer()
    g.add("state/brunei-darussalam", "MemberState", "Brunei Darussalam", ["Brunei"])
    g.add("state/philippines", "MemberState", "Philippines")
    g.add("body/acc", "Body", "ASEAN Coordinating Council", ["ACC"])
    return g


def posts(ex: Extraction) -> dict[str, str]:
    return said(ex, "Post")


def test_an_office_of_a_ministry_of_a_state_is_one_post_held_by_the_person_before(gaz: Gazetteer) -> None:
    ex = read("Dato Aminah Karim, Permanent Secretary at the Ministry of Culture of Brunei Darussalam, opened it.", gaz)
    pid = "post/brunei-darussalam-ministry-of-culture-permanent-secretary"
    assert posts(ex) == {"Permanent Secretary at the Ministry of Culture of Brunei Darussalam": pid}
    assert ("person/aminah-karim", "holds", pid) in ex.relations()
    # the state inside the post stays a mention of its own
    assert any(m.entity == "state/brunei-darussalam" for m in ex.mentions)


def test_a_speaker_of_a_house_and_a_name_with_an_initial(gaz: Gazetteer) -> None:
    ex = read("Juan Q. Santos, Speaker of the House of Representatives of the Republic of the Philippines and "
             "President of the forum, spoke.", gaz)
    assert posts(ex) == {"Speaker of the House of Representatives of the Republic of the Philippines":
                         "post/philippines-house-of-representatives-speaker"}
    assert ("person/juan-q-santos", "holds", "post/philippines-house-of-representatives-speaker") in ex.relations()


def test_an_office_of_an_institution_without_a_state(gaz: Gazetteer) -> None:
    ex = read("The Director of the Bureau of Fisheries Trade, Ms. Rosa Lim, chaired the session.", gaz)
    assert posts(ex) == {"Director of the Bureau of Fisheries Trade": "post/bureau-of-fisheries-trade-director"}


def test_asean_bodies_and_meeting_boards_are_left_to_other_rules(gaz: Gazetteer) -> None:
    found = posts(read("The Chair of the ASEAN Coordinating Council spoke.", gaz))
    assert not any(pid.endswith("asean-coordinating-council-chair") for pid in found.values())
    assert posts(read("Tran Van Binh, Head of the Organizing Board of the 14th ACC Meeting, said so.", gaz)) == {}


def test_a_day_before_an_office_is_no_person(gaz: Gazetteer) -> None:
    ex = read("Last Friday, Director-General of the Department of Trade Jane Roe confirmed it.", gaz)
    assert not any(m.text.startswith("Last") for m in ex.mentions)


def test_the_role_after_a_states_possessive_names_the_post_too(gaz: Gazetteer) -> None:
    ex = read("Brunei's Foreign Minister Hajah Siti Amal attended the talks.", gaz)
    said = {m.text: m.entity for m in ex.mentions if m.kind == "Post"}
    assert said["Foreign Minister"] == said["Brunei's Foreign Minister"]


@pytest.mark.parametrize(("sentence", "title", "pid"), [
    ("Foreign Ministry spokesman Pedro Alvarez said the talks went well.", "Foreign Ministry spokesman",
     "post/ministry-of-foreign-affairs-spokesperson"),
    ("According to Bruneian Health Ministry Spokesperson Siti Rahmah, the plan is ready.",
     "Bruneian Health Ministry Spokesperson", "post/brunei-darussalam-ministry-of-health-spokesperson"),
    ("Maria Reyes, spokeswoman for the Philippine Foreign Ministry, told reporters the talks went well.",
     "spokeswoman for the Philippine Foreign Ministry", "post/philippines-ministry-of-foreign-affairs-spokesperson"),
    ("The spokesman of Bruneian Ministry of Culture Chan Dara confirmed the date.",
     "spokesman of Bruneian Ministry of Culture", "post/brunei-darussalam-ministry-of-culture-spokesperson"),
    ("ASEAN spokesperson Dominic Cruz announced the schedule.", "ASEAN spokesperson", "post/asean-spokesperson"),
])
def test_a_spokesperson_of_a_ministry_or_of_asean_is_a_post_held_by_the_name_beside_it(
        gaz: Gazetteer, sentence: str, title: str, pid: str) -> None:
    ex = read(sentence, gaz)
    assert posts(ex).get(title) == pid, sentence
    holders = {s for s, o in ((f.subject, str(f.object)) for f in ex.facts if f.relation == "holds") if o == pid}
    assert len(holders) == 1 and next(iter(holders)).startswith("person/"), sentence


def test_what_a_spokesperson_reports_is_not_a_topic_of_their_own(gaz: Gazetteer) -> None:
    g = gaz
    g.add("topic/south-china-sea", "Topic", "South China Sea")
    ex = read("Foreign Ministry spokesman Pedro Alvarez said the ministers discussed the South China Sea. "
              "Mr Alvarez said the South China Sea is high on the agenda.", g)
    assert not any(f.relation == "addresses" and f.subject.startswith("person/") for f in ex.facts)


@pytest.mark.parametrize("sentence", [
    "Dato Aminah Karim, Minister of Culture, Brunei Darussalam as the Chair of the meeting, opened it.",
    "Dato Aminah Karim, Minister of Culture, Brunei Darussalam serves as the Chair.",
])
def test_a_state_after_a_post_closes_it_before_the_sentence_s_verb(gaz: Gazetteer, sentence: str) -> None:
    # round twelve: "X, Minister of Y, <State> as the Chair ...": the post is the state's
    ex = read(sentence, gaz)
    assert ("person/aminah-karim", "holds", "post/brunei-darussalam-culture-minister") in ex.relations(), sentence


def test_a_state_in_a_list_after_a_post_is_not_its_state(gaz: Gazetteer) -> None:
    ex = read("Dato Aminah Karim, Minister of Culture, Brunei and the Philippines signed the plan.", gaz)
    assert ("person/aminah-karim", "holds", "post/brunei-darussalam-culture-minister") not in ex.relations()


def test_a_bare_title_is_the_post_the_text_gives_the_person_with_its_state(gaz: Gazetteer) -> None:
    # round twelve: "Bruneian Minister of Culture X" ... later "Minister of Culture X": the same post
    ex = read("Bruneian Minister of Culture Aminah Karim arrived on Monday. On Tuesday, Minister of Culture "
              "Aminah Karim opened the fair.", gaz)
    held = {o for s, p, o in ex.relations() if s == "person/aminah-karim" and p == "holds"}
    assert held == {"post/brunei-darussalam-culture-minister"}, held


@pytest.mark.parametrize("sentence", [
    "Guests included the Sultan of Brunei, Haji Omar Daud, and two ministers.",
    "The Sultan of Brunei Haji Omar Daud opened the fair.",
])
def test_a_bare_title_with_its_state_after_it(gaz: Gazetteer, sentence: str) -> None:
    # round twelve: "Sultan", "King" and "State Counsellor" are titles of a state's office, written
    # "<title> of <state>" as a minister's post is
    ex = read(sentence, gaz)
    assert posts(ex) == {"Sultan of Brunei": "post/brunei-darussalam-sultan"}, sentence
    assert ("person/omar-daud", "holds", "post/brunei-darussalam-sultan") in ex.relations(), sentence


@pytest.mark.parametrize("sentence", [
    "State Counsellor Mya Thida Win of the Philippines spoke first.",
    "Philippine State Counselor Mya Thida Win spoke first.",
])
def test_a_state_counsellor_is_a_bare_title(gaz: Gazetteer, sentence: str) -> None:
    ex = read(sentence, gaz)
    assert ("person/mya-thida-win", "holds", "post/philippines-state-counsellor") in ex.relations(), sentence


@pytest.mark.parametrize("sentence, pid", [
    ("Brunei's defence minister Haji Omar Daud chaired it.", "post/brunei-darussalam-defence-minister"),
    ("The talks were attended by Haji Omar Daud, the Brunei defence minister.",
     "post/brunei-darussalam-defence-minister"),
    ("It was chaired by Philippine minister of Culture and Arts Omar Daud.",
     "post/philippines-culture-and-arts-minister"),
    ("Talks with Philippine president Omar Daud went well.", "post/philippines-president"),
])
def test_a_lower_case_role_after_a_state_is_its_post(gaz: Gazetteer, sentence: str, pid: str) -> None:
    # round twelve: news writes "Cambodia's defence minister X", "the X minister of Y Z" in lower case
    ex = read(sentence, gaz)
    assert ("person/omar-daud", "holds", pid) in ex.relations(), (sentence, ex.relations())


def test_a_lower_case_role_after_an_organisation_is_no_post(gaz: Gazetteer) -> None:
    ex = read("ASEAN defence minister Omar Daud spoke.", gaz)
    assert not any(p == "holds" for _, p, _ in ex.relations())


def test_an_office_after_an_organisation_s_acronym_before_a_name(gaz: Gazetteer) -> None:
    # round twelve: "SBV Governor X": the office of the organisation the acronym names
    gaz.add("org/widget-bank-of-brunei", "Organization", "Widget Bank of Brunei", ["WBB"])
    ex = read("WBB Governor Omar Daud opened the meeting.", gaz)
    assert ("person/omar-daud", "holds", "post/widget-bank-of-brunei-governor") in ex.relations()
    # a Secretary-General is the post patterns' (not "Secretary" of the organisation)
    ex = read("WBB Secretary General Omar Daud opened the meeting.", gaz)
    assert not any(o.endswith("-secretary") for _, p, o in ex.relations() if p == "holds")


def test_rok_written_in_mixed_case_is_the_republic_of_korea(gaz: Gazetteer) -> None:
    # round thirteen: "the RoK's President X" as "the ROK's President X"
    gaz.add("country/republic-of-korea", "Country", "Republic of Korea")
    ex = read("The forum was the largest held under the RoK’s President Kim Dae-ro.", gaz)
    assert set(said(ex, "Country").values()) == {"country/republic-of-korea"}
    assert any(rel == "holds" and s == "person/kim-dae-ro" and o.startswith("post/republic-of-korea")
               for s, rel, o in ex.relations()), ex.relations()


@pytest.mark.parametrize("sentence, post_said, pid, person", [
    # round thirteen: a Philippine department's acronym before its secretary, "Sec." for Secretary, and
    # the holder after a comma; "Jr." keeps its dot
    ("DOE Secretary Ramon Dalisay joined the widget talks.", "DOE Secretary",
     "post/department-of-energy-secretary", "person/ramon-dalisay"),
    ("DOLE Sec. Ramon Dalisay said the talks matter.", "DOLE Sec.",
     "post/department-of-labor-and-employment-secretary", "person/ramon-dalisay"),
    ("The Department of Science and Technology (DOST) Secretary, Ramon Dalisay Jr., was among the guests.",
     "Department of Science and Technology (DOST) Secretary", "post/department-of-science-and-technology-secretary",
     "person/ramon-dalisay-jr"),
])
def test_a_philippine_department_s_secretary(gaz: Gazetteer, sentence: str, post_said: str, pid: str,
                                              person: str) -> None:
    ex = read(sentence, gaz)
    assert posts(ex).get(post_said) == pid, posts(ex)
    assert (person, "holds", pid) in ex.relations(), ex.relations()
    if person.endswith("-jr"):
        assert "Ramon Dalisay Jr." in said(ex, "Person")


@pytest.mark.parametrize("sentence, holder, pid", [
    # round thirteen: "his <demonym> counterpart Y" is Y in the office of the post the sentence gives the other
    ("Defence Minister Omar Daud greeted his Philippine counterpart Rosa Santos at the widget fair.",
     "person/rosa-santos", "post/philippines-defence-minister"),
    ("President Rosa Santos and her Bruneian counterpart, H.E. Omar Daud, opened the widget fair.",
     "person/omar-daud", "post/brunei-darussalam-president"),
])
def test_a_counterpart_of_a_state_holds_the_same_office_there(gaz: Gazetteer, sentence: str, holder: str,
                                                               pid: str) -> None:
    ex = read(sentence, gaz)
    assert (holder, "holds", pid) in ex.relations(), ex.relations()
    # the first person's post is not the counterpart's state's
    other = "person/omar-daud" if holder == "person/rosa-santos" else "person/rosa-santos"
    assert not any(s == other and o.startswith(pid.rsplit("-", 2)[0]) for s, _, o in ex.relations()), ex.relations()


def test_counterparts_in_the_plural_name_no_post(gaz: Gazetteer) -> None:
    ex = read("Defence Minister Omar Daud greeted his Philippine counterparts at the widget fair.", gaz)
    assert not any(o.startswith("post/philippines") for _, _, o in ex.relations()), ex.relations()


@pytest.mark.parametrize("sentence", [
    # round fifteen: "head" inside "ahead" is no office ("ahead of the X Council" named a post "head of X")
    "The envoys met twice ahead of the ASEAN Coordinating Council in Manila.",
    "Ahead of the ACC, the envoys agreed on a draft.",
])
def test_ahead_of_a_body_names_no_head_of_it(gaz: Gazetteer, sentence: str) -> None:
    assert posts(read(sentence, gaz)) == {}, posts(read(sentence, gaz))


def test_pm_after_a_state_is_its_prime_minister(gaz: Gazetteer) -> None:
    # news style: "PM" for Prime Minister after the state's adjective or possessive; a clock's "PM" is no post
    ex = read("Bruneian PM Hamid Karim and Philippine President Juan Cruz met at 3 PM.", gaz)
    assert posts(ex).get("Bruneian PM") == "post/brunei-darussalam-prime-minister"
    assert ("person/hamid-karim", "holds", "post/brunei-darussalam-prime-minister") in ex.relations()
    assert "3 PM" not in posts(ex) and not any(p.endswith("-prime-minister") and "philippines" in p
                                                for p in posts(ex).values())


@pytest.mark.parametrize(("sentence", "said", "pid", "name"), [
    ("The meeting was chaired by Hamid Karim, Representative of Brunei Darussalam to the AICHR, and went on.",
     "Representative of Brunei Darussalam to the AICHR", "post/brunei-darussalam-representative-to-aichr",
     "Representative of Brunei to AICHR"),
    ("Brunei's Permanent Representative to ASEAN, Hamid Karim, said the plan was final.",
     "Brunei's Permanent Representative to ASEAN", "post/brunei-darussalam-permanent-representative-to-asean",
     "Permanent Representative of Brunei to ASEAN"),
])
def test_a_state_s_representative_to_asean_or_its_commission(gaz: Gazetteer, sentence: str, said: str, pid: str,
                                                              name: str) -> None:
    ex = read(sentence, gaz)
    assert posts(ex).get(said) == pid
    assert ("person/hamid-karim", "holds", pid) in ex.relations()
    assert (pid, "name", name) in {(f.subject, f.relation, str(f.object)) for f in ex.facts}


def test_asean_s_special_envoy_on_myanmar_is_a_post(gaz: Gazetteer) -> None:
    ex = read("Widget talks were led by Hamid Karim, the ASEAN special envoy on Myanmar, in March.", gaz)
    assert posts(ex).get("ASEAN special envoy on Myanmar") == "post/asean-special-envoy-on-myanmar"
    assert ("person/hamid-karim", "holds", "post/asean-special-envoy-on-myanmar") in ex.relations()


def test_a_post_of_a_state_s_government_is_the_state_s(gaz: Gazetteer) -> None:
    # "Minister of X of the (Royal) Government of Y": Y's minister, not a post without a state
    ex = read("Hamid Karim, Minister of Culture of the Government of Brunei Darussalam, opened the widget fair.", gaz)
    assert posts(ex).get("Minister of Culture of the Government of Brunei Darussalam") == \
        "post/brunei-darussalam-culture-minister"
    assert ("person/hamid-karim", "holds", "post/brunei-darussalam-culture-minister") in ex.relations()


def test_a_portfolio_with_a_possessive_word(gaz: Gazetteer) -> None:
    # "Women's Affairs": the possessive stays in the portfolio, and the state after it is the post's
    ex = read("Hamid Karim, Minister of Women’s Affairs of Brunei Darussalam, opened the widget fair.", gaz)
    pid = next((p for said, p in posts(ex).items() if said.startswith("Minister of Women’s Affairs")), None)
    assert pid is not None and pid.startswith("post/brunei-darussalam-")
    assert ("person/hamid-karim", "holds", pid) in ex.relations()


def test_myanmar_s_union_minister_keeps_union_in_the_post(gaz: Gazetteer) -> None:
    gaz.add("state/myanmar", "MemberState", "Myanmar")
    ex = read("Myanmar’s Union Minister for Widget Affairs, U Hamid Karim, was the Vice-Chair.", gaz)
    pid = posts(ex).get("Myanmar’s Union Minister for Widget Affairs")
    assert pid is not None and pid.startswith("post/myanmar-") and pid.endswith("-union-minister")
    assert ("person/hamid-karim", "holds", pid) in ex.relations()


@pytest.mark.parametrize("sentence, said, pid, holder", [
    ("The talks were attended by Commander of the Ruritanian Armed Forces General Hamid Karim and delegation.",
     "Commander of the Ruritanian Armed Forces", "post/ruritanian-armed-forces-commander", "person/hamid-karim"),
    ("Chief of Staff of the Ruritanian Navy Lt-Gen Rosa Lim and delegation attended the talks.",
     "Chief of Staff of the Ruritanian Navy", "post/ruritanian-navy-chief-of-staff", "person/rosa-lim"),
    ("Tran Van Binh, Chief of the General Staff of the Ruritanian People’s Army, led the delegation.",
     "Chief of the General Staff of the Ruritanian People’s Army",
     "post/general-staff-of-the-ruritanian-peoples-army-chief", "person/tran-van-binh"),
])
def test_an_office_of_an_armed_force_or_police_ends_before_the_holder_s_rank(
        gaz: Gazetteer, sentence: str, said: str, pid: str, holder: str) -> None:
    ex = read(sentence, gaz)
    assert posts(ex) == {said: pid}
    assert (holder, "holds", pid) in ex.relations()


def test_an_office_written_after_its_institution_before_the_holder(gaz: Gazetteer) -> None:
    ex = read("Ruritanian Widget Agency Director-General Hamid Karim leads the delegation.", gaz)
    pid = "post/ruritanian-widget-agency-director-general"
    assert posts(ex) == {"Ruritanian Widget Agency Director-General": pid}
    assert ("person/hamid-karim", "holds", pid) in ex.relations()


def test_an_office_after_its_institution_keeps_secretary_general_and_the_state_before(gaz: Gazetteer) -> None:
    ex = read("Also present, Brunei's Widget Ministry Deputy Secretary General (Management), Dato Rosa Lim.", gaz)
    pid = "post/widget-ministry-deputy-secretary-general-management"
    assert posts(ex) == {"Widget Ministry Deputy Secretary General (Management)": pid}
    assert ("person/rosa-lim", "holds", pid) in ex.relations()
    assert any(m.entity == "state/brunei-darussalam" for m in ex.mentions)


def test_an_office_after_an_asean_body_or_another_office_is_left_alone(gaz: Gazetteer) -> None:
    assert posts(read("The ASEAN Widget Council Chairman Hamid Karim spoke.", gaz)) == {}
    ex = read("Defence Secretary and National Widget Council Chairperson Rosa Lim spoke.", gaz)
    assert "National Widget Council Chairperson" in posts(ex)
