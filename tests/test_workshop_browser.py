"""The workshop in a real browser: headless Chromium from Debian, driven by Selenium.

One browser and one server for the module; each test starts with no cookies. The
screenshots these tests take are the ones in the README: set CXM_SCREENSHOTS to a
folder to keep them there.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.expected_conditions import staleness_of
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.conftest import run_cli
from tests.workshop_server import Server, answer, join, start, write_questionnaire

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
COMMENT = "<script>document.title='pwned'</script> & <b>not bold</b>"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
        reason="needs Debian's chromium and chromium-driver (make sysdeps installs them)",
    ),
]


@contextlib.contextmanager
def chromium(window: str) -> Iterator[WebDriver]:
    """Debian's headless Chromium with a fresh profile, quit and removed afterwards."""
    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must download nothing
    profile = tempfile.mkdtemp(prefix="cxm-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in [*FLAGS, f"--user-data-dir={profile}", f"--window-size={window}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    with chromium("1280,900") as driver:
        yield driver


@pytest.fixture(scope="module")
def questionnaire(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_questionnaire(tmp_path_factory.mktemp("q"))


@pytest.fixture(scope="module")
def room(tmp_path_factory: pytest.TempPathFactory, questionnaire: Path) -> Iterator[Server]:
    running = start(tmp_path_factory.mktemp("room") / "answers", questionnaire)
    yield running
    running.stop()


@pytest.fixture
def fresh(browser: WebDriver) -> WebDriver:
    browser.execute_cdp_cmd("Network.clearBrowserCookies", {})
    browser.get_log("browser")  # start each test with an empty console
    return browser


def phone(driver: WebDriver) -> None:
    metrics = {"width": 360, "height": 760, "deviceScaleFactor": 1, "mobile": True}
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)


def projector(driver: WebDriver) -> None:
    metrics = {"width": 1280, "height": 800, "deviceScaleFactor": 1, "mobile": False}
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)


