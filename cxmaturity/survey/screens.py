"""The question screen, laid out to fit the terminal: 80×24 without losing the options.

Pure: plain data and a size in, rendered lines out. Every string from a questionnaire
or a respondent is cleaned and goes in as ``Text``, never as markup, so ``[bold]`` and
escape sequences are shown as the characters they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from cxmaturity.core.answer_file import AnswerValue
from cxmaturity.core.cleaning import clean_text
from cxmaturity.core.marks import N_
from cxmaturity.core.model import Question
from cxmaturity.core.stages import Stage
from cxmaturity.render.text import STAGE_STYLES
from cxmaturity.survey.editor import Editor
from cxmaturity.words.language import Language, language

DONT_KNOW = 6
NOT_APPLICABLE = 7
CHOICES = 8  # six stages, then don't know and not applicable
_BAR = 20

# Key names stay as printed on keyboards; what each key does is translated where shown.
KEYS: Sequence[Sequence[tuple[str, str]]] = (
    (
        ("1-6 ↑↓", N_("choose")),
        ("Enter", N_("confirm")),
        ("d", N_("don't know")),
        ("n", N_("not applicable")),
    ),
    (
        ("←", N_("back")),
        ("→", N_("skip")),
        ("c", N_("comment")),
        ("e", N_("evidence")),
        ("r", N_("review")),
        ("q", N_("save and quit")),
    ),
)
EDIT_KEYS: Sequence[Sequence[tuple[str, str]]] = (
    (("Enter", N_("save comment")), ("Esc", N_("cancel")), ("Ctrl-J", N_("new line"))),
)
EVIDENCE_KEYS: Sequence[Sequence[tuple[str, str]]] = (
    (("Enter", N_("save evidence")), ("Esc", N_("cancel"))),
)
DONT_KNOW_LABEL = N_("Don't know")
NOT_APPLICABLE_LABEL = N_("Not applicable")


def lines_of(
    console: Console, renderable: RenderableType, width: int, crop: bool = False
) -> list[str]:
    """Render to lines of at most ``width`` cells (with colour when the console has it).

    ``crop`` cuts each line with an ellipsis instead of wrapping it. It is passed to
    ``print`` because ``print`` joins top-level ``Text`` anew and drops its own setting.
    """
    with console.capture() as captured:
        console.print(
            renderable, width=width, no_wrap=crop or None, overflow="ellipsis" if crop else None
        )
    return captured.get().rstrip("\n").split("\n")


def keys_text(
    rows: Sequence[Sequence[tuple[str, str]]],
    lang: Language | None = None,
    width: int | None = None,
) -> Text:
    """Key hints; each ``what`` is a marked message, shown in ``lang``.

    With a ``width``, a row too long for it breaks between hints, never inside one.
    """
    lang = lang or language()
    text = Text(style="dim")
    for number, row in enumerate(rows):
        if number:
            text.append("\n")
        used = 0
        for index, (key, what) in enumerate(row):
            hint = f"{key} {lang.gettext(what)}"
            if index and width is not None and used + 2 + len(hint) > width:
                text.append("\n")
                used = 0
            elif index:
                text.append("  ")
                used += 2
            text.append(key, style="bold")
            text.append(hint[len(key) :])
            used += len(hint)
    return text


def choice_of(answer: AnswerValue) -> int | None:
    """Where the cursor starts: on the saved answer, or nowhere for a new question."""
    if answer.stage is not None:
        return int(answer.stage) - 1
    return {"unknown": DONT_KNOW, "n/a": NOT_APPLICABLE}.get(answer.status)


def answer_label(
    answer: AnswerValue, show_stages: bool = True, lang: Language | None = None
) -> str:
    """The answer as its key (and stage name, for facilitators)."""
    lang = lang or language()
    if answer.stage is not None:
        stage = int(answer.stage)
        if show_stages:
            return f"{stage} {lang.stage(answer.stage)}"
        return lang.gettext("option {number}").format(number=stage)
    label = {"unknown": DONT_KNOW_LABEL, "n/a": NOT_APPLICABLE_LABEL}.get(answer.status)
    return lang.gettext(label) if label else "—"


@dataclass(frozen=True)
class QuestionView:
    number: int
    total: int
    dimension: str
    question: Question
    saved: AnswerValue
    choice: int | None
    message: str = ""
    editor: Editor | None = None
    answered: int = 0
    """Questions answered so far: what the progress bar shows."""
    show_stages: bool = False
    lang: Language = field(default_factory=language)
    evidence: bool = False
    """The editor holds the evidence line, not the comment."""


def question_frame(console: Console, view: QuestionView, width: int, height: int) -> list[str]:
    """The whole question screen in at most ``height`` lines.

    When everything does not fit, the options other than the chosen one shrink to one
    line each; then the help text goes; then the options scroll around the chosen one.
    """
    top = lines_of(console, _header(view, width), width)
    top += lines_of(console, Text(clean_text(view.question.text), style="bold"), width)
    help_lines = _help(console, view, width)
    bottom = _bottom(console, view, width)
    full = [lines_of(console, _option(view, i, compact=False), width) for i in range(6)]
    short = [lines_of(console, _option(view, i, compact=True), width, crop=True) for i in range(6)]
    focus = view.choice if view.choice is not None and view.choice < 6 else None
    mixed = [full[i] if i == focus else short[i] for i in range(6)]
    for options, extra in ((full, help_lines), (mixed, help_lines), (mixed, [])):
        lines = [*top, *extra, *_flat(options), *bottom]
        if len(lines) <= height:
            return lines
    return _scrolled(top, mixed, bottom, focus, height)


def _flat(blocks: list[list[str]]) -> list[str]:
    return [line for block in blocks for line in block]


def _scrolled(
    top: list[str], blocks: list[list[str]], bottom: list[str], focus: int | None, height: int
) -> list[str]:
    budget = max(height - len(top) - len(bottom), 1)
    lines = _flat(blocks)
    start = sum(len(b) for b in blocks[: focus or 0])
    end = start + len(blocks[focus or 0])
    first = min(max(end - budget, 0), start)
    window = lines[first : first + budget]
    return [*top, *window, *bottom][-height:] if height > 0 else []


def _header(view: QuestionView, width: int) -> Table:
    done = round(_BAR * view.answered / max(view.total, 1))
    grid = Table.grid(expand=True)
    grid.add_column(no_wrap=True, overflow="ellipsis", ratio=1)
    grid.add_column(no_wrap=True, justify="right")
    position = view.lang.gettext("{number} of {total}").format(number=view.number, total=view.total)
    left = Text.assemble((position, "bold"), "  ·  ", view.dimension)
    bar = Text.assemble(("━" * done, "cyan"), ("─" * (_BAR - done), "dim"))
    grid.add_row(left, bar if width >= 60 else "")
    return grid


def _help(console: Console, view: QuestionView, width: int) -> list[str]:
    help_text = [] if not view.question.help else [clean_text(view.question.help)]
    lines = [lines_of(console, Text(h, style="dim italic"), width) for h in help_text]
    return [*_flat(lines), ""]


def _option(view: QuestionView, index: int, compact: bool) -> RenderableType:
    stage = Stage(index + 1)
    chosen = view.choice == index
    number = Text(str(index + 1), style="reverse" if chosen else "bold")
    # Stage names invite picking the "better" answer; only facilitators see them.
    label = Text.assemble((view.lang.stage(stage), f"bold {STAGE_STYLES[stage]}"), " · ")
    body = Text.assemble(
        label if view.show_stages else "",
        clean_text(view.question.options[index]).replace("\n", " "),
        style="bold" if chosen else "",
    )
    if compact:
        # One line, cut with an ellipsis: the full text shows when the cursor is on it.
        return Text.assemble(_marker(chosen), " ", number, " ", body)
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=1, no_wrap=True)
    grid.add_column(width=1, no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(_marker(chosen), number, body)
    return grid


def _marker(chosen: bool) -> Text:
    return Text("›", style="bold cyan") if chosen else Text(" ")


def _others(view: QuestionView) -> Text:
    text = Text()
    for index, key, label in (
        (DONT_KNOW, "d", view.lang.gettext(DONT_KNOW_LABEL)),
        (NOT_APPLICABLE, "n", view.lang.gettext(NOT_APPLICABLE_LABEL)),
    ):
        chosen = view.choice == index
        text.append_text(_marker(chosen))
        text.append(" ")
        text.append(key, style="reverse" if chosen else "bold")
        text.append(f" {label}", style="bold" if chosen else "")
        text.append("      ")
    return text


def _bottom(console: Console, view: QuestionView, width: int) -> list[str]:
    lines = lines_of(console, _others(view), width)
    # The status shares its line with the gap above the keys, so it costs no height.
    status = _status(view)
    lines += lines_of(console, status, width, crop=True) if status.plain else [""]
    if view.editor is not None:
        lines += _editor_lines(console, view.editor, width, view.lang, view.evidence)
        keys = EVIDENCE_KEYS if view.evidence else EDIT_KEYS
        return lines + lines_of(console, keys_text(keys, view.lang, width), width)
    return lines + lines_of(console, keys_text(KEYS, view.lang, width), width)


def _status(view: QuestionView) -> Text:
    text = Text()
    if view.message:
        text.append(view.message, style="bold yellow")
    elif view.saved.status != "unanswered":
        text.append(view.lang.gettext("Saved:") + " ", style="dim")
        text.append(answer_label(view.saved, view.show_stages, view.lang))
    if view.saved.comment and view.editor is None:
        text.append("   ✎ " if text.plain else "✎ ", style="dim")
        text.append(" ".join(clean_text(view.saved.comment).split()), style="italic")
    if view.saved.evidence and view.editor is None:
        text.append("   " if text.plain else "", style="dim")
        text.append(view.lang.gettext("evidence:") + " ", style="dim")
        text.append(view.saved.evidence.ref)
    return text


def _editor_lines(
    console: Console, editor: Editor, width: int, lang: Language, evidence: bool = False
) -> list[str]:
    said = lang.gettext("Evidence (link or file; date; who holds it; note):") if evidence else ""
    label = Text((said or lang.gettext("Comment:")) + " ", style="bold")
    lines = lines_of(console, Text.assemble(label, editor.render()), width)
    # Long comments keep their end in view, where the typing happens.
    return lines[-6:]
