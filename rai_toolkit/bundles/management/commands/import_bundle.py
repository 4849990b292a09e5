"""Import a bundle into an agency; refused whole (and nothing written) if any check fails."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from rai_toolkit.agencies.models import Agency
from rai_toolkit.bundles import services


class Command(BaseCommand):
    help = "Import an export bundle into an agency, checking every file against its manifest."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("agency", help="the receiving agency's slug")
        parser.add_argument("bundle", type=Path, help="the .zip to import")
        parser.add_argument(
            "--expect-sha256", default="", help="the manifest SHA-256 you were given"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        agency = Agency.objects.filter(slug=options["agency"]).first()
        if agency is None:
            raise CommandError(f"No agency {options['agency']!r}.")
        try:
            done = services.import_bundle(
                agency=agency,
                by=None,
                data=options["bundle"].read_bytes(),
                expected_sha256=options["expect_sha256"],
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            f"Imported {done.systems} systems, {done.assessments} risk assessments and "
            f"{done.files} files from {done.source_agency or 'an unnamed agency'}."
        )
