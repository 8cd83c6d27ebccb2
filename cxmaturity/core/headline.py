"""The board's headline: the organisation's stage said the way the model allows it.

Pure domain code over one scored ``Result`` and its ``Questionnaire``. The rules:

1. **Foundations cap the stage.** Scoring already reports the organisation's stage capped
   by its foundation dimensions (``facts.foundation_cap``, ``OrganisationResult.cap``);
   the headline says so and names the weakest foundation that holds it back.
2. **A boundary is said, not hidden.** When the overall score's 95% interval reaches into
   the next stage, the headline is "on the boundary between <lower> and <upper>", never a
   plain stage; when it reaches further, it is "uncertain, somewhere from <lower> to
   <upper>". The stages are those of the interval's ends.
3. Otherwise the headline is the score's stage.

The headline never changes a score: ``Result`` keeps the scoring rule's own stage. It is
put into words by ``words.headline``.
"""

from __future__ import annotations

from dataclasses import dataclass

from cxmaturity.core.model import Questionnaire
from cxmaturity.core.result import DimensionResult, Result
from cxmaturity.core.stages import Stage


@dataclass(frozen=True, slots=True)
class Headline:
    score: float | None
    scored_stage: Stage | None
    """The stage of the score alone, as ``score`` reports it."""
    stage: Stage | None
    """The stage the board is told: the scored stage, capped by the foundations."""
    between: tuple[Stage, Stage] | None
    """The two stages the interval reaches, when it crosses a boundary (and no cap)."""
    capped_by: DimensionResult | None
    """The weakest foundation dimension, when it holds the stage below the score's."""

    @property
    def capped(self) -> bool:
        return self.capped_by is not None

    @property
    def too_wide(self) -> bool:
        """True when the interval reaches over more than one boundary: no stage to name."""
        return self.between is not None and int(self.between[1]) - int(self.between[0]) > 1


def headline(result: Result, q: Questionnaire) -> Headline:
    """The organisation's headline under the foundation and boundary rules."""
    org = result.organisation
    cap = org.cap
    capped_by = None
    if cap is not None and cap.foundations:
        holding = {dim_id for dim_id, _ in cap.foundations}
        named = [d for d in org.dimensions if d.id in holding]
        capped_by = min(named, key=lambda d: d.score or 0.0, default=None)
    between = None
    if capped_by is None and org.interval is not None and org.interval.borderline:
        between = org.interval.stages()
    scored = cap.scored if cap is not None else org.stage
    return Headline(org.score, scored, org.stage, between, capped_by)
