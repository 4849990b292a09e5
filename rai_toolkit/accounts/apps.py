from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "rai_toolkit.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from rai_toolkit.accounts import receivers  # noqa: F401  (connects signal handlers)
