"""Print the source stamp (``source: 1a2b3c4d``) of every item a translation translates.

A translator who has brought an item up to date with the English copies its stamp into
the item; ``cxmaturity validate`` then stays quiet about it until the English changes.

    python tools/translation_stamps.py questionnaires/cx-core-2.1.de.yaml
"""

from __future__ import annotations

import sys
from pathlib import Path

from cxmaturity.core.translation import source_hash, source_texts
from cxmaturity.formats.translation_files import questionnaire_for


def main(path: str) -> None:
    q = questionnaire_for(Path(path)).model
    items = dict.fromkeys(".".join(key.split(".")[:2]) for key in source_texts(q) if "." in key)
    for item in items:
        print(f"{item}: {source_hash(q, item)}")


if __name__ == "__main__":
    main(sys.argv[1])
