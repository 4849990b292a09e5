"""Reading the toolkit: the chain of a principle, glossary in place, catalogue, roles, editions."""

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from conftest import Personas
from rai_toolkit.knowledge.models import Edition, Item, Link
from rai_toolkit.knowledge.schema import ItemType
from rai_toolkit.knowledge.services import open_draft
from rai_toolkit.knowledge.testing import published_toolkit

PRINCIPLE = "/toolkit/principle/fairness/equality-and-non-discrimination/"


@pytest.fixture
def toolkit(db: None) -> Edition:
    return published_toolkit()


def test_anyone_reads_the_toolkit_home(client: Client, toolkit: Edition) -> None:
    response = client.get("/toolkit/")
    assert response.status_code == 200
    assert (
        b"Fairness" in response.content and b"Equality and non-discrimination" in response.content
    )


def test_principle_page_shows_the_whole_chain(client: Client, toolkit: Edition) -> None:
    html = client.get(PRINCIPLE).content.decode()
    for expected in [
        "Error rates are measured separately for each demographic group",  # requirement
        "Test for demographic differentials before deployment",  # practice meeting it
        "Live facial recognition",  # use case
        "Prohibited AI practices",  # regulation
        "Gender Shades",  # reference
        "Test on representative local data",  # recommendation linking here
    ]:
        assert expected in html, expected


def test_glossary_terms_are_explained_in_place(client: Client, toolkit: Edition) -> None:
    html = client.get(PRINCIPLE).content.decode()
    assert 'class="glossary-term" href="/toolkit/term/false-match-rate/"' in html
    assert (
        'data-bs-title="How often a system wrongly says two different people are the same person."'
        in html
    )
    assert (
        html.count('href="/toolkit/term/false-match-rate/" data-bs-toggle') == 1
    )  # first mention only


def test_a_term_page_does_not_explain_itself(client: Client, toolkit: Edition) -> None:
    html = client.get("/toolkit/term/false-match-rate/").content.decode()
    assert 'class="glossary-term" href="/toolkit/term/false-match-rate/"' not in html


def test_internal_links_show_the_item_title(client: Client, toolkit: Edition) -> None:
    html = client.get(PRINCIPLE).content.decode()
    assert '<a href="/toolkit/term/demographic-differential/"' in html


def test_glossary_lists_terms_a_to_z(client: Client, toolkit: Edition) -> None:
    html = client.get("/toolkit/glossary/").content.decode()
    assert html.index("Demographic differential") < html.index("False match rate")


def test_use_case_catalogue_filters(client: Client, toolkit: Edition) -> None:
    assert (
        b"Live facial recognition"
        in client.get("/toolkit/use-cases/", {"family": "image-and-video"}).content
    )
    assert (
        b"Live facial recognition"
        not in client.get("/toolkit/use-cases/", {"family": "text-and-speech"}).content
    )
    flagged = client.get(
        "/toolkit/use-cases/", {"flag": "regulation/eu-ai-act-art-5", "view": "evidence"}
    )
    assert (
        b"Alerts are leads" in flagged.content
        and b"Criminals use face search" not in flagged.content
    )


def test_use_case_page_shows_threat_tool_and_evidence(client: Client, toolkit: Edition) -> None:
    html = client.get("/toolkit/use-case/live-facial-recognition/").content.decode()
    for expected in [
        "Criminals use face search",
        "Police compare passers-by",
        "Alerts are leads",
        "Two trained people verify",
    ]:
        assert expected in html


def test_roles_page_shows_duties_by_stage(client: Client, toolkit: Edition) -> None:
    html = client.get("/toolkit/roles/").content.decode()
    assert "Decide whether AI is needed." in html and "Deployment" in html


def test_translation_is_shown_with_an_outdated_flag(client: Client, toolkit: Edition) -> None:
    client.post("/i18n/setlang/", {"language": "ar", "next": "/"})
    html = client.get("/toolkit/principle/fairness/").content.decode()
    assert "الإنصاف" in html
    assert 'role="note"' in html  # the English changed since this translation was made
    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    term = client.get("/toolkit/term/false-match-rate/").content.decode()
    assert "Taux de fausses correspondances" in term and 'role="note"' not in term
    assert (
        "Fairness" in client.get("/toolkit/principle/fairness/").content.decode()
    )  # no fr: English


@override_settings(RAI_TOOLKIT_REQUIRE_SIGN_IN=True)
def test_a_setting_can_require_an_account(client: Client, toolkit: Edition) -> None:
    response = client.get("/toolkit/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_unknown_item_is_404(client: Client, toolkit: Edition) -> None:
    assert client.get("/toolkit/term/nothing-here/").status_code == 404
    assert client.get("/toolkit/list/unknown-kind/").status_code == 404


def test_drafts_are_hidden_from_readers(personas: Personas, client: Client) -> None:
    published_toolkit()
    draft = open_draft(by=personas.editor, title="Draft")
    assert client.get(f"/toolkit/e/{draft.number}/").status_code == 404
    assert client.get(f"/toolkit/e/{draft.number}/term/false-match-rate/").status_code == 404
    editor = Client()
    editor.force_login(personas.editor)
    assert editor.get(f"/toolkit/e/{draft.number}/").status_code == 200
    assert b"not published" in editor.get(f"/toolkit/e/{draft.number}/").content


def test_earlier_editions_stay_readable(personas: Personas, client: Client) -> None:
    first = published_toolkit()
    first.status = Edition.Status.SUPERSEDED
    first.save()
    second = Edition.objects.create(
        number=2, title="Second", status=Edition.Status.PUBLISHED, based_on=first
    )
    response = client.get(f"/toolkit/e/{first.number}/term/false-match-rate/")
    assert response.status_code == 200 and b"not the current edition" in response.content
    assert second.number in [e.number for e in client.get("/toolkit/editions/").context["editions"]]


def _link_many(edition: Edition, principle: Item, n: int) -> None:
    for i in range(n):
        req = Item.objects.create(
            edition=edition,
            item_id=f"requirement/equality-and-non-discrimination/extra-{i}",
            type=ItemType.REQUIREMENT,
            title=f"Extra requirement {i}",
            summary="s",
            content_hash="x",
            fields={"principle": principle.item_id, "stages": ["deploy"], "evidence": "e"},
        )
        practice = Item.objects.create(
            edition=edition,
            item_id=f"practice/extra-{i}",
            type=ItemType.PRACTICE,
            title=f"Extra practice {i}",
            summary="s",
            content_hash="x",
            fields={"stages": []},
        )
        Link.objects.create(edition=edition, source=req, target=principle, key="principle")
        Link.objects.create(edition=edition, source=practice, target=req, key="meets")


def test_principle_page_query_count_does_not_grow_with_links(
    client: Client, toolkit: Edition
) -> None:
    principle = toolkit.items.get(item_id="principle/fairness/equality-and-non-discrimination")

    def count() -> int:
        client.get(PRINCIPLE)  # warm the per-version caches
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(PRINCIPLE).status_code == 200
        return len(ctx.captured_queries)

    _link_many(toolkit, principle, 10)
    with_ten = count()
    Item.objects.filter(item_id__contains="/extra-").delete()
    _link_many(toolkit, principle, 500)
    assert count() == with_ten
    assert b"Extra practice 499" in client.get(PRINCIPLE).content
