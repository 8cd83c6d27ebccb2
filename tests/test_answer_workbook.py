"""`export --format xlsx`: the answer-entry workbook, filled in Excel's way, reads back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import yaml
from conftest import REPO, SAMPLES

Q = "cx-core@1.0"
STAGES = ["ignore", "explore", "mobilise", "operationalise", "align", "embed"]


def _export(cli, tmp_path: Path, *extra: str) -> Path:
    book = tmp_path / "answers.xlsx"
    result = cli("export", "-q", Q, "--format", "xlsx", "-o", book, *extra)
    assert result.exit_code == 0, result.stderr
    return book


def test_workbook_has_instructions_a_sheet_per_department_and_dropdowns(cli, tmp_path) -> None:
    book = openpyxl.load_workbook(_export(cli, tmp_path))
    q = yaml.safe_load((REPO / "questionnaires" / "cx-core-1.0.yaml").read_text(encoding="utf-8"))
    visible = [ws.title for ws in book.worksheets if ws.sheet_state == "visible"]
    assert visible == ["Instructions", *(d["name"] for d in q["departments"])]
    assert book["Instructions"]["A1"].value == "cxmaturity answer workbook"
    sales = book["Sales"]
    assert [c.value for c in sales[2]][:3] == ["name", "role", "leadership-sponsor"]
    assert sales["C1"].value == q["questions"][0]["text"]
    rules = sales.data_validations.dataValidation
    first = next(r for r in rules if "C3" in str(r.sqref))
    assert first.type == "list" and str(first.sqref) == "C3:C202"
    # The list is the question's six statements and the two ways of not answering.
    lists = book["Lists"]
    column = first.formula1.split("!")[1].split(":")[0].replace("$", "")[:-1]
    choices = [lists[f"{column}{n}"].value for n in range(1, 9)]
    assert choices == [*q["questions"][0]["options"], "Don't know", "Not applicable"]


def _scores(cli, folder: Path) -> dict[str, Any]:
    result = cli("score", folder, "-q", Q, "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    return {key: data[key] for key in ("organisation", "departments", "respondents")}


def test_filled_workbook_round_trips_through_import(cli, tmp_path) -> None:
    path = _export(cli, tmp_path)
    book = openpyxl.load_workbook(path)
    q = yaml.safe_load((REPO / "questionnaires" / "cx-core-1.0.yaml").read_text(encoding="utf-8"))
    options = {x["id"]: x["options"] for x in q["questions"]}
    names = {d["id"]: d["name"] for d in q["departments"]}
    next_row: dict[str, int] = {}
    for sample in sorted(SAMPLES.glob("*.yaml")):
        data = yaml.safe_load(sample.read_text(encoding="utf-8"))
        ws = book[names[data["respondent"]["department"]]]
        row = next_row.setdefault(ws.title, 3)
        next_row[ws.title] += 1
        ids = [c.value for c in ws[2]]
        ws.cell(row, 1, data["respondent"]["name"])
        for col, qid in enumerate(ids[2:], start=3):
            answer = data["answers"].get(qid)
            answer = answer["stage"] if isinstance(answer, dict) else answer
            if answer is None:
                continue
            if answer in STAGES:
                answer = STAGES.index(answer) + 1
            text = {"unknown": "Don't know", "n/a": "Not applicable"}.get(str(answer))
            ws.cell(row, col, text or options[qid][int(answer) - 1])
    book.save(path)
    out = tmp_path / "imported"
    result = cli("import", path, "-q", Q, "--out-dir", out)
    assert result.exit_code == 0, result.stderr
    assert "cxmaturity answer workbook export" in result.stderr
    assert _scores(cli, out) == _scores(cli, SAMPLES)


def test_xlsx_export_needs_a_file(cli) -> None:
    result = cli("export", "-q", Q, "--format", "xlsx")
    assert result.exit_code == 2
    assert result.stderr == "error: --format xlsx needs -o FILE.xlsx\n"


def test_a_renamed_sheet_names_the_closest_department(cli, tmp_path) -> None:
    path = _export(cli, tmp_path)
    book = openpyxl.load_workbook(path)
    book["Sales"].title = "Sals"
    book["Sals"]["A3"] = "Ann"
    book["Sals"]["C3"] = "2"
    book.save(path)
    result = cli("import", path, "-q", Q, "--out-dir", tmp_path / "a")
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {path}#Sals: the sheet 'Sals' is not a department of cx-core "
        "(closest: 'Sales'): name the sheet after its department\n"
    )
    empty = cli("import", _export(cli, tmp_path), "-q", Q, "--out-dir", tmp_path / "a")
    assert empty.exit_code == 2
    assert "no respondents: every sheet is empty" in empty.stderr


def test_a_german_workbook_reads_back_against_the_questionnaire(cli, tmp_path) -> None:
    path = tmp_path / "de.xlsx"
    result = cli("export", "-q", "cx-core", "-f", "xlsx", "--lang", "de", "-o", path)
    assert result.exit_code == 0, result.stderr
    book = openpyxl.load_workbook(path)
    sheet = book["Vertrieb"]  # Sales, in German
    qid = sheet["C2"].value
    rule = next(r for r in sheet.data_validations.dataValidation if "C3" in str(r.sqref))
    column = rule.formula1.split("!")[1].split(":")[0].replace("$", "")[:-1]
    sheet["A3"], sheet["C3"] = "Jan", book["Lists"][f"{column}5"].value  # the fifth statement
    book.save(path)
    out = tmp_path / "answers"
    imported = cli("import", path, "-q", "cx-core", "--out-dir", out)
    assert imported.exit_code == 0, imported.stderr
    jan = yaml.safe_load((out / "sales-jan.yaml").read_text(encoding="utf-8"))
    assert jan["answers"] == {qid: 5}
