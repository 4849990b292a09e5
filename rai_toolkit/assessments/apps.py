from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "rai_toolkit.assessments"
    label = "assessments"
    verbose_name = "Assessments"

    def ready(self) -> None:
        from rai_toolkit.assessments.selectors import dashboard_card
        from rai_toolkit.core.dashboard import card

        card("assessments/_dashboard_card.html", dashboard_card)
