from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from rai_toolkit.demo.services import seed


class Command(BaseCommand):
    help = "Create the demo agencies and users (idempotent). Refused in production."

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Demo data is for development only (RAI_ENV=production).")
        created = seed()
        if not created:
            self.stdout.write(
                "Demo data present. Passwords were printed when the accounts were created."
            )
            self.stdout.write("Current sign-in codes: python manage.py demo_codes")
            return
        line = "=" * 78
        self.stdout.write(line)
        self.stdout.write(
            self.style.SUCCESS("Demo accounts created. These passwords are shown only once:")
        )
        for cred in created:
            self.stdout.write(f"  {cred.email:32} {cred.password:18} {cred.where}")
        self.stdout.write("")
        self.stdout.write("Every account has an authenticator (TOTP) set up. Add its secret to an")
        self.stdout.write("authenticator app, or print the current codes with: make codes")
        for cred in created:
            self.stdout.write(f"  {cred.email:32} TOTP secret {cred.totp_secret}")
        self.stdout.write(line)
