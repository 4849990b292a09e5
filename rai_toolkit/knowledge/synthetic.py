"""Synthetic toolkit items for measuring search at scale (never shown to readers)."""

from __future__ import annotations

import random

from django.db import connection, transaction

from rai_toolkit.knowledge.files import ParsedItem
from rai_toolkit.knowledge.indexing import insert_items
from rai_toolkit.knowledge.models import Edition
from rai_toolkit.knowledge.schema import ItemType

SYLLABLES = [
    "ra",
    "po",
    "li",
    "ce",
    "da",
    "ta",
    "mo",
    "del",
    "ri",
    "sk",
    "ev",
    "id",
    "en",
    "ai",
    "bi",
    "as",
    "or",
    "ac",
    "cu",
    "fa",
    "ir",
    "ne",
    "ss",
    "tr",
    "ans",
    "par",
    "en",
    "cy",
]
TITLE = "Synthetic items (benchmark)"


def vocabulary(size: int, rng: random.Random) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def _text(words: list[str], weights: list[float], n: int, rng: random.Random) -> str:
    return " ".join(rng.choices(words, weights=weights, k=n))


def generate(count: int, *, seed: int = 7) -> tuple[Edition, list[str]]:
    """An unpublished edition of `count` items whose words follow a Zipf-like distribution."""
    rng = random.Random(seed)
    words = vocabulary(5000, rng)
    weights = [1 / (rank + 1) for rank in range(len(words))]
    items = (
        ParsedItem(
            f"term/synthetic-{i}",
            ItemType.TERM,
            _text(words, weights, 3, rng).capitalize(),
            _text(words, weights, 14, rng),
            {"aliases": [], "related": [], "references": []},
            _text(words, weights, 120, rng),
            "synthetic",
        )
        for i in range(count)
    )
    with transaction.atomic():
        number = (
            Edition.objects.order_by("-number").values_list("number", flat=True).first() or 0
        ) + 1
        edition = Edition.objects.create(number=number, title=TITLE)
        insert_items(edition, items)
    with connection.cursor() as cursor:  # fresh statistics, as autovacuum would soon give
        cursor.execute("ANALYZE")
    return edition, words


class _Rollback(Exception):
    pass


def principle_page_queries(links: int) -> int:
    """Queries to render a principle page with `links` requirements (each met by a practice);
    everything is created in a transaction that is rolled back."""
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from rai_toolkit.knowledge.models import Item, Link

    counted = 0
    try:
        with transaction.atomic():
            number = (
                Edition.objects.order_by("-number").values_list("number", flat=True).first() or 0
            ) + 1
            edition = Edition.objects.create(
                number=number, title="Query count", status=Edition.Status.PUBLISHED
            )
            principle = Item.objects.create(
                edition=edition,
                item_id="principle/fairness/accuracy",
                type=ItemType.INSTRUMENTAL_PRINCIPLE,
                title="Principle",
                summary="s",
                content_hash="x",
                fields={},
            )
            for i in range(links):
                requirement = Item.objects.create(
                    edition=edition,
                    item_id=f"requirement/accuracy/r-{i}",
                    type=ItemType.REQUIREMENT,
                    title=f"Requirement {i}",
                    summary="s",
                    content_hash="x",
                    fields={"principle": principle.item_id, "stages": [], "evidence": "e"},
                )
                practice = Item.objects.create(
                    edition=edition,
                    item_id=f"practice/p-{i}",
                    type=ItemType.PRACTICE,
                    title=f"Practice {i}",
                    summary="s",
                    content_hash="x",
                    fields={"stages": []},
                )
                Link.objects.create(
                    edition=edition, source=requirement, target=principle, key="principle"
                )
                Link.objects.create(
                    edition=edition, source=practice, target=requirement, key="meets"
                )
            client = Client(HTTP_HOST="127.0.0.1")
            url = f"/toolkit/e/{edition.number}/{principle.item_id}/"
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            counted = len(queries.captured_queries)
            raise _Rollback
    except _Rollback:
        pass
    return counted
