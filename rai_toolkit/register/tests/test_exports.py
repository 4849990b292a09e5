"""The register as JSON: every system of the agency and nothing of another's."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from conftest import Personas
from rai_toolkit.audit.models import Action, AuditEntry
from rai_toolkit.register.testing import make_system

pytestmark = pytest.mark.django_db


def test_the_register_export_holds_the_agencys_systems_under_a_versioned_schema(
    personas: Personas, login: Callable[..., Client]
) -> None:
    make_system(personas.agency_a, personas.a_assessor, name="Plate Reader Mu")
    make_system(personas.agency_b, personas.b_member, name="Other Agency Nu")
    url = reverse("register:export_json", kwargs={"agency": "agency-a"})
    response = login(personas.a_viewer).get(url)
    data = json.loads(response.content)
    assert response["Content-Disposition"].startswith("attachment")
    assert data["schema"] == "rai-toolkit/register/1"
    assert [s["name"] for s in data["systems"]] == ["Plate Reader Mu"]
    system = data["systems"][0]
    assert {"purpose", "stage", "screening", "decided_versions", "attachments"} <= set(system)
    assert AuditEntry.objects.filter(action=Action.REGISTER_EXPORTED).count() == 1
