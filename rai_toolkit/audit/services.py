"""Writing to and checking the audit trail. Every app records its changes through `record`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone

from rai_toolkit.audit.models import GENESIS_HASH, Action, AuditEntry, AuditHead
from rai_toolkit.core.http import client_ip, user_agent

Changes = Mapping[str, tuple[Any, Any]]


def _plain(value: Any) -> Any:
    """Values as they are hashed and stored: JSON primitives only, so the hash round-trips."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Enum):
        return _plain(value.value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal | float):
        return str(value)
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [_plain(v) for v in value]
        return sorted(items, key=str) if isinstance(value, set | frozenset) else items
    return str(value)


def diff(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Only the fields whose value changed, as field -> (old, new)."""
    return {key: (old.get(key), new[key]) for key in new if old.get(key) != new[key]}


def _actor(
    request: HttpRequest | None, actor: AbstractBaseUser | AnonymousUser | None
) -> AbstractBaseUser | None:
    if actor is None and request is not None:
        actor = getattr(request, "user", None)
    if actor is None or not actor.is_authenticated:
        return None
    return actor


def record(
    action: Action,
    *,
    request: HttpRequest | None = None,
    actor: AbstractBaseUser | AnonymousUser | None = None,
    actor_label: str = "",
    agency: models.Model | None = None,
    target: models.Model | None = None,
    target_label: str = "",
    changes: Changes | None = None,
    context: Mapping[str, Any] | None = None,
) -> AuditEntry:
    who = _actor(request, actor)
    entry = AuditEntry(
        at=timezone.now(),
        actor_id=who.pk if who is not None else None,
        actor_label=actor_label or (who.get_username() if who is not None else ""),
        agency_id=agency.pk if agency is not None else None,
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=(target_label or (str(target) if target is not None else ""))[:300],
        changes={
            key: {"old": _plain(o), "new": _plain(n)} for key, (o, n) in (changes or {}).items()
        },
        context=_plain(dict(context or {})),
        ip=client_ip(request) if request is not None else None,
        user_agent=user_agent(request) if request is not None else "",
    )
    with transaction.atomic():
        head = _locked_head()
        entry.seq = head.seq + 1
        entry.prev_hash = head.hash
        entry.hash = entry.compute_hash()
        entry.save(force_insert=True)
        AuditHead.objects.filter(pk=head.pk).update(
            seq=entry.seq, hash=entry.hash, updated_at=entry.at
        )
    return entry


def _locked_head() -> AuditHead:
    head = AuditHead.objects.select_for_update().filter(pk=1).first()
    if head is not None:
        return head
    # First entry ever (or a test database that was flushed): start from the last entry.
    last = AuditEntry.objects.order_by("-seq").only("seq", "hash").first()
    head, _ = AuditHead.objects.get_or_create(
        pk=1,
        defaults={
            "seq": last.seq if last else 0,
            "hash": last.hash if last else GENESIS_HASH,
        },
    )
    return AuditHead.objects.select_for_update().get(pk=head.pk)


def data_version() -> int:
    """A number that changes whenever anything audited changes: the chain head's position.

    Every write in the platform goes through `record`, so cached renderings keyed on this
    number are never stale."""
    head = AuditHead.objects.filter(pk=1).values_list("seq", flat=True).first()
    return head or 0


@dataclass(frozen=True)
class ChainCheck:
    checked: int
    head_hash: str
    broken_seq: int | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_seq is None


def verify_chain(entries: Iterable[AuditEntry] | None = None) -> ChainCheck:
    """Walk the chain from the start; name the first entry that does not fit."""
    if entries is None:
        entries = AuditEntry.objects.order_by("seq").iterator(chunk_size=2000)
    expected_seq, prev_hash, checked = 1, GENESIS_HASH, 0
    for entry in entries:
        if entry.seq != expected_seq:
            return ChainCheck(checked, prev_hash, expected_seq, "entry missing or out of order")
        if entry.prev_hash != prev_hash:
            return ChainCheck(checked, prev_hash, entry.seq, "link to the previous entry is broken")
        if entry.compute_hash() != entry.hash:
            return ChainCheck(checked, prev_hash, entry.seq, "content does not match its hash")
        prev_hash, expected_seq, checked = entry.hash, expected_seq + 1, checked + 1
    head = AuditHead.objects.filter(pk=1).first()
    if head is not None and (head.seq, head.hash) != (checked, prev_hash):
        return ChainCheck(checked, prev_hash, checked + 1, "entries after this point were removed")
    return ChainCheck(checked, prev_hash)
