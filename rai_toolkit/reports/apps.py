from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "rai_toolkit.reports"
    label = "reports"
    verbose_name = "Reports"

    def ready(self) -> None:
        from rai_toolkit.reports import checks  # noqa: F401  (registers the system check)
