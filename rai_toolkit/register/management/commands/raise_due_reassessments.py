from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from rai_toolkit.register.services import raise_period_triggers


class Command(BaseCommand):
    help = (
        "Record a 'fixed period elapsed' trigger on every system whose reassessment date has "
        "passed (run daily, e.g. from cron or a systemd timer)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        raised = raise_period_triggers()
        self.stdout.write(f"{raised} system(s) now marked as due for reassessment.")
