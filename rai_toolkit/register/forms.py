from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rai_toolkit.accounts.models import User
from rai_toolkit.agencies.models import Agency
from rai_toolkit.knowledge.reader import current_reader
from rai_toolkit.register.models import (
    AISystem,
    DataCategory,
    Family,
    Jurisdiction,
    RegulatoryClass,
    RiskLevel,
    Stage,
    SystemStatus,
    Trigger,
)

FIELDS = (
    "name",
    "purpose",
    "use_case",
    "family",
    "role",
    "stage",
    "status",
    "owner",
    "sourcing",
    "vendor",
    "product",
    "model_name",
    "model_version",
    "data_categories",
    "timing",
    "public_space",
    "output_effect",
    "affected_groups",
    "jurisdictions",
)


def use_case_choices() -> list[tuple[str, str]]:
    reader = current_reader()
    if reader is None:
        return []
    titles = reader.titles()
    found = [(key, title) for key, title in titles.items() if key.startswith("use-case/")]
    return sorted(found, key=lambda pair: pair[1])


class SystemForm(forms.ModelForm):  # type: ignore[type-arg]
    use_case = forms.ChoiceField(label=_("Use case in the toolkit"), required=False)
    owner = forms.ModelChoiceField(
        label=_("Owner"), queryset=User.objects.none(), required=False, empty_label=_("Nobody yet")
    )
    data_categories = forms.MultipleChoiceField(
        label=_("Data it uses"),
        choices=DataCategory.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    jurisdictions = forms.MultipleChoiceField(
        label=_("Jurisdictions where it is used"),
        choices=Jurisdiction.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one jurisdiction.")},
    )

    class Meta:
        model = AISystem
        fields = FIELDS
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "affected_groups": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "stage": _(
                "Where the system is in its life: a change of stage may call for a new assessment."
            ),
            "public_space": _("Places anyone may enter, such as streets, stations or shops."),
            "output_effect": _(
                "Whether a person uses the output as information, follows its "
                "recommendation, or the system itself decides."
            ),
        }

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["use_case"].choices = [("", _("None of them")), *use_case_choices()]  # type: ignore[attr-defined]
        self.fields["owner"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            memberships__agency=agency
        ).order_by("full_name")
        self.fields["family"].choices = Family.choices  # type: ignore[attr-defined]
        if self.instance.pk is None:
            self.fields["status"].initial = SystemStatus.ACTIVE

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("sourcing") == "vendor" and not data.get("vendor", "").strip():
            self.add_error("vendor", _("Name the vendor of a bought system."))
        if data.get("stage") == Stage.RETIRED and data.get("status") == SystemStatus.ACTIVE:
            self.add_error("status", _("A retired system cannot be active: archive it."))
        return data


class TriggerForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Trigger
        fields = ("kind", "note")
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File"))


class FilterForm(forms.Form):
    """The register list's filters; unknown values are ignored rather than refused."""

    stage = forms.ChoiceField(required=False, label=_("Stage"))
    risk = forms.ChoiceField(required=False, label=_("Risk level"))
    regulatory = forms.ChoiceField(required=False, label=_("AI Act class"))
    overdue = forms.BooleanField(required=False, label=_("Reassessment overdue"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["stage"].choices = [*everything, *Stage.choices]  # type: ignore[attr-defined]
        self.fields["risk"].choices = [  # type: ignore[attr-defined]
            *everything,
            *RiskLevel.choices,
            ("none", _("Not assessed")),
        ]
        self.fields["regulatory"].choices = [  # type: ignore[attr-defined]
            *everything,
            *RegulatoryClass.choices,
            ("none", _("Not screened")),
        ]
