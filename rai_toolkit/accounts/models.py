from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rai_toolkit.core.validators import no_control_characters


class PlatformRole(models.TextChoices):
    PLATFORM_ADMIN = "platform_admin", _("Platform administrator")
    TOOLKIT_EDITOR = "toolkit_editor", _("Toolkit editor")
    HUB_MODERATOR = "hub_moderator", _("Hub moderator")


def validate_platform_roles(value: Any) -> None:
    if not isinstance(value, list) or any(role not in PlatformRole.values for role in value):
        raise ValidationError(_("Unknown platform role."))


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user


class User(AbstractBaseUser):
    """A person. What they may do in an agency comes from their memberships there."""

    email = models.EmailField(_("e-mail address"), max_length=254, unique=True)
    full_name = models.CharField(
        _("full name"), max_length=150, blank=True, validators=[no_control_characters]
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, blank=True)
    platform_roles = models.JSONField(
        _("platform roles"), default=list, blank=True, validators=[validate_platform_roles]
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_unique_ci")]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.full_name or self.email

    def has_platform_role(self, role: PlatformRole) -> bool:
        return role.value in self.platform_roles


class LoginFailure(models.Model):
    """One failed sign-in (password or second factor), kept for the lockout window."""

    identifier = models.CharField(max_length=254, db_index=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    ip = models.GenericIPAddressField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.identifier} at {self.at:%Y-%m-%d %H:%M}"


class Lockout(models.Model):
    identifier = models.CharField(max_length=254, unique=True)
    locked_until = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.identifier} until {self.locked_until:%Y-%m-%d %H:%M}"
