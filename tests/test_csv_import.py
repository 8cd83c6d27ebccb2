"""`import-csv`: located errors, all or nothing, dry run, and the export → import round trip."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import SAMPLES
from mini_workshop import write_questionnaire

HEADER = "name,department,role,lead-a,lead-b,data-a,data-b"
# The baseline workshop of mini_workshop.py, as a form tool would export it.
ROWS = """\
Ann,sales,Head of Sales,4,1,3,
Bob,Sales,,2,unknown,5,
Cy,service,Service lead,Align,embed,n/a,1
Dee,Service,,,Mobilise,,don't know
"""


@pytest.fixture
def q(write) -> Path:
    return write_questionnaire(write)


def _scores(cli, folder: Path, q: Path) -> dict[str, Any]:
    result = cli("score", folder, "-q", q, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_round_trip_export_fill_import_score(cli, q, tmp_path) -> None:
    template = tmp_path / "template.csv"
    exported = cli("export", "-q", q, "--format", "csv", "-o", template)
    assert exported.exit_code == 0, exported.stderr
    assert template.read_bytes() == (HEADER + "\r\n").encode()
    with template.open("a", encoding="utf-8", newline="") as handle:
        handle.write(ROWS)
    out = tmp_path / "answers"
    result = cli("import-csv", template, "-q", q, "--out-dir", out)
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "sales-ann.yaml",
        "sales-bob.yaml",
        "service-cy.yaml",
        "service-dee.yaml",
    ]
    data = _scores(cli, out, q)
    # The figures worked out by hand in mini_workshop.py.
    assert data["organisation"]["score"] == 3.44
    assert [(d["id"], d["score"], d["stage_name"]) for d in data["departments"]] == [
        ("sales", 3.0, "Mobilise"),
        ("service", 3.89, "Mobilise"),
    ]
    sales = data["departments"][0]
    assert [(d["score"], d["spread"]) for d in sales["dimensions"]] == [(2.5, 1.0), (4.0, 2.0)]


def test_written_file_content(cli, q, write, tmp_path) -> None:
    source = write("in.csv", HEADER + "\n" + ROWS)
    os.utime(source, (1_800_000_000, 1_800_000_000))  # 2027-01-15T08:00:00Z
    out = tmp_path / "answers"
    assert cli("import-csv", source, "-q", q, "--out-dir", out).exit_code == 0
    cy = yaml.safe_load((out / "service-cy.yaml").read_text(encoding="utf-8"))
    assert cy["format"] == "cxmaturity.answers/1"
    assert cy["questionnaire"]["id"] == "mini" and cy["questionnaire"]["version"] == "1"
    assert cy["respondent"] == {"name": "Cy", "role": "Service lead", "department": "service"}
    assert cy["updated"] == "2027-01-15T08:00:00Z"  # the CSV's own time
    assert cy["answers"] == {"lead-a": 5, "lead-b": 6, "data-a": "n/a", "data-b": 1}
    dee = yaml.safe_load((out / "service-dee.yaml").read_text(encoding="utf-8"))
    assert dee["answers"] == {"lead-b": 3, "data-b": "unknown"}  # blanks are left out


def test_round_trip_of_the_samples_gives_the_same_scores(cli, tmp_path) -> None:
    """The four sample files, typed into the cx-core template, score exactly as they do."""
    template = cli("export", "-q", "cx-core@1.0", "--format", "csv")
    assert template.exit_code == 0, template.stderr
    header = next(csv.reader(io.StringIO(template.stdout)))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for path in sorted(SAMPLES.glob("*.yaml")):
        sample = yaml.safe_load(path.read_text(encoding="utf-8"))
        person, answers = sample["respondent"], sample["answers"]
        cells = [person["name"], person["department"], person.get("role", "")]
        for question_id in header[3:]:
            answer = answers.get(question_id, "")
            cells.append(str(answer["stage"] if isinstance(answer, dict) else answer))
        writer.writerow(cells)
    source = tmp_path / "samples.csv"
    source.write_text(out.getvalue(), encoding="utf-8")
    result = cli("import-csv", source, "-q", "cx-core@1.0", "--out-dir", tmp_path / "answers")
    assert result.exit_code == 0, result.stderr
    imported = json.loads(cli("score", tmp_path / "answers", "-f", "json").stdout)
    original = json.loads(cli("score", SAMPLES, "-f", "json").stdout)
    for key in ("organisation", "departments", "respondents"):
        assert imported[key] == original[key]


def test_headers_by_question_text_bom_and_semicolons(cli, q, write, tmp_path) -> None:
    # Excel's "CSV UTF-8" in a comma-decimal locale: a BOM and ';' between cells.
    text = (
        "\ufeffName;Department;Role;Who leads *customer* work?;Is there a plan?\r\n"
        "Ann;Sales;;4.0;Funded plan\r\n"
    )
    source = tmp_path / "form.csv"
    source.write_bytes(text.encode("utf-8"))
    out = tmp_path / "answers"
    result = cli("import-csv", source, "-q", q, "--out-dir", out)
    assert result.exit_code == 0, result.stderr
    ann = yaml.safe_load((out / "sales-ann.yaml").read_text(encoding="utf-8"))
    # "4.0" is how spreadsheets write 4; "Funded plan" is the text of lead-b's fourth option.
    assert ann["answers"] == {"lead-a": 4, "lead-b": 4}
    assert "wrote" in result.stdout and "sales-ann.yaml: Ann (sales), 2 answers, 1 blank" in (
        result.stdout
    )


def test_errors_name_row_and_column_and_nothing_is_written(cli, q, write, tmp_path) -> None:
    source = write(
        "in.csv",
        HEADER
        + "\n"
        + "Ann,sales,,4,1,3,\n"
        + "Bob,marketing,,2,2,2,\n"
        + ",sales,,2,seven,2,\n"
        + "Ann,sales,,1,1,1,\n",
    )
    out = tmp_path / "answers"
    result = cli("import-csv", source, "-q", q, "--out-dir", out)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"error: {source}:3:2: unknown department 'marketing' (use one of: sales, service, it)",
        f"error: {source}:4:1: the name is blank",
        f"error: {source}:4:5: lead-b: 'seven' is not an answer: use 1-6, a stage name "
        "(ignore, explore, mobilise, operationalise, align, embed), an option's text, "
        "unknown, n/a, or leave it blank",
        f"error: {source}:5:1: Ann (sales) already has a row, on line 2",
    ]
    assert not out.exists()


def test_header_errors(cli, q, write, tmp_path) -> None:
    source = write("in.csv", "name,role,lead-a,lead-x,,lead-a\nAnn,,4,,,\n")
    result = cli("import-csv", source, "-q", q, "--out-dir", tmp_path / "answers")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"error: {source}:1:4: unknown column 'lead-x': not name, department, role, updated, "
        "or a question id or text of mini",
        f"error: {source}:1:5: the column has no heading",
        f"error: {source}:1:6: column 'lead-a' appears twice",
        f"error: {source}:1: no 'department' column",
    ]


def test_single_error_is_one_line(cli, q, write, tmp_path) -> None:
    source = write("in.csv", HEADER + "\nAnn,sales,,4,1,3,,extra\n")
    result = cli("import-csv", source, "-q", q, "--out-dir", tmp_path / "answers")
    assert result.exit_code == 2
    assert result.stderr == f"error: {source}:2:8: the row has 8 cells; the header has 7\n"


def test_answer_to_a_question_that_does_not_apply_is_left_out(cli, q, write, tmp_path) -> None:
    source = write("in.csv", HEADER + "\nAnn,sales,,4,1,3,5\n")
    out = tmp_path / "answers"
    result = cli("import-csv", source, "-q", q, "--out-dir", out)
    assert result.exit_code == 0
    assert result.stderr == (
        f"warning: {source}:2:7: answer to 'data-b' left out: it does not apply to 'sales'\n"
    )
    ann = yaml.safe_load((out / "sales-ann.yaml").read_text(encoding="utf-8"))
    assert "data-b" not in ann["answers"]


def test_dry_run_writes_nothing(cli, q, write, tmp_path) -> None:
    source = write("in.csv", HEADER + "\n" + ROWS)
    out = tmp_path / "answers"
    result = cli("import-csv", source, "-q", q, "--out-dir", out, "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == (
        f"would write {out / 'sales-ann.yaml'}: Ann (sales), 3 answers, 0 blank"
    )
    assert len(result.stdout.splitlines()) == 4
    assert not out.exists()


def test_updated_column(cli, q, write, tmp_path) -> None:
    source = write("in.csv", "name,department,updated,lead-a\nAnn,sales,2026-03-01T12:00:00Z,4\n")
    out = tmp_path / "answers"
    assert cli("import-csv", source, "-q", q, "--out-dir", out).exit_code == 0
    ann = yaml.safe_load((out / "sales-ann.yaml").read_text(encoding="utf-8"))
    assert ann["updated"] == "2026-03-01T12:00:00Z"
    bad = write("bad.csv", "name,department,updated,lead-a\nAnn,sales,1 March,4\n")
    result = cli("import-csv", bad, "-q", q, "--out-dir", out)
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {bad}:2:3: '1 March' is not a time this tool reads (such as "
        "2026-11-23T10:10:32Z, 2026/11/23 10:10:32 AM GMT+1 or 11/23/2026 10:10:32 AM)\n"
    )


def test_existing_files_unchanged_refused_or_overwritten(cli, q, write, tmp_path) -> None:
    source = write("in.csv", HEADER + "\n" + ROWS)
    out = tmp_path / "answers"
    assert cli("import-csv", source, "-q", q, "--out-dir", out).exit_code == 0
    # A re-exported CSV (new file time) with the same answers changes nothing.
    os.utime(source, (1_900_000_000, 1_900_000_000))
    again = cli("import-csv", source, "-q", q, "--out-dir", out)
    assert again.exit_code == 0
    assert all(line.startswith("unchanged ") for line in again.stdout.splitlines())
    # Ann's lead-b is corrected in the form: refused without --overwrite, and nothing written.
    edited = source.read_text(encoding="utf-8").replace(
        "Ann,sales,Head of Sales,4,1", "Ann,sales,Head of Sales,4,4"
    )
    source.write_text(edited, encoding="utf-8")
    before = (out / "sales-ann.yaml").read_text(encoding="utf-8")
    refused = cli("import-csv", source, "-q", q, "--out-dir", out)
    assert refused.exit_code == 2
    assert refused.stderr == (
        f"error: {source}:2: {out / 'sales-ann.yaml'} already exists with other content; "
        "use --overwrite to replace it\n"
    )
    assert (out / "sales-ann.yaml").read_text(encoding="utf-8") == before
    replaced = cli("import-csv", source, "-q", q, "--out-dir", out, "--overwrite")
    assert replaced.exit_code == 0, replaced.stderr
    assert f"replaced {out / 'sales-ann.yaml'}" in replaced.stdout
    ann = yaml.safe_load((out / "sales-ann.yaml").read_text(encoding="utf-8"))
    assert ann["answers"]["lead-b"] == 4


def test_not_utf8_and_empty_files(cli, q, write, tmp_path) -> None:
    latin = tmp_path / "latin.csv"
    latin.write_bytes("name,department\nJos\xe9,sales\n".encode("latin-1"))
    result = cli("import-csv", latin, "-q", q, "--out-dir", tmp_path / "answers")
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {latin}:2:4: not UTF-8 text (byte 0xe9); save it as 'CSV UTF-8'\n"
    )
    header_only = write("header.csv", HEADER + "\n\n")
    result = cli("import-csv", header_only, "-q", q, "--out-dir", tmp_path / "answers")
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {header_only}:1: no respondents: the file has a header row only\n"
    )


def test_names_that_share_a_file_name(cli, q, write, tmp_path) -> None:
    source = write("in.csv", "name,department,lead-a\nAna Lima,sales,3\nÁna Lima,sales,4\n")
    out = tmp_path / "answers"
    assert cli("import-csv", source, "-q", q, "--out-dir", out).exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["sales-ana-lima-2.yaml", "sales-ana-lima.yaml"]


def test_imported_names_are_cleaned_and_name_their_files(cli, tmp_path: Path) -> None:
    from conftest import REPO

    mini = REPO / "tests" / "data" / "mini.yaml"
    csv_file = tmp_path / "in.csv"
    csv_file.write_text(
        'name,department,role,q1,q2\n"\x1b[31m王 小明\x07",alpha,"Head\tof [bold]ops[/bold]",3,4\n',
        encoding="utf-8",
    )
    out = tmp_path / "answers"
    result = cli("import-csv", csv_file, "-q", mini, "--out-dir", out)
    assert result.exit_code == 0, result.stderr
    written = out / "alpha-王-小明.yaml"
    assert [p.name for p in out.iterdir()] == [written.name]
    text = written.read_text(encoding="utf-8")
    assert "name: 王 小明" in text
    assert "role: Head of [bold]ops[/bold]" in text
    assert "\x1b" not in text and "\x07" not in text
