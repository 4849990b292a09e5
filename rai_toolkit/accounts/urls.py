from django.urls import path

from rai_toolkit.accounts import views

app_name = "accounts"
urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("resume/", views.resume, name="resume"),
]
