from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rai_toolkit.questionnaires.definition import DefinitionError
from rai_toolkit.questionnaires.services import load_directory


class Command(BaseCommand):
    help = (
        "Check the questionnaire files (questionnaires/*.yaml) and store each changed one as a "
        "new version. Nothing is stored if any file has a problem."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dir", type=Path, help="Another folder of questionnaire files.")

    def handle(self, *args: Any, dir: Path | None, **options: Any) -> None:
        try:
            messages = load_directory(dir)
        except DefinitionError as error:
            raise CommandError("\n" + "\n".join(error.problems)) from error
        for message in messages:
            self.stdout.write(message)
