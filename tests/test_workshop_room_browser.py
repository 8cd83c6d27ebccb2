"""A room end to end in Debian's Chromium: three phones (one joins by typed code), one
loses its cookie and is recovered by the facilitator, a split question is settled on the
projector, evidence is attached on a phone; then `score`, `plan` and both packs show raw
and agreed values and the evidence counts. Every workshop page is checked with axe-core.
"""

from __future__ import annotations

import json
import os
import re
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_selenium_python import Axe
from pypdf import PdfReader
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.conftest import run_cli
from tests.test_workshop_browser import (
    CHROMEDRIVER,
    CHROMIUM,
    chromium,
    no_console_errors,
    no_sideways_scroll,
    phone,
    shoot,
    tap,
    through,
)
from tests.workshop_server import Server, start, write_questionnaire

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
        reason="needs Debian's chromium and chromium-driver (make sysdeps installs them)",
    ),
]


@pytest.fixture(scope="module")
def driver() -> Iterator[WebDriver]:
    with chromium("1280,720") as chrome:
        yield chrome


def screen(driver: WebDriver, width: int, height: int) -> None:
    metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)


def accessible(driver: WebDriver) -> None:
    """No serious or critical axe-core finding on the page as it is now."""
    axe = Axe(driver)
    axe.inject()
    found = axe.run()
    bad = [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
        for v in found["violations"]
        if v.get("impact") in ("serious", "critical")
    ]
    assert bad == [], f"{driver.current_url}: {bad}"


class Devices:
    """Several phones and the facilitator's laptop in one browser: each keeps its cookies."""

    def __init__(self, driver: WebDriver, server: Server) -> None:
        self.driver, self.server, self.jars = driver, server, {}
        self.current: str | None = None

    def use(self, name: str) -> WebDriver:
        if self.current is not None:
            self.jars[self.current] = self.driver.get_cookies()
        self.driver.execute_cdp_cmd("Network.clearBrowserCookies", {})
        self.driver.get(self.server.base + "/static/favicon.svg")
        for cookie in self.jars.get(name, []):
            self.driver.add_cookie(cookie)
        self.current = name
        return self.driver

    def lose_cookies(self, name: str) -> None:
        self.jars[name] = []
        if self.current == name:
            self.driver.execute_cdp_cmd("Network.clearBrowserCookies", {})


def join_form(driver: WebDriver, name: str, department: str) -> None:
    driver.find_element(By.ID, "name").send_keys(name)
    Select(driver.find_element(By.ID, "department")).select_by_value(department)
    through(driver, driver.find_element(By.CSS_SELECTOR, "form.join button[type=submit]"))


def live_figures(driver: WebDriver, test: str, timeout: float = 5) -> Any:
    WebDriverWait(driver, timeout).until(lambda d: d.execute_script(test))


@pytest.fixture
def room(tmp_path: Path) -> Iterator[tuple[Server, Path]]:
    q = write_questionnaire(tmp_path)
    server = start(tmp_path / "answers", q, "--min-group", "1")
    yield server, q
    server.stop()


