"""Registering, changing and listing AI systems; what makes a reassessment due."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import Personas
from rai_toolkit.audit.models import Action, AuditEntry
from rai_toolkit.register.models import AISystem, Trigger
from rai_toolkit.register.testing import SYSTEM, make_system
from rai_toolkit.risk import services as risk

pytestmark = pytest.mark.django_db


def _form(**changes: object) -> dict[str, object]:
    data = {**SYSTEM, "status": "active", **changes}
    data.pop("use_case")
    return data


def test_an_assessor_registers_a_system(personas: Personas, login: Callable[..., Client]) -> None:
    url = reverse("register:create", kwargs={"agency": "agency-a"})
    response = login(personas.a_assessor).post(url, _form(owner=personas.a_admin.pk))
    system = AISystem.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/systems/{system.pk}/")
    assert system.agency == personas.agency_a and system.owner == personas.a_admin
    assert system.data_categories == ["personal", "biometric"]
    assert AuditEntry.objects.filter(action=Action.SYSTEM_REGISTERED).count() == 1


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"vendor": ""}, "Name the vendor"),
        ({"jurisdictions": []}, "at least one jurisdiction"),
        ({"stage": "nowhere"}, "Select a valid choice"),
        ({"data_categories": ["dna"]}, "Select a valid choice"),
        ({"stage": "retired", "status": "active"}, "cannot be active"),
        ({"owner": 999999}, "Select a valid choice"),
    ],
)
def test_bad_input_is_refused_with_a_reason_and_nothing_is_stored(
    personas: Personas, login: Callable[..., Client], changes: dict[str, object], message: str
) -> None:
    url = reverse("register:create", kwargs={"agency": "agency-a"})
    response = login(personas.a_assessor).post(url, _form(**changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert SYSTEM["purpose"] in response.content.decode()  # what was typed is shown again
    assert not AISystem.objects.exists()


def test_an_owner_from_another_agency_is_refused(
    personas: Personas, login: Callable[..., Client]
) -> None:
    url = reverse("register:create", kwargs={"agency": "agency-a"})
    response = login(personas.a_assessor).post(url, _form(owner=personas.b_member.pk))
    assert response.status_code == 400 and not AISystem.objects.exists()


def test_a_new_model_version_of_an_assessed_system_makes_reassessment_due_now(
    personas: Personas, login: Callable[..., Client]
) -> None:
    system = make_system(personas.agency_a, personas.a_assessor, use_case="")
    risk.start(system=system, by=personas.a_assessor)
    AISystem.objects.filter(pk=system.pk).update(
        reassess_by=timezone.localdate() + datetime.timedelta(days=200)
    )
    url = reverse("register:edit", kwargs={"agency": "agency-a", "pk": system.pk})
    response = login(personas.a_assessor).post(url, _form(model_version="5.0"))
    assert response.status_code == 302
    trigger = Trigger.objects.get()
    assert trigger.kind == Trigger.Kind.MODEL_VERSION and "model_version" in trigger.note
    assert AISystem.objects.get(pk=system.pk).reassess_by == timezone.localdate()


def test_a_change_before_any_assessment_raises_no_trigger(
    personas: Personas, login: Callable[..., Client]
) -> None:
    system = make_system(personas.agency_a, personas.a_assessor)
    url = reverse("register:edit", kwargs={"agency": "agency-a", "pk": system.pk})
    login(personas.a_assessor).post(url, _form(model_version="5.0", timing="real_time"))
    assert not Trigger.objects.exists()
    entry = AuditEntry.objects.filter(action=Action.SYSTEM_CHANGED).get()
    assert entry.changes["model_version"] == {"old": "4.2", "new": "5.0"}


def test_an_incident_recorded_by_hand_makes_reassessment_due(
    personas: Personas, login: Callable[..., Client]
) -> None:
    system = make_system(personas.agency_a, personas.a_assessor)
    url = reverse("register:trigger", kwargs={"agency": "agency-a", "pk": system.pk})
    client = login(personas.a_assessor)
    assert client.post(url, {"kind": "meteor"}).status_code == 400
    assert not Trigger.objects.exists()
    client.post(url, {"kind": "incident", "note": "Wrong match led to a stop"})
    assert AISystem.objects.get(pk=system.pk).reassess_by == timezone.localdate()
    assert AISystem.objects.due_now().count() == 1


def test_the_list_filters_by_stage_risk_class_and_overdue(
    personas: Personas, login: Callable[..., Client]
) -> None:
    a = make_system(personas.agency_a, personas.a_assessor, name="Alpha")
    make_system(personas.agency_a, personas.a_assessor, name="Bravo", stage="design")
    make_system(personas.agency_b, personas.b_member, name="Outsider system")
    AISystem.objects.filter(pk=a.pk).update(
        risk_level="high",
        regulatory_class="high_risk",
        reassess_by=timezone.localdate() - datetime.timedelta(days=1),
    )
    client = login(personas.a_viewer)
    url = reverse("register:list", kwargs={"agency": "agency-a"})

    def names(query: str) -> set[str]:
        return {s.name for s in client.get(f"{url}?{query}").context["systems"]}

    assert names("") == {"Alpha", "Bravo"}
    assert names("stage=design") == {"Bravo"}
    assert names("risk=high") == {"Alpha"}
    assert names("risk=none") == {"Bravo"}
    assert names("regulatory=high_risk") == {"Alpha"}
    assert names("regulatory=none") == {"Bravo"}
    assert names("overdue=on") == {"Alpha"}
    assert names("stage=bogus") == {"Alpha", "Bravo"}  # an unknown filter is ignored


def test_the_list_reads_a_fixed_number_of_queries(
    personas: Personas, login: Callable[..., Client]
) -> None:
    client = login(personas.a_viewer)
    url = reverse("register:list", kwargs={"agency": "agency-a"})

    def count() -> int:
        client.get(url)  # new data: the layout's cached parts are rebuilt once
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    for n in range(3):
        make_system(personas.agency_a, personas.a_assessor, name=f"S{n}", owner=personas.a_admin)
    few = count()
    for n in range(3, 12):
        make_system(personas.agency_a, personas.a_assessor, name=f"S{n}", owner=personas.a_viewer)
    assert count() == few


def test_the_dashboard_shows_systems_by_stage_and_overdue_reassessments(
    personas: Personas, login: Callable[..., Client]
) -> None:
    system = make_system(personas.agency_a, personas.a_assessor, name="Alpha")
    AISystem.objects.filter(pk=system.pk).update(
        reassess_by=timezone.localdate() - datetime.timedelta(days=3)
    )
    page = login(personas.a_viewer).get(
        reverse("agencies:dashboard", kwargs={"agency": "agency-a"})
    )
    text = page.content.decode()
    assert "1 reassessment overdue" in text and "Deployment" in text


def test_attachments_are_checked_and_served_only_to_the_agency(
    personas: Personas, login: Callable[..., Client]
) -> None:
    system = make_system(personas.agency_a, personas.a_assessor)
    url = reverse("register:add_attachment", kwargs={"agency": "agency-a", "pk": system.pk})
    client = login(personas.a_assessor)
    fake = SimpleUploadedFile("contract.pdf", b"MZ not a pdf", content_type="application/pdf")
    client.post(url, {"file": fake})
    assert not system.attachments.exists()
    real = SimpleUploadedFile("contract.pdf", b"%PDF-1.7 contract", content_type="application/pdf")
    client.post(url, {"file": real})
    attachment = system.attachments.get()
    download = reverse(
        "register:attachment", kwargs={"agency": "agency-a", "pk": system.pk, "file": attachment.pk}
    )
    assert b"".join(client.get(download).streaming_content) == b"%PDF-1.7 contract"  # type: ignore[attr-defined]
    assert login(personas.b_member).get(download).status_code == 404


def test_the_daily_command_records_a_period_trigger_once_per_overdue_system(
    personas: Personas,
) -> None:
    import io

    from django.core.management import call_command

    late = make_system(personas.agency_a, personas.a_assessor, name="Late")
    make_system(personas.agency_a, personas.a_assessor, name="On time")
    AISystem.objects.filter(pk=late.pk).update(
        reassess_by=timezone.localdate() - datetime.timedelta(days=2)
    )
    out = io.StringIO()
    call_command("raise_due_reassessments", stdout=out)
    call_command("raise_due_reassessments", stdout=out)
    assert Trigger.objects.filter(kind=Trigger.Kind.PERIOD).count() == 1
    assert Trigger.objects.get().system_id == late.pk
    assert "1 system(s)" in out.getvalue() and "0 system(s)" in out.getvalue()
