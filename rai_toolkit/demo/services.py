"""Demo data for `make run`: two agencies, a user for every role, all with a second factor.

Each capability adds its part here, so a newcomer sees it working at once. Passwords are random
and printed once, when the accounts are created; running it again changes nothing.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from allauth.mfa.utils import decrypt
from django.db import transaction

from rai_toolkit.accounts.models import PlatformRole, User
from rai_toolkit.agencies import services as agencies
from rai_toolkit.agencies.models import Agency, Membership
from rai_toolkit.demo.assessments import seed_assessments
from rai_toolkit.demo.reports import seed_reports
from rai_toolkit.demo.systems import seed_systems
from rai_toolkit.knowledge import services as knowledge
from rai_toolkit.knowledge.models import Edition, ReviewPanel
from rai_toolkit.knowledge.schema import ItemType


@dataclass(frozen=True)
class DemoUser:
    email: str
    full_name: str
    agency: str | None
    role: str | None
    platform_roles: tuple[str, ...] = ()
    panel: str | None = None


DEMO_AGENCIES = {
    "demo-police": {
        "name": "Demo National Police",
        "country": "NL",
        "kind": Agency.Kind.NATIONAL_POLICE,
    },
    "demo-border": {"name": "Demo Border Agency", "country": "ES", "kind": Agency.Kind.BORDER},
}
DEMO_USERS = (
    DemoUser("admin@demo-police.example", "Amal Haddad", "demo-police", Membership.Role.ADMIN),
    DemoUser(
        "assessor@demo-police.example", "Lucas Moreau", "demo-police", Membership.Role.ASSESSOR
    ),
    DemoUser(
        "reviewer@demo-police.example", "Sofía Ramírez", "demo-police", Membership.Role.REVIEWER
    ),
    DemoUser("viewer@demo-police.example", "Daniel Okafor", "demo-police", Membership.Role.VIEWER),
    DemoUser(
        "chief@demo-police.example", "Grace Mensah", "demo-police", Membership.Role.LEADERSHIP
    ),
    DemoUser("admin@demo-border.example", "Inés García", "demo-border", Membership.Role.ADMIN),
    DemoUser(
        "platform@rai.example",
        "Platform Administrator",
        None,
        None,
        (PlatformRole.PLATFORM_ADMIN.value,),
    ),
    DemoUser("editor@rai.example", "Toolkit Editor", None, None, ("toolkit_editor",)),
    DemoUser("reviewer@rai.example", "Toolkit Reviewer", None, None, (), "Core group of experts"),
    DemoUser("reviewer2@rai.example", "Second Reviewer", None, None, (), "Human-rights panel"),
)
DEMO_PANELS = {
    "Core group of experts": "Checks that the toolkit is accurate, current and usable by agencies.",
    "Human-rights panel": "Checks every change for its effect on the rights of people policed.",
}
PENDING_INVITATION = ("analyst@demo-police.example", Membership.Role.ASSESSOR)


@dataclass(frozen=True)
class Credential:
    email: str
    password: str
    totp_secret: str
    where: str


def seed() -> list[Credential]:
    """Create what is missing; return the credentials of accounts created now."""
    created: list[Credential] = []
    with transaction.atomic():
        agency_by_slug = {slug: _agency(slug, data) for slug, data in DEMO_AGENCIES.items()}
        for demo in DEMO_USERS:
            if User.objects.filter(email=demo.email).exists():
                continue
            agency = agency_by_slug[demo.agency] if demo.agency else None
            created.append(_user(demo, agency))
        seed_review_panels()
        seed_toolkit_review()
        seed_assessments(agency_by_slug["demo-police"])
        seed_systems(agency_by_slug["demo-police"])
        seed_reports(agency_by_slug["demo-police"])
        police = agency_by_slug["demo-police"]
        email, role = PENDING_INVITATION
        if not police.invitations.filter(email=email).exists():
            admin = User.objects.get(email=DEMO_USERS[0].email)
            agencies.invite(agency=police, email=email, role=role, by=admin, request=None)
    return created


def seed_review_panels() -> None:
    """Two panels, each asking for one approval, with one demo reviewer on each."""
    if ReviewPanel.objects.exists():
        return
    for name, description in DEMO_PANELS.items():
        panel = ReviewPanel.objects.create(name=name, description=description, approvals_needed=1)
        panel.members.set(
            User.objects.filter(email__in=[d.email for d in DEMO_USERS if d.panel == name])
        )


def seed_toolkit_review() -> None:
    """A draft edition under review: one edited term and a reviewer's comment on it."""
    current = Edition.objects.current()
    editor = User.objects.filter(email="editor@rai.example").first()
    reviewer = User.objects.filter(email="reviewer@rai.example").first()
    if current is None or editor is None or reviewer is None:
        return
    if Edition.objects.exclude(pk=current.pk).exists():
        return  # a draft, or earlier editions: the demo review was set up already
    draft = knowledge.open_draft(by=editor, title="Revision in progress")
    item = draft.items.filter(type=ItemType.TERM).order_by("item_id").first()
    if item is None:
        return
    body = item.body + "\nThe next edition will say how to check this measure on local data.\n"
    parsed = knowledge.check_item(
        draft, item.item_id, ItemType(item.type), item.title, item.summary, item.fields, body
    )
    knowledge.save_item(
        edition=draft, item_id=item.item_id, parsed=parsed, version=item.version, by=editor
    )
    knowledge.add_comment(
        item=draft.items.get(item_id=item.item_id),
        by=reviewer,
        reply_to=None,
        body="Could the policing example show how the agency checks the figure locally?",
    )


