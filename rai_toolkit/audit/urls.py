from django.urls import path

from rai_toolkit.audit import views

app_name = "audit"
urlpatterns = [
    path("a/<slug:agency>/audit/", views.agency_trail, name="agency"),
    path("a/<slug:agency>/audit.csv", views.agency_trail_csv, name="agency_csv"),
    path("platform/audit/", views.platform_trail, name="platform"),
    path("platform/audit.csv", views.platform_trail_csv, name="platform_csv"),
]
