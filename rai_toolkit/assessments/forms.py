from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rai_toolkit.accounts.models import User
from rai_toolkit.agencies.models import Agency
from rai_toolkit.assessments.models import Assessment, RoadmapAction
from rai_toolkit.core.validators import no_control_characters
from rai_toolkit.questionnaires.models import Questionnaire, QuestionnaireVersion


class StartForm(forms.Form):
    version = forms.ModelChoiceField(
        label=_("Questionnaire"), queryset=QuestionnaireVersion.objects.none(), empty_label=None
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        validators=[no_control_characters],
        help_text=_("For example “Readiness 2026”."),
    )
    previous = forms.ModelChoiceField(
        label=_("Start from the answers of"),
        queryset=Assessment.objects.none(),
        required=False,
        empty_label=_("Nothing: start empty"),
    )

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        latest = [q.latest() for q in Questionnaire.objects.available_to(agency)]
        self.fields["version"].queryset = QuestionnaireVersion.objects.filter(  # type: ignore[attr-defined]
            pk__in=[v.pk for v in latest if v is not None]
        ).select_related("questionnaire")
        self.fields["version"].label_from_instance = (  # type: ignore[attr-defined]
            lambda v: f"{v.questionnaire.title} (v{v.number})"
        )
        self.fields["previous"].queryset = agency.assessments.all()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        previous, version = data.get("previous"), data.get("version")
        if previous and version and previous.version.questionnaire_id != version.questionnaire_id:
            self.add_error("previous", _("Choose an assessment of the same questionnaire."))
        return data


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Comment"), max_length=5000, widget=forms.Textarea)
    reply_to = forms.IntegerField(required=False, widget=forms.HiddenInput)


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("Evidence file"))


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label=_("Assigned to"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Nobody"),
    )

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            memberships__agency=agency, is_active=True
        )


class ActionForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = RoadmapAction
        fields = ["title", "owner", "due", "status"]
        widgets = {"due": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            memberships__agency=agency, is_active=True
        )
