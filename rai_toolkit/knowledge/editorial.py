"""Maintaining the toolkit: drafts, editing with preview, review comments, approval, publication."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from rai_toolkit.accounts.access import signed_in_user
from rai_toolkit.audit.services import data_version
from rai_toolkit.core.messages import report
from rai_toolkit.knowledge import selectors, services
from rai_toolkit.knowledge.access import contributor_view, editor_view, reviewer_view
from rai_toolkit.knowledge.diffs import diff_lines
from rai_toolkit.knowledge.files import ParsedItem, dump_front_matter, render_item
from rai_toolkit.knowledge.forms import (
    CommentForm,
    DraftForm,
    ItemForm,
    NewItemForm,
    PreviewForm,
    PublishForm,
    TranslationForm,
)
from rai_toolkit.knowledge.models import Edition, Item, ReviewComment
from rai_toolkit.knowledge.panels import panel_progress
from rai_toolkit.knowledge.reader import Reader
from rai_toolkit.knowledge.schema import SCHEMAS, ItemType, schema_for_id

TRANSLATED = ("fr", "es", "ar")


@editor_view
@require_POST
def new_draft(request: HttpRequest) -> HttpResponseBase:
    form = DraftForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the new edition a title."))
        return redirect("knowledge:editions")
    try:
        draft = services.open_draft(
            by=signed_in_user(request), title=form.cleaned_data["title"], request=request
        )
    except ValidationError as error:
        report(request, error)
        return redirect("knowledge:editions")
    return redirect("knowledge:review", draft.number)


@editor_view
@require_POST
def preview(request: HttpRequest) -> HttpResponse:
    form = PreviewForm(request.POST)
    if not form.is_valid():
        return HttpResponse(status=400)
    edition = selectors.edition_or_404(form.cleaned_data["edition"])
    reader = Reader(edition, translation.get_language() or "en", False, data_version())
    return HttpResponse(reader.render(form.cleaned_data["body"]))


def _initial(item: Item) -> dict[str, Any]:
    keys = SCHEMAS[ItemType(item.type)].keys
    fields = dump_front_matter({k.name: item.fields.get(k.name) for k in keys}) if keys else ""
    return {
        "title": item.title,
        "summary": item.summary,
        "body": item.body,
        "fields_yaml": fields,
        "version": item.version,
    }


def _save(
    request: HttpRequest, edition: Edition, item_id: str, form: ItemForm
) -> HttpResponse | None:
    """Check and save; a response for a conflict, None when the form shows the errors."""
    schema = schema_for_id(item_id)
    assert schema is not None
    data = form.cleaned_data
    try:
        parsed = services.check_item(
            edition,
            item_id,
            schema.type,
            data["title"],
            data["summary"],
            data["fields_yaml"],
            data["body"],
        )
        services.save_item(
            edition=edition,
            item_id=item_id,
            parsed=parsed,
            version=data.get("version"),
            by=signed_in_user(request),
            request=request,
        )
    except services.ConflictError as conflict:
        return _conflict(request, edition, form, conflict.current, parsed)
    except ValidationError as error:
        for message in error.messages:
            form.add_error(None, message)
        return None
    messages.success(request, _("Saved."))
    return redirect("knowledge:edition_item", edition.number, item_id)


def _conflict(
    request: HttpRequest, edition: Edition, form: ItemForm, theirs: Item, mine: ParsedItem
) -> HttpResponse:
    """Both versions side by side; the form keeps mine, ready to save over theirs on purpose."""
    data = {**form.data.dict(), "version": theirs.version}  # type: ignore[attr-defined]
    theirs_text = render_item(
        ItemType(theirs.type), theirs.title, theirs.summary, theirs.fields, theirs.body
    )
    context = {
        "edition": edition,
        "item_id": mine.item_id,
        "form": type(form)(data),
        "theirs": theirs,
        "lines": diff_lines(theirs_text, mine.text),
        "conflict": True,
    }
    return render(request, "knowledge/edit.html", context, status=409)


@editor_view
@require_http_methods(["GET", "POST"])
def edit_item(request: HttpRequest, number: int, item_id: str) -> HttpResponse:
    edition = selectors.edition_or_404(number)
    item = selectors.item_or_404(edition, item_id)
    language = request.GET.get("language", "")
    if language in TRANSLATED:
        return _edit_translation(request, edition, item, language)
    form = ItemForm(request.POST or None, initial=_initial(item))
    if request.method == "POST" and form.is_valid():
        response = _save(request, edition, item.item_id, form)
        if response is not None:
            return response
    context = {"edition": edition, "item_id": item.item_id, "form": form, "item": item}
    return render(request, "knowledge/edit.html", context, status=400 if form.errors else 200)


def _edit_translation(
    request: HttpRequest, edition: Edition, item: Item, language: str
) -> HttpResponse:
    existing = item.translations.filter(language=language).first()
    initial = (
        {"title": existing.title, "summary": existing.summary, "body": existing.body}
        if existing
        else {}
    )
    form = TranslationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_translation(
                item=item,
                language=language,
                by=signed_in_user(request),
                request=request,
                **form.cleaned_data,
            )
        except ValidationError as error:
            report(request, error)
        else:
            messages.success(request, _("Translation saved."))
            return redirect("knowledge:edition_item", edition.number, item.item_id)
    context = {
        "edition": edition,
        "item": item,
        "form": form,
        "language": language,
        "existing": existing,
    }
    return render(
        request, "knowledge/edit_translation.html", context, status=400 if form.errors else 200
    )


@editor_view
@require_http_methods(["GET", "POST"])
def new_item(request: HttpRequest, number: int) -> HttpResponse:
    edition = selectors.edition_or_404(number)
    form = NewItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if edition.items.filter(item_id=form.cleaned_data["item_id"]).exists():
            form.add_error("item_id", _("An item with this id already exists."))
        else:
            form.cleaned_data["version"] = None
            response = _save(request, edition, form.cleaned_data["item_id"], form)
            if response is not None:
                return response
    return render(
        request,
        "knowledge/edit.html",
        {"edition": edition, "form": form, "new": True},
        status=400 if form.errors else 200,
    )


@contributor_view
def review(request: HttpRequest, number: int) -> HttpResponse:
    edition = selectors.edition_or_404(number)
    context = {
        "edition": edition,
        "draft_form": DraftForm(),
        "publish_form": PublishForm(),
        "comment_form": CommentForm(),
        "needed": settings.RAI_TOOLKIT_APPROVALS,
        "valid_approvals": services.valid_approvals(edition),
        "panel_progress": panel_progress(edition),
        **selectors.review_page(edition),
    }
    return render(request, "knowledge/review.html", context)


def _step(request: HttpRequest, number: int, step: Any, **extra: Any) -> HttpResponseBase:
    edition = selectors.edition_or_404(number)
    try:
        step(edition=edition, by=signed_in_user(request), request=request, **extra)
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(request, _("Done."))
    return redirect("knowledge:review", number)


@editor_view
@require_POST
def submit(request: HttpRequest, number: int) -> HttpResponseBase:
    return _step(request, number, services.submit_for_review)


@editor_view
@require_POST
def reopen(request: HttpRequest, number: int) -> HttpResponseBase:
    return _step(request, number, services.reopen)


@reviewer_view
@require_POST
def approve(request: HttpRequest, number: int) -> HttpResponseBase:
    return _step(request, number, services.approve)


@editor_view
@require_POST
def publish(request: HttpRequest, number: int) -> HttpResponseBase:
    form = PublishForm(request.POST)
    changelog = form.cleaned_data["changelog"] if form.is_valid() else ""
    return _step(request, number, services.publish, changelog=changelog)


@contributor_view
@require_POST
def comment(request: HttpRequest, number: int, item_id: str) -> HttpResponseBase:
    item = selectors.item_or_404(selectors.edition_or_404(number), item_id)
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write a comment first."))
        return redirect("knowledge:review", number)
    reply_to = (
        ReviewComment.objects.filter(pk=form.cleaned_data["reply_to"], item=item).first()
        if form.cleaned_data["reply_to"]
        else None
    )
    try:
        services.add_comment(
            item=item,
            by=signed_in_user(request),
            body=form.cleaned_data["body"],
            reply_to=reply_to,
            request=request,
        )
    except ValidationError as error:
        report(request, error)
    return redirect(reverse("knowledge:review", args=[number]) + f"#comments-{item.pk}")


@contributor_view
@require_POST
def resolve_comment(request: HttpRequest, pk: int) -> HttpResponseBase:
    found = ReviewComment.objects.filter(pk=pk).select_related("item__edition").first()
    if found is None:
        raise Http404
    try:
        services.resolve_comment(comment=found, by=signed_in_user(request), request=request)
    except ValidationError as error:
        report(request, error)
    return redirect("knowledge:review", found.item.edition.number)
