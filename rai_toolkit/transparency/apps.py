from django.apps import AppConfig


class TransparencyConfig(AppConfig):
    name = "rai_toolkit.transparency"
    label = "transparency"
    verbose_name = "Public transparency records"
