"""A questionnaire definition (SurveyJS JSON plus our scoring keys), checked and made ready to run.

`read_definition` turns the raw mapping into frozen objects: pages, questions with their parsed
conditions and score tables, and the scoring rules. Anything we cannot run is refused with the
path of the element and the reason; nothing is silently dropped.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from rai_toolkit.questionnaires.expressions import (
    Answers,
    Expression,
    ExpressionError,
    is_true,
    parse,
)

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
CHOICE_TYPES = frozenset({"radiogroup", "dropdown", "checkbox", "rating"})
QUESTION_TYPES = CHOICE_TYPES | {
    "text",
    "comment",
    "boolean",
    "file",
    "matrix",
    "multipletext",
    "expression",
    "html",
}
CONTAINERS = frozenset({"panel"})
INPUT_TYPES = frozenset({"text", "number", "date", "email", "url", "tel"})
CONDITIONS = ("visibleIf", "enableIf", "requiredIf")
TOOLKIT_KEYS = ("principles", "requirements", "practices", "recommendations")
METHODS = ("weighted", "canada-aia", "none")

LocalText = str | Mapping[str, str]


def text_in(value: Any, language: str) -> str:
    """A localisable string in `language`, falling back to the default (English)."""
    if isinstance(value, Mapping):
        found = value.get(language) or value.get("default") or value.get("en") or ""
        return str(found)
    return "" if value is None else str(value)


class DefinitionError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Choice:
    value: Any
    text: Any
    score: float | None = None
    not_applicable: bool = False


@dataclass(frozen=True)
class Question:
    name: str
    type: str
    page: str
    title: Any
    description: Any
    element: Mapping[str, Any]
    containers: tuple[str, ...] = ()  # names of the panels around it, outermost first
    conditions: tuple[Expression, ...] = ()  # visibleIf of the question and its containers
    enable_if: Expression | None = None
    required_if: Expression | None = None
    is_required: bool = False
    input_type: str = "text"
    choices: tuple[Choice, ...] = ()
    rows: tuple[Choice, ...] = ()
    dimension: str = ""
    weight: float = 1.0
    toolkit: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def scored(self) -> bool:
        scores = [c.score for c in self.choices if c.score is not None]
        return bool(scores) and self.type in CHOICE_TYPES | {"matrix"}

    def choice(self, value: Any) -> Choice | None:
        return next((c for c in self.choices if c.value == value), None)

    def max_score(self) -> float:
        scores = [c.score or 0.0 for c in self.choices if not c.not_applicable]
        if not scores:
            return 0.0
        if self.type == "checkbox":
            return sum(s for s in scores if s > 0)
        if self.type == "matrix":
            return max(scores) * len(self.rows)
        return max(scores)

    def visible(self, values: Mapping[str, Any], seen: dict[str, bool] | None = None) -> bool:
        """Whether the question is shown; `seen` remembers conditions shared by questions."""
        if self.conditions and not isinstance(values, Answers):
            values = Answers(values)
        for condition in self.conditions:
            known = None if seen is None else seen.get(condition.text)
            shown = is_true(condition.text, values) if known is None else known
            if seen is not None:
                seen[condition.text] = shown
            if not shown:
                return False
        return True

    def required(self, values: Mapping[str, Any]) -> bool:
        if self.required_if is not None:
            return is_true(self.required_if.text, values)
        return self.is_required

    def enabled(self, values: Mapping[str, Any]) -> bool:
        return self.enable_if is None or is_true(self.enable_if.text, values)

    @property
    def answerable(self) -> bool:
        return self.type not in ("html", "expression")


@dataclass(frozen=True)
class Page:
    name: str
    title: Any
    description: Any
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Dimension:
    name: str
    title: Any
    weight: float = 1.0


@dataclass(frozen=True)
class Level:
    name: str
    min: float
    title: Any
    description: Any = ""


@dataclass(frozen=True)
class Scoring:
    method: str = "none"
    decimals: int = 1
    dimensions: tuple[Dimension, ...] = ()
    levels: tuple[Level, ...] = ()


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one per stored version
class Definition:
    id: str
    title: Any
    description: Any
    pages: tuple[Page, ...]
    scoring: Scoring
    raw: Mapping[str, Any]

    @property
    def questions(self) -> dict[str, Question]:
        return {q.name: q for page in self.pages for q in page.questions}

    def page(self, name: str) -> Page | None:
        return next((p for p in self.pages if p.name == name), None)


class _Reader:
    """Collects every problem with its path instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.names: dict[str, str] = {}
        self.expressions: list[tuple[str, Expression]] = []

    def fail(self, path: str, reason: str) -> None:
        self.problems.append(f"{path}: {reason}")

    def expression(self, path: str, source: Any) -> Expression | None:
        if source in (None, ""):
            return None
        if not isinstance(source, str):
            self.fail(path, "must be an expression written as text")
            return None
        try:
            parsed = parse(source)
        except ExpressionError as error:
            self.fail(path, f"{error.reason} at character {error.position + 1}")
            return None
        self.expressions.append((path, parsed))
        return parsed

    def name(self, path: str, element: Mapping[str, Any]) -> str:
        name = element.get("name")
        if not isinstance(name, str) or not name.strip():
            self.fail(path, "every page, panel and question needs a name")
            return ""
        same = next((known for known in self.names if known.lower() == name.lower()), None)
        if same is not None:  # SurveyJS finds answers by name ignoring case
            self.fail(path, f"the name {name!r} is already used at {self.names[same]}")
        self.names.setdefault(name, path)
        return name

    def choices(self, path: str, items: Any) -> tuple[Choice, ...]:
        if items is None:
            return ()
        if not isinstance(items, list):
            self.fail(path, "must be a list")
            return ()
        found: list[Choice] = []
        for index, item in enumerate(items):
            here = f"{path}[{index}]"
            if isinstance(item, Mapping):
                if "value" not in item:
                    self.fail(here, "a choice needs a value")
                    continue
                score = item.get("score")
                if score is not None and (
                    isinstance(score, bool) or not isinstance(score, int | float)
                ):
                    self.fail(f"{here}.score", "must be a number")
                    score = None
                value = item["value"]
                found.append(
                    Choice(
                        value,
                        item.get("text", value),
                        None if score is None else float(score),
                        item.get("notApplicable") is True,
                    )
                )
            else:
                found.append(Choice(item, item))
        values = [c.value for c in found]
        if len(values) != len({repr(v) for v in values}):
            self.fail(path, "two choices have the same value")
        return tuple(found)


