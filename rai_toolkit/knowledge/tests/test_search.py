"""Full-text search, the same behaviour on SQLite (FTS5) and PostgreSQL."""

from collections.abc import Callable

import pytest
from django.test import Client

from conftest import Personas
from rai_toolkit.knowledge import search
from rai_toolkit.knowledge.models import Edition, Item, SearchDocument
from rai_toolkit.knowledge.services import open_draft
from rai_toolkit.knowledge.snippets import snippet
from rai_toolkit.knowledge.testing import published_toolkit


@pytest.fixture
def toolkit(db: None) -> Edition:
    return published_toolkit()


def found(edition: Edition, query: str, **kwargs: object) -> list[str]:
    hits = search.search(edition.pk, query, **kwargs)  # type: ignore[arg-type]
    items = dict(Item.objects.filter(pk__in=[h.item_pk for h in hits]).values_list("pk", "item_id"))
    return [items[h.item_pk] for h in hits]


def test_finds_words_ranked_with_titles_first(toolkit: Edition) -> None:
    results = found(toolkit, "false match rate")
    assert results[0] == "term/false-match-rate"
    assert "principle/fairness/equality-and-non-discrimination" in results


def test_prefixes_and_type_filter(toolkit: Edition) -> None:
    assert "use-case/live-facial-recognition" in found(toolkit, "watchl")
    assert found(toolkit, "watchlist", types=["term"]) == []


def test_french_without_accents_is_found(toolkit: Edition) -> None:
    assert found(toolkit, "frequence personnes differentes") == ["term/false-match-rate"]


def test_arabic_words_are_found_inside_longer_forms(toolkit: Edition) -> None:
    assert found(toolkit, "التحيز") == ["principle/fairness"]  # the word as written
    assert found(toolkit, "تحيز") == ["principle/fairness"]  # without the article


def test_snippets_are_highlighted_and_escaped(toolkit: Edition) -> None:
    item = toolkit.items.get(item_id="concept/data")
    SearchDocument.objects.filter(item=item).update(
        body="<script>alert(1)</script> unusualword here"
    )
    [hit] = search.search(toolkit.pk, "unusualword")
    # Escaped (SQLite) or dropped as markup by ts_headline (PostgreSQL): never live.
    assert "<script>" not in hit.snippet and "alert(1)" in hit.snippet
    assert "<mark>unusualword</mark>" in hit.snippet


def test_nothing_for_empty_or_symbol_queries(toolkit: Edition) -> None:
    assert search.search(toolkit.pk, "") == []
    assert search.search(toolkit.pk, '"*() OR NEAR') != None  # noqa: E711  (no syntax error)


def test_search_page_shows_results(client: Client, toolkit: Edition) -> None:
    html = client.get("/toolkit/search/", {"q": "watchlist"}).content.decode()
    assert "Live facial recognition" in html and "<mark>" in html


def test_drafts_are_searched_only_by_editors_and_reviewers(
    personas: Personas, client: Client, login: Callable[..., Client]
) -> None:
    published_toolkit()
    draft = open_draft(by=personas.editor, title="Draft")
    response = client.get("/toolkit/search/", {"q": "watchlist", "edition": str(draft.number)})
    assert response.status_code == 400
    assert b"There is no such edition." in response.content
    editor = login(personas.editor)
    assert (
        b"Live facial recognition"
        in editor.get("/toolkit/search/", {"q": "watchlist", "edition": str(draft.number)}).content
    )


def test_excerpts_ignore_case_and_accents_and_escape_the_text() -> None:
    text = "Avant. La Sécurité <b>des</b> données compte. " + "mot " * 100
    excerpt = snippet(text, ["securite"])
    assert "<mark>Sécurité</mark>" in excerpt and "&lt;b&gt;des&lt;/b&gt;" in excerpt
    assert excerpt.endswith("…") and len(excerpt) < 400


def test_excerpts_find_arabic_words_inside_their_prefixed_forms() -> None:
    excerpt = snippet("يجب تجنب التحيز في البيانات", ["تحيز"], anywhere=True)
    assert "<mark>تحيز</mark>" in excerpt
    assert "<mark>" not in snippet("لا شيء هنا", ["تحيز"], anywhere=True)
