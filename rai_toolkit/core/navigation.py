"""The main navigation: the platform's areas, each shown once its app provides its page."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Area:
    key: str
    label: str | Promise
    icon: str
    url_name: str
    per_agency: bool


AREAS = (
    Area("toolkit", _("Toolkit"), "book", "knowledge:home", per_agency=False),
    Area("assessments", _("Assessments"), "clipboard-check", "assessments:list", per_agency=True),
    Area("systems", _("AI systems"), "cpu", "register:list", per_agency=True),
    Area("reports", _("Reports"), "file-earmark-text", "reports:list", per_agency=True),
    Area("hub", _("Hub"), "people", "hub:home", per_agency=False),
)


@dataclass(frozen=True)
class NavItem:
    area: Area
    url: str | None  # None: the area is not part of this installation yet


def nav_items(agency_slug: str | None) -> list[NavItem]:
    items = []
    for area in AREAS:
        try:
            if area.per_agency:
                url = (
                    reverse(area.url_name, kwargs={"agency": agency_slug}) if agency_slug else None
                )
            else:
                url = reverse(area.url_name)
        except NoReverseMatch:
            url = None
        items.append(NavItem(area, url))
    return items
