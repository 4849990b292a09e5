"""The risk pages: heat maps with their tables, the FRIA, exports, the agency's risk register."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import Personas
from rai_toolkit.risk import services
from rai_toolkit.risk.models import Fria, Mitigation, RiskAssessment
from rai_toolkit.risk.testing import complete
from rai_toolkit.screening.testing import screened_system

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessment(personas: Personas) -> RiskAssessment:
    found = screened_system(personas.agency_a, personas.a_assessor, use_case="")
    return services.start(system=found.system, by=personas.a_assessor)


def _url(name: str, assessment: RiskAssessment, **kwargs: object) -> str:
    return reverse(name, kwargs={"agency": "agency-a", "pk": assessment.pk, **kwargs})


def _decide(assessment: RiskAssessment, personas: Personas) -> None:
    complete(assessment, personas.a_assessor)
    services.submit(assessment=assessment, by=personas.a_assessor)
    services.review(assessment=assessment, note="", by=personas.a_reviewer)
    services.decide(
        assessment=assessment, decision="conditions", conditions="c", note="", by=personas.a_leader
    )


def test_the_overview_draws_both_heat_maps_with_a_table_for_screen_readers(
    assessment: RiskAssessment, personas: Personas, login: Callable[..., Client]
) -> None:
    complete(assessment, personas.a_assessor)
    text = login(personas.a_viewer).get(_url("risk:detail", assessment)).content.decode()
    assert text.count('class="heat-map"') == 2
    assert 'id="map-inherent-table"' in text and 'id="map-residual-table"' in text
    rated = assessment.risks.count()
    assert f"{rated} rated" in text


def test_the_fria_is_prefilled_from_the_register_and_saved_with_its_revision(
    assessment: RiskAssessment, personas: Personas, login: Callable[..., Client]
) -> None:
    client = login(personas.a_assessor)
    page = client.get(_url("risk:fria", assessment)).content.decode()
    assert assessment.system.purpose in page
    fria = Fria.objects.get(assessment=assessment)
    data = {name: f"Text for {name}" for name in Fria.FIELDS}
    response = client.post(_url("risk:save_fria", assessment), {**data, "revision": fria.revision})
    assert response.status_code == 302
    stale = client.post(_url("risk:save_fria", assessment), {**data, "revision": fria.revision})
    assert stale.status_code == 409
    exported = json.loads(client.get(_url("risk:fria_json", assessment)).content)
    assert [s["point"] for s in exported["sections"]] == list("abcdef")
    assert exported["sections"][0]["text"] == "Text for processes"


def test_the_fria_is_required_by_the_screening_before_submission(
    assessment: RiskAssessment, personas: Personas
) -> None:
    complete(assessment, personas.a_assessor)
    Fria.objects.filter(assessment=assessment).update(oversight="")
    problems = services.problems(assessment)
    assert any("Art. 27" in p and "(e)" in p for p in problems)


def test_the_export_of_a_decided_version_is_its_snapshot(
    assessment: RiskAssessment, personas: Personas, login: Callable[..., Client]
) -> None:
    _decide(assessment, personas)
    data = json.loads(login(personas.a_viewer).get(_url("risk:export_json", assessment)).content)
    assert data["locked"] is True and data["schema"] == "rai-toolkit/risk-assessment/1"
    assert data["catalogue"]["content_hash"] == assessment.catalogue.content_hash
    assert data["screening"]["eu_class"] == "high_risk"


def test_mitigation_progress_is_tracked_after_the_decision_but_not_its_plan(
    assessment: RiskAssessment, personas: Personas, login: Callable[..., Client]
) -> None:
    risk = assessment.risks.first()
    assert risk is not None
    mitigation = services.add_mitigation(
        risk=risk,
        description="Blind second examiner",
        practice="",
        owner=personas.a_assessor,
        due=timezone.localdate() + datetime.timedelta(days=30),
        by=personas.a_assessor,
    )
    _decide(assessment, personas)
    client = login(personas.a_assessor)
    url = _url("risk:update_mitigation", assessment, mitigation=mitigation.pk)
    base = {"owner": personas.a_assessor.pk, "due": mitigation.due.isoformat()}
    client.post(url, {**base, "status": "done"})
    assert Mitigation.objects.get(pk=mitigation.pk).status == "done"
    client.post(url, {**base, "status": "done", "owner": personas.a_admin.pk})
    assert Mitigation.objects.get(pk=mitigation.pk).owner == personas.a_assessor


def test_comments_are_refused_once_the_version_is_locked(
    assessment: RiskAssessment, personas: Personas, login: Callable[..., Client]
) -> None:
    client = login(personas.a_reviewer)
    client.post(_url("risk:comment", assessment), {"body": "Scope seems low"})
    assert assessment.comments.count() == 1
    _decide(assessment, personas)
    client.post(_url("risk:comment", assessment), {"body": "Too late"})
    assert assessment.comments.count() == 1


def test_the_agency_risk_register_lists_current_risks_at_a_fixed_query_count(
    personas: Personas, login: Callable[..., Client]
) -> None:
    client = login(personas.a_viewer)
    url = reverse("risk:register", kwargs={"agency": "agency-a"})

    def count() -> int:
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    first = screened_system(personas.agency_a, personas.a_assessor, use_case="", name="One")
    complete(services.start(system=first.system, by=personas.a_assessor), personas.a_assessor)
    few = count()
    for name in ("Two", "Three"):
        more = screened_system(personas.agency_a, personas.a_assessor, use_case="", name=name)
        complete(services.start(system=more.system, by=personas.a_assessor), personas.a_assessor)
    assert count() == few
    outsider = screened_system(personas.agency_b, personas.b_member, use_case="", name="Hidden")
    services.start(system=outsider.system, by=personas.b_member)
    text = client.get(url).content.decode()
    assert "One" in text and "Hidden" not in text
    assert client.get(f"{url}?level=very_high&principle=bogus").status_code == 200


def test_a_mitigation_chosen_from_the_toolkit_takes_the_practice_name(
    assessment: RiskAssessment, personas: Personas, login: Callable[..., Client]
) -> None:
    risk = assessment.risks.exclude(item="").first()
    assert risk is not None
    practice = assessment.catalogue.catalogue.item(risk.item).practices[0]
    due = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
    url = _url("risk:add_mitigation", assessment, risk=risk.pk)
    client = login(personas.a_assessor)
    empty = client.post(url, {"owner": personas.a_assessor.pk, "due": due})
    assert empty.status_code == 400 and "Describe the mitigation" in empty.content.decode()
    client.post(url, {"practice": practice, "owner": personas.a_assessor.pk, "due": due})
    mitigation = Mitigation.objects.get(risk=risk)
    assert mitigation.practice == practice and mitigation.description


def test_the_risk_register_csv_neutralises_formulas(
    assessment: RiskAssessment, personas: Personas, login: Callable[..., Client]
) -> None:
    risk = assessment.risks.first()
    assert risk is not None
    type(risk).objects.filter(pk=risk.pk).update(title='=HYPERLINK("http://x")')
    for prefix, title in (("+", "+1"), ("-", "-2"), ("@", "@SUM(A1)")):
        services.add_risk(
            assessment=assessment,
            title=title,
            principle="principle/fairness/equality-and-non-discrimination",
            description=prefix,
            affected="",
            by=personas.a_assessor,
        )
    url = reverse("risk:register_csv", kwargs={"agency": "agency-a"})
    text = login(personas.a_viewer).get(url).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'+1" in text and "'-2" in text and "'@SUM(A1)" in text
    assert "\n=" not in text and ",=" not in text
