"""Answering: saved one by one, checked, never silently overwritten."""

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import timedelta

from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from conftest import Personas
from rai_toolkit.assessments.models import Answer, Assessment
from rai_toolkit.assessments.testing import answer, client_for, started, url
from rai_toolkit.audit.models import Action, AuditEntry

HTMX = {"HX-Request": "true"}


def test_an_assessor_starts_an_assessment_and_sees_the_task_list(personas: Personas) -> None:
    from rai_toolkit.assessments.testing import mini_version

    version = mini_version()
    client = client_for(personas.a_assessor)
    response = client.post(
        "/a/agency-a/assessments/new/", {"version": version.pk, "title": "Readiness 2026"}
    )
    assessment = Assessment.objects.get()
    assert response["Location"] == url(assessment)
    page = client.get(url(assessment)).content.decode()
    assert "Governance" in page and "Data" in page and "0 of 7 questions answered" in page
    assert AuditEntry.objects.filter(action=Action.ASSESSMENT_STARTED).exists()


def test_an_answer_is_saved_at_once_and_shown_as_saved(personas: Personas) -> None:
    assessment = started(personas.agency_a, personas.a_assessor)
    client = client_for(personas.a_assessor)
    response = client.post(
        url(assessment, "q/policy/answer/"), {"value": "3", "revision": "0"}, headers=HTMX
    )
    assert response.status_code == 200 and b"Saved" in response.content
    saved = Answer.objects.get(question="policy")
    assert saved.value == 3 and saved.revision == 1 and saved.updated_by == personas.a_assessor
    entry = AuditEntry.objects.get(action=Action.ASSESSMENT_ANSWERED)
    assert entry.changes == {"policy": {"old": None, "new": 3}}


def test_without_javascript_the_answer_is_saved_and_the_section_shown_again(
    personas: Personas,
) -> None:
    assessment = started(personas.agency_a, personas.a_assessor)
    response = client_for(personas.a_assessor).post(
        url(assessment, "q/systems/answer/"), {"value": "12", "revision": "0"}
    )
    assert response.status_code == 302 and response["Location"].endswith("s/data/#q-systems")
    assert Answer.objects.get(question="systems").value == 12


def test_a_value_that_is_not_a_choice_is_refused_and_nothing_changes(personas: Personas) -> None:
    assessment = started(personas.agency_a, personas.a_assessor)
    answer(assessment, "policy", 2, personas.a_assessor)
    client = client_for(personas.a_assessor)
    for question, value in (("policy", "9"), ("systems", "many"), ("systems", "5000")):
        response = client.post(
            url(assessment, f"q/{question}/answer/"),
            {"value": value, "revision": "1"},
            headers=HTMX,
        )
        assert response.status_code == 400 and b"Not saved" in response.content
    assert Answer.objects.get(question="policy").value == 2
    assert not Answer.objects.filter(question="systems").exists()


def test_a_stale_answer_shows_both_and_is_never_silently_saved(personas: Personas) -> None:
    assessment = started(personas.agency_a, personas.a_assessor)
    first, second = client_for(personas.a_assessor), client_for(personas.a_admin)
    first.post(url(assessment, "q/policy/answer/"), {"value": "2", "revision": "0"}, headers=HTMX)
    response = second.post(
        url(assessment, "q/policy/answer/"), {"value": "4", "revision": "0"}, headers=HTMX
    )
    assert response.status_code == 409
    assert b"changed this answer while you were answering" in response.content
    assert Answer.objects.get(question="policy").value == 2
    # The second person chooses to keep their answer, knowingly.
    again = second.post(
        url(assessment, "q/policy/answer/"), {"value": "4", "revision": "1"}, headers=HTMX
    )
    assert again.status_code == 200 and Answer.objects.get(question="policy").value == 4


def test_answering_reveals_the_questions_it_makes_visible(personas: Personas) -> None:
    assessment = started(personas.agency_a, personas.a_assessor)
    response = (
        client_for(personas.a_assessor)
        .post(url(assessment, "q/vendors/answer/"), {"value": "yes", "revision": "0"}, headers=HTMX)
        .content.decode()
    )
    assert 'id="q-contract"' in response and 'hx-swap-oob="true"' in response


def test_checkbox_matrix_and_justification(personas: Personas) -> None:
    assessment = started(personas.agency_a, personas.a_assessor)
    client = client_for(personas.a_assessor)
    client.post(
        url(assessment, "q/controls/answer/"), {"value": ["inventory", "quality"]}, headers=HTMX
    )
    client.post(url(assessment, "q/practices/answer/"), {"row-review": "always"}, headers=HTMX)
    client.post(url(assessment, "q/vendors/answer/"), {"value": "yes"}, headers=HTMX)
    client.post(
        url(assessment, "q/contract/answer/"),
        {"value": "na", "justification": "All systems are built in house."},
        headers=HTMX,
    )
    values = dict(Answer.objects.values_list("question", "value"))
    assert values["controls"] == ["inventory", "quality"]
    assert values["practices"] == {"review": "always"}
    assert Answer.objects.get(question="contract").justification.startswith("All systems")


def test_viewers_and_outsiders_cannot_answer(personas: Personas) -> None:
    assessment = started(personas.agency_a, personas.a_assessor)
    assert (
        client_for(personas.a_viewer)
        .post(url(assessment, "q/policy/answer/"), {"value": "2"})
        .status_code
        == 403
    )
    assert (
        client_for(personas.b_member)
        .post(url(assessment, "q/policy/answer/"), {"value": "2"})
        .status_code
        == 404
    )
    assert not Answer.objects.exists()


