from django.urls import path

from rai_toolkit.reports import views

app_name = "reports"
R = "a/<slug:agency>/reports/"
urlpatterns = [
    path(R, views.report_list, name="list"),
    path(f"{R}sensitivity/", views.sensitivities, name="sensitivities"),
    path(f"{R}new/", views.request_report, name="request"),
    path(f"{R}<int:pk>/", views.detail, name="detail"),
    path(f"{R}<int:pk>/file.pdf", views.download, name="download"),
    path(f"{R}<str:kind>/<int:pk>/<str:language>/", views.printable, name="printable"),
]
