"""What the results page shows: levels, the radar chart, strengths and gaps, the toolkit's
recommendations in order of priority, and the change since the previous finalised assessment."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import get_language

from rai_toolkit.assessments.models import Answer, Assessment, Evidence, RoadmapAction
from rai_toolkit.assessments.services import answers_of
from rai_toolkit.knowledge.reader import Reader, current_reader
from rai_toolkit.questionnaires.definition import Definition, Level, text_in
from rai_toolkit.questionnaires.scoring import question_scores, score

STRENGTHS = 3


@dataclass
class DimensionRow:
    name: str
    title: str
    percent: Decimal | None
    level: Level | None
    previous: Decimal | None = None

    @property
    def change(self) -> Decimal | None:
        if self.percent is None or self.previous is None:
            return None
        return self.percent - self.previous


@dataclass
class Recommendation:
    item_id: str
    title: str
    url: str
    priority: float
    questions: list[str] = field(default_factory=list)
    adopted: bool = False


@dataclass(frozen=True)
class Axis:
    x: float
    y: float
    label_x: float
    label_y: float
    anchor: str
    label: str


@dataclass
class Radar:
    size: int
    width: int
    left: int
    centre: float
    rings: list[str]
    axes: list[Axis]
    current: str
    previous: str


def outcome(assessment: Assessment) -> dict[str, Any]:
    """The frozen result once finalised; until then the live one, from the answers so far."""
    if assessment.snapshot:
        return dict(assessment.snapshot)
    answers = answers_of(assessment)
    return {"result": score(assessment.version.parsed, answers).as_dict(), "answers": answers}


READINESS_SCHEMA = "rai-toolkit/readiness-assessment/1"


def export_json(assessment: Assessment) -> dict[str, Any]:
    """The assessment as `rai-toolkit/readiness-assessment/1` (docs/exports.md)."""
    justified = Answer.objects.filter(assessment=assessment).exclude(justification="")
    return {
        "schema": READINESS_SCHEMA,
        "agency": assessment.agency.name,
        "assessment": assessment.title,
        "status": assessment.status,
        "questionnaire": assessment.version.questionnaire.key,
        "version": assessment.version.number,
        "content_hash": assessment.version.content_hash,
        **outcome(assessment),
        "justifications": dict(justified.values_list("question", "justification")),
        "evidence": [
            {"question": e.question, "name": e.name, "content_type": e.content_type}
            | {"size": e.size, "sha256": e.sha256}
            for e in Evidence.objects.filter(assessment=assessment).order_by("pk")
        ],
    }


def _percent(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def previous_of(assessment: Assessment) -> Assessment | None:
    """The agency's last finalised assessment of the same questionnaire before this one."""
    return (
        Assessment.objects.finalised()
        .filter(
            agency=assessment.agency,
            version__questionnaire=assessment.version.questionnaire,
            created_at__lt=assessment.created_at,
        )
        .exclude(pk=assessment.pk)
        .order_by("-finalised_at")
        .first()
    )


def dimension_rows(
    definition: Definition, result: dict[str, Any], before: dict[str, Any] | None
) -> list[DimensionRow]:
    language = get_language() or "en"
    levels = {level.name: level for level in definition.scoring.levels}
    titles = {d.name: text_in(d.title, language) for d in definition.scoring.dimensions}
    earlier = {d["name"]: _percent(d["percent"]) for d in (before or {}).get("dimensions", [])}
    return [
        DimensionRow(
            d["name"],
            titles.get(d["name"], d["name"]),
            _percent(d["percent"]),
            levels.get(d["level"] or ""),
            earlier.get(d["name"]),
        )
        for d in result.get("dimensions", [])
    ]


