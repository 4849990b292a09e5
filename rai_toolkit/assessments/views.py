"""Taking an assessment: the list, the task list, a section's questions (saved one by one),
comments, evidence, assignment, and the review steps."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rai_toolkit.agencies.access import AgencyAccess, agency_view
from rai_toolkit.agencies.models import Membership, Perm
from rai_toolkit.assessments import evidence_files, selectors, services
from rai_toolkit.assessments.answers import parse_answer
from rai_toolkit.assessments.forms import AssignForm, CommentForm, EvidenceForm, StartForm
from rai_toolkit.assessments.methodology import methodology_html
from rai_toolkit.assessments.models import Assessment, Comment, Evidence, RoadmapAction
from rai_toolkit.core.access import public
from rai_toolkit.core.messages import report
from rai_toolkit.knowledge.reader import current_reader


def _list_page(
    request: HttpRequest, access: AgencyAccess, form: StartForm | None = None
) -> HttpResponse:
    """The agency's assessments; a refused start form comes back with what was chosen."""
    context = {
        "access": access,
        "assessments": access.agency.assessments.select_related("version__questionnaire"),
        "start_form": form or StartForm(agency=access.agency),
        "open_actions": RoadmapAction.objects.open().filter(agency=access.agency).count(),
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, "assessments/list.html", context, status=status)


@agency_view(Perm.VIEW)
def assessment_list(request: HttpRequest, access: AgencyAccess) -> HttpResponse:
    return _list_page(request, access)


@agency_view(Perm.EDIT)
@require_POST
def start(request: HttpRequest, access: AgencyAccess) -> HttpResponseBase:
    form = StartForm(request.POST, agency=access.agency)
    if not form.is_valid():
        return _list_page(request, access, form)
    try:
        assessment = services.start(
            agency=access.agency, by=access.user, request=request, **form.cleaned_data
        )
    except ValidationError as error:
        report(request, error)
        return redirect("assessments:list", agency=access.agency.slug)
    return redirect("assessments:detail", agency=access.agency.slug, pk=assessment.pk)


@agency_view(Perm.VIEW)
def detail(request: HttpRequest, access: AgencyAccess, pk: int) -> HttpResponse:
    assessment = selectors.assessment_or_404(access, pk)
    sections = selectors.task_list(assessment)
    context = {
        "access": access,
        "assessment": assessment,
        "sections": sections,
        "answered": sum(s.answered for s in sections),
        "total": sum(s.total for s in sections),
        "missing": services.missing_answers(assessment) if assessment.is_editable else [],
        "members": Membership.objects.filter(agency=access.agency).select_related("user"),
        "open_actions": RoadmapAction.objects.open().filter(agency=access.agency)[:10],
        "can_answer": selectors.can_answer(access, assessment),
        "mentions": assessment.comments.filter(mentions=access.user).select_related("author"),
    }
    return render(request, "assessments/detail.html", context)


def _section_context(
    access: AgencyAccess, assessment: Assessment, section: str
) -> dict[str, object]:
    page = selectors.section_or_404(assessment, section)
    pages = assessment.version.parsed.pages
    index = pages.index(page)
    return {
        "access": access,
        "assessment": assessment,
        "page": page,
        "states": SimpleLazyObject(lambda: selectors.section_states(assessment, page)),
        "previous_page": pages[index - 1] if index else None,
        "next_page": pages[index + 1] if index + 1 < len(pages) else None,
        "can_answer": selectors.can_answer(access, assessment),
        "can_discuss": selectors.can_discuss(access, assessment),
        "toolkit": current_reader(),
        "comment_form": CommentForm(),
        "evidence_form": EvidenceForm(),
    }


@agency_view(Perm.VIEW)
def section(request: HttpRequest, access: AgencyAccess, pk: int, section: str) -> HttpResponse:
    assessment = selectors.assessment_or_404(access, pk)
    context = _section_context(access, assessment, section)
    # Rendered once per data version for this reader: the forms carry their CSRF token.
    context["fragment"] = (
        request.data_version,  # type: ignore[attr-defined]
        assessment.pk,
        section,
        access.membership.role,
        selectors.csrf_key(request),
    )
    return render(request, "assessments/section.html", context)


def _question_response(
    request: HttpRequest,
    access: AgencyAccess,
    assessment: Assessment,
    name: str,
    status: int,
    shown_before: dict[str, bool] | None = None,
    **extra: object,
) -> HttpResponse:
    """The question's block alone for htmx (plus the blocks whose visibility the answer
    changed); without JavaScript, back to the question's place in its section."""
    question = selectors.question_or_404(assessment, name)
    if not request.htmx:  # type: ignore[attr-defined]
        for message in extra.get("errors") or []:  # type: ignore[attr-defined]
            messages.error(request, str(message))
        url = reverse(
            "assessments:section",
            kwargs={"agency": access.agency.slug, "pk": assessment.pk, "section": question.page},
        )
        return redirect(f"{url}#q-{question.name}")
    context = _section_context(access, assessment, question.page)
    states: list[selectors.QuestionState] = context["states"]  # type: ignore[assignment]
    state = next(s for s in states if s.question.name == name)
    changed = [
        s
        for s in states
        if shown_before is not None
        and s.question.name != name
        and shown_before.get(s.question.name) != s.visible
    ]
    context.update(extra, state=state, changed=changed)
    return render(request, "assessments/_fragment.html", context, status=status)


