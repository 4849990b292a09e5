from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from rai_toolkit.demo import services


class Command(BaseCommand):
    help = "Create the demo agencies and users (idempotent). Refused in production."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="Give every demo account a new password and print them again.",
        )

    def handle(self, *args: Any, reset_passwords: bool = False, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Demo data is for development only (RAI_ENV=production).")
        created = services.seed()
        if reset_passwords:
            created = services.reset_passwords()
        if not created:
            self.stdout.write(
                "Demo data present. Passwords were printed when the accounts were created; "
                "for new ones: python manage.py seed_demo --reset-passwords"
            )
            self.stdout.write("Current second-factor codes: make codes")
            return
        self.print_credentials(created)

    def print_credentials(self, created: list[services.Credential]) -> None:
        line = "=" * 78
        self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("Demo accounts. These passwords are shown only once:"))
        for cred in created:
            self.stdout.write(f"  {cred.email:32} {cred.password:18} {cred.where}")
        self.stdout.write("")
        self.stdout.write("Every account has an authenticator app (TOTP) set up. Add its secret to")
        self.stdout.write("an authenticator app, or print the current codes with: make codes")
        for cred in created:
            self.stdout.write(f"  {cred.email:32} TOTP secret {cred.totp_secret}")
        self.stdout.write(f"Open http://127.0.0.1:8000 and sign in.\n{line}")
