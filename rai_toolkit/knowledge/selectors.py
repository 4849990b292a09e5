"""What the toolkit pages show, each gathered with a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Count
from django.http import Http404

from rai_toolkit.knowledge.models import Edition, Item, Link, ReviewComment
from rai_toolkit.knowledge.reader import Reader, Shown
from rai_toolkit.knowledge.schema import FAMILIES, STAGES, ItemType


def home(reader: Reader) -> dict[str, Any]:
    principles = list(
        reader.edition.items.filter(
            type__in=[ItemType.CORE_PRINCIPLE, ItemType.INSTRUMENTAL_PRINCIPLE]
        ).order_by("order", "item_id")
    )
    shown = {s.item_id: s for s in reader.show(principles)}
    cores = [shown[p.item_id] for p in principles if p.type == ItemType.CORE_PRINCIPLE]
    children: dict[str, list[Shown]] = defaultdict(list)
    for p in principles:
        if p.type == ItemType.INSTRUMENTAL_PRINCIPLE:
            children[p.item_id.rsplit("/", 1)[0]].append(shown[p.item_id])
    counts = dict(
        reader.edition.items.values_list("type").annotate(n=Count("id")).values_list("type", "n")
    )
    return {"cores": [(c, children[c.item_id]) for c in cores], "counts": counts}


def _grouped(links: list[Link], reader: Reader, attr: str) -> dict[str, list[Shown]]:
    items = {getattr(link, attr).pk: getattr(link, attr) for link in links}
    shown = {s.item.pk: s for s in reader.show(items.values())}
    grouped: dict[str, list[Shown]] = defaultdict(list)
    for link in links:
        other = getattr(link, attr)
        label = link.key if attr == "target" else other.type
        grouped[label].append(shown[other.pk])
    for values in grouped.values():
        values.sort(key=lambda s: (s.item.order, s.title.lower()))
    return dict(grouped)


def item_page(reader: Reader, item: Item) -> dict[str, Any]:
    """The item, what it links to (by key) and what links to it (by type)."""
    out_links = list(Link.objects.filter(source=item).select_related("target"))
    in_links = list(Link.objects.filter(target=item).exclude(key="body").select_related("source"))
    context: dict[str, Any] = {
        "shown": reader.show([item])[0],
        "links_out": _grouped(out_links, reader, "target"),
        "links_in": _grouped(in_links, reader, "source"),
        "handled": HANDLED_OUT.get(ItemType(item.type), ()),
        "handled_in": HANDLED_IN.get(ItemType(item.type), ()),
    }
    if item.type == ItemType.INSTRUMENTAL_PRINCIPLE:
        context["requirements"] = _requirements_with_practices(reader, in_links)
        context["parent_id"] = item.item_id.rsplit("/", 1)[0]
    elif item.type == ItemType.CORE_PRINCIPLE:
        children = reader.edition.items.filter(
            type=ItemType.INSTRUMENTAL_PRINCIPLE, item_id__startswith=item.item_id + "/"
        ).order_by("order")
        context["principles"] = reader.show(children)
    return context


# Links a page shows in its own sections rather than in the generic lists.
HANDLED_OUT = {
    ItemType.REQUIREMENT: ("principle",),
    ItemType.PRACTICE: ("principle",),
    ItemType.USE_CASE: ("risks", "safeguards", "regulatory_flags", "examples"),
}
HANDLED_IN = {
    ItemType.INSTRUMENTAL_PRINCIPLE: (ItemType.REQUIREMENT, ItemType.PRACTICE),
}


def _requirements_with_practices(
    reader: Reader, in_links: list[Link]
) -> list[tuple[Shown, list[Shown]]]:
    requirements = [
        link.source
        for link in in_links
        if link.key == "principle" and link.source.type == ItemType.REQUIREMENT
    ]
    meets = list(Link.objects.filter(target__in=requirements, key="meets").select_related("source"))
    practices = {link.source.pk: link.source for link in meets}
    shown = {s.item.pk: s for s in reader.show([*requirements, *practices.values()])}
    by_requirement: dict[int, list[Shown]] = defaultdict(list)
    for link in meets:
        by_requirement[link.target_id].append(shown[link.source_id])
    ordered = sorted(requirements, key=lambda r: r.item_id)
    return [(shown[r.pk], sorted(by_requirement[r.pk], key=lambda s: s.title)) for r in ordered]


def listing(reader: Reader, item_type: ItemType) -> list[Shown]:
    items = reader.edition.items.filter(type=item_type).order_by("order", "title")
    return sorted(reader.show(items), key=lambda s: (s.item.order, s.title.lower()))


def use_cases(reader: Reader, filters: dict[str, str]) -> list[Shown]:
    """The catalogue, filtered by family, principle at risk, regulatory flag."""
    shown = listing(reader, ItemType.USE_CASE)
    family, principle, flag = filters.get("family"), filters.get("principle"), filters.get("flag")
    result = []
    for s in shown:
        fields = s.item.fields
        if family and fields.get("family") != family:
            continue
        if principle and not any(r.get("principle") == principle for r in fields.get("risks", [])):
            continue
        if flag and not any(
            f.get("regulation") == flag for f in fields.get("regulatory_flags", [])
        ):
            continue
        result.append(s)
    return result


def filter_choices(reader: Reader) -> dict[str, Any]:
    titles = reader.titles()
    principles = reader.edition.items.filter(type=ItemType.INSTRUMENTAL_PRINCIPLE).order_by(
        "item_id"
    )
    regulations = reader.edition.items.filter(type=ItemType.REGULATION).order_by("item_id")
    return {
        "families": FAMILIES,
        "principles": [(i, titles.get(i, i)) for i in principles.values_list("item_id", flat=True)],
        "regulations": [
            (i, titles.get(i, i)) for i in regulations.values_list("item_id", flat=True)
        ],
    }


def roles(reader: Reader) -> dict[str, Any]:
    return {
        "roles": listing(reader, ItemType.ROLE),
        "stages": STAGES,
        "stage_items": listing(reader, ItemType.STAGE),
    }


def glossary(reader: Reader) -> list[tuple[str, list[Shown]]]:
    letters: dict[str, list[Shown]] = defaultdict(list)
    for s in sorted(listing(reader, ItemType.TERM), key=lambda s: s.title.lower()):
        letters[s.title[:1].upper()].append(s)
    return sorted(letters.items())


def edition_or_404(number: int) -> Edition:
    edition = Edition.objects.filter(number=number).first()
    if edition is None:
        raise Http404
    return edition


def item_or_404(edition: Edition, item_id: str) -> Item:
    found = edition.items.filter(item_id=item_id).first()
    if found is None:
        raise Http404
    return found


def changes(edition: Edition) -> dict[str, list[str]]:
    """Items added, changed and removed since the edition this one is based on."""
    now = dict(edition.items.values_list("item_id", "content_hash"))
    before: dict[str, str] = {}
    if edition.based_on_id:
        before = dict(
            Item.objects.filter(edition_id=edition.based_on_id).values_list(
                "item_id", "content_hash"
            )
        )
    return {
        "added": sorted(set(now) - set(before)),
        "changed": sorted(i for i in set(now) & set(before) if now[i] != before[i]),
        "removed": sorted(set(before) - set(now)),
    }


def review_page(edition: Edition) -> dict[str, Any]:
    changed = changes(edition)
    ids = [*changed["added"], *changed["changed"]]
    comments = list(
        ReviewComment.objects.filter(item__edition=edition)
        .select_related("item", "author", "resolved_by")
        .order_by("created_at")
    )
    by_item: dict[str, list[ReviewComment]] = defaultdict(list)
    for comment in comments:
        by_item[comment.item.item_id].append(comment)
        if comment.item.item_id not in ids:
            ids.append(comment.item.item_id)
    titles = dict(edition.items.filter(item_id__in=ids).values_list("item_id", "title"))
    return {
        "changes": changed,
        "rows": [(i, titles.get(i, i), by_item.get(i, [])) for i in ids],
        "approvals": list(edition.approvals.select_related("reviewer")),
        "authors": list(edition.authors.all()),
        "open_comments": sum(
            1 for c in comments if c.reply_to_id is None and c.resolved_at is None
        ),
    }
