from __future__ import annotations

from typing import Any

import yaml
from django import forms
from django.utils.translation import gettext_lazy as _

from rai_toolkit.core.validators import no_control_characters
from rai_toolkit.knowledge.models import Edition, ReviewPanel
from rai_toolkit.knowledge.schema import ID_PATTERN, ItemType, schema_for_id


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the toolkit"), max_length=200, required=False)
    type = forms.ChoiceField(
        label=_("Kind of item"), choices=[("", _("All kinds")), *ItemType.choices], required=False
    )
    edition = forms.IntegerField(
        label=_("Edition"), required=False, min_value=1, widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, can_see_drafts: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.can_see_drafts = can_see_drafts

    def clean_edition(self) -> int | None:
        number: int | None = self.cleaned_data.get("edition")
        if number is None:
            return None
        edition = Edition.objects.filter(number=number).first()
        if edition is None or (not edition.is_published and not self.can_see_drafts):
            raise forms.ValidationError(_("There is no such edition."))
        return number

    def edition_number(self) -> int | None:
        return self.cleaned_data.get("edition") if self.is_valid() else None


class DraftForm(forms.Form):
    title = forms.CharField(label=_("Title of the new edition"), max_length=200)


class ItemForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    summary = forms.CharField(
        label=_("Summary"), max_length=300, widget=forms.Textarea(attrs={"rows": 2})
    )
    body = forms.CharField(
        label=_("Text (Markdown)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14, "class": "font-monospace"}),
        help_text=_("Link to other items with [[id]] or [[id|your words]]."),
    )
    fields_yaml = forms.CharField(
        label=_("Other fields (YAML)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10, "class": "font-monospace", "dir": "ltr"}),
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean_fields_yaml(self) -> dict[str, Any]:
        text = self.cleaned_data.get("fields_yaml") or ""
        try:
            data = yaml.safe_load(text) if text.strip() else {}
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            if mark is None:
                raise forms.ValidationError(_("This is not valid YAML.")) from exc
            raise forms.ValidationError(
                _("This is not valid YAML (line %(line)d).") % {"line": mark.line + 1}
            ) from exc
        if not isinstance(data, dict):
            raise forms.ValidationError(_("Write the fields as key: value lines."))
        return data


class NewItemForm(ItemForm):
    item_id = forms.CharField(
        label=_("Id"),
        max_length=200,
        help_text=_("For example term/data-drift or practice/written-necessity-assessment."),
    )
    field_order = ["item_id", "title", "summary", "body", "fields_yaml"]

    def clean_item_id(self) -> str:
        value: str = self.cleaned_data["item_id"].strip().lower()
        if schema_for_id(value) is None or not ID_PATTERN.match(value):
            raise forms.ValidationError(_("This is not an id of a toolkit item."))
        return value


class TranslationForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    summary = forms.CharField(
        label=_("Summary"), max_length=300, widget=forms.Textarea(attrs={"rows": 2})
    )
    body = forms.CharField(
        label=_("Text (Markdown)"), required=False, widget=forms.Textarea(attrs={"rows": 14})
    )


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    reply_to = forms.IntegerField(required=False, widget=forms.HiddenInput)


class PublishForm(forms.Form):
    changelog = forms.CharField(
        label=_("Changelog"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What changed and why, for readers of the new edition."),
    )


class PreviewForm(forms.Form):
    edition = forms.IntegerField(min_value=1)
    body = forms.CharField(required=False, max_length=200_000)


class PanelForm(forms.ModelForm):  # type: ignore[type-arg]
    name = forms.CharField(label=_("Name"), max_length=120, validators=[no_control_characters])
    approvals_needed = forms.IntegerField(
        label=_("Approvals needed from this panel"),
        min_value=0,
        max_value=20,
        initial=0,
        help_text=_("Publishing waits for this many approvals from the panel's members."),
    )

    class Meta:
        model = ReviewPanel
        fields = ["name", "description", "approvals_needed"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def validate_unique(self) -> None:
        """The service checks the name, case-insensitively, and says so in one message."""


class MemberForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the reviewer"), max_length=254)
