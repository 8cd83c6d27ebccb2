"""Translations of a questionnaire: its text in another language, kept apart from its structure.

A translation holds only text, keyed by the ids of the questionnaire it translates, so a
translator can never change a weight, a department list or a dependency. This module is
pure: ``check_translation`` lists located problems in a translation's data, and
``apply_translation`` returns the questionnaire with the text replaced and names every
text the translation lacks (which then stays in the questionnaire's own language).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cxmaturity.core.cleaning import clean_text
from cxmaturity.core.format_ids import TRANSLATION_FORMAT
from cxmaturity.core.model import Dimension, Problem, Question, Questionnaire
from cxmaturity.core.stages import STAGE_KEYS

SOURCE_LANGUAGE = "en"
LANGUAGE_PATTERN = re.compile(r"^[a-z]{2,3}$")
MAX_TEXT = 10_000

# Keys of the questionnaire that shape the model. Naming one in a translation is refused
# with a message saying why, rather than as an anonymous unknown key.
STRUCTURAL = frozenset(
    {"id", "version", "weight", "requires", "owners", "departments", "dimension", "recommendations"}
)
_TOP_TEXT = ("title", "description")
_META = ("format", "questionnaire", "language")
_SECTIONS = ("departments", "dimensions", "questions")
_TEXT_KEYS: dict[str, tuple[str, ...]] = {
    "departments": ("name",),
    "dimensions": ("name", "short_name", "description", "kpis", "recommendations"),
    "questions": ("text", "help", "evidence", "options", "next_steps"),
}
_SINGULAR = {"departments": "department", "dimensions": "dimension", "questions": "question"}
SOURCE_KEY = "source"
"""An item's key naming the version of the English it translates: ``source_hash``."""
_HASH = re.compile(r"^[0-9a-f]{8}$")


@dataclass(frozen=True, slots=True)
class Translation:
    """A checked translation: its language and its texts keyed by dotted path."""

    language: str
    questionnaire_id: str
    version: str
    texts: Mapping[str, Any]
    """``title``, ``questions.<id>.options`` and so on, each a text or a list of texts."""
    sources: Mapping[str, str] = field(default_factory=dict)
    """``questions.<id>`` and so on: the ``source_hash`` of the English each item translates."""


def source_hash(q: Questionnaire, item: str) -> str:
    """A short hash of an item's English texts (``questions.<id>``): its version.

    A translation records it per item; when the English changes, so does the hash, and
    ``stale_items`` names the item.
    """
    prefix = item + "."
    texts = {key: value for key, value in source_texts(q).items() if key.startswith(prefix)}
    canonical = json.dumps(texts, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:8]


def stale_items(q: Questionnaire, translation: Translation) -> list[str]:
    """The items whose English changed since the translation recorded its version."""
    return [
        item for item, recorded in translation.sources.items() if recorded != source_hash(q, item)
    ]


def unstamped_items(q: Questionnaire, translation: Translation) -> list[str]:
    """The translated items that do not record which version of the English they translate."""
    items = dict.fromkeys(".".join(key.split(".")[:2]) for key in translation.texts if "." in key)
    return [item for item in items if item not in translation.sources]


def source_texts(q: Questionnaire) -> dict[str, Any]:
    """Every translatable text of a questionnaire, keyed as translations key them."""
    texts: dict[str, Any] = {"title": q.title, "description": q.description}
    for dep in q.departments:
        texts[f"departments.{dep.id}.name"] = dep.name
    for dim in q.dimensions:
        texts[f"dimensions.{dim.id}.name"] = dim.name
        texts[f"dimensions.{dim.id}.short_name"] = dim.short_name
        texts[f"dimensions.{dim.id}.description"] = dim.description
        texts[f"dimensions.{dim.id}.kpis"] = list(dim.kpis) or None
        for stage, steps in q.recommendations.get(dim.id, {}).items():
            texts[f"dimensions.{dim.id}.recommendations.{stage.key}"] = list(steps)
    for question in q.questions:
        base = f"questions.{question.id}"
        texts[f"{base}.text"] = question.text
        texts[f"{base}.help"] = question.help
        texts[f"{base}.evidence"] = question.evidence
        texts[f"{base}.options"] = list(question.options)
        for stage, step in (question.next_steps or {}).items():
            texts[f"{base}.next_steps.{stage.key}"] = step.text
    return {key: value for key, value in texts.items() if value is not None}


