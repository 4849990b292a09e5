"""Facts about a request that several apps record (audit trail, lockout)."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest

USER_AGENT_MAX = 300


def client_ip(request: HttpRequest) -> str | None:
    """The caller's address; X-Forwarded-For is trusted only for the configured proxy count."""
    proxies: int = settings.RAI_TRUSTED_PROXIES
    candidate: str | None = None
    forwarded = request.headers.get("x-forwarded-for", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",")]
        if len(hops) >= proxies:
            candidate = hops[-proxies]
    if not candidate:
        candidate = request.META.get("REMOTE_ADDR")
    if not candidate:
        return None
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None


def user_agent(request: HttpRequest) -> str:
    return str(request.headers.get("user-agent", ""))[:USER_AGENT_MAX]


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"
