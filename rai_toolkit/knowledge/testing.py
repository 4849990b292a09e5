"""A small, consistent toolkit for tests (rai_toolkit/knowledge/tests/content)."""

from __future__ import annotations

from pathlib import Path

from rai_toolkit.accounts.models import User
from rai_toolkit.knowledge import services
from rai_toolkit.knowledge.models import Edition

FIXTURE = Path(__file__).resolve().parent / "tests" / "content"


def published_toolkit() -> Edition:
    result = services.load_from_files(FIXTURE, publish=True)
    assert result.edition is not None
    return result.edition


def current_edition() -> Edition:
    current = Edition.objects.current()
    assert current is not None, "no edition is published"
    return current


def draft_of(edition: Edition, editor: User) -> Edition:
    return services.open_draft(by=editor, title="Second edition")
