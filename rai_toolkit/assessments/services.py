"""Assessment workflows: start, answer (never a silent overwrite), discuss, attach evidence,
assign, submit, return, finalise, and turn recommendations into roadmap actions. Every step is
checked against the assessment's state and written to the audit trail in the same transaction."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from rai_toolkit.accounts.models import User
from rai_toolkit.agencies.models import Agency
from rai_toolkit.assessments import evidence_files
from rai_toolkit.assessments.answers import is_not_applicable
from rai_toolkit.assessments.models import (
    Answer,
    Assessment,
    Assignment,
    Comment,
    Evidence,
    RoadmapAction,
)
from rai_toolkit.audit.models import Action
from rai_toolkit.audit.services import record
from rai_toolkit.questionnaires.definition import Question
from rai_toolkit.questionnaires.models import QuestionnaireVersion
from rai_toolkit.questionnaires.scoring import Result, score


class AnswerConflict(Exception):
    """Someone saved this answer since the form was loaded; `current` is what they saved."""

    def __init__(self, current: Answer) -> None:
        super().__init__(current.question)
        self.current = current


def _audit(
    action: Action, assessment: Assessment, by: User, request: HttpRequest | None, **context: Any
) -> None:
    record(
        action,
        request=request,
        actor=by,
        agency=assessment.agency,
        target=assessment,
        target_label=assessment.title,
        context=context,
    )


def _editable(assessment: Assessment) -> Assessment:
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if not locked.is_editable:
        raise ValidationError(
            _("This assessment is %(status)s; its answers cannot be changed.")
            % {"status": locked.get_status_display().lower()}
        )
    return locked


def answers_of(assessment: Assessment) -> dict[str, Any]:
    """Question name → value, for conditions and scores."""
    return {
        name: value
        for name, value in assessment.answers.values_list("question", "value")
        if value is not None
    }


def start(
    *,
    agency: Agency,
    version: QuestionnaireVersion,
    title: str,
    by: User,
    previous: Assessment | None = None,
    request: HttpRequest | None = None,
) -> Assessment:
    """A new assessment; from a previous one, its answers to questions that still exist are
    copied as a starting point (comments and evidence stay with the old one)."""
    if version.questionnaire.agency_id not in (None, agency.pk):
        raise ValidationError(_("This questionnaire belongs to another agency."))
    if previous is not None and previous.agency_id != agency.pk:
        raise ValidationError(_("That assessment belongs to another agency."))
    with transaction.atomic():
        assessment = Assessment.objects.create(
            agency=agency,
            version=version,
            title=title.strip(),
            created_by=by,
            started_from=previous,
        )
        copied = 0
        if previous is not None:
            questions = version.parsed.questions
            kept = [a for a in previous.answers.all() if a.question in questions]
            Answer.objects.bulk_create(
                Answer(
                    assessment=assessment,
                    question=a.question,
                    value=a.value,
                    justification=a.justification,
                    updated_by=by,
                )
                for a in kept
            )
            copied = len(kept)
        _audit(
            Action.ASSESSMENT_STARTED,
            assessment,
            by,
            request,
            questionnaire=str(version),
            copied_answers=copied,
        )
    return assessment


def save_answer(
    *,
    assessment: Assessment,
    question: Question,
    value: Any,
    justification: str,
    revision: int | None,
    by: User,
    request: HttpRequest | None = None,
) -> Answer:
    """Store an answer. `revision` is the one the person saw (None: they saw no answer); if the
    stored answer has moved on and differs from what they send, AnswerConflict is raised."""
    if not question.answerable or question.type == "file":
        raise ValidationError(_("This question takes no typed answer."))
    justification = justification.strip()[:5000]
    with transaction.atomic():
        locked = _editable(assessment)
        current = (
            Answer.objects.select_for_update()
            .filter(assessment=locked, question=question.name)
            .first()
        )
        if current is not None:
            if current.value == value and current.justification == justification:
                return current
            if revision != current.revision:
                raise AnswerConflict(current)
            old = current.value
            current.value, current.justification = value, justification
            current.revision += 1
            current.updated_by, current.updated_at = by, timezone.now()
            current.save()
        else:
            if revision not in (None, 0):
                raise ValidationError(_("This answer was removed meanwhile; reload the page."))
            old = None
            current = Answer.objects.create(
                assessment=locked,
                question=question.name,
                value=value,
                justification=justification,
                updated_by=by,
            )
        locked.contributors.add(by)
        record(
            Action.ASSESSMENT_ANSWERED,
            request=request,
            actor=by,
            agency=locked.agency,
            target=locked,
            target_label=locked.title,
            changes={question.name: (old, value)},
            context={"revision": current.revision},
        )
    return current


MENTION = re.compile(r"@([\w.+-]+@[\w-]+(?:\.[\w-]+)+)")


def add_comment(
    *,
    assessment: Assessment,
    question: Question,
    body: str,
    reply_to: Comment | None,
    by: User,
    request: HttpRequest | None = None,
) -> Comment:
    """A comment; colleagues named as @their.address@agency.example are recorded as mentioned."""
    body = body.strip()
    if assessment.is_finalised:
        raise ValidationError(_("A finalised assessment takes no more comments."))
    if not body:
        raise ValidationError(_("Write a comment first."))
    if reply_to is not None and (
        reply_to.assessment_id != assessment.pk or reply_to.question != question.name
    ):
        raise ValidationError(_("A reply must stay with its question."))
    addresses = {m.lower() for m in MENTION.findall(body)}
    members = list(User.objects.filter(email__in=addresses, memberships__agency=assessment.agency))
    unknown = addresses - {m.email for m in members}
    if unknown:
        raise ValidationError(
            _("No member of this agency uses %(who)s.") % {"who": ", ".join(sorted(unknown))}
        )
    with transaction.atomic():
        comment = Comment.objects.create(
            assessment=assessment,
            question=question.name,
            author=by,
            body=body[:5000],
            reply_to=reply_to,
        )
        comment.mentions.set(members)
        _audit(
            Action.ASSESSMENT_COMMENTED,
            assessment,
            by,
            request,
            question=question.name,
            mentioned=[m.email for m in members],
        )
    return comment


def add_evidence(
    *,
    assessment: Assessment,
    question: Question,
    upload: UploadedFile,
    by: User,
    request: HttpRequest | None = None,
) -> Evidence:
    content_type = evidence_files.check(upload)
    digest = evidence_files.sha256(upload)
    with transaction.atomic():
        locked = _editable(assessment)
        evidence = Evidence(
            assessment=locked,
            question=question.name,
            name=evidence_files.safe_name(upload),
            content_type=content_type,
            size=upload.size or 0,
            sha256=digest,
            uploaded_by=by,
        )
        evidence.file.save("upload", upload, save=False)
        evidence.save()
        locked.contributors.add(by)
        _audit(
            Action.ASSESSMENT_EVIDENCE_ADDED,
            locked,
            by,
            request,
            question=question.name,
            file=evidence.name,
            sha256=evidence.sha256,
            size=evidence.size,
        )
    return evidence


def remove_evidence(*, evidence: Evidence, by: User, request: HttpRequest | None = None) -> None:
    with transaction.atomic():
        locked = _editable(evidence.assessment)
        _audit(
            Action.ASSESSMENT_EVIDENCE_REMOVED,
            locked,
            by,
            request,
            question=evidence.question,
            file=evidence.name,
            sha256=evidence.sha256,
        )
        stored = evidence.file
        evidence.delete()
        transaction.on_commit(lambda: stored.delete(save=False))


def assign(
    *,
    assessment: Assessment,
    section: str,
    assignee: User | None,
    by: User,
    request: HttpRequest | None = None,
) -> None:
    if assessment.version.parsed.page(section) is None:
        raise ValidationError(_("There is no such section."))
    if assignee is not None and not assignee.memberships.filter(agency=assessment.agency).exists():
        raise ValidationError(_("Sections can only be assigned to members of the agency."))
    with transaction.atomic():
        locked = _editable(assessment)
        Assignment.objects.filter(assessment=locked, section=section).delete()
        if assignee is not None:
            Assignment.objects.create(assessment=locked, section=section, assignee=assignee)
        _audit(
            Action.ASSESSMENT_ASSIGNED,
            locked,
            by,
            request,
            section=section,
            assignee=assignee.email if assignee else None,
        )


@dataclass(frozen=True)
class Missing:
    question: Question
    reason: str


def missing_answers(assessment: Assessment) -> list[Missing]:
    """Visible required questions without an answer, and N/A answers without a justification."""
    definition = assessment.version.parsed
    answers = {a.question: a for a in assessment.answers.all()}
    values = {k: a.value for k, a in answers.items() if a.value is not None}
    files = set(assessment.evidence.values_list("question", flat=True))
    missing = []
    for question in definition.questions.values():
        if not question.answerable or not question.visible(values):
            continue
        answer = answers.get(question.name)
        given = question.name in files if question.type == "file" else question.name in values
        if question.required(values) and not given:
            missing.append(Missing(question, _("an answer is required")))
        elif answer and is_not_applicable(question, answer.value) and not answer.justification:
            missing.append(Missing(question, _("say why it does not apply")))
    return missing


def submit(*, assessment: Assessment, by: User, request: HttpRequest | None = None) -> None:
    with transaction.atomic():
        locked = _editable(assessment)
        missing = missing_answers(locked)
        if missing:
            raise ValidationError(
                _("%(n)d question(s) still need attention before submitting.") % {"n": len(missing)}
            )
        locked.status, locked.submitted_at = Assessment.Status.SUBMITTED, timezone.now()
        locked.save(update_fields=["status", "submitted_at"])
        _audit(Action.ASSESSMENT_SUBMITTED, locked, by, request)


def _in_review(assessment: Assessment, by: User) -> Assessment:
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.status != Assessment.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted assessment can be reviewed."))
    if locked.contributors.filter(pk=by.pk).exists():
        raise ValidationError(
            _("You answered questions in this assessment, so another reviewer must review it.")
        )
    return locked


def return_for_changes(
    *, assessment: Assessment, note: str, by: User, request: HttpRequest | None = None
) -> None:
    if not note.strip():
        raise ValidationError(_("Say what needs to change."))
    with transaction.atomic():
        locked = _in_review(assessment, by)
        locked.status, locked.return_note = Assessment.Status.RETURNED, note.strip()[:5000]
        locked.save(update_fields=["status", "return_note"])
        _audit(Action.ASSESSMENT_RETURNED, locked, by, request, note=locked.return_note)


def finalise(*, assessment: Assessment, by: User, request: HttpRequest | None = None) -> None:
    """Score on the server and freeze the result with the questionnaire version's hash."""
    with transaction.atomic():
        locked = _in_review(assessment, by)
        answers = answers_of(locked)
        result = score(locked.version.parsed, answers)
        locked.snapshot = {
            "questionnaire": locked.version.questionnaire.key,
            "version": locked.version.number,
            "content_hash": locked.version.content_hash,
            "finalised_at": timezone.now().isoformat(),
            "result": result.as_dict(),
            "answers": answers,
        }
        locked.status, locked.finalised_at, locked.finalised_by = (
            Assessment.Status.FINALISED,
            timezone.now(),
            by,
        )
        locked.save(update_fields=["snapshot", "status", "finalised_at", "finalised_by"])
        _audit(
            Action.ASSESSMENT_FINALISED,
            locked,
            by,
            request,
            percent=result.as_dict()["percent"],
            level=result.level.name if result.level else None,
            content_hash=locked.version.content_hash,
        )


