from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from rai_toolkit.demo.services import current_codes


class Command(BaseCommand):
    help = "Print the second-factor code each demo account accepts right now (development only)."

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Demo codes are for development only (RAI_ENV=production).")
        for email, code in current_codes():
            self.stdout.write(f"{email:32} {code}")
        self.stdout.write("Codes change every 30 seconds, and each one is accepted once.")
