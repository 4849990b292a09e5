"""What the risk assessment's pages show."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from rai_toolkit.agencies.access import AgencyAccess
from rai_toolkit.agencies.models import Perm
from rai_toolkit.audit.models import AuditEntry
from rai_toolkit.knowledge.reader import current_reader
from rai_toolkit.risk import selectors, services
from rai_toolkit.risk.catalogue import Catalogue
from rai_toolkit.risk.forms import CommentForm, CustomRiskForm, DecisionForm, ReturnForm, ReviewForm
from rai_toolkit.risk.models import Risk, RiskAssessment

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def detail_context(access: AgencyAccess, assessment: RiskAssessment) -> dict[str, Any]:
    from rai_toolkit.screening.selectors import latest_result, requires

    catalogue: Catalogue = assessment.catalogue.catalogue
    risks = selectors.risks_of(assessment)
    reader = current_reader()
    titles = reader.titles() if reader else {}
    by_principle = [
        (principle, titles.get(principle, principle), list(group))
        for principle, group in groupby(
            sorted(risks, key=lambda r: (r.principle, r.order)), key=lambda r: r.principle
        )
    ]
    result = latest_result(assessment.system)
    authors = set(assessment.authors.values_list("pk", flat=True))
    return {
        "access": access,
        "assessment": assessment,
        "system": assessment.system,
        "catalogue": catalogue,
        "risks": risks,
        "by_principle": by_principle,
        "rated": sum(1 for r in risks if r.is_rated),
        "inherent_map": selectors.heat_map(catalogue, risks, "inherent"),
        "residual_map": selectors.heat_map(catalogue, risks, "residual"),
        "levels": services.overall_levels(assessment),
        "screening": result,
        "fria_required": result is not None and requires(result, "fria"),
        "problems": services.problems(assessment) if assessment.is_editable else [],
        "can_edit": selectors.can_edit(access, assessment),
        "is_author": access.user.pk in authors,
        "can_review": access.can(Perm.REVIEW) and access.user.pk not in authors,
        "can_decide": access.can(Perm.DECIDE) and access.user.pk not in authors,
        "comments": assessment.comments.select_related("author", "risk"),
        "history": AuditEntry.objects.filter(
            agency=access.agency, target_type="risk.riskassessment", target_id=str(assessment.pk)
        ).order_by("-seq")[:30],
        "versions": assessment.system.risk_assessments.all(),
        "custom_form": CustomRiskForm(),
        "comment_form": CommentForm(),
        "return_form": ReturnForm(),
        "review_form": ReviewForm(),
        "decision_form": DecisionForm(),
    }


def risk_context(access: AgencyAccess, assessment: RiskAssessment, risk: Risk) -> dict[str, Any]:
    from rai_toolkit.risk.forms import MitigationForm

    catalogue: Catalogue = assessment.catalogue.catalogue
    item = catalogue.item(risk.item) if risk.item else None
    reader = current_reader()
    titles = reader.titles() if reader else {}
    suggested = list(item.practices) if item else []
    practices = [(p, titles.get(p, p)) for p in suggested] + sorted(
        ((k, t) for k, t in titles.items() if k.startswith("practice/") and k not in suggested),
        key=lambda pair: pair[1],
    )
    return {
        "access": access,
        "assessment": assessment,
        "system": assessment.system,
        "risk": risk,
        "item": item,
        "catalogue": catalogue,
        "principle_title": titles.get(risk.principle, risk.principle),
        "suggested": [(p, titles.get(p, p), reader.url(p) if reader else "") for p in suggested],
        "mitigations": risk.mitigations.select_related("owner"),
        "can_edit": selectors.can_edit(access, assessment),
        "mitigation_form": MitigationForm(agency=access.agency, practices=practices),
        "practices": practices,
        "comments": risk.comments.select_related("author"),
        "comment_form": CommentForm(initial={"risk": risk.pk}),
        "values": stored_values(risk),
        "severity_levels": SEVERITY_LEVELS,
    }


@dataclass(frozen=True)
class SeverityLevel:
    value: int
    title: StrOrPromise
    description: str = ""


SEVERITY_LEVELS = [
    SeverityLevel(1, _("Minimal")),
    SeverityLevel(2, _("Limited")),
    SeverityLevel(3, _("Serious")),
    SeverityLevel(4, _("Grave")),
    SeverityLevel(5, _("Critical")),
]


def stored_values(risk: Risk) -> dict[str, str]:
    """The rating form's values as text, so a refused post can show what was typed instead."""
    names = (*services.RATINGS, *services.TEXTS)
    values = {n: "" if getattr(risk, n) is None else str(getattr(risk, n)) for n in names}
    values["applicable"] = "true" if risk.applicable else "false"
    return values
