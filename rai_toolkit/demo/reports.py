"""Demo reports: the face search's risk report in English and Arabic and the register report,
so a newcomer has finished PDFs to open (rendered when the seed's transaction commits)."""

from __future__ import annotations

from django.http import HttpRequest

from rai_toolkit.agencies.access import AgencyAccess
from rai_toolkit.agencies.models import Agency, Membership
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
