from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "rai_toolkit.core"
    label = "core"
    verbose_name = "Core"
