from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from rai_toolkit.knowledge.exporting import content_files
from rai_toolkit.knowledge.files import ContentError, content_hash, read_content, write_content


class Command(BaseCommand):
    help = "Rewrite the content files in their canonical form (after checking them)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dir", default=str(settings.TOOLKIT_CONTENT_DIR))

    def handle(self, *args: Any, dir: str, **options: Any) -> None:
        root = Path(dir)
        try:
            content = read_content(root)
        except ContentError as error:
            for problem in error.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{len(error.problems)} problem(s); nothing was rewritten."
            ) from error
        # A translation made against the file as it was stays current against its new form.
        renamed = {}
        for item_id, item in content.items.items():
            old = content_hash((root / f"{item_id}.md").read_text(encoding="utf-8"))[:16]
            renamed[(item_id, old)] = item.content_hash[:16]
        for translation in content.translations:
            key = (translation.item_id, translation.source_hash)
            translation.source_hash = renamed.get(key, translation.source_hash)
        changed = write_content(root, content_files(content))
        self.stdout.write(f"{changed} file(s) rewritten.")
