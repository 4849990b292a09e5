"""The readiness methodology (docs/methodology/readiness[.lang].md), readable in the app."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.utils.safestring import SafeString

from rai_toolkit.knowledge.rendering import render_markdown

DOC_LINK = re.compile(r"\[([^\]]+)\]\([^)\s]+\.md\)")


@lru_cache(maxsize=8)
def _rendered(path: Path, modified: float) -> tuple[str, SafeString]:
    """The title (the document's first heading) and the body as sanitised HTML. Links to other
    files in docs/ mean nothing in the app, so only their text is kept."""
    title, _, body = path.read_text(encoding="utf-8").partition("\n")
    body = DOC_LINK.sub(r"\1", body)
    html = render_markdown(body, titles=lambda _id: None, url=lambda item_id: item_id)
    return title.lstrip("# ").strip(), html


def methodology_html(language: str) -> tuple[tuple[str, SafeString], str]:
    """The document in `language` if it is translated, else in English; and its language."""
    folder = Path(settings.BASE_DIR) / "docs" / "methodology"
    translated = folder / f"readiness.{language}.md"
    path, shown = (translated, language) if translated.exists() else (folder / "readiness.md", "en")
    return _rendered(path, path.stat().st_mtime), shown
