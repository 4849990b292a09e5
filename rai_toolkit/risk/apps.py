from django.apps import AppConfig


class RiskConfig(AppConfig):
    name = "rai_toolkit.risk"
    label = "risk"
    verbose_name = "Risk assessments"

    def ready(self) -> None:
        from rai_toolkit.core.dashboard import card
        from rai_toolkit.risk.dashboard import panel

        card("risk/_dashboard_card.html", panel)
