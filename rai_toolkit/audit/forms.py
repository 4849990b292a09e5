from __future__ import annotations

import datetime as dt

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rai_toolkit.audit.models import Action, AuditEntryQuerySet

EARLIEST, LATEST = dt.date(2000, 1, 1), dt.date(2999, 12, 31)
DATE_RANGE = [
    MinValueValidator(EARLIEST, _("Choose a date from 2000 onwards.")),
    MaxValueValidator(LATEST, _("Choose a date before the year 3000.")),
]


class AuditFilterForm(forms.Form):
    user = forms.CharField(label=_("User (e-mail contains)"), max_length=254, required=False)
    action = forms.ChoiceField(
        label=_("Action"), choices=[("", _("All actions")), *Action.choices], required=False
    )
    date_from = forms.DateField(
        label=_("From"),
        required=False,
        validators=DATE_RANGE,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = forms.DateField(
        label=_("To"),
        required=False,
        validators=DATE_RANGE,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if isinstance(start, dt.date) and isinstance(end, dt.date) and start > end:
            self.add_error("date_to", _("The end date is before the start date."))
        return cleaned

    def described(self) -> dict[str, str]:
        """The valid criteria, as recorded with an export."""
        return {k: str(v) for k, v in self.cleaned_data.items() if v}

    def apply(self, entries: AuditEntryQuerySet) -> AuditEntryQuerySet:
        """Filter by the valid criteria; an invalid form filters nothing (its errors are shown)."""
        if not self.is_valid():
            return entries
        data = self.cleaned_data
        if data.get("user"):
            entries = entries.filter(actor_label__icontains=data["user"])
        if data.get("action"):
            entries = entries.filter(action=data["action"])
        zone = timezone.get_current_timezone()
        if data.get("date_from"):
            start = dt.datetime.combine(data["date_from"], dt.time.min, tzinfo=zone)
            entries = entries.filter(at__gte=start)
        if data.get("date_to"):
            end = dt.datetime.combine(
                data["date_to"] + dt.timedelta(days=1), dt.time.min, tzinfo=zone
            )
            entries = entries.filter(at__lt=end)
        return entries
