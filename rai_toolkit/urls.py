from django.urls import include, path

from rai_toolkit.accounts import views as account_views
from rai_toolkit.agencies import views as agency_views
from rai_toolkit.core import views as core_views

urlpatterns = [
    path("", agency_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/setlang/", account_views.set_language, name="set_language"),
    path("accounts/", include("rai_toolkit.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("rai_toolkit.agencies.urls")),
    path("", include("rai_toolkit.audit.urls")),
    path("toolkit/", include("rai_toolkit.knowledge.urls")),
    path("", include("rai_toolkit.assessments.urls")),
    path("", include("rai_toolkit.questionnaires.urls")),
    path("", include("rai_toolkit.register.urls")),
    path("", include("rai_toolkit.screening.urls")),
    path("", include("rai_toolkit.risk.urls")),
    path("", include("rai_toolkit.reports.urls")),
    path("", include("rai_toolkit.transparency.urls")),
    path("", include("rai_toolkit.bundles.urls")),
]
