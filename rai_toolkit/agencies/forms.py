from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField

from rai_toolkit.agencies.models import Agency, Membership
from rai_toolkit.core.validators import no_control_characters


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


class AgencySettingsForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Agency
        fields = ["name", "country", "kind", "default_language", "shares_results"]


class AgencyCreateForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, validators=[no_control_characters])
    country = LazyTypedChoiceField(label=_("Country"), choices=countries)
    kind = forms.ChoiceField(label=_("Type"), choices=Agency.Kind.choices)
    default_language = forms.ChoiceField(
        label=_("Default language"), choices=settings.LANGUAGES, initial="en"
    )
    admin_email = forms.EmailField(
        label=_("First administrator's e-mail address"),
        max_length=254,
        help_text=_("This person receives an invitation to administer the agency."),
    )
