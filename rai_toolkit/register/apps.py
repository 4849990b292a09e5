from django.apps import AppConfig


class RegisterConfig(AppConfig):
    name = "rai_toolkit.register"
    label = "register"
    verbose_name = "AI-system register"
