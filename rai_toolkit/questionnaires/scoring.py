"""Scores and levels, computed on the server from a definition and a set of answers.

Two methods: `weighted` (ours, per dimension and overall, see docs/questionnaire-format.md) and
`canada-aia` (the convention of Canada's Algorithmic Impact Assessment). Results are rounded half
up, as JavaScript's Math.round does, so they match what a SurveyJS page would show.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal
from functools import lru_cache
from typing import Any

from rai_toolkit.questionnaires.definition import Definition, Level, Question
from rai_toolkit.questionnaires.expressions import Answers

STEPS = [Decimal(1).scaleb(-d) for d in range(5)]
HALF = Decimal("0.5")
HUNDRED = Decimal(100)


def round_half_up(value: Decimal, decimals: int) -> Decimal:
    """JavaScript's Math.round(x * 10^d) / 10^d: halves go up, also for negative numbers."""
    step = STEPS[decimals]
    return ((value / step + HALF).to_integral_value(rounding=ROUND_FLOOR)) * step


def _decimal(value: float) -> Decimal:
    return Decimal(repr(value))


def level_for(percent: Decimal | None, levels: tuple[Level, ...]) -> Level | None:
    """The highest level whose minimum `percent` reaches (levels are in ascending order)."""
    if percent is None:
        return None
    found = None
    for level in levels:
        if percent < level.min:  # Decimal compares exactly with an int or float
            break
        found = level
    return found


@dataclass(frozen=True)
class DimensionResult:
    name: str
    score: float
    maximum: float
    percent: Decimal | None
    level: Level | None
    answered: int
    not_applicable: int


