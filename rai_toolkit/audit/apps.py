from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "rai_toolkit.audit"
    label = "audit"
    verbose_name = "Audit trail"
