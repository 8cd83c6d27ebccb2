"""The terminal's look: a stage's colour and text, and a table made into plain text.

Every piece of text from files goes in as ``Text``, never as markup, so brackets in a
name are shown, not interpreted.
"""

from __future__ import annotations

from rich.console import Console, RenderableType
from rich.text import Text

from cxmaturity.core.stages import Stage
from cxmaturity.render.renderer import Options
from cxmaturity.words.language import Language, language

STAGE_STYLES: dict[Stage, str] = {
    Stage.IGNORE: "red",
    Stage.EXPLORE: "dark_orange",
    Stage.MOBILISE: "yellow",
    Stage.OPERATIONALISE: "green_yellow",
    Stage.ALIGN: "green",
    Stage.EMBED: "bright_green",
}


def stage_text(
    score: float | None,
    stage: Stage | None,
    lang: Language | None = None,
    borderline: bool = False,
    asked: bool = True,
) -> Text:
    """``3.24  Mobilise``, with ``(borderline)`` when the 95% interval crosses a stage."""
    lang = lang or language()
    if not asked and score is None:
        return Text(lang.gettext("not asked"), style="dim")
    if score is None or stage is None:
        return Text(lang.gettext("not enough answers"), style="dim")
    text = Text(f"{lang.decimal(score)}  {lang.stage(stage)}", style=STAGE_STYLES[stage])
    if borderline:
        text.append(" " + lang.gettext("(borderline)"), style="dim")
    return text


def as_text(renderable: RenderableType, options: Options) -> str:
    """A terminal table as the text written to stdout: coloured and as wide as the
    terminal when ``options`` say it is one, else plain and 100 columns."""
    console = Console(highlight=False, force_terminal=options.colour, width=options.width)
    with console.capture() as captured:
        console.print(renderable)
    return captured.get()
