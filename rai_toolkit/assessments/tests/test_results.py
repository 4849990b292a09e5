"""Results: levels, the radar chart with its table, recommendations, comparison, exports,
and the roadmap the recommendations become."""

import csv
import io
import json

from conftest import Personas
from rai_toolkit.assessments import services
from rai_toolkit.assessments.models import Assessment, RoadmapAction
from rai_toolkit.assessments.testing import answer, client_for, started, url


def finalised(personas: Personas, policy: int, title: str) -> Assessment:
    assessment = started(personas.agency_a, personas.a_assessor, title)
    answer(assessment, "policy", policy, personas.a_assessor)
    answer(assessment, "controls", ["inventory", "quality"], personas.a_assessor)
    answer(assessment, "notes", "=1+1", personas.a_assessor)
    services.submit(assessment=assessment, by=personas.a_assessor)
    services.finalise(assessment=assessment, by=personas.a_reviewer)
    assessment.refresh_from_db()
    return assessment


def test_results_show_level_chart_table_and_the_change_since_last_time(
    personas: Personas,
) -> None:
    finalised(personas, 2, "Readiness 2025")
    latest = finalised(personas, 4, "Readiness 2026")
    page = client_for(personas.a_viewer).get(url(latest, "results/")).content.decode()
    assert '<svg class="radar-chart"' not in page  # two dimensions: a table, not a polygon
    assert "Governance" in page and "Data" in page
    assert "Previous finalised assessment (Readiness 2025)" in page
    # governance went from 2/8 to 8/8 with contract hidden: +75 points
    assert "+75.0" in page


def test_recommendations_come_most_urgent_first_and_can_be_adopted(personas: Personas) -> None:
    assessment = finalised(personas, 2, "Readiness 2025")
    client = client_for(personas.a_assessor)
    page = client.get(url(assessment, "results/")).content.decode()
    # recommendation/a: policy (weight 2, 3/4 short) + controls (1/4 short, data weight 2)
    assert page.index("recommendation/a") < page.index("recommendation/c")
    client.post(url(assessment, "adopt/"), {"recommendation": "recommendation/a"})
    action = RoadmapAction.objects.get()
    assert action.recommendation == "recommendation/a" and action.source == assessment
    again = client.post(
        url(assessment, "adopt/"), {"recommendation": "recommendation/a"}, follow=True
    )
    assert b"already on the roadmap" in again.content
    refused = client.post(
        url(assessment, "adopt/"), {"recommendation": "recommendation/zzz"}, follow=True
    )
    assert b"not among this assessment" in refused.content
    assert RoadmapAction.objects.count() == 1


def test_roadmap_actions_get_an_owner_due_date_and_status(personas: Personas) -> None:
    assessment = finalised(personas, 2, "Readiness 2025")
    services.adopt(
        agency=personas.agency_a,
        recommendation="recommendation/a",
        title="Policy",
        owner=None,
        due=None,
        source=assessment,
        by=personas.a_assessor,
    )
    action = RoadmapAction.objects.get()
    client = client_for(personas.a_assessor)
    prefix = f"a{action.pk}"
    response = client.post(
        f"/a/agency-a/roadmap/{action.pk}/",
        {
            f"{prefix}-title": "Write the AI policy",
            f"{prefix}-owner": personas.a_admin.pk,
            f"{prefix}-due": "2027-03-31",
            f"{prefix}-status": "in_progress",
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.owner, str(action.due), action.status) == (
        personas.a_admin,
        "2027-03-31",
        "in_progress",
    )
    bad = client.post(
        f"/a/agency-a/roadmap/{action.pk}/",
        {
            f"{prefix}-title": "Write the AI policy",
            f"{prefix}-owner": personas.b_member.pk,
            f"{prefix}-due": "soon",
            f"{prefix}-status": "in_progress",
        },
    )
    assert bad.status_code == 400 and b"soon" in bad.content
    action.refresh_from_db()
    assert action.owner == personas.a_admin
    dashboard = client.get("/a/agency-a/").content.decode()
    assert "Write the AI policy" in dashboard


def test_exports_carry_the_frozen_result_and_neutralise_formulas(personas: Personas) -> None:
    assessment = finalised(personas, 3, "Readiness 2025")
    client = client_for(personas.a_viewer)
    data = json.loads(client.get(url(assessment, "results.json")).content)
    assert data["content_hash"] == assessment.version.content_hash
    assert data["result"] == assessment.snapshot["result"]  # type: ignore[index]
    rows = list(
        csv.reader(io.StringIO(client.get(url(assessment, "results.csv")).content.decode()))
    )
    notes = next(r for r in rows if r[1] == "notes")
    assert notes[3] == "'=1+1"  # a formula typed as an answer stays text in a spreadsheet


def test_the_methodology_is_readable_by_anyone_in_their_language(client: object) -> None:
    page = client.get("/methodology/readiness/").content.decode()  # type: ignore[attr-defined]
    assert '<h1 class="h3">Organisational readiness self-assessment: methodology</h1>' in page
    assert "<strong>not</strong> the toolkit" in page and ".md</a>" not in page
