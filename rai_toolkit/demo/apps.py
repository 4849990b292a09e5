from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "rai_toolkit.demo"
    label = "demo"
    verbose_name = "Demo data"
