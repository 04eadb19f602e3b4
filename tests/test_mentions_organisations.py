"""Organisations the extractor knows without the graph (round ten). Sentences invented for these tests."""

from __future__ import annotations

from extraction_helpers import asean_gazetteer, mentioned


def orgs(text: str) -> dict[str, str]:
    return mentioned(text, asean_gazetteer(), "Organization")


def test_united_nations_agencies_and_regional_organisations_are_known() -> None:
    found = orgs("Observers from UN Women, the FAO, IRENA and the African Union attended.")
    assert found == {"UN Women": "org/un-women", "FAO": "org/food-and-agriculture-organization",
                     "IRENA": "org/international-renewable-energy-agency", "African Union": "org/african-union"}


def test_a_longer_known_name_wins_over_its_start() -> None:
    assert orgs("A speaker from UN Women spoke.") == {"UN Women": "org/un-women"}


def test_two_asean_names_joined_by_and_are_two_names() -> None:
    found = orgs("The ministers thanked the ASEAN Secretariat and the ASEAN Centre for Fisheries for their work.")
    assert "ASEAN Centre for Fisheries" in found
    assert not any(" and " in t for t in found)
