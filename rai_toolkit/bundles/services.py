"""Moving an agency's records between installations (for example across an air gap): export
the register, decided risk assessments and attached files as one bundle; import it into an
agency elsewhere. An import is checked whole first and written in one transaction."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from rai_toolkit.accounts.models import User
from rai_toolkit.agencies.models import Agency
from rai_toolkit.assessments import results
from rai_toolkit.assessments.models import Assessment, Evidence
from rai_toolkit.audit.models import Action
from rai_toolkit.audit.services import record
from rai_toolkit.bundles import archive, records
from rai_toolkit.bundles.models import BundleImport
from rai_toolkit.register import exports as register_exports
from rai_toolkit.register.models import AISystem, Attachment
from rai_toolkit.risk import snapshot as risk_snapshot
from rai_toolkit.risk.exports import assessment_json
from rai_toolkit.risk.models import RiskAssessment

REGISTER = "register.json"
RISK_DIR = "risk-assessments/"
READINESS_DIR = "readiness-assessments/"


def _dumps(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str).encode()


def export(
    *, agency: Agency, by: User | None, request: HttpRequest | None = None
) -> tuple[bytes, str]:
    """The bundle and its manifest's SHA-256, which the receiving side can compare."""
    members = {REGISTER: _dumps(register_exports.register_json(agency))}
    decided = RiskAssessment.objects.filter(agency=agency).decided().select_related("system")
    for assessment in decided:
        path = f"{RISK_DIR}{assessment.system_id}-v{assessment.number}.json"
        members[path] = _dumps(assessment_json(assessment))
    finalised = (
        Assessment.objects.finalised()
        .filter(agency=agency)
        .select_related("agency", "version__questionnaire")
    )
    for readiness in finalised:
        members[f"{READINESS_DIR}{readiness.pk}.json"] = _dumps(results.export_json(readiness))
        for evidence in readiness.evidence.all():
            with evidence.file.open("rb") as handle:
                members[f"evidence/{readiness.pk}/{evidence.sha256}"] = handle.read()
    for attachment in Attachment.objects.filter(agency=agency):
        with attachment.file.open("rb") as handle:
            members[f"attachments/{attachment.system_id}/{attachment.sha256}"] = handle.read()
    about = {"agency": {"name": agency.name, "country": str(agency.country)}}
    data, digest = archive.write(members, about)
    record(
        Action.BUNDLE_EXPORTED,
        request=request,
        actor=by,
        agency=agency,
        context={"manifest_sha256": digest, "files": len(members)},
    )
    return data, digest


def import_bundle(
    *,
    agency: Agency,
    by: User | None,
    data: bytes,
    expected_sha256: str = "",
    request: HttpRequest | None = None,
) -> BundleImport:
    try:
        bundle = _checked(agency, data, expected_sha256.strip().lower())
        saved: list[Attachment | Evidence] = []
        try:
            with transaction.atomic():
                done = _create(agency, by, bundle, saved)
        except Exception:
            for attachment in saved:  # the rows are rolled back; the stored files are not
                attachment.file.delete(save=False)
            raise
    except ValidationError as error:
        record(
            Action.BUNDLE_REFUSED,
            request=request,
            actor=by,
            agency=agency,
            context={"reason": " ".join(error.messages)[:1000]},
        )
        raise ValidationError([*error.messages, _("Nothing was imported.")]) from error
    record(
        Action.BUNDLE_IMPORTED,
        request=request,
        actor=by,
        agency=agency,
        target=done,
        context={"manifest_sha256": done.manifest_sha256, "systems": done.systems},
    )
    return done


def _checked(agency: Agency, data: bytes, expected: str) -> archive.Bundle:
    limit = settings.RAI_BUNDLE_MAX_MB * 1024 * 1024
    if len(data) > limit:
        raise ValidationError(
            _("The bundle is larger than %(n)d MB.") % {"n": settings.RAI_BUNDLE_MAX_MB}
        )
    bundle = archive.read(data, max_bytes=limit)
    if expected and expected != bundle.manifest_sha256:
        raise ValidationError(
            _(
                "The manifest's SHA-256 is %(found)s, not the %(expected)s you were given: the "
                "bundle is not the one that was exported."
            )
            % {"found": bundle.manifest_sha256, "expected": expected[:64]}
        )
    earlier = BundleImport.objects.filter(
        agency=agency, manifest_sha256=bundle.manifest_sha256
    ).first()
    if earlier is not None:
        raise ValidationError(
            _("This bundle was already imported on %(when)s.")
            % {"when": earlier.imported_at.date().isoformat()}
        )
    for path, schema in _documents(bundle):
        try:
            document = bundle.json(path)
        except ValueError as error:
            raise ValidationError(_("%(path)s is not valid JSON.") % {"path": path}) from error
        found = document.get("schema") if isinstance(document, dict) else None
        if found != schema:
            raise ValidationError(
                _("%(path)s follows “%(found)s”; this installation reads %(known)s.")
                % {"path": path, "found": str(found)[:80], "known": schema}
            )
    return bundle


def _documents(bundle: archive.Bundle) -> list[tuple[str, str]]:
    if REGISTER not in bundle.members:
        raise ValidationError(_("The bundle holds no register."))
    risk = [(p, risk_snapshot.SCHEMA) for p in sorted(bundle.members) if p.startswith(RISK_DIR)]
    readiness = [
        (p, results.READINESS_SCHEMA) for p in sorted(bundle.members) if p.startswith(READINESS_DIR)
    ]
    return [(REGISTER, register_exports.SCHEMA), *risk, *readiness]


def _create(
    agency: Agency, by: User | None, bundle: archive.Bundle, saved: list[Attachment | Evidence]
) -> BundleImport:
    try:
        systems: dict[int, AISystem] = {}
        files = 0
        for entry in bundle.json(REGISTER)["systems"]:
            system = records.system(agency, by, entry)
            systems[entry["id"]] = system
            files += records.attachments(agency, by, bundle, entry, system, saved)
        count = readiness = 0
        for path, _schema in _documents(bundle)[1:]:
            if path.startswith(RISK_DIR):
                records.assessment(agency, by, bundle.json(path), systems)
                count += 1
            else:
                number = path.removeprefix(READINESS_DIR).removesuffix(".json")
                files += records.readiness(agency, by, bundle, bundle.json(path), number, saved)
                readiness += 1
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise ValidationError(
            _("The bundle's records are incomplete or malformed (%(what)s).")
            % {"what": str(error)[:200]}
        ) from error
    for system in systems.values():
        last = system.risk_assessments.order_by("-number").first()
        if last is not None:
            RiskAssessment.objects.filter(pk=last.pk).update(current=True)
    about = bundle.manifest.get("agency") or {}
    return BundleImport.objects.create(
        agency=agency,
        manifest_sha256=bundle.manifest_sha256,
        source_agency=str(about.get("name", ""))[:200],
        exported_at=str(bundle.manifest.get("created_at", ""))[:40],
        systems=len(systems),
        assessments=count,
        readiness_assessments=readiness,
        files=files,
        imported_by=by,
    )
