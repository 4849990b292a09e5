from django.apps import AppConfig


class QuestionnairesConfig(AppConfig):
    name = "rai_toolkit.questionnaires"
    label = "questionnaires"
    verbose_name = "Questionnaire engine"
