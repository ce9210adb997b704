from django.urls import path

from .models import PageKind
from .views import PageView

app_name = "pages"

urlpatterns = [
    path("accessibility/", PageView.as_view(kind=PageKind.ACCESSIBILITY), name="accessibility"),
    path("privacy/", PageView.as_view(kind=PageKind.PRIVACY), name="privacy"),
]