@dataclass(frozen=True)
class Result:
    method: str
    percent: Decimal | None
    level: Level | None
    dimensions: tuple[DimensionResult, ...] = ()
    figures: Mapping[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON for the immutable snapshot."""
        return {
            "method": self.method,
            "percent": None if self.percent is None else str(self.percent),
            "level": self.level.name if self.level else None,
            "dimensions": [
                {
                    "name": d.name,
                    "score": d.score,
                    "maximum": d.maximum,
                    "percent": None if d.percent is None else str(d.percent),
                    "level": d.level.name if d.level else None,
                    "answered": d.answered,
                    "not_applicable": d.not_applicable,
                }
                for d in self.dimensions
            ],
            "figures": dict(self.figures),
        }


@dataclass(frozen=True)
class _Scored:
    """One scored question, reduced to what the inner loop needs."""

    question: Question
    name: str
    kind: str
    rows: tuple[str, ...]
    dimension: int
    weight: float
    scores: Mapping[Any, float]
    not_applicable: frozenset[Any]
    maximum: float
    always_visible: bool
    single: bool  # one choice: the fast path of the inner loop


def _key(value: Any) -> Any:
    # Lists and dicts are unhashable; choice values are scalars, so compare scalars only.
    return repr(value) if isinstance(value, list | dict) else value


def _points(item: _Scored, answer: Any) -> float | None:
    """Points for an answer; None when it is "not applicable"."""
    if answer is None:
        return 0.0
    kind = item.kind
    if kind == "checkbox":
        chosen = [_key(v) for v in (answer if isinstance(answer, list) else [answer])]
        if item.not_applicable and not item.not_applicable.isdisjoint(chosen):
            return None
        scores = item.scores
        return sum(scores.get(v, 0.0) for v in chosen)
    if kind == "matrix":
        if not isinstance(answer, Mapping):
            return 0.0
        return sum(item.scores.get(_key(answer.get(row)), 0.0) for row in item.rows)
    answer = _key(answer)
    if answer in item.not_applicable:
        return None
    return item.scores.get(answer, 0.0)


@lru_cache(maxsize=64)
def _weighted_plan(definition: Definition) -> tuple[_Scored, ...]:
    names = [d.name for d in definition.scoring.dimensions]
    plan = []
    for question in definition.questions.values():
        if not question.scored or question.dimension not in names:
            continue
        plan.append(
            _Scored(
                question,
                question.name,
                question.type,
                tuple(str(r.value) for r in question.rows),
                names.index(question.dimension),
                question.weight,
                {_key(c.value): c.score or 0.0 for c in question.choices},
                frozenset(_key(c.value) for c in question.choices if c.not_applicable),
                question.max_score(),
                not question.conditions,
                question.type not in ("checkbox", "matrix"),
            )
        )
    return tuple(plan)


@dataclass(frozen=True)
class QuestionScore:
    question: Question
    points: float
    maximum: float


def question_scores(definition: Definition, answers: Mapping[str, Any]) -> list[QuestionScore]:
    """Points of each shown, scored question (not those answered "not applicable")."""
    found = []
    seen: dict[str, bool] = {}
    answers = answers if isinstance(answers, Answers) else Answers(answers)
    for item in _weighted_plan(definition):
        if not item.always_visible and not item.question.visible(answers, seen):
            continue
        points = _points(item, answers.get(item.name))
        if points is not None:
            found.append(QuestionScore(item.question, points, item.maximum))
    return found


def weighted(definition: Definition, answers: Mapping[str, Any]) -> Result:
    scoring = definition.scoring
    count = len(scoring.dimensions)
    score, maximum = [0.0] * count, [0.0] * count
    answered, skipped = [0] * count, [0] * count
    seen: dict[str, bool] = {}
    for item in _weighted_plan(definition):
        if not item.always_visible and not item.question.visible(answers, seen):
            continue
        answer = answers.get(item.name)
        if item.single and answer is not None and not isinstance(answer, list | dict):
            # Most questions: one choice; worth keeping off the general path for speed.
            points = None if answer in item.not_applicable else item.scores.get(answer, 0.0)
        else:
            points = _points(item, answer)
        index = item.dimension
        if points is None:
            skipped[index] += 1
            continue
        score[index] += item.weight * points
        maximum[index] += item.weight * item.maximum
        answered[index] += answer is not None
    dimensions = []
    total, weights = Decimal(0), Decimal(0)
    for index, dimension in enumerate(scoring.dimensions):
        percent = None
        if maximum[index] > 0:
            exact = HUNDRED * _decimal(score[index]) / _decimal(maximum[index])
            weight = _decimal(dimension.weight)
            total += exact * weight
            weights += weight
            percent = round_half_up(exact, scoring.decimals)
        dimensions.append(
            DimensionResult(
                dimension.name,
                score[index],
                maximum[index],
                percent,
                level_for(percent, scoring.levels),
                answered[index],
                skipped[index],
            )
        )
    overall = round_half_up(total / weights, scoring.decimals) if weights else None
    return Result("weighted", overall, level_for(overall, scoring.levels), tuple(dimensions))


CANADA_WEIGHT = re.compile(r"-(\d+)$")
CANADA_TYPES = frozenset({"radiogroup", "checkbox", "dropdown"})
CANADA_LEVELS = (
    Level("I", 0, "Level I"),
    Level("II", 25, "Level II"),
    Level("III", 50, "Level III"),
    Level("IV", 75, "Level IV"),
)


def canada_weight(value: Any) -> int:
    """The number after the last '-' of a choice value; 0 without one (Canada's convention)."""
    found = CANADA_WEIGHT.search(value) if isinstance(value, str) else None
    return int(found.group(1)) if found else 0


def _canada_kind(question: Question) -> str:
    for name in (question.name, *reversed(question.containers)):
        for suffix in ("-RS", "-MS", "-NS"):
            if name.endswith(suffix):
                return suffix[1:]
    return ""


def canada(definition: Definition, answers: Mapping[str, Any]) -> Result:
    """Raw impact and mitigation scores, the 15 % deduction and the impact level I–IV.

    Maxima count every scored question, shown or hidden (as the official tool does); answers
    count only where the question is shown (the tool clears hidden answers on completion)."""
    seen: dict[str, bool] = {}
    sums = {"RS": 0, "MS": 0}
    maxima = {"RS": 0, "MS": 0}
    for question in definition.questions.values():
        kind = _canada_kind(question)
        if question.type not in CANADA_TYPES or kind not in sums:
            continue
        weights = [canada_weight(c.value) for c in question.choices]
        maxima[kind] += sum(weights) if question.type == "checkbox" else max(weights, default=0)
        answer = answers.get(question.name)
        if answer is None or not question.visible(answers, seen):
            continue
        chosen = answer if isinstance(answer, list) else [answer]
        sums[kind] += sum(canada_weight(v) for v in chosen)
    raw, mitigation = sums["RS"], sums["MS"]
    deducted = Decimal(mitigation) >= Decimal("0.8") * Decimal(maxima["MS"]) / 2
    total = int(round_half_up(Decimal("0.85") * raw, 0)) if deducted else raw
    percent = Decimal(100) * total / maxima["RS"] if maxima["RS"] else None
    level = None
    if percent is not None:
        index = 0 if percent <= 25 else 1 if percent <= 50 else 2 if percent <= 75 else 3
        level = CANADA_LEVELS[index]
    figures = {
        "raw_impact": raw,
        "raw_impact_max": maxima["RS"],
        "mitigation": mitigation,
        "mitigation_max": maxima["MS"],
        "mitigation_deduction": deducted,
        "total": total,
    }
    rounded = None if percent is None else round_half_up(percent, definition.scoring.decimals)
    return Result("canada-aia", rounded, level, (), figures)


def score(definition: Definition, answers: Mapping[str, Any]) -> Result:
    answers = answers if isinstance(answers, Answers) else Answers(answers)
    if definition.scoring.method == "weighted":
        return weighted(definition, answers)
    if definition.scoring.method == "canada-aia":
        return canada(definition, answers)
    return Result("none", None, None)
