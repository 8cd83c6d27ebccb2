"""The questionnaires that ship with the tool, by id and version.

Files are named ``<id>-<version>.yaml`` (``cx-core-1.0.yaml``); a file without a version
in its name is a questionnaire of that id with no version to choose. ``<id>`` alone names
the newest version, ``<id>@<version>`` one exactly. Mappings between versions
(``cx-core-1.0-to-2.0.yaml``) sit beside them and are not questionnaires.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable

from cxmaturity.core.errors import NotFoundError
from cxmaturity.core.translation import translation_name

_VERSIONED = re.compile(r"^(?P<id>[a-z0-9][a-z0-9-]*?)-(?P<version>\d+(?:\.\d+)*)$")
_MAPPING = re.compile(r"^.+-\d+(?:\.\d+)*-to-\d+(?:\.\d+)*$")


@dataclass(frozen=True)
class Bundled:
    id: str
    version: str | None
    entry: Traversable

    @property
    def ref(self) -> str:
        return self.id if self.version is None else f"{self.id}@{self.version}"


def bundled_dir() -> Traversable:
    return resources.files("cxmaturity") / "questionnaires"


def _version_key(version: str | None) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split(".")) if version else ()


def bundled() -> list[Bundled]:
    """Every bundled questionnaire, by id, oldest version first."""
    found = []
    for entry in bundled_dir().iterdir():
        if not entry.is_file() or not entry.name.endswith(".yaml"):
            continue
        stem = entry.name.removesuffix(".yaml")
        # Mappings between versions and translations sit beside the questionnaires.
        if _MAPPING.match(stem) or translation_name(entry.name):
            continue
        match = _VERSIONED.match(stem)
        if match:
            found.append(Bundled(match["id"], match["version"], entry))
        else:
            found.append(Bundled(stem, None, entry))
    return sorted(found, key=lambda b: (b.id, _version_key(b.version)))


def find(ref: str) -> Bundled:
    """``id`` (the newest version) or ``id@version``; a clear error when there is none."""
    qid, _, version = ref.partition("@")
    matches = [b for b in bundled() if b.id == qid and (not version or b.version == version)]
    if not matches:
        known = ", ".join(b.ref for b in bundled()) or "none"
        raise NotFoundError(f"no bundled questionnaire {ref!r} (bundled: {known})")
    return matches[-1]


def ref_for(qid: str, version: str) -> str | None:
    """``id@version`` when exactly that version ships, else None."""
    return next((b.ref for b in bundled() if b.id == qid and b.version == version), None)


def mapping_entry(qid: str, from_version: str, to_version: str) -> Traversable | None:
    """The bundled mapping from one version of a questionnaire to another, if there is one."""
    entry = bundled_dir() / f"{qid}-{from_version}-to-{to_version}.yaml"
    return entry if entry.is_file() else None
