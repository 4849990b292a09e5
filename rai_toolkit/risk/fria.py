"""The FRIA's first draft, written from what the register and the risk assessment already say,
so the assessor completes it rather than starting from nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from rai_toolkit.risk.models import RiskAssessment


def prefill(assessment: RiskAssessment) -> dict[str, str]:
    system = assessment.system
    risks = [r for r in assessment.risks.all() if r.applicable]
    harms = "\n".join(
        f"- {r.title}" + (f" ({r.affected})" if r.affected else "") for r in risks[:40]
    )
    mitigations = "\n".join(f"- {m.description}" for r in risks for m in r.mitigations.all())
    return {
        "processes": _("%(purpose)s\n\nStage: %(stage)s. Output: %(effect)s.")
        % {
            "purpose": system.purpose,
            "stage": system.get_stage_display(),
            "effect": system.get_output_effect_display(),
        },
        "period": "",
        "categories": system.affected_groups,
        "harms": harms,
        "oversight": "",
        "measures": mitigations,
    }
