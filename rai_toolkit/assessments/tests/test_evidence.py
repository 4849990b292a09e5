"""Evidence files: size and type limits, stored outside the web root, served only to members."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from conftest import Personas
from rai_toolkit.assessments.models import Evidence
from rai_toolkit.assessments.testing import client_for, started, url
from rai_toolkit.audit.models import Action, AuditEntry

HTMX = {"HX-Request": "true"}
PDF = b"%PDF-1.4\n% a small file\n"


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def test_a_pdf_is_attached_stored_privately_and_served_to_members(personas: Personas) -> None:
    assessment = started(personas.agency_a, personas.a_assessor)
    response = client_for(personas.a_assessor).post(
        url(assessment, "q/policy/evidence/"), {"file": upload("policy.pdf", PDF)}, headers=HTMX
    )
    assert response.status_code == 200 and b"policy.pdf" in response.content
    evidence = Evidence.objects.get()
    stored = Path(evidence.file.path)
    assert stored.read_bytes() == PDF and stored.is_relative_to(Path(settings.MEDIA_ROOT))
    assert "policy" not in stored.name  # never named after the upload
    assert not stored.is_relative_to(Path(settings.STATIC_ROOT))
    download = client_for(personas.a_viewer).get(url(assessment, f"evidence/{evidence.pk}/"))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF  # type: ignore[attr-defined]
    assert download["Content-Disposition"].startswith("attachment")
    outsider = client_for(personas.b_member)
    assert outsider.get(url(assessment, f"evidence/{evidence.pk}/")).status_code == 404
    assert AuditEntry.objects.filter(action=Action.ASSESSMENT_EVIDENCE_ADDED).exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("tool.exe", b"MZ....", b"Files of this type are not accepted"),
        ("report.pdf", b"MZ not a pdf", b"does not match its name"),
        ("notes.txt", b"\x00\x01binary", b"must be plain text"),
        ("empty.pdf", b"", b"The submitted file is empty"),
    ],
)
def test_wrong_files_are_refused_and_nothing_is_stored(
    personas: Personas, name: str, content: bytes, message: bytes
) -> None:
    assessment = started(personas.agency_a, personas.a_assessor)
    response = client_for(personas.a_assessor).post(
        url(assessment, "q/policy/evidence/"), {"file": upload(name, content)}, headers=HTMX
    )
    assert response.status_code == 400 and message in response.content
    assert not Evidence.objects.exists()


@override_settings(RAI_EVIDENCE_MAX_MB=1)
def test_a_file_over_the_limit_is_refused(personas: Personas) -> None:
    assessment = started(personas.agency_a, personas.a_assessor)
    big = PDF + b"0" * (1024 * 1024)
    response = client_for(personas.a_assessor).post(
        url(assessment, "q/policy/evidence/"), {"file": upload("big.pdf", big)}, headers=HTMX
    )
    assert response.status_code == 400 and b"larger than 1 MB" in response.content
    assert not Evidence.objects.exists()


def test_removing_a_file_is_audited(personas: Personas) -> None:
    assessment = started(personas.agency_a, personas.a_assessor)
    client = client_for(personas.a_assessor)
    client.post(url(assessment, "q/policy/evidence/"), {"file": upload("a.pdf", PDF)}, headers=HTMX)
    evidence = Evidence.objects.get()
    client.post(url(assessment, f"evidence/{evidence.pk}/remove/"), headers=HTMX)
    assert not Evidence.objects.exists()
    assert AuditEntry.objects.filter(action=Action.ASSESSMENT_EVIDENCE_REMOVED).exists()
