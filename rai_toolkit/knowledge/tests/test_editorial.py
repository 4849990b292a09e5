"""Editions under multistakeholder review: draft, edit, comment, approve, publish."""

from collections.abc import Callable

import pytest
from django.test import Client, override_settings

from conftest import Personas
from rai_toolkit.audit.models import Action, AuditEntry
from rai_toolkit.knowledge.files import dump_front_matter
from rai_toolkit.knowledge.models import Approval, Edition, ReviewComment
from rai_toolkit.knowledge.services import open_draft
from rai_toolkit.knowledge.testing import current_edition, published_toolkit

TERM = "term/false-match-rate"


@pytest.fixture
def draft(personas: Personas) -> Edition:
    published_toolkit()
    return open_draft(by=personas.editor, title="Second edition")


def form_for(edition: Edition, item_id: str = TERM, **changes: object) -> dict[str, object]:
    item = edition.items.get(item_id=item_id)
    data: dict[str, object] = {
        "title": item.title,
        "summary": item.summary,
        "body": item.body,
        "version": item.version,
        "fields_yaml": dump_front_matter(dict(item.fields)),
    }
    data.update(changes)
    return data


def edit_url(edition: Edition, item_id: str = TERM) -> str:
    return f"/toolkit/e/{edition.number}/edit/{item_id}/"


def test_editor_changes_an_item_in_a_draft_and_it_is_audited(
    draft: Edition, login: Callable[..., Client], personas: Personas
) -> None:
    client = login(personas.editor)
    response = client.post(
        edit_url(draft), form_for(draft, summary="A clearer definition of a false match.")
    )
    assert response.status_code == 302
    item = draft.items.get(item_id=TERM)
    assert item.summary == "A clearer definition of a false match." and item.version == 2
    assert list(draft.authors.all()) == [personas.editor]
    assert AuditEntry.objects.filter(action=Action.TOOLKIT_ITEM_CHANGED, target_label=TERM).exists()
    # The published edition is untouched.
    assert current_edition().items.get(item_id=TERM).summary.startswith("How often")


