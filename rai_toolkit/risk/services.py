"""The risk assessment's workflow: start (or reopen as a new version), rate, mitigate, the FRIA,
submit, review by someone who did not write it, the decision, and the locked snapshot."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from rai_toolkit.accounts.models import User
from rai_toolkit.agencies.models import Membership
from rai_toolkit.audit.models import Action
from rai_toolkit.audit.services import record
from rai_toolkit.register.models import AISystem, RegulatoryClass
from rai_toolkit.register.services import schedule_after_decision
from rai_toolkit.risk import fria as fria_texts
from rai_toolkit.risk import snapshot as snapshots
from rai_toolkit.risk.catalogue import Catalogue
from rai_toolkit.risk.models import Comment, Fria, Mitigation, Risk, RiskAssessment
from rai_toolkit.risk.versions import latest

RATINGS = (
    "likelihood",
    "scale",
    "scope",
    "reversibility",
    "residual_likelihood",
    "residual_severity",
)
TEXTS = ("justification", "controls", "residual_justification")
Status = RiskAssessment.Status


def _audit(
    action: Action,
    assessment: RiskAssessment,
    by: User,
    request: HttpRequest | None,
    **context: Any,
) -> None:
    record(
        action,
        request=request,
        actor=by,
        agency=assessment.agency,
        target=assessment,
        context={"system": assessment.system_id, "version": assessment.number, **context},
    )


def _locked(assessment: RiskAssessment) -> RiskAssessment:
    return (
        RiskAssessment.objects.select_for_update()
        .select_related("agency", "system")
        .get(pk=assessment.pk)
    )


def _editable(assessment: RiskAssessment) -> RiskAssessment:
    locked = _locked(assessment)
    if locked.is_locked:
        raise ValidationError(
            _("This version is decided and locked. Start a new version to change it.")
        )
    if not locked.is_editable:
        raise ValidationError(_("This version is with the reviewers; it cannot be changed now."))
    return locked


def start(*, system: AISystem, by: User, request: HttpRequest | None = None) -> RiskAssessment:
    """A new version: empty with the catalogue's relevant risks, or, after a decision, a copy of
    the decided version to revise (the decided one stays as it is)."""
    with transaction.atomic():
        AISystem.objects.select_for_update().filter(pk=system.pk).first()
        current = system.risk_assessments.filter(current=True).first()
        if current is not None and not current.is_locked:
            raise ValidationError(
                _("Version %(n)d is still open: finish it before starting another.")
                % {"n": current.number}
            )
        version = latest()
        assessment = RiskAssessment.objects.create(
            agency=system.agency,
            system=system,
            number=(current.number + 1) if current else 1,
            catalogue=version,
            previous=current,
            stage=system.stage,
            family=system.family,
            created_by=by,
        )
        if current is not None:
            RiskAssessment.objects.filter(pk=current.pk).update(current=False)
            _copy(current, assessment)
        else:
            _seed(assessment, version.catalogue)
        assessment.authors.add(by)
        action = Action.RISK_REOPENED if current else Action.RISK_STARTED
        _audit(action, assessment, by, request, catalogue=version.content_hash[:12])
    return assessment


def _seed(assessment: RiskAssessment, catalogue: Catalogue) -> None:
    relevant = catalogue.relevant(assessment.family, assessment.stage)
    Risk.objects.bulk_create(
        Risk(
            agency=assessment.agency,
            assessment=assessment,
            item=item.id,
            principle=item.principle,
            title=item.title,
            description=item.description,
            affected=item.affected,
            rights=list(item.rights),
            order=index,
        )
        for index, item in enumerate(relevant)
    )


def _copy(source: RiskAssessment, target: RiskAssessment) -> None:
    """The earlier version's risks, ratings, mitigations and FRIA, to be revised."""
    for risk in source.risks.prefetch_related("mitigations"):
        mitigations = list(risk.mitigations.all())
        risk.pk, risk.assessment, risk.revision = None, target, 1
        risk.save(force_insert=True)
        for mitigation in mitigations:
            mitigation.pk, mitigation.risk = None, risk
            mitigation.save(force_insert=True)
    found = Fria.objects.filter(assessment=source).first()
    if found is not None:
        found.pk, found.assessment, found.revision = None, target, 1
        found.save(force_insert=True)


