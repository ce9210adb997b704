from django.urls import path

from . import library_views

app_name = "good_practices"

urlpatterns = [
    path("", library_views.GoodPracticeListView.as_view(), name="list"),
    path("<slug:slug>/", library_views.GoodPracticeDetailView.as_view(), name="detail"),
]
