"""The register report: the agency's whole register, remade when a system changes, refused for
an empty register or another agency."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from conftest import Personas
from rai_toolkit.register.models import AISystem
from rai_toolkit.reports.models import Report
from rai_toolkit.reports.tests.conftest import Ask
from rai_toolkit.reports.tests.test_reports import pdf_text
from rai_toolkit.risk.models import RiskAssessment

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler")
@pytest.mark.parametrize(
    "language, words",
    [
        ("en", ["The systems", "Each system in detail", "High-risk", "Page 1 of"]),
        ("ar", ["Face Search Kappa", "1"]),
    ],
)
def test_the_register_report_lists_every_system_with_its_class_and_decision(
    decided: RiskAssessment,
    personas: Personas,
    login: Callable[..., Client],
    ask: Ask,
    tmp_path: Path,
    language: str,
    words: list[str],
) -> None:
    ask(login(personas.a_viewer), "register", personas.agency_a.pk, language)
    report = Report.objects.get(kind="register")
    assert report.status == "done", report.error
    text = pdf_text(report, tmp_path)
    for word in [*words, "Face Search Kappa", "INTERNAL"]:
        assert word in text, (language, word)


def test_the_register_report_is_remade_when_a_system_changes(
    decided: RiskAssessment, personas: Personas, login: Callable[..., Client], ask: Ask
) -> None:
    client = login(personas.a_viewer)
    ask(client, "register", personas.agency_a.pk, "en")
    ask(client, "register", personas.agency_a.pk, "en")
    assert Report.objects.filter(kind="register").count() == 1
    AISystem.objects.filter(pk=decided.system_id).update(purpose="A changed purpose.")
    ask(client, "register", personas.agency_a.pk, "en")
    assert Report.objects.filter(kind="register").count() == 2


def test_an_empty_register_or_another_agencys_register_gets_no_report(
    personas: Personas, login: Callable[..., Client], ask: Ask
) -> None:
    client = login(personas.a_viewer)
    response = client.get(reverse("reports:list", kwargs={"agency": "agency-a"}))
    assert b'value="register"' not in response.content
    ask(client, "register", personas.agency_a.pk, "en")
    ask(client, "register", personas.agency_b.pk, "en")
    assert not Report.objects.exists()