def _rating(name: str, value: Any) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(str(value))
    except ValueError as error:
        raise ValidationError({name: _("Choose a level from 1 to 5.")}) from error
    if not 1 <= number <= 5:
        raise ValidationError({name: _("Choose a level from 1 to 5.")})
    return number


def rate(
    *,
    risk: Risk,
    data: Mapping[str, Any],
    revision: int,
    by: User,
    request: HttpRequest | None = None,
) -> Risk:
    """Save a risk's ratings and reasons. A level outside 1–5, a residual rating above the
    inherent one, or a save based on an older revision is refused and nothing changes."""
    ratings = {name: _rating(name, data.get(name)) for name in RATINGS}
    texts = {name: str(data.get(name) or "").strip() for name in TEXTS}
    applicable = data.get("applicable", True) not in (False, "false", "no")
    with transaction.atomic():
        assessment = _editable(risk.assessment)
        current = Risk.objects.select_for_update().get(pk=risk.pk)
        if current.revision != revision:
            raise ValidationError(
                _(
                    "Someone saved this risk while you were editing it. Reload to see their "
                    "changes; your text is kept below."
                ),
                code="conflict",
            )
        catalogue: Catalogue = assessment.catalogue.catalogue
        severity = _severity(catalogue, ratings)
        _check_residual(ratings, severity)
        for name, value in {**ratings, **texts}.items():
            setattr(current, name, value)
        current.applicable = applicable
        current.severity = severity
        current.inherent_level = _level(catalogue, ratings["likelihood"], severity)
        current.residual_level = _level(
            catalogue, ratings["residual_likelihood"], ratings["residual_severity"]
        )
        current.revision += 1
        current.updated_by, current.updated_at = by, timezone.now()
        current.save()
        assessment.authors.add(by)
        _audit(Action.RISK_RATED, assessment, by, request, risk=current.pk)
    return current


def _severity(catalogue: Catalogue, ratings: Mapping[str, int | None]) -> int | None:
    parts = (ratings["scale"], ratings["scope"], ratings["reversibility"])
    if None in parts:
        return None
    scale, scope, reversibility = parts
    return catalogue.severity(scale, scope, reversibility)  # type: ignore[arg-type]


def _level(catalogue: Catalogue, likelihood: int | None, severity: int | None) -> str:
    if likelihood is None or severity is None:
        return ""
    return catalogue.level(likelihood, severity)


def _check_residual(ratings: Mapping[str, int | None], severity: int | None) -> None:
    errors = {}
    likelihood, residual = ratings["likelihood"], ratings["residual_likelihood"]
    if likelihood is not None and residual is not None and residual > likelihood:
        errors["residual_likelihood"] = _(
            "Mitigation cannot make the harm more likely than before it; rate it at most %(n)d."
        ) % {"n": likelihood}
    residual_severity = ratings["residual_severity"]
    if severity is not None and residual_severity is not None and residual_severity > severity:
        errors["residual_severity"] = _(
            "Mitigation cannot make the harm graver than before it; rate it at most %(n)d."
        ) % {"n": severity}
    if errors:
        raise ValidationError(errors)


def add_risk(
    *,
    assessment: RiskAssessment,
    title: str,
    principle: str,
    description: str,
    affected: str,
    by: User,
    request: HttpRequest | None = None,
) -> Risk:
    with transaction.atomic():
        locked = _editable(assessment)
        last = locked.risks.order_by("-order").first()
        risk = Risk.objects.create(
            agency=locked.agency,
            assessment=locked,
            principle=principle,
            title=title,
            description=description,
            affected=affected,
            order=(last.order + 1) if last else 0,
            updated_by=by,
        )
        locked.authors.add(by)
        _audit(Action.RISK_ADDED, locked, by, request, risk=risk.pk)
    return risk


