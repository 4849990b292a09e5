"""Per-session facts kept by the accounts app: when the user signed in, when they were last
active, whether a second factor is known to be set up, and a form submission that was
interrupted by a sign-out and waits to be sent again.
"""

from __future__ import annotations

import time
from typing import Any

from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest

AUTH_AT = "rai_auth_at"
LAST_ACTIVITY = "rai_last_activity"
MFA_OK = "rai_mfa_ok"
PENDING_POST = "rai_pending_post"
EXPIRED_USER = "rai_expired_user"
PENDING_POST_MAX_AGE = 3600
# Never kept, whatever the form: tokens, passwords and one-time codes.
_NOT_KEPT = ("csrfmiddlewaretoken", "password", "oldpassword", "code", "token")


def mark_signed_in(session: SessionBase) -> None:
    now = time.time()
    session[AUTH_AT] = now
    session[LAST_ACTIVITY] = now


def signed_in_recently(session: SessionBase, seconds: int) -> bool:
    at = session.get(AUTH_AT)
    return at is not None and time.time() - float(at) < seconds


def remember_expired_user(session: SessionBase, user_id: int | None) -> None:
    """Whose session just ended: only they may send again what was interrupted."""
    session[EXPIRED_USER] = user_id


def stash_post(request: HttpRequest) -> bool:
    """Keep what the user submitted so it can be sent again once they have signed in.

    Only when we know whose session expired: a form is never replayed for someone else."""
    owner = request.session.get(EXPIRED_USER)
    if owner is None:
        return False
    fields = [
        [key, value]
        for key, values in request.POST.lists()
        if not key.lower().startswith(_NOT_KEPT)
        for value in values
    ]
    request.session[PENDING_POST] = {
        "owner": owner,
        "path": request.path,
        "fields": fields,
        "files_dropped": bool(request.FILES),
        "at": time.time(),
    }
    return True


def pop_pending_post(request: HttpRequest) -> dict[str, Any] | None:
    """The kept submission, if it belongs to the signed-in user, is recent and stays local."""
    pending = request.session.pop(PENDING_POST, None)
    request.session.pop(EXPIRED_USER, None)
    if not isinstance(pending, dict):
        return None
    path = pending.get("path", "")
    mine = pending.get("owner") == request.user.pk
    fresh = time.time() - float(pending.get("at", 0)) <= PENDING_POST_MAX_AGE
    local = isinstance(path, str) and path.startswith("/") and not path.startswith("//")
    return pending if mine and fresh and local else None
