"""Full-text search over an edition, in every language: SQLite FTS5 (words, plus trigrams
for Arabic) by default, PostgreSQL full-text search in production; one interface for both.
Results are ranked, carry a highlighted snippet, and are limited to one edition, so a draft
is only searched when the caller may read it."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.utils.safestring import SafeString, mark_safe

from rai_toolkit.knowledge.search_index import DOCS, PG_LANGUAGES, TRIGRAMS, WORDS
from rai_toolkit.knowledge.snippets import snippet

START, STOP = "\x02", "\x03"
_WORD = re.compile(r"\w+", re.UNICODE)
_ARABIC = re.compile(r"[\u0600-\u06ff]")


@dataclass(frozen=True)
class Hit:
    document_id: int
    item_pk: int
    language: str
    item_type: str
    title: str
    snippet: SafeString
    rank: float


def highlight(raw: str) -> SafeString:
    """Escape the snippet, then turn the database's markers into <mark> tags."""
    escaped = html.escape(raw.replace("\n", " "))
    return mark_safe(escaped.replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308


def words(query: str) -> list[str]:
    return _WORD.findall(query)[:12]


def _fts_match(terms: list[str], prefix_last: bool = True) -> str:
    quoted = ['"' + t.replace('"', '""') + '"' for t in terms]
    if prefix_last and quoted:
        quoted[-1] += "*"
    return " ".join(quoted)


def _type_filter(types: list[str] | None, params: list[Any]) -> str:
    if not types:
        return ""
    params.extend(types)
    return f" AND d.item_type IN ({', '.join('%s' for _ in types)})"


def _sqlite_ranked(
    table: str, match: str, edition_id: int, types: list[str] | None, wanted: int
) -> list[tuple[int, int, str, str, str, float]]:
    """FTS5's own top-N by rank (fast), then the edition and type filters; widen until enough."""
    window = max(wanted * 8, 200)
    while True:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid, rank FROM {table} WHERE {table} MATCH %s ORDER BY rank LIMIT %s",
                [match, window],
            )
            top = cursor.fetchall()
            if not top:
                return []
            params: list[Any] = [edition_id, *(rowid for rowid, _ in top)]
            sql = (
                f"SELECT id, item_id, language, item_type, title FROM {DOCS} d "
                f"WHERE d.edition_id = %s AND d.id IN ({', '.join('%s' for _ in top)})"
            )
            cursor.execute(sql + _type_filter(types, params), params)
            rows = {row[0]: row for row in cursor.fetchall()}
        ranked = [(*rows[rowid], -rank) for rowid, rank in top if rowid in rows]
        if len(ranked) >= wanted or len(top) < window:
            return ranked
        window *= 4


def _sqlite(edition_id: int, terms: list[str], types: list[str] | None, limit: int) -> list[Hit]:
    """Rank with FTS5, keep the best document per item, then excerpt the few shown."""
    searches = [(WORDS, _fts_match(terms))]
    trigram_terms = [t for t in terms if len(t) >= 3]
    arabic = any(_ARABIC.search(t) for t in terms)
    if trigram_terms and arabic:
        searches.append((TRIGRAMS, _fts_match(trigram_terms, prefix_last=False)))
    ranked: dict[int, tuple[int, str, str, str, float]] = {}
    for table, match in searches:
        for doc, item, language, item_type, title, rank in _sqlite_ranked(
            table, match, edition_id, types, limit * 2
        ):
            ranked.setdefault(doc, (item, language, item_type, title, rank))
    best: dict[int, int] = {}
    for doc, row in sorted(ranked.items(), key=lambda kv: kv[1][4], reverse=True):
        best.setdefault(row[0], doc)
    shown = list(best.values())[:limit]
    texts = _texts(shown)
    return [
        Hit(doc, *ranked[doc][:4], snippet(texts[doc], terms, anywhere=arabic), ranked[doc][4])
        for doc in shown
    ]


def _texts(docs: list[int]) -> dict[int, str]:
    if not docs:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, summary || ' ' || body FROM {DOCS} "
            f"WHERE id IN ({', '.join('%s' for _ in docs)})",
            docs,
        )
        return dict(cursor.fetchall())


