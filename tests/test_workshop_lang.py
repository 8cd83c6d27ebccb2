"""The workshop in the respondent's language: the join page's choice (by form, by the
browser's Accept-Language, by the facilitator's --lang), every respondent page in it,
remembered across a restart and recorded in the answer file; the facilitator page in --lang.
Real server in a subprocess; the browser tests drive headless Debian chromium.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import yaml
from markupsafe import escape
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import Select

from cxmaturity.formats.loading import load_questionnaire
from cxmaturity.formats.translation_files import localise
from cxmaturity.web.negotiation import from_header, offered, pick
from tests.test_workshop_browser import (  # noqa: F401 - browser and fresh are fixtures
    CHROMEDRIVER,
    CHROMIUM,
    browser,
    focus_order,
    fresh,
    no_console_errors,
    no_sideways_scroll,
    phone,
    projector,
    shoot,
    through,
)
from tests.workshop_server import Server, answer, csrf_of, start, write_questionnaire


def translated(code: str) -> object:
    return localise(load_questionnaire("cx-core"), code, []).model


def first_question(code: str, department: str) -> str:
    model = translated(code)
    return str(model.questions_for(department)[0].text)  # type: ignore[attr-defined]


def in_html(text: str) -> str:
    """How the page's autoescaping writes ``text``."""
    return str(escape(text))


def answers_of(server: Server) -> list[dict[str, object]]:
    files = sorted(server.folder.glob("*.yaml"))
    return [yaml.safe_load(path.read_text("utf-8")) for path in files]


@pytest.fixture
def room(tmp_path: Path) -> Iterator[Server]:
    running = start(tmp_path / "answers", "cx-core")
    yield running
    running.stop()


def join_in(client: httpx.Client, server: Server, language: str, **headers: str) -> str:
    form = client.get(f"/join/{server.code}?lang={language}", headers=headers)
    assert f'<html lang="{language}">' in form.text
    data = {
        "csrf": csrf_of(form.text),
        "name": "Élodie",
        "department": "sales",
        "language": language,
    }
    reply = client.post(f"/join/{server.code}", data=data)
    assert reply.status_code == 303, reply.text
    return str(reply.headers["location"])


def test_the_join_page_follows_the_browser_then_the_choice(room: Server) -> None:
    with room.client() as client:
        spanish = client.get(f"/join/{room.code}", headers={"accept-language": "es-ES,en;q=0.5"})
        assert '<html lang="es">' in spanish.text and "Su nombre" in spanish.text
        assert "Ventas" in spanish.text  # department names from the translation
        ranked = client.get(
            f"/join/{room.code}", headers={"accept-language": "it, de;q=0.4, fr;q=0.8"}
        )
        assert '<html lang="fr">' in ranked.text and "Votre service" in ranked.text
        unknown = client.get(f"/join/{room.code}", headers={"accept-language": "it, pt"})
        assert '<html lang="en">' in unknown.text
        chosen = client.get(f"/join/{room.code}?lang=de", headers={"accept-language": "es"})
        assert '<html lang="de">' in chosen.text and "Ihr Bereich" in chosen.text
        bogus = client.get(f"/join/{room.code}?lang=<b>", headers={"accept-language": "fr"})
        assert '<html lang="fr">' in bogus.text and "<b>" not in bogus.text


def test_a_respondent_answers_in_their_language_and_keeps_it(tmp_path: Path) -> None:
    server = start(tmp_path / "answers", "cx-core")
    try:
        with server.client() as client:
            assert join_in(client, server, "fr") == "/q/1"
            page = client.get("/q/1")
            assert in_html(first_question("fr", "sales")) in page.text
            assert "Question 1 sur" in page.text and "Ne sait pas" in page.text
            reply = answer(client, 1, translated("en").questions_for("sales")[0].id, "9")  # type: ignore[attr-defined]
            assert reply.status_code == 400 and in_html("n'est pas une réponse") in reply.text
            missing = client.get("/q/999")
            assert in_html("Il n'y a pas de question 999.") in missing.text
            cookies = dict(client.cookies)
    finally:
        server.stop()
    assert [file["language"] for file in answers_of(server)] == ["fr"]
    again = start(tmp_path / "answers", "cx-core")
    try:
        with again.client() as client:
            client.cookies.update(cookies)
            page = client.get("/q/1", headers={"accept-language": "de"})
            assert '<html lang="fr">' in page.text
            assert in_html(first_question("fr", "sales")) in page.text
            review = client.get("/review")
            assert "Vos réponses" in review.text
    finally:
        again.stop()