def check_translation(q: Questionnaire, data: Any) -> tuple[Translation | None, list[Problem]]:
    """Check a translation's parsed data against the questionnaire it names."""
    checker = _Checker(source_texts(q))
    if not isinstance(data, dict):
        return None, [((), "expected a mapping at the top level")]
    checker.header(q, data)
    for key, value in data.items():
        if key in _META:
            continue
        if key in _TOP_TEXT:
            checker.text((key,), key, value)
        elif key in _SECTIONS:
            checker.section(q, key, value)
        else:
            checker.refuse((key,), key)
    if checker.problems:
        return None, checker.problems
    language = str(data["language"])
    return Translation(language, q.id, q.version, checker.texts, checker.sources), []


class _Checker:
    def __init__(self, source: Mapping[str, Any]) -> None:
        self.source = source
        self.texts: dict[str, Any] = {}
        self.sources: dict[str, str] = {}
        self.problems: list[Problem] = []

    def add(self, loc: tuple[str | int, ...], message: str) -> None:
        self.problems.append((loc, message))

    def header(self, q: Questionnaire, data: dict[str, Any]) -> None:
        if data.get("format") != TRANSLATION_FORMAT:
            self.add(("format",), f"expected format {TRANSLATION_FORMAT!r}")
        ref = data.get("questionnaire")
        if not isinstance(ref, dict) or set(ref) != {"id", "version"}:
            self.add(("questionnaire",), "expected questionnaire: {id: ..., version: ...}")
        elif ref["id"] != q.id or str(ref["version"]) != q.version:
            self.add(
                ("questionnaire",),
                f"translates {ref['id']} {ref['version']}, not {q.id} {q.version}",
            )
        language = data.get("language")
        if not isinstance(language, str) or not LANGUAGE_PATTERN.match(language):
            self.add(("language",), "expected a language code such as de, fr or es")

    def refuse(self, loc: tuple[str | int, ...], key: Any) -> None:
        if key in STRUCTURAL:
            self.add(loc, f"{key!r} is structure, not text: a translation holds only text")
        else:
            self.add(loc, f"unknown key {key!r}")

    def section(self, q: Questionnaire, section: str, value: Any) -> None:
        if not isinstance(value, dict):
            self.add((section,), f"expected a mapping of {_SINGULAR[section]} ids to texts")
            return
        for item_id, entry in value.items():
            loc: tuple[str | int, ...] = (section, item_id)
            if f"{section}.{item_id}.{_TEXT_KEYS[section][0]}" not in self.source:
                what = _SINGULAR[section]
                self.add(loc, f"unknown {what} {item_id!r} (not in {q.id} {q.version})")
                continue
            if not isinstance(entry, dict):
                self.add(loc, "expected a mapping of texts")
                continue
            for key, text in entry.items():
                if key == SOURCE_KEY:
                    self.source_stamp((*loc, key), f"{section}.{item_id}", text)
                elif key not in _TEXT_KEYS[section]:
                    self.refuse((*loc, key), key)
                elif key in ("next_steps", "recommendations"):
                    self.per_stage((*loc, key), f"{section}.{item_id}.{key}", text)
                else:
                    self.text((*loc, key), f"{section}.{item_id}.{key}", text)

    def source_stamp(self, loc: tuple[str | int, ...], item: str, value: Any) -> None:
        if isinstance(value, str) and _HASH.match(value):
            self.sources[item] = value
        else:
            self.add(loc, "expected the 8-character source hash of the English it translates")

    def per_stage(self, loc: tuple[str | int, ...], path: str, value: Any) -> None:
        if not isinstance(value, dict):
            self.add(loc, "expected a mapping of stage names to texts")
            return
        for key, text in value.items():
            if key not in STAGE_KEYS:
                self.add((*loc, key), f"{key!r} is not a stage ({', '.join(STAGE_KEYS)})")
            else:
                self.text((*loc, key), f"{path}.{key}", text)

    def text(self, loc: tuple[str | int, ...], path: str, value: Any) -> None:
        original = self.source.get(path)
        if original is None:
            self.add(loc, f"the questionnaire has no {path.rsplit('.', 1)[-1]} here to translate")
        elif isinstance(original, list):
            self.texts_list(loc, path, value, len(original))
        elif (cleaned := _one_text(value)) is None:
            self.add(loc, "missing text: expected the translated text")
        else:
            self.texts[path] = cleaned

    def texts_list(self, loc: tuple[str | int, ...], path: str, value: Any, count: int) -> None:
        what = _list_name(path)
        if not isinstance(value, list):
            self.add(loc, f"expected a list of {count} {what}")
            return
        if len(value) != count:
            self.add(loc, f"{len(value)} {what}; the questionnaire has {count}, translate each")
            return
        cleaned = [_one_text(item) for item in value]
        for index, item in enumerate(cleaned):
            if item is None:
                self.add((*loc, index), "missing text: expected the translated text")
        if None not in cleaned:
            self.texts[path] = cleaned


