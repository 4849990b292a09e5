"""Highlighted excerpts for search results, made in Python for the few hits shown.

Asking SQLite FTS5 for snippets means matching the query a second time; this is cheaper and
behaves the same on every database: case and accents are ignored, as the index ignores them.
"""

from __future__ import annotations

import html
import re
import unicodedata

from django.utils.safestring import SafeString, mark_safe

WIDTH = 220  # characters of context shown around the first match


def fold(text: str) -> tuple[str, list[int]]:
    """Lower-case, accent-free text and, for each folded character, its index in `text`."""
    folded: list[str] = []
    index: list[int] = []
    for position, char in enumerate(text):
        plain = "".join(
            c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c)
        ).casefold()
        folded.append(plain)
        index.extend([position] * len(plain))
    return "".join(folded), index


def _pattern(terms: list[str], anywhere: bool) -> re.Pattern[str] | None:
    folded = sorted({fold(t)[0] for t in terms if t.strip()}, key=len, reverse=True)
    if not folded:
        return None
    alternatives = "|".join(re.escape(t) for t in folded)
    # Words match at their start (the index matches prefixes); Arabic also inside a word,
    # after its attached prefixes (و, ال, ب …), as the trigram index does.
    return re.compile(f"(?:{alternatives})" if anywhere else rf"\b(?:{alternatives})\w*")


def snippet(text: str, terms: list[str], *, anywhere: bool = False) -> SafeString:
    """An escaped excerpt of `text` around the first match, each match in <mark>."""
    text = " ".join(text.split())
    pattern = _pattern(terms, anywhere)
    folded, index = fold(text)
    spans = (
        [(index[m.start()], index[m.end() - 1] + 1) for m in pattern.finditer(folded)]
        if pattern
        else []
    )
    first = spans[0][0] if spans else 0
    start = max(0, first - WIDTH // 3)
    if start:
        start = text.find(" ", start) + 1 or start
    end = min(len(text), start + WIDTH)
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > first else end
    parts = ["…" if start else ""]
    cursor = start
    for begin, finish in spans:
        if begin < cursor or finish > end:
            continue
        parts += [html.escape(text[cursor:begin]), "<mark>", html.escape(text[begin:finish])]
        parts.append("</mark>")
        cursor = finish
    parts += [html.escape(text[cursor:end]), "…" if end < len(text) else ""]
    return mark_safe("".join(parts))  # noqa: S308 (every piece of text above is escaped)
