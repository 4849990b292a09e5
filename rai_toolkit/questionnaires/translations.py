"""Translations kept beside a questionnaire file: `readiness.fr.yaml` maps a stable key per text
(e.g. `pages.strategy.elements.strategy-1.title`) to its French. On load they are folded into
SurveyJS localisable strings, {default: English, fr: …}, so an export carries every language."""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from typing import Any

TEXT_FIELDS = ("title", "description", "text")
LANGUAGES = ("fr", "es", "ar")


def _texts(node: Any, key: str) -> Iterator[tuple[str, MutableMapping[str, Any], str]]:
    if not isinstance(node, MutableMapping):
        return
    for field in TEXT_FIELDS:
        if isinstance(node.get(field), str | dict):
            yield f"{key}.{field}".lstrip("."), node, field
    for name, value in node.items():
        if name in TEXT_FIELDS or name == "toolkit":
            continue
        if isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, MutableMapping):
                    sub = item.get("name") or item.get("value", index)
                    yield from _texts(item, f"{key}.{name}.{sub}".lstrip("."))
        elif isinstance(value, MutableMapping):
            yield from _texts(value, f"{key}.{name}".lstrip("."))


def localised_texts(data: Any) -> dict[str, Any]:
    """Every text of the questionnaire by key: a string, or {default: …, fr: …, …}."""
    return {key: node[field] for key, node, field in _texts(data, "")}


def apply(data: Any, language: str, texts: Any, source: str) -> list[str]:
    """Fold `texts` into `data` in place; problems name the file and the key."""
    if not isinstance(texts, dict):
        return [f"{source}: a translation file maps keys to texts"]
    places = {key: (node, field) for key, node, field in _texts(data, "")}
    problems = [
        f"{source}: {key}: no such text in the questionnaire" for key in texts if key not in places
    ]
    for key, text in texts.items():
        if key not in places:
            continue
        if not isinstance(text, str) or not text.strip():
            problems.append(f"{source}: {key}: must be a non-empty text")
            continue
        node, field = places[key]
        value = node[field]
        node[field] = {**({"default": value} if isinstance(value, str) else value), language: text}
    return problems