def test_the_facilitators_lang_is_the_join_pages_default(tmp_path: Path) -> None:
    server = start(tmp_path / "answers", "cx-core", "--lang", "de")
    try:
        with server.client() as client:
            form = client.get(f"/join/{server.code}", headers={"accept-language": "fr"})
            assert '<html lang="de">' in form.text
            dashboard = client.get(server.facilitator_url.removeprefix(server.base))
            assert '<html lang="de">' in dashboard.text
            assert "Werte nach Bereich und Dimension" in dashboard.text
            assert "Führung und Steuerung" in dashboard.text  # dimension names in German
    finally:
        server.stop()


def test_no_menu_without_a_choice_and_a_fallback_warning(tmp_path: Path) -> None:
    room = write_questionnaire(tmp_path)
    plain = start(tmp_path / "plain", room)
    try:
        with plain.client() as client:
            page = client.get(f"/join/{plain.code}", headers={"accept-language": "de"})
            assert '<html lang="en">' in page.text and 'id="lang"' not in page.text
    finally:
        plain.stop()
    german = start(tmp_path / "german", room, "--lang", "de")
    try:
        with german.client() as client:
            page = client.get(f"/join/{german.code}")
            assert '<html lang="de">' in page.text and 'value="de"' in page.text
            assert "Ihr Bereich" in page.text and "Customer service" in page.text  # fallback
        german.proc.send_signal(signal.SIGINT)
        german.proc.wait(timeout=15)
        said = german.stderr()
    finally:
        german.stop()
    warnings = [line for line in said.splitlines() if line.startswith("warning:")]
    assert warnings == [
        "warning: room 1 has no 'de' translation; its text is shown in the questionnaire's "
        "own language (en)"
    ]


def test_a_bad_lang_is_one_clear_error(tmp_path: Path) -> None:
    from tests.survey_support import run_cli

    done = run_cli("workshop", "--out-dir", tmp_path, "--lang", "xx")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "error: unknown language 'xx': use one of de, en, es, fr"
    ]


# -- in a real browser --------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.skipif(
    not (CHROMIUM.exists() and CHROMEDRIVER.exists()), reason="needs chromium and its driver"
)
def test_choosing_french_on_the_join_page_in_a_browser(
    fresh: WebDriver,  # noqa: F811
    room: Server,
    tmp_path: Path,
) -> None:
    driver = fresh
    for width, fit in (("phone", phone), ("desktop", projector)):
        fit(driver)
        driver.execute_cdp_cmd("Network.clearBrowserCookies", {})
        driver.get(room.join_url)
        # The language menu is a plain form: chosen and sent with the keyboard alone.
        menu = driver.find_element(By.ID, "lang")
        menu.send_keys("Fr")  # typing a name picks it, as in any select
        assert Select(menu).first_selected_option.get_attribute("value") == "fr"
        menu.send_keys(Keys.TAB)
        assert driver.switch_to.active_element.get_attribute("id") == "change-language"
        through(driver, driver.switch_to.active_element, Keys.ENTER)
        assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr"
        assert driver.find_element(By.CSS_SELECTOR, "label[for=name]").text == "Votre nom"
        # Someone who cannot read the page reaches the language menu before anything else.
        assert focus_order(driver, 3) == ["lang", "change-language", "name"]
        no_sideways_scroll(driver)
        shoot(driver, tmp_path, f"join-fr-{width}")
        if width == "desktop":
            continue
        driver.find_element(By.ID, "name").send_keys("Élodie")
        Select(driver.find_element(By.ID, "department")).select_by_value("sales")
        through(driver, driver.find_element(By.CSS_SELECTOR, "button.primary"))
        assert driver.find_element(By.TAG_NAME, "h1").text == first_question("fr", "sales")
        assert driver.find_element(By.ID, "position").text.startswith("Question 1 sur")
        no_sideways_scroll(driver)
        shoot(driver, tmp_path, "question-fr-phone")
        projector(driver)
        no_sideways_scroll(driver)
        shoot(driver, tmp_path, "question-fr-desktop")
        phone(driver)
    no_console_errors(driver)
    assert [file["language"] for file in answers_of(room)] == ["fr"]


@pytest.mark.browser
@pytest.mark.skipif(
    not (CHROMIUM.exists() and CHROMEDRIVER.exists()), reason="needs chromium and its driver"
)
def test_the_facilitator_page_in_german_in_a_browser(
    fresh: WebDriver,  # noqa: F811
    tmp_path: Path,
) -> None:
    server = start(tmp_path / "answers", "cx-core", "--lang", "de")
    try:
        with server.client() as client:
            join_in(client, server, "es")
        driver = fresh
        for width, fit in (("phone", phone), ("desktop", projector)):
            fit(driver)
            driver.get(server.facilitator_url)
            headings = [h.text for h in driver.find_elements(By.TAG_NAME, "h2")]
            # The heatmap's heading is for screen readers; who joined is counted in its rows
            # and listed by name below.
            assert [h for h in headings if h] == [
                "Werte nach Bereich und Dimension",
                "Größte Meinungsunterschiede",
                "Wer ist dabei",
            ]
            people = driver.find_element(By.ID, "heatmap").text
            assert "Vertrieb" in people  # the Spanish respondent is counted under German names
            no_sideways_scroll(driver)  # the heatmap scrolls in its own box on a phone
            shoot(driver, tmp_path, f"facilitator-de-{width}")
        no_console_errors(driver)
    finally:
        server.stop()
    assert [file["language"] for file in answers_of(server)] == ["es"]


