"""The tool's own words and formats per language, and the --lang option."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from conftest import REPO, Run

from cxmaturity.core.stages import Stage
from cxmaturity.words.language import language

ANSWERS = REPO / "tests" / "data" / "mini-answers"
MINI = REPO / "tests" / "data" / "mini.yaml"


def test_every_catalogue_is_complete_current_and_compiled() -> None:
    """No untranslated or fuzzy message, none missing or obsolete against a fresh Babel
    extraction, placeholders kept, and each committed .mo equal to its compiled .po."""
    checked = subprocess.run(
        [sys.executable, str(REPO / "tools" / "catalogues.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


@pytest.mark.parametrize(
    ("code", "names"),
    [
        ("en", "Ignore Explore Mobilise Operationalise Align Embed"),
        ("de", "Ignorieren Erkunden Mobilisieren Operationalisieren Ausrichten Verankern"),
        ("fr", "Ignorer Explorer Mobiliser Opérationnaliser Aligner Ancrer"),
        ("es", "Ignorar Explorar Movilizar Operacionalizar Alinear Arraigar"),
    ],
)
def test_one_agreed_name_per_stage_and_language(code: str, names: str) -> None:
    assert " ".join(language(code).stage(stage) for stage in Stage) == names


@pytest.mark.parametrize(
    ("code", "figure", "share", "day"),
    [
        ("en", "3.24", "50%", "23 November 2026"),
        ("de", "3,24", "50 %", "23. November 2026"),
        ("fr", "3,24", "50 %", "23 novembre 2026"),
        ("es", "3,24", "50 %", "23 de noviembre de 2026"),
    ],
)
def test_numbers_and_dates_follow_the_locale(code: str, figure: str, share: str, day: str) -> None:
    lang = language(code)
    assert lang.decimal(3.2449) == figure
    assert lang.percent(0.5).replace("\xa0", " ") == share
    assert lang.date(date(2026, 11, 23)) == day


def test_score_table_in_german(cli: Callable[..., Run]) -> None:
    run = cli("score", ANSWERS, "-q", MINI, "--lang", "de", "--target", "4")
    assert run.exit_code == 0, run.stderr
    assert "Organisation: 3,90  Mobilisieren" in run.stdout
    assert "3 befragte Personen, 2 Bereiche" in run.stdout
    assert "4,25  Operationalisieren" in run.stdout
    assert "Bereich" in run.stdout and "Wert und Stufe" in run.stdout and "Ziel" in run.stdout
    assert "3.90" not in run.stdout and "Mobilise " not in run.stdout


@pytest.mark.parametrize(
    ("code", "heading"),
    [
        ("de", "## CX-Reifegrad: 3,90 Mobilisieren (Grenzfall)"),
        ("fr", "## Maturité CX : 3,90 Mobiliser (limite)"),
        ("es", "## Madurez CX: 3,90 Movilizar (límite)"),
        ("en", "## CX maturity: 3.90 Mobilise (borderline)"),
    ],
)
def test_score_markdown_per_language(cli: Callable[..., Run], code: str, heading: str) -> None:
    run = cli("score", ANSWERS, "-q", MINI, "--lang", code, "-f", "markdown")
    assert run.stdout.splitlines()[0] == heading


def test_explain_in_french(cli: Callable[..., Run]) -> None:
    run = cli("explain", ANSWERS, "-q", MINI, "-d", "alpha", "--lang", "fr")
    assert run.exit_code == 0, run.stderr
    assert "moyenne sur 2 répondants" in run.stdout
    assert "arrondi à deux décimales : 3,55 → 3,55" in run.stdout
    assert "q3  poids 0,1   ne sait pas       compte comme applicable, sans réponse" in run.stdout
    assert "→ stade 3 Mobiliser" in run.stdout


def test_json_keeps_english_stage_keys(cli: Callable[..., Run]) -> None:
    english = cli("score", ANSWERS, "-q", MINI, "-f", "json")
    german = cli("score", ANSWERS, "-q", MINI, "-f", "json", "--lang", "de")
    data = json.loads(german.stdout)
    assert data["organisation"]["stage_name"] == "Mobilise"
    # mini has no German translation: only the warning saying so differs.
    assert data.pop("warnings") == [
        "mini 2 has no 'de' translation; its text is shown in the questionnaire's own language (en)"
    ]
    english_data = json.loads(english.stdout)
    english_data.pop("warnings")
    assert data == english_data


@pytest.mark.parametrize("code", ["xx", "klingon", ""])
def test_an_unknown_language_is_a_usage_error(cli: Callable[..., Run], code: str) -> None:
    for command in (
        ("score", ANSWERS, "-q", MINI),
        ("explain", ANSWERS, "-q", MINI, "-d", "alpha"),
    ):
        run = cli(*command, "--lang", code)
        assert run.exit_code == 2
        assert run.stderr == f"error: unknown language {code!r}: use one of de, en, es, fr\n"
        assert run.stdout == ""


def test_answers_in_german_and_english_score_together(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """Answer files record their language; it never changes a figure."""
    plain = tmp_path / "plain"
    mixed = tmp_path / "mixed"
    shutil.copytree(ANSWERS, plain)
    shutil.copytree(ANSWERS, mixed)
    for name, code in (("a1.yaml", "de"), ("a2.yaml", "en")):
        path = mixed / name
        path.write_text(
            path.read_text().replace("respondent:", f"language: {code}\nrespondent:", 1)
        )
    data = json.loads((mixed / "b1.json").read_text())
    (mixed / "b1.json").write_text(json.dumps({**data, "language": "de"}))
    assert cli("validate", *sorted(mixed.iterdir())).exit_code == 0
    one = cli("score", plain, "-q", MINI, "-f", "json")
    both = cli("score", mixed, "-q", MINI, "-f", "json")
    assert both.exit_code == 0, both.stderr
    assert json.loads(both.stdout) == json.loads(one.stdout)


def test_an_answer_file_language_must_be_a_code(cli: Callable[..., Run], tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    text = (ANSWERS / "a1.yaml").read_text()
    path.write_text(text.replace("respondent:", "language: Deutsch\nrespondent:", 1))
    run = cli("validate", path)
    assert run.exit_code == 2
    assert f"{path}:3:1: language:" in run.stderr


@pytest.mark.parametrize(
    ("value", "english", "german", "share"),
    [
        (0.0, "0.00", "0,00", "0%"),
        (3.2449, "3.24", "3,24", "32%"),
        (3.245, "3.25", "3,25", "32%"),  # half up, as scores are reported, in every language
        (4.999999999999, "5.00", "5,00", "50%"),
        (0.665, "0.67", "0,67", "7%"),
        (1234.5, "1,234.50", "1.234,50", "12,345%"),
    ],
)
def test_figures_round_alike_in_every_language(
    value: float, english: str, german: str, share: str
) -> None:
    """English takes a fast path without Babel; it must agree with Babel's en_GB."""
    from babel.numbers import format_decimal

    assert language("en").decimal(value) == english
    assert format_decimal(float(english.replace(",", "")), "#,##0.00", locale="en_GB") == english
    assert language("de").decimal(value) == german
    assert language("en").percent(value / 10) == share
    assert language("de").percent(value / 10) == share.replace(",", ".").replace("%", "\xa0%")


def test_score_in_english_does_not_load_babel() -> None:
    probe = (
        "import sys\n"
        "from cxmaturity.cli import main\n"
        f"sys.argv = ['cxmaturity', 'score', {str(ANSWERS)!r}, '-q', {str(MINI)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('babel' in sys.modules, file=sys.stderr)\n"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert run.stderr.strip().splitlines()[-1] == "False", run.stderr


def test_a_language_plugs_into_jinja_i18n() -> None:
    """Templates get the same catalogue through jinja2.ext.i18n's installed callables."""
    from jinja2 import Environment

    env = Environment(extensions=["jinja2.ext.i18n"], autoescape=True)
    german = language("de")
    env.install_gettext_callables(  # type: ignore[attr-defined]
        german.gettext, german.ngettext, newstyle=True, pgettext=german.pgettext
    )
    template = env.from_string(
        '{{ pgettext("stage", "Embed") }} · {{ _("Departments") }} · '
        "{% trans %}Score and stage{% endtrans %}"
    )
    assert template.render() == "Verankern · Bereiche · Wert und Stufe"
