from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "rai_toolkit.screening"
    label = "screening"
    verbose_name = "Screening"