def test_second_editor_with_a_stale_copy_gets_a_conflict_not_an_overwrite(
    draft: Edition, login: Callable[..., Client], personas: Personas
) -> None:
    stale = form_for(draft)
    first = login(personas.editor)
    first.post(edit_url(draft), {**stale, "summary": "Theirs."})
    second = Client()
    second.force_login(personas.editor)
    response = second.post(edit_url(draft), {**stale, "summary": "Mine."})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Theirs." in html and "Mine." in html
    assert draft.items.get(item_id=TERM).summary == "Theirs."
    again = second.post(edit_url(draft), {**stale, "summary": "Mine.", "version": 2})  # on purpose
    assert again.status_code == 302
    assert draft.items.get(item_id=TERM).summary == "Mine."


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"fields_yaml": "related: [term/missing]\naliases: []\nreferences: []"},
            "link to unknown item term/missing",
        ),
        ({"fields_yaml": "related: [unclosed"}, "This is not valid YAML"),
        ({"fields_yaml": "colour: blue\naliases: []\nrelated: []\nreferences: []"}, "unknown key"),
        ({"body": "See [[term/missing]]."}, "link to unknown item term/missing"),
    ],
)
def test_invalid_edits_change_nothing(
    draft: Edition,
    login: Callable[..., Client],
    personas: Personas,
    changes: dict[str, str],
    message: str,
) -> None:
    before = draft.items.get(item_id=TERM)
    response = login(personas.editor).post(edit_url(draft), form_for(draft, **changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert draft.items.get(item_id=TERM).content_hash == before.content_hash


def test_markdown_is_sanitised(
    draft: Edition, login: Callable[..., Client], personas: Personas
) -> None:
    client = login(personas.editor)
    body = (
        "<script>alert(1)</script>\n\n[click](javascript:alert(1)) "
        "<img src=x onerror=alert(1)> **bold**"
    )
    client.post(edit_url(draft), form_for(draft, body=body))
    html = client.get(f"/toolkit/e/{draft.number}/{TERM}/").content.decode()
    assert "<script>alert" not in html and "onerror" not in html and "javascript:" not in html
    assert "<strong>bold</strong>" in html
    preview = client.post(
        "/toolkit/preview/", {"edition": draft.number, "body": body}
    ).content.decode()
    assert "<script>" not in preview and "<strong>bold</strong>" in preview


def test_published_editions_cannot_be_edited(
    draft: Edition, login: Callable[..., Client], personas: Personas
) -> None:
    current = current_edition()
    response = login(personas.editor).post(edit_url(current), form_for(current, summary="Sneaky."))
    assert response.status_code == 400
    assert b"cannot be changed" in response.content
    assert current.items.get(item_id=TERM).summary.startswith("How often")


def test_only_one_draft_at_a_time(
    draft: Edition, login: Callable[..., Client], personas: Personas
) -> None:
    response = login(personas.editor).post(
        "/toolkit/editions/new/", {"title": "Another"}, follow=True
    )
    assert b"is still being prepared" in response.content
    assert Edition.objects.count() == 2


def test_new_item_in_a_draft(
    draft: Edition, login: Callable[..., Client], personas: Personas
) -> None:
    client = login(personas.editor)
    data = {
        "item_id": "term/data-drift",
        "title": "Data drift",
        "summary": "Inputs change over time.",
        "body": "More.\n\n## Policing example\n\nCameras replaced.",
        "fields_yaml": "aliases: []\nrelated: []\nreferences: []",
    }
    assert client.post(f"/toolkit/e/{draft.number}/new-item/", data).status_code == 302
    assert draft.items.get(item_id="term/data-drift").title == "Data drift"
    duplicate = client.post(f"/toolkit/e/{draft.number}/new-item/", data)
    assert duplicate.status_code == 400 and b"already exists" in duplicate.content
    bad = client.post(f"/toolkit/e/{draft.number}/new-item/", {**data, "item_id": "weird/thing"})
    assert bad.status_code == 400 and b"not an id of a toolkit item" in bad.content


def test_translation_saved_in_the_browser_is_current(
    draft: Edition, login: Callable[..., Client], personas: Personas
) -> None:
    client = login(personas.editor)
    url = f"/toolkit/e/{draft.number}/edit/principle/fairness/?language=ar"
    assert (
        client.post(url, {"title": "الإنصاف", "summary": "ملخص جديد", "body": "نص"}).status_code
        == 302
    )
    translation = draft.items.get(item_id="principle/fairness").translations.get(language="ar")
    assert not translation.is_outdated(translation.item.content_hash)


def _review_and_publish(draft: Edition, personas: Personas, login: Callable[..., Client]) -> Client:
    editor = login(personas.editor)
    editor.post(edit_url(draft), form_for(draft, summary="Revised."))
    editor.post(f"/toolkit/e/{draft.number}/submit/")
    return editor


def test_publication_needs_two_approvals_from_people_who_did_not_change_it(
    draft: Edition, login: Callable[..., Client], personas: Personas
) -> None:
    editor = _review_and_publish(draft, personas, login)
    draft.refresh_from_db()
    assert draft.status == Edition.Status.IN_REVIEW
    refused = editor.post(
        f"/toolkit/e/{draft.number}/publish/", {"changelog": "Clearer terms."}, follow=True
    )
    assert b"needs 2 approvals" in refused.content
    for reviewer in (personas.reviewer, personas.reviewer2):
        client = Client()
        client.force_login(reviewer)
        client.post(f"/toolkit/e/{draft.number}/approve/")
    assert Approval.objects.filter(edition=draft).count() == 2
    published = editor.post(
        f"/toolkit/e/{draft.number}/publish/", {"changelog": "Clearer terms."}, follow=True
    )
    assert b"Done." in published.content
    draft.refresh_from_db()
    assert draft.status == Edition.Status.PUBLISHED and draft.changelog == "Clearer terms."
    assert current_edition() == draft
    assert Edition.objects.filter(number=1, status=Edition.Status.SUPERSEDED).exists()
    assert Client().get(f"/toolkit/{TERM}/").content.decode().count("Revised.") == 1
    assert (
        b"How often" in Client().get(f"/toolkit/e/1/{TERM}/").content
    )  # the old one, still readable


@override_settings(RAI_TOOLKIT_APPROVALS=1)
def test_an_author_cannot_approve_and_open_comments_block_publication(
    draft: Edition, login: Callable[..., Client], personas: Personas
) -> None:
    personas.reviewer.platform_roles = ["toolkit_editor"]
    personas.reviewer.save()
    author = Client()
    author.force_login(personas.reviewer)
    author.post(edit_url(draft), form_for(draft, summary="Changed by the reviewer."))
    author.post(f"/toolkit/e/{draft.number}/submit/")
    own = author.post(f"/toolkit/e/{draft.number}/approve/", follow=True)
    assert b"you cannot approve it" in own.content
    reviewer2 = login(personas.reviewer2)
    reviewer2.post(f"/toolkit/e/{draft.number}/comment/{TERM}/", {"body": "Cite a source?"})
    reviewer2.post(f"/toolkit/e/{draft.number}/approve/")
    blocked = author.post(f"/toolkit/e/{draft.number}/publish/", {"changelog": "x"}, follow=True)
    assert b"Resolve every review comment" in blocked.content
    comment = ReviewComment.objects.get()
    author.post(f"/toolkit/comments/{comment.pk}/resolve/")
    done = author.post(f"/toolkit/e/{draft.number}/publish/", {"changelog": "x"}, follow=True)
    assert b"Done." in done.content


def test_reopening_clears_approvals(
    draft: Edition, login: Callable[..., Client], personas: Personas
) -> None:
    editor = _review_and_publish(draft, personas, login)
    login_reviewer = Client()
    login_reviewer.force_login(personas.reviewer)
    login_reviewer.post(f"/toolkit/e/{draft.number}/approve/")
    editor.post(f"/toolkit/e/{draft.number}/reopen/")
    draft.refresh_from_db()
    assert draft.status == Edition.Status.DRAFT and not draft.approvals.exists()


def test_review_page_and_item_diff(
    draft: Edition, login: Callable[..., Client], personas: Personas
) -> None:
    editor = _review_and_publish(draft, personas, login)
    review = editor.get(f"/toolkit/e/{draft.number}/review/").content.decode()
    assert TERM in review and "1 changed" in review.replace("0 added, ", "")
    diff = editor.get(f"/toolkit/e/{draft.number}/diff/{TERM}/").content.decode()
    assert 'class="diff-added">+ summary: Revised.' in diff
    assert 'class="diff-removed">' in diff


def test_replies_stay_with_their_item(
    draft: Edition, login: Callable[..., Client], personas: Personas
) -> None:
    reviewer = login(personas.reviewer)
    reviewer.post(f"/toolkit/e/{draft.number}/comment/{TERM}/", {"body": "First"})
    first = ReviewComment.objects.get()
    reviewer.post(
        f"/toolkit/e/{draft.number}/comment/concept/data/",
        {"body": "Reply elsewhere", "reply_to": first.pk},
    )
    assert ReviewComment.objects.get(body="Reply elsewhere").reply_to is None
