"""Walks every URL pattern of the project. Each must be classified here as public, sign-in
required or role required, and must behave accordingly for the anonymous visitor, the outsider
from agency B and each role of agency A. A new URL that is not listed fails this test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from conftest import AGENCY_A_ROLES, PLATFORM_PERSONAS, Personas
from rai_toolkit.agencies import services
from rai_toolkit.agencies.models import Invitation, Membership, Perm
from rai_toolkit.assessments.models import Evidence, RoadmapAction
from rai_toolkit.assessments.testing import answer, started
from rai_toolkit.core.access import Access, access_of
from rai_toolkit.knowledge.models import ReviewComment, ReviewPanel
from rai_toolkit.knowledge.services import open_draft
from rai_toolkit.knowledge.testing import published_toolkit
from rai_toolkit.questionnaires.services import store_version
from rai_toolkit.questionnaires.tests.helpers import canada_data
from rai_toolkit.register.models import Attachment
from rai_toolkit.reports.models import Report
from rai_toolkit.risk.models import Mitigation
from rai_toolkit.risk.services import start
from rai_toolkit.risk.testing import signed_off
from rai_toolkit.screening.testing import screened_system
from rai_toolkit.transparency.services import draft as record_draft
from rai_toolkit.transparency.services import publish as record_publish

PUBLIC, SIGNED_IN, ROLE = Access.PUBLIC, Access.SIGNED_IN, Access.ROLE

CLASSIFIED: dict[str, Access] = {
    "home": PUBLIC,
    "healthz": PUBLIC,
    "set_language": PUBLIC,
    "accounts:profile": SIGNED_IN,
    "accounts:resume": SIGNED_IN,
    "account_login": PUBLIC,
    "account_logout": PUBLIC,
    "account_inactive": PUBLIC,
    "account_signup": PUBLIC,
    "account_reauthenticate": SIGNED_IN,
    "account_request_reauthentication_code": SIGNED_IN,
    "account_confirm_reauthentication_code": SIGNED_IN,
    "account_email": SIGNED_IN,
    "account_email_verification_sent": PUBLIC,
    "account_change_password": SIGNED_IN,
    "account_set_password": SIGNED_IN,
    "account_reset_password": PUBLIC,
    "account_confirm_login_code": PUBLIC,
    "account_confirm_email": PUBLIC,
    "account_reset_password_from_key_done": PUBLIC,
    "account_reset_password_from_key": PUBLIC,
    "account_reset_password_done": PUBLIC,
    "mfa_index": SIGNED_IN,
    "mfa_authenticate": PUBLIC,
    "mfa_reauthenticate": SIGNED_IN,
    "mfa_activate_totp": SIGNED_IN,
    "mfa_deactivate_totp": SIGNED_IN,
    "mfa_view_recovery_codes": SIGNED_IN,
    "mfa_generate_recovery_codes": SIGNED_IN,
    "mfa_download_recovery_codes": SIGNED_IN,
    "mfa_list_webauthn": SIGNED_IN,
    "mfa_add_webauthn": SIGNED_IN,
    "mfa_reauthenticate_webauthn": SIGNED_IN,
    "mfa_remove_webauthn": SIGNED_IN,
    "mfa_edit_webauthn": SIGNED_IN,
    "usersessions_list": SIGNED_IN,
    "agencies:dashboard": ROLE,
    "agencies:members": ROLE,
    "agencies:invite": ROLE,
    "agencies:change_role": ROLE,
    "agencies:remove_member": ROLE,
    "agencies:revoke_invitation": ROLE,
    "agencies:settings": ROLE,
    "agencies:invitation": PUBLIC,
    "agencies:platform": ROLE,
    "audit:agency": ROLE,
    "audit:agency_csv": ROLE,
    "audit:platform": ROLE,
    "audit:platform_csv": ROLE,
    "knowledge:home": PUBLIC,
    "knowledge:glossary": PUBLIC,
    "knowledge:use_cases": PUBLIC,
    "knowledge:roles": PUBLIC,
    "knowledge:list": PUBLIC,
    "knowledge:item": PUBLIC,
    "knowledge:search": PUBLIC,
    "knowledge:editions": PUBLIC,
    "knowledge:diff": PUBLIC,
    "knowledge:edition_home": PUBLIC,
    "knowledge:edition_glossary": PUBLIC,
    "knowledge:edition_use_cases": PUBLIC,
    "knowledge:edition_roles": PUBLIC,
    "knowledge:edition_list": PUBLIC,
    "knowledge:edition_item": PUBLIC,
    "knowledge:new_draft": ROLE,
    "knowledge:preview": ROLE,
    "knowledge:edit": ROLE,
    "knowledge:new_item": ROLE,
    "knowledge:review": ROLE,
    "knowledge:submit": ROLE,
    "knowledge:reopen": ROLE,
    "knowledge:approve": ROLE,
    "knowledge:publish": ROLE,
    "knowledge:comment": ROLE,
    "knowledge:resolve_comment": ROLE,
    "knowledge:panels": ROLE,
    "knowledge:new_panel": ROLE,
    "knowledge:edit_panel": ROLE,
    "knowledge:add_panel_member": ROLE,
    "knowledge:remove_panel_member": ROLE,
    "knowledge:delete_panel": ROLE,
    "assessments:list": ROLE,
    "assessments:start": ROLE,
    "assessments:detail": ROLE,
    "assessments:section": ROLE,
    "assessments:assign": ROLE,
    "assessments:answer": ROLE,
    "assessments:comment": ROLE,
    "assessments:add_evidence": ROLE,
    "assessments:evidence": ROLE,
    "assessments:remove_evidence": ROLE,
    "assessments:submit": ROLE,
    "assessments:return": ROLE,
    "assessments:finalise": ROLE,
    "assessments:results": ROLE,
    "assessments:results_json": ROLE,
    "assessments:results_csv": ROLE,
    "assessments:adopt": ROLE,
    "assessments:roadmap": ROLE,
    "assessments:update_action": ROLE,
    "assessments:distribution": ROLE,
    "assessments:methodology": PUBLIC,
    "questionnaires:list": ROLE,
    "questionnaires:upload": ROLE,
    "questionnaires:export": ROLE,
    "register:list": ROLE,
    "bundles:index": ROLE,
    "bundles:export": ROLE,
    "bundles:import": ROLE,
    "register:create": ROLE,
    "register:export_json": ROLE,
    "register:detail": ROLE,
    "register:edit": ROLE,
    "register:trigger": ROLE,
    "register:add_attachment": ROLE,
    "register:attachment": ROLE,
    "register:remove_attachment": ROLE,
    "screening:screen": ROLE,
    "screening:preview": ROLE,
    "screening:detail": ROLE,
    "risk:start": ROLE,
    "risk:register": ROLE,
    "risk:detail": ROLE,
    "risk:add_risk": ROLE,
    "risk:risk": ROLE,
    "risk:rate": ROLE,
    "risk:add_mitigation": ROLE,
    "risk:update_mitigation": ROLE,
    "risk:comment": ROLE,
    "risk:fria": ROLE,
    "risk:save_fria": ROLE,
    "risk:fria_json": ROLE,
    "risk:export_json": ROLE,
    "risk:submit": ROLE,
    "risk:return": ROLE,
    "risk:review": ROLE,
    "risk:decide": ROLE,
    "risk:register_csv": ROLE,
    "transparency:system": ROLE,
    "transparency:draft": ROLE,
    "transparency:publish": ROLE,
    "transparency:unpublish": ROLE,
    "transparency:public": PUBLIC,
    "transparency:record_json": PUBLIC,
    "transparency:record_atrs": PUBLIC,
    "transparency:record_nl": PUBLIC,
    "reports:list": ROLE,
    "reports:request": ROLE,
    "reports:detail": ROLE,
    "reports:download": ROLE,
    "reports:printable": ROLE,
    "reports:sensitivities": ROLE,
}


@dataclass(frozen=True)
class Route:
    name: str
    callback: Callable[..., Any]
    kwargs: tuple[str, ...]


def _walk(
    patterns: list[Any], namespace: str | None = None, outer: tuple[str, ...] = ()
) -> Iterator[Route]:
    for pattern in patterns:
        kwargs = outer + tuple(pattern.pattern.regex.groupindex)
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, inner, kwargs)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            assert name, f"URL pattern {pattern.pattern} has no name"
            yield Route(name, pattern.callback, kwargs)


ROUTES = {route.name: route for route in _walk(get_resolver().url_patterns)}


def test_every_url_pattern_is_classified() -> None:
    unclassified = sorted(set(ROUTES) - set(CLASSIFIED))
    assert not unclassified, f"classify these URLs in tests/test_url_access.py: {unclassified}"
    assert not set(CLASSIFIED) - set(ROUTES), "remove URLs that no longer exist"


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_view_protection_matches_its_classification(name: str) -> None:
    assert access_of(ROUTES[name].callback) == CLASSIFIED.get(name), name


@dataclass(frozen=True)
class Targets:
    """URLs pointing at agency A's objects, and the same objects addressed through agency B."""

    own: str
    forged: str | None


