"""What a report is made from: a frozen snapshot (a decided risk assessment, a finalised
readiness assessment), never live rows, so the same source always gives the same report."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from rai_toolkit.agencies.models import Agency
from rai_toolkit.assessments.models import Assessment
from rai_toolkit.reports.models import Kind
from rai_toolkit.reports.sensitivity import for_agency, highest
from rai_toolkit.risk.models import RiskAssessment

Getter = Callable[..., Any]


def within(agency: Agency) -> Getter:
    def get(queryset: QuerySet[Any], **lookup: Any) -> Any:
        return queryset.get(agency=agency, **lookup)

    return get


# Bump when the report templates change what a report shows: old files are then remade.
LAYOUT_VERSION = "3"


@dataclass(frozen=True)
class Source:
    kind: str
    object_id: int
    title: str
    data: dict[str, Any]
    fields: tuple[str, ...] = field(default=())
    # The agency's sensitivities (reports.sensitivity.for_agency); our defaults when empty.
    levels: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def hash(self) -> str:
        canonical = json.dumps(
            {"layout": LAYOUT_VERSION, "kind": self.kind, "data": self.data},
            sort_keys=True,
            ensure_ascii=False,
            separators=(",", ":"),
            default=str,
        )
        return hashlib.sha256(canonical.encode()).hexdigest()

    @property
    def classification(self) -> str:
        return highest(self.fields, self.levels or None)


RISK_FIELDS = (
    "system.name",
    "system.purpose",
    "system.vendor",
    "system.model",
    "system.owner",
    "screening.outcome",
    "risk.levels",
    "risk.decision",
    "risk.conditions",
    "risk.risks",
    "risk.mitigations",
    "risk.people",
)


def risk_source(get: Getter, pk: int, kind: str = Kind.RISK) -> Source:
    assessment = get(RiskAssessment.objects.select_related("system", "agency"), pk=pk)
    if not assessment.is_locked or assessment.snapshot is None:
        raise ValidationError(
            _("A report is made from a decided risk assessment; this one is still a draft.")
        )
    snapshot = dict(assessment.snapshot)
    if kind == Kind.FRIA:
        if not snapshot.get("fria"):
            raise ValidationError(
                _("This risk assessment has no fundamental-rights impact assessment.")
            )
        title = _("Fundamental-rights impact assessment: %(name)s") % {
            "name": assessment.system.name
        }
        shown = ("system.name", "system.purpose", "fria", "risk.people")
        return Source(kind, pk, title, snapshot, shown, for_agency(assessment.agency))
    levels = for_agency(assessment.agency)
    title = _("Risk assessment: %(name)s, version %(n)d") % {
        "name": assessment.system.name,
        "n": assessment.number,
    }
    earlier = list(
        RiskAssessment.objects.filter(system=assessment.system, number__lt=assessment.number)
        .decided()
        .order_by("number")
        .values("number", "decided_at", "inherent_level", "residual_level", "decision")
    )
    # The screening answers as they stood when the decision was taken (screenings are kept).
    screening = (
        assessment.system.screenings.filter(created_at__lte=assessment.decided_at)
        .order_by("-created_at", "-pk")
        .first()
    )
    answers = screening.answers if screening is not None else {}
    data = {**snapshot, "trend": earlier, "screening_answers": answers}
    fields: tuple[str, ...] = (*RISK_FIELDS, "screening.answers")
    return Source(
        kind, pk, title, data, (*fields, "fria") if snapshot.get("fria") else fields, levels
    )


def readiness_source(get: Getter, pk: int) -> Source:
    assessment = get(Assessment.objects.select_related("version__questionnaire", "agency"), pk=pk)
    if not assessment.is_finalised or assessment.snapshot is None:
        raise ValidationError(
            _("A report is made from a finalised assessment; this one is not finalised yet.")
        )
    title = _("Readiness assessment: %(title)s") % {"title": assessment.title}
    fields = ("readiness.scores", "readiness.answers", "readiness.people")
    levels = for_agency(assessment.agency)
    return Source(Kind.READINESS, pk, title, dict(assessment.snapshot), fields, levels)


REGISTER_FIELDS = (
    "system.name",
    "system.purpose",
    "system.use_case",
    "system.stage",
    "system.role",
    "system.vendor",
    "system.product",
    "system.owner",
    "screening.outcome",
    "risk.levels",
    "risk.decision",
)


def register_source(agency: Agency, pk: int) -> Source:
    """The agency's register as it stands; its report is remade whenever a system changes."""
    from rai_toolkit.register.exports import system_json, systems_for_export

    if pk != agency.pk:
        raise ValidationError(_("A register report covers your own agency's register."))
    systems = [system_json(s) for s in systems_for_export(agency)]
    if not systems:
        raise ValidationError(_("The register is empty: register an AI system first."))
    for entry in systems:  # what the report shows of the screening: the class and the articles
        if entry["screening"]:
            result = entry["screening"]["result"]
            entry["screening"] = {
                "eu_class": entry["screening"]["eu_class"],
                "articles": [o["article"] for o in result.get("outcomes", [])],
                "at": entry["screening"]["at"],
            }
    title = _("AI-system register: %(agency)s") % {"agency": agency.name}
    data = {"systems": systems}
    return Source(Kind.REGISTER, pk, title, data, REGISTER_FIELDS, for_agency(agency))


def source_for(get: Getter, kind: str, pk: int, agency: Agency) -> Source:
    """`get` loads within one agency: AgencyAccess.get in a view, `within(agency)` in the worker."""
    if kind == Kind.REGISTER:
        return register_source(agency, pk)
    if kind in (Kind.RISK, Kind.FRIA):
        return risk_source(get, pk, kind)
    if kind == Kind.READINESS:
        return readiness_source(get, pk)
    raise ValidationError(_("Choose what the report is about."))
