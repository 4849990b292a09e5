from django.apps import AppConfig


class AgenciesConfig(AppConfig):
    name = "rai_toolkit.agencies"
    label = "agencies"
    verbose_name = "Agencies"

    def ready(self) -> None:
        from rai_toolkit.accounts import signup
        from rai_toolkit.agencies import receivers  # noqa: F401  (connects signal handlers)
        from rai_toolkit.agencies.services import invitation_is_usable

        signup.register_reference_check(invitation_is_usable)
