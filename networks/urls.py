from django.urls import path

from . import attachments, feeds, library_views, views
from .calendar import network_events_ics

app_name = "networks"

urlpatterns = [
    path("", views.NetworkListView.as_view(), name="list"),
    path("<slug:slug>/", views.NetworkDetailView.as_view(), name="detail"),
    path("<slug:slug>/feed/", feeds.NetworkUpdatesFeed(), name="feed"),
    path("<slug:network_slug>/updates/", views.UpdateListView.as_view(), name="updates"),
    path("<slug:slug>/events.ics", network_events_ics, name="events_ics"),
    path(
        "<slug:network_slug>/outputs/",
        library_views.NetworkOutputListView.as_view(),
        name="outputs",
    ),
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
