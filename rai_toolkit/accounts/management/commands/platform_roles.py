from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rai_toolkit.accounts.models import PlatformRole, User
from rai_toolkit.accounts.services import create_account, set_platform_roles


class Command(BaseCommand):
    help = (
        "Show, grant or revoke platform roles (platform_admin, toolkit_editor, hub_moderator). "
        "With --create, a missing account is created first (e.g. for a toolkit reviewer outside "
        "any agency); its random password is printed once and the second factor is set up at "
        "first sign-in."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--grant", action="append", default=[], choices=PlatformRole.values)
        parser.add_argument("--revoke", action="append", default=[], choices=PlatformRole.values)
        parser.add_argument("--create", action="store_true", help="Create the account if missing.")
        parser.add_argument("--name", default="", help="Full name for a new account.")

    def handle(
        self,
        *args: Any,
        email: str,
        grant: list[str],
        revoke: list[str],
        create: bool,
        name: str,
        **kw: Any,
    ) -> None:
        user = User.objects.filter(email__iexact=email).first()
        password = None
        if user is None and create:
            user, password = create_account(email=email, full_name=name)
        if user is None:
            raise CommandError(f"No account with the address {email} (add --create to make one).")
        roles = (
            {PlatformRole(r) for r in user.platform_roles} | {PlatformRole(r) for r in grant}
        ) - {PlatformRole(r) for r in revoke}
        set_platform_roles(user=user, roles=roles, by=None)
        self.stdout.write(
            f"{user.email}: {', '.join(sorted(r.value for r in roles)) or 'no platform roles'}"
        )
        if password:
            self.stdout.write(f"Password (shown once, change it after signing in): {password}")