def targets(name: str, personas: Personas) -> Targets:
    route = ROUTES[name]
    token = "invalid-token"
    invitation = Invitation.objects.create(
        agency=personas.agency_a,
        email="pending@agency-a.example",
        role="viewer",
        token_hash="x" * 64,
        expires_at=Invitation.default_expiry(),
    )
    if "token" in route.kwargs:
        sent = services.invite(
            agency=personas.agency_a,
            email="invitee@agency-a.example",
            role="viewer",
            by=personas.a_admin,
            request=None,
        )
        token = sent.accept_url.rstrip("/").rsplit("/", 1)[-1]
    pk = (
        invitation.pk if "invitation" in name else Membership.objects.get(user=personas.a_viewer).pk
    )
    values: dict[str, object] = {
        "agency": personas.agency_a.slug,
        "pk": pk,
        "token": token,
        "key": "abc",
        "uidb36": "1",
    }
    if name.startswith("knowledge:"):
        values.update(toolkit_kwargs(personas))
    if name.startswith(("assessments:", "questionnaires:")):
        values.update(assessment_kwargs(name, personas))
    if name.startswith(("register:", "screening:", "risk:")):
        values.update(system_kwargs(name, personas))
    if name.startswith("reports:"):
        values.update(report_kwargs(name, personas))
    if name.startswith("transparency:"):
        values.update(record_kwargs(name, personas))
    kwargs = {k: values[k] for k in route.kwargs}
    own = reverse(name, kwargs=kwargs)
    forged = None
    if "agency" in kwargs and "pk" in kwargs:
        forged = reverse(name, kwargs={**kwargs, "agency": personas.agency_b.slug})
    return Targets(own, forged)


