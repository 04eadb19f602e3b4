"""Bodies named without "ASEAN" (round twenty-two). Sentences invented for these tests."""

from __future__ import annotations

from extraction_helpers import asean_gazetteer, mentioned


def bodies(text: str) -> dict[str, str]:
    return mentioned(text, asean_gazetteer(), "Body")


def test_pillars_listed_without_asean_are_the_pillars() -> None:
    found = bodies("The Community rests on three pillars, namely the Political and Security Community, the "
                   "Economic Community and the Social Cultural Community, the officials recalled.")
    assert found == {"Political and Security Community": "body/asean-political-security-community",
                     "Economic Community": "body/asean-economic-community",
                     "Social Cultural Community": "body/asean-socio-cultural-community"}


def test_a_bare_pillar_after_a_named_one_is_a_pillar() -> None:
    found = bodies("Work went on in the ASEAN Political-Security Community and the Economic Community alike.")
    assert found.get("Economic Community") == "body/asean-economic-community"


def test_one_bare_pillar_or_another_communitys_name_is_no_pillar() -> None:
    assert "Economic Community" not in bodies("The Economic Community was discussed over lunch.")
    found = bodies("The European Economic Community and the Socio-Cultural Community were compared.")
    assert "Economic Community" not in found and "European Economic Community" not in found


def test_an_organ_of_officials_defined_by_an_acronym_is_a_body() -> None:
    found = bodies("The Senior Officials Committee for the Widget Community (SOWC) met; the SOWC and the "
                   "High-Level Task Force on Widget Integration (HLTF-WI) reported.")
    assert found.get("SOWC") == "body/senior-officials-committee-for-the-widget-community"
    assert found.get("HLTF-WI") == "body/high-level-task-force-on-widget-integration"
