from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rai_toolkit.knowledge.exporting import edition_files
from rai_toolkit.knowledge.files import write_content
from rai_toolkit.knowledge.models import Edition


class Command(BaseCommand):
    help = "Write an edition (the current one by default) as content files into a folder."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("out", help="Folder to write into (created if missing).")
        parser.add_argument("--edition", type=int, help="Edition number (default: current).")

    def handle(self, *args: Any, out: str, edition: int | None, **options: Any) -> None:
        found = (
            Edition.objects.filter(number=edition).first() if edition else Edition.objects.current()
        )
        if found is None:
            raise CommandError("No such edition.")
        files = edition_files(found)
        changed = write_content(Path(out), files)
        self.stdout.write(
            f"Edition {found.number}: {len(files)} files, {changed} written to {out}."
        )
