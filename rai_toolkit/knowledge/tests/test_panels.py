"""Review panels: who may review drafts, and the approvals each panel must give."""

from collections.abc import Callable
from contextlib import AbstractContextManager

import pytest
from django.core.exceptions import ValidationError
from django.test import Client, override_settings

from conftest import Personas
from rai_toolkit.audit.models import Action, AuditEntry
from rai_toolkit.knowledge import services
from rai_toolkit.knowledge.models import Edition, ReviewPanel
from rai_toolkit.knowledge.schema import ItemType
from rai_toolkit.knowledge.testing import published_toolkit

TERM = "term/false-match-rate"


@pytest.fixture
def in_review(personas: Personas) -> Edition:
    published_toolkit()
    draft = services.open_draft(by=personas.editor, title="Second edition")
    item = draft.items.get(item_id=TERM)
    parsed = services.check_item(
        draft, TERM, ItemType(item.type), item.title, "Revised.", dict(item.fields), item.body
    )
    services.save_item(
        edition=draft, item_id=TERM, parsed=parsed, version=item.version, by=personas.editor
    )
    services.submit_for_review(edition=draft, by=personas.editor)
    draft.refresh_from_db()
    return draft


def as_user(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_editor_creates_a_panel_and_seats_a_reviewer_who_can_then_approve(
    in_review: Edition, personas: Personas, login: Callable[..., Client]
) -> None:
    newcomer = personas.a_viewer
    assert as_user(newcomer).get(f"/toolkit/e/{in_review.number}/review/").status_code == 403
    editor = login(personas.editor)
    response = editor.post(
        "/toolkit/panels/",
        {"name": "Human-rights panel", "description": "Rights first.", "approvals_needed": "1"},
    )
    assert response.status_code == 405  # creating goes through its own address
    editor.post(
        "/toolkit/panels/new/",
        {"name": "Human-rights panel", "description": "Rights first.", "approvals_needed": "1"},
    )
    panel = ReviewPanel.objects.get(name="Human-rights panel")
    editor.post(f"/toolkit/panels/{panel.pk}/members/", {"email": newcomer.email.upper()})
    assert list(panel.members.all()) == [newcomer]
    reviewer = as_user(newcomer)
    page = reviewer.get(f"/toolkit/e/{in_review.number}/review/")
    assert page.status_code == 200 and b"Approve this edition" in page.content
    reviewer.post(f"/toolkit/e/{in_review.number}/approve/")
    assert in_review.approvals.filter(reviewer=newcomer).exists()
    changes = AuditEntry.objects.filter(
        action=Action.TOOLKIT_PANEL_CHANGED, target_label=panel.name
    )
    assert [e.context["change"] for e in changes.order_by("pk")] == ["created", "member_added"]


def test_a_duplicate_name_is_refused_and_the_typed_form_comes_back(
    personas: Personas, login: Callable[..., Client]
) -> None:
    before = ReviewPanel.objects.count()
    response = login(personas.editor).post(
        "/toolkit/panels/new/",
        {"name": "core GROUP of experts", "description": "Kept text.", "approvals_needed": "2"},
    )
    assert response.status_code == 400
    assert b"Another panel already has this name." in response.content
    assert b"Kept text." in response.content
    assert ReviewPanel.objects.count() == before


@pytest.mark.parametrize("needed", ["-1", "21", "two"])
def test_an_impossible_number_of_approvals_is_refused(
    needed: str, personas: Personas, login: Callable[..., Client]
) -> None:
    panel = ReviewPanel.objects.get()
    response = login(personas.editor).post(
        f"/toolkit/panels/{panel.pk}/",
        {"name": "Renamed", "description": "", "approvals_needed": needed},
    )
    assert response.status_code == 400
    assert b"Renamed" in response.content  # what was typed stays in the form
    panel.refresh_from_db()
    assert panel.name == "Core group of experts" and panel.approvals_needed == 0


def test_an_unknown_address_is_refused_and_kept_in_the_form(
    personas: Personas, login: Callable[..., Client]
) -> None:
    panel = ReviewPanel.objects.get()
    response = login(personas.editor).post(
        f"/toolkit/panels/{panel.pk}/members/", {"email": "nobody@elsewhere.example"}
    )
    assert response.status_code == 400
    assert b"No active account uses this address." in response.content
    assert b'value="nobody@elsewhere.example"' in response.content
    assert panel.members.count() == 2


def test_removing_the_last_seat_ends_review_access(
    in_review: Edition, personas: Personas, login: Callable[..., Client]
) -> None:
    panel = ReviewPanel.objects.get()
    login(personas.editor).post(
        f"/toolkit/panels/{panel.pk}/members/{personas.reviewer.pk}/remove/"
    )
    assert not panel.members.filter(pk=personas.reviewer.pk).exists()
    reviewer = as_user(personas.reviewer)
    assert reviewer.get(f"/toolkit/e/{in_review.number}/review/").status_code == 403
    assert reviewer.post(f"/toolkit/e/{in_review.number}/approve/").status_code == 403
    with pytest.raises(ValidationError, match="Only members of a review panel"):
        services.approve(edition=in_review, by=personas.reviewer)


def test_deleting_a_panel_is_audited_and_keeps_given_approvals(
    in_review: Edition, personas: Personas, login: Callable[..., Client]
) -> None:
    services.approve(edition=in_review, by=personas.reviewer)
    panel = ReviewPanel.objects.get()
    login(personas.editor).post(f"/toolkit/panels/{panel.pk}/delete/")
    assert not ReviewPanel.objects.exists()
    assert in_review.approvals.count() == 1
    entry = AuditEntry.objects.get(action=Action.TOOLKIT_PANEL_CHANGED)
    assert entry.context["members"] == sorted([personas.reviewer.email, personas.reviewer2.email])


@override_settings(RAI_TOOLKIT_APPROVALS=1)
def test_a_panel_that_requires_approval_holds_publication_until_it_gives_it(
    in_review: Edition, personas: Personas, login: Callable[..., Client]
) -> None:
    rights = ReviewPanel.objects.create(name="Human-rights panel", approvals_needed=1)
    rights.members.add(personas.reviewer2)
    ReviewPanel.objects.filter(name="Core group of experts").update(approvals_needed=0)
    services.approve(edition=in_review, by=personas.reviewer)  # enough overall, not for the panel
    editor = login(personas.editor)
    page = editor.get(f"/toolkit/e/{in_review.number}/review/")
    assert b"0 of the 1 approvals it requires" in page.content
    refused = editor.post(
        f"/toolkit/e/{in_review.number}/publish/", {"changelog": "Clearer."}, follow=True
    )
    assert b"Human-rights panel still needs 1 approval." in refused.content
    in_review.refresh_from_db()
    assert in_review.status == Edition.Status.IN_REVIEW
    services.approve(edition=in_review, by=personas.reviewer2)
    editor.post(f"/toolkit/e/{in_review.number}/publish/", {"changelog": "Clearer."})
    in_review.refresh_from_db()
    assert in_review.status == Edition.Status.PUBLISHED


def test_panel_page_lists_panels_with_a_fixed_number_of_queries(
    personas: Personas,
    login: Callable[..., Client],
    django_assert_max_num_queries: Callable[[int], AbstractContextManager[object]],
) -> None:
    client = login(personas.editor)
    client.get("/toolkit/panels/")
    for n in range(5):
        panel = ReviewPanel.objects.create(name=f"Panel {n}")
        panel.members.add(personas.a_viewer, personas.a_admin)
    with django_assert_max_num_queries(12):
        response = client.get("/toolkit/panels/")
    assert response.content.count(b"Panel ") >= 5
