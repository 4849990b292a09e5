"""Toolkit workflows: loading content files into editions, drafting, review and publication.
Every change is written to the audit trail."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from rai_toolkit.accounts.models import User
from rai_toolkit.audit.models import Action
from rai_toolkit.audit.services import record
from rai_toolkit.knowledge.files import (
    Content,
    ParsedItem,
    Problem,
    normalise_body,
    parse_item,
    read_content,
    render_item,
    render_translation,
)
from rai_toolkit.knowledge.indexing import BATCH, insert_content, plain_text, searchable_text
from rai_toolkit.knowledge.models import (
    Approval,
    Edition,
    Item,
    Link,
    ReviewComment,
    ReviewPanel,
    SearchDocument,
    Translation,
)
from rai_toolkit.knowledge.panels import missing_panel_approvals
from rai_toolkit.knowledge.schema import SCHEMAS, ItemType


def signature_of_content(content: Content) -> set[tuple[str, str]]:
    """What an edition consists of: item hashes and translation hashes."""
    items = {(i.item_id, i.content_hash) for i in content.items.values()}
    translations = {
        (f"{t.item_id}.{t.language}", render_translation(t.source_hash, t.title, t.summary, t.body))
        for t in content.translations
    }
    return items | translations


def signature_of_edition(edition: Edition) -> set[tuple[str, str]]:
    items = set(Item.objects.filter(edition=edition).values_list("item_id", "content_hash"))
    translations = {
        (
            f"{t.item.item_id}.{t.language}",
            render_translation(t.source_hash, t.title, t.summary, t.body),
        )
        for t in Translation.objects.filter(item__edition=edition).select_related("item")
    }
    return items | translations


def _next_number() -> int:
    return (Edition.objects.aggregate(n=Max("number"))["n"] or 0) + 1


@dataclass(frozen=True)
class LoadResult:
    edition: Edition | None
    message: str


def create_edition(
    content: Content, *, title: str, publish: bool, by: User | None, changelog: str = ""
) -> Edition:
    with transaction.atomic():
        current = (
            Edition.objects.select_for_update().filter(status=Edition.Status.PUBLISHED).first()
        )
        edition = Edition.objects.create(
            number=_next_number(),
            title=title,
            changelog=changelog,
            based_on=current,
            created_by=by,
            status=Edition.Status.DRAFT,
        )
        insert_content(edition, content)
        record(
            Action.TOOLKIT_EDITION_CREATED,
            actor=by,
            target=edition,
            target_label=str(edition),
            context={"items": len(content.items), "translations": len(content.translations)},
        )
        if publish:
            _publish(edition, by=by)
    return edition


def _publish(edition: Edition, *, by: User | None) -> None:
    now = timezone.now()
    Edition.objects.filter(status=Edition.Status.PUBLISHED).exclude(pk=edition.pk).update(
        status=Edition.Status.SUPERSEDED
    )
    edition.status = Edition.Status.PUBLISHED
    edition.published_at = now
    edition.save(update_fields=["status", "published_at"])
    record(Action.TOOLKIT_PUBLISHED, actor=by, target=edition, target_label=str(edition))


def load_from_files(root: Path, *, publish: bool, by: User | None = None) -> LoadResult:
    """Read and check the files; create an edition only when they differ from what exists."""
    content = read_content(root)  # raises ContentError, before anything is written
    wanted = signature_of_content(content)
    current = Edition.objects.current()
    if current is not None and signature_of_edition(current) == wanted:
        return LoadResult(current, f"Edition {current.number} already holds these files.")
    drafts = Edition.objects.filter(status=Edition.Status.DRAFT, title__startswith="Content files")
    for draft in drafts:
        if signature_of_edition(draft) == wanted and not publish:
            return LoadResult(draft, f"Draft edition {draft.number} already holds these files.")
    first = current is None
    title = "Initial edition" if first else f"Content files of {timezone.now():%Y-%m-%d}"
    edition = create_edition(
        content,
        title=title,
        publish=publish or first,
        by=by,
        changelog="Loaded from the content files shipped with the platform.",
    )
    state = (
        "published"
        if edition.status == Edition.Status.PUBLISHED
        else "created as a draft for review"
    )
    return LoadResult(edition, f"Edition {edition.number} {state}: {len(content.items)} items.")


# --- drafting, review and publication ------------------------------------------------------


class ConflictError(Exception):
    """Someone saved the item since the editor opened it."""

    def __init__(self, current: Item) -> None:
        super().__init__(f"{current.item_id} changed meanwhile (version {current.version})")
        self.current = current


def open_draft(*, by: User, title: str, request: HttpRequest | None = None) -> Edition:
    """A new draft edition: a copy of the current one, to change and send for review."""
    with transaction.atomic():
        open_one = (
            Edition.objects.select_for_update()
            .filter(status__in=[Edition.Status.DRAFT, Edition.Status.IN_REVIEW])
            .first()
        )
        if open_one is not None:
            raise ValidationError(
                _("Edition %(n)s is still being prepared; finish or publish it first.")
                % {"n": open_one.number}
            )
        source = Edition.objects.current()
        draft = Edition.objects.create(
            number=_next_number(), title=title, based_on=source, created_by=by
        )
        if source is not None:
            copy_items(source, draft)
        record(
            Action.TOOLKIT_EDITION_CREATED,
            request=request,
            actor=by,
            target=draft,
            target_label=str(draft),
            context={"based_on": source.number if source else None},
        )
    return draft


def copy_items(source: Edition, target: Edition) -> None:
    old = list(Item.objects.filter(edition=source))
    Item.objects.bulk_create(
        [
            Item(
                edition=target,
                item_id=i.item_id,
                type=i.type,
                title=i.title,
                summary=i.summary,
                fields=i.fields,
                body=i.body,
                content_hash=i.content_hash,
                order=i.order,
            )
            for i in old
        ],
        batch_size=BATCH,
    )
    new_pk = dict(Item.objects.filter(edition=target).values_list("item_id", "pk"))
    mapped = {i.pk: new_pk[i.item_id] for i in old}
    Link.objects.bulk_create(
        [
            Link(
                edition=target,
                source_id=mapped[link.source_id],
                target_id=mapped[link.target_id],
                key=link.key,
            )
            for link in Link.objects.filter(edition=source)
        ],
        batch_size=BATCH,
    )
    Translation.objects.bulk_create(
        [
            Translation(
                item_id=mapped[t.item_id],
                language=t.language,
                source_hash=t.source_hash,
                title=t.title,
                summary=t.summary,
                body=t.body,
            )
            for t in Translation.objects.filter(item__edition=source)
        ],
        batch_size=BATCH,
    )
    SearchDocument.objects.bulk_create(
        [
            SearchDocument(
                item_id=mapped[d.item_id],
                edition=target,
                language=d.language,
                item_type=d.item_type,
                title=d.title,
                summary=d.summary,
                body=d.body,
            )
            for d in SearchDocument.objects.filter(edition=source)
        ],
        batch_size=BATCH,
    )


def _editable(edition: Edition) -> None:
    if not edition.is_editable:
        raise ValidationError(
            _("Edition %(n)s is %(status)s and cannot be changed.")
            % {"n": edition.number, "status": edition.get_status_display()}
        )


def check_item(
    edition: Edition,
    item_id: str,
    item_type: ItemType,
    title: str,
    summary: str,
    fields: dict[str, Any],
    body: str,
) -> ParsedItem:
    """The same checks as the loader, plus links that must exist in this edition."""
    problems: list[Problem] = []
    allowed = {key.name for key in SCHEMAS[item_type].keys}
    for extra in sorted(set(fields) - allowed):
        problems.append(Problem("editor", 1, f"unknown key {extra!r}"))
    text = render_item(item_type, title, summary, fields, body)
    parsed = parse_item(item_id, "editor", text, problems)
    if parsed is not None:
        existing = set(edition.items.values_list("item_id", flat=True)) | {item_id}
        for link in parsed.links:
            if link.target not in existing:
                problems.append(
                    Problem("editor", link.line, f"{link.key}: link to unknown item {link.target}")
                )
    if problems or parsed is None:
        raise ValidationError([f"line {p.line}: {p.message}" for p in problems])
    return parsed


def save_item(
    *,
    edition: Edition,
    item_id: str,
    parsed: ParsedItem,
    version: int | None,
    by: User,
    request: HttpRequest | None = None,
) -> Item:
    """Create or change an item of a draft; a stale `version` raises ConflictError."""
    with transaction.atomic():
        locked = Edition.objects.select_for_update().get(pk=edition.pk)
        _editable(locked)
        current = Item.objects.select_for_update().filter(edition=locked, item_id=item_id).first()
        if current is not None and version != current.version:
            raise ConflictError(current)
        if current is None and version is not None:
            raise ValidationError(_("This item no longer exists in the edition."))
        before = current.content_hash if current else None
        if current is None:
            current = Item(edition=locked, item_id=item_id, version=0)
        for name in ("type", "title", "summary", "fields", "body", "content_hash"):
            setattr(current, name, getattr(parsed, name))
        current.order = parsed.fields.get("order") or 0
        current.version += 1
        current.updated_by, current.updated_at = by, timezone.now()
        current.save()
        _reindex(locked, current, parsed)
        locked.authors.add(by)
        record(
            Action.TOOLKIT_ITEM_CREATED if before is None else Action.TOOLKIT_ITEM_CHANGED,
            request=request,
            actor=by,
            target=current,
            target_label=item_id,
            changes={"content_hash": (before, current.content_hash)},
            context={"edition": locked.number, "version": current.version},
        )
    return current


def _reindex(edition: Edition, item: Item, parsed: ParsedItem) -> None:
    Link.objects.filter(source=item).delete()
    pks = dict(
        edition.items.filter(item_id__in=[link.target for link in parsed.links]).values_list(
            "item_id", "pk"
        )
    )
    seen = set()
    for link in parsed.links:
        key = (pks[link.target], link.key.split(".")[0])
        if key not in seen:
            seen.add(key)
            Link.objects.create(edition=edition, source=item, target_id=key[0], key=key[1])
    SearchDocument.objects.update_or_create(
        item=item,
        edition=edition,
        language="en",
        defaults={
            "item_type": item.type,
            "title": item.title,
            "summary": item.summary,
            "body": searchable_text(item.body, item.fields),
        },
    )


def save_translation(
    *,
    item: Item,
    language: str,
    title: str,
    summary: str,
    body: str,
    by: User,
    request: HttpRequest | None = None,
) -> Translation:
    """A translation saved now is marked current against the item's English text."""
    with transaction.atomic():
        _editable(Edition.objects.select_for_update().get(pk=item.edition_id))
        translation_, created = Translation.objects.update_or_create(
            item=item,
            language=language,
            defaults={
                "title": title,
                "summary": summary,
                "body": normalise_body(body),
                "source_hash": item.content_hash[:16],
            },
        )
        SearchDocument.objects.update_or_create(
            item=item,
            edition_id=item.edition_id,
            language=language,
            defaults={
                "item_type": item.type,
                "title": title,
                "summary": summary,
                "body": plain_text(body),
            },
        )
        item.edition.authors.add(by)
        record(
            Action.TOOLKIT_ITEM_CHANGED,
            request=request,
            actor=by,
            target=item,
            target_label=f"{item.item_id} [{language}]",
            context={"edition": item.edition.number, "translation": language, "created": created},
        )
    return translation_


