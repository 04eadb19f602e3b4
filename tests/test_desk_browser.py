"""The web desk in a real headless browser (Debian's Chromium, driven by Selenium through chromedriver).

.ci/run installs chromium and chromium-driver from Debian when they are missing; without them this
test skips locally and fails under CI.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_serve import start_server

from graphkit.cli import cli

SEED = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "texts" / "apsc29-opening-remarks.txt"


def _browser_or_skip() -> tuple[str, str]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    driver = shutil.which("chromedriver")
    if not chromium or not driver:
        reason = "no Chromium and chromedriver here (apt-get install chromium chromium-driver)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    return chromium, driver


def _navigates(b: object, act: object) -> None:
    """Do ``act`` (a click or Enter that loads a page) and wait until the new page has replaced the old
    one: a find right after a click may otherwise read the old page when the machine is busy."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    old = b.find_element(By.TAG_NAME, "html")  # type: ignore[attr-defined]
    act()  # type: ignore[operator]
    wait = WebDriverWait(b, 60)
    wait.until(expected_conditions.staleness_of(old))
    wait.until(lambda d: d.execute_script("return document.readyState") == "complete")


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`graphkit serve` on a store built from the shipped records plus the seed remarks."""
    store = tmp_path_factory.mktemp("desk") / "store"
    runner = CliRunner()
    assert runner.invoke(cli, ["build", "--store", str(store), "--quiet"]).exit_code == 0
    ingested = runner.invoke(cli, ["ingest", str(SEED), "--store", str(store), "--quiet"])
    assert ingested.exit_code == 0, ingested.output
    proc, base = start_server(store)
    yield base
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    chromium, driver = _browser_or_skip()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,1600"):
        options.add_argument(arg)
    b = webdriver.Chrome(service=Service(driver), options=options)
    b.set_page_load_timeout(120)
    yield b
    b.quit()


def test_an_analyst_finds_the_29th_apsc_council_and_follows_it_to_the_2045_plan(desk: str, browser: object) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    b = browser
    b.get(desk + "/")  # type: ignore[attr-defined]
    box = b.find_element(By.NAME, "q")  # type: ignore[attr-defined]
    _navigates(b, lambda: box.send_keys("APSC", Keys.ENTER))
    hits = b.find_element(By.ID, "entity-hits")  # type: ignore[attr-defined]
    _navigates(b, hits.find_element(By.LINK_TEXT, "ASEAN Political-Security Community Council").click)
    assert b.find_element(By.ID, "entity-name").text == "ASEAN Political-Security Community Council"  # type: ignore[attr-defined]

    # The council's page lists its meetings; open the 29th.
    _navigates(b, b.find_element(By.LINK_TEXT,  # type: ignore[attr-defined]
                                 "29th ASEAN Political-Security Community Council Meeting").click)
    assert b.find_element(By.ID, "entity-name").text == "29th ASEAN Political-Security Community Council Meeting"  # type: ignore[attr-defined]
    conj = b.find_element(By.CSS_SELECTOR, 'table.links[data-relationship="IN_CONJUNCTION_WITH"]')  # type: ignore[attr-defined]
    assert "46th ASEAN Summit" in conj.text
    topics = b.find_element(By.CSS_SELECTOR, 'table.links[data-relationship="ADDRESSES"]').text  # type: ignore[attr-defined]
    assert "trafficking in persons" in topics and "scam centres" in topics
    evidence = b.find_element(By.ID, "evidence").text  # type: ignore[attr-defined]
    assert "held in conjunction with the 46th ASEAN Summit" in evidence
    sources = b.find_element(By.ID, "sources").text  # type: ignore[attr-defined]
    assert "https://" in sources

    # It reviewed the APSC Blueprint 2025, which informs the APSC Strategic Plan 2045.
    _navigates(b, b.find_element(By.LINK_TEXT,  # type: ignore[attr-defined]
                                 "ASEAN Political-Security Community Blueprint 2025").click)
    informs = b.find_element(By.CSS_SELECTOR, 'table.links[data-relationship="INFORMS"]')  # type: ignore[attr-defined]
    _navigates(b, informs.find_element(By.PARTIAL_LINK_TEXT, "Strategic Plan").click)
    title = b.find_element(By.ID, "entity-name").text  # type: ignore[attr-defined]
    assert "Political-Security Community Strategic Plan" in title
    assert "apsc-strategic-plan-2045" in b.current_url  # type: ignore[attr-defined]


def test_search_finds_a_sentence_and_the_lineage_view_opens(desk: str, browser: object) -> None:
    from selenium.webdriver.common.by import By

    b = browser
    b.get(desk + "/?q=" + "%22scam%20centres%22")  # type: ignore[attr-defined]
    sentences = b.find_element(By.ID, "sentence-hits").text  # type: ignore[attr-defined]
    assert "scam centres" in sentences
    b.get(desk + "/e/document/apsc-blueprint-2025")  # type: ignore[attr-defined]
    _navigates(b, b.find_element(By.LINK_TEXT, "Trace forward").click)  # type: ignore[attr-defined]
    assert "Strategic Plan" in b.page_source  # type: ignore[attr-defined]
