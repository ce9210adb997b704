from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.language_redirect, name="root"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("networks/", include("networks.urls")),
    path("events/", include("networks.event_urls")),
    path("", include("cities.urls")),
    path("news/", include("news.urls")),
    prefix_default_language=True,
)

if settings.BENCHMARK_FLOOR:
    urlpatterns.append(path("bench/floor/", views.benchmark_floor))

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = "urbact_portal.views.page_not_found"
handler500 = "urbact_portal.views.server_error"
