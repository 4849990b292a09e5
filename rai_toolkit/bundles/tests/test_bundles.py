"""Export bundles: an export imported elsewhere reproduces the records; a tampered, truncated,
unknown or malformed bundle is refused whole and changes nothing."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client, override_settings
from django.urls import reverse

from conftest import Personas
from rai_toolkit.agencies.models import Agency
from rai_toolkit.assessments import results
from rai_toolkit.assessments import services as assessments
from rai_toolkit.assessments.models import Assessment
from rai_toolkit.assessments.testing import answer, started
from rai_toolkit.audit.models import Action, AuditEntry
from rai_toolkit.bundles import services
from rai_toolkit.bundles.models import BundleImport
from rai_toolkit.register import services as register
from rai_toolkit.register.exports import register_json
from rai_toolkit.register.models import AISystem, Attachment
from rai_toolkit.risk import services as risk
from rai_toolkit.risk.exports import assessment_json
from rai_toolkit.risk.models import RiskAssessment
from rai_toolkit.risk.testing import signed_off
from rai_toolkit.screening.testing import screened_system

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n% a file attached to the system\n"


@pytest.fixture
def exported(personas: Personas) -> tuple[bytes, str]:
    found = screened_system(personas.agency_a, personas.a_assessor, name="Face Search Kappa")
    assessment = signed_off(
        risk.start(system=found.system, by=personas.a_assessor),
        author=personas.a_assessor,
        reviewer=personas.a_reviewer,
        leader=personas.a_leader,
    )
    register.add_attachment(
        system=assessment.system,
        upload=SimpleUploadedFile("dpia.pdf", PDF, content_type="application/pdf"),
        by=personas.a_assessor,
    )
    readiness = started(personas.agency_a, personas.a_assessor)
    answer(readiness, "policy", 2, personas.a_assessor)
    assessments.add_evidence(
        assessment=readiness,
        question=readiness.version.parsed.questions["policy"],
        upload=SimpleUploadedFile("policy.pdf", PDF, content_type="application/pdf"),
        by=personas.a_assessor,
    )
    assessments.submit(assessment=readiness, by=personas.a_assessor)
    assessments.finalise(assessment=readiness, by=personas.a_reviewer)
    return services.export(agency=personas.agency_a, by=personas.a_admin)


def _readiness(agency: Agency) -> dict[str, Any]:
    found = Assessment.objects.get(agency=agency)
    exported: dict[str, Any] = results.export_json(found)
    del exported["agency"]
    return exported


def _comparable(agency: Agency) -> list[dict[str, Any]]:
    systems: list[dict[str, Any]] = register_json(agency)["systems"]
    for system in systems:
        del system["id"], system["owner"]
    return systems


def _nothing_imported(agency: Agency) -> bool:
    return (
        not AISystem.objects.filter(agency=agency).exists()
        and not Assessment.objects.filter(agency=agency).exists()
        and not BundleImport.objects.exists()
    )


def test_an_imported_bundle_reproduces_the_register_assessments_and_files(
    personas: Personas, exported: tuple[bytes, str]
) -> None:
    data, digest = exported
    done = services.import_bundle(
        agency=personas.agency_b, by=personas.b_member, data=data, expected_sha256=digest
    )
    assert (done.systems, done.assessments, done.readiness_assessments, done.files) == (1, 1, 1, 2)
    assert _comparable(personas.agency_b) == _comparable(personas.agency_a)
    original = RiskAssessment.objects.get(agency=personas.agency_a)
    copy = RiskAssessment.objects.get(agency=personas.agency_b)
    assert copy.current and copy.status == "decided" and copy.risks.count() > 0
    before, after = assessment_json(original), assessment_json(copy)
    assert after["system"].pop("id") == copy.system_id
    before["system"].pop("id")
    assert after == before
    assert Attachment.objects.get(agency=personas.agency_b).file.read() == PDF
    assert _readiness(personas.agency_b) == _readiness(personas.agency_a)
    copied = Assessment.objects.get(agency=personas.agency_b)
    assert copied.evidence.get().file.read() == PDF and copied.answers.count() == 1
    assert AuditEntry.objects.filter(action=Action.BUNDLE_IMPORTED).count() == 1


def _rezip(data: bytes, change: Callable[[dict[str, bytes]], None]) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    change(members)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def _edit_json(path: str, edit: Callable[[Any], None]) -> Callable[[dict[str, bytes]], None]:
    def change(members: dict[str, bytes]) -> None:
        document = json.loads(members[path])
        edit(document)
        members[path] = json.dumps(document).encode()

    return change


def _restamp(members: dict[str, bytes]) -> None:
    """Make the manifest agree with the members again (a malformed but consistent bundle)."""
    import hashlib

    manifest = json.loads(members["manifest.json"])
    manifest["files"] = [
        {"path": p, "sha256": hashlib.sha256(c).hexdigest(), "size": len(c)}
        for p, c in members.items()
        if p != "manifest.json"
    ]
    members["manifest.json"] = json.dumps(manifest).encode()


def _bad_stage(members: dict[str, bytes]) -> None:
    _edit_json("register.json", lambda d: d["systems"][0].update(stage="imaginary"))(members)
    _restamp(members)


def _unknown_questionnaire(members: dict[str, bytes]) -> None:
    path = next(p for p in members if p.startswith("readiness-assessments/"))
    _edit_json(path, lambda d: d.update(content_hash="0" * 64))(members)
    _restamp(members)


def _extra(members: dict[str, bytes]) -> None:
    members["extra.txt"] = b"not listed"


def _no_manifest(members: dict[str, bytes]) -> None:
    del members["manifest.json"]


def _schema(members: dict[str, bytes]) -> None:
    _edit_json("manifest.json", lambda d: d.update(schema="rai-toolkit/bundle/9"))(members)


def _tamper(members: dict[str, bytes]) -> None:
    _edit_json("register.json", lambda d: d["systems"][0].update(purpose="Changed."))(members)


@pytest.mark.parametrize(
    "change, message",
    [
        (_tamper, "does not match the manifest: register.json"),
        (_extra, "not listed in the manifest: extra.txt"),
        (_no_manifest, "no manifest"),
        (_schema, "rai-toolkit/bundle/9"),
        (_bad_stage, "is not valid here"),
        (_unknown_questionnaire, "Load it first"),
    ],
)
def test_a_bundle_that_fails_a_check_is_refused_and_nothing_changes(
    personas: Personas,
    exported: tuple[bytes, str],
    change: Callable[[dict[str, bytes]], None],
    message: str,
) -> None:
    bad = _rezip(exported[0], change)
    with pytest.raises(ValidationError) as refused:
        services.import_bundle(agency=personas.agency_b, by=personas.b_member, data=bad)
    assert message in " ".join(refused.value.messages)
    assert "Nothing was imported." in " ".join(refused.value.messages)
    assert _nothing_imported(personas.agency_b)
    assert not Attachment.objects.filter(agency=personas.agency_b).exists()
    assert AuditEntry.objects.filter(action=Action.BUNDLE_REFUSED).count() == 1


def test_a_truncated_bundle_or_the_wrong_one_is_refused(
    personas: Personas, exported: tuple[bytes, str]
) -> None:
    data = exported[0]
    with pytest.raises(ValidationError, match="cut short"):
        services.import_bundle(agency=personas.agency_b, by=None, data=data[: len(data) // 2])
    with pytest.raises(ValidationError, match="not the one that was exported"):
        services.import_bundle(
            agency=personas.agency_b, by=None, data=data, expected_sha256="0" * 64
        )
    assert _nothing_imported(personas.agency_b)


def test_the_same_bundle_is_not_imported_twice(
    personas: Personas, exported: tuple[bytes, str]
) -> None:
    services.import_bundle(agency=personas.agency_b, by=None, data=exported[0])
    with pytest.raises(ValidationError, match="already imported"):
        services.import_bundle(agency=personas.agency_b, by=None, data=exported[0])
    assert AISystem.objects.filter(agency=personas.agency_b).count() == 1


def test_an_agency_admin_exports_and_imports_through_the_page(
    personas: Personas, exported: tuple[bytes, str], login: Callable[..., Client]
) -> None:
    admin = login(personas.a_admin)
    response = admin.post(reverse("bundles:export", kwargs={"agency": "agency-a"}))
    assert response["Content-Type"] == "application/zip"
    assert len(response["X-Manifest-SHA256"]) == 64
    page = admin.get(reverse("bundles:index", kwargs={"agency": "agency-a"}))
    assert response["X-Manifest-SHA256"] in page.content.decode()
    url = reverse("bundles:import", kwargs={"agency": "agency-a"})
    truncated = SimpleUploadedFile("b.zip", exported[0][:100])
    refused = admin.post(url, {"bundle": truncated})
    assert refused.status_code == 400 and "cut short" in refused.content.decode()
    with override_settings(RAI_BUNDLE_MAX_MB=0):
        too_big = admin.post(url, {"bundle": SimpleUploadedFile("b.zip", exported[0])})
    assert too_big.status_code == 400 and "larger than 0 MB" in too_big.content.decode()
    upload = SimpleUploadedFile("b.zip", exported[0])
    assert admin.post(url, {"bundle": upload}).status_code == 302
    assert AISystem.objects.filter(agency=personas.agency_a).count() == 2


def test_the_commands_move_a_bundle_and_refuse_a_damaged_one(
    personas: Personas, exported: tuple[bytes, str], tmp_path: Path
) -> None:
    path = tmp_path / "bundle.zip"
    out = io.StringIO()
    call_command("export_bundle", "agency-a", str(path), stdout=out)
    digest = out.getvalue().rsplit(" ", 1)[-1].strip()
    call_command("import_bundle", "agency-b", str(path), expect_sha256=digest, stdout=io.StringIO())
    assert AISystem.objects.filter(agency=personas.agency_b).count() == 1
    path.write_bytes(path.read_bytes()[:-50])
    with pytest.raises(CommandError, match="cut short"):
        call_command("import_bundle", "agency-b", str(path), stdout=io.StringIO())
