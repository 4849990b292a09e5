from django.urls import path

from rai_toolkit.register import views

app_name = "register"
S = "a/<slug:agency>/systems/"
urlpatterns = [
    path(S, views.system_list, name="list"),
    path(f"{S}new/", views.create, name="create"),
    path(f"{S}register.json", views.export_json, name="export_json"),
    path(f"{S}<int:pk>/", views.detail, name="detail"),
    path(f"{S}<int:pk>/edit/", views.edit, name="edit"),
    path(f"{S}<int:pk>/triggers/", views.trigger, name="trigger"),
    path(f"{S}<int:pk>/files/", views.add_attachment, name="add_attachment"),
    path(f"{S}<int:pk>/files/<int:file>/", views.attachment, name="attachment"),
    path(
        f"{S}<int:pk>/files/<int:file>/remove/", views.remove_attachment, name="remove_attachment"
    ),
]
