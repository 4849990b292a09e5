"""Reading the toolkit: home, item pages, glossary, use cases, roles, lists, search, editions."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from rai_toolkit.knowledge import search as full_text
from rai_toolkit.knowledge import selectors
from rai_toolkit.knowledge.access import can_see_drafts, toolkit_page
from rai_toolkit.knowledge.diffs import diff_lines
from rai_toolkit.knowledge.files import render_item
from rai_toolkit.knowledge.forms import DraftForm, SearchForm
from rai_toolkit.knowledge.models import Edition, Item
from rai_toolkit.knowledge.reader import Reader, reader_for
from rai_toolkit.knowledge.schema import ItemType

LISTS = {
    "principles": ItemType.INSTRUMENTAL_PRINCIPLE,
    "requirements": ItemType.REQUIREMENT,
    "practices": ItemType.PRACTICE,
    "recommendations": ItemType.RECOMMENDATION,
    "regulations": ItemType.REGULATION,
    "references": ItemType.REFERENCE,
    "stages": ItemType.STAGE,
    "concepts": ItemType.CONCEPT,
}


def _page(request: HttpRequest, template: str, reader: Reader, **context: object) -> HttpResponse:
    return render(request, template, {"reader": reader, "edition": reader.edition, **context})


@toolkit_page
def home(request: HttpRequest, number: int | None = None) -> HttpResponse:
    reader = reader_for(request, number)
    return _page(request, "knowledge/home.html", reader, **selectors.home(reader))


@toolkit_page
def item(request: HttpRequest, item_id: str, number: int | None = None) -> HttpResponse:
    reader = reader_for(request, number)
    found = reader.edition.items.filter(item_id=item_id).first()
    if found is None:
        raise Http404
    context = selectors.item_page(reader, found)
    return _page(request, f"knowledge/item_{found.type}.html", reader, item=found, **context)


@toolkit_page
def glossary(request: HttpRequest, number: int | None = None) -> HttpResponse:
    reader = reader_for(request, number)
    return _page(request, "knowledge/glossary.html", reader, letters=selectors.glossary(reader))


@toolkit_page
def use_cases(request: HttpRequest, number: int | None = None) -> HttpResponse:
    reader = reader_for(request, number)
    filters = {k: request.GET.get(k, "") for k in ("family", "principle", "flag", "view")}
    return _page(
        request,
        "knowledge/use_cases.html",
        reader,
        filters=filters,
        cases=selectors.use_cases(reader, filters),
        **selectors.filter_choices(reader),
    )


@toolkit_page
def roles(request: HttpRequest, number: int | None = None) -> HttpResponse:
    reader = reader_for(request, number)
    return _page(request, "knowledge/roles.html", reader, **selectors.roles(reader))


@toolkit_page
def listing(request: HttpRequest, kind: str, number: int | None = None) -> HttpResponse:
    if kind not in LISTS:
        raise Http404
    reader = reader_for(request, number)
    items = selectors.listing(reader, LISTS[kind])
    return _page(request, "knowledge/listing.html", reader, kind=LISTS[kind], items=items)


@toolkit_page
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None, can_see_drafts=can_see_drafts(request.user))
    reader = reader_for(request, form.edition_number())
    hits = []
    if form.is_valid() and form.cleaned_data["q"]:
        types = [form.cleaned_data["type"]] if form.cleaned_data["type"] else None
        hits = full_text.search(reader.edition.pk, form.cleaned_data["q"], types=types)
    items = {i.pk: i for i in Item.objects.filter(pk__in=[h.item_pk for h in hits])}
    results = [(hit, items[hit.item_pk]) for hit in hits if hit.item_pk in items]
    status = 400 if form.errors else 200
    return render(
        request,
        "knowledge/search.html",
        {"reader": reader, "edition": reader.edition, "form": form, "results": results},
        status=status,
    )


@toolkit_page
def editions(request: HttpRequest) -> HttpResponse:
    visible = Edition.objects.all() if can_see_drafts(request.user) else Edition.objects.published()
    context = {"editions": visible.order_by("-number"), "draft_form": DraftForm()}
    return render(request, "knowledge/editions.html", context)


@toolkit_page
def diff(request: HttpRequest, number: int, item_id: str) -> HttpResponse:
    reader = reader_for(request, number)
    after = reader.edition.items.filter(item_id=item_id).first()
    before = None
    if reader.edition.based_on_id:
        before = Item.objects.filter(edition_id=reader.edition.based_on_id, item_id=item_id).first()
    if after is None and before is None:
        raise Http404
    return _page(
        request,
        "knowledge/diff.html",
        reader,
        item_id=item_id,
        lines=text_diff(before, after),
        previous=reader.edition.based_on,
    )


def _text(item: Item | None) -> str:
    if item is None:
        return ""
    return render_item(ItemType(item.type), item.title, item.summary, item.fields, item.body)


def text_diff(before: Item | None, after: Item | None) -> list[tuple[str, str]]:
    return diff_lines(_text(before), _text(after))