def _elements(
    reader: _Reader,
    path: str,
    element: Mapping[str, Any],
    page: str,
    conditions: tuple[Expression, ...],
    containers: tuple[str, ...] = (),
) -> Iterator[Question]:
    items = element.get("elements", [])
    if not isinstance(items, list):
        reader.fail(f"{path}.elements", "must be a list")
        return
    for index, child in enumerate(items):
        here = f"{path}.elements[{index}]"
        if not isinstance(child, Mapping):
            reader.fail(here, "must be a mapping")
            continue
        kind = child.get("type")
        name = reader.name(here, child)
        visible = reader.expression(f"{here}.visibleIf", child.get("visibleIf"))
        inner = (*conditions, visible) if visible else conditions
        if kind in CONTAINERS:
            yield from _elements(reader, here, child, page, inner, (*containers, name))
        elif kind in QUESTION_TYPES:
            yield _question(reader, here, child, name, str(kind), page, inner, containers)
        else:
            reader.fail(here, f"the question type {kind!r} is not supported")


def _question(
    reader: _Reader,
    path: str,
    element: Mapping[str, Any],
    name: str,
    kind: str,
    page: str,
    conditions: tuple[Expression, ...],
    containers: tuple[str, ...],
) -> Question:
    input_type = str(element.get("inputType", "text"))
    if kind == "text" and input_type not in INPUT_TYPES:
        reader.fail(f"{path}.inputType", f"the input type {input_type!r} is not supported")
    key = "rateValues" if kind == "rating" else "columns" if kind == "matrix" else "choices"
    choices = reader.choices(f"{path}.{key}", element.get(key))
    if kind == "rating" and not choices:
        low, high = element.get("rateMin", 1), element.get("rateMax", 5)
        if isinstance(low, int) and isinstance(high, int) and low <= high <= low + 100:
            choices = tuple(Choice(v, str(v)) for v in range(low, high + 1))
        else:
            reader.fail(path, "rateMin and rateMax must be whole numbers")
    if kind in CHOICE_TYPES | {"matrix"} and not choices and kind != "rating":
        reader.fail(path, f"a {kind} question needs {key}")
    choices = _ordered(choices, element.get("choicesOrder"), name)
    rows = reader.choices(f"{path}.rows", element.get("rows")) if kind == "matrix" else ()
    if kind == "matrix" and not rows:
        reader.fail(path, "a matrix needs rows")
    weight = element.get("weight", 1)
    if isinstance(weight, bool) or not isinstance(weight, int | float) or weight < 0:
        reader.fail(f"{path}.weight", "must be a number of 0 or more")
        weight = 1
    links = element.get("toolkit") or {}
    toolkit: dict[str, tuple[str, ...]] = {}
    if not isinstance(links, Mapping):
        reader.fail(f"{path}.toolkit", "must map principles/requirements/… to lists of ids")
    else:
        for key_name, ids in links.items():
            if key_name not in TOOLKIT_KEYS or not isinstance(ids, list):
                reader.fail(f"{path}.toolkit.{key_name}", f"use {', '.join(TOOLKIT_KEYS)}")
                continue
            toolkit[key_name] = tuple(str(i) for i in ids)
    return Question(
        name=name,
        type=kind,
        page=page,
        title=element.get("title", name),
        description=element.get("description", ""),
        element=element,
        containers=containers,
        conditions=conditions,
        enable_if=reader.expression(f"{path}.enableIf", element.get("enableIf")),
        required_if=reader.expression(f"{path}.requiredIf", element.get("requiredIf")),
        is_required=element.get("isRequired") is True,
        input_type=input_type,
        choices=choices,
        rows=rows,
        dimension=str(element.get("dimension", "")),
        weight=float(weight),
        toolkit=toolkit,
    )


