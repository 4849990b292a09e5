from django.urls import path

from rai_toolkit.transparency import views

app_name = "transparency"
urlpatterns = [
    path("a/<slug:agency>/systems/<int:pk>/public-record/", views.system_records, name="system"),
    path("a/<slug:agency>/systems/<int:pk>/public-record/draft/", views.draft, name="draft"),
    path("a/<slug:agency>/public-records/<int:pk>/publish/", views.publish, name="publish"),
    path("a/<slug:agency>/public-records/<int:pk>/unpublish/", views.unpublish, name="unpublish"),
    path("public/<slug:agency>/", views.agency_register, name="public"),
    path("public/<slug:agency>/records/<int:pk>.json", views.record_json, name="record_json"),
    path("public/<slug:agency>/records/<int:pk>.atrs.json", views.record_atrs, name="record_atrs"),
    path(
        "public/<slug:agency>/records/<int:pk>.algoritmeregister.json",
        views.record_nl,
        name="record_nl",
    ),
]
