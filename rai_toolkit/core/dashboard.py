"""Cards other apps add to the agency dashboard, without the agencies app knowing them.

An app registers `card(template, provider)` in its AppConfig.ready(); the provider gets the
AgencyAccess and returns the template's context (or None to show nothing)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Provider = Callable[[Any], dict[str, Any] | None]


@dataclass(frozen=True)
class Card:
    template: str
    context: dict[str, Any]


_PROVIDERS: list[tuple[str, Provider]] = []


def card(template: str, provider: Provider) -> None:
    if (template, provider) not in _PROVIDERS:
        _PROVIDERS.append((template, provider))


def cards(access: Any) -> list[Card]:
    found = []
    for template, provider in _PROVIDERS:
        context = provider(access)
        if context is not None:
            found.append(Card(template, context))
    return found
