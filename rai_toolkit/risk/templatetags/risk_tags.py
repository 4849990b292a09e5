from __future__ import annotations

from typing import Any

from django import template

from rai_toolkit.register.models import RiskLevel
from rai_toolkit.risk.texts import text

register = template.Library()


@register.filter
def level_label(level: str) -> str:
    return str(RiskLevel(level).label) if level in RiskLevel.values else level


@register.filter
def risk_text(risk: Any, field: str) -> str:
    """A catalogue risk's title, description or who is affected, in the reader's language."""
    default = str(getattr(risk, field, ""))
    item = getattr(risk, "item", "") or getattr(risk, "id", "")
    return text(f"items.{item}.{field}", default) if item else default


@register.filter
def scale_text(level: Any, scale: str) -> dict[str, str]:
    """A scale point's title and description in the reader's language."""
    key = f"scales.{scale}.{level.value}"
    return {
        "title": text(f"{key}.title", str(level.title)),
        "description": text(f"{key}.description", str(level.description)),
    }


@register.filter
def right_title(key: str, rights: dict[str, str]) -> str:
    return text(f"rights.{key}", rights.get(key, key))


@register.simple_tag
def item_question(item: Any, index: int, default: str) -> str:
    return text(f"items.{item.id}.questions.{index}", default)


# Fill colours of the heat map's levels, as SVG attributes: they then hold in the PDF too.
FILLS = {"low": "#d1e7dd", "medium": "#fff3cd", "high": "#ffd8b5", "very_high": "#f1aeb5"}


@register.filter
def level_fill(level: str) -> str:
    return FILLS.get(level, "#ffffff")
