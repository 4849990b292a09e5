from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from rai_toolkit.accounts.models import PlatformRole, User
from rai_toolkit.accounts.services import create_account, set_platform_roles


class Command(BaseCommand):
    help = (
        "Create the first platform administrator (or make an existing account one). "
        "A new account gets a random password, printed once; the second factor is set up at "
        "first sign-in."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--name", default="", help="Full name for a new account.")

    def handle(self, *args: Any, email: str, name: str, **options: Any) -> None:
        user = User.objects.filter(email__iexact=email).first()
        password = None
        if user is None:
            user, password = create_account(email=email, full_name=name)
        roles = {PlatformRole(r) for r in user.platform_roles} | {PlatformRole.PLATFORM_ADMIN}
        set_platform_roles(user=user, roles=roles, by=None)
        self.stdout.write(self.style.SUCCESS(f"{user.email} is a platform administrator."))
        if password:
            self.stdout.write(f"Password (shown once, change it after signing in): {password}")
