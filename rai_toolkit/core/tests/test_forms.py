"""Form errors are announced: a focusable summary linking to each field, and fields that point
to their own message."""

from collections.abc import Callable

from django.test import Client

from conftest import Personas
from rai_toolkit.accounts.models import User


def test_invalid_form_shows_a_linked_summary_and_described_fields(
    personas: Personas, login: Callable[[User | None], Client]
) -> None:
    response = login(personas.a_admin).post(
        "/a/agency-a/members/invite/", {"email": "not-an-address", "role": "viewer"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert 'class="alert alert-danger error-summary"' in html
    assert 'href="#id_email"' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_email_error"' in html
    assert 'id="id_email_error"' in html
    assert 'class="form-control"' in html and 'class="form-select"' in html
