from django.urls import path

from . import views

app_name = "registrations"

urlpatterns = [
    path("<slug:slug>/register/", views.register, name="register"),
    path("registration/cancel/<str:token>/", views.cancel, name="cancel"),
]
