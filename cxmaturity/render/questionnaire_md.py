"""A printable questionnaire in Markdown: options written out, a ☐ box to tick for each."""

from __future__ import annotations

from cxmaturity.render.markdown import md
from cxmaturity.render.paper import INSTRUCTIONS, Paper, PaperQuestion
from cxmaturity.words.language import Language, language

BOX = "☐"


def render_markdown(sheet: Paper, lang: Language | None = None) -> str:
    lang = lang or language()
    _ = lang.gettext
    q = sheet.questionnaire
    title = f"# {md(q.title)}"
    if sheet.department is not None:
        title += f": {md(sheet.department.name)}"
    version = _("Questionnaire `{id}` version {version}").format(id=q.id, version=md(q.version))
    lines = [title, "", version, ""]
    if q.description:
        lines += [md(q.description), ""]
    lines += [*_respondent_block(sheet, lang), "", md(_(INSTRUCTIONS))]
    for section in sheet.sections:
        dim = section.dimension
        lines += ["", f"## {section.number}. {md(dim.name)}"]
        if dim.description:
            lines += ["", f"*{md(dim.description)}*"]
        for question in section.questions:
            lines += ["", *_question_lines(question, sheet.show_stages, lang)]
    return "\n".join(lines) + "\n"


def _respondent_block(sheet: Paper, lang: Language) -> list[str]:
    _ = lang.gettext
    lines = [
        _("**Name:**") + " ______________________________  ",
        _("**Role:**") + " ______________________________  ",
    ]
    if sheet.department is not None:
        return [*lines, _("**Department:**") + f" {md(sheet.department.name)}"]
    boxes = "  ".join(f"{BOX} {md(d.name)}" for d in sheet.questionnaire.departments)
    return [*lines, _("**Department** (tick one):") + f" {boxes}"]


def _question_lines(item: PaperQuestion, show_stages: bool, lang: Language) -> list[str]:
    _ = lang.gettext
    question = item.question
    lines = [
        f"### {item.number} {md(question.text)}",
        "",
        _("Question id: `{id}`").format(id=question.id),
    ]
    if question.help:
        lines += ["", f"*{md(question.help)}*"]
    if item.only_for:
        names = ", ".join(md(name) for name in item.only_for)
        lines += ["", _("Only for: {names}.").format(names=names)]
    lines.append("")
    lines += [
        f"- {BOX} **{int(option.stage)}{' ' + lang.stage(option.stage) if show_stages else ''}**: "
        f"{md(option.text)}"
        for option in item.options
    ]
    unknown, not_applicable = _("Don't know"), _("Not applicable")
    lines.append(f"- {BOX} {unknown}   {BOX} {not_applicable}")
    return lines
