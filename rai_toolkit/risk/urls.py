from django.urls import path

from rai_toolkit.risk import step_views, views

app_name = "risk"
R = "a/<slug:agency>/risk/<int:pk>/"
urlpatterns = [
    path("a/<slug:agency>/systems/<int:pk>/risk/start/", views.start, name="start"),
    path("a/<slug:agency>/risks/", step_views.agency_register, name="register"),
    path("a/<slug:agency>/risks.csv", step_views.agency_register_csv, name="register_csv"),
    path(R, views.detail, name="detail"),
    path(f"{R}risks/new/", views.add_risk, name="add_risk"),
    path(f"{R}risks/<int:risk>/", views.risk_page, name="risk"),
    path(f"{R}risks/<int:risk>/rate/", views.rate, name="rate"),
    path(f"{R}risks/<int:risk>/mitigations/", views.add_mitigation, name="add_mitigation"),
    path(f"{R}mitigations/<int:mitigation>/", views.update_mitigation, name="update_mitigation"),
    path(f"{R}comment/", views.comment, name="comment"),
    path(f"{R}fria/", step_views.fria, name="fria"),
    path(f"{R}fria/save/", step_views.save_fria, name="save_fria"),
    path(f"{R}fria.json", step_views.fria_json, name="fria_json"),
    path(f"{R}export.json", step_views.export_json, name="export_json"),
    path(f"{R}submit/", step_views.submit, name="submit"),
    path(f"{R}return/", step_views.return_for_changes, name="return"),
    path(f"{R}review/", step_views.review, name="review"),
    path(f"{R}decide/", step_views.decide, name="decide"),
]
