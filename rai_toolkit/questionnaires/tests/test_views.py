"""Agencies add SurveyJS questionnaires of their own, run them, and export any version."""

import json

from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import Personas
from rai_toolkit.assessments.testing import client_for
from rai_toolkit.questionnaires.models import Questionnaire, QuestionnaireVersion
from rai_toolkit.questionnaires.tests.helpers import FILES


def upload(client: object, content: bytes, name: str = "aia.json") -> object:
    return client.post(  # type: ignore[attr-defined]
        "/a/agency-a/questionnaires/upload/", {"file": SimpleUploadedFile(name, content)}
    )


def test_a_canada_file_is_added_run_and_scored(personas: Personas) -> None:
    client = client_for(personas.a_assessor)
    response = upload(client, (FILES / "canada_small.json").read_bytes())
    assert response.status_code == 302  # type: ignore[attr-defined]
    version = QuestionnaireVersion.objects.get(questionnaire__agency=personas.agency_a)
    assert version.parsed.scoring.method == "canada-aia"
    again = upload(client, (FILES / "canada_small.json").read_bytes())
    assert again.status_code == 302 and QuestionnaireVersion.objects.count() == 1  # type: ignore[attr-defined]
    client.post("/a/agency-a/assessments/new/", {"version": version.pk, "title": "AIA"})
    assessment = personas.agency_a.assessments.get()
    base = f"/a/agency-a/assessments/{assessment.pk}/q/"
    client.post(f"{base}r1/answer/", {"value": "item1-3"})
    client.post(f"{base}r2/answer/", {"value": ["item1-2", "item2-3"]})
    client.post(f"{base}extra-RS/answer/", {"value": "item1-2"})
    client.post(f"{base}m1/answer/", {"value": "item1-2"})
    page = client.get(f"/a/agency-a/assessments/{assessment.pk}/results/").content.decode()
    assert "Level III" in page and "10 / 14" in page and ">9<" in page


def test_a_file_we_cannot_run_is_refused_with_the_reason_and_nothing_is_stored(
    personas: Personas,
) -> None:
    data = json.loads((FILES / "canada_small.json").read_text())
    data["pages"][1]["elements"].append({"type": "signaturepad", "name": "sign"})
    response = upload(client_for(personas.a_assessor), json.dumps(data).encode())
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert b"the question type &#x27;signaturepad&#x27; is not supported" in response.content  # type: ignore[attr-defined]
    bad = upload(client_for(personas.a_assessor), b"{not json")
    assert b"not valid JSON" in bad.content  # type: ignore[attr-defined]
    assert not Questionnaire.objects.exists()


def test_an_upload_is_private_to_its_agency(personas: Personas) -> None:
    upload(client_for(personas.a_assessor), (FILES / "canada_small.json").read_bytes())
    version = QuestionnaireVersion.objects.get()
    own = client_for(personas.a_viewer).get(
        f"/a/agency-a/questionnaires/{version.pk}/surveyjs.json"
    )
    assert own.status_code == 200 and json.loads(own.content) == version.definition
    outsider = client_for(personas.b_member)
    assert outsider.get(f"/a/agency-b/questionnaires/{version.pk}/surveyjs.json").status_code == 404
    assert b"Small impact" not in outsider.get("/a/agency-b/questionnaires/").content
    assert (
        outsider.post(
            "/a/agency-b/assessments/new/", {"version": version.pk, "title": "x"}
        ).status_code
        == 400
    )
