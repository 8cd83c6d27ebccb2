"""Translation files (``cxmaturity.translation/1``): found beside their questionnaire, read
with located errors, and applied with one warning naming any text they lack."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from cxmaturity.core.errors import InvalidFileError
from cxmaturity.core.loaded import LoadedQuestionnaire
from cxmaturity.core.model import Questionnaire
from cxmaturity.core.translation import (
    SOURCE_LANGUAGE,
    Translation,
    apply_translation,
    check_translation,
    completeness,
    stale_items,
    translation_name,
    unstamped_items,
)
from cxmaturity.formats.bundled import bundled_dir
from cxmaturity.formats.loading import every_problem, load_questionnaire, located
from cxmaturity.formats.yamlio import Document, read_document

_SHOWN_MISSING = 3


@dataclass(frozen=True)
class LanguageSummary:
    """One language a questionnaire is available in, and how much of it is translated."""

    language: str
    complete: float
    source: str


def read_translation(path: Path, q: Questionnaire) -> Translation:
    """Read and check one translation file against the questionnaire it translates."""
    doc = read_document(path)
    translation, problems = check_translation(q, doc.data)
    if problems:
        found = [located(doc, loc, message, InvalidFileError) for loc, message in problems]
        raise every_problem(doc, found)
    assert translation is not None  # no problems means a translation
    _check_name(doc, translation.language)
    return translation


def _check_name(doc: Document, language: str) -> None:
    named = translation_name(doc.path.name)
    if named is not None and named[1] != language:
        raise located(
            doc,
            ("language",),
            f"language is {language!r} but the file name says {named[1]!r}",
            InvalidFileError,
        )


def questionnaire_for(path: Path) -> LoadedQuestionnaire:
    """The questionnaire a translation file translates: its neighbour, or the bundled one."""
    named = translation_name(path.name)
    if named is not None:
        for suffix in (".yaml", ".yml"):
            beside = path.with_name(named[0] + suffix)
            if beside.is_file():
                return load_questionnaire(beside)
    doc = read_document(path)
    ref = doc.data.get("questionnaire") if isinstance(doc.data, dict) else None
    if not isinstance(ref, dict) or not isinstance(ref.get("id"), str):
        message = "expected questionnaire: {id, version}"
        raise located(doc, ("questionnaire",), message, InvalidFileError)
    return load_questionnaire(ref["id"])


def translation_files(loaded: LoadedQuestionnaire) -> dict[str, Traversable]:
    """The translation files beside a questionnaire, by language."""
    folder, stem = _home(loaded)
    if folder is None:
        return {}
    found: dict[str, Traversable] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        named = translation_name(entry.name)
        if named is not None and named[0] == stem and entry.is_file():
            found.setdefault(named[1], entry)
    return found


def _home(loaded: LoadedQuestionnaire) -> tuple[Traversable | None, str]:
    if not loaded.source.startswith("bundled:"):
        path = Path(loaded.source)
        return path.parent, path.stem
    # A bundled questionnaire is known by its content: its file is the one with its hash.
    folder = bundled_dir()
    for entry in folder.iterdir():
        if (
            entry.name.endswith(".yaml")
            and translation_name(entry.name) is None
            and hashlib.sha256(entry.read_bytes()).hexdigest() == loaded.sha256
        ):
            return folder, entry.name.rsplit(".", 1)[0]
    return None, ""


def load_translation(entry: Traversable, q: Questionnaire) -> Translation:
    with resources.as_file(entry) as real:
        return read_translation(Path(real), q)


def languages(loaded: LoadedQuestionnaire) -> list[LanguageSummary]:
    """The questionnaire's own language first, then each translation with its completeness."""
    summaries = [LanguageSummary(SOURCE_LANGUAGE, 1.0, loaded.source)]
    for language, entry in translation_files(loaded).items():
        translation = load_translation(entry, loaded.model)
        summaries.append(
            LanguageSummary(language, completeness(loaded.model, translation), entry.name)
        )
    return summaries


def localise(
    loaded: LoadedQuestionnaire, language: str, warnings: list[str]
) -> LoadedQuestionnaire:
    """The questionnaire in ``language``; what no translation gives stays as written, with one
    warning. The hash is the original's, so answers and scores never depend on the language."""
    if language == SOURCE_LANGUAGE:
        return loaded
    q = loaded.model
    entry = translation_files(loaded).get(language)
    if entry is None:
        warnings.append(
            f"{q.id} {q.version} has no {language!r} translation; "
            f"its text is shown in the questionnaire's own language ({SOURCE_LANGUAGE})"
        )
        return loaded
    translated, missing = apply_translation(q, load_translation(entry, q))
    if missing:
        warnings.append(fallback_warning(entry.name, missing))
    return replace(loaded, model=translated)


def fallback_warning(name: str, missing: list[str]) -> str:
    shown = ", ".join(missing[:_SHOWN_MISSING])
    more = len(missing) - _SHOWN_MISSING
    if more > 0:
        shown += f" and {more} more"
    count = f"{len(missing)} text{'s' if len(missing) != 1 else ''}"
    return f"{name} lacks {count} ({shown}); shown in {SOURCE_LANGUAGE} instead"


def source_warnings(path: Path, q: Questionnaire, translation: Translation) -> list[str]:
    """Warnings naming the items whose English changed since they were translated, and, in
    a translation that records versions at all, the items that record none."""
    warnings: list[str] = []
    stale = stale_items(q, translation)
    if stale:
        warnings.append(
            f"{path}: the English changed since these were translated: {', '.join(stale)}"
        )
    unstamped = unstamped_items(q, translation) if translation.sources else []
    if unstamped:
        warnings.append(
            f"{path}: these record no source version of the English: {', '.join(unstamped)}"
        )
    return warnings
