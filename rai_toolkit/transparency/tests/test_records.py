"""Public records: made without anything internal or restricted, reviewed and published by an
agency administrator, readable by anyone, unpublished on request, earlier versions kept."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from conftest import Personas
from rai_toolkit.risk import services as risk
from rai_toolkit.risk.testing import signed_off
from rai_toolkit.screening.testing import screened_system
from rai_toolkit.transparency import services
from rai_toolkit.transparency.models import TransparencyRecord

pytestmark = pytest.mark.django_db
SECRET_MODEL = "fs-net-internal-build"


@pytest.fixture
def system_with_decision(personas: Personas) -> object:
    found = screened_system(
        personas.agency_a, personas.a_assessor, model_name=SECRET_MODEL, owner=personas.a_admin
    )
    assessment = risk.start(system=found.system, by=personas.a_assessor)
    signed_off(
        assessment,
        author=personas.a_assessor,
        reviewer=personas.a_reviewer,
        leader=personas.a_leader,
        conditions="Secret operational condition",
    )
    return found.system


def test_a_draft_leaves_out_every_field_that_is_not_public(
    system_with_decision: object, personas: Personas
) -> None:
    record = services.draft(system=system_with_decision, by=personas.a_assessor)  # type: ignore[arg-type]
    text = json.dumps(record.data)
    assert SECRET_MODEL not in text and "Secret operational condition" not in text
    assert "A Admin" not in text  # the owner is internal
    assert record.data["system.name"] == "Retrospective face search"
    assert record.data["risk.decision"]["decision"] == "conditions"


def test_publishing_a_record_that_holds_restricted_fields_is_refused(
    system_with_decision: object, personas: Personas
) -> None:
    record = services.draft(system=system_with_decision, by=personas.a_assessor)  # type: ignore[arg-type]
    TransparencyRecord.objects.filter(pk=record.pk).update(
        data={**record.data, "system.model": SECRET_MODEL}
    )
    with pytest.raises(ValidationError, match=r"system\.model"):
        services.publish(record=record, by=personas.a_admin)
    assert TransparencyRecord.objects.get(pk=record.pk).status == "draft"


def test_published_records_are_public_and_unpublishing_hides_them(
    system_with_decision: object, personas: Personas, client: Client, login: Callable[..., Client]
) -> None:
    first = services.draft(system=system_with_decision, by=personas.a_assessor)  # type: ignore[arg-type]
    admin = login(personas.a_admin)
    admin.post(reverse("transparency:publish", kwargs={"agency": "agency-a", "pk": first.pk}))
    second = services.draft(system=system_with_decision, by=personas.a_assessor)  # type: ignore[arg-type]
    services.publish(record=second, by=personas.a_admin)
    assert TransparencyRecord.objects.get(pk=first.pk).status == "superseded"
    client.logout()
    page = client.get(reverse("transparency:public", kwargs={"agency": "agency-a"}))
    assert page.status_code == 200 and "Retrospective face search" in page.content.decode()
    assert SECRET_MODEL not in page.content.decode()
    url = reverse("transparency:record_json", kwargs={"agency": "agency-a", "pk": second.pk})
    data = json.loads(client.get(url).content)
    assert data["schema"] == "rai-toolkit/transparency-record/1" and data["version"] == 2
    old = reverse("transparency:record_json", kwargs={"agency": "agency-a", "pk": first.pk})
    assert client.get(old).status_code == 404
    services.unpublish(record=second, by=personas.a_admin)
    assert client.get(url).status_code == 404


def test_only_an_agency_administrator_publishes(
    system_with_decision: object, personas: Personas, login: Callable[..., Client]
) -> None:
    record = services.draft(system=system_with_decision, by=personas.a_assessor)  # type: ignore[arg-type]
    url = reverse("transparency:publish", kwargs={"agency": "agency-a", "pk": record.pk})
    assert login(personas.a_assessor).post(url).status_code == 403
    assert TransparencyRecord.objects.get(pk=record.pk).status == "draft"


def test_an_agency_can_make_a_field_public_or_keep_one_back(
    system_with_decision: object, personas: Personas, login: Callable[..., Client]
) -> None:
    from rai_toolkit.reports.sensitivity import DEFAULTS, for_agency

    url = reverse("reports:sensitivities", kwargs={"agency": "agency-a"})
    levels = {**DEFAULTS, "system.model": "public", "system.vendor": "restricted"}
    admin = login(personas.a_admin)
    assert admin.post(url, {**levels, "system.purpose": "secret"}).status_code == 400
    assert for_agency(personas.agency_a)["system.purpose"] == "public"
    assert admin.post(url, levels).status_code == 302
    record = services.draft(system=system_with_decision, by=personas.a_assessor)  # type: ignore[arg-type]
    assert SECRET_MODEL in record.data["system.model"]
    assert "system.vendor" not in record.data
    assert for_agency(personas.agency_b)["system.model"] == "internal"  # other agencies unchanged
