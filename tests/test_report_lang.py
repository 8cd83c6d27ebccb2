"""Both packs, compare and plan in the reader's language, read back from the real outputs.

The PDFs are made through the CLI and read with pypdf: translated headings and stage
names, the cover date and the scores written in the locale's style, the PDF's title and
language; compare and plan in German and French; JSON that keeps ids and stage keys in
English; and the warning for a character the report fonts cannot draw.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from conftest import REPO, run_cli
from pypdf import PdfReader

from cxmaturity.core.stages import Stage
from cxmaturity.formats.loading import load_questionnaire
from cxmaturity.usecases.demo import load_demo, write_answers
from cxmaturity.words.language import language

MINI = REPO / "tests" / "data" / "mini.yaml"
MINI_ANSWERS = REPO / "tests" / "data" / "mini-answers"


def text_of(pdf: Path) -> str:
    """The PDF's text, whitespace (no-break spaces too) made single spaces."""
    text = " ".join(page.extract_text() or "" for page in PdfReader(pdf).pages)
    return " ".join(text.replace("\u202f", " ").replace("\xa0", " ").split())


def plain(text: str) -> str:
    return " ".join(text.replace("\u202f", " ").replace("\xa0", " ").split())


@pytest.fixture(scope="module")
def answers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic cx-core 2.0 workshop: ten departments of four respondents."""
    folder = tmp_path_factory.mktemp("lang") / "answers"
    write_answers(load_questionnaire("cx-core"), folder, load_demo().seed, 4)
    return folder


@pytest.fixture(scope="module")
def organisation(answers: Path) -> dict[str, object]:
    run = run_cli("score", answers, "-f", "json")
    assert run.exit_code == 0, run.stderr
    data: dict[str, object] = json.loads(run.stdout)["organisation"]
    return data


def report(answers: Path, out: Path, *extra: str) -> tuple[Path, str]:
    """Write a pack with --html beside it; return the PDF and the run's stderr."""
    run = run_cli("report", answers, "-o", out, "--html", out.with_suffix(".html"), *extra)
    assert run.exit_code == 0, run.stderr
    return out, run.stderr


