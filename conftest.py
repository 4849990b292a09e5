"""Test personas, defined once for the whole suite.

Agency A has an admin, an assessor, a reviewer, a viewer and a member of its leadership;
agency B has one member (the outsider to A); a platform admin belongs to no agency; and there
is the anonymous visitor.
Every persona has a TOTP authenticator, so the MFA requirement is met as in real use.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.test import Client

from rai_toolkit.accounts.models import PlatformRole, User
from rai_toolkit.agencies.models import Agency, Membership
from rai_toolkit.audit import guards
from rai_toolkit.knowledge.models import ReviewPanel

# The sync Playwright API runs an event loop in the test thread; the ORM must still work there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "correct horse battery staple 7"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def pytest_configure(config: pytest.Config) -> None:
    # Password hashing is deliberately slow in production; the suite hashes hundreds of times.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Uploaded evidence goes to a throwaway folder, never into var/.
    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="rai-test-media-")


def totp_code(secret: str = TOTP_SECRET, offset: int = 0) -> str:
    import time

    from allauth.mfa import app_settings

    counter = int(time.time()) // app_settings.TOTP_PERIOD + offset
    return format_hotp_value(hotp_value(secret, counter))


def make_user(
    email: str, *, platform_roles: tuple[PlatformRole, ...] = (), mfa: bool = True
) -> User:
    user = User.objects.create_user(
        email,
        PASSWORD,
        full_name=email.split("@")[0].replace(".", " ").title(),
        platform_roles=[r.value for r in platform_roles],
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    if mfa:
        TOTP.activate(user, TOTP_SECRET)
    return user


@dataclass(frozen=True)
class Personas:
    agency_a: Agency
    agency_b: Agency
    a_admin: User
    a_assessor: User
    a_reviewer: User
    a_viewer: User
    a_leader: User
    b_member: User
    platform_admin: User
    editor: User
    reviewer: User
    reviewer2: User

    def by_name(self, name: str) -> User | None:
        return None if name == "anonymous" else getattr(self, name)


AGENCY_A_ROLES = {
    "a_admin": Membership.Role.ADMIN,
    "a_assessor": Membership.Role.ASSESSOR,
    "a_reviewer": Membership.Role.REVIEWER,
    "a_viewer": Membership.Role.VIEWER,
    "a_leader": Membership.Role.LEADERSHIP,
}
# What each platform persona may do: platform roles, or "toolkit_reviewer" (a review panel seat).
PLATFORM_PERSONAS: dict[str, tuple[str, ...]] = {
    "platform_admin": (PlatformRole.PLATFORM_ADMIN.value,),
    "editor": (PlatformRole.TOOLKIT_EDITOR.value,),
    "reviewer": ("toolkit_reviewer",),
    "reviewer2": ("toolkit_reviewer",),
}
ALL_PERSONAS = (*AGENCY_A_ROLES, "b_member", *PLATFORM_PERSONAS, "anonymous")


def build_personas() -> Personas:
    agency_a = Agency.objects.create(
        name="Agency A", slug="agency-a", country="FR", kind=Agency.Kind.NATIONAL_POLICE
    )
    agency_b = Agency.objects.create(
        name="Agency B", slug="agency-b", country="ES", kind=Agency.Kind.BORDER
    )
    users = {
        name: make_user(f"{name.replace('_', '.')}@agency-a.example") for name in AGENCY_A_ROLES
    }
    for name, role in AGENCY_A_ROLES.items():
        Membership.objects.create(user=users[name], agency=agency_a, role=role)
    b_member = make_user("b.member@agency-b.example")
    Membership.objects.create(user=b_member, agency=agency_b, role=Membership.Role.ADMIN)
    platform = {
        name: make_user(
            f"{name.replace('_', '.')}@rai.example",
            platform_roles=tuple(PlatformRole(r) for r in roles if r in PlatformRole.values),
        )
        for name, roles in PLATFORM_PERSONAS.items()
    }
    panel = ReviewPanel.objects.create(name="Core group of experts")
    panel.members.set(u for n, u in platform.items() if "toolkit_reviewer" in PLATFORM_PERSONAS[n])
    return Personas(agency_a, agency_b, **users, b_member=b_member, **platform)


@pytest.fixture
def personas(db: None) -> Personas:
    return build_personas()


@pytest.fixture
def login(client: Client) -> Callable[[User | None], Client]:
    """A client signed in as the given user (with a second factor), or anonymous for None."""

    def _login(user: User | None) -> Client:
        if user is not None:
            client.force_login(user)
        return client

    return _login


@pytest.fixture(autouse=True)
def _fresh_fragment_cache() -> None:
    """Each test's database starts again from the same data version; so must the fragments."""
    caches["fragments"].clear()


def _db_kind(request: pytest.FixtureRequest) -> str | None:
    names = request.fixturenames
    marker = request.node.get_closest_marker("django_db")
    if "transactional_db" in names or "live_server" in names:
        return "transactional_db"
    if marker is not None and (marker.kwargs.get("transaction") or marker.args[:1] == (True,)):
        return "transactional_db"
    if "db" in names or marker is not None:
        return "db"
    return None


@pytest.fixture(autouse=True)
def _audit_guards(request: pytest.FixtureRequest) -> Iterator[None]:
    """The append-only triggers are in place for every test. Flushing the database after a
    transactional test deletes audit rows, which SQLite's triggers refuse: they are lifted just
    before that flush (this fixture's teardown runs first) and put back by the next test."""
    kind = _db_kind(request)
    if kind is None:
        yield
        return
    request.getfixturevalue(kind)
    guards.install(connection)
    yield
    if kind == "transactional_db":
        guards.drop(connection)
