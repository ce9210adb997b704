from django.urls import path

from . import attachments, views

app_name = "networks"

urlpatterns = [
    path("", views.NetworkListView.as_view(), name="list"),
    path("<slug:slug>/", views.NetworkDetailView.as_view(), name="detail"),
    path(
        "<slug:network_slug>/updates/<slug:slug>/",
        views.UpdateDetailView.as_view(),
        name="update",
    ),
    path(
        "<slug:network_slug>/updates/<slug:update_slug>/files/<int:pk>/",
        attachments.serve_attachment,
        name="attachment",
    ),
]