def _transition(edition: Edition, *, allowed: Edition.Status, to: Edition.Status) -> Edition:
    locked = Edition.objects.select_for_update().get(pk=edition.pk)
    if locked.status != allowed:
        raise ValidationError(
            _("Edition %(n)s is %(status)s; this step is not possible now.")
            % {"n": locked.number, "status": locked.get_status_display()}
        )
    locked.status = to
    return locked


def submit_for_review(*, edition: Edition, by: User, request: HttpRequest | None = None) -> None:
    with transaction.atomic():
        locked = _transition(edition, allowed=Edition.Status.DRAFT, to=Edition.Status.IN_REVIEW)
        locked.submitted_at = timezone.now()
        locked.save(update_fields=["status", "submitted_at"])
        record(
            Action.TOOLKIT_SUBMITTED,
            request=request,
            actor=by,
            target=locked,
            target_label=str(locked),
        )


def reopen(*, edition: Edition, by: User, request: HttpRequest | None = None) -> None:
    """Back to drafting; approvals given so far no longer count."""
    with transaction.atomic():
        locked = _transition(edition, allowed=Edition.Status.IN_REVIEW, to=Edition.Status.DRAFT)
        locked.save(update_fields=["status"])
        locked.approvals.all().delete()
        record(
            Action.TOOLKIT_REOPENED,
            request=request,
            actor=by,
            target=locked,
            target_label=str(locked),
        )