def _check_due(due: datetime.date) -> None:
    if due < timezone.localdate():
        raise ValidationError(
            {
                "due": _("The due date %(date)s has already passed: choose a date from today.")
                % {"date": due.isoformat()}
            }
        )


def _check_owner(owner: User | None, assessment: RiskAssessment) -> None:
    if (
        owner is not None
        and not Membership.objects.filter(user=owner, agency=assessment.agency).exists()
    ):
        raise ValidationError({"owner": _("The owner must be a member of the agency.")})


def add_mitigation(
    *,
    risk: Risk,
    description: str,
    practice: str,
    owner: User | None,
    due: datetime.date,
    by: User,
    request: HttpRequest | None = None,
) -> Mitigation:
    _check_due(due)
    with transaction.atomic():
        assessment = _editable(risk.assessment)
        _check_owner(owner, assessment)
        mitigation = Mitigation.objects.create(
            agency=assessment.agency,
            risk=risk,
            practice=practice,
            description=description,
            owner=owner,
            due=due,
        )
        assessment.authors.add(by)
        _audit(Action.RISK_MITIGATION_ADDED, assessment, by, request, risk=risk.pk)
    return mitigation


def update_mitigation(
    *,
    mitigation: Mitigation,
    status: str,
    due: datetime.date,
    owner: User | None,
    by: User,
    request: HttpRequest | None = None,
) -> Mitigation:
    """Progress on a mitigation is tracked after the decision too; its plan (owner, due date)
    changes only while the assessment is open."""
    assessment = mitigation.risk.assessment
    planned = due != mitigation.due or (owner.pk if owner else None) != mitigation.owner_id
    if planned:
        _editable(assessment)
        _check_due(due)
        _check_owner(owner, assessment)
    if status not in Mitigation.Status.values:
        raise ValidationError({"status": _("Choose a status.")})
    old = (mitigation.status, mitigation.due, mitigation.owner_id)
    Mitigation.objects.filter(pk=mitigation.pk).update(status=status, due=due, owner=owner)
    mitigation.refresh_from_db()
    record(
        Action.RISK_MITIGATION_CHANGED,
        request=request,
        actor=by,
        agency=assessment.agency,
        target=assessment,
        changes={
            "status": (old[0], status),
            "due": (str(old[1]), str(due)),
            "owner": (old[2], owner.pk if owner else None),
        },
    )
    return mitigation


def fria_of(assessment: RiskAssessment) -> Fria:
    """The assessment's FRIA, pre-filled from the register and the risks when first opened."""
    found = Fria.objects.filter(assessment=assessment).first()
    if found is not None:
        return found
    if not assessment.is_editable:
        return Fria(agency=assessment.agency, assessment=assessment)
    fria, _created = Fria.objects.get_or_create(
        assessment=assessment,
        defaults={"agency": assessment.agency, **fria_texts.prefill(assessment)},
    )
    return fria


def save_fria(
    *,
    assessment: RiskAssessment,
    data: Mapping[str, str],
    revision: int,
    by: User,
    request: HttpRequest | None = None,
) -> Fria:
    with transaction.atomic():
        locked = _editable(assessment)
        fria = Fria.objects.select_for_update().get(assessment=locked)
        if fria.revision != revision:
            raise ValidationError(
                _(
                    "Someone saved the FRIA while you were editing it. Your text is kept below; "
                    "reload to see theirs."
                ),
                code="conflict",
            )
        for name in Fria.FIELDS:
            setattr(fria, name, str(data.get(name, "")).strip())
        fria.revision += 1
        fria.updated_by, fria.updated_at = by, timezone.now()
        fria.save()
        locked.authors.add(by)
        _audit(Action.RISK_FRIA_SAVED, locked, by, request)
    return fria


