from collections.abc import Callable

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from conftest import Personas, make_user
from rai_toolkit.accounts.models import User
from rai_toolkit.agencies.models import Membership
from rai_toolkit.audit.models import Action
from rai_toolkit.audit.services import record


def test_member_lands_on_their_most_recent_agency(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    Membership.objects.create(user=personas.a_viewer, agency=personas.agency_b, role="viewer")
    client = login(personas.a_viewer)
    client.get("/a/agency-b/")
    assert client.get("/")["Location"] == "/a/agency-b/"


def test_dashboard_shows_counts_and_team_activity(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    record(
        Action.MEMBER_ROLE_CHANGED,
        actor=personas.a_admin,
        agency=personas.agency_a,
        target_label="someone@a",
    )
    record(
        Action.INVITATION_SENT,
        actor=personas.a_admin,
        agency=personas.agency_a,
        target_label="secret.invitee@a",
    )
    viewer = login(personas.a_viewer).get("/a/agency-a/")
    assert viewer.status_code == 200
    assert viewer.context["member_count"] == 4
    assert viewer.context["pending_invitations"] is None  # not an admin
    assert b"someone@a" in viewer.content and b"secret.invitee@a" not in viewer.content
    admin = Client()
    admin.force_login(personas.a_admin)
    page = admin.get("/a/agency-a/")
    assert page.context["pending_invitations"] == 0
    assert b"secret.invitee@a" in page.content


def test_dashboard_query_count_is_pinned(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    client = login(personas.a_admin)
    client.get("/a/agency-a/")

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/a/agency-a/").status_code == 200
        return len(ctx.captured_queries)

    few = count()
    for i in range(30):
        record(
            Action.MEMBER_ROLE_CHANGED,
            actor=personas.a_admin,
            agency=personas.agency_a,
            target_label=f"m{i}",
        )
    assert count() == few
    assert few <= 9


def test_user_without_agency_sees_how_to_join(db: None, client: Client) -> None:
    client.force_login(make_user("loner@nowhere.example"))
    response = client.get("/")
    assert response.status_code == 200
    assert b"not a member of any agency" in response.content


def test_visitor_sees_the_landing_page(db: None, client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert b"Sign in" in response.content
