from django.urls import path

from rai_toolkit.agencies import views

app_name = "agencies"
urlpatterns = [
    path("a/<slug:agency>/", views.dashboard, name="dashboard"),
    path("a/<slug:agency>/members/", views.members, name="members"),
    path("a/<slug:agency>/members/invite/", views.invite, name="invite"),
    path("a/<slug:agency>/members/<int:pk>/role/", views.change_role, name="change_role"),
    path("a/<slug:agency>/members/<int:pk>/remove/", views.remove_member, name="remove_member"),
    path(
        "a/<slug:agency>/invitations/<int:pk>/revoke/",
        views.revoke_invitation,
        name="revoke_invitation",
    ),
    path("a/<slug:agency>/settings/", views.agency_settings, name="settings"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("platform/agencies/", views.platform_agencies, name="platform"),
]