def comment(
    *,
    assessment: RiskAssessment,
    body: str,
    risk: Risk | None,
    by: User,
    request: HttpRequest | None = None,
) -> Comment:
    if assessment.is_locked:
        raise ValidationError(_("This version is decided and locked."))
    found = Comment.objects.create(
        agency=assessment.agency, assessment=assessment, risk=risk, author=by, body=body
    )
    _audit(Action.RISK_COMMENTED, assessment, by, request, risk=risk.pk if risk else None)
    return found


def problems(assessment: RiskAssessment) -> list[str]:
    """What stops the assessment from going to review."""
    from rai_toolkit.screening.selectors import latest_result, requires

    catalogue: Catalogue = assessment.catalogue.catalogue
    found = []
    risks = list(assessment.risks.prefetch_related("mitigations"))
    if not any(r.applicable for r in risks):
        found.append(_("No risk applies: a system always carries some risk; add or keep one."))
    for risk in risks:
        found.extend(_risk_problems(catalogue, risk))
    result = latest_result(assessment.system)
    if result is None:
        found.append(_("Screen the system against the law first."))
    elif requires(result, "fria"):
        # Read, not fria_of(): listing problems must not write the first draft.
        found_fria = Fria.objects.filter(assessment=assessment).first()
        missing = found_fria.missing if found_fria else list(Fria.FIELDS)
        if missing:
            found.append(
                _(
                    "The fundamental-rights impact assessment is required (AI Act Art. 27) and "
                    "is not complete: %(parts)s."
                )
                % {"parts": ", ".join(f"({'abcdef'[Fria.FIELDS.index(m)]})" for m in missing)}
            )
    return found


def _risk_problems(catalogue: Catalogue, risk: Risk) -> list[str]:
    name = risk.title
    if not risk.applicable:
        return (
            [] if risk.justification else [_("“%(r)s”: say why it does not apply.") % {"r": name}]
        )
    found = []
    if not risk.inherent_level:
        found.append(_("“%(r)s”: rate its likelihood and severity.") % {"r": name})
    if not risk.residual_level:
        found.append(_("“%(r)s”: rate it after mitigation.") % {"r": name})
    if not risk.justification or (risk.residual_level and not risk.residual_justification):
        found.append(_("“%(r)s”: justify every rating.") % {"r": name})
    mitigations = list(risk.mitigations.all())
    if risk.residual_level and catalogue.above_acceptable(risk.inherent_level) and not mitigations:
        found.append(
            _("“%(r)s”: a risk above the acceptable level needs a mitigation.") % {"r": name}
        )
    for mitigation in mitigations:
        if mitigation.is_late():
            found.append(
                _(
                    "“%(r)s”: the mitigation “%(m)s” is past its due date; change the date or "
                    "mark it done."
                )
                % {"r": name, "m": mitigation.description[:60]}
            )
    return found


def submit(*, assessment: RiskAssessment, by: User, request: HttpRequest | None = None) -> None:
    with transaction.atomic():
        locked = _editable(assessment)
        found = problems(locked)
        if found:
            raise ValidationError(found)
        locked.status, locked.submitted_at = Status.SUBMITTED, timezone.now()
        locked.save(update_fields=["status", "submitted_at"])
        locked.authors.add(by)
        _audit(Action.RISK_SUBMITTED, locked, by, request)


def _not_author(assessment: RiskAssessment, by: User, what: str) -> None:
    if assessment.authors.filter(pk=by.pk).exists():
        raise ValidationError(what)