def _agency(slug: str, data: dict[str, str]) -> Agency:
    agency = Agency.objects.filter(slug=slug).first()
    if agency is None:
        agency = agencies.create_agency(
            name=data["name"],
            country=data["country"],
            kind=data["kind"],
            default_language="en",
            by=None,
        )
        if agency.slug != slug:  # keep the documented demo URLs stable
            Agency.objects.filter(pk=agency.pk).update(slug=slug)
            agency.slug = slug
    return agency


def _user(demo: DemoUser, agency: Agency | None) -> Credential:
    password = secrets.token_urlsafe(12)
    user = User.objects.create_user(
        demo.email, password, full_name=demo.full_name, platform_roles=list(demo.platform_roles)
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)
    if agency is not None and demo.role is not None:
        agencies.add_member(agency=agency, user=user, role=demo.role, by=None)
    return Credential(demo.email, password, secret, _where(demo))


def reset_passwords() -> list[Credential]:
    """New random passwords for the demo accounts (the TOTP secrets stay)."""
    credentials = []
    for demo in DEMO_USERS:
        user = User.objects.filter(email=demo.email).first()
        auth = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
        if user is None or auth is None:
            continue
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.save(update_fields=["password"])
        credentials.append(
            Credential(demo.email, password, decrypt(auth.data["secret"]), _where(demo))
        )
    return credentials


def _where(demo: DemoUser) -> str:
    if demo.panel:
        return f"toolkit reviewer on the {demo.panel}"
    if demo.agency is None or demo.role is None:
        return ", ".join(str(PlatformRole(r).label).lower() for r in demo.platform_roles)
    return f"{Membership.Role(demo.role).label} of {DEMO_AGENCIES[demo.agency]['name']}"


def current_codes() -> list[tuple[str, str]]:
    """The TOTP code each demo account accepts right now (development only)."""
    import time

    from allauth.mfa import app_settings

    counter = int(time.time()) // app_settings.TOTP_PERIOD
    codes = []
    for demo in DEMO_USERS:
        auth = Authenticator.objects.filter(
            user__email=demo.email, type=Authenticator.Type.TOTP
        ).first()
        if auth is not None:
            secret = decrypt(auth.data["secret"])
            codes.append((demo.email, format_hotp_value(hotp_value(secret, counter))))
    return codes
