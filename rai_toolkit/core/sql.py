"""Raw SQL that differs per database (triggers, full-text indexes), run by migrations."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.db.backends.base.base import BaseDatabaseWrapper


def run_for_vendor(
    connection: BaseDatabaseWrapper, statements: Mapping[str, Sequence[str]]
) -> None:
    """Run the statements written for this connection's database (none for any other)."""
    with connection.cursor() as cursor:
        for statement in statements.get(connection.vendor, ()):
            cursor.execute(statement)
