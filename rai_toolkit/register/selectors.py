"""What the register's pages read, at a fixed number of queries."""

from __future__ import annotations

from django.db.models import QuerySet

from rai_toolkit.agencies.access import AgencyAccess
from rai_toolkit.register.forms import FilterForm
from rai_toolkit.register.models import AISystem


def filtered(access: AgencyAccess, form: FilterForm) -> QuerySet[AISystem]:
    systems = AISystem.objects.filter(agency=access.agency).select_related("owner")
    if not form.is_valid():
        return systems
    data = form.cleaned_data
    if data["stage"]:
        systems = systems.filter(stage=data["stage"])
    if data["risk"]:
        systems = systems.filter(risk_level="" if data["risk"] == "none" else data["risk"])
    if data["regulatory"]:
        wanted = "" if data["regulatory"] == "none" else data["regulatory"]
        systems = systems.filter(regulatory_class=wanted)
    if data["overdue"]:
        systems = systems.overdue()
    return systems


def system_or_404(access: AgencyAccess, pk: int) -> AISystem:
    return access.get(AISystem.objects.select_related("owner", "agency"), pk=pk)
