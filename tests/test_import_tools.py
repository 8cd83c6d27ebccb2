"""`import`: each form tool's export, as it comes, scores as the same answers typed in.

The fixtures in tests/data/exports/ are the four sample respondents as each tool lays out
its export (made by tools/make_export_fixtures.py; the README describes each shape).
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO, SAMPLES

EXPORTS = REPO / "tests" / "data" / "exports"
Q = "cx-core@1.0"


def _scores(cli, folder: Path) -> dict[str, Any]:
    result = cli("score", folder, "-q", Q, "-f", "json")
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return {key: data[key] for key in ("organisation", "departments", "respondents")}


@pytest.fixture(scope="module")
def sample_scores() -> dict[str, Any]:
    from conftest import run_cli

    return _scores(run_cli, SAMPLES)


@pytest.mark.parametrize(
    "name",
    [
        "google-forms.csv",
        "microsoft-forms.xlsx",
        "qualtrics-text.csv",
        "surveymonkey.csv",
        "surveymonkey.xlsx",
    ],
)
def test_each_tools_export_scores_as_the_samples(cli, tmp_path, sample_scores, name) -> None:
    out = tmp_path / "answers"
    result = cli("import", EXPORTS / name, "-q", Q, "--out-dir", out, "--partial", "skip")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in SAMPLES.glob("*.yaml"))
    assert _scores(cli, out) == sample_scores
    # Each tool's completion time, in its own format and zone, is the sample's own time.
    li = yaml.safe_load((out / "finance-li-wei.yaml").read_text(encoding="utf-8"))
    assert _instant(li["updated"]) == _instant("2026-11-05T16:22:00Z")
    assert li["respondent"]["name"] == "Li Wei"


def _instant(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def test_one_line_says_which_metadata_is_used_and_ignored(cli, tmp_path) -> None:
    source = EXPORTS / "microsoft-forms.xlsx"
    result = cli("import", source, "-q", Q, "--out-dir", tmp_path / "a", "--dry-run")
    assert result.exit_code == 0, result.stderr
    notes = [line for line in result.stderr.splitlines() if line.startswith("note: ")]
    assert notes[0] == (
        f"note: {source}#Sheet1: Microsoft Forms export, 50 question columns; used: started "
        "from 'Start time', updated from 'Completion time', email from 'Email', name from "
        "'Name', department from 'Which department do you work in?'; ignored: 'ID', "
        "'Last modified time'"
    )
    assert notes[1] == (
        f"note: {source}#Sheet1: times without a zone are read as UTC (use --timezone)"
    )


def test_timezone_option_places_times_without_a_zone(cli, tmp_path) -> None:
    out = tmp_path / "answers"
    source = EXPORTS / "microsoft-forms.xlsx"
    result = cli("import", source, "-q", Q, "--out-dir", out, "--timezone", "Europe/Berlin")
    assert result.exit_code == 0, result.stderr
    assert "read as UTC" not in result.stderr
    li = yaml.safe_load((out / "finance-li-wei.yaml").read_text(encoding="utf-8"))
    assert li["updated"] == "2026-11-05T16:22:00+01:00"  # the zone is kept
    assert li["started"] == "2026-11-05T16:00:00+01:00"
    bad = cli("import", source, "-q", Q, "--out-dir", out, "--timezone", "Mars/Olympus")
    assert bad.exit_code == 2
    assert "--timezone: 'Mars/Olympus' is not a time zone" in bad.stderr


def test_qualtrics_partial_and_empty_responses(cli, tmp_path) -> None:
    source = EXPORTS / "qualtrics-text.csv"
    out = tmp_path / "answers"
    result = cli("import", source, "-q", Q, "--out-dir", out)
    assert result.exit_code == 0, result.stderr
    assert f"note: {source}:8: partial response (Finished is False): imported with 1 answer\n" in (
        result.stderr
    )
    assert (
        f"note: {source}:9: no answers (an opened but empty response): skipped\n" in result.stderr
    )
    jon = yaml.safe_load((out / "sales-jon-berg.yaml").read_text(encoding="utf-8"))
    assert jon["answers"] == {"leadership-sponsor": 2}
    assert jon["updated"] == "2026-11-06T08:04:10-07:00"  # America/Denver, from the ImportId row
    skipped = cli("import", source, "-q", Q, "--out-dir", tmp_path / "b", "--partial", "skip")
    assert f"note: {source}:8: partial response (Finished is False): skipped\n" in skipped.stderr
    assert not (tmp_path / "b" / "sales-jon-berg.yaml").exists()


def _typed(blank_unsure: bool) -> str:
    """The samples typed into the plain CSV template, by question id."""
    q = yaml.safe_load((REPO / "questionnaires" / "cx-core-1.0.yaml").read_text(encoding="utf-8"))
    ids = [x["id"] for x in q["questions"]]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["name", "department", *ids])
    for path in sorted(SAMPLES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        cells = []
        for qid in ids:
            answer = data["answers"].get(qid, "")
            answer = answer["stage"] if isinstance(answer, dict) else answer
            unsure = answer in ("unknown", "n/a")
            cells.append("" if unsure and blank_unsure else str(answer))
        writer.writerow([data["respondent"]["name"], data["respondent"]["department"], *cells])
    return out.getvalue()


def test_qualtrics_numeric_tsv_scores_as_the_same_answers_typed(cli, write, tmp_path) -> None:
    # The numeric export has no value for "don't know": Qualtrics writes -99 (seen, unanswered).
    typed = write("typed.csv", _typed(blank_unsure=True))
    assert cli("import", typed, "-q", Q, "--out-dir", tmp_path / "typed").exit_code == 0
    source = EXPORTS / "qualtrics-numeric.tsv"
    assert source.read_bytes()[:2] == b"\xff\xfe"  # UTF-16, as Qualtrics writes TSV
    out = tmp_path / "numeric"
    result = cli("import", source, "-q", Q, "--out-dir", out, "--partial", "skip")
    assert result.exit_code == 0, result.stderr
    assert _scores(cli, out) == _scores(cli, tmp_path / "typed")


def test_google_legacy_day_first_timestamps_and_forced_tool(cli, write, tmp_path) -> None:
    source = write(
        "legacy.csv",
        "Timestamp,Your name,Which department do you work in?,leadership-sponsor\n"
        "23/11/2026 10:10:32,Ann,Sales,2\n"
        "01/12/2026 09:00:00,Bob,Sales,3\n",
    )
    out = tmp_path / "answers"
    result = cli("import", source, "-q", Q, "--out-dir", out, "--timezone", "+01:00")
    assert result.exit_code == 0, result.stderr
    bob = yaml.safe_load((out / "sales-bob.yaml").read_text(encoding="utf-8"))
    assert bob["updated"] == "2026-12-01T09:00:00+01:00"  # 1 December, read day first
    forced = cli("import", source, "-q", Q, "--out-dir", tmp_path / "b", "--from", "plain")
    assert forced.exit_code == 0, forced.stderr
    assert "Google Forms export" not in forced.stderr
    wrong = cli("import", source, "-q", Q, "--out-dir", out, "--from", "typeform")
    assert wrong.exit_code == 2
    assert wrong.stderr.startswith("error: --from: 'typeform' is not one of plain, google")


def test_every_error_in_one_pass_with_closest_candidates(cli, write, tmp_path) -> None:
    """Unknown headings, a bad time, an unknown choice and department: all in one run."""
    q = yaml.safe_load((REPO / "questionnaires" / "cx-core-1.0.yaml").read_text(encoding="utf-8"))
    sponsor = q["questions"][0]
    header = [
        "Timestamp",
        "Your name",
        "Your department",
        sponsor["text"].replace("visibly owns", "visibly own"),  # a word changed in the form
        q["questions"][1]["text"].replace(" and ", " & "),
        "leadership-governance",
    ]
    rows = [
        header,
        ["2026/11/23 10:10:32 AM GMT+1", "Ann", "Customer Service", "", "", "nothing"],
        ["yesterday", "Bob", "Custmer service", "", "", "2"],
    ]
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    source = write("form.csv", text.getvalue())
    result = cli("import", source, "-q", Q, "--out-dir", tmp_path / "a")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == (
        f"error: {source}:1:4: unknown column {header[3]!r} (closest: {sponsor['text']!r}): "
        "not name, department, role, updated, or a question id or text of cx-core"
    )
    assert lines[1].startswith(f"error: {source}:1:5: unknown column ")
    assert lines[2].startswith(f"error: {source}:2:6: leadership-governance: 'nothing' is not")
    assert lines[3] == (
        f"error: {source}:3:1: 'yesterday' is not a time this tool reads (such as "
        "2026-11-23T10:10:32Z, 2026/11/23 10:10:32 AM GMT+1 or 11/23/2026 10:10:32 AM)"
    )
    assert lines[4].startswith(
        f"error: {source}:3:3: unknown department 'Custmer service' (closest: 'Customer service')"
    )
    assert len(lines) == 5


def test_choices_match_after_folding_and_name_the_closest(cli, write, tmp_path) -> None:
    q = yaml.safe_load((REPO / "questionnaires" / "cx-core-1.0.yaml").read_text(encoding="utf-8"))
    first = q["questions"][0]["options"][0]  # "...the service team's problem ... meetings."
    # Curly apostrophe, no full stop, a trailing space, and a dash for the semicolon's space.
    typed = first.replace("'", "\u2019").rstrip(".").replace(" ", "\u00a0", 1) + " "
    cut = q["questions"][1]["options"][2][:-8]  # the end of the option lost
    source = write(
        "in.csv",
        "name,department,leadership-sponsor,leadership-strategy\n"
        f'Ann,sales,"{typed}",\n'
        f'Bob,sales,,"{cut}"\n',
    )
    result = cli("import", source, "-q", Q, "--out-dir", tmp_path / "a")
    assert result.exit_code == 2
    assert result.stderr.count("error:") == 1, result.stderr
    assert f"{source}:3:4: leadership-strategy: {cut!r} is not an answer " in result.stderr
    assert f"(closest: {q['questions'][1]['options'][2]!r})" in result.stderr
    from cxmaturity.formats.folding import fold

    assert fold("A \u2013 b\u00a0c.") == fold("a - B c")


def test_workbook_with_an_entity_bomb_is_refused(cli, tmp_path) -> None:
    import zipfile

    plain = tmp_path / "plain.xlsx"
    assert cli("export", "-q", Q, "--format", "xlsx", "-o", plain).exit_code == 0
    bomb = tmp_path / "bomb.xlsx"
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        "<si><t>&lol2;</t></si></sst>"
    )
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(bomb, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            dst.writestr(item, laughs if item.filename == "xl/sharedStrings.xml" else data)
    result = cli("import", bomb, "-q", Q, "--out-dir", tmp_path / "a")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {bomb}: not a readable .xlsx workbook")


def test_anonymous_surveymonkey_export_names_respondents_by_id(cli, write, tmp_path) -> None:
    source = write(
        "sm.csv",
        "Respondent ID,Collector ID,Start Date,End Date,IP Address,Email Address,First Name,"
        "Last Name,Custom Data 1,Your department,Your role,leadership-sponsor\n"
        ",,,,,,,,,,Response,Open-Ended Response,Response\n"
        "118,4001,11/23/2026 10:00:00 AM,11/23/2026 10:10:32 AM,,,,,,Sales,Buyer,3\n"
        "119,4001,11/24/2026 09:00:00 AM,11/24/2026 09:05:00 AM,,,,,,Sales,,\n",
    )
    out = tmp_path / "answers"
    result = cli("import", source, "-q", Q, "--out-dir", out, "--timezone", "America/New_York")
    assert result.exit_code == 0, result.stderr
    assert f"note: {source}:4: no answers (an opened but empty response): skipped" in result.stderr
    data = yaml.safe_load((out / "sales-respondent-118.yaml").read_text(encoding="utf-8"))
    assert data["respondent"] == {"name": "Respondent 118", "role": "Buyer", "department": "sales"}
    assert data["updated"] == "2026-11-23T10:10:32-05:00"
    assert data["started"] == "2026-11-23T10:00:00-05:00"


def test_a_zipped_download_is_read_as_it_comes(cli, tmp_path, sample_scores) -> None:
    """Google Forms hands out its CSV in a zip; so does SurveyMonkey its CSV or XLSX."""
    import zipfile

    for name in ("google-forms.csv", "surveymonkey.xlsx"):
        download = tmp_path / f"{name}.zip"
        with zipfile.ZipFile(download, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.write(EXPORTS / name, f"Survey (Responses)/{name}")
        out = tmp_path / name
        result = cli("import", download, "-q", Q, "--out-dir", out)
        assert result.exit_code == 0, result.stderr
        assert f"note: {download}#Survey (Responses)/{name}" in result.stderr
        assert _scores(cli, out) == sample_scores
    two = tmp_path / "two.zip"
    with zipfile.ZipFile(two, "w") as archive:
        archive.writestr("a.csv", "name\n")
        archive.writestr("b.csv", "name\n")
    result = cli("import", two, "-q", Q, "--out-dir", tmp_path / "x")
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {two}: a zip holding one export (CSV, TSV or XLSX) was expected; "
        "it holds: a.csv, b.csv\n"
    )


def test_a_workbook_that_unpacks_too_large_is_refused(tmp_path, monkeypatch) -> None:
    from cxmaturity.core.errors import InvalidFileError
    from cxmaturity.formats import sheets

    monkeypatch.setattr(sheets, "MAX_UNZIPPED", 10_000)  # the real bound is 512 MiB
    with pytest.raises(InvalidFileError, match=r"the file unpacks to [0-9,]+ bytes"):
        sheets.read_sheets(EXPORTS / "microsoft-forms.xlsx")


def test_importing_the_same_export_again_changes_nothing(cli, tmp_path) -> None:
    out = tmp_path / "answers"
    source = EXPORTS / "qualtrics-text.csv"
    assert cli("import", source, "-q", Q, "--out-dir", out).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    again = cli("import", source, "-q", Q, "--out-dir", out)
    assert again.exit_code == 0, again.stderr
    assert [line.split()[0] for line in again.stdout.splitlines()] == ["unchanged"] * 5
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_form_run_in_german_scores_as_in_english(cli, write, tmp_path) -> None:
    """Headings, statements and department names in a translation match the questionnaire."""
    template = cli("export", "-q", "cx-core", "-f", "csv", "--headers", "text", "--lang", "de")
    assert template.exit_code == 0, template.stderr
    german = next(csv.reader(io.StringIO(template.stdout)))[3:5]
    ids = next(csv.reader(io.StringIO(cli("export", "-q", "cx-core", "-f", "csv").stdout)))[3:5]
    q = yaml.safe_load((REPO / "questionnaires" / "cx-core-2.1.de.yaml").read_text("utf-8"))
    first, second = (q["questions"][key]["options"] for key in ids)
    rows = [
        ["Zeitstempel", "E-Mail-Adresse", "Ihr Name", "Ihre Abteilung", *german],
        ["23.11.2026, 10:10:32", "ann@example.com", "Ann", "Geschäftsleitung", first[3], second[1]],
    ]
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    source = write("de.csv", text.getvalue())
    out = tmp_path / "answers"
    result = cli("import", source, "-q", "cx-core", "--out-dir", out, "--timezone", "Europe/Berlin")
    assert result.exit_code == 0, result.stderr
    assert "Google Forms export, 2 question columns" in result.stderr
    ann = yaml.safe_load((out / "executive-ann.yaml").read_text(encoding="utf-8"))
    assert ann["answers"] == {ids[0]: 4, ids[1]: 2}
    assert ann["updated"] == "2026-11-23T10:10:32+01:00"


def test_qualtrics_previews_and_tests_are_skipped(cli, tmp_path) -> None:
    lines = (EXPORTS / "qualtrics-text.csv").read_text(encoding="utf-8").splitlines()
    preview = lines[3].replace(",IP Address,", ",Survey Preview,", 1)
    preview = preview.replace("R_001xYzAbC", "R_900pReViEw").replace("Wei,Li,", "Test,Tess,", 1)
    source = tmp_path / "with-preview.csv"
    source.write_text("\n".join([*lines[:4], preview, *lines[4:]]) + "\n", encoding="utf-8")
    out = tmp_path / "answers"
    result = cli("import", source, "-q", Q, "--out-dir", out)
    assert result.exit_code == 0, result.stderr
    assert f"note: {source}:5: a Survey Preview response (Status), not a respondent's: skipped" in (
        result.stderr
    )
    assert not any("tess" in p.name for p in out.iterdir())


def test_microsoft_forms_anonymous_responses_are_numbered(cli, tmp_path) -> None:
    import openpyxl

    book = openpyxl.load_workbook(EXPORTS / "microsoft-forms.xlsx")
    sheet = book.active
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row, 4, "anonymous")  # Email
        sheet.cell(row, 5).value = None  # Name
    source = tmp_path / "anonymous.xlsx"
    book.save(source)
    out = tmp_path / "answers"
    result = cli("import", source, "-q", Q, "--out-dir", out)
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "finance-respondent-1.yaml",
        "marketing-respondent-2.yaml",
        "marketing-respondent-3.yaml",
        "service-respondent-4.yaml",
    ]