def _list_name(path: str) -> str:
    if path.endswith(".options"):
        return "options (one per stage)"
    return "texts"


def _one_text(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    cleaned = clean_text(value).strip()
    return cleaned if cleaned and len(cleaned) <= MAX_TEXT else None


def missing_texts(q: Questionnaire, translation: Translation) -> list[str]:
    """Dotted paths of the questionnaire's texts the translation does not give."""
    return [key for key in source_texts(q) if key not in translation.texts]


def completeness(q: Questionnaire, translation: Translation) -> float:
    """The share of the questionnaire's texts the translation gives, 0 to 1."""
    total = len(source_texts(q))
    return 1.0 if total == 0 else 1 - len(missing_texts(q, translation)) / total


def apply_translation(
    q: Questionnaire, translation: Translation
) -> tuple[Questionnaire, list[str]]:
    """The questionnaire with the translated texts, and the paths of texts left as they were."""
    texts = translation.texts

    def pick(path: str, fallback: Any) -> Any:
        return texts.get(path, fallback)

    departments = [
        dep.model_copy(update={"name": pick(f"departments.{dep.id}.name", dep.name)})
        for dep in q.departments
    ]
    dimensions = [_dimension(dim, texts) for dim in q.dimensions]
    questions = [_question(question, texts) for question in q.questions]
    recommendations = {
        dim_id: {
            stage: pick(f"dimensions.{dim_id}.recommendations.{stage.key}", steps)
            for stage, steps in by_stage.items()
        }
        for dim_id, by_stage in q.recommendations.items()
    }
    fields = dict(q) | {
        "title": pick("title", q.title),
        "description": pick("description", q.description),
        "departments": departments,
        "dimensions": dimensions,
        "questions": questions,
        "recommendations": recommendations,
    }
    # model_construct builds a fresh instance, so no index cached on the original survives.
    translated = type(q).model_construct(_fields_set=q.model_fields_set, **fields)
    return translated, missing_texts(q, translation)


def _dimension(dim: Dimension, texts: Mapping[str, Any]) -> Dimension:
    base = f"dimensions.{dim.id}"
    update = {
        "name": texts.get(f"{base}.name", dim.name),
        "short_name": texts.get(f"{base}.short_name", dim.short_name),
        "description": texts.get(f"{base}.description", dim.description),
        "kpis": texts.get(f"{base}.kpis", dim.kpis),
    }
    return dim.model_copy(update=update)


def _question(question: Question, texts: Mapping[str, Any]) -> Question:
    base = f"questions.{question.id}"
    update: dict[str, Any] = {
        "text": texts.get(f"{base}.text", question.text),
        "help": texts.get(f"{base}.help", question.help),
        "evidence": texts.get(f"{base}.evidence", question.evidence),
        "options": texts.get(f"{base}.options", question.options),
    }
    if question.next_steps:
        update["next_steps"] = {
            stage: step.model_copy(
                update={"text": texts.get(f"{base}.next_steps.{stage.key}", step.text)}
            )
            for stage, step in question.next_steps.items()
        }
    return question.model_copy(update=update)


# ``cx-core-2.0.de.yaml`` translates ``cx-core-2.0.yaml``: the language sits before the suffix.
TRANSLATION_NAME = re.compile(r"^(?P<stem>.+)\.(?P<language>[a-z]{2,3})\.(?:yaml|yml)$")


def translation_name(name: str) -> tuple[str, str] | None:
    """``(questionnaire stem, language)`` when a file name names a translation."""
    match = TRANSLATION_NAME.match(name)
    return (match["stem"], match["language"]) if match else None
