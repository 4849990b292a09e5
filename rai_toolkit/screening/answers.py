"""The screening form: every question on one page, its answers read with the engine's parser."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.http import QueryDict

from rai_toolkit.assessments.answers import PostedData, parse_answer
from rai_toolkit.questionnaires import translations
from rai_toolkit.questionnaires.definition import (
    Definition,
    DefinitionError,
    Question,
    read_definition,
)
from rai_toolkit.questionnaires.expressions import Answers
from rai_toolkit.screening.rules import RULES_DIR, Rules

_DEFINITIONS: dict[str, Definition] = {}


def localised(rules: Rules) -> dict[str, Any]:
    """The questionnaire with its translations (questionnaire.<lang>.yaml) folded in."""
    data = copy.deepcopy(rules.questionnaire)
    problems = []
    for language in translations.LANGUAGES:
        path = RULES_DIR / f"questionnaire.{language}.yaml"
        if path.exists():
            texts = yaml.safe_load(path.read_text(encoding="utf-8"))
            problems += translations.apply(data, language, texts, path.name)
    if problems:
        raise DefinitionError(problems)
    return data


def definition(rules: Rules) -> Definition:
    found = _DEFINITIONS.get(rules.content_hash)
    if found is None:
        found = _DEFINITIONS[rules.content_hash] = read_definition(localised(rules))
    return found


class Prefixed:
    """One question's fields of the whole form, under the names parse_answer expects."""

    def __init__(self, data: PostedData, name: str) -> None:
        self.data, self.prefix = data, f"{name}-"

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(self.prefix + key, default)

    def getlist(self, key: str) -> list[Any]:
        return self.data.getlist(self.prefix + key)


@dataclass
class Parsed:
    answers: dict[str, Any]
    errors: dict[str, list[str]]


def parse(rules: Rules, data: PostedData) -> Parsed:
    answers: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for question in questions(rules):
        name = question.name
        try:
            value = parse_answer(question, Prefixed(data, name))
        except ValidationError as error:
            errors[name] = list(error.messages)
            continue
        if value is not None:
            answers[name] = value
    return Parsed(answers, errors)


def visible(rules: Rules, facts: dict[str, Any]) -> dict[str, bool]:
    values = Answers(facts)
    return {name: q.visible(values) for name, q in definition(rules).questions.items()}


def shown_answers(rules: Rules, facts: dict[str, Any], answers: dict[str, Any]) -> dict[str, Any]:
    """Only the answers to questions that apply: a stale answer to a hidden one is dropped."""
    shown = visible(rules, {**facts, **answers})
    return {name: value for name, value in answers.items() if shown.get(name, False)}


# The questionnaire declares the register's attributes on this page so that its conditions may
# name them; they come from the system's record, never from the form.
REGISTER_PAGE = "register"


def questions(rules: Rules) -> list[Question]:
    return [
        q for q in definition(rules).questions.values() if q.answerable and q.page != REGISTER_PAGE
    ]


def posted(answers: dict[str, Any]) -> QueryDict:
    """Stored answers as the form would post them, to read them again the same way."""
    data = QueryDict(mutable=True)
    for name, value in answers.items():
        values = value if isinstance(value, list) else [value]
        data.setlist(f"{name}-value", [_plain(v) for v in values])
    return data


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
