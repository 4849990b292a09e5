"""Account lockout: N failed sign-ins (password or second factor) within a window lock the
account for a fixed time. Keyed by the normalised e-mail so unknown addresses lock the same way
as real ones and the response never tells them apart.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from rai_toolkit.accounts.models import Lockout, LoginFailure, User
from rai_toolkit.audit.models import Action
from rai_toolkit.audit.services import record
from rai_toolkit.core.http import client_ip


def normalise(identifier: str) -> str:
    return identifier.strip().lower()[:254]


def locked_until(identifier: str) -> datetime | None:
    lock = Lockout.objects.filter(identifier=normalise(identifier)).first()
    if lock is None or lock.locked_until <= timezone.now():
        return None
    return lock.locked_until


def register_failure(identifier: str, request: HttpRequest | None) -> datetime | None:
    """Count a failure; lock the account when the threshold is reached. Returns the lock end."""
    key = normalise(identifier)
    now = timezone.now()
    window_start = now - timedelta(minutes=settings.RAI_LOCKOUT_WINDOW_MINUTES)
    with transaction.atomic():
        LoginFailure.objects.create(
            identifier=key, at=now, ip=client_ip(request) if request else None
        )
        recent = LoginFailure.objects.filter(identifier=key, at__gte=window_start).count()
        if recent < settings.RAI_LOCKOUT_ATTEMPTS:
            return None
        until = now + timedelta(minutes=settings.RAI_LOCKOUT_MINUTES)
        Lockout.objects.update_or_create(identifier=key, defaults={"locked_until": until})
        # The failures that caused this lock are spent; the next window starts afresh.
        LoginFailure.objects.filter(identifier=key).delete()
    record(
        Action.ACCOUNT_LOCKED,
        request=request,
        actor=User.objects.filter(email__iexact=key).first(),
        actor_label=key,
        context={"locked_until": until, "attempts": settings.RAI_LOCKOUT_ATTEMPTS},
    )
    return until


def clear(identifier: str) -> None:
    key = normalise(identifier)
    LoginFailure.objects.filter(identifier=key).delete()
    Lockout.objects.filter(identifier=key).delete()


def prune() -> int:
    """Drop failures older than the window and expired locks (run from `prune_sign_in_records`)."""
    now = timezone.now()
    cutoff = now - timedelta(minutes=settings.RAI_LOCKOUT_WINDOW_MINUTES)
    removed, _ = LoginFailure.objects.filter(at__lt=cutoff).delete()
    gone, _ = Lockout.objects.filter(locked_until__lt=now).delete()
    return removed + gone