def return_for_changes(
    *, assessment: RiskAssessment, note: str, by: User, request: HttpRequest | None = None
) -> None:
    with transaction.atomic():
        locked = _locked(assessment)
        if locked.status not in (Status.SUBMITTED, Status.REVIEWED):
            raise ValidationError(_("Only a submitted assessment can be returned."))
        _not_author(
            locked, by, _("You wrote part of this assessment: another reviewer returns it.")
        )
        if not note.strip():
            raise ValidationError(_("Say what must change."))
        locked.status, locked.return_note = Status.RETURNED, note.strip()
        locked.save(update_fields=["status", "return_note"])
        _audit(Action.RISK_RETURNED, locked, by, request)


def review(
    *, assessment: RiskAssessment, note: str, by: User, request: HttpRequest | None = None
) -> None:
    with transaction.atomic():
        locked = _locked(assessment)
        if locked.status != Status.SUBMITTED:
            raise ValidationError(_("Only a submitted assessment can be reviewed."))
        _not_author(locked, by, _("You wrote part of this assessment: another reviewer checks it."))
        locked.status, locked.reviewed_by, locked.reviewed_at = Status.REVIEWED, by, timezone.now()
        locked.review_note = note.strip()
        locked.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note"])
        _audit(Action.RISK_REVIEWED, locked, by, request)


def decide(
    *,
    assessment: RiskAssessment,
    decision: str,
    conditions: str,
    note: str,
    by: User,
    request: HttpRequest | None = None,
) -> None:
    """The leadership's decision; the version is then frozen in its snapshot."""
    from rai_toolkit.screening.selectors import latest_result

    with transaction.atomic():
        locked = _locked(assessment)
        if locked.status != Status.REVIEWED:
            raise ValidationError(_("A decision follows the review: this version is not reviewed."))
        _not_author(
            locked, by, _("You wrote part of this assessment: you cannot also decide on it.")
        )
        if decision not in RiskAssessment.Decision.values:
            raise ValidationError({"decision": _("Choose a decision.")})
        if decision == RiskAssessment.Decision.CONDITIONS and not conditions.strip():
            raise ValidationError({"conditions": _("Write the conditions.")})
        result = latest_result(locked.system)
        if (
            result is not None
            and result.eu_class == RegulatoryClass.PROHIBITED
            and decision != RiskAssessment.Decision.STOP
        ):
            raise ValidationError(
                {
                    "decision": _(
                        "The screening found this use prohibited by the AI Act: the only "
                        "possible decision is not to proceed."
                    )
                }
            )
        levels = overall_levels(locked)
        catalogue: Catalogue = locked.catalogue.catalogue
        if (
            decision == RiskAssessment.Decision.PROCEED
            and levels[1]
            and catalogue.above_acceptable(levels[1])
        ):
            raise ValidationError(
                {
                    "decision": _(
                        "The residual risk is above the acceptable level: proceed only "
                        "with conditions, or not at all."
                    )
                }
            )
        locked.decision, locked.conditions = decision, conditions.strip()
        locked.decision_note = note.strip()
        locked.decided_by, locked.decided_at = by, timezone.now()
        locked.inherent_level, locked.residual_level = levels
        locked.status = Status.DECIDED
        locked.snapshot = snapshots.build(locked, result)
        locked.save()
        AISystem.objects.filter(pk=locked.system_id).update(risk_level=levels[1])
        schedule_after_decision(
            locked.system,
            timezone.localdate(),
            accepted_above_acceptable=bool(levels[1]) and catalogue.above_acceptable(levels[1]),
        )
        _audit(Action.RISK_DECIDED, locked, by, request, decision=decision)


def overall_levels(assessment: RiskAssessment) -> tuple[str, str]:
    """The highest inherent and residual levels among the risks that apply."""
    catalogue: Catalogue = assessment.catalogue.catalogue
    risks = [r for r in assessment.risks.all() if r.applicable]
    inherent = [r.inherent_level for r in risks if r.inherent_level]
    residual = [r.residual_level for r in risks if r.residual_level]
    return (
        max(inherent, key=catalogue.level_rank, default=""),
        max(residual, key=catalogue.level_rank, default=""),
    )
