"""The targets a command aims at: one stage for everything, a targets file, or both."""

from __future__ import annotations

from pathlib import Path

from cxmaturity.core.stages import Stage
from cxmaturity.core.targets import Targets


def chosen_targets(stage: Stage | None, file: Path | None) -> Targets | None:
    """``--targets FILE`` with ``--target STAGE`` as the default for what it leaves out;
    ``--target`` alone is a uniform target; neither is None."""
    if file is not None:
        from cxmaturity.formats.targets_file import load_targets

        loaded = load_targets(file)
        return loaded if stage is None else loaded.with_default(stage)
    return Targets.uniform(stage) if stage is not None else None
