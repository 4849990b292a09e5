"""What each kind of report shows: the template context built from a report's frozen source."""

from __future__ import annotations

from itertools import groupby
from types import SimpleNamespace
from typing import Any

from django.utils import timezone, translation

from rai_toolkit.assessments.models import Assessment
from rai_toolkit.assessments.results import results_page
from rai_toolkit.knowledge.reader import current_reader
from rai_toolkit.reports.sources import Source
from rai_toolkit.risk.models import RiskAssessment
from rai_toolkit.risk.selectors import heat_map
from rai_toolkit.screening.pages import grouped
from rai_toolkit.screening.rules import Result


def risk_context(source: Source) -> dict[str, Any]:
    data = source.data
    assessment = RiskAssessment.objects.select_related("catalogue", "system", "agency").get(
        pk=source.object_id
    )
    catalogue = assessment.catalogue.catalogue
    reader = current_reader()
    titles = reader.titles() if reader else {}
    risks = [SimpleNamespace(**r) for r in data["risks"]]
    applicable = [r for r in risks if r.applicable]
    by_principle = [
        (titles.get(p, p), list(group))
        for p, group in groupby(
            sorted(applicable, key=lambda r: r.principle), lambda r: r.principle
        )
    ]
    ranked = sorted(
        (r for r in applicable if r.residual_level),
        key=lambda r: (
            -catalogue.level_rank(r.residual_level),
            -catalogue.level_rank(r.inherent_level),
        ),
    )
    open_actions = [
        (r, SimpleNamespace(**m))
        for r in applicable
        for m in r.mitigations
        if m["status"] not in ("done", "dropped")
    ]
    screening = Result.from_json(data["screening"]) if data.get("screening") else None
    cited = sorted(
        {r.principle for r in applicable}
        | {m["practice"] for r in applicable for m in r.mitigations if m["practice"]}
        | _regulations(screening)
    )
    return {
        "agency_name": assessment.agency.name,
        "assessment": assessment,
        "data": data,
        "catalogue": catalogue,
        "risks": risks,
        "by_principle": by_principle,
        "key_risks": ranked[:5],
        "open_actions": open_actions,
        "inherent_map": heat_map(catalogue, risks, "inherent"),  # type: ignore[arg-type]
        "residual_map": heat_map(catalogue, risks, "residual"),  # type: ignore[arg-type]
        "findings": grouped(screening) if screening else None,
        "screening": screening,
        "annex": [(item, titles.get(item, item)) for item in cited],
        "fria_fields": _fria_fields(data.get("fria")),
        "questions": _screening_questions(data),
        "trend_chart": _trend_chart(catalogue, data),
    }


def _trend_chart(catalogue: Any, data: dict[str, Any]) -> dict[str, Any] | None:
    """Inherent and residual level of each decided version, as points of two SVG lines (from
    two versions on). Axis labels are numbers and version numbers; the table names the levels."""
    versions = [
        (t["number"], t["inherent_level"], t["residual_level"]) for t in data.get("trend", [])
    ]
    versions.append((data["version"], data["levels"]["inherent"], data["levels"]["residual"]))
    versions = [v for v in versions if v[1] and v[2]]
    if len(versions) < 2:
        return None
    width, height, left, top, step = 320, 160, 40, 15, 40
    levels = list(catalogue.levels)
    gap = (width - left - 20) / (len(versions) - 1)

    def point(index: int, level: str) -> tuple[float, float]:
        return left + index * gap, top + (len(levels) - 1 - catalogue.level_rank(level)) * step

    def line(which: int) -> str:
        return " ".join(
            f"{x:.0f},{y:.0f}" for x, y in (point(i, v[which]) for i, v in enumerate(versions))
        )

    return {
        "width": width,
        "height": height,
        "inherent": line(1),
        "residual": line(2),
        "dots": [point(i, v[2]) for i, v in enumerate(versions)],
        "x_labels": [(left + i * gap, f"v{v[0]}") for i, v in enumerate(versions)],
        "y_labels": [
            (top + (len(levels) - 1 - rank) * step, rank + 1) for rank in range(len(levels))
        ],
        "left": left,
        "right": width - 20,
        "bottom": top + (len(levels) - 1) * step,
    }


def _screening_questions(data: dict[str, Any]) -> list[tuple[str, str]]:
    """The register facts and the screening answers the decision rested on, as questions."""
    from rai_toolkit.screening.pages import fact_label
    from rai_toolkit.screening.rules import load_rules

    rules = load_rules()
    facts = (data.get("system") or {}).get("facts") or {}
    answers = data.get("screening_answers") or {}
    return [fact_label(name, value, rules) for name, value in {**facts, **answers}.items()]


def _regulations(screening: Result | None) -> set[str]:
    if screening is None:
        return set()
    return {
        f.regulation.toolkit
        for f in (*screening.outcomes, *screening.duties)
        if f.regulation.toolkit
    }


def _fria_fields(fria: dict[str, str] | None) -> list[tuple[str, str, str]]:
    from rai_toolkit.risk.models import Fria

    if not fria:
        return []
    return [
        (
            "abcdef"[i],
            str(getattr(Fria._meta.get_field(name), "verbose_name", name)),
            fria.get(name, ""),
        )
        for i, name in enumerate(Fria.FIELDS)
    ]


def readiness_context(source: Source) -> dict[str, Any]:
    assessment = Assessment.objects.select_related(
        "version__questionnaire", "finalised_by", "agency"
    ).get(pk=source.object_id)
    definition = assessment.version.parsed
    answers = source.data.get("answers") or {}
    from rai_toolkit.assessments.answers import display

    language = translation.get_language() or "en"
    questions = [
        (q, display(q, answers.get(q.name), language))
        for q in definition.questions.values()
        if q.answerable
    ]
    return {
        "agency_name": assessment.agency.name,
        "assessment": assessment,
        "questions": questions,
        **results_page(assessment),
    }


def register_context(source: Source) -> dict[str, Any]:
    from rai_toolkit.agencies.models import Agency
    from rai_toolkit.register.models import RegulatoryClass, RiskLevel, Stage, SystemRole
    from rai_toolkit.risk.models import RiskAssessment

    def label(choices: Any, value: str | None) -> str:
        return str(dict(choices.choices).get(value, value or "—"))

    today = timezone.localdate().isoformat()
    systems = []
    for entry in source.data["systems"]:
        screening = entry["screening"] or {}
        systems.append(
            {
                **entry,
                "stage_label": label(Stage, entry["stage"]),
                "role_label": label(SystemRole, entry["role"]),
                "class_label": label(RegulatoryClass, entry["regulatory_class"]),
                "level_label": label(RiskLevel, entry["risk_level"]),
                "articles": screening.get("articles", []),
                "decisions": [
                    {**d, "label": label(RiskAssessment.Decision, d["decision"])}
                    for d in entry["decided_versions"]
                ],
                "overdue": bool(entry["reassess_by"])
                and entry["reassess_by"] < today
                and entry["stage"] != Stage.RETIRED,
            }
        )

    def count(key: str, choices: Any) -> list[tuple[str, int]]:
        return [
            (str(name), n)
            for value, name in choices.choices
            if (n := sum(1 for s in systems if s[key] == value))
        ]

    return {
        "agency_name": Agency.objects.get(pk=source.object_id).name,
        "systems": systems,
        "by_stage": count("stage", Stage),
        "by_level": count("risk_level", RiskLevel),
        "unassessed": sum(1 for s in systems if not s["risk_level"]),
        "by_class": count("regulatory_class", RegulatoryClass),
        "overdue": [s for s in systems if s["overdue"]],
    }
