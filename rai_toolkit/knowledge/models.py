"""The toolkit as versioned editions of items, with translations, links, review and search."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rai_toolkit.knowledge.schema import ItemType


class EditionQuerySet(models.QuerySet["Edition"]):
    def published(self) -> EditionQuerySet:
        return self.filter(status__in=[Edition.Status.PUBLISHED, Edition.Status.SUPERSEDED])

    def current(self) -> Edition | None:
        return self.filter(status=Edition.Status.PUBLISHED).order_by("-number").first()


class Edition(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        PUBLISHED = "published", _("Current edition")
        SUPERSEDED = "superseded", _("Earlier edition")

    number = models.PositiveIntegerField(unique=True)
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    changelog = models.TextField(_("changelog"), blank=True)
    based_on = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # Everyone who changed an item in this edition; none of them may approve it.
    authors = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    objects = EditionQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"{self.number}: {self.title}"

    @property
    def is_published(self) -> bool:
        return self.status in (self.Status.PUBLISHED, self.Status.SUPERSEDED)

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT


class Item(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="items")
    item_id = models.CharField(max_length=200)
    type = models.CharField(max_length=32, choices=ItemType.choices)
    title = models.CharField(max_length=300)
    summary = models.TextField()
    fields = models.JSONField(default=dict)
    body = models.TextField(blank=True)
    content_hash = models.CharField(max_length=64)
    order = models.IntegerField(default=0)
    # Optimistic concurrency for editing a draft: a save names the version it started from.
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["edition", "item_id"], name="item_unique_in_edition")
        ]
        indexes = [models.Index(fields=["edition", "type", "order"])]
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return self.item_id

    def field(self, name: str) -> Any:
        return self.fields.get(name)


class Link(models.Model):
    """`source` names `target` in front-matter key `key` (or in its body)."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="+")
    source = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="links_out")
    target = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="links_in")
    key = models.CharField(max_length=40)

    class Meta:
        indexes = [models.Index(fields=["target", "key"]), models.Index(fields=["source", "key"])]

    def __str__(self) -> str:
        return f"{self.source_id} -{self.key}-> {self.target_id}"


class Translation(models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(max_length=8, choices=settings.LANGUAGES)
    source_hash = models.CharField(max_length=16)
    title = models.CharField(max_length=300)
    summary = models.TextField()
    body = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "language"], name="translation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.item_id} [{self.language}]"

    def is_outdated(self, english_hash: str) -> bool:
        return self.source_hash != english_hash[:16]


class ReviewComment(models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("comment"))
    reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"comment on {self.item_id} by {self.author_id}"


class ReviewPanelQuerySet(models.QuerySet["ReviewPanel"]):
    def of(self, user: Any) -> ReviewPanelQuerySet:
        return self.filter(members=user) if getattr(user, "pk", None) else self.none()


class ReviewPanel(models.Model):
    """A group of reviewers, e.g. the core group of experts or a human-rights panel.

    Belonging to any panel is what lets someone read drafts, comment and approve."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    description = models.TextField(_("what this panel looks at"), blank=True)
    approvals_needed = models.PositiveSmallIntegerField(
        _("approvals needed from this panel"),
        default=0,
        help_text=_("Publishing waits for this many approvals from the panel's members."),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="toolkit_panels", blank=True
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = ReviewPanelQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Approval(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="approvals")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["edition", "reviewer"], name="approval_once")
        ]

    def __str__(self) -> str:
        return f"approval of edition {self.edition_id} by {self.reviewer_id}"


class SearchDocument(models.Model):
    """One searchable text per item and language; the full-text index sits beside it."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="+")
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="+")
    language = models.CharField(max_length=8)
    item_type = models.CharField(max_length=32)
    title = models.CharField(max_length=300)
    summary = models.TextField()
    body = models.TextField()

    class Meta:
        indexes = [models.Index(fields=["edition", "language"])]

    def __str__(self) -> str:
        return f"{self.item_id} [{self.language}]"
