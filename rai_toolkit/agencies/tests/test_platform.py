from collections.abc import Callable

from django.core import mail
from django.test import Client

from conftest import Personas
from rai_toolkit.accounts.models import User
from rai_toolkit.agencies.models import Agency, Invitation
from rai_toolkit.audit.models import Action, AuditEntry


def test_platform_admin_creates_an_agency_and_invites_its_admin(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    response = login(personas.platform_admin).post(
        "/platform/agencies/",
        {
            "name": "Agency C Customs",
            "country": "MA",
            "kind": "customs",
            "default_language": "ar",
            "admin_email": "chief@agency-c.example",
        },
    )
    assert response.status_code == 302
    agency = Agency.objects.get(name="Agency C Customs")
    assert agency.slug == "agency-c-customs"
    invitation = Invitation.objects.get(agency=agency)
    assert (invitation.email, invitation.role) == ("chief@agency-c.example", "admin")
    assert mail.outbox[-1].subject.startswith("[") or "Agency C Customs" in mail.outbox[-1].subject
    assert AuditEntry.objects.filter(action=Action.AGENCY_CREATED, agency=agency).exists()


def test_same_name_gets_a_distinct_link(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    data = {
        "name": "Agency A",
        "country": "FR",
        "kind": "other",
        "default_language": "en",
        "admin_email": "x@a.example",
    }
    login(personas.platform_admin).post("/platform/agencies/", data)
    assert sorted(Agency.objects.filter(name="Agency A").values_list("slug", flat=True)) == [
        "agency-a",
        "agency-a-2",
    ]


def test_incomplete_agency_form_creates_nothing(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    response = login(personas.platform_admin).post(
        "/platform/agencies/", {"name": "", "country": "ZZ", "admin_email": "nope"}
    )
    assert response.status_code == 400
    assert Agency.objects.count() == 2


def test_agency_admins_are_not_platform_admins(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    assert login(personas.a_admin).get("/platform/agencies/").status_code == 403
    assert AuditEntry.objects.filter(action=Action.ACCESS_DENIED, actor=personas.a_admin).exists()
