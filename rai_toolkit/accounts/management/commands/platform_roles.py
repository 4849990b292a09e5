from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rai_toolkit.accounts.models import PlatformRole, User
from rai_toolkit.accounts.services import set_platform_roles


class Command(BaseCommand):
    help = "Show, grant or revoke platform roles (platform_admin, toolkit_editor, hub_moderator)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--grant", action="append", default=[], choices=PlatformRole.values)
        parser.add_argument("--revoke", action="append", default=[], choices=PlatformRole.values)

    def handle(
        self, *args: Any, email: str, grant: list[str], revoke: list[str], **kw: Any
    ) -> None:
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(f"No account with the address {email}.")
        roles = (
            {PlatformRole(r) for r in user.platform_roles} | {PlatformRole(r) for r in grant}
        ) - {PlatformRole(r) for r in revoke}
        set_platform_roles(user=user, roles=roles, by=None)
        self.stdout.write(
            f"{user.email}: {', '.join(sorted(r.value for r in roles)) or 'no platform roles'}"
        )
