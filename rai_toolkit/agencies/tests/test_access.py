"""The access helper: outsiders get 404, a missing role 403, and both are audited."""

from collections.abc import Callable

import pytest
from django.test import Client

from conftest import Personas
from rai_toolkit.accounts.models import User
from rai_toolkit.agencies.models import Membership, Perm
from rai_toolkit.audit.models import Action, AuditEntry


def test_outsider_gets_404_and_leaves_a_trace(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    response = login(personas.b_member).get("/a/agency-a/")
    assert response.status_code == 404
    entry = AuditEntry.objects.get(action=Action.ACCESS_OUT_OF_SCOPE)
    assert entry.actor_id == personas.b_member.pk and entry.agency_id == personas.agency_a.pk


def test_unknown_agency_is_the_same_404(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    assert login(personas.b_member).get("/a/no-such-agency/").status_code == 404


def test_missing_role_gets_403_and_leaves_a_trace(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    response = login(personas.a_viewer).get("/a/agency-a/settings/")
    assert response.status_code == 403
    assert b"You do not have permission" in response.content
    entry = AuditEntry.objects.get(action=Action.ACCESS_DENIED)
    assert entry.context["needs"] == Perm.MANAGE and entry.context["role"] == "viewer"


def test_object_of_another_agency_is_404_even_for_an_admin(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    other = Membership.objects.get(user=personas.b_member)
    response = login(personas.a_admin).post(
        f"/a/agency-a/members/{other.pk}/role/", {"role": "viewer"}
    )
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.role == Membership.Role.ADMIN
    assert AuditEntry.objects.filter(
        action=Action.ACCESS_OUT_OF_SCOPE, agency=personas.agency_a
    ).exists()


@pytest.mark.parametrize(
    ("role", "perms"),
    [
        (Membership.Role.ADMIN, {Perm.VIEW, Perm.EDIT, Perm.REVIEW, Perm.DECIDE, Perm.MANAGE}),
        (Membership.Role.ASSESSOR, {Perm.VIEW, Perm.EDIT}),
        (Membership.Role.REVIEWER, {Perm.VIEW, Perm.REVIEW}),
        (Membership.Role.VIEWER, {Perm.VIEW}),
        (Membership.Role.LEADERSHIP, {Perm.VIEW, Perm.DECIDE}),
    ],
)
def test_roles_grant_documented_permissions(role: Membership.Role, perms: set[Perm]) -> None:
    membership = Membership(role=role)
    assert {p for p in Perm if membership.grants(p)} == perms
