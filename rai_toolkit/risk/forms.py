from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rai_toolkit.accounts.models import User
from rai_toolkit.agencies.models import Agency
from rai_toolkit.knowledge.reader import current_reader
from rai_toolkit.register.models import RiskLevel
from rai_toolkit.risk.models import Fria, Mitigation, RiskAssessment


def _members(agency: Agency) -> Any:
    return User.objects.filter(memberships__agency=agency).order_by("full_name")


def principle_choices() -> list[tuple[str, str]]:
    reader = current_reader()
    titles = reader.titles() if reader else {}
    return sorted(
        ((k, t) for k, t in titles.items() if k.startswith("principle/") and k.count("/") == 2),
        key=lambda pair: pair[1],
    )


class MitigationForm(forms.Form):
    practice = forms.ChoiceField(label=_("Toolkit good practice it applies"), required=False)
    description = forms.CharField(
        label=_("Mitigation"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What will be done. Leave empty to use the practice's name."),
    )
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=User.objects.none())
    due = forms.DateField(label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(
        self, *args: Any, agency: Agency, practices: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _members(agency)  # type: ignore[attr-defined]
        self.fields["practice"].choices = [("", _("None: our own measure")), *practices]  # type: ignore[attr-defined]
        self.titles = dict(practices)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("description", "").strip():
            if data.get("practice"):
                data["description"] = self.titles[data["practice"]]
            else:
                self.add_error("description", _("Describe the mitigation or choose a practice."))
        return data


class MitigationUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Mitigation.Status.choices)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=User.objects.none(), required=False)
    due = forms.DateField(label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _members(agency)  # type: ignore[attr-defined]


class CustomRiskForm(forms.Form):
    title = forms.CharField(label=_("Risk"), max_length=300)
    principle = forms.ChoiceField(label=_("Principle it touches"))
    description = forms.CharField(
        label=_("What can go wrong"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )
    affected = forms.CharField(label=_("Who is affected"), max_length=5000, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["principle"].choices = principle_choices()  # type: ignore[attr-defined]


class FriaForm(forms.ModelForm):  # type: ignore[type-arg]
    revision = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Fria
        fields = Fria.FIELDS
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in Fria.FIELDS}


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )
    risk = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ReturnForm(forms.Form):
    note = forms.CharField(
        label=_("What must change"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReviewForm(forms.Form):
    note = forms.CharField(
        label=_("Review note"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=RiskAssessment.Decision.choices, widget=forms.RadioSelect
    )
    conditions = forms.CharField(
        label=_("Conditions"),
        max_length=10000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you decide to proceed with conditions."),
    )
    note = forms.CharField(
        label=_("Reasons"),
        max_length=10000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RegisterFilterForm(forms.Form):
    level = forms.ChoiceField(
        label=_("Residual level"), required=False, choices=[("", _("All")), *RiskLevel.choices]
    )
    principle = forms.ChoiceField(label=_("Principle"), required=False)
    system = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["principle"].choices = [("", _("All")), *principle_choices()]  # type: ignore[attr-defined]
