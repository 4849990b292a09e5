"""Shared by the report tests: a decided risk assessment, and asking for a report."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from conftest import Personas
from rai_toolkit.risk import services as risk
from rai_toolkit.risk.models import RiskAssessment
from rai_toolkit.risk.testing import signed_off
from rai_toolkit.screening.testing import screened_system


@pytest.fixture
def decided(personas: Personas) -> RiskAssessment:
    call_command("load_toolkit", "--publish", stdout=open("/dev/null", "w"))  # noqa: SIM115
    found = screened_system(personas.agency_a, personas.a_assessor, name="Face Search Kappa")
    assessment = risk.start(system=found.system, by=personas.a_assessor)
    return signed_off(
        assessment,
        author=personas.a_assessor,
        reviewer=personas.a_reviewer,
        leader=personas.a_leader,
    )


Ask = Callable[[Client, str, int, str], Any]


@pytest.fixture
def ask(django_capture_on_commit_callbacks: Any) -> Ask:
    """Post a report request; the immediate task backend runs when its transaction commits."""

    def ask(client: Client, kind: str, pk: int, language: str) -> Any:
        url = reverse("reports:request", kwargs={"agency": "agency-a"})
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, {"kind": kind, "object_id": pk, "language": language})

    return ask
