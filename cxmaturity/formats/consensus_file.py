"""The consensus file of a workshop folder: ``DIR/consensus.yaml`` (``cxmaturity.consensus/1``).

Read with the same safe YAML reader as every file, written atomically. A folder scan
for answers passes over it without a warning: it belongs there.
"""

from __future__ import annotations

from pathlib import Path

from cxmaturity.core.consensus import ConsensusFile
from cxmaturity.core.format_ids import CONSENSUS_FORMAT
from cxmaturity.formats.atomic import write_atomic
from cxmaturity.formats.loading import expect_format, validate
from cxmaturity.formats.yamlio import dump_yaml, read_document

FILE_NAME = "consensus.yaml"


def consensus_path(folder: Path) -> Path:
    return folder / FILE_NAME


def read_consensus(folder: Path) -> ConsensusFile | None:
    """The folder's consensus file, or None when it has none."""
    path = consensus_path(folder)
    if not path.is_file():
        return None
    doc = read_document(path)
    expect_format(doc, CONSENSUS_FORMAT)
    return validate(doc, ConsensusFile)


def write_consensus(folder: Path, consensus: ConsensusFile) -> Path:
    path = consensus_path(folder)
    data = consensus.model_dump(mode="json")
    write_atomic(path, dump_yaml(data))
    return path
