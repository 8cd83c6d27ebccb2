"""Translation files: checked against their questionnaire with located errors, applied with
one fallback warning, and never able to change a score."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO, Run

MINI = REPO / "tests" / "data" / "mini.yaml"
ANSWERS = REPO / "tests" / "data" / "mini-answers"

GERMAN = """\
format: cxmaturity.translation/1
questionnaire: {id: mini, version: "2"}
language: de
title: Mini-Fragebogen
departments:
  alpha: {name: Abteilung Alpha}
  beta: {name: Abteilung Beta}
dimensions:
  d1: {name: Dimension eins, recommendations: {mobilise: [Erst dies, Dann das]}}
  d2: {name: Dimension zwei}
  d3: {name: Dimension drei}
questions:
  q1: {text: F1, options: [a1, b1, c1, d1, e1, f1]}
  q2: {text: F2, options: [a2, b2, c2, d2, e2, f2]}
  q3: {text: F3, options: [a3, b3, c3, d3, e3, f3]}
  q4: {text: F4, options: [a4, b4, c4, d4, e4, f4]}
  q5: {text: F5, options: [a5, b5, c5, d5, e5, f5]}
  q6: {text: F6, options: [a6, b6, c6, d6, e6, f6]}
  q7: {text: F7, options: [a7, b7, c7, d7, e7, f7]}
