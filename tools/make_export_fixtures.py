"""Write tests/data/exports/: the four sample respondents as each form tool exports them.

Each file is laid out as its tool's documented export is (the README's "Importing a form
tool's export" describes them), with the quirks a consultant meets: curly apostrophes and
dropped full stops in Google's copies of the texts, Qualtrics' three header rows, a
partial and an opened-but-empty response, UTF-16 TSV with numeric values, SurveyMonkey's
"Response" sub-header and "Other (please specify)" column, Microsoft's Excel times.
Run from the repository's root: ``.venv/bin/python tools/make_export_fixtures.py``.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import xlsxwriter
import yaml

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "exports"
Q = yaml.safe_load((ROOT / "questionnaires" / "cx-core-1.0.yaml").read_text(encoding="utf-8"))
SAMPLES = sorted((ROOT / "questionnaires" / "samples").glob("*.yaml"))
STAGES = ["ignore", "explore", "mobilise", "operationalise", "align", "embed"]
DEPARTMENTS = {d["id"]: d["name"] for d in Q["departments"]}
DONT_KNOW, NOT_APPLICABLE = "Don't know", "Not applicable"


def people() -> list[dict[str, Any]]:
    found = []
    for path in SAMPLES:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        answers = {}
        for qid, answer in data["answers"].items():
            value = answer["stage"] if isinstance(answer, dict) else answer
            answers[qid] = STAGES.index(value) + 1 if value in STAGES else value
        found.append({**data, "answers": answers})
    return found


def choice(question: dict[str, Any], value: Any, curly: bool = False) -> str:
    """What the form shows for an answer: the option's text, or don't know / n/a."""
    if value == "unknown":
        text = DONT_KNOW
    elif value == "n/a":
        text = NOT_APPLICABLE
    else:
        text = question["options"][int(value) - 1]
    return typographic(text) if curly else text


def typographic(text: str) -> str:
    # What a form builder pasting from a word processor ends up with.
    return text.replace("'", "\u2019").rstrip(".")


def split(name: str) -> tuple[str, str]:
    first, _, last = name.partition(" ")
    return first, last


def write_csv(
    path: Path, rows: list[list[Any]], delimiter: str = ",", encoding: str = "utf-8"
) -> None:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(out.getvalue().encode(encoding))


def write_xlsx(path: Path, rows: list[list[Any]], sheet: str) -> None:
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    ws = book.add_worksheet(sheet)
    stamp = book.add_format({"num_format": "m/d/yy h:mm:ss"})
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, datetime):
                ws.write_datetime(r, c, value, stamp)
            elif value is not None and value != "":
                ws.write(r, c, value)
    book.close()


def updated(person: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(str(person["updated"]).replace("Z", "+00:00"))


def google() -> None:
    questions = Q["questions"]
    header = ["Timestamp", "Email Address", "Your name", "Your department", "Your role"]
    header += [typographic(q["text"]) for q in questions]
    rows = [header]
    for person in people():
        when = updated(person) + timedelta(hours=1)  # the sheet's zone, GMT+1
        stamp = when.strftime("%Y/%m/%d %I:%M:%S %p") + " GMT+1"
        who = person["respondent"]
        email = who["name"].lower().replace(" ", ".") + "@example.com"
        row = [stamp, email, who["name"], DEPARTMENTS[who["department"]], who.get("role", "")]
        for q in questions:
            value = person["answers"].get(q["id"])
            row.append("" if value is None else choice(q, value, curly=True))
        rows.append(row)
    write_csv(OUT / "google-forms.csv", rows)


def microsoft() -> None:
    questions = Q["questions"]
    header = ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time"]
    header += ["Which department do you work in?"] + [q["text"] for q in questions]
    rows: list[list[Any]] = [header]
    for number, person in enumerate(people(), start=1):
        end = updated(person).replace(tzinfo=None)
        who = person["respondent"]
        email = who["name"].lower().replace(" ", ".") + "@example.com"
        row: list[Any] = [number, end - timedelta(minutes=22), end, email, who["name"], ""]
        row.append(DEPARTMENTS[who["department"]])
        for q in questions:
            value = person["answers"].get(q["id"])
            row.append("" if value is None else choice(q, value))
        rows.append(row)
    write_xlsx(OUT / "microsoft-forms.xlsx", rows, "Sheet1")


QUALTRICS_META = [
    ("StartDate", "Start Date", '{"ImportId":"startDate","timeZone":"America/Denver"}'),
    ("EndDate", "End Date", '{"ImportId":"endDate","timeZone":"America/Denver"}'),
    ("Status", "Response Type", '{"ImportId":"status"}'),
    ("IPAddress", "IP Address", '{"ImportId":"ipAddress"}'),
    ("Progress", "Progress", '{"ImportId":"progress"}'),
    ("Duration (in seconds)", "Duration (in seconds)", '{"ImportId":"duration"}'),
    ("Finished", "Finished", '{"ImportId":"finished"}'),
    ("RecordedDate", "Recorded Date", '{"ImportId":"recordedDate","timeZone":"America/Denver"}'),
    ("ResponseId", "Response ID", '{"ImportId":"_recordId"}'),
    ("RecipientLastName", "Recipient Last Name", '{"ImportId":"recipientLastName"}'),
    ("RecipientFirstName", "Recipient First Name", '{"ImportId":"recipientFirstName"}'),
    ("RecipientEmail", "Recipient Email", '{"ImportId":"recipientEmail"}'),
    ("ExternalReference", "External Data Reference", '{"ImportId":"externalDataReference"}'),
    ("LocationLatitude", "Location Latitude", '{"ImportId":"locationLatitude"}'),
    ("LocationLongitude", "Location Longitude", '{"ImportId":"locationLongitude"}'),
    ("DistributionChannel", "Distribution Channel", '{"ImportId":"distributionChannel"}'),
    ("UserLanguage", "User Language", '{"ImportId":"userLanguage"}'),
]


def qualtrics(numeric: bool) -> None:
    questions = Q["questions"]
    ids = [m[0] for m in QUALTRICS_META] + ["Q1"] + [f"Q{n}" for n in range(2, len(questions) + 2)]
    texts = [m[1] for m in QUALTRICS_META] + ["Which department do you work in?"]
    texts += [q["text"] for q in questions]
    imports = [m[2] for m in QUALTRICS_META] + ['{"ImportId":"QID1"}']
    imports += [json.dumps({"ImportId": f"QID{n}"}) for n in range(2, len(questions) + 2)]
    rows: list[list[Any]] = [ids, texts, imports]
    denver = timedelta(hours=-7)
    departments = list(DEPARTMENTS)
    for number, person in enumerate(people(), start=1):
        end = updated(person).replace(tzinfo=None) + denver
        who = person["respondent"]
        first, last = split(who["name"])
        email = who["name"].lower().replace(" ", ".") + "@example.com"
        row: list[Any] = [
            f"{end - timedelta(minutes=22):%Y-%m-%d %H:%M:%S}",
            f"{end:%Y-%m-%d %H:%M:%S}",
            "0" if numeric else "IP Address",
            "203.0.113.7",
            "100",
            "1320",
            "1" if numeric else "True",
            f"{end:%Y-%m-%d %H:%M:%S}",
            f"R_{number:03d}xYzAbC",
            last,
            first,
            email,
            "",
            "52.52",
            "13.40",
            "email",
            "EN",
        ]
        dept = who["department"]
        row.append(str(departments.index(dept) + 1) if numeric else DEPARTMENTS[dept])
        for q in questions:
            value = person["answers"].get(q["id"])
            if numeric:
                # Seen and left blank (or "Don't know"): Qualtrics writes -99.
                row.append(str(value) if isinstance(value, int) else "-99")
            else:
                row.append("" if value is None else choice(q, value))
        rows.append(row)
    partial = [
        "2026-11-06 08:00:00",
        "2026-11-06 08:04:10",
        rows[3][2],
        "198.51.100.4",
        "12",
        "250",
        "0" if numeric else "False",
        "2026-11-07 08:04:10",
        "R_005pArTiAl",
        "Berg",
        "Jon",
        "jon.berg@example.com",
        "",
        "",
        "",
        "email",
        "EN",
    ]
    partial.append("3" if numeric else DEPARTMENTS["sales"])
    partial += ["2" if numeric else questions[0]["options"][1]] + [""] * (len(questions) - 1)
    empty = partial[:17] + [""] * (len(questions) + 1)
    empty[8], empty[9], empty[10], empty[11] = "R_006eMpTy", "Novak", "Eva", "eva.novak@example.com"
    rows += [partial, empty]
    if numeric:
        write_csv(OUT / "qualtrics-numeric.tsv", rows, delimiter="\t", encoding="utf-16")
    else:
        write_csv(OUT / "qualtrics-text.csv", rows)


def surveymonkey(xlsx: bool) -> None:
    questions = Q["questions"]
    meta = [
        "Respondent ID",
        "Collector ID",
        "Start Date",
        "End Date",
        "IP Address",
        "Email Address",
        "First Name",
        "Last Name",
        "Custom Data 1",
    ]
    titles = meta + ["Which department do you work in?", ""] + [q["text"] for q in questions]
    subs = [""] * len(meta) + ["Response", "Other (please specify)"] + ["Response"] * len(questions)
    rows: list[list[Any]] = [titles, subs]
    for number, person in enumerate(people(), start=1):
        end = updated(person)
        who = person["respondent"]
        first, last = split(who["name"])
        row: list[Any] = [
            11400000000 + number,
            400000000,
            f"{end - timedelta(minutes=22):%m/%d/%Y %I:%M:%S %p}",
            f"{end:%m/%d/%Y %I:%M:%S %p}",
            "203.0.113.9",
            "",
            first,
            last,
            "",
            DEPARTMENTS[who["department"]],
            "",
        ]
        for q in questions:
            value = person["answers"].get(q["id"])
            row.append("" if value is None else choice(q, value))
        rows.append(row)
    if xlsx:
        write_xlsx(OUT / "surveymonkey.xlsx", rows, "Sheet")
    else:
        write_csv(OUT / "surveymonkey.csv", rows)


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    google()
    microsoft()
    qualtrics(numeric=False)
    qualtrics(numeric=True)
    surveymonkey(xlsx=False)
    surveymonkey(xlsx=True)
