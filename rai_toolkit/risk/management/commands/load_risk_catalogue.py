from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rai_toolkit.risk.catalogue import CATALOGUE_FILE, CatalogueError
from rai_toolkit.risk.versions import store


class Command(BaseCommand):
    help = (
        "Check the risk catalogue (rai_toolkit/risk/catalogue/risk.yaml) and store it as a new "
        "version if it changed. Nothing is stored if it has a problem."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", type=Path, default=CATALOGUE_FILE)

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        try:
            version, new = store(file)
        except CatalogueError as error:
            raise CommandError("\n" + "\n".join(error.problems)) from error
        state = "stored as" if new else "unchanged:"
        self.stdout.write(
            f"risk catalogue {state} version {version.number} ({version.content_hash[:12]})"
        )
