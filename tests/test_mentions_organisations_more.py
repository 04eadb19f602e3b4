"""More organisations the extractor knows without the graph (round twenty-two). Sentences invented for these tests."""

from __future__ import annotations

from extraction_helpers import asean_gazetteer, mentioned


def orgs(text: str) -> dict[str, str]:
    return mentioned(text, asean_gazetteer(), "Organization")


def test_the_aha_centre_by_its_short_name_and_its_full_name_in_any_case() -> None:
    full = "ASEAN Coordinating Centre for Humanitarian Assistance on disaster management"
    found = orgs(f"The {full} (AHA Centre) sent widget kits; the AHA Centre thanked donors.")
    assert set(found.values()) == {"org/asean-coordinating-centre-for-humanitarian-assistance-on-disaster-management"}
    assert full in found and "AHA Centre" in found


def test_plus_three_research_office_and_the_trilateral_secretariat() -> None:
    found = orgs("Officials of the ASEAN+3 Macroeconomic Research Office (AMRO) and the Trilateral Cooperation "
                 "Secretariat briefed the widget meeting.")
    assert found.get("ASEAN+3 Macroeconomic Research Office") == "org/asean-3-macroeconomic-research-office"
    assert found.get("Trilateral Cooperation Secretariat") == "org/trilateral-cooperation-secretariat"
