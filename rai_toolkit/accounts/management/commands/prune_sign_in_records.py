from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from rai_toolkit.accounts import lockout


class Command(BaseCommand):
    help = "Delete failed sign-in records older than the lockout window and expired locks (daily)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Removed {lockout.prune()} records.")