def test_mentions_must_name_members_of_the_agency(personas: Personas) -> None:
    assessment = started(personas.agency_a, personas.a_assessor)
    client = client_for(personas.a_assessor)
    ok = client.post(
        url(assessment, "q/policy/comment/"),
        {"body": f"@{personas.a_reviewer.email} can you check?"},
        headers=HTMX,
    )
    assert ok.status_code == 200
    comment = assessment.comments.get()
    assert list(comment.mentions.all()) == [personas.a_reviewer]
    task_list = client_for(personas.a_reviewer).get(url(assessment)).content.decode()
    assert "Comments that mention you" in task_list and "can you check?" in task_list
    refused = client.post(
        url(assessment, "q/policy/comment/"),
        {"body": f"@{personas.b_member.email} look"},
        headers=HTMX,
    )
    assert refused.status_code == 400 and b"No member of this agency uses" in refused.content
    assert b"look" in refused.content  # the typed comment is kept
    assert assessment.comments.count() == 1


def test_sections_are_assigned_to_members_only(personas: Personas) -> None:
    assessment = started(personas.agency_a, personas.a_assessor)
    client = client_for(personas.a_admin)
    client.post(url(assessment, "s/data/assign/"), {"assignee": personas.a_viewer.pk})
    assert assessment.assignments.get().assignee == personas.a_viewer
    client.post(url(assessment, "s/data/assign/"), {"assignee": personas.b_member.pk})
    assert assessment.assignments.get().assignee == personas.a_viewer


def test_section_page_queries_do_not_grow_with_answers_and_comments(
    personas: Personas,
    django_assert_max_num_queries: Callable[[int], AbstractContextManager[object]],
) -> None:
    assessment = started(personas.agency_a, personas.a_assessor)
    client = client_for(personas.a_assessor)
    client.get(url(assessment, "s/data/"))
    caches["fragments"].clear()  # count the queries of a section that is not cached
    with CaptureQueriesContext(connection) as few:
        client.get(url(assessment, "s/data/"))
    baseline = len(few)
    assert baseline <= 20
    for n in range(3):
        answer(assessment, "systems", n + 1, personas.a_assessor)
        client.post(url(assessment, "q/controls/comment/"), {"body": f"note {n}"})
        client.post(url(assessment, "q/notes/comment/"), {"body": f"note {n}"})
    answer(assessment, "controls", ["inventory"], personas.a_admin)
    client.get(url(assessment, "s/data/"))  # the layout's cached parts follow the new data
    caches["fragments"].clear()
    with django_assert_max_num_queries(baseline):
        assert client.get(url(assessment, "s/data/")).status_code == 200


def test_a_cached_section_shows_new_answers_and_its_forms_work_for_each_reader(
    personas: Personas,
) -> None:
    assessment = started(personas.agency_a, personas.a_assessor)
    readers = []
    for user in (personas.a_assessor, personas.a_admin):
        client = Client(enforce_csrf_checks=True)
        client.force_login(user)
        readers.append(client)
    for client in readers:
        client.get(url(assessment, "s/data/"))  # now cached for this reader
    answer(assessment, "systems", 7, personas.a_admin)
    for n, client in enumerate(readers, start=1):
        client.get(url(assessment, "s/data/"))
        page = client.get(url(assessment, "s/data/")).content.decode()  # from the cache
        assert f'value="{Answer.objects.get(question="systems").value}"' in page
        token = page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
        revision = Answer.objects.get(question="systems").revision
        response = client.post(
            url(assessment, "q/systems/answer/"),
            {"csrfmiddlewaretoken": token, "value": str(10 + n), "revision": str(revision)},
        )
        assert response.status_code == 302, response.status_code  # not 403: the token is theirs
    assert Answer.objects.get(question="systems").value == 12


def test_an_answer_given_after_the_session_expired_is_saved_after_signing_in_again(
    client: Client, personas: Personas
) -> None:
    import time_machine
    from django.utils import timezone

    from conftest import PASSWORD, totp_code
    from rai_toolkit.accounts.tests.test_sign_in import sign_in

    assessment = started(personas.agency_a, personas.a_assessor)
    start = timezone.now()
    with time_machine.travel(start):
        sign_in(client, personas.a_assessor.email)
    with time_machine.travel(start + timedelta(minutes=45)):
        response = client.post(
            url(assessment, "q/notes/answer/"),
            {"value": "Typed at length before lunch.", "revision": "0"},
            headers=HTMX,
        )
        assert response["HX-Redirect"] == "/accounts/login/?next=%2Faccounts%2Fresume%2F"
        assert not Answer.objects.exists()
        client.post(
            "/accounts/login/",
            {"login": personas.a_assessor.email, "password": PASSWORD, "next": "/accounts/resume/"},
        )
        client.post("/accounts/2fa/authenticate/", {"code": totp_code()})
        fields = dict(client.get("/accounts/resume/").context["pending"]["fields"])
        assert fields["value"] == "Typed at length before lunch."
        client.post(url(assessment, "q/notes/answer/"), fields)  # what the page sends by itself
    assert Answer.objects.get(question="notes").value == "Typed at length before lunch."
