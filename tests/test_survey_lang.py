"""The survey in the respondent's language: piped and in a real terminal, the language
recorded in the answer file, and answers in several languages scoring as one."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from cxmaturity.core.stages import Stage
from cxmaturity.formats.loading import load_questionnaire
from cxmaturity.survey import SurveyIO, SurveyRequest, run_survey
from cxmaturity.words.language import language
from tests.survey_support import Screen, run_cli, write_mini
from tests.test_survey_screens import Scripted, plain_console

ENTER = "\r"


def ids(department: str) -> list[str]:
    return [q.id for q in load_questionnaire("cx-core").model.questions_for(department)]


def script(count: int, seed: int, stage_names: str = "en") -> str:
    """Answers for ``count`` questions: a fixed pattern of numbers, don't-knows, n/a and,
    every fifth line, a stage named in ``stage_names``."""
    lang = language(stage_names)
    lines = []
    for index in range(count):
        pick = (index * 7 + seed) % 9
        if pick == 7:
            lines.append("unknown")
        elif pick == 8:
            lines.append("n/a")
        elif index % 5 == 4:
            lines.append(lang.stage(Stage(pick % 6 + 1)))
        else:
            lines.append(str(pick % 6 + 1))
    return "\n".join(lines) + "\n"


def survey(folder: Path, name: str, department: str, answers: str, *lang: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / f"{department}-{name.lower()}.yaml"
    done = run_cli(
        "survey",
        *lang,
        "--respondent",
        name,
        "--department",
        department,
        "-o",
        out,
        input=answers,
    )
    assert done.returncode == 0, done.stderr
    return out


def score_json(*paths: Path) -> dict[str, object]:
    done = run_cli("score", "--format", "json", *paths)
    assert done.returncode == 0, done.stderr
    data: dict[str, object] = json.loads(done.stdout)
    data.pop("updated")  # the newest answer's time: these runs are seconds apart
    return data


def test_a_piped_spanish_survey_records_es_and_scores_as_in_english(tmp_path: Path) -> None:
    count = len(ids("service"))
    spanish = script(count, 3, stage_names="es")
    assert "Movilizar" in spanish or "Explorar" in spanish  # stages named in Spanish
    es = survey(tmp_path / "es", "Lucia", "service", spanish, "--lang", "es")
    en = survey(tmp_path / "en", "Lucia", "service", script(count, 3))

    saved = yaml.safe_load(es.read_text(encoding="utf-8"))
    assert saved["language"] == "es"
    assert yaml.safe_load(en.read_text(encoding="utf-8"))["language"] == "en"
    assert score_json(es) == score_json(en)


def test_the_piped_survey_speaks_the_language_it_is_given(tmp_path: Path) -> None:
    done = run_cli(
        "survey", "--lang", "es", "--respondent", "Lucia", "--department", "sales",
        "-o", tmp_path / "a.yaml", input="3\n2\n",
    )  # fmt: skip
    assert done.returncode == 1
    assert "incompleto:" in done.stderr and "para continuar: cxmaturity survey" in done.stderr
    wrong = run_cli("survey", "--out", tmp_path / "a.yaml", input="siete\n")
    assert wrong.returncode == 2
    # The resumed file keeps its language without --lang.
    assert "no es una respuesta" in wrong.stderr
    assert f"2 de {len(ids('sales'))} respuestas están guardadas" in wrong.stderr


def test_a_missing_translation_falls_back_with_the_one_warning(tmp_path: Path) -> None:
    mini = write_mini(tmp_path)
    done = run_cli(
        "survey", "-q", mini, "--lang", "fr", "--respondent", "Zoé", "--department", "sales",
        "-o", tmp_path / "z.yaml", input="1\n2\n3\n",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    warnings = [line for line in done.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "has no 'fr' translation" in warnings[0]
    assert "réponses enregistrées" in done.stderr  # the tool's own words are still French
    assert "Who owns" not in done.stdout and "Votre profil" in done.stdout


def test_german_and_english_answers_score_together_as_all_in_english(tmp_path: Path) -> None:
    people = [("Jonas", "sales", 1), ("Mia", "marketing", 4), ("Lea", "sales", 6)]
    mixed, english = tmp_path / "mixed", tmp_path / "english"
    for index, (name, department, seed) in enumerate(people):
        count = len(ids(department))
        if index % 2 == 0:
            survey(mixed, name, department, script(count, seed, "de"), "--lang", "de")
        else:
            survey(mixed, name, department, script(count, seed))
        survey(english, name, department, script(count, seed))
    languages = {yaml.safe_load(p.read_text("utf-8"))["language"] for p in mixed.iterdir()}
    assert languages == {"de", "en"}
    assert score_json(mixed) == score_json(english)


def test_an_answer_file_without_a_language_stays_valid(tmp_path: Path) -> None:
    out = survey(tmp_path, "Old", "sales", script(len(ids("sales")), 2))
    before = score_json(out)
    text = out.read_text("utf-8")
    out.write_text("".join(line for line in text.splitlines(True) if "language:" not in line))
    assert "language" not in out.read_text("utf-8")
    assert run_cli("validate", out).returncode == 0
    assert score_json(out) == before
    schema = json.loads(run_cli("schema", "answers").stdout)
    assert "language" in schema["properties"] and "language" not in schema["required"]


def test_the_german_survey_in_a_terminal(tmp_path: Path) -> None:
    total = len(ids("sales"))
    # All but the last question piped in German; the terminal resumes in German by itself.
    out = tmp_path / "ben.yaml"
    lines = ["3"] * (total - 1)
    run_cli("survey", "--lang", "de", "--respondent", "Ben", "--department", "sales",
            "-o", out, input="\n".join(lines) + "\n")  # fmt: skip
    screen = Screen(tmp_path, "--out", out, "--show-stages")
    intro = screen.wait("Drücken Sie Enter, um zu beginnen.")
    assert f"{total} Fragen für Vertrieb" in intro and "Willkommen zurück" in intro
    screen.send(ENTER)
    page = screen.wait("q speichern und beenden")
    assert f"{total} von {total}" in page
    for stage in ("Ignorieren", "Operationalisieren", "Verankern", "Weiß nicht"):
        assert stage in page, page
    screen.send("4", ENTER)
    profile = screen.wait("Alle Fragen sind beantwortet.")
    assert "Ihr Profil · Ben · Vertrieb" in profile and "Wert und Stufe" in profile
    assert "Mobilisieren" in profile and "Gesamt" in profile
    screen.send(ENTER)
    assert screen.finish() == 0
    assert "Antworten in" in screen.rest
    assert yaml.safe_load(out.read_text("utf-8"))["language"] == "de"


ENGLISH = ("choose", "confirm", "Saved", "Press Enter", "Your ", "Review your", "unanswered",
           "Welcome", "Comment:", "Comment saved", "Finish", "of 4", "← back", "answered", "profile")  # fmt: skip


def english_in(shown: str) -> list[str]:
    """The tool's English words on a screen, as whole words (``confirmar`` is not one)."""
    return [w for w in ENGLISH if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", shown)]


@pytest.mark.parametrize("width", [80, 60])
def test_every_survey_screen_speaks_german_and_fits(tmp_path: Path, width: int) -> None:
    keys = ["E", "v", "e", "enter", "enter", "2", "enter", "enter"]  # name, no role, service
    keys += ["3", "enter", "c", "o", "k", "enter", "d", "enter", "n", "enter"]
    keys += ["r", "escape", "enter", "j"]  # review, profile, finish with one left: yes
    terminal = Scripted(keys, width=width)  # fails on any frame too wide or too tall
    said: list[str] = []
    request = SurveyRequest(
        questionnaire=str(write_mini(tmp_path)), out_dir=tmp_path, language="de"
    )
    console = plain_console(width)
    code = run_survey(request, SurveyIO(console=console, say=said.append, terminal=terminal))
    assert code == 1  # one question left open
    for text in ("Ihr Name:", "Ihr Bereich:", "4 Fragen für Service", "Drücken Sie Enter",
                 "1 von 4", "Kommentar gespeichert.", "Ihre Antworten im Überblick",
                 "Ihr Profil · Eve", "Trotzdem abschließen? [j/N]"):  # fmt: skip
        assert terminal.seen(text), text
    for frame in terminal.frames:
        shown = "\n".join(frame)
        assert not english_in(shown), shown
    assert said[0].startswith("warning:") and "no 'de' translation" in said[0]
    assert said[1:] == [
        f"unvollständig: 1 offen; 3 von 4 Antworten sind in {tmp_path / 'service-eve.yaml'} "
        "gespeichert",
        f"weiter mit: cxmaturity survey -q {tmp_path / 'mini.yaml'} --out "
        f"{tmp_path / 'service-eve.yaml'}",
    ]
    printed = console.file.getvalue()  # type: ignore[attr-defined]
    assert "Wert und Stufe" in printed and "Gesamt" in printed


def test_a_bad_department_is_one_line_in_the_survey_language(tmp_path: Path) -> None:
    done = run_cli(
        "survey", "--lang", "fr", "--respondent", "Zoé", "--department", "nope",
        "-o", tmp_path / "z.yaml", input="1\n",
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.startswith("error: service inconnu 'nope' (connus : executive,")
    assert len(done.stderr.strip().splitlines()) == 1 and not (tmp_path / "z.yaml").exists()


@pytest.mark.parametrize(
    ("code", "saved"),
    [
        ("en", "saved 33 answers to"),
        ("de", "33 Antworten in"),
        ("fr", "33 réponses enregistrées dans"),
        ("es", "33 respuestas guardadas en"),
    ],
)
def test_the_piped_survey_works_in_every_language(tmp_path: Path, code: str, saved: str) -> None:
    count = len(ids("sales"))
    assert count == 33
    out = survey(tmp_path, "Kim", "sales", script(count, 5, stage_names=code), "--lang", code)
    done = run_cli("survey", "--out", out, input="")  # resumed: complete, nothing to add
    assert done.returncode == 0 and saved in done.stderr, done.stderr
    assert yaml.safe_load(out.read_text("utf-8"))["language"] == code


@pytest.mark.parametrize("width", [80, 60, 40])
@pytest.mark.parametrize(("code", "yes", "finished"), [("fr", "o", "Terminer quand même"),
                                                      ("es", "s", "¿Terminar de todos modos?")])  # fmt: skip
def test_the_french_and_spanish_screens_fit_and_speak_their_language(
    tmp_path: Path, width: int, code: str, yes: str, finished: str
) -> None:
    keys = ["E", "v", "e", "enter", "enter", "2", "enter", "enter"]
    keys += ["3", "enter", "c", "o", "k", "enter", "d", "enter", "n", "enter"]
    keys += ["r", "escape", "enter", yes]
    terminal = Scripted(keys, width=width)  # fails on any frame too wide or too tall
    request = SurveyRequest(
        questionnaire=str(write_mini(tmp_path)), out_dir=tmp_path, language=code
    )
    console = plain_console(width)
    said: list[str] = []
    assert run_survey(request, SurveyIO(console, said.append, terminal=terminal)) == 1
    assert terminal.seen(finished)
    for frame in terminal.frames:
        shown = "\n".join(frame)
        assert not english_in(shown), shown
