from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from rai_toolkit.knowledge.files import ContentError, read_content
from rai_toolkit.knowledge.services import load_from_files


class Command(BaseCommand):
    help = (
        "Check the toolkit content files and load them as an edition (idempotent). The first "
        "load publishes; later changes become a draft edition for review unless --publish."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dir", default=str(settings.TOOLKIT_CONTENT_DIR))
        parser.add_argument("--check", action="store_true", help="Only check the files.")
        parser.add_argument("--publish", action="store_true", help="Publish without review.")

    def handle(self, *args: Any, dir: str, check: bool, publish: bool, **options: Any) -> None:
        root = Path(dir)
        if not root.is_dir():
            raise CommandError(f"{root} is not a folder")
        try:
            if check:
                content = read_content(root)
                self.stdout.write(
                    f"OK: {len(content.items)} items, {len(content.translations)} translations."
                )
                return
            result = load_from_files(root, publish=publish)
        except ContentError as error:
            for problem in error.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{len(error.problems)} problem(s); nothing was loaded.") from error
        self.stdout.write(result.message)