def assessment_kwargs(name: str, personas: Personas) -> dict[str, object]:
    """An assessment of agency A with an answer, a file and a roadmap action, and a
    questionnaire only agency A uploaded (the platform's own are open to every agency)."""
    assessment = started(personas.agency_a, personas.a_assessor)
    answer(assessment, "policy", 2, personas.a_assessor)
    evidence = Evidence(
        assessment=assessment,
        question="policy",
        name="x.pdf",
        content_type="application/pdf",
        size=9,
        sha256="0" * 64,
    )
    evidence.file.save("x", ContentFile(b"%PDF-1.4\n"))
    action = RoadmapAction.objects.create(
        agency=personas.agency_a, recommendation="recommendation/a", title="Do it"
    )
    upload = store_version(data=canada_data(), agency=personas.agency_a, by=None)[0]
    pk = {"assessments:update_action": action.pk, "questionnaires:export": upload.pk}
    return {
        "pk": pk.get(name, assessment.pk),
        "section": "governance",
        "question": "policy",
        "evidence": evidence.pk,
    }


def system_kwargs(name: str, personas: Personas) -> dict[str, object]:
    """A system of agency A, screened, with a risk assessment, a mitigation and a file."""
    found = screened_system(personas.agency_a, personas.a_assessor)
    assessment = start(system=found.system, by=personas.a_assessor)
    risk = assessment.risks.first()
    assert risk is not None
    mitigation = Mitigation.objects.create(
        agency=personas.agency_a, risk=risk, description="Check", due=date.today()
    )
    attachment = Attachment(
        agency=personas.agency_a,
        system=found.system,
        name="x.pdf",
        content_type="application/pdf",
        size=9,
        sha256="0" * 64,
    )
    attachment.file.save("x", ContentFile(b"%PDF-1.4\n"))
    on_system = name.startswith(("register:", "screening:")) or name == "risk:start"
    return {
        "pk": found.system.pk if on_system else assessment.pk,
        "file": attachment.pk,
        "screening": found.screening.pk,
        "risk": risk.pk,
        "mitigation": mitigation.pk,
    }


def report_kwargs(name: str, personas: Personas) -> dict[str, object]:
    """A finished report of a decided risk assessment of agency A."""
    found = screened_system(personas.agency_a, personas.a_assessor)
    assessment = start(system=found.system, by=personas.a_assessor)
    signed_off(
        assessment,
        author=personas.a_assessor,
        reviewer=personas.a_reviewer,
        leader=personas.a_leader,
        decision="stop",
        conditions="",
    )
    report = Report(
        agency=personas.agency_a,
        kind="risk",
        object_id=assessment.pk,
        language="en",
        source_hash="0" * 64,
        title="Report",
        classification="internal",
        status="done",
    )
    report.pdf.save("r.pdf", ContentFile(b"%PDF-1.7\n"))
    pk = assessment.pk if name == "reports:printable" else report.pk
    return {"pk": pk, "kind": "risk", "language": "en"}


