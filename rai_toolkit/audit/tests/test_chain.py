"""The audit trail is append-only and any change behind the application's back is detected."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from rai_toolkit.audit import guards
from rai_toolkit.audit.models import GENESIS_HASH, Action, AuditEntry
from rai_toolkit.audit.services import record, verify_chain


def three_entries() -> list[AuditEntry]:
    return [
        record(Action.AGENCY_CREATED, actor_label="alice@a.example", context={"n": 1}),
        record(Action.MEMBER_ROLE_CHANGED, changes={"role": ("viewer", "assessor")}),
        record(Action.SIGNED_OUT, actor_label="bob@a.example"),
    ]


def test_entries_are_chained_from_the_genesis_hash(db: None) -> None:
    first, second, third = three_entries()
    assert [e.seq for e in (first, second, third)] == [1, 2, 3]
    assert first.prev_hash == GENESIS_HASH
    assert second.prev_hash == first.hash and third.prev_hash == second.hash
    assert second.changes == {"role": {"old": "viewer", "new": "assessor"}}
    check = verify_chain()
    assert check.ok and check.checked == 3 and check.head_hash == third.hash


def test_the_application_cannot_update_or_delete_entries(db: None) -> None:
    entry = three_entries()[0]
    entry.actor_label = "mallory"
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        entry.delete()
    with pytest.raises(TypeError):
        AuditEntry.objects.filter(pk=entry.pk).update(actor_label="mallory")
    with pytest.raises(TypeError):
        AuditEntry.objects.all().delete()


def test_the_database_refuses_updates_and_deletes(db: None) -> None:
    entry = three_entries()[0]
    for sql in (
        f"UPDATE audit_auditentry SET actor_label = 'mallory' WHERE id = {entry.pk}",
        f"DELETE FROM audit_auditentry WHERE id = {entry.pk}",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            connection.cursor().execute(sql)


def _behind_the_apps_back(sql: str) -> None:
    guards.drop(connection)
    try:
        connection.cursor().execute(sql)
    finally:
        guards.install(connection)


def test_an_altered_entry_is_named(db: None) -> None:
    _, second, _ = three_entries()
    _behind_the_apps_back(
        f"UPDATE audit_auditentry SET actor_label = 'mallory' WHERE id = {second.pk}"
    )
    check = verify_chain()
    assert not check.ok
    assert check.broken_seq == 2 and "content" in check.reason
    with pytest.raises(CommandError, match="broken at entry #2"):
        call_command("verify_audit")


def test_a_removed_entry_is_detected(db: None) -> None:
    _, second, _ = three_entries()
    _behind_the_apps_back(f"DELETE FROM audit_auditentry WHERE id = {second.pk}")
    check = verify_chain()
    assert check.broken_seq == 2 and "missing" in check.reason


def test_a_removed_last_entry_is_detected(db: None) -> None:
    *_, third = three_entries()
    _behind_the_apps_back(f"DELETE FROM audit_auditentry WHERE id = {third.pk}")
    check = verify_chain()
    assert check.broken_seq == 3 and "removed" in check.reason


def test_a_rehashed_forgery_still_breaks_the_link(db: None) -> None:
    _, second, _ = three_entries()
    forged = AuditEntry.objects.get(pk=second.pk)
    forged.actor_label = "mallory"
    new_hash = forged.compute_hash()
    _behind_the_apps_back(
        "UPDATE audit_auditentry SET actor_label = 'mallory', "
        f"hash = '{new_hash}' WHERE id = {second.pk}"
    )
    check = verify_chain()
    assert check.broken_seq == 3 and "link" in check.reason


def test_verify_command_reports_an_intact_trail(db: None) -> None:
    three_entries()
    out = io.StringIO()
    call_command("verify_audit", stdout=out)
    assert "intact: 3 entries" in out.getvalue()


def test_values_are_stored_in_a_form_that_hashes_the_same_after_reloading(db: None) -> None:
    import datetime as dt
    from decimal import Decimal

    entry = record(
        Action.AGENCY_SETTINGS_CHANGED,
        changes={
            "when": (dt.date(2026, 1, 2), dt.datetime(2026, 1, 2, 3, 4, tzinfo=dt.UTC)),
            "n": (Decimal("1.5"), 2),
        },
        context={"tags": {"b", "a"}, "text": "العربية"},
    )
    reloaded = AuditEntry.objects.get(pk=entry.pk)
    assert reloaded.compute_hash() == entry.hash
    assert reloaded.context["tags"] == ["a", "b"]
