"""Write an agency's bundle to a file and print its manifest SHA-256 (docs/exports.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rai_toolkit.agencies.models import Agency
from rai_toolkit.bundles import services


class Command(BaseCommand):
    help = "Export an agency's register, decided risk assessments and files as one bundle."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("agency", help="the agency's slug")
        parser.add_argument("output", type=Path, help="where to write the .zip")

    def handle(self, *args: Any, **options: Any) -> None:
        agency = Agency.objects.filter(slug=options["agency"]).first()
        if agency is None:
            raise CommandError(f"No agency {options['agency']!r}.")
        data, digest = services.export(agency=agency, by=None)
        options["output"].write_bytes(data)
        self.stdout.write(f"{options['output']}: {len(data)} bytes, manifest SHA-256 {digest}")
