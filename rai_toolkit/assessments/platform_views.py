from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from rai_toolkit.accounts.access import platform_view
from rai_toolkit.accounts.models import PlatformRole
from rai_toolkit.assessments.distribution import MINIMUM_GROUP, distribution
from rai_toolkit.questionnaires.models import Questionnaire


@platform_view(PlatformRole.PLATFORM_ADMIN)
@require_GET
def distribution_page(request: HttpRequest) -> HttpResponse:
    groups, left_out = distribution()
    readiness = Questionnaire.objects.filter(key="readiness", agency__isnull=True).first()
    latest = readiness.latest() if readiness else None
    context = {
        "groups": groups,
        "left_out": left_out,
        "minimum": MINIMUM_GROUP,
        "scoring": latest.parsed.scoring if latest else None,
    }
    return render(request, "assessments/distribution.html", context)
