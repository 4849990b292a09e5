from django.urls import path

from rai_toolkit.screening import views

app_name = "screening"
S = "a/<slug:agency>/systems/<int:pk>/screening/"
urlpatterns = [
    path(S, views.screen, name="screen"),
    path(f"{S}preview/", views.preview, name="preview"),
    path(f"{S}<int:screening>/", views.detail, name="detail"),
]
