"""SurveyJS JSON in and out. Our definitions are SurveyJS JSON already (plus our own keys, which
SurveyJS ignores), so export writes the definition as it is and import checks and keeps what it
is given, including properties we do not use."""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

from rai_toolkit.questionnaires.definition import DefinitionError, read_definition, text_in

MAX_BYTES = 2 * 1024 * 1024


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return (slug or "questionnaire")[:60]


def load_json(raw: bytes) -> dict[str, Any]:
    """The uploaded file as a mapping; a clear error for anything that is not SurveyJS JSON."""
    if len(raw) > MAX_BYTES:
        raise DefinitionError([f"the file is larger than {MAX_BYTES // 1024 // 1024} MB"])
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise DefinitionError(["the file is not UTF-8 text"]) from error
    except json.JSONDecodeError as error:
        raise DefinitionError(
            [f"line {error.lineno}, column {error.colno}: not valid JSON ({error.msg})"]
        ) from error
    if not isinstance(data, dict):
        raise DefinitionError(["a SurveyJS file holds one JSON object"])
    return data


def load_yaml(text: str, source: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{source}:{mark.line + 1}" if mark is not None else source
        problem = getattr(error, "problem", error)
        raise DefinitionError([f"{where}: not valid YAML ({problem})"]) from error
    if not isinstance(data, dict):
        raise DefinitionError([f"{source}: a questionnaire file holds one mapping"])
    return data


def from_surveyjs(data: dict[str, Any], fallback_id: str) -> dict[str, Any]:
    """A SurveyJS survey as our definition: an id if it has none, and top-level questions
    (SurveyJS allows a survey without pages) moved onto one page. Nothing else changes."""
    result = dict(data)
    if "pages" not in result:
        elements = result.pop("elements", None) or result.pop("questions", None)
        if elements is not None:
            result["pages"] = [{"name": "page1", "elements": elements}]
    if "id" not in result:
        result["id"] = _slug(text_in(result.get("title"), "en") or fallback_id)
    read_definition(result)  # refuses anything we could not run
    return result


def to_surveyjs(definition: dict[str, Any]) -> str:
    """The definition as SurveyJS JSON (our keys included; SurveyJS ignores them)."""
    return json.dumps(definition, ensure_ascii=False, indent=2)
