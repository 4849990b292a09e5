"""Writing a checked bundle's records into an agency: systems with their screening and files,
decided risk assessments with their risks, mitigations, FRIA and frozen snapshot, and
finalised readiness assessments with their answers and evidence. Any
problem raises ValidationError; the caller's transaction then writes nothing."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Q
from django.utils.translation import gettext as _

from rai_toolkit.accounts.models import User
from rai_toolkit.agencies.models import Agency
from rai_toolkit.assessments import evidence_files
from rai_toolkit.assessments.models import Answer, Assessment, Evidence
from rai_toolkit.bundles import archive
from rai_toolkit.questionnaires.models import QuestionnaireVersion
from rai_toolkit.register import exports as register_exports
from rai_toolkit.register.models import AISystem, Attachment, DataCategory, Jurisdiction
from rai_toolkit.risk.models import CatalogueVersion, Fria, Mitigation, Risk, RiskAssessment
from rai_toolkit.screening.models import Screening


def _when(value: str | None) -> Any:
    """A stored timestamp, or None where the bundle has none."""
    return datetime.datetime.fromisoformat(value) if value else None


def system(agency: Agency, by: User | None, entry: dict[str, Any]) -> AISystem:
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


def attachments(
    agency: Agency,
    by: User | None,
    bundle: archive.Bundle,
    entry: dict[str, Any],
    system: AISystem,
    saved: list[Attachment | Evidence],
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


def assessment(
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


def readiness(
    agency: Agency,
    by: User | None,
    bundle: archive.Bundle,
    doc: dict[str, Any],
    number: str,
    saved: list[Attachment | Evidence],
) -> int:
    """A finalised readiness assessment on a questionnaire version this installation has (the
    platform's own, or one the agency uploaded), with its answers and evidence files."""
    version = (
        QuestionnaireVersion.objects.filter(
            content_hash=doc["content_hash"], questionnaire__key=doc["questionnaire"]
        )
        .filter(Q(questionnaire__agency__isnull=True) | Q(questionnaire__agency=agency))
        .first()
    )
    if version is None:
        raise ValidationError(
            _(
                "The readiness assessment “%(title)s” was made on a questionnaire version this "
                "installation does not have (%(key)s, version %(n)s). Load it first."
            )
            % {
                "title": str(doc["assessment"])[:200],
                "key": doc["questionnaire"],
                "n": doc["version"],
            }
        )
    if doc["status"] != Assessment.Status.FINALISED:
        raise ValidationError(_("A readiness assessment in the bundle is not finalised."))
    frozen = ("questionnaire", "version", "content_hash", "finalised_at", "result", "answers")
    assessment = Assessment.objects.create(
        agency=agency,
        version=version,
        title=doc["assessment"],
        status=Assessment.Status.FINALISED,
        created_by=by,
        finalised_at=_when(doc["finalised_at"]),
        snapshot={key: doc[key] for key in frozen},
    )
    justifications = doc["justifications"]
    for question, value in doc["answers"].items():
        Answer.objects.create(
            assessment=assessment,
            question=question,
            value=value,
            justification=justifications.get(question, ""),
            updated_by=by,
        )
    for listed in doc["evidence"]:
        content = bundle.members.get(f"evidence/{number}/{listed['sha256']}")
        if content is None:
            raise ValidationError(
                _("The file “%(name)s” of “%(system)s” is not in the bundle.")
                % {"name": str(listed["name"])[:200], "system": assessment.title}
            )
        upload = SimpleUploadedFile(str(listed["name"]), content)
        evidence = Evidence(
            assessment=assessment,
            question=listed["question"],
            name=evidence_files.safe_name(upload),
            content_type=evidence_files.check(upload),
            size=len(content),
            sha256=archive.sha256(content),
            uploaded_by=by,
        )
        evidence.file.save("upload", ContentFile(content), save=False)
        saved.append(evidence)
        evidence.save()
    return len(doc["evidence"])