@agency_view(Perm.EDIT)
@require_POST
def answer(request: HttpRequest, access: AgencyAccess, pk: int, question: str) -> HttpResponse:
    assessment = selectors.assessment_or_404(access, pk)
    found = selectors.question_or_404(assessment, question)
    revision = request.POST.get("revision", "")
    before = selectors.visibility(assessment, found.page)
    try:
        value = parse_answer(found, request.POST)
        services.save_answer(
            assessment=assessment,
            question=found,
            value=value,
            justification=request.POST.get("justification", ""),
            revision=int(revision) if revision.isdigit() else None,
            by=access.user,
            request=request,
        )
    except services.AnswerConflict as conflict:
        return _question_response(
            request, access, assessment, question, 409, conflict=conflict.current, mine=request.POST
        )
    except ValidationError as error:
        return _question_response(
            request, access, assessment, question, 400, errors=error.messages, posted=request.POST
        )
    return _question_response(
        request, access, assessment, question, 200, shown_before=before, saved=True
    )


@agency_view(Perm.EDIT, Perm.REVIEW)
@require_POST
def comment(request: HttpRequest, access: AgencyAccess, pk: int, question: str) -> HttpResponse:
    assessment = selectors.assessment_or_404(access, pk)
    found = selectors.question_or_404(assessment, question)
    form = CommentForm(request.POST)
    errors: list[str] = []
    if form.is_valid():
        reply_to = Comment.objects.filter(
            pk=form.cleaned_data["reply_to"] or 0, assessment=assessment
        ).first()
        try:
            services.add_comment(
                assessment=assessment,
                question=found,
                reply_to=reply_to,
                body=form.cleaned_data["body"],
                by=access.user,
                request=request,
            )
        except ValidationError as error:
            errors = error.messages
    else:
        errors = [_("Write a comment first.")]
    status = 400 if errors else 200
    return _question_response(
        request,
        access,
        assessment,
        question,
        status,
        errors=errors,
        error_place="comment",
        comment_text=request.POST.get("body", "") if errors else "",
    )


@agency_view(Perm.EDIT)
@require_POST
def add_evidence(
    request: HttpRequest, access: AgencyAccess, pk: int, question: str
) -> HttpResponse:
    assessment = selectors.assessment_or_404(access, pk)
    found = selectors.question_or_404(assessment, question)
    form = EvidenceForm(request.POST, request.FILES)
    errors: list[str] = []
    if form.is_valid():
        try:
            services.add_evidence(
                assessment=assessment,
                question=found,
                upload=form.cleaned_data["file"],
                by=access.user,
                request=request,
            )
        except ValidationError as error:
            errors = error.messages
    else:
        errors = [str(e) for field_errors in form.errors.values() for e in field_errors]
    return _question_response(
        request,
        access,
        assessment,
        question,
        400 if errors else 200,
        errors=errors,
        error_place="evidence",
    )


def _evidence(access: AgencyAccess, pk: int, evidence: int) -> Evidence:
    """A file of an assessment of this agency (the assessment is loaded through the access)."""
    assessment = selectors.assessment_or_404(access, pk)
    found = assessment.evidence.filter(pk=evidence).first()
    if found is None:
        raise Http404
    found.assessment = assessment
    return found


@agency_view(Perm.VIEW)
def download_evidence(
    request: HttpRequest, access: AgencyAccess, pk: int, evidence: int
) -> FileResponse:
    found = _evidence(access, pk, evidence)
    return evidence_files.download(found.file, found.name, found.content_type)


@agency_view(Perm.EDIT)
@require_POST
def remove_evidence(
    request: HttpRequest, access: AgencyAccess, pk: int, evidence: int
) -> HttpResponse:
    found = _evidence(access, pk, evidence)
    try:
        services.remove_evidence(evidence=found, by=access.user, request=request)
    except ValidationError as error:
        return _question_response(
            request,
            access,
            found.assessment,
            found.question,
            400,
            errors=error.messages,
            error_place="evidence",
        )
    return _question_response(request, access, found.assessment, found.question, 200)


@agency_view(Perm.EDIT)
@require_POST
def assign(request: HttpRequest, access: AgencyAccess, pk: int, section: str) -> HttpResponseBase:
    assessment = selectors.assessment_or_404(access, pk)
    form = AssignForm(request.POST, agency=access.agency)
    try:
        if not form.is_valid():
            raise ValidationError(_("Choose a member of the agency."))
        services.assign(
            assessment=assessment,
            section=section,
            assignee=form.cleaned_data["assignee"],
            by=access.user,
            request=request,
        )
    except ValidationError as error:
        report(request, error)
    return redirect("assessments:detail", agency=access.agency.slug, pk=pk)


def _step(
    request: HttpRequest, access: AgencyAccess, pk: int, step: Callable[..., None], **extra: str
) -> HttpResponseBase:
    assessment = selectors.assessment_or_404(access, pk)
    try:
        step(assessment=assessment, by=access.user, request=request, **extra)
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(request, _("Done."))
    return redirect("assessments:detail", agency=access.agency.slug, pk=pk)


@agency_view(Perm.EDIT)
@require_POST
def submit(request: HttpRequest, access: AgencyAccess, pk: int) -> HttpResponseBase:
    return _step(request, access, pk, services.submit)


@agency_view(Perm.REVIEW)
@require_POST
def return_for_changes(request: HttpRequest, access: AgencyAccess, pk: int) -> HttpResponseBase:
    note = request.POST.get("note", "")
    return _step(request, access, pk, services.return_for_changes, note=note)


@agency_view(Perm.REVIEW)
@require_POST
def finalise(request: HttpRequest, access: AgencyAccess, pk: int) -> HttpResponseBase:
    return _step(request, access, pk, services.finalise)


@public
def methodology(request: HttpRequest) -> HttpResponse:
    (title, html), language = methodology_html(get_language() or "en")
    context = {"title": title, "html": html, "language": language}
    return render(request, "assessments/methodology.html", context)
