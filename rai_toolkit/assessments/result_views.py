"""Results of an assessment, their exports, and the roadmap they feed."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rai_toolkit.agencies.access import AgencyAccess, agency_view
from rai_toolkit.agencies.models import Perm
from rai_toolkit.assessments import results, selectors, services
from rai_toolkit.assessments.answers import display
from rai_toolkit.assessments.forms import ActionForm
from rai_toolkit.assessments.models import RoadmapAction
from rai_toolkit.audit.exports import neutralise
from rai_toolkit.core.downloads import json_download
from rai_toolkit.core.messages import report
from rai_toolkit.questionnaires.definition import text_in
from rai_toolkit.questionnaires.scoring import question_scores


@agency_view(Perm.VIEW)
def results_page(request: HttpRequest, access: AgencyAccess, pk: int) -> HttpResponse:
    assessment = selectors.assessment_or_404(access, pk)
    context = {"access": access, "assessment": assessment, **results.results_page(assessment)}
    return render(request, "assessments/results.html", context)


@agency_view(Perm.VIEW)
def results_json(request: HttpRequest, access: AgencyAccess, pk: int) -> HttpResponse:
    assessment = selectors.assessment_or_404(access, pk)
    payload = results.export_json(assessment)
    return json_download(payload, f"assessment-{assessment.pk}.json")


@agency_view(Perm.VIEW)
def results_csv(request: HttpRequest, access: AgencyAccess, pk: int) -> HttpResponse:
    """One row per question: section, question, answer, points and maximum where scored."""
    assessment = selectors.assessment_or_404(access, pk)
    language = get_language() or "en"
    answers = results.outcome(assessment)["answers"]
    definition = assessment.version.parsed
    points = {s.question.name: s for s in question_scores(definition, answers)}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            _("Section"),
            _("Question id"),
            _("Question"),
            _("Answer"),
            _("Dimension"),
            _("Points"),
            _("Maximum"),
        ]
    )
    for page in definition.pages:
        for question in page.questions:
            if not question.answerable:
                continue
            scored = points.get(question.name)
            writer.writerow(
                [
                    neutralise(cell)
                    for cell in (
                        text_in(page.title, language),
                        question.name,
                        text_in(question.title, language),
                        display(question, answers.get(question.name), language),
                        question.dimension,
                        "" if scored is None else scored.points,
                        "" if scored is None else scored.maximum,
                    )
                ]
            )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="assessment-{assessment.pk}.csv"'
    return response


def _roadmap_page(
    request: HttpRequest, access: AgencyAccess, refused: ActionForm | None = None
) -> HttpResponse:
    """Every action with its form; a refused form comes back with what was typed."""
    actions = RoadmapAction.objects.filter(agency=access.agency).select_related("owner", "source")
    forms = [
        (
            a,
            refused
            if refused is not None and refused.instance.pk == a.pk
            else ActionForm(instance=a, agency=access.agency, prefix=f"a{a.pk}"),
        )
        for a in actions
    ]
    status = 400 if refused is not None else 200
    return render(
        request, "assessments/roadmap.html", {"access": access, "forms": forms}, status=status
    )


@agency_view(Perm.VIEW)
def roadmap(request: HttpRequest, access: AgencyAccess) -> HttpResponse:
    return _roadmap_page(request, access)


@agency_view(Perm.EDIT)
@require_POST
def adopt(request: HttpRequest, access: AgencyAccess, pk: int) -> HttpResponseBase:
    assessment = selectors.assessment_or_404(access, pk)
    item_id = request.POST.get("recommendation", "")
    found = next(
        (r for r in results.results_page(assessment)["recommendations"] if r.item_id == item_id),
        None,
    )
    try:
        if found is None:
            raise ValidationError(_("This recommendation is not among this assessment's."))
        services.adopt(
            agency=access.agency,
            recommendation=found.item_id,
            title=found.title,
            owner=access.user,
            due=None,
            source=assessment,
            by=access.user,
            request=request,
        )
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(request, _("Added to the roadmap. Set its owner and due date there."))
    return redirect("assessments:results", agency=access.agency.slug, pk=pk)


@agency_view(Perm.EDIT)
@require_POST
def update_action(request: HttpRequest, access: AgencyAccess, pk: int) -> HttpResponseBase:
    action = access.get(RoadmapAction, pk=pk)
    form = ActionForm(request.POST, instance=action, agency=access.agency, prefix=f"a{action.pk}")
    if form.is_valid():
        changes = {k: form.cleaned_data[k] for k in form.changed_data}
        services.update_action(action=action, changes=changes, by=access.user, request=request)
        messages.success(request, _("Saved."))
        return redirect("assessments:roadmap", agency=access.agency.slug)
    return _roadmap_page(request, access, form)
