import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from rai_toolkit import settings as project_settings


@pytest.mark.parametrize("password", ["short pass", "password1234", "123456789012345"])
def test_weak_passwords_are_refused(password: str) -> None:
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_long_uncommon_passphrase_is_accepted() -> None:
    validate_password("river lantern ochre 42 mosaic")


def test_minimum_length_is_at_least_twelve() -> None:
    assert settings.RAI_PASSWORD_MIN_LENGTH >= 12
    with pytest.raises(ValidationError, match="at least 12"):
        validate_password("Ab3$efghijk")


def test_passwords_are_stored_with_a_slow_key_derivation() -> None:
    # The suite swaps in a fast hasher; the project's own setting is what production uses.
    assert getattr(project_settings, "PASSWORD_HASHERS", None) is None  # Django's default list
    from django.conf import global_settings

    assert global_settings.PASSWORD_HASHERS[0].endswith("PBKDF2PasswordHasher")