def add_comment(
    *,
    item: Item,
    by: User,
    body: str,
    reply_to: ReviewComment | None,
    request: HttpRequest | None = None,
) -> ReviewComment:
    if item.edition.is_published:
        raise ValidationError(_("Published editions are not discussed here; open a new draft."))
    if reply_to is not None and reply_to.item_id != item.pk:
        raise ValidationError(_("A reply must stay with its item."))
    with transaction.atomic():
        comment = ReviewComment.objects.create(item=item, author=by, body=body, reply_to=reply_to)
        record(
            Action.TOOLKIT_COMMENTED,
            request=request,
            actor=by,
            target=item,
            target_label=item.item_id,
            context={"edition": item.edition.number, "comment": comment.pk},
        )
    return comment


def resolve_comment(
    *, comment: ReviewComment, by: User, request: HttpRequest | None = None
) -> None:
    if comment.resolved_at is not None:
        raise ValidationError(_("This comment is already resolved."))
    with transaction.atomic():
        comment.resolved_at, comment.resolved_by = timezone.now(), by
        comment.save(update_fields=["resolved_at", "resolved_by"])
        record(
            Action.TOOLKIT_COMMENT_RESOLVED,
            request=request,
            actor=by,
            target=comment.item,
            target_label=comment.item.item_id,
            context={"comment": comment.pk},
        )