@pytest.mark.pdf
def test_a_room_end_to_end(driver: WebDriver, room: tuple[Server, Path], tmp_path: Path) -> None:
    server, q = room
    devices = Devices(driver, server)
    shots = tmp_path / "shots"
    shots.mkdir()

    # The facilitator's projector, before anyone joins.
    d = devices.use("laptop")
    screen(d, 1280, 720)
    d.get(server.facilitator_url)
    accessible(d)
    d.get(server.facilitator_url + "/qr")
    accessible(d)

    # Phone 1 scans the QR code: the join URL.
    d = devices.use("ana")
    phone(d)
    d.get(server.join_url)
    accessible(d)
    join_form(d, "Ana Lima", "sales")
    accessible(d)
    tap(d, "1")  # lead-a: nobody owns it
    # lead-b: Align, with evidence attached.
    d.find_element(By.CSS_SELECTOR, "details.evidence summary").click()
    d.find_element(By.ID, "evidence_ref").send_keys("https://intranet/cx-forum-minutes")
    d.execute_script("document.getElementById('evidence_date').value = '2026-10-01'")
    d.find_element(By.ID, "evidence_holder").send_keys("CX office")
    accessible(d)
    no_sideways_scroll(d)
    shoot(d, shots, "workshop-evidence")
    tap(d, "5")
    d.get(server.base + "/review")
    accessible(d)
    d.get(server.base + "/done")
    accessible(d)

    # Phone 2 has no QR reader: the code, typed on the home page.
    d = devices.use("bo")
    phone(d)
    d.get(server.base + "/")
    accessible(d)
    code = d.find_element(By.ID, "code")
    code.send_keys(server.code.lower())
    through(d, d.find_element(By.ID, "join-code"))
    join_form(d, "Bo Berg", "sales")
    tap(d, "5")

    # Phone 3 joins, answers, then loses its cookie.
    d = devices.use("cy")
    phone(d)
    d.get(server.join_url)
    join_form(d, "Cy Chen", "sales")
    tap(d, "3")
    devices.lose_cookies("cy")
    d = devices.use("cy")
    d.get(server.join_url)
    join_form(d, "Cy Chen", "sales")
    assert "resume link" in d.find_element(By.ID, "join-error").text

    # The facilitator issues a resume link for Cy; the new phone opens it.
    d = devices.use("laptop")
    screen(d, 1280, 720)
    d.get(server.facilitator_url)
    row = d.find_element(By.XPATH, "//table[@id='members']//tr[th[text()='Cy Chen']]")
    through(d, row.find_element(By.CSS_SELECTOR, "button"))
    accessible(d)
    link = d.find_element(By.ID, "resume-url").text
    d = devices.use("cy")
    d.get(link)
    assert d.find_element(By.ID, "position").text.startswith("Question 2 of 4")
    tap(d, "2")

    # The projector: pushed figures, the split on lead-a (1, 5, 3) among the widest.
    d = devices.use("laptop")
    d.get_log("browser")  # the 409 above was meant; from here on the console stays clean
    screen(d, 1280, 720)
    d.get(server.facilitator_url)
    live_figures(
        d, "return document.getElementById('status').textContent.includes('Live: updated')"
    )
    assert "Sales (3)" in d.find_element(By.ID, "heatmap").text
    visible = d.execute_script(
        "return ['heatmap', 'disagreements'].map(id => "
        "document.getElementById(id).getBoundingClientRect().bottom <= innerHeight)"
    )
    assert visible == [True, True]
    accessible(d)
    shoot(d, shots, "workshop-projector")
    settle = d.find_element(By.CSS_SELECTOR, "a.settle-link[href$='/settle/sales/lead-a']")
    through(d, settle)
    assert [e.text for e in d.find_elements(By.CSS_SELECTOR, "#distribution .count")][:6] == [
        "1",
        "0",
        "1",
        "0",
        "1",
        "0",
    ]
    accessible(d)
    d.find_element(By.ID, "stage-3").click()
    d.find_element(By.ID, "reason").send_keys("A sponsor, no forum yet")
    through(d, d.find_element(By.ID, "record"))
    assert d.find_elements(By.CSS_SELECTOR, "a.settle-link[href$='/settle/sales/lead-a']") == []
    no_console_errors(d)

    # The same room from the command line.
    folder = server.folder
    scored = json.loads(run_cli("score", folder, "-q", q, "-f", "json").stdout)
    assert scored["consensus"]["agreed"][0]["agreed"] == 3
    assert scored["consensus"]["agreed"][0]["raw"] == [1, 0, 1, 0, 1, 0]
    assert scored["evidence"] == {"claimed": 2, "evidenced": 1, "stale": 0}
    assert {f["id"] for f in scored["consensus"]["raw"]} >= {"organisation", "sales"}
    plan = run_cli("plan", folder, "-q", q)
    assert "raw → agreed" in plan.stdout and "1 with evidence" in plan.stderr
    for pack in ("board", "workshop"):
        out = tmp_path / f"{pack}.pdf"
        made = run_cli("report", folder, "-q", q, "--pack", pack, "-o", out, "--min-group", "1")
        assert made.exit_code == 0, made.stderr
        text = " ".join(" ".join((p.extract_text() or "") for p in PdfReader(out).pages).split())
        assert "Consensus round" in text and "A sponsor, no forum yet" in text
        assert "Claimed vs evidenced" in text and "1 of them carry evidence" in text
    assert re.search(r"Scores raw → agreed", text)


@pytest.mark.parametrize("how", ["frozen", "killed"])
def test_the_projector_says_when_the_server_is_gone(
    driver: WebDriver, tmp_path: Path, how: str
) -> None:
    server = start(tmp_path / "answers", write_questionnaire(tmp_path))
    try:
        driver.execute_cdp_cmd("Network.clearBrowserCookies", {})
        screen(driver, 1280, 720)
        driver.get(server.facilitator_url)
        live = "return document.getElementById('status').textContent.includes('Live: updated')"
        live_figures(driver, live)
        # A laptop that froze (its connections open, nothing answering) or a server killed.
        if how == "frozen":
            os.kill(server.proc.pid, signal.SIGSTOP)
        else:
            server.kill()
        gone = time.monotonic()
        lost = "return document.getElementById('status').textContent.includes('Connection lost')"
        live_figures(driver, lost, timeout=5)
        assert time.monotonic() - gone < 5
        if how == "frozen":
            os.kill(server.proc.pid, signal.SIGCONT)
            live_figures(driver, live, timeout=10)  # and back once it answers again
    finally:
        if server.proc.poll() is None:
            os.kill(server.proc.pid, signal.SIGCONT)
            server.stop()
