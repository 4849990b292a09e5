"""Markdown to safe HTML: internal `[[id]]` links, sanitising with nh3, and glossary terms
explained in place (a link to the glossary whose tooltip holds the plain definition)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

import markdown as md
import nh3
from django.utils.safestring import SafeString, mark_safe

from rai_toolkit.knowledge.schema import LINK_PATTERN

ALLOWED_TAGS = {
    "p",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "a",
    "strong",
    "em",
    "code",
    "pre",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
    "br",
    "sup",
    "sub",
    "dl",
    "dt",
    "dd",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}, "td": set(), "ol": {"start"}}
# Text inside these is never annotated with glossary terms.
_NO_TERMS = {"a", "code", "pre", "h2", "h3", "h4", "h5", "h6"}
_TAG = re.compile(r"(<[^>]+>)")
_TAG_NAME = re.compile(r"</?([a-z0-9]+)")


@dataclass(frozen=True)
class GlossaryEntry:
    item_id: str
    title: str
    definition: str
    url: str


class Glossary:
    """The terms of one edition in one language, matched whole-word and case-insensitively."""

    def __init__(self, entries: dict[str, GlossaryEntry], spellings: dict[str, str]) -> None:
        self.entries = entries
        self.by_spelling = {s.lower(): item_id for s, item_id in spellings.items()}
        words = sorted(self.by_spelling, key=len, reverse=True)
        alternatives = "|".join(re.escape(w) for w in words if w)
        self.pattern = (
            re.compile(rf"(?<![\w-])({alternatives})(?![\w-])", re.IGNORECASE) if words else None
        )

    def annotate(self, text: str, used: set[str], skip: str | None) -> str:
        """Wrap the first mention of each term (not the page's own term) in `text`."""
        if self.pattern is None:
            return text

        def replace(match: re.Match[str]) -> str:
            item_id = self.by_spelling.get(match.group(1).lower())
            if item_id is None or item_id in used or item_id == skip:
                return match.group(0)
            used.add(item_id)
            entry = self.entries[item_id]
            url, definition = html.escape(entry.url), html.escape(entry.definition)
            return (
                f'<a class="glossary-term" href="{url}" data-bs-toggle="tooltip" '
                f'data-bs-title="{definition}">{match.group(0)}</a>'
            )

        return self.pattern.sub(replace, text)


def _with_links(text: str, titles: Callable[[str], str | None], url: Callable[[str], str]) -> str:
    def replace(match: re.Match[str]) -> str:
        item_id, label = match.group(1), match.group(2)
        title = titles(item_id)
        if title is None:
            return label or item_id
        shown = (label or title).replace("[", "(").replace("]", ")")
        return f"[{shown}]({url(item_id)})"

    return LINK_PATTERN.sub(replace, text)


def render_markdown(
    text: str,
    *,
    titles: Callable[[str], str | None],
    url: Callable[[str], str],
    glossary: Glossary | None = None,
    skip_term: str | None = None,
) -> SafeString:
    converted = md.markdown(_with_links(text, titles, url), extensions=["extra", "sane_lists"])
    clean = nh3.clean(
        converted,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https"},
        link_rel="noopener noreferrer",
    )
    if glossary is None:
        return mark_safe(clean)  # noqa: S308  (sanitised by nh3 just above)
    used: set[str] = set()
    open_tags: list[str] = []
    parts = []
    for part in _TAG.split(clean):
        if part.startswith("<"):
            name = _TAG_NAME.match(part)
            if name:
                tag = name.group(1)
                if part.startswith("</"):
                    if tag in open_tags:
                        open_tags.remove(tag)
                elif not part.endswith("/>") and tag not in ("br", "hr"):
                    open_tags.append(tag)
            parts.append(part)
        elif part and not _NO_TERMS.intersection(open_tags):
            parts.append(glossary.annotate(part, used, skip_term))
        else:
            parts.append(part)
    return mark_safe("".join(parts))  # noqa: S308  (our own tags around sanitised text)
