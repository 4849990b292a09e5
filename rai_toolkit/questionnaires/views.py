"""The questionnaires an agency can run: the platform's and its own SurveyJS uploads."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rai_toolkit.agencies.access import AgencyAccess, agency_view
from rai_toolkit.agencies.models import Perm
from rai_toolkit.questionnaires import services, surveyjs
from rai_toolkit.questionnaires.definition import DefinitionError
from rai_toolkit.questionnaires.forms import UploadForm
from rai_toolkit.questionnaires.models import Questionnaire, QuestionnaireVersion


def version_or_404(access: AgencyAccess, pk: int) -> QuestionnaireVersion:
    """A version of a questionnaire this agency may use (another agency's upload is a 404)."""
    found = (
        QuestionnaireVersion.objects.select_related("questionnaire")
        .filter(pk=pk, questionnaire__in=Questionnaire.objects.available_to(access.agency))
        .first()
    )
    if found is None:
        raise Http404
    return found


def _page(
    request: HttpRequest,
    access: AgencyAccess,
    form: UploadForm,
    status: int = 200,
    problems: list[str] | None = None,
) -> HttpResponse:
    questionnaires = Questionnaire.objects.available_to(access.agency).prefetch_related("versions")
    context = {
        "access": access,
        "questionnaires": questionnaires,
        "form": form,
        "problems": problems or [],
    }
    return render(request, "questionnaires/list.html", context, status=status)


@agency_view(Perm.VIEW)
def questionnaire_list(request: HttpRequest, access: AgencyAccess) -> HttpResponse:
    return _page(request, access, UploadForm())


@agency_view(Perm.EDIT)
@require_POST
def upload(request: HttpRequest, access: AgencyAccess) -> HttpResponseBase:
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, access, form, 400)
    upload = form.cleaned_data["file"]
    try:
        version, created = services.import_surveyjs(
            agency=access.agency,
            raw=upload.read(surveyjs.MAX_BYTES + 1),
            filename=upload.name or "questionnaire.json",
            by=access.user,
            request=request,
        )
    except (DefinitionError, ValidationError) as error:
        problems = getattr(error, "problems", None) or list(getattr(error, "messages", []))
        return _page(request, access, form, 400, problems)
    text = (
        _("%(title)s is ready to use (version %(n)s).")
        if created
        else _("%(title)s was already here, unchanged (version %(n)s).")
    )
    messages.success(request, text % {"title": version.questionnaire.title, "n": version.number})
    return redirect("questionnaires:list", agency=access.agency.slug)


@agency_view(Perm.VIEW)
def export(request: HttpRequest, access: AgencyAccess, pk: int) -> HttpResponse:
    version = version_or_404(access, pk)
    response = HttpResponse(
        surveyjs.to_surveyjs(version.definition), content_type="application/json"
    )
    filename = f"{version.questionnaire.key}-v{version.number}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