_CASES = " ".join(f"WHEN '{lang}' THEN q.{lang}" for lang in PG_LANGUAGES if lang != "en")
_QUERIES = ", ".join(
    f"to_tsquery('rai_{base}', %(q)s) AS {lang}" for lang, base in PG_LANGUAGES.items()
)
_MATCHES = " OR ".join(f"(d.language = '{lang}' AND d.vector @@ q.{lang})" for lang in PG_LANGUAGES)
_HEADLINE = f"StartSel={START}, StopSel={STOP}, MaxWords=28, MinWords=12, ShortWord=2"


def _pg_query(terms: list[str], *, prefix: bool) -> str:
    """All the words in to_tsquery syntax; with `prefix`, the last one as typed so far."""
    quoted = ["'" + t.replace("'", "''").replace("\\", "\\\\") + "'" for t in terms]
    if prefix:
        quoted[-1] += ":*"
    return " & ".join(quoted)


def _postgres(edition_id: int, query: str, types: list[str] | None, limit: int) -> list[Hit]:
    """One statement: each document matched with its own language's query, ranked, the best
    document per item kept, and only the rows shown get a headline."""
    kinds = " AND d.item_type = ANY(%(types)s)" if types else ""
    sql = f"""
        SELECT best.id, best.item_id, best.language, best.item_type, best.title,
               ts_headline(knowledge_search_config(best.language), t.summary || ' ' || t.body,
                           best.tsq, %(headline)s),
               best.rank
        FROM (
            SELECT DISTINCT ON (item_id) * FROM (
                SELECT d.id, d.item_id, d.language, d.item_type, d.title,
                       m.tsq, ts_rank_cd(d.vector, m.tsq) AS rank
                FROM {DOCS} d, (SELECT {_QUERIES}) q,
                     LATERAL (SELECT CASE d.language {_CASES} ELSE q.en END AS tsq) m
                WHERE d.edition_id = %(edition)s AND ({_MATCHES}){kinds}
                ORDER BY rank DESC LIMIT %(window)s
            ) ranked ORDER BY item_id, rank DESC
        ) best JOIN {DOCS} t ON t.id = best.id
        ORDER BY best.rank DESC LIMIT %(limit)s"""
    params: dict[str, Any] = {
        "q": query,
        "edition": edition_id,
        "types": types or [],
        "headline": _HEADLINE,
        "window": limit * len(PG_LANGUAGES),
        "limit": limit,
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [
            Hit(doc, item, lang, item_type, title, highlight(text), float(rank))
            for doc, item, lang, item_type, title, text, rank in cursor.fetchall()
        ]


def search(
    edition_id: int, query: str, *, types: list[str] | None = None, limit: int = 20
) -> list[Hit]:
    """The best hit per item, best first."""
    terms = words(query)
    if not terms:
        return []
    if connection.vendor == "postgresql":
        # Stemming already finds other forms of whole words; the last word is read as the
        # start of a word (typed in part) only when whole words find nothing: a prefix costs more.
        raw = _postgres(edition_id, _pg_query(terms, prefix=False), types, limit)
        if not raw:
            raw = _postgres(edition_id, _pg_query(terms, prefix=True), types, limit)
    else:
        raw = _sqlite(edition_id, terms, types, limit)
    best: dict[int, Hit] = {}
    for hit in sorted(raw, key=lambda h: h.rank, reverse=True):
        best.setdefault(hit.item_pk, hit)
    return list(best.values())[:limit]


def raw_match(edition_id: int, query: str, limit: int = 20) -> list[int]:
    """The bare ranked full-text query for the same words (the benchmark's yardstick)."""
    terms = words(query)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"SELECT id FROM {DOCS}, to_tsquery('rai_english', %s) q "
                "WHERE vector @@ q AND edition_id = %s ORDER BY ts_rank_cd(vector, q) DESC LIMIT %s",
                [_pg_query(terms, prefix=False), edition_id, limit],
            )
        else:
            cursor.execute(
                f"SELECT rowid FROM {WORDS} WHERE {WORDS} MATCH %s ORDER BY rank LIMIT %s",
                [_fts_match(terms), limit],
            )
        return [row[0] for row in cursor.fetchall()]
