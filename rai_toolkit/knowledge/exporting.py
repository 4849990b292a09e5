"""An edition as content files again: the canonical text of every item and translation."""

from __future__ import annotations

from rai_toolkit.knowledge.files import Content, render_item, render_translation
from rai_toolkit.knowledge.models import Edition, Translation
from rai_toolkit.knowledge.schema import ItemType


def edition_files(edition: Edition) -> list[tuple[str, str]]:
    files = [
        (i.item_id, render_item(ItemType(i.type), i.title, i.summary, i.fields, i.body))
        for i in edition.items.all().order_by("item_id")
    ]
    files += [
        (
            f"{t.item.item_id}.{t.language}",
            render_translation(t.source_hash, t.title, t.summary, t.body),
        )
        for t in Translation.objects.filter(item__edition=edition).select_related("item")
    ]
    return files


def content_files(content: Content) -> list[tuple[str, str]]:
    files = [(item_id, item.text) for item_id, item in sorted(content.items.items())]
    files += [(f"{t.item_id}.{t.language}", t.text) for t in content.translations]
    return files
