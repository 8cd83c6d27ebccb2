"""The board's headline in words: the stage the model allows, said in the reader's language.

The rules (foundations cap the stage, a boundary is said) are ``core.headline``'s; this
module only words the ``Headline`` it returns.
"""

from __future__ import annotations

from cxmaturity.core.headline import Headline
from cxmaturity.words.language import Language, language


def say(line: Headline, lang: Language | None = None) -> str:
    """The headline in words: ``3.03: on the boundary between Explore and Mobilise``."""
    lang = lang or language()
    if line.score is None or line.stage is None:
        return lang.gettext("not enough answers")
    score = lang.decimal(line.score)
    if line.capped_by is not None and line.capped_by.score is not None:
        return lang.gettext(
            "{stage}, held there by its foundation {name} ({foundation}, {foundation_stage}); "
            "the overall score of {score} alone would read {scored}"
        ).format(
            stage=lang.stage(line.stage),
            name=line.capped_by.name,
            foundation=lang.decimal(line.capped_by.score),
            foundation_stage=lang.stage(line.capped_by.stage or line.stage),
            score=score,
            scored=lang.stage(line.scored_stage or line.stage),
        )
    if line.between is not None and line.too_wide:
        low, high = line.between
        return lang.gettext("{score}: uncertain, somewhere from {low} to {high}").format(
            score=score, low=lang.stage(low), high=lang.stage(high)
        )
    if line.between is not None:
        low, high = line.between
        return lang.gettext("{score}: on the boundary between {low} and {high}").format(
            score=score, low=lang.stage(low), high=lang.stage(high)
        )
    return lang.gettext("{score}: {stage}").format(score=score, stage=lang.stage(line.stage))
