from django.urls import path

from rai_toolkit.knowledge import editorial, panel_views, views

app_name = "knowledge"

_sections = [
    ("", views.home, "home"),
    ("glossary/", views.glossary, "glossary"),
    ("use-cases/", views.use_cases, "use_cases"),
    ("roles/", views.roles, "roles"),
    ("list/<slug:kind>/", views.listing, "list"),
]

urlpatterns = [
    path("search/", views.search, name="search"),
    path("editions/", views.editions, name="editions"),
    path("editions/new/", editorial.new_draft, name="new_draft"),
    path("preview/", editorial.preview, name="preview"),
    path("panels/", panel_views.panel_list, name="panels"),
    path("panels/new/", panel_views.new_panel, name="new_panel"),
    path("panels/<int:panel>/", panel_views.edit_panel, name="edit_panel"),
    path("panels/<int:panel>/delete/", panel_views.delete_panel, name="delete_panel"),
    path("panels/<int:panel>/members/", panel_views.add_member, name="add_panel_member"),
    path(
        "panels/<int:panel>/members/<int:member>/remove/",
        panel_views.remove_member,
        name="remove_panel_member",
    ),
    path("comments/<int:pk>/resolve/", editorial.resolve_comment, name="resolve_comment"),
    path("e/<int:number>/review/", editorial.review, name="review"),
    path("e/<int:number>/submit/", editorial.submit, name="submit"),
    path("e/<int:number>/reopen/", editorial.reopen, name="reopen"),
    path("e/<int:number>/approve/", editorial.approve, name="approve"),
    path("e/<int:number>/publish/", editorial.publish, name="publish"),
    path("e/<int:number>/new-item/", editorial.new_item, name="new_item"),
    path("e/<int:number>/edit/<path:item_id>/", editorial.edit_item, name="edit"),
    path("e/<int:number>/comment/<path:item_id>/", editorial.comment, name="comment"),
    path("e/<int:number>/diff/<path:item_id>/", views.diff, name="diff"),
    *(path(route, view, name=name) for route, view, name in _sections),
    *(
        path(f"e/<int:number>/{route}", view, name=f"edition_{name}")
        for route, view, name in _sections
    ),
    path("e/<int:number>/<path:item_id>/", views.item, name="edition_item"),
    path("<path:item_id>/", views.item, name="item"),
]
