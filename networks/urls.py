from django.urls import path

from . import views
from .calendar import network_events_ics

app_name = "networks"

urlpatterns = [
    path("", views.NetworkListView.as_view(), name="list"),
    path("<slug:slug>/", views.NetworkDetailView.as_view(), name="detail"),
    path("<slug:slug>/events.ics", network_events_ics, name="events_ics"),
    path(
        "<slug:network_slug>/updates/<slug:slug>/",
        views.UpdateDetailView.as_view(),
        name="update",
    ),
]