"""


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """The mini questionnaire in a folder of its own, so translations can sit beside it."""
    folder = tmp_path / "q"
    folder.mkdir()
    return Path(shutil.copy(MINI, folder / "mini.yaml"))


def _translation(mini: Path, text: str, language: str = "de") -> Path:
    path = mini.with_name(f"mini.{language}.yaml")
    path.write_text(text, encoding="utf-8")
    return path


def test_a_complete_translation_validates(cli: Callable[..., Run], mini: Path) -> None:
    path = _translation(mini, GERMAN)
    run = cli("validate", path)
    assert run.exit_code == 0, run.stderr
    assert "de translation of mini 2, 100% complete" in run.stdout
    assert run.stderr == ""


BROKEN = [
    (
        "unknown question",
        GERMAN.replace("  q7: {text: F7", "  q9: {text: F7"),
        r":19:3: unknown question 'q9' \(not in mini 2\)",
    ),
    (
        "missing text",
        GERMAN.replace("{text: F3,", "{text: '',"),
        r":15:8: missing text: expected the translated text",
    ),
    (
        "five options",
        GERMAN.replace("[a2, b2, c2, d2, e2, f2]", "[a2, b2, c2, d2, e2]"),
        r":14:18: 5 options \(one per stage\); the questionnaire has 6, translate each",
    ),
    (
        "structural key",
        GERMAN.replace("{text: F1,", "{text: F1, weight: 5,"),
        r":13:18: 'weight' is structure, not text: a translation holds only text",
    ),
    (
        "structural key in a department",
        GERMAN.replace("{name: Abteilung Beta}", "{name: Beta, departments: [alpha]}"),
        r":7:22: 'departments' is structure, not text",
    ),
    (
        "text the questionnaire does not have",
        GERMAN.replace("{text: F4,", "{text: F4, help: Hilfe,"),
        r":16:18: the questionnaire has no help here to translate",
    ),
    (
        "wrong version",
        GERMAN.replace('version: "2"', 'version: "1"'),
        r":2:1: translates mini 1, not mini 2",
    ),
    (
        "not a stage",
        GERMAN.replace("mobilise: [", "mobilize-it: ["),
        r":9:48: 'mobilize-it' is not a stage",
    ),
]


@pytest.mark.parametrize(("kind", "text", "message"), BROKEN, ids=[b[0] for b in BROKEN])
def test_each_kind_of_error_is_located(
    cli: Callable[..., Run], mini: Path, kind: str, text: str, message: str
) -> None:
    path = _translation(mini, text)
    run = cli("validate", path)
    assert run.exit_code == 2
    line = run.stderr.strip()
    assert "\n" not in line and "Traceback" not in line
    assert line.startswith(f"error: {path}:"), line
    assert re.search(message, line), line


def test_the_file_name_and_the_language_must_agree(cli: Callable[..., Run], mini: Path) -> None:
    path = _translation(mini, GERMAN, language="fr")
    run = cli("validate", path)
    assert run.exit_code == 2
    assert f"{path}:3:1: language is 'de' but the file name says 'fr'" in run.stderr


def test_a_broken_translation_stops_score_with_its_location(
    cli: Callable[..., Run], mini: Path
) -> None:
    path = _translation(mini, GERMAN.replace("{text: F1,", "{text: F1, dimension: d2,"))
    run = cli("score", ANSWERS, "-q", mini, "--lang", "de")
    assert run.exit_code == 2
    assert f"error: {path}:13:18: 'dimension' is structure" in run.stderr


def test_missing_texts_fall_back_with_one_warning(cli: Callable[..., Run], mini: Path) -> None:
    partial = GERMAN.replace("  d3: {name: Dimension drei}\n", "").replace(
        "  q7: {text: F7, options: [a7, b7, c7, d7, e7, f7]}\n", ""
    )
    path = _translation(mini, partial)
    run = cli("score", ANSWERS, "-q", mini, "--lang", "de")
    assert run.exit_code == 0, run.stderr
    warnings = [line for line in run.stderr.splitlines() if line.startswith("warning:")]
    assert warnings == [
        "warning: mini.de.yaml lacks 3 texts (dimensions.d3.name, questions.q7.text, "
        "questions.q7.options); shown in en instead"
    ]
    assert "Dimension eins" in run.stdout
    assert "Dimension three" in run.stdout  # the fallback, in the source language
    validated = cli("validate", path)
    assert validated.exit_code == 0
    assert "complete" in validated.stdout and "lacks 3 texts" in validated.stderr


def test_a_language_without_a_translation_warns_and_keeps_the_source(
    cli: Callable[..., Run], mini: Path
) -> None:
    run = cli("score", ANSWERS, "-q", mini, "--lang", "fr")
    assert run.exit_code == 0
    assert "mini 2 has no 'fr' translation" in run.stderr
    assert "Dimension one" in run.stdout
    assert "Mobiliser" in run.stdout  # the tool's own words are still French


def test_translated_names_reach_table_markdown_json_and_explain(
    cli: Callable[..., Run], mini: Path
) -> None:
    _translation(mini, GERMAN)
    table = cli("score", ANSWERS, "-q", mini, "--lang", "de")
    assert "Abteilung Alpha" in table.stdout and "Dimension eins" in table.stdout
    markdown = cli("score", ANSWERS, "-q", mini, "--lang", "de", "-f", "markdown")
    assert "| Abteilung Alpha | 2 | 3,55 | Mobilisieren (Grenzfall) |" in markdown.stdout
    data = json.loads(cli("score", ANSWERS, "-q", mini, "--lang", "de", "-f", "json").stdout)
    alpha = data["departments"][0]
    # Ids and stage keys stay as they are; names follow --lang.
    assert (alpha["id"], alpha["name"], alpha["stage_name"]) == (
        "alpha",
        "Abteilung Alpha",
        "Mobilise",
    )
    explained = cli("explain", ANSWERS, "-q", mini, "-d", "alpha", "--lang", "de")
    assert explained.exit_code == 0, explained.stderr
    assert (
        "Abteilung Alpha (alpha): 2 befragte Personen · Mini-Fragebogen (mini 2)"
        in explained.stdout
    )


def test_scores_never_depend_on_the_language(cli: Callable[..., Run], mini: Path) -> None:
    _translation(mini, GERMAN)
    english = json.loads(cli("score", ANSWERS, "-q", mini, "-f", "json").stdout)
    german = json.loads(cli("score", ANSWERS, "-q", mini, "-f", "json", "--lang", "de").stdout)

    def figures(data: dict[str, object]) -> str:
        return re.sub(r'"name": "[^"]*"', "", json.dumps(data, sort_keys=True))

    assert figures(english) == figures(german)
    assert english["questionnaire"] == german["questionnaire"]


def test_questionnaires_lists_languages_and_completeness(
    cli: Callable[..., Run], mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from importlib.resources.abc import Traversable

    import cxmaturity.formats.bundled as bundled
    import cxmaturity.formats.translation_files as translations

    folder: Traversable = mini.parent
    monkeypatch.setattr(bundled, "bundled_dir", lambda: folder)
    monkeypatch.setattr(translations, "bundled_dir", lambda: folder)
    _translation(mini, GERMAN)
    _translation(mini, GERMAN.replace("language: de", "language: fr").split("questions:")[0], "fr")
    run = cli("questionnaires")
    assert run.exit_code == 0, run.stderr
    assert run.stdout.splitlines() == [
        "mini\t2\tMini questionnaire (7 questions, 3 dimensions, 2 departments)\t"
        "languages: en, de, fr 33%"
    ]


def test_bundled_translations_are_valid(cli: Callable[..., Run]) -> None:
    from cxmaturity.core.translation import translation_name

    bundled = [p for p in sorted((REPO / "questionnaires").iterdir()) if translation_name(p.name)]
    assert {p.name for p in bundled} >= {f"cx-core-2.0.{code}.yaml" for code in ("de", "fr", "es")}
    for path in bundled:
        named = translation_name(path.name)
        assert named is not None
        if not path.with_name(named[0] + ".yaml").exists():
            pytest.skip(f"{path.name}: its questionnaire is not on this branch yet")
        run = cli("validate", path)
        assert run.exit_code == 0, run.stderr
        assert "100% complete" in run.stdout


def test_export_prints_the_questionnaire_in_its_translation(
    cli: Callable[..., Run], mini: Path
) -> None:
    _translation(mini, GERMAN)
    run = cli("export", "-q", mini, "--lang", "de", "--format", "markdown", "--show-stages")
    assert run.exit_code == 0, run.stderr
    assert run.stderr == ""
    text = run.stdout
    assert text.startswith("# Mini-Fragebogen\n\nFragebogen `mini`, Version 2\n")
    assert "**Bereich** (eines ankreuzen): ☐ Abteilung Alpha  ☐ Abteilung Beta" in text
    assert "## 1. Dimension eins" in text
    assert "- ☐ **4 Operationalisieren**: d1" in text
    assert "- ☐ Weiß nicht   ☐ Trifft nicht zu" in text
    csv = cli("export", "-q", mini, "--lang", "de", "--format", "csv", "--headers", "text")
    assert csv.stdout.splitlines()[0] == "name,department,role,F1,F2,F3,F4,F5,F6,F7"


def test_bundled_cx_core_2_scores_in_german_french_and_spanish(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    answers = tmp_path / "answers"
    answers.mkdir()
    for name, code in (("kim", "de"), ("ana", "es"), ("lou", None)):
        language = f"language: {code}\n" if code else ""
        (answers / f"{name}.yaml").write_text(
            "format: cxmaturity.answers/1\n"
            'questionnaire: {id: cx-core, version: "2.0"}\n'
            f"respondent: {{name: {name}, department: service}}\n{language}"
            "answers: {voc-listening: 4, voc-close-loop: 3, voc-sharing: 4, voc-action: 2,"
            " voc-frontline-input: 3}\n"
        )
    seen = {}
    for code, service, voc, stage in (
        ("de", "Kundenservice", "Stimme des Kunden", "Mobilisieren"),
        ("fr", "Service client", "Voix du client", "Mobiliser"),
        ("es", "Atención al cliente", "Voz del cliente", "Movilizar"),
    ):
        run = cli("score", answers, "--lang", code, "-f", "markdown")
        assert run.exit_code == 0, run.stderr
        assert "warning" not in run.stderr
        assert f"| {service} | 3 |" in run.stdout
        assert f"| {voc} | 3,20 | {stage} |" in run.stdout
        seen[code] = json.loads(cli("score", answers, "--lang", code, "-f", "json").stdout)
    english = json.loads(cli("score", answers, "-f", "json").stdout)
    for data in seen.values():
        assert data["organisation"]["score"] == english["organisation"]["score"]


def test_plan_steps_come_from_the_translation(cli: Callable[..., Run], tmp_path: Path) -> None:
    answers = tmp_path / "answers"
    answers.mkdir()
    (answers / "kim.yaml").write_text(
        "format: cxmaturity.answers/1\n"
        'questionnaire: {id: cx-core, version: "2.0"}\n'
        "respondent: {name: Kim, department: service}\n"
        "answers: {voc-listening: 1, voc-close-loop: 1, voc-sharing: 1, voc-action: 1,"
        " voc-frontline-input: 1}\n"
    )
    run = cli("plan", answers, "--lang", "de", "--target", "2", "-f", "markdown")
    assert run.exit_code == 0, run.stderr
    assert "Die Serviceleitung liest die Beschwerden des letzten Monats" in run.stdout
    assert "| Stimme des Kunden | Kundenservice |" in run.stdout
