"""The risk catalogue's texts by stable key, for translation files (risk.<lang>.yaml).
Risks copy their English text when an assessment starts; pages show the translation by key."""

from __future__ import annotations

from rai_toolkit.core import overlays
from rai_toolkit.risk.catalogue import CATALOGUE_FILE, Catalogue

SCALES = ("likelihood", "scale", "scope", "reversibility")


def english(catalogue: Catalogue) -> dict[str, str]:
    texts = {"title": catalogue.title, "description": catalogue.description}
    for scale in SCALES:
        for level in getattr(catalogue, scale):
            texts[f"scales.{scale}.{level.value}.title"] = level.title
            texts[f"scales.{scale}.{level.value}.description"] = level.description
    for name, title in catalogue.levels.items():
        texts[f"levels.{name}.title"] = title
        if catalogue.level_descriptions.get(name):
            texts[f"levels.{name}.description"] = catalogue.level_descriptions[name]
    texts.update({f"rights.{key}": title for key, title in catalogue.rights.items()})
    for item in catalogue.items:
        for field in ("title", "description", "affected"):
            texts[f"items.{item.id}.{field}"] = getattr(item, field)
        for index, question in enumerate(item.questions):
            texts[f"items.{item.id}.questions.{index}"] = question
    return {key: value for key, value in texts.items() if value}


def text(key: str, default: str) -> str:
    return overlays.text(CATALOGUE_FILE, key, default)
