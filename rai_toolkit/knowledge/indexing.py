"""Writing an edition's items into the database: items, links, translations, search texts."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from rai_toolkit.knowledge.files import Content, ParsedItem, ParsedTranslation
from rai_toolkit.knowledge.models import Edition, Item, Link, SearchDocument, Translation
from rai_toolkit.knowledge.schema import LINK_PATTERN

BATCH = 2000
_MARKUP = re.compile(r"[#*_`>|]+")


def plain_text(markdown_text: str) -> str:
    """Markdown as words for the search index: link syntax replaced by its text, marks dropped."""
    text = LINK_PATTERN.sub(
        lambda m: m.group(2) or m.group(1).rsplit("/", 1)[-1].replace("-", " "), markdown_text
    )
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"\s+", " ", _MARKUP.sub(" ", text)).strip()


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        if not re_id(value):
            yield value
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)


def re_id(value: str) -> bool:
    return bool(re.fullmatch(r"[a-z0-9-]+(?:/[a-z0-9-]+)+", value))


def searchable_text(body: str, fields: dict[str, Any]) -> str:
    """The body and every free-text field (threats, evidence, aliases …), without ids."""
    parts = [plain_text(body)]
    for key, value in fields.items():
        if key not in ("order", "year"):
            parts.extend(plain_text(s) for s in _strings(value))
    return " ".join(p for p in parts if p)


def insert_items(edition: Edition, items: Iterable[ParsedItem]) -> dict[str, int]:
    """Create the items and their links; returns the primary key of each item id."""
    parsed = list(items)
    Item.objects.bulk_create(
        (
            Item(
                edition=edition,
                item_id=p.item_id,
                type=p.type,
                title=p.title,
                summary=p.summary,
                fields=p.fields,
                body=p.body,
                content_hash=p.content_hash,
                order=p.fields.get("order") or 0,
            )
            for p in parsed
        ),
        batch_size=BATCH,
    )
    pks = dict(Item.objects.filter(edition=edition).values_list("item_id", "pk"))
    seen: set[tuple[int, int, str]] = set()
    links = []
    for p in parsed:
        for link in p.links:
            if link.target not in pks:  # validated content has none; edits are checked first
                continue
            key = (pks[p.item_id], pks[link.target], link.key.split(".")[0])
            if key not in seen:
                seen.add(key)
                links.append(Link(edition=edition, source_id=key[0], target_id=key[1], key=key[2]))
    Link.objects.bulk_create(links, batch_size=BATCH)
    SearchDocument.objects.bulk_create(
        (
            SearchDocument(
                item_id=pks[p.item_id],
                edition=edition,
                language="en",
                item_type=p.type,
                title=p.title,
                summary=p.summary,
                body=searchable_text(p.body, p.fields),
            )
            for p in parsed
        ),
        batch_size=BATCH,
    )
    return pks


def insert_translations(
    edition: Edition, translations: Iterable[ParsedTranslation], pks: dict[str, int]
) -> None:
    rows = list(translations)
    Translation.objects.bulk_create(
        (
            Translation(
                item_id=pks[t.item_id],
                language=t.language,
                source_hash=t.source_hash,
                title=t.title,
                summary=t.summary,
                body=t.body,
            )
            for t in rows
        ),
        batch_size=BATCH,
    )
    types = dict(Item.objects.filter(edition=edition).values_list("pk", "type"))
    SearchDocument.objects.bulk_create(
        (
            SearchDocument(
                item_id=pks[t.item_id],
                edition=edition,
                language=t.language,
                item_type=types[pks[t.item_id]],
                title=t.title,
                summary=t.summary,
                body=plain_text(t.body),
            )
            for t in rows
        ),
        batch_size=BATCH,
    )


def insert_content(edition: Edition, content: Content) -> None:
    pks = insert_items(edition, content.items.values())
    insert_translations(edition, content.translations, pks)
