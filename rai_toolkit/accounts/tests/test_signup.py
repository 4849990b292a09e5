from django.test import Client, override_settings

from rai_toolkit.accounts.models import User


def test_sign_up_is_closed_without_an_invitation(client: Client, db: None) -> None:
    response = client.get("/accounts/signup/")
    assert response.status_code == 200
    assert b"Sign Up Closed" in response.content
    client.post(
        "/accounts/signup/",
        {
            "email": "walk.in@nowhere.example",
            "full_name": "Walk In",
            "password1": "river lantern ochre 42",
            "password2": "river lantern ochre 42",
        },
    )
    assert not User.objects.exists()


@override_settings(RAI_SIGNUP_INVITATION_ONLY=False)
def test_open_sign_up_can_be_enabled(client: Client, db: None) -> None:
    response = client.post(
        "/accounts/signup/",
        {
            "email": "walk.in@nowhere.example",
            "full_name": "Walk In",
            "password1": "river lantern ochre 42",
            "password2": "river lantern ochre 42",
        },
    )
    assert response.status_code == 302
    assert User.objects.get(email="walk.in@nowhere.example").full_name == "Walk In"


def test_password_reset_does_not_reveal_whether_an_account_exists(client: Client, db: None) -> None:
    User.objects.create_user("real@agency.example", "river lantern ochre 42")
    real = client.post("/accounts/password/reset/", {"email": "real@agency.example"})
    ghost = client.post("/accounts/password/reset/", {"email": "ghost@agency.example"})
    assert real.status_code == ghost.status_code == 302
    assert real["Location"] == ghost["Location"]
