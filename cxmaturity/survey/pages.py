"""The screens around the questions: intro, who is answering, profile and review.

Like ``screens``, pure: data and a size in, at most ``height`` rendered lines out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich import box
from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from cxmaturity.cleaning import clean_text
from cxmaturity.model import AnswerValue, Department, Question, Questionnaire
from cxmaturity.render.text import STAGE_STYLES, stage_text
from cxmaturity.result import DepartmentResult
from cxmaturity.stages import Stage
from cxmaturity.survey.editor import Editor
from cxmaturity.survey.screens import answer_label, keys_text, lines_of

# Reading six options of about 25 words each and choosing takes most people half a minute.
SECONDS_PER_QUESTION = 30

INTRO_KEYS = (
    ("1-6  ↑ ↓", "choose the description that fits best, then Enter to confirm"),
    ("d  n", "don't know  ·  not applicable"),
    ("←  →", "previous  ·  next question"),
    ("c", "add or edit a comment on the question"),
    ("r", "review every answer and jump to any question"),
    ("q", "save and quit; Ctrl-C saves too. Run the same command to resume"),
)


def fit(console: Console, parts: Sequence[RenderableType], width: int, height: int) -> list[str]:
    lines = [line for part in parts for line in lines_of(console, part, width)]
    return lines[:height]


def minutes(questions: int) -> int:
    """A round, honest estimate: to the next 5 minutes, never under 5."""
    raw = questions * SECONDS_PER_QUESTION / 60
    return max(5, int(-(-raw // 5) * 5))


@dataclass(frozen=True)
class IntroView:
    questionnaire: Questionnaire
    respondent: str
    department: str
    questions: int
    path: str
    answered: int
    resume_at: int | None


def intro_frame(console: Console, view: IntroView, width: int, height: int) -> list[str]:
    q = view.questionnaire
    title = Text.assemble((clean_text(q.title), "bold"), (f"   {q.id} {q.version}", "dim"))
    about = Text.assemble(
        (f"{view.questions} questions", "bold"),
        f" for {clean_text(view.department)}, about {minutes(view.questions)} minutes.\n",
        f"Answering as {clean_text(view.respondent)}. Every answer is saved at once to\n",
        (clean_text(view.path), "cyan"),
    )
    keys = Table.grid(padding=(0, 2))
    keys.add_column(style="bold", no_wrap=True)
    keys.add_column()
    for key, what in INTRO_KEYS:
        keys.add_row(key, what)
    tail: list[RenderableType] = [Text(""), about, Text(""), keys, Text("")]
    if view.answered:
        tail.append(_welcome_back(view))
    tail.append(Text("Press Enter to begin.", style="bold"))
    fixed = sum(len(lines_of(console, part, width)) for part in tail) + 1
    description = lines_of(console, Text(clean_text(q.description or ""), style="dim"), width)
    room = max(height - fixed, 0)
    if len(description) > room:
        description = [*description[: max(room - 1, 0)], "…"][:room]
    head = lines_of(console, title, width) + (description if q.description else [])
    return (head + [line for part in tail for line in lines_of(console, part, width)])[:height]


def _welcome_back(view: IntroView) -> Text:
    text = Text(f"Welcome back: {view.answered} of {view.questions} answered; ", style="green")
    if view.resume_at is None:
        text.append("all done, so you go straight to your profile.")
    else:
        text.append(f"continuing at question {view.resume_at}.")
    return text


def prompt_frame(
    console: Console, title: str, label: str, editor: Editor, hint: str, width: int, height: int
) -> list[str]:
    field = Text.assemble((label, "bold"), editor.render())
    parts: list[RenderableType] = [
        Text(clean_text(title), style="bold"),
        Text("Before we begin: who is answering?", style="dim"),
        Text(""),
        field,
        Text(""),
        Text(hint, style="dim"),
    ]
    return fit(console, parts, width, height)


def department_frame(
    console: Console,
    title: str,
    departments: Sequence[Department],
    cursor: int,
    keys: str,
    can_go_back: bool,
    width: int,
    height: int,
) -> list[str]:
    rows = Table.grid(padding=(0, 1))
    rows.add_column(width=1)
    rows.add_column(justify="right")
    rows.add_column(no_wrap=True, overflow="ellipsis")
    for index, dep in enumerate(departments):
        chosen = index == cursor
        key = keys[index] if index < len(keys) else ""
        rows.add_row(
            Text("›", style="bold cyan") if chosen else "",
            Text(key, style="reverse" if chosen else "bold"),
            Text(clean_text(dep.name), style="bold" if chosen else ""),
        )
    back = (("Esc", "back"),) if can_go_back else ()
    hint = keys_text(((("↑ ↓ or its key", "choose"), ("Enter", "confirm"), *back),))
    heading = Text(clean_text(title), style="bold")
    return fit(console, [heading, Text("Your department:"), rows, Text(""), hint], width, height)


def profile_table(profile: DepartmentResult, respondent: str) -> Table:
    """Stage per dimension for one respondent, as scoring reports it."""
    table = Table(
        title=Text(f"Your profile · {clean_text(respondent)} · {clean_text(profile.name)}"),
        title_justify="left",
        title_style="bold",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    table.add_column("Dimension", no_wrap=True, overflow="ellipsis", max_width=34)
    table.add_column("Stage", no_wrap=True)
    table.add_column("Score and stage", no_wrap=True)
    for dim in profile.dimensions:
        table.add_row(Text(clean_text(dim.name)), _bar(dim.stage), stage_text(dim.score, dim.stage))
    table.add_section()
    table.add_row(
        Text("Overall", style="bold"), _bar(profile.stage), stage_text(profile.score, profile.stage)
    )
    return table


def _bar(stage: Stage | None) -> Text:
    if stage is None:
        return Text("······", style="dim")
    return Text.assemble(("■" * int(stage), STAGE_STYLES[stage]), ("·" * (6 - int(stage)), "dim"))


def profile_frame(
    console: Console,
    profile: DepartmentResult,
    respondent: str,
    unanswered: int,
    width: int,
    height: int,
) -> list[str]:
    note = (
        Text(f"{unanswered} question{'s' if unanswered != 1 else ''} unanswered.", "bold yellow")
        if unanswered
        else Text("Every question is answered.", style="green")
    )
    keys = [("Enter", "finish"), ("r", "review and change answers"), ("←", "back"), ("q", "quit")]
    if unanswered:
        keys.insert(1, ("u", "first unanswered"))
    hint = keys_text((keys,))
    table = lines_of(console, profile_table(profile, respondent), width)
    tail = [*lines_of(console, note, width), *lines_of(console, hint, width)]
    return [*table[: max(height - len(tail), 0)], *tail][:height]


@dataclass(frozen=True)
class ReviewRow:
    question: Question
    answer: AnswerValue


def review_frame(
    console: Console,
    rows: Sequence[ReviewRow],
    cursor: int,
    show_stages: bool,
    width: int,
    height: int,
) -> list[str]:
    """Every question with its answer; the list scrolls to keep the cursor in view."""
    answered = sum(row.answer.status != "unanswered" for row in rows)
    head = Text.assemble(("Review your answers", "bold"), f"   {answered} of {len(rows)} answered")
    keys = [("↑ ↓", "move"), ("Enter", "change"), ("Esc", "profile"), ("f", "finish")]
    if answered < len(rows):
        keys.insert(2, ("u", "first unanswered"))
    hint = keys_text((keys,))
    labels = [answer_label(row.answer, show_stages) for row in rows]
    column = max(map(len, labels), default=0) + 1
    top = lines_of(console, head, width)
    bottom = ["", *lines_of(console, hint, width)]
    room = max(height - len(top) - len(bottom), 1)
    first = min(max(cursor - room // 2, 0), max(len(rows) - room, 0))
    shown = range(first, min(first + room, len(rows)))
    body = [
        line
        for i in shown
        for line in lines_of(
            console, _review_line(rows[i], labels[i], column, i, i == cursor), width, crop=True
        )
    ]
    return [*top, *body, *bottom][:height]


def _review_line(row: ReviewRow, label: str, column: int, index: int, chosen: bool) -> Text:
    # Built by hand rather than as a grid: a grid squeezes its narrow columns away when
    # the last one refuses to wrap. The label column always keeps a space after it.
    missing = row.answer.status == "unanswered"
    return Text.assemble(
        ("› " if chosen else "  ", "bold cyan"),
        (f"{index + 1:>2}", "reverse" if chosen else "dim"),
        " ",
        (f"{label:<{column}}", "bold yellow" if missing else ("bold" if chosen else "")),
        ("✎ " if row.answer.comment else "  ", "dim"),
        (" ".join(clean_text(row.question.text).split()), "bold" if chosen else ""),
    )


@dataclass(frozen=True)
class ClashView:
    """An existing answer file for someone of the same name and department."""

    name: str
    department: str
    role: str | None
    saved: str
    answered: int
    total: int


def clash_frame(console: Console, view: ClashView, width: int, height: int) -> list[str]:
    about = Text.assemble(
        "There is already an answer file for ",
        (clean_text(view.name), "bold"),
        f" in {clean_text(view.department)}:\n",
        f"  role: {clean_text(view.role or '(none given)')}\n",
        f"  last saved: {view.saved}, {view.answered} of {view.total} answered",
    )
    question = Text.assemble(("Is this you? [y/N] ", "bold"))
    hint = Text("y continues that file; Enter or n starts a new file of your own.", style="dim")
    return fit(console, [about, Text(""), question, Text(""), hint], width, height)


def finish_frame(console: Console, unanswered: int, width: int, height: int) -> list[str]:
    plural = "s are" if unanswered != 1 else " is"
    parts: list[RenderableType] = [
        Text(f"{unanswered} question{plural} still unanswered.", style="bold yellow"),
        Text(""),
        Text("Finish anyway? [y/N] ", style="bold"),
        Text(""),
        Text("y finishes (answers stay saved; run the survey again to add more).", style="dim"),
    ]
    return fit(console, parts, width, height)
