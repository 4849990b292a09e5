from django.urls import path

from rai_toolkit.questionnaires import views

app_name = "questionnaires"
urlpatterns = [
    path("a/<slug:agency>/questionnaires/", views.questionnaire_list, name="list"),
    path("a/<slug:agency>/questionnaires/upload/", views.upload, name="upload"),
    path("a/<slug:agency>/questionnaires/<int:pk>/surveyjs.json", views.export, name="export"),
]
