"""Reading one edition in one language: item URLs, translated titles, the glossary and
rendered bodies, cached per data version so each page needs a fixed number of queries."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import caches
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import SafeString

from rai_toolkit.audit.services import data_version
from rai_toolkit.knowledge.access import can_see_drafts
from rai_toolkit.knowledge.models import Edition, Item, Translation
from rai_toolkit.knowledge.rendering import Glossary, GlossaryEntry, render_markdown
from rai_toolkit.knowledge.schema import ItemType

CACHE_SECONDS = 3600


@dataclass
class Shown:
    """An item as shown in the reader's language (falling back to English)."""

    item: Item
    title: str
    summary: str
    body: str
    language: str
    outdated: bool = False

    @property
    def item_id(self) -> str:
        return self.item.item_id


@dataclass
class Reader:
    edition: Edition
    language: str
    current: bool
    version: int
    _cache: dict[str, Any] = field(default_factory=dict)

    def url(self, item_id: str) -> str:
        if self.current:
            return reverse("knowledge:item", args=[item_id])
        return reverse("knowledge:edition_item", args=[self.edition.number, item_id])

    def _key(self, name: str) -> str:
        scope = "current" if self.current else "fixed"
        return f"toolkit:{name}:{self.edition.pk}:{scope}:{self.language}:{self.version}"

    def titles(self) -> dict[str, str]:
        if "titles" not in self._cache:
            key = self._key("titles")
            found = caches["fragments"].get(key)
            if found is None:
                found = dict(self.edition.items.values_list("item_id", "title"))
                if self.language != "en":
                    found.update(
                        Translation.objects.filter(
                            item__edition=self.edition, language=self.language
                        ).values_list("item__item_id", "title")
                    )
                caches["fragments"].set(key, found, CACHE_SECONDS)
            self._cache["titles"] = found
        titles: dict[str, str] = self._cache["titles"]
        return titles

    def glossary(self) -> Glossary:
        if "glossary" not in self._cache:
            key = self._key("glossary")
            found = caches["fragments"].get(key)
            if found is None:
                found = self._build_glossary()
                caches["fragments"].set(key, found, CACHE_SECONDS)
            self._cache["glossary"] = found
        glossary: Glossary = self._cache["glossary"]
        return glossary

    def _build_glossary(self) -> Glossary:
        terms = list(self.edition.items.filter(type=ItemType.TERM))
        shown = {s.item_id: s for s in self.show(terms)}
        entries: dict[str, GlossaryEntry] = {}
        spellings: dict[str, str] = {}
        for term in terms:
            here = shown[term.item_id]
            entries[term.item_id] = GlossaryEntry(
                term.item_id, here.title, here.summary, self.url(term.item_id)
            )
            for spelling in [term.title, here.title, *(term.field("aliases") or [])]:
                spellings.setdefault(spelling, term.item_id)
        return Glossary(entries, spellings)

    def show(self, items: Iterable[Item]) -> list[Shown]:
        """Items in the reader's language, with one query for all their translations."""
        items = list(items)
        found: dict[int, Translation] = {}
        if self.language != "en" and items:
            found = {
                t.item_id: t
                for t in Translation.objects.filter(
                    item_id__in=[i.pk for i in items], language=self.language
                )
            }
        shown = []
        for item in items:
            t = found.get(item.pk)
            if t is None:
                shown.append(Shown(item, item.title, item.summary, item.body, "en"))
            else:
                shown.append(
                    Shown(
                        item,
                        t.title,
                        t.summary,
                        t.body or item.body,
                        self.language,
                        t.is_outdated(item.content_hash),
                    )
                )
        return shown

    def render(self, text: str, skip_term: str | None = None) -> SafeString:
        digest = hashlib.sha256(text.encode()).hexdigest()[:24]
        key = self._key(f"html:{digest}:{skip_term}")
        html = caches["fragments"].get(key)
        if html is None:
            titles = self.titles()
            html = render_markdown(
                text, titles=titles.get, url=self.url, glossary=self.glossary(), skip_term=skip_term
            )
            caches["fragments"].set(key, html, CACHE_SECONDS)
        return SafeString(html)


def current_reader() -> Reader | None:
    """The current edition in the active language, for other apps' links to the toolkit."""
    edition = Edition.objects.current()
    if edition is None:
        return None
    return Reader(edition, translation.get_language() or "en", True, data_version())


def reader_for(request: HttpRequest, number: int | None = None) -> Reader:
    """The edition a request reads: the current one, or edition `number` if the user may see it."""
    if number is None:
        edition = Edition.objects.current()
        if edition is None:
            raise Http404("No toolkit edition has been published yet.")
        current = True
    else:
        edition = Edition.objects.filter(number=number).first()
        if edition is None or (not edition.is_published and not can_see_drafts(request.user)):
            raise Http404
        current = False
    return Reader(edition, translation.get_language() or "en", current, data_version())
