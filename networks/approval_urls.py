from django.urls import path

from . import approval_views

app_name = "approvals"

urlpatterns = [
    path("", approval_views.ApprovalListView.as_view(), name="list"),
    path(
        "<slug:programme>/<slug:network_type>/<str:approved_on>/",
        approval_views.ApprovalDetailView.as_view(),
        name="detail",
    ),
    path(
        "<slug:programme>/<slug:network_type>/<str:approved_on>/phase-<int:phase>/",
        approval_views.ApprovalDetailView.as_view(),
        name="phase_detail",
    ),
]
