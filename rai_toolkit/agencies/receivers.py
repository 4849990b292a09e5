"""Finishes an invitation when its invitee has just created their account."""

from __future__ import annotations

from typing import Any

from allauth.account.signals import user_signed_up
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils.translation import gettext as _

from rai_toolkit.accounts import signup
from rai_toolkit.accounts.models import User
from rai_toolkit.agencies import services
from rai_toolkit.agencies.models import Invitation
from rai_toolkit.core.messages import report


@receiver(user_signed_up)
def accept_pending_invitation(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    invitation_id = signup.take_reference(request)
    invitation = Invitation.objects.filter(pk=invitation_id).first() if invitation_id else None
    if invitation is None:
        return
    try:
        membership = services.accept_invitation(invitation=invitation, user=user, request=request)
    except ValidationError as error:
        report(request, error)
        return
    messages.success(request, _("Welcome to %(agency)s.") % {"agency": membership.agency.name})
