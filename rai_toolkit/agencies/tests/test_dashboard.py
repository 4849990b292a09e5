from collections.abc import Callable

from django.core.cache import caches
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
    assert viewer.context["summary"]["member_count"] == 5
    assert viewer.context["summary"]["pending_invitations"] is None  # not an admin
    assert b"someone@a" in viewer.content and b"secret.invitee@a" not in viewer.content
    admin = Client()
    admin.force_login(personas.a_admin)
    page = admin.get("/a/agency-a/")
    assert page.context["summary"]["pending_invitations"] == 0
    assert b"secret.invitee@a" in page.content


def test_dashboard_query_count_is_pinned(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    client = login(personas.a_admin)

    def uncached() -> int:
        caches["fragments"].clear()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/a/agency-a/").status_code == 200
        return len(ctx.captured_queries)

    client.get("/a/agency-a/")  # first visit: second-factor check and last-used stamp
    few = uncached()
    for i in range(30):
        record(
            Action.MEMBER_ROLE_CHANGED,
            actor=personas.a_admin,
            agency=personas.agency_a,
            target_label=f"m{i}",
        )
    assert uncached() == few
    assert few <= 11  # 9, and 2 for the assessments card (latest assessment, open actions)


def test_cached_dashboard_runs_four_queries(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    client = login(personas.a_admin)
    client.get("/a/agency-a/")
    with CaptureQueriesContext(connection) as ctx:
        client.get("/a/agency-a/")
    assert len(ctx.captured_queries) == 4  # session, user, membership, data version


def test_cached_dashboard_shows_a_change_at_once(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    client = login(personas.a_admin)
    before = client.get("/a/agency-a/")
    assert b"Reviewer: 1" in before.content
    viewer = Membership.objects.get(user=personas.a_viewer)
    client.post(f"/a/agency-a/members/{viewer.pk}/role/", {"role": "reviewer"})
    after = client.get("/a/agency-a/")
    assert b"Reviewer: 2" in after.content
    assert b"Member role changed" in after.content


def test_user_without_agency_sees_how_to_join(db: None, client: Client) -> None:
    client.force_login(make_user("loner@nowhere.example"))
    response = client.get("/")
    assert response.status_code == 200
    assert b"not a member of any agency" in response.content


def test_visitor_sees_the_landing_page(db: None, client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert b"Sign in" in response.content


def test_member_of_two_agencies_can_switch_between_them(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    Membership.objects.create(user=personas.a_viewer, agency=personas.agency_b, role="assessor")
    client = login(personas.a_viewer)
    html = client.get("/a/agency-a/").content.decode()
    assert 'href="/a/agency-a/"' in html and 'href="/a/agency-b/"' in html
    assert client.get("/a/agency-b/").context["access"].membership.role == "assessor"
