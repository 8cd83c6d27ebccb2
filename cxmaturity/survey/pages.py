"""The screens around the questions: intro, who is answering, profile and review.

Like ``screens``, pure: data and a size in, at most ``height`` rendered lines out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from rich import box
from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from cxmaturity.core.answer_file import AnswerValue
from cxmaturity.core.cleaning import clean_text
from cxmaturity.core.marks import N_
from cxmaturity.core.model import Department, Question, Questionnaire
from cxmaturity.core.result import DepartmentResult
from cxmaturity.core.stages import Stage
from cxmaturity.render.text import STAGE_STYLES, stage_text
from cxmaturity.survey.editor import Editor
from cxmaturity.survey.screens import answer_label, keys_text, lines_of
from cxmaturity.words.language import Language, language

# Reading six options of about 25 words each and choosing takes most people half a minute.
SECONDS_PER_QUESTION = 30

INTRO_KEYS = (
    ("1-6  ↑ ↓", N_("choose the description that fits best, then Enter to confirm")),
    ("d  n", N_("don't know  ·  not applicable")),
    ("←  →", N_("previous  ·  next question")),
    ("c", N_("add or edit a comment on the question")),
    ("r", N_("review every answer and jump to any question")),
    ("q", N_("save and quit; Ctrl-C saves too. Run the same command to resume")),
)
YES_KEY = N_("y")
"""The key that says yes in a [y/N] question; ``y`` works in every language too."""


def yes_keys(lang: Language) -> tuple[str, ...]:
    return tuple({"y", lang.gettext(YES_KEY).lower()})


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
    lang: Language = field(default_factory=language)


def intro_frame(console: Console, view: IntroView, width: int, height: int) -> list[str]:
    q, lang = view.questionnaire, view.lang
    title = Text.assemble((clean_text(q.title), "bold"), (f"   {q.id} {q.version}", "dim"))
    count = lang.ngettext("{count} question", "{count} questions", view.questions)
    about = Text.assemble(
        (count.format(count=view.questions), "bold"),
        " ",
        lang.gettext("for {department}, about {minutes} minutes.").format(
            department=clean_text(view.department), minutes=minutes(view.questions)
        ),
        "\n",
        lang.gettext("Answering as {name}. Every answer is saved at once to").format(
            name=clean_text(view.respondent)
        ),
        "\n",
        (clean_text(view.path), "cyan"),
    )
    keys = Table.grid(padding=(0, 2))
    keys.add_column(style="bold", no_wrap=True)
    keys.add_column()
    for key, what in INTRO_KEYS:
        keys.add_row(key, lang.gettext(what))
    tail: list[RenderableType] = [Text(""), about, Text(""), keys, Text("")]
    if view.answered:
        tail.append(_welcome_back(view))
    tail.append(Text(lang.gettext("Press Enter to begin."), style="bold"))
    fixed = sum(len(lines_of(console, part, width)) for part in tail) + 1
    description = lines_of(console, Text(clean_text(q.description or ""), style="dim"), width)
    room = max(height - fixed, 0)
    if len(description) > room:
        description = [*description[: max(room - 1, 0)], "…"][:room]
    head = lines_of(console, title, width) + (description if q.description else [])
    return (head + [line for part in tail for line in lines_of(console, part, width)])[:height]


def _welcome_back(view: IntroView) -> Text:
    _ = view.lang.gettext
    if view.resume_at is None:
        line = _(
            "Welcome back: {answered} of {total} answered; all done, so you go straight "
            "to your profile."
        )
    else:
        line = _("Welcome back: {answered} of {total} answered; continuing at question {number}.")
    shown = line.format(answered=view.answered, total=view.questions, number=view.resume_at)
    return Text(shown, style="green")


def prompt_frame(
    console: Console,
    title: str,
    label: str,
    editor: Editor,
    hint: str,
    width: int,
    height: int,
    lang: Language | None = None,
) -> list[str]:
    lang = lang or language()
    entry = Text.assemble((label, "bold"), editor.render())
    parts: list[RenderableType] = [
        Text(clean_text(title), style="bold"),
        Text(lang.gettext("Before we begin: who is answering?"), style="dim"),
        Text(""),
        entry,
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
    lang: Language | None = None,
) -> list[str]:
    lang = lang or language()
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
    back = (("Esc", N_("back")),) if can_go_back else ()
    pick = lang.gettext("↑ ↓ or its key")
    hint = keys_text((((pick, N_("choose")), ("Enter", N_("confirm")), *back),), lang)
    heading = Text(clean_text(title), style="bold")
    label = Text(lang.gettext("Your department:"))
    return fit(console, [heading, label, rows, Text(""), hint], width, height)


def profile_table(
    profile: DepartmentResult, respondent: str, lang: Language | None = None
) -> Table:
    """Stage per dimension for one respondent, as scoring reports it."""
    lang = lang or language()
    _ = lang.gettext
    title = _("Your profile · {name} · {department}").format(
        name=clean_text(respondent), department=clean_text(profile.name)
    )
    table = Table(
        title=Text(title),
        title_justify="left",
        title_style="bold",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    table.add_column(_("Dimension"), no_wrap=True, overflow="ellipsis", max_width=34)
    table.add_column(_("Stage"), no_wrap=True)
    table.add_column(_("Score and stage"), no_wrap=True)
    for dim in profile.dimensions:
        shown = stage_text(dim.score, dim.stage, lang)
        table.add_row(Text(clean_text(dim.name)), _bar(dim.stage), shown)
    table.add_section()
    overall = stage_text(profile.score, profile.stage, lang)
    table.add_row(Text(_("Overall"), style="bold"), _bar(profile.stage), overall)
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
    lang: Language | None = None,
) -> list[str]:
    lang = lang or language()
    left = lang.ngettext(
        "{count} question unanswered.", "{count} questions unanswered.", unanswered
    )
    note = (
        Text(left.format(count=unanswered), "bold yellow")
        if unanswered
        else Text(lang.gettext("Every question is answered."), style="green")
    )
    keys = [
        ("Enter", N_("finish")),
        ("r", N_("review and change answers")),
        ("←", N_("back")),
        ("q", N_("quit")),
    ]
    if unanswered:
        keys.insert(1, ("u", N_("first unanswered")))
    hint = keys_text((keys,), lang)
    table = lines_of(console, profile_table(profile, respondent, lang), width)
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
    lang: Language | None = None,
) -> list[str]:
    """Every question with its answer; the list scrolls to keep the cursor in view."""
    lang = lang or language()
    _ = lang.gettext
    answered = sum(row.answer.status != "unanswered" for row in rows)
    count = _("{answered} of {total} answered").format(answered=answered, total=len(rows))
    head = Text.assemble((_("Review your answers"), "bold"), f"   {count}")
    keys = [
        ("↑ ↓", N_("move")),
        ("Enter", N_("change")),
        ("Esc", N_("profile")),
        ("f", N_("finish")),
    ]
    if answered < len(rows):
        keys.insert(2, ("u", N_("first unanswered")))
    hint = keys_text((keys,), lang)
    labels = [answer_label(row.answer, show_stages, lang) for row in rows]
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


def clash_frame(
    console: Console, view: ClashView, width: int, height: int, lang: Language | None = None
) -> list[str]:
    lang = lang or language()
    _ = lang.gettext
    yes = lang.gettext(YES_KEY)
    about = Text.assemble(
        _("There is already an answer file for {name} in {department}:").format(
            name=clean_text(view.name), department=clean_text(view.department)
        ),
        "\n  ",
        _("role: {role}").format(role=clean_text(view.role or _("(none given)"))),
        "\n  ",
        _("last saved: {saved}, {answered} of {total} answered").format(
            saved=view.saved, answered=view.answered, total=view.total
        ),
    )
    question = Text(_("Is this you? [{yes}/N]").format(yes=yes) + " ", style="bold")
    hint = _("{yes} continues that file; Enter or n starts a new file of your own.")
    parts = [about, Text(""), question, Text(""), Text(hint.format(yes=yes), style="dim")]
    return fit(console, parts, width, height)


def finish_frame(
    console: Console, unanswered: int, width: int, height: int, lang: Language | None = None
) -> list[str]:
    lang = lang or language()
    yes = lang.gettext(YES_KEY)
    left = lang.ngettext(
        "{count} question is still unanswered.",
        "{count} questions are still unanswered.",
        unanswered,
    )
    hint = lang.gettext("{yes} finishes (answers stay saved; run the survey again to add more).")
    parts: list[RenderableType] = [
        Text(left.format(count=unanswered), style="bold yellow"),
        Text(""),
        Text(lang.gettext("Finish anyway? [{yes}/N]").format(yes=yes) + " ", style="bold"),
        Text(""),
        Text(hint.format(yes=yes), style="dim"),
    ]
    return fit(console, parts, width, height)
