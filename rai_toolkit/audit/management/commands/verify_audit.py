from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from rai_toolkit.audit.services import verify_chain


class Command(BaseCommand):
    help = "Walk the audit trail's hash chain and name the first entry that was altered."

    def handle(self, *args: Any, **options: Any) -> None:
        check = verify_chain()
        if not check.ok:
            raise CommandError(
                f"Audit trail broken at entry #{check.broken_seq}: {check.reason} "
                f"({check.checked} entries before it are intact)."
            )
        self.stdout.write(
            self.style.SUCCESS(f"Audit trail intact: {check.checked} entries.")
            + f"\nHead hash: {check.head_hash}\n"
            "Keep this hash outside the server (e.g. in your backup log) to detect a rewrite "
            "of the whole trail."
        )