def _ordered(choices: tuple[Choice, ...], order: Any, name: str) -> tuple[Choice, ...]:
    """SurveyJS's choicesOrder: "asc"/"desc" by text; "random" is a fixed shuffle per question
    (SurveyJS shuffles per respondent; a fixed order keeps colleagues' screens alike)."""
    if order in ("asc", "desc"):
        return tuple(
            sorted(choices, key=lambda c: text_in(c.text, "en").lower(), reverse=order == "desc")
        )
    if order == "random":
        shuffled = list(choices)
        random.Random(name).shuffle(shuffled)  # noqa: S311 (an order, not a secret)
        return tuple(shuffled)
    return choices


def _scoring(reader: _Reader, data: Any, questions: list[Question]) -> Scoring:
    if data is None:
        return Scoring(method="canada-aia" if _looks_like_canada(questions) else "none")
    if not isinstance(data, Mapping):
        reader.fail("scoring", "must be a mapping")
        return Scoring()
    method = data.get("method", "weighted")
    if method not in METHODS:
        reader.fail("scoring.method", f"use one of {', '.join(METHODS)}")
    decimals = data.get("decimals", 1)
    if not isinstance(decimals, int) or isinstance(decimals, bool) or not 0 <= decimals <= 4:
        reader.fail("scoring.decimals", "must be a whole number from 0 to 4")
        decimals = 1
    dimensions = []
    for index, item in enumerate(data.get("dimensions") or []):
        if not isinstance(item, Mapping) or not isinstance(item.get("name"), str):
            reader.fail(f"scoring.dimensions[{index}]", "needs a name")
            continue
        dimensions.append(
            Dimension(item["name"], item.get("title", item["name"]), float(item.get("weight", 1)))
        )
    levels = []
    for index, item in enumerate(data.get("levels") or []):
        minimum = item.get("min") if isinstance(item, Mapping) else None
        if not isinstance(item, Mapping) or not isinstance(minimum, int | float):
            reader.fail(f"scoring.levels[{index}]", "needs a name and a number min")
            continue
        levels.append(
            Level(
                str(item.get("name")),
                float(minimum),
                item.get("title", item.get("name")),
                item.get("description", ""),
            )
        )
    if [lv.min for lv in levels] != sorted(lv.min for lv in levels):
        reader.fail("scoring.levels", "list the levels in ascending order of min")
    known = {d.name for d in dimensions}
    if method == "weighted":
        for question in questions:
            if question.scored and question.dimension not in known:
                reader.fail(
                    f"{question.name}.dimension",
                    f"{question.dimension or '(none)'!r} is not one of the scoring dimensions",
                )
    return Scoring(str(method), decimals, tuple(dimensions), tuple(levels))


CANADA_VALUE = re.compile(r"^item\d+-\d*$")


def _looks_like_canada(questions: list[Question]) -> bool:
    """Canada's AIA convention: choice values item<N>-<weight>, names ending -RS or -MS."""
    coded = [
        q
        for q in questions
        if q.choices
        and all(isinstance(c.value, str) and CANADA_VALUE.match(c.value) for c in q.choices)
    ]
    return bool(coded) and any(q.name.endswith(("-RS", "-MS")) for q in coded)


def read_definition(data: Any) -> Definition:
    """Check the whole definition; raise DefinitionError listing every problem."""
    reader = _Reader()
    if not isinstance(data, Mapping):
        raise DefinitionError(["the questionnaire must be a mapping (a JSON object)"])
    identifier = str(data.get("id", ""))
    if not ID_PATTERN.match(identifier):
        reader.fail("id", "lower-case letters, digits and dashes (e.g. readiness)")
    pages_data = data.get("pages")
    if not isinstance(pages_data, list) or not pages_data:
        reader.fail("pages", "a questionnaire needs at least one page")
        pages_data = []
    pages: list[Page] = []
    for index, page in enumerate(pages_data):
        path = f"pages[{index}]"
        if not isinstance(page, Mapping):
            reader.fail(path, "must be a mapping")
            continue
        name = reader.name(path, page)
        visible = reader.expression(f"{path}.visibleIf", page.get("visibleIf"))
        questions = tuple(_elements(reader, path, page, name, (visible,) if visible else ()))
        pages.append(Page(name, page.get("title", name), page.get("description", ""), questions))
    everything = [q for p in pages for q in p.questions]
    scoring = _scoring(reader, data.get("scoring"), everything)
    for path, expression in reader.expressions:
        for variable in sorted(expression.variables() - set(reader.names)):
            reader.fail(path, f"refers to {{{variable}}}, which is not a question here")
    if reader.problems:
        raise DefinitionError(reader.problems)
    return Definition(
        identifier,
        data.get("title", identifier),
        data.get("description", ""),
        tuple(pages),
        scoring,
        data,
    )