@pytest.fixture(scope="module")
def board(answers: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("boards")
    made = {}
    for code in ("en", "de", "fr"):
        pdf, stderr = report(answers, folder / f"board-{code}.pdf", "--lang", code, "--org", "Acme")
        assert "cannot draw" not in stderr
        made[code] = pdf
    return made


BOARD = {
    "de": (
        "CX-Reifegrad: Acme",
        [
            "Zusammenfassung",
            "Was die Befragung zeigt",
            "Entscheidungen für die Geschäftsleitung",
            "Einschränkungen",
            "Heatmap: Bereiche nach Dimension",
            "Perspektiven",
            "Methode und Belastbarkeit",
            "Seite 2 von",
        ],
        ["Ignorieren", "Erkunden", "Mobilisieren", "Operationalisieren", "Verankern"],
    ),
    "fr": (
        "Maturité de l'expérience client : Acme",
        [
            "Synthèse",
            "Ce que révèle l'enquête",
            "Décisions pour le comité de direction",
            "Réserves",
            "Carte de chaleur : services par dimension",
            "Méthode et fiabilité",
            "Feuille de route",
            "Page 2 sur",
            # The running header, a CSS string: the apostrophe arrives as written.
            "Maturité de l'expérience client",
        ],
        ["Ignorer", "Explorer", "Mobiliser", "Opérationnaliser", "Ancrer"],
    ),
}


@pytest.mark.pdf
@pytest.mark.parametrize("code", ["de", "fr"])
def test_board_pack_in_german_and_french(
    board: dict[str, Path], organisation: dict[str, object], code: str
) -> None:
    pdf = board[code]
    title, headings, stages = BOARD[code]
    text = text_of(pdf)
    reader = PdfReader(pdf)
    assert plain(str(reader.metadata.title)) == title
    for heading in headings:
        assert heading in text, heading
    for stage in stages:
        assert stage in text, stage
    lang = language(code)
    # The cover: today's date written out in the language, the organisation's score with
    # a decimal comma and its stage by the agreed name.
    days = {lang.date(date.today()), lang.date(date.fromordinal(date.today().toordinal() - 1))}
    assert any(day in text for day in days), days
    score, stage = organisation["score"], organisation["stage"]
    assert isinstance(score, float) and isinstance(stage, int)
    # The cover gives the headline (issue 22): the score, then its stage or its boundary.
    assert f"{lang.decimal(score)}" in text
    assert lang.stage(Stage(stage)) in text
    assert f"{score:.2f}, " not in text
    # Nothing left in English: the running header, the fixed texts, the stage names.
    for english in (
        "Customer experience maturity",
        "Summary",
        "Method and confidence",
        "Page 2 of",
    ):
        assert english not in text, english
    assert " Mobilise " not in text and "(borderline)" not in text
    html = pdf.with_suffix(".html").read_text(encoding="utf-8")
    assert f'<html lang="{code}">' in html


@pytest.mark.pdf
@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm")
@pytest.mark.parametrize("code", ["de", "fr"])
def test_longer_languages_keep_the_board_pages(
    board: dict[str, Path], tmp_path: Path, code: str
) -> None:
    """German and French run longer than English, yet no section spills onto a page of
    its own: the same number of pages, each inked at least a third of the way down."""
    from PIL import Image

    pdf = board[code]
    assert len(PdfReader(pdf).pages) == len(PdfReader(board["en"]).pages)
    subprocess.run(["pdftoppm", "-png", "-r", "20", str(pdf), str(tmp_path / "p")], check=True)
    for png in sorted(tmp_path.glob("p-*.png"))[1:]:
        with Image.open(png) as image:
            grey = image.convert("L")
            body = grey.crop((0, grey.height // 12, grey.width, grey.height * 11 // 12))
            box = body.point(lambda v: 255 if v < 200 else 0).getbbox()
            assert box is not None and box[3] - box[1] > grey.height / 3, png.name


@pytest.mark.pdf
def test_english_board_pack_is_unchanged_in_its_words(answers: Path, tmp_path: Path) -> None:
    pdf, _ = report(answers, tmp_path / "board.pdf", "--org", "Acme")
    text = text_of(pdf)
    assert PdfReader(pdf).metadata.title == "Customer experience maturity: Acme"
    assert "Summary" in text and "Decisions for the board" in text and "Page 2 of" in text
    assert '<html lang="en">' in (tmp_path / "board.html").read_text(encoding="utf-8")


@pytest.mark.pdf
def test_default_organisation_name_follows_the_language(answers: Path, tmp_path: Path) -> None:
    pdf, _ = report(answers, tmp_path / "board.pdf", "--lang", "es")
    reader = PdfReader(pdf)
    assert (
        plain(str(reader.metadata.title)) == "Madurez de la experiencia de cliente: La organización"
    )
    assert "Resumen" in text_of(pdf)


@pytest.mark.pdf
def test_a_character_the_fonts_lack_is_a_warning_naming_its_text(tmp_path: Path) -> None:
    """A department named with a rare CJK character and an organisation with an emoji:
    the report is still written, and each character is named with the text it is in."""
    questionnaire = tmp_path / "mini.yaml"
    questionnaire.write_text(
        MINI.read_text(encoding="utf-8").replace("name: Alpha}", "name: Alpha 𠀋 desk}"),
        encoding="utf-8",
    )
    answers = tmp_path / "answers"
    shutil.copytree(MINI_ANSWERS, answers)
    out = tmp_path / "board.pdf"
    run = run_cli(
        "report", answers, "-q", questionnaire, "-o", out, "--org", "Acme 🚀", "--min-group", "1"
    )
    assert run.exit_code == 0, run.stderr
    assert out.is_file()
    lines = [line for line in run.stderr.splitlines() if "cannot draw" in line]
    # One line per character, not one per place it appears, naming the shortest text.
    assert sorted(lines) == [
        "warning: the report fonts cannot draw '🚀' (U+1F680 ROCKET) in 'Acme 🚀'",
        "warning: the report fonts cannot draw '𠀋' (U+2000B CJK UNIFIED IDEOGRAPH-2000B) "
        "in 'Alpha 𠀋 desk'",
    ]


# --------------------------------------------------------------------------- compare


def test_compare_markdown_in_german(cli, answers: Path) -> None:
    run = cli("compare", MINI_ANSWERS, MINI_ANSWERS, "-q", MINI, "-f", "markdown", "--lang", "de")
    assert run.exit_code == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0].startswith("## CX-Reifegrad: Fortschritt seit ")
    assert lines[2].startswith("- Ausgangsmessung: ") and "3 befragte Personen" in lines[2]
    assert "| Bereich | Ausgangsmessung | Aktuell | Δ | Stufenwechsel |" in lines
    assert "3,90 Mobilisieren" in run.stdout and "Mobilisieren, unverändert" in run.stdout
    assert "| 0,00 |" in run.stdout
    assert "Mobilise" not in run.stdout and "3.90" not in run.stdout


def test_compare_table_in_french_with_translated_names(cli, answers: Path) -> None:
    run = cli("compare", answers, answers, "--lang", "fr", "--target", "4")
    assert run.exit_code == 0, run.stderr
    out = plain(run.stdout)
    assert "Progrès depuis le" in out
    assert "Organisation et services" in out and "Par dimension" in out
    assert "Référence" in out and "Évolution du stade" in out and "Cible" in out
    assert "inchangé" in out and "Opérationnaliser" in out
    # Names from the questionnaire's French translation.
    assert "Direction générale" in out


def test_compare_json_and_csv_keep_keys_ids_and_stage_keys(cli, answers: Path) -> None:
    english = cli("compare", answers, answers, "-f", "json")
    german = cli("compare", answers, answers, "-f", "json", "--lang", "de")
    en, de = json.loads(english.stdout), json.loads(german.stdout)
    assert de.keys() == en.keys()
    assert [d["id"] for d in de["departments"]] == [d["id"] for d in en["departments"]]
    assert de["organisation"]["current"] == en["organisation"]["current"]  # stage_name English
    assert de["organisation"]["dimensions"][0]["name"] == "Führung und Steuerung"
    assert en["organisation"]["dimensions"][0]["name"] != "Führung und Steuerung"
    csv_en = list(csv.reader(io.StringIO(cli("compare", answers, answers, "-f", "csv").stdout)))
    german = cli("compare", answers, answers, "-f", "csv", "--lang", "de").stdout
    csv_de = list(csv.reader(io.StringIO(german)))
    # The same column keys and plain figures; the names and the movement in German.
    assert csv_de[0] == csv_en[0]
    row_en, row_de = csv_en[1], csv_de[1]
    assert row_de[4:10] == row_en[4:10] and "." in row_de[4]
    assert row_de[10] == f"{language('de').stage(Stage(int(row_de[7])))}, unverändert"


# ------------------------------------------------------------------------------ plan


def test_plan_headings_in_french(cli) -> None:
    run = cli("plan", MINI_ANSWERS, "-q", MINI, "--target", "5", "-f", "markdown", "--lang", "fr")
    assert run.exit_code == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == "## Plan d'amélioration CX"
    assert plain(lines[2]).startswith("Cible : Aligner.")
    assert "| # | Étape | Dimension | Services | Responsable | Horizon | Priorité |" in lines


def test_plan_table_in_german(cli, answers: Path) -> None:
    run = cli("plan", answers, "--lang", "de", "--limit", "3")
    assert run.exit_code == 0, run.stderr
    out = run.stdout
    assert "CX-Verbesserungsplan" in out
    assert "Ziel: Mobilisieren, eine Stufe über der heutigen Stufe" in plain(out)
    assert "Die ersten 3 von" in out and "Schritt" in out and "Bereiche" in out
    assert "ab Erkunden" in out or "ab Mobilisieren" in out
    assert "90 Tage" in out


def test_plan_and_score_json_keep_ids_in_english(cli, answers: Path) -> None:
    for command in (("plan", answers, "-f", "json"), ("score", answers, "-f", "json")):
        en = json.loads(cli(*command).stdout)
        de = json.loads(cli(*command, "--lang", "de").stdout)
        if command[0] == "plan":
            assert de["target"] == en["target"] == "mobilise"
            assert [a["id"] for a in de["actions"]] == [a["id"] for a in en["actions"]]
            assert [a["from_stage"] for a in de["actions"]] == [
                a["from_stage"] for a in en["actions"]
            ]
            assert de["actions"][0]["title"] != en["actions"][0]["title"]
        else:
            org_de, org_en = de["organisation"], en["organisation"]
            assert org_de["stage_name"] == org_en["stage_name"]
            assert [d["id"] for d in org_de["dimensions"]] == [
                d["id"] for d in org_en["dimensions"]
            ]
            assert org_de["dimensions"][0]["name"] == "Führung und Steuerung"
            assert org_de["score"] == org_en["score"]


WORKSHOP = {
    "de": (
        "CX-Reifegrad-Workshop: Acme",
        ["Gesprächspunkte", "Wie jede Frage beantwortet wurde", "So lesen Sie diese Unterlage"],
        "4 befragte Personen · gesamt ",
    ),
    "fr": (
        "Atelier de maturité de l'expérience client : Acme",
        ["Points à discuter", "Les réponses, question par question", "Comment lire ce dossier"],
        "4 répondants · global ",
    ),
}


@pytest.mark.pdf
@pytest.mark.parametrize("code", ["de", "fr"])
def test_workshop_pack_in_german_and_french(
    answers: Path, organisation: dict[str, object], tmp_path: Path, code: str
) -> None:
    pdf, stderr = report(
        answers, tmp_path / "workshop.pdf", "--pack", "workshop", "--lang", code, "--org", "Acme"
    )
    assert "cannot draw" not in stderr
    title, headings, facts = WORKSHOP[code]
    text = text_of(pdf)
    assert plain(str(PdfReader(pdf).metadata.title)) == title
    for heading in headings:
        assert heading in text, heading
    assert facts in text
    lang = language(code)
    score, stage = organisation["score"], organisation["stage"]
    assert isinstance(score, float) and isinstance(stage, int)
    assert f"{lang.decimal(score)}, {lang.stage(Stage(stage))}" in text
    assert lang.gettext("spread") in text and "Discussion points" not in text
    assert f'<html lang="{code}">' in pdf.with_suffix(".html").read_text(encoding="utf-8")


def test_extraction_reads_every_report_template_and_stylesheet() -> None:
    """The templates are *.html.j2 and the page footer is in report.css: Babel must read
    both, or their texts would never reach the catalogues (and stay English)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("catalogues", REPO / "tools" / "catalogues.py")
    assert spec is not None and spec.loader is not None
    catalogues = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(catalogues)
    fresh = catalogues.template()
    files = {where for message in fresh for where, _ in message.locations}
    templates = {f"report_templates/{p.name}" for p in (REPO / "report_templates").glob("*.j2")}
    marked = {name for name in templates if "{% trans" in (REPO / name).read_text()}
    assert marked and marked <= files
    assert "report_templates/report.css" in files
    assert fresh.get("Page", context="page footer") is not None
    assert fresh.get("Decisions for the board") is not None


@pytest.mark.parametrize("command", ["report", "compare"])
def test_an_unknown_language_is_a_usage_error_before_anything_is_written(
    cli, tmp_path: Path, command: str
) -> None:
    out = tmp_path / "out.pdf"
    sides = (MINI_ANSWERS,) if command == "report" else (MINI_ANSWERS, MINI_ANSWERS)
    run = cli(command, *sides, "-q", MINI, "--lang", "tlh", "-o", out)
    assert run.exit_code == 2
    assert run.stderr == "error: unknown language 'tlh': use one of de, en, es, fr\n"
    assert not out.exists()
