from django.urls import path

from rai_toolkit.assessments import platform_views, result_views, views

app_name = "assessments"
A = "a/<slug:agency>/assessments/"
urlpatterns = [
    path(A, views.assessment_list, name="list"),
    path(f"{A}new/", views.start, name="start"),
    path(f"{A}<int:pk>/", views.detail, name="detail"),
    path(f"{A}<int:pk>/s/<str:section>/", views.section, name="section"),
    path(f"{A}<int:pk>/s/<str:section>/assign/", views.assign, name="assign"),
    path(f"{A}<int:pk>/q/<str:question>/answer/", views.answer, name="answer"),
    path(f"{A}<int:pk>/q/<str:question>/comment/", views.comment, name="comment"),
    path(f"{A}<int:pk>/q/<str:question>/evidence/", views.add_evidence, name="add_evidence"),
    path(f"{A}<int:pk>/evidence/<int:evidence>/", views.download_evidence, name="evidence"),
    path(
        f"{A}<int:pk>/evidence/<int:evidence>/remove/",
        views.remove_evidence,
        name="remove_evidence",
    ),
    path(f"{A}<int:pk>/submit/", views.submit, name="submit"),
    path(f"{A}<int:pk>/return/", views.return_for_changes, name="return"),
    path(f"{A}<int:pk>/finalise/", views.finalise, name="finalise"),
    path(f"{A}<int:pk>/results/", result_views.results_page, name="results"),
    path(f"{A}<int:pk>/results.json", result_views.results_json, name="results_json"),
    path(f"{A}<int:pk>/results.csv", result_views.results_csv, name="results_csv"),
    path(f"{A}<int:pk>/adopt/", result_views.adopt, name="adopt"),
    path("a/<slug:agency>/roadmap/", result_views.roadmap, name="roadmap"),
    path("a/<slug:agency>/roadmap/<int:pk>/", result_views.update_action, name="update_action"),
    path("platform/readiness/", platform_views.distribution_page, name="distribution"),
    path("methodology/readiness/", views.methodology, name="methodology"),
]
