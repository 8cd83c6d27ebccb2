"""A printable questionnaire in Markdown: options written out, a ☐ box to tick for each."""

from __future__ import annotations

from cxmaturity.render.markdown import md
from cxmaturity.render.paper import INSTRUCTIONS, Paper, PaperQuestion

BOX = "☐"


def render_markdown(sheet: Paper) -> str:
    q = sheet.questionnaire
    title = f"# {md(q.title)}"
    if sheet.department is not None:
        title += f": {md(sheet.department.name)}"
    lines = [title, "", f"Questionnaire `{q.id}` version {md(q.version)}", ""]
    if q.description:
        lines += [md(q.description), ""]
    lines += [*_respondent_block(sheet), "", md(INSTRUCTIONS)]
    for section in sheet.sections:
        dim = section.dimension
        lines += ["", f"## {section.number}. {md(dim.name)}"]
        if dim.description:
            lines += ["", f"*{md(dim.description)}*"]
        for question in section.questions:
            lines += ["", *_question_lines(question, sheet.show_stages)]
    return "\n".join(lines) + "\n"


def _respondent_block(sheet: Paper) -> list[str]:
    lines = [
        "**Name:** ______________________________  ",
        "**Role:** ______________________________  ",
    ]
    if sheet.department is not None:
        return [*lines, f"**Department:** {md(sheet.department.name)}"]
    boxes = "  ".join(f"{BOX} {md(d.name)}" for d in sheet.questionnaire.departments)
    return [*lines, f"**Department** (tick one): {boxes}"]


def _question_lines(item: PaperQuestion, show_stages: bool) -> list[str]:
    question = item.question
    lines = [f"### {item.number} {md(question.text)}", "", f"Question id: `{question.id}`"]
    if question.help:
        lines += ["", f"*{md(question.help)}*"]
    if item.only_for:
        lines += ["", f"Only for: {', '.join(md(name) for name in item.only_for)}."]
    lines.append("")
    lines += [
        f"- {BOX} **{int(option.stage)}{' ' + option.stage.label if show_stages else ''}**: "
        f"{md(option.text)}"
        for option in item.options
    ]
    lines.append(f"- {BOX} Don't know   {BOX} Not applicable")
    return lines