def record_kwargs(name: str, personas: Personas) -> dict[str, object]:
    """A system of agency A with a published public record and a draft."""
    found = screened_system(personas.agency_a, personas.a_assessor)
    published = record_draft(system=found.system, by=personas.a_assessor)
    record_publish(record=published, by=personas.a_admin)
    draft = record_draft(system=found.system, by=personas.a_assessor)
    pk = {
        "transparency:system": found.system.pk,
        "transparency:draft": found.system.pk,
        "transparency:publish": draft.pk,
    }
    return {"pk": pk.get(name, published.pk)}


def toolkit_kwargs(personas: Personas) -> dict[str, object]:
    """A published edition and an open draft with a review comment on one of its items."""
    published_toolkit()
    draft = open_draft(by=personas.editor, title="Draft")
    item = draft.items.get(item_id="term/false-match-rate")
    comment = ReviewComment.objects.create(item=item, author=personas.reviewer, body="Clearer?")
    panel = ReviewPanel.objects.get()
    return {
        "number": draft.number,
        "item_id": item.item_id,
        "kind": "principles",
        "pk": comment.pk,
        "panel": panel.pk,
        "member": personas.reviewer.pk,
    }


def requirement(name: str) -> str:
    return str(getattr(ROUTES[name].callback, "access_requirement", ""))


@pytest.mark.parametrize("name", sorted(n for n, a in CLASSIFIED.items() if a != PUBLIC))
def test_anonymous_visitor_is_sent_to_sign_in(
    name: str, personas: Personas, client: Client
) -> None:
    url = targets(name, personas).own
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code == 302, (method, url, response.status_code)
        assert response["Location"].startswith("/accounts/login/?next="), response["Location"]


@pytest.mark.parametrize(
    "name", sorted(n for n in CLASSIFIED if requirement(n).startswith("agency:"))
)
def test_outsider_gets_404_on_agency_a(
    name: str, personas: Personas, login: Callable[..., Client]
) -> None:
    client = login(personas.b_member)
    found = targets(name, personas)
    assert client.get(found.own).status_code == 404
    assert client.post(found.own).status_code == 404
    if found.forged:  # agency A's object addressed through the outsider's own agency
        assert client.post(found.forged).status_code == 404
        assert client.get(found.forged).status_code in (404, 405)  # 405: the view only takes POST


@pytest.mark.parametrize(
    "name", sorted(n for n in CLASSIFIED if requirement(n).startswith("agency:"))
)
@pytest.mark.parametrize("persona", sorted(AGENCY_A_ROLES))
def test_each_role_gets_exactly_its_permissions(
    name: str, persona: str, personas: Personas, login: Callable[..., Client]
) -> None:
    perms = {Perm(p) for p in requirement(name).split(":", 1)[1].split(",")}
    allowed = bool(perms & Membership.ROLE_PERMS[AGENCY_A_ROLES[persona]])
    client = login(getattr(personas, persona))
    url = targets(name, personas).own
    get, post = client.get(url).status_code, client.post(url).status_code
    if allowed:
        # GET on a form-only view is 405; the POST (with no data) then reaches the view itself.
        for status in (get, post):
            assert status not in (403, 404) and status < 500, (url, get, post)
    else:
        assert (get, post) == (403, 403), (url, get, post)


@pytest.mark.parametrize(
    "name", sorted(n for n in CLASSIFIED if requirement(n).startswith("platform:"))
)
@pytest.mark.parametrize("persona", [*sorted(AGENCY_A_ROLES), "b_member", *PLATFORM_PERSONAS])
def test_platform_pages_need_the_platform_role(
    name: str, persona: str, personas: Personas, login: Callable[..., Client]
) -> None:
    needed = set(requirement(name).split(":", 1)[1].split(","))
    has = set(PLATFORM_PERSONAS.get(persona, ()))
    client = login(getattr(personas, persona))
    url = targets(name, personas).own
    get, post = client.get(url).status_code, client.post(url).status_code
    if has & needed:
        for status in (get, post):
            assert status != 403 and status < 500, (url, get, post)
    else:
        assert (get, post) == (403, 403), (url, get, post)


@pytest.mark.parametrize("name", sorted(n for n, a in CLASSIFIED.items() if a == SIGNED_IN))
@pytest.mark.parametrize("persona", ["a_viewer", "b_member"])
def test_signed_in_pages_work_for_any_member(
    name: str, persona: str, personas: Personas, login: Callable[..., Client]
) -> None:
    status = login(getattr(personas, persona)).get(targets(name, personas).own).status_code
    assert status < 500