def shoot(driver: WebDriver, tmp_path: Path, name: str) -> Path:
    """A screenshot, made small (a 64-colour palette is plenty for these pages)."""
    path = tmp_path / f"{name}.png"
    assert driver.save_screenshot(str(path))
    with Image.open(path) as image:
        image.convert("RGB").quantize(64).save(path, optimize=True)
    keep = os.environ.get("CXM_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(keep) / path.name)
    return path


def no_sideways_scroll(driver: WebDriver) -> None:
    width = driver.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert width[0] <= width[1], f"the page scrolls sideways: {width}"


def every_field_is_labelled(driver: WebDriver) -> None:
    unlabelled = driver.execute_script(
        """
        return [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
          .filter(el => !el.labels || el.labels.length === 0).map(el => el.name);
        """
    )
    assert unlabelled == []


def no_console_errors(driver: WebDriver) -> None:
    errors = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []


def heading(driver: WebDriver) -> str:
    return str(driver.find_element(By.TAG_NAME, "h1").text)


def position(driver: WebDriver) -> str:
    return str(driver.find_element(By.ID, "position").text)


def through(driver: WebDriver, element: WebElement, keys: str | None = None) -> None:
    """Click (or type into) something that loads a new page, and wait for that page."""
    old = driver.find_element(By.TAG_NAME, "html")
    if keys is None:
        element.click()
    else:
        element.send_keys(keys)
    WebDriverWait(driver, 10).until(staleness_of(old))


def tap(driver: WebDriver, value: str) -> None:
    through(driver, driver.find_element(By.CSS_SELECTOR, f"button[name=answer][value='{value}']"))


def go(driver: WebDriver, value: str) -> None:
    through(driver, driver.find_element(By.CSS_SELECTOR, f"button[name=go][value={value}]"))


def focus_order(driver: WebDriver, steps: int) -> list[str]:
    """What Tab reaches, in order, from the top of the page."""
    driver.execute_script("document.activeElement && document.activeElement.blur()")
    body = driver.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    seen = []
    for _ in range(steps):
        seen.append(
            driver.execute_script(
                "const e = document.activeElement;"
                "return e.id || (e.name + '=' + (e.value || e.textContent.trim()));"
            )
        )
        driver.switch_to.active_element.send_keys(Keys.TAB)
    return seen


def test_a_respondent_joins_answers_resumes_and_finishes(
    fresh: WebDriver, room: Server, questionnaire: Path, tmp_path: Path
) -> None:
    driver = fresh
    phone(driver)
    driver.get(room.join_url)
    assert heading(driver) == "Room check"
    every_field_is_labelled(driver)
    assert focus_order(driver, 5)[:5] == ["name", "anonymous", "role", "department", "=Start"]
    driver.find_element(By.ID, "name").send_keys("Ana <i>Lima</i>")
    driver.find_element(By.ID, "role").send_keys("Head of sales")
    Select(driver.find_element(By.ID, "department")).select_by_value("sales")
    no_sideways_scroll(driver)
    shoot(driver, tmp_path, "workshop-join")
    through(driver, driver.find_element(By.CSS_SELECTOR, "button[type=submit]"))

    assert position(driver).startswith("Question 1 of 4")
    assert heading(driver) == "Who owns the customer experience at the top?"
    every_field_is_labelled(driver)
    no_sideways_scroll(driver)
    # No stage names without --show-stages: the anchors speak for themselves.
    assert "Embed" not in driver.page_source and "Ignore" not in driver.page_source
    shoot(driver, tmp_path, "workshop-question")
    tap(driver, "4")

    assert position(driver).startswith("Question 2 of 4")
    driver.find_element(By.ID, "comment").send_keys(COMMENT)
    tap(driver, "2")
    assert position(driver).startswith("Question 3 of 4")

    # Reload mid-way, then come back as if the tab had been closed: same place.
    driver.refresh()
    assert position(driver).startswith("Question 3 of 4")
    driver.get(room.base + "/")
    assert position(driver).startswith("Question 3 of 4")
    driver.get(room.join_url)  # the join link again does not make a second respondent
    assert position(driver).startswith("Question 3 of 4")

    go(driver, "back")
    assert position(driver).startswith("Question 2 of 4")
    chosen = driver.find_element(By.CSS_SELECTOR, "button[aria-current=true]")
    assert chosen.get_attribute("value") == "2"
    # The comment is shown as the text it is, and nothing in it ran.
    assert driver.find_element(By.ID, "comment").get_attribute("value") == COMMENT
    assert driver.title == "Room check"
    assert driver.execute_script("return document.querySelectorAll('b, main script').length") == 0
    go(driver, "next")
    tap(driver, "unknown")
    tap(driver, "6")

    assert heading(driver) == "Your answers"
    assert "4 of 4 questions answered" in driver.page_source
    review = driver.find_element(By.CLASS_NAME, "review").text
    assert "A funded forum" in review and "Don't know" in review and "Always" in review
    no_sideways_scroll(driver)
    shoot(driver, tmp_path, "workshop-review")
    through(driver, driver.find_element(By.LINK_TEXT, "Finish"))
    assert heading(driver) == "Thank you"
    no_sideways_scroll(driver)
    no_console_errors(driver)

    # The same answers through a piped terminal survey score exactly alike.
    web_file = room.folder / "sales-ana-i-lima-i.yaml"
    terminal = tmp_path / "terminal"
    piped = run_cli(
        "survey", "-q", questionnaire, "--respondent", "Ana <i>Lima</i>", "--role",
        "Head of sales", "--department", "sales", "--out-dir", terminal,
        input="4\n2\nunknown\n6\n",
    )  # fmt: skip
    assert piped.exit_code == 0, piped.stderr
    terminal_file = terminal / "sales-ana-i-lima-i.yaml"
    scores = []
    for path in (web_file, terminal_file):
        result = run_cli("score", "-q", questionnaire, "-f", "json", path)
        assert result.exit_code == 0, result.stderr
        data = json.loads(result.stdout)
        del data["updated"]
        scores.append(data)
    assert scores[0] == scores[1]
    assert (
        run_cli("score", "-q", questionnaire, web_file).stdout
        == run_cli("score", "-q", questionnaire, terminal_file).stdout
    )


def test_the_facilitator_page_updates_without_a_reload(
    fresh: WebDriver, room: Server, tmp_path: Path
) -> None:
    driver = fresh
    projector(driver)
    driver.get(room.facilitator_url)
    heatmap = driver.find_element(By.ID, "heatmap")
    assert "Customer service" not in heatmap.text
    driver.execute_script("window.sameDocument = 42")

    with room.client() as c:
        join(c, room, "Cy", "service")
        for number, (qid, value) in enumerate(
            [("lead-a", "5"), ("lead-b", "6"), ("data-a", "1")], start=1
        ):
            assert answer(c, number, qid, value).status_code == 303
    WebDriverWait(driver, 15).until(
        lambda d: "Customer service" in d.find_element(By.ID, "heatmap").text
    )
    assert driver.execute_script("return window.sameDocument") == 42
    # Who has joined is counted in the heatmap's rows: joined only, answering, finished
    # (pushed as each answer lands, so the last one may come a moment after the first).
    service = "//table[@id='heatmap']//tr[th[starts-with(., 'Customer service')]]"
    WebDriverWait(driver, 15).until(
        lambda d: d.find_element(By.XPATH, service).text.endswith("0 0 1")
    )
    assert driver.find_element(By.XPATH, service).text.startswith("Customer service (1)")

    # A second sales voice far from the first: the split shows up too.
    with room.client(local_address="127.0.0.2") as c:
        join(c, room, "Dee", "sales", role="Sales lead")
        for number, (qid, value) in enumerate(
            [("lead-a", "1"), ("lead-b", "6"), ("data-a", "2"), ("data-b", "1")], start=1
        ):
            assert answer(c, number, qid, value, "<img src=x onerror=alert(1)>").status_code == 303
    WebDriverWait(driver, 15).until(
        lambda d: "stages apart" in d.find_element(By.ID, "disagreements").text
    )
    assert driver.execute_script("return window.sameDocument") == 42
    assert driver.execute_script("return document.querySelectorAll('#live img').length") == 0
    no_sideways_scroll(driver)
    no_console_errors(driver)
    shoot(driver, tmp_path, "workshop-facilitator")

    through(driver, driver.find_element(By.LINK_TEXT, "Show QR code"))
    image = driver.find_element(By.CSS_SELECTOR, "img.qr")
    WebDriverWait(driver, 10).until(
        lambda d: d.execute_script("return arguments[0].complete", image)
    )
    assert driver.execute_script("return arguments[0].naturalWidth", image) > 100
    assert room.join_url in driver.page_source
    shoot(driver, tmp_path, "workshop-qr")
    no_console_errors(driver)


def test_a_question_can_be_answered_with_the_keyboard_alone(fresh: WebDriver, room: Server) -> None:
    driver = fresh
    phone(driver)
    driver.get(room.join_url)
    driver.find_element(By.ID, "anonymous").send_keys(Keys.SPACE)
    Select(driver.find_element(By.ID, "department")).select_by_value("service")
    through(driver, driver.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert position(driver).startswith("Question 1 of 3")
    assert focus_order(driver, 13) == [
        *(f"answer={n}" for n in "123456"),
        "answer=unknown",
        "answer=n/a",
        "comment",
        "undefined=Evidence (optional: what shows this is so)",  # the folded evidence fields
        "go=stay",
        "go=next",  # Back is disabled on the first question, so Tab skips it
        "go=review",
    ]
    # From the top of the page, Tab twice past the first anchor reaches the third.
    driver.execute_script("document.activeElement.blur()")
    driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    for _ in range(2):
        driver.switch_to.active_element.send_keys(Keys.TAB)
    through(driver, driver.switch_to.active_element, Keys.ENTER)
    assert position(driver).startswith("Question 2 of 3")
    files = list(room.folder.glob("service-anonymous-*.yaml"))
    assert any("lead-a: 3" in p.read_text(encoding="utf-8") for p in files)


def test_a_page_from_another_site_cannot_post_answers(fresh: WebDriver, room: Server) -> None:
    """A cross-site form post carries no cookie (SameSite) and no valid CSRF token."""
    driver = fresh
    phone(driver)
    driver.get(room.join_url)
    driver.find_element(By.ID, "name").send_keys("Eli")
    Select(driver.find_element(By.ID, "department")).select_by_value("service")
    through(driver, driver.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    before = {p.name: p.read_bytes() for p in room.folder.glob("*.yaml")}
    forged = (
        "data:text/html,<form method=post action='" + room.base + "/q/1'>"
        "<input name=question value=lead-a><input name=answer value=1>"
        "<input name=csrf value=" + "0" * 32 + "></form>"
        "<script>document.forms[0].submit()</script>"
    )
    try:
        driver.get(forged)
        WebDriverWait(driver, 10).until(lambda d: d.current_url.startswith(room.base))
    except WebDriverException:
        pass
    assert {p.name: p.read_bytes() for p in room.folder.glob("*.yaml")} == before
