from django.apps import AppConfig


class BundlesConfig(AppConfig):
    name = "rai_toolkit.bundles"
    label = "bundles"
    verbose_name = "Export bundles"