def approve(*, edition: Edition, by: User, request: HttpRequest | None = None) -> None:
    with transaction.atomic():
        locked = Edition.objects.select_for_update().get(pk=edition.pk)
        if locked.status != Edition.Status.IN_REVIEW:
            raise ValidationError(_("Only an edition in review can be approved."))
        if not ReviewPanel.objects.of(by).exists():
            raise ValidationError(_("Only members of a review panel can approve an edition."))
        if locked.authors.filter(pk=by.pk).exists():
            raise ValidationError(_("You changed this edition, so you cannot approve it."))
        approval_created = Approval.objects.get_or_create(edition=locked, reviewer=by)[1]
        if not approval_created:
            raise ValidationError(_("You have already approved this edition."))
        record(
            Action.TOOLKIT_APPROVED,
            request=request,
            actor=by,
            target=locked,
            target_label=str(locked),
        )


def valid_approvals(edition: Edition) -> int:
    return edition.approvals.exclude(reviewer__in=edition.authors.all()).count()


def publish(
    *, edition: Edition, changelog: str, by: User, request: HttpRequest | None = None
) -> None:
    with transaction.atomic():
        locked = Edition.objects.select_for_update().get(pk=edition.pk)
        if locked.status != Edition.Status.IN_REVIEW:
            raise ValidationError(_("Only an edition in review can be published."))
        needed = settings.RAI_TOOLKIT_APPROVALS
        if valid_approvals(locked) < needed:
            raise ValidationError(
                _("Publishing needs %(n)d approvals from reviewers who did not change the edition.")
                % {"n": needed}
            )
        if missing := missing_panel_approvals(locked):
            raise ValidationError(missing)
        if ReviewComment.objects.filter(
            item__edition=locked, reply_to=None, resolved_at=None
        ).exists():
            raise ValidationError(_("Resolve every review comment before publishing."))
        if not changelog.strip():
            raise ValidationError(_("Write a changelog for readers of the new edition."))
        locked.changelog = changelog.strip()
        locked.save(update_fields=["changelog"])
        _publish(locked, by=by)
