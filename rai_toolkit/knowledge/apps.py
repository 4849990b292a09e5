from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "rai_toolkit.knowledge"
    label = "knowledge"
    verbose_name = "Toolkit knowledge base"
