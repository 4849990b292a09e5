from collections.abc import Callable

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from conftest import Personas, make_user
from rai_toolkit.accounts.models import User
from rai_toolkit.agencies.models import Membership
from rai_toolkit.audit.models import Action, AuditEntry


def membership(user: User) -> Membership:
    return Membership.objects.get(user=user)


def test_every_member_sees_the_list_but_only_admins_get_controls(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    viewer_page = login(personas.a_viewer).get("/a/agency-a/members/")
    assert viewer_page.status_code == 200
    assert personas.a_assessor.email.encode() in viewer_page.content
    assert (
        b"Change role" not in viewer_page.content
        and b"Invite a colleague" not in viewer_page.content
    )
    admin_page = Client()
    admin_page.force_login(personas.a_admin)
    assert b"Change role" in admin_page.get("/a/agency-a/members/").content


def test_admin_changes_a_role_and_the_trail_shows_old_and_new(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    target = membership(personas.a_viewer)
    response = login(personas.a_admin).post(
        f"/a/agency-a/members/{target.pk}/role/", {"role": "assessor"}
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.role == "assessor"
    entry = AuditEntry.objects.get(action=Action.MEMBER_ROLE_CHANGED)
    assert entry.changes == {"role": {"old": "viewer", "new": "assessor"}}
    assert entry.target_label == personas.a_viewer.email


def test_unknown_role_is_refused(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    target = membership(personas.a_viewer)
    response = login(personas.a_admin).post(
        f"/a/agency-a/members/{target.pk}/role/", {"role": "emperor"}, follow=True
    )
    assert b"Choose one of the listed roles." in response.content
    target.refresh_from_db()
    assert target.role == "viewer"


def test_last_admin_cannot_step_down_or_leave(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    own = membership(personas.a_admin)
    client = login(personas.a_admin)
    demote = client.post(f"/a/agency-a/members/{own.pk}/role/", {"role": "viewer"}, follow=True)
    assert b"at least one administrator" in demote.content
    leave = client.post(f"/a/agency-a/members/{own.pk}/remove/", follow=True)
    assert b"last administrator" in leave.content
    own.refresh_from_db()
    assert own.role == "admin"


def test_admin_can_leave_once_another_admin_exists(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    Membership.objects.filter(user=personas.a_reviewer).update(role="admin")
    own = membership(personas.a_admin)
    response = login(personas.a_admin).post(f"/a/agency-a/members/{own.pk}/remove/")
    assert response.status_code == 302 and response["Location"] == "/"
    assert not Membership.objects.filter(pk=own.pk).exists()


def test_removed_member_loses_access_at_once(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    target = membership(personas.a_assessor)
    admin = login(personas.a_admin)
    assert (
        admin.get(f"/a/agency-a/members/{target.pk}/remove/").status_code == 200
    )  # confirmation page
    admin.post(f"/a/agency-a/members/{target.pk}/remove/")
    gone = Client()
    gone.force_login(personas.a_assessor)
    assert gone.get("/a/agency-a/").status_code == 404
    entry = AuditEntry.objects.get(action=Action.MEMBER_REMOVED)
    assert entry.changes == {"role": {"old": "assessor", "new": None}}


def test_non_admins_cannot_change_roles(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    target = membership(personas.a_viewer)
    for user in (personas.a_assessor, personas.a_reviewer, personas.a_viewer):
        client = Client()
        client.force_login(user)
        assert (
            client.post(f"/a/agency-a/members/{target.pk}/role/", {"role": "admin"}).status_code
            == 403
        )
    target.refresh_from_db()
    assert target.role == "viewer"


def test_members_page_query_count_is_pinned(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    client = login(personas.a_admin)
    client.get("/a/agency-a/members/")

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/a/agency-a/members/").status_code == 200
        return len(ctx.captured_queries)

    few = count()
    for i in range(25):
        Membership.objects.create(
            user=make_user(f"m{i}@agency-a.example", mfa=False),
            agency=personas.agency_a,
            role="viewer",
        )
    assert count() == few
    assert few <= 9