# -- the choice itself ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("de-DE,de;q=0.9,en;q=0.8", "de"),
        ("it, fr;q=0.3, es;q=0.7", "es"),
        ("fr-CA", "fr"),
        ("es;q=0, fr;q=0.1", "fr"),  # q=0 means "not this one"
        ("*, en;q=0.5", "en"),
        ("pt-BR, it", None),
        ("de;q=x, fr", "fr"),  # a broken weight is skipped, not guessed
        ("", None),
        (None, None),
    ],
)
def test_accept_language_picks_among_the_languages_on_offer(
    header: str | None, expected: str | None
) -> None:
    assert from_header(header, ["en", "de", "fr", "es"]) == expected


def test_an_explicit_choice_beats_the_default_which_beats_the_browser() -> None:
    codes = ["en", "de", "fr"]
    assert pick("fr", codes, "de", "en") == "fr"
    assert pick("es", codes, "de", "fr") == "de"  # es is not on offer
    assert pick(None, codes, None, "fr;q=0.5, de") == "de"
    assert pick(None, codes, None, None) == "en"
    assert offered(["fr", "de", "xx"], "es") == ["en", "fr", "de", "es"]


def test_the_facilitators_figures_follow_lang(tmp_path: Path) -> None:
    server = start(tmp_path / "answers", "cx-core", "--lang", "de", "--show-stages")
    try:
        with server.client() as client:
            join_in(client, server, "fr")
            model = translated("en")
            for number, question in enumerate(model.questions_for("sales"), start=1):  # type: ignore[attr-defined]
                answer(client, number, question.id, "3")
            figures = client.get(server.facilitator_url.removeprefix(server.base) + "/figures.json")
    finally:
        server.stop()
    rows = figures.json()["rows"]
    assert rows[0]["name"] == "Vertrieb"
    assert rows[0]["overall"] == {
        "score": "3,00",
        "stage": 3,
        "label": "Mobilisieren",
        "asked": True,
    }


def test_a_refused_join_is_explained_in_the_pages_language(room: Server) -> None:
    with room.client() as client:
        form = client.get(f"/join/{room.code}?lang=es")
        data = {"csrf": csrf_of(form.text), "name": " ", "department": "sales", "language": "es"}
        empty = client.post(f"/join/{room.code}?lang=es", data=data)
        assert empty.status_code == 400 and '<html lang="es">' in empty.text
        assert "Falta su nombre" in empty.text and "Su nombre" in empty.text
    with room.client() as first, room.client() as second:
        join_in(first, room, "fr")
        form = second.get(f"/join/{room.code}", headers={"accept-language": "fr"})
        data = {"csrf": csrf_of(form.text), "name": "élodie", "department": "sales"}
        clash = second.post(f"/join/{room.code}", data=data, headers={"accept-language": "fr"})
        assert clash.status_code == 409 and "a déjà rejoint" in clash.text


def test_a_respondent_can_switch_language_later_without_losing_answers(room: Server) -> None:
    with room.client() as client:
        join_in(client, room, "fr")
        first = translated("en").questions_for("sales")[0].id  # type: ignore[attr-defined]
        answer(client, 1, first, "4", comment="à revoir")
        review = client.get("/review")
        assert "Vos réponses" in review.text and 'name="language"' in review.text
        forged = client.post("/language", data={"language": "es"})
        assert forged.status_code == 403  # no CSRF token, no change
        data = {"csrf": csrf_of(review.text), "language": "es"}
        switched = client.post("/language", data=data)
        assert switched.status_code == 303 and switched.headers["location"] == "/review"
        assert "Sus respuestas" in client.get("/review").text
        page = client.get("/q/1")
        assert in_html(first_question("es", "sales")) in page.text and "à revoir" in page.text
        bad = client.post("/language", data={**data, "language": "xx"})
        assert bad.status_code == 400 and "Elija un idioma de la lista." in bad.text
    saved = answers_of(room)
    assert [file["language"] for file in saved] == ["es"]
    assert saved[0]["answers"] == {first: {"stage": 4, "comment": "à revoir"}}
