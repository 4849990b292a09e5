import csv
import io
from collections.abc import Callable

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from conftest import Personas
from rai_toolkit.accounts.models import User
from rai_toolkit.audit.exports import neutralise
from rai_toolkit.audit.models import Action, AuditEntry
from rai_toolkit.audit.services import record


def seed_trail(personas: Personas) -> None:
    record(
        Action.AGENCY_SETTINGS_CHANGED,
        actor=personas.a_admin,
        agency=personas.agency_a,
        changes={"name": ("Old", '=HYPERLINK("http://evil")')},
    )
    record(
        Action.MEMBER_ROLE_CHANGED,
        actor=personas.a_admin,
        agency=personas.agency_a,
        target_label="=cmd|' /C calc'!A0",
    )
    record(Action.SIGNED_IN, actor=personas.a_viewer)  # personal event of a member
    record(
        Action.AGENCY_SETTINGS_CHANGED,
        actor=personas.b_member,
        agency=personas.agency_b,
        target_label="secret of B",
    )
    record(Action.SIGNED_IN, actor=personas.b_member)


def rows(response) -> list[list[str]]:  # type: ignore[no-untyped-def]
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


def test_agency_admin_sees_the_agency_and_its_members_only(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    seed_trail(personas)
    page = login(personas.a_admin).get("/a/agency-a/audit/")
    assert page.status_code == 200
    seen = {entry.pk for entry in page.context["page"]}
    members = [personas.a_admin.pk, personas.a_viewer.pk]  # the ones with sign-ins so far
    expected = set(
        AuditEntry.objects.filter(agency=personas.agency_a).values_list("pk", flat=True)
    ) | set(
        AuditEntry.objects.filter(action=Action.SIGNED_IN, actor_id__in=members).values_list(
            "pk", flat=True
        )
    )
    assert seen == expected
    assert not AuditEntry.objects.filter(pk__in=seen, actor=personas.b_member).exists()
    assert b"secret of B" not in page.content


def test_filters_by_user_action_and_date(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    seed_trail(personas)
    client = login(personas.a_admin)
    by_action = client.get("/a/agency-a/audit/", {"action": Action.MEMBER_ROLE_CHANGED})
    assert [e.action for e in by_action.context["page"]] == [Action.MEMBER_ROLE_CHANGED]
    by_user = client.get("/a/agency-a/audit/", {"user": "viewer"})
    assert {e.actor_id for e in by_user.context["page"]} == {personas.a_viewer.pk}
    future = client.get("/a/agency-a/audit/", {"date_from": "2999-01-01"})
    assert list(future.context["page"]) == []


def test_an_impossible_date_range_is_explained(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    response = login(personas.a_admin).get(
        "/a/agency-a/audit/", {"date_from": "2026-05-01", "date_to": "2026-01-01"}
    )
    assert response.status_code == 400
    assert b"The end date is before the start date." in response.content
    bad = login(personas.a_admin).get("/a/agency-a/audit/", {"date_from": "not a date"})
    assert bad.status_code == 400


def test_csv_export_neutralises_formulas_and_is_audited(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    seed_trail(personas)
    response = login(personas.a_admin).get("/a/agency-a/audit.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    table = rows(response)
    assert table[0][:4] == ["seq", "at", "actor", "action"]
    targets = [r[7] for r in table[1:] if r[3] == Action.MEMBER_ROLE_CHANGED]
    assert targets == ["'=cmd|' /C calc'!A0"]  # a spreadsheet shows it as text, never runs it
    assert AuditEntry.objects.filter(
        action=Action.AUDIT_EXPORTED, agency=personas.agency_a
    ).exists()
    assert "secret of B" not in str(table)


def test_neutralise_prefixes_every_formula_trigger() -> None:
    for dangerous in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "\uff1d1"]:
        assert neutralise(dangerous).startswith("'")
    assert neutralise("plain text") == "plain text"
    assert neutralise(None) == ""


def test_platform_admin_reads_every_agency(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    seed_trail(personas)
    client = login(personas.platform_admin)
    page = client.get("/platform/audit/")
    assert page.status_code == 200
    assert b"secret of B" in page.content
    assert len(rows(client.get("/platform/audit.csv"))) > 5


def test_agency_trail_query_count_does_not_grow_with_entries(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    client = login(personas.a_admin)
    client.get("/a/agency-a/audit/")

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/a/agency-a/audit/").status_code == 200
        return len(ctx.captured_queries)

    seed_trail(personas)
    few = count()
    for i in range(40):
        record(
            Action.MEMBER_ROLE_CHANGED,
            actor=personas.a_admin,
            agency=personas.agency_a,
            target_label=f"m{i}",
        )
    assert count() == few


def test_out_of_range_dates_are_explained_not_a_crash(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    client = login(personas.a_admin)
    for query in ({"date_to": "9999-12-31"}, {"date_from": "0001-01-01"}):
        assert client.get("/a/agency-a/audit/", query).status_code == 400
        assert client.get("/a/agency-a/audit.csv", query).status_code == 400
    assert not AuditEntry.objects.filter(action=Action.AUDIT_EXPORTED).exists()


def test_export_records_the_cleaned_filters(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    response = login(personas.a_admin).get(
        "/a/agency-a/audit.csv", {"action": Action.SIGNED_IN, "junk": "x\x00y"}
    )
    b"".join(response.streaming_content)  # type: ignore[attr-defined]
    entry = AuditEntry.objects.get(action=Action.AUDIT_EXPORTED)
    assert entry.context == {"filters": {"action": Action.SIGNED_IN.value}}
