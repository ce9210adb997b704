from django.urls import path

from . import city_views as views

app_name = "cities"

urlpatterns = [
    path("cities/<str:country>/<slug:slug>/", views.CityDetailView.as_view(), name="city"),
    path("countries/<str:code>/", views.CountryDetailView.as_view(), name="country"),
]