def recommendations(
    assessment: Assessment, answers: dict[str, Any], reader: Reader | None
) -> list[Recommendation]:
    """Recommendations linked to the questions with the largest shortfall come first: each
    question adds weight × share of points missing, times its dimension's weight."""
    definition = assessment.version.parsed
    dimension_weight = {d.name: d.weight for d in definition.scoring.dimensions}
    priority: dict[str, float] = defaultdict(float)
    questions: dict[str, list[str]] = defaultdict(list)
    language = get_language() or "en"
    for found in question_scores(definition, answers):
        if found.maximum <= 0 or found.points >= found.maximum:
            continue
        shortfall = (found.maximum - found.points) / found.maximum
        weight = found.question.weight * dimension_weight.get(found.question.dimension, 1.0)
        for item_id in found.question.toolkit.get("recommendations", ()):
            priority[item_id] += shortfall * weight
            questions[item_id].append(text_in(found.question.title, language))
    titles = reader.titles() if reader else {}
    adopted = set(
        RoadmapAction.objects.open()
        .filter(agency=assessment.agency)
        .values_list("recommendation", flat=True)
    )
    ranked = sorted(priority.items(), key=lambda kv: (-kv[1], kv[0]))
    return [
        Recommendation(
            item_id,
            titles.get(item_id, item_id),
            reader.url(item_id) if reader and item_id in titles else "",
            round(value, 2),
            questions[item_id],
            item_id in adopted,
        )
        for item_id, value in ranked
    ]


def radar(rows: list[DimensionRow], size: int = 420) -> Radar | None:
    """Coordinates for an SVG radar chart (three or more dimensions make a polygon)."""
    if len(rows) < 3:
        return None
    centre, radius = size / 2, size / 2 - 90
    count = len(rows)

    def point(index: int, share: float) -> tuple[float, float]:
        angle = 2 * math.pi * index / count - math.pi / 2
        return (
            round(centre + radius * share * math.cos(angle), 1),
            round(centre + radius * share * math.sin(angle), 1),
        )

    def polygon(shares: list[float]) -> str:
        return " ".join(f"{x},{y}" for x, y in (point(i, s) for i, s in enumerate(shares)))

    rings = [polygon([step / 5] * count) for step in range(1, 6)]
    axes = []
    for index, row in enumerate(rows):
        x, y = point(index, 1)
        lx, ly = point(index, 1.12)
        anchor = "middle" if abs(lx - centre) < 10 else "start" if lx > centre else "end"
        axes.append(Axis(x, y, lx, ly, anchor, row.title))
    current = polygon([float(r.percent or 0) / 100 for r in rows])
    has_previous = any(r.previous is not None for r in rows)
    previous = polygon([float(r.previous or 0) / 100 for r in rows]) if has_previous else ""
    margin = 150  # room for the labels left and right of the chart
    return Radar(size, size + 2 * margin, -margin, centre, rings, axes, current, previous)


def results_page(assessment: Assessment) -> dict[str, Any]:
    definition = assessment.version.parsed
    data = outcome(assessment)
    result = data["result"]
    earlier = previous_of(assessment)
    before = earlier.snapshot["result"] if earlier and earlier.snapshot else None
    rows = dimension_rows(definition, result, before)
    overall = _percent(result.get("percent"))
    ranked = sorted((r for r in rows if r.percent is not None), key=lambda r: r.percent or 0)
    levels = {level.name: level for level in definition.scoring.levels}
    return {
        "data": data,
        "result": result,
        "percent": overall,
        "level": levels.get(result.get("level") or ""),
        "levels": definition.scoring.levels,
        "rows": rows,
        "radar": radar(rows),
        # Above the overall score, best first; below it, weakest first.
        "strengths": [
            r for r in reversed(ranked) if overall is not None and (r.percent or 0) >= overall
        ][:STRENGTHS],
        "gaps": [r for r in ranked if overall is not None and (r.percent or 0) < overall][
            :STRENGTHS
        ],
        "recommendations": recommendations(assessment, data["answers"], current_reader()),
        "previous": earlier,
        "previous_percent": _percent(before.get("percent")) if before else None,
        "figures": result.get("figures") or {},
    }
