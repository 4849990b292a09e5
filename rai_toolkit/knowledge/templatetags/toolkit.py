from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from rai_toolkit.knowledge.access import is_editor, is_reviewer
from rai_toolkit.knowledge.reader import Reader
from rai_toolkit.knowledge.schema import (
    FAMILY_LABELS,
    LINK_LABELS,
    PLURAL_LABELS,
    STAGE_LABELS,
    STAGES,
    ItemType,
)

register = template.Library()
register.filter("toolkit_editor", is_editor)
register.filter("toolkit_reviewer", is_reviewer)


@register.simple_tag
def markdown(reader: Reader, text: str, skip: str | None = None) -> SafeString:
    return reader.render(text or "", skip)


@register.simple_tag
def item_url(reader: Reader, item_id: str) -> str:
    return reader.url(item_id)


@register.simple_tag
def title_of(reader: Reader, item_id: str) -> str:
    return reader.titles().get(item_id, item_id)


@register.filter
def stage_label(name: str) -> Any:
    return STAGE_LABELS.get(name, name)


@register.filter
def family_label(name: str) -> Any:
    return FAMILY_LABELS.get(name, name)


@register.filter
def link_label(key: str) -> Any:
    return LINK_LABELS.get(key, key)


@register.filter
def type_label(value: str) -> Any:
    return ItemType(value).label if value in ItemType.values else value


@register.filter
def plural_label(value: str) -> Any:
    return PLURAL_LABELS.get(ItemType(value), value) if value in ItemType.values else value


@register.filter
def get(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key) if isinstance(mapping, dict) else None


@register.simple_tag
def section_url(reader: Reader, name: str, *args: Any) -> str:
    """A toolkit page of the edition being read (current URLs, or /toolkit/e/<n>/…)."""
    from django.urls import reverse

    if reader.current:
        return reverse(f"knowledge:{name}", args=args)
    return reverse(f"knowledge:edition_{name}", args=[reader.edition.number, *args])


@register.filter
def in_stage_order(mapping: dict[str, Any] | None) -> list[tuple[str, Any]]:
    """A stage → text mapping in life-cycle order (PostgreSQL's jsonb sorts keys otherwise)."""
    mapping = mapping or {}
    return [(stage, mapping[stage]) for stage in STAGES if stage in mapping]
