"""Review panels: who reviews toolkit drafts, and how many approvals each panel must give."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rai_toolkit.accounts.models import User
from rai_toolkit.audit.models import Action
from rai_toolkit.audit.services import record
from rai_toolkit.knowledge.models import Edition, ReviewPanel


def _audit(panel: ReviewPanel, by: User, request: HttpRequest | None, **context: object) -> None:
    record(
        Action.TOOLKIT_PANEL_CHANGED,
        request=request,
        actor=by,
        target=panel,
        target_label=panel.name,
        context=context,
    )


def save_panel(
    *,
    panel: ReviewPanel | None,
    name: str,
    description: str,
    approvals_needed: int,
    by: User,
    request: HttpRequest | None = None,
) -> ReviewPanel:
    """Create a panel (panel=None) or change one; a name already in use is refused."""
    name = name.strip()
    others = ReviewPanel.objects.filter(name__iexact=name)
    if panel is not None:
        others = others.exclude(pk=panel.pk)
    if others.exists():
        raise ValidationError(_("Another panel already has this name."))
    created = panel is None
    saved = None if panel is None else ReviewPanel.objects.filter(pk=panel.pk).first()
    old = {} if saved is None else _state(saved)
    panel = panel or ReviewPanel()
    panel.name, panel.description, panel.approvals_needed = name, description, approvals_needed
    try:
        with transaction.atomic():
            panel.save()
            new = _state(panel)
            changed = {k: [old.get(k), v] for k, v in new.items() if old.get(k) != v}
            _audit(panel, by, request, change="created" if created else "changed", fields=changed)
    except IntegrityError as exc:  # a concurrent save took the name
        raise ValidationError(_("Another panel already has this name.")) from exc
    return panel


def _state(panel: ReviewPanel) -> dict[str, object]:
    return {
        "name": panel.name,
        "description": panel.description,
        "approvals_needed": panel.approvals_needed,
    }


def delete_panel(*, panel: ReviewPanel, by: User, request: HttpRequest | None = None) -> None:
    """Approvals already given stay; its members lose their review seat unless on another panel."""
    with transaction.atomic():
        _audit(panel, by, request, change="deleted", members=_emails(panel))
        panel.delete()


def _emails(panel: ReviewPanel) -> list[str]:
    return sorted(panel.members.values_list("email", flat=True))


def add_member(
    *, panel: ReviewPanel, email: str, by: User, request: HttpRequest | None = None
) -> User:
    member = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if member is None:
        raise ValidationError(
            _(
                "No active account uses this address. The person needs an account first: "
                "an agency invitation or the platform administrator can create one."
            )
        )
    if panel.members.filter(pk=member.pk).exists():
        raise ValidationError(_("This person is already on the panel."))
    with transaction.atomic():
        panel.members.add(member)
        _audit(panel, by, request, change="member_added", member=member.email)
    return member


def remove_member(
    *, panel: ReviewPanel, member: User, by: User, request: HttpRequest | None = None
) -> None:
    if not panel.members.filter(pk=member.pk).exists():
        raise ValidationError(_("This person is not on the panel."))
    with transaction.atomic():
        panel.members.remove(member)
        _audit(panel, by, request, change="member_removed", member=member.email)


@dataclass(frozen=True)
class PanelProgress:
    panel: ReviewPanel
    approvals: int

    @property
    def short(self) -> int:
        return max(0, self.panel.approvals_needed - self.approvals)


def panel_progress(edition: Edition) -> list[PanelProgress]:
    """Per panel, the approvals that count: given by its members who did not change the edition."""
    approvers = set(
        edition.approvals.exclude(reviewer__in=edition.authors.all()).values_list(
            "reviewer_id", flat=True
        )
    )
    panels = ReviewPanel.objects.prefetch_related("members")
    return [
        PanelProgress(panel, sum(1 for m in panel.members.all() if m.pk in approvers))
        for panel in panels
    ]


def missing_panel_approvals(edition: Edition) -> list[str]:
    return [
        ngettext(
            "%(panel)s still needs %(n)d approval.",
            "%(panel)s still needs %(n)d approvals.",
            p.short,
        )
        % {"panel": p.panel.name, "n": p.short}
        for p in panel_progress(edition)
        if p.short
    ]
