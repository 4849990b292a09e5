"""What the assessment pages show, each read in a fixed number of queries whatever the number
of answers, comments and files."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F
from django.http import Http404, HttpRequest
from django.middleware.csrf import get_token

from rai_toolkit.agencies.access import AgencyAccess
from rai_toolkit.agencies.models import Perm
from rai_toolkit.assessments.models import Answer, Assessment, Assignment, Comment, Evidence
from rai_toolkit.questionnaires.definition import Page, Question


def assessment_or_404(access: AgencyAccess, pk: int) -> Assessment:
    return access.get(Assessment.objects.select_related("version__questionnaire", "agency"), pk=pk)


def question_or_404(assessment: Assessment, name: str) -> Question:
    question = assessment.version.parsed.questions.get(name)
    if question is None:
        raise Http404
    return question


def section_or_404(assessment: Assessment, name: str) -> Page:
    page = assessment.version.parsed.page(name)
    if page is None:
        raise Http404
    return page


@dataclass
class QuestionState:
    question: Question
    answer: Answer | None
    visible: bool
    enabled: bool
    required: bool
    comments: list[Comment] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def value(self) -> Any:
        return self.answer.value if self.answer else None

    @property
    def revision(self) -> int:
        return self.answer.revision if self.answer else 0


@dataclass
class SectionStatus:
    page: Page
    answered: int
    total: int
    assignee: Any

    @property
    def status(self) -> str:
        if self.answered == 0:
            return "not_started"
        return "done" if self.answered >= self.total else "in_progress"


def _answered(question: Question, answers: dict[str, Answer], files: set[str]) -> bool:
    if question.type == "file":
        return question.name in files
    answer = answers.get(question.name)
    return answer is not None and answer.value is not None


def task_list(assessment: Assessment) -> list[SectionStatus]:
    """Each section with how many of its shown questions have an answer."""
    definition = assessment.version.parsed
    answers = {a.question: a for a in assessment.answers.all()}
    values = {k: a.value for k, a in answers.items() if a.value is not None}
    files = set(assessment.evidence.values_list("question", flat=True))
    assignees = {
        a.section: a.assignee
        for a in Assignment.objects.filter(assessment=assessment).select_related("assignee")
    }
    sections = []
    for page in definition.pages:
        shown = [q for q in page.questions if q.answerable and q.visible(values)]
        done = sum(1 for q in shown if _answered(q, answers, files))
        sections.append(SectionStatus(page, done, len(shown), assignees.get(page.name)))
    return sections


def visibility(assessment: Assessment, page_name: str) -> dict[str, bool]:
    """Which questions of a section are shown now (to update those an answer shows or hides)."""
    page = section_or_404(assessment, page_name)
    values = {k: v for k, v in assessment.answers.values_list("question", "value") if v is not None}
    return {q.name: q.visible(values) for q in page.questions}


def section_states(assessment: Assessment, page: Page) -> list[QuestionState]:
    answers = {a.question: a for a in assessment.answers.select_related("updated_by")}
    values = {k: a.value for k, a in answers.items() if a.value is not None}
    names = [q.name for q in page.questions]
    comments: dict[str, list[Comment]] = defaultdict(list)
    for comment in Comment.objects.filter(assessment=assessment, question__in=names).select_related(
        "author"
    ):
        comments[comment.question].append(comment)
    files: dict[str, list[Evidence]] = defaultdict(list)
    for item in Evidence.objects.filter(assessment=assessment, question__in=names):
        files[item.question].append(item)
    return [
        QuestionState(
            question,
            answers.get(question.name),
            question.visible(values),
            question.enabled(values),
            question.required(values),
            comments[question.name],
            files[question.name],
        )
        for question in page.questions
    ]


def csrf_key(request: HttpRequest) -> str:
    """Names the reader's CSRF secret, so a cached form is only ever served back to them."""
    get_token(request)
    secret = str(request.META.get("CSRF_COOKIE", ""))
    return hashlib.sha256(secret.encode()).hexdigest()[:16]


def can_answer(access: AgencyAccess, assessment: Assessment) -> bool:
    return assessment.is_editable and access.can(Perm.EDIT)


def can_discuss(access: AgencyAccess, assessment: Assessment) -> bool:
    return not assessment.is_finalised and (access.can(Perm.EDIT) or access.can(Perm.REVIEW))


def dashboard_card(access: AgencyAccess) -> dict[str, Any]:
    """The agency's latest assessment and its open roadmap actions, soonest due first."""
    from rai_toolkit.assessments.models import RoadmapAction

    latest = access.agency.assessments.select_related("version__questionnaire").first()
    actions = list(
        RoadmapAction.objects.open()
        .filter(agency=access.agency)
        .order_by(F("due").asc(nulls_last=True), "created_at")
    )  # an agency's open actions are few; one query gives both the list and the count
    return {"latest": latest, "actions": actions[:5], "open_actions": len(actions)}
