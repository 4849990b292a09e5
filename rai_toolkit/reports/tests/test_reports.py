"""Reports: made only from decided or finalised work, once per content and language, with the
expected sections, names and figures in every language, and a marking on every page."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from conftest import Personas
from rai_toolkit.audit.models import Action, AuditEntry
from rai_toolkit.reports.models import Report
from rai_toolkit.reports.tests.conftest import Ask
from rai_toolkit.risk import services as risk
from rai_toolkit.risk.models import RiskAssessment
from rai_toolkit.screening.testing import screened_system

pytestmark = pytest.mark.django_db
needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler")


def pdf_text(report: Report, tmp_path: Path) -> str:
    path = tmp_path / f"{report.pk}.pdf"
    path.write_bytes(report.pdf.read())
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@needs_pdftotext
@pytest.mark.parametrize(
    "language, words",
    [
        ("en", ["Executive summary", "Questions and answers", "Annex III", "Page 1 of"]),
        ("fr", ["Synthèse", "Annex III", "Page 1 sur"]),
        ("es", ["Resumen", "Annex III", "Página 1 de"]),
        ("ar", ["الملخص", "1"]),
    ],
)
def test_the_risk_report_holds_its_sections_names_and_figures_in_each_language(
    decided: RiskAssessment,
    personas: Personas,
    login: Callable[..., Client],
    ask: Ask,
    tmp_path: Path,
    language: str,
    words: list[str],
) -> None:
    response = ask(login(personas.a_viewer), "risk", decided.pk, language)
    report = Report.objects.get()
    assert response.status_code == 302
    assert report.status == "done", report.error
    text = pdf_text(report, tmp_path)
    for word in [*words, "Face Search Kappa", "INTERNAL", "Two examiners confirm"]:
        assert word in text, (language, word)
    assert AuditEntry.objects.filter(action=Action.REPORT_REQUESTED).exists()


def test_a_report_is_written_once_per_content_and_language(
    decided: RiskAssessment, personas: Personas, login: Callable[..., Client], ask: Ask
) -> None:
    client = login(personas.a_viewer)
    ask(client, "risk", decided.pk, "en")
    ask(client, "risk", decided.pk, "en")
    ask(client, "fria", decided.pk, "en")
    assert Report.objects.filter(kind="risk").count() == 1
    assert Report.objects.filter(kind="fria", status="done").count() == 1


@pytest.mark.parametrize(
    "changes, message",
    [({"language": "de"}, "English, French, Spanish or Arabic"), ({"kind": "novel"}, "")],
)
def test_bad_requests_are_refused_and_nothing_is_made(
    decided: RiskAssessment,
    personas: Personas,
    login: Callable[..., Client],
    changes: dict[str, str],
    message: str,
) -> None:
    url = reverse("reports:request", kwargs={"agency": "agency-a"})
    data = {"kind": "risk", "object_id": decided.pk, "language": "en", **changes}
    response = login(personas.a_viewer).post(url, data, follow=True)
    assert message in response.content.decode()
    assert not Report.objects.exists()


def test_a_draft_has_no_report(personas: Personas, login: Callable[..., Client], ask: Ask) -> None:
    found = screened_system(personas.agency_a, personas.a_assessor)
    draft = risk.start(system=found.system, by=personas.a_assessor)
    response = ask(login(personas.a_viewer), "risk", draft.pk, "en")
    assert response.status_code == 302
    assert not Report.objects.exists()
    url = reverse(
        "reports:printable",
        kwargs={"agency": "agency-a", "kind": "risk", "pk": draft.pk, "language": "en"},
    )
    assert login(personas.a_viewer).get(url).status_code == 404


def test_the_printable_page_is_the_same_report_in_html(
    decided: RiskAssessment, personas: Personas, login: Callable[..., Client]
) -> None:
    url = reverse(
        "reports:printable",
        kwargs={"agency": "agency-a", "kind": "risk", "pk": decided.pk, "language": "ar"},
    )
    page = login(personas.a_viewer).get(url).content.decode()
    assert 'lang="ar" dir="rtl"' in page and "Face Search Kappa" in page
    assert 'role="img"' in page and "INTERNAL" in page


def test_outsiders_cannot_ask_for_another_agencys_report(
    decided: RiskAssessment, personas: Personas, login: Callable[..., Client]
) -> None:
    url = reverse("reports:request", kwargs={"agency": "agency-b"})
    login(personas.b_member).post(url, {"kind": "risk", "object_id": decided.pk, "language": "en"})
    assert not Report.objects.exists()


def test_the_system_check_names_the_packages_when_weasyprint_cannot_load(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sys

    from rai_toolkit.reports.checks import weasyprint_loads

    assert weasyprint_loads() == []
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as if its libraries were missing
    (warning,) = weasyprint_loads()
    assert "libpango-1.0-0" in (warning.hint or "") and warning.id == "reports.W001"


def test_the_marking_is_the_highest_sensitivity_included() -> None:
    from rai_toolkit.reports.sensitivity import highest, label

    assert highest(["system.name", "system.purpose"]) == "public"
    assert highest(["system.name", "risk.risks"]) == "internal"
    assert highest(["system.name", "something.unlisted"]) == "restricted"
    assert label("internal") == "INTERNAL"


def test_the_trend_chart_shows_each_decided_version_once_there_are_two(
    decided: RiskAssessment, personas: Personas, login: Callable[..., Client]
) -> None:
    from rai_toolkit.risk.testing import signed_off

    def page(pk: int) -> str:
        kwargs = {"agency": "agency-a", "kind": "risk", "pk": pk, "language": "en"}
        return (
            login(personas.a_viewer)
            .get(reverse("reports:printable", kwargs=kwargs))
            .content.decode()
        )

    assert 'class="trend-chart"' not in page(decided.pk)
    second = signed_off(
        risk.start(system=decided.system, by=personas.a_assessor),
        author=personas.a_assessor,
        reviewer=personas.a_reviewer,
        leader=personas.a_leader,
    )
    shown = page(second.pk)
    assert 'class="trend-chart"' in shown and ">v1</text>" in shown and ">v2</text>" in shown
    assert shown.count("<circle") == 2