def current_result(assessment: Assessment) -> Result:
    """Live scores while answering; the frozen snapshot is the record once finalised."""
    return score(assessment.version.parsed, answers_of(assessment))


def adopt(
    *,
    agency: Agency,
    recommendation: str,
    title: str,
    owner: User | None,
    due: Any,
    source: Assessment | None,
    by: User,
    request: HttpRequest | None = None,
) -> RoadmapAction:
    if owner is not None and not owner.memberships.filter(agency=agency).exists():
        raise ValidationError(_("The owner must be a member of the agency."))
    if RoadmapAction.objects.open().filter(agency=agency, recommendation=recommendation).exists():
        raise ValidationError(_("This recommendation is already on the roadmap."))
    with transaction.atomic():
        action = RoadmapAction.objects.create(
            agency=agency,
            recommendation=recommendation,
            title=title.strip()[:300],
            owner=owner,
            due=due,
            source=source,
        )
        record(
            Action.ROADMAP_ACTION_ADDED,
            request=request,
            actor=by,
            agency=agency,
            target=action,
            target_label=action.title,
            context={"recommendation": recommendation},
        )
    return action


def update_action(
    *,
    action: RoadmapAction,
    changes: dict[str, Any],
    by: User,
    request: HttpRequest | None = None,
) -> None:
    owner = changes.get("owner")
    if owner is not None and not owner.memberships.filter(agency=action.agency).exists():
        raise ValidationError(_("The owner must be a member of the agency."))
    saved = RoadmapAction.objects.get(pk=action.pk)  # the form may have changed `action` already
    before = {k: getattr(saved, k) for k in changes}
    with transaction.atomic():
        for key, value in changes.items():
            setattr(action, key, value)
        action.save()
        record(
            Action.ROADMAP_ACTION_CHANGED,
            request=request,
            actor=by,
            agency=action.agency,
            target=action,
            target_label=action.title,
            changes={
                k: (_plain(before[k]), _plain(v)) for k, v in changes.items() if before[k] != v
            },
        )


def _plain(value: Any) -> Any:
    return str(value) if value is not None and not isinstance(value, str | int | bool) else value
