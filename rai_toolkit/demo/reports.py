"""Demo reports: the face search's risk report in English and Arabic, the register report and
the latest readiness report, so a newcomer has finished PDFs to open (rendered when the seed's
transaction commits)."""

from __future__ import annotations

from django.http import HttpRequest

from rai_toolkit.agencies.access import AgencyAccess
from rai_toolkit.agencies.models import Agency, Membership
from rai_toolkit.assessments.models import Assessment
from rai_toolkit.reports import services as reports
from rai_toolkit.reports.models import Kind, Report
from rai_toolkit.risk.models import RiskAssessment


def seed_reports(agency: Agency) -> None:
    if Report.objects.filter(agency=agency).exists():
        return
    membership = Membership.objects.select_related("user", "agency").get(
        agency=agency, user__email="admin@demo-police.example"
    )
    access = AgencyAccess(request=HttpRequest(), membership=membership)
    face_search = (
        RiskAssessment.objects.decided()
        .filter(agency=agency, system__name__startswith="FaceSearch")
        .order_by("number")
        .first()
    )
    if face_search is not None:
        for language in ("en", "ar"):
            reports.request(
                access=access, kind=Kind.RISK, object_id=face_search.pk, language=language
            )
    reports.request(access=access, kind=Kind.REGISTER, object_id=agency.pk, language="en")
    readiness = Assessment.objects.finalised().filter(agency=agency).order_by("-finalised_at")
    for assessment in readiness[:1]:
        reports.request(access=access, kind=Kind.READINESS, object_id=assessment.pk, language="en")
