"""Moving an agency's records between installations (for example across an air gap): export
the register, decided risk assessments and attached files as one bundle; import it into an
agency elsewhere. An import is checked whole first and written in one transaction."""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from rai_toolkit.accounts.models import User
from rai_toolkit.agencies.models import Agency
from rai_toolkit.assessments import evidence_files
from rai_toolkit.audit.models import Action
from rai_toolkit.audit.services import record
from rai_toolkit.bundles import archive
from rai_toolkit.bundles.models import BundleImport
from rai_toolkit.register import exports as register_exports
from rai_toolkit.register.models import AISystem, Attachment, DataCategory, Jurisdiction
from rai_toolkit.risk import snapshot as risk_snapshot
from rai_toolkit.risk.exports import assessment_json
from rai_toolkit.risk.models import CatalogueVersion, Fria, Mitigation, Risk, RiskAssessment
from rai_toolkit.screening.models import Screening

REGISTER = "register.json"
RISK_DIR = "risk-assessments/"


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
        saved: list[Attachment] = []
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
    risk = [p for p in sorted(bundle.members) if p.startswith(RISK_DIR)]
    return [(REGISTER, register_exports.SCHEMA), *((p, risk_snapshot.SCHEMA) for p in risk)]


def _create(
    agency: Agency, by: User | None, bundle: archive.Bundle, saved: list[Attachment]
) -> BundleImport:
    try:
        systems: dict[int, AISystem] = {}
        files = 0
        for entry in bundle.json(REGISTER)["systems"]:
            system = _system(agency, by, entry)
            systems[entry["id"]] = system
            files += _attachments(agency, by, bundle, entry, system, saved)
        count = 0
        for path, _schema in _documents(bundle)[1:]:
            _assessment(agency, by, bundle.json(path), systems)
            count += 1
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
        files=files,
        imported_by=by,
    )


def _when(value: str | None) -> Any:
    """A stored timestamp, or None where the bundle has none."""
    return datetime.datetime.fromisoformat(value) if value else None


def _system(agency: Agency, by: User | None, entry: dict[str, Any]) -> AISystem:
    system = AISystem(
        agency=agency,
        created_by=by,
        **{name: entry[name] for name in register_exports.FIELDS},
        reassess_by=datetime.date.fromisoformat(entry["reassess_by"])
        if entry["reassess_by"]
        else None,
        created_at=_when(entry["created_at"]),
        updated_at=_when(entry["updated_at"]),
    )
    try:
        system.full_clean(exclude=["owner", "created_by"])
        unknown = [
            str(v)
            for values, choices in (
                (system.data_categories, DataCategory),
                (system.jurisdictions, Jurisdiction),
            )
            for v in values
            if v not in choices.values
        ]
        if unknown:
            raise ValidationError(_("Unknown values: %(v)s.") % {"v": ", ".join(unknown)[:200]})
    except ValidationError as error:
        raise ValidationError(
            _("The system “%(name)s” in the bundle is not valid here: %(problems)s")
            % {"name": str(entry.get("name"))[:200], "problems": " ".join(error.messages)}
        ) from error
    system.save()
    screening = entry["screening"]
    if screening:
        Screening.objects.create(
            agency=agency,
            system=system,
            answers=screening["answers"],
            facts=screening["facts"],
            result=screening["result"],
            eu_class=screening["eu_class"],
            rules_hash=screening["rules_hash"],
            created_by=by,
            created_at=_when(screening["at"]),
        )
    return system


def _attachments(
    agency: Agency,
    by: User | None,
    bundle: archive.Bundle,
    entry: dict[str, Any],
    system: AISystem,
    saved: list[Attachment],
) -> int:
    for listed in entry["attachments"]:
        content = bundle.members.get(f"attachments/{entry['id']}/{listed['sha256']}")
        if content is None:
            raise ValidationError(
                _("The file “%(name)s” of “%(system)s” is not in the bundle.")
                % {"name": str(listed["name"])[:200], "system": system.name}
            )
        upload = SimpleUploadedFile(str(listed["name"]), content)
        attachment = Attachment(
            agency=agency,
            system=system,
            name=evidence_files.safe_name(upload),
            content_type=evidence_files.check(upload),  # the same checks as an upload
            size=len(content),
            sha256=archive.sha256(content),
            uploaded_by=by,
        )
        attachment.file.save("upload", ContentFile(content), save=False)
        saved.append(attachment)
        attachment.save()
    return len(entry["attachments"])


def _assessment(
    agency: Agency, by: User | None, doc: dict[str, Any], systems: dict[int, AISystem]
) -> None:
    system = systems.get(doc["system"]["id"])
    if system is None or not doc.get("locked"):
        raise ValidationError(
            _(
                "A risk assessment in the bundle is not a decided version of a system in its "
                "register."
            )
        )
    catalogue = (
        CatalogueVersion.objects.filter(content_hash=doc["catalogue"]["content_hash"]).first()
        or CatalogueVersion.objects.order_by("-number").first()
    )
    if catalogue is None:
        raise ValidationError(_("Load the risk catalogue first (manage.py load_risk_catalogue)."))
    frozen = {k: v for k, v in doc.items() if k not in ("status", "locked")}
    frozen["system"] = {**doc["system"], "id": system.pk}  # ids are this installation's
    decision, review = doc["decision"], doc["review"]
    assessment = RiskAssessment.objects.create(
        agency=agency,
        system=system,
        number=doc["version"],
        catalogue=catalogue,
        previous=system.risk_assessments.filter(number__lt=doc["version"])
        .order_by("-number")
        .first(),
        status=RiskAssessment.Status.DECIDED,
        current=False,
        stage=system.stage,
        family=system.family,
        created_by=by,
        reviewed_at=_when(review["at"]),
        review_note=review["note"],
        decision=decision["decision"],
        conditions=decision["conditions"],
        decision_note=decision["reasons"],
        decided_at=_when(decision["at"]),
        inherent_level=doc["levels"]["inherent"],
        residual_level=doc["levels"]["residual"],
        snapshot=frozen,
    )
    for order, item in enumerate(doc["risks"]):
        values = {k: v for k, v in item.items() if k != "mitigations"}
        risk = Risk.objects.create(agency=agency, assessment=assessment, order=order, **values)
        for m in item["mitigations"]:
            Mitigation.objects.create(
                agency=agency,
                risk=risk,
                practice=m["practice"],
                description=m["description"],
                due=datetime.date.fromisoformat(m["due"]),
                status=m["status"],
            )
    if doc["fria"]:
        Fria.objects.create(
            agency=agency, assessment=assessment, **{n: doc["fria"][n] for n in Fria.FIELDS}
        )
