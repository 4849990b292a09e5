from django.urls import path

from rai_toolkit.bundles import views

app_name = "bundles"
B = "a/<slug:agency>/bundles/"
urlpatterns = [
    path(B, views.index, name="index"),
    path(f"{B}export/", views.export, name="export"),
    path(f"{B}import/", views.import_view, name="import"),
]
